//! Reading trees: the files of a folder, the id of a subtree, and what differs between
//! two trees. Trees are read raw (one allocation per tree, none per entry), because
//! on a folder of 10,000 decisions this is most of the history walk.
//!
//! A tree that cannot be read (a damaged repository) is never taken for an empty
//! folder: [`subtree_id`] returns its id as the error, and [`TreeDiff`] lists it in
//! [`TreeDiff::unreadable`] with the folder it stands for (decision 0011).

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex};

/// How a file changed in one commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Added,
    Deleted,
    Modified,
    Renamed,
}

/// One changed file of a commit, paths repository-relative.
pub(crate) struct Change {
    pub(crate) kind: Kind,
    pub(crate) path: String,
    pub(crate) old_path: Option<String>,
    /// The blob at `path` after the commit (before it, for deletions).
    pub(crate) oid: git2::Oid,
}

/// Parsed tree objects, most recent first. A commit's tree is usually its child's
/// parent tree, so a few entries save most reads.
#[derive(Default)]
pub(crate) struct TreeCache {
    entries: std::collections::VecDeque<(git2::Oid, Arc<Tree>)>,
    /// Trees another thread read ahead of the walk ([`ReadAhead`]).
    ahead: Option<Arc<ReadAhead>>,
}

/// A tree object's raw bytes and where each entry's name and id sit in them: one
/// allocation per tree, none per entry.
#[derive(Default)]
pub(crate) struct Tree {
    data: Vec<u8>,
    /// (name start, name end, is a folder); the 20-byte id follows the name's NUL.
    entries: Vec<(u32, u32, bool)>,
}

impl Tree {
    fn len(&self) -> usize {
        self.entries.len()
    }

    fn name(&self, i: usize) -> &[u8] {
        let (s, e, _) = self.entries[i];
        &self.data[s as usize..e as usize]
    }

    fn is_tree(&self, i: usize) -> bool {
        self.entries[i].2
    }

    fn raw_id(&self, i: usize) -> &[u8] {
        let e = self.entries[i].1 as usize + 1;
        &self.data[e..e + 20]
    }

    fn id(&self, i: usize) -> git2::Oid {
        git2::Oid::from_bytes(self.raw_id(i)).unwrap_or(git2::Oid::ZERO_SHA1)
    }

    /// Where entry `i` starts in `data` (its mode); `data.len()` past the last.
    fn start(&self, i: usize) -> usize {
        match i.checked_sub(1).and_then(|p| self.entries.get(p)) {
            Some(&(_, name_end, _)) => name_end as usize + 21,
            None if i == 0 => 0,
            None => self.data.len(),
        }
    }
}

/// The entries two trees share at both ends, found by comparing their raw bytes
/// rather than entry by entry: `(k, a, b)` where entries `..k` are the same in both,
/// and entries `a..` of `old` are the same as entries `b..` of `new`. A folder of
/// 10,000 decisions changes by a file or two a commit.
fn shared_ends(old: &Tree, new: &Tree) -> (usize, usize, usize) {
    let (x, y) = (&old.data[..], &new.data[..]);
    let n = x.len().min(y.len());
    // Entries that end within the common prefix parse the same in both.
    let prefix = common_len(n, |i, len| x[i..i + len] == y[i..i + len]);
    let k = old
        .entries
        .partition_point(|&(_, name_end, _)| name_end as usize + 21 <= prefix)
        .min(new.len());
    // The common suffix, not reaching into those entries.
    let room = n.saturating_sub(old.start(k));
    let suffix = common_len(room, |i, len| {
        x[x.len() - i - len..x.len() - i] == y[y.len() - i - len..y.len() - i]
    });
    // From an entry of `old` that starts within the common suffix, the rest is the
    // same as `new`'s when `new` has an entry starting as far from its end: both then
    // parse the same bytes from a true entry boundary.
    let threshold = x.len() - suffix;
    let ending_before = old
        .entries
        .partition_point(|&(_, name_end, _)| (name_end as usize) + 21 < threshold);
    let mut a = if threshold == 0 { 0 } else { ending_before + 1 }.max(k);
    while a < old.len() {
        let rest = old.len() - a;
        let from_end = x.len() - old.start(a);
        if let Some(b) = new.len().checked_sub(rest)
            && b >= k
            && y.len().checked_sub(from_end) == Some(new.start(b))
        {
            return (k, a, b);
        }
        a += 1;
    }
    (k, old.len(), new.len())
}

/// The length of the longest run of positions `0..n` for which `same(i, len)` holds
/// over `[i, i + len)`: compared a block at a time, then byte by byte.
fn common_len(n: usize, same: impl Fn(usize, usize) -> bool) -> usize {
    const BLOCK: usize = 512;
    let mut i = 0;
    while i + BLOCK <= n && same(i, BLOCK) {
        i += BLOCK;
    }
    while i < n && same(i, 1) {
        i += 1;
    }
    i
}

impl TreeCache {
    /// The tree `oid`; `None` when it cannot be read.
    pub(crate) fn get(&mut self, repo: &git2::Repository, oid: git2::Oid) -> Option<Arc<Tree>> {
        if let Some((_, t)) = self.entries.iter().find(|(o, _)| *o == oid) {
            return Some(Arc::clone(t));
        }
        let parsed = match self.ahead.as_ref().and_then(|a| a.take(oid)) {
            Some(tree) => tree,
            None => Arc::new(read_tree(repo, oid)?),
        };
        self.entries.push_front((oid, Arc::clone(&parsed)));
        self.entries.truncate(32);
        Some(parsed)
    }

    /// A cache that also takes the trees `ahead` read.
    pub(crate) fn with_read_ahead(ahead: Arc<ReadAhead>) -> Self {
        Self {
            ahead: Some(ahead),
            ..Self::default()
        }
    }
}

/// How many commits the read-ahead may be in front of the walk.
const LOOKAHEAD: usize = 4;

/// Trees read on a second thread in front of the history walk. Reading a tree
/// object (inflating it from the pack, applying its deltas) is most of the walk on a
/// folder of 10,000 records, and the walk itself reads commits one after another;
/// the read-ahead goes through the same commits in the same order and reads the
/// handbook's trees that are new at each (a tree it has read before is the same
/// tree: ids are contents), so the walk finds them parsed. It never decides
/// anything: a tree it has not read yet is read by the walk, as without it, and it
/// stays at most [`LOOKAHEAD`] commits ahead, so it holds a few dozen trees.
#[derive(Default)]
pub(crate) struct ReadAhead {
    state: Mutex<Ahead>,
    moved: Condvar,
}

#[derive(Default)]
struct Ahead {
    /// Tree id → (the commit, by its place in the walk, it was read for; the tree).
    trees: HashMap<git2::Oid, (usize, Arc<Tree>)>,
    /// The place of the commit the walk is at.
    at: usize,
    /// The walk ended: the read-ahead stops.
    done: bool,
}

impl ReadAhead {
    fn take(&self, oid: git2::Oid) -> Option<Arc<Tree>> {
        let mut state = self.state.lock().ok()?;
        state.trees.remove(&oid).map(|(_, tree)| tree)
    }

    /// The walk is at the commit in place `at`: trees read for commits it has
    /// passed are dropped, and the read-ahead may go on.
    pub(crate) fn walk_at(&self, at: usize) {
        if let Ok(mut state) = self.state.lock() {
            state.at = at;
            state.trees.retain(|_, (n, _)| *n + 2 >= at);
        }
        self.moved.notify_all();
    }

    /// The walk ended.
    pub(crate) fn finish(&self) {
        if let Ok(mut state) = self.state.lock() {
            state.done = true;
            state.trees.clear();
        }
        self.moved.notify_all();
    }

    /// Reads, for each commit's root tree in `roots` (in the walk's order; `None`
    /// for a commit the order did not read), the trees on the way to `folder` and
    /// the trees under it that are new at that commit, until the walk ends; run
    /// beside the walk with its own handle of the repository.
    pub(crate) fn run(&self, repo: &git2::Repository, roots: &[Option<git2::Oid>], folder: &str) {
        let parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
        let mut seen: HashSet<git2::Oid> = HashSet::new();
        let mut local = TreeCache::default();
        for (i, &root) in roots.iter().enumerate() {
            {
                let Ok(mut state) = self.state.lock() else {
                    return;
                };
                while !state.done && i > state.at + LOOKAHEAD {
                    state = match self.moved.wait(state) {
                        Ok(s) => s,
                        Err(_) => return,
                    };
                }
                if state.done {
                    return;
                }
                if i < state.at {
                    // The walk is past this commit: it read the trees itself.
                    continue;
                }
            }
            let mut found = Vec::new();
            let mut current = root;
            for part in &parts {
                let Some(oid) = current else { break };
                let Some(tree) = local.get(repo, oid) else {
                    current = None;
                    break;
                };
                if seen.insert(oid) {
                    found.push((oid, Arc::clone(&tree)));
                }
                current = (0..tree.len())
                    .find(|&k| tree.is_tree(k) && tree.name(k) == part.as_bytes())
                    .map(|k| tree.id(k));
            }
            let mut stack: Vec<git2::Oid> = current.into_iter().collect();
            while let Some(oid) = stack.pop() {
                if !seen.insert(oid) {
                    continue;
                }
                let Some(tree) = local.get(repo, oid) else {
                    continue;
                };
                stack.extend(
                    (0..tree.len())
                        .filter(|&k| tree.is_tree(k))
                        .map(|k| tree.id(k)),
                );
                found.push((oid, tree));
            }
            let Ok(mut state) = self.state.lock() else {
                return;
            };
            if state.done {
                return;
            }
            for (oid, tree) in found {
                state.trees.insert(oid, (i, tree));
            }
        }
    }
}

/// Reads a tree object's raw entries (`mode SP name NUL id`), without libgit2's
/// per-entry allocations and path joins; `None` when the object cannot be read.
fn read_tree(repo: &git2::Repository, oid: git2::Oid) -> Option<Tree> {
    let odb = repo.odb().ok()?;
    let object = odb.read(oid).ok()?;
    let data = object.data().to_vec();
    let mut entries = Vec::new();
    let mut i = 0;
    while i < data.len() {
        // The mode is 5 or 6 digits (`40000`, `100644`): look there before searching.
        let space = match (data.get(i + 5), data.get(i + 6)) {
            (Some(b' '), _) => 5,
            (_, Some(b' ')) => 6,
            _ => match memchr::memchr(b' ', &data[i..]) {
                Some(space) => space,
                None => break,
            },
        };
        let is_tree = &data[i..i + space] == b"40000";
        let name_start = i + space + 1;
        let Some(nul) = memchr::memchr(0, &data[name_start..]) else {
            break;
        };
        let name_end = name_start + nul;
        if name_end + 21 > data.len() || name_end > u32::MAX as usize {
            break;
        }
        entries.push((name_start as u32, name_end as u32, is_tree));
        i = name_end + 21;
    }
    Some(Tree { data, entries })
}

/// The id of the tree at `folder` inside tree `root` (the root itself for `""`):
/// `Ok(None)` when there is no such folder, `Err(id)` when a tree on the way (`id`)
/// cannot be read.
pub(crate) fn subtree_id(
    repo: &git2::Repository,
    trees: &mut TreeCache,
    root: git2::Oid,
    folder: &str,
) -> Result<Option<git2::Oid>, git2::Oid> {
    let mut current = Some(root);
    for part in folder.split('/').filter(|p| !p.is_empty()) {
        current = child(repo, trees, current, part)?;
    }
    Ok(current)
}

/// A folder's tree in an older and a newer commit (`None` where it does not exist).
pub(crate) type TreePair = (Option<git2::Oid>, Option<git2::Oid>);

/// The ids of the tree at `folder` in two root trees (`old` absent for a root
/// commit's parent), reading each side only as far as the two differ: `Ok(None)`
/// when the folder is the same in both (or in neither), else its id on each side
/// (`None` where there is no such folder); `Err(id)` when a tree on the way (`id`)
/// cannot be read. Most commits change something beside the handbook, and this
/// reads only their root trees.
pub(crate) fn subtree_pair(
    repo: &git2::Repository,
    trees: &mut TreeCache,
    old: Option<git2::Oid>,
    new: git2::Oid,
    folder: &str,
) -> Result<Option<TreePair>, git2::Oid> {
    let (mut old, mut new) = (old, Some(new));
    for part in folder.split('/').filter(|p| !p.is_empty()) {
        if old == new {
            return Ok(None);
        }
        old = child(repo, trees, old, part)?;
        new = child(repo, trees, new, part)?;
    }
    Ok((old != new).then_some((old, new)))
}

/// The id of folder `name` in tree `tree`; `Ok(None)` when there is no tree or no
/// such folder, `Err(id)` when the tree cannot be read.
fn child(
    repo: &git2::Repository,
    trees: &mut TreeCache,
    tree: Option<git2::Oid>,
    name: &str,
) -> Result<Option<git2::Oid>, git2::Oid> {
    let Some(id) = tree else { return Ok(None) };
    let tree = trees.get(repo, id).ok_or(id)?;
    Ok((0..tree.len())
        .find(|&i| tree.is_tree(i) && tree.name(i) == name.as_bytes())
        .map(|i| tree.id(i)))
}

/// Git's tree order: names compared bytewise, a folder as if its name ended in `/`.
fn git_order(a: &[u8], a_tree: bool, b: &[u8], b_tree: bool) -> std::cmp::Ordering {
    let n = a.len().min(b.len());
    match a[..n].cmp(&b[..n]) {
        std::cmp::Ordering::Equal => {}
        other => return other,
    }
    let next = |name: &[u8], tree: bool| {
        name.get(n)
            .copied()
            .or(if tree { Some(b'/') } else { None })
    };
    next(a, a_tree).cmp(&next(b, b_tree))
}

fn prefixed(prefix: &str, name: &[u8]) -> String {
    let name = String::from_utf8_lossy(name);
    if prefix.is_empty() {
        name.into_owned()
    } else {
        format!("{prefix}/{name}")
    }
}

/// Every file that differs between two trees (either may be absent), by a merge of
/// their sorted entries; equal subtrees are skipped by id, and the folders `skip` are
/// never entered.
pub(crate) struct TreeDiff<'a> {
    repo: &'a git2::Repository,
    trees: &'a mut TreeCache,
    skip: &'a [String],
    /// Whether only deleted files are wanted: folders only on the new side are not
    /// read.
    deletions_only: bool,
    /// Folders whose tree could not be read on either side, with that tree's id:
    /// what changed under them is unknown.
    pub(crate) unreadable: Vec<(String, git2::Oid)>,
}

impl<'a> TreeDiff<'a> {
    /// A diff that never descends into the folders `skip` (none when empty).
    pub(crate) fn skipping(
        repo: &'a git2::Repository,
        trees: &'a mut TreeCache,
        skip: &'a [String],
    ) -> Self {
        Self {
            repo,
            trees,
            skip,
            deletions_only: false,
            unreadable: Vec::new(),
        }
    }

    /// A diff that lists deleted files only, never descending into the folders
    /// `skip`.
    pub(crate) fn deletions(
        repo: &'a git2::Repository,
        trees: &'a mut TreeCache,
        skip: &'a [String],
    ) -> Self {
        Self {
            deletions_only: true,
            ..Self::skipping(repo, trees, skip)
        }
    }

    /// The tree `oid` (an empty one for `None`); `None`, and the folder noted as
    /// unreadable, when it cannot be read.
    fn side(&mut self, oid: Option<git2::Oid>, prefix: &str) -> Option<Arc<Tree>> {
        let Some(oid) = oid else {
            return Some(Arc::default());
        };
        let tree = self.trees.get(self.repo, oid);
        if tree.is_none() {
            self.unreadable.push((prefix.to_string(), oid));
        }
        tree
    }

    /// Appends the files that differ between `old` and `new` (folder `prefix`).
    pub(crate) fn diff(
        &mut self,
        old: Option<git2::Oid>,
        new: Option<git2::Oid>,
        prefix: &str,
        out: &mut Vec<Change>,
    ) {
        if old == new || self.skip.iter().any(|s| s == prefix) {
            return;
        }
        // The newer side first: in a pack whose deltas run from older to newer
        // versions (`git fast-import`), reading it caches the older one on the way;
        // where they run the other way, the newer one is near the base and cheap.
        let new_tree = self.side(new, prefix);
        let old_tree = self.side(old, prefix);
        let (Some(old_tree), Some(new_tree)) = (old_tree, new_tree) else {
            return;
        };
        let (k, old_end, new_end) = shared_ends(&old_tree, &new_tree);
        let (mut i, mut j) = (k, k);
        while i < old_end || j < new_end {
            let order = if i < old_end && j < new_end {
                let (a, b) = (old_tree.name(i), new_tree.name(j));
                if a == b && old_tree.is_tree(i) == new_tree.is_tree(j) {
                    std::cmp::Ordering::Equal
                } else {
                    git_order(a, old_tree.is_tree(i), b, new_tree.is_tree(j))
                }
            } else if i < old_end {
                std::cmp::Ordering::Less
            } else {
                std::cmp::Ordering::Greater
            };
            match order {
                std::cmp::Ordering::Less => {
                    self.one_side(&old_tree, i, prefix, Kind::Deleted, out);
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    self.one_side(&new_tree, j, prefix, Kind::Added, out);
                    j += 1;
                }
                std::cmp::Ordering::Equal => {
                    if old_tree.raw_id(i) != new_tree.raw_id(j) {
                        let path = prefixed(prefix, new_tree.name(j));
                        if new_tree.is_tree(j) {
                            self.diff(Some(old_tree.id(i)), Some(new_tree.id(j)), &path, out);
                        } else if !self.deletions_only {
                            out.push(Change {
                                kind: Kind::Modified,
                                path,
                                old_path: None,
                                oid: new_tree.id(j),
                            });
                        }
                    }
                    i += 1;
                    j += 1;
                }
            }
        }
    }

    /// An entry present on one side only: a file added or deleted, or every file of
    /// a folder added or deleted.
    fn one_side(&mut self, tree: &Tree, i: usize, prefix: &str, kind: Kind, out: &mut Vec<Change>) {
        if self.deletions_only && kind == Kind::Added {
            return;
        }
        let path = prefixed(prefix, tree.name(i));
        if tree.is_tree(i) {
            let (old, new) = if kind == Kind::Added {
                (None, Some(tree.id(i)))
            } else {
                (Some(tree.id(i)), None)
            };
            self.diff(old, new, &path, out);
        } else {
            out.push(Change {
                kind,
                path,
                old_path: None,
                oid: tree.id(i),
            });
        }
    }
}

/// Whether `path` is `root` or inside it (everything is inside the empty root).
pub(crate) fn inside(path: &str, root: &str) -> bool {
    root.is_empty()
        || path == root
        || path
            .strip_prefix(root)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// Every file path (repository-relative) under `folder` in `tree`; `folder` is
/// normalised by the caller (`docket_model::HandbookRoot`), empty for the whole tree.
pub(crate) fn tree_files(
    repo: &git2::Repository,
    tree: &git2::Tree<'_>,
    folder: &str,
) -> Vec<String> {
    let sub = if folder.is_empty() {
        Some(tree.clone())
    } else {
        tree.get_path(Path::new(folder))
            .ok()
            .and_then(|e| repo.find_tree(e.id()).ok())
    };
    let Some(sub) = sub else { return Vec::new() };
    let prefix = if folder.is_empty() {
        String::new()
    } else {
        format!("{folder}/")
    };
    let mut out = Vec::new();
    let _ = sub.walk(git2::TreeWalkMode::PreOrder, |dir, entry| {
        if entry.kind() == Some(git2::ObjectType::Blob)
            && let Ok(name) = entry.name()
        {
            out.push(format!("{prefix}{dir}{name}"));
        }
        git2::TreeWalkResult::Ok
    });
    out
}

/// A path from git with `/` separators.
pub(crate) fn path_string(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tree of `files` (path → content), written into `repo`.
    fn write_tree(repo: &git2::Repository, files: &[(String, String)]) -> git2::Oid {
        let mut index = git2::Index::new().unwrap();
        for (path, text) in files {
            let blob = repo.blob(text.as_bytes()).unwrap();
            let mut entry = git2::IndexEntry {
                ctime: git2::IndexTime::new(0, 0),
                mtime: git2::IndexTime::new(0, 0),
                dev: 0,
                ino: 0,
                mode: 0o100644,
                uid: 0,
                gid: 0,
                file_size: 0,
                id: blob,
                flags: 0,
                flags_extended: 0,
                path: path.as_bytes().to_vec(),
            };
            entry.flags = (path.len() as u16) & 0xfff;
            index.add(&entry).unwrap();
        }
        index.write_tree_to(repo).unwrap()
    }

    /// What libgit2's own diff lists, for comparison.
    fn libgit2_diff(repo: &git2::Repository, old: git2::Oid, new: git2::Oid) -> Vec<String> {
        let (old, new) = (repo.find_tree(old).unwrap(), repo.find_tree(new).unwrap());
        let diff = repo
            .diff_tree_to_tree(Some(&old), Some(&new), None)
            .unwrap();
        let mut out: Vec<String> = diff
            .deltas()
            .map(|d| match d.status() {
                git2::Delta::Added => format!("A {}", path_string(d.new_file().path().unwrap())),
                git2::Delta::Deleted => format!("D {}", path_string(d.old_file().path().unwrap())),
                _ => format!("M {}", path_string(d.new_file().path().unwrap())),
            })
            .collect();
        out.sort();
        out
    }

    fn tree_diff(repo: &git2::Repository, old: git2::Oid, new: git2::Oid) -> Vec<String> {
        let mut trees = TreeCache::default();
        let mut out = Vec::new();
        TreeDiff::skipping(repo, &mut trees, &[]).diff(Some(old), Some(new), "", &mut out);
        let mut out: Vec<String> = out
            .into_iter()
            .map(|c| {
                let kind = match c.kind {
                    Kind::Added => "A",
                    Kind::Deleted => "D",
                    _ => "M",
                };
                format!("{kind} {}", c.path)
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn the_diff_skipping_shared_ends_lists_what_libgit2_lists() {
        let tmp = tempfile::tempdir().unwrap();
        let repo = git2::Repository::init(tmp.path()).unwrap();
        // A folder of records with names of several lengths, a subfolder, and files
        // that sort before and after it.
        let mut base: Vec<(String, String)> = (0..120)
            .map(|n| {
                (
                    format!("d/{n:04}-{}.md", "x".repeat(n % 7)),
                    format!("record {n}\n"),
                )
            })
            .collect();
        base.push(("d/sub/inner.md".into(), "inner\n".into()));
        base.push(("a.md".into(), "a\n".into()));
        base.push(("z.md".into(), "z\n".into()));
        base.sort();
        let mut seed: u64 = 7;
        let mut next = |bound: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % bound
        };
        let base_tree = write_tree(&repo, &base);
        for case in 0..40 {
            let mut files = base.clone();
            for _ in 0..=next(3) {
                let i = next(files.len());
                match next(5) {
                    0 => files[i].1.push_str("edited\n"),
                    1 => {
                        files.remove(i);
                    }
                    // A name of the same length, or one letter longer.
                    2 => files[i].0 = files[i].0.replacen(".md", ".mx", 1),
                    3 => files[i].0 = files[i].0.replacen(".md", ".mdx", 1),
                    _ => files.push((format!("d/{:04}-new{case}.md", next(150)), "new\n".into())),
                }
            }
            files.sort();
            files.dedup_by(|a, b| a.0 == b.0);
            let tree = write_tree(&repo, &files);
            for (old, new) in [(base_tree, tree), (tree, base_tree)] {
                assert_eq!(
                    tree_diff(&repo, old, new),
                    libgit2_diff(&repo, old, new),
                    "case {case}"
                );
            }
        }
    }
}
