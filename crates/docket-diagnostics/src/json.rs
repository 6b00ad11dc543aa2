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
//! same version instead, for every command that has `--format json` ([`render_json_error`]);
//! `file` and `line` are `null` when the error is not about a line of a file:
//!
//! ```json
//! {"version": 1,
//!  "error": {"message": "unknown field `titel`, expected one of `title`, `base_url`, `repo_url`",
//!            "file": "docket.toml", "line": 4}}
//! ```

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

#[derive(Serialize)]
struct ErrorReport<'a> {
    version: u32,
    error: ErrorItem<'a>,
}

#[derive(Serialize)]
struct ErrorItem<'a> {
    message: &'a str,
    file: Option<&'a str>,
    line: Option<usize>,
}

/// Writes the document of a run that could not start: the message, and the file and
/// 1-based line it is about, if any. Pretty-printed and followed by a newline, like
/// [`render_json`].
pub fn render_json_error(
    out: &mut dyn Write,
    message: &str,
    location: Option<(&str, usize)>,
) -> io::Result<()> {
    let report = ErrorReport {
        version: JSON_VERSION,
        error: ErrorItem {
            message,
            file: location.map(|(file, _)| file),
            line: location.map(|(_, line)| line),
        },
    };
    serde_json::to_writer_pretty(&mut *out, &report).map_err(io::Error::from)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_document_has_the_version_and_a_nullable_location() {
        let mut out = Vec::new();
        render_json_error(&mut out, "bad", Some(("docket.toml", 4))).unwrap_or(());
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap_or_default();
        assert_eq!(
            v,
            serde_json::json!({"version": 1, "error": {"message": "bad", "file": "docket.toml", "line": 4}})
        );
        let mut out = Vec::new();
        render_json_error(&mut out, "no git", None).unwrap_or(());
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap_or_default();
        assert_eq!(v["error"]["file"], serde_json::Value::Null);
        assert_eq!(v["error"]["line"], serde_json::Value::Null);
    }
}
