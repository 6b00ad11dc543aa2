//! Adopting docket on a repository that already has years of records (issue
//! "Adoption"): templates are not records, `exclude` globs, the decision folder found
//! by its numbered records (or a finding when there are several), `path = "."`, a
//! missing handbook root that says what is there, and `--format json` runs that
//! cannot start still writing one JSON document. The last test runs on Kuma's real
//! MADR records (`../shared/corpora`), skipped without them like `corpora.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

mod common;

use std::collections::BTreeSet;

use common::{MINIMAL, Repo, Run, assert_diag, assert_no_diag, copy_tree, listing, shared};

/// A decision record in docket's own front matter that no rule finds fault with at
/// the tests' clock.
fn record(title: &str) -> String {
    format!(
        "---\ntitle: {title}\nstatus: proposed\nowner: alice\ndate: 2026-11-23\ndeadline: 2026-12-01\n---\n\n## Context\n\nWhy {title}.\n"
    )
}

/// A record that only a decision can be faulted for: an accepted decision with no
/// options and no outcome (`missing-field`), and no owner.
const BARE: &str = "---\ntitle: Bare\nstatus: accepted\ndate: 2026-11-01\n---\n\nText.\n";

/// `docket build` into a folder beside the repository; returns the run and the paths
/// `decisions.json` lists.
fn build(repo: &Repo) -> (Run, BTreeSet<String>) {
    let out = repo.outside("site");
    let _ = std::fs::remove_dir_all(&out);
    let run = repo
        .docket()
        .args(["build", "--no-branches", "--out"])
        .args([out.to_string_lossy().as_ref()])
        .run();
    run.assert_code(0);
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("decisions.json")).unwrap()).unwrap();
    let paths = json["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap().to_string())
        .collect();
    (run, paths)
}

fn set(paths: &[&str]) -> BTreeSet<String> {
    paths.iter().map(|p| p.to_string()).collect()
}

#[test]
fn every_template_file_name_is_not_a_decision() {
    // Kuma's `000-template.md` was decision 0; MADR's `adr-short-template.md` was checked
    // as a decision; only `adr-template*.md` and `template.md` were left out.
    let templates = [
        "docs/decisions/adr-short-template.md",
        "docs/decisions/000-template.md",
        "docs/decisions/0000-template.md",
        "docs/decisions/template.md",
        "docs/decisions/TEMPLATE.md",
        "docs/decisions/archive/decision-Template-v2.md",
    ];
    let repo = Repo::new();
    repo.write_all(MINIMAL)
        .write(
            "docs/decisions/0001-use-postgresql.md",
            record("Use PostgreSQL"),
        )
        // A numbered record about templates is still a record.
        .write(
            "docs/decisions/0002-use-email-templates.md",
            record("Use email templates"),
        );
    for t in templates {
        repo.write(
            t,
            "# {short title of solved problem}\n\nstatus: {proposed | accepted}\n",
        );
    }
    repo.commit("records and templates");
    let run = repo.check_json(&[]);
    run.assert_code(0);
    let diags = run.diagnostics();
    for t in templates {
        assert_no_diag(&diags, t);
    }
    let (_, listed) = build(&repo);
    assert_eq!(
        listed,
        set(&[
            "docs/decisions/0001-use-postgresql.md",
            "docs/decisions/0002-use-email-templates.md"
        ])
    );
}

#[test]
fn exclude_globs_leave_files_unread() {
    let repo = Repo::new();
    repo.write_all(MINIMAL)
        .write(
            "docket.toml",
            "exclude = [\"docs/legacy/**\", \"**/draft-*.md\"]\n",
        )
        .write("docs/legacy/old.md", "---\ntitle: [unclosed\n---\n")
        .write("docs/legacy/deep/older.md", "---\n: : :\n---\n")
        .write("docs/decisions/draft-idea.md", BARE)
        .write("docs/decisions/0001-kept.md", BARE)
        .commit("legacy");
    let run = repo.check_json(&[]);
    let diags = run.diagnostics();
    for f in [
        "docs/legacy/old.md",
        "docs/legacy/deep/older.md",
        "docs/decisions/draft-idea.md",
    ] {
        assert_no_diag(&diags, f);
    }
    // A file the globs do not name is read as before.
    assert_diag(&diags, "missing-field", "docs/decisions/0001-kept.md", 1);
    // Excluded files are not read at all: not counted either.
    let files_without = run.summary().files;
    repo.write("docket.toml", "exclude = [\"docs/legacy/**\"]\n");
    assert_eq!(repo.check_json(&[]).summary().files, files_without + 1);
}

#[test]
fn an_invalid_exclude_glob_is_a_docket_toml_error_with_its_line() {
    let repo = Repo::new();
    repo.write_all(MINIMAL)
        .write(
            "docket.toml",
            "root = \"docs\"\nexclude = [\n  \"docs/ok/**\",\n  \"docs/[oops\",\n]\n",
        )
        .commit("bad glob");
    let run = repo.check_human(&[]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("docket.toml:4:") && run.stderr.contains("docs/[oops"),
        "{run}"
    );
    let run = repo.check_json(&[]);
    run.assert_code(2);
    let json = run.json();
    assert_eq!(json["version"], 1, "{run}");
    assert_eq!(json["error"]["file"], "docket.toml", "{run}");
    assert_eq!(json["error"]["line"], 4, "{run}");
    assert!(
        json["error"]["message"]
            .as_str()
            .unwrap()
            .contains("docs/[oops"),
        "{run}"
    );
}

#[test]
fn a_decision_folder_is_found_by_its_numbered_records() {
    let repo = Repo::new();
    repo.write_all(MINIMAL)
        .write("docs/madr/decisions/001-use-postgresql.md", record("A"))
        .write("docs/madr/decisions/002-use-rust.md", record("B"))
        .write("docs/madr/decisions/003-write-updates.md", BARE)
        .write("docs/madr/decisions/README.md", "# Decisions\n")
        // Two numbered files are not enough to call a folder a decision folder.
        .write("docs/guide/001-setup.md", "# Setup\n")
        .write("docs/guide/002-usage.md", "# Usage\n")
        .commit("madr layout");
    let run = repo.check_json(&[]);
    run.assert_code(1);
    for wanted in [
        "reading decision records from `docs/madr/decisions`",
        "root = \"docs\"",
        "[kinds.decision]",
        "path = \"madr/decisions\"",
    ] {
        assert!(run.stderr.contains(wanted), "`{wanted}` in the note\n{run}");
    }
    let diags = run.diagnostics();
    // Only a decision is faulted for a missing owner.
    assert_diag(
        &diags,
        "missing-field",
        "docs/madr/decisions/003-write-updates.md",
        1,
    );
    assert!(
        diags
            .iter()
            .any(|d| d.rule == "missing-field" && d.message.contains("owner")),
        "{}",
        listing(&diags)
    );
    let (build, listed) = build(&repo);
    assert!(
        build.stderr.contains("docs/madr/decisions"),
        "the build says it too\n{build}"
    );
    assert_eq!(
        listed,
        set(&[
            "docs/madr/decisions/001-use-postgresql.md",
            "docs/madr/decisions/002-use-rust.md",
            "docs/madr/decisions/003-write-updates.md",
        ])
    );
    // Pinning the folder in docket.toml as the note says silences the note.
    repo.write(
        "docket.toml",
        "root = \"docs\"\n\n[kinds.decision]\npath = \"madr/decisions\"\n",
    );
    let pinned = repo.check_json(&[]);
    assert!(
        !pinned.stderr.contains("reading decision records"),
        "{pinned}"
    );
    assert_eq!(pinned.diagnostics(), diags);
}

#[test]
fn records_outside_any_docs_folder_are_found_and_made_the_handbook() {
    // No `docs` at all: records in `architecture/records` (the default root `docs` used
    // to be missing, exit 2).
    let repo = Repo::new();
    repo.write("architecture/records/0001-first.md", record("First"))
        .write("architecture/records/0002-second.md", record("Second"))
        .write("architecture/records/20240102-third.md", record("Third"))
        .write("architecture/meetings.yaml", "[]\n")
        .write("architecture/people.yaml", MINIMAL[1].1)
        .write("src/main.rs", "fn main() {}\n")
        .write("README.md", "# A code base\n\n[missing](nowhere.md)\n")
        .commit("records elsewhere");
    let run = repo.check_json(&[]);
    run.assert_code(0);
    assert!(
        run.stderr
            .contains("reading decision records from `architecture/records`")
            && run.stderr.contains("root = \"architecture\"")
            && run.stderr.contains("path = \"records\""),
        "{run}"
    );
    let (_, listed) = build(&repo);
    assert_eq!(listed.len(), 3, "{listed:?}");
}

#[test]
fn records_outside_an_existing_docs_folder_are_named_not_read() {
    // `docs` holds the team's pages; the records are in `adr/`, and a dependency's
    // numbered files in `node_modules` are nobody's records.
    let repo = Repo::new();
    repo.write_all(MINIMAL)
        .write("adr/0001-a.md", record("A"))
        .write("adr/0002-b.md", record("B"))
        .write("adr/0003-c.md", record("C"))
        .write("web/node_modules/pkg/001-x.md", "# x\n")
        .write("web/node_modules/pkg/002-y.md", "# y\n")
        .write("web/node_modules/pkg/003-z.md", "# z\n")
        .commit("records beside docs");
    let run = repo.check_json(&[]);
    run.assert_code(0);
    assert!(
        run.stderr.contains(
            "found numbered decision records in `adr`, outside the handbook root `docs`; they are not read as decisions"
        ) && run.stderr.contains("root = \"adr\"")
            && run.stderr.contains("path = \".\""),
        "{run}"
    );
    assert!(!run.stderr.contains("node_modules"), "{run}");
    // The lines of the note read them.
    repo.write(
        "docket.toml",
        "root = \"adr\"\n[kinds.decision]\npath = \".\"\n",
    );
    let (_, listed) = build(&repo);
    assert_eq!(
        listed,
        set(&["adr/0001-a.md", "adr/0002-b.md", "adr/0003-c.md"])
    );
}

#[test]
fn two_candidate_folders_are_a_finding_not_a_guess() {
    let repo = Repo::new();
    repo.write_all(MINIMAL)
        .write("docs/madr/decisions/001-a.md", record("A"))
        .write("docs/madr/decisions/002-b.md", record("B"))
        .write("docs/madr/decisions/003-c.md", record("C"))
        .write("docs/rfcs/0001-x.md", record("X"))
        .write("docs/rfcs/0002-y.md", record("Y"))
        .write("docs/rfcs/0003-z.md", record("Z"))
        .commit("two folders");
    let run = repo.check_json(&[]);
    run.assert_code(1);
    let diags = run.diagnostics();
    let a = assert_diag(&diags, "decision-folder", "docs/madr/decisions/001-a.md", 1);
    let b = assert_diag(&diags, "decision-folder", "docs/rfcs/0001-x.md", 1);
    for d in [a, b] {
        assert_eq!(d.severity, "error");
        assert!(
            d.message.contains("`docs/madr/decisions`") && d.message.contains("`docs/rfcs`"),
            "the message names both folders: {d}"
        );
    }
    assert!(
        a.message.contains("path = \"madr/decisions\"") && b.message.contains("path = \"rfcs\""),
        "each help gives the docket.toml lines of its folder:\n{}",
        listing(&diags)
    );
    assert_eq!(
        diags.iter().filter(|d| d.rule == "decision-folder").count(),
        2,
        "{}",
        listing(&diags)
    );
    let human = repo.check_human(&[]);
    human.assert_code(1);
    assert!(
        human.stdout.contains("error[decision-folder]")
            && human.stdout.contains("docs/rfcs/0001-x.md:1:1"),
        "{human}"
    );
    let github = repo.check_human(&["--format", "github"]);
    github.assert_code(1);
    assert!(
        github
            .stdout
            .contains("::error file=docs/madr/decisions/001-a.md,line=1"),
        "{github}"
    );
    let sarif = repo.check_human(&["--format", "sarif"]);
    sarif.assert_code(1);
    assert!(
        sarif.stdout.contains("\"ruleId\": \"decision-folder\""),
        "{sarif}"
    );
    // Choosing one in docket.toml ends the finding.
    repo.write("docket.toml", "[kinds.decision]\npath = \"rfcs\"\n");
    let chosen = repo.check_json(&[]);
    chosen.assert_code(0);
    assert!(
        chosen
            .diagnostics()
            .iter()
            .all(|d| d.rule != "decision-folder"),
        "{chosen}"
    );
}

#[test]
fn path_dot_makes_the_handbook_root_the_decision_folder() {
    for path in [".", "", "./"] {
        let repo = Repo::new();
        repo.write(
            "docket.toml",
            format!("root = \"records\"\n[kinds.decision]\npath = \"{path}\"\n"),
        );
        for (file, text) in MINIMAL {
            repo.write(&file.replace("docs/", "records/"), text);
        }
        repo.write("records/0001-use-postgresql.md", record("Use PostgreSQL"))
            .write("records/0002-bare.md", BARE)
            .write("records/old/0003-older.md", record("Older"))
            .write("records/template.md", "# {title}\n")
            .write(
                "records/briefs/migrate.md",
                "---\ntitle: Migrate\nowner: alice\ndeadline: 2026-12-15\nstatus: active\n---\n\n## Context\n\nx\n\n## Expected output\n\ny\n\n## Acceptance criteria\n\nz\n",
            )
            .commit("records at the handbook root");
        let run = repo.check_json(&[]);
        let diags = run.diagnostics();
        // The charter, roster, meeting inventory and brief keep their roles.
        for f in [
            "records/charter.md",
            "records/people.yaml",
            "records/meetings.yaml",
            "records/briefs/migrate.md",
            "records/template.md",
        ] {
            assert_no_diag(&diags, f);
        }
        assert_diag(&diags, "missing-field", "records/0002-bare.md", 1);
        let (_, listed) = build(&repo);
        assert_eq!(
            listed,
            set(&[
                "records/0001-use-postgresql.md",
                "records/0002-bare.md",
                "records/old/0003-older.md"
            ]),
            "path = {path:?}"
        );
    }
}

/// The one JSON document a run that cannot start writes with `--format json`.
#[track_caller]
fn json_error(run: &Run) -> serde_json::Value {
    run.assert_code(2);
    let json = run.json();
    assert_eq!(json["version"], 1, "{run}");
    assert!(json["error"]["message"].is_string(), "{run}");
    assert!(json.get("diagnostics").is_none(), "{run}");
    json["error"].clone()
}

#[test]
fn a_missing_handbook_root_names_the_key_and_the_folders_there() {
    let repo = Repo::new();
    repo.write("docket.toml", "root = \"handbook\"\n")
        .write("docs/charter.md", "# Charter\n")
        .write("src/main.rs", "fn main() {}\n")
        .write(".github/workflows/ci.yml", "on: push\n")
        .commit("no handbook");
    let run = repo.check_human(&[]);
    run.assert_code(2);
    assert!(run.stdout.is_empty(), "{run}");
    assert!(
        run.stderr.contains(
            "the handbook root `handbook` (`root` in docket.toml, line 1) does not exist; folders here: `docs`, `src`"
        ),
        "{run}"
    );
    for command in ["check", "status", "metrics"] {
        let run = repo.docket().args([command, "--format", "json"]).run();
        let error = json_error(&run);
        let message = error["message"].as_str().unwrap();
        assert!(
            message.contains("`root` in docket.toml") && message.contains("`docs`, `src`"),
            "{command}: {run}"
        );
        assert_eq!(error["file"], "docket.toml", "{command}: {run}");
        assert_eq!(error["line"], 1, "{command}: {run}");
        // Human output stays on stderr.
        assert!(run.stderr.starts_with("error: "), "{command}: {run}");
    }

    // Without `root` in docket.toml: the default was looked for.
    let repo = Repo::new();
    repo.write("src/main.rs", "fn main() {}\n")
        .write("handbook/charter.md", "# Charter\n")
        .commit("no docs");
    let run = repo.check_json(&[]);
    let error = json_error(&run);
    let message = error["message"].as_str().unwrap();
    assert!(
        message.contains("the default handbook root `docs` does not exist")
            && message.contains("folders here: `handbook`, `src`")
            && message.contains("root = "),
        "{run}"
    );
    assert_eq!(error["file"], serde_json::Value::Null, "{run}");
    assert_eq!(error["line"], serde_json::Value::Null, "{run}");
}

#[test]
fn a_run_that_cannot_start_writes_one_json_document() {
    let repo = Repo::new();
    repo.write_all(MINIMAL)
        .write(
            "docket.toml",
            "root = \"docs\"\n\n[site]\ntitel = \"Acme\"\n",
        )
        .commit("typo");
    for command in ["check", "status", "metrics"] {
        let run = repo.docket().args([command, "--format", "json"]).run();
        let error = json_error(&run);
        assert_eq!(error["file"], "docket.toml", "{command}: {run}");
        assert_eq!(error["line"], 4, "{command}: {run}");
        assert!(
            error["message"].as_str().unwrap().contains("titel"),
            "{command}: {run}"
        );
        assert!(run.stderr.contains("docket.toml:4:"), "{command}: {run}");
    }
    // `--changed-since` outside git.
    let plain = Repo::plain();
    plain.write_all(MINIMAL);
    let run = plain.check_json(&["--changed-since", "main"]);
    let error = json_error(&run);
    assert_eq!(error["file"], serde_json::Value::Null, "{run}");
    // A PATH that does not exist.
    let run = repo.check_json(&["no/such/folder"]);
    let error = json_error(&run);
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("no/such/folder"),
        "{run}"
    );
}

#[test]
fn kuma_records_are_found_without_configuration() {
    let Some(shared) = shared("corpora") else {
        return;
    };
    let repo = Repo::new();
    copy_tree(&repo, &shared.join("kumahq__kuma"), "");
    assert!(!repo.path().join("docket.toml").exists());
    repo.commit("kuma");
    let folder = "docs/madr/decisions";
    let files = std::fs::read_dir(repo.path().join(folder))
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            let name = name.to_string_lossy();
            name.ends_with(".md") && name != "README.md"
        })
        .count();
    assert_eq!(files, 110, "the corpus has 110 records and templates");

    let run = repo.check_json(&[]);
    assert!(
        run.stderr
            .contains(&format!("reading decision records from `{folder}`"))
            && run.stderr.contains("path = \"madr/decisions\""),
        "{run}"
    );
    let diags = run.diagnostics();
    assert!(diags.iter().all(|d| d.rule != "decision-folder"), "{run}");
    assert_no_diag(&diags, "docs/madr/decisions/000-template.md");
    let duplicated: BTreeSet<String> = diags
        .iter()
        .filter(|d| d.rule == "duplicate-id")
        .map(|d| {
            let name = d.file.rsplit('/').next().unwrap();
            name[..3].to_string()
        })
        .collect();
    assert_eq!(duplicated, set(&["095", "096", "100", "103"]));

    let (_, listed) = build(&repo);
    assert_eq!(listed.len(), 109, "110 files minus `000-template.md`");
    assert!(!listed.contains("docs/madr/decisions/000-template.md"));
    assert!(listed.iter().all(|p| p.starts_with("docs/madr/decisions/")));
}
