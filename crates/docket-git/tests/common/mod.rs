//! What the history tests share: git run in a test repository with a fixed
//! identity and dates and no user or system configuration, the repository opened,
//! and the commit summaries history gives a file.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;

use docket_model::History;

/// Runs git in `dir` at `date` (author and committer); panics when git fails.
/// Returns its standard output, trimmed.
pub fn git(dir: &Path, date: &str, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(["-c", "user.name=Alice", "-c", "user.email=a@example.com"])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// The repository at `dir`, opened as docket opens it.
pub fn open(dir: &Path) -> docket_git::Git {
    match docket_git::open(dir) {
        docket_git::Opened::Repo(repo) => repo,
        _ => panic!("not a repository"),
    }
}

/// The summaries of the commits that history gives `path`, oldest first.
pub fn summaries(history: &History, path: &str) -> Vec<String> {
    history
        .of(path)
        .map(|h| h.commits.iter().map(|c| c.summary.clone()).collect())
        .unwrap_or_default()
}
