//! Splitting a document into its YAML front matter and its Markdown body.

use std::ops::Range;

use crate::SyntaxError;

/// A document split into front matter and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The byte range of the YAML text between the `---` lines, if the document has
    /// front matter.
    pub front_matter: Option<Range<usize>>,
    /// The byte range of the body (everything after the closing `---` line).
    pub body: Range<usize>,
}

/// Splits `text` (without BOM). A document has front matter when its first line is
/// `---`; the block ends at the next line that is `---` or `...`. Line endings may be
/// LF or CRLF. A first `---` line with no closing line is an error at line 1.
pub fn split_front_matter(text: &str) -> Result<Split, SyntaxError> {
    let first_end = text.find('\n').unwrap_or(text.len());
    if trim_line(&text[..first_end]) != "---" {
        return Ok(Split {
            front_matter: None,
            body: 0..text.len(),
        });
    }
    let yaml_start = (first_end + 1).min(text.len());
    let mut line_start = yaml_start;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        let line = trim_line(&text[line_start..line_end]);
        if line == "---" || line == "..." {
            let body_start = (line_end + 1).min(text.len());
            return Ok(Split {
                front_matter: Some(yaml_start..line_start),
                body: body_start..text.len(),
            });
        }
        line_start = line_end + 1;
    }
    Err(SyntaxError::new(
        0..3,
        "front matter starts with `---` but has no closing `---` line",
    ))
}

fn trim_line(line: &str) -> &str {
    line.trim_end_matches(['\r', ' ', '\t'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_lf_and_crlf() {
        for text in ["---\na: 1\n---\nbody\n", "---\r\na: 1\r\n---\r\nbody\r\n"] {
            let split = split_front_matter(text).unwrap_or_else(|e| panic!("{e:?}"));
            let fm = split.front_matter.unwrap_or(0..0);
            assert_eq!(text[fm].trim_end(), "a: 1");
            assert!(text[split.body].starts_with("body"));
        }
    }

    #[test]
    fn no_front_matter_is_all_body() {
        let split = split_front_matter("# 1. Title\n").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(split.front_matter, None);
        assert_eq!(split.body, 0..11);
    }

    #[test]
    fn unterminated_is_an_error_at_line_one() {
        let err = split_front_matter("---\ntitle: x\n").unwrap_err();
        assert_eq!(err.range, 0..3);
        assert!(split_front_matter("---").is_err());
    }

    #[test]
    fn empty_front_matter() {
        let split = split_front_matter("---\n---\n").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(split.front_matter, Some(4..4));
    }
}
