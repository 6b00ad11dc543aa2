//! Authoring and follow-through: `init` scaffolds a handbook that passes `check`;
//! `new` writes decisions, briefs and updates that pass it too, with the next number
//! and the git user as owner; `index --check` catches a stale index; `status` lists
//! exactly what is overdue at a given `--now`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{MINIMAL, Repo, listing};

/// `check --format json` finds nothing at all.
#[track_caller]
fn assert_clean(repo: &Repo) {
    let run = repo.check_json(&[]);
    let diags = run.diagnostics();
    assert!(diags.is_empty(), "findings:\n{}\n{run}", listing(&diags));
    run.assert_code(0);
}

#[test]
fn init_then_check_passes_and_a_second_init_skips_everything() {
    let repo = Repo::new();
    repo.identify("Zoë Núñez", "zoe.nunez@example.com");
    let run = repo
        .docket()
        .env("TZ", "Europe/Lisbon")
        .args(["init"])
        .run();
    run.assert_code(0);
    assert_eq!(
        run.stdout,
        "\
wrote docket.toml
wrote docs/charter.md
wrote docs/people.yaml
wrote docs/meetings.yaml
wrote .github/workflows/docket.yml
wrote .pre-commit-config.yaml
wrote .vscode/docket/people.schema.json
wrote .vscode/docket/meetings.schema.json
wrote .vscode/settings.json
wrote .gitignore
wrote docs/decisions/README.md

to fill in (docket cannot tell):
  docket.toml: `[site] repo_url`, the repository's web address, for the site's commit and edit links (the git remote `origin` names none)
  .github/workflows/docket.yml: `DOCKET_INSTALL`, the command that installs docket on the runner (this docket was not installed with cargo from a git repository)

next: fill in docs/charter.md and docs/people.yaml, run `docket check`, then commit
",
        "{run}"
    );
    assert_clean(&repo);
    // The editor wiring: the roster's schema is the one `docket schema people` prints.
    let settings: serde_json::Value =
        serde_json::from_str(&repo.read(".vscode/settings.json")).unwrap();
    assert_eq!(
        settings["yaml.schemas"]["./.vscode/docket/people.schema.json"][0],
        "docs/people.yaml"
    );
    let schema = repo.docket().args(["schema", "people"]).run();
    assert_eq!(
        repo.read(".vscode/docket/people.schema.json"),
        schema.stdout
    );
    repo.docket()
        .args(["index", "--check"])
        .run()
        .assert_code(0);

    // The roster holds the git user, with an id from the email's local part.
    let people = repo.read("docs/people.yaml");
    assert!(
        people.ends_with(
            "- id: zoe-nunez\n  name: Zoë Núñez\n  email: zoe.nunez@example.com\n  timezone: Europe/Lisbon\n"
        ),
        "{people}"
    );
    // The charter: owned by that user, reviewed today, the default norms, the four
    // sections.
    let charter = repo.read("docs/charter.md");
    assert!(
        charter.starts_with(
            "---\ntitle: How we work\nowner: zoe-nunez\nreviewed: 2026-11-24\nresponse_time: 4h\ndecision_deadline: 48h\nblocker_resolution: 24h\nbrief_threshold: 2h\nmeeting_lengths: [25, 50]\nagenda_lead_time: 24h\nfocus_block: 3h\n---\n"
        ),
        "{charter}"
    );
    for section in [
        "## What requires a meeting",
        "## Response times",
        "## Where communication lives",
        "## Escalation",
    ] {
        assert!(
            charter.contains(section),
            "{section} is missing:\n{charter}"
        );
    }
    // docket.toml: every key, all commented out but the repository's address,
    // which docket cannot tell here (no git remote) and leaves empty to fill in.
    let toml = repo.read("docket.toml");
    assert!(
        toml.lines()
            .all(|l| l.is_empty() || l.starts_with('#') || l == "[site]" || l == "repo_url = \"\""),
        "{toml}"
    );
    for key in [
        "# root = \"docs\"",
        "[site]",
        "# title = ",
        "# base_url = ",
        "repo_url = \"\"",
        "# [rules]",
        "# unknown-field = \"warning\"",
        "# [kinds.decision]",
        "# id = \"number\"",
        "# [kinds.meetings]",
        "# required = []",
    ] {
        assert!(toml.contains(key), "`{key}` is missing:\n{toml}");
    }
    // The workflow checks pull requests with annotations on a full clone, and
    // publishes the site from the default branch.
    let workflow = repo.read(".github/workflows/docket.yml");
    for part in [
        "pull_request:",
        "fetch-depth: 0",
        "origin/${{ github.base_ref }}",
        "docket check --changed-since \"$CHANGED_SINCE\" --format github",
        "github.event.repository.default_branch",
        "docket build --out site",
        // The pull requests for reply times and approvals, with the CI's token.
        "GH_TOKEN: ${{ github.token }}",
        "gh pr list --state all",
        "--json number,title,url,author,createdAt,mergedAt,closedAt,isDraft,reviews,comments,commits,mergeCommit",
        "--forge \"$RUNNER_TEMP/pulls.json\"",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    ] {
        assert!(workflow.contains(part), "`{part}` is missing:\n{workflow}");
    }
    let hooks = repo.read(".pre-commit-config.yaml");
    assert!(hooks.contains("- repo: local") && hooks.contains("entry: docket check"));
    a_second_init_skips_everything(&repo);
}

/// Again: nothing is overwritten, and it says so.
fn a_second_init_skips_everything(repo: &Repo) {
    std::fs::write(repo.path().join("docs/people.yaml"), "# mine\n").unwrap();
    let again = repo.docket().args(["init"]).run();
    again.assert_code(0);
    assert_eq!(
        again.stdout,
        "\
skipped docket.toml (it exists)
skipped docs/charter.md (it exists)
skipped docs/people.yaml (it exists)
skipped docs/meetings.yaml (it exists)
skipped .github/workflows/docket.yml (it exists)
skipped .pre-commit-config.yaml (it exists)
skipped .vscode/docket/people.schema.json (it exists)
skipped .vscode/docket/meetings.schema.json (it exists)
skipped .vscode/settings.json (it exists)
skipped .gitignore (it ignores site/ already)
skipped docs/decisions/README.md (it exists)

nothing to do: every file exists
",
        "{again}"
    );
    assert_eq!(repo.read("docs/people.yaml"), "# mine\n");
}

#[test]
fn init_keeps_existing_files_and_offers_the_hook() {
    let repo = Repo::new();
    repo.identify("Alice Ng", "alice@example.com");
    repo.write(".pre-commit-config.yaml", "repos: []\n");
    let run = repo.docket().args(["init"]).run();
    run.assert_code(0);
    assert!(
        run.stdout
            .contains("skipped .pre-commit-config.yaml (it exists)"),
        "{run}"
    );
    assert!(
        run.stdout.contains("- repo: local") && run.stdout.contains("entry: docket check"),
        "the hook to add is shown\n{run}"
    );
    assert_eq!(repo.read(".pre-commit-config.yaml"), "repos: []\n");
    // Without TZ, the time zone is UTC.
    assert!(repo.read("docs/people.yaml").contains("  timezone: UTC\n"));
    assert_clean(&repo);
}

#[test]
fn two_new_decisions_take_consecutive_numbers_with_the_git_user_as_owner() {
    let repo = Repo::new();
    // The roster has no emails: the git user is found by name.
    repo.identify("Alice Ng", "a.ng@example.org");
    repo.write_all(MINIMAL)
        .write(
            "docs/decisions/0007-earlier.md",
            "---\ntitle: Earlier\nstatus: accepted\nowner: bob\ndate: 2026-11-01\ndecided: 2026-11-02\noutcome: Yes.\noptions: [A, B]\n---\n",
        )
        .commit("handbook");
    let first = repo
        .docket()
        .args(["new", "decision", "Use PostgreSQL: for billing"])
        .run();
    first.assert_code(0);
    assert_eq!(
        first.stdout, "docs/decisions/0008-use-postgresql-for-billing.md\n",
        "{first}"
    );
    // Several words without quotes make one title; accents are transliterated.
    let second = repo
        .docket()
        .args(["new", "decision", "Déjà", "vu", "über", "alles"])
        .run();
    second.assert_code(0);
    assert_eq!(
        second.stdout, "docs/decisions/0009-deja-vu-uber-alles.md\n",
        "{second}"
    );
    assert_eq!(
        repo.read("docs/decisions/0008-use-postgresql-for-billing.md"),
        "\
---
title: \"Use PostgreSQL: for billing\"
status: proposed
owner: alice
date: 2026-11-24
deadline: 2026-11-26T12:00:00Z
---

## Context

What question needs an answer, and why now? What constrains the answer (time,
money, people, earlier decisions)? Link the brief, issue or discussion it comes
from.

## Options

- **First option.** What it is, what speaks for it and what against it.
- **Second option.** What it is, what speaks for it and what against it.

## Decision

Open until the owner decides, by the deadline at the latest, with what is known
then. Replace this paragraph with the chosen option and why, and set
`status: accepted` (or `rejected`) and `decided` in the front matter.
"
    );
    assert!(
        repo.read("docs/decisions/0009-deja-vu-uber-alles.md")
            .contains("title: Déjà vu über alles\nstatus: proposed\nowner: alice\n")
    );
    assert_clean(&repo);
}

#[test]
fn the_git_user_is_found_by_email_and_the_charter_sets_the_deadline() {
    let repo = Repo::new();
    repo.identify("B. O.", "Bob@Okafor.Example");
    repo.write_all(MINIMAL).write(
        "docs/people.yaml",
        "- id: bob\n  name: Bob Okafor\n  email: bob@okafor.example\n  timezone: America/Toronto\n- id: alice\n  name: Alice Ng\n  timezone: Europe/Berlin\n",
    );
    let charter = repo
        .read("docs/charter.md")
        .replace("decision_deadline: 48h", "decision_deadline: 3d");
    repo.write("docs/charter.md", charter);
    // 02:00 UTC is still the day before in Toronto: the date is the owner's.
    let run = repo
        .docket()
        .now("2026-11-24T02:00:00Z")
        .args(["new", "decision", "Pick a queue"])
        .run();
    run.assert_code(0);
    assert_eq!(run.stdout, "docs/decisions/0001-pick-a-queue.md\n");
    let text = repo.read("docs/decisions/0001-pick-a-queue.md");
    assert!(
        text.starts_with(
            "---\ntitle: Pick a queue\nstatus: proposed\nowner: bob\ndate: 2026-11-23\ndeadline: 2026-11-27T02:00:00Z\n---\n"
        ),
        "{text}"
    );
}

#[test]
fn new_brief_and_update_pass_check() {
    let repo = Repo::new();
    repo.identify("Alice Ng", "alice@example.com");
    repo.write_all(MINIMAL).commit("handbook");
    let brief = repo
        .docket()
        .args(["new", "brief", "Migrate billing, phase 1"])
        .run();
    brief.assert_code(0);
    assert_eq!(brief.stdout, "docs/briefs/migrate-billing-phase-1.md\n");
    let text = repo.read("docs/briefs/migrate-billing-phase-1.md");
    assert!(
        text.starts_with(
            "---\ntitle: Migrate billing, phase 1\nowner: alice\nstatus: draft\ndeadline: 2026-12-01T12:00:00Z\n---\n"
        ),
        "{text}"
    );
    let update = repo.docket().args(["new", "update"]).run();
    update.assert_code(0);
    assert_eq!(update.stdout, "docs/updates/2026-11-24/alice.md\n");
    assert_eq!(
        repo.read("docs/updates/2026-11-24/alice.md"),
        "Done:\nNext:\nBlocker: none\n"
    );
    let other = repo
        .docket()
        .args(["new", "update", "--owner", "carol"])
        .run();
    other.assert_code(0);
    assert_eq!(other.stdout, "docs/updates/2026-11-24/carol.md\n");
    assert_clean(&repo);

    // Never overwrites.
    std::fs::write(
        repo.path().join("docs/updates/2026-11-24/alice.md"),
        "Done: a lot\nNext: more\nBlocker: none\n",
    )
    .unwrap();
    let again = repo.docket().args(["new", "update"]).run();
    again.assert_code(2);
    assert!(
        again
            .stderr
            .contains("`docs/updates/2026-11-24/alice.md` already exists"),
        "{again}"
    );
    assert_eq!(
        repo.read("docs/updates/2026-11-24/alice.md"),
        "Done: a lot\nNext: more\nBlocker: none\n"
    );
}

#[test]
fn new_refuses_unknown_owners_and_missing_titles() {
    let repo = Repo::new();
    repo.identify("Mallory", "mallory@example.com");
    repo.write_all(MINIMAL);
    let unknown = repo
        .docket()
        .args(["new", "decision", "X", "--owner", "alcie"])
        .run();
    unknown.assert_code(2);
    assert!(
        unknown
            .stderr
            .contains("owner `alcie` is not in docs/people.yaml; did you mean `alice`?"),
        "{unknown}"
    );
    let stranger = repo.docket().args(["new", "brief", "X"]).run();
    stranger.assert_code(2);
    assert!(
        stranger
            .stderr
            .contains("the git user Mallory <mallory@example.com> is not in docs/people.yaml"),
        "{stranger}"
    );
    let untitled = repo.docket().args(["new", "decision"]).run();
    untitled.assert_code(2);
    assert!(untitled.stderr.contains("a decision needs a title"));
    assert!(!repo.path().join("docs/decisions").exists());
    assert!(!repo.path().join("docs/briefs").exists());
}

#[test]
fn user_templates_override_the_built_in_ones() {
    // A draft: once the brief is `active`, sections still as the team's template
    // wrote them (`c`, `o`, `a`) are `template-text` (tests/truth_checks.rs).
    let repo = Repo::new();
    repo.write_all(MINIMAL).write(
        "templates/new/brief.md",
        "---\ntitle: {{title}}\nowner: {{ owner }}\nstatus: draft\ndeadline: {{deadline}}\nestimate: 3\n---\n# {{date}}\n## Context\nc\n## Expected output\no\n## Acceptance criteria\na\n",
    );
    let run = repo
        .docket()
        .args(["new", "brief", "Yes", "--owner", "bob"])
        .run();
    run.assert_code(0);
    assert_eq!(
        repo.read("docs/briefs/yes.md"),
        "---\ntitle: \"Yes\"\nowner: bob\nstatus: draft\ndeadline: 2026-12-01T12:00:00Z\nestimate: 3\n---\n# 2026-11-24\n## Context\nc\n## Expected output\no\n## Acceptance criteria\na\n"
    );
    assert_clean(&repo);
}

const INDEXED: &str = "\
# Decisions

The team's decision records, one file per decision. To propose one, run
`docket new decision \"Title\"` and open a pull request; to change an accepted
decision, write a new one that supersedes it.

_This index is generated by `docket index` from the records in this folder:
edit the records, then run `docket index`, rather than editing this file._

| # | Decision | Status | Owner | Date |
|---|---|---|---|---|
| 0001 | [Use MySQL](0001-use-mysql.md) | superseded by [0003](0003-use-postgresql.md) | bob | 2026-10-01 |
| 0003 | [Use PostgreSQL](0003-use-postgresql.md) | accepted | alice | 2026-11-01 |
";

#[test]
fn index_check_fails_when_stale_and_passes_after_index() {
    let repo = Repo::new();
    repo.identify("Alice Ng", "alice@example.com");
    repo.write_all(MINIMAL)
        .write(
            "docs/decisions/0003-use-postgresql.md",
            "---\ntitle: Use PostgreSQL\nstatus: accepted\nowner: alice\ndate: 2026-11-01\ndecided: 2026-11-02\nsupersedes: [1]\noptions: [PostgreSQL, MySQL]\noutcome: PostgreSQL.\n---\n",
        )
        .write(
            "docs/decisions/0001-use-mysql.md",
            "---\ntitle: Use MySQL\nstatus: superseded\nsuperseded_by: 3\nowner: bob\ndate: 2026-10-01\n---\n",
        )
        .commit("handbook");

    let missing = repo.docket().args(["index", "--check"]).run();
    missing.assert_code(1);
    assert_eq!(
        missing.stdout,
        "docs/decisions/README.md is missing; run `docket index` to write it\n"
    );
    assert!(!repo.path().join("docs/decisions/README.md").exists());

    let write = repo.docket().args(["index"]).run();
    write.assert_code(0);
    assert_eq!(
        write.stdout,
        "wrote docs/decisions/README.md (2 decisions)\n"
    );
    assert_eq!(repo.read("docs/decisions/README.md"), INDEXED);
    let current = repo.docket().args(["index", "--check"]).run();
    current.assert_code(0);
    assert_eq!(
        current.stdout,
        "docs/decisions/README.md is up to date (2 decisions)\n"
    );
    // The index is a page, not a third decision, and its links resolve.
    assert_clean(&repo);
    let summary = repo.check_json(&[]).summary();
    assert_eq!(
        summary.files, 6,
        "roster, charter, meeting inventory, 2 decisions, index"
    );

    // A new decision makes it stale; `index` brings it up to date again.
    repo.docket()
        .args(["new", "decision", "Use Redis"])
        .run()
        .assert_code(0);
    let stale = repo.docket().args(["index", "--check"]).run();
    stale.assert_code(1);
    assert_eq!(
        stale.stdout,
        "docs/decisions/README.md is out of date; run `docket index` to update it\n"
    );
    repo.docket().args(["index"]).run().assert_code(0);
    repo.docket()
        .args(["index", "--check"])
        .run()
        .assert_code(0);
    assert!(
        repo.read("docs/decisions/README.md").ends_with(
            "| 0004 | [Use Redis](0004-use-redis.md) | proposed | alice | 2026-11-24 |\n"
        )
    );
    // A second `index` with nothing new leaves the file alone.
    let idle = repo.docket().args(["index"]).run();
    idle.assert_code(0);
    assert_eq!(
        idle.stdout,
        "docs/decisions/README.md is already up to date (3 decisions)\n"
    );
}

/// A handbook with something of everything at 2026-11-24T12:00:00Z.
const STATUS_FIXTURE: &[(&str, &str)] = &[
    // Overdue: explicit deadline 2026-11-22T00:00Z, 60 hours ago.
    (
        "docs/decisions/0001-overdue-explicit.md",
        "---\ntitle: Pick a queue\nstatus: proposed\nowner: bob\ndate: 2026-11-18\ndeadline: 2026-11-22\n---\n",
    ),
    // Overdue: implied deadline 2026-11-21T09:00Z + 48h = 2026-11-23T09:00Z, 27 hours ago.
    (
        "docs/decisions/0002-overdue-implied.md",
        "---\ntitle: Drop the stand-up\nstatus: proposed\nowner: alice\ndate: 2026-11-21T09:00:00Z\n---\n",
    ),
    // Due in 6 hours.
    (
        "docs/decisions/0003-due-soon.md",
        "---\ntitle: Rename the product\nstatus: proposed\nowner: carol\ndate: 2026-11-23\ndeadline: 2026-11-24T18:00:00Z\n---\n",
    ),
    // Due in two days: not listed.
    (
        "docs/decisions/0004-later.md",
        "---\ntitle: Later\nstatus: proposed\nowner: carol\ndate: 2026-11-24\ndeadline: 2026-11-26T12:00:00Z\n---\n",
    ),
    // Decided long ago: not listed.
    (
        "docs/decisions/0005-decided.md",
        "---\ntitle: Decided\nstatus: accepted\nowner: alice\ndate: 2026-10-01\ndeadline: 2026-10-03\ndecided: 2026-10-02\noptions: [A, B]\noutcome: A.\n---\n",
    ),
    // Briefs: one active and late, one draft and late, one done, one due later.
    (
        "docs/briefs/migrate-billing.md",
        "---\ntitle: Migrate billing\nowner: bob\nstatus: active\ndeadline: 2026-11-20\n---\n## Context\nc\n## Expected output\no\n## Acceptance criteria\na\n",
    ),
    (
        "docs/briefs/write-the-guide.md",
        "---\ntitle: Write the guide\nowner: carol\nstatus: draft\ndeadline: 2026-11-24T10:30:00Z\n---\n## Context\nc\n## Expected output\no\n## Acceptance criteria\na\n",
    ),
    (
        "docs/briefs/done.md",
        "---\ntitle: Done\nowner: bob\nstatus: done\ndeadline: 2026-11-01\n---\n## Context\nc\n## Expected output\no\n## Acceptance criteria\na\n",
    ),
    (
        "docs/briefs/later.md",
        "---\ntitle: Later\nowner: bob\nstatus: active\ndeadline: 2026-12-01\n---\n## Context\nc\n## Expected output\no\n## Acceptance criteria\na\n",
    ),
    // alice: blocked since the 20th (same text, other case), still blocked.
    (
        "docs/updates/2026-11-20/alice.md",
        "Done: a\nNext: b\nBlocker: waiting for #1\n",
    ),
    (
        "docs/updates/2026-11-23/alice.md",
        "Done: a\nNext: b\nBlocker: Waiting for #1\n",
    ),
    // bob: a blocker resolved the next day, then a fresh one (12 hours old).
    (
        "docs/updates/2026-11-21/bob.md",
        "Done: a\nNext: b\nBlocker: the VPN\n",
    ),
    (
        "docs/updates/2026-11-22/bob.md",
        "Done: a\nNext: b\nBlocker: none\n",
    ),
    (
        "docs/updates/2026-11-24/bob.md",
        "Done: a\nNext: b\nBlocker: review of 0003-due-soon.md\n",
    ),
];

#[test]
fn status_json_lists_exactly_what_is_overdue() {
    let repo = Repo::new();
    repo.write_all(MINIMAL)
        .write_all(STATUS_FIXTURE)
        .commit("handbook");
    let run = repo.docket().args(["status", "--format", "json"]).run();
    run.assert_code(0);
    let expected = serde_json::json!({
        "version": 1,
        "overdue_decisions": [
            {
                "kind": "decision",
                "path": "docs/decisions/0001-overdue-explicit.md",
                "title": "Pick a queue",
                "owner": "bob",
                "deadline": "2026-11-22T00:00:00Z",
                "overdue_hours": 60
            },
            {
                "kind": "decision",
                "path": "docs/decisions/0002-overdue-implied.md",
                "title": "Drop the stand-up",
                "owner": "alice",
                "deadline": "2026-11-23T09:00:00Z",
                "overdue_hours": 27
            }
        ],
        "due_soon": [
            {
                "kind": "decision",
                "path": "docs/decisions/0003-due-soon.md",
                "title": "Rename the product",
                "owner": "carol",
                "deadline": "2026-11-24T18:00:00Z",
                "due_in_hours": 6
            }
        ],
        "overdue_briefs": [
            {
                "path": "docs/briefs/migrate-billing.md",
                "title": "Migrate billing",
                "owner": "bob",
                "status": "active",
                "deadline": "2026-11-20T00:00:00Z",
                "overdue_hours": 108
            },
            {
                "path": "docs/briefs/write-the-guide.md",
                "title": "Write the guide",
                "owner": "carol",
                "status": "draft",
                "deadline": "2026-11-24T10:30:00Z",
                "overdue_hours": 1
            }
        ],
        "stale_blockers": [
            {
                "path": "docs/updates/2026-11-23/alice.md",
                "title": "Waiting for #1",
                "owner": "alice",
                "since": "2026-11-20T00:00:00Z",
                "overdue_hours": 84
            }
        ]
    });
    assert_eq!(run.json(), expected, "{run}");

    // The same handbook a week earlier: nothing was due yet.
    let earlier = repo
        .docket()
        .now("2026-11-17T12:00:00Z")
        .args(["status", "--format", "json", "--fail-on-overdue"])
        .run();
    earlier.assert_code(0);
    assert_eq!(
        earlier.json(),
        serde_json::json!({"version": 1, "overdue_decisions": [], "due_soon": [],
                           "overdue_briefs": [], "stale_blockers": []})
    );
}

#[test]
fn status_human_and_fail_on_overdue() {
    let repo = Repo::new();
    repo.write_all(MINIMAL).write_all(STATUS_FIXTURE);
    let run = repo.docket().args(["status"]).run();
    run.assert_code(0);
    assert_eq!(
        run.stdout,
        "\
2 open decisions past their deadline:
  docs/decisions/0001-overdue-explicit.md  Pick a queue
      owner bob, 2d 12h overdue (deadline 2026-11-22T00:00:00Z)
  docs/decisions/0002-overdue-implied.md  Drop the stand-up
      owner alice, 1d 3h overdue (deadline 2026-11-23T09:00:00Z)

1 decision due within 24 hours:
  docs/decisions/0003-due-soon.md  Rename the product
      owner carol, due in 6h (deadline 2026-11-24T18:00:00Z)

2 overdue briefs:
  docs/briefs/migrate-billing.md  Migrate billing
      owner bob, still active, 4d 12h overdue (deadline 2026-11-20T00:00:00Z)
  docs/briefs/write-the-guide.md  Write the guide
      owner carol, still draft, 1h 30m overdue (deadline 2026-11-24T10:30:00Z)

1 blocker open longer than 1d:
  docs/updates/2026-11-23/alice.md  Waiting for #1
      by alice, open since 2026-11-20 (4d 12h)
",
        "{run}"
    );
    repo.docket()
        .args(["status", "--fail-on-overdue"])
        .run()
        .assert_code(1);
    // A decision due soon is not overdue yet.
    let soon = Repo::new();
    soon.write_all(MINIMAL).write_all(&STATUS_FIXTURE[2..3]);
    let run = soon.docket().args(["status", "--fail-on-overdue"]).run();
    run.assert_code(0);
    assert!(
        run.stdout.starts_with("1 decision due within 24 hours:\n"),
        "{run}"
    );
    let quiet = repo
        .docket()
        .now("2026-11-01T00:00:00Z")
        .args(["status"])
        .run();
    quiet.assert_code(0);
    assert!(
        quiet.stdout.starts_with("nothing needs attention"),
        "{quiet}"
    );
}

#[cfg(unix)]
#[test]
fn open_runs_the_editor_on_the_new_file() {
    let repo = Repo::new();
    repo.write_all(MINIMAL);
    // An "editor" that proves it got the new file's path: it empties the file.
    let run = repo
        .docket()
        .env("EDITOR", "cp /dev/null")
        .args(["new", "brief", "Edit me", "--owner", "bob", "--open"])
        .run();
    run.assert_code(0);
    assert_eq!(run.stdout, "docs/briefs/edit-me.md\n");
    assert_eq!(repo.read("docs/briefs/edit-me.md"), "");
    // A failing editor: the file stays, and the error says it was written.
    let failed = repo
        .docket()
        .env("EDITOR", "false")
        .args(["new", "update", "--owner", "bob", "--open"])
        .run();
    failed.assert_code(2);
    assert!(
        failed.stderr.contains(
            "`docs/updates/2026-11-24/bob.md` was written, but: the editor `false` exited"
        ),
        "{failed}"
    );
    assert!(repo.path().join("docs/updates/2026-11-24/bob.md").is_file());
}
