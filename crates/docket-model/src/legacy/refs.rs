//! References to other decision records written in a line of text: Markdown links
//! to their files (`[1. Record](0001-record.md)`), or a number in words
//! (`ADR-0005`, `#5`).

use crate::document::Spanned;

/// The decision references in `text`: the destinations of its Markdown links (as
/// file names), or else a number such as `ADR-0005`, `#5` or `0005-x.md`.
pub(super) fn references(text: &str, base: usize) -> Vec<Spanned<String>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("](") {
        let at = from + i;
        let Some((dest, close)) = destination(text, at) else {
            break;
        };
        if let Some(name) = file_name_of(dest) {
            let start = text[from..at].rfind('[').map_or(at, |j| from + j);
            out.push(Spanned::new(name, base + start..base + close + 1));
        }
        from = close + 1;
    }
    if !out.is_empty() {
        return out;
    }
    if let Some(r) = reference_in(text) {
        let range = docket_syntax::find_in(text, 0..text.len(), &r);
        out.push(Spanned::new(r, base + range.start..base + range.end));
    }
    out
}

/// The file name a link destination names, when it is a relative Markdown file.
fn file_name_of(dest: &str) -> Option<String> {
    let dest = dest.split(['#', '?']).next().unwrap_or("");
    if dest.is_empty() || dest.contains("://") || dest.starts_with("mailto:") {
        return None;
    }
    let decoded = crate::links::percent_decode(dest);
    let name = decoded.rsplit('/').next().unwrap_or(&decoded).trim();
    let lower = name.to_ascii_lowercase();
    (lower.ends_with(".md") || lower.ends_with(".markdown")).then(|| name.to_string())
}

/// A reference in plain words after `superseded by`: a link's file name, or a token
/// with a number (`ADR-0123` → `0123`, `#12` → `12`, `0012-x.md`).
pub(super) fn reference_in(text: &str) -> Option<String> {
    if let Some(first) = references_links_only(text) {
        return Some(first);
    }
    // ASCII case only: offsets into `lower` are offsets into `text`.
    let lower = text.to_ascii_lowercase();
    let after = lower
        .find(" by ")
        .map_or(lower.as_str(), |i| &lower[i + 4..]);
    let offset = lower.len() - after.len();
    for token in text[offset..].split_whitespace() {
        let token = token
            .trim_matches(|c: char| matches!(c, '(' | ')' | ',' | '.' | '"' | '\'' | '`' | '*'));
        if token.to_ascii_lowercase().ends_with(".md") {
            return Some(token.rsplit('/').next().unwrap_or(token).to_string());
        }
        let digits: String = token
            .trim_start_matches(|c: char| !c.is_ascii_digit())
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if !digits.is_empty() && digits.len() <= 9 {
            return Some(digits);
        }
    }
    None
}

fn references_links_only(text: &str) -> Option<String> {
    let (dest, _) = destination(text, text.find("](")?)?;
    file_name_of(dest)
}

/// The destination of the Markdown link whose `](` starts at `at` (without a title or
/// angle brackets), and the index of its closing `)`.
fn destination(text: &str, at: usize) -> Option<(&str, usize)> {
    let open = at + 2;
    let close = open + text[open..].find(')')?;
    let dest = text[open..close]
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(['<', '>']);
    Some((dest, close))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_in_lines() {
        let r = references("Supersedes [1. Record](0001-record.md)", 10);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].value, "0001-record.md");
        assert_eq!(r[0].range.start, 10 + 11);
        let r = references("Superseded by ADR-0004", 0);
        assert_eq!(r[0].value, "0004");
    }
}
