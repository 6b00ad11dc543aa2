//! # unreadable-file
//!
//! **What it finds:** a file in the handbook that cannot be read: permission denied,
//! bytes that are not UTF-8 (the message gives the offset of the first bad byte), or
//! a file larger than `max_document_bytes` under `[limits]` in docket.toml (10 MB
//! by default), which docket does not read at all (the message gives its size and
//! the limit; the finding is at line 1, column 1).
//!
//! **Why:** docket reads every document as UTF-8 text. A file saved in another
//! encoding would show garbled text on the site and in diagnostics; saying so is
//! better than guessing. The rest of the repository is still checked.
//!
//! **Example:** a decision saved as Latin-1 by an old editor: `d\xe9cision`.
//!
//! **Fix:** save the file as UTF-8 (every modern editor can), or fix its permissions.
//! For a file over the size limit: split it, leave it out with `exclude`, or raise
//! the limit.

// Reported by the registry, which forwards the problems with code
// `docket_model::Problem::UnreadableFile` under this rule's id (`rules/mod.rs`); this file is
// the rule's documentation and its tests.

#[cfg(test)]
mod tests {
    use crate::testing::repo;

    #[test]
    fn forwards_read_problems() {
        assert_eq!(
            crate::testing::forwards_repository_problems("unreadable-file", "docs/x.md"),
            ["unreadable-file docs/x.md"]
        );
    }

    #[test]
    fn passes_on_readable_files() {
        let r = repo(&[]);
        assert_eq!(
            crate::testing::run("unreadable-file", &r),
            Vec::<String>::new()
        );
    }
}
