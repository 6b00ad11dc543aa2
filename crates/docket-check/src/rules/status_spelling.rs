//! # status-spelling
//!
//! **What it finds:** a status in docket's own front matter written in another case
//! than docket's: `status: Accepted`, `ACCEPTED` or `Superseded` for `accepted`,
//! `superseded` (and `Active` for a brief's `active`). docket reads the status
//! without regard to case, so the record counts as `accepted` everywhere (the site,
//! `decisions.json`, `docket status`, the metrics, every other rule); this finding
//! only asks for the spelling docket writes.
//!
//! Records in another tool's format keep that tool's spelling without a finding:
//! MADR's `status: Accepted`, adr-tools' `## Status` / `Accepted` are how those
//! formats write it, and `docket import` writes the status in docket's spelling
//! when it gives such a record docket front matter. A status that is no known word
//! in any case (`approved`) is an `invalid-value`.
//!
//! **Why:** one spelling per status keeps searches, `grep`, diffs and other tools
//! that read the front matter (editors' schemas, scripts) in agreement with docket.
//!
//! **Example:**
//!
//! ```yaml
//! ---
//! title: Use PostgreSQL
//! status: Accepted   # docket writes `accepted`
//! ---
//! ```
//!
//! **Fix:** write the status in lowercase, as the help says (`status: accepted`).

// Reported by the registry, which forwards the problems with code
// `docket_model::Problem::StatusSpelling` under this rule's id (`rules/mod.rs`); this
// file is the rule's documentation and its tests.

#[cfg(test)]
mod tests {
    use crate::testing::{repo, run};

    #[test]
    fn fails_on_another_case_in_docket_front_matter() {
        let r = repo(&[
            (
                "docs/decisions/0001-a.md",
                "---\ntitle: A\nstatus: Proposed\nowner: alice\ndate: 2026-11-23\n---\n",
            ),
            (
                "docs/decisions/0002-b.md",
                "---\ntitle: B\nstatus: SUPERSEDED\nowner: alice\ndate: 2026-11-20\nsuperseded_by: 1\n---\n",
            ),
            (
                "docs/briefs/x.md",
                "---\ntitle: X\nowner: alice\ndeadline: 2026-12-01\nstatus: Active\n---\n## Context\nx\n## Expected output\nx\n## Acceptance criteria\nx\n",
            ),
        ]);
        insta::assert_debug_snapshot!(run("status-spelling", &r));
    }

    #[test]
    fn passes_on_docket_spelling_and_other_formats() {
        let r = repo(&[
            (
                "docs/decisions/0001-a.md",
                "---\ntitle: A\nstatus: proposed\nowner: alice\ndate: 2026-11-23\n---\n",
            ),
            // MADR's own spelling, and an adr-tools record.
            (
                "docs/decisions/0002-b.md",
                "---\nstatus: Accepted\ndate: 2024-05-02\n---\n# B\n",
            ),
            (
                "docs/decisions/0003-c.md",
                "# 3. C\n\nDate: 2016-02-12\n\n## Status\n\nAccepted\n",
            ),
            // Not a status in any case: `invalid-value`'s, not this rule's.
            (
                "docs/decisions/0004-d.md",
                "---\ntitle: D\nstatus: Approved\nowner: alice\ndate: 2026-11-23\n---\n",
            ),
        ]);
        assert_eq!(run("status-spelling", &r), Vec::<String>::new());
    }
}
