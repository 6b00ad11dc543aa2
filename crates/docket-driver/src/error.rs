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
    #[error("{}", no_handbook(root, line.as_ref(), folders))]
    NoHandbook {
        /// The root looked for, as docket.toml says it (or the default `docs`).
        root: String,
        /// The line of `root` in docket.toml; `None` when the root is the default.
        line: Option<usize>,
        /// The folders the repository root does have, for the user to choose from.
        folders: Vec<String>,
    },
}

/// How many folders a missing root's message lists before it says `…`.
const FOLDERS_LISTED: usize = 12;

fn no_handbook(root: &str, line: Option<&usize>, folders: &[String]) -> String {
    let mut here: Vec<String> = folders
        .iter()
        .take(FOLDERS_LISTED)
        .map(|f| format!("`{f}`"))
        .collect();
    if folders.len() > FOLDERS_LISTED {
        here.push("…".to_string());
    }
    let here = if here.is_empty() {
        "none".to_string()
    } else {
        here.join(", ")
    };
    match line {
        Some(line) => format!(
            "the handbook root `{root}` (`root` in docket.toml, line {line}) does not exist; folders here: {here}"
        ),
        None => format!(
            "the default handbook root `{root}` does not exist and docket.toml sets no `root`; folders here: {here}; set `root = \"FOLDER\"` in docket.toml (relative to the repository root), or create `{root}`"
        ),
    }
}

impl DriverError {
    /// The message without the file and line [`DriverError::location`] gives.
    pub fn message(&self) -> String {
        match self {
            DriverError::Config { message, .. } => message.clone(),
            other => other.to_string(),
        }
    }

    /// The file (as the user knows it, such as `docket.toml`) and the 1-based line
    /// the error is about, when it is about one.
    pub fn location(&self) -> Option<(&str, usize)> {
        match self {
            DriverError::Config { path, line, .. } => Some((path.as_str(), *line)),
            DriverError::NoHandbook {
                line: Some(line), ..
            } => Some(("docket.toml", *line)),
            _ => None,
        }
    }
}
