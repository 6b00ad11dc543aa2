//! Walking the handbook root (or, to find a decision folder nobody configured, the
//! whole repository): every file git would not ignore and `docket.toml` does not
//! exclude, symbolic links checked by hand (decision 0004).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use docket_model::{Exclude, HandbookRoot, ParseProblem, Problem};

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

impl Walked {
    /// Keeps only what is inside `handbook` (after a walk of the whole repository).
    pub fn within(mut self, handbook: &HandbookRoot) -> Walked {
        if handbook.is_repository() {
            return self;
        }
        self.files.retain(|f| handbook.relative(&f.rel).is_some());
        self.dirs.retain(|d| handbook.contains(d));
        self.problems.retain(|p| handbook.contains(&p.file));
        self
    }
}

/// What a walk of the whole repository leaves out, beyond what every walk does.
#[derive(Debug, Clone, Default)]
pub enum Prune {
    /// Nothing more: the walk of a handbook root.
    #[default]
    None,
    /// `node_modules` folders, docket's own build output (a top-level folder holding
    /// the site marker) and, when given, one folder already walked.
    Outputs(Option<PathBuf>),
}

impl Prune {
    /// The walk of a whole repository.
    pub fn outputs() -> Prune {
        Prune::Outputs(None)
    }

    /// The walk of a whole repository around `walked`, a folder already walked.
    pub fn outside(walked: &Path) -> Prune {
        Prune::Outputs(Some(walked.to_path_buf()))
    }
}

/// A walker over `dir` that honours `.gitignore` and skips hidden entries, sorted by
/// name, leaving out what `prune` says.
fn walker(root: &Path, dir: &Path, prune: Prune) -> ignore::Walk {
    let mut builder = ignore::WalkBuilder::new(dir);
    builder
        .follow_links(false)
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(true)
        .require_git(false)
        .parents(true)
        .sort_by_file_name(|a, b| a.cmp(b));
    if let Prune::Outputs(skip) = prune {
        let root = root.to_path_buf();
        builder.filter_entry(move |entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            let path = entry.path();
            let pruned = entry.file_name() == "node_modules"
                || skip.as_deref() == Some(path)
                || (path.parent() == Some(root.as_path())
                    && path.join(docket_site::output::MARKER).is_file());
            !(is_dir && pruned)
        });
    }
    builder.build()
}

/// The folders directly in the repository root that a walk would enter (not hidden,
/// not ignored), sorted: what a message about a missing handbook root lists.
pub fn top_folders(root: &Path) -> Vec<String> {
    let mut builder = ignore::WalkBuilder::new(root);
    builder
        .max_depth(Some(1))
        .hidden(true)
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b));
    builder
        .build()
        .filter_map(Result::ok)
        .filter(|e| e.depth() == 1 && e.file_type().is_some_and(|t| t.is_dir()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name != "node_modules")
        .collect()
}

/// Walks `dir` inside the repository at `root`: the handbook root, or the repository
/// root itself with a [`Prune`]. Files `exclude` names are left out, unread.
pub fn walk(root: &Path, dir: &Path, exclude: &Exclude, prune: Prune) -> Walked {
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut out = Walked {
        files: Vec::new(),
        dirs: BTreeSet::new(),
        problems: Vec::new(),
    };
    for entry in walker(root, dir, prune) {
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
        if exclude.is_match(&rel) {
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
