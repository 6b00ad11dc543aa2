//! docket's one diagnostic type and its renderers.
//!
//! Every finding of every command is a [`Diagnostic`]: a rule id, a severity, a file,
//! a byte range in that file, a message and an optional help line. Positions stay byte
//! ranges until a renderer maps them to 1-based lines and columns with a [`LineIndex`].
//!
//! This crate owns the rendering formats (`human`, `json`, `github`, `sarif`); it knows nothing about
//! documents, YAML or the filesystem, and never prints: renderers write into any
//! [`std::io::Write`] the caller gives them.

mod github;
mod human;
mod json;
mod line_index;
mod sarif;

pub use github::render_github;
pub use human::{HumanOptions, render_human};
pub use json::{JSON_VERSION, RunError, render_json, render_json_error};
pub use line_index::{LineIndex, Position};
pub use sarif::{RuleMeta, SARIF_SCHEMA, SARIF_VERSION, SRCROOT, SarifOptions, render_sarif};

use std::fmt;
use std::ops::Range;

/// How serious a finding is. Configurable per rule in `docket.toml` (SPEC §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Fails `docket check` (exit 1).
    Error,
    /// Reported; fails only with `--deny-warnings`.
    Warning,
    /// Reported for information only.
    Info,
}

impl Severity {
    /// The lowercase name used in output and in `docket.toml`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding about one place in one file.
///
/// `R` names what found it: a rule id (`unknown-owner`) once `docket check` reports
/// it, or, below the checks, the typed code of the problem a reader found (the
/// model's `ParseProblem` is a `Diagnostic<Problem>`), which the rule registry maps to
/// its rule id, so that rule ids are spelled in one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic<R = &'static str> {
    /// Stable kebab-case rule id, e.g. `unknown-owner` (or the problem's code).
    pub rule: R,
    /// Severity after `docket.toml` overrides.
    pub severity: Severity,
    /// Path relative to the repository root, with `/` separators.
    pub file: String,
    /// Byte range in the file's text (after a leading BOM is removed).
    /// An empty range at 0 means "line 1, column 1": the file as a whole.
    pub range: Range<usize>,
    /// What is wrong, in words a person can act on. Lowercase, values in backticks.
    pub message: String,
    /// What to do about it, when there is something specific to say.
    pub help: Option<String>,
}

impl<R> Diagnostic<R> {
    /// A diagnostic with the given rule and default severity `error`.
    pub fn new(
        rule: R,
        file: impl Into<String>,
        range: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            rule,
            severity: Severity::Error,
            file: file.into(),
            range,
            message: message.into(),
            help: None,
        }
    }

    /// Sets the help line.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the severity.
    #[must_use]
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// The same finding under another name (a problem code's rule id).
    pub fn with_rule<S>(self, rule: S) -> Diagnostic<S> {
        Diagnostic {
            rule,
            severity: self.severity,
            file: self.file,
            range: self.range,
            message: self.message,
            help: self.help,
        }
    }
}

/// Where renderers find the text of a file, to map ranges to lines and show the source.
pub trait SourceMap {
    /// The text of `file` (repository-relative), if known.
    fn source(&self, file: &str) -> Option<&str>;
}

impl SourceMap for std::collections::HashMap<String, String> {
    fn source(&self, file: &str) -> Option<&str> {
        self.get(file).map(String::as_str)
    }
}

impl SourceMap for std::collections::BTreeMap<String, String> {
    fn source(&self, file: &str) -> Option<&str> {
        self.get(file).map(String::as_str)
    }
}

/// A diagnostic with its range resolved to 1-based lines and columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<'a> {
    /// The diagnostic.
    pub diagnostic: &'a Diagnostic,
    /// Start position.
    pub start: Position,
    /// End position (exclusive column, as editors and SARIF count it).
    pub end: Position,
}

/// Resolves every diagnostic's range against its file's text and sorts them by file,
/// line, column, rule (SPEC §5).
pub fn locate<'a>(diagnostics: &'a [Diagnostic], sources: &dyn SourceMap) -> Vec<Located<'a>> {
    // One line index per file, not per diagnostic: a large file with many findings
    // must stay linear.
    let mut indexes: std::collections::HashMap<&str, LineIndex> = std::collections::HashMap::new();
    let mut out: Vec<Located<'a>> = diagnostics
        .iter()
        .map(|d| {
            let (start, end) = match sources.source(&d.file) {
                Some(text) => {
                    let index = indexes
                        .entry(d.file.as_str())
                        .or_insert_with(|| LineIndex::new(text));
                    (
                        index.position(text, d.range.start),
                        index.position(text, d.range.end.max(d.range.start)),
                    )
                }
                None => (Position::START, Position::START),
            };
            Located {
                diagnostic: d,
                start,
                end,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        (
            &a.diagnostic.file,
            a.start.line,
            a.start.column,
            a.diagnostic.rule,
            &a.diagnostic.message,
        )
            .cmp(&(
                &b.diagnostic.file,
                b.start.line,
                b.start.column,
                b.diagnostic.rule,
                &b.diagnostic.message,
            ))
    });
    out
}

/// Counts per severity, for summaries and exit codes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Findings of severity error.
    pub errors: usize,
    /// Findings of severity warning.
    pub warnings: usize,
    /// Findings of severity info.
    pub infos: usize,
}

impl Counts {
    /// Counts the diagnostics by severity.
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
        let mut c = Counts::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        c
    }
}
