//! What `docket check` and `docket metrics` say must be true (the issue "Everything
//! docket shows is true", points 1 and 3): text left as a template wrote it is no
//! content, and a decision is superseded by, or its substance changed only through,
//! a decided record. Each test builds a real git repository, runs the real binary,
//! and failed before its fix.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{ACCEPTED, Diag, MINIMAL, Repo, assert_diag, assert_no_diag, listing, of_file};

/// `docket new KIND TITLE`, returning the path it wrote.
fn new(repo: &Repo, kind: &str, title: &str) -> String {
    let run = repo.docket().args(["new", kind, title]).run();
    run.assert_code(0);
    run.stdout.trim().to_string()
}

/// Edits the file at `rel`: `from` (which must be there) becomes `to`.
fn edit(repo: &Repo, rel: &str, from: &str, to: &str) {
    let text = repo.read(rel);
    assert!(text.contains(from), "{rel} has no `{from}`:\n{text}");
    repo.write(rel, text.replacen(from, to, 1));
}

/// What the author of a record written by `docket new decision` does when deciding
/// without filling anything in: the status and the date, nothing else.
fn accept_as_is(repo: &Repo, rel: &str) {
    edit(
        repo,
        rel,
        "status: proposed",
        "status: accepted\ndecided: 2026-11-24",
    );
}

/// The `template-text` findings of `file` whose message names `section`.
fn template_finding<'a>(diags: &'a [Diag], file: &str, section: &str) -> &'a Diag {
    of_file(diags, file)
        .into_iter()
        .find(|d| d.rule == "template-text" && d.message.contains(section))
        .unwrap_or_else(|| {
            panic!(
                "expected `template-text` naming {section} in {file}; the diagnostics were:\n{}",
                listing(diags)
            )
        })
}

#[test]
fn a_decision_accepted_with_the_templates_text_has_no_options_and_no_outcome() {
    let repo = Repo::new();
    repo.identify("Alice Ng", "alice@example.com");
    repo.write_all(MINIMAL).write_all(&[
        (
            "docs/decisions/0001-use-postgresql.md",
            "---\ntitle: Use PostgreSQL\nstatus: accepted\nowner: alice\ndate: 2026-11-01\ndecided: 2026-11-02\noptions: [PostgreSQL, SQLite]\noutcome: PostgreSQL, because we know it.\n---\n",
        ),
        (
            "docs/decisions/0002-weekly-review.md",
            "---\ntitle: Weekly review\nstatus: accepted\nowner: bob\ndate: 2026-11-02\ndecided: 2026-11-04\n---\n## Options\n\n- Weekly\n- Never\n\n## Decision\n\nWeekly, because two decisions stalled.\n",
        ),
        (
            "docs/decisions/0003-no-outcome-yet.md",
            "---\ntitle: No outcome yet\nstatus: proposed\nowner: carol\ndate: 2026-11-23\ndeadline: 2026-12-01\n---\n## Context\n\nWhy.\n",
        ),
    ]);
    repo.commit("handbook");
    let accepted = new(&repo, "decision", "Use Kafka");
    assert_eq!(accepted, "docs/decisions/0004-use-kafka.md");
    accept_as_is(&repo, &accepted);
    // A second fresh record, still proposed: a draft, where the template's text is
    // expected.
    let draft = new(&repo, "decision", "Use Redis");
    assert_eq!(draft, "docs/decisions/0005-use-redis.md");

    let run = repo.check_json(&[]);
    run.assert_code(1);
    let diags = run.diagnostics();
    let options = template_finding(&diags, &accepted, "`## Options`");
    assert!(
        options.message.contains("still the template's text"),
        "{options}"
    );
    assert_eq!(options.severity, "error");
    let decision = template_finding(&diags, &accepted, "`## Decision`");
    assert!(
        decision.message.contains("still the template's text"),
        "{decision}"
    );
    template_finding(&diags, &accepted, "`## Context`");
    // Said once: the template's text is the finding, not a missing key on top.
    assert!(
        !of_file(&diags, &accepted)
            .iter()
            .any(|d| d.rule == "missing-field"),
        "{}",
        listing(&diags)
    );
    assert_no_diag(&diags, &draft);

    // Five decisions; a real outcome in 0001 (front matter) and 0002 (`## Decision`)
    // only: 0003 has none, 0004 and 0005 the template's paragraph. 2 / 5 = 40 %.
    // Before, the template's paragraph counted: 4 / 5 = 80 %.
    let metrics = repo.docket().args(["metrics", "--format", "json"]).run();
    metrics.assert_code(0);
    let json = metrics.json();
    assert_eq!(json["decisions"]["total"], 5, "{metrics}");
    assert_eq!(
        json["decisions"]["with_outcome_pct"], 40.0,
        "template text is no outcome\n{metrics}"
    );
}

#[test]
fn a_teams_own_decision_template_is_recognised_the_same_way() {
    let repo = Repo::new();
    repo.identify("Alice Ng", "alice@example.com");
    repo.write_all(MINIMAL).write(
        "templates/new/decision.md",
        "\
---
title: {{title}}
status: proposed
owner: {{owner}}
date: {{date}}
---

# {{title}}

## Background

Describe the problem {{title}} solves, in two or three sentences.

## Options

1. Option A: describe it.
2. Option B: describe it.

## Outcome

To be written by the owner when the decision is made.
",
    );
    repo.commit("handbook with its own template");
    let rel = new(&repo, "decision", "Adopt Rust");
    assert!(
        repo.read(&rel).contains("## Background"),
        "the team's template"
    );
    let run = repo.check_json(&[]);
    run.assert_code(0);
    assert_no_diag(&run.diagnostics(), &rel);

    accept_as_is(&repo, &rel);
    let run = repo.check_json(&[]);
    run.assert_code(1);
    let diags = run.diagnostics();
    template_finding(&diags, &rel, "`## Options`");
    template_finding(&diags, &rel, "`## Outcome`");
    // A paragraph with the template's placeholder filled in is still its text.
    template_finding(&diags, &rel, "`## Background`");
    let metrics = repo.docket().args(["metrics", "--format", "json"]).run();
    assert_eq!(
        metrics.json()["decisions"]["with_outcome_pct"],
        0.0,
        "{metrics}"
    );

    // Written over, the record passes: only the parts left as they were count.
    edit(
        &repo,
        &rel,
        "Describe the problem Adopt Rust solves, in two or three sentences.",
        "Our C++ services crash weekly.",
    );
    edit(
        &repo,
        &rel,
        "1. Option A: describe it.\n2. Option B: describe it.",
        "1. Rust\n2. Stay with C++",
    );
    edit(
        &repo,
        &rel,
        "To be written by the owner when the decision is made.",
        "Rust, for memory safety.",
    );
    let run = repo.check_json(&[]);
    let diags = run.diagnostics();
    assert_no_diag(&diags, &rel);
    run.assert_code(0);
}

#[test]
fn a_brief_under_way_with_the_templates_sections_is_reported() {
    let repo = Repo::new();
    repo.identify("Alice Ng", "alice@example.com");
    repo.write_all(MINIMAL).commit("handbook");
    let active = new(&repo, "brief", "Migrate billing");
    let draft = new(&repo, "brief", "Archive invoices");
    // A draft is being written: no finding.
    let run = repo.check_json(&[]);
    assert_no_diag(&run.diagnostics(), &active);
    run.assert_code(0);

    edit(&repo, &active, "status: draft", "status: active");
    let run = repo.check_json(&[]);
    run.assert_code(1);
    let diags = run.diagnostics();
    for section in [
        "`## Context`",
        "`## Expected output`",
        "`## Acceptance criteria`",
    ] {
        template_finding(&diags, &active, section);
    }
    assert!(
        !of_file(&diags, &active)
            .iter()
            .any(|d| d.rule == "missing-section"),
        "said once, by template-text\n{}",
        listing(&diags)
    );
    assert_no_diag(&diags, &draft);
}

#[test]
fn a_decision_is_superseded_only_by_a_decided_one() {
    let repo = Repo::new();
    repo.write_all(MINIMAL).write_all(&[
        // 0001 already says it is superseded by 0002, which nobody has decided.
        (
            "docs/decisions/0001-use-mysql.md",
            "---\ntitle: Use MySQL\nstatus: superseded\nowner: bob\ndate: 2026-10-01\nsuperseded_by: 2\n---\n",
        ),
        (
            "docs/decisions/0002-use-postgresql.md",
            "---\ntitle: Use PostgreSQL\nstatus: proposed\nowner: alice\ndate: 2026-11-23\ndeadline: 2026-12-01\nsupersedes: [1]\n---\n",
        ),
        // 0003 names a rejected decision as its replacement.
        (
            "docs/decisions/0003-use-rabbitmq.md",
            "---\ntitle: Use RabbitMQ\nstatus: superseded\nowner: bob\ndate: 2026-10-01\nsuperseded_by: 4\n---\n",
        ),
        (
            "docs/decisions/0004-use-kafka.md",
            "---\ntitle: Use Kafka\nstatus: rejected\nowner: alice\ndate: 2026-11-01\ndecided: 2026-11-02\nsupersedes: [3]\noptions: [Kafka, RabbitMQ]\noutcome: Not Kafka, too heavy.\n---\n",
        ),
        // 0006 proposes to replace 0005, which rightly stays accepted until then.
        (
            "docs/decisions/0005-weekly-review.md",
            "---\ntitle: Weekly review\nstatus: accepted\nowner: bob\ndate: 2026-10-01\ndecided: 2026-10-02\noptions: [Weekly, Never]\noutcome: Weekly.\n---\n",
        ),
        (
            "docs/decisions/0006-monthly-review.md",
            "---\ntitle: Monthly review\nstatus: proposed\nowner: alice\ndate: 2026-11-23\ndeadline: 2026-12-01\nsupersedes: [5]\n---\n",
        ),
    ]);
    repo.commit("handbook");
    let run = repo.check_json(&[]);
    run.assert_code(1);
    let diags = run.diagnostics();
    let proposed = assert_diag(
        &diags,
        "supersession-mismatch",
        "docs/decisions/0001-use-mysql.md",
        6,
    );
    assert!(proposed.message.contains("`proposed`"), "{proposed}");
    let rejected = assert_diag(
        &diags,
        "supersession-mismatch",
        "docs/decisions/0003-use-rabbitmq.md",
        6,
    );
    assert!(rejected.message.contains("`rejected`"), "{rejected}");
    // A proposal that would replace an accepted decision is no mismatch yet.
    assert_no_diag(&diags, "docs/decisions/0005-weekly-review.md");
    assert_no_diag(&diags, "docs/decisions/0006-monthly-review.md");
}

#[test]
fn an_accepted_decisions_title_and_status_are_its_substance() {
    let repo = Repo::new();
    repo.write_all(MINIMAL).write_all(&[
        ("docs/decisions/0001-use-postgresql.md", ACCEPTED),
        ("docs/decisions/0002-reopened.md", ACCEPTED),
        ("docs/decisions/0003-tagged.md", ACCEPTED),
        ("docs/decisions/0004-replaced.md", ACCEPTED),
    ]);
    repo.commit("main");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    // Committed on the branch: the title now says something else.
    edit(
        &repo,
        "docs/decisions/0001-use-postgresql.md",
        "title: Use PostgreSQL",
        "title: Use SQLite",
    );
    repo.commit("retitle");
    // In the working tree: reopened in place, tagged, superseded.
    edit(
        &repo,
        "docs/decisions/0002-reopened.md",
        "status: accepted",
        "status: proposed",
    );
    edit(
        &repo,
        "docs/decisions/0003-tagged.md",
        "decided: 2026-11-02\n",
        "decided: 2026-11-02\ntags: [storage]\n",
    );
    edit(
        &repo,
        "docs/decisions/0004-replaced.md",
        "status: accepted",
        "status: superseded\nsuperseded_by: 1",
    );
    for reference in ["main", "HEAD"] {
        let run = repo.check_json(&["--changed-since", reference]);
        let diags = run.diagnostics();
        run.assert_code(1);
        let only_in_branch = reference == "main";
        let retitled = diags.iter().find(|d| {
            d.rule == "accepted-decision-edited"
                && d.file == "docs/decisions/0001-use-postgresql.md"
        });
        assert_eq!(
            retitled.is_some(),
            only_in_branch,
            "the title changed since {reference}\n{}",
            listing(&diags)
        );
        if let Some(d) = retitled {
            assert_eq!((d.line, d.column), (2, 8), "at the new title: {d}");
            assert!(d.message.contains("title"), "{d}");
        }
        let reopened = assert_diag(
            &diags,
            "accepted-decision-edited",
            "docs/decisions/0002-reopened.md",
            3,
        );
        assert!(reopened.message.contains("`proposed`"), "{reopened}");
        assert_no_diag(&diags, "docs/decisions/0003-tagged.md");
        assert!(
            !of_file(&diags, "docs/decisions/0004-replaced.md")
                .iter()
                .any(|d| d.rule == "accepted-decision-edited"),
            "superseding is how an accepted decision changes\n{}",
            listing(&diags)
        );
    }
}
