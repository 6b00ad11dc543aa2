// What the pages' Content-Security-Policy reports, for the browser tests: every
// violation on any page of a browser context, from the page's own
// `securitypolicyviolation` events and from Chromium's console (which also speaks
// when JavaScript is off). The policy itself is docket's (views.rs); a page that
// breaks it has an inline script, a style attribute, an event handler or a load from
// another site, which the site must never have.

/** Records every policy violation of `context`'s pages in `sink` (strings). */
export async function watchPolicy(context, sink) {
  await context.exposeBinding("__docketPolicyViolation", ({ page }, text) => sink.push(`${page.url()}: ${text}`));
  await context.addInitScript(() => {
    document.addEventListener(
      "securitypolicyviolation",
      (e) => {
        const where = e.sourceFile ? ` at ${e.sourceFile}:${e.lineNumber}` : "";
        const sample = e.sample ? `: ${e.sample}` : "";
        window.__docketPolicyViolation(`${e.violatedDirective} blocked ${e.blockedURI || "(inline)"}${where}${sample}`);
      },
      true,
    );
  });
  context.on("console", (m) => {
    if (/Content[ -]Security[ -]Policy/i.test(m.text())) {
      const page = m.page();
      sink.push(`${page ? page.url() : "?"}: console: ${m.text()}`);
    }
  });
}

/** The page's Content-Security-Policy `<meta>`, or null without one. */
export async function pagePolicy(page) {
  return page.evaluate(() => {
    const meta = document.querySelector('head > meta[http-equiv="Content-Security-Policy" i]');
    return meta ? meta.getAttribute("content") : null;
  });
}

/** Problems of `policy` (a `<meta>` tag's content): what docket's policy must say. */
export function policyProblems(policy) {
  if (policy === null) return ["no Content-Security-Policy <meta> in <head>"];
  const directives = new Map(
    policy
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name.toLowerCase(), values]),
  );
  const problems = [];
  const want = { "default-src": ["'none'"], "script-src": ["'self'"], "style-src": ["'self'"], "base-uri": ["'none'"] };
  for (const [name, values] of Object.entries(want)) {
    const got = directives.get(name);
    if (!got || got.join(" ") !== values.join(" ")) problems.push(`${name} is “${got ? got.join(" ") : "missing"}”, not “${values.join(" ")}”`);
  }
  if (/unsafe-/i.test(policy)) problems.push(`the policy allows something unsafe: ${policy}`);
  return problems;
}
