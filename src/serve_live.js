// Injected by `docket serve` into every HTML page it serves (never into built files).
// Reloads the page when the handbook changed, and shows the last check's errors in
// a compact bar pinned to the bottom of the window: one line (the summary, the first
// line of /__docket/errors) with a button that opens the diagnostics above it. The
// page gets room at its end for the bar, so the bar covers nothing. The diagnostics
// keep their columns (`white-space: pre`, scrolling sideways), so each caret stays
// under the text it marks on a phone too. No websockets: it asks the server for the
// version after its own, which the server answers when it changes (a long poll).
(function () {
  "use strict";
  var script = document.currentScript;
  var version = script ? script.getAttribute("data-version") : null;
  var hiddenKey = "docket-serve-hidden";
  var openKey = "docket-serve-open";
  var ID = "docket-serve-banner";

  function stored(key) {
    try { return sessionStorage.getItem(key); } catch (e) { return null; }
  }

  function store(key, value) {
    try {
      if (value === null) sessionStorage.removeItem(key);
      else sessionStorage.setItem(key, value);
    } catch (e) { /* private mode */ }
  }

  // Room at the end of the page for the bar, so that it never hides the last lines.
  var padding = null;
  function makeRoom(banner) {
    var body = document.body;
    if (padding === null) padding = body.style.paddingBottom;
    body.style.paddingBottom = banner ? banner.offsetHeight + "px" : padding;
  }

  function el(tag, css, text) {
    var e = document.createElement(tag);
    if (css) e.style.cssText = css;
    if (text != null) e.textContent = text;
    return e;
  }

  function build() {
    var banner = el("section",
      "position:fixed;left:0;right:0;bottom:0;z-index:2147483647;margin:0;" +
      "background:#fff4f4;color:#5c0000;border-top:3px solid #c62828;" +
      "box-shadow:0 -2px 8px rgba(0,0,0,0.25);text-align:left;" +
      "font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;");
    banner.id = ID;
    banner.setAttribute("aria-label", "docket serve: errors in the last build");
    var bar = el("div",
      "display:flex;align-items:center;gap:0.5rem;padding:0.35rem 0.5rem 0.35rem 0.75rem;");
    var summary = el("p",
      "flex:1 1 auto;min-width:0;margin:0;overflow:hidden;text-overflow:ellipsis;" +
      "white-space:nowrap;font-weight:600;");
    summary.setAttribute("role", "status");
    var buttonCss =
      "flex:none;margin:0;border:1px solid currentColor;border-radius:4px;" +
      "background:#fff;color:inherit;font:inherit;line-height:1.2;cursor:pointer;" +
      "padding:0.2rem 0.55rem;";
    var toggle = el("button", buttonCss, "Show");
    toggle.type = "button";
    toggle.setAttribute("aria-expanded", "false");
    toggle.setAttribute("aria-controls", ID + "-details");
    var close = el("button", buttonCss + "border-color:transparent;font-size:1.1rem;", "\u00d7");
    close.type = "button";
    close.setAttribute("aria-label", "Hide until the errors change");
    var pre = el("pre",
      "margin:0;padding:0.5rem 0.75rem;border:0;border-top:1px solid #e3b3b3;" +
      "border-radius:0;background:none;color:inherit;font:inherit;max-height:40vh;" +
      "overflow:auto;white-space:pre;overflow-wrap:normal;tab-size:4;");
    pre.id = ID + "-details";
    pre.tabIndex = 0;
    pre.setAttribute("aria-label", "The diagnostics");
    pre.hidden = true;
    toggle.onclick = function () {
      setOpen(banner, pre.hidden);
    };
    close.onclick = function () {
      store(hiddenKey, banner.getAttribute("data-text"));
      remove();
    };
    bar.appendChild(summary);
    bar.appendChild(toggle);
    bar.appendChild(close);
    banner.appendChild(pre);
    banner.appendChild(bar);
    document.body.appendChild(banner);
    return banner;
  }

  function setOpen(banner, open) {
    var pre = banner.querySelector("pre");
    var toggle = banner.querySelector("button");
    pre.hidden = !open;
    toggle.textContent = open ? "Hide" : "Show";
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    store(openKey, open ? "1" : null);
    makeRoom(banner);
  }

  function remove() {
    var banner = document.getElementById(ID);
    if (banner) banner.parentNode.removeChild(banner);
    makeRoom(null);
  }

  function show(text) {
    text = (text || "").replace(/\s+$/, "");
    if (!text || text === stored(hiddenKey)) {
      remove();
      return;
    }
    var banner = document.getElementById(ID) || build();
    var lines = text.split("\n");
    var details = lines.slice(1).join("\n").replace(/^\s*\n/, "");
    banner.setAttribute("data-text", text);
    banner.querySelector("p").textContent = lines[0];
    banner.querySelector("p").title = lines[0];
    banner.querySelector("pre").textContent = details;
    banner.querySelector("button").hidden = !details;
    setOpen(banner, !!details && stored(openKey) === "1");
  }

  function get(path) {
    return fetch(path, { cache: "no-store" }).then(function (r) { return r.text(); });
  }

  window.addEventListener("resize", function () {
    var banner = document.getElementById(ID);
    if (banner) makeRoom(banner);
  });
  get("/__docket/errors").then(show, function () {});
  // Asks for the version after this page's: the server answers when it changes
  // (or after a while, with the same one), so a change shows at once.
  function watch() {
    get("/__docket/version?after=" + encodeURIComponent(version || "")).then(function (v) {
      if (version !== null && v !== version) location.reload();
      else watch();
    }, function () { setTimeout(watch, 1000); /* the server is restarting or gone */ });
  }
  watch();
})();
