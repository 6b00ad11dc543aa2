//! What git says about each document (SPEC §7), as plain data. The `docket-git`
//! crate fills it from one pass over history; the site and `decisions.json` read it.
//! Outside git, or before the first commit, it is empty.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::time::Time;

/// A commit author.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Author {
    /// Name.
    pub name: String,
    /// Email.
    pub email: String,
}

/// One commit that touched a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommitInfo {
    /// Full commit id.
    pub id: String,
    /// Author time (UTC).
    pub time: Time,
    /// Author.
    pub author: Author,
    /// First line of the message.
    pub summary: String,
    /// For decisions: the `status` in the file at this commit.
    pub status: Option<String>,
}

/// The commits that touched one document, newest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FileHistory {
    /// Commits, newest first.
    pub commits: Vec<CommitInfo>,
}

impl FileHistory {
    /// The commit that added the file (the oldest).
    pub fn created(&self) -> Option<&CommitInfo> {
        self.commits.last()
    }

    /// The latest commit.
    pub fn updated(&self) -> Option<&CommitInfo> {
        self.commits.first()
    }

    /// Unique authors in order of their first commit.
    pub fn authors(&self) -> Vec<&Author> {
        let mut out: Vec<&Author> = Vec::new();
        for c in self.commits.iter().rev() {
            if !out.contains(&&c.author) {
                out.push(&c.author);
            }
        }
        out
    }
}

/// History of every document, by repository-relative path at HEAD.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct History {
    /// The HEAD commit this history was computed at.
    pub head: Option<String>,
    /// Whether the clone is shallow: the oldest commits are missing, so creation dates
    /// fall back to the front matter.
    pub shallow: bool,
    /// Per file.
    pub files: BTreeMap<String, FileHistory>,
    /// What could not be read, when some objects are missing (a partial clone, a
    /// damaged repository); `None` when every object the walk needed was read.
    #[serde(default)]
    pub partial: Option<PartialHistory>,
}

impl History {
    /// The history of a file, if git knows it.
    pub fn of(&self, path: &str) -> Option<&FileHistory> {
        self.files.get(path)
    }

    /// Whether git knows the commit that created `path`: not in a shallow clone, and
    /// not when the file's older history could not be read. Where it does not, the
    /// creation date is the front matter's (SPEC §7).
    pub fn knows_creation(&self, path: &str) -> bool {
        !self.shallow
            && self
                .partial
                .as_ref()
                .is_none_or(|p| !p.truncated.contains(path))
    }
}

/// Which files' history could not be fully read, and why: history degrades file by
/// file instead of failing as a whole (decision 0011).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartialHistory {
    /// The first object the walk could not read, when it is known (libgit2's rename
    /// detection may fail without saying which).
    pub missing: Option<MissingObject>,
    /// Whether the repository is a partial clone (`--filter`): objects are missing
    /// on purpose, and a full clone has them.
    pub partial_clone: bool,
    /// Files some of whose commits may be missing, so the commit that created them
    /// (and possibly later ones) is unknown; by repository-relative path at HEAD.
    pub truncated: BTreeSet<String>,
    /// Files whose commits are all known but whose status at some commit could not
    /// be read (that commit's `status` is `None`).
    pub unknown_status: BTreeSet<String>,
}

impl PartialHistory {
    /// Every affected file, once, in path order.
    pub fn files(&self) -> BTreeSet<&str> {
        self.truncated
            .iter()
            .chain(&self.unknown_status)
            .map(String::as_str)
            .collect()
    }
}

/// An object git could not read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissingObject {
    /// What kind of object.
    pub kind: ObjectKind,
    /// Its full id.
    pub id: String,
}

/// The kinds of git object the history walk reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ObjectKind {
    /// A commit: the walk stops at it (at a merge's other parent, it goes on along
    /// the first parent).
    Commit,
    /// A folder: what changed under it in one commit is unknown.
    Tree,
    /// A file's content: a status, or rename detection, could not read it.
    Blob,
}

impl ObjectKind {
    /// The kind as git names it.
    pub fn as_str(self) -> &'static str {
        match self {
            ObjectKind::Commit => "commit",
            ObjectKind::Tree => "tree",
            ObjectKind::Blob => "blob",
        }
    }
}

/// What a change touches (`docket check --changed-since REF`), as plain data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangeSet {
    /// The reference the change is compared to, as the user wrote it.
    pub reference: String,
    /// Repository-relative paths changed since the merge base (committed, staged,
    /// unstaged or untracked).
    pub changed: std::collections::BTreeSet<String>,
    /// The text at the merge base of each changed file that existed there.
    pub base_text: BTreeMap<String, String>,
    /// Every file under the handbook root at the merge base.
    pub base_files: std::collections::BTreeSet<String>,
    /// Decision files on other local and remote-tracking branches: (branch, path).
    pub branch_files: Vec<(String, String)>,
}

impl ChangeSet {
    /// Whether the change touches `path`.
    pub fn touches(&self, path: &str) -> bool {
        self.changed.contains(path)
    }

    /// Whether the change adds `path` (it did not exist at the merge base).
    pub fn adds(&self, path: &str) -> bool {
        self.changed.contains(path) && !self.base_files.contains(path)
    }
}

/// A decision that exists on another branch but not here: proposed in a pull
/// request not yet merged. Shown in the decision index as pending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingDecision {
    /// The branch (`feature`, `origin/queue-choice`).
    pub branch: String,
    /// Repository-relative path on that branch.
    pub path: String,
    /// Title, status and owner as written there.
    pub title: String,
    /// Status as written.
    pub status: Option<String>,
    /// Owner as written.
    pub owner: Option<String>,
}
