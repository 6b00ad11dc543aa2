//! The one pass over history (decision 0010), degrading file by file when objects
//! are missing (decision 0011).
//!
//! The walk reads commits children first ([`crate::order`]). For each it compares
//! its scopes with the first parent's: the handbook's subtree, and the folder of
//! every file followed back to outside it (records that moved in from `doc/adr`).
//! Where a scope differs it diffs the two subtrees, follows renames, and credits the
//! commit to the files it changed, under the name each file has at HEAD. Rename
//! detection asks only where a followed file that the commit adds came from, as
//! `git log --follow` does: identical contents first, then libgit2's similarity over
//! that file and the deleted candidates, never over the commit's whole diff; files
//! deleted outside the scopes are listed only then. An object that cannot be read
//! costs only the files whose history needs it, and is recorded in
//! `History::partial`:
//!
//! - a tree: the files under it (at that commit) may have missed this commit's
//!   changes, so their older history is uncertain (`truncated`);
//! - a blob read for a decision's status: that commit's status is unknown
//!   (`unknown_status`);
//! - a blob libgit2's rename detection needed (an added followed file or a deleted
//!   candidate): the commit's renames are paired by identical content only, and the
//!   followed files it added are `truncated` (each may have been a rename whose
//!   older history is now out of reach);
//! - a commit: the walk stops there, keeping what it read; every file not yet
//!   traced to its creation is `truncated`. When it is a merge's second (or later)
//!   parent, the walk goes on along the first parent instead, and the files the
//!   merge changed are `truncated` (it may take credit for the missing side's work).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::ops::ControlFlow;
use std::sync::Arc;

use docket_model::time::Time;
use docket_model::{
    Author, CommitInfo, FileHistory, History, MissingObject, ObjectKind, PartialHistory,
};

use crate::cache::{read_cache, write_cache};
use crate::clone::is_partial_clone;
use crate::error::GitError;
use crate::order::{Node, commit_order, read_node};
use crate::tree::{
    Change, Kind, ReadAhead, TreeCache, TreeDiff, inside, path_string, subtree_id, subtree_pair,
    tree_files,
};

/// The history of every file under `handbook_root`, from the cache when it describes
/// HEAD, else by walking the commits since the cached HEAD (or all of them), and how
/// many commits that took.
pub(crate) fn history(
    repo: &git2::Repository,
    handbook_root: &str,
    decisions: &BTreeSet<String>,
) -> Result<(History, WalkStats), GitError> {
    let Some(head) = repo.head().ok().and_then(|h| h.target()) else {
        return Ok((History::default(), WalkStats::default()));
    };
    let shallow = repo.is_shallow();
    let cached = read_cache(repo, handbook_root, shallow, decisions);
    if let Some(c) = &cached
        && c.head.as_deref() == Some(head.to_string().as_str())
    {
        let stats = WalkStats {
            commits_walked: 0,
            from_cache: true,
        };
        return Ok((c.clone(), stats));
    }
    // A cache at an ancestor of HEAD: walk only the new commits and append the rest.
    let base = cached.as_ref().and_then(|c| {
        let old = git2::Oid::from_str(c.head.as_deref()?).ok()?;
        repo.graph_descendant_of(head, old).ok()?.then_some(old)
    });
    let mut walk = walk_from(repo, handbook_root, decisions, head, base)?;
    let mut base = walk.1;
    let cache_lacks = |walk: &Walk<'_>| {
        // A file followed back to a name outside the handbook root at the cached
        // HEAD (moved in since): the cache never knew its older history.
        let known = |path: &String| cached.as_ref().is_some_and(|c| c.files.contains_key(path));
        walk.alive.keys().any(|path| !known(path))
    };
    if base.is_some() && (!walk.0.pins.is_empty() || cache_lacks(&walk.0)) {
        // A merge since the cached HEAD took a side's version of a file both lines
        // changed: which older commits count for it depends on that side, which the
        // cache (the first parent's view) cannot tell. Or a file came from outside
        // what the cache covers. Walk everything instead.
        walk = walk_from(repo, handbook_root, decisions, head, None)?;
        base = walk.1;
    }
    let walk = walk.0;
    let stats = WalkStats {
        commits_walked: walk.walked,
        from_cache: base.is_some(),
    };
    let mut history = walk.finish(cached.filter(|_| base.is_some()));
    history.head = Some(head.to_string());
    history.shallow = shallow;
    write_cache(repo, handbook_root, decisions, &history);
    Ok((history, stats))
}

/// Walks the commits from `head` back to `base` (all of them without one); the
/// walk and the base the order settled on.
fn walk_from<'r>(
    repo: &'r git2::Repository,
    handbook_root: &'r str,
    decisions: &'r BTreeSet<String>,
    head: git2::Oid,
    base: Option<git2::Oid>,
) -> Result<(Walk<'r>, Option<git2::Oid>), GitError> {
    let order = commit_order(repo, head, base)?;
    let base = order.base;
    // A long walk gets a second thread reading the handbook's trees ahead of it
    // (`tree::ReadAhead`), with its own handle of the repository.
    let ahead = (order.commits.len() >= READ_AHEAD_FROM).then(|| Arc::new(ReadAhead::default()));
    // One a commit, so that a commit's place is the same for both.
    let roots: Vec<Option<git2::Oid>> = match &ahead {
        Some(_) => order
            .commits
            .iter()
            .map(|c| order.nodes.get(c).map(|n| n.tree))
            .collect(),
        None => Vec::new(),
    };
    let mut walk = Walk::start(repo, handbook_root, decisions, head, order.nodes)?;
    let path = repo.path().to_path_buf();
    // On a worker of the pool that renders the site later: what the read-ahead
    // allocated and freed is reused there (a thread of its own kept it in an arena
    // nothing else allocates from).
    rayon::in_place_scope(|scope| {
        if let Some(ahead) = &ahead {
            walk.trees = TreeCache::with_read_ahead(Arc::clone(ahead));
            let (ahead, roots) = (Arc::clone(ahead), &roots);
            scope.spawn(move |_| {
                if let Ok(handle) = git2::Repository::open(&path) {
                    ahead.run(&handle, roots, handbook_root);
                }
            });
        }
        for (i, oid) in order.commits.into_iter().enumerate() {
            if let Some(ahead) = &ahead {
                ahead.walk_at(i);
            }
            if walk.alive.is_empty() || walk.step(oid).is_break() {
                break;
            }
        }
        if let Some(ahead) = &ahead {
            ahead.finish();
        }
    });
    walk.trees = TreeCache::default();
    Ok((walk, base))
}

/// Walks of fewer commits read their trees themselves.
const READ_AHEAD_FROM: usize = 64;

/// How many commits a history read walked: 0 when the cache described HEAD, the
/// commits since the cached HEAD when it was an ancestor, all of them (up to the one
/// that created the oldest file) otherwise.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WalkStats {
    /// Commits read (each compared with its first parent).
    pub commits_walked: usize,
    /// Whether the cached history was used, as the answer or as the older part.
    pub from_cache: bool,
}

/// The most folders the walk compares one by one; past it, it diffs the whole tree.
const MAX_SCOPES: usize = 16;

/// A scope a commit changed: its subtree there and in the first parent (`None` where
/// there is no such folder), and in each readable other parent of a merge.
struct Live {
    scope: usize,
    old: Option<git2::Oid>,
    new: Option<git2::Oid>,
    others: Vec<Option<git2::Oid>>,
}

/// The state of one walk.
struct Walk<'r> {
    repo: &'r git2::Repository,
    decisions: &'r BTreeSet<String>,
    /// Each file still followed: its path at the commit being read → its path at
    /// HEAD. A file leaves when the walk reaches the commit that added it.
    alive: HashMap<String, String>,
    /// The folders compared at each commit, none inside another: the handbook root,
    /// and the folder of each file followed back to outside it (records moved in from
    /// `doc/adr`); `""` (the whole tree) when there would be too many.
    scopes: Vec<String>,
    /// The commits found so far for each file (by its path at HEAD), newest first.
    files: HashMap<String, Vec<CommitInfo>>,
    trees: TreeCache,
    find: git2::DiffFindOptions,
    gaps: Gaps,
    /// The tree and parents of the commits the order read ([`crate::order`]); a
    /// commit not in it is read when needed.
    nodes: HashMap<git2::Oid, Node>,
    /// Commits read.
    walked: usize,
    /// Files (by their path at HEAD) whose history goes on only through one side of
    /// a merge, as git's history simplification has it: the merge took that side's
    /// version while the first parent's line had changed the file too. A commit is
    /// credited to such a file only when it is that side or one of its ancestors.
    pins: HashMap<String, git2::Oid>,
    /// The merge base of a merge's first parent and a side, asked once per pair.
    bases: HashMap<(git2::Oid, git2::Oid), Option<git2::Oid>>,
}

impl<'r> Walk<'r> {
    /// A walk that follows every file under the handbook root at `head`.
    fn start(
        repo: &'r git2::Repository,
        handbook_root: &'r str,
        decisions: &'r BTreeSet<String>,
        head: git2::Oid,
        nodes: HashMap<git2::Oid, Node>,
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
            decisions,
            alive,
            scopes: vec![handbook_root.to_string()],
            files: HashMap::new(),
            trees: TreeCache::default(),
            find,
            gaps: Gaps::default(),
            nodes,
            walked: 0,
            pins: HashMap::new(),
            bases: HashMap::new(),
        })
    }

    /// Reads one commit; `Break` when the walk cannot go on (a missing commit).
    fn step(&mut self, oid: git2::Oid) -> ControlFlow<()> {
        let node = self.nodes.remove(&oid);
        let Some(node) = node.or_else(|| read_node(self.repo, oid, false)) else {
            return self.stop_at(oid);
        };
        let parent = match node.parents.first() {
            Some(&p) => match self.tree_of(p) {
                Some(tree) => Some(tree),
                None => return self.stop_at(p),
            },
            None => None,
        };
        self.walked += 1;
        // Compare the scopes' subtrees: an unchanged handbook costs reading the root
        // trees, and nothing outside the scopes is read (until a followed file is
        // added: then the files deleted elsewhere may be where it came from).
        let mut live = self.changed_scopes(parent, node.tree);
        if live.is_empty() {
            return ControlFlow::Continue(());
        }
        // A merge brings in changes its other parents already made; like
        // `git log --follow`, credit them to the commits that made them, not to the
        // merge. A merge whose scopes equal another parent's changed nothing itself.
        let others = self.other_parents(&node.parents, &mut live);
        if live.is_empty() {
            return ControlFlow::Continue(());
        }
        let scopes = self.scopes.clone();
        if let Some(k) = (0..others.readable).find(|&k| live.iter().all(|l| l.others[k] == l.new)) {
            // The merge took that parent's version of everything in the scopes.
            if let (Some(&first), Some(&side)) = (node.parents.first(), others.ids.get(k)) {
                self.pin_taken(&live, &scopes, first, side);
            }
            return ControlFlow::Continue(());
        }
        let mut changes = Vec::new();
        for l in &live {
            changes.extend(self.diff(l.old, l.new, &scopes[l.scope]));
        }
        self.follow_renames(&mut changes, node.tree, parent);
        self.keep_pinned_lines(&mut changes, oid);
        if others.readable > 0 {
            self.drop_merged(&mut changes, &node.parents, &others, &live, &scopes);
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
        // The commit itself (author, message) is read only when it changed a
        // followed file.
        if !changes
            .iter()
            .any(|c| c.kind != Kind::Deleted && self.alive.contains_key(&c.path))
        {
            return ControlFlow::Continue(());
        }
        let Ok(commit) = self.repo.find_commit(oid) else {
            return self.stop_at(oid);
        };
        self.record(&commit, changes);
        ControlFlow::Continue(())
    }

    /// The tree of commit `oid`; `None` when the commit cannot be read. A commit
    /// read here is kept for its own step.
    fn tree_of(&mut self, oid: git2::Oid) -> Option<git2::Oid> {
        if let Some(node) = self.nodes.get(&oid) {
            return Some(node.tree);
        }
        let node = read_node(self.repo, oid, false)?;
        let tree = node.tree;
        self.nodes.insert(oid, node);
        Some(tree)
    }

    /// The scopes whose subtree differs between the root trees `old` (the first
    /// parent's; `None` for a root commit) and `new`. A scope with a tree on the way
    /// that cannot be read is left out, its files marked: what changed there is
    /// unknown.
    fn changed_scopes(&mut self, old: Option<git2::Oid>, new: git2::Oid) -> Vec<Live> {
        let mut live = Vec::new();
        for (i, scope) in self.scopes.iter().enumerate() {
            match subtree_pair(self.repo, &mut self.trees, old, new, scope) {
                Ok(None) => {}
                Ok(Some((old, new))) => live.push(Live {
                    scope: i,
                    old,
                    new,
                    others: Vec::new(),
                }),
                Err(tree) => {
                    self.gaps.object(ObjectKind::Tree, tree);
                    self.gaps.truncate_under(&self.alive, scope);
                }
            }
        }
        live
    }

    /// Reads a merge's other parents into `live` (each scope's subtree in each). A
    /// parent commit that cannot be read is left out and noted (the walk goes on
    /// along the first parent); a scope with a tree that cannot be read in one of
    /// them leaves `live`, its files marked.
    fn other_parents(&mut self, parents: &[git2::Oid], live: &mut Vec<Live>) -> OtherParents {
        let mut others = OtherParents::default();
        for &p in parents.iter().skip(1) {
            let Some(root) = self.tree_of(p) else {
                self.gaps.object(ObjectKind::Commit, p);
                others.unreadable = true;
                continue;
            };
            let mut readable = Vec::with_capacity(live.len());
            for l in live.iter_mut() {
                let scope = &self.scopes[l.scope];
                match subtree_id(self.repo, &mut self.trees, root, scope) {
                    Ok(id) => {
                        l.others.push(id);
                        readable.push(true);
                    }
                    Err(tree) => {
                        self.gaps.object(ObjectKind::Tree, tree);
                        self.gaps.truncate_under(&self.alive, scope);
                        readable.push(false);
                    }
                }
            }
            let mut readable = readable.into_iter();
            live.retain(|_| readable.next().unwrap_or(false));
            others.readable += 1;
            others.ids.push(p);
        }
        others
    }

    /// A commit that cannot be read: the walk stops, and every file it has not yet
    /// traced to its creation has a truncated history.
    fn stop_at(&mut self, missing: git2::Oid) -> ControlFlow<()> {
        self.gaps.object(ObjectKind::Commit, missing);
        self.gaps.truncate_under(&self.alive, "");
        ControlFlow::Break(())
    }

    /// The files that differ between two trees (folder `prefix`); the files under a
    /// tree that cannot be read are marked.
    fn diff(
        &mut self,
        old: Option<git2::Oid>,
        new: Option<git2::Oid>,
        prefix: &str,
    ) -> Vec<Change> {
        let mut out = Vec::new();
        let mut diff = TreeDiff::skipping(self.repo, &mut self.trees, &[]);
        diff.diff(old, new, prefix, &mut out);
        let unreadable = diff.unreadable;
        self.unreadable_trees(unreadable);
        out
    }

    /// The files deleted between two root trees outside the scopes (folders only in
    /// `new` are not read); the files under a tree that cannot be read are marked.
    fn deleted_outside(&mut self, old: git2::Oid, new: git2::Oid) -> Vec<Change> {
        let mut out = Vec::new();
        let mut diff = TreeDiff::deletions(self.repo, &mut self.trees, &self.scopes);
        diff.diff(Some(old), Some(new), "", &mut out);
        let unreadable = diff.unreadable;
        self.unreadable_trees(unreadable);
        out
    }

    /// Marks the files under folders whose tree could not be read.
    fn unreadable_trees(&mut self, folders: Vec<(String, git2::Oid)>) {
        for (folder, tree) in folders {
            self.gaps.object(ObjectKind::Tree, tree);
            self.gaps.truncate_under(&self.alive, &folder);
        }
    }

    /// Finds where the followed files a commit adds came from, as `git log --follow`
    /// does: only a followed file is a rename's destination, and any file the commit
    /// deletes may be its source. Identical contents first, then libgit2's similarity
    /// for the followed files still unpaired; deletions inside the scopes first, then
    /// (when a followed file is still unpaired) deletions elsewhere in the repository
    /// (records adopted from `doc/adr/`).
    fn follow_renames(
        &mut self,
        changes: &mut Vec<Change>,
        new_root: git2::Oid,
        old_root: Option<git2::Oid>,
    ) {
        if !self.adds_followed(changes) {
            return;
        }
        pair_renames(changes, &self.alive);
        self.similar_renames(changes, old_root, new_root);
        if !self.adds_followed(changes) || self.scopes.iter().any(String::is_empty) {
            return;
        }
        let Some(old_root) = old_root else { return };
        let outside = self.deleted_outside(old_root, new_root);
        if outside.is_empty() {
            return;
        }
        changes.extend(outside);
        pair_renames(changes, &self.alive);
        self.similar_renames(changes, Some(old_root), new_root);
    }

    /// Whether `changes` adds a followed file (one whose origin the walk needs).
    fn adds_followed(&self, changes: &[Change]) -> bool {
        changes
            .iter()
            .any(|c| c.kind == Kind::Added && self.alive.contains_key(&c.path))
    }

    /// Pairs the followed files `changes` adds with the files it deletes by libgit2's
    /// similarity, over a diff of those paths only. A deleted file is a candidate
    /// only with the extension of an added one (`.markdown` counting as `.md` and
    /// `.yaml` as `.yml`: a record stays Markdown or YAML as it moves; a commit
    /// restructuring hundreds of source files costs nothing), and a size that allows
    /// a similarity of 50% with it (git's own test, which `git log --follow`
    /// applies: the smaller at least half the larger); no other blob is read.
    fn similar_renames(
        &mut self,
        changes: &mut Vec<Change>,
        old_root: Option<git2::Oid>,
        new_root: git2::Oid,
    ) {
        let Some(old_root) = old_root else { return };
        let targets: Vec<usize> = (0..changes.len())
            .filter(|&i| {
                changes[i].kind == Kind::Added && self.alive.contains_key(&changes[i].path)
            })
            .collect();
        let extensions: HashSet<String> = targets
            .iter()
            .map(|&t| extension(&changes[t].path))
            .collect();
        let candidates: Vec<usize> = (0..changes.len())
            .filter(|&i| {
                changes[i].kind == Kind::Deleted
                    && extensions.contains(&extension(&changes[i].path))
            })
            .collect();
        if targets.is_empty() || candidates.is_empty() {
            return;
        }
        let odb = self.repo.odb().ok();
        let size = |oid: git2::Oid| {
            odb.as_ref()
                .and_then(|o| o.read_header(oid).ok())
                .map(|(size, _)| size)
        };
        let target_sizes: Vec<Option<usize>> =
            targets.iter().map(|&t| size(changes[t].oid)).collect();
        let sources: Vec<usize> = candidates
            .into_iter()
            .filter(|&i| {
                let source = size(changes[i].oid);
                target_sizes.iter().any(|&t| could_be_similar(source, t))
            })
            .collect();
        if sources.is_empty() {
            return;
        }
        let paths: Vec<&str> = targets
            .iter()
            .chain(&sources)
            .map(|&i| changes[i].path.as_str())
            .collect();
        match similar_pairs(self.repo, old_root, new_root, &paths, &mut self.find) {
            Ok(pairs) => {
                let mut gone = HashSet::new();
                for (new_path, old_path) in pairs {
                    if let Some(&t) = targets.iter().find(|&&t| changes[t].path == new_path) {
                        changes[t].kind = Kind::Renamed;
                        changes[t].old_path = Some(old_path.clone());
                        gone.insert(old_path);
                    }
                }
                changes.retain(|c| c.kind != Kind::Deleted || !gone.contains(&c.path));
            }
            // libgit2 fails as a whole when one blob cannot be read. Keep the
            // identical-content pairs; every followed file added may have been a
            // rename whose older history is now out of reach.
            Err(_) => {
                let involved: Vec<&Change> = targets
                    .iter()
                    .chain(&sources)
                    .map(|&i| &changes[i])
                    .collect();
                self.renames_unknown(&involved);
            }
        }
    }

    /// Marks what a failed similarity detection leaves unknown: the followed files
    /// added among `involved`, and the first of its blobs that cannot be read.
    fn renames_unknown(&mut self, involved: &[&Change]) {
        let odb = self.repo.odb().ok();
        let unreadable = involved
            .iter()
            .find(|c| odb.as_ref().is_none_or(|o| !o.exists(c.oid)));
        if let Some(c) = unreadable {
            self.gaps.object(ObjectKind::Blob, c.oid);
        }
        for c in involved.iter().filter(|c| c.kind == Kind::Added) {
            if let Some(key) = self.alive.get(&c.path) {
                self.gaps.truncated.insert(key.clone());
            }
        }
    }

    /// Keeps only the files whose content at a merge is in none of its readable
    /// other parents. A file the merge took from another parent whose first parent's
    /// line had changed it too is pinned to that parent (git follows only it).
    fn drop_merged(
        &mut self,
        changes: &mut Vec<Change>,
        parents: &[git2::Oid],
        others: &OtherParents,
        live: &[Live],
        scopes: &[String],
    ) {
        let mut from_others: HashMap<String, git2::Oid> = HashMap::new();
        for k in 0..others.readable {
            let mut differs = HashSet::new();
            for l in live {
                let diff = self.diff(l.others[k], l.new, &scopes[l.scope]);
                differs.extend(diff.into_iter().map(|c| c.path));
            }
            for c in changes.iter() {
                if !differs.contains(&c.path)
                    && let Some(&side) = others.ids.get(k)
                {
                    from_others.entry(c.path.clone()).or_insert(side);
                }
            }
        }
        if let Some(&first) = parents.first() {
            for (path, side) in &from_others {
                let Some(key) = self.alive.get(path).cloned() else {
                    continue;
                };
                if self.first_line_changed(first, *side, path) {
                    self.pins.insert(key, *side);
                }
            }
        }
        changes.retain(|c| !from_others.contains_key(&c.path));
    }

    /// Pins the followed files a merge took from `side` (its scopes equal the
    /// side's) where the first parent's line had changed them too.
    fn pin_taken(&mut self, live: &[Live], scopes: &[String], first: git2::Oid, side: git2::Oid) {
        let mut taken = Vec::new();
        for l in live {
            taken.extend(self.diff(l.old, l.new, &scopes[l.scope]));
        }
        for c in taken {
            let Some(key) = self.alive.get(&c.path).cloned() else {
                continue;
            };
            if self.first_line_changed(first, side, &c.path) {
                self.pins.insert(key, side);
            }
        }
    }

    /// Whether `path` differs between the first parent of a merge and the merge
    /// base of it and `side`: then the first parent's line changed it too. Unknown
    /// (no merge base, an unreadable tree) counts as changed.
    fn first_line_changed(&mut self, first: git2::Oid, side: git2::Oid, path: &str) -> bool {
        let at = |commit: git2::Oid| -> Option<Option<git2::Oid>> {
            let tree = self.repo.find_commit(commit).ok()?.tree().ok()?;
            Some(
                tree.get_path(std::path::Path::new(path))
                    .ok()
                    .map(|e| e.id()),
            )
        };
        let repo = self.repo;
        let base = *self
            .bases
            .entry((first, side))
            .or_insert_with(|| repo.merge_base(first, side).ok());
        let Some(base) = base else {
            return true;
        };
        match (at(first), at(base)) {
            (Some(a), Some(b)) => a != b,
            _ => true,
        }
    }

    /// Drops the changes of pinned files that commit `oid` made off their line:
    /// it is neither the side they are pinned to nor one of its ancestors.
    fn keep_pinned_lines(&mut self, changes: &mut Vec<Change>, oid: git2::Oid) {
        if self.pins.is_empty() {
            return;
        }
        let (alive, pins, repo) = (&self.alive, &self.pins, self.repo);
        changes.retain(|c| {
            let Some(tip) = alive.get(&c.path).and_then(|key| pins.get(key)) else {
                return true;
            };
            *tip == oid || repo.graph_descendant_of(*tip, oid).unwrap_or(true)
        });
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
                    // Another file still followed has the old name (one line renamed
                    // it, a merge kept both): that file keeps the name, and this
                    // one's history ends here, as if it had been added.
                    if let Some(old) = change.old_path
                        && !self.alive.contains_key(&old)
                    {
                        self.widen(&old);
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

    /// Makes the scopes hold `path`, a followed file's older name: its folder becomes
    /// a scope (the scopes inside it leave), or the whole tree when there would be
    /// more than [`MAX_SCOPES`].
    fn widen(&mut self, path: &str) {
        if self.scopes.iter().any(|s| inside(path, s)) {
            return;
        }
        let folder = path.rsplit_once('/').map_or("", |(folder, _)| folder);
        self.scopes.retain(|s| !inside(s, folder));
        self.scopes.push(folder.to_string());
        if self.scopes.len() > MAX_SCOPES {
            self.scopes = vec![String::new()];
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

/// The extension of a path's file name, lower case (`""` without one), with the
/// spellings of Markdown and YAML each counted as one.
fn extension(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "markdown" | "mdown" | "mkd" | "mkdn" => "md".to_string(),
        "yaml" => "yml".to_string(),
        _ => ext,
    }
}

/// git's test of whether two blobs can be 50% similar at all (diffcore-rename): the
/// smaller at least half the larger. An unknown size (a blob that cannot be read) may
/// be anything: libgit2 then says it is missing.
fn could_be_similar(a: Option<usize>, b: Option<usize>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return true;
    };
    let (small, large) = if a < b { (a, b) } else { (b, a) };
    small * 2 >= large
}

/// A merge's parents after the first.
#[derive(Default)]
struct OtherParents {
    /// How many could be read (their subtrees are in each `Live::others`).
    readable: usize,
    /// Those parents, in the same order.
    ids: Vec<git2::Oid>,
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

/// Pairs each followed file `changes` adds with a file it deletes with the same
/// content, as a rename.
fn pair_renames(changes: &mut Vec<Change>, alive: &HashMap<String, String>) {
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
            && alive.contains_key(&changes[i].path)
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

/// The renames libgit2's similarity detection finds among `paths` (each added or
/// deleted between the root trees `old` and `new`), as (new path, old path); the
/// diff reads only the trees on the way to them. Fails when a tree or a blob it needs
/// cannot be read.
fn similar_pairs(
    repo: &git2::Repository,
    old: git2::Oid,
    new: git2::Oid,
    paths: &[&str],
    find: &mut git2::DiffFindOptions,
) -> Result<Vec<(String, String)>, GitError> {
    let old_tree = repo.find_tree(old)?;
    let new_tree = repo.find_tree(new)?;
    let mut opts = git2::DiffOptions::new();
    opts.skip_binary_check(true)
        .ignore_submodules(true)
        .disable_pathspec_match(true);
    for path in paths {
        opts.pathspec(*path);
    }
    let mut diff = repo.diff_tree_to_tree(Some(&old_tree), Some(&new_tree), Some(&mut opts))?;
    diff.find_similar(Some(find))?;
    Ok(diff
        .deltas()
        .filter(|d| d.status() == git2::Delta::Renamed)
        .filter_map(|d| {
            let new_path = d.new_file().path().map(path_string)?;
            let old_path = d.old_file().path().map(path_string)?;
            Some((new_path, old_path))
        })
        .collect())
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
