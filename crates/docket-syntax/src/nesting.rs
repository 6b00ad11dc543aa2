//! How deep the flow collections (`[…]`, `{…}`) of YAML text nest, measured before
//! the text is parsed.
//!
//! libyaml, under serde_yaml, looks at every pending "simple key" on every token,
//! and each open flow collection holds one, so `[[[[…` costs the square of its
//! depth, all before serde_yaml's own limit of 128 levels refuses the document:
//! 40 KB of brackets took seconds, a few megabytes would take hours (found while
//! seeding the fuzzers, `fuzz/README.md`). Text nested deeper than that limit is
//! refused here instead, at the bracket that passes it, in one linear pass.
//!
//! The pass reads just enough YAML to tell a bracket that opens a collection from
//! one inside a quoted, plain or block scalar or a comment. Where it cannot tell
//! (tags, plain scalars spanning lines), it counts fewer levels rather than more,
//! so a document serde_yaml would read is never refused.

/// The deepest nesting serde_yaml reads (its recursion limit).
pub(crate) const MAX_DEPTH: usize = 128;

/// The byte offset in `src` of the `[` or `{` that opens level `MAX_DEPTH + 1`,
/// if any.
pub(crate) fn too_deep(src: &str) -> Option<usize> {
    let b = src.as_bytes();
    let mut depth = 0usize;
    // Whether a scalar or collection may start here (a bracket opens a collection,
    // a quote a quoted scalar).
    let mut value_start = true;
    let mut line_start = 0;
    let mut indent: Option<usize> = None;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b'\n' => {
                i += 1;
                line_start = i;
                indent = None;
                value_start = true;
                continue;
            }
            b' ' | b'\t' | b'\r' => {
                i += 1;
                continue;
            }
            b'#' if i == 0 || matches!(b[i - 1], b' ' | b'\t' | b'\n' | b'\r') => {
                i = line_end(b, i);
                continue;
            }
            _ => {}
        }
        let line_indent = *indent.get_or_insert(i - line_start);
        if depth == 0 {
            if value_start {
                match c {
                    b'[' | b'{' => {
                        depth = 1;
                        i += 1;
                        continue;
                    }
                    b'"' | b'\'' => {
                        i = skip_quoted(b, i);
                        value_start = false;
                        continue;
                    }
                    b'|' | b'>' => {
                        i = skip_block_scalar(b, i, line_indent);
                        continue;
                    }
                    b'-' | b'?' if separated(b, i + 1) => {
                        i += 1;
                        continue;
                    }
                    b'!' | b'&' => {
                        // A tag or an anchor: the value follows it.
                        while i < b.len() && !matches!(b[i], b' ' | b'\t' | b'\r' | b'\n') {
                            i += 1;
                        }
                        continue;
                    }
                    _ => value_start = false,
                }
            }
            if c == b':' && separated(b, i + 1) {
                value_start = true;
            }
            i += 1;
            continue;
        }
        match c {
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i);
                }
                value_start = true;
            }
            b']' | b'}' => {
                depth -= 1;
                value_start = false;
            }
            b',' | b':' | b'?' => value_start = true,
            b'"' | b'\'' if value_start => {
                i = skip_quoted(b, i);
                value_start = false;
                continue;
            }
            _ => value_start = false,
        }
        i += 1;
    }
    None
}

/// Whether `b[at]` separates a `-`, `?` or `:` indicator from what follows.
fn separated(b: &[u8], at: usize) -> bool {
    b.get(at)
        .is_none_or(|c| matches!(c, b' ' | b'\t' | b'\r' | b'\n'))
}

/// The offset of the line break that ends the line holding `at` (or the end).
fn line_end(b: &[u8], at: usize) -> usize {
    b[at..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(b.len(), |p| at + p)
}

/// The offset just past the quoted scalar that starts at `at` (which may span
/// lines), or the end when it is never closed.
fn skip_quoted(b: &[u8], at: usize) -> usize {
    let quote = b[at];
    let mut j = at + 1;
    while j < b.len() {
        match b[j] {
            b'\\' if quote == b'"' => j += 2,
            c if c == quote => {
                if quote == b'\'' && b.get(j + 1) == Some(&b'\'') {
                    j += 2;
                } else {
                    return j + 1;
                }
            }
            _ => j += 1,
        }
    }
    b.len()
}

/// The offset of the line break before the first line after the block scalar
/// (`|` or `>`) at `at` that is not blank and not indented more than `indent`, the
/// indentation of the indicator's line; the end when the scalar runs to it.
fn skip_block_scalar(b: &[u8], at: usize, indent: usize) -> usize {
    let mut end = line_end(b, at);
    while end < b.len() {
        let start = end + 1;
        let spaces = b[start..].iter().take_while(|&&c| c == b' ').count();
        let next = line_end(b, start);
        let blank = b[start..next]
            .iter()
            .all(|c| matches!(c, b' ' | b'\t' | b'\r'));
        if !blank && spaces <= indent {
            return end;
        }
        end = next;
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(open: &str, n: usize) -> String {
        format!("tags: {}\n", open.repeat(n))
    }

    #[test]
    fn refuses_flow_collections_past_the_limit() {
        let deep = format!("title: x\n{}", nested("[", MAX_DEPTH + 1));
        assert_eq!(too_deep(&deep), Some(deep.len() - 2));
        assert_eq!(too_deep(&nested("{a: ", 5000)), Some(6 + 4 * MAX_DEPTH));
        assert_eq!(too_deep(&format!("- {}", "[".repeat(200))), Some(130));
    }

    #[test]
    fn reads_documents_serde_yaml_reads() {
        for ok in [
            nested("[", MAX_DEPTH),
            format!("title: \"{}\"\n", "[".repeat(500)),
            format!("title: '{}''{}'\n", "[".repeat(500), "{".repeat(500)),
            format!("title: a{}\n", "[".repeat(500)),
            format!("# {}\ntitle: x\n", "[".repeat(500)),
            format!(
                "text: |\n  {}\n  {}\nnext: 1\n",
                "[".repeat(500),
                "{".repeat(500)
            ),
            format!("text: >-\n\n    {}\n", "[".repeat(500)),
            format!("tags: [\"{}\", '{}']\n", "[".repeat(500), "{".repeat(500)),
            format!("tags: [a # {}\n  ]\n", "[".repeat(500)),
        ] {
            assert_eq!(too_deep(&ok), None, "{ok}");
        }
    }
}
