#!/usr/bin/env node
// The metrics page of a handbook built with a pull-request export (issue 18), in
// headless Chromium: the reply-time chart is drawn (three lines: median working
// hours, median wall-clock hours and the charter's target), the figures and the
// table per person are there, nothing breaks the pages' Content-Security-Policy,
// and axe finds no serious or critical violation. Screenshots of the chart and of
// the whole page, light and dark, go to SCREENSHOT_DIR as `forge-*.png`.
//
//   node tests/browser/forge.test.mjs SITE_DIR SCREENSHOT_DIR
//
// Run by tests/forge.rs. Chromium comes from $CHROMIUM or /usr/bin/chromium.
// Exits 1 when a check fails, 2 when it cannot run.

import { chromium } from "playwright-core";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { pagePolicy, policyProblems, watchPolicy } from "./policy.mjs";

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

if (process.argv.length !== 4) {
  console.error("usage: node forge.test.mjs SITE_DIR SCREENSHOT_DIR");
  process.exit(2);
}
const SITE = fs.realpathSync(path.resolve(process.argv[2]));
const SHOTS = path.resolve(process.argv[3]);
fs.mkdirSync(SHOTS, { recursive: true });
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
setTimeout(() => {
  console.error("forge.test.mjs: gave up after 2 minutes");
  process.exit(2);
}, 120_000).unref();

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

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
const violations = [];
const url = pathToFileURL(path.join(SITE, "metrics.html")).href;
for (const scheme of ["light", "dark"]) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: scheme });
  await watchPolicy(context, violations);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(url, { waitUntil: "load" });
  const section = page.locator("section.chart-section", { has: page.locator("#replies-heading") });
  await check(`[${scheme}] the reply-time chart is drawn against the target`, async () => {
    assert((await section.count()) === 1, "no section with the heading #replies-heading");
    const drawn = await section.evaluate((s) => {
      const svg = s.querySelector("svg");
      const box = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
      return {
        lines: svg ? svg.querySelectorAll("polyline.chart-line").length : 0,
        points: svg ? svg.querySelectorAll("circle").length : 0,
        legend: svg ? [...svg.querySelectorAll(".chart-legend text")].map((t) => t.textContent) : [],
        width: box.width,
        height: box.height,
      };
    });
    assert(drawn.lines >= 3, `expected 3 lines, found ${drawn.lines}`);
    assert(drawn.width > 300 && drawn.height > 150, `the chart is ${drawn.width}×${drawn.height}`);
    for (const name of ["median working hours", "median wall-clock hours", "target (response_time)"]) {
      assert(drawn.legend.includes(name), `the legend lacks “${name}”: ${drawn.legend.join(", ")}`);
    }
    return `${drawn.lines} lines, ${drawn.points} points`;
  });
  await check(`[${scheme}] the reply figures and the table per person are shown`, async () => {
    const text = await page.locator("main").innerText();
    for (const words of ["Median working hours to a first reply", "First replies within target", "Decided decisions approved besides the owner", "First replies per person"]) {
      assert(text.includes(words), `“${words}” is not on the page`);
    }
  });
  await check(`[${scheme}] no script error, and the page keeps its security policy`, async () => {
    assert(!errors.length, errors.join("\n"));
    const problems = policyProblems(await pagePolicy(page));
    assert(!problems.length, problems.join("\n"));
  });
  await check(`[${scheme}] axe: no serious or critical violation on the metrics page`, async () => {
    await page.evaluate(AXE);
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"], preload: false }));
    const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    assert(!bad.length, bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`).join("\n"));
  });
  if ((await section.count()) === 1) {
    await section.screenshot({ path: path.join(SHOTS, `forge-replies-chart-${scheme}.png`) });
  }
  await page.screenshot({ path: path.join(SHOTS, `forge-metrics-${scheme}.png`), fullPage: true });
  await context.close();
}
await check("no Content-Security-Policy violation on any page", async () => {
  assert(!violations.length, violations.join("\n"));
});
await browser.close();
console.log(failed ? `${failed} check(s) failed` : "all checks passed");
process.exit(failed ? 1 : 0);
