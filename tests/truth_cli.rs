//! What the command line says must be true (the issue "Everything docket shows is
//! true", points 10, 11 and the command-line part of 12). Each test is named after
//! what was wrong, runs the real binary on a real git repository, and failed before
//! its fix.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

mod common;

use std::path::Path;

use common::{Docket, MINIMAL, Repo, minimal_repo_with};

/// The placeholder address that used to stand for docket's home, spelled so that
/// this file does not contain it.
fn placeholder() -> String {
    ["example", "invalid"].join(".")
}

/// Panics unless `out` shows a rustc-style block for `file:line:column`: the source
/// line `line | text`, a caret line whose first `^` is under `column`, and, when
/// given, `= help: …` containing `help`.
#[track_caller]
fn assert_block(out: &str, file: &str, line: usize, column: usize, text: &str, help: &str) {
    let arrow = format!("--> {file}:{line}:{column}");
    let at = out
        .find(&arrow)
        .unwrap_or_else(|| panic!("no `{arrow}` in:\n{out}"));
    let block: Vec<&str> = out[at..].lines().take_while(|l| !l.is_empty()).collect();
    let source = format!("{line} | {text}");
    let i = block
        .iter()
        .position(|l| l.trim_start() == source)
        .unwrap_or_else(|| panic!("no source line `{source}` under `{arrow}`:\n{out}"));
    let caret = block
        .get(i + 1)
        .unwrap_or_else(|| panic!("no caret line under `{source}`:\n{out}"));
    // The caret line is `  | ` plus spaces up to the column; the source line is
    // `4 | ` plus the text, with the gutter padded to the same width.
    let gutter = block[i].find(" | ").unwrap_or(0) + 3;
    let caret_at = caret
        .find('^')
        .unwrap_or_else(|| panic!("no caret:\n{out}"));
    assert_eq!(
        caret_at - gutter + 1,
        column,
        "caret of `{arrow}` is not under column {column}:\n{out}"
    );
    if !help.is_empty() {
        assert!(
            block
                .iter()
                .any(|l| l.contains("= help:") && l.contains(help)),
            "no help `{help}` under `{arrow}`:\n{out}"
        );
    }
}

/// Point 10: every mistake in docket.toml is shown, each like a finding (the line,
/// a caret, what to write instead). Before, only the first was reported, on one
/// line without the source, and `titel` listed the expected keys instead of naming
/// `title`.
#[test]
fn every_docket_toml_mistake_is_shown_with_its_line_a_caret_and_did_you_mean() {
    let repo = Repo::new();
    repo.write_all(MINIMAL).write(
        "docket.toml",
        "\
rot = \"docs\"

[site]
titel = \"Acme handbook\"

[rules]
unknown-feild = \"error\"
missing-field = \"warnig\"

[kinds.decision]
requierd = [\"area\"]

[kinds.decisions]
path = \"x\"
",
    );
    repo.commit("a docket.toml with six mistakes");
    let run = repo.check_human(&[]);
    run.assert_code(2);
    let err = &run.stderr;
    assert_block(err, "docket.toml", 1, 1, "rot = \"docs\"", "`root`");
    assert_block(
        err,
        "docket.toml",
        4,
        1,
        "titel = \"Acme handbook\"",
        "did you mean `title`?",
    );
    assert_block(
        err,
        "docket.toml",
        7,
        1,
        "unknown-feild = \"error\"",
        "did you mean `unknown-field`?",
    );
    assert_block(
        err,
        "docket.toml",
        8,
        17,
        "missing-field = \"warnig\"",
        "did you mean `warning`?",
    );
    assert_block(
        err,
        "docket.toml",
        11,
        1,
        "requierd = [\"area\"]",
        "did you mean `required`?",
    );
    assert_block(
        err,
        "docket.toml",
        13,
        8,
        "[kinds.decisions]",
        "did you mean `decision`?",
    );
    assert!(err.contains("6 mistakes"), "the count is said:\n{run}");

    // JSON: the first mistake as `error` (the contract as it was), every one in
    // `errors`.
    let run = repo.check_json(&[]);
    run.assert_code(2);
    let json = run.json();
    assert_eq!(json["version"], 1);
    assert_eq!(json["error"]["file"], "docket.toml");
    assert_eq!(json["error"]["line"], 1);
    let lines: Vec<u64> = json["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("no `errors` list\n{run}"))
        .iter()
        .map(|e| e["line"].as_u64().unwrap_or_default())
        .collect();
    assert_eq!(lines, [1, 4, 7, 8, 11, 13], "{run}");
    assert!(
        json["errors"][1]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("did you mean `title`?"),
        "{run}"
    );
}

/// Point 10: a time zone or a cadence that is nearly right names the value meant.
/// Before, `Europe/Lisbn` only said "an IANA time zone such as `Europe/Berlin`" and
/// `fortnightly` listed the four cadences.
#[test]
fn a_nearly_right_time_zone_or_cadence_names_the_value_meant() {
    let repo = minimal_repo_with(&[
        (
            "docs/people.yaml",
            b"- id: alice\n  name: Alice Ng\n  timezone: Europe/Lisbn\n- id: bob\n  name: Bob Okafor\n  timezone: America/Toronto\n- id: carol\n  name: Carol Lindqvist\n  timezone: Europe/Stockholm\n",
        ),
        (
            "docs/meetings.yaml",
            b"- name: Pairing\n  category: work\n  cadence: fortnightly\n  duration: 50\n  attendees: [alice, bob]\n  agenda: false\n",
        ),
    ]);
    let run = repo.check_json(&[]);
    let diags = run.diagnostics();
    let zone = common::assert_diag(&diags, "invalid-value", "docs/people.yaml", 3);
    assert!(
        zone.message.contains("did you mean `Europe/Lisbon`?"),
        "{}",
        zone.message
    );
    let cadence = common::assert_diag(&diags, "invalid-value", "docs/meetings.yaml", 3);
    assert!(
        cadence.message.contains("did you mean `biweekly`?"),
        "{}",
        cadence.message
    );
}

/// Point 11: the workflow `docket init` writes installs docket from somewhere real.
/// Before, it ran `cargo install --git` on a placeholder address, which fails on
/// every run. The crate named `docket` on crates.io is another program, so the
/// workflow cannot install "docket" from there either: it runs the command in
/// `DOCKET_INSTALL`, which init fills in when it can tell where the running docket
/// was installed from, and otherwise leaves empty, with a step that says so.
#[test]
fn init_writes_a_workflow_that_installs_docket_from_a_real_source() {
    let repo = Repo::new();
    let run = repo.docket().args(["init"]).run();
    run.assert_code(0);
    let workflow = std::fs::read_to_string(repo.path().join(".github/workflows/docket.yml"))
        .expect("the workflow");
    assert!(!workflow.contains(&placeholder()), "{workflow}");
    assert!(!workflow.contains("DOCKET_GIT_URL"), "{workflow}");
    assert!(
        !workflow.contains("cargo install docket")
            && !workflow.contains("cargo install --locked docket"),
        "crates.io's `docket` is another program:\n{workflow}"
    );
    assert!(workflow.contains("DOCKET_INSTALL: \"\""), "{workflow}");
    assert!(
        workflow.contains("::error") && workflow.contains("DOCKET_INSTALL is empty"),
        "an unset install command stops the job with a message:\n{workflow}"
    );
    assert!(
        run.stdout.contains("DOCKET_INSTALL"),
        "init says what to fill in\n{run}"
    );

    // A docket installed with `cargo install --git` (its install record beside its
    // `bin` folder, as cargo writes it): the workflow installs the same commit.
    let repo = Repo::new();
    let source = repo.outside("docket.git");
    std::fs::create_dir_all(&source).unwrap();
    repo.git_in(&source, &["init", "-q", "--bare"], &[]);
    let url = format!("file://{}", source.display());
    let sha = "0123456789abcdef0123456789abcdef01234567";
    let cargo_root = repo.outside("cargo");
    let bin = cargo_root.join("bin/docket");
    std::fs::create_dir_all(bin.parent().unwrap()).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_docket"), &bin).unwrap();
    let record = serde_json::json!({"installs": {
        format!("docket 0.1.0 (git+{url}?branch=main#{sha})"): {"bins": ["docket"]}
    }});
    std::fs::write(cargo_root.join(".crates2.json"), record.to_string()).unwrap();
    let run = Docket::wrapped(
        repo.path(),
        &["sh", "-c", "shift; exec \"$DOCKET_COPY\" \"$@\"", "sh"],
    )
    .env("DOCKET_COPY", &bin.to_string_lossy())
    .args(["init"])
    .run();
    run.assert_code(0);
    let workflow =
        std::fs::read_to_string(repo.path().join(".github/workflows/docket.yml")).unwrap();
    assert!(
        workflow.contains(&format!(
            "DOCKET_INSTALL: \"cargo install --locked --git {url} --rev {sha} docket\""
        )),
        "{workflow}"
    );
}

/// Point 11: `docket init` keeps the site it builds out of git: `/site/` is added
/// to `.gitignore` (created, or appended to), and only once.
#[test]
fn init_ignores_the_site_folder_once() {
    let repo = Repo::new();
    repo.write(".gitignore", "target");
    repo.docket().args(["init"]).run().assert_code(0);
    let run = repo.docket().args(["init"]).run();
    run.assert_code(0);
    let ignore = std::fs::read_to_string(repo.path().join(".gitignore")).unwrap();
    assert_eq!(
        ignore.lines().filter(|l| l.trim() == "/site/").count(),
        1,
        "{ignore}"
    );
    assert!(ignore.starts_with("target\n"), "{ignore}");
    // A new .gitignore.
    let fresh = Repo::new();
    fresh.docket().args(["init"]).run().assert_code(0);
    let ignore = std::fs::read_to_string(fresh.path().join(".gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "/site/"), "{ignore}");
    // An existing `site/` line is enough.
    let other = Repo::new();
    other.write(".gitignore", "site/\n");
    other.docket().args(["init"]).run().assert_code(0);
    let ignore = std::fs::read_to_string(other.path().join(".gitignore")).unwrap();
    assert_eq!(ignore, "site/\n");
}

/// Point 11: no invented address anywhere: not in the project's files (Cargo.toml
/// had one as its `repository`), and not in the SARIF log, whose `informationUri`
/// was that address.
#[test]
fn no_placeholder_address_in_the_project_or_the_sarif_log() {
    let project = Path::new(env!("CARGO_MANIFEST_DIR"));
    let grep = std::process::Command::new("git")
        .args(["grep", "-n", "-I", "--untracked", "-e"])
        .arg(placeholder())
        .current_dir(project)
        .output()
        .expect("run git");
    match grep.status.code() {
        // Found: list where.
        Some(0) => panic!(
            "the placeholder address is still in:\n{}",
            String::from_utf8_lossy(&grep.stdout)
        ),
        // Not found.
        Some(1) => {}
        // Not a git checkout (a source archive): nothing to search.
        _ => println!("skipped: {}", String::from_utf8_lossy(&grep.stderr)),
    }
    let repo = common::clean_repo();
    let run = repo.docket().args(["check", "--format", "sarif"]).run();
    run.assert_code(0);
    assert!(!run.stdout.contains(&placeholder()), "{run}");
    let driver = &run.json()["runs"][0]["tool"]["driver"];
    assert!(
        driver.get("informationUri").is_none(),
        "no informationUri without a real address: {driver}"
    );
}

/// Point 12: a missing path says its OS error once. Before: "cannot read `x`: No
/// such file or directory (os error 2): No such file or directory (os error 2)".
#[test]
fn a_missing_path_says_its_error_once() {
    let repo = Repo::new();
    let run = repo.docket().args(["check", "nowhere"]).run();
    run.assert_code(2);
    assert_eq!(run.stderr.matches("os error 2").count(), 1, "{run}");
    assert!(run.stderr.contains("`nowhere`"), "{run}");
}

/// Point 12: `docket check FILE` checks that file, as ruff and eslint do, and says
/// so. Before, it checked the whole repository and the summary counted every file.
/// The rest of the handbook is still read: references and owners resolve.
#[test]
fn checking_a_file_reports_only_that_file_and_says_so() {
    let repo = minimal_repo_with(&[
        (
            "docs/charter.md",
            b"---\ntitle: How we work\nowner: ghost\nreviewed: 2026-11-01\n---\n# How we work\n\n## What requires a meeting\n\nLittle.\n\n## Response times\n\nFour hours.\n\n## Where communication lives\n\nHere.\n\n## Escalation\n\nAsk.\n",
        ),
        (
            "docs/decisions/0001-a.md",
            b"---\ntitle: A\nstatus: superseded\nowner: alice\ndate: 2026-11-01\ndecided: 2026-11-02\noptions: [x, y]\noutcome: x\nsuperseded_by: 2\n---\nSee [B](0002-b.md).\n",
        ),
        (
            "docs/decisions/0002-b.md",
            b"---\ntitle: B\nstatus: accepted\nowner: nobody\ndate: 2026-11-03\ndecided: 2026-11-04\noptions: [x, y]\noutcome: y\nsupersedes: [1]\n---\nBody.\n",
        ),
    ]);
    let all = repo.check_json(&[]).diagnostics();
    assert!(all.iter().any(|d| d.file == "docs/decisions/0002-b.md"));
    assert!(all.iter().any(|d| d.file == "docs/charter.md"));

    let run = repo.check_json(&["docs/charter.md"]);
    let diags = run.diagnostics();
    common::assert_diag(&diags, "unknown-owner", "docs/charter.md", 3);
    assert!(
        diags.iter().all(|d| d.file == "docs/charter.md"),
        "only the named file:\n{}",
        common::listing(&diags)
    );
    assert_eq!(run.summary().files, 1, "{run}");

    // A record whose references and owner resolve in the rest of the handbook.
    let run = repo.check_human(&["docs/decisions/0001-a.md"]);
    run.assert_code(0);
    let summary = run.stdout.lines().last().unwrap_or_default();
    assert!(
        summary.contains("docs/decisions/0001-a.md") && summary.contains("no problems"),
        "the summary says what was checked\n{run}"
    );

    // A folder: the files under it.
    let run = repo.check_human(&["docs/decisions"]);
    run.assert_code(1);
    assert!(!run.stdout.contains("docs/charter.md"), "{run}");
    assert!(run.stdout.contains("docs/decisions/0002-b.md"), "{run}");
    let summary = run.stdout.lines().last().unwrap_or_default();
    assert!(summary.contains("docs/decisions"), "{run}");
    assert!(summary.starts_with("checked 2 files"), "{run}");
}

/// Point 12: a bad `DOCKET_NOW` is blamed on `DOCKET_NOW`. Before, the message
/// named `--now`, which the user never typed.
#[test]
fn a_bad_docket_now_names_docket_now() {
    let repo = common::clean_repo();
    let run = repo
        .docket()
        .without_now()
        .env("DOCKET_NOW", "garbage")
        .args(["check"])
        .run();
    run.assert_code(2);
    assert!(run.stderr.contains("DOCKET_NOW"), "{run}");
    assert!(!run.stderr.contains("--now"), "{run}");
    assert!(run.stderr.contains("`garbage`"), "{run}");
    // `--now` still wins over the environment, as before.
    let run = repo
        .docket()
        .env("DOCKET_NOW", "garbage")
        .args(["check"])
        .run();
    run.assert_code(0);
}

/// Point 12: help texts speak to users, who do not have the SPEC docket was built
/// from. Before, `docket metrics --help` cited "SPEC §10".
#[test]
fn help_texts_do_not_cite_the_spec() {
    let repo = Repo::plain();
    let mut helps = vec![repo.docket().args(["--help"]).run()];
    for command in [
        "check",
        "build",
        "serve",
        "status",
        "metrics",
        "init",
        "new",
        "index",
        "renumber",
        "import",
        "schema",
        "graph",
        "completions",
    ] {
        helps.push(repo.docket().args([command, "--help"]).run());
    }
    for run in helps {
        run.assert_code(0);
        assert!(!run.stdout.contains("SPEC"), "{run}");
    }
}

/// A handbook with one error (an unknown owner), one warning (an unknown key),
/// one info (a status meeting) and one blocker open for four days.
fn one_of_each() -> Repo {
    minimal_repo_with(&[
        (
            "docs/decisions/0001-a.md",
            b"---\ntitle: A\nstatus: accepted\nowner: ghost\ndate: 2026-11-01\ndecided: 2026-11-02\noptions: [x, y]\noutcome: x\ncolour: red\n---\nBody.\n",
        ),
        (
            "docs/meetings.yaml",
            b"- name: Standup\n  category: update\n  cadence: daily\n  duration: 25\n  attendees: [alice, bob]\n  agenda: true\n",
        ),
        (
            "docs/updates/2026-11-20/alice.md",
            b"Done: a\nNext: b\nBlocker: waiting for the database\n",
        ),
    ])
}

/// Point 12: a count and its noun agree. Before: "1 open blockers", "the handbook
/// has 1 errors and 1 warnings", and the check's summary said "1 note" where each
/// finding says `info` and the JSON counts `infos`.
#[test]
fn counts_and_their_nouns_agree() {
    let repo = one_of_each();
    let json = repo.check_json(&[]);
    let s = json.summary();
    assert_eq!((s.errors, s.warnings, s.infos), (1, 1, 1), "{json}");

    let check = repo.check_human(&[]);
    let summary = check.stdout.lines().last().unwrap_or_default();
    assert!(summary.ends_with(": 1 error, 1 warning, 1 info"), "{check}");
    let metrics = repo.docket().args(["metrics"]).run();
    metrics.assert_code(0);
    assert!(metrics.stdout.contains("1 open blocker ·"), "{metrics}");
    let out = repo.outside("site");
    let build = repo
        .docket()
        .args(["build", "--out", &out.to_string_lossy()])
        .run();
    build.assert_code(0);
    assert!(
        build
            .stderr
            .contains("the handbook has 1 error and 1 warning;"),
        "{build}"
    );
    for run in [&check, &metrics, &build] {
        for wrong in [
            "1 errors",
            "1 warnings",
            "1 notes",
            "1 infos",
            "1 files",
            "1 blockers",
            "1 pages",
            "1 decisions",
            "1 briefs",
        ] {
            assert!(!run.stdout.contains(wrong), "`{wrong}`\n{run}");
            assert!(!run.stderr.contains(wrong), "`{wrong}`\n{run}");
        }
    }
}

/// Point 12: the human summary names infos as the findings and the JSON do. With
/// two: "2 infos", as the JSON key says.
#[test]
fn the_summary_calls_infos_infos() {
    let repo = minimal_repo_with(&[(
        "docs/meetings.yaml",
        b"- name: Standup\n  category: update\n  cadence: daily\n  duration: 25\n  attendees: [alice, bob]\n  agenda: true\n- name: Sync\n  category: update\n  cadence: weekly\n  duration: 25\n  attendees: [alice, carol]\n  agenda: true\n",
    )]);
    let run = repo.check_human(&[]);
    run.assert_code(0);
    assert!(run.stdout.contains("info[replaceable-meeting]"), "{run}");
    let summary = run.stdout.lines().last().unwrap_or_default();
    assert!(
        summary.ends_with(": 0 errors, 0 warnings, 2 infos"),
        "{run}"
    );
    assert_eq!(repo.check_json(&[]).summary().infos, 2);
}
