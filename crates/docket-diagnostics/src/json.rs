//! The `--format json` contract (SPEC §5). Versioned: a change to the shape below
//! bumps [`JSON_VERSION`].
//!
//! ```json
//! {"version": 1,
//!  "diagnostics": [{"rule": "unknown-owner", "severity": "error",
//!                   "file": "docs/decisions/0042-use-postgresql.md",
//!                   "line": 4, "column": 8, "end_line": 4, "end_column": 13,
//!                   "message": "owner `alcie` is not in docs/people.yaml; did you mean `alice`?"}],
//!  "summary": {"files": 120, "errors": 1, "warnings": 0, "infos": 0}}
//! ```
//!
//! A run that cannot start (exit 2: a broken `docket.toml`, a missing handbook root,
//! an unreadable path, `--changed-since` outside git) writes one document of the
//! same version instead, for every command that has `--format json` ([`render_json_error`]).
//! `error` is the first mistake, as it always was; `errors` lists every one (a
//! docket.toml may have several), each with its `column` too. `file`, `line` and
//! `column` are `null` when the error is not about a line of a file:
//!
//! ```json
//! {"version": 1,
//!  "error": {"message": "unknown key `titel` in `[site]`; did you mean `title`? `[site]` has `title`, `base_url`, `repo_url`",
//!            "file": "docket.toml", "line": 4},
//!  "errors": [{"message": "unknown key `titel` in `[site]`; did you mean `title`? `[site]` has `title`, `base_url`, `repo_url`",
//!              "file": "docket.toml", "line": 4, "column": 1}]}
//! ```
//!
//! `errors` was added without a new version: a key added to a document is not a
//! change of shape for a reader of the keys it knows; a key removed, renamed or
//! given another type is, and bumps [`JSON_VERSION`].

use std::io::{self, Write};

use serde::Serialize;

use crate::{Counts, Located};

/// The version of the JSON output's shape.
pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    diagnostics: Vec<Item<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct Item<'a> {
    rule: &'a str,
    severity: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: String,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

/// Writes the report as pretty-printed JSON followed by a newline. The message carries
/// the help after a `; ` so that one string says what to do, as in the SPEC example.
pub fn render_json(
    out: &mut dyn Write,
    located: &[Located<'_>],
    files: usize,
    counts: Counts,
) -> io::Result<()> {
    let report = Report {
        version: JSON_VERSION,
        diagnostics: located
            .iter()
            .map(|l| {
                let d = l.diagnostic;
                Item {
                    rule: d.rule,
                    severity: d.severity.as_str(),
                    file: &d.file,
                    line: l.start.line,
                    column: l.start.column,
                    end_line: l.end.line,
                    end_column: l.end.column,
                    message: match &d.help {
                        Some(help) => format!("{}; {}", d.message, help),
                        None => d.message.clone(),
                    },
                }
            })
            .collect(),
        summary: Summary {
            files,
            errors: counts.errors,
            warnings: counts.warnings,
            infos: counts.infos,
        },
    };
    // `io::Error::from` keeps the kind, so a closed pipe stays a `BrokenPipe`.
    serde_json::to_writer_pretty(&mut *out, &report).map_err(io::Error::from)?;
    writeln!(out)
}

/// One mistake of a run that could not start (`--format json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RunError {
    /// What is wrong, and what to do.
    pub message: String,
    /// The file it is about (`docket.toml`), when it is about one.
    pub file: Option<String>,
    /// The 1-based line, when it is about a line.
    pub line: Option<usize>,
    /// The 1-based column, when docket knows it.
    pub column: Option<usize>,
}

#[derive(Serialize)]
struct ErrorReport<'a> {
    version: u32,
    error: ErrorItem<'a>,
    errors: &'a [RunError],
}

#[derive(Serialize)]
struct ErrorItem<'a> {
    message: &'a str,
    file: Option<&'a str>,
    line: Option<usize>,
}

/// Writes the document of a run that could not start: the first of `errors` as
/// `error` (message, file, line), and all of them as `errors`. Pretty-printed and
/// followed by a newline, like [`render_json`]. `errors` should not be empty; if
/// it is, `error` says that the run could not start.
pub fn render_json_error(out: &mut dyn Write, errors: &[RunError]) -> io::Result<()> {
    let first = errors.first();
    let report = ErrorReport {
        version: JSON_VERSION,
        error: ErrorItem {
            message: first.map_or("docket could not run", |e| e.message.as_str()),
            file: first.and_then(|e| e.file.as_deref()),
            line: first.and_then(|e| e.line),
        },
        errors,
    };
    serde_json::to_writer_pretty(&mut *out, &report).map_err(io::Error::from)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_document_has_the_version_and_a_nullable_location() {
        let error = |message: &str, file: Option<&str>, line, column| RunError {
            message: message.to_string(),
            file: file.map(str::to_string),
            line,
            column,
        };
        let mut out = Vec::new();
        let errors = [
            error("bad", Some("docket.toml"), Some(4), Some(1)),
            error("worse", Some("docket.toml"), Some(6), Some(3)),
        ];
        render_json_error(&mut out, &errors).unwrap_or(());
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap_or_default();
        assert_eq!(
            v,
            serde_json::json!({"version": 1,
                "error": {"message": "bad", "file": "docket.toml", "line": 4},
                "errors": [
                    {"message": "bad", "file": "docket.toml", "line": 4, "column": 1},
                    {"message": "worse", "file": "docket.toml", "line": 6, "column": 3}]})
        );
        let mut out = Vec::new();
        render_json_error(&mut out, &[error("no git", None, None, None)]).unwrap_or(());
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap_or_default();
        assert_eq!(v["error"]["file"], serde_json::Value::Null);
        assert_eq!(v["error"]["line"], serde_json::Value::Null);
        assert_eq!(v["errors"][0]["column"], serde_json::Value::Null);
    }
}
