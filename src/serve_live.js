// Injected by `docket serve` into every HTML page it serves (never into built files).
// Reloads the page when the site was rebuilt, and shows the last rebuild's errors in
// a fixed banner. No websockets: it asks the server once a second.
(function () {
  "use strict";
  var script = document.currentScript;
  var version = script ? script.getAttribute("data-version") : null;
  var hiddenKey = "docket-serve-hidden";

  function hidden() {
    try { return sessionStorage.getItem(hiddenKey); } catch (e) { return null; }
  }

  function hide(text) {
    try { sessionStorage.setItem(hiddenKey, text); } catch (e) { /* private mode */ }
  }

  function show(text) {
    var banner = document.getElementById("docket-serve-banner");
    text = (text || "").replace(/\s+$/, "");
    if (!text || text === hidden()) {
      if (banner) banner.parentNode.removeChild(banner);
      return;
    }
    if (!banner) {
      banner = document.createElement("div");
      banner.id = "docket-serve-banner";
      banner.setAttribute("role", "alert");
      banner.style.cssText =
        "position:fixed;top:0;left:0;right:0;z-index:2147483647;max-height:45vh;" +
        "overflow:auto;margin:0;padding:0.75rem 2.75rem 0.75rem 1rem;" +
        "background:#fff4f4;color:#5c0000;border-bottom:3px solid #c62828;" +
        "box-shadow:0 2px 8px rgba(0,0,0,0.25);text-align:left;" +
        "font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;";
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = "\u00d7";
      close.setAttribute("aria-label", "Hide until the errors change");
      close.style.cssText =
        "position:absolute;top:0.35rem;right:0.6rem;border:0;background:none;" +
        "color:inherit;font-size:1.5rem;line-height:1;cursor:pointer;";
      var pre = document.createElement("pre");
      pre.style.cssText =
        "margin:0;padding:0;border:0;border-radius:0;background:none;" +
        "white-space:pre-wrap;font:inherit;color:inherit;";
      close.onclick = function () {
        hide(pre.textContent);
        banner.parentNode.removeChild(banner);
      };
      banner.appendChild(close);
      banner.appendChild(pre);
      document.body.appendChild(banner);
    }
    banner.lastChild.textContent = text;
  }

  function get(path) {
    return fetch(path, { cache: "no-store" }).then(function (r) { return r.text(); });
  }

  get("/__docket/errors").then(show, function () {});
  setInterval(function () {
    get("/__docket/version").then(function (v) {
      if (version !== null && v !== version) location.reload();
    }, function () { /* the server is restarting or gone */ });
  }, 1000);
})();
