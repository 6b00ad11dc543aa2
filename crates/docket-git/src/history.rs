//! The one pass over history (decision 0010), degrading file by file when objects
//! are missing (decision 0011).
//!
//! The walk reads commits children first ([`crate::order`]). For each it compares
//! the handbook's subtree with the first parent's, diffs the two when they differ,
//! follows renames, and credits the commit to the files it changed, under the name
//! each file has at HEAD. An object that cannot be read costs only the files whose
//! history needs it, and is recorded in `History::partial`:
//!
//! - a tree: the files under it (at that commit) may have missed this commit's
//!   changes, so their older history is uncertain (`truncated`);
//! - a blob read for a decision's status: that commit's status is unknown
//!   (`unknown_status`);
//! - a blob libgit2's rename detection needed: the commit's renames are paired by
//!   identical content only, and the files it added are `truncated` (each may have
//!   been a rename whose older history is now out of reach);
//! - a commit: the walk stops there, keeping what it read; every file not yet
//!   traced to its creation is `truncated`. When it is a merge's second (or later)
//!   parent, the walk goes on along the first parent instead, and the files the
//!   merge changed are `truncated` (it may take credit for the missing side's work).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::ops::ControlFlow;

use docket_model::time::Time;
use docket_model::{
    Author, CommitInfo, FileHistory, History, MissingObject, ObjectKind, PartialHistory,
};

use crate::cache::{read_cache, write_cache};
use crate::clone::is_partial_clone;
use crate::error::GitError;
use crate::order::commit_order;
use crate::tree::{Change, Kind, TreeCache, TreeDiff, inside, path_string, subtree_id, tree_files};

/// The history of every file under `handbook_root`, from the cache when it describes
/// HEAD, else by walking the commits since the cached HEAD (or all of them).
pub(crate) fn history(
    repo: &git2::Repository,
    handbook_root: &str,
    decisions: &BTreeSet<String>,
) -> Result<History, GitError> {
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
    let (order, base) = commit_order(repo, head, base)?;
    let mut walk = Walk::start(repo, handbook_root, decisions, head)?;
    for oid in order {
        if walk.alive.is_empty() || walk.step(oid).is_break() {
            break;
        }
    }
    let mut history = walk.finish(cached.filter(|_| base.is_some()));
    history.head = Some(head.to_string());
    history.shallow = shallow;
    write_cache(repo, handbook_root, decisions, &history);
    Ok(history)
}

/// The state of one walk.
struct Walk<'r> {
    repo: &'r git2::Repository,
    handbook_root: &'r str,
    decisions: &'r BTreeSet<String>,
    /// Each file still followed: its path at the commit being read → its path at
    /// HEAD. A file leaves when the walk reaches the commit that added it.
    alive: HashMap<String, String>,
    /// The commits found so far for each file (by its path at HEAD), newest first.
    files: HashMap<String, Vec<CommitInfo>>,
    trees: TreeCache,
    find: git2::DiffFindOptions,
    gaps: Gaps,
}

impl<'r> Walk<'r> {
    /// A walk that follows every file under the handbook root at `head`.
    fn start(
        repo: &'r git2::Repository,
        handbook_root: &'r str,
        decisions: &'r BTreeSet<String>,
        head: git2::Oid,
    ) -> Result<Self, GitError> {
        let tree = repo.find_commit(head)?.tree()?;
        let alive = tree_files(repo, &tree, handbook_root)
            .into_iter()
            .map(|p| (p.clone(), p))
            .collect();
        let mut find = git2::DiffFindOptions::new();
        find.renames(true);
        Ok(Walk {
            repo,
            handbook_root,
            decisions,
            alive,
            files: HashMap::new(),
            trees: TreeCache::default(),
            find,
            gaps: Gaps::default(),
        })
    }

    /// Reads one commit; `Break` when the walk cannot go on (a missing commit).
    fn step(&mut self, oid: git2::Oid) -> ControlFlow<()> {
        let Ok(commit) = self.repo.find_commit(oid) else {
            return self.stop_at(oid);
        };
        // Diff the handbook's subtrees: an unchanged handbook is one id comparison,
        // and nothing outside it is read (until a file turns out to have come from
        // outside: then the scope widens to the whole tree).
        let scope = if self.alive.keys().all(|p| inside(p, self.handbook_root)) {
            self.handbook_root
        } else {
            ""
        };
        let parent = match commit.parent_ids().next() {
            Some(p) => match self.repo.find_commit(p) {
                Ok(parent) => Some(parent.tree_id()),
                Err(_) => return self.stop_at(p),
            },
            None => None,
        };
        let Some(new_sub) = self.subtree(commit.tree_id(), scope) else {
            return ControlFlow::Continue(());
        };
        let old_sub = match parent.map(|tree| self.subtree(tree, scope)) {
            Some(Some(sub)) => sub,
            Some(None) => return ControlFlow::Continue(()),
            None => None,
        };
        if new_sub == old_sub {
            return ControlFlow::Continue(());
        }
        // A merge brings in changes its other parents already made; like
        // `git log --follow`, credit them to the commits that made them, not to the
        // merge. A merge whose handbook equals another parent's changed nothing itself.
        let Some(others) = self.other_parents(&commit, scope) else {
            return ControlFlow::Continue(());
        };
        if others.subtrees.contains(&new_sub) {
            return ControlFlow::Continue(());
        }
        let mut changes = self.diff(old_sub, new_sub, scope, None);
        self.follow_renames(&mut changes, old_sub, new_sub, scope);
        if !scope.is_empty() && changes.iter().any(|c| c.kind == Kind::Added) {
            self.look_outside(&mut changes, commit.tree_id(), parent, scope);
        }
        if !others.subtrees.is_empty() {
            self.drop_merged(&mut changes, &others.subtrees, new_sub, scope);
        }
        if others.unreadable {
            // What the merge brought in from the missing side cannot be told from
            // what it changed itself: the files it changed keep it, marked.
            for c in changes.iter().filter(|c| c.kind != Kind::Deleted) {
                if let Some(key) = self.alive.get(&c.path) {
                    self.gaps.truncated.insert(key.clone());
                }
            }
        }
        self.record(&commit, changes);
        ControlFlow::Continue(())
    }

    /// The handbook subtrees of a merge's other parents. A parent commit that cannot
    /// be read is left out and noted (the walk goes on along the first parent); `None`
    /// when a parent's tree cannot be read (the commit is skipped, files marked).
    fn other_parents(&mut self, commit: &git2::Commit<'_>, scope: &str) -> Option<OtherParents> {
        let mut others = OtherParents::default();
        for p in commit.parent_ids().skip(1) {
            match self.repo.find_commit(p) {
                Ok(other) => others.subtrees.push(self.subtree(other.tree_id(), scope)?),
                Err(_) => {
                    self.gaps.object(ObjectKind::Commit, p);
                    others.unreadable = true;
                }
            }
        }
        Some(others)
    }

    /// The id of folder `scope` in tree `root` (`Some(None)` when there is no such
    /// folder). `None` when a tree on the way cannot be read: what the commit being
    /// read changed is then unknown for every file in scope, so they are marked and
    /// the caller skips the commit.
    fn subtree(&mut self, root: git2::Oid, scope: &str) -> Option<Option<git2::Oid>> {
        match subtree_id(self.repo, &mut self.trees, root, scope) {
            Ok(id) => Some(id),
            Err(tree) => {
                self.gaps.object(ObjectKind::Tree, tree);
                self.gaps.truncate_under(&self.alive, scope);
                None
            }
        }
    }

    /// A commit that cannot be read: the walk stops, and every file it has not yet
    /// traced to its creation has a truncated history.
    fn stop_at(&mut self, missing: git2::Oid) -> ControlFlow<()> {
        self.gaps.object(ObjectKind::Commit, missing);
        self.gaps.truncate_under(&self.alive, "");
        ControlFlow::Break(())
    }

    /// The files that differ between two trees (folder `prefix`), never entering
    /// folder `skip`; the files under a tree that cannot be read are marked.
    fn diff(
        &mut self,
        old: Option<git2::Oid>,
        new: Option<git2::Oid>,
        prefix: &str,
        skip: Option<&str>,
    ) -> Vec<Change> {
        let mut out = Vec::new();
        let mut diff = match skip {
            Some(folder) => TreeDiff::skipping(self.repo, &mut self.trees, folder),
            None => TreeDiff::all(self.repo, &mut self.trees),
        };
        diff.diff(old, new, prefix, &mut out);
        for (folder, tree) in diff.unreadable {
            self.gaps.object(ObjectKind::Tree, tree);
            self.gaps.truncate_under(&self.alive, &folder);
        }
        out
    }

    /// Pairs added and deleted files as renames: identical contents first, then, when
    /// the commit still both adds and deletes files, libgit2's similarity detection
    /// for this (rare) commit only.
    fn follow_renames(
        &mut self,
        changes: &mut Vec<Change>,
        old: Option<git2::Oid>,
        new: Option<git2::Oid>,
        prefix: &str,
    ) {
        pair_renames(changes);
        if !adds_and_deletes(changes) {
            return;
        }
        match similar_renames(self.repo, old, new, prefix, &mut self.find) {
            Ok(found) => *changes = found,
            // libgit2 fails as a whole when one blob cannot be read. Keep the
            // identical-content pairs; every added file may have been a rename whose
            // older history is now out of reach.
            Err(_) => self.renames_unknown(changes),
        }
    }

    /// Marks what a failed similarity detection leaves unknown: the files `changes`
    /// adds, and the first blob among the added and deleted ones that cannot be read.
    fn renames_unknown(&mut self, changes: &[Change]) {
        let odb = self.repo.odb().ok();
        let unreadable = changes
            .iter()
            .filter(|c| matches!(c.kind, Kind::Added | Kind::Deleted))
            .find(|c| odb.as_ref().is_none_or(|o| !o.exists(c.oid)));
        if let Some(c) = unreadable {
            self.gaps.object(ObjectKind::Blob, c.oid);
        }
        for c in changes.iter().filter(|c| c.kind == Kind::Added) {
            if let Some(key) = self.alive.get(&c.path) {
                self.gaps.truncated.insert(key.clone());
            }
        }
    }

    /// Files added to the handbook may have moved in from elsewhere in the
    /// repository (records adopted from `doc/adr/`): looks outside the handbook for
    /// their deleted originals.
    fn look_outside(
        &mut self,
        changes: &mut Vec<Change>,
        root_new: git2::Oid,
        root_old: Option<git2::Oid>,
        scope: &str,
    ) {
        let mut outside = self.diff(root_old, Some(root_new), "", Some(scope));
        outside.retain(|c| c.kind == Kind::Deleted);
        if outside.is_empty() {
            return;
        }
        changes.extend(outside);
        pair_renames(changes);
        if !adds_and_deletes(changes) {
            return;
        }
        match similar_renames(self.repo, root_old, Some(root_new), "", &mut self.find) {
            Ok(mut found) => {
                found.retain(|c| inside(&c.path, self.handbook_root));
                *changes = found;
            }
            Err(_) => {
                self.renames_unknown(changes);
                changes.retain(|c| inside(&c.path, self.handbook_root));
            }
        }
    }

    /// Keeps only the files whose content at a merge is in no other parent.
    fn drop_merged(
        &mut self,
        changes: &mut Vec<Change>,
        others: &[Option<git2::Oid>],
        new_sub: Option<git2::Oid>,
        scope: &str,
    ) {
        let mut from_others = HashSet::new();
        for other in others.iter().flatten() {
            let differs: HashSet<String> = self
                .diff(Some(*other), new_sub, scope, None)
                .into_iter()
                .map(|c| c.path)
                .collect();
            for c in changes.iter() {
                if !differs.contains(&c.path) {
                    from_others.insert(c.path.clone());
                }
            }
        }
        changes.retain(|c| !from_others.contains(&c.path));
    }

    /// Credits `commit` to the followed files it changed (with the status of a
    /// decision as it stands there) and follows renames and additions back.
    fn record(&mut self, commit: &git2::Commit<'_>, changes: Vec<Change>) {
        let mut info: Option<CommitInfo> = None;
        for change in changes {
            if change.kind == Kind::Deleted {
                continue;
            }
            let Some(key) = self.alive.get(&change.path).cloned() else {
                continue;
            };
            let mut entry = info.get_or_insert_with(|| commit_info(commit)).clone();
            if self.decisions.contains(&key) {
                match self.repo.find_blob(change.oid) {
                    Ok(blob) => entry.status = status_of(blob.content()),
                    Err(_) => {
                        self.gaps.object(ObjectKind::Blob, change.oid);
                        self.gaps.unknown_status.insert(key.clone());
                    }
                }
            }
            self.files.entry(key.clone()).or_default().push(entry);
            match change.kind {
                Kind::Renamed => {
                    self.alive.remove(&change.path);
                    if let Some(old) = change.old_path {
                        self.alive.insert(old, key);
                    }
                }
                Kind::Added => {
                    self.alive.remove(&change.path);
                }
                _ => {}
            }
        }
    }

    /// The history read, followed by what `cached` (the history at the HEAD this walk
    /// stopped at) knew about the files as they were named there.
    fn finish(mut self, cached: Option<History>) -> History {
        let mut history = History::default();
        for (key, commits) in std::mem::take(&mut self.files) {
            history.files.insert(key, FileHistory { commits });
        }
        if let Some(cache) = cached {
            for (old_path, old_history) in cache.files {
                if let Some(key) = self.alive.get(&old_path) {
                    let commits = &mut history.files.entry(key.clone()).or_default().commits;
                    commits.extend(old_history.commits);
                }
            }
            if let Some(old) = cache.partial {
                self.gaps.carry(old, &self.alive);
            }
        }
        history.partial = self.gaps.into_partial(self.repo);
        history
    }
}

/// A merge's parents after the first.
#[derive(Default)]
struct OtherParents {
    /// The handbook's subtree in each readable one.
    subtrees: Vec<Option<git2::Oid>>,
    /// Whether one of them could not be read.
    unreadable: bool,
}

/// What the walk could not read.
#[derive(Default)]
struct Gaps {
    /// The first object that could not be read.
    missing: Option<MissingObject>,
    /// Files (by path at HEAD) whose older history is uncertain.
    truncated: BTreeSet<String>,
    /// Files (by path at HEAD) with a commit whose status could not be read.
    unknown_status: BTreeSet<String>,
}

impl Gaps {
    /// Notes object `id` as unreadable, if it is the first.
    fn object(&mut self, kind: ObjectKind, id: git2::Oid) {
        self.missing.get_or_insert_with(|| MissingObject {
            kind,
            id: id.to_string(),
        });
    }

    /// Marks as truncated every followed file inside `folder` (all for `""`).
    fn truncate_under(&mut self, alive: &HashMap<String, String>, folder: &str) {
        for (path, key) in alive {
            if inside(path, folder) {
                self.truncated.insert(key.clone());
            }
        }
    }

    /// Keeps the gaps of a cached history (files named as at the cached HEAD).
    fn carry(&mut self, old: PartialHistory, alive: &HashMap<String, String>) {
        if self.missing.is_none() {
            self.missing = old.missing;
        }
        for (set, old_set) in [
            (&mut self.truncated, old.truncated),
            (&mut self.unknown_status, old.unknown_status),
        ] {
            set.extend(old_set.iter().filter_map(|p| alive.get(p).cloned()));
        }
    }

    /// `None` when no file is affected (an unreadable object may have mattered to no
    /// file at HEAD).
    fn into_partial(self, repo: &git2::Repository) -> Option<PartialHistory> {
        if self.truncated.is_empty() && self.unknown_status.is_empty() {
            return None;
        }
        Some(PartialHistory {
            missing: self.missing,
            partial_clone: is_partial_clone(repo),
            truncated: self.truncated,
            unknown_status: self.unknown_status,
        })
    }
}

fn adds_and_deletes(changes: &[Change]) -> bool {
    changes.iter().any(|c| c.kind == Kind::Added) && changes.iter().any(|c| c.kind == Kind::Deleted)
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
/// Fails when a tree or a blob it needs cannot be read.
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
