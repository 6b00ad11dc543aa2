//! # front-matter-syntax
//!
//! **What it finds:** front matter (or a YAML file such as `people.yaml`) that cannot
//! be read: a first `---` line without a closing one, YAML that does not parse
//! (tabs for indentation, an unclosed bracket, lists and mappings nested more than
//! 128 levels deep, aliases that expand to more values than the text has bytes plus
//! 10,000, as an alias bomb does), a key written twice, front matter that is a list
//! or a single value instead of a mapping, a file that is not UTF-8 or contains NUL
//! bytes.
//!
//! **Why:** nothing else about the document can be judged when its front matter
//! cannot be read. docket reports the first problem at its line and skips the other
//! rules for that document, so one mistake is one finding.
//!
//! **Example:**
//!
//! ```markdown
//! ---
//! title: Use PostgreSQL
//! title: Use MySQL
//! ---
//! ```
//!
//! **Fix:** make the block valid YAML: one `key: value` per line, indented with
//! spaces, each key once, closed by a `---` line.

// Reported by the registry, which forwards the problems with code
// `docket_model::Problem::FrontMatterSyntax` under this rule's id (`rules/mod.rs`); this file is
// the rule's documentation and its tests.

#[cfg(test)]
mod tests {
    use crate::testing::{repo, run};

    #[test]
    fn fails_on_unclosed_front_matter_and_duplicates() {
        let r = repo(&[
            ("docs/decisions/0001-a.md", "---\ntitle: x\n"),
            ("docs/decisions/0002-b.md", "---\ntitle: x\ntitle: y\n---\n"),
            ("docs/decisions/0003-c.md", "---\n- a\n- b\n---\n"),
            (
                "docs/decisions/0004-d.md",
                "---\ntitle: x\nowner:\n\t- a\n---\n",
            ),
        ]);
        insta::assert_debug_snapshot!(run("front-matter-syntax", &r));
    }

    #[test]
    fn passes_on_bom_and_crlf() {
        let r = repo(&[(
            "docs/decisions/0001-a.md",
            "---\r\ntitle: x\r\nstatus: proposed\r\nowner: alice\r\ndate: 2026-11-24\r\n---\r\nBody\r\n",
        )]);
        assert_eq!(run("front-matter-syntax", &r), Vec::<String>::new());
    }
}
