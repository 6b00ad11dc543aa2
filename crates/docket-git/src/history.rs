//! The one pass over history, and its cache.

use std::collections::{BTreeSet, HashMap};

use docket_model::time::Time;
use docket_model::{Author, CommitInfo, FileHistory, History};
use serde::{Deserialize, Serialize};

use crate::{GitError, path_string};

/// Bumped whenever the cached shape or what it means changes.
const CACHE_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Cache {
    version: u32,
    handbook_root: String,
    /// Whether the clone was shallow: `git fetch --unshallow` keeps HEAD but
    /// changes the history.
    shallow: bool,
    /// The files whose statuses were read: a file that became a decision since
    /// (a changed `[kinds.decision] path`) needs its statuses read.
    decisions: BTreeSet<String>,
    history: History,
}

fn cache_path(repo: &git2::Repository) -> std::path::PathBuf {
    repo.path().join("docket").join("history.json")
}

fn read_cache(
    repo: &git2::Repository,
    handbook_root: &str,
    shallow: bool,
    decisions: &BTreeSet<String>,
) -> Option<History> {
    let text = std::fs::read(cache_path(repo)).ok()?;
    let cache: Cache = serde_json::from_slice(&text).ok()?;
    let statuses_known = decisions
        .iter()
        .all(|d| cache.decisions.contains(d) || !cache.history.files.contains_key(d));
    (cache.version == CACHE_VERSION
        && cache.handbook_root == handbook_root
        && cache.shallow == shallow
        && statuses_known)
        .then_some(cache.history)
}

fn write_cache(
    repo: &git2::Repository,
    handbook_root: &str,
    decisions: &BTreeSet<String>,
    history: &History,
) {
    let path = cache_path(repo);
    let Some(dir) = path.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let cache = Cache {
        version: CACHE_VERSION,
        handbook_root: handbook_root.to_string(),
        shallow: history.shallow,
        decisions: decisions.clone(),
        history: history.clone(),
    };
    let Ok(bytes) = serde_json::to_vec(&cache) else {
        return;
    };
    // Write beside, then rename: a reader never sees half a cache.
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    if std::fs::write(&tmp, bytes).is_ok() && std::fs::rename(&tmp, &path).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

pub(crate) fn history(
    repo: &git2::Repository,
    handbook_root: &str,
    decisions: &BTreeSet<String>,
) -> Result<History, GitError> {
    let is_decision = |p: &str| decisions.contains(p);
    let Some(head) = repo.head().ok().and_then(|h| h.target()) else {
        return Ok(History::default());
    };
    let shallow = repo.is_shallow();
    let cached = read_cache(repo, handbook_root, shallow, decisions);
    if let Some(c) = &cached
        && c.head.as_deref() == Some(head.to_string().as_str())
    {
        return Ok(c.clone());
    }
    // A cache at an ancestor of HEAD: walk only the new commits and append the rest.
    let base = cached.as_ref().and_then(|c| {
        let old = git2::Oid::from_str(c.head.as_deref()?).ok()?;
        repo.graph_descendant_of(head, old).ok()?.then_some(old)
    });
    let head_commit = repo.find_commit(head)?;
    let mut alive: HashMap<String, String> = HashMap::new();
    for path in crate::tree_files(repo, &head_commit.tree()?, handbook_root) {
        alive.insert(path.clone(), path);
    }
    let mut files: HashMap<String, Vec<CommitInfo>> = HashMap::new();
    let mut walk = repo.revwalk()?;
    walk.push(head)?;
    walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::TIME)?;
    if let Some(old) = base {
        walk.hide(old)?;
    }
    let mut find = git2::DiffFindOptions::new();
    find.renames(true);
    let mut trees = TreeCache::default();
    for oid in walk {
        let oid = oid?;
        if alive.is_empty() {
            break;
        }
        let commit = repo.find_commit(oid)?;
        // Diff the handbook's subtrees: an unchanged handbook is one id comparison,
        // and nothing outside it is read (until a file turns out to have come from
        // outside: then the scope widens to the whole tree).
        let scope = if alive.keys().all(|p| inside(p, handbook_root)) {
            handbook_root
        } else {
            ""
        };
        let new_sub = subtree_id(repo, &mut trees, commit.tree_id(), scope);
        let old_sub = match commit.parent_ids().next() {
            Some(parent) => {
                let parent_tree = repo.find_commit(parent)?.tree_id();
                subtree_id(repo, &mut trees, parent_tree, scope)
            }
            None => None,
        };
        if new_sub == old_sub {
            continue;
        }
        // A merge brings in changes its other parents already made; like
        // `git log --follow`, credit them to the commits that made them, not to the
        // merge. A merge whose handbook equals another parent's changed nothing itself.
        let others: Vec<Option<git2::Oid>> = commit
            .parent_ids()
            .skip(1)
            .filter_map(|p| repo.find_commit(p).ok())
            .map(|p| subtree_id(repo, &mut trees, p.tree_id(), scope))
            .collect();
        if others.contains(&new_sub) {
            continue;
        }
        let mut changes = Vec::new();
        TreeDiff::all(repo, &mut trees).diff(old_sub, new_sub, scope, &mut changes);
        pair_renames(&mut changes);
        if changes.iter().any(|c| c.kind == Kind::Added)
            && changes.iter().any(|c| c.kind == Kind::Deleted)
        {
            // Adds and deletes whose contents differ may still be renames with edits:
            // libgit2's similarity detection decides, for this (rare) commit only.
            changes = similar_renames(repo, old_sub, new_sub, scope, &mut find)?;
        }
        if !scope.is_empty() && changes.iter().any(|c| c.kind == Kind::Added) {
            // Files added to the handbook may have moved in from elsewhere in the
            // repository (records adopted from `doc/adr/`): look outside for their
            // deleted originals.
            let root_new = Some(commit.tree_id());
            let root_old = commit.parent(0).ok().map(|p| p.tree_id());
            let mut outside = Vec::new();
            TreeDiff::skipping(repo, &mut trees, scope).diff(root_old, root_new, "", &mut outside);
            outside.retain(|c| c.kind == Kind::Deleted);
            if !outside.is_empty() {
                changes.extend(outside);
                pair_renames(&mut changes);
                if changes.iter().any(|c| c.kind == Kind::Added)
                    && changes.iter().any(|c| c.kind == Kind::Deleted)
                {
                    changes = similar_renames(repo, root_old, root_new, "", &mut find)?;
                    changes.retain(|c| inside(&c.path, handbook_root));
                }
            }
        }
        if !others.is_empty() {
            // Keep only files whose content at the merge is in no other parent.
            let mut from_others = std::collections::HashSet::new();
            for other in others.iter().flatten() {
                let mut theirs = Vec::new();
                TreeDiff::all(repo, &mut trees).diff(Some(*other), new_sub, scope, &mut theirs);
                let differs: std::collections::HashSet<String> =
                    theirs.into_iter().map(|c| c.path).collect();
                for c in &changes {
                    if !differs.contains(&c.path) {
                        from_others.insert(c.path.clone());
                    }
                }
            }
            changes.retain(|c| !from_others.contains(&c.path));
        }
        let mut info: Option<CommitInfo> = None;
        for change in changes {
            if change.kind == Kind::Deleted {
                continue;
            }
            let Some(key) = alive.get(&change.path).cloned() else {
                continue;
            };
            let base_info = info.get_or_insert_with(|| commit_info(&commit));
            let mut entry = base_info.clone();
            if is_decision(&key) {
                entry.status = repo
                    .find_blob(change.oid)
                    .ok()
                    .and_then(|b| status_of(b.content()));
            }
            files.entry(key.clone()).or_default().push(entry);
            match change.kind {
                Kind::Renamed => {
                    alive.remove(&change.path);
                    if let Some(old) = change.old_path {
                        alive.insert(old, key);
                    }
                }
                Kind::Added => {
                    alive.remove(&change.path);
                }
                _ => {}
            }
        }
    }
    let mut history = History {
        head: Some(head.to_string()),
        shallow,
        files: Default::default(),
    };
    for (key, commits) in files {
        history.files.insert(key, FileHistory { commits });
    }
    // Append what the cache knew about the files as they were at the old HEAD.
    if let (Some(cache), Some(_)) = (cached, base) {
        for (old_path, old_history) in cache.files {
            let Some(key) = alive.get(&old_path) else {
                continue;
            };
            history
                .files
                .entry(key.clone())
                .or_default()
                .commits
                .extend(old_history.commits);
        }
    }
    write_cache(repo, handbook_root, decisions, &history);
    Ok(history)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Added,
    Deleted,
    Modified,
    Renamed,
}

/// One changed file of a commit, paths repository-relative.
struct Change {
    kind: Kind,
    path: String,
    old_path: Option<String>,
    /// The blob at `path` after the commit (before it, for deletions).
    oid: git2::Oid,
}

/// Parsed tree objects, most recent first. A commit's tree is usually its child's
/// parent tree, so a few entries save most reads.
#[derive(Default)]
struct TreeCache {
    entries: std::collections::VecDeque<(git2::Oid, std::rc::Rc<Tree>)>,
}

/// A tree object's raw bytes and where each entry's name and id sit in them: one
/// allocation per tree, none per entry.
#[derive(Default)]
struct Tree {
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
        git2::Oid::from_bytes(self.raw_id(i)).unwrap_or_else(|_| git2::Oid::zero())
    }
}

impl TreeCache {
    fn get(&mut self, repo: &git2::Repository, oid: git2::Oid) -> std::rc::Rc<Tree> {
        if let Some((_, t)) = self.entries.iter().find(|(o, _)| *o == oid) {
            return std::rc::Rc::clone(t);
        }
        let parsed = std::rc::Rc::new(read_tree(repo, oid));
        self.entries.push_front((oid, std::rc::Rc::clone(&parsed)));
        self.entries.truncate(8);
        parsed
    }
}

/// Reads a tree object's raw entries (`mode SP name NUL id`), without libgit2's
/// per-entry allocations and path joins: on a folder of 10,000 decisions this is
/// most of the history walk.
fn read_tree(repo: &git2::Repository, oid: git2::Oid) -> Tree {
    let Ok(odb) = repo.odb() else {
        return Tree::default();
    };
    let Ok(object) = odb.read(oid) else {
        return Tree::default();
    };
    let data = object.data().to_vec();
    let mut entries = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let Some(space) = memchr::memchr(b' ', &data[i..]) else {
            break;
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
    Tree { data, entries }
}

/// The id of the tree at `folder` inside tree `root` (the root itself for `""`).
fn subtree_id(
    repo: &git2::Repository,
    trees: &mut TreeCache,
    root: git2::Oid,
    folder: &str,
) -> Option<git2::Oid> {
    let mut current = root;
    for part in folder.split('/').filter(|p| !p.is_empty()) {
        let tree = trees.get(repo, current);
        let i = (0..tree.len()).find(|&i| tree.is_tree(i) && tree.name(i) == part.as_bytes())?;
        current = tree.id(i);
    }
    Some(current)
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
/// their sorted entries; equal subtrees are skipped by id, and the folder `skip` is
/// never entered.
struct TreeDiff<'a> {
    repo: &'a git2::Repository,
    trees: &'a mut TreeCache,
    skip: &'a str,
}

impl<'a> TreeDiff<'a> {
    /// A diff of everything.
    fn all(repo: &'a git2::Repository, trees: &'a mut TreeCache) -> Self {
        Self::skipping(repo, trees, "\0")
    }

    /// A diff that never descends into the folder `skip`.
    fn skipping(repo: &'a git2::Repository, trees: &'a mut TreeCache, skip: &'a str) -> Self {
        Self { repo, trees, skip }
    }

    /// Appends the files that differ between `old` and `new` (folder `prefix`).
    fn diff(
        &mut self,
        old: Option<git2::Oid>,
        new: Option<git2::Oid>,
        prefix: &str,
        out: &mut Vec<Change>,
    ) {
        if old == new || prefix == self.skip {
            return;
        }
        let old_tree = old
            .map(|o| self.trees.get(self.repo, o))
            .unwrap_or_default();
        let new_tree = new
            .map(|o| self.trees.get(self.repo, o))
            .unwrap_or_default();
        let (mut i, mut j) = (0, 0);
        while i < old_tree.len() || j < new_tree.len() {
            let order = if i < old_tree.len() && j < new_tree.len() {
                let (a, b) = (old_tree.name(i), new_tree.name(j));
                if a == b && old_tree.is_tree(i) == new_tree.is_tree(j) {
                    std::cmp::Ordering::Equal
                } else {
                    git_order(a, old_tree.is_tree(i), b, new_tree.is_tree(j))
                }
            } else if i < old_tree.len() {
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
                        } else {
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
fn inside(path: &str, root: &str) -> bool {
    root.is_empty()
        || path == root
        || path
            .strip_prefix(root)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// Pairs an added and a deleted file with the same content as a rename.
fn pair_renames(changes: &mut Vec<Change>) {
    let mut deleted: HashMap<git2::Oid, usize> = HashMap::new();
    for (i, c) in changes.iter().enumerate() {
        if c.kind == Kind::Deleted {
            deleted.entry(c.oid).or_insert(i);
        }
    }
    if deleted.is_empty() {
        return;
    }
    let mut gone = Vec::new();
    for i in 0..changes.len() {
        if changes[i].kind == Kind::Added
            && let Some(d) = deleted.remove(&changes[i].oid)
        {
            changes[i].kind = Kind::Renamed;
            changes[i].old_path = Some(changes[d].path.clone());
            gone.push(d);
        }
    }
    gone.sort_unstable();
    for d in gone.into_iter().rev() {
        changes.remove(d);
    }
}

/// The changes of one commit by libgit2's diff with similarity-based rename detection.
fn similar_renames(
    repo: &git2::Repository,
    old: Option<git2::Oid>,
    new: Option<git2::Oid>,
    prefix: &str,
    find: &mut git2::DiffFindOptions,
) -> Result<Vec<Change>, GitError> {
    let old_tree = old.map(|o| repo.find_tree(o)).transpose()?;
    let new_tree = new.map(|o| repo.find_tree(o)).transpose()?;
    let mut opts = git2::DiffOptions::new();
    opts.skip_binary_check(true).ignore_submodules(true);
    let mut diff = repo.diff_tree_to_tree(old_tree.as_ref(), new_tree.as_ref(), Some(&mut opts))?;
    diff.find_similar(Some(find))?;
    let mut out = Vec::new();
    for delta in diff.deltas() {
        let kind = match delta.status() {
            git2::Delta::Added => Kind::Added,
            git2::Delta::Deleted => Kind::Deleted,
            git2::Delta::Renamed => Kind::Renamed,
            _ => Kind::Modified,
        };
        let file = if kind == Kind::Deleted {
            delta.old_file()
        } else {
            delta.new_file()
        };
        let Some(path) = file.path().map(|p| join(prefix, p)) else {
            continue;
        };
        out.push(Change {
            kind,
            path,
            old_path: delta.old_file().path().map(|p| join(prefix, p)),
            oid: file.id(),
        });
    }
    Ok(out)
}

fn join(folder: &str, path: &std::path::Path) -> String {
    let p = path_string(path);
    if folder.is_empty() {
        p
    } else {
        format!("{folder}/{p}")
    }
}

fn commit_info(commit: &git2::Commit<'_>) -> CommitInfo {
    let author = commit.author();
    let time = Time::from_second(author.when().seconds()).unwrap_or_default();
    CommitInfo {
        id: commit.id().to_string(),
        time,
        author: Author {
            name: String::from_utf8_lossy(author.name_bytes()).into_owned(),
            email: String::from_utf8_lossy(author.email_bytes()).into_owned(),
        },
        summary: commit
            .summary_bytes()
            .map(|s| String::from_utf8_lossy(s).into_owned())
            .unwrap_or_default(),
        status: None,
    }
}

/// The `status` of a decision blob as its front matter writes it: the model's own
/// split and YAML parse of the front matter alone (the body is never parsed), so
/// comments and quotes read as they do everywhere else.
fn status_of(content: &[u8]) -> Option<String> {
    docket_model::front_matter_status(std::str::from_utf8(content).ok()?)
}
