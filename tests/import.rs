//! Existing decision records end to end, on small fixtures of each format: read as
//! they are (folder detection, the site, `status-conflict`), and `docket import`
//! (`--dry-run`, the roster, a second run). The real corpora are in `corpora.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Repo, assert_diag, listing};

const ADR_1: &str = "# 1. Record architecture decisions\n\nDate: 2016-02-12\n\n## Status\n\nSuperseded by [2. Use docket](0002-use-docket.md)\n\n## Context\n\nWe need to record decisions.\n\n## Decision\n\nWe will use ADRs.\n";
const ADR_2: &str = "# 2. Use docket\n\nDate: 2026-11-20\n\n## Status\n\nAccepted\n\nSupersedes [1. Record architecture decisions](0001-record-architecture-decisions.md)\n\n## Context\n\nThe records need checks.\n\n## Options\n\n- docket\n- nothing\n\n## Decision\n\nWe use docket.\n";
const MADR: &str = "---\nstatus: accepted\ndate: 2024-05-02\ndecision-makers: [Alice Ng, Dana Scully <dana@example.com>]\nconsulted: [platform]\n---\n# Use PostgreSQL\n\n## Considered Options\n\n* PostgreSQL\n* MySQL\n\n## Decision Outcome\n\nChosen option: \"PostgreSQL\", because it is boring.\n";
const ROSTER: &str = "- id: alice\n  name: Alice Ng\n  timezone: Europe/Berlin\n  team: platform\n";

#[test]
fn decision_folders_of_other_tools_are_found() {
    for (folder, roster) in [
        ("docs/adr", "docs/people.yaml"),
        ("docs/architecture/decisions", "docs/people.yaml"),
        ("doc/adr", "doc/people.yaml"),
    ] {
        let repo = Repo::new();
        repo.write(
            &format!("{folder}/0001-record-architecture-decisions.md"),
            ADR_1,
        )
        .write(&format!("{folder}/0002-use-docket.md"), ADR_2)
        .write(roster, ROSTER)
        .commit("records");
        let run = repo.check_json(&[]);
        assert!(
            run.stderr
                .contains(&format!("reading decision records from `{folder}`")),
            "{folder}: a note says where records are read from\n{run}"
        );
        let diags = run.diagnostics();
        // Both records are decisions: the only errors are the missing owners.
        let diags: Vec<_> = diags
            .into_iter()
            .filter(|d| d.severity == "error")
            .collect();
        assert!(
            diags.iter().all(|d| d.rule == "missing-field"),
            "{folder}:\n{}",
            listing(&diags)
        );
        assert_eq!(diags.len(), 2, "{folder}:\n{}", listing(&diags));
    }
    // docket.toml's `[kinds.decision] path` wins, and no note is printed.
    let repo = Repo::new();
    repo.write("docs/adr/0001-a.md", ADR_1)
        .write("docket.toml", "[kinds.decision]\npath = \"records\"\n")
        .commit("configured");
    let run = repo.check_json(&[]);
    assert!(!run.stderr.contains("reading decision records"), "{run}");
}

#[test]
fn legacy_records_appear_in_the_site_with_supersession_links() {
    let repo = Repo::new();
    repo.write("docs/adr/0001-record-architecture-decisions.md", ADR_1)
        .write("docs/adr/0002-use-docket.md", ADR_2)
        .write("docs/adr/0003-use-postgresql.md", MADR)
        .write("docs/people.yaml", ROSTER)
        .commit("records");
    let out = repo.outside("site");
    repo.docket()
        .args(["build", "--no-branches", "--out", out.to_str().unwrap()])
        .run()
        .assert_code(0);
    let index = std::fs::read_to_string(out.join("decisions/index.html")).unwrap();
    for (url, title, status, date) in [
        (
            "adr/0001-record-architecture-decisions.html",
            "Record architecture decisions",
            "superseded",
            "2016-02-12",
        ),
        (
            "adr/0002-use-docket.html",
            "Use docket",
            "accepted",
            "2026-11-20",
        ),
        (
            "adr/0003-use-postgresql.html",
            "Use PostgreSQL",
            "accepted",
            "2024-05-02",
        ),
    ] {
        assert!(
            index.contains(&format!("href=\"../{url}\">{title}</a>")),
            "{title}\n{index}"
        );
        assert!(index.contains(&format!(">{status}</span>")), "{status}");
        assert!(
            index.contains(&format!("<time datetime=\"{date}\">{date}</time>")),
            "{date}"
        );
    }
    // MADR's decision makers are the deciders, shown on the record's page (two of
    // them name no single owner).
    let madr = std::fs::read_to_string(out.join("adr/0003-use-postgresql.html")).unwrap();
    let decided = madr.split("Decided by").nth(1).unwrap_or_default();
    assert!(
        decided.contains("Alice Ng") && decided.contains("Dana Scully"),
        "{madr}"
    );
    let old =
        std::fs::read_to_string(out.join("adr/0001-record-architecture-decisions.html")).unwrap();
    assert!(
        old.contains("0002-use-docket.html"),
        "superseded by 2:\n{old}"
    );
    let new = std::fs::read_to_string(out.join("adr/0002-use-docket.html")).unwrap();
    assert!(
        new.contains("0001-record-architecture-decisions.html"),
        "supersedes 1"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("decisions.json")).unwrap()).unwrap();
    assert_eq!(json["decisions"][0]["superseded_by"], 2);
    assert_eq!(json["decisions"][1]["supersedes"][0], 1);
}

#[test]
fn names_in_legacy_records_point_at_the_roster_and_import() {
    let repo = Repo::new();
    repo.write("docs/decisions/0003-use-postgresql.md", MADR)
        .write("docs/people.yaml", ROSTER)
        .commit("madr");
    let diags = repo.check_json(&[]).diagnostics();
    let d = assert_diag(
        &diags,
        "unknown-owner",
        "docs/decisions/0003-use-postgresql.md",
        4,
    );
    assert!(
        d.message
            .contains("`Alice Ng` is `alice` in docs/people.yaml")
            && d.message.contains("docket import"),
        "{d}"
    );
}

#[test]
fn status_stated_twice_is_reported_at_both_lines() {
    let repo = Repo::new();
    repo.write(
        "docs/decisions/0001-a.md",
        "---\ntitle: A\nstatus: accepted\nowner: alice\ndate: 2026-11-20\ndecided: 2026-11-21\n---\n## Status\n\nRejected\n\n## Options\n\n- A\n- B\n\n## Decision\n\nA.\n",
    )
    .write("docs/people.yaml", ROSTER)
    .commit("conflict");
    let run = repo.check_json(&[]);
    run.assert_code(1);
    let diags = run.diagnostics();
    let file = "docs/decisions/0001-a.md";
    let top = assert_diag(&diags, "status-conflict", file, 3);
    assert!(top.message.contains("line 10"), "{top}");
    let bottom = assert_diag(&diags, "status-conflict", file, 10);
    assert!(bottom.message.contains("line 3"), "{bottom}");
}

#[test]
fn import_dry_run_then_import_then_nothing() {
    let repo = Repo::new();
    repo.write("docs/adr/0001-record-architecture-decisions.md", ADR_1)
        .write("docs/adr/0002-use-docket.md", ADR_2)
        .write("docs/adr/0003-use-postgresql.md", MADR)
        .write("docs/people.yaml", ROSTER)
        .commit("records");

    // --dry-run: a unified diff, nothing written.
    let dry = repo.docket().args(["import", "--dry-run"]).run();
    dry.assert_code(0);
    assert!(
        dry.stdout
            .contains("--- a/docs/adr/0002-use-docket.md\n+++ b/docs/adr/0002-use-docket.md\n"),
        "{dry}"
    );
    assert!(dry.stdout.contains("\n+status: accepted\n"), "{dry}");
    assert!(dry.stdout.contains("\n-Date: 2026-11-20\n"), "{dry}");
    assert!(dry.stdout.contains("+++ b/docs/people.yaml"), "{dry}");
    assert!(dry.stderr.contains("would add `dana-scully`"), "{dry}");
    assert_eq!(
        repo.git(&["status", "--porcelain"]),
        "",
        "dry run wrote nothing"
    );

    let run = repo.docket().args(["import"]).run();
    run.assert_code(0);
    assert!(
        run.stderr.contains(
            "added `dana-scully` (Dana Scully) to `docs/people.yaml` with `timezone: UTC`"
        ),
        "{run}"
    );
    let two = std::fs::read_to_string(repo.path().join("docs/adr/0002-use-docket.md")).unwrap();
    assert_eq!(
        two,
        "---\ntitle: Use docket\nstatus: accepted\ndate: 2026-11-20\ndecided: 2026-11-20\nsupersedes: [0001-record-architecture-decisions.md]\n---\n# 2. Use docket\n\n## Context\n\nThe records need checks.\n\n## Options\n\n- docket\n- nothing\n\n## Decision\n\nWe use docket.\n"
    );
    let three =
        std::fs::read_to_string(repo.path().join("docs/adr/0003-use-postgresql.md")).unwrap();
    assert!(
        three.starts_with("---\ntitle: Use PostgreSQL\nstatus: accepted\ndate: 2024-05-02\ndecided: 2024-05-02\nconsulted: [platform]\ndecision-makers: [alice, dana-scully]\n---\n# Use PostgreSQL\n"),
        "{three}"
    );
    let roster = std::fs::read_to_string(repo.path().join("docs/people.yaml")).unwrap();
    assert!(
        roster.ends_with(
            "- id: dana-scully\n  name: Dana Scully\n  email: dana@example.com\n  timezone: UTC\n"
        ),
        "{roster}"
    );
    // No temporary files are left behind.
    let status = repo.git(&["status", "--porcelain", "--untracked-files=all"]);
    assert!(!status.contains("docket-tmp"), "{status}");

    // The imported repository: only the owners the adr-tools records never had, and
    // the one the MADR record's two decision makers do not name.
    let diags = repo.check_json(&[]).diagnostics();
    let left: Vec<String> = diags
        .iter()
        .filter(|d| d.severity != "info")
        .map(|d| format!("{} {}", d.rule, d.file))
        .collect();
    assert_eq!(
        left,
        [
            "missing-field docs/adr/0001-record-architecture-decisions.md",
            "missing-field docs/adr/0002-use-docket.md",
            "missing-field docs/adr/0003-use-postgresql.md",
        ],
        "{}",
        listing(&diags)
    );

    // A second run changes nothing.
    repo.commit("imported");
    let again = repo.docket().args(["import"]).run();
    again.assert_code(0);
    assert_eq!(again.stdout, "", "{again}");
    assert_eq!(repo.git(&["status", "--porcelain"]), "");
}

#[test]
fn import_from_filters_formats_and_path_limits_records() {
    let repo = Repo::new();
    repo.write("docs/adr/0001-record-architecture-decisions.md", ADR_1)
        .write("docs/adr/0003-use-postgresql.md", MADR)
        .write("docs/people.yaml", ROSTER)
        .commit("records");
    let run = repo
        .docket()
        .args(["import", "--from", "madr", "--dry-run"])
        .run();
    run.assert_code(0);
    assert!(!run.stdout.contains("0001-record"), "{run}");
    assert!(run.stdout.contains("0003-use-postgresql"), "{run}");
    assert!(
        run.stderr.contains("left `docs/adr/0001-record-architecture-decisions.md` as it is: it reads as adr-tools, not MADR"),
        "{run}"
    );
    let run = repo
        .docket()
        .args(["import", "docs/adr/0001-record-architecture-decisions.md"])
        .run();
    run.assert_code(0);
    assert_eq!(
        run.stdout, "imported docs/adr/0001-record-architecture-decisions.md (adr-tools)\n",
        "{run}"
    );
}
