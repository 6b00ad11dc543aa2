//! What `docket check PATH…` reports on: the files and folders named, as ruff and
//! eslint do, while the whole handbook is still read so that references, owners and
//! supersession resolve. Naming the repository root (or nothing) is the whole
//! repository.

use std::path::Path;

use crate::error::DriverError;

/// The repository-relative paths (`/`-separated) the findings are limited to;
/// empty for the whole repository.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    paths: Vec<String>,
}

impl Scope {
    /// The scope of `paths` in the repository at `root` (canonical). A path that
    /// is the root makes it the whole repository; a path that does not exist cannot
    /// be read, and one outside the repository is an error.
    pub fn new(root: &Path, paths: &[impl AsRef<Path>]) -> Result<Scope, DriverError> {
        let mut out = Vec::new();
        for path in paths {
            match repo_relative(root, path.as_ref())? {
                Some(rel) => out.push(rel),
                None => return Ok(Scope::default()),
            }
        }
        out.sort();
        out.dedup();
        Ok(Scope { paths: out })
    }

    /// Whether this is the whole repository.
    pub fn is_everything(&self) -> bool {
        self.paths.is_empty()
    }

    /// The paths, as the user named them relative to the repository root.
    pub fn paths(&self) -> &[String] {
        &self.paths
    }

    /// Whether the repository-relative `file` is in the scope.
    pub fn contains(&self, file: &str) -> bool {
        self.is_everything() || self.paths.iter().any(|p| within(p, file))
    }

    /// The paths that hold none of `files`.
    pub fn unmatched<'a>(&'a self, files: &[&str]) -> Vec<&'a str> {
        self.paths
            .iter()
            .filter(|p| !files.iter().any(|f| within(p, f)))
            .map(String::as_str)
            .collect()
    }
}

/// Whether `file` is `path` or inside the folder `path`.
fn within(path: &str, file: &str) -> bool {
    file.strip_prefix(path)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// `path` relative to `root` with `/` separators, or `None` when it is the root.
/// A symbolic link is named by its own path, as the walk names it, not by its
/// target.
fn repo_relative(root: &Path, path: &Path) -> Result<Option<String>, DriverError> {
    let canonical = path
        .canonicalize()
        .map_err(|reason| DriverError::Unreadable {
            path: path.to_path_buf(),
            reason,
        })?;
    let named = match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => {
            let parent = if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            };
            parent
                .canonicalize()
                .map_or_else(|_| canonical.clone(), |p| p.join(name))
        }
        _ => canonical.clone(),
    };
    let rel = named
        .strip_prefix(root)
        .or_else(|_| canonical.strip_prefix(root))
        .map_err(|_| DriverError::OutsideRepository {
            path: path.to_path_buf(),
            root: root.to_path_buf(),
        })?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Ok((!parts.is_empty()).then(|| parts.join("/")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_contains_its_files_and_not_its_namesakes() {
        let scope = Scope {
            paths: vec!["docs/decisions".into(), "docs/charter.md".into()],
        };
        assert!(scope.contains("docs/decisions/0001-a.md"));
        assert!(scope.contains("docs/charter.md"));
        assert!(!scope.contains("docs/decisions-old/0001-a.md"));
        assert!(!scope.contains("docs/people.yaml"));
        assert!(Scope::default().contains("anything"));
    }
}
