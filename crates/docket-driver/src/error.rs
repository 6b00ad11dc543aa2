//! [`DriverError`]: why a command could not run (exit 2). Each variant says what
//! really happened; problems with documents are diagnostics, never errors.

use std::path::PathBuf;

/// The command could not run.
#[derive(Debug, thiserror::Error)]
pub enum DriverError {
    /// PATH does not exist or is not readable.
    #[error("cannot read `{path}`: {source}")]
    Unreadable {
        /// The path.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// docket.toml is invalid.
    #[error("{path}:{line}:{column}: {message}")]
    Config {
        /// docket.toml's path as given to the user.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// `--changed-since` needs git, or git failed.
    #[error("{0}")]
    Git(String),
    /// A file could not be written.
    #[error("cannot write `{path}`: {source}")]
    Unwritable {
        /// The path.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file that docket would create is already there (and docket never
    /// overwrites a file it did not mean to replace).
    #[error("`{path}` already exists")]
    Exists {
        /// The path, repository-relative.
        path: PathBuf,
    },
    /// `docket renumber` cannot plan the move (no such decision, the number is taken).
    #[error(transparent)]
    Renumber(#[from] docket_model::RenumberError),
    /// The handbook root does not exist.
    #[error(
        "the handbook root `{root}` does not exist in {repo}; create it or set `root` in docket.toml"
    )]
    NoHandbook {
        /// The configured root.
        root: String,
        /// The repository root.
        repo: String,
    },
}
