//! Walking the handbook root: every file git would not ignore, symbolic links
//! checked by hand (decision 0004).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use docket_model::{ParseProblem, Problem};

/// A file found by the walk.
pub struct WalkedFile {
    /// Path on disk.
    pub abs: PathBuf,
    /// Path relative to the repository root, `/`-separated.
    pub rel: String,
}

/// What the walk found.
pub struct Walked {
    /// Files, sorted by path.
    pub files: Vec<WalkedFile>,
    /// Folders, repository-relative.
    pub dirs: BTreeSet<String>,
    /// Links skipped and entries that could not be read.
    pub problems: Vec<ParseProblem>,
}

fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Walks `handbook` inside the repository at `root`.
pub fn walk(root: &Path, handbook: &Path) -> Walked {
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut out = Walked {
        files: Vec::new(),
        dirs: BTreeSet::new(),
        problems: Vec::new(),
    };
    let walker = ignore::WalkBuilder::new(handbook)
        .follow_links(false)
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(true)
        .require_git(false)
        .parents(true)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let path = match &err {
                    ignore::Error::WithPath { path, .. } => rel_path(root, path),
                    _ => String::new(),
                };
                out.problems.push(ParseProblem::new(
                    Problem::UnreadableFile,
                    path,
                    0..0,
                    format!("cannot read: {err}"),
                ));
                continue;
            }
        };
        let path = entry.path();
        let rel = rel_path(root, path);
        let Some(file_type) = entry.file_type() else {
            continue;
        };
        if file_type.is_dir() {
            out.dirs.insert(rel);
            continue;
        }
        if file_type.is_symlink() {
            match path.canonicalize() {
                Ok(target) if !target.starts_with(&canonical_root) => {
                    out.problems.push(
                        ParseProblem::new(
                            Problem::SkippedLink,
                            rel,
                            0..0,
                            format!(
                                "symbolic link points outside the repository (to `{}`); not read",
                                target.display()
                            ),
                        )
                        .with_help("copy the file into the repository, or remove the link"),
                    );
                }
                Ok(target) if target.is_dir() => {
                    out.problems.push(
                        ParseProblem::new(
                            Problem::SkippedLink,
                            rel,
                            0..0,
                            "symbolic link to a folder; not followed",
                        )
                        .with_help(
                            "docket reads folders where they are, not through links (no loops)",
                        ),
                    );
                }
                Ok(target) if target.is_file() => out.files.push(WalkedFile {
                    abs: path.to_path_buf(),
                    rel,
                }),
                Ok(_) => out.problems.push(ParseProblem::new(
                    Problem::SkippedLink,
                    rel,
                    0..0,
                    "symbolic link to something that is not a regular file (a pipe, a device); not read",
                )),
                Err(e) => out.problems.push(ParseProblem::new(
                    Problem::SkippedLink,
                    rel,
                    0..0,
                    format!("symbolic link cannot be resolved ({e}); not read"),
                )),
            }
            continue;
        }
        if file_type.is_file() {
            out.files.push(WalkedFile {
                abs: path.to_path_buf(),
                rel,
            });
        }
    }
    out
}
