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
