//! # decision-folder
//!
//! **What it finds:** a handbook whose `docket.toml` names no decision folder, that
//! has no `decisions` folder, and that holds numbered records (`001-x.md`,
//! `0001-x.md`, `ADR-1-x.md`, `20240102-x.md`; at least three in one folder) in
//! more than one folder below its root (or, when there is no `docs` folder and no
//! `root` in `docket.toml`, anywhere in the repository). It is reported on the
//! first record of each such folder.
//!
//! **Why:** when only one folder holds numbered records, docket reads it as the
//! decision folder and says so in a note. With several, any choice would be a
//! guess: the wrong one checks a team's RFCs or tutorial chapters as decisions, and
//! leaves the real decisions unchecked. So docket asks instead of guessing.
//!
//! **Example:** `docs/madr/decisions/001-adopt-madr.md` and `docs/rfcs/0001-x.md`,
//! and no `[kinds.decision] path` in `docket.toml`.
//!
//! **Fix:** choose the folder in `docket.toml`; the finding's help gives the lines for
//! its folder, for example:
//!
//! ```toml
//! root = "docs"
//!
//! [kinds.decision]
//! path = "madr/decisions"
//! ```
//!
//! To keep a folder out of docket altogether, add it to `exclude`
//! (`exclude = ["docs/rfcs/**"]`).

// Reported by the registry, which forwards the problems with code
// `docket_model::Problem::DecisionFolder` under this rule's id (`rules/mod.rs`); the
// driver finds the folders when it walks the repository. This file is the rule's
// documentation and its tests.

#[cfg(test)]
mod tests {
    use crate::testing::repo;

    #[test]
    fn forwards_the_folders_found() {
        assert_eq!(
            crate::testing::forwards_repository_problems("decision-folder", "docs/rfcs/0001-x.md"),
            ["decision-folder docs/rfcs/0001-x.md"]
        );
    }

    #[test]
    fn passes_with_one_decision_folder() {
        let r = repo(&[]);
        assert_eq!(
            crate::testing::run("decision-folder", &r),
            Vec::<String>::new()
        );
    }
}
