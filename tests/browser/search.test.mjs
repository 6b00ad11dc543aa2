#!/usr/bin/env node
// Search in headless Chromium, from file://, on sites built by `docket build`
// (tests/search_browser.rs builds them and gives the cases):
//
//   node tests/browser/search.test.mjs SITE_DIR... --cases JSON [--screenshots DIR]
//
// JSON is a list of {query, first: [url, ...], includes?: [url, ...], mark?: word,
// markTitle?: bool}. On each site, each query is typed into the search box of the
// home page (a fresh page each time) and opened as search.html?q=: the results
// must start with `first`, in order, and include `includes`; every result must
// have a snippet made only of text and <mark> elements; with `mark`, the first
// result's snippet (and with markTitle its title) has a <mark> holding a word that
// starts with it. On a one-file index, the browser's stemmer must give every word
// of the index's `stems` the stem the build gave it. On a sharded index, a query
// must load only word shards its tokens start with (or its record number's), at
// most as many document shards as results shown, and never every shard. With
// --screenshots, the first query's results on a phone (375 px) are saved there as
// search-results-phone.png, and must not make the page wider than the phone.
// Chromium comes from $CHROMIUM or /usr/bin/chromium. Exits 1 when a check fails,
// 2 when it cannot run.

import { chromium } from "playwright-core";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const TIMEOUT_MS = 20_000;
const WATCHDOG_MS = 4 * 60_000;

function usage(message) {
  console.error(`search.test.mjs: ${message}`);
  console.error("usage: node search.test.mjs SITE_DIR... --cases JSON [--screenshots DIR]");
  process.exit(2);
}

const sites = [];
let cases = null;
let SHOTS = null;
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === "--cases") {
    try {
      cases = JSON.parse(process.argv[++i]);
    } catch (e) {
      usage(`--cases is not JSON: ${e.message}`);
    }
  } else if (a === "--screenshots") {
    SHOTS = path.resolve(process.argv[++i]);
  } else if (a.startsWith("--")) {
    usage(`unknown option ${a}`);
  } else {
    sites.push(fs.realpathSync(path.resolve(a)));
  }
}
if (!sites.length || !Array.isArray(cases)) usage("expected SITE_DIR... and --cases");

setTimeout(() => {
  console.error(`search.test.mjs: gave up after ${WATCHDOG_MS / 1000} s (a hang?)`);
  process.exit(1);
}, WATCHDOG_MS).unref();

const failures = [];
async function check(label, fn) {
  try {
    await fn();
    console.log(`ok    ${label}`);
  } catch (e) {
    failures.push(label);
    console.log(`FAIL  ${label}\n      ${String(e && e.message ? e.message : e).split("\n").join("\n      ")}`);
  }
}
function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/** A word's shard (search.rs, shard_key): its first two characters, or a record
 * number's last two digits. */
function shardKey(word) {
  if (/^#[0-9]+$/.test(word)) return `#${String(parseInt(word.slice(1), 10) % 100).padStart(2, "0")}`;
  return Array.from(word).slice(0, 2).join("");
}
function shardFile(key) {
  if (/^[a-z0-9]+$/.test(key)) return key;
  return "_" + Buffer.from(key, "utf8").toString("hex");
}
/** The word shards a query may load. */
function allowedShards(query) {
  const tokens = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
  const keys = new Set();
  for (const t of tokens) {
    if (Array.from(t).length > 1) keys.add(shardKey(t));
    if (/^[0-9]{1,9}$/.test(t)) keys.add(shardKey(`#${parseInt(t, 10)}`));
  }
  return new Set([...keys].map((k) => `w-${shardFile(k)}.js`));
}

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
let browser;
try {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
} catch (e) {
  console.error(`search.test.mjs: cannot start Chromium (${CHROMIUM}): ${e.message}`);
  process.exit(2);
}

/** The results shown in `container`: each hit's site-relative URL, snippet and marks. */
async function results(page, container, siteUrl) {
  return page.$$eval(
    `${container} a.search-hit`,
    (as, base) =>
      as.map((a) => {
        const snippet = a.querySelector(".search-snippet");
        const title = a.querySelector(".search-title");
        const foreign = snippet
          ? [...snippet.childNodes]
              .filter((n) => !(n.nodeType === 3 || (n.nodeType === 1 && n.tagName === "MARK" && n.children.length === 0)))
              .map((n) => n.outerHTML || n.nodeName)
          : [];
        return {
          url: a.href.startsWith(base) ? decodeURIComponent(a.href.slice(base.length)) : a.href,
          snippet: snippet ? snippet.textContent : null,
          snippetMarks: snippet ? [...snippet.querySelectorAll("mark")].map((m) => m.textContent.toLowerCase()) : [],
          titleMarks: title ? [...title.querySelectorAll("mark")].map((m) => m.textContent.toLowerCase()) : [],
          foreign,
          images: a.querySelectorAll("img").length,
        };
      }),
    siteUrl,
  );
}

function verify(c, hits, where) {
  const urls = hits.map((h) => h.url);
  const start = urls.slice(0, c.first.length);
  assert(
    JSON.stringify(start) === JSON.stringify(c.first),
    `${where}: the results start ${JSON.stringify(start)}, not ${JSON.stringify(c.first)} (all: ${JSON.stringify(urls)})`,
  );
  for (const u of c.includes || []) assert(urls.includes(u), `${where}: ${u} is not among ${JSON.stringify(urls)}`);
  for (const h of hits) {
    assert(h.snippet && h.snippet.trim(), `${where}: ${h.url} has no snippet`);
    assert(!h.foreign.length, `${where}: ${h.url}'s snippet holds ${h.foreign.join(", ")}`);
    assert(!h.images, `${where}: ${h.url} shows an image (index text read as markup)`);
  }
  if (c.mark) {
    const first = hits[0];
    assert(
      first.snippetMarks.some((m) => m.startsWith(c.mark)),
      `${where}: the first result's snippet “${first.snippet}” marks ${JSON.stringify(first.snippetMarks)}, not “${c.mark}”`,
    );
    if (c.markTitle) {
      assert(
        first.titleMarks.some((m) => m.startsWith(c.mark)),
        `${where}: the first result's title marks ${JSON.stringify(first.titleMarks)}, not “${c.mark}”`,
      );
    }
  }
}

for (const site of sites) {
  const siteUrl = pathToFileURL(site).href + "/";
  const manifest = fs.readFileSync(path.join(site, "search-index.js"), "utf8");
  const sharded = manifest.includes('"shards":');
  const tag = sharded ? "shards" : "one file";
  const allShards = sharded ? fs.readdirSync(path.join(site, "search-index")).length : 0;
  const context = await browser.newContext();
  context.setDefaultTimeout(TIMEOUT_MS);

  for (const c of cases) {
    await check(`[${tag}] the search box: “${c.query}”`, async () => {
      const page = await context.newPage();
      const errors = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      const loaded = [];
      page.on("request", (r) => {
        const m = /\/search-index\/([^/]+\.js)$/.exec(r.url());
        if (m) loaded.push(m[1]);
      });
      await page.goto(siteUrl + "index.html");
      await page.locator("#search").fill(c.query);
      // The final list: not one shown while more of its shards load.
      await page.locator("#search-results:not([aria-busy]) a.search-hit").first().waitFor();
      const hits = await results(page, "#search-results", siteUrl);
      verify(c, hits, "the box");
      assert(!errors.length, `errors on the page: ${errors.join("; ")}`);
      if (sharded) {
        const allowed = allowedShards(c.query);
        const words = loaded.filter((f) => f.startsWith("w-"));
        const docs = loaded.filter((f) => f.startsWith("d-"));
        for (const f of words) assert(allowed.has(f), `loaded ${f}, which “${c.query}” does not need (${[...allowed]})`);
        assert(docs.length >= 1 && docs.length <= hits.length, `loaded ${docs.length} document shards for ${hits.length} results`);
        assert(loaded.length < allShards, `loaded all ${allShards} shards`);
        console.log(`note  [${tag}] “${c.query}” loaded ${loaded.join(", ")} of ${allShards}`);
      }
      await page.close();
    });
    await check(`[${tag}] search.html?q=${c.query}`, async () => {
      const page = await context.newPage();
      await page.goto(`${siteUrl}search.html?q=${encodeURIComponent(c.query)}`);
      await page.locator("#search-page-results:not([aria-busy]) a.search-hit").first().waitFor();
      verify(c, await results(page, "#search-page-results", siteUrl), "search.html");
      await page.close();
    });
  }

  if (!sharded && SHOTS) {
    await check(`[${tag}] a phone's screenshot of the results`, async () => {
      const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2 });
      const page = await phone.newPage();
      await page.goto(siteUrl + "index.html");
      await page.locator("#search").fill(cases[0].query);
      await page.locator("#search-results:not([aria-busy]) a.search-hit").first().waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert(overflow <= 0, `the page is ${overflow} px wider than the phone with the results open`);
      fs.mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SHOTS, "search-results-phone.png") });
      await phone.close();
    });
  }

  if (!sharded) {
    await check(`[${tag}] the browser's stemmer agrees with the build's`, async () => {
      const page = await context.newPage();
      await page.goto(siteUrl + "index.html");
      await page.locator("#search").focus();
      await page.waitForFunction(() => window.DOCKET_SEARCH && window.docketSearchStem);
      const wrong = await page.evaluate(() => {
        const out = [];
        const stems = window.DOCKET_SEARCH.stems;
        for (const s of Object.keys(stems)) {
          for (const w of stems[s]) if (window.docketSearchStem(w) !== s) out.push(`${w}: ${window.docketSearchStem(w)}, not ${s}`);
        }
        return { wrong: out, groups: Object.keys(stems).length };
      });
      assert(wrong.groups > 0, "the index has no stems");
      assert(!wrong.wrong.length, wrong.wrong.join("; "));
      await page.close();
    });
  }
  await context.close();
}

await browser.close();
if (failures.length) {
  console.log(`${failures.length} check(s) failed`);
  process.exit(1);
}
console.log("all search checks passed");
