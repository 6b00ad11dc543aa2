//! [`DriverError`]: why a command could not run (exit 2). Each variant says what
//! really happened; problems with documents are diagnostics, never errors.

use std::path::PathBuf;

use docket_diagnostics::{Diagnostic, LineIndex, Position, RunError};

/// The rule id of a mistake in docket.toml, shown as `error[config]`: not a rule of
/// `docket check`, which never runs with a broken configuration.
pub const CONFIG_RULE: &str = "config";

/// The command could not run.
#[derive(Debug, thiserror::Error)]
pub enum DriverError {
    /// PATH does not exist or is not readable. The reason is part of the message
    /// and not the error's source, so that a printed chain says it once.
    #[error("cannot read `{path}`: {reason}")]
    Unreadable {
        /// The path.
        path: PathBuf,
        /// Why.
        reason: std::io::Error,
    },
    /// docket.toml has mistakes: every one of them, each a diagnostic (rule
    /// `config`) with its byte range in `text`, so that the command line
    /// shows them like findings.
    #[error("{}", config_summary(path, text, mistakes))]
    Config {
        /// docket.toml's path as given to the user.
        path: String,
        /// The text of docket.toml, which the mistakes point into.
        text: String,
        /// Every mistake, in the order of the file; never empty.
        mistakes: Vec<Diagnostic>,
    },
    /// A PATH of `docket check` is outside the repository the first one is in.
    #[error(
        "`{path}` is not in the repository at `{root}`; name files and folders of one repository"
    )]
    OutsideRepository {
        /// The path as given.
        path: PathBuf,
        /// The repository root.
        root: PathBuf,
    },
    /// `--changed-since` needs git, or git failed.
    #[error("{0}")]
    Git(String),
    /// A file could not be written (the reason is part of the message, as for
    /// [`DriverError::Unreadable`]).
    #[error("cannot write `{path}`: {reason}")]
    Unwritable {
        /// The path.
        path: PathBuf,
        /// Why.
        reason: std::io::Error,
    },
    /// A file that docket would create is already there (and docket never
    /// overwrites a file it did not mean to replace).
    #[error("`{path}` already exists")]
    Exists {
        /// The path, repository-relative.
        path: PathBuf,
    },
    /// A journal of another change (`docket renumber`, `docket import`) exists:
    /// that change is still running, so this one writes nothing.
    #[error(
        "another `docket renumber` or `docket import` is changing files (its journal is `{journal}`); run this again once it has finished"
    )]
    Busy {
        /// The journal's path.
        journal: PathBuf,
    },
    /// The journal an interrupted change left cannot be read, so docket cannot tell
    /// which files it changed.
    #[error(
        "cannot read `{path}`, the journal of an interrupted `docket renumber` or `docket import`: {reason}; check the files it names, then remove it"
    )]
    Journal {
        /// The journal's path.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// A kind name that is neither built in nor declared in docket.toml (`docket
    /// schema proposl`), with what is known and the kind meant.
    #[error(transparent)]
    UnknownKind(#[from] docket_model::UnknownKind),
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

/// The start of `d` in `text`.
fn position(text: &str, d: &Diagnostic) -> Position {
    LineIndex::new(text).position(text, d.range.start)
}

/// `message; help`, as the JSON formats join them.
fn with_help(d: &Diagnostic) -> String {
    match &d.help {
        Some(help) => format!("{}; {help}", d.message),
        None => d.message.clone(),
    }
}

/// One line for a broken docket.toml: the first mistake with its place, and how
/// many more there are.
fn config_summary(path: &str, text: &str, mistakes: &[Diagnostic]) -> String {
    let Some(first) = mistakes.first() else {
        return format!("{path} is not valid");
    };
    let p = position(text, first);
    let more = match mistakes.len() {
        1 => String::new(),
        2 => " (and 1 more mistake)".to_string(),
        n => format!(" (and {} more mistakes)", n - 1),
    };
    format!("{path}:{}:{}: {}{more}", p.line, p.column, with_help(first))
}

impl DriverError {
    /// The message without the file and line [`DriverError::location`] gives (for
    /// a broken docket.toml, the first mistake's).
    pub fn message(&self) -> String {
        match self {
            DriverError::Config { mistakes, .. } => {
                mistakes.first().map(with_help).unwrap_or_default()
            }
            other => other.to_string(),
        }
    }

    /// The file (as the user knows it, such as `docket.toml`) and the 1-based line
    /// the error is about, when it is about one (the first mistake's).
    pub fn location(&self) -> Option<(&str, usize)> {
        match self {
            DriverError::Config {
                path,
                text,
                mistakes,
            } => mistakes
                .first()
                .map(|d| (path.as_str(), position(text, d).line)),
            DriverError::NoHandbook {
                line: Some(line), ..
            } => Some(("docket.toml", *line)),
            _ => None,
        }
    }

    /// Every mistake the error is about, for `--format json`: each of a broken
    /// docket.toml's, else the error itself as one.
    pub fn run_errors(&self) -> Vec<RunError> {
        match self {
            DriverError::Config {
                path,
                text,
                mistakes,
            } => mistakes
                .iter()
                .map(|d| {
                    let p = position(text, d);
                    RunError {
                        message: with_help(d),
                        file: Some(path.clone()),
                        line: Some(p.line),
                        column: Some(p.column),
                    }
                })
                .collect(),
            other => {
                let location = other.location();
                vec![RunError {
                    message: other.message(),
                    file: location.map(|(f, _)| f.to_string()),
                    line: location.map(|(_, line)| line),
                    column: None,
                }]
            }
        }
    }
}
