//! `History::partial` says exactly which files an unreadable object costs, and how
//! (decision 0011): a status left unknown is not a truncated history, and a missing
//! commit on a merged branch does not stop the walk along the first parent.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use docket_model::{History, ObjectKind};

use common::{git, open, summaries};

fn commit(dir: &Path, date: &str, files: &[(&str, &str)], message: &str) -> String {
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    git(dir, date, &["add", "-A"]);
    git(dir, date, &["commit", "-q", "-m", message]);
    git(dir, date, &["rev-parse", "HEAD"])
}

fn remove_object(dir: &Path, id: &str) {
    std::fs::remove_file(dir.join(".git/objects").join(&id[..2]).join(&id[2..])).unwrap();
}

fn history(dir: &Path, decisions: &[&str]) -> History {
    let decisions: BTreeSet<String> = decisions.iter().map(|d| d.to_string()).collect();
    open(dir).history("docs", &decisions).unwrap()
}

#[test]
fn an_unreadable_status_is_not_a_truncated_history() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    git(dir, "2026-01-01T00:00:00Z", &["init", "-q"]);
    let first = commit(
        dir,
        "2026-01-01T00:00:00Z",
        &[
            ("docs/d1.md", "---\nstatus: proposed\n---\n"),
            ("docs/d2.md", "---\nstatus: accepted\n---\n"),
        ],
        "propose",
    );
    commit(
        dir,
        "2026-01-02T00:00:00Z",
        &[("docs/d1.md", "---\nstatus: accepted\n---\n")],
        "accept",
    );
    let blob = git(
        dir,
        "2026-01-02T00:00:00Z",
        &["rev-parse", &format!("{first}:docs/d1.md")],
    );
    remove_object(dir, &blob);

    let h = history(dir, &["docs/d1.md", "docs/d2.md"]);
    let partial = h.partial.as_ref().expect("a partial history");
    assert_eq!(partial.missing.as_ref().unwrap().kind, ObjectKind::Blob);
    assert_eq!(partial.missing.as_ref().unwrap().id, blob);
    assert!(!partial.partial_clone);
    assert!(partial.truncated.is_empty(), "{partial:?}");
    assert_eq!(partial.files(), BTreeSet::from(["docs/d1.md"]));
    let statuses: Vec<Option<&str>> = h
        .of("docs/d1.md")
        .unwrap()
        .commits
        .iter()
        .map(|c| c.status.as_deref())
        .collect();
    assert_eq!(statuses, [Some("accepted"), None]);
    assert!(h.knows_creation("docs/d1.md"));
    assert_eq!(summaries(&h, "docs/d2.md"), ["propose"]);
}

#[test]
fn a_missing_commit_on_a_merged_branch_costs_the_files_the_merge_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    git(dir, "2026-01-01T00:00:00Z", &["init", "-q"]);
    commit(
        dir,
        "2026-01-01T00:00:00Z",
        &[("docs/a.md", "a1\n"), ("docs/b.md", "b1\n")],
        "start",
    );
    git(
        dir,
        "2026-01-02T00:00:00Z",
        &["checkout", "-q", "-b", "topic"],
    );
    let topic = commit(
        dir,
        "2026-01-02T00:00:00Z",
        &[("docs/b.md", "b2\n")],
        "edit b on topic",
    );
    git(dir, "2026-01-03T00:00:00Z", &["checkout", "-q", "main"]);
    commit(
        dir,
        "2026-01-03T00:00:00Z",
        &[("docs/a.md", "a2\n")],
        "edit a on main",
    );
    git(
        dir,
        "2026-01-04T00:00:00Z",
        &["merge", "-q", "--no-ff", "-m", "merge topic", "topic"],
    );
    remove_object(dir, &topic);

    let h = history(dir, &[]);
    let partial = h.partial.as_ref().expect("a partial history");
    assert_eq!(partial.missing.as_ref().unwrap().kind, ObjectKind::Commit);
    assert_eq!(partial.missing.as_ref().unwrap().id, topic);
    // The merge takes b's change (it cannot tell it came from the topic branch), so
    // b is marked; a's history along the first parent is complete.
    assert_eq!(partial.truncated, BTreeSet::from(["docs/b.md".to_string()]));
    assert_eq!(summaries(&h, "docs/a.md"), ["edit a on main", "start"]);
    assert_eq!(summaries(&h, "docs/b.md"), ["merge topic", "start"]);
    assert!(h.knows_creation("docs/a.md"));
    assert!(!h.knows_creation("docs/b.md"));
}
