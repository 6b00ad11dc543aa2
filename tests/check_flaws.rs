//! `docket check` on handbooks with problems: one repository with one planted flaw
//! per rule, each checked at its exact file and line, plus the command line's
//! contract around findings (exit codes, `--deny-warnings`, `DOCKET_NOW`,
//! `docket.toml`, ignored files, links out of the repository).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Repo, assert_diag, listing, of_file};

/// A decision that is valid on its own: proposed, owned by a roster id, with a
/// deadline after the test clock. Flawed decisions below differ from it in one place.
fn proposed(title: &str) -> String {
    format!(
        "\
---
title: {title}
status: proposed
owner: alice
date: 2026-11-20
deadline: 2026-12-31
---

## Context

Why we ask.
"
    )
}

/// The flaws, one per rule, each in its own file where the rule allows it. The line
/// numbers in [`EXPECTED`] are counted in these texts by hand.
fn flaws() -> Vec<(&'static str, String)> {
    vec![
        // front-matter-syntax: an unquoted colon inside a value (line 2).
        (
            "docs/decisions/0010-colon-in-title.md",
            "\
---
title: Storage: use PostgreSQL
status: proposed
owner: alice
date: 2026-11-20
deadline: 2026-12-31
---
"
            .into(),
        ),
        // missing-field: no owner (reported at the opening `---`, line 1).
        (
            "docs/decisions/0011-no-owner.md",
            "\
---
title: Who owns this
status: proposed
date: 2026-11-20
deadline: 2026-12-31
---
"
            .into(),
        ),
        // unknown-field: `tag` for `tags` (line 7).
        (
            "docs/decisions/0012-typo-in-key.md",
            "\
---
title: Tag the records
status: proposed
owner: alice
date: 2026-11-20
deadline: 2026-12-31
tag: storage
---
"
            .into(),
        ),
        // invalid-value: a status that does not exist (line 3).
        (
            "docs/decisions/0013-bad-status.md",
            "\
---
title: Approve things
status: approved
owner: alice
date: 2026-11-20
deadline: 2026-12-31
---
"
            .into(),
        ),
        // unknown-owner: a misspelt roster id (line 4).
        (
            "docs/decisions/0014-unknown-owner.md",
            "\
---
title: Owned by nobody
status: proposed
owner: alcie
date: 2026-11-20
deadline: 2026-12-31
---
"
            .into(),
        ),
        // duplicate-id: two files numbered 15; the second in path order is reported.
        ("docs/decisions/0015-first.md", proposed("First of two")),
        ("docs/decisions/0015-second.md", proposed("Second of two")),
        // id-mismatch: the key says 61, the file name 16 (line 2).
        (
            "docs/decisions/0016-wrong-id.md",
            "\
---
id: 61
title: Wrong id
status: proposed
owner: alice
date: 2026-11-20
deadline: 2026-12-31
---
"
            .into(),
        ),
        // broken-reference in front matter: supersedes a decision that does not exist
        // (line 7).
        (
            "docs/decisions/0017-supersedes-nothing.md",
            "\
---
title: Replace decision 99
status: proposed
owner: alice
date: 2026-11-20
deadline: 2026-12-31
supersedes: [99]
---
"
            .into(),
        ),
        // broken-reference in the body: a Markdown link to a missing record (line 5).
        (
            "docs/guide/links.md",
            "\
---
title: Links
---

Read [the old plan](../decisions/0098-old-plan.md) first.
"
            .into(),
        ),
        // deadline-passed: proposed, deadline 2026-11-20 before the clock (line 6).
        (
            "docs/decisions/0018-past-deadline.md",
            "\
---
title: Decide by last week
status: proposed
owner: bob
date: 2026-11-16
deadline: 2026-11-20
---
"
            .into(),
        ),
        // supersession-mismatch: 21 supersedes 20, but 20 is still accepted and does
        // not name 21 (reported at 21's `supersedes` entry, line 9).
        (
            "docs/decisions/0020-old-approach.md",
            "\
---
title: Old approach
status: accepted
owner: bob
date: 2026-10-01
decided: 2026-10-02
options: [{name: old}, {name: other}]
outcome: old, because.
---
"
            .into(),
        ),
        (
            "docs/decisions/0021-new-approach.md",
            "\
---
title: New approach
status: accepted
owner: bob
date: 2026-11-01
decided: 2026-11-02
options: [{name: new}, {name: old}]
outcome: new, because.
supersedes: [20]
---
"
            .into(),
        ),
        // missing-section: a brief without `Acceptance criteria` (reported at line 1).
        (
            "docs/briefs/no-acceptance.md",
            "\
---
title: Half a brief
owner: carol
deadline: 2026-12-15
status: active
---

## Context

Why.

## Expected output

What.
"
            .into(),
        ),
        // brief-overdue: active, due 2026-11-01 (line 4).
        (
            "docs/briefs/overdue.md",
            "\
---
title: Late work
owner: bob
deadline: 2026-11-01
status: active
---

## Context

Why.

## Expected output

What.

## Acceptance criteria

Done.
"
            .into(),
        ),
        // meeting-length: 45 minutes is not one of [25, 50] (line 10);
        // replaceable-meeting: a status meeting (category `update`, line 14).
        (
            "docs/meetings.yaml",
            "\
- name: Decision review
  category: decision
  cadence: weekly
  duration: 25
  attendees: [alice, bob, carol]
  agenda: true
- name: Planning
  category: work
  cadence: biweekly
  duration: 45
  attendees: [bob, carol]
  agenda: true
- name: Stand-up
  category: update
  cadence: daily
  duration: 25
  attendees: [alice, bob, carol]
  agenda: false
"
            .into(),
        ),
    ]
}

/// (rule, file, line) of every planted flaw.
const EXPECTED: &[(&str, &str, u64)] = &[
    (
        "front-matter-syntax",
        "docs/decisions/0010-colon-in-title.md",
        2,
    ),
    ("missing-field", "docs/decisions/0011-no-owner.md", 1),
    ("unknown-field", "docs/decisions/0012-typo-in-key.md", 7),
    ("invalid-value", "docs/decisions/0013-bad-status.md", 3),
    ("unknown-owner", "docs/decisions/0014-unknown-owner.md", 4),
    ("duplicate-id", "docs/decisions/0015-second.md", 1),
    ("id-mismatch", "docs/decisions/0016-wrong-id.md", 2),
    (
        "broken-reference",
        "docs/decisions/0017-supersedes-nothing.md",
        7,
    ),
    ("broken-reference", "docs/guide/links.md", 5),
    ("deadline-passed", "docs/decisions/0018-past-deadline.md", 6),
    (
        "supersession-mismatch",
        "docs/decisions/0021-new-approach.md",
        9,
    ),
    ("missing-section", "docs/briefs/no-acceptance.md", 1),
    ("brief-overdue", "docs/briefs/overdue.md", 4),
    ("meeting-length", "docs/meetings.yaml", 10),
    ("replaceable-meeting", "docs/meetings.yaml", 14),
];

fn flawed_repo() -> Repo {
    let repo = Repo::new();
    repo.write_all(common::MINIMAL).write_all(common::CLEAN);
    for (path, text) in flaws() {
        repo.write(path, text);
    }
    repo.commit("one flaw per rule");
    repo
}

#[test]
fn every_rule_reports_its_flaw_at_the_exact_line() {
    let repo = flawed_repo();
    let run = repo.check_json(&[]);
    run.assert_code(1);
    let diags = run.diagnostics();
    let mut missing = Vec::new();
    for (rule, file, line) in EXPECTED {
        if !diags
            .iter()
            .any(|d| d.rule == *rule && d.file == *file && d.line == *line)
        {
            let near: Vec<_> = of_file(&diags, file).into_iter().cloned().collect();
            missing.push(format!(
                "`{rule}` at {file}:{line}; that file has:\n{}",
                listing(&near)
            ));
        }
    }
    assert!(
        missing.is_empty(),
        "{} expected finding(s) missing:\n{}\nall diagnostics:\n{}",
        missing.len(),
        missing.join("\n"),
        listing(&diags)
    );
}

#[test]
fn flaws_do_not_spill_into_clean_files() {
    // The clean documents beside the flaws stay clean: a rule that misfires on a
    // valid document is as bad as one that misses a flaw.
    let repo = flawed_repo();
    let diags = repo.check_json(&[]).diagnostics();
    let flawed: Vec<&str> = flaws().iter().map(|(p, _)| *p).collect();
    let stray: Vec<_> = diags
        .iter()
        .filter(|d| !flawed.contains(&d.file.as_str()) && d.file != "docs/decisions/0015-first.md")
        .cloned()
        .collect();
    assert!(
        stray.is_empty(),
        "findings in files without a planted flaw:\n{}",
        listing(&stray)
    );
    // And every finding in a flawed file is one the test planted.
    let unexpected: Vec<_> = diags
        .iter()
        .filter(|d| {
            !EXPECTED
                .iter()
                .any(|(r, f, l)| d.rule == *r && d.file == *f && d.line == *l)
        })
        .cloned()
        .collect();
    assert!(
        unexpected.is_empty(),
        "findings nobody planted:\n{}",
        listing(&unexpected)
    );
}

#[test]
fn severities_follow_the_rule_defaults() {
    let repo = flawed_repo();
    let diags = repo.check_json(&[]).diagnostics();
    let severity_of = |rule: &str| {
        diags
            .iter()
            .find(|d| d.rule == rule)
            .map(|d| d.severity.clone())
            .unwrap_or_else(|| panic!("no `{rule}` finding:\n{}", listing(&diags)))
    };
    assert_eq!(severity_of("unknown-field"), "warning");
    assert_eq!(severity_of("replaceable-meeting"), "info");
    assert_eq!(severity_of("unknown-owner"), "error");
    assert_eq!(severity_of("invalid-value"), "error");
}

#[test]
fn flaws_json_snapshot() {
    let repo = flawed_repo();
    let run = repo.check_json(&[]);
    run.assert_code(1);
    insta::assert_snapshot!("flaws_json", run.stdout);
}

#[test]
fn flaws_human_snapshot() {
    let repo = flawed_repo();
    let run = repo.check_human(&[]);
    run.assert_code(1);
    insta::assert_snapshot!("flaws_human", run.stdout);
    assert!(
        !run.stdout.contains('\x1b'),
        "no colours with --color never"
    );
}

/// A clean handbook with one misspelt key: warnings only.
fn warnings_only_repo() -> Repo {
    let repo = Repo::new();
    repo.write_all(common::MINIMAL).write_all(common::CLEAN);
    repo.write(
        "docs/decisions/0012-typo-in-key.md",
        "\
---
title: Tag the records
status: proposed
owner: alice
date: 2026-11-20
deadline: 2026-12-31
tag: storage
---
",
    );
    repo.commit("a typo");
    repo
}

#[test]
fn warnings_pass_unless_deny_warnings() {
    let repo = warnings_only_repo();
    let run = repo.check_json(&[]);
    run.assert_code(0);
    let s = run.summary();
    assert_eq!((s.errors, s.warnings), (0, 1), "{run}");
    assert_diag(
        &run.diagnostics(),
        "unknown-field",
        "docs/decisions/0012-typo-in-key.md",
        7,
    );

    let run = repo.check_json(&["--deny-warnings"]);
    run.assert_code(1);
    let run = repo.check_human(&["--deny-warnings"]);
    run.assert_code(1);
    assert!(run.stdout.contains("warning[unknown-field]"), "{run}");
    assert!(run.stdout.contains("did you mean `tags`?"), "{run}");
}

/// A proposed decision due 2026-11-20: past its deadline at the test clock, not yet
/// on 2026-11-10.
fn deadline_repo() -> Repo {
    let repo = Repo::new();
    repo.write_all(common::MINIMAL);
    repo.write(
        "docs/decisions/0018-past-deadline.md",
        "\
---
title: Decide by last week
status: proposed
owner: bob
date: 2026-11-16
deadline: 2026-11-20
---
",
    );
    repo.commit("a deadline");
    repo
}

#[test]
fn docket_now_env_works_like_the_now_option() {
    // `deadline-passed` is a warning; `--deny-warnings` makes the clock decide the
    // exit code.
    let repo = deadline_repo();
    let file = "docs/decisions/0018-past-deadline.md";
    let check = ["check", "--format", "json", "--deny-warnings"];
    for (when, expected) in [("2026-11-10", 0), ("2026-11-24T12:00:00Z", 1)] {
        let by_option = repo.docket().now(when).args(check).run();
        let by_env = repo
            .docket()
            .without_now()
            .env("DOCKET_NOW", when)
            .args(check)
            .run();
        by_option.assert_code(expected);
        by_env.assert_code(expected);
        assert_eq!(
            by_option.stdout, by_env.stdout,
            "DOCKET_NOW={when} and --now {when} agree"
        );
        if expected == 1 {
            assert_diag(&by_env.diagnostics(), "deadline-passed", file, 6);
        } else {
            assert!(by_env.diagnostics().is_empty(), "{by_env}");
        }
    }
    // The option wins over the environment.
    let run = repo
        .docket()
        .now("2026-11-10")
        .env("DOCKET_NOW", "2026-11-24")
        .args(check)
        .run();
    run.assert_code(0);
    // A clock that is not a date cannot run.
    let run = repo
        .docket()
        .without_now()
        .env("DOCKET_NOW", "next tuesday")
        .args(["check"])
        .run();
    run.assert_code(2);
    assert!(run.stderr.contains("next tuesday"), "{run}");
}

#[test]
fn unknown_key_in_docket_toml_cannot_run() {
    let repo = common::clean_repo();
    repo.write(
        "docket.toml",
        "root = \"docs\"\n\n[site]\ntitle = \"Acme\"\ntitel = \"Acme\"\n",
    );
    let run = repo.check_json(&[]);
    run.assert_code(2);
    // No report, but one JSON document that says why (SPEC §5).
    let json = run.json();
    assert!(
        json.get("diagnostics").is_none() && json["error"]["line"] == 5,
        "no report when the command cannot run, only the error\n{run}"
    );
    assert!(
        run.stderr.contains("docket.toml:5:1"),
        "the error names the line\n{run}"
    );
    assert!(
        run.stderr.contains("titel"),
        "the error names the key\n{run}"
    );

    // A top-level typo too.
    repo.write("docket.toml", "rot = \"docs\"\n");
    let run = repo.check_human(&[]);
    run.assert_code(2);
    assert!(run.stderr.contains("docket.toml:1:1"), "{run}");
}

#[test]
fn docket_toml_that_is_not_toml_cannot_run() {
    let repo = common::clean_repo();
    repo.write("docket.toml", "root = \"docs\"\n[rules\n");
    let run = repo.check_human(&[]);
    run.assert_code(2);
    assert!(run.stderr.contains("docket.toml:2:"), "{run}");
}

#[test]
fn unknown_rule_in_docket_toml_cannot_run() {
    let repo = common::clean_repo();
    repo.write("docket.toml", "[rules]\nunknown-feild = \"error\"\n");
    let run = repo.check_human(&[]);
    run.assert_code(2);
    assert!(run.stderr.contains("docket.toml:2:1"), "{run}");
    assert!(run.stderr.contains("unknown-feild"), "{run}");
    assert!(
        run.stderr.contains("did you mean `unknown-field`?"),
        "{run}"
    );

    // A severity that does not exist cannot run either.
    repo.write("docket.toml", "[rules]\nunknown-field = \"fatal\"\n");
    let run = repo.check_human(&[]);
    run.assert_code(2);
    assert!(run.stderr.contains("docket.toml:2:"), "{run}");
}

#[test]
fn nonexistent_path_cannot_run() {
    let repo = common::clean_repo();
    let run = repo.docket().args(["check", "no/such/folder"]).run();
    run.assert_code(2);
    assert!(run.stdout.is_empty(), "{run}");
    assert!(
        run.stderr.contains("no/such/folder"),
        "the error names the path\n{run}"
    );
}

#[test]
fn missing_handbook_root_cannot_run() {
    let repo = Repo::new();
    repo.write("README.md", "# Not a handbook\n");
    repo.write("docket.toml", "root = \"handbook\"\n");
    let run = repo.check_human(&[]);
    run.assert_code(2);
    assert!(run.stderr.contains("handbook"), "{run}");
}

#[test]
fn bad_arguments_cannot_run() {
    let repo = common::clean_repo();
    let run = repo.docket().args(["check", "--format", "yaml"]).run();
    run.assert_code(2);
    let run = repo.docket().args(["check", "--no-such-flag"]).run();
    run.assert_code(2);
}

#[test]
fn severity_overrides_from_docket_toml() {
    let repo = Repo::new();
    repo.write_all(common::MINIMAL).write_all(common::CLEAN);
    repo.write(
        "docs/decisions/0012-typo-in-key.md",
        "\
---
title: Tag the records
status: proposed
owner: alice
date: 2026-11-20
deadline: 2026-12-31
tag: storage
---
",
    );
    repo.write(
        "docs/meetings.yaml",
        "\
- name: Stand-up
  category: update
  cadence: daily
  duration: 25
  attendees: [alice, bob]
",
    );
    repo.commit("a typo and a stand-up");

    // Defaults: a warning and a note, exit 0.
    let run = repo.check_json(&[]);
    run.assert_code(0);
    let diags = run.diagnostics();
    let typo = assert_diag(
        &diags,
        "unknown-field",
        "docs/decisions/0012-typo-in-key.md",
        7,
    );
    assert_eq!(typo.severity, "warning");
    let standup = assert_diag(&diags, "replaceable-meeting", "docs/meetings.yaml", 2);
    assert_eq!(standup.severity, "info");

    // Overridden: the typo fails the run, the stand-up is not reported.
    repo.write(
        "docket.toml",
        "[rules]\nunknown-field = \"error\"\nreplaceable-meeting = \"off\"\n",
    );
    let run = repo.check_json(&[]);
    run.assert_code(1);
    let diags = run.diagnostics();
    let typo = assert_diag(
        &diags,
        "unknown-field",
        "docs/decisions/0012-typo-in-key.md",
        7,
    );
    assert_eq!(typo.severity, "error");
    assert!(
        !diags.iter().any(|d| d.rule == "replaceable-meeting"),
        "an `off` rule reports nothing:\n{}",
        listing(&diags)
    );
    let s = run.summary();
    assert_eq!((s.errors, s.warnings, s.infos), (1, 0, 0), "{run}");

    // Severities can also go down: an error reported as a warning passes.
    repo.write("docket.toml", "[rules]\nunknown-field = \"info\"\n");
    let run = repo.check_json(&["--deny-warnings"]);
    run.assert_code(0);
    let typo = assert_diag(
        &run.diagnostics(),
        "unknown-field",
        "docs/decisions/0012-typo-in-key.md",
        7,
    )
    .clone();
    assert_eq!(typo.severity, "info");
}

#[test]
fn gitignored_files_are_not_read() {
    let repo = Repo::new();
    repo.write_all(common::MINIMAL).write_all(common::CLEAN);
    repo.write(".gitignore", "docs/drafts/\n*.local.md\n");
    // Broken files git ignores: none of them may produce a finding.
    repo.write("docs/drafts/0090-draft.md", "---\ntitle: [unclosed\n");
    repo.write(
        "docs/decisions/0091-scratch.local.md",
        "---\ntitle: x\nstatus: nonsense\n---\n",
    );
    // A broken file git does not ignore, untracked: it is read.
    repo.write(
        "docs/decisions/0092-untracked.md",
        "---\ntitle: Untracked\nstatus: nonsense\nowner: alice\ndate: 2026-11-20\n---\n",
    );
    repo.git(&["add", ".gitignore", "docs/people.yaml", "docs/charter.md"]);
    repo.git(&["commit", "-q", "-m", "ignore drafts"]);
    let run = repo.check_json(&[]);
    let diags = run.diagnostics();
    assert!(
        !diags
            .iter()
            .any(|d| d.file.contains("drafts") || d.file.contains(".local.")),
        "ignored files were read:\n{}",
        listing(&diags)
    );
    assert_diag(
        &diags,
        "invalid-value",
        "docs/decisions/0092-untracked.md",
        3,
    );
    // The clean handbook's 15 documents and the untracked one.
    assert_eq!(
        run.summary().files,
        16,
        "ignored files are not counted\n{run}"
    );
}

#[cfg(unix)]
#[test]
fn symlink_out_of_the_repository_is_not_read() {
    let repo = Repo::new();
    repo.write_all(common::MINIMAL).write_all(common::CLEAN);
    // A file outside the repository, broken in a way that would be reported if read.
    let secret = repo.outside("secret.md");
    common::write_file(&secret, b"---\ntitle: secret\nstatus: [unclosed\n");
    let link = repo.path().join("docs/decisions/0050-link-out.md");
    std::os::unix::fs::symlink(&secret, &link).unwrap();
    repo.commit("a link out");
    let run = repo
        .docket()
        .redact(&repo.outside("secret.md"), "[OUTSIDE]/secret.md")
        .args(["check", "--format", "json"])
        .run();
    let diags = run.diagnostics();
    let found = of_file(&diags, "docs/decisions/0050-link-out.md");
    assert_eq!(
        found.len(),
        1,
        "one finding says the link was skipped:\n{}",
        listing(&diags)
    );
    let d = found[0];
    assert_eq!(d.line, 1, "{d}");
    assert!(d.message.contains("outside"), "the message says why: {d}");
    assert_eq!(
        d.severity, "warning",
        "a skipped link is a warning (adversarial README, 0030): {d}"
    );
    assert!(
        !run.stdout.contains("unclosed"),
        "the linked file's text was read\n{run}"
    );
    run.assert_code(0);
}

#[cfg(unix)]
#[test]
fn symlink_inside_the_repository_is_read() {
    let repo = Repo::new();
    repo.write_all(common::MINIMAL).write_all(common::CLEAN);
    repo.write(
        "shared/0060-shared.md",
        "---\ntitle: Shared\nstatus: nonsense\nowner: alice\ndate: 2026-11-20\n---\n",
    );
    std::os::unix::fs::symlink(
        "../../shared/0060-shared.md",
        repo.path().join("docs/decisions/0060-shared.md"),
    )
    .unwrap();
    repo.commit("a link inside");
    let diags = repo.check_json(&[]).diagnostics();
    assert_diag(&diags, "invalid-value", "docs/decisions/0060-shared.md", 3);
}

#[test]
fn paths_are_repository_relative_from_any_folder() {
    // Run from a subfolder, and with a subfolder as PATH: the findings still name
    // files from the repository root, so that CI annotations land on the right file.
    // A PATH limits the findings to it (issue "Everything docket shows is true",
    // point 12); without one, the whole repository is checked from any folder.
    let repo = flawed_repo();
    let from_root = repo.check_json(&[]);
    let with_path = repo.check_json(&["docs/briefs"]);
    let from_sub = common::Docket::new(&repo.path().join("docs/decisions"))
        .args(["check", "--format", "json"])
        .run();
    let briefs: Vec<_> = from_root
        .diagnostics()
        .into_iter()
        .filter(|d| d.file.starts_with("docs/briefs/"))
        .collect();
    assert!(!briefs.is_empty(), "{from_root}");
    assert_eq!(with_path.diagnostics(), briefs, "{with_path}");
    assert_eq!(from_root.stdout, from_sub.stdout);
}

#[test]
fn colours_only_when_asked() {
    let repo = warnings_only_repo();
    let plain = repo.check_human(&[]);
    assert!(!plain.stdout.contains('\x1b'), "{plain}");
    // `auto` is the default: stdout here is a pipe, not a terminal.
    let auto = repo.docket().color("auto").args(["check"]).run();
    assert!(
        !auto.stdout.contains('\x1b'),
        "no colours into a pipe\n{auto}"
    );
    let coloured = repo.docket().color("always").args(["check"]).run();
    assert!(
        coloured.stdout.contains("\x1b["),
        "colours with --color always\n{coloured}"
    );
    assert_eq!(
        strip_ansi(&coloured.stdout),
        plain.stdout,
        "colours change nothing but colours"
    );
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Regression: `docket check --format json | head` exited 2 with "error: Broken
/// pipe" (the human format exited 0). Output cut short by the reader is not an error
/// (STYLE habit 9, decision 0008).
#[test]
fn closed_pipe_exits_0() {
    use std::io::Read;
    let repo = Repo::new();
    repo.write_all(common::MINIMAL);
    // Enough findings to overflow a pipe's buffer.
    for i in 1000..2500 {
        repo.write(
            &format!("docs/decisions/{i}-x.md"),
            "---\ntitle: t\nstatus: nope\nowner: alice\ndate: 2026-11-01\n---\n",
        );
    }
    repo.commit("many findings");
    for format in ["human", "json"] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_docket"))
            .args([
                "--color",
                "never",
                "--now",
                common::NOW,
                "check",
                "--format",
                format,
            ])
            .current_dir(repo.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 16];
        child
            .stdout
            .as_mut()
            .unwrap()
            .read_exact(&mut first)
            .unwrap();
        // Close the pipe, as `head` does once it has its lines.
        drop(child.stdout.take());
        let started = std::time::Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if started.elapsed() > common::TIMEOUT {
                let _ = child.kill();
                panic!("docket kept running after its reader went away");
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        };
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        assert_eq!(
            status.code(),
            Some(0),
            "--format {format} into a closed pipe exits 0 quietly; stderr: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}
