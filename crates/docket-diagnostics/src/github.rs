//! The `--format github` output: GitHub Actions workflow commands, one line per
//! diagnostic, which the runner turns into annotations on the pull request:
//!
//! ```text
//! ::error file=docs/x.md,line=4,col=8,endLine=4,endColumn=13,title=docket unknown-owner::owner `alcie` is not in docs/people.yaml%0Ahelp: did you mean `alice`?
//! ```
//!
//! Values are escaped exactly as GitHub's `actions/toolkit` (`@actions/core`,
//! `command.ts`) escapes them: the message with `escapeData` (`%`, `\r`, `\n`), each
//! property value with `escapeProperty` (those and `:` and `,`). Nothing but the
//! commands is written: a summary for people is the caller's, on stderr.

use std::io::{self, Write};

use crate::{Located, Severity};

/// The workflow command for a severity: `error`, `warning` or `notice`.
fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// `escapeData` of `@actions/core`: for the message after `::`.
pub(crate) fn escape_data(s: &str) -> String {
    escape(s, false)
}

/// `escapeProperty` of `@actions/core`: for a `key=value` property value.
pub(crate) fn escape_property(s: &str) -> String {
    escape(s, true)
}

/// `%`, `\r` and `\n` percent-encoded, and in a property also `:` and `,`.
fn escape(s: &str, property: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

/// Writes one workflow command per located diagnostic (already sorted by
/// [`locate`](crate::locate)), each ending with `\n`. The message carries the help
/// after a newline (`help: …`), escaped like the rest of the message.
pub fn render_github(out: &mut dyn Write, located: &[Located<'_>]) -> io::Result<()> {
    for l in located {
        let d = l.diagnostic;
        let message = match &d.help {
            Some(help) => format!("{}\nhelp: {}", d.message, help),
            None => d.message.clone(),
        };
        writeln!(
            out,
            "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            command(d.severity),
            escape_property(&d.file),
            l.start.line,
            l.start.column,
            l.end.line,
            l.end.column,
            escape_property(&format!("docket {}", d.rule)),
            escape_data(&message),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_toolkit() {
        assert_eq!(escape_data("a%b\r\nc:d,e"), "a%25b%0D%0Ac:d,e");
        assert_eq!(escape_property("a%b\r\nc:d,e"), "a%25b%0D%0Ac%3Ad%2Ce");
        // `%` first, so an escape already in the text is not mistaken for one.
        assert_eq!(escape_data("%0A"), "%250A");
        assert_eq!(escape_property("%3A"), "%253A");
    }
}
