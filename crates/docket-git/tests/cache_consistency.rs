//! The history read through the cache (`.git/docket/history.json`, extended with
//! the commits since) must equal a walk of the whole history: the cache may only
//! save time. The `git_history` fuzz target checks this on generated commit
//! sequences (fuzz/README.md); the cases here are the ones it found.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{git, open, summaries};

/// Reads the history twice: once through the cache an earlier read (by the caller,
/// at an earlier HEAD) left, once from scratch.
fn cached_and_fresh(dir: &std::path::Path) -> (docket_model::History, docket_model::History) {
    let cached = open(dir).history("docs", &Default::default()).unwrap();
    std::fs::remove_dir_all(dir.join(".git/docket")).unwrap();
    let fresh = open(dir).history("docs", &Default::default()).unwrap();
    (cached, fresh)
}

fn commit_file(dir: &std::path::Path, date: &str, path: &str, text: &str, message: &str) {
    let file = dir.join(path);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(file, text).unwrap();
    git(dir, date, &["add", "-A"]);
    git(dir, date, &["commit", "-q", "-m", message]);
}

/// Without merges, reading through the cache after each commit gives what a
/// fresh walk gives.
#[test]
fn a_linear_history_reads_the_same_through_the_cache() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    git(dir, "2026-01-01T00:00:00Z", &["init", "-q"]);
    let f = "docs/decisions/0001-a.md";
    commit_file(
        dir,
        "2026-01-01T00:00:00Z",
        f,
        "---\nstatus: proposed\n---\n",
        "add",
    );
    open(dir).history("docs", &Default::default()).unwrap();
    commit_file(
        dir,
        "2026-01-02T00:00:00Z",
        f,
        "---\nstatus: accepted\n---\n",
        "accept",
    );
    open(dir).history("docs", &Default::default()).unwrap();
    git(
        dir,
        "2026-01-03T00:00:00Z",
        &["mv", f, "docs/decisions/0002-b.md"],
    );
    git(
        dir,
        "2026-01-03T00:00:00Z",
        &["commit", "-q", "-m", "rename"],
    );
    let (cached, fresh) = cached_and_fresh(dir);
    assert_eq!(cached, fresh);
    assert_eq!(
        summaries(&fresh, "docs/decisions/0002-b.md"),
        ["rename", "accept", "add"]
    );
}

/// Found by the `git_history` fuzz target (minimized to four commits): both
/// sides of a merge added the same file, and the merge kept the side branch's.
/// A fresh walk met the main line's addition first (it is newer) and stopped
/// following the file there, crediting its creation to a commit whose text never
/// reached HEAD; the read through the cache (taken at that main-line commit)
/// walked only the side branch and credited the side's addition, as `git log`
/// does. Now both follow git's history simplification: the merge took the side's
/// version of a file both lines changed, so only the side's commits count for it.
#[test]
fn a_merge_of_two_additions_reads_the_same_through_the_cache() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let f = "docs/decisions/0001-a.md";
    git(dir, "2026-01-01T00:00:00Z", &["init", "-q"]);
    commit_file(
        dir,
        "2026-01-01T00:00:00Z",
        "docs/README.md",
        "# Handbook\n",
        "start",
    );
    git(
        dir,
        "2026-01-02T00:00:00Z",
        &["checkout", "-q", "-b", "side"],
    );
    commit_file(
        dir,
        "2026-01-02T00:00:00Z",
        f,
        "side's text\n",
        "add on side",
    );
    git(dir, "2026-01-03T00:00:00Z", &["checkout", "-q", "main"]);
    commit_file(
        dir,
        "2026-01-03T00:00:00Z",
        f,
        "main's text\n",
        "add on main",
    );
    open(dir).history("docs", &Default::default()).unwrap();
    // Both added the file: the merge conflicts and keeps the side's text.
    let _ = std::process::Command::new("git")
        .args(["-c", "user.name=Alice", "-c", "user.email=a@example.com"])
        .args(["merge", "-q", "side"])
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    git(dir, "2026-01-04T00:00:00Z", &["checkout", "--theirs", f]);
    git(dir, "2026-01-04T00:00:00Z", &["add", f]);
    git(
        dir,
        "2026-01-04T00:00:00Z",
        &["commit", "-q", "-m", "merge side"],
    );
    let (cached, fresh) = cached_and_fresh(dir);
    assert_eq!(summaries(&cached, f), ["add on side"]);
    assert_eq!(summaries(&fresh, f), summaries(&cached, f));
}
