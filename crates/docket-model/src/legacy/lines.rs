//! One line of a record's body, as the existing formats write it: `Label: value`
//! lines (with list markers and bold), code fences, `Supersedes` / `Superseded by`
//! lines, numbered titles, and one-line lists of people or tags.

use std::ops::Range;

use crate::document::Spanned;
use crate::kind::is_placeholder;

/// A relation between records written as a line of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Relation {
    /// `Supersedes [1. X](0001-x.md)`.
    Supersedes,
    /// `Superseded by [3. X](0003-x.md)`.
    SupersededBy,
}

/// One line of the body.
pub(super) struct Line<'a> {
    /// Start of the line.
    pub start: usize,
    /// End including the line break.
    pub full_end: usize,
    /// The line without its line break.
    pub text: &'a str,
}

/// The lines of `text[range]`.
pub(super) fn lines_of(text: &str, range: Range<usize>) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let Some(src) = text.get(range.clone()) else {
        return out;
    };
    let mut offset = range.start;
    for raw in src.split_inclusive('\n') {
        let content = raw.trim_end_matches(['\n', '\r']);
        out.push(Line {
            start: offset,
            full_end: offset + raw.len(),
            text: content,
        });
        offset += raw.len();
    }
    out
}

/// The line that holds byte `at`, as a whole-line range (newline included).
pub(super) fn line_around(text: &str, at: usize) -> Range<usize> {
    let bytes = text.as_bytes();
    let at = at.min(bytes.len());
    let start = bytes[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let end = bytes[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| at + i + 1);
    start..end
}

/// Reads a `Label: value` line: an optional list marker, optional bold around the
/// label (`**Status:** x`, `**Status**: x`), a label of letters, and the value after
/// the colon (a trailing HTML comment dropped). Returns the lowercase label and the
/// value's range within the line.
pub(super) fn label_line(line: &str) -> Option<(String, Range<usize>, bool)> {
    let mut s = line.trim_start();
    let mut at = line.len() - s.len();
    let mut bulleted = false;
    for marker in ["- ", "* ", "+ "] {
        if let Some(rest) = s.strip_prefix(marker) {
            let rest_trimmed = rest.trim_start();
            at += s.len() - rest_trimmed.len();
            s = rest_trimmed;
            bulleted = true;
            break;
        }
    }
    for em in ["**", "__"] {
        if let Some(rest) = s.strip_prefix(em) {
            at += 2;
            s = rest;
            break;
        }
    }
    let colon = s.find(':')?;
    let label = s[..colon].trim_end_matches(['*', '_']).trim();
    if label.is_empty()
        || label.len() > 24
        || !label
            .chars()
            .all(|c| c.is_ascii_alphabetic() || matches!(c, ' ' | '-' | '(' | ')'))
    {
        return None;
    }
    let mut rest = &s[colon + 1..];
    let mut rest_at = at + colon + 1;
    for em in ["**", "__"] {
        if let Some(r) = rest.strip_prefix(em) {
            rest = r;
            rest_at += 2;
            break;
        }
    }
    let trimmed = rest.trim_start();
    rest_at += rest.len() - trimmed.len();
    let mut value = trimmed;
    if let Some(i) = value.find("<!--") {
        value = &value[..i];
    }
    let value = value.trim_end();
    let value = value
        .strip_suffix("**")
        .or_else(|| value.strip_suffix("__"))
        .unwrap_or(value)
        .trim_end();
    Some((
        label.to_ascii_lowercase(),
        rest_at..rest_at + value.len(),
        bulleted,
    ))
}

/// Whether a line is a fence (```` ``` ```` or `~~~`), returning its character.
pub(super) fn fence(line: &str) -> Option<char> {
    let t = line.trim_start();
    if line.len() - t.len() > 3 {
        return None;
    }
    if t.starts_with("```") {
        Some('`')
    } else if t.starts_with("~~~") {
        Some('~')
    } else {
        None
    }
}

/// A relation line: `Supersedes …`, `Superseded by …` (optionally a list item).
pub(super) fn relation_of(line: &str) -> Option<Relation> {
    let t = line
        .trim_start()
        .trim_start_matches(['-', '*', '+'])
        .trim_start()
        .to_lowercase();
    if t.starts_with("superseded") || t.starts_with("superceded") {
        Some(Relation::SupersededBy)
    } else if t.starts_with("supersedes") || t.starts_with("supercedes") {
        Some(Relation::Supersedes)
    } else {
        None
    }
}

/// Whether heading text names section `name` (case-insensitive, a trailing colon and
/// an HTML comment such as log4brains' `<!-- optional -->` ignored).
pub(super) fn same_heading(text: &str, name: &str) -> bool {
    let t = text.split("<!--").next().unwrap_or(text);
    t.trim()
        .trim_end_matches(':')
        .trim()
        .eq_ignore_ascii_case(name)
}

/// `1. Title` → (`Title`, true); other text unchanged.
pub(super) fn strip_number(text: &str) -> (String, bool) {
    let t = text.trim();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0
        && let Some(rest) = t[digits..]
            .strip_prefix(". ")
            .or_else(|| t[digits..].strip_prefix(".\t"))
    {
        return (rest.trim().to_string(), true);
    }
    (t.to_string(), false)
}

/// The range of the title's text inside its heading line (`# 1. Title` → `Title`);
/// the heading's range when the text cannot be found there.
pub(super) fn title_range(text: &str, heading: Range<usize>, value: &str) -> Range<usize> {
    let line = line_around(text, heading.start);
    let src = text.get(line.clone()).unwrap_or("");
    match src.find(value) {
        Some(i) if !value.is_empty() => line.start + i..line.start + i + value.len(),
        _ => {
            let end = src.trim_end().len();
            line.start..line.start + end
        }
    }
}

/// Splits a list of people or tags written on one line (`Alice, Bob and Carol`).
pub(super) fn split_list(value: &str, tags: bool) -> Vec<String> {
    let v = value.trim().trim_start_matches('[').trim_end_matches(']');
    let parts: Vec<&str> = if tags && !v.contains(',') {
        v.split_whitespace().collect()
    } else {
        v.split([',', ';']).flat_map(|p| p.split(" and ")).collect()
    };
    parts
        .into_iter()
        .map(|p| p.trim().trim_matches(['"', '\'', '`']).trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// The items of a one-line list with their ranges, searched inside `value`'s range;
/// a template's placeholder (`{list everyone involved}`) is no item.
pub(crate) fn spanned_list(
    text: &str,
    value: &Spanned<String>,
    tags: bool,
) -> Vec<Spanned<String>> {
    let mut from = value.range.start;
    split_list(&value.value, tags)
        .into_iter()
        .filter(|item| !is_placeholder(item, true))
        .map(|item| {
            let range = docket_syntax::find_in(text, from..value.range.end, &item);
            if range.len() == item.len() {
                from = range.end;
            }
            Spanned::new(item, range)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_lines() {
        let l = |s: &str| label_line(s).map(|(k, r, b)| (k, s[r].to_string(), b));
        assert_eq!(
            l("- Status: accepted"),
            Some(("status".into(), "accepted".into(), true))
        );
        assert_eq!(
            l("**Status:** Accepted"),
            Some(("status".into(), "Accepted".into(), false))
        );
        assert_eq!(
            l("**Status**: Accepted"),
            Some(("status".into(), "Accepted".into(), false))
        );
        assert_eq!(
            l("Date: 2016-02-12"),
            Some(("date".into(), "2016-02-12".into(), false))
        );
        assert_eq!(
            l("* Deciders: Alice, Bob <!-- optional -->"),
            Some(("deciders".into(), "Alice, Bob".into(), true))
        );
        assert_eq!(l("Use `x`: here"), None);
        assert_eq!(l("Plain text."), None);
    }

    #[test]
    fn titles_and_lists() {
        assert_eq!(
            strip_number("12. Use ISO 8601"),
            ("Use ISO 8601".into(), true)
        );
        assert_eq!(strip_number("Use 2 things"), ("Use 2 things".into(), false));
        assert_eq!(
            split_list("Alice, Bob and Carol", false),
            ["Alice", "Bob", "Carol"]
        );
        assert_eq!(split_list("web api", true), ["web", "api"]);
    }
}
