//! The order of the walk: every commit from HEAD, children before parents, newest
//! first among those that are ready; and what the walk needs of each commit (its
//! tree and parents), read once.

use std::collections::{BinaryHeap, HashMap, HashSet};

use crate::error::GitError;

/// A commit as the walk reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Node {
    pub(crate) tree: git2::Oid,
    pub(crate) parents: Vec<git2::Oid>,
    /// Committer time (Unix seconds), for the order.
    time: i64,
}

/// The commits to read, children before parents.
pub(crate) struct Order {
    pub(crate) commits: Vec<git2::Oid>,
    /// The cached HEAD the order stops at (it and its ancestors are left out).
    pub(crate) base: Option<git2::Oid>,
    /// The tree and parents of every commit in `commits`, when the order was found
    /// by reading them (empty when libgit2's walk gave it).
    pub(crate) nodes: HashMap<git2::Oid, Node>,
}

/// The commits to read from `head`, leaving out `base` and its ancestors, and the
/// `base` that order honours.
///
/// A full walk (no `base`) reads each commit once, raw, for the order and for the
/// walk ([`readable_order`]): libgit2's topological walk would read them all before
/// returning the first, and the history walk read each again. With a `base`, or in a
/// shallow clone or a repository with grafts (whose parents only libgit2's commit
/// parser knows), the order is libgit2's. When libgit2's walk fails (one missing
/// commit fails all of it), the order comes from [`readable_order`] instead: the
/// commits that can be reached without reading a missing one, and no `base` (the walk
/// stops at the gap, and a cached history from beyond it is not appended).
pub(crate) fn commit_order(
    repo: &git2::Repository,
    head: git2::Oid,
    base: Option<git2::Oid>,
) -> Result<Order, GitError> {
    let raw = !repo.is_shallow() && !repo.path().join("info").join("grafts").exists();
    if base.is_none() && raw {
        let (commits, nodes) = readable_order(repo, head, raw);
        return Ok(Order {
            commits,
            base,
            nodes,
        });
    }
    let mut walk = repo.revwalk()?;
    walk.push(head)?;
    walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::TIME)?;
    if let Some(old) = base {
        walk.hide(old)?;
    }
    match walk.collect::<Result<Vec<_>, _>>() {
        Ok(commits) => Ok(Order {
            commits,
            base,
            nodes: HashMap::new(),
        }),
        Err(_) => {
            let (commits, nodes) = readable_order(repo, head, raw);
            Ok(Order {
                commits,
                base: None,
                nodes,
            })
        }
    }
}

/// The tree and parents of commit `oid`; `None` when it cannot be read. `raw` reads
/// the object and parses its header lines, else libgit2's commit parser does (it
/// knows the parents a shallow clone or a graft cuts).
pub(crate) fn read_node(repo: &git2::Repository, oid: git2::Oid, raw: bool) -> Option<Node> {
    if raw {
        let odb = repo.odb().ok()?;
        let object = odb.read(oid).ok()?;
        if object.kind() == git2::ObjectType::Commit
            && let Some(node) = parse_commit(object.data())
        {
            return Some(node);
        }
    }
    let commit = repo.find_commit(oid).ok()?;
    Some(Node {
        tree: commit.tree_id(),
        parents: commit.parent_ids().collect(),
        time: commit.time().seconds(),
    })
}

/// The `tree`, `parent` and committer time header lines of a raw commit; `None` when
/// there is no tree line or an id does not parse.
fn parse_commit(data: &[u8]) -> Option<Node> {
    let hex = |id: &[u8]| git2::Oid::from_str(std::str::from_utf8(id).ok()?).ok();
    let mut tree = None;
    let mut parents = Vec::new();
    let mut time = 0;
    for line in data.split(|&b| b == b'\n') {
        if line.is_empty() {
            break;
        }
        if let Some(id) = line.strip_prefix(b"tree ") {
            tree = Some(hex(id)?);
        } else if let Some(id) = line.strip_prefix(b"parent ") {
            parents.push(hex(id)?);
        } else if let Some(who) = line.strip_prefix(b"committer ") {
            // `Name <email> 1700000000 +0000`
            let after = who.rsplit(|&b| b == b'>').next().unwrap_or_default();
            time = std::str::from_utf8(after)
                .ok()
                .and_then(|t| t.split_whitespace().next())
                .and_then(|t| t.parse().ok())
                .unwrap_or(0);
        }
    }
    Some(Node {
        tree: tree?,
        parents,
        time,
    })
}

/// Every commit reachable from `head` through readable commits, children before
/// parents and, among commits whose children have all been listed, the newest first
/// (what libgit2's `TOPOLOGICAL | TIME` gives), with the tree and parents of each. A
/// missing commit is left out; the history walk notices it when it reads its child's
/// parents.
pub(crate) fn readable_order(
    repo: &git2::Repository,
    head: git2::Oid,
    raw: bool,
) -> (Vec<git2::Oid>, HashMap<git2::Oid, Node>) {
    let mut graph: HashMap<git2::Oid, Node> = HashMap::new();
    let mut missing: HashSet<git2::Oid> = HashSet::new();
    let mut stack = vec![head];
    while let Some(oid) = stack.pop() {
        if graph.contains_key(&oid) || missing.contains(&oid) {
            continue;
        }
        match read_node(repo, oid, raw) {
            Some(node) => {
                stack.extend(&node.parents);
                graph.insert(oid, node);
            }
            None => {
                missing.insert(oid);
            }
        }
    }
    // Kahn's algorithm: a commit is ready once all its children are listed.
    let mut children: HashMap<git2::Oid, usize> = HashMap::new();
    for node in graph.values() {
        for p in node.parents.iter().filter(|p| graph.contains_key(p)) {
            *children.entry(*p).or_default() += 1;
        }
    }
    let mut ready: BinaryHeap<(i64, git2::Oid)> = graph
        .iter()
        .filter(|(oid, _)| !children.contains_key(oid))
        .map(|(oid, node)| (node.time, *oid))
        .collect();
    let mut order = Vec::with_capacity(graph.len());
    while let Some((_, oid)) = ready.pop() {
        order.push(oid);
        let Some(node) = graph.get(&oid) else {
            continue;
        };
        for p in &node.parents {
            if let (Some(n), Some(parent)) = (children.get_mut(p), graph.get(p)) {
                *n -= 1;
                if *n == 0 {
                    ready.push((parent.time, *p));
                }
            }
        }
    }
    (order, graph)
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
        let mut walk = repo.revwalk().unwrap();
        walk.push(head).unwrap();
        walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::TIME)
            .unwrap();
        let libgit2: Vec<git2::Oid> = walk.map(Result::unwrap).collect();
        assert_eq!(libgit2.len(), 8);
        let order = commit_order(&repo, head, None).unwrap();
        assert_eq!(order.base, None);
        assert_eq!(order.commits, libgit2, "read raw");
        assert_eq!(
            readable_order(&repo, head, false).0,
            libgit2,
            "read by libgit2"
        );
        // Both readers agree on every commit.
        for oid in &libgit2 {
            assert_eq!(read_node(&repo, *oid, true), read_node(&repo, *oid, false));
        }
    }

    #[test]
    fn a_missing_commit_leaves_the_readable_ones_in_order() {
        let tmp = tempfile::tempdir().unwrap();
        merged_history(tmp.path());
        let repo = git2::Repository::open(tmp.path()).unwrap();
        let head = repo.head().unwrap().target().unwrap();
        let full = commit_order(&repo, head, None).unwrap().commits;
        // Remove commit `c` (on main, before the first merge): libgit2's walk fails,
        // and the order lists every other commit reachable without reading it.
        let c = full
            .iter()
            .copied()
            .find(|o| repo.find_commit(*o).unwrap().summary().unwrap() == Some("c"))
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
        let order = commit_order(&repo, head, None).unwrap();
        assert!(
            !order.nodes.contains_key(&c),
            "{order:?}",
            order = order.commits
        );
        let summaries: Vec<String> = order
            .commits
            .iter()
            .map(|o| {
                repo.find_commit(*o)
                    .unwrap()
                    .summary()
                    .unwrap()
                    .unwrap()
                    .to_string()
            })
            .collect();
        // `a` is still reachable through the topic branch.
        assert_eq!(summaries, ["m2", "f", "e", "m1", "d", "b", "a"]);
    }
}
