//! `[limits] max_document_bytes`: a document larger than the limit (10 MB unless
//! docket.toml says otherwise) is not read or parsed; it is one `unreadable-file`
//! finding at line 1, column 1, giving its size and the limit, and the rest of the
//! handbook is checked as usual.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{ACCEPTED, MINIMAL, Repo, assert_diag, listing, of_file};

/// A decision with a valid front matter and a body of `body` bytes.
fn decision(body: usize) -> String {
    let mut text = String::from(
        "---\ntitle: Large\nstatus: accepted\nowner: alice\ndate: 2026-11-01\ndecided: 2026-11-02\n---\n## Options\n\n- a\n- b\n\n## Decision\n\n",
    );
    let line = "This line repeats to make the record large, and nothing in it is wrong.\n";
    while text.len() < body {
        text.push_str(line);
    }
    text.truncate(body);
    text
}

#[test]
fn a_document_over_the_default_limit_is_one_finding_and_not_parsed() {
    let repo = Repo::new();
    // One byte over 10 MB, and broken front matter that would be a finding if
    // the file were parsed.
    let mut large = decision(10_000_001);
    large.replace_range(0..4, "---\ntitle: [unclosed\n");
    large.truncate(10_000_001);
    assert_eq!(large.len(), 10_000_001);
    repo.write_all(MINIMAL)
        .write("docs/decisions/0001-large.md", &large)
        .write("docs/decisions/0002-use-postgresql.md", ACCEPTED)
        .commit("a large record");
    let run = repo.check_json(&[]);
    run.assert_code(1);
    let diags = run.diagnostics();
    let found = of_file(&diags, "docs/decisions/0001-large.md");
    assert_eq!(found.len(), 1, "only the size:\n{}", listing(&diags));
    let d = assert_diag(&diags, "unreadable-file", "docs/decisions/0001-large.md", 1);
    assert_eq!((d.line, d.column), (1, 1));
    assert!(
        d.message
            .contains("file is 10000001 bytes (10.0 MB), over the limit of 10000000 bytes"),
        "{}",
        d.message
    );
    assert!(d.message.contains("max_document_bytes"), "{}", d.message);
    assert_eq!(
        diags.len(),
        1,
        "the other documents are fine:\n{}",
        listing(&diags)
    );
    // Exactly at the limit is read.
    repo.write("docs/decisions/0001-large.md", decision(10_000_000));
    let diags = repo.check_json(&[]).diagnostics();
    assert!(diags.is_empty(), "{}", listing(&diags));
}

#[test]
fn the_limit_is_set_in_docket_toml() {
    let repo = Repo::new();
    repo.write_all(MINIMAL)
        .write("docket.toml", "[limits]\nmax_document_bytes = 2_000\n")
        .write("docs/decisions/0001-large.md", decision(2_001))
        .write("docs/decisions/0002-small.md", decision(1_999))
        .commit("records");
    let run = repo.check_human(&[]);
    assert!(
        run.stdout.contains("docs/decisions/0001-large.md:1:1"),
        "{run}"
    );
    assert!(
        run.stdout
            .contains("file is 2001 bytes (2 KB), over the limit of 2000 bytes (2 KB)"),
        "{run}"
    );
    assert!(!run.stdout.contains("0002-small.md"), "{run}");
    // A limit that is no number of bytes is a mistake in docket.toml, with its place.
    repo.write("docket.toml", "[limits]\nmax_document_bytes = \"2MB\"\n");
    let run = repo.check_human(&[]);
    run.assert_code(2);
    assert!(run.stderr.contains("docket.toml:2:22"), "{run}");
    assert!(
        run.stderr
            .contains("`max_document_bytes` must be a whole number of bytes greater than 0"),
        "{run}"
    );
}

#[test]
fn a_larger_limit_lets_a_larger_record_be_read() {
    let repo = Repo::new();
    repo.write_all(MINIMAL)
        .write("docket.toml", "[limits]\nmax_document_bytes = 50_000_000\n")
        .write("docs/decisions/0001-large.md", decision(12_000_000));
    let run = repo.check_json(&[]);
    let diags = run.diagnostics();
    assert!(diags.is_empty(), "read and parsed:\n{}", listing(&diags));
    assert_eq!(run.summary().files, 4, "{run}");
}
