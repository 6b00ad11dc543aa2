//! Pull-request mode: `check --changed-since REF` reports the flaws of the change and
//! nothing from untouched files; an accepted decision edited in place is caught; two
//! branches that both take decision 0007 give `number-collision`, and `renumber`
//! fixes it and every reference.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{ACCEPTED, MINIMAL, Repo, assert_diag, listing, of_file};

fn decision(title: &str) -> String {
    format!(
        "---\ntitle: {title}\nstatus: proposed\nowner: alice\ndate: 2026-11-24\ndeadline: 2026-12-24\n---\n## Context\n\nWhy.\n"
    )
}

/// main: a clean handbook plus a file with an old flaw nobody touches in the change.
fn base() -> Repo {
    let repo = Repo::new();
    repo.write_all(MINIMAL)
        .write("docs/decisions/0001-use-postgresql.md", ACCEPTED)
        .write(
            "docs/decisions/0006-old-flaw.md",
            decision("Old").replace("owner: alice", "owner: mallory"),
        )
        .commit("main");
    repo
}

#[test]
fn changed_since_reports_only_the_change() {
    let repo = base();
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.write(
        "docs/decisions/0007-use-kafka.md",
        decision("Use Kafka").replace("owner: alice", "owner: alcie"),
    )
    .write(
        "docs/decisions/0001-use-postgresql.md",
        ACCEPTED.replace("PostgreSQL, because we know it.", "SQLite after all."),
    )
    .commit("feature");
    // Uncommitted and untracked files count as part of the change.
    repo.write(
        "docs/decisions/0008-untracked.md",
        "---\ntitle: Untracked\n---\n",
    );
    let run = repo
        .docket()
        .args(["check", "--changed-since", "main", "--format", "json"])
        .run();
    run.assert_code(1);
    let diags = run.diagnostics();
    assert_diag(
        &diags,
        "unknown-owner",
        "docs/decisions/0007-use-kafka.md",
        4,
    );
    assert_diag(
        &diags,
        "accepted-decision-edited",
        "docs/decisions/0001-use-postgresql.md",
        15,
    );
    assert_diag(
        &diags,
        "missing-field",
        "docs/decisions/0008-untracked.md",
        1,
    );
    assert!(
        of_file(&diags, "docs/decisions/0006-old-flaw.md").is_empty(),
        "untouched files are not reported:\n{}",
        listing(&diags)
    );
    // Without --changed-since the old flaw is there.
    let all = repo.docket().args(["check", "--format", "json"]).run();
    assert_diag(
        &all.diagnostics(),
        "unknown-owner",
        "docs/decisions/0006-old-flaw.md",
        4,
    );
    assert!(
        all.diagnostics()
            .iter()
            .all(|d| d.rule != "accepted-decision-edited"),
        "the edit rule needs a base"
    );
}

#[test]
fn superseding_an_accepted_decision_is_allowed() {
    let repo = base();
    repo.git(&["checkout", "-q", "-b", "supersede"]);
    repo.write(
        "docs/decisions/0001-use-postgresql.md",
        ACCEPTED.replace("status: accepted", "status: superseded\nsuperseded_by: 7"),
    )
    .write(
        "docs/decisions/0007-use-sqlite.md",
        "---\ntitle: Use SQLite\nstatus: proposed\nowner: alice\ndate: 2026-11-24\ndeadline: 2026-12-24\nsupersedes: [1]\n---\n",
    )
    .commit("supersede 1");
    let run = repo
        .docket()
        .args(["check", "--changed-since", "main", "--format", "json"])
        .run();
    assert!(
        run.diagnostics()
            .iter()
            .all(|d| d.rule != "accepted-decision-edited"),
        "{}",
        listing(&run.diagnostics())
    );
}

#[test]
fn colliding_numbers_are_found_and_renumber_fixes_them() {
    let repo = base();
    repo.git(&["checkout", "-q", "-b", "kafka"]);
    repo.write("docs/decisions/0007-use-kafka.md", decision("Use Kafka"))
        .commit("kafka");
    repo.git(&["checkout", "-q", "main"]);
    repo.git(&["checkout", "-q", "-b", "rabbit"]);
    repo.write("docs/decisions/0007-use-rabbitmq.md", decision("Use RabbitMQ"))
        .write(
            "docs/decisions/0009-queue-follow-up.md",
            "---\ntitle: Queue follow-up\nstatus: proposed\nowner: alice\ndate: 2026-11-24\ndeadline: 2026-12-24\nsupersedes: [7]\n---\nBuilds on [the queue](0007-use-rabbitmq.md).\n",
        )
        .write("docs/updates/2026-11-24/alice.md", "Done: queues\nNext: more queues\nBlocker: waiting on #7\n")
        .commit("rabbit");
    let run = repo
        .docket()
        .args(["check", "--changed-since", "main", "--format", "json"])
        .run();
    run.assert_code(1);
    let diags = run.diagnostics();
    let d = assert_diag(
        &diags,
        "number-collision",
        "docs/decisions/0007-use-rabbitmq.md",
        1,
    );
    assert!(
        d.message.contains("0007-use-kafka.md") && d.message.contains("kafka"),
        "{}",
        d.message
    );

    let renumber = repo.docket().args(["renumber", "7", "10"]).run();
    renumber.assert_code(0);
    assert!(
        renumber.stdout.contains("0010-use-rabbitmq.md"),
        "{}",
        renumber.stdout
    );
    let path = repo.path();
    assert!(!path.join("docs/decisions/0007-use-rabbitmq.md").exists());
    assert!(path.join("docs/decisions/0010-use-rabbitmq.md").exists());
    let follow =
        std::fs::read_to_string(path.join("docs/decisions/0009-queue-follow-up.md")).unwrap();
    assert!(follow.contains("supersedes: [10]"), "{follow}");
    assert!(follow.contains("(0010-use-rabbitmq.md)"), "{follow}");
    let update = std::fs::read_to_string(path.join("docs/updates/2026-11-24/alice.md")).unwrap();
    assert!(update.contains("waiting on #10"), "{update}");

    let after = repo
        .docket()
        .args(["check", "--changed-since", "main", "--format", "json"])
        .run();
    assert!(
        after
            .diagnostics()
            .iter()
            .all(|d| d.rule != "number-collision" && d.rule != "broken-reference"),
        "{}",
        listing(&after.diagnostics())
    );
}

#[test]
fn changed_since_an_unknown_ref_is_exit_2() {
    let repo = base();
    let run = repo
        .docket()
        .args(["check", "--changed-since", "no-such-branch"])
        .run();
    run.assert_code(2);
    assert!(run.stderr.contains("no-such-branch"), "{}", run.stderr);
}

#[test]
fn decisions_proposed_on_other_branches_show_as_pending() {
    let repo = base();
    repo.git(&["checkout", "-q", "-b", "kafka"]);
    repo.write("docs/decisions/0007-use-kafka.md", decision("Use Kafka"))
        .commit("kafka");
    repo.git(&["checkout", "-q", "main"]);
    let out = repo.path().join("site");
    let run = repo
        .docket()
        .args(["build", ".", "--out", out.to_str().unwrap()])
        .run();
    run.assert_code(0);
    let index = std::fs::read_to_string(out.join("decisions/index.html")).unwrap();
    let pending = index
        .split("Proposed on branches not yet merged")
        .nth(1)
        .expect("a pending section");
    assert!(
        pending.contains("0007-use-kafka.md")
            && pending.contains("Use Kafka")
            && pending.contains("kafka")
    );
    assert!(
        !out.join("decisions/0007-use-kafka.html").exists(),
        "no page for a decision that is not here"
    );
    let json = std::fs::read_to_string(out.join("decisions.json")).unwrap();
    assert!(
        !json.contains("0007"),
        "decisions.json lists only this checkout's decisions"
    );

    let quiet = repo
        .docket()
        .args([
            "build",
            ".",
            "--out",
            out.to_str().unwrap(),
            "--no-branches",
        ])
        .run();
    quiet.assert_code(0);
    let index = std::fs::read_to_string(out.join("decisions/index.html")).unwrap();
    assert!(!index.contains("Proposed on branches not yet merged"));
}
