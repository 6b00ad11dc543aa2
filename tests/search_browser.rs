//! Search in a real browser: `docket build` on a small handbook, twice (the index
//! in one file, and split into shards as a large handbook's is, with the threshold
//! lowered by the debug build's `DOCKET_SEARCH_SHARD_DOCS`), then
//! `tests/browser/search.test.mjs` opens both from `file://` in headless Chromium and
//! types queries into the search box of the home page and into `search.html`:
//!
//! - a decision whose title is the word comes before an earlier one whose title
//!   has it among other words, then a brief titled with it, then a page with it in
//!   a heading, then records and briefs with it only in the body (field first,
//!   then kind, then the handbook's order);
//! - `12`, `#12` and `0012` put decision 12 first;
//! - every result has a snippet, and the word asked for is in `<mark>` in the
//!   title and in the snippet, made of text and `<mark>` only (an excerpt that reads
//!   like an `<img>` tag stays text);
//! - "decided fishtank" finds the page that only says "decision" (stemming), and the
//!   browser's stemmer gives every word of the index the stem the build gave it;
//! - with shards, a query loads only the word shards its words start with and the
//!   document shards of the results shown, never the whole index;
//! - on a phone (375 px) the results fit the screen (saved as
//!   `target/screenshots/search-results-phone.png`).
//!
//! It needs Node, Chromium (`CHROMIUM`, or `/usr/bin/chromium`) and
//! `npm ci --prefix tests/browser`. Without them the test says "skipped" and passes,
//! unless `DOCKET_REQUIRE_BROWSER=1` (set by `.ci/run`) makes that a failure.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

mod common;

use common::Repo;
use common::serve::Serve;

const DECISION_HEAD: &str =
    "status: accepted\nowner: alice\ndate: 2026-11-02\ndecided: 2026-11-04\n";

fn decision(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\n{DECISION_HEAD}---\n\n{body}")
}

fn brief(title: &str, body: &str) -> String {
    format!(
        "---\ntitle: {title}\nowner: bob\ndeadline: 2026-12-05\nstatus: active\nestimate: 8\n---\n\n{body}"
    )
}

/// The handbook: "zephyr" as all of a decision's title (0003), in the longer title
/// of an earlier decision (0002) and of a brief, in a free page's heading, and in
/// the body of an earlier decision (0001) and of a brief; the
/// number 12 as decision 12's id and in a brief's title; "decision" (never
/// "decided") beside "fishtank" on one page.
fn handbook() -> Vec<(&'static str, String)> {
    vec![
        (
            "docs/people.yaml",
            "- id: alice\n  name: Alice Ng\n  role: Engineering lead\n  timezone: Europe/Berlin\n- id: bob\n  name: Bob Mensah\n  role: Backend engineer\n  timezone: America/New_York\n".into(),
        ),
        (
            "docs/charter.md",
            "---\ntitle: Communication charter\nowner: alice\nreviewed: 2026-11-01\nresponse_time: 4h\ndecision_deadline: 48h\n---\n\nIn writing first.\n\n## What requires a meeting\n\nConflicts.\n\n## Response times\n\nFour hours.\n\n## Where communication lives\n\nIn the handbook.\n\n## Escalation\n\nThe owner decides.\n".into(),
        ),
        (
            "docs/decisions/0001-storage-engine.md",
            decision(
                "Storage engine",
                "## Context\n\nThe cluster behind the zephyr gateway needs storage.\n",
            ),
        ),
        (
            "docs/decisions/0002-zephyr-retry-policy.md",
            decision(
                "Zephyr retry policy",
                "## Context\n\nRetries back off three times.\n",
            ),
        ),
        (
            "docs/decisions/0003-zephyr-zephyr.md",
            decision(
                "Zephyr zephyr",
                "## Context\n\nThe zephyr gateway &lt;img src=x onerror=alert(1)&gt; takes **all** traffic.\n",
            ),
        ),
        (
            "docs/decisions/0012-billing-limits.md",
            decision("Billing limits", "## Context\n\nLimits for 12 teams.\n"),
        ),
        (
            "docs/briefs/cache-warmup.md",
            brief("Cache warmup", "## Context\n\nWarm the zephyr cache.\n"),
        ),
        (
            "docs/briefs/zephyr-rollout.md",
            brief("Zephyr rollout", "## Context\n\nRoll it out.\n"),
        ),
        (
            "docs/briefs/plan-for-12.md",
            brief("Plan for 12 teams", "## Context\n\nTwelve teams, one plan.\n"),
        ),
        (
            "docs/guide/field-guide.md",
            "---\ntitle: Field guide\n---\n\nHow to read the dashboards.\n\n## Zephyr notes\n\nSee the log.\n"
                .into(),
        ),
        (
            "docs/guide/aquarium.md",
            "---\ntitle: Aquarium\n---\n\nEvery decision about the fishtank is written down.\n"
                .into(),
        ),
    ]
}

/// What the script checks, per query: the results start with `first`, in order,
/// and include `includes`; `mark` is marked in the first result.
const CASES: &str = r##"[
  {"query": "zephyr", "first": ["decisions/0003-zephyr-zephyr.html", "decisions/0002-zephyr-retry-policy.html", "briefs/zephyr-rollout.html", "guide/field-guide.html", "decisions/0001-storage-engine.html", "briefs/cache-warmup.html"], "mark": "zephyr", "markTitle": true},
  {"query": "zeph", "first": ["decisions/0003-zephyr-zephyr.html", "decisions/0002-zephyr-retry-policy.html", "briefs/zephyr-rollout.html"], "mark": "zephyr", "markTitle": true},
  {"query": "12", "first": ["decisions/0012-billing-limits.html", "briefs/plan-for-12.html"]},
  {"query": "#12", "first": ["decisions/0012-billing-limits.html"]},
  {"query": "0012", "first": ["decisions/0012-billing-limits.html"]},
  {"query": "decided fishtank", "first": ["guide/aquarium.html"], "mark": "decision"},
  {"query": "gateway zephyr", "first": ["decisions/0003-zephyr-zephyr.html", "decisions/0001-storage-engine.html"], "mark": "gateway"}
]"##;

#[test]
fn search_ranks_jumps_marks_and_stems_in_one_file_and_in_shards() {
    let Some((chromium, workspace)) = common::browser::available() else {
        return;
    };
    let repo = Repo::new();
    let files = handbook();
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    repo.write_all(&refs).commit("Handbook");
    let one = repo.path().join("site-one");
    repo.docket()
        .args(["build", repo.path().to_str().unwrap(), "--out"])
        .args([one.to_str().unwrap()])
        .run()
        .assert_code(0);
    assert!(one.join("search-index.js").is_file());
    assert!(
        !one.join("search-index").exists(),
        "a small handbook has no shards"
    );
    let sharded = repo.path().join("site-sharded");
    repo.docket()
        .env("DOCKET_SEARCH_SHARD_DOCS", "3")
        .args(["build", repo.path().to_str().unwrap(), "--out"])
        .args([sharded.to_str().unwrap()])
        .run()
        .assert_code(0);
    assert!(
        sharded.join("search-index/d-0.js").is_file()
            && sharded.join("search-index/w-ze.js").is_file(),
        "the lowered threshold gives shards"
    );

    let screenshots = workspace.join("target/screenshots");
    common::browser::run_script(
        &chromium,
        workspace,
        "search.test.mjs",
        [
            one.as_os_str(),
            sharded.as_os_str(),
            "--cases".as_ref(),
            CASES.as_ref(),
            "--screenshots".as_ref(),
            screenshots.as_os_str(),
        ],
        "the search checks failed",
    );
}

/// The files of the index in `site`: `search-index.js` and every shard, with their bytes.
fn index_files(site: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out = vec![(
        "search-index.js".to_string(),
        std::fs::read(site.join("search-index.js")).unwrap(),
    )];
    if let Ok(dir) = std::fs::read_dir(site.join("search-index")) {
        for entry in dir.flatten() {
            out.push((
                entry.file_name().to_string_lossy().into_owned(),
                std::fs::read(entry.path()).unwrap(),
            ));
        }
    }
    out.sort();
    out
}

/// Shards come out the same from build to build: the same files, byte for byte.
#[test]
fn shards_are_the_same_bytes_from_build_to_build() {
    let repo = Repo::new();
    let files = handbook();
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    repo.write_all(&refs).commit("Handbook");
    let build = |name: &str| {
        let out = repo.path().join(name);
        repo.docket()
            .env("DOCKET_SEARCH_SHARD_DOCS", "3")
            .args(["build", repo.path().to_str().unwrap(), "--out"])
            .args([out.to_str().unwrap()])
            .run()
            .assert_code(0);
        index_files(&out)
    };
    let first = build("a");
    assert!(
        first.len() > 5,
        "shards: {:?}",
        first.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    assert_eq!(first, build("b"));
}

/// The preview (`docket serve`) serves the index the build writes, shards and all.
#[test]
fn the_preview_serves_the_shards_the_build_writes() {
    let repo = Repo::new();
    let files = handbook();
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    repo.write_all(&refs).commit("Handbook");
    let out = repo.outside("built");
    repo.docket()
        .env("DOCKET_SEARCH_SHARD_DOCS", "3")
        .args(["build", repo.path().to_str().unwrap(), "--out"])
        .args([out.to_str().unwrap()])
        .run()
        .assert_code(0);
    let built = index_files(&out);
    let tmp = repo.outside("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let preview = Serve::start_in_with(repo.path(), &tmp, &[("DOCKET_SEARCH_SHARD_DOCS", "3")]);
    for (name, bytes) in &built {
        let url = if name == "search-index.js" {
            format!("/{name}")
        } else {
            format!("/search-index/{name}")
        };
        let (status, body) = preview.get_bytes(&url);
        assert_eq!(status, 200, "{url}");
        assert!(body == *bytes, "{url} differs between serve and build");
    }
    assert_eq!(preview.get_bytes("/search-index/w-nope.js").0, 404);
}
