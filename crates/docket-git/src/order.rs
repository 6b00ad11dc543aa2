//! The order of the walk: every commit from HEAD, children before parents, newest
//! first among those that are ready.

use std::collections::{BinaryHeap, HashMap, HashSet};

use crate::error::GitError;

/// The commits to read from `head`, leaving out `base` and its ancestors, and the
/// `base` that order honours.
///
/// libgit2's topological walk reads every commit before it returns the first, so one
/// missing commit fails all of it. Then the order comes from [`readable_order`]
/// instead: the commits that can be reached without reading a missing one, and no
/// `base` (the walk stops at the gap, and a cached history from beyond it is not
/// appended).
pub(crate) fn commit_order(
    repo: &git2::Repository,
    head: git2::Oid,
    base: Option<git2::Oid>,
) -> Result<(Vec<git2::Oid>, Option<git2::Oid>), GitError> {
    let mut walk = repo.revwalk()?;
    walk.push(head)?;
    walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::TIME)?;
    if let Some(old) = base {
        walk.hide(old)?;
    }
    match walk.collect::<Result<Vec<_>, _>>() {
        Ok(order) => Ok((order, base)),
        Err(_) => Ok((readable_order(repo, head), None)),
    }
}

/// Every commit reachable from `head` through readable commits, children before
/// parents and, among commits whose children have all been listed, the newest first
/// (what libgit2's `TOPOLOGICAL | TIME` gives). A missing commit is left out; the
/// history walk notices it when it reads its child's parents.
pub(crate) fn readable_order(repo: &git2::Repository, head: git2::Oid) -> Vec<git2::Oid> {
    // Each readable commit: its time and its parents.
    let mut graph: HashMap<git2::Oid, (i64, Vec<git2::Oid>)> = HashMap::new();
    let mut missing: HashSet<git2::Oid> = HashSet::new();
    let mut stack = vec![head];
    while let Some(oid) = stack.pop() {
        if graph.contains_key(&oid) || missing.contains(&oid) {
            continue;
        }
        match repo.find_commit(oid) {
            Ok(commit) => {
                let parents: Vec<git2::Oid> = commit.parent_ids().collect();
                stack.extend(&parents);
                graph.insert(oid, (commit.time().seconds(), parents));
            }
            Err(_) => {
                missing.insert(oid);
            }
        }
    }
    // Kahn's algorithm: a commit is ready once all its children are listed.
    let mut children: HashMap<git2::Oid, usize> = HashMap::new();
    for (_, parents) in graph.values() {
        for p in parents.iter().filter(|p| graph.contains_key(p)) {
            *children.entry(*p).or_default() += 1;
        }
    }
    let mut ready: BinaryHeap<(i64, git2::Oid)> = graph
        .iter()
        .filter(|(oid, _)| !children.contains_key(oid))
        .map(|(oid, (time, _))| (*time, *oid))
        .collect();
    let mut order = Vec::with_capacity(graph.len());
    while let Some((_, oid)) = ready.pop() {
        order.push(oid);
        let Some((_, parents)) = graph.get(&oid) else {
            continue;
        };
        for p in parents {
            if let (Some(n), Some((time, _))) = (children.get_mut(p), graph.get(p)) {
                *n -= 1;
                if *n == 0 {
                    ready.push((*time, *p));
                }
            }
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::process::Command;

    use super::*;

    fn git(dir: &Path, date: &str, args: &[&str]) {
        let out = Command::new("git")
            .args(["-c", "user.name=A", "-c", "user.email=a@example.com"])
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
        assert!(out.status.success(), "git {args:?}");
    }

    fn commit(dir: &Path, date: &str, file: &str) {
        std::fs::write(dir.join(file), date).unwrap();
        git(dir, date, &["add", "-A"]);
        git(dir, date, &["commit", "-q", "-m", file]);
    }

    /// Two branches merged twice, with commit times that interleave across them.
    fn merged_history(dir: &Path) {
        git(dir, "2026-01-01T00:00:00Z", &["init", "-q"]);
        commit(dir, "2026-01-01T00:00:00Z", "a");
        git(
            dir,
            "2026-01-01T00:00:00Z",
            &["checkout", "-q", "-b", "topic"],
        );
        commit(dir, "2026-01-02T00:00:00Z", "b");
        git(dir, "2026-01-02T00:00:00Z", &["checkout", "-q", "main"]);
        commit(dir, "2026-01-03T00:00:00Z", "c");
        git(dir, "2026-01-03T00:00:00Z", &["checkout", "-q", "topic"]);
        commit(dir, "2026-01-04T00:00:00Z", "d");
        git(dir, "2026-01-05T00:00:00Z", &["checkout", "-q", "main"]);
        git(
            dir,
            "2026-01-05T00:00:00Z",
            &["merge", "-q", "--no-ff", "-m", "m1", "topic"],
        );
        commit(dir, "2026-01-06T00:00:00Z", "e");
        git(dir, "2026-01-06T00:00:00Z", &["checkout", "-q", "topic"]);
        commit(dir, "2026-01-07T00:00:00Z", "f");
        git(dir, "2026-01-08T00:00:00Z", &["checkout", "-q", "main"]);
        git(
            dir,
            "2026-01-08T00:00:00Z",
            &["merge", "-q", "--no-ff", "-m", "m2", "topic"],
        );
    }

    #[test]
    fn the_readable_order_is_libgit2s_topological_order() {
        let tmp = tempfile::tempdir().unwrap();
        merged_history(tmp.path());
        let repo = git2::Repository::open(tmp.path()).unwrap();
        let head = repo.head().unwrap().target().unwrap();
        let (libgit2, base) = commit_order(&repo, head, None).unwrap();
        assert_eq!(base, None);
        assert_eq!(libgit2.len(), 8);
        assert_eq!(readable_order(&repo, head), libgit2);
    }

    #[test]
    fn a_missing_commit_leaves_the_readable_ones_in_order() {
        let tmp = tempfile::tempdir().unwrap();
        merged_history(tmp.path());
        let repo = git2::Repository::open(tmp.path()).unwrap();
        let head = repo.head().unwrap().target().unwrap();
        let (full, _) = commit_order(&repo, head, None).unwrap();
        // Remove commit `c` (on main, before the first merge): libgit2's walk fails,
        // and the order lists every other commit reachable without reading it.
        let c = full
            .iter()
            .copied()
            .find(|o| repo.find_commit(*o).unwrap().summary() == Some("c"))
            .unwrap();
        let hex = c.to_string();
        std::fs::remove_file(
            tmp.path()
                .join(".git/objects")
                .join(&hex[..2])
                .join(&hex[2..]),
        )
        .unwrap();
        let repo = git2::Repository::open(tmp.path()).unwrap();
        let mut walk = repo.revwalk().unwrap();
        walk.push(head).unwrap();
        walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::TIME)
            .unwrap();
        assert!(
            walk.collect::<Result<Vec<_>, _>>().is_err(),
            "libgit2 reads every commit before the first"
        );
        let (order, _) = commit_order(&repo, head, None).unwrap();
        let summaries: Vec<String> = order
            .iter()
            .map(|o| repo.find_commit(*o).unwrap().summary().unwrap().to_string())
            .collect();
        // `a` is still reachable through the topic branch.
        assert_eq!(summaries, ["m2", "f", "e", "m1", "d", "b", "a"]);
    }
}
