//! What docket shows must be true (the issue "Everything docket shows is true"): each
//! test here is named after a finding of a new user's first week and failed before
//! its fix.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{assert_diag, minimal_repo_with};

/// Point 9: a YAML syntax error points at the line where the broken value starts, says
/// what is wrong in words a writer understands, and gives the fix. Before, an
/// unclosed quote on line 2 was reported at the closing `---` with the parser's
/// "found unexpected end of stream".
#[test]
fn yaml_errors_point_at_the_broken_value_and_say_how_to_fix_it() {
    let repo = minimal_repo_with(&[
        (
            "docs/decisions/0001-unclosed.md",
            b"---\ntitle: \"Use PostgreSQL\nstatus: proposed\nowner: alice\ndate: 2026-11-20\n---\nBody.\n",
        ),
        (
            "docs/decisions/0002-colon.md",
            b"---\ntitle: D: the sequel\nstatus: proposed\nowner: alice\ndate: 2026-11-20\n---\nBody.\n",
        ),
    ]);
    let run = repo.check_json(&[]);
    let diags = run.diagnostics();
    let quote = assert_diag(
        &diags,
        "front-matter-syntax",
        "docs/decisions/0001-unclosed.md",
        2,
    );
    assert_eq!(quote.column, 8, "at the opening quote");
    assert!(
        quote
            .message
            .contains("the quote that starts the value of `title` is never closed")
            && quote
                .message
                .contains("close it with `\"` on the same line"),
        "{}",
        quote.message
    );
    let colon = assert_diag(
        &diags,
        "front-matter-syntax",
        "docs/decisions/0002-colon.md",
        2,
    );
    assert!(
        colon.message.contains("contains `: `")
            && colon
                .message
                .contains("quote the value: `title: \"D: the sequel\"`"),
        "{}",
        colon.message
    );
}
