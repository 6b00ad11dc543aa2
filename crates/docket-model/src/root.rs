//! The handbook root: the one place where `""`, `"."`, `"./docs"` and `"docs/"` become
//! one normalised folder relative to the repository root, and where paths are moved
//! between "relative to the repository" and "relative to the handbook".

use std::fmt;
use std::path::{Path, PathBuf};

/// A folder relative to the repository root, `/`-separated, without `.` segments or
/// leading and trailing slashes; empty for the repository root itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HandbookRoot(String);

impl HandbookRoot {
    /// The repository root as the handbook root.
    pub fn repository() -> Self {
        Self(String::new())
    }

    /// Normalises a configured root. `None` when it leaves the repository (an
    /// absolute path or a `..` segment).
    pub fn new(configured: &str) -> Option<Self> {
        let configured = configured.replace('\\', "/");
        if configured.starts_with('/') {
            return None;
        }
        let mut parts = Vec::new();
        for part in configured.split('/') {
            match part {
                "" | "." => {}
                ".." => return None,
                p => parts.push(p),
            }
        }
        Some(Self(parts.join("/")))
    }

    /// The folder as a repository-relative path; empty at the repository root.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the handbook is the whole repository.
    pub fn is_repository(&self) -> bool {
        self.0.is_empty()
    }

    /// The path of `repo_path` (repository-relative) inside the handbook, if it is
    /// inside.
    pub fn relative<'a>(&self, repo_path: &'a str) -> Option<&'a str> {
        if self.is_repository() {
            return Some(repo_path);
        }
        repo_path.strip_prefix(&self.0)?.strip_prefix('/')
    }

    /// Whether `repo_path` is the handbook folder itself or inside it.
    pub fn contains(&self, repo_path: &str) -> bool {
        repo_path == self.0 || self.relative(repo_path).is_some()
    }

    /// The repository-relative path of `handbook_path`.
    pub fn join(&self, handbook_path: &str) -> String {
        if self.is_repository() {
            handbook_path.to_string()
        } else if handbook_path.is_empty() {
            self.0.clone()
        } else {
            format!("{}/{handbook_path}", self.0)
        }
    }

    /// The handbook folder on disk, for a repository at `repo_root`.
    pub fn dir(&self, repo_root: &Path) -> PathBuf {
        if self.is_repository() {
            repo_root.to_path_buf()
        } else {
            repo_root.join(&self.0)
        }
    }
}

/// `.` for the repository root, else the folder, as messages and `docket.toml` say it.
impl fmt::Display for HandbookRoot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.is_repository() { "." } else { &self.0 })
    }
}

impl PartialEq<&str> for HandbookRoot {
    fn eq(&self, other: &&str) -> bool {
        HandbookRoot::new(other).is_some_and(|o| o == *self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_a_root_is_one_root() {
        for s in ["", ".", "./"] {
            assert!(HandbookRoot::new(s).unwrap().is_repository());
        }
        assert_eq!(HandbookRoot::new("/etc"), None);
        for s in ["docs", "docs/", "./docs", "docs/.", "docs//"] {
            assert_eq!(HandbookRoot::new(s).unwrap().as_str(), "docs");
        }
        assert_eq!(HandbookRoot::new("a/../b"), None);
        assert_eq!(HandbookRoot::repository().to_string(), ".");
    }

    #[test]
    fn paths_move_between_repository_and_handbook() {
        let docs = HandbookRoot::new("docs").unwrap();
        assert_eq!(docs.relative("docs/a.md"), Some("a.md"));
        assert_eq!(docs.relative("docsx/a.md"), None);
        assert_eq!(docs.join("a.md"), "docs/a.md");
        assert!(docs.contains("docs") && !docs.contains("doc"));
        let repo = HandbookRoot::repository();
        assert_eq!(repo.relative("a.md"), Some("a.md"));
        assert_eq!(repo.join("a.md"), "a.md");
    }
}
