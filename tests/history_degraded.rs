//! History that degrades gracefully (SPEC §7): in a repository where some objects
//! cannot be read (a partial clone made with `--filter=blob:none`, an incomplete
//! mirror, a damaged pack), an unreadable blob, tree or commit costs only the files
//! whose history needs it, and one note says how many files are affected and why.
//!
//! Each test builds a repository with the common helpers (loose objects, fixed
//! authors and dates), removes one object from `.git/objects` or makes a partial
//! clone of it, builds the site and compares `decisions.json` with what git can
//! still tell.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};

use common::{MINIMAL, NOW, Repo, Run};
use serde_json::{Value, json};

const ALICE: (&str, &str) = ("Alice Ng", "alice@example.com");
const BOB: (&str, &str) = ("Bob Okafor", "bob@example.com");
const CAROL: (&str, &str) = ("Carol Lindqvist", "carol@example.com");

const D1_PATH: &str = "docs/decisions/0001-use-postgresql.md";
const D2_OLD: &str = "docs/decisions/0002-weekly-review.md";
const D2_NEW: &str = "docs/decisions/0002-weekly-review-of-stuck-decisions.md";
const D3_PATH: &str = "docs/decisions/0003-english-in-writing.md";
const D4_PATH: &str = "docs/decisions/0004-one-repository.md";

const D1_PROPOSED: &str = "\
---
title: Use PostgreSQL for billing
status: proposed
owner: alice
date: 2026-11-10
deadline: 2026-11-30
---

## Context

Billing needs a relational store.
";

const D1_ACCEPTED: &str = "\
---
title: Use PostgreSQL for billing
status: accepted
owner: alice
date: 2026-11-10
decided: 2026-11-12
options:
  - name: PostgreSQL
  - name: MySQL
outcome: PostgreSQL, because migrations run in one transaction.
---

## Context

Billing needs a relational store.
";

/// Decision 2 before Carol renames it; long enough that the edit she makes with the
/// rename keeps it well above libgit2's similarity threshold, so following the rename
/// needs this blob's content.
const D2_BEFORE: &str = "\
---
title: Hold a weekly decision review
status: proposed
owner: bob
date: 2026-11-09
deadline: 2026-12-01
---

## Context

Two decisions stalled for a week in comments. Nobody owned the next step, and the
people who could decide were waiting for each other. A short review once a week
gives every stuck decision an owner and a date.

## Proposal

Every Monday the lead lists the decisions that have been proposed for more than
five working days. Each gets an owner who either decides it, asks for what is
missing, or withdraws it. The list and the outcomes go into the weekly update.

## Consequences

Decisions stop waiting on each other. The review takes at most twenty minutes and
is written, not held as a meeting.
";

/// Decision 2 after the rename: a new title and one changed paragraph.
const D2_AFTER: &str = "\
---
title: Hold a weekly review of stuck decisions
status: proposed
owner: bob
date: 2026-11-09
deadline: 2026-12-01
---

## Context

Two decisions stalled for a week in comments. Nobody owned the next step, and the
people who could decide were waiting for each other. A short review once a week
gives every stuck decision an owner and a date.

## Proposal

Every Monday the lead lists the decisions that have been proposed for more than
five working days. Each gets an owner who either decides it, asks for what is
missing, or withdraws it. The list and the outcomes go into the weekly update, and
the decision records link to it.

## Consequences

Decisions stop waiting on each other. The review takes at most twenty minutes and
is written, not held as a meeting.
";

const D3: &str = "\
---
title: Write in English
status: accepted
owner: carol
date: 2026-11-08
decided: 2026-11-08
options:
  - name: English
  - name: Each team's language
outcome: English, because the team spans four countries.
---

## Context

The team spans four countries.
";

const D4: &str = "\
---
title: Keep the handbook in the code repository
status: proposed
owner: bob
date: 2026-11-17
deadline: 2026-12-15
---

## Context

A second repository drifts from the code it describes.
";

/// The commits of [`history`].
struct Known {
    repo: Repo,
    /// Alice adds the handbook with decisions 1 (proposed), 2 and 3.
    c1: String,
    /// Bob accepts decision 1.
    c2: String,
    /// Carol renames decision 2 and edits it in the same commit; Alice then edits
    /// the charter.
    c3: String,
}

/// Commits everything as `who` at `date` (author and committer); returns the commit.
fn commit(repo: &Repo, who: (&str, &str), message: &str, date: &str) -> String {
    repo.commit_as(message, who.0, who.1, date, date);
    repo.git(&["rev-parse", "HEAD"]).trim().to_string()
}

/// Four commits with known authors and dates; every object is loose.
fn history() -> Known {
    let repo = Repo::new();
    repo.write_all(MINIMAL)
        .write(D1_PATH, D1_PROPOSED)
        .write(D2_OLD, D2_BEFORE)
        .write(D3_PATH, D3);
    let c1 = commit(&repo, ALICE, "Start the handbook", "2026-11-10T09:00:00Z");
    repo.write(D1_PATH, D1_ACCEPTED);
    let c2 = commit(&repo, BOB, "Accept PostgreSQL", "2026-11-12T09:00:00Z");
    repo.git(&["mv", D2_OLD, D2_NEW]);
    repo.write(D2_NEW, D2_AFTER);
    let c3 = commit(&repo, CAROL, "Rename decision 2", "2026-11-14T09:00:00Z");
    let charter = read(&repo.path().join("docs/charter.md"));
    repo.write(
        "docs/charter.md",
        charter.replace("then the lead.", "then the lead, then the team channel."),
    );
    commit(&repo, ALICE, "Charter: escalation", "2026-11-16T09:00:00Z");
    Known { repo, c1, c2, c3 }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// The id of the object `spec` names (`COMMIT:path`, `COMMIT:folder`) in `dir`.
fn object_id(repo: &Repo, dir: &Path, spec: &str) -> String {
    repo.git_in(dir, &["rev-parse", spec], &[])
        .trim()
        .to_string()
}

/// The loose file of object `id` in the repository at `dir`.
fn loose_object(dir: &Path, id: &str) -> PathBuf {
    dir.join(".git/objects").join(&id[..2]).join(&id[2..])
}

/// Deletes loose object `id` from the repository at `dir`; returns its bytes so a
/// test can put it back.
#[track_caller]
fn remove_object(dir: &Path, id: &str) -> Vec<u8> {
    let path = loose_object(dir, id);
    let bytes = std::fs::read(&path)
        .unwrap_or_else(|e| panic!("object {id} is not loose in {} ({e})", dir.display()));
    std::fs::remove_file(&path).unwrap();
    bytes
}

/// `docket build --out OUT` in `dir`; the build must succeed.
#[track_caller]
fn build_in(repo: &Repo, dir: &Path, name: &str) -> (Run, Value) {
    let out = repo.outside(name);
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    let run = repo
        .docket_in(dir)
        .now(NOW)
        .args(["build", "--out", out.to_str().unwrap()])
        .run();
    run.assert_code(0);
    let text = std::fs::read_to_string(out.join("decisions.json"))
        .unwrap_or_else(|e| panic!("the build wrote no decisions.json ({e})\n{run}"));
    let json: Value = serde_json::from_str(&text).unwrap();
    (run, json)
}

/// The git fields of decision `id` in `decisions.json`.
#[track_caller]
fn git_fields(json: &Value, id: u64) -> Value {
    let d = json["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == id)
        .unwrap_or_else(|| panic!("decision {id} is not in decisions.json:\n{json:#}"));
    json!({
        "created": d["created"],
        "updated": d["updated"],
        "authors": d["authors"],
        "history": d["history"],
    })
}

fn author(who: (&str, &str)) -> Value {
    json!({"name": who.0, "email": who.1})
}

fn item(commit: &str, time: &str, who: (&str, &str), status: Option<&str>) -> Value {
    json!({"commit": commit, "time": time, "author": who.0, "status": status})
}

fn decision_1(k: &Known) -> Value {
    json!({
        "created": "2026-11-10T09:00:00Z",
        "updated": "2026-11-12T09:00:00Z",
        "authors": [author(ALICE), author(BOB)],
        "history": [
            item(&k.c2, "2026-11-12T09:00:00Z", BOB, Some("accepted")),
            item(&k.c1, "2026-11-10T09:00:00Z", ALICE, Some("proposed")),
        ],
    })
}

fn decision_2(k: &Known) -> Value {
    json!({
        "created": "2026-11-10T09:00:00Z",
        "updated": "2026-11-14T09:00:00Z",
        "authors": [author(ALICE), author(CAROL)],
        "history": [
            item(&k.c3, "2026-11-14T09:00:00Z", CAROL, Some("proposed")),
            item(&k.c1, "2026-11-10T09:00:00Z", ALICE, Some("proposed")),
        ],
    })
}

fn decision_3(k: &Known) -> Value {
    json!({
        "created": "2026-11-10T09:00:00Z",
        "updated": "2026-11-10T09:00:00Z",
        "authors": [author(ALICE)],
        "history": [item(&k.c1, "2026-11-10T09:00:00Z", ALICE, Some("accepted"))],
    })
}

/// The `note:` lines of a run's stderr.
fn notes(run: &Run) -> Vec<&str> {
    run.stderr
        .lines()
        .filter(|l| l.starts_with("note: "))
        .collect()
}

/// The one note about partial history; panics unless there is exactly one.
#[track_caller]
fn partial_note(run: &Run) -> &str {
    let found: Vec<&str> = notes(run)
        .into_iter()
        .filter(|l| l.starts_with("note: history is partial"))
        .collect();
    assert_eq!(found.len(), 1, "one note about partial history\n{run}");
    found[0]
}

/// The first 7 hex digits of an object id, as the note names it.
fn short(id: &str) -> &str {
    &id[..7]
}

#[test]
fn the_intact_repository_has_complete_history_and_no_note() {
    // The control: with every object present, rename detection follows decision 2
    // back to Alice's commit, which is what the damaged repositories below lose.
    let k = history();
    let (run, json) = build_in(&k.repo, k.repo.path(), "site");
    assert!(
        !run.stderr.contains("history is partial"),
        "nothing is missing\n{run}"
    );
    assert_eq!(git_fields(&json, 1), decision_1(&k), "{json:#}");
    assert_eq!(git_fields(&json, 2), decision_2(&k), "{json:#}");
    assert_eq!(git_fields(&json, 3), decision_3(&k), "{json:#}");
}

// Regression: one blob that libgit2's rename detection could not open made
// `find_similar` fail, and the whole history was dropped with
// "note: cannot read git history (object not found …)".
#[test]
fn a_missing_blob_that_rename_detection_needs_costs_only_that_file() {
    let k = history();
    let dir = k.repo.path();
    let blob = object_id(&k.repo, dir, &format!("{}:{D2_OLD}", k.c1));
    remove_object(dir, &blob);
    let (run, json) = build_in(&k.repo, dir, "site");

    assert_eq!(
        partial_note(&run),
        format!(
            "note: history is partial: 1 file's history could not be fully read \
             (blob {} not found: an incomplete or damaged repository; `git fsck` lists \
             what is missing); what could not be read is left out, and creation dates \
             fall back to front matter: {D2_NEW}",
            short(&blob)
        ),
        "{run}"
    );
    assert!(
        !run.stderr.contains("cannot read git history"),
        "the rest of history is read\n{run}"
    );
    // Every other decision keeps exactly what the intact repository gives.
    assert_eq!(git_fields(&json, 1), decision_1(&k), "{json:#}");
    assert_eq!(git_fields(&json, 3), decision_3(&k), "{json:#}");
    // Decision 2 keeps what is readable: Carol's commit. Without the old blob the
    // rename cannot be told from an addition, so the commit that created it is
    // unknown and `created` is the front matter's date, as in a shallow clone.
    assert_eq!(
        git_fields(&json, 2),
        json!({
            "created": "2026-11-09T00:00:00Z",
            "updated": "2026-11-14T09:00:00Z",
            "authors": [author(CAROL)],
            "history": [item(&k.c3, "2026-11-14T09:00:00Z", CAROL, Some("proposed"))],
        }),
        "{json:#}"
    );
}

#[test]
fn a_missing_decision_blob_leaves_that_status_unknown() {
    let k = history();
    let dir = k.repo.path();
    let blob = object_id(&k.repo, dir, &format!("{}:{D1_PATH}", k.c1));
    remove_object(dir, &blob);
    let (run, json) = build_in(&k.repo, dir, "site");

    assert_eq!(
        partial_note(&run),
        format!(
            "note: history is partial: 1 file's history could not be fully read \
             (blob {} not found: an incomplete or damaged repository; `git fsck` lists \
             what is missing); what could not be read is left out: {D1_PATH}",
            short(&blob)
        ),
        "{run}"
    );
    // Dates and authors are all known; only the status Alice proposed is not.
    let mut expected = decision_1(&k);
    expected["history"][1]["status"] = Value::Null;
    assert_eq!(git_fields(&json, 1), expected, "{json:#}");
    assert_eq!(git_fields(&json, 2), decision_2(&k), "{json:#}");
    assert_eq!(git_fields(&json, 3), decision_3(&k), "{json:#}");
}

// Regression: an unreadable tree was read as an empty folder, so every decision in
// it looked added by the next commit (wrong dates, no note).
#[test]
fn a_missing_tree_costs_only_the_files_under_it() {
    let k = history();
    let dir = k.repo.path();
    let tree = object_id(&k.repo, dir, &format!("{}:docs/decisions", k.c1));
    remove_object(dir, &tree);
    let (run, json) = build_in(&k.repo, dir, "site");

    // Whether Alice's or Bob's commit changed anything in the folder is unknown, so
    // each decision keeps only the commits after them, and its creation date comes
    // from its front matter.
    assert_eq!(
        partial_note(&run),
        format!(
            "note: history is partial: 3 files' history could not be fully read \
             (tree {} not found: an incomplete or damaged repository; `git fsck` lists \
             what is missing); what could not be read is left out, and creation dates \
             fall back to front matter: {D1_PATH}, {D2_NEW}, {D3_PATH}",
            short(&tree)
        ),
        "{run}"
    );
    assert_eq!(
        git_fields(&json, 1),
        json!({"created": "2026-11-10T00:00:00Z", "updated": null, "authors": [], "history": []}),
        "{json:#}"
    );
    assert_eq!(
        git_fields(&json, 2),
        json!({
            "created": "2026-11-09T00:00:00Z",
            "updated": "2026-11-14T09:00:00Z",
            "authors": [author(CAROL)],
            "history": [item(&k.c3, "2026-11-14T09:00:00Z", CAROL, Some("proposed"))],
        }),
        "{json:#}"
    );
    assert_eq!(
        git_fields(&json, 3),
        json!({"created": "2026-11-08T00:00:00Z", "updated": null, "authors": [], "history": []}),
        "{json:#}"
    );
    // Files outside the folder keep their dates: the charter was last changed by
    // Alice's charter edit.
    let charter = read(&k.repo.outside("site").join("charter.html"));
    assert!(
        charter.contains(
            "last updated <time datetime=\"2026-11-16T09:00:00Z\">2026-11-16</time> by Alice Ng"
        ),
        "{charter}"
    );
}

#[test]
fn a_missing_commit_stops_the_walk_and_keeps_the_newer_history() {
    let k = history();
    let dir = k.repo.path();
    k.repo.write(D4_PATH, D4);
    let c5 = commit(
        &k.repo,
        BOB,
        "Propose one repository",
        "2026-11-18T09:00:00Z",
    );
    remove_object(dir, &k.c2);
    let (run, json) = build_in(&k.repo, dir, "site");

    // The walk reads Bob's new decision and Alice's charter edit, then stops at
    // Carol's rename: its parent is gone, so what the rename changed is unknown.
    let note = partial_note(&run);
    assert!(
        note.starts_with(&format!(
            "note: history is partial: 6 files' history could not be fully read \
             (commit {} not found: an incomplete or damaged repository; `git fsck` \
             lists what is missing)",
            short(&k.c2)
        )),
        "{run}"
    );
    assert!(
        !run.stderr.contains("cannot read git history"),
        "the newer history is kept\n{run}"
    );
    assert_eq!(
        git_fields(&json, 4),
        json!({
            "created": "2026-11-18T09:00:00Z",
            "updated": "2026-11-18T09:00:00Z",
            "authors": [author(BOB)],
            "history": [item(&c5, "2026-11-18T09:00:00Z", BOB, Some("proposed"))],
        }),
        "{json:#}"
    );
    assert_eq!(
        git_fields(&json, 1),
        json!({"created": "2026-11-10T00:00:00Z", "updated": null, "authors": [], "history": []}),
        "{json:#}"
    );
    let charter = read(&k.repo.outside("site").join("charter.html"));
    assert!(
        charter.contains(
            "last updated <time datetime=\"2026-11-16T09:00:00Z\">2026-11-16</time> by Alice Ng"
        ),
        "{charter}"
    );
}

#[test]
fn the_cache_keeps_the_note_and_a_restored_object_brings_the_history_back() {
    let k = history();
    let dir = k.repo.path();
    let blob = object_id(&k.repo, dir, &format!("{}:{D2_OLD}", k.c1));
    let bytes = remove_object(dir, &blob);
    let (first, json) = build_in(&k.repo, dir, "site-1");
    assert!(
        dir.join(".git/docket/history.json").is_file(),
        "the first build wrote the cache\n{first}"
    );
    // The same HEAD: the cache answers, and says the history is partial.
    let (second, again) = build_in(&k.repo, dir, "site-2");
    assert_eq!(partial_note(&second), partial_note(&first), "{second}");
    assert_eq!(again, json, "the cache gives the same decisions.json");

    // The object comes back (fetched again, restored from a backup): the cache of
    // a partial history is not the answer any more.
    let path = loose_object(dir, &blob);
    std::fs::write(&path, bytes).unwrap();
    let (third, json) = build_in(&k.repo, dir, "site-3");
    assert!(
        !third.stderr.contains("history is partial"),
        "the history is complete again\n{third}"
    );
    assert_eq!(git_fields(&json, 2), decision_2(&k), "{json:#}");
}

#[test]
fn new_commits_on_a_cached_partial_history_keep_the_note() {
    let k = history();
    let dir = k.repo.path();
    let blob = object_id(&k.repo, dir, &format!("{}:{D2_OLD}", k.c1));
    remove_object(dir, &blob);
    let (first, _) = build_in(&k.repo, dir, "site-1");
    // Bob edits decision 3 and renames decision 2 again: the next build walks only
    // this commit and appends the cached history, gaps included, under the new name.
    let renamed = "docs/decisions/0002-review-stuck-decisions-weekly.md";
    k.repo.git(&["mv", D2_NEW, renamed]);
    k.repo.write(
        D3_PATH,
        D3.replace("four countries.", "four countries and three time zones."),
    );
    let c5 = commit(&k.repo, BOB, "Edit and rename", "2026-11-18T09:00:00Z");
    let (second, json) = build_in(&k.repo, dir, "site-2");
    assert_eq!(
        partial_note(&second),
        partial_note(&first).replace(D2_NEW, renamed),
        "{second}"
    );
    assert_eq!(
        git_fields(&json, 2),
        json!({
            "created": "2026-11-09T00:00:00Z",
            "updated": "2026-11-18T09:00:00Z",
            "authors": [author(CAROL), author(BOB)],
            "history": [
                item(&c5, "2026-11-18T09:00:00Z", BOB, Some("proposed")),
                item(&k.c3, "2026-11-14T09:00:00Z", CAROL, Some("proposed")),
            ],
        }),
        "{json:#}"
    );
    let mut d3 = decision_3(&k);
    d3["updated"] = json!("2026-11-18T09:00:00Z");
    d3["authors"] = json!([author(ALICE), author(BOB)]);
    d3["history"] = json!([
        item(&c5, "2026-11-18T09:00:00Z", BOB, Some("accepted")),
        item(&k.c1, "2026-11-10T09:00:00Z", ALICE, Some("accepted")),
    ]);
    assert_eq!(git_fields(&json, 3), d3, "{json:#}");
}

/// `git clone --filter=blob:none` of the repository: the clone has every commit and
/// tree, and only the blobs of HEAD.
fn partial_clone(k: &Known) -> PathBuf {
    k.repo.git(&["config", "uploadpack.allowFilter", "true"]);
    let clone = k.repo.outside("partial");
    std::fs::create_dir_all(clone.parent().unwrap()).unwrap();
    k.repo.git(&[
        "clone",
        "-q",
        "--filter=blob:none",
        &format!("file://{}", k.repo.path().display()),
        clone.to_str().unwrap(),
    ]);
    assert_eq!(
        k.repo
            .git_in(&clone, &["config", "remote.origin.promisor"], &[])
            .trim(),
        "true",
        "git made a partial clone"
    );
    let missing = k.repo.git_in(
        &clone,
        &["rev-list", "--objects", "--missing=print", "HEAD"],
        &[],
    );
    assert!(
        missing.lines().any(|l| l.starts_with('?')),
        "the partial clone lacks old blobs:\n{missing}"
    );
    clone
}

#[test]
fn a_partial_clone_is_named_in_the_note() {
    let k = history();
    let clone = partial_clone(&k);
    let (run, json) = build_in(&k.repo, &clone, "site");

    // The clone lacks decision 1's proposed version (its status) and decision 2's
    // version before the rename (its similarity); the first one the walk misses is
    // the old version of decision 2, read by rename detection at Carol's commit.
    let blob = object_id(&k.repo, k.repo.path(), &format!("{}:{D2_OLD}", k.c1));
    assert_eq!(
        partial_note(&run),
        format!(
            "note: history is partial: 2 files' history could not be fully read \
             (blob {} is not in this partial clone, which leaves old versions of files \
             on the server; a clone without `--filter` has them); what could not be read \
             is left out, and creation dates fall back to front matter: {D1_PATH}, {D2_NEW}",
            short(&blob)
        ),
        "{run}"
    );
    let mut d1 = decision_1(&k);
    d1["history"][1]["status"] = Value::Null;
    assert_eq!(git_fields(&json, 1), d1, "{json:#}");
    assert_eq!(git_fields(&json, 3), decision_3(&k), "{json:#}");
    assert_eq!(
        git_fields(&json, 2)["history"],
        json!([item(&k.c3, "2026-11-14T09:00:00Z", CAROL, Some("proposed"))]),
        "{json:#}"
    );
}

#[test]
fn a_partial_clone_that_libgit2_cannot_open_is_named() {
    // Older versions of git mark a partial clone with `extensions.partialClone`, an
    // extension libgit2 refuses to open; docket used to call it "not a git
    // repository".
    let k = history();
    let clone = partial_clone(&k);
    k.repo.git_in(
        &clone,
        &["config", "extensions.partialClone", "origin"],
        &[],
    );
    let (run, json) = build_in(&k.repo, &clone, "site");
    assert!(
        !run.stderr.contains("not a git repository"),
        "it is a git repository\n{run}"
    );
    assert!(
        notes(&run).iter().any(|n| n.starts_with(
            "note: cannot read git history: this is a partial clone marked with \
             `extensions.partialClone`, which libgit2 cannot open"
        )),
        "{run}"
    );
    assert_eq!(json["decisions"][0]["history"], json!([]), "{json:#}");
}
