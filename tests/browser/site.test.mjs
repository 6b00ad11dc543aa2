#!/usr/bin/env node
// Real-browser checks of a site built by `docket build`, in headless Chromium driven by
// playwright-core, with an axe-core accessibility audit. tests/browser.rs builds a
// fixture handbook and runs this script; it also runs on any built site:
//
//   node tests/browser/site.test.mjs SITE_DIR SCREENSHOT_DIR [--search WORD]...
//        [--port PORT --based BASED_DIR] [--serve SERVE_URL] [--kinds KINDS_DIR]
//
// The site is opened twice: from file:// and from a local HTTP server that serves it
// under a sub-path (http://127.0.0.1:PORT/handbook/), because SPEC §6 promises both.
// With --based, the server also serves BASED_DIR (the same handbook built with
// --base-url http://127.0.0.1:PORT/based/) under /based/ the way a static host does,
// answering a missing address with its 404.html: a missing page in a folder must show
// a styled 404 page. With --serve, the URL of a running `docket serve` of a handbook
// with errors: its 404 page in a folder must be styled too, and its error bar must
// stay one line at the bottom until opened, and keep carets under what they mark.
// With --kinds, a site built from a monorepo (decisions in several folders) with a
// kind of the team's own that has a facet (issue 12): the decision index's folder and
// state filters and the kind's facet filter must show exactly the rows they name,
// from the form and from the address, opened from file://.
// Each --search WORD (default: zanzibarite) must be a word that only decision bodies
// contain: searching for it must find every decision whose page has the word, and
// nothing that lacks it. Chromium comes from $CHROMIUM or /usr/bin/chromium; this
// script never downloads a browser. Exits 1 when a check fails, 2 when it cannot run.

import { chromium } from "playwright-core";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { pagePolicy, policyProblems, watchPolicy } from "./policy.mjs";

const require = createRequire(import.meta.url);
// Evaluated, not added as a script tag: the pages' security policy refuses inline
// scripts, and the DevTools protocol's evaluation is not one.
const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const PREFIX = "/handbook/";
const TIMEOUT_MS = 20_000; // one browser action; the whole run has WATCHDOG_MS
const WATCHDOG_MS = 5 * 60_000;

// ---------------------------------------------------------------- arguments

function usage(message) {
  console.error(`site.test.mjs: ${message}`);
  console.error(
    "usage: node site.test.mjs SITE_DIR SCREENSHOT_DIR [--search WORD]... [--port PORT --based DIR] [--serve URL] [--kinds DIR]",
  );
  process.exit(2);
}

const positional = [];
const searchWords = [];
const options = { port: 0, based: null, serve: null, kinds: null };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === "--search" || a === "--search-word") {
    if (i + 1 >= process.argv.length) usage(`${a} needs a word`);
    searchWords.push(process.argv[++i].toLowerCase());
  } else if (["--port", "--based", "--serve", "--kinds"].includes(a)) {
    if (i + 1 >= process.argv.length) usage(`${a} needs a value`);
    options[a.slice(2)] = process.argv[++i];
  } else if (a.startsWith("--")) {
    usage(`unknown option ${a}`);
  } else {
    positional.push(a);
  }
}
if (positional.length !== 2) usage("expected SITE_DIR and SCREENSHOT_DIR");
if (!searchWords.length) searchWords.push("zanzibarite");
const SITE = fs.realpathSync(path.resolve(positional[0]));
const SHOTS = path.resolve(positional[1]);
const BASED = options.based && fs.realpathSync(path.resolve(options.based));
const BASED_PREFIX = "/based/";
const SERVE = options.serve && new URL(options.serve).href;
const KINDS = options.kinds && fs.realpathSync(path.resolve(options.kinds));
fs.mkdirSync(SHOTS, { recursive: true });
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

setTimeout(() => {
  console.error(`site.test.mjs: gave up after ${WATCHDOG_MS / 1000} s (a hang?)`);
  process.exit(1);
}, WATCHDOG_MS).unref();

// ---------------------------------------------------------------- the fixture's facts

/** A file of the site; `rel` is a path or a (percent-encoded) site URL. */
function readSite(rel) {
  return fs.readFileSync(path.join(SITE, decodeURIComponent(rel)), "utf8");
}

/** The visible text of an HTML file, lowercased, roughly: enough to find a word. */
function textOf(rel) {
  return readSite(rel)
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .toLowerCase();
}

function hasWord(rel, word) {
  return new RegExp(`(^|[^\\p{L}\\p{N}])${word}([^\\p{L}\\p{N}]|$)`, "u").test(textOf(rel));
}

let decisions;
try {
  decisions = JSON.parse(readSite("decisions.json")).decisions;
} catch (e) {
  usage(`cannot read ${path.join(SITE, "decisions.json")}: ${e.message}`);
}
if (!Array.isArray(decisions) || decisions.length === 0) usage("decisions.json lists no decisions");
for (const rel of ["index.html", "decisions/index.html", "search.html"]) {
  if (!fs.existsSync(path.join(SITE, rel))) usage(`${rel} is missing from ${SITE}`);
}
// The decision page to look at closely: one with a supersession, if any (it uses the
// most of the template), else the first.
const decision =
  decisions.find((d) => d.superseded_by != null) ||
  decisions.find((d) => (d.supersedes || []).length) ||
  decisions[0];
const statuses = [...new Set(decisions.map((d) => d.status))].sort();
const searches = searchWords.map((word) => {
  const expected = decisions.filter((d) => hasWord(d.url, word)).map((d) => d.url);
  if (!expected.length) usage(`no decision page contains the search word “${word}”`);
  return { word, expected };
});

// ---------------------------------------------------------------- the HTTP server

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
};

/** Requests the server answered with 404, except the browser's own /favicon.ico. */
const notFound = [];

/** The file a request path names, or null. Folders are not served: SPEC §6 says links
 * always name the file, so a link to `decisions/` would break on file:// and on some
 * static hosts, and must fail here too. */
function fileFor(pathname) {
  if (!pathname.startsWith(PREFIX)) return null;
  let rel;
  try {
    rel = decodeURIComponent(pathname.slice(PREFIX.length));
  } catch {
    return null;
  }
  const file = path.resolve(SITE, rel);
  if (file !== SITE && !file.startsWith(SITE + path.sep)) return null;
  try {
    return fs.statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

/** The file of the based site a request path names, or null. */
function basedFileFor(pathname) {
  let rel;
  try {
    rel = decodeURIComponent(pathname.slice(BASED_PREFIX.length));
  } catch {
    return null;
  }
  const file = path.resolve(BASED, rel);
  if (file !== BASED && !file.startsWith(BASED + path.sep)) return null;
  try {
    return fs.statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

function sendFile(req, res, status, file) {
  res.writeHead(status, {
    "content-type": MIME[path.extname(file).toLowerCase()] || "application/octet-stream",
    "x-content-type-options": "nosniff",
    "cache-control": "no-store",
  });
  if (req.method === "HEAD") res.end();
  else fs.createReadStream(file).pipe(res);
}

const server = http.createServer((req, res) => {
  const { pathname } = new URL(req.url, "http://localhost");
  // The based site, as a static host serves one: a missing address gets 404.html
  // (in any folder) with status 404.
  if (BASED && pathname.startsWith(BASED_PREFIX)) {
    const file = basedFileFor(pathname);
    if (file) sendFile(req, res, 200, file);
    else sendFile(req, res, 404, path.join(BASED, "404.html"));
    return;
  }
  const file = req.method === "GET" || req.method === "HEAD" ? fileFor(pathname) : null;
  if (!file) {
    if (pathname !== "/favicon.ico") notFound.push({ url: req.url, from: req.headers.referer || "" });
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
    res.end("not found\n");
    return;
  }
  sendFile(req, res, 200, file);
});
await new Promise((resolve) => server.listen(Number(options.port) || 0, "127.0.0.1", resolve));
const HTTP_BASE = `http://127.0.0.1:${server.address().port}${PREFIX}`;
const FILE_BASE = pathToFileURL(SITE + path.sep).href;

// ---------------------------------------------------------------- checks and reports

const results = [];

async function check(name, fn) {
  try {
    const note = await fn();
    results.push({ name, ok: true });
    console.log(`ok    ${name}${note ? ` (${note})` : ""}`);
  } catch (e) {
    results.push({ name, ok: false });
    const message = ((e && e.message) || String(e)).replace(/\x1b\[[0-9;]*m/g, "");
    console.log(`FAIL  ${name}\n${message.replace(/^/gm, "      ")}`);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

function sameList(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

// ---------------------------------------------------------------- the browser

let browser;
try {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
} catch (e) {
  console.error(`site.test.mjs: cannot start Chromium (${CHROMIUM}): ${e.message}`);
  server.close();
  process.exit(2);
}

/** Every Content-Security-Policy violation on any page opened, and the pages whose
 * policy `<meta>` was looked at. */
const violations = [];
const policyChecked = new Set();

async function newContext(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  context.setDefaultTimeout(TIMEOUT_MS);
  await watchPolicy(context, violations);
  return context;
}

/** Opens `rel` and records what goes wrong on the page: console errors, uncaught
 * exceptions, failed requests and HTTP errors. */
async function open(context, base, rel) {
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => {
    // Chromium asks the host for /favicon.ico, outside the site's sub-path: not a
    // request the site makes (the server does not count it either).
    if (m.type() === "error" && !(m.location() && /\/favicon\.ico$/.test(m.location().url || ""))) {
      const where = m.location() && m.location().url ? ` at ${m.location().url}` : "";
      problems.push(`console error: ${m.text()}${where}`);
    }
  });
  page.on("pageerror", (e) => problems.push(`uncaught exception: ${e.stack || e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on("response", (r) => {
    if (r.status() >= 400 && !r.url().endsWith("/favicon.ico")) {
      problems.push(`HTTP ${r.status()}: ${r.url()}`);
    }
  });
  const url = new URL(rel, base).href;
  const response = await page.goto(url, { waitUntil: "load" });
  if (response && response.status() >= 400) problems.push(`HTTP ${response.status()} for the page itself`);
  problems.push(...policyProblems(await pagePolicy(page)));
  policyChecked.add(url);
  return { page, problems, url };
}

/** Rows of the decision index (or of a kind's index) as the reader sees them. */
async function indexRows(page) {
  return page.$$eval("#decision-index tbody tr", (rows) =>
    rows.map((r) => ({
      status: r.getAttribute("data-status"),
      state: r.getAttribute("data-state"),
      folder: r.getAttribute("data-folder"),
      facets: JSON.parse(r.getAttribute("data-facets") || "{}"),
      visible: r.getClientRects().length > 0 && getComputedStyle(r).visibility !== "hidden",
      href: r.querySelector("a") ? r.querySelector("a").href : null,
    })),
  );
}

async function axeAudit(page, label) {
  await page.evaluate(AXE);
  // axe preloads the style sheets with XMLHttpRequest, which Chromium refuses on
  // file:// (and logs as a console error that is axe's, not the site's).
  const preload = !page.url().startsWith("file:");
  const result = await page.evaluate(
    (preload) => window.axe.run(document, { resultTypes: ["violations"], preload }),
    preload,
  );
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const other = result.violations.filter((v) => !bad.includes(v));
  const describe = (v) =>
    [
      `[${v.impact}] ${v.id}: ${v.help}`,
      `  ${v.helpUrl}`,
      ...v.nodes.slice(0, 8).flatMap((n) => [
        `  - ${n.target.join(" ")}`,
        `    ${n.html.slice(0, 200).replace(/\s+/g, " ")}`,
        ...(n.failureSummary || "").split("\n").map((l) => `    ${l}`),
      ]),
      ...(v.nodes.length > 8 ? [`  … and ${v.nodes.length - 8} more`] : []),
    ].join("\n");
  for (const v of other) {
    console.log(`note  ${label}: axe (${v.impact}, not failing)\n${describe(v).replace(/^/gm, "      ")}`);
  }
  assert(!bad.length, `${bad.length} serious or critical axe violation(s):\n${bad.map(describe).join("\n")}`);
  return other.length ? `${other.length} minor/moderate, see notes` : "no violations";
}

/** Every link on the page that stays on the site must name a file that exists, and a
 * fragment must name an id on the target page. */
async function checkLinks(page, base, origin) {
  const hrefs = await page.$$eval("a[href]", (as) => as.map((a) => a.href));
  const problems = [];
  let checked = 0;
  for (const href of new Set(hrefs)) {
    const u = new URL(href);
    const fragment = u.hash ? decodeURIComponent(u.hash.slice(1)) : "";
    u.hash = "";
    let rel;
    if (origin === "http") {
      if (u.origin !== new URL(base).origin) continue; // another site
      if (!u.pathname.startsWith(PREFIX)) {
        problems.push(`${href} leaves the sub-path ${PREFIX} (an absolute link?)`);
        continue;
      }
      checked++;
      const res = await fetch(u.href, { redirect: "manual" });
      if (res.status !== 200) {
        problems.push(`${href}: HTTP ${res.status}`);
        continue;
      }
      await res.arrayBuffer();
      rel = decodeURIComponent(u.pathname.slice(PREFIX.length));
    } else {
      if (u.protocol !== "file:") continue; // another site
      checked++;
      const file = decodeURIComponent(u.pathname);
      if (!file.startsWith(SITE + path.sep)) {
        problems.push(`${href} points outside the site folder`);
        continue;
      }
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
        problems.push(`${href}: no such file`);
        continue;
      }
      rel = path.relative(SITE, file);
    }
    if (fragment && rel.endsWith(".html")) {
      const html = readSite(rel);
      const esc = fragment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      if (!new RegExp(`\\s(id|name)=["']?${esc}["'\\s>]`).test(html)) {
        problems.push(`${href}: ${rel} has no element with id “${fragment}”`);
      }
    }
  }
  assert(!problems.length, problems.join("\n"));
  return `${checked} links`;
}

const pages = [
  { key: "home", rel: "index.html", title: "home" },
  { key: "decisions", rel: "decisions/index.html", title: "decision index" },
  { key: "decision", rel: decision.url, title: `decision ${decision.id}` },
];
// The charter, where there is one (the page the home page links as "Read the
// charter"), after the three main pages.
const charterHref = (readSite("index.html").match(/<a href="([^"]+)">Read the charter<\/a>/) || [])[1];
const charterPage = charterHref && { key: "charter", rel: charterHref, title: "charter" };

// The team pages, where the site has them: the metrics dashboard, the meetings,
// updates and people pages, the newest day of updates, and a person (one with an old
// open blocker, if any: that page uses the most of its template).
function listDir(rel) {
  try {
    return fs.readdirSync(path.join(SITE, rel)).sort();
  } catch {
    return [];
  }
}
const days = listDir("updates").filter((d) => fs.existsSync(path.join(SITE, "updates", d, "index.html")));
const day = days[days.length - 1];
const people = listDir("people").filter((f) => f.endsWith(".html") && f !== "index.html");
const person =
  people.find((f) => readSite(`people/${f}`).includes("flag-stale")) ||
  people.find((f) => readSite(`people/${f}`).includes('class="item-list blockers"')) ||
  people[0];
const teamPages = [
  { key: "metrics", rel: "metrics.html", title: "metrics dashboard" },
  { key: "meetings", rel: "meetings/index.html", title: "meetings page" },
  { key: "updates", rel: "updates/index.html", title: "updates page" },
  { key: "day", rel: day && `updates/${day}/index.html`, title: `updates of ${day}` },
  { key: "people", rel: "people/index.html", title: "people page" },
  { key: "person", rel: person && `people/${person}`, title: `person page ${person}` },
].filter((p) => p.rel && fs.existsSync(path.join(SITE, p.rel)));
if (charterPage) pages.push(charterPage);
pages.push(...teamPages);
const hasStrip = teamPages.some((p) => p.key === "people") && readSite("people/index.html").includes('class="strip"');

/** Checks that the strips' hour labels do not overlap and that every block label
 * fits its block, as drawn at the page's current width. */
async function stripLayout(page) {
  return page.evaluate(() => {
    const shown = (e) => e.getClientRects().length > 0 && getComputedStyle(e).display !== "none";
    const problems = [];
    document.querySelectorAll(".strip").forEach((strip) => {
      const ticks = [...strip.querySelectorAll(".strip-tick")].filter(shown).map((t) => t.getBoundingClientRect());
      for (let i = 1; i < ticks.length; i++) {
        if (ticks[i].left < ticks[i - 1].right) problems.push(`hour labels ${i - 1} and ${i} overlap`);
      }
      const track = strip.querySelector(".strip-axis").getBoundingClientRect();
      ticks.forEach((t, i) => {
        if (t.left < track.left - 1 || t.right > track.right + 1) problems.push(`hour label ${i} sticks out of the strip`);
      });
      strip.querySelectorAll(".strip-label").forEach((l) => {
        if (!shown(l)) return;
        // The label is drawn on its block, the shape before it.
        const block = l.previousElementSibling.getBoundingClientRect();
        const r = l.getBoundingClientRect();
        if (r.width > block.width + 0.5) problems.push(`label “${l.textContent}” is wider than its block`);
      });
      strip.querySelectorAll(".strip-name").forEach((n) => {
        if (n.scrollWidth > n.clientWidth + 1 && !n.closest(".strip-axis-row")) {
          // An ellipsis is fine, but the full name must be in the table below.
          const name = n.textContent.trim();
          if (!document.querySelector("#hours-table").textContent.includes(name)) problems.push(`name “${name}” is cut and not in the table`);
        }
      });
    });
    return problems;
  });
}

async function originChecks(origin, base) {
  const tag = origin === "http" ? `http ${PREFIX}` : "file://";
  const context = await newContext();
  const seen = []; // {label, problems} of every page opened with JavaScript on

  // (a) every decision is listed.
  const index = await open(context, base, "decisions/index.html");
  seen.push({ label: "decision index", problems: index.problems });
  await check(`[${tag}] decision index lists every decision of decisions.json`, async () => {
    const rows = await indexRows(index.page);
    assert(
      rows.length === decisions.length,
      `${rows.length} rows in #decision-index, decisions.json has ${decisions.length}`,
    );
    const linked = rows.map((r) => r.href).sort();
    const wanted = decisions.map((d) => new URL(d.url, base).href).sort();
    assert(sameList(linked, wanted), `rows link to\n  ${linked.join("\n  ")}\nexpected\n  ${wanted.join("\n  ")}`);
    assert(rows.every((r) => r.visible), "not every row is visible before filtering");
    return `${rows.length} rows`;
  });

  // (b) the status filter.
  await check(`[${tag}] status filter shows only rows of the chosen status`, async () => {
    const select = index.page.locator('.filters select[data-filter="status"]');
    await select.waitFor({ state: "visible" });
    for (const status of statuses) {
      await select.selectOption(status);
      const rows = await indexRows(index.page);
      const shown = rows.filter((r) => r.visible);
      const want = decisions.filter((d) => d.status === status).length;
      assert(
        shown.every((r) => r.status === status),
        `status “${status}”: visible rows include ${shown.map((r) => r.status).join(", ")}`,
      );
      assert(shown.length === want, `status “${status}”: ${shown.length} rows visible, expected ${want}`);
      // The caption says what the table shows now.
      const caption = await index.page.locator("#decision-index caption").innerText();
      const said = `Decisions: status ${status} (${want} of ${decisions.length})`;
      assert(caption === said, `status “${status}”: the caption says “${caption}”, expected “${said}”`);
    }
    await select.selectOption("");
    const all = (await indexRows(index.page)).filter((r) => r.visible).length;
    assert(all === decisions.length, `“Any status” shows ${all} of ${decisions.length} rows`);
    const caption = await index.page.locator("#decision-index caption").innerText();
    assert(caption === "All decisions, by id", `without filters the caption says “${caption}”`);
    // A filter in the address (the tag links use it) applies on load.
    const status = statuses[0];
    const linked = await open(context, base, `decisions/index.html?status=${encodeURIComponent(status)}`);
    seen.push({ label: "decision index with ?status=", problems: linked.problems });
    const rows = (await indexRows(linked.page)).filter((r) => r.visible);
    const want = decisions.filter((d) => d.status === status).length;
    assert(
      rows.length === want && rows.every((r) => r.status === status),
      `?status=${status}: ${rows.length} rows visible (${rows.map((r) => r.status).join(", ")}), expected ${want}`,
    );
    await linked.page.close();
    return statuses.join(", ");
  });

  // (c) search, from the home page, from a page one folder down (whose links start
  // with ../), and on search.html.
  const home = await open(context, base, "index.html");
  seen.push({ label: "home", problems: home.problems });
  const hitsOf = (page, container) =>
    page.$$eval(`${container} a.search-hit`, (as) => as.map((a) => a.href));
  for (const { word, expected } of searches) {
    const wanted = expected.map((u) => new URL(u, base).href);
    const verify = (hits, where) => {
      const missing = wanted.filter((u) => !hits.includes(u));
      assert(!missing.length, `${where}: results lack ${missing.join(", ")}; they are:\n  ${hits.join("\n  ")}`);
      const wrong = hits.filter((h) => {
        const rel = decodeURIComponent(new URL(h).pathname).slice(decodeURIComponent(new URL(base).pathname).length);
        return !fs.existsSync(path.join(SITE, rel)) || !hasWord(rel, word);
      });
      assert(!wrong.length, `${where}: results that do not contain “${word}”: ${wrong.join(", ")}`);
    };
    await check(`[${tag}] search box finds “${word}”`, async () => {
      for (const p of [home.page, index.page]) {
        const box = p.locator("#search");
        await box.fill("");
        await box.pressSequentially(word);
        // Exactly the decisions with the word (only their bodies have it): the
        // results of a prefix typed on the way ("quo") may hold them too, and more,
        // when a slow machine lets the search run between two keys.
        await p.waitForFunction(
          (urls) => {
            const hits = [...document.querySelectorAll("#search-results a.search-hit")].map((a) => a.href);
            return hits.length === urls.length && urls.every((u) => hits.includes(u));
          },
          wanted,
          { timeout: TIMEOUT_MS },
        ).catch(async () => {
          const shown = await p.locator("#search-results").innerText().catch(() => "");
          throw new Error(`${p.url()}: no result links to ${wanted.join(", ")}; the dropdown says:\n${shown}`);
        });
        verify(await hitsOf(p, "#search-results"), p.url());
        const first = p.locator("#search-results a.search-hit").first();
        assert(await first.isVisible(), `${p.url()}: the results are not visible`);
      }
      // Choosing a result opens it.
      const link = index.page.locator("#search-results a.search-hit", {
        has: index.page.locator(".search-title"),
      });
      const target = await link.first().getAttribute("href");
      await Promise.all([index.page.waitForURL((u) => u.href === new URL(target, index.url).href), link.first().click()]);
      await index.page.goto(index.url); // back to the index for the checks below
      return `${expected.length} decision(s)`;
    });
    await check(`[${tag}] search.html?q=${word} lists the decision`, async () => {
      const s = await open(context, base, `search.html?q=${encodeURIComponent(word)}`);
      seen.push({ label: "search page", problems: s.problems });
      await s.page
        .locator("#search-page-results a.search-hit")
        .first()
        .waitFor()
        .catch(async (e) => {
          const said = await s.page.locator("#search-page").innerText().catch(() => "");
          const why = s.problems.length ? `\n${s.problems.join("\n")}` : "";
          throw new Error(`no results appeared (${e.message.split("\n")[0]}); the page says:\n${said}${why}`);
        });
      verify(await hitsOf(s.page, "#search-page-results"), "search.html");
      assert(!(await s.page.locator(".search-fallback").isVisible()), "the no-JavaScript notice shows");
      await s.page.close();
    });
  }

  // (e) accessibility, and (h) links, of the three main pages.
  const opened = { home, decisions: index };
  const dec = await open(context, base, decision.url);
  seen.push({ label: pages[2].title, problems: dec.problems });
  opened.decision = dec;
  if (charterPage) {
    opened.charter = await open(context, base, charterPage.rel);
    seen.push({ label: charterPage.title, problems: opened.charter.problems });
  }
  for (const p of teamPages) {
    opened[p.key] = await open(context, base, p.rel);
    seen.push({ label: p.title, problems: opened[p.key].problems });
  }
  await check(`[${tag}] the home page's health strip leads to each target's row on the metrics page`, async () => {
    const links = await home.page.$$eval("section.health a", (as) => as.map((a) => ({ href: a.href, text: a.textContent.replace(/\s+/g, " ").trim() })));
    assert(links.length >= 5, `the health strip has ${links.length} links`);
    const said = await home.page.locator("section.health").innerText();
    assert(/\b(met|not met|unknown)\b/i.test(said), `the strip says neither met nor not met: ${said}`);
    const m = await context.newPage();
    for (const l of links) {
      const u = new URL(l.href);
      assert(u.pathname.endsWith("metrics.html") && u.hash.startsWith("#target-"), `“${l.text}” links ${l.href}`);
      await m.goto(l.href, { waitUntil: "load" });
      const row = m.locator(u.hash.replace(/\./g, "\\."));
      assert((await row.count()) === 1, `metrics.html has no ${u.hash} for “${l.text}”`);
      assert(await row.isVisible(), `${u.hash} is not shown on metrics.html`);
    }
    await m.close();
    return `${links.length} targets`;
  });
  if (opened.updates) {
    await check(`[${tag}] a blocker states one age, to the newest update`, async () => {
      const ages = await opened.updates.page.$$eval(".blocker-age", (es) => es.map((e) => e.textContent.replace(/\s+/g, " ").trim()));
      assert(ages.length > 0, "no blocker ages on the updates page");
      const two = ages.filter((a) => /\bago\b/.test(a) || (a.match(/\d+ (day|hour)s?\b/g) || []).length > 1);
      assert(!two.length, `two ages in one sentence:\n  ${two.join("\n  ")}`);
      return `${ages.length} ages`;
    });
  }
  if (hasStrip) {
    await check(`[${tag}] the availability strip marks the current time and local times`, async () => {
      const page = opened.people.page;
      const tracks = await page.locator(".strip .strip-track:not(.strip-axis)").count();
      const marks = await page.locator(".strip .strip-now").count();
      assert(tracks > 0 && marks === tracks, `${marks} current-time marks for ${tracks} rows`);
      const label = await page.locator(".strip .strip-now-label").innerText();
      assert(/^now \d\d:\d\d$/.test(label), `the axis says “${label}”`);
      const zones = await page.locator("#hours-table [data-timezone]").count();
      const local = await page.locator("#hours-table .local-time").count();
      assert(local === zones, `${local} local times for ${zones} time zones`);
      const problems = await stripLayout(page);
      assert(!problems.length, problems.join("\n"));
      return `${tracks} rows`;
    });
  }
  for (const p of pages) {
    await check(`[${tag}] axe: ${p.title} has no serious or critical violation`, () =>
      axeAudit(opened[p.key].page, `[${tag}] ${p.title}`),
    );
  }
  for (const p of pages) {
    await check(`[${tag}] every internal link of the ${p.title} resolves`, () =>
      checkLinks(opened[p.key].page, base, origin),
    );
  }

  // (d) no errors anywhere, checked last so that it covers the interactions above.
  await check(`[${tag}] no console errors, page errors or failed requests`, async () => {
    const problems = seen.flatMap((s) => s.problems.map((p) => `${s.label}: ${p}`));
    assert(!problems.length, [...new Set(problems)].join("\n"));
    return `${seen.length} pages`;
  });
  await context.close();

  // (g) without JavaScript the team pages are complete: the strip is drawn, ages are
  // written, and nothing pretends to be live.
  if (hasStrip) {
    await check(`[${tag}] without JavaScript the people page has the whole strip`, async () => {
      const noJs = await newContext({ javaScriptEnabled: false });
      try {
        const p = await open(noJs, base, "people/index.html");
        const rows = await p.page.locator(".strip .strip-row:not(.strip-axis-row):not(.strip-overlap-row)").count();
        const people = await p.page.locator("#hours-table tbody tr").count();
        assert(rows > 0 && rows === people, `${rows} strip rows, ${people} people in the table`);
        const blocks = await p.page.locator(".strip .strip-block").count();
        assert(blocks >= people, `only ${blocks} blocks drawn`);
        assert((await p.page.locator(".strip-now").count()) === 0, "a current-time mark without JavaScript");
        return `${rows} rows, ${blocks} blocks`;
      } finally {
        await noJs.close();
      }
    });
  }

  // (f) without JavaScript the index is the full table.
  await check(`[${tag}] without JavaScript the decision index shows all rows`, async () => {
    const noJs = await newContext({ javaScriptEnabled: false });
    try {
      const p = await open(noJs, base, "decisions/index.html");
      const rows = await indexRows(p.page);
      const shown = rows.filter((r) => r.visible).length;
      assert(
        rows.length === decisions.length && shown === decisions.length,
        `${shown} of ${rows.length} rows visible, decisions.json has ${decisions.length}`,
      );
      assert(!(await p.page.locator(".filters").isVisible()), "the filters (which need JavaScript) show");
      const s = await open(noJs, base, "search.html");
      assert(await s.page.locator(".search-fallback").isVisible(), "search.html does not say that search needs JavaScript");
      return `${shown} rows`;
    } finally {
      await noJs.close();
    }
  });
}

async function screenshots(base) {
  const shots = [];
  for (const scheme of ["light", "dark"]) {
    const context = await newContext({ colorScheme: scheme });
    for (const p of pages) {
      const { page } = await open(context, base, p.rel);
      const file = path.join(SHOTS, `${p.key}-${scheme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      shots.push(file);
      // Contrast and the rest again in the dark theme, which has its own colours.
      if (scheme === "dark") {
        await check(`[dark] axe: ${p.title} has no serious or critical violation`, () =>
          axeAudit(page, `[dark] ${p.title}`),
        );
      }
    }
    // The search dropdown, open on the home page.
    const { page } = await open(context, base, "index.html");
    await page.locator("#search").pressSequentially(searches[searches.length - 1].word);
    await page.locator("#search-results a.search-hit").first().waitFor();
    const file = path.join(SHOTS, `search-${scheme}.png`);
    await page.screenshot({ path: file });
    shots.push(file);
    await check(`[${scheme}] axe: home with the search results open`, () =>
      axeAudit(page, `[${scheme}] search results`),
    );
    await context.close();
  }
  const phone = await newContext(PHONE);
  const phonePages = [pages[1], pages[2], ...(charterPage ? [charterPage] : []), ...teamPages];
  for (const p of phonePages) {
    const { page } = await open(phone, base, p.rel);
    const file = path.join(SHOTS, `${p.key}-phone.png`);
    await page.screenshot({ path: file, fullPage: true });
    shots.push(file);
    await check(`[phone 375px] ${p.title} does not scroll sideways`, async () => {
      const wide = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        view: window.innerWidth,
      }));
      assert(wide.page <= wide.view, `the page is ${wide.page}px wide in a ${wide.view}px viewport`);
      if (["people", "person"].includes(p.key) && hasStrip) {
        const problems = await stripLayout(page);
        assert(!problems.length, problems.join("\n"));
      }
    });
    if (p.key === "metrics") {
      await check("[phone 375px] each chart opens on its newest week, with its legend in view", async () => {
        const problems = await chartsInView(page);
        assert(!problems.length, problems.join("\n"));
      });
    }
    await page.close();
  }
  await phone.close();
  return shots;
}

/** What a chart frame shows without scrolling: the newest week's label on the x
 * axis (the last one) and the legend must be inside the frame and the window. */
async function chartsInView(page) {
  return page.evaluate(() => {
    const problems = [];
    document.querySelectorAll(".chart-wrap").forEach((wrap) => {
      const frame = wrap.getBoundingClientRect();
      const right = Math.min(frame.right, window.innerWidth);
      const inside = (r) => r.left >= frame.left - 1 && r.right <= right + 1;
      const name = wrap.getAttribute("aria-label");
      const weeks = [...wrap.querySelectorAll("text.chart-tick[transform]")];
      const newest = weeks[weeks.length - 1];
      if (newest && !inside(newest.getBoundingClientRect())) {
        problems.push(`${name}: the newest week (${newest.textContent}) is out of view`);
      }
      wrap.querySelectorAll(".chart-legend").forEach((g) => {
        if (!inside(g.getBoundingClientRect())) problems.push(`${name}: the legend “${g.textContent}” is out of view`);
      });
    });
    return problems;
  });
}

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true };

/** A missing page in a folder (`url`) must get the 404 page with its style sheet
 * applied and working links, at desktop and phone width; screenshots `shot-*.png`. */
async function styledNotFound(label, url, shot) {
  for (const [device, contextOptions] of [["desktop", {}], ["phone", PHONE]]) {
    await check(`[${label}, ${device}] a missing page in a folder shows the styled 404 page`, async () => {
      const context = await newContext(contextOptions);
      try {
        const page = await context.newPage();
        const failed = [];
        page.on("requestfailed", (r) => failed.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
        page.on("response", (r) => {
          if (r.status() >= 400 && r.url() !== url && !r.url().endsWith("/favicon.ico")) {
            failed.push(`HTTP ${r.status()}: ${r.url()}`);
          }
        });
        page.on("pageerror", (e) => failed.push(`uncaught exception: ${e.message}`));
        const response = await page.goto(url, { waitUntil: "load" });
        assert(response && response.status() === 404, `HTTP ${response && response.status()} for ${url}`);
        const seen = await page.evaluate(() => {
          const style = (sel, prop) => {
            const e = document.querySelector(sel);
            return e ? getComputedStyle(e)[prop] : null;
          };
          return {
            h1: (document.querySelector("main h1") || {}).textContent,
            header: style(".site-header", "display"),
            skip: style(".skip-link", "position"),
            home: document.querySelector(".site-title").href,
          };
        });
        assert(seen.h1 === "Page not found", `the page's heading is “${seen.h1}”`);
        assert(
          seen.header === "flex" && seen.skip === "absolute",
          `the style sheet is not applied (header display: ${seen.header}, skip link position: ${seen.skip})`,
        );
        assert(!failed.length, failed.join("\n"));
        const home = await fetch(seen.home);
        assert(home.status === 200, `the home link ${seen.home} answers HTTP ${home.status}`);
        await home.arrayBuffer();
        // The window as the reader sees it (the whole 404 page fits), with the serve
        // bar where it really is.
        await page.screenshot({ path: path.join(SHOTS, `${shot}-${device}.png`) });
        return `home link ${seen.home}`;
      } finally {
        await context.close();
      }
    });
  }
}

/** Where the serve bar is, and whether it covers the page's heading. */
function barLayout() {
  const bar = document.getElementById("docket-serve-banner");
  const r = bar.getBoundingClientRect();
  const h1 = document.querySelector("main h1").getBoundingClientRect();
  const atH1 = document.elementFromPoint(h1.left + 4, h1.top + h1.height / 2);
  return {
    bottom: r.bottom,
    height: r.height,
    view: window.innerHeight,
    summary: (bar.querySelector("p") || bar).textContent,
    coversHeading: !!(atH1 && atH1.closest("#docket-serve-banner")),
    room: parseFloat(getComputedStyle(document.body).paddingBottom) || 0,
  };
}

/** The carets of the opened diagnostics: each `^` must be drawn under the character
 * of the line above it in the same column. */
function caretLayout() {
  const pre = document.querySelector("#docket-serve-banner pre");
  const node = pre.firstChild;
  const lines = node.data.split("\n");
  const starts = [];
  lines.reduce((at, line) => (starts.push(at), at + line.length + 1), 0);
  const box = (i) => {
    const range = document.createRange();
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    return range.getBoundingClientRect();
  };
  const carets = [];
  lines.forEach((line, i) => {
    const column = line.indexOf("^");
    const source = lines[i - 1] || "";
    if (column < 0 || !/^\s*\|/.test(line) || !/^\s*\d+\s*\|/.test(source) || source.length <= column) return;
    const caret = box(starts[i] + column);
    const marked = box(starts[i - 1] + column);
    carets.push({ source: source.trim(), column, dx: caret.left - marked.left, dy: caret.top - marked.top });
  });
  return {
    carets,
    whiteSpace: getComputedStyle(pre).whiteSpace,
    scrolls: pre.scrollWidth > pre.clientWidth,
    bottom: document.getElementById("docket-serve-banner").getBoundingClientRect().bottom,
    view: window.innerHeight,
  };
}

/** `docket serve` of a handbook with errors: a compact bar at the bottom that covers
 * nothing, which opens to diagnostics whose carets stay under what they mark. */
async function serveBar() {
  await check("[serve] the error bar is one line at the bottom and covers nothing", async () => {
    const context = await newContext();
    try {
      const { page } = await open(context, SERVE, "index.html");
      await page.locator("#docket-serve-banner").waitFor({ state: "visible" });
      const m = await page.evaluate(barLayout);
      assert(Math.abs(m.bottom - m.view) <= 1, `the bar ends at ${m.bottom}px, the window at ${m.view}px`);
      assert(m.height <= 48, `the bar is ${m.height}px high`);
      assert(!m.coversHeading, "the bar covers the page's heading");
      assert(m.room >= m.height - 1, `the page leaves ${m.room}px at its end for a ${m.height}px bar`);
      assert(/^\d+ errors?, \d+ warnings?: /.test(m.summary), `the bar says “${m.summary}”`);
      await page.screenshot({ path: path.join(SHOTS, "serve-banner-desktop.png") });
      // Scrolled to the end, the page's last line is above the bar.
      const end = await page.evaluate(() => {
        window.scrollTo(0, document.documentElement.scrollHeight);
        return {
          footer: document.querySelector(".site-footer").getBoundingClientRect().bottom,
          bar: document.getElementById("docket-serve-banner").getBoundingClientRect().top,
        };
      });
      assert(end.footer <= end.bar + 1, `at the end of the page the bar covers ${end.footer - end.bar}px of the footer`);
      return m.summary;
    } finally {
      await context.close();
    }
  });
  await check("[serve, phone 375px] the opened diagnostics keep each caret under what it marks", async () => {
    const context = await newContext(PHONE);
    try {
      const { page } = await open(context, SERVE, "index.html");
      await page.locator("#docket-serve-banner button[aria-expanded]").click();
      await page.locator("#docket-serve-banner pre").waitFor({ state: "visible" });
      const m = await page.evaluate(caretLayout);
      assert(m.whiteSpace === "pre", `the diagnostics are set with white-space: ${m.whiteSpace}`);
      assert(m.carets.some((c) => c.column > 45), `no caret past a phone's width to check: ${JSON.stringify(m.carets)}`);
      const off = m.carets.filter((c) => Math.abs(c.dx) > 1 || c.dy <= 0 || c.dy > 30);
      assert(
        !off.length,
        off.map((c) => `column ${c.column} of “${c.source}”: the caret is ${c.dx.toFixed(1)}px aside, ${c.dy.toFixed(1)}px below`).join("\n"),
      );
      assert(m.scrolls, "long lines do not scroll sideways");
      assert(Math.abs(m.bottom - m.view) <= 1, `the opened bar ends at ${m.bottom}px, the window at ${m.view}px`);
      await page.screenshot({ path: path.join(SHOTS, "serve-banner-phone.png") });
      await check("[serve, phone 375px] axe: the page with the error bar open", () => axeAudit(page, "[serve] error bar"));
      return `${m.carets.length} carets`;
    } finally {
      await context.close();
    }
  });
}

// ---------------------------------------------------------------- kinds (issue 12)

/** The filters of a monorepo's decision index (folder, state) and of a kind of the
 * team's own (its facets), in a real browser from file://. */
async function kindsChecks() {
  const base = pathToFileURL(KINDS + path.sep).href;
  const records = JSON.parse(fs.readFileSync(path.join(KINDS, "decisions.json"), "utf8")).decisions;
  const decisionsOnly = records.filter((d) => d.kind === "decision");
  const folders = [...new Set(decisionsOnly.map((d) => d.folder))].sort();
  const context = await newContext();
  try {
    const index = await open(context, base, "decisions/index.html");
    await check("[kinds] the monorepo's decision index filters by folder", async () => {
      const select = index.page.locator('.filters select[data-filter="folder"]');
      await select.waitFor({ state: "visible" });
      const offered = (await select.locator("option").evaluateAll((os) => os.map((o) => o.value))).filter(Boolean).sort();
      assert(sameList(offered, folders), `offers ${offered.join(", ")}, decisions.json has ${folders.join(", ")}`);
      for (const folder of folders) {
        await select.selectOption(folder);
        const shown = (await indexRows(index.page)).filter((r) => r.visible);
        const want = decisionsOnly.filter((d) => d.folder === folder).length;
        assert(
          shown.length === want && shown.every((r) => r.folder === folder),
          `folder ${folder}: ${shown.length} rows visible (${shown.map((r) => r.folder).join(", ")}), expected ${want}`,
        );
        const caption = await index.page.locator("#decision-index caption").innerText();
        const said = `Decisions: folder ${folder} (${want} of ${decisionsOnly.length})`;
        assert(caption === said, `folder ${folder}: the caption says “${caption}”, expected “${said}”`);
        assert(
          decodeURIComponent(new URL(index.page.url()).search) === `?folder=${folder}`,
          `the address keeps the filter: ${index.page.url()}`,
        );
      }
      await select.selectOption("");
      const all = (await indexRows(index.page)).filter((r) => r.visible).length;
      assert(all === decisionsOnly.length, `“Any folder” shows ${all} of ${decisionsOnly.length} rows`);
      return folders.join(", ");
    });
    await check("[kinds] the state filter and the folder filter combine, from the address too", async () => {
      const folder = folders[folders.length - 1];
      const linked = await open(context, base, `decisions/index.html?state=open&folder=${encodeURIComponent(folder)}`);
      try {
        const rows = await indexRows(linked.page);
        const shown = rows.filter((r) => r.visible);
        const want = rows.filter((r) => r.state === "open" && r.folder === folder).length;
        assert(want > 0, `the fixture has no open decision in ${folder}`);
        assert(
          shown.length === want && shown.every((r) => r.state === "open" && r.folder === folder),
          `?state=open&folder=${folder}: ${shown.length} rows visible, expected ${want}`,
        );
        assert(!linked.problems.length, linked.problems.join("\n"));
        return `${want} open in ${folder}`;
      } finally {
        await linked.page.close();
      }
    });
    await check("[kinds] axe: the monorepo's decision index", () => axeAudit(index.page, "[kinds] decision index"));
    await check("[kinds] no console errors, page errors or failed requests on the decision index", async () => {
      assert(!index.problems.length, index.problems.join("\n"));
    });

    const kinds = [...new Set(records.filter((d) => d.kind !== "decision").map((d) => d.kind))];
    for (const kind of kinds) {
      const first = records.find((d) => d.kind === kind);
      const page = await open(context, base, first.url);
      const href = await page.page.locator(".eyebrow a").getAttribute("href");
      const url = new URL(href, page.page.url()).href;
      await page.page.close();
      const kindIndex = await context.newPage();
      await kindIndex.goto(url);
      await check(`[kinds] the index of “${kind}” filters by each of its facets`, async () => {
        const facets = await kindIndex.locator(".filters select[data-facet]").evaluateAll((ss) =>
          ss.map((s) => ({ key: s.getAttribute("data-facet"), values: [...s.options].map((o) => o.value).filter(Boolean) })),
        );
        assert(facets.length, "no facet filter");
        const rows = await indexRows(kindIndex);
        assert(
          rows.length === records.filter((d) => d.kind === kind).length,
          `${rows.length} rows, decisions.json has ${records.filter((d) => d.kind === kind).length} of kind ${kind}`,
        );
        let tried = 0;
        for (const { key, values } of facets) {
          const select = kindIndex.locator(`.filters select[data-facet="${key}"]`);
          for (const value of values) {
            await select.selectOption(value);
            const now = await indexRows(kindIndex);
            const shown = now.filter((r) => r.visible);
            const want = now.filter((r) => (r.facets[key] || []).includes(value)).length;
            assert(
              want > 0 && shown.length === want && shown.every((r) => (r.facets[key] || []).includes(value)),
              `${key} = ${value}: ${shown.length} rows visible, expected ${want}`,
            );
            tried++;
          }
          await select.selectOption("");
        }
        return `${tried} values`;
      });
      await check(`[kinds] axe: the index of “${kind}”`, () => axeAudit(kindIndex, `[kinds] ${kind} index`));
      await kindIndex.screenshot({ path: path.join(SHOTS, `kind-${kind}-index.png`), fullPage: true });
      await kindIndex.close();
    }
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------- run

console.log(`site: ${SITE}`);
console.log(`decisions: ${decisions.length} (${statuses.join(", ")}); decision page: ${decision.url}`);
try {
  await originChecks("file", FILE_BASE);
  await originChecks("http", HTTP_BASE);
  await check("screenshots (light, dark, phone)", async () => {
    const shots = await screenshots(HTTP_BASE);
    return `${shots.length} in ${SHOTS}`;
  });
  if (BASED) {
    const origin = new URL(HTTP_BASE).origin;
    await styledNotFound(`http ${BASED_PREFIX} with a base URL`, `${origin}${BASED_PREFIX}decisions/nope.html`, "404-nested");
  }
  if (SERVE) {
    await styledNotFound("docket serve", new URL("decisions/nope.html", SERVE).href, "serve-404");
    await serveBar();
  }
  if (KINDS) await kindsChecks();
  await check(`[http ${PREFIX}] the server answered no request with 404`, async () => {
    assert(!notFound.length, notFound.map((n) => `${n.url}${n.from ? ` (from ${n.from})` : ""}`).join("\n"));
  });
  await check("no page broke its Content-Security-Policy", async () => {
    assert(policyChecked.size > 0, "no page's policy was looked at");
    assert(!violations.length, [...new Set(violations)].join("\n"));
    return `${policyChecked.size} pages with the policy, every page watched`;
  });
} catch (e) {
  results.push({ name: "the run itself", ok: false });
  console.log(`FAIL  the run stopped: ${e.stack || e}`);
} finally {
  await browser.close().catch(() => {});
  server.close();
}

const failed = results.filter((r) => !r.ok);
console.log(
  `\n${results.length - failed.length} of ${results.length} browser checks passed` +
    (failed.length ? `; failed:\n${failed.map((f) => `  - ${f.name}`).join("\n")}` : "."),
);
process.exit(failed.length ? 1 : 0);
