//! The export of pull requests docket reads: the JSON array that
//! `gh pr list --state all --json number,title,url,author,createdAt,mergedAt,closedAt,isDraft,reviews,comments,commits,mergeCommit`
//! writes (docs/guide/forge.md documents every field read). Unknown fields are
//! ignored; a missing field is `None` here, so that only the figures that need it
//! are unknown. Timestamps are RFC 3339 with any offset.
//!
//! Reading never panics: malformed JSON or a value of the wrong type is one
//! [`ExportError`] with the line and column serde_json gives, and the byte range
//! they name in the text.

use std::ops::Range;

use serde::Deserialize;

use crate::time::Time;

/// One pull request of the export.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Pull {
    /// `number`.
    pub number: Option<u64>,
    /// `title`.
    pub title: Option<String>,
    /// `url`, the pull request's web page.
    pub url: Option<String>,
    /// `author.login` (`null` for a deleted account).
    pub author: Option<Actor>,
    /// `createdAt`.
    pub created_at: Option<Time>,
    /// `readyForReviewAt`: when a draft was marked ready. `gh pr list` does not
    /// write it; a team may add it from the timeline. Reply times count from it
    /// when present.
    pub ready_for_review_at: Option<Time>,
    /// `mergedAt` (`null` while not merged).
    pub merged_at: Option<Time>,
    /// `closedAt` (`null` while open; set for merged ones too).
    pub closed_at: Option<Time>,
    /// `isDraft`: still a draft when exported.
    pub is_draft: Option<bool>,
    /// `reviews`; `None` when the field was not exported.
    pub reviews: Option<Vec<Review>>,
    /// `comments`; `None` when the field was not exported.
    pub comments: Option<Vec<Comment>>,
    /// `commits`; `None` when the field was not exported.
    pub commits: Option<Vec<CommitRef>>,
    /// `mergeCommit` (`null` while not merged).
    pub merge_commit: Option<CommitRef>,
}

/// An account (`author`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Actor {
    /// `login`.
    pub login: Option<String>,
}

/// One review.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Review {
    /// `author.login`.
    pub author: Option<Actor>,
    /// `state`: `APPROVED`, `COMMENTED`, `CHANGES_REQUESTED`, `DISMISSED`, `PENDING`.
    pub state: Option<String>,
    /// `submittedAt` (`null` for a pending review).
    pub submitted_at: Option<Time>,
}

/// One conversation comment.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Comment {
    /// `author.login`.
    pub author: Option<Actor>,
    /// `createdAt`.
    pub created_at: Option<Time>,
}

/// A commit (`commits[]`, `mergeCommit`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct CommitRef {
    /// `oid`, the full commit id.
    pub oid: Option<String>,
}

impl Pull {
    /// The login of the author.
    pub fn author_login(&self) -> Option<&str> {
        login(self.author.as_ref())
    }

    /// Whether it is still open (neither closed nor merged).
    pub fn is_open(&self) -> bool {
        self.closed_at.is_none() && self.merged_at.is_none()
    }

    /// Whether it was still a draft when exported.
    pub fn is_draft(&self) -> bool {
        self.is_draft == Some(true)
    }

    /// When it asked for replies: when it was marked ready if the export says so,
    /// else when it was opened.
    pub fn asked_at(&self) -> Option<Time> {
        self.ready_for_review_at.or(self.created_at)
    }

    /// `#123`, or `a pull request` without a number.
    pub fn label(&self) -> String {
        self.number
            .map_or_else(|| "a pull request".to_string(), |n| format!("#{n}"))
    }
}

impl Review {
    /// The reviewer's login.
    pub fn login(&self) -> Option<&str> {
        login(self.author.as_ref())
    }

    /// Whether the review approves.
    pub fn is_approval(&self) -> bool {
        self.state
            .as_deref()
            .is_some_and(|s| s.eq_ignore_ascii_case("APPROVED"))
    }
}

impl Comment {
    /// The commenter's login.
    pub fn login(&self) -> Option<&str> {
        login(self.author.as_ref())
    }
}

fn login(actor: Option<&Actor>) -> Option<&str> {
    actor
        .and_then(|a| a.login.as_deref())
        .map(str::trim)
        .filter(|l| !l.is_empty())
}

/// What cannot be read in an export.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ExportError {
    /// What is wrong, from serde_json, in docket's words.
    pub message: String,
    /// 1-based line (0 when unknown).
    pub line: usize,
    /// 1-based column (0 when unknown).
    pub column: usize,
    /// The byte range of that position in the text.
    pub range: Range<usize>,
}

/// Reads an export. An empty array is an export of no pull requests.
pub fn parse_export(text: &str) -> Result<Vec<Pull>, ExportError> {
    let file = text;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Ranges index the file as written, byte order mark included.
    let bom = file.len() - text.len();
    serde_json::from_str::<Vec<Pull>>(text).map_err(|e| {
        // serde_json says column 0 at the start of a line (after a newline);
        // positions are 1-based.
        let (line, column) = (e.line().max(1), e.column().max(1));
        let at = offset_of(text, line, column) + bom;
        let message = match e.classify() {
            serde_json::error::Category::Data => format!(
                "the pull-request export does not have the shape `gh pr list --json` writes: {}",
                strip_position(&e.to_string())
            ),
            _ => format!(
                "the pull-request export is not valid JSON: {}",
                strip_position(&e.to_string())
            ),
        };
        ExportError {
            message,
            line,
            column,
            range: at..at,
        }
    })
}

/// serde_json's message without its ` at line L column C` tail (the finding
/// carries the position itself).
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// The byte offset of a 1-based line and column (serde_json counts the column in
/// bytes, and points at the character it stopped at), kept on a character boundary.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    if line == 0 {
        return 0;
    }
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => break,
        }
    }
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let mut at = (start + column.saturating_sub(1)).min(line_end);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn unknown_fields_are_ignored_and_missing_ones_are_none() {
        let pulls = parse_export(
            r#"[{"number": 7, "labels": [], "author": {"login": "ada", "is_bot": false},
                "createdAt": "2026-11-24T10:00:00+05:30", "files": [{"path": "x"}]}]"#,
        )
        .unwrap();
        assert_eq!(pulls[0].number, Some(7));
        assert_eq!(pulls[0].author_login(), Some("ada"));
        // Any offset: 10:00 at UTC+05:30 is 04:30 UTC.
        assert_eq!(
            pulls[0].created_at,
            Some("2026-11-24T04:30:00Z".parse().unwrap())
        );
        assert_eq!(pulls[0].reviews, None);
        assert_eq!(pulls[0].merge_commit, None);
    }

    #[test]
    fn malformed_json_and_wrong_shapes_have_a_line() {
        let e = parse_export("[\n  {\"number\": 1,\n  \"title\": }\n]").unwrap_err();
        assert_eq!((e.line, e.column), (3, 12));
        assert!(
            e.message
                .starts_with("the pull-request export is not valid JSON")
        );
        let text = "[\n {\"number\": \"one\"}\n]";
        let e = parse_export(text).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("shape"), "{}", e.message);
        // serde_json stops at the end of the value of the wrong type.
        assert!(text[..e.range.start].ends_with("\"one"), "{e:?}");
        let e = parse_export("{\"pulls\": []}").unwrap_err();
        assert_eq!(e.line, 1);
        let e = parse_export("[{\"createdAt\": \"yesterday\"}]").unwrap_err();
        assert!(e.message.contains("shape"), "{}", e.message);
        assert!(parse_export("").is_err());
        assert_eq!(parse_export("[]").unwrap(), vec![]);
    }
}
