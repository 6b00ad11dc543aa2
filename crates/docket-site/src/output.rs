//! Safe output: render into a temporary folder beside `--out` and swap it in only
//! when the whole build succeeded. A folder is only ever replaced when docket made it
//! (it holds the marker file), so a user's files are never wiped.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::SiteError;

/// The file that marks a folder as docket's output.
pub const MARKER: &str = ".docket-site";

/// A build in progress: files go to a temporary folder until [`Staging::commit`].
pub struct Staging {
    tmp: PathBuf,
    out: PathBuf,
    committed: bool,
}

/// Checks that `out` may be written: not the repository root or a folder holding
/// it, and either absent, empty, or made by docket.
pub fn check_target(out: &Path, repo_root: &Path) -> Result<(), SiteError> {
    let abs_out = absolute(out);
    let abs_root = absolute(repo_root);
    if abs_root.starts_with(&abs_out) {
        return Err(SiteError::UnsafeOutput {
            path: out.to_path_buf(),
            reason: "it is the repository root or holds it".into(),
        });
    }
    if abs_out.is_file() {
        return Err(SiteError::UnsafeOutput {
            path: out.to_path_buf(),
            reason: "it is a file".into(),
        });
    }
    if abs_out.is_dir() && !abs_out.join(MARKER).is_file() {
        let non_empty = fs::read_dir(&abs_out)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true);
        if non_empty {
            return Err(SiteError::UnsafeOutput {
                path: out.to_path_buf(),
                reason: "it is a non-empty folder that docket did not make".into(),
            });
        }
    }
    Ok(())
}

/// `path` made absolute against the current folder, with `.` and `..` resolved as far
/// as the filesystem allows (parents that exist are canonicalized).
fn absolute(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) if !parent.as_os_str().is_empty() => absolute(parent).join(name),
        _ => std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf()),
    }
}

impl Staging {
    /// Creates the temporary folder beside `out`.
    pub fn new(out: &Path) -> Result<Self, SiteError> {
        let out = absolute(out);
        let parent = out
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        fs::create_dir_all(&parent).map_err(|e| SiteError::io(&parent, e))?;
        let name = out
            .file_name()
            .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
        let tmp = parent.join(format!(".{name}.docket-tmp-{}", std::process::id()));
        if tmp.exists() {
            fs::remove_dir_all(&tmp).map_err(|e| SiteError::io(&tmp, e))?;
        }
        fs::create_dir_all(&tmp).map_err(|e| SiteError::io(&tmp, e))?;
        Ok(Self {
            tmp,
            out,
            committed: false,
        })
    }

    /// Writes one file, `rel` being a site-relative path with `/` separators.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), SiteError> {
        let mut path = self.tmp.clone();
        for part in rel.split('/') {
            if part.is_empty() || part == "." || part == ".." {
                return Err(SiteError::UnsafeOutput {
                    path: PathBuf::from(rel),
                    reason: "the page path leaves the output folder".into(),
                });
            }
            path.push(part);
        }
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| SiteError::io(parent, e))?;
        }
        fs::write(&path, bytes).map_err(|e| SiteError::io(&path, e))
    }

    /// Swaps the finished site in.
    pub fn commit(mut self) -> Result<PathBuf, SiteError> {
        self.write(
            MARKER,
            b"This folder was written by docket build and is replaced on every build.\n",
        )?;
        let old = self.tmp.with_file_name(format!(
            ".{}.docket-old-{}",
            self.out
                .file_name()
                .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned()),
            std::process::id()
        ));
        if self.out.exists() {
            fs::rename(&self.out, &old).map_err(|e| SiteError::io(&self.out, e))?;
        }
        if let Err(e) = fs::rename(&self.tmp, &self.out) {
            // Put the previous site back: never leave the user without one.
            let _ = fs::rename(&old, &self.out);
            return Err(SiteError::io(&self.out, e));
        }
        self.committed = true;
        let _ = fs::remove_dir_all(&old);
        Ok(self.out.clone())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}
