//! `docket check` on handbooks without problems: a clean fixture with every kind, and
//! the project's own repository (its `docs/` is written in docket's format).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Docket, clean_repo, listing};

#[test]
fn clean_handbook_passes_with_no_findings() {
    let repo = clean_repo();
    let run = repo.check_json(&[]);
    run.assert_code(0);
    let diags = run.diagnostics();
    assert!(
        diags.is_empty(),
        "a clean handbook has no findings:\n{}",
        listing(&diags)
    );
    let summary = run.summary();
    assert_eq!(
        (summary.errors, summary.warnings, summary.infos),
        (0, 0, 0),
        "{run}"
    );
    // Roster, charter, meetings, 4 decisions and their README, a brief, 3 updates,
    // 3 guide pages (the PNG is an asset, not a document).
    assert_eq!(summary.files, 15, "every document is counted\n{run}");
    assert!(run.stderr.is_empty(), "nothing on stderr:\n{run}");
}

#[test]
fn clean_handbook_human_output_says_no_problems() {
    let repo = clean_repo();
    let run = repo.check_human(&[]);
    run.assert_code(0);
    assert_eq!(run.stdout, "checked 15 files: no problems\n", "{run}");
}

#[test]
fn clean_handbook_passes_from_a_subfolder_and_with_deny_warnings() {
    let repo = clean_repo();
    // PATH may be any folder inside the repository (SPEC §5): its files are
    // checked, the rest of the handbook read for context.
    let run = repo
        .docket()
        .args([
            "check",
            "--format",
            "json",
            "--deny-warnings",
            "docs/decisions",
        ])
        .run();
    run.assert_code(0);
    assert_eq!(run.summary().files, 5, "the folder's files\n{run}");
    // The repository root as PATH, from a subfolder: the whole repository.
    let run = Docket::new(&repo.path().join("docs"))
        .args(["check", "--format", "json", ".."])
        .run();
    run.assert_code(0);
    assert_eq!(run.summary().files, 15, "{run}");
    // And from a subfolder as the working directory, without PATH.
    let run = Docket::new(&repo.path().join("docs/briefs"))
        .args(["check", "--format", "json"])
        .run();
    run.assert_code(0);
    assert_eq!(run.summary().files, 15, "{run}");
}

#[test]
fn clean_handbook_passes_outside_git() {
    // The same files in a plain folder: no git, no .git, still a clean handbook.
    let repo = common::Repo::plain();
    repo.write_all(common::MINIMAL).write_all(common::CLEAN);
    let run = repo.check_json(&[]);
    run.assert_code(0);
    let s = run.summary();
    assert_eq!((s.errors, s.warnings), (0, 0), "{run}");
}

#[test]
fn own_repository_passes() {
    // The project's own handbook is docket's first user: it must stay clean.
    let run = Docket::new(std::path::Path::new(env!("CARGO_MANIFEST_DIR")))
        .now("2026-11-25T12:00:00Z")
        .args(["check", "--format", "json", "."])
        .run();
    run.assert_code(0);
    let diags = run.diagnostics();
    let errors: Vec<_> = diags
        .iter()
        .filter(|d| d.severity == "error")
        .cloned()
        .collect();
    assert!(
        errors.is_empty(),
        "the project's own handbook has errors:\n{}",
        listing(&errors)
    );
    assert_eq!(run.summary().errors, 0, "{run}");
    assert!(
        run.summary().files > 0,
        "the project's docs/ is found\n{run}"
    );
}
