//! Byte ranges of the keys and values of block YAML, found by scanning lines.
//!
//! serde_yaml gives positions only for errors, so this module reads the front matter
//! line by line, the way a person does: a top-level key is a `key:` at the block's
//! indentation, and its value runs until the next such key. Flow values (`[a, b]`)
//! and block values (indented lines, `- item` lines) are both covered. The scan
//! never fails: lines it does not understand belong to the value above them.

use std::ops::Range;

/// One `key: value` of a block mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The key as written, without quotes.
    pub key: String,
    /// The key's byte range in the file.
    pub key_range: Range<usize>,
    /// The value's byte range in the file; empty (just after the colon) when the
    /// value is missing.
    pub value_range: Range<usize>,
}

/// One `- ` item of a block sequence of mappings (people.yaml, meetings.yaml).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeqItem {
    /// The byte range of the whole item, from its dash.
    pub range: Range<usize>,
    /// The item's keys.
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, Copy)]
struct Line {
    /// Offset of the first non-blank character.
    content: usize,
    /// Offset just past the last non-blank character (before `\r\n`).
    end: usize,
    /// Column of the first non-blank character (spaces only; tabs count one).
    indent: usize,
}

fn lines(text: &str, range: Range<usize>) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = range.start;
    let bytes = text.as_bytes();
    while start < range.end {
        let stop = text[start..range.end]
            .find('\n')
            .map_or(range.end, |i| start + i);
        let mut content = start;
        while content < stop && (bytes[content] == b' ' || bytes[content] == b'\t') {
            content += 1;
        }
        let mut end = stop;
        while end > content && matches!(bytes[end - 1], b' ' | b'\t' | b'\r') {
            end -= 1;
        }
        if end > content && bytes[content] != b'#' {
            out.push(Line {
                content,
                end,
                indent: content - start,
            });
        }
        start = stop + 1;
    }
    out
}

/// Parses `key:` at `at`; returns the key, its range, and the offset after the colon.
fn key_at(text: &str, at: usize, end: usize) -> Option<(String, Range<usize>, usize)> {
    let s = &text[at..end];
    let first = s.chars().next()?;
    if matches!(
        first,
        '[' | '{' | '&' | '*' | '!' | '|' | '>' | '%' | '@' | '`'
    ) {
        return None;
    }
    // A dash starts a list item only before a blank; `-x:` and `-:` are keys to
    // YAML, and a scan that missed one gave its line to the value above (`docket
    // import` then dropped it with that value; found by the legacy fuzz target).
    if first == '-'
        && s.as_bytes()
            .get(1)
            .is_none_or(|b| matches!(b, b' ' | b'\t'))
    {
        return None;
    }
    if first == '"' || first == '\'' {
        let close = s[1..].find(first)? + 1;
        let after = &s[close + 1..];
        let colon = after.find(|c: char| c != ' ')?;
        if !after[colon..].starts_with(':') {
            return None;
        }
        let colon_at = at + close + 1 + colon;
        if !is_key_colon(text, colon_at, end) {
            return None;
        }
        return Some((s[1..close].to_string(), at..at + close + 1, colon_at + 1));
    }
    let mut search = 0;
    while let Some(i) = s[search..].find(':') {
        let colon_at = at + search + i;
        if is_key_colon(text, colon_at, end) {
            let key = text[at..colon_at].trim_end();
            return Some((key.to_string(), at..at + key.len(), colon_at + 1));
        }
        search += i + 1;
    }
    None
}

fn is_key_colon(text: &str, colon_at: usize, end: usize) -> bool {
    colon_at + 1 >= end || matches!(text.as_bytes()[colon_at + 1], b' ' | b'\t')
}

/// Scans the keys at column `key_col` of `block` (lines of one mapping). The first
/// line may start at a larger column (after `- `); `first_at` then says where its key
/// starts.
fn scan_block(text: &str, block: &[Line], key_col: usize, first_at: Option<usize>) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut open: Option<usize> = None; // the entry whose value is still running
    for (n, line) in block.iter().enumerate() {
        let (start, is_key_line) = match (n, first_at) {
            (0, Some(at)) => (at, true),
            _ => (
                line.content,
                line.indent == key_col && !text[line.content..].starts_with("- "),
            ),
        };
        let key = if is_key_line {
            key_at(text, start, line.end)
        } else {
            None
        };
        match key {
            Some((key, key_range, after_colon)) => {
                let mut value_start = after_colon;
                while value_start < line.end && text.as_bytes()[value_start] == b' ' {
                    value_start += 1;
                }
                let has_inline = value_start < line.end && text.as_bytes()[value_start] != b'#';
                let value_range = if has_inline {
                    value_start..line.end
                } else {
                    after_colon..after_colon
                };
                entries.push(Entry {
                    key,
                    key_range,
                    value_range,
                });
                open = Some(entries.len() - 1);
            }
            None => {
                // A continuation line: extends the open value.
                if let Some(i) = open {
                    let entry = &mut entries[i];
                    if entry.value_range.is_empty() {
                        entry.value_range = line.content..line.end;
                    } else {
                        entry.value_range.end = line.end;
                    }
                }
            }
        }
    }
    entries
}

/// The keys of the block mapping in `text[range]` (the front matter), with file
/// offsets. Keys are the lines at the smallest indentation.
pub fn scan_mapping(text: &str, range: Range<usize>) -> Vec<Entry> {
    let block = lines(text, range);
    let Some(col) = block.iter().map(|l| l.indent).min() else {
        return Vec::new();
    };
    scan_block(text, &block, col, None)
}

/// The items of the block sequence in `text[range]` (a YAML file such as
/// people.yaml), each with the keys of its mapping.
pub fn scan_sequence(text: &str, range: Range<usize>) -> Vec<SeqItem> {
    let all = lines(text, range);
    let Some(dash_col) = all
        .iter()
        .filter(|l| is_dash(text, l))
        .map(|l| l.indent)
        .min()
    else {
        return Vec::new();
    };
    let starts: Vec<usize> = all
        .iter()
        .enumerate()
        .filter(|(_, l)| l.indent == dash_col && is_dash(text, l))
        .map(|(i, _)| i)
        .collect();
    let mut items = Vec::new();
    for (k, &i) in starts.iter().enumerate() {
        let mut j = starts.get(k + 1).copied().unwrap_or(all.len());
        // An item ends early at a line outdented to or past its dash (another key).
        if let Some(stop) = all[i + 1..j].iter().position(|l| l.indent <= dash_col) {
            j = i + 1 + stop;
        }
        let block = &all[i..j];
        let dash = block[0];
        let mut key_at = dash.content + 1;
        while key_at < dash.end && text.as_bytes()[key_at] == b' ' {
            key_at += 1;
        }
        let key_col = dash.indent + (key_at - dash.content);
        let entries = if key_at < dash.end {
            scan_block(text, block, key_col, Some(key_at))
        } else {
            // `-` alone on its line: the mapping starts on the next line.
            let col = block[1..].iter().map(|l| l.indent).min().unwrap_or(key_col);
            scan_block(text, &block[1..], col, None)
        };
        let end = block.last().map_or(dash.end, |l| l.end);
        items.push(SeqItem {
            range: dash.content..end,
            entries,
        });
    }
    items
}

fn is_dash(text: &str, l: &Line) -> bool {
    let s = &text[l.content..l.end];
    s == "-" || s.starts_with("- ")
}

/// The range of the first occurrence of `needle` inside `text[range]`, for pointing at
/// one item of a list value. Falls back to `range` when it is not found.
pub fn find_in(text: &str, range: Range<usize>, needle: &str) -> Range<usize> {
    if needle.is_empty() {
        return range;
    }
    let hay = text.get(range.clone()).unwrap_or("");
    let mut from = 0;
    while let Some(i) = hay[from..].find(needle) {
        let s = from + i;
        let e = s + needle.len();
        // Prefer a whole token: `4` must not match inside `42`, nor `al` inside `al-team`.
        let token = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.');
        let before_ok = s == 0 || !token(hay.as_bytes()[s - 1]);
        let after_ok = e == hay.len() || !token(hay.as_bytes()[e]);
        if before_ok && after_ok {
            return range.start + s..range.start + e;
        }
        from = s + 1;
    }
    range
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slice(text: &str, r: &Range<usize>) -> String {
        text[r.clone()].to_string()
    }

    #[test]
    fn keys_and_values() {
        let text = "---\ntitle: Use PostgreSQL\nowner: alice # the owner\ntags: [a, b]\nsupersedes:\n  - 17\n  - 18\nempty:\n\"quoted key\": 1\n---\n";
        let entries = scan_mapping(text, 4..text.len() - 4);
        let got: Vec<(String, String, String)> = entries
            .iter()
            .map(|e| {
                (
                    e.key.clone(),
                    slice(text, &e.key_range),
                    slice(text, &e.value_range),
                )
            })
            .collect();
        assert_eq!(
            got[0],
            ("title".into(), "title".into(), "Use PostgreSQL".into())
        );
        assert_eq!(got[1].2, "alice # the owner");
        assert_eq!(got[2].2, "[a, b]");
        assert_eq!(got[3].2, "- 17\n  - 18");
        assert_eq!(got[4].2, "");
        assert_eq!(got[5].0, "quoted key");
        let r = find_in(text, entries[3].value_range.clone(), "18");
        assert_eq!(slice(text, &r), "18");
    }

    #[test]
    fn block_list_at_key_indent() {
        let text = "tags:\n- a\n- b\nowner: x\n";
        let entries = scan_mapping(text, 0..text.len());
        assert_eq!(entries.len(), 2);
        assert_eq!(slice(text, &entries[0].value_range), "- a\n- b");
    }

    /// Found by the legacy fuzz target: `-:` is a key to YAML, and the scan gave
    /// its line to the value above.
    #[test]
    fn a_key_may_start_with_a_dash() {
        let text = "date: 1\n-:\n-x: 2\ntags:\n- a\n-\n";
        let entries = scan_mapping(text, 0..text.len());
        let keys: Vec<&str> = entries.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["date", "-", "-x", "tags"]);
        assert_eq!(slice(text, &entries[0].value_range), "1");
        assert_eq!(slice(text, &entries[3].value_range), "- a\n-");
    }

    #[test]
    fn sequence_items() {
        let text = "# roster\n- id: alice\n  name: Alice\n  timezone: Europe/Berlin\n-\n  id: bob\n  name: Bob\n";
        let items = scan_sequence(text, 0..text.len());
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].entries.len(), 3);
        assert_eq!(
            slice(text, &items[0].entries[2].value_range),
            "Europe/Berlin"
        );
        assert_eq!(items[1].entries[0].key, "id");
        assert_eq!(slice(text, &items[1].entries[0].value_range), "bob");
    }

    #[test]
    fn whole_tokens() {
        let text = "supersedes: [42, 4]";
        let r = find_in(text, 12..text.len(), "4");
        assert_eq!(r, 17..18);
    }
}
