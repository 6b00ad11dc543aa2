//! # skipped-link
//!
//! **What it finds:** a symbolic link in the handbook that docket does not follow: one
//! that points outside the repository, one that points at a folder, or one whose
//! target does not exist.
//!
//! **Why:** a handbook is what the repository holds. Following a link out of it
//! would publish files nobody reviewed in a pull request, and following links to
//! folders can loop forever. Links to files inside the repository are read normally.
//!
//! **Example:** `docs/secrets.md -> /etc/passwd`, or `docs/loop -> ..`.
//!
//! **Fix:** copy the file into the repository, or remove the link.

// Reported by the registry, which forwards the problems with code
// `docket_model::Problem::SkippedLink` under this rule's id (`rules/mod.rs`); this file is
// the rule's documentation and its tests.

#[cfg(test)]
mod tests {
    use crate::testing::repo;

    #[test]
    fn forwards_skipped_links() {
        assert_eq!(
            crate::testing::forwards_repository_problems("skipped-link", "docs/out.md"),
            ["skipped-link docs/out.md"]
        );
    }

    #[test]
    fn passes_without_links() {
        let r = repo(&[]);
        assert_eq!(
            crate::testing::run("skipped-link", &r),
            Vec::<String>::new()
        );
    }
}
