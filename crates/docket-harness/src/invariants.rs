//! The invariants, as functions that say what is wrong (`Err` with a sentence) so
//! that a fuzz target can panic with it and a property test can `prop_assert` it.
//!
//! - [`range_in`]: a byte range lies inside its text and starts and ends on
//!   character boundaries (what every diagnostic, key and value range must do, or a
//!   renderer slicing the line panics or points at the wrong column).
//! - [`safe_html`]: HTML holds no element that runs or loads script or changes how
//!   the rest is parsed (`<script>`, `<iframe>`, `<svg>`, `<style>`, `<base>`, …),
//!   no event-handler attribute (`on…=`) and no `javascript:`, `vbscript:` or
//!   `data:` URL in a URL attribute, after entities and the characters browsers
//!   ignore in URLs are taken into account.
//! - [`safe_output_path`]: a site-relative file path stays inside the output
//!   folder on every system: no `..`, no absolute path, no backslash, no drive
//!   colon, no empty segment.
//! - [`kept_body_lines`]: `docket import` kept every line of a record's body but
//!   the metadata lines it moved into front matter.

use std::ops::Range;

/// Whether `range` lies inside `text` and on character boundaries.
pub fn range_in(text: &str, range: &Range<usize>) -> Result<(), String> {
    if range.start > range.end {
        return Err(format!("range {range:?} ends before it starts"));
    }
    if range.end > text.len() {
        return Err(format!(
            "range {range:?} ends past the text ({} bytes)",
            text.len()
        ));
    }
    for at in [range.start, range.end] {
        if !text.is_char_boundary(at) {
            return Err(format!(
                "range {range:?} has byte {at} inside a character of the text"
            ));
        }
    }
    Ok(())
}

/// Elements that run or load script, or that make a browser parse what follows
/// differently from this checker (raw text, foreign content, templates), so none may
/// appear in sanitized HTML at all.
const FORBIDDEN_ELEMENTS: &[&str] = &[
    "script",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "meta",
    "link",
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "svg",
    "math",
    "template",
    "noscript",
    "noembed",
    "noframes",
    "xmp",
    "plaintext",
    "title",
    "portal",
];

/// Attributes whose value a browser follows as a URL.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "background",
    "cite",
    "data",
    "codebase",
    "srcset",
    "longdesc",
    "usemap",
    "manifest",
    "ping",
    "lowsrc",
    "dynsrc",
    "profile",
    "classid",
    "archive",
    "icon",
];

/// Whether `html` is safe to put in a page as it is (see the module's comment).
/// The checker reads tags the way an HTML tokenizer does (quoted attribute values
/// may hold `>`; comments are skipped), so text that only looks like a tag is not
/// a finding and a tag hidden in an attribute value is not missed.
pub fn safe_html(html: &str) -> Result<(), String> {
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let lt = i + off;
        let rest = &html[lt + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            i = match comment.find("-->") {
                Some(end) => lt + 4 + end + 3,
                None => html.len(),
            };
            continue;
        }
        let mut j = lt + 1;
        if bytes.get(j) == Some(&b'/') {
            j += 1;
        }
        let name_start = j;
        while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'-') {
            j += 1;
        }
        if j == name_start || !bytes[name_start].is_ascii_alphabetic() {
            // `<` not followed by a letter is text to a browser.
            i = lt + 1;
            continue;
        }
        let name = html[name_start..j].to_ascii_lowercase();
        if FORBIDDEN_ELEMENTS.contains(&name.as_str()) {
            return Err(format!("element `<{name}>` at byte {lt}"));
        }
        // Attributes, up to the `>` that ends the tag.
        loop {
            while j < bytes.len() && (bytes[j].is_ascii_whitespace() || bytes[j] == b'/') {
                j += 1;
            }
            if j >= bytes.len() || bytes[j] == b'>' {
                break;
            }
            let attr_start = j;
            while j < bytes.len()
                && !bytes[j].is_ascii_whitespace()
                && !matches!(bytes[j], b'/' | b'>' | b'=')
            {
                j += 1;
            }
            if j == attr_start {
                // A stray `=`: a browser reads it as the start of a name.
                j += 1;
                continue;
            }
            let attr = html[attr_start..j].to_ascii_lowercase();
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            let mut value = "";
            if bytes.get(j) == Some(&b'=') {
                j += 1;
                while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
                match bytes.get(j) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let end = html[j + 1..]
                            .find(q as char)
                            .map_or(html.len(), |e| j + 1 + e);
                        value = &html[j + 1..end];
                        j = (end + 1).min(html.len());
                    }
                    _ => {
                        let start = j;
                        while j < bytes.len() && !bytes[j].is_ascii_whitespace() && bytes[j] != b'>'
                        {
                            j += 1;
                        }
                        value = &html[start..j];
                    }
                }
            }
            if attr.starts_with("on") {
                return Err(format!(
                    "event handler `{attr}` on `<{name}>` at byte {attr_start}"
                ));
            }
            if URL_ATTRIBUTES.contains(&attr.as_str())
                && let Some(scheme) = dangerous_url(value)
            {
                return Err(format!(
                    "`{scheme}` URL in `{attr}` of `<{name}>` at byte {attr_start}: `{value}`"
                ));
            }
            if attr == "style" {
                let css = decode_entities(value).to_ascii_lowercase();
                if css.contains("url(") || css.contains("expression(") || css.contains("@import") {
                    return Err(format!(
                        "style that loads something on `<{name}>` at byte {attr_start}"
                    ));
                }
            }
        }
        i = j.min(html.len());
    }
    Ok(())
}

/// The dangerous scheme a URL attribute's value has, as a browser reads it: entities
/// decoded, tabs and line breaks anywhere removed, leading spaces and control
/// characters ignored, any case; `data:` with spaces before its type too.
pub fn dangerous_url(value: &str) -> Option<&'static str> {
    let decoded: String = decode_entities(value)
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let url = decoded
        .trim_start_matches(|c: char| c <= ' ')
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .into_iter()
        .find(|scheme| url.starts_with(scheme))
}

/// `s` with the character references a browser decodes in an attribute value:
/// numeric ones (with or without `;`) and the named ones that matter for URLs.
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let (decoded, used) = entity(rest);
        match decoded {
            Some(c) => out.push(c),
            None => out.push('&'),
        }
        rest = &rest[used.max(1)..];
    }
    out.push_str(rest);
    out
}

/// The character `&…` at the start of `s` stands for, and how many bytes it takes.
fn entity(s: &str) -> (Option<char>, usize) {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let hex = matches!(b.get(2), Some(b'x' | b'X'));
        let start = if hex { 3 } else { 2 };
        let radix = if hex { 16 } else { 10 };
        let mut end = start;
        while end < b.len() && (b[end] as char).is_digit(radix) {
            end += 1;
        }
        if end == start {
            return (None, 1);
        }
        let code = u32::from_str_radix(&s[start..end], radix).unwrap_or(0xFFFD);
        let c = char::from_u32(code).unwrap_or('\u{FFFD}');
        let used = if b.get(end) == Some(&b';') {
            end + 1
        } else {
            end
        };
        return (Some(c), used);
    }
    for (name, c) in [
        ("&colon;", ':'),
        ("&tab;", '\t'),
        ("&newline;", '\n'),
        ("&amp;", '&'),
        ("&amp", '&'),
        ("&lt;", '<'),
        ("&lt", '<'),
        ("&gt;", '>'),
        ("&gt", '>'),
        ("&quot;", '"'),
        ("&quot", '"'),
        ("&apos;", '\''),
        ("&nbsp;", '\u{a0}'),
        ("&nbsp", '\u{a0}'),
    ] {
        if s.len() >= name.len() && s[..name.len()].eq_ignore_ascii_case(name) {
            return (Some(c), name.len());
        }
    }
    (None, 1)
}

/// Whether the site-relative file path `path` stays inside the output folder.
pub fn safe_output_path(path: &str) -> Result<(), String> {
    if path.is_empty() {
        return Err("the path is empty".into());
    }
    if path.starts_with('/') {
        return Err(format!("`{path}` is absolute"));
    }
    if path.contains('\\') {
        return Err(format!("`{path}` holds a backslash"));
    }
    if path.contains(':') {
        return Err(format!("`{path}` holds a colon (a drive on Windows)"));
    }
    if path.contains('\0') {
        return Err(format!("`{path}` holds a NUL byte"));
    }
    for segment in path.split('/') {
        match segment {
            "" => return Err(format!("`{path}` has an empty segment")),
            "." | ".." => return Err(format!("`{path}` has a `{segment}` segment")),
            _ => {}
        }
    }
    Ok(())
}

/// Whether `after_body` holds every non-blank line of `before[body]` whose start is
/// not the start of one of the `moved` ranges, in order and nothing else
/// (`docket import` may only drop the moved lines and the blank lines their removal
/// doubles). Line ends are compared without `\r`.
pub fn kept_body_lines(
    before: &str,
    body: Range<usize>,
    moved: &[Range<usize>],
    after_body: &str,
) -> Result<(), String> {
    let mut expected = Vec::new();
    let mut offset = body.start;
    for line in before.get(body).unwrap_or("").split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let line = line.trim_end_matches(['\n', '\r']);
        if moved.iter().any(|m| m.start == start) || line.trim().is_empty() {
            continue;
        }
        expected.push(line);
    }
    let got: Vec<&str> = after_body
        .split_inclusive('\n')
        .map(|l| l.trim_end_matches(['\n', '\r']))
        .filter(|l| !l.trim().is_empty())
        .collect();
    if expected == got {
        return Ok(());
    }
    let at = expected
        .iter()
        .zip(&got)
        .position(|(a, b)| a != b)
        .unwrap_or(expected.len().min(got.len()));
    Err(format!(
        "body line {} differs: expected {:?}, found {:?}",
        at + 1,
        expected.get(at),
        got.get(at)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        assert!(range_in("héllo", &(0..1)).is_ok());
        assert!(range_in("héllo", &(0..2)).is_err(), "inside `é`");
        assert!(range_in("abc", &(2..4)).is_err());
        assert!(range_in("abc", &(3..3)).is_ok());
        #[allow(clippy::reversed_empty_ranges)]
        let reversed = 2..1;
        assert!(range_in("abc", &reversed).is_err());
    }

    #[test]
    fn html_that_runs_script_is_found() {
        for bad in [
            "<script>alert(1)</script>",
            "<p><ScRiPt src=x></p>",
            "<img src=x onerror=alert(1)>",
            "<a href=\"java&#115;cript:alert(1)\">x</a>",
            "<a href=\"&#x6A;avascript&colon;alert(1)\">x</a>",
            "<a href=' \u{1}javascript:alert(1)'>x</a>",
            "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
            "<a href=\"VBScript:x\">x</a>",
            "<a href=\"data: text/html,<script>\">x</a>",
            "<iframe src=x></iframe>",
            "<svg><a xlink:href=x>",
            "<div style=\"background:url(x)\">",
            "<a title=\"x>\" onclick=y>",
        ] {
            assert!(safe_html(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn harmless_html_is_not_a_finding() {
        for good in [
            "<p>a &lt;script&gt; and onclick=x, javascript:x</p>",
            "<a href=\"https://example.com/?q=javascript:x\" rel=\"noopener noreferrer\">x</a>",
            "<a title=\"<script>\" href=\"a.html\">x</a>",
            "<!-- <script> --><p>x</p>",
            "<p>1 < 2 and x<-y</p>",
            "<h2 id=\"options\">Options</h2><td style=\"text-align: left\">x</td>",
        ] {
            assert_eq!(safe_html(good), Ok(()), "{good}");
        }
    }

    #[test]
    fn output_paths() {
        assert!(safe_output_path("decisions/0001-x.html").is_ok());
        for bad in ["", "/x", "a/../b", "a//b", "a\\b", "c:/x", "./x", "a/"] {
            assert!(safe_output_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn body_lines() {
        let before = "# T\n\nDate: 2024\n\nText\n";
        let moved = vec![Range { start: 5, end: 16 }];
        assert!(kept_body_lines(before, 0..before.len(), &moved, "# T\n\nText\n").is_ok());
        assert!(kept_body_lines(before, 0..before.len(), &[], "# T\n\nText\n").is_err());
        assert!(kept_body_lines(before, 0..before.len(), &moved, "# T\n").is_err());
    }
}
