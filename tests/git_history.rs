//! What git says about each decision, end to end (SPEC §6–7): `docket build` reads
//! authors, dates and status changes from one pass over history, follows renames,
//! caches the result under `.git/docket/`, and still works in the repositories real
//! teams have: shallow CI clones, worktrees, detached HEADs, fresh `git init`s, plain
//! folders, submodules, and handbooks that live in a subfolder of a larger repository.
//!
//! Every commit here has a fixed author and date, so the expected `decisions.json`
//! is written out in full.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};

use common::{CLEAN, MINIMAL, NOW, Repo, Run, clean_repo, listing};
use serde_json::{Value, json};

const ALICE: (&str, &str) = ("Alice Ng", "alice@example.com");
const BOB: (&str, &str) = ("Bob Okafor", "bob@example.com");
const CAROL: (&str, &str) = ("Carol Lindqvist", "carol@example.com");

/// Commits everything as `who`, authored at `author` and committed at `committer`;
/// returns the new commit's id.
fn commit(repo: &Repo, who: (&str, &str), message: &str, author: &str, committer: &str) -> String {
    repo.commit_as(message, who.0, who.1, author, committer);
    head(repo, repo.path())
}

/// `git rev-parse HEAD` in `dir`.
fn head(repo: &Repo, dir: &Path) -> String {
    repo.git_in(dir, &["rev-parse", "HEAD"], &[])
        .trim()
        .to_string()
}

/// A fresh output folder beside the repository.
fn out_dir(repo: &Repo, name: &str) -> PathBuf {
    let out = repo.outside(name);
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    out
}

/// `docket build --out OUT` run from `dir`; the build must succeed.
#[track_caller]
fn build_in(repo: &Repo, dir: &Path, out: &Path) -> Run {
    let run = repo
        .docket_in(dir)
        .now(NOW)
        .args(["build", "--out", out.to_str().unwrap()])
        .run();
    run.assert_code(0);
    assert!(
        out.join("decisions.json").is_file(),
        "the build wrote no decisions.json\n{run}"
    );
    run
}

/// `docket check --format json` run from `dir`: a clean handbook exits 0 with no
/// findings, whatever kind of repository holds it.
#[track_caller]
fn check_clean_in(repo: &Repo, dir: &Path) {
    let run = repo
        .docket_in(dir)
        .now(NOW)
        .args(["check", "--format", "json"])
        .run();
    run.assert_code(0);
    let diags = run.diagnostics();
    assert!(
        diags.is_empty(),
        "a clean handbook has no findings here:\n{}\n{run}",
        listing(&diags)
    );
}

/// The text of `decisions.json` in a built site.
fn decisions_text(out: &Path) -> String {
    std::fs::read_to_string(out.join("decisions.json")).expect("read decisions.json")
}

/// `decisions.json`, parsed; it must be valid JSON of version 1 with a list of
/// decisions.
#[track_caller]
fn decisions(out: &Path) -> Value {
    let text = decisions_text(out);
    let json: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("decisions.json is not valid JSON ({e}):\n{text}"));
    assert_eq!(json["version"], 1, "decisions.json has version 1:\n{text}");
    assert!(
        json["decisions"].is_array(),
        "decisions.json lists decisions:\n{text}"
    );
    json
}

/// The entry of decision `id` in `decisions.json`.
#[track_caller]
fn entry(json: &Value, id: u64) -> &Value {
    json["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == id)
        .unwrap_or_else(|| panic!("decision {id} is not in decisions.json:\n{json:#}"))
}

/// The fields of an entry that come from git.
fn git_fields(entry: &Value) -> Value {
    json!({
        "created": entry["created"],
        "updated": entry["updated"],
        "authors": entry["authors"],
        "history": entry["history"],
    })
}

fn author(who: (&str, &str)) -> Value {
    json!({"name": who.0, "email": who.1})
}

fn item(commit: &str, time: &str, who: (&str, &str), status: &str) -> Value {
    json!({"commit": commit, "time": time, "author": who.0, "status": status})
}

/// The `<section class="history">` of a decision page.
#[track_caller]
fn history_section(page: &str) -> &str {
    let start = page
        .find("<section class=\"history\"")
        .unwrap_or_else(|| panic!("the decision page has no history section:\n{page}"));
    let end = page[start..]
        .find("</section>")
        .expect("the history section ends");
    &page[start..start + end]
}

/// The body rows of the history table, as HTML.
fn history_rows(page: &str) -> Vec<String> {
    let section = history_section(page);
    let Some(body) = section.split("<tbody>").nth(1) else {
        return Vec::new();
    };
    body.split("<tr>")
        .skip(1)
        .map(|row| row.split("</tr>").next().unwrap_or_default().to_string())
        .collect()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

// --- 1. Known authors and dates --------------------------------------------------

const D1_PROPOSED: &str = "\
---
title: Use PostgreSQL for billing
status: proposed
owner: alice
date: 2026-11-20
deadline: 2026-11-22
---

## Context

Billing needs a relational store.
";

const D1_ACCEPTED: &str = "\
---
title: Use PostgreSQL for billing
status: accepted
owner: alice
date: 2026-11-20
decided: 2026-11-21
options:
  - name: PostgreSQL
  - name: MySQL
outcome: PostgreSQL, because migrations run in one transaction.
---

## Context

Billing needs a relational store.
";

const D2: &str = "\
---
title: Hold a weekly decision review
status: proposed
owner: bob
date: 2026-11-20
deadline: 2026-12-01
---

## Context

Two decisions stalled for a week in comments.
";

const D1_PATH: &str = "docs/decisions/0001-use-postgresql.md";
const D2_OLD: &str = "docs/decisions/0002-weekly-review.md";
const D2_NEW: &str = "docs/decisions/0002-weekly-review-of-stuck-decisions.md";

/// The commits of [`known_history`].
struct Known {
    repo: Repo,
    /// Alice proposes 0001.
    propose: String,
    /// Bob adds 0002.
    add_d2: String,
    /// Bob accepts 0001.
    accept: String,
    /// Carol renames 0002.
    rename: String,
}

/// Alice proposes 0001 at 2026-11-20T10:00:00Z (written in her +01:00 offset, and
/// committed later than authored), Bob adds 0002, Bob accepts 0001 at
/// 2026-11-21T09:00:00Z (written in his -05:00 offset), Alice edits the charter, and
/// Carol renames 0002 with `git mv`.
fn known_history() -> Known {
    let repo = Repo::new();
    repo.write_all(MINIMAL);
    commit(
        &repo,
        ALICE,
        "Handbook skeleton",
        "2026-11-19T08:00:00Z",
        "2026-11-19T08:00:00Z",
    );
    repo.write(D1_PATH, D1_PROPOSED);
    let propose = commit(
        &repo,
        ALICE,
        "Propose PostgreSQL for billing",
        "2026-11-20T11:00:00+01:00",
        "2026-11-20T12:30:00Z",
    );
    repo.write(D2_OLD, D2);
    let add_d2 = commit(
        &repo,
        BOB,
        "Propose a weekly decision review",
        "2026-11-20T10:00:00-05:00",
        "2026-11-20T15:00:00Z",
    );
    repo.write(D1_PATH, D1_ACCEPTED);
    let accept = commit(
        &repo,
        BOB,
        "Accept PostgreSQL",
        "2026-11-21T04:00:00-05:00",
        "2026-11-21T09:05:00Z",
    );
    let charter = read(&repo.path().join("docs/charter.md"));
    repo.write(
        "docs/charter.md",
        charter.replace("then the lead.", "then the lead, then the team channel."),
    );
    commit(
        &repo,
        ALICE,
        "Charter: escalate to the team channel",
        "2026-11-22T08:00:00Z",
        "2026-11-22T08:00:00Z",
    );
    repo.git(&["mv", D2_OLD, D2_NEW]);
    let rename = commit(
        &repo,
        CAROL,
        "Rename decision 2",
        "2026-11-23T10:00:00Z",
        "2026-11-23T10:00:00Z",
    );
    Known {
        repo,
        propose,
        add_d2,
        accept,
        rename,
    }
}

#[test]
fn decisions_json_has_authors_dates_and_status_history_from_git() {
    let k = known_history();
    let out = out_dir(&k.repo, "site");
    build_in(&k.repo, k.repo.path(), &out);
    let json = decisions(&out);
    assert_eq!(
        json["decisions"].as_array().unwrap().len(),
        2,
        "two decisions:\n{json:#}"
    );

    let d1 = entry(&json, 1);
    assert_eq!(d1["path"], D1_PATH);
    assert_eq!(d1["status"], "accepted");
    assert_eq!(
        (&d1["kind"], &d1["folder"]),
        (&json!("decision"), &json!(null))
    );
    // Author times in UTC, whatever offset the author wrote them in; the charter
    // edit after the acceptance does not make 0001 "updated".
    assert_eq!(
        git_fields(d1),
        json!({
            "created": "2026-11-20T10:00:00Z",
            "updated": "2026-11-21T09:00:00Z",
            "authors": [author(ALICE), author(BOB)],
            "history": [
                item(&k.accept, "2026-11-21T09:00:00Z", BOB, "accepted"),
                item(&k.propose, "2026-11-20T10:00:00Z", ALICE, "proposed"),
            ],
        }),
        "0001's history from git:\n{d1:#}"
    );

    // The renamed decision is listed under its new path, with the history of the
    // old one: created is when Bob added it, not when Carol renamed it.
    let d2 = entry(&json, 2);
    assert_eq!(d2["path"], D2_NEW, "{d2:#}");
    assert_eq!(
        d2["url"], "decisions/0002-weekly-review-of-stuck-decisions.html",
        "{d2:#}"
    );
    assert_eq!(
        git_fields(d2),
        json!({
            "created": "2026-11-20T15:00:00Z",
            "updated": "2026-11-23T10:00:00Z",
            "authors": [author(BOB), author(CAROL)],
            "history": [
                item(&k.rename, "2026-11-23T10:00:00Z", CAROL, "proposed"),
                item(&k.add_d2, "2026-11-20T15:00:00Z", BOB, "proposed"),
            ],
        }),
        "0002's history follows the rename:\n{d2:#}"
    );

    // Every entry has exactly the keys of the contract (SPEC §6; `kind` and
    // `folder` added within version 1 for kinds of one's own, issue 12).
    let mut keys: Vec<&str> = d1.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    let mut expected = vec![
        "id",
        "kind",
        "folder",
        "title",
        "status",
        "owner",
        "deciders",
        "date",
        "deadline",
        "decided",
        "tags",
        "supersedes",
        "superseded_by",
        "path",
        "url",
        "created",
        "updated",
        "authors",
        "history",
    ];
    expected.sort_unstable();
    assert_eq!(keys, expected, "the keys of a decisions.json entry");
}

#[test]
fn decision_pages_show_the_history_and_when_they_were_last_updated() {
    let k = known_history();
    let out = out_dir(&k.repo, "site");
    build_in(&k.repo, k.repo.path(), &out);

    let page = read(&out.join("decisions/0001-use-postgresql.html"));
    let rows = history_rows(&page);
    assert_eq!(
        rows.len(),
        2,
        "one row per commit that changed 0001:\n{}",
        history_section(&page)
    );
    for (row, (time, who, summary, status)) in rows.iter().zip([
        (
            "2026-11-21T09:00:00Z",
            BOB.0,
            "Accept PostgreSQL",
            "accepted",
        ),
        (
            "2026-11-20T10:00:00Z",
            ALICE.0,
            "Propose PostgreSQL for billing",
            "proposed",
        ),
    ]) {
        for expected in [
            format!("<time datetime=\"{time}\">{}</time>", &time[..10]),
            format!("<td>{who}</td>"),
            format!("<td>{summary}</td>"),
            status.to_string(),
        ] {
            assert!(
                row.contains(&expected),
                "the history row should show `{expected}`:\n{row}"
            );
        }
    }
    assert!(
        page.contains(
            "last updated <time datetime=\"2026-11-21T09:00:00Z\">2026-11-21</time> by Bob Okafor"
        ),
        "the footer says when 0001 last changed and who changed it:\n{page}"
    );
    assert!(!history_section(&page).contains("No history"), "{page}");

    // The renamed decision's page shows the commit from before the rename.
    let page = read(&out.join("decisions/0002-weekly-review-of-stuck-decisions.html"));
    let rows = history_rows(&page);
    assert_eq!(rows.len(), 2, "{}", history_section(&page));
    assert!(
        rows[0].contains("Carol Lindqvist") && rows[0].contains("Rename decision 2"),
        "{}",
        rows[0]
    );
    assert!(
        rows[1].contains("Bob Okafor") && rows[1].contains("Propose a weekly decision review"),
        "the commit before the rename is in the history:\n{}",
        rows[1]
    );
    assert!(
        page.contains(
            "last updated <time datetime=\"2026-11-23T10:00:00Z\">2026-11-23</time> by Carol Lindqvist"
        ),
        "{page}"
    );
}

// --- 2. The cache ----------------------------------------------------------------

fn cache_path(repo: &Repo) -> PathBuf {
    repo.path().join(".git/docket/history.json")
}

#[cfg(unix)]
fn file_identity(path: &Path) -> (u64, std::time::SystemTime) {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).expect("the cache exists");
    (meta.ino(), meta.modified().unwrap())
}

#[test]
fn a_second_build_reuses_the_cache_and_a_bad_cache_changes_nothing() {
    let k = known_history();
    let repo = &k.repo;
    let first = out_dir(repo, "first");
    build_in(repo, repo.path(), &first);
    let expected = decisions_text(&first);
    let expected_page = read(&first.join("decisions/0001-use-postgresql.html"));
    let cache = cache_path(repo);
    assert!(
        cache.is_file(),
        "the first build caches history in .git/docket/history.json"
    );
    let cached = std::fs::read(&cache).unwrap();
    serde_json::from_slice::<Value>(&cached).expect("the cache is JSON");

    // HEAD has not moved: the same output, served from the cache (not rewritten).
    #[cfg(unix)]
    let before = file_identity(&cache);
    let second = out_dir(repo, "second");
    build_in(repo, repo.path(), &second);
    assert_eq!(decisions_text(&second), expected, "same HEAD, same output");
    assert_eq!(
        read(&second.join("decisions/0001-use-postgresql.html")),
        expected_page
    );
    #[cfg(unix)]
    assert_eq!(
        file_identity(&cache),
        before,
        "with HEAD unchanged the cache is read, not recomputed and rewritten"
    );

    // A cache that is garbage, cut short, empty, of another shape or of a future
    // version: the build still works, its output does not change, and the cache is
    // written afresh.
    let half = &cached[..cached.len() / 2];
    let mut future: Value = serde_json::from_slice(&cached).unwrap();
    assert!(future["version"].is_u64(), "the cache names its version");
    future["version"] = json!(999);
    let future = serde_json::to_string(&future).unwrap();
    let bad: Vec<(&str, Vec<u8>)> = vec![
        ("garbage", b"\x00\xff\xfe not json {{{ \x01".to_vec()),
        ("truncated", half.to_vec()),
        ("empty", Vec::new()),
        (
            "another shape",
            br#"{"version": 1, "files": [1, 2, 3]}"#.to_vec(),
        ),
        ("a future version", future.into_bytes()),
        ("a folder", Vec::new()),
    ];
    for (i, (what, bytes)) in bad.into_iter().enumerate() {
        let _ = std::fs::remove_file(&cache);
        if what == "a folder" {
            std::fs::create_dir_all(&cache).unwrap();
        } else {
            std::fs::write(&cache, &bytes).unwrap();
        }
        let out = out_dir(repo, &format!("bad-{i}"));
        let run = build_in(repo, repo.path(), &out);
        assert_eq!(
            decisions_text(&out),
            expected,
            "a cache that is {what} must not change decisions.json\n{run}"
        );
        assert_eq!(
            read(&out.join("decisions/0001-use-postgresql.html")),
            expected_page,
            "a cache that is {what} must not change the decision page"
        );
        if what == "a folder" {
            std::fs::remove_dir_all(&cache).unwrap();
        } else {
            let fresh = std::fs::read(&cache).unwrap();
            assert!(
                serde_json::from_slice::<Value>(&fresh).is_ok(),
                "after a cache that is {what}, the build writes a valid one"
            );
        }
    }
}

#[test]
fn new_commits_update_the_cached_history_as_a_full_walk_would() {
    let k = known_history();
    let repo = &k.repo;
    build_in(repo, repo.path(), &out_dir(repo, "before"));
    assert!(
        cache_path(repo).is_file(),
        "the first build wrote the cache"
    );

    // After the cached HEAD: Bob tags 0001, Alice renames 0002 a second time (its
    // history now spans two renames, one on each side of the cached HEAD) and adds
    // 0003.
    repo.write(
        D1_PATH,
        D1_ACCEPTED.replace("outcome:", "tags: [storage]\noutcome:"),
    );
    let tag = commit(
        repo,
        BOB,
        "Tag the PostgreSQL decision",
        "2026-11-24T08:00:00Z",
        "2026-11-24T08:00:00Z",
    );
    let d2_final = "docs/decisions/0002-weekly-decision-review.md";
    repo.git(&["mv", D2_NEW, d2_final]);
    let rename_again = commit(
        repo,
        ALICE,
        "Shorter name for decision 2",
        "2026-11-24T09:00:00Z",
        "2026-11-24T09:00:00Z",
    );
    repo.write(
        "docs/decisions/0003-async-first.md",
        "---\ntitle: Async first\nstatus: proposed\nowner: carol\ndate: 2026-11-24\n---\n\nWrite first.\n",
    );
    let add_d3 = commit(
        repo,
        CAROL,
        "Propose async first",
        "2026-11-24T10:00:00Z",
        "2026-11-24T10:00:00Z",
    );

    let incremental = out_dir(repo, "incremental");
    build_in(repo, repo.path(), &incremental);
    let json = decisions(&incremental);
    let d1 = entry(&json, 1);
    assert_eq!(
        git_fields(d1),
        json!({
            "created": "2026-11-20T10:00:00Z",
            "updated": "2026-11-24T08:00:00Z",
            "authors": [author(ALICE), author(BOB)],
            "history": [
                item(&tag, "2026-11-24T08:00:00Z", BOB, "accepted"),
                item(&k.accept, "2026-11-21T09:00:00Z", BOB, "accepted"),
                item(&k.propose, "2026-11-20T10:00:00Z", ALICE, "proposed"),
            ],
        }),
        "the new commit is in 0001's history:\n{d1:#}"
    );
    let d2 = entry(&json, 2);
    assert_eq!(d2["path"], d2_final);
    assert_eq!(
        git_fields(d2),
        json!({
            "created": "2026-11-20T15:00:00Z",
            "updated": "2026-11-24T09:00:00Z",
            "authors": [author(BOB), author(CAROL), author(ALICE)],
            "history": [
                item(&rename_again, "2026-11-24T09:00:00Z", ALICE, "proposed"),
                item(&k.rename, "2026-11-23T10:00:00Z", CAROL, "proposed"),
                item(&k.add_d2, "2026-11-20T15:00:00Z", BOB, "proposed"),
            ],
        }),
        "0002's history follows both renames:\n{d2:#}"
    );
    let d3 = entry(&json, 3);
    assert_eq!(
        d3["history"],
        json!([item(&add_d3, "2026-11-24T10:00:00Z", CAROL, "proposed")]),
        "{d3:#}"
    );

    // The same as a walk from scratch.
    std::fs::remove_dir_all(repo.path().join(".git/docket")).unwrap();
    let full = out_dir(repo, "full");
    build_in(repo, repo.path(), &full);
    assert_eq!(
        decisions_text(&incremental),
        decisions_text(&full),
        "the incremental history equals a full walk"
    );
    for page in [
        "decisions/0001-use-postgresql.html",
        "decisions/0002-weekly-decision-review.html",
        "decisions/0003-async-first.html",
    ] {
        assert_eq!(
            read(&incremental.join(page)),
            read(&full.join(page)),
            "{page} is the same with and without the cache"
        );
    }
}

// --- 3. Odd repositories -----------------------------------------------------------

/// The clean handbook, committed by Alice at 2026-11-20T10:00:00Z, then Bob tags
/// decision 2 at 2026-11-22T09:00:00Z. Returns the repository and both commits.
fn clean_two_commits() -> (Repo, String, String) {
    let repo = clean_repo();
    let first = head(&repo, repo.path());
    let path = repo
        .path()
        .join("docs/decisions/0002-adopt-written-updates.md");
    std::fs::write(
        &path,
        read(&path).replace("tags: [process]", "tags: [process, meetings]"),
    )
    .unwrap();
    let second = commit(
        &repo,
        BOB,
        "Tag decision 2",
        "2026-11-22T09:00:00Z",
        "2026-11-22T09:00:00Z",
    );
    (repo, first, second)
}

/// Every decision of the clean handbook, with the date of its front matter.
const CLEAN_DECISIONS: &[(u64, &str)] = &[
    (1, "2026-10-01"),
    (2, "2026-11-23"),
    (3, "2026-11-10"),
    (4, "2026-11-02"),
];

#[test]
fn a_shallow_clone_says_so_and_dates_come_from_front_matter() {
    let (repo, _, _) = clean_two_commits();
    let clone = repo.outside("shallow");
    std::fs::create_dir_all(clone.parent().unwrap()).unwrap();
    repo.git(&[
        "clone",
        "-q",
        "--depth",
        "1",
        &format!("file://{}", repo.path().display()),
        clone.to_str().unwrap(),
    ]);
    assert_eq!(
        repo.git_in(&clone, &["rev-parse", "--is-shallow-repository"], &[])
            .trim(),
        "true"
    );
    check_clean_in(&repo, &clone);
    let out = out_dir(&repo, "site");
    let run = build_in(&repo, &clone, &out);
    assert!(
        run.stderr.contains("note: history is shallow"),
        "the build says that history is truncated\n{run}"
    );
    let json = decisions(&out);
    for (id, date) in CLEAN_DECISIONS {
        let d = entry(&json, *id);
        assert_eq!(
            d["created"],
            format!("{date}T00:00:00Z"),
            "in a shallow clone, decision {id} was created on its front-matter date:\n{d:#}"
        );
    }
}

#[test]
fn unshallowing_a_clone_brings_back_the_full_history() {
    let (repo, first, second) = clean_two_commits();
    let clone = repo.outside("shallow");
    std::fs::create_dir_all(clone.parent().unwrap()).unwrap();
    repo.git(&[
        "clone",
        "-q",
        "--depth",
        "1",
        &format!("file://{}", repo.path().display()),
        clone.to_str().unwrap(),
    ]);
    build_in(&repo, &clone, &out_dir(&repo, "shallow-site"));
    // The CI fix the note recommends: HEAD does not move, but history is complete now.
    repo.git_in(&clone, &["fetch", "-q", "--unshallow"], &[]);
    assert_eq!(head(&repo, &clone), second);
    let out = out_dir(&repo, "site");
    let run = build_in(&repo, &clone, &out);
    assert!(
        !run.stderr.contains("shallow"),
        "after `git fetch --unshallow` the history is no longer shallow\n{run}"
    );
    let json = decisions(&out);
    let d3 = entry(&json, 3);
    assert_eq!(
        git_fields(d3),
        json!({
            "created": "2026-11-20T10:00:00Z",
            "updated": "2026-11-20T10:00:00Z",
            "authors": [author(ALICE)],
            "history": [item(&first, "2026-11-20T10:00:00Z", ALICE, "accepted")],
        }),
        "after unshallowing, 0003's history is the commit that added it:\n{d3:#}"
    );
}

#[test]
fn a_worktree_is_checked_and_built_from_its_own_head() {
    let (repo, first, second) = clean_two_commits();
    let wt = repo.outside("review");
    std::fs::create_dir_all(wt.parent().unwrap()).unwrap();
    repo.git(&[
        "worktree",
        "add",
        "-q",
        "-b",
        "review",
        wt.to_str().unwrap(),
    ]);
    // A commit only on the worktree's branch.
    let path = wt.join("docs/decisions/0002-adopt-written-updates.md");
    std::fs::write(
        &path,
        read(&path).replace("deadline: 2026-12-01", "deadline: 2026-12-02"),
    )
    .unwrap();
    repo.git_in(&wt, &["add", "-A"], &[]);
    repo.git_in(
        &wt,
        &["commit", "-q", "-m", "Give decision 2 one more day"],
        &[
            ("GIT_AUTHOR_NAME", CAROL.0),
            ("GIT_AUTHOR_EMAIL", CAROL.1),
            ("GIT_AUTHOR_DATE", "2026-11-23T12:00:00Z"),
            ("GIT_COMMITTER_DATE", "2026-11-23T12:00:00Z"),
        ],
    );
    let wt_head = head(&repo, &wt);

    check_clean_in(&repo, &wt);
    let out = out_dir(&repo, "wt-site");
    let run = build_in(&repo, &wt, &out);
    assert!(
        !run.stderr.contains("not a git repository"),
        "a worktree is a git repository\n{run}"
    );
    let json = decisions(&out);
    let d2 = entry(&json, 2);
    assert_eq!(d2["path"], "docs/decisions/0002-adopt-written-updates.md");
    assert_eq!(
        git_fields(d2),
        json!({
            "created": "2026-11-20T10:00:00Z",
            "updated": "2026-11-23T12:00:00Z",
            "authors": [author(ALICE), author(BOB), author(CAROL)],
            "history": [
                item(&wt_head, "2026-11-23T12:00:00Z", CAROL, "proposed"),
                item(&second, "2026-11-22T09:00:00Z", BOB, "proposed"),
                item(&first, "2026-11-20T10:00:00Z", ALICE, "proposed"),
            ],
        }),
        "the worktree's history is its own branch's:\n{d2:#}"
    );

    // The main checkout still shows main's history, not the worktree's.
    let main_out = out_dir(&repo, "main-site");
    build_in(&repo, repo.path(), &main_out);
    let json = decisions(&main_out);
    assert_eq!(
        entry(&json, 2)["history"].as_array().map(Vec::len),
        Some(2),
        "main does not have the worktree's commit:\n{json:#}"
    );
}

#[test]
fn a_detached_head_is_checked_and_built_from_that_commit() {
    let (repo, first, _) = clean_two_commits();
    // A cache at main's HEAD first: the detached HEAD is its ancestor, not its
    // descendant.
    build_in(&repo, repo.path(), &out_dir(&repo, "main-site"));
    repo.git(&["checkout", "-q", "--detach", "HEAD~1"]);
    assert_eq!(head(&repo, repo.path()), first);

    check_clean_in(&repo, repo.path());
    let out = out_dir(&repo, "detached");
    build_in(&repo, repo.path(), &out);
    let json = decisions(&out);
    let d2 = entry(&json, 2);
    assert_eq!(
        git_fields(d2),
        json!({
            "created": "2026-11-20T10:00:00Z",
            "updated": "2026-11-20T10:00:00Z",
            "authors": [author(ALICE)],
            "history": [item(&first, "2026-11-20T10:00:00Z", ALICE, "proposed")],
        }),
        "at HEAD~1, Bob's later commit is not in the history:\n{d2:#}"
    );
    std::fs::remove_dir_all(repo.path().join(".git/docket")).unwrap();
    let fresh = out_dir(&repo, "detached-fresh");
    build_in(&repo, repo.path(), &fresh);
    assert_eq!(
        decisions_text(&out),
        decisions_text(&fresh),
        "the same with and without main's cache"
    );
}

/// Every decision has no git dates, no authors and no history.
#[track_caller]
fn assert_no_git_data(json: &Value) {
    for (id, _) in CLEAN_DECISIONS {
        let d = entry(json, *id);
        assert_eq!(
            git_fields(d),
            json!({"created": null, "updated": null, "authors": [], "history": []}),
            "decision {id} has no git data:\n{d:#}"
        );
    }
}

#[test]
fn a_repository_without_commits_builds_without_history() {
    let repo = Repo::new();
    repo.write_all(MINIMAL).write_all(CLEAN);
    check_clean_in(&repo, repo.path());
    let out = out_dir(&repo, "site");
    build_in(&repo, repo.path(), &out);
    assert_no_git_data(&decisions(&out));
    let page = read(&out.join("decisions/0003-use-postgresql.html"));
    assert!(history_rows(&page).is_empty(), "{}", history_section(&page));
}

#[test]
fn a_plain_folder_builds_and_says_it_is_not_in_git() {
    let repo = Repo::plain();
    // No folder above the temporary one may be a repository, or this is not the
    // case under test.
    let probe = std::process::Command::new("git")
        .args(["rev-parse", "--git-dir"])
        .current_dir(repo.path())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("run git");
    assert!(
        !probe.status.success(),
        "the temporary folder {} is inside a git repository; set TMPDIR elsewhere",
        repo.path().display()
    );
    repo.write_all(MINIMAL).write_all(CLEAN);
    check_clean_in(&repo, repo.path());
    let out = out_dir(&repo, "site");
    let run = build_in(&repo, repo.path(), &out);
    assert!(
        run.stderr.contains("note: not a git repository"),
        "the build says that there is no history\n{run}"
    );
    assert_no_git_data(&decisions(&out));
    let page = read(&out.join("decisions/0003-use-postgresql.html"));
    assert!(history_rows(&page).is_empty(), "{}", history_section(&page));
    assert!(
        history_section(&page).contains("No history"),
        "{}",
        history_section(&page)
    );
}

#[test]
fn a_repository_with_a_submodule_builds() {
    let theme = Repo::new();
    theme.write("README.md", "# Theme\n\nShared styles for the handbook.\n");
    theme.commit("theme");
    let (repo, first, second) = clean_two_commits();
    // One submodule outside the handbook and one inside it.
    let url = theme.path().to_str().unwrap();
    for dest in ["vendor/theme", "docs/vendor/theme"] {
        repo.git(&[
            "-c",
            "protocol.file.allow=always",
            "submodule",
            "add",
            "-q",
            url,
            dest,
        ]);
    }
    let add = commit(
        &repo,
        CAROL,
        "Add the theme as submodules",
        "2026-11-23T08:00:00Z",
        "2026-11-23T08:00:00Z",
    );
    assert!(repo.path().join("docs/vendor/theme/README.md").is_file());

    check_clean_in(&repo, repo.path());
    let out = out_dir(&repo, "site");
    build_in(&repo, repo.path(), &out);
    let json = decisions(&out);
    assert_eq!(json["decisions"].as_array().unwrap().len(), 4, "{json:#}");
    let d2 = entry(&json, 2);
    assert_eq!(
        d2["history"],
        json!([
            item(&second, "2026-11-22T09:00:00Z", BOB, "proposed"),
            item(&first, "2026-11-20T10:00:00Z", ALICE, "proposed"),
        ]),
        "adding a submodule does not touch a decision's history:\n{d2:#}"
    );
    let ids: Vec<&str> = json["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["history"].as_array().unwrap())
        .map(|h| h["commit"].as_str().unwrap())
        .collect();
    assert!(!ids.contains(&add.as_str()), "{json:#}");
}

// --- 4. A handbook below the git root ----------------------------------------------

#[test]
fn a_handbook_in_a_subfolder_of_the_git_repository_finds_its_history() {
    let repo = Repo::new();
    repo.write("README.md", "# Monorepo\n")
        .write("src/main.rs", "fn main() {}\n")
        .write("sub/docket.toml", "root = \"docs\"\n");
    for (rel, text) in MINIMAL {
        repo.write(&format!("sub/{rel}"), text);
    }
    repo.write(&format!("sub/{D1_PATH}"), D1_PROPOSED);
    let propose = commit(
        &repo,
        ALICE,
        "Handbook in sub/",
        "2026-11-20T10:00:00Z",
        "2026-11-20T10:00:00Z",
    );
    repo.write(&format!("sub/{D1_PATH}"), D1_ACCEPTED)
        .write("src/main.rs", "fn main() { println!(\"hi\"); }\n");
    let accept = commit(
        &repo,
        BOB,
        "Accept PostgreSQL",
        "2026-11-21T09:00:00Z",
        "2026-11-21T09:00:00Z",
    );
    // A later commit outside the handbook.
    repo.write("README.md", "# Monorepo\n\nSee sub/ for the handbook.\n");
    commit(
        &repo,
        CAROL,
        "README",
        "2026-11-22T09:00:00Z",
        "2026-11-22T09:00:00Z",
    );

    let sub = repo.path().join("sub");
    check_clean_in(&repo, &sub);
    let expected = json!({
        "created": "2026-11-20T10:00:00Z",
        "updated": "2026-11-21T09:00:00Z",
        "authors": [author(ALICE), author(BOB)],
        "history": [
            item(&accept, "2026-11-21T09:00:00Z", BOB, "accepted"),
            item(&propose, "2026-11-20T10:00:00Z", ALICE, "proposed"),
        ],
    });
    let mut outputs = Vec::new();
    // From sub/ itself, from a folder inside the handbook, and (cache warm) again.
    for (i, dir) in [sub.clone(), sub.join("docs/decisions"), sub.clone()]
        .iter()
        .enumerate()
    {
        let out = out_dir(&repo, &format!("site-{i}"));
        let run = build_in(&repo, dir, &out);
        let json = decisions(&out);
        let d1 = entry(&json, 1);
        assert_eq!(
            d1["path"], D1_PATH,
            "paths are relative to the folder with docket.toml\n{run}"
        );
        assert_eq!(d1["url"], "decisions/0001-use-postgresql.html");
        assert_eq!(
            git_fields(d1),
            expected,
            "history is found from {}:\n{d1:#}",
            dir.display()
        );
        outputs.push(decisions_text(&out));
    }
    assert!(
        outputs.windows(2).all(|w| w[0] == w[1]),
        "the same output from every folder"
    );
}

// --- 5. History as `git log --follow` shows it ---------------------------------------

/// The commit ids `git log --follow` lists for `path`, newest first.
fn git_log_follow(repo: &Repo, path: &str) -> Vec<String> {
    repo.git(&["log", "--follow", "--format=%H", "--", path])
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn a_merged_branch_credits_its_commits_not_the_merge() {
    let repo = Repo::new();
    repo.write_all(MINIMAL).write(D1_PATH, D1_PROPOSED);
    let propose = commit(
        &repo,
        ALICE,
        "Propose PostgreSQL for billing",
        "2026-11-20T10:00:00Z",
        "2026-11-20T10:00:00Z",
    );
    // Bob accepts the decision on a branch (a pull request) ...
    repo.git(&["checkout", "-q", "-b", "accept-postgresql"]);
    repo.write(D1_PATH, D1_ACCEPTED);
    let accept = commit(
        &repo,
        BOB,
        "Accept PostgreSQL",
        "2026-11-21T09:00:00Z",
        "2026-11-21T09:00:00Z",
    );
    // ... while main moves on elsewhere, and Carol merges the pull request.
    repo.git(&["checkout", "-q", "main"]);
    repo.write("docs/guide/notes.md", "# Notes\n");
    commit(
        &repo,
        ALICE,
        "Notes",
        "2026-11-21T12:00:00Z",
        "2026-11-21T12:00:00Z",
    );
    repo.git_as(
        &[
            "merge",
            "-q",
            "--no-ff",
            "accept-postgresql",
            "-m",
            "Merge pull request #7",
        ],
        CAROL.0,
        CAROL.1,
        "2026-11-22T15:00:00Z",
        "2026-11-22T15:00:00Z",
    );
    assert_eq!(
        git_log_follow(&repo, D1_PATH),
        vec![accept.clone(), propose.clone()],
        "git itself lists the two commits that changed the file"
    );

    let out = out_dir(&repo, "site");
    build_in(&repo, repo.path(), &out);
    let json = decisions(&out);
    let d1 = entry(&json, 1);
    assert_eq!(
        git_fields(d1),
        json!({
            "created": "2026-11-20T10:00:00Z",
            "updated": "2026-11-21T09:00:00Z",
            "authors": [author(ALICE), author(BOB)],
            "history": [
                item(&accept, "2026-11-21T09:00:00Z", BOB, "accepted"),
                item(&propose, "2026-11-20T10:00:00Z", ALICE, "proposed"),
            ],
        }),
        "the merge commit did not change the decision: Carol is not an author and \
         the decision was last updated when Bob accepted it, as `git log --follow` \
         says:\n{d1:#}"
    );
}

#[test]
fn records_moved_into_the_handbook_keep_their_history() {
    // A team adopting docket moves its existing records into `docs/decisions/`.
    let repo = Repo::new();
    repo.write_all(MINIMAL)
        .write("doc/adr/0001-use-postgresql.md", D1_PROPOSED);
    let propose = commit(
        &repo,
        ALICE,
        "Propose PostgreSQL for billing",
        "2026-11-20T10:00:00Z",
        "2026-11-20T10:00:00Z",
    );
    repo.git(&["mv", "doc/adr", "docs/decisions"]);
    let moved = commit(
        &repo,
        BOB,
        "Move the decision records into the handbook",
        "2026-11-21T09:00:00Z",
        "2026-11-21T09:00:00Z",
    );
    assert_eq!(
        git_log_follow(&repo, D1_PATH),
        vec![moved.clone(), propose.clone()]
    );

    let out = out_dir(&repo, "site");
    build_in(&repo, repo.path(), &out);
    let json = decisions(&out);
    let d1 = entry(&json, 1);
    assert_eq!(
        git_fields(d1),
        json!({
            "created": "2026-11-20T10:00:00Z",
            "updated": "2026-11-21T09:00:00Z",
            "authors": [author(ALICE), author(BOB)],
            "history": [
                item(&moved, "2026-11-21T09:00:00Z", BOB, "proposed"),
                item(&propose, "2026-11-20T10:00:00Z", ALICE, "proposed"),
            ],
        }),
        "the history follows the move into the handbook root, as `git log --follow` \
         does; created is when Alice wrote the record:\n{d1:#}"
    );
}

#[test]
fn configuring_a_decision_folder_shows_statuses_with_a_warm_cache() {
    // The records live in `docs/adr/`; until docket.toml says so they are pages.
    let repo = Repo::new();
    repo.write_all(MINIMAL)
        .write("docs/adr/0001-use-postgresql.md", D1_PROPOSED);
    let propose = commit(
        &repo,
        ALICE,
        "Propose PostgreSQL for billing",
        "2026-11-20T10:00:00Z",
        "2026-11-20T10:00:00Z",
    );
    build_in(&repo, repo.path(), &out_dir(&repo, "before"));
    assert!(cache_path(&repo).is_file());

    repo.write("docket.toml", "[kinds.decision]\npath = \"adr\"\n");
    commit(
        &repo,
        BOB,
        "docket: decisions live in adr/",
        "2026-11-21T09:00:00Z",
        "2026-11-21T09:00:00Z",
    );
    let warm = out_dir(&repo, "warm");
    build_in(&repo, repo.path(), &warm);
    let json = decisions(&warm);
    assert_eq!(
        entry(&json, 1)["history"],
        json!([item(&propose, "2026-11-20T10:00:00Z", ALICE, "proposed")]),
        "the decision's status at each commit is known, cache or not:\n{json:#}"
    );
    std::fs::remove_dir_all(repo.path().join(".git/docket")).unwrap();
    let cold = out_dir(&repo, "cold");
    build_in(&repo, repo.path(), &cold);
    assert_eq!(
        decisions_text(&warm),
        decisions_text(&cold),
        "the same with and without the cache"
    );
}
