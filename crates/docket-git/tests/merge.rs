//! History through merges credits each change to the commit that made it, as
//! `git log --follow` does, not to the merge that brought it in.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{git, open};

#[test]
fn a_merge_does_not_take_credit_for_its_branch() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    git(dir, "2026-01-01T00:00:00Z", &["init", "-q"]);
    std::fs::create_dir_all(dir.join("docs")).unwrap();
    std::fs::write(dir.join("docs/a.md"), "one\n").unwrap();
    std::fs::write(dir.join("docs/b.md"), "one\n").unwrap();
    git(dir, "2026-01-01T00:00:00Z", &["add", "-A"]);
    git(
        dir,
        "2026-01-01T00:00:00Z",
        &["commit", "-q", "-m", "start"],
    );
    git(
        dir,
        "2026-01-02T00:00:00Z",
        &["checkout", "-q", "-b", "topic"],
    );
    std::fs::write(dir.join("docs/a.md"), "two\n").unwrap();
    git(
        dir,
        "2026-01-02T00:00:00Z",
        &["commit", "-q", "-am", "edit a on topic"],
    );
    git(dir, "2026-01-03T00:00:00Z", &["checkout", "-q", "main"]);
    std::fs::write(dir.join("docs/b.md"), "two\n").unwrap();
    git(
        dir,
        "2026-01-03T00:00:00Z",
        &["commit", "-q", "-am", "edit b on main"],
    );
    git(
        dir,
        "2026-01-04T00:00:00Z",
        &["merge", "-q", "--no-ff", "-m", "merge topic", "topic"],
    );
    let history = open(dir).history("docs", &Default::default()).unwrap();
    let a: Vec<&str> = history
        .of("docs/a.md")
        .unwrap()
        .commits
        .iter()
        .map(|c| c.summary.as_str())
        .collect();
    assert_eq!(a, ["edit a on topic", "start"]);
    let b: Vec<&str> = history
        .of("docs/b.md")
        .unwrap()
        .commits
        .iter()
        .map(|c| c.summary.as_str())
        .collect();
    assert_eq!(b, ["edit b on main", "start"]);
}
