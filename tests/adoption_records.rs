//! Adoption: docket on repositories that already have years of records (SPEC §9).
//! Each test builds its own git repository with records as other tools and other
//! teams write them, and runs the real binary:
//!
//! - MADR 3's `deciders` and MADR 4's `decision-makers`, `consulted`, `informed` are
//!   people, also when left empty as the templates leave them; one decider is the
//!   owner, several deciders without an owner are a `missing-field` that says so;
//! - statuses match without regard to case (`Accepted`), are exported canonical, and
//!   a docket record's other spelling is a `status-spelling` warning;
//! - a value still in template braces (`{proposed}`) is `template-text`;
//! - `docket import` writes the status canonical and the one decider as the owner;
//! - only the `Status` section directly under the title states the status: a
//!   `### Status` heading deep in the body is no `status-conflict`.
//!
//! The last test reads kuma's 110 MADR records from `../shared/corpora` (skipped
//! without `../shared` unless `DOCKET_REQUIRE_SHARED=1`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

mod common;

use std::path::PathBuf;

use common::{Diag, MINIMAL, Repo, assert_diag, copy_tree, listing, of_file, shared};

/// A repository with the minimal handbook (roster `alice`, `bob`, `carol`; charter;
/// meetings) plus `files`, committed.
fn handbook(files: &[(&str, &str)]) -> Repo {
    let repo = Repo::new();
    repo.write_all(MINIMAL).write_all(files).commit("records");
    repo
}

/// `docket check --format json`; it must run (exit 0 or 1).
fn check(repo: &Repo) -> Vec<Diag> {
    let run = repo.check_json(&[]);
    assert!(
        matches!(run.code, Some(0 | 1)),
        "check could not run\n{run}"
    );
    run.diagnostics()
}

/// `docket build` into a folder beside the repository; returns the folder and
/// `decisions.json`.
fn build(repo: &Repo) -> (PathBuf, serde_json::Value) {
    let out = repo.outside("site");
    let _ = std::fs::remove_dir_all(&out);
    repo.docket()
        .args(["build", "--no-branches", "--out"])
        .args([out.to_string_lossy().as_ref()])
        .run()
        .assert_code(0);
    let json = serde_json::from_slice(&std::fs::read(out.join("decisions.json")).unwrap())
        .expect("decisions.json is JSON");
    (out, json)
}

/// The entry of the decision at `path` in `decisions.json`.
fn entry<'a>(json: &'a serde_json::Value, path: &str) -> &'a serde_json::Value {
    json["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"] == path)
        .unwrap_or_else(|| panic!("{path} is not in decisions.json:\n{json:#}"))
}

/// The diagnostics of `rule` in `file`.
fn of_rule<'a>(diags: &'a [Diag], rule: &str, file: &str) -> Vec<&'a Diag> {
    of_file(diags, file)
        .into_iter()
        .filter(|d| d.rule == rule)
        .collect()
}

/// Panics when `file` has a finding of any of `rules`.
#[track_caller]
fn assert_none_of(diags: &[Diag], rules: &[&str], file: &str) {
    let found: Vec<Diag> = of_file(diags, file)
        .into_iter()
        .filter(|d| rules.contains(&d.rule.as_str()))
        .cloned()
        .collect();
    assert!(
        found.is_empty(),
        "expected no {rules:?} in {file}, found:\n{}",
        listing(&found)
    );
}

/// A MADR record's body: title, options, outcome.
const MADR_BODY: &str = "# Use PostgreSQL\n\n## Considered Options\n\n* PostgreSQL\n* MySQL\n\n## Decision Outcome\n\nChosen option: \"PostgreSQL\", because it is boring.\n";

fn madr(front: &str) -> String {
    format!("---\n{front}---\n{MADR_BODY}")
}

#[test]
fn madr_3_deciders_and_empty_keys_as_the_template_leaves_them() {
    // MADR 3's template: `deciders`, and `consulted` / `informed` left empty.
    let one = "docs/decisions/0001-use-postgresql.md";
    let empty = "docs/decisions/0002-empty-keys.md";
    let repo = handbook(&[
        (
            one,
            &madr("status: accepted\ndate: 2024-05-02\ndeciders: [alice]\nconsulted:\ninformed:\n"),
        ),
        (
            empty,
            &madr(
                "status: accepted\ndate: 2024-05-02\ndeciders: carol\nconsulted: []\ninformed: \"\"\n",
            ),
        ),
    ]);
    let diags = check(&repo);
    for file in [one, empty] {
        assert_none_of(
            &diags,
            &["unknown-field", "invalid-value", "missing-field"],
            file,
        );
    }
    // The one decider is the owner.
    let (out, json) = build(&repo);
    let d = entry(&json, one);
    assert_eq!(d["owner"], "alice", "{d:#}");
    assert_eq!(d["deciders"], serde_json::json!(["alice"]), "{d:#}");
    assert_eq!(entry(&json, empty)["owner"], "carol");
    let page = std::fs::read_to_string(out.join(d["url"].as_str().unwrap())).unwrap();
    assert!(page.contains("Decided by"), "{page}");
}

#[test]
fn madr_4_decision_makers_consulted_informed_are_people() {
    let several = "docs/decisions/0003-use-kafka.md";
    let repo = handbook(&[(
        several,
        &madr(
            "status: accepted\ndate: 2024-05-02\ndecision-makers: [alice, bob, carol]\nconsulted: [platform]\ninformed: [bob]\n",
        ),
    )]);
    let diags = check(&repo);
    assert_none_of(&diags, &["unknown-field", "invalid-value"], several);
    // Several deciders and no owner: the finding says so and suggests one.
    let owner: Vec<&Diag> = of_rule(&diags, "missing-field", several)
        .into_iter()
        .filter(|d| d.message.contains("owner"))
        .collect();
    assert_eq!(owner.len(), 1, "{}", listing(&diags));
    let m = &owner[0].message;
    assert!(
        m.contains("the record names 3 deciders (`alice`, `bob`, `carol`) but no single owner"),
        "{m}"
    );
    assert!(
        m.contains("add `owner: alice` (one of the deciders)"),
        "{m}"
    );
    // The deciders are in decisions.json and on the page, linked to their pages.
    let (out, json) = build(&repo);
    let d = entry(&json, several);
    assert_eq!(d["owner"], serde_json::Value::Null, "{d:#}");
    assert_eq!(
        d["deciders"],
        serde_json::json!(["alice", "bob", "carol"]),
        "{d:#}"
    );
    let page = std::fs::read_to_string(out.join(d["url"].as_str().unwrap())).unwrap();
    let decided = page
        .split("Decided by")
        .nth(1)
        .and_then(|rest| rest.split("</dd>").next())
        .unwrap_or_else(|| panic!("no `Decided by` on the page:\n{page}"));
    for person in ["alice", "bob", "carol"] {
        assert!(
            decided.contains(&format!("people/{person}.html")),
            "{person} linked: {decided}"
        );
    }
}

#[test]
fn import_writes_the_status_canonical_and_the_one_decider_as_owner() {
    // MADR 3 as its template leaves it: `Accepted`, one decider by name, empty keys.
    let file = "docs/decisions/0001-use-postgresql.md";
    let repo = handbook(&[(
        file,
        &madr("status: Accepted\ndate: 2024-05-02\ndeciders: [Alice Ng]\nconsulted:\ninformed:\n"),
    )]);
    repo.docket().args(["import"]).run().assert_code(0);
    let text = std::fs::read_to_string(repo.path().join(file)).unwrap();
    assert!(
        text.starts_with("---\ntitle: Use PostgreSQL\nstatus: accepted\nowner: alice\ndate: 2024-05-02\ndecided: 2024-05-02\ndeciders: [alice]\n---\n# Use PostgreSQL\n"),
        "{text}"
    );
    let diags = check(&repo);
    assert!(of_file(&diags, file).is_empty(), "{}", listing(&diags));
}

#[test]
fn docket_records_read_the_people_keys_too() {
    // `owner` wins over the deciders; empty keys are not given, and a required key
    // that is empty is missing, as if absent.
    let both = "docs/decisions/0004-both.md";
    let blank = "docs/decisions/0005-blank-owner.md";
    let repo = handbook(&[
        (
            both,
            "---\ntitle: Both\nstatus: proposed\nowner: bob\ndeciders: [alice, bob]\ndecision-makers:\nconsulted:\ninformed: []\ndate: 2026-11-23\ntags:\n---\nText.\n",
        ),
        (
            blank,
            "---\ntitle: Blank\nstatus: proposed\nowner: \"\"\ndate: 2026-11-23\n---\nText.\n",
        ),
    ]);
    let diags = check(&repo);
    assert_none_of(
        &diags,
        &["unknown-field", "invalid-value", "missing-field"],
        both,
    );
    let missing = of_rule(&diags, "missing-field", blank);
    assert_eq!(missing.len(), 1, "{}", listing(&diags));
    assert!(
        missing[0].message.contains("`owner`"),
        "{}",
        missing[0].message
    );
    assert_none_of(&diags, &["invalid-value"], blank);
    let (_, json) = build(&repo);
    assert_eq!(entry(&json, both)["owner"], "bob");
    assert_eq!(
        entry(&json, both)["deciders"],
        serde_json::json!(["alice", "bob"])
    );
}

#[test]
fn capitalised_statuses_are_read_and_exported_canonical() {
    let files = [
        ("docs/decisions/0001-a.md", "Accepted", "accepted"),
        ("docs/decisions/0002-b.md", "ACCEPTED", "accepted"),
        ("docs/decisions/0003-c.md", "Superseded", "superseded"),
    ];
    let mut written: Vec<(String, String)> = files
        .iter()
        .map(|(path, status, _)| {
            let extra = if *status == "Superseded" {
                "superseded_by: 4\n"
            } else {
                "decided: 2026-11-21\noptions: [x, y]\noutcome: x.\n"
            };
            (
                path.to_string(),
                format!("---\ntitle: T\nstatus: {status}\nowner: alice\ndate: 2026-11-20\n{extra}---\nText.\n"),
            )
        })
        .collect();
    written.push((
        "docs/decisions/0004-d.md".into(),
        "---\ntitle: D\nstatus: accepted\nowner: alice\ndate: 2026-11-20\ndecided: 2026-11-21\noptions: [x, y]\noutcome: x.\nsupersedes: [3]\n---\nText.\n".into(),
    ));
    // MADR's own spelling is MADR's: no finding.
    let madr_file = "docs/decisions/0005-madr.md";
    written.push((
        madr_file.into(),
        madr("status: Accepted\ndate: 2024-05-02\ndecision-makers: [alice]\n"),
    ));
    // A status that is no known word in any case keeps its `invalid-value`.
    let unknown = "docs/decisions/0006-unknown.md";
    written.push((
        unknown.into(),
        "---\ntitle: U\nstatus: approved\nowner: alice\ndate: 2026-11-20\n---\nText.\n".into(),
    ));
    let refs: Vec<(&str, &str)> = written
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let repo = handbook(&refs);
    let diags = check(&repo);
    for (path, status, canonical) in files {
        let d = assert_diag(&diags, "status-spelling", path, 3);
        assert_eq!(d.severity, "warning", "{d}");
        assert!(
            d.message.contains(&format!("`{status}`"))
                && d.message.contains(&format!("status: {canonical}")),
            "{d}"
        );
        assert_none_of(&diags, &["invalid-value", "missing-field"], path);
    }
    assert_none_of(&diags, &["status-spelling", "invalid-value"], madr_file);
    let d = assert_diag(&diags, "invalid-value", unknown, 3);
    assert!(d.message.contains("`status` is not a known value"), "{d}");
    assert!(of_rule(&diags, "status-spelling", unknown).is_empty());

    let (_, json) = build(&repo);
    for (path, _, canonical) in files {
        assert_eq!(entry(&json, path)["status"], canonical);
    }
    assert_eq!(entry(&json, madr_file)["status"], "accepted");
}

#[test]
fn template_placeholders_are_template_text() {
    let braces = "docs/decisions/0001-braces.md";
    let brackets = "docs/decisions/0002-brackets.md";
    let line = "docs/decisions/0003-line.md";
    let list = "docs/decisions/0004-list.md";
    let repo = handbook(&[
        (
            braces,
            "---\ntitle: A\nstatus: {proposed}\nowner: alice\ndate: 2026-11-23\n---\nText.\n",
        ),
        (
            brackets,
            "---\ntitle: B\nstatus: \"[accepted | rejected]\"\nowner: alice\ndate: 2026-11-23\n---\nText.\n",
        ),
        (
            line,
            "# C\n\n* Status: {rejected | accepted} <!-- recommended to have the status as accepted -->\n* Deciders: alice\n* Date: 2026-11-23\n\n## Context\n\nX.\n",
        ),
        (
            list,
            "---\ntitle: D\nstatus: proposed\nowner: alice\ndate: 2026-11-23\nconsulted: [\"{team}\", bob]\ninformed: [alice | bob]\ntags: [a, b]\n---\nText.\n",
        ),
    ]);
    let diags = check(&repo);
    for (file, line_no, shown) in [
        (braces, 3, "{proposed}"),
        (brackets, 3, "[accepted | rejected]"),
        (line, 3, "{rejected | accepted}"),
    ] {
        let d = assert_diag(&diags, "template-text", file, line_no);
        assert_eq!(d.severity, "error", "{d}");
        assert!(
            d.message.contains(shown) && d.message.contains("not filled in"),
            "{d}"
        );
        assert!(
            d.message
                .contains("`proposed`, `accepted`, `rejected`, `superseded`, `deprecated`"),
            "the help lists the allowed values: {d}"
        );
        // One finding, not three: no invalid value, no missing status, no conflict.
        assert_none_of(
            &diags,
            &["invalid-value", "missing-field", "status-conflict"],
            file,
        );
    }
    // In lists only the items that are placeholders; `[a, b]` is a list.
    let found = of_rule(&diags, "template-text", list);
    assert_eq!(found.len(), 2, "{}", listing(&diags));
    assert!(found.iter().any(|d| d.message.contains("{team}")));
    assert!(found.iter().any(|d| d.message.contains("alice | bob")));
    assert_none_of(&diags, &["invalid-value", "unknown-owner"], list);
}

/// An adr-tools record in the order of Nygard's article (Context, Decision, Status)
/// with a `### Status` heading deep in its context: a section about a feature's
/// status field.
const ADR_DEEP: &str = "# 3. Report the status of a sync\n\nDate: 2026-11-20\n\n## Context\n\nSyncs fail silently.\n\n### Status\n\nThe field says `pending`, `done` or `failed`.\n\n## Options\n\n- A status field\n- Logs\n\n## Decision\n\nAdd a status field.\n\n## Status\n\nAccepted\n";

/// A MADR 2 record with a `#### Status` heading deep in its body.
const MADR_2_DEEP: &str = "# Match policies on MeshService\n\n* Status: accepted\n* Deciders: alice\n* Date: 2026-11-20\n\n## Considered Options\n\n* Match on tags\n* Match on services\n\n## Decision Outcome\n\nMatch on services.\n\n### API\n\n#### Status\n\nSimilar to Gateway API conditions, we report back as status conditions.\n";

#[test]
fn deep_status_headings_are_not_the_status() {
    let adr = "docs/decisions/0003-report-the-status-of-a-sync.md";
    let madr2 = "docs/decisions/0004-match-policies.md";
    let repo = handbook(&[(adr, ADR_DEEP), (madr2, MADR_2_DEEP)]);
    let diags = check(&repo);
    for file in [adr, madr2] {
        assert_none_of(&diags, &["status-conflict", "invalid-value"], file);
    }
    let (out, json) = build(&repo);
    assert_eq!(entry(&json, adr)["status"], "accepted");
    assert_eq!(entry(&json, madr2)["status"], "accepted");
    // The deep section is body text: the page keeps it.
    let page =
        std::fs::read_to_string(out.join(entry(&json, madr2)["url"].as_str().unwrap())).unwrap();
    assert!(page.contains("Similar to Gateway API conditions"), "{page}");
}

#[test]
fn a_real_conflict_names_the_heading_as_written() {
    let adr = "docs/decisions/0001-a.md";
    let docket = "docs/decisions/0002-b.md";
    let repo = handbook(&[
        (
            adr,
            "# 1. A\n\n**Status:** Accepted\n\n## Status\n\nRejected\n\n### Status\n\nProposed\n",
        ),
        // No level-1 title: the shallowest level of the body's headings is the
        // section level.
        (
            docket,
            "---\ntitle: B\nstatus: accepted\nowner: alice\ndate: 2026-11-20\ndecided: 2026-11-21\noptions: [x, y]\noutcome: x.\n---\n### Context\n\nX.\n\n### Status\n\nRejected\n\n#### Status\n\nProposed\n",
        ),
    ]);
    let diags = check(&repo);
    let d = assert_diag(&diags, "status-conflict", adr, 3);
    assert!(
        d.message
            .contains("`Rejected` in the `## Status` section on line 7"),
        "{d}"
    );
    assert_diag(&diags, "status-conflict", adr, 7);
    assert_eq!(
        of_rule(&diags, "status-conflict", adr).len(),
        2,
        "the `### Status` heading states nothing\n{}",
        listing(&diags)
    );
    let d = assert_diag(&diags, "status-conflict", docket, 3);
    assert!(
        d.message.contains("the `### Status` section on line 16"),
        "{d}"
    );
    assert_eq!(
        of_rule(&diags, "status-conflict", docket).len(),
        2,
        "{}",
        listing(&diags)
    );
}

#[test]
fn kuma_records_take_their_status_from_the_status_line_only() {
    let Some(shared) = shared("corpora") else {
        return;
    };
    let repo = Repo::new();
    copy_tree(&repo, &shared.join("kumahq__kuma"), "");
    repo.write(
        "docket.toml",
        "root = \"docs\"\n[kinds.decision]\npath = \"madr/decisions\"\n",
    )
    .commit("kuma");
    let diags = check(&repo);
    let conflicts: Vec<Diag> = diags
        .iter()
        .filter(|d| d.rule == "status-conflict")
        .cloned()
        .collect();
    // kuma's records state their status in a `* Status:` line; headings such as
    // `### Status` (048) and `#### Status` (100) are sections about status fields.
    for d in &conflicts {
        assert!(
            !d.message.contains("`### ") && !d.message.contains("`#### "),
            "a heading below level 2 was read as the status: {d}"
        );
    }
    for file in [
        "docs/madr/decisions/048-meshservice-policy-matching.md",
        "docs/madr/decisions/100-otel-env-bootstrap-runtime.md",
    ] {
        assert_none_of(&diags, &["status-conflict"], file);
    }
    assert!(conflicts.is_empty(), "{}", listing(&conflicts));
    // Every status is exported in docket's words.
    let (_, json) = build(&repo);
    for d in json["decisions"].as_array().unwrap() {
        if let Some(s) = d["status"].as_str() {
            assert!(
                docket_statuses().contains(&s),
                "{}: status `{s}`",
                d["path"]
            );
        }
    }
}

fn docket_statuses() -> [&'static str; 5] {
    [
        "proposed",
        "accepted",
        "rejected",
        "superseded",
        "deprecated",
    ]
}
