//! # invalid-value
//!
//! **What it finds:** a value of the wrong type or outside its allowed set: a
//! `status` that is not one of the kind's statuses, a date that is not ISO 8601, a
//! duration such as `soon` instead of `48h`, a list where one value is expected, a
//! time zone that is not an IANA name, an `id` that looks like a path, a decision file
//! whose name does not start with a number.
//!
//! **Why:** the site, `status` and `metrics` compute with these values; a wrong one
//! would silently drop the document from a list or a figure.
//!
//! **Example:**
//!
//! ```yaml
//! status: approved      # not one of proposed, accepted, rejected, superseded, deprecated
//! date: 24/11/2026      # not ISO 8601
//! ```
//!
//! **Fix:** write one of the values the help line lists.

// Reported by the registry, which forwards the problems with code
// `docket_model::Problem::InvalidValue` under this rule's id (`rules/mod.rs`); this file is
// the rule's documentation and its tests.

#[cfg(test)]
mod tests {
    use crate::testing::{repo, run};

    #[test]
    fn fails_on_wrong_values() {
        let r = repo(&[
            (
                "docs/decisions/0001-a.md",
                "---\ntitle: [a, b]\nstatus: approved\nowner: alice\ndate: 24/11/2026\nid: ../../etc/passwd\n---\n",
            ),
            ("docs/decisions/notes.md", "---\ntitle: x\n---\n"),
            (
                "docs/people.yaml",
                "- id: alice\n  name: A\n  timezone: Mars/Olympus\n",
            ),
        ]);
        insta::assert_debug_snapshot!(run("invalid-value", &r));
    }

    #[test]
    fn passes_on_valid_values() {
        let r = repo(&[(
            "docs/decisions/0001-a.md",
            "---\ntitle: A\nstatus: proposed\nowner: alice\ndate: 2026-11-24T10:00:00+01:00\nid: 1\ntags: [x]\n---\n",
        )]);
        assert_eq!(run("invalid-value", &r), Vec::<String>::new());
    }
}
