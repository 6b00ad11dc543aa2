#!/usr/bin/env node
// A large handbook in headless Chromium (issue 17, "Readers at scale"), opened from
// file://: the decision index's first page is light and loads fast (the time is
// printed, not asserted: figures are measured, not tested), its numbered pages work
// without JavaScript, and with JavaScript the filters, the text box and sorting
// reach every decision, including one on the last page, by loading the folder's
// index.js on demand. Screenshots of the index and the home page at 1280 and
// 375 px go to SCREENSHOT_DIR as `scale-*.png`.
//
//   node tests/browser/scale.test.mjs SITE_DIR SCREENSHOT_DIR --total N --find ID
//        --owner ID --owner-count N --open-count N
//
// Run by tests/scale.rs. Chromium comes from $CHROMIUM or /usr/bin/chromium.
// Exits 1 when a check fails, 2 when it cannot run.

import { chromium } from "playwright-core";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { watchPolicy } from "./policy.mjs";

function usage(why) {
  console.error(`${why}\nusage: node scale.test.mjs SITE_DIR SCREENSHOT_DIR --total N --find ID --owner ID --owner-count N --open-count N`);
  process.exit(2);
}
const [siteArg, shotsArg, ...rest] = process.argv.slice(2);
if (!siteArg || !shotsArg) usage("missing SITE_DIR or SCREENSHOT_DIR");
const opts = {};
for (let i = 0; i < rest.length; i += 2) opts[rest[i].replace(/^--/, "")] = rest[i + 1];
for (const k of ["total", "find", "owner", "owner-count", "open-count"]) if (opts[k] == null) usage(`missing --${k}`);
const SITE = fs.realpathSync(path.resolve(siteArg));
const SHOTS = path.resolve(shotsArg);
fs.mkdirSync(SHOTS, { recursive: true });
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const TOTAL = Number(opts.total);
const FIND = String(opts.find);
setTimeout(() => {
  console.error("scale.test.mjs: gave up after 4 minutes");
  process.exit(2);
}, 240_000).unref();

let failed = 0;
async function check(name, body) {
  try {
    const note = await body();
    console.log(`ok    ${name}${note ? ` (${note})` : ""}`);
  } catch (e) {
    failed++;
    console.log(`FAIL  ${name}\n      ${String(e.message || e).replace(/\n/g, "\n      ")}`);
  }
}
function assert(cond, message) {
  if (!cond) throw new Error(message);
}
const url = (rel) => {
  const [file, query] = rel.split("?");
  return pathToFileURL(path.join(SITE, file)).href + (query ? `?${query}` : "");
};

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
const violations = [];
const errors = [];

async function open(context, rel) {
  const page = await context.newPage();
  page.on("pageerror", (e) => errors.push(`${rel}: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && !/Content[ -]Security/i.test(m.text()) && errors.push(`${rel}: ${m.text()}`));
  await page.goto(url(rel), { waitUntil: "load" });
  return page;
}
const countText = (page) => page.locator("#decision-count").innerText();
const visibleIds = (page) =>
  page.$$eval("#decision-index tbody tr", (rows) => rows.filter((r) => !r.hidden).map((r) => r.getAttribute("data-id")));

const desktop = await browser.newContext({ viewport: { width: 1280, height: 800 } });
await watchPolicy(desktop, violations);

// 1. The first page: how long it takes to load (printed), and what it holds.
const loads = [];
for (let i = 0; i < 3; i++) {
  const page = await desktop.newPage();
  await page.goto(url("decisions/index.html"), { waitUntil: "load" });
  loads.push(await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    return nav ? nav.loadEventEnd - nav.startTime : NaN;
  }));
  await page.close();
}
loads.sort((a, b) => a - b);
console.log(`measure decisions/index.html from file://: load event after ${loads.map((t) => t.toFixed(0)).join(", ")} ms (median ${loads[1].toFixed(0)} ms)`);

const index = await open(desktop, "decisions/index.html");
await check("the first page holds one page of rows and numbered links to the rest", async () => {
  const rows = await index.locator("#decision-index tbody tr").count();
  assert(rows > 0 && rows < TOTAL, `${rows} rows on the first page of ${TOTAL}`);
  assert(await index.locator("#decision-pages").isVisible(), "no page navigation");
  const said = await countText(index);
  assert(said.includes(String(TOTAL)), `the count says “${said}”`);
  const bytes = fs.statSync(path.join(SITE, "decisions/index.html")).size;
  return `${rows} rows, ${(bytes / 1024).toFixed(0)} KB`;
});

await check(`the text box finds decision ${FIND} on the last page`, async () => {
  const box = index.locator('[data-filter="text"]');
  await box.fill(FIND);
  await index.waitForFunction(
    (id) => [...document.querySelectorAll("#decision-index tbody tr")].some((r) => !r.hidden && r.getAttribute("data-id") === id),
    FIND,
    { timeout: 20_000 },
  );
  assert(!(await index.locator("#decision-pages").isVisible()), "the page navigation still shows over a filtered list");
  const link = index.locator(`#decision-index tbody tr[data-id="${FIND}"] a`).first();
  const href = await link.getAttribute("href");
  const target = new URL(href, index.url());
  assert(fs.existsSync(decodeURIComponent(target.pathname)), `the row links to ${href}, which does not exist`);
  assert(decodeURIComponent(index.url()).includes(`q=${FIND}`), `the address does not keep the text: ${index.url()}`);
  return href;
});

await check("clearing the filters brings the first page back", async () => {
  await index.locator('[data-filter="reset"]').click();
  await index.waitForFunction(() => !document.querySelector("#decision-pages").hidden);
  const ids = await visibleIds(index);
  assert(ids[0] === "1", `the first row is ${ids[0]}`);
});

await check(`the owner filter counts every decision of ${opts.owner}`, async () => {
  await index.locator('select[data-filter="owner"]').selectOption(opts.owner);
  await index.waitForFunction((n) => document.querySelector("#decision-count").textContent.startsWith(n + " of"), opts["owner-count"], { timeout: 20_000 });
  const owners = await index.$$eval("#decision-index tbody tr td:nth-child(4)", (tds) => [...new Set(tds.map((t) => t.textContent.trim()))]);
  assert(owners.length === 1, `rows of several owners: ${owners.join(", ")}`);
  const more = index.locator(".show-more");
  const shown = (await visibleIds(index)).length;
  if (Number(opts["owner-count"]) > shown) {
    assert(await more.isVisible(), "no button shows the matches beyond the first page");
    await more.click();
    const after = (await visibleIds(index)).length;
    assert(after > shown, `“show more” still shows ${after}`);
  }
  return await countText(index);
});

await check("sorting by id, descending, puts the last decision first over the whole set", async () => {
  await index.locator('[data-filter="reset"]').click();
  const head = index.locator("#decision-index thead th").first().locator("button");
  await head.click(); /* the index is in ascending order: a click reverses it */
  await index.waitForFunction((n) => {
    const r = document.querySelector("#decision-index tbody tr");
    return r && r.getAttribute("data-id") === n;
  }, String(TOTAL), { timeout: 20_000 });
});

await check(`decision ${FIND}'s page links related decisions that exist`, async () => {
  const href = await index.evaluate((id) => {
    const row = [...document.querySelectorAll("#decision-index tbody tr")].find((r) => r.getAttribute("data-id") === id);
    return row ? row.querySelector("a").href : null;
  }, FIND);
  assert(href, `no row of decision ${FIND} to open`);
  const page = await desktop.newPage();
  await page.goto(href, { waitUntil: "load" });
  const links = await page.$$eval("#docket-related ~ ul a", (as) => as.map((a) => a.href));
  assert(links.length > 0, "no related decisions on the page");
  for (const l of links) assert(fs.existsSync(decodeURIComponent(new URL(l).pathname)), `a related link goes nowhere: ${l}`);
  await page.screenshot({ path: path.join(SHOTS, "scale-decision-1280.png"), fullPage: true });
  await page.close();
  return `${links.length} related`;
});

const state = await open(desktop, "decisions/index.html?state=open");
await check("?state=open (the home page's link) lists every open decision", async () => {
  await state.waitForFunction((n) => document.querySelector("#decision-count").textContent.startsWith(n + " of"), opts["open-count"], { timeout: 20_000 });
  const statuses = await state.$$eval("#decision-index tbody tr td:nth-child(3)", (tds) => [...new Set(tds.map((t) => t.textContent.trim()))]);
  assert(statuses.length === 1 && statuses[0] === "proposed", `statuses shown: ${statuses.join(", ")}`);
  return await countText(state);
});
await state.screenshot({ path: path.join(SHOTS, "scale-decisions-open-1280.png") });
await index.screenshot({ path: path.join(SHOTS, "scale-decisions-sorted-1280.png") });
const first = await open(desktop, "decisions/index.html");
await first.screenshot({ path: path.join(SHOTS, "scale-decisions-1280.png"), fullPage: true });
const home = await open(desktop, "index.html");
await home.screenshot({ path: path.join(SHOTS, "scale-home-1280.png"), fullPage: true });

// 2. Without JavaScript: the numbered pages are plain links.
const noJs = await browser.newContext({ viewport: { width: 1280, height: 800 }, javaScriptEnabled: false });
await check("without JavaScript, “Next” leads to page 2, and the last page lists the last decision", async () => {
  const page = await noJs.newPage();
  await page.goto(url("decisions/index.html"), { waitUntil: "load" });
  await page.locator('#decision-pages a[rel="next"]').click();
  await page.waitForLoadState("load");
  assert(page.url().endsWith("decisions/page-2.html"), `“Next” went to ${page.url()}`);
  const last = await page.locator("#decision-pages li a:not([rel])").last().getAttribute("href");
  await page.goto(new URL(last, page.url()).href, { waitUntil: "load" });
  const ids = await page.$$eval("#decision-index tbody tr", (rows) => rows.map((r) => r.getAttribute("data-id")));
  assert(ids.includes(String(TOTAL)), `the last page (${page.url()}) ends at ${ids[ids.length - 1]}`);
});

// 3. On a phone.
const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
await watchPolicy(phone, violations);
const small = await open(phone, "decisions/index.html");
await check("on a phone the index does not overflow the screen sideways", async () => {
  const wide = await small.evaluate(() => document.documentElement.scrollWidth);
  assert(wide <= 380, `the page is ${wide} px wide`);
});
await small.screenshot({ path: path.join(SHOTS, "scale-decisions-375.png") });
const decisionRel = fs.readdirSync(path.join(SITE, "decisions")).find((f) => f.startsWith(`${FIND}-`) || f.startsWith(`${FIND.padStart(5, "0")}-`));
if (decisionRel) {
  const smallDecision = await open(phone, `decisions/${decisionRel}`);
  await check("on a phone a decision page with its related decisions does not overflow sideways", async () => {
    const wide = await smallDecision.evaluate(() => document.documentElement.scrollWidth);
    assert(wide <= 380, `the page is ${wide} px wide`);
    assert(await smallDecision.locator("#docket-related").isVisible(), "no related decisions on the phone");
  });
  await smallDecision.locator("section.related").screenshot({ path: path.join(SHOTS, "scale-related-375.png") });
}
const smallHome = await open(phone, "index.html");
await smallHome.screenshot({ path: path.join(SHOTS, "scale-home-375.png"), fullPage: true });

await check("no script error and no Content-Security-Policy violation", async () => {
  assert(!errors.length, errors.join("\n"));
  assert(!violations.length, violations.join("\n"));
});
await browser.close();
console.log(failed ? `${failed} check(s) failed` : "all checks passed");
process.exit(failed ? 1 : 0);
