//! The built site in a real browser: `docket build` on a small handbook, then
//! `tests/browser/site.test.mjs` (headless Chromium driven by playwright-core, with an
//! axe-core accessibility audit) opens it from `file://` and from a local HTTP server
//! under a sub-path, with JavaScript on and off, and saves screenshots to
//! `target/screenshots/`: the home page, the decision index, a decision, the charter
//! and the team pages (metrics, meetings, updates, a day of updates, people, a
//! person), in light and dark at 1280 px, and at 375 px.
//!
//! Two more sites are looked at, for what only shows at a missing address and in the
//! preview: the same handbook built with a base URL, served the way a static host
//! serves it (a missing page in a folder gets `404.html`), and `docket serve` of the
//! handbook with two broken decisions (its 404 page in a folder, and its error bar,
//! closed at 1280 px and opened at 375 px). Both nested 404 pages are photographed at
//! both widths.
//!
//! A third site is the monorepo of issue 12 ("Kinds of your own"): decisions in
//! `services/*/docs/adr` with overlapping numbers, and a kind of the team's own
//! (`[kinds.proposal]`) with a facet; its decision index must filter by folder and
//! state, and the kind's index by its facet, in the browser.
//!
//! It needs Node, Chromium (`CHROMIUM`, or `/usr/bin/chromium`) and
//! `npm ci --prefix tests/browser`. Without them the test says "skipped" and passes,
//! unless `DOCKET_REQUIRE_BROWSER=1` (set by `.ci/run`) makes that a failure.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

mod common;

use std::path::Path;

use common::Repo;
use common::browser;
use common::serve::Serve;

/// Words for the search box, each only in decision bodies: `zanzibarite` only in
/// decision 3's, `quokka` in 4's and 5's (a posting list of two documents, neither the
/// first, so that reading the delta-encoded list wrong finds the wrong pages). The
/// script expects exactly the decisions whose page text has the word.
const SEARCH_WORDS: &[&str] = &["zanzibarite", "quokka"];

/// A handbook with every kind of document and a decision of each status, including a
/// supersession (2 is replaced by 4).
const HANDBOOK: &[(&str, &str)] = &[
    (
        "docs/people.yaml",
        "\
- id: alice
  name: Alice Ng
  role: Engineering lead
  timezone: Europe/Berlin
  handle: \"@alice\"
  team: platform
- id: bob
  name: Bob Mensah
  role: Backend engineer
  timezone: America/New_York
  team: platform
- id: chen
  name: Chen Wei
  role: Product designer
  timezone: Asia/Singapore
  hours: \"10:00-18:00\"
  team: product
",
    ),
    (
        "docs/charter.md",
        "\
---
title: Communication charter
owner: alice
reviewed: 2026-11-01
response_time: 4h
decision_deadline: 48h
focus_block: 5h
---

How the team works across three time zones: in writing first, in meetings last.

## What requires a meeting

Conflicts that two written rounds did not settle, and anything about a person's
wellbeing. Everything else is written down first.

## Response times

Replies within four working hours; blockers within one.

## Where communication lives

Decisions in `docs/decisions`, briefs in `docs/briefs`, daily updates in
`docs/updates`. Chat is for quick questions only.

## Escalation

Ask the decision owner; after the deadline, the owner decides with what is known.
",
    ),
    (
        "docs/decisions/0001-use-postgresql.md",
        "\
---
title: Use PostgreSQL & pgBouncer for storage
status: accepted
owner: alice
date: 2026-11-02
decided: 2026-11-04
consulted: [bob]
tags: [storage, backend]
options:
  - name: PostgreSQL
    pros: [Mature, Transactions]
    cons: [Needs a connection pooler]
  - name: SQLite
    pros: [No server]
    cons: [One writer at a time]
outcome: PostgreSQL behind pgBouncer, because we need concurrent writers.
---

## Context

The billing service needs a database that several workers can write to at once.
",
    ),
    (
        "docs/decisions/0002-weekly-status-meeting.md",
        "\
---
title: Hold a weekly status meeting
status: superseded
owner: bob
date: 2026-11-03
decided: 2026-11-05
superseded_by: 4
tags: [meetings]
---

## Context

We lose track of who is working on what.

## Options

- A weekly 50-minute status meeting.
- Nothing: keep asking in chat.

## Decision

A weekly status meeting on Mondays.
",
    ),
    (
        "docs/decisions/0003-adopt-graphql.md",
        "\
---
title: Adopt GraphQL for the public API
status: rejected
owner: chen
date: 2026-11-06
decided: 2026-11-09
tags: [api]
options:
  - name: GraphQL
    pros: [Clients ask for exactly what they need]
    cons: [Caching is harder]
  - name: REST with JSON
    pros: [Every client already speaks it]
outcome: REST with JSON; GraphQL solves a problem our clients do not have.
---

## Context

A partner asked for GraphQL. Their integration, code-named zanzibarite, needs three
resources that REST already serves.
",
    ),
    (
        "docs/decisions/0004-written-daily-updates.md",
        "\
---
title: Replace the status meeting with written daily updates
status: accepted
owner: alice
date: 2026-11-10
decided: 2026-11-12
supersedes: [2]
informed: [chen]
tags: [meetings, async]
---

## Context

The weekly meeting cost eight person-hours and its notes were stale by Tuesday
(the quokka test: would anyone miss it?).

## Options

- Keep the weekly meeting.
- Three-line written updates every working day.

## Decision

Written daily updates in `docs/updates`, read by everyone before noon their time.
",
    ),
    (
        "docs/decisions/0005-pick-an-error-tracker.md",
        "\
---
title: Pick an error tracker
status: proposed
owner: bob
date: 2026-11-23
deadline: 2026-11-26
tags: [backend, tooling]
---

## Context

Errors in production reach us through customers. Which tracker should we use? The
quokka board lists the candidates.

## Options

- A hosted service.
- A self-hosted one.
",
    ),
    (
        "docs/briefs/migrate-billing.md",
        "\
---
title: Migrate billing to PostgreSQL
owner: bob
deadline: 2026-12-05
status: active
estimate: 16
---

## Context

Decision 0001 chose PostgreSQL; billing still writes to files.

## Expected output

Billing reads and writes PostgreSQL; the files are archived.

## Acceptance criteria

- Every invoice of the last year is in the database.
- The nightly export matches the old one byte for byte.
",
    ),
    (
        "docs/updates/2026-11-20/alice.md",
        "\
Done: drafted the billing brief
Next: ask for reviews
Blocker: a reviewer for the billing brief
",
    ),
    (
        "docs/updates/2026-11-21/alice.md",
        "\
Done: the billing brief is in review
Next: the error-tracker question
Blocker: none
",
    ),
    (
        "docs/updates/2026-11-20/chen.md",
        "\
Done: sketches of the invoice page
Next: the design review
Blocker: access to the design system repository
",
    ),
    (
        "docs/updates/2026-11-21/chen.md",
        "\
Done: invoice page, first round of comments
Next: the design review
Blocker: access to the design system repository
",
    ),
    (
        "docs/updates/2026-11-23/chen.md",
        "\
Done: invoice page, second round
Next: hand-off to bob
Blocker: Access to the design system repository
",
    ),
    (
        "docs/updates/2026-11-23/alice.md",
        "\
Done: reviewed the billing brief
Next: write the error-tracker comparison
Blocker: none
",
    ),
    (
        "docs/updates/2026-11-23/bob.md",
        "\
Done: connection pool settings
Next: invoice import
Blocker: waiting for #5
",
    ),
    (
        "docs/meetings.yaml",
        "\
- name: Weekly planning
  category: decision
  cadence: weekly
  duration: 50
  attendees: [alice, bob, chen]
  agenda: true
- name: One-to-one
  category: relationship
  cadence: biweekly
  duration: 25
  attendees: [alice, chen]
  agenda: false
- name: Daily standup
  category: update
  cadence: daily
  duration: 15
  attendees: [alice, bob, chen]
  agenda: false
- name: Pairing on billing
  category: work
  cadence: daily
  duration: 180
  attendees: [bob, chen]
  agenda: false
",
    ),
    (
        "docs/guide/onboarding.md",
        "\
---
title: Onboarding
---

Welcome! Read the [charter](../charter.md) first, then the
[decision on storage](../decisions/0001-use-postgresql.md).

## Your first week

Write a daily update from day one.
",
    ),
];

/// What `docket serve` is shown besides [`HANDBOOK`]: a decision whose body links to
/// a file that does not exist, far to the right of its line (the caret the error bar
/// shows is past a phone's width), and one whose front matter cannot be read.
const BROKEN: &[(&str, &str)] = &[
    (
        "docs/decisions/0006-page-the-on-call-engineer.md",
        "\
---
title: Page the on-call engineer
status: proposed
owner: bob
date: 2026-11-23
deadline: 2026-11-27
---

## Context

The pager rota is in the runbook: see [the escalation table](../runbooks/pager-escalation.md).
",
    ),
    (
        "docs/decisions/0007-unreadable.md",
        "---\ntitle: [unclosed\nstatus: proposed\n---\n\nBody.\n",
    ),
];

/// A port on 127.0.0.1 that was free a moment ago, for a base URL that must name the
/// port before the server listens on it.
fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// A monorepo (issue 12): decisions in three services' folders whose numbers overlap,
/// one of them open, and improvement proposals, a kind of the team's own with the
/// facet `type`.
const KINDS: &[(&str, &str)] = &[
    (
        "docket.toml",
        r#"root = "."

[kinds.decision]
path = "services/*/docs/adr"

[kinds.proposal]
path = "proposals"
title = "Improvement proposals"
id = "eip"
fields.owner = "author"
fields.date = "created"
statuses.open = ["Draft", "Review", "Last Call"]
statuses.decided = ["Final", "Living"]
statuses.closed = ["Stagnant", "Withdrawn"]
statuses.superseded = ["Moved"]
facets = ["type"]
"#,
    ),
    (
        "people.yaml",
        "- id: alice\n  name: Alice Ng\n  timezone: Europe/Berlin\n- id: bob\n  name: Bob Mensah\n  timezone: America/New_York\n",
    ),
    (
        "services/billing/docs/adr/0001-use-stripe.md",
        "---\ntitle: Use Stripe for payments\nstatus: accepted\nowner: alice\ndate: 2026-11-02\ndecided: 2026-11-03\n---\n\n## Options\n\n- Stripe\n- Adyen\n\n## Decision\n\nStripe.\n",
    ),
    (
        "services/billing/docs/adr/0002-invoice-in-utc.md",
        "---\ntitle: Invoice in UTC\nstatus: proposed\nowner: bob\ndate: 2026-11-20\ndeadline: 2026-11-30\n---\n\n## Context\n\nTime zones.\n",
    ),
    (
        "services/search/docs/adr/0001-use-tantivy.md",
        "---\ntitle: Use Tantivy\nstatus: accepted\nowner: bob\ndate: 2026-11-04\ndecided: 2026-11-05\n---\n\n## Options\n\n- Tantivy\n- Elasticsearch\n\n## Decision\n\nTantivy.\n",
    ),
    (
        "services/search/docs/adr/0002-index-nightly.md",
        "---\ntitle: Rebuild the index nightly\nstatus: proposed\nowner: alice\ndate: 2026-11-21\ndeadline: 2026-11-30\n---\n\n## Context\n\nFreshness.\n",
    ),
    (
        "services/auth/docs/adr/0001-use-oidc.md",
        "---\ntitle: Use OpenID Connect\nstatus: accepted\nowner: alice\ndate: 2026-11-06\ndecided: 2026-11-07\n---\n\n## Options\n\n- OIDC\n- SAML\n\n## Decision\n\nOIDC.\n",
    ),
    (
        "proposals/eip-1.md",
        "---\neip: 1\ntitle: Proposal purpose and guidelines\nstatus: Living\ntype: Meta\nauthor: Alice Ng (@alice)\ncreated: 2026-10-01\n---\n\n## Abstract\n\nHow proposals work.\n",
    ),
    (
        "proposals/eip-20.md",
        "---\neip: 20\ntitle: Token standard\nstatus: Final\ntype: Standards Track\nauthor: Bob Mensah (@bob)\ncreated: 2026-10-02\n---\n\n## Abstract\n\nTokens.\n",
    ),
    (
        "proposals/eip-7000.md",
        "---\neip: 7000\ntitle: Fast confirmations\nstatus: Draft\ntype: Standards Track\nauthor: Alice Ng (@alice)\ncreated: 2026-11-20\n---\n\n## Abstract\n\nFaster.\n",
    ),
];

/// Copies the folder `from` to `to`, replacing it, so that a failing run's site can
/// be opened after the temporary folder is gone.
fn copy_dir(from: &Path, to: &Path) {
    let _ = std::fs::remove_dir_all(to);
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn built_site_works_in_a_real_browser() {
    let Some((chromium, workspace)) = browser::available() else {
        return;
    };

    // A git repository, so that the decision pages show their history too.
    let repo = Repo::new();
    repo.write_all(HANDBOOK).commit("Handbook");
    let site = repo.path().join("site");
    let build = repo
        .docket()
        .args(["build", repo.path().to_str().unwrap(), "--out"])
        .args([site.to_str().unwrap()])
        .run();
    build.assert_code(0);
    assert!(
        site.join("decisions/index.html").is_file(),
        "`docket build` wrote no decision index\n{build}"
    );
    // The team pages the script audits and photographs.
    for page in [
        "metrics.html",
        "meetings/index.html",
        "updates/index.html",
        "updates/2026-11-23/index.html",
        "people/index.html",
        "people/chen.html",
    ] {
        assert!(site.join(page).is_file(), "`docket build` wrote no {page}");
    }

    // The same handbook with a base URL, for the host's 404 page in a folder.
    let port = free_port();
    let based = repo.path().join("based");
    repo.docket()
        .args(["build", repo.path().to_str().unwrap(), "--out"])
        .args([based.to_str().unwrap(), "--base-url"])
        .args([format!("http://127.0.0.1:{port}/based/")])
        .run()
        .assert_code(0);
    // The preview of the handbook with errors.
    let broken = Repo::new();
    broken
        .write_all(HANDBOOK)
        .write_all(BROKEN)
        .commit("Handbook with errors");
    let serve = Serve::start(&broken);
    // The monorepo with a kind of the team's own.
    let kinds = Repo::new();
    kinds.write_all(KINDS).commit("Monorepo");
    let kinds_site = kinds.path().join("site");
    kinds
        .docket()
        .args(["build", kinds.path().to_str().unwrap(), "--out"])
        .args([kinds_site.to_str().unwrap()])
        .run()
        .assert_code(0);

    let screenshots = workspace.join("target/screenshots");
    std::fs::create_dir_all(&screenshots).unwrap();
    let mut args: Vec<std::ffi::OsString> = vec![site.clone().into(), screenshots.clone().into()];
    for w in SEARCH_WORDS {
        args.extend(["--search".into(), (*w).into()]);
    }
    args.extend([
        "--port".into(),
        port.to_string().into(),
        "--based".into(),
        based.into(),
    ]);
    args.extend([
        "--serve".into(),
        serve.url().into(),
        "--kinds".into(),
        kinds_site.into(),
    ]);
    if let Err(report) = browser::node_script(&chromium, workspace, "site.test.mjs", args) {
        let kept = workspace.join("target/browser-failed-site");
        copy_dir(&site, &kept);
        panic!(
            "the browser checks failed; the site is kept in {} and the screenshots are in \
             {} {report}",
            kept.display(),
            screenshots.display()
        );
    }
}
