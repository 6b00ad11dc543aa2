//! docket's link to git, and the only crate that names `git2` (no `git2` type
//! leaves it).
//!
//! - [`open`] finds the repository that holds a folder (worktrees and detached HEADs
//!   included) and says what kind of repository it is.
//! - [`Git::history`] walks history once, from HEAD, diffing each commit against its
//!   first parent restricted to the handbook root (and the folders its files were
//!   followed back to), following renames of the files it follows only; the cost
//!   grows with the number of commits, never with files × commits, and a commit
//!   elsewhere in the repository costs reading its root tree.
//!   [`Git::history_with_stats`] also says how many commits that took. The result is cached
//!   under `.git/docket/` keyed by HEAD; after new commits only those are walked.
//!   An object that cannot be read (a partial clone, a damaged repository) costs only
//!   the files whose history needs it, and `History::partial` says which and why.
//! - [`Git::changes`] lists what a change touches (`--changed-since REF`): files that
//!   differ between the merge base and the working tree, untracked files included,
//!   with the base version of each.
//! - [`Git::branch_decisions`] lists decision files on other branches, for
//!   `number-collision` and pending decisions.

// Each module imports only those listed before it.
mod cache;
mod clone;
mod error;
mod history;
mod order;
mod tree;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use docket_model::History;

pub use error::GitError;
pub use history::WalkStats;
use tree::{path_string, tree_files};

/// An open repository.
pub struct Git {
    repo: git2::Repository,
    /// The working tree root.
    pub workdir: PathBuf,
}

/// What `open` found.
pub enum Opened {
    /// A repository (possibly without commits).
    Repo(Git),
    /// The folder is not in a git repository.
    NotGit,
    /// The folder is in a git repository that libgit2 cannot open; why, in words.
    Unreadable(String),
}

/// Opens the repository whose working tree holds `dir`.
pub fn open(dir: &Path) -> Opened {
    // docket only reads objects git already wrote; re-hashing every object on read
    // (libgit2's default) was half the cost of the history walk.
    git2::opts::strict_hash_verification(false);
    bound_pack_mapping();
    match git2::Repository::discover(dir) {
        Ok(repo) => match repo.workdir().map(Path::to_path_buf) {
            Some(workdir) => Opened::Repo(Git { repo, workdir }),
            None => Opened::NotGit,
        },
        Err(e) if e.code() == git2::ErrorCode::NotFound => Opened::NotGit,
        Err(e) => Opened::Unreadable(unreadable_reason(&e)),
    }
}

/// How much of the pack files libgit2 keeps mapped at once, and in windows of what
/// size. Its defaults (windows of 1 GB, up to 8 GB mapped) map a whole pack and keep
/// every page the history walk touched resident: on 10,000 records and 20,000
/// commits (a 117 MB pack) that was a quarter of a cold build's peak memory.
const PACK_MAPPED_LIMIT: usize = 16 << 20;
const PACK_WINDOW: usize = 4 << 20;

/// Sets libgit2's pack-mapping limits ([`PACK_MAPPED_LIMIT`]) once, before docket
/// opens its first repository.
fn bound_pack_mapping() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: libgit2's options are process-wide and must not change while
        // another thread uses libgit2. This runs once, from `open`, which is how
        // docket reaches libgit2 first: no repository is open yet, on any thread.
        #[allow(unsafe_code)]
        unsafe {
            let _ = git2::opts::set_mwindow_size(PACK_WINDOW);
            let _ = git2::opts::set_mwindow_mapped_limit(PACK_MAPPED_LIMIT);
        }
    });
}

/// Why libgit2 could not open a repository that exists.
fn unreadable_reason(e: &git2::Error) -> String {
    // Older versions of git mark a partial clone with this extension, which libgit2
    // refuses (it cannot fetch missing objects), whatever objects are present.
    if e.message().contains("extensions.partialclone") {
        "this is a partial clone marked with `extensions.partialClone`, which libgit2 \
         cannot open"
            .to_string()
    } else {
        format!("libgit2 cannot open the repository ({})", e.message())
    }
}

/// What a change touches (`--changed-since`).
#[derive(Debug, Clone, Default)]
pub struct Changes {
    /// The merge base of REF and HEAD.
    pub base: String,
    /// Repository-relative paths that differ from the base in the working tree
    /// (committed, staged, unstaged or untracked), by their current path.
    pub changed: Vec<String>,
    /// The base version of each changed file that existed at the base, by current path.
    pub base_text: BTreeMap<String, String>,
    /// Repository-relative paths that exist at the base (under the handbook root).
    pub base_files: Vec<String>,
}

/// A decision file on a branch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BranchFile {
    /// Branch name (`main`, `origin/feature`).
    pub branch: String,
    /// Repository-relative path.
    pub path: String,
}

impl Git {
    /// Whether HEAD points at a commit.
    pub fn has_commits(&self) -> bool {
        self.repo.head().ok().and_then(|h| h.target()).is_some()
    }

    /// Whether the clone is shallow.
    pub fn is_shallow(&self) -> bool {
        self.repo.is_shallow()
    }

    /// Whether the clone is partial (`git clone --filter=…`).
    pub fn is_partial_clone(&self) -> bool {
        clone::is_partial_clone(&self.repo)
    }

    /// The history of every file under `handbook_root` (relative to the working
    /// tree); the files in `decisions` also get their status at each commit. Uses and
    /// refreshes the cache under the git folder; a cache that cannot be read or
    /// written is not an error.
    pub fn history(
        &self,
        handbook_root: &str,
        decisions: &std::collections::BTreeSet<String>,
    ) -> Result<History, GitError> {
        Ok(self.history_with_stats(handbook_root, decisions)?.0)
    }

    /// [`Git::history`], and how many commits it walked to get it (none on a cache
    /// hit; the new ones when the cache was at an ancestor of HEAD).
    pub fn history_with_stats(
        &self,
        handbook_root: &str,
        decisions: &std::collections::BTreeSet<String>,
    ) -> Result<(History, WalkStats), GitError> {
        // The walk reads each object about once and keeps the trees it reuses
        // itself: libgit2's object cache would only cost the storing and the freeing.
        git2::opts::enable_caching(false);
        let history = history::history(&self.repo, handbook_root, decisions);
        git2::opts::enable_caching(true);
        history
    }

    /// The files changed between the merge base of `reference` and HEAD and the
    /// working tree, under `handbook_root`.
    pub fn changes(&self, reference: &str, handbook_root: &str) -> Result<Changes, GitError> {
        let target = self
            .repo
            .revparse_single(reference)
            .and_then(|o| o.peel_to_commit())
            .map_err(|_| GitError::UnknownRef(reference.to_string()))?;
        let head = self.repo.head()?.peel_to_commit()?;
        let base_id = self.repo.merge_base(target.id(), head.id())?;
        let base = self.repo.find_commit(base_id)?;
        let base_tree = base.tree()?;
        let mut opts = git2::DiffOptions::new();
        opts.include_untracked(true).recurse_untracked_dirs(true);
        if !handbook_root.is_empty() {
            opts.pathspec(handbook_root);
        }
        let mut diff = self
            .repo
            .diff_tree_to_workdir_with_index(Some(&base_tree), Some(&mut opts))?;
        let mut find = git2::DiffFindOptions::new();
        find.renames(true).for_untracked(true);
        diff.find_similar(Some(&mut find))?;
        let mut changes = Changes {
            base: base_id.to_string(),
            ..Changes::default()
        };
        for delta in diff.deltas() {
            if delta.status() == git2::Delta::Deleted {
                continue;
            }
            let Some(new_path) = delta.new_file().path().map(path_string) else {
                continue;
            };
            if let Some(old_path) = delta.old_file().path().map(path_string)
                && delta.status() != git2::Delta::Added
                && delta.status() != git2::Delta::Untracked
                && let Ok(entry) = base_tree.get_path(Path::new(&old_path))
                && let Ok(blob) = self.repo.find_blob(entry.id())
            {
                changes.base_text.insert(
                    new_path.clone(),
                    String::from_utf8_lossy(blob.content()).into_owned(),
                );
            }
            changes.changed.push(new_path);
        }
        changes.changed.sort();
        changes.changed.dedup();
        changes.base_files = tree_files(&self.repo, &base_tree, handbook_root);
        Ok(changes)
    }

    /// Decision files under `folder` (repository-relative) on every local and
    /// remote-tracking branch except the one checked out.
    pub fn branch_decisions(&self, folder: &str) -> Result<Vec<BranchFile>, GitError> {
        let current = self
            .repo
            .head()
            .ok()
            .and_then(|h| h.shorthand().ok().map(str::to_string));
        let mut out = Vec::new();
        for branch in self.repo.branches(None)? {
            let (branch, _) = branch?;
            let Some(name) = branch.name().ok().flatten().map(str::to_string) else {
                continue;
            };
            if Some(&name) == current.as_ref() || name.ends_with("/HEAD") {
                continue;
            }
            let Ok(tree) = branch.get().peel_to_tree() else {
                continue;
            };
            for path in tree_files(&self.repo, &tree, folder) {
                out.push(BranchFile {
                    branch: name.clone(),
                    path,
                });
            }
        }
        out.sort_by(|a, b| (&a.path, &a.branch).cmp(&(&b.path, &b.branch)));
        Ok(out)
    }

    /// The text of `path` (relative to the working tree) in the newest commit on
    /// HEAD's first-parent line whose commit time is at or before `before` (Unix
    /// seconds): the file as it stood then. `None` when there is no such commit or
    /// file.
    pub fn text_at(&self, path: &str, before: i64) -> Option<String> {
        let mut commit = self.repo.head().ok()?.peel_to_commit().ok()?;
        while commit.time().seconds() > before {
            commit = commit.parent(0).ok()?;
        }
        let entry = commit.tree().ok()?.get_path(Path::new(path)).ok()?;
        let blob = self.repo.find_blob(entry.id()).ok()?;
        Some(String::from_utf8_lossy(blob.content()).into_owned())
    }

    /// The text of `path` on branch `branch`, if it exists there.
    pub fn branch_text(&self, branch: &str, path: &str) -> Option<String> {
        let reference = self
            .repo
            .find_branch(branch, git2::BranchType::Local)
            .or_else(|_| self.repo.find_branch(branch, git2::BranchType::Remote))
            .ok()?;
        let tree = reference.get().peel_to_tree().ok()?;
        let entry = tree.get_path(Path::new(path)).ok()?;
        let blob = self.repo.find_blob(entry.id()).ok()?;
        Some(String::from_utf8_lossy(blob.content()).into_owned())
    }
}
