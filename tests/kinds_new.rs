//! `docket new` and `docket schema` for kinds of one's own (issue "Kinds of your
//! own"), run as the real binary on repositories made with git: a kind declared in
//! docket.toml gets records with its own keys and the next free id, its JSON
//! Schema, and "did you mean" for a misspelt name; a kind with several folders (a
//! glob) needs `--in`, and numbers its records per folder.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Diag, MINIMAL, Repo, listing};

/// An improvement-proposal process: the id is the `eip` key, the owner is
/// `author`, the date `created`, with statuses and a deadline of its own.
const PROPOSALS: &str = r#"[kinds.proposal]
path = "EIPS"
title = "Improvement proposals"
id = "eip"
fields.owner = "author"
fields.date = "created"
required = ["eip", "title", "author", "status", "created", "type"]
optional = ["discussions-to", "category"]
references = ["requires"]
statuses.open = ["Draft", "Review", "Last Call"]
statuses.decided = ["Final"]
statuses.closed = ["Withdrawn", "Stagnant"]
statuses.superseded = ["Moved"]
deadline = "last-call-deadline"
"#;

/// A committed handbook with [`PROPOSALS`] and proposals 1 and 7.
fn proposals_repo() -> Repo {
    let repo = Repo::new();
    repo.identify("Alice Ng", "a.ng@example.org");
    repo.write_all(MINIMAL)
        .write("docket.toml", PROPOSALS)
        .write(
            "docs/EIPS/eip-1.md",
            "---\neip: 1\ntitle: EIP purpose and guidelines\nauthor: alice\nstatus: Final\ncreated: 2015-10-27\ntype: Meta\n---\n\nWhat an EIP is.\n",
        )
        .write(
            "docs/EIPS/eip-7.md",
            "---\neip: 7\ntitle: DELEGATECALL\nauthor: bob\nstatus: Final\ncreated: 2015-11-15\ntype: Standards Track\nrequires: 1\n---\n\nA new opcode.\n",
        )
        .commit("proposals");
    repo
}

/// The findings of `docket check --format json`.
fn findings(repo: &Repo) -> Vec<Diag> {
    repo.check_json(&[]).diagnostics()
}

#[test]
fn new_proposal_writes_the_next_id_with_the_keys_of_its_kind() {
    let repo = proposals_repo();
    assert!(findings(&repo).is_empty(), "{}", listing(&findings(&repo)));
    let run = repo.docket().args(["new", "proposal", "Fee market"]).run();
    run.assert_code(0);
    assert_eq!(run.stdout, "docs/EIPS/eip-8.md\n", "{run}");
    // Every required key, filled where docket knows the value: the next id, the
    // title, the owner (the git user, found in the roster by name) under the
    // kind's owner key, today under its date key, the first open status, and the
    // deadline (now + the charter's decision_deadline) under its deadline key.
    // `type` is the author's to fill in.
    assert_eq!(
        repo.read("docs/EIPS/eip-8.md"),
        "---\neip: 8\ntitle: Fee market\nauthor: alice\nstatus: Draft\ncreated: 2026-11-24\ntype:\nlast-call-deadline: 2026-11-26T12:00:00Z\n---\n"
    );
    // `docket check` reports exactly the key left to fill in.
    let diags = findings(&repo);
    let shown: Vec<(&str, &str, &str)> = diags
        .iter()
        .map(|d| (d.rule.as_str(), d.file.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(
        shown,
        [(
            "missing-field",
            "docs/EIPS/eip-8.md",
            "missing required key `type`; docket.toml requires `type` on every `proposal` record"
        )],
        "{}",
        listing(&diags)
    );
    // Filled in, the record is clean; the next one takes 9.
    let filled = repo
        .read("docs/EIPS/eip-8.md")
        .replace("type:\n", "type: Standards Track\n");
    repo.write("docs/EIPS/eip-8.md", filled);
    assert!(findings(&repo).is_empty(), "{}", listing(&findings(&repo)));
    let run = repo
        .docket()
        .args([
            "new",
            "proposal",
            "Blob",
            "transactions",
            "--owner",
            "carol",
        ])
        .run();
    run.assert_code(0);
    assert_eq!(run.stdout, "docs/EIPS/eip-9.md\n", "{run}");
    assert!(
        repo.read("docs/EIPS/eip-9.md")
            .starts_with("---\neip: 9\ntitle: Blob transactions\nauthor: carol\n"),
        "{}",
        repo.read("docs/EIPS/eip-9.md")
    );
}

#[test]
fn a_teams_template_of_its_own_kind_is_used() {
    let repo = proposals_repo();
    repo.write(
        "templates/new/proposal.md",
        "---\neip: {{id}}\ntitle: {{title}}\nauthor: {{owner}}\nstatus: {{status}}\ncreated: {{date}}\ntype: Standards Track\n---\n\n## Abstract\n\nOne paragraph.\n",
    );
    let run = repo.docket().args(["new", "proposal", "Yes"]).run();
    run.assert_code(0);
    assert_eq!(run.stdout, "docs/EIPS/eip-8.md\n", "{run}");
    assert_eq!(
        repo.read("docs/EIPS/eip-8.md"),
        "---\neip: 8\ntitle: \"Yes\"\nauthor: alice\nstatus: Draft\ncreated: 2026-11-24\ntype: Standards Track\n---\n\n## Abstract\n\nOne paragraph.\n"
    );
    assert!(findings(&repo).is_empty(), "{}", listing(&findings(&repo)));
    // Once decided, a section still as the team's template wrote it is no content.
    let decided = repo
        .read("docs/EIPS/eip-8.md")
        .replace("status: Draft", "status: Final");
    repo.write("docs/EIPS/eip-8.md", decided);
    let diags = findings(&repo);
    let rules: Vec<(&str, &str)> = diags
        .iter()
        .map(|d| (d.rule.as_str(), d.file.as_str()))
        .collect();
    assert_eq!(
        rules,
        [("template-text", "docs/EIPS/eip-8.md")],
        "{}",
        listing(&diags)
    );
}

#[test]
fn a_kind_numbered_by_file_name_without_required_keys() {
    // `[kinds.rfc]` with only a folder: numbered by file name, nothing required;
    // docket still writes what it knows under the roles' keys.
    let repo = Repo::new();
    repo.identify("Alice Ng", "alice@example.com");
    repo.write_all(MINIMAL)
        .write("docket.toml", "[kinds.rfc]\npath = \"rfcs\"\n")
        .write(
            "docs/rfcs/0003-older.md",
            "---\ntitle: Older\nstatus: accepted\nowner: bob\ndate: 2026-10-01\n---\n",
        )
        .commit("rfcs");
    let run = repo
        .docket()
        .args(["new", "rfc", "Pick a queue: Kafka?"])
        .run();
    run.assert_code(0);
    assert_eq!(
        run.stdout, "docs/rfcs/0004-pick-a-queue-kafka.md\n",
        "{run}"
    );
    assert_eq!(
        repo.read("docs/rfcs/0004-pick-a-queue-kafka.md"),
        "---\ntitle: \"Pick a queue: Kafka?\"\nstatus: proposed\nowner: alice\ndate: 2026-11-24\n---\n"
    );
    assert!(findings(&repo).is_empty(), "{}", listing(&findings(&repo)));
}

#[test]
fn unknown_kinds_are_refused_with_the_one_meant() {
    let repo = proposals_repo();
    let run = repo.docket().args(["new", "proposl", "Fee market"]).run();
    run.assert_code(2);
    assert!(
        run.stderr.contains(
            "unknown kind `proposl`; did you mean `proposal`? (built-in kinds: `decision`, `brief` and `update`; docket.toml declares `proposal`)"
        ),
        "{run}"
    );
    let run = repo.docket().args(["new", "charter", "X"]).run();
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("`charter` is not a kind this command takes"),
        "{run}"
    );
    // A kind of one's own needs a title too; nothing is written.
    let run = repo.docket().args(["new", "proposal"]).run();
    run.assert_code(2);
    assert!(run.stderr.contains("a proposal needs a title"), "{run}");
    assert!(!repo.path().join("docs/EIPS/eip-8.md").exists());
}

#[test]
fn schema_of_a_kind_of_ones_own() {
    let repo = proposals_repo();
    let run = repo.docket().args(["schema", "proposal"]).run();
    run.assert_code(0);
    let schema = run.json();
    assert_eq!(schema["title"], "docket proposal front matter");
    assert_eq!(
        schema["properties"]["status"]["enum"],
        serde_json::json!([
            "Draft",
            "Review",
            "Last Call",
            "Final",
            "Withdrawn",
            "Stagnant",
            "Moved"
        ])
    );
    assert_eq!(
        schema["required"],
        serde_json::json!(["title", "status", "author", "created", "eip", "type"])
    );
    for key in [
        "last-call-deadline",
        "requires",
        "discussions-to",
        "category",
    ] {
        assert!(
            schema["properties"][key].is_object(),
            "`{key}` is known: {schema:#}"
        );
    }

    let run = repo.docket().args(["schema", "proposl"]).run();
    run.assert_code(2);
    assert_eq!(run.stdout, "", "{run}");
    assert!(
        run.stderr.contains(
            "unknown kind `proposl`; did you mean `proposal`? (built-in kinds: `decision`, `brief`, `charter`, `people`, `update`, `meetings` and `page`; docket.toml declares `proposal`)"
        ),
        "{run}"
    );
}

#[test]
fn schema_of_the_decision_kind_follows_docket_toml() {
    let repo = Repo::new();
    repo.write_all(MINIMAL).write(
        "docket.toml",
        "[kinds.decision]\nnot_required = [\"owner\"]\nstatuses.open = [\"proposed\", \"draft\"]\n",
    );
    let run = repo.docket().args(["schema", "decision"]).run();
    run.assert_code(0);
    let schema = run.json();
    let statuses = &schema["properties"]["status"]["enum"];
    assert!(
        statuses
            .as_array()
            .is_some_and(|s| s.contains(&serde_json::json!("draft"))),
        "{statuses}"
    );
    assert_eq!(
        schema["required"],
        serde_json::json!(["title", "status", "date"])
    );
}

/// Decisions in one folder per service (`services/*/docs/adr`): billing has 1 and
/// 4, search has 9; another branch adds billing's 5.
fn services_repo() -> Repo {
    let repo = Repo::new();
    repo.identify("Alice Ng", "alice@example.com");
    let accepted = |title: &str| {
        format!(
            "---\ntitle: {title}\nstatus: accepted\nowner: bob\ndate: 2026-11-01\ndecided: 2026-11-02\noutcome: Yes.\noptions: [A, B]\n---\n"
        )
    };
    repo.write_all(MINIMAL)
        .write(
            "docket.toml",
            "[kinds.decision]\npath = \"services/*/docs/adr\"\n",
        )
        .write("docs/services/billing/docs/adr/0001-a.md", accepted("A"))
        .write("docs/services/billing/docs/adr/0004-b.md", accepted("B"))
        .write("docs/services/search/docs/adr/0009-c.md", accepted("C"))
        .commit("services");
    repo.git(&["checkout", "-q", "-b", "invoices"]);
    repo.write(
        "docs/services/billing/docs/adr/0005-invoices.md",
        accepted("Invoices"),
    )
    .commit("invoices");
    repo.git(&["checkout", "-q", "main"]);
    repo
}

#[test]
fn a_kind_with_several_folders_needs_in_and_numbers_per_folder() {
    let repo = services_repo();
    // Not on a terminal, without `--in`: the folders, and how to name one.
    let run = repo
        .docket()
        .args(["new", "decision", "Retry payments"])
        .run();
    run.assert_code(2);
    assert_eq!(run.stdout, "", "{run}");
    assert_eq!(
        run.stderr,
        "\
error: decisions go in several folders; name one with `--in FOLDER`:
  billing  docs/services/billing/docs/adr
  search   docs/services/search/docs/adr
  for example: docket new decision --in billing \"Title\"
",
        "{run}"
    );
    // Billing's next number: after its own 4 and the other branch's 5, not
    // search's 9.
    let run = repo
        .docket()
        .args(["new", "decision", "--in", "billing", "Retry payments"])
        .run();
    run.assert_code(0);
    assert_eq!(
        run.stdout, "docs/services/billing/docs/adr/0006-retry-payments.md\n",
        "{run}"
    );
    assert!(
        repo.read("docs/services/billing/docs/adr/0006-retry-payments.md").starts_with(
            "---\ntitle: Retry payments\nstatus: proposed\nowner: alice\ndate: 2026-11-24\ndeadline: 2026-11-26T12:00:00Z\n---\n"
        )
    );
    // A path names a folder too, relative to the handbook or the repository.
    let run = repo
        .docket()
        .args([
            "new",
            "decision",
            "--in",
            "docs/services/search/docs/adr/",
            "Rank",
        ])
        .run();
    run.assert_code(0);
    assert_eq!(run.stdout, "docs/services/search/docs/adr/0010-rank.md\n");
    // A new service's folder, by its path, starts at 1.
    let run = repo
        .docket()
        .args([
            "new",
            "decision",
            "--in",
            "services/payments/docs/adr",
            "Pick a provider",
        ])
        .run();
    run.assert_code(0);
    assert_eq!(
        run.stdout,
        "docs/services/payments/docs/adr/0001-pick-a-provider.md\n"
    );
    // Numbers are per folder: payments' 1 is no duplicate of billing's 1.
    let diags = findings(&repo);
    assert!(diags.is_empty(), "{}", listing(&diags));

    // A misspelt label: the one meant and the folders there are.
    let run = repo
        .docket()
        .args(["new", "decision", "--in", "biling", "X"])
        .run();
    run.assert_code(2);
    assert!(
        run.stderr.starts_with(
            "error: `--in biling` is not a folder of decisions; did you mean `billing`?"
        ),
        "{run}"
    );
    assert!(
        run.stderr
            .contains("  billing   docs/services/billing/docs/adr\n"),
        "{run}"
    );
}
