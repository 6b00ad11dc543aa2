//! Kinds of one's own (issue "Kinds of your own"): `docket check`, `status` and
//! `metrics` on repositories whose records are not docket's decisions. The
//! improvement-proposal repository is configured with the `docket.toml` block of
//! `docs/guide/configuration.md` marked ```` ```toml kinds=proposal ````, as written;
//! each test builds a real git repository and runs the real binary.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use common::{Diag, Repo, assert_diag, listing};

const NOW: &str = "2026-12-01T12:00:00Z";

/// The guide's `docket.toml` block marked `name`.
fn guide_block(name: &str) -> String {
    let guide = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/guide/configuration.md"),
    )
    .unwrap();
    let marker = format!("```toml kinds={name}");
    let mut lines = guide.lines();
    lines
        .by_ref()
        .find(|l| l.trim() == marker)
        .unwrap_or_else(|| panic!("docs/guide/configuration.md has no {marker} block"));
    let block: Vec<&str> = lines.take_while(|l| *l != "```").collect();
    block.join("\n") + "\n"
}

/// The statuses the generated proposals cycle through: every category.
const STATUSES: &[&str] = &[
    "Draft",
    "Review",
    "Last Call",
    "Final",
    "Living",
    "Stagnant",
    "Withdrawn",
    "Moved",
];

/// Proposal `n` as an improvement-proposal repository writes it, with `change`
/// applied to its front matter (`(from, to)` replacements).
fn proposal(n: u32, change: &[(&str, &str)]) -> String {
    let status = STATUSES[n as usize % STATUSES.len()];
    let mut requires = String::new();
    if n > 14 && n.is_multiple_of(7) {
        requires = format!("requires: {}, {}\n", n - 7, n - 14);
    } else if n > 1 && n.is_multiple_of(3) {
        requires = format!("requires: [{}]\n", n - 1);
    }
    let deadline = if status == "Last Call" {
        "last-call-deadline: 2027-01-15\n"
    } else {
        ""
    };
    let author = if n % 2 == 1 {
        "Ada Lovelace (@ada), Alan Turing <alan@example.com>"
    } else {
        "Grace Hopper (@ghopper)"
    };
    let mut front = format!(
        "eip: {n}\ntitle: Proposal number {n}\nauthor: {author}\ndiscussions-to: https://forum.example/t/{n}\nstatus: {status}\ntype: Standards Track\ncategory: Core\ncreated: 2026-{:02}-{:02}\n{requires}{deadline}",
        1 + n % 9,
        10 + n % 10
    );
    for (from, to) in change {
        assert!(front.contains(from), "proposal {n} has no `{from}`");
        front = front.replacen(from, to, 1);
    }
    format!("---\n{front}---\n\n## Abstract\n\nProposal {n} does one thing.\n")
}

/// The planted mistakes, by proposal number.
fn planted(n: u32) -> Vec<(&'static str, &'static str)> {
    match n {
        // A `requires` chain with one link to a proposal that does not exist.
        30 => vec![("requires: [29]", "requires: [29, 999]")],
        // Past its last-call deadline.
        42 => vec![(
            "last-call-deadline: 2027-01-15",
            "last-call-deadline: 2026-11-20",
        )],
        // A required key missing.
        50 => vec![("type: Standards Track\n", "")],
        // A status that is none of the kind's.
        51 => vec![("status: Final", "status: Accepted")],
        // The id of another proposal.
        57 => vec![("eip: 57", "eip: 56")],
        _ => Vec::new(),
    }
}

/// An improvement-proposal repository of 60 proposals with the planted mistakes,
/// configured with the guide's block only.
fn proposals() -> Repo {
    let repo = Repo::new();
    repo.write("docket.toml", guide_block("proposal"));
    repo.write(
        "README.md",
        "# Improvement proposals\n\nStart with [EIP-1](EIPS/eip-1.md).\n",
    );
    for n in 1..=60 {
        repo.write(&format!("EIPS/eip-{n}.md"), proposal(n, &planted(n)));
    }
    repo.commit("proposals");
    repo
}

fn file(n: u32) -> String {
    format!("EIPS/eip-{n}.md")
}

#[test]
fn a_proposal_repository_gets_only_the_planted_findings() {
    let repo = proposals();
    let run = repo.check_json(&["--now", NOW]);
    let diags = run.diagnostics();
    assert_eq!(
        diags.len(),
        5,
        "only the five planted findings:\n{}",
        listing(&diags)
    );
    let broken = assert_diag(&diags, "broken-reference", &file(30), 10);
    assert!(broken.message.contains("`999`"), "{}", broken.message);
    let late = assert_diag(&diags, "deadline-passed", &file(42), 11);
    assert!(late.message.contains("2026-11-20"), "{}", late.message);
    let missing = assert_diag(&diags, "missing-field", &file(50), 1);
    assert!(missing.message.contains("`type`"), "{}", missing.message);
    let status = assert_diag(&diags, "invalid-value", &file(51), 6);
    assert!(status.message.contains("Accepted"), "{}", status.message);
    let human = repo.check_human(&["--now", NOW]).stdout;
    assert!(
        human.contains("`Last Call`"),
        "the help lists the kind's statuses:\n{human}"
    );
    let dup = assert_diag(&diags, "duplicate-id", &file(57), 2);
    assert!(dup.message.contains("EIPS/eip-56.md"), "{}", dup.message);
    assert_eq!(run.code, Some(1));
}

#[test]
fn status_lists_the_proposal_past_its_last_call() {
    let repo = proposals();
    let run = repo
        .docket()
        .args(["status", "--format", "json"])
        .now(NOW)
        .run();
    let json = run.json();
    let overdue = json["overdue_decisions"].as_array().unwrap();
    assert_eq!(overdue.len(), 1, "{json}");
    assert_eq!(overdue[0]["path"], file(42));
    assert_eq!(overdue[0]["kind"], "proposal");
    // Drafts have no deadline of their own, and none is implied for them.
    assert!(json["due_soon"].as_array().unwrap().is_empty(), "{json}");
}

#[test]
fn authors_are_matched_against_the_roster_by_handle_email_or_name() {
    let repo = proposals();
    repo.write(
        "people.yaml",
        "- id: ada\n  name: Ada Lovelace\n  handle: \"@ada\"\n  timezone: Europe/London\n- id: alan\n  name: Alan Turing\n  email: alan@example.com\n  timezone: Europe/London\n- id: grace\n  name: Grace Hopper\n  handle: ghopper\n  timezone: America/New_York\n",
    );
    repo.write("meetings.yaml", "[]\n");
    repo.write(
        &file(61),
        proposal(
            61,
            &[(
                "Alan Turing <alan@example.com>",
                "Charles Babbage (@cbabbage)",
            )],
        ),
    );
    let diags = repo.check_json(&["--now", NOW]).diagnostics();
    let owners: Vec<&Diag> = diags.iter().filter(|d| d.rule == "unknown-owner").collect();
    assert_eq!(owners.len(), 1, "{}", listing(&diags));
    let d = assert_diag(&diags, "unknown-owner", &file(61), 4);
    assert!(
        d.message.contains("Charles Babbage (@cbabbage)"),
        "{}",
        d.message
    );
}

/// A monorepo whose services keep their own decision records, numbered from 1 in
/// each folder.
fn monorepo() -> Repo {
    let repo = Repo::new();
    repo.write(
        "docket.toml",
        "root = \".\"\n\n[kinds.decision]\npath = \"services/*/docs/adr\"\n",
    );
    let record = |title: &str, extra: &str| {
        format!(
            "---\ntitle: {title}\nstatus: accepted\nowner: alice\ndate: 2026-11-01\ndecided: 2026-11-02\noptions: [a, b]\noutcome: a, because.\n{extra}---\n\nText.\n"
        )
    };
    for service in ["billing", "search", "auth"] {
        repo.write(
            &format!("services/{service}/docs/adr/0001-start-{service}.md"),
            record(&format!("Start {service}"), ""),
        );
        repo.write(
            &format!("services/{service}/docs/adr/0002-store-{service}.md"),
            record(&format!("Store {service}"), "supersedes: [1]\n"),
        );
    }
    for service in ["billing", "search"] {
        repo.write(
            &format!("services/{service}/docs/adr/0003-cache-{service}.md"),
            record(&format!("Cache {service}"), ""),
        );
    }
    // The first record of each folder is superseded by its folder's second.
    for service in ["billing", "search", "auth"] {
        let rel = format!("services/{service}/docs/adr/0001-start-{service}.md");
        let text = std::fs::read_to_string(repo.path().join(&rel)).unwrap();
        repo.write(
            &rel,
            text.replace("status: accepted", "status: superseded\nsuperseded_by: 2"),
        );
    }
    repo
}

#[test]
fn a_monorepo_keeps_ids_per_folder_and_resolves_qualified_references() {
    let repo = monorepo();
    // From auth: the qualified reference names billing's record; the bare one is
    // ambiguous (billing and search both have a 0003, auth has none).
    repo.write(
        "services/auth/docs/adr/0004-reuse-caches.md",
        "---\ntitle: Reuse caches\nstatus: proposed\nowner: alice\ndate: 2026-11-30\nsupersedes: [billing/0003]\n---\n\nLike [0003](../../../search/docs/adr/0003-cache-search.md).\n\nSee #3.\n",
    );
    repo.write(
        "services/auth/docs/adr/0005-pick-one.md",
        "---\ntitle: Pick one\nstatus: proposed\nowner: alice\ndate: 2026-11-30\nsupersedes: [\"0003\"]\n---\n",
    );
    repo.write(
        "updates/2026-11-30/alice.md",
        "Done: caches\nNext: more caches\nBlocker: waiting for #3\n",
    );
    repo.commit("records");
    let diags = repo.check_json(&["--now", NOW]).diagnostics();
    let blocker = assert_diag(&diags, "broken-reference", "updates/2026-11-30/alice.md", 3);
    assert!(
        blocker.message.contains("`billing/3`"),
        "{}",
        blocker.message
    );
    assert!(
        !diags.iter().any(|d| d.rule == "duplicate-id"),
        "numbers overlap between folders, not within one:\n{}",
        listing(&diags)
    );
    let ambiguous = assert_diag(
        &diags,
        "broken-reference",
        "services/auth/docs/adr/0005-pick-one.md",
        6,
    );
    assert!(
        ambiguous.message.contains("`billing/3`") && ambiguous.message.contains("`search/3`"),
        "{}",
        ambiguous.message
    );
    let refs: Vec<&Diag> = diags
        .iter()
        .filter(|d| d.rule == "broken-reference" || d.rule == "supersession-mismatch")
        .filter(|d| d.file.starts_with("services/") && !d.file.ends_with("0005-pick-one.md"))
        .collect();
    assert!(
        refs.is_empty(),
        "`billing/0003` and each folder's own `superseded_by: 2` resolve:\n{}",
        listing(&diags)
    );
}

#[test]
fn custom_statuses_of_the_decision_kind_drive_deadlines_status_and_metrics() {
    let repo = Repo::new();
    repo.write(
        "docket.toml",
        "[kinds.decision]\nstatuses.open = [\"proposed\", \"in review\"]\nnot_required = [\"options\"]\n",
    );
    repo.write(
        "docs/decisions/0001-review-me.md",
        "---\ntitle: Review me\nstatus: in review\nowner: alice\ndate: 2026-11-20\n---\n",
    );
    repo.write(
        "docs/decisions/0002-done.md",
        "---\ntitle: Done\nstatus: accepted\nowner: alice\ndate: 2026-11-01\ndecided: 2026-11-03\noutcome: Yes, because.\n---\n",
    );
    repo.commit("records");
    let diags = repo.check_json(&["--now", NOW]).diagnostics();
    // `in review` is a status (no invalid-value), an open one (its implied deadline
    // passed); `options` is no longer required of an accepted decision.
    assert_diag(
        &diags,
        "deadline-passed",
        "docs/decisions/0001-review-me.md",
        3,
    );
    assert_eq!(diags.len(), 1, "{}", listing(&diags));

    let status = repo
        .docket()
        .args(["status", "--format", "json"])
        .now(NOW)
        .run()
        .json();
    assert_eq!(
        status["overdue_decisions"][0]["path"],
        "docs/decisions/0001-review-me.md"
    );

    let metrics = repo
        .docket()
        .args(["metrics", "--format", "json"])
        .now(NOW)
        .run()
        .json();
    assert_eq!(
        metrics["decisions"]["by_status"]["in review"], 1,
        "{metrics}"
    );
    assert_eq!(metrics["decisions"]["open_past_deadline"], 1, "{metrics}");
    assert_eq!(
        metrics["decisions"]["median_hours_to_decide"], 48.0,
        "{metrics}"
    );
}

#[test]
fn kinds_of_ones_own_need_a_path_and_typos_of_built_in_ones_are_caught() {
    let repo = Repo::new();
    repo.write(
        "docket.toml",
        "[kinds.decisons]\npath = \"adr\"\n[kinds.rfc]\ntitle = \"RFCs\"\n",
    );
    let run = repo.check_json(&["--now", NOW]);
    assert_eq!(run.code, Some(2), "{}", run.stdout);
    let json = run.json();
    let errors = json["errors"].as_array().unwrap();
    let text = json.to_string();
    assert_eq!(errors.len(), 2, "{text}");
    assert!(text.contains("did you mean `decision`?"), "{text}");
    assert!(text.contains("needs a `path`"), "{text}");
}
