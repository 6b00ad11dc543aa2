//! YAML syntax errors in words a writer understands. The parser reports where it gave
//! up ("found unexpected end of stream" at the closing `---`); the mistake is usually
//! earlier: a quote or bracket opened and never closed, a value with `: ` in it, a
//! line indented by accident. This module reads the front matter's lines to find the
//! line where the broken value starts, and says what to change there.
//!
//! It works on the source text and the parser's position only, so it does not depend
//! on the YAML library (decision 0002): the parser's message is used to pick the
//! explanation, and kept when none fits.

use std::ops::Range;

use crate::SyntaxError;

/// One line of the YAML source: its byte range (without the line break) and text.
struct Line<'a> {
    start: usize,
    text: &'a str,
}

impl Line<'_> {
    fn end(&self) -> usize {
        self.start + self.text.len()
    }

    fn indent(&self) -> usize {
        self.text.len() - self.text.trim_start_matches([' ', '\t']).len()
    }

    fn is_blank(&self) -> bool {
        let t = self.text.trim();
        t.is_empty() || t.starts_with('#')
    }

    /// `key: value` → (key, byte offset of the value in the source, value).
    fn entry(&self) -> Option<(&str, usize, &str)> {
        let body = self.text.trim_start_matches([' ', '\t', '-']).trim_start();
        let lead = self.text.len() - body.len();
        let colon = body
            .find(": ")
            .or_else(|| body.strip_suffix(':').map(str::len))?;
        let key = body[..colon].trim();
        if key.is_empty() || key.starts_with(['"', '\'', '[', '{']) {
            return None;
        }
        let after = &body[colon + 1..];
        let value = after.trim_start();
        let at = self.start + lead + colon + 1 + (after.len() - value.len());
        Some((key, at, value.trim_end()))
    }
}

fn lines(src: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for raw in src.split_inclusive('\n') {
        out.push(Line {
            start,
            text: raw.trim_end_matches(['\n', '\r']),
        });
        start += raw.len();
    }
    out
}

/// Explains a parse error at byte `at` of `src` (the front matter, or a whole YAML
/// file) with the parser's `message`. Ranges are offsets in `src`; the caller adds
/// where `src` starts in the file.
pub(crate) fn explain(src: &str, at: usize, message: &str) -> SyntaxError {
    let lines = lines(src);
    let here = lines
        .iter()
        .rposition(|l| l.start <= at)
        .unwrap_or_default();
    // Errors the parser reports past an unclosed quote or bracket (often at the very
    // end of the front matter).
    let past_unclosed = [
        "end of stream",
        "did not find expected ','",
        "quoted scalar",
        "flow",
    ]
    .iter()
    .any(|m| message.contains(m));
    let found = past_unclosed
        .then(|| unclosed(&lines, here))
        .flatten()
        .or_else(|| match message {
            m if m.starts_with("mapping values are not allowed") => {
                colon_in_value(&lines, here, at)
            }
            m if m.starts_with("block sequence entries are not allowed") => {
                dash_in_value(&lines, here)
            }
            _ if lines
                .get(here)
                .is_some_and(|l| l.text[..l.indent()].contains('\t')) =>
            {
                tab(&lines, here)
            }
            m if m.contains("tab character") => tab(&lines, here),
            m if m.starts_with("found character that cannot start any token") => {
                reserved_start(&lines, here, src, at)
            }
            m if m.starts_with("did not find expected key") => text_after_quote(&lines, here),
            _ => None,
        });
    match found {
        Some(e) => e,
        None => fallback(&lines, here, at, src, message),
    }
}

/// A quote or bracket opened on a line at or before the error and never closed:
/// the most common cause of an error reported at the end of the front matter.
fn unclosed(lines: &[Line<'_>], here: usize) -> Option<SyntaxError> {
    for line in lines[..=here.min(lines.len().saturating_sub(1))]
        .iter()
        .rev()
    {
        let Some((key, at, value)) = line.entry() else {
            continue;
        };
        let (open, what, close) = match value.chars().next()? {
            '"' => ('"', "quote", '"'),
            '\'' => ('\'', "quote", '\''),
            '[' => ('[', "list", ']'),
            '{' => ('{', "mapping", '}'),
            _ => continue,
        };
        if closes(value, open, close) {
            continue;
        }
        return Some(
            SyntaxError::new(
                at..at + 1,
                format!("the {what} that starts the value of `{key}` is never closed"),
            )
            .with_help(format!(
                "close it with `{close}` on the same line, or remove the opening `{open}`"
            )),
        );
    }
    None
}

/// Whether `value`, which starts with `open`, is closed on its line.
fn closes(value: &str, open: char, close: char) -> bool {
    let mut depth = 0i32;
    let mut chars = value.chars().peekable();
    let mut escaped = false;
    while let Some(c) = chars.next() {
        match open {
            '"' => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    depth += 1;
                    if depth == 2 {
                        return true;
                    }
                }
            }
            '\'' => {
                if c == '\'' {
                    if depth == 1 && chars.peek() == Some(&'\'') {
                        chars.next();
                        continue;
                    }
                    depth += 1;
                    if depth == 2 {
                        return true;
                    }
                }
            }
            _ => {
                if c == open {
                    depth += 1;
                } else if c == close {
                    depth -= 1;
                    if depth == 0 {
                        return true;
                    }
                }
            }
        }
    }
    false
}

/// `title: D: the sequel` (a second `: ` inside a value), or a line indented under a
/// key that already has a value.
fn colon_in_value(lines: &[Line<'_>], here: usize, at: usize) -> Option<SyntaxError> {
    let line = lines.get(here)?;
    if line.indent() > 0
        && let Some(above) = lines[..here].iter().rev().find(|l| !l.is_blank())
        && let Some((key, _, value)) = above.entry()
        && !value.is_empty()
    {
        let start = line.start + line.indent();
        return Some(
            SyntaxError::new(
                start..line.end(),
                format!("this line is indented under `{key}`, which already has a value"),
            )
            .with_help("start the line at the beginning, as the other keys are"),
        );
    }
    let (key, value_at, value) = line.entry()?;
    if at <= value_at {
        return None;
    }
    Some(
        SyntaxError::new(
            value_at..value_at + value.len(),
            format!(
                "the value of `{key}` contains `: `, which YAML reads as the start of another key"
            ),
        )
        .with_help(format!("quote the value: `{key}: {}`", quoted(value))),
    )
}

/// `status: - a`: a list item written after a key on the same line.
fn dash_in_value(lines: &[Line<'_>], here: usize) -> Option<SyntaxError> {
    let (key, at, value) = lines.get(here)?.entry()?;
    value.starts_with("- ").then(|| {
        SyntaxError::new(
            at..at + value.len(),
            format!("the value of `{key}` starts with `- `, which YAML reads as a list item"),
        )
        .with_help(format!(
            "write each list item on its own line below `{key}:`, or quote the value: `{key}: {}`",
            quoted(value)
        ))
    })
}

/// A tab where YAML wants spaces.
fn tab(lines: &[Line<'_>], here: usize) -> Option<SyntaxError> {
    let line = lines.get(here)?;
    let tab = line.text.find('\t')?;
    Some(
        SyntaxError::new(
            line.start + tab..line.start + tab + 1,
            "this line is indented with a tab; YAML indents with spaces only",
        )
        .with_help("replace the tab with spaces"),
    )
}

/// A value starting with a character YAML reserves (`@`, a backtick, `%`).
fn reserved_start(lines: &[Line<'_>], here: usize, src: &str, at: usize) -> Option<SyntaxError> {
    let (key, value_at, value) = lines.get(here)?.entry()?;
    let c = src.get(at..)?.chars().next()?;
    (at == value_at).then(|| {
        SyntaxError::new(
            at..at + c.len_utf8(),
            format!("the value of `{key}` starts with `{c}`, which YAML reserves"),
        )
        .with_help(format!("quote the value: `{key}: {}`", quoted(value)))
    })
}

/// `title: "a" b`: text after the closing quote of a quoted value.
fn text_after_quote(lines: &[Line<'_>], here: usize) -> Option<SyntaxError> {
    let (key, at, value) = lines.get(here)?.entry()?;
    let q = value.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    Some(
        SyntaxError::new(
            at..at + value.len(),
            format!("the value of `{key}` goes on after its closing quote"),
        )
        .with_help(format!(
            "put the whole value inside the quotes, or remove them: `{key}: {}`",
            quoted(value.trim_matches(q))
        )),
    )
}

/// Any other error: at the line where the value the parser stopped in begins (the
/// last key line at or before the error), with the parser's words.
fn fallback(lines: &[Line<'_>], here: usize, at: usize, src: &str, message: &str) -> SyntaxError {
    let start = lines[..=here.min(lines.len().saturating_sub(1))]
        .iter()
        .rev()
        .find(|l| !l.is_blank() && l.entry().is_some())
        .map(|l| l.start + l.indent());
    let range: Range<usize> = match start {
        Some(s) if at >= src.len() || at == lines.get(here).map_or(at, |l| l.start) => {
            s..lines
                .iter()
                .find(|l| l.start + l.indent() == s)
                .map_or(s, Line::end)
        }
        _ => at..next_char_end(src, at),
    };
    SyntaxError::new(range, message).with_help(
        "look for a quote or bracket that is not closed, and quote values that contain `: ` or start with a special character",
    )
}

fn next_char_end(src: &str, at: usize) -> usize {
    src.get(at..)
        .and_then(|s| s.chars().next())
        .map_or(at, |c| at + c.len_utf8())
}

/// `value` as a double-quoted YAML scalar.
fn quoted(value: &str) -> String {
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explained(src: &str, at: usize, message: &str) -> (String, String, Option<String>) {
        let e = explain(src, at, message);
        (src[e.range].to_string(), e.message, e.help)
    }

    #[test]
    fn an_unclosed_quote_is_found_where_it_opens() {
        let src = "title: \"Use PostgreSQL\nstatus: proposed\n";
        let (at, message, help) = explained(src, src.len(), "found unexpected end of stream");
        assert_eq!(at, "\"");
        assert_eq!(
            message,
            "the quote that starts the value of `title` is never closed"
        );
        assert!(help.unwrap().contains("close it with `\"`"));
        let src = "tags: [a, b\nstatus: x\n";
        let (at, message, _) = explained(src, 12, "did not find expected ',' or ']'");
        assert_eq!((at.as_str(), message.contains("list")), ("[", true));
    }

    #[test]
    fn a_colon_in_a_value_says_to_quote_it() {
        let src = "title: D: the sequel\nstatus: proposed\n";
        let (at, message, help) =
            explained(src, 8, "mapping values are not allowed in this context");
        assert_eq!(at, "D: the sequel");
        assert!(message.contains("contains `: `"));
        assert_eq!(help.unwrap(), "quote the value: `title: \"D: the sequel\"`");
    }

    #[test]
    fn other_mistakes_in_words() {
        let src = "title: x\n  status: y\n";
        let (_, message, _) = explained(src, 17, "mapping values are not allowed in this context");
        assert!(message.contains("indented under `title`"));
        let src = "title: x\nstatus: - a\n";
        let (_, message, _) = explained(
            src,
            17,
            "block sequence entries are not allowed in this context",
        );
        assert!(message.contains("list item"));
        let src = "title: @alice\n";
        let (at, message, _) = explained(src, 7, "found character that cannot start any token");
        assert_eq!((at.as_str(), message.contains("reserves")), ("@", true));
        let src = "title: \"a\" b\n";
        let (_, message, help) = explained(src, 11, "did not find expected key");
        assert!(message.contains("after its closing quote"));
        assert_eq!(
            help.unwrap(),
            "put the whole value inside the quotes, or remove them: `title: \"a\\\" b\"`"
        );
        // Quotes that close, with escapes, are not mistaken for open ones.
        assert!(closes("\"a \\\" b\"", '"', '"'));
        assert!(closes("'it''s'", '\'', '\''));
        assert!(!closes("'it''s", '\'', '\''));
    }

    #[test]
    fn an_unknown_error_points_at_the_line_where_its_value_starts() {
        let src = "title: x\nowner: |\n  a\n b\n";
        let (at, message, _) = explained(src, src.len(), "something else");
        assert_eq!(at, "owner: |");
        assert_eq!(message, "something else");
    }
}
