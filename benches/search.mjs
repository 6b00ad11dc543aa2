#!/usr/bin/env node
// The search benchmark's browser half (benches/search.sh runs it): opens SITE's
// index.html from file:// in headless Chromium and, for each query, in a fresh page:
// focuses the search box (which loads search-index.js), then types the query one key
// at a time and measures, for every key, the time from its keydown to the first
// result shown (the results list holding a hit, after the next frame). Prints one
// JSON line per query: the time for the first key that showed results, the slowest
// later key, and the shard files the page loaded with their sizes.
//
//   node benches/search.mjs SITE_DIR QUERY...
//
// RUNS=N (default 3) types each query N times, each in a fresh page (so with its
// shards loaded again; the browser's file cache stays warm after the first) and
// prints the median and every run's figure.
//
// Needs Chromium ($CHROMIUM or /usr/bin/chromium) and `npm ci --prefix tests/browser`.

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(HERE, "..", "tests", "browser", "package.json"));
const { chromium } = require("playwright-core");

const [siteArg, ...queries] = process.argv.slice(2);
if (!siteArg || !queries.length) {
  console.error("usage: node benches/search.mjs SITE_DIR QUERY...");
  process.exit(2);
}
const SITE = fs.realpathSync(siteArg);
const base = pathToFileURL(SITE).href + "/";
const KEY_GAP_MS = 400; // between keys: longer than any answer, so each key is timed alone

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run"],
});
const context = await browser.newContext();
async function run(q) {
  const page = await context.newPage();
  const loaded = [];
  page.on("request", (r) => {
    const u = r.url();
    if (u.startsWith(base) && /search-index/.test(u)) loaded.push(decodeURIComponent(u.slice(base.length)));
  });
  await page.goto(base + "index.html");
  await page.evaluate(() => {
    window.__times = [];
    window.__key = null;
    const box = document.querySelector("#search");
    const results = document.querySelector("#search-results");
    box.addEventListener("keydown", (e) => {
      window.__key = { at: performance.now(), key: e.key };
    }, true);
    new MutationObserver(() => {
      const k = window.__key;
      if (!k || !results.querySelector("a.search-hit")) return;
      window.__key = null;
      // Shown: after the next frame is painted.
      requestAnimationFrame(() => setTimeout(() => window.__times.push({ key: k.key, ms: performance.now() - k.at }), 0));
    }).observe(results, { childList: true, subtree: true });
  });
  await page.locator("#search").focus();
  await page.waitForFunction(() => window.DOCKET_SEARCH, null, { timeout: 60_000 });
  const manifest = loaded.slice();
  await page.keyboard.type(q, { delay: KEY_GAP_MS });
  await page.waitForTimeout(KEY_GAP_MS);
  const times = await page.evaluate(() => window.__times);
  const first = await page.locator("#search-results a.search-hit .search-title").first().textContent().catch(() => null);
  const files = loaded.map((f) => ({ file: f, bytes: fs.statSync(path.join(SITE, f)).size }));
  await page.close();
  return {
    query: q,
    first_result_ms: times.length ? Math.round(times[0].ms * 10) / 10 : null,
    first_result_key: times.length ? times[0].key : null,
    slowest_later_key_ms: times.length > 1 ? Math.round(Math.max(...times.slice(1).map((t) => t.ms)) * 10) / 10 : null,
    keys_timed: times.length,
    first_title: first,
    on_focus: manifest,
    files: files.length,
    bytes: files.reduce((s, f) => s + f.bytes, 0),
    loaded: files,
  };
}
const RUNS = Number(process.env.RUNS || 3);
const median = (xs) => {
  const s = xs.filter((x) => x != null).sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : null; // the upper median of an even count
};
for (const q of queries) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await run(q));
  const last = runs[runs.length - 1];
  console.error(
    `${q}: first result ${median(runs.map((r) => r.first_result_ms))} ms after the keystroke ` +
      `(runs: ${runs.map((r) => r.first_result_ms).join(", ")}); ${last.files} files loaded, ` +
      `${Math.round(last.bytes / 1024)} KB, the largest ${Math.round(Math.max(...last.loaded.map((f) => f.bytes)) / 1024)} KB`,
  );
  console.log(JSON.stringify({
    ...last,
    first_result_ms: median(runs.map((r) => r.first_result_ms)),
    first_result_runs: runs.map((r) => r.first_result_ms),
    slowest_later_key_ms: median(runs.map((r) => r.slowest_later_key_ms)),
    slowest_later_key_runs: runs.map((r) => r.slowest_later_key_ms),
  }));
}
await browser.close();
