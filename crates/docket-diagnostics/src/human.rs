//! The human format, in the style of rustc and eipw:
//!
//! ```text
//! error[unknown-owner]: owner `alcie` is not in docs/people.yaml
//!  --> docs/decisions/0042-use-postgresql.md:4:8
//!   |
//! 4 | owner: alcie
//!   |        ^^^^^
//!   = help: did you mean `alice`?
//! ```

use std::io::{self, Write};

use crate::{Located, Severity, SourceMap};

/// The longest stretch of a source line shown under a diagnostic, in characters.
/// Longer lines are cut around the caret (adversarial case 0021 has a 2 MB line).
const MAX_SNIPPET_CHARS: usize = 100;

/// Options of the human renderer.
#[derive(Debug, Clone, Copy, Default)]
pub struct HumanOptions {
    /// Emit ANSI colours (only on a terminal, never with `NO_COLOR`: the caller decides).
    pub color: bool,
}

struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

fn severity_code(s: Severity) -> &'static str {
    match s {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Info => "1;36",
    }
}

/// Writes located diagnostics (already sorted) in the human format, one block each,
/// separated by blank lines.
pub fn render_human(
    out: &mut dyn Write,
    located: &[Located<'_>],
    sources: &dyn SourceMap,
    options: HumanOptions,
) -> io::Result<()> {
    let paint = Paint { on: options.color };
    for l in located {
        let d = l.diagnostic;
        let head = format!("{}[{}]", d.severity, d.rule);
        writeln!(
            out,
            "{}{}",
            paint.wrap(severity_code(d.severity), &head),
            paint.wrap("1", &format!(": {}", d.message))
        )?;
        let gutter_width = l.start.line.to_string().len();
        let pad = " ".repeat(gutter_width);
        let bar = paint.wrap("1;34", "|");
        writeln!(
            out,
            "{pad}{} {}:{}:{}",
            paint.wrap("1;34", "-->"),
            d.file,
            l.start.line,
            l.start.column
        )?;
        if let Some(text) = sources.source(&d.file) {
            let line_text = nth_line(text, l.start.line);
            if !line_text.is_empty() || l.start.line > 1 {
                let caret_len = if l.end.line == l.start.line {
                    l.end.column.saturating_sub(l.start.column).max(1)
                } else {
                    line_text
                        .chars()
                        .count()
                        .saturating_sub(l.start.column - 1)
                        .max(1)
                };
                let (shown, caret_at, caret_len) = window(line_text, l.start.column - 1, caret_len);
                writeln!(out, "{pad} {bar}")?;
                writeln!(
                    out,
                    "{} {bar} {}",
                    paint.wrap("1;34", &l.start.line.to_string()),
                    shown
                )?;
                writeln!(
                    out,
                    "{pad} {bar} {}{}",
                    " ".repeat(caret_at),
                    paint.wrap(severity_code(d.severity), &"^".repeat(caret_len))
                )?;
            }
        }
        if let Some(help) = &d.help {
            writeln!(out, "{pad} {} help: {help}", paint.wrap("1;34", "="))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// The 1-based `line` of `text`, without its line ending.
fn nth_line(text: &str, line: usize) -> &str {
    let l = text.split('\n').nth(line.saturating_sub(1)).unwrap_or("");
    l.strip_suffix('\r').unwrap_or(l)
}

/// Cuts a long line to a window of at most [`MAX_SNIPPET_CHARS`] characters around
/// the caret; tabs become spaces so the caret lines up.
fn window(line: &str, caret_col0: usize, caret_len: usize) -> (String, usize, usize) {
    let chars: Vec<char> = line
        .chars()
        .map(|c| if c == '\t' || c.is_control() { ' ' } else { c })
        .collect();
    let total = chars.len();
    if total <= MAX_SNIPPET_CHARS {
        let caret_len = caret_len.min(total.saturating_sub(caret_col0).max(1));
        return (chars.iter().collect(), caret_col0, caret_len);
    }
    let start = caret_col0.saturating_sub(MAX_SNIPPET_CHARS / 3);
    let end = (start + MAX_SNIPPET_CHARS).min(total);
    let mut shown = String::new();
    let mut caret_at = caret_col0 - start;
    if start > 0 {
        shown.push('…');
        caret_at += 1;
    }
    shown.extend(&chars[start..end]);
    if end < total {
        shown.push('…');
    }
    let caret_len = caret_len.min(end.saturating_sub(caret_col0).max(1));
    (shown, caret_at, caret_len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Diagnostic, locate};
    use std::collections::HashMap;

    fn render(text: &str, d: Diagnostic) -> String {
        let mut sources = HashMap::new();
        sources.insert(d.file.clone(), text.to_string());
        let ds = [d];
        let located = locate(&ds, &sources);
        let mut out = Vec::new();
        render_human(&mut out, &located, &sources, HumanOptions::default()).unwrap_or(());
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn caret_under_the_value() {
        let text = "---\ntitle: Use PostgreSQL\nstatus: accepted\nowner: alcie\n---\n";
        let start = text.find("alcie").unwrap_or(0);
        let d = Diagnostic::new(
            "unknown-owner",
            "docs/decisions/0042-use-postgresql.md",
            start..start + 5,
            "owner `alcie` is not in docs/people.yaml",
        )
        .with_help("did you mean `alice`?");
        insta::assert_snapshot!(render(text, d));
    }

    #[test]
    fn long_lines_are_cut_around_the_caret() {
        let mut text = "x".repeat(5000);
        text.push_str("BAD");
        text.push_str(&"y".repeat(5000));
        let d = Diagnostic::new("invalid-value", "a.md", 5000..5003, "bad");
        let out = render(&text, d);
        assert!(out.len() < 600, "{out}");
        assert!(out.contains("BAD"));
    }
}
