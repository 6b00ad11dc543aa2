//! The organisation hub (issue 16): a handbook whose docket.toml names
//! `[[sources]]` merges three local repositories and two published
//! `decisions.json` files into one index. Each bad source is one finding that
//! names it and the rest still builds; `SOURCE:ID` references between handbooks
//! resolve on the hub and, with `--sources`, in a repository's own check.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use common::{Diag, MINIMAL, Repo, listing, write_file};

/// A decision record.
fn decision(title: &str, status: &str, extra: &str, body: &str) -> String {
    let decided = match status {
        "accepted" | "rejected" => {
            "decided: 2026-11-03\noptions:\n  - name: A\n  - name: B\noutcome: A, because it is simpler.\n"
        }
        _ => "deadline: 2026-12-20\n",
    };
    format!(
        "---\ntitle: {title}\nstatus: {status}\nowner: alice\ndate: 2026-11-01\n{decided}{extra}---\n# {title}\n\n{body}\n"
    )
}

/// A committed handbook at `dir` (beside the hub): the minimal handbook, its
/// `people.yaml` replaced when `people` is given, and `files`.
fn source_repo(hub: &Repo, dir: &Path, people: Option<&str>, files: &[(&str, String)]) {
    std::fs::create_dir_all(dir).unwrap();
    hub.git_in(dir, &["init", "-q"], &[]);
    for (rel, text) in MINIMAL {
        write_file(&dir.join(rel), text.as_bytes());
    }
    if let Some(people) = people {
        write_file(&dir.join("docs/people.yaml"), people.as_bytes());
    }
    for (rel, text) in files {
        write_file(&dir.join(rel), text.as_bytes());
    }
    hub.git_in(dir, &["add", "-A"], &[]);
    hub.git_in(dir, &["commit", "-q", "-m", "handbook"], &[]);
}

const HUB_TOML: &str = r#"root = "docs"

[site]
title = "Acme decisions"

[[sources]]
name = "payments"
path = "../outside/payments"

[[sources]]
name = "search"
path = "../outside/search"

[[sources]]
name = "billing"
path = "../outside/billing"

[[sources]]
name = "platform"
json = "inputs/platform/decisions.json"
site = "https://platform.handbook.example/"

[[sources]]
name = "legacy"
json = "inputs/legacy/decisions.json"

[[sources]]
name = "search"
json = "inputs/search-again.json"

[[sources]]
name = "archive"
path = "../outside/archive"
"#;

/// Platform's published file: 7 is superseded by payments' 42 (valid), 8
/// supersedes payments' 99, which does not exist.
const PLATFORM_JSON: &str = r#"{
  "version": 1,
  "decisions": [
    {"id": 7, "kind": "decision", "title": "Retries in every client", "status": "superseded",
     "owner": "dmitri", "date": "2026-09-01", "decided": "2026-09-03", "tags": ["retries"],
     "supersedes": [], "superseded_by": "payments:42",
     "path": "docs/decisions/0007-retries-in-every-client.md", "url": "decisions/0007-retries-in-every-client.html"},
    {"id": 8, "kind": "decision", "title": "One queue per team", "status": "accepted",
     "owner": "erin", "date": "2026-10-01", "decided": "2026-10-02", "tags": ["queues"],
     "supersedes": ["payments:99"], "superseded_by": null,
     "path": "docs/decisions/0008-one-queue-per-team.md", "url": "decisions/0008-one-queue-per-team.html"}
  ]
}
"#;

const LEGACY_JSON: &str = "{\"version\": 2, \"records\": []}\n";

/// Search's roster gives alice another time zone than payments'.
const SEARCH_PEOPLE: &str = "\
- id: alice
  name: Alice Ng
  timezone: America/New_York
- id: bob
  name: Bob Okafor
  timezone: America/Toronto
- id: carol
  name: Carol Lindqvist
  timezone: Europe/Stockholm
";

/// The fixture hub: three checkouts beside it, two published files, and a
/// decision of its own that names records of the sources.
fn hub() -> Repo {
    let hub = Repo::new();
    source_repo(
        &hub,
        &hub.outside("payments"),
        None,
        &[
            (
                "docs/decisions/0041-idempotency-keys.md",
                decision(
                    "Idempotency keys",
                    "accepted",
                    "",
                    "Every write carries a key.",
                ),
            ),
            (
                "docs/decisions/0042-retry-with-backoff.md",
                decision(
                    "Retry with backoff",
                    "accepted",
                    "supersedes: [\"platform:7\"]\ntags: [retries]\n",
                    "Replaces [platform's rule](platform:0007).",
                ),
            ),
        ],
    );
    source_repo(
        &hub,
        &hub.outside("search"),
        Some(SEARCH_PEOPLE),
        &[(
            "docs/decisions/0001-one-index.md",
            decision("One search index", "proposed", "", "Open."),
        )],
    );
    source_repo(
        &hub,
        &hub.outside("billing"),
        None,
        &[(
            "docs/decisions/0003-invoices-in-utc.md",
            decision(
                "Invoices in UTC",
                "accepted",
                "supersedes: [\"payments:41\"]\n",
                "Retries follow [payments](payments:0042).",
            ),
        )],
    );
    hub.write_all(MINIMAL)
        .write("docket.toml", HUB_TOML)
        .write("inputs/platform/decisions.json", PLATFORM_JSON)
        .write("inputs/legacy/decisions.json", LEGACY_JSON)
        .write(
            "docs/decisions/0001-one-handbook-per-team.md",
            decision(
                "One handbook per team",
                "accepted",
                "supersedes: [\"payments:41\"]\n",
                "See [search's index](search:0009) and [billing](billing:3).",
            ),
        )
        .commit("hub");
    hub
}

fn line(d: &Diag) -> String {
    format!("{}:{} {} {}", d.file, d.line, d.rule, d.message)
}

#[test]
fn the_hub_reports_each_bad_source_and_broken_cross_reference() {
    let hub = hub();
    let run = hub.check_json(&[]);
    let diags = run.diagnostics();
    let found: Vec<String> = diags.iter().map(line).collect();
    let has = |rule: &str, file: &str, line: u64, words: &[&str]| {
        assert!(
            diags.iter().any(|d| d.rule == rule
                && d.file == file
                && d.line == line
                && words.iter().all(|w| d.message.contains(w))),
            "expected `{rule}` at {file}:{line} with {words:?}; found:\n{}",
            listing(&diags)
        );
    };
    // The unknown contract version, at its `version` in the file.
    has(
        "hub-source",
        "inputs/legacy/decisions.json",
        1,
        &["legacy", "version 2"],
    );
    // The second source named `search`, at its name in docket.toml.
    has(
        "hub-source",
        "docket.toml",
        28,
        &["`search`", "named twice"],
    );
    // alice's time zone differs between search's roster and the others' (the
    // hub's own, read first, and payments'): at search's name.
    has(
        "roster-conflict",
        "docket.toml",
        11,
        &["alice", "Europe/Berlin", "America/New_York", "`search`"],
    );
    // platform's 8 supersedes payments:99, which does not exist: at platform in
    // docket.toml.
    has(
        "broken-reference",
        "docket.toml",
        19,
        &["platform", "payments:99"],
    );
    // The hub's own decision links to search:0009, which does not exist.
    has(
        "broken-reference",
        "docs/decisions/0001-one-handbook-per-team.md",
        15,
        &["search:0009"],
    );
    // billing's 3 supersedes payments:41, which payments does not record as
    // superseded: at billing in docket.toml.
    has(
        "supersession-mismatch",
        "docket.toml",
        15,
        &["billing", "payments:41", "superseded_by"],
    );
    // A checkout that is not there.
    has(
        "hub-source",
        "docket.toml",
        32,
        &["`archive`", "not a folder"],
    );
    // Valid references between handbooks are accepted: payments:41, billing:3,
    // platform:7 and platform:0007 (written in payments), payments:42 (platform
    // and billing).
    for ok in ["payments:41", "billing:3", "platform:7", "payments:42"] {
        assert!(
            !found
                .iter()
                .any(|f| f.contains(ok) && f.contains("broken-reference")),
            "`{ok}` resolves, yet:\n{}",
            found.join("\n")
        );
    }
    assert_eq!(
        diags.len(),
        7,
        "one finding per problem:\n{}",
        listing(&diags)
    );
    insta::assert_snapshot!("hub_findings", found.join("\n"));
}

#[test]
fn the_hub_builds_one_index_with_every_good_source() {
    let hub = hub();
    let out = hub.outside("site");
    let run = hub
        .docket()
        .args(["build", "--out", out.to_str().unwrap()])
        .run();
    run.assert_code(0);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("decisions.json")).unwrap())
            .unwrap();
    assert_eq!(json["version"], 1);
    let sources: Vec<String> = json["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| format!("{} read={} site={}", s["name"], s["read"], s["site"]))
        .collect();
    let merged: Vec<String> = json["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{} {} {} [{}] supersedes={} superseded_by={}",
                d["source"], d["id"], d["title"], d["status"], d["supersedes"], d["superseded_by"]
            )
        })
        .collect();
    insta::assert_snapshot!(
        "hub_merged_index",
        format!("{}\n\n{}", sources.join("\n"), merged.join("\n"))
    );
    let read =
        |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    // The organisation index lists every good source's records; platform's link to
    // its own site, the checkouts' to the hub's pages.
    let index = read("org/index.html");
    for title in [
        "Idempotency keys",
        "One search index",
        "Invoices in UTC",
        "One queue per team",
    ] {
        assert!(index.contains(title), "{title} missing from org/index.html");
    }
    assert!(index.contains(
        "href=\"https://platform.handbook.example/decisions/0008-one-queue-per-team.html\""
    ));
    assert!(index.contains("href=\"../org/payments/0042-retry-with-backoff.html\""));
    // A checkout's record has a page on the hub, with its cross-source link.
    let page = read("org/payments/0042-retry-with-backoff.html");
    assert!(
        page.contains(
            "href=\"https://platform.handbook.example/decisions/0007-retries-in-every-client.html\""
        ),
        "{page}"
    );
    // The hub's own decision links to billing's record on the hub.
    let own = read("decisions/0001-one-handbook-per-team.html");
    assert!(
        own.contains("href=\"../org/billing/0003-invoices-in-utc.html\""),
        "{own}"
    );
    // Its `supersedes: ["payments:41"]` links to that record's page on the hub.
    assert!(
        own.contains("href=\"../org/payments/0041-idempotency-keys.html\""),
        "{own}"
    );
    // People across sources, and the figures per source and in total.
    let people = read("org/people.html");
    assert!(people.contains("dmitri") && people.contains("Europe/Berlin"));
    let metrics = read("org/metrics.html");
    assert!(metrics.contains("platform") && metrics.contains("Total"));
    assert!(out.join("org/payments/index.html").is_file());
    assert!(out.join("org/index.js").is_file());
}

/// A repository that writes `other:0041` (a record a hub has) and `other:0042`
/// (one it has not) in front matter and in a link.
fn referring_repo() -> Repo {
    let repo = Repo::new();
    repo.write_all(MINIMAL)
        .write(
            "docs/decisions/0001-follow-the-platform.md",
            decision(
                "Follow the platform",
                "accepted",
                "supersedes: [\"other:0041\", \"other:0042\"]\n",
                "As [other's rule](other:0041) and [the missing one](other:0042) say.",
            ),
        )
        .write(
            "hub.json",
            r#"{"version": 1, "sources": [{"name": "other", "site": null, "read": true}],
"decisions": [{"id": 41, "source": "other", "title": "Rule", "path": "docs/decisions/0041-rule.md"}]}"#,
        )
        .commit("refers to another handbook");
    repo
}

#[test]
fn check_with_sources_reports_a_broken_reference_to_another_handbook() {
    let repo = referring_repo();
    let diags = repo.check_json(&["--sources", "hub.json"]).diagnostics();
    let file = "docs/decisions/0001-follow-the-platform.md";
    let broken: Vec<&Diag> = diags
        .iter()
        .filter(|d| d.rule == "broken-reference")
        .collect();
    assert_eq!(broken.len(), 2, "{}", listing(&diags));
    // The front-matter entry and the link, both at `other:0042`.
    assert!(
        broken
            .iter()
            .all(|d| d.file == file && d.message.contains("other:0042"))
    );
    assert_eq!(
        (broken[0].line, broken[1].line),
        (11, 15),
        "{}",
        listing(&diags)
    );
    // The same from docket.toml's `[check] sources`.
    repo.write(
        "docket.toml",
        "root = \"docs\"\n[check]\nsources = \"hub.json\"\n",
    );
    let again = repo.check_json(&[]).diagnostics();
    let lines: Vec<u64> = again
        .iter()
        .filter(|d| d.rule == "broken-reference")
        .map(|d| d.line)
        .collect();
    assert_eq!(lines, [11, 15], "{}", listing(&again));
}

#[test]
fn without_an_index_references_to_other_handbooks_are_not_reported() {
    let repo = referring_repo();
    let diags = repo.check_json(&[]).diagnostics();
    assert!(
        !diags.iter().any(|d| d.rule == "broken-reference"),
        "{}",
        listing(&diags)
    );
}

#[test]
fn an_invalid_combined_file_is_one_finding_at_its_line() {
    let repo = referring_repo();
    repo.write("bad.json", "{\"version\": 1,\n\"decisions\": [,]}\n");
    let diags = repo.check_json(&["--sources", "bad.json"]).diagnostics();
    let bad: Vec<&Diag> = diags.iter().filter(|d| d.rule == "hub-source").collect();
    assert_eq!(bad.len(), 1, "{}", listing(&diags));
    assert_eq!((bad[0].file.as_str(), bad[0].line), ("bad.json", 2));
}
