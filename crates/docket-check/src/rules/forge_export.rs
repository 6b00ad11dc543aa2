//! # forge-export
//!
//! **What it finds:** a pull-request export (`[forge] pulls` in `docket.toml`, or
//! `--forge FILE`) that is not JSON, or whose JSON does not have the shape
//! `gh pr list --json …` writes: not an array of pull requests, or a value of the
//! wrong type (a `number` in quotes, a `createdAt` that is not an RFC 3339 time).
//! The finding points at the line and column where reading stopped.
//!
//! **Why:** reply times and approvals come from that file. A file that cannot be
//! read leaves them unknown; saying so at the line where it broke is quicker than
//! wondering why the dashboard's reply figures are empty. A missing file is not
//! this finding but a note: the figures are then unknown, not wrong.
//!
//! **Example:** a CI step that wrote an error message into `pulls.json` instead of
//! the export, or an export truncated by a full disk:
//!
//! ```json
//! [{"number": 104, "title": "Brief: migrate billing", "createdAt": "2026-11-23T12:00:00Z",
//! ```
//!
//! **Fix:** write the export again with the command in `docs/guide/forge.md`
//! (`gh pr list --state all --limit 500 --json number,title,url,author,createdAt,mergedAt,closedAt,isDraft,reviews,comments,commits,mergeCommit > pulls.json`),
//! and look at the step's log when the command itself failed.

// Reported by the registry, which forwards the problems with code
// `docket_model::Problem::ForgeExport` under this rule's id (`rules/mod.rs`); the
// driver reads the export. This file is the rule's documentation and its tests.

#[cfg(test)]
mod tests {
    use crate::testing::repo;

    #[test]
    fn forwards_what_the_driver_found() {
        assert_eq!(
            crate::testing::forwards_repository_problems("forge-export", "pulls.json"),
            ["forge-export pulls.json"]
        );
    }

    #[test]
    fn passes_without_an_export() {
        let r = repo(&[]);
        assert_eq!(
            crate::testing::run("forge-export", &r),
            Vec::<String>::new()
        );
    }
}
