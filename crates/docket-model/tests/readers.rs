//! Existing decision records read as they are (SPEC §9): adr-tools, MADR and
//! log4brains records become the same typed `Decision` a docket record gives, with
//! ranges pointing where each value was found.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use docket_model::time::format_date;
use docket_model::{
    Config, Data, Decision, DecisionId, Document, Legacy, Problem, Repository, StatusSource,
};

fn repo_with(config: &str, files: &[(&str, &str)]) -> Repository {
    Repository::from_texts(
        Config::parse(config).unwrap(),
        files
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect(),
    )
}

fn one(path: &str, text: &str) -> Document {
    let repo = repo_with("", &[(path, text)]);
    repo.document(path).cloned().expect("a document")
}

fn decision(doc: &Document) -> &Decision {
    doc.decision().expect("a decision")
}

/// The text a range points at.
fn at<'a>(doc: &'a Document, range: &std::ops::Range<usize>) -> &'a str {
    &doc.text[range.clone()]
}

const ADR_TOOLS: &str = "# 2. Implement as shell scripts\n\nDate: 2016-02-12\n\n## Status\n\nAccepted\n\nSupersedes [1. Record architecture decisions](0001-record-architecture-decisions.md)\n\n## Context\n\nADRs are plain text files.\n\n## Decision\n\nThe tool is implemented as shell scripts.\n\n## Consequences\n\nNo Windows.\n";

#[test]
fn adr_tools_record() {
    let doc = one(
        "docs/decisions/0002-implement-as-shell-scripts.md",
        ADR_TOOLS,
    );
    let d = decision(&doc);
    assert_eq!(d.legacy, Some(Legacy::AdrTools));
    assert_eq!(d.id, Some(DecisionId::Number(2)));
    let title = d.title.as_ref().unwrap();
    assert_eq!(title.value, "Implement as shell scripts");
    assert_eq!(at(&doc, &title.range), "Implement as shell scripts");
    let status = d.status.as_ref().unwrap();
    assert_eq!(status.value, "accepted");
    assert_eq!(at(&doc, &status.range), "Accepted");
    let date = d.date.as_ref().unwrap();
    assert_eq!(format_date(date.value), "2016-02-12");
    assert_eq!(at(&doc, &date.range), "2016-02-12");
    // adr-tools dates a record when it is decided.
    assert_eq!(d.decided.as_ref().map(|t| t.value), Some(date.value));
    assert_eq!(d.supersedes.len(), 1);
    assert_eq!(
        d.supersedes[0].value,
        "0001-record-architecture-decisions.md"
    );
    assert!(at(&doc, &d.supersedes[0].range).starts_with("[1. Record"));
    assert_eq!(
        d.outcome.as_deref(),
        Some("The tool is implemented as shell scripts.")
    );
    assert!(d.owner.is_none());
    assert_eq!(d.statuses.len(), 1);
    assert_eq!(
        d.statuses[0].source,
        StatusSource::Section {
            heading: "## Status".into()
        }
    );
    assert!(doc.problems.is_empty(), "{:?}", doc.problems);
}

#[test]
fn adr_tools_superseded_record() {
    let doc = one(
        "docs/decisions/0001-record.md",
        "# 1. Record\n\nDate: 2016-02-12\n\n## Status\n\nSuperseded by [3. Other](0003-other.md)\n\n## Context\n\nX.\n",
    );
    let d = decision(&doc);
    assert_eq!(d.status.as_ref().unwrap().value, "superseded");
    let by = d.superseded_by.first().unwrap();
    assert_eq!(by.value, "0003-other.md");
    assert_eq!(at(&doc, &by.range), "0003-other.md");
}

#[test]
fn madr_front_matter() {
    let text = "---\nstatus: Accepted\ndate: 2024-05-02\ndecision-makers: [alice, bob]\nconsulted: [platform]\ninformed: carol\n---\n# Use PostgreSQL\n\n## Considered Options\n\n* PostgreSQL\n* MySQL\n\n## Decision Outcome\n\nChosen option: \"PostgreSQL\", because it is boring.\n";
    let doc = one("docs/decisions/0003-use-postgresql.md", text);
    let d = decision(&doc);
    assert_eq!(d.legacy, Some(Legacy::Madr));
    assert_eq!(d.title.as_ref().unwrap().value, "Use PostgreSQL");
    assert_eq!(d.status.as_ref().unwrap().value, "accepted");
    // Two decision makers are the deciders; neither is made the owner.
    assert!(d.owner.is_none());
    let deciders: Vec<&str> = d.deciders.iter().map(|p| p.value.as_str()).collect();
    assert_eq!(deciders, ["alice", "bob"]);
    assert_eq!(at(&doc, &d.deciders[1].range), "bob");
    assert_eq!(d.options, ["PostgreSQL", "MySQL"]);
    assert!(d.outcome.as_deref().unwrap().starts_with("Chosen option"));
    assert_eq!(d.consulted[0].value, "platform");
    assert_eq!(d.informed[0].value, "carol");
    // `Accepted` is MADR's spelling, not an invalid value.
    assert!(doc.problems.is_empty(), "{:?}", doc.problems);
}

#[test]
fn madr_statuses_outside_dockets_set_are_kept_and_flagged() {
    for (written, hint) in [
        ("on hold", "proposed"),
        ("Final", "accepted"),
        ("Draft", "proposed"),
    ] {
        let text = format!("---\nstatus: {written}\n---\n# X\n");
        let doc = one("docs/decisions/0001-x.md", &text);
        let d = decision(&doc);
        assert_eq!(d.status.as_ref().unwrap().value, written);
        let p = doc
            .problems
            .iter()
            .find(|p| p.rule == Problem::InvalidValue)
            .unwrap_or_else(|| panic!("{written}: {:?}", doc.problems));
        assert_eq!(at(&doc, &p.range), written);
        assert!(p.help.as_deref().unwrap().contains(hint), "{p:?}");
    }
    let doc = one(
        "docs/decisions/0001-x.md",
        "---\nstatus: superseded by ADR-0004\n---\n# X\n",
    );
    assert_eq!(decision(&doc).superseded_by.first().unwrap().value, "0004");
}

#[test]
fn madr_2_and_log4brains_lines() {
    let text = "# Use the ADR slug as its unique ID\n\n- Status: superseded by [20201103-x](20201103-x.md)\n- Deciders: Thomas Vaillant, Ana\n- Date: 2020-10-16\n- Tags: adr, ids\n\n## Context and Problem Statement\n\nY.\n\n## Links\n\n- Supersedes [20200926-use-the-adr-number](20200926-use-the-adr-number.md)\n";
    let doc = one("docs/decisions/20201016-use-the-adr-slug.md", text);
    let d = decision(&doc);
    assert_eq!(d.legacy, Some(Legacy::Log4brains));
    assert_eq!(
        d.id,
        Some(DecisionId::Stem("20201016-use-the-adr-slug".into()))
    );
    assert_eq!(d.status.as_ref().unwrap().value, "superseded");
    assert_eq!(d.superseded_by.first().unwrap().value, "20201103-x.md");
    let deciders: Vec<&str> = d.deciders.iter().map(|p| p.value.as_str()).collect();
    assert_eq!(deciders, ["Thomas Vaillant", "Ana"]);
    assert!(d.owner.is_none(), "two deciders, no single owner");
    assert_eq!(d.tags, ["adr", "ids"]);
    assert_eq!(format_date(d.date.as_ref().unwrap().value), "2020-10-16");
    assert_eq!(d.supersedes[0].value, "20200926-use-the-adr-number.md");
    assert_eq!(d.statuses[0].source, StatusSource::Line);
    // The same lines in a numbered file are MADR 2.
    let doc = one("docs/decisions/0007-x.md", text);
    assert_eq!(decision(&doc).legacy, Some(Legacy::Madr));
    assert_eq!(decision(&doc).id, Some(DecisionId::Number(7)));
}

#[test]
fn stem_ids_by_configuration() {
    let repo = repo_with(
        "[kinds.decision]\nid = \"stem\"\n",
        &[(
            "docs/decisions/use-lunr.md",
            "# Use Lunr\n\n- Status: accepted\n",
        )],
    );
    let d = repo.documents[0].decision().unwrap();
    assert_eq!(d.id, Some(DecisionId::Stem("use-lunr".into())));
    assert_eq!(repo.resolve_decision("use-lunr.md").len(), 1);
}

#[test]
fn bad_dates_are_flagged_where_written() {
    let doc = one(
        "docs/decisions/0001-x.md",
        "# 1. X\n\nDate: 12/02/2016\n\n## Status\n\nAccepted\n",
    );
    let d = decision(&doc);
    assert!(d.date.is_none());
    assert!(d.found("date").is_some(), "a date was written");
    let p = &doc.problems[0];
    assert_eq!(
        (p.rule, at(&doc, &p.range)),
        (Problem::InvalidValue, "12/02/2016")
    );
}

#[test]
fn docket_records_are_not_read_from_the_body() {
    // Docket front matter: the first heading is not the title, a status in another
    // case is read in docket's spelling (and flagged as a spelling, not an invalid
    // value), a `## Status` section is only a second statement.
    let doc = one(
        "docs/decisions/0001-x.md",
        "---\nowner: alice\nstatus: Accepted\n---\n# 1. Title\n\n## Status\n\nProposed\n",
    );
    let d = decision(&doc);
    assert_eq!(d.legacy, None);
    assert!(d.title.is_none());
    assert_eq!(d.status.as_ref().unwrap().value, "accepted");
    let rules: Vec<Problem> = doc.problems.iter().map(|p| p.rule).collect();
    assert_eq!(rules, [Problem::StatusSpelling]);
    assert_eq!(d.statuses.len(), 2);
    // Without front matter or any sign of a known format, nothing is guessed.
    let doc = one("docs/decisions/0002-y.md", "Some notes.\n");
    assert_eq!(decision(&doc).legacy, None);
    assert!(decision(&doc).title.is_none());
}

#[test]
fn templates_and_index_pages_are_not_decisions() {
    let repo = repo_with(
        "",
        &[
            ("docs/decisions/README.md", "# Decisions\n"),
            ("docs/decisions/index.md", "# Decisions\n"),
            (
                "docs/decisions/template.md",
                "# [short title]\n\n- Status: [draft]\n",
            ),
            ("docs/decisions/adr-template.md", "# {title}\n"),
            ("docs/decisions/ADR-Template-minimal.md", "# {title}\n"),
            ("docs/decisions/0001-a.md", ADR_TOOLS),
        ],
    );
    let decisions: Vec<&str> = repo.decisions().map(|(d, _)| d.path.as_str()).collect();
    assert_eq!(decisions, ["docs/decisions/0001-a.md"]);
    let pages: Vec<&str> = repo
        .documents
        .iter()
        .filter(|d| matches!(&d.data, Data::Page(p) if p.index_of.is_some()))
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(
        pages,
        ["docs/decisions/README.md", "docs/decisions/index.md"]
    );
}

#[test]
fn odd_records_never_panic() {
    let texts = [
        "# 1. Titl\u{e9}\r\n\r\nDate: 2016-02-1\u{e9}\r\n## Status\r\n\r\nSuperseded by [x](",
        "- Status: superseded by \u{130}\u{130}\u{130} ADR-\u{130}0",
        "## Status\n\n",
        "# \n\nStatus:\nDate:\n",
        "# 1.\n## Status\n\nSupersedes ]( ) [](.md) [a](b.md#x) ](\n",
        "---\nstatus: [a, b]\ndecision-makers: {a: 1}\n---\n# X\n",
        "---\nstatus: superseded by\ndate: x\n---\n",
        "**Status:** \u{1F600}\n\n## Status\n\n```\nAccepted\n```\n",
        "# T\n\n```\nStatus: accepted\n- Date: 2020-01-01\n",
        "- Deciders: ,,, and ,\n- Tags: ,\n- Status: Accepted\n",
    ];
    let files: Vec<(String, String)> = texts
        .iter()
        .enumerate()
        .flat_map(|(i, t)| {
            [
                (format!("docs/decisions/{:04}-odd.md", i + 1), t.to_string()),
                (
                    format!("docs/decisions/2020010{}-odd.md", i % 9 + 1),
                    t.to_string(),
                ),
            ]
        })
        .collect();
    let repo = Repository::from_texts(Config::default(), files);
    assert_eq!(repo.decisions().count(), 20);
    let plan = docket_model::plan_import(&repo, None, "");
    for r in &plan.records {
        // The import is a fixed point: reading its output gives no second import.
        let again =
            Repository::from_texts(Config::default(), vec![(r.path.clone(), r.after.clone())]);
        let second = docket_model::plan_import(&again, None, "");
        assert!(
            second.records.is_empty(),
            "{}:\n{}\n{second:#?}",
            r.path,
            r.after
        );
    }
}

#[test]
fn the_status_section_is_the_one_directly_under_the_title() {
    // Under a level-1 title: level 2 only; a `### Status` deep in the body is text.
    let doc = one(
        "docs/decisions/0001-x.md",
        "# 1. X\n\nDate: 2020-01-01\n\n## Context\n\n### Status\n\nThe field says `done`.\n\n## Status\n\nAccepted\n",
    );
    let d = decision(&doc);
    assert_eq!(d.status.as_ref().unwrap().value, "accepted");
    assert_eq!(d.statuses.len(), 1);
    assert_eq!(at(&doc, &d.statuses[0].written.range), "Accepted");
    assert!(doc.problems.is_empty(), "{:?}", doc.problems);
    // Only a deep one: no section, so no status from it.
    let doc = one(
        "docs/decisions/0002-y.md",
        "# Y\n\n* Status: accepted\n\n## Design\n\n#### Status\n\nSimilar to conditions.\n",
    );
    let d = decision(&doc);
    assert_eq!(d.statuses.len(), 1, "{:?}", d.statuses);
    assert_eq!(d.statuses[0].source, StatusSource::Line);
    // Without a level-1 title, the shallowest level of the body's headings; the
    // heading is named as written.
    let doc = one(
        "docs/decisions/0003-z.md",
        "---\nstatus: accepted\n---\n### Context\n\nX.\n\n### Status:\n\nRejected\n\n#### Status\n\nProposed\n",
    );
    let d = decision(&doc);
    let sources: Vec<String> = d.statuses.iter().map(|s| s.source.describe()).collect();
    assert_eq!(sources, ["the front matter", "the `### Status:` section"]);
    assert_eq!(at(&doc, &d.statuses[1].written.range), "Rejected");
}

#[test]
fn madr_3_deciders_one_is_the_owner_and_empty_keys_are_not_given() {
    let text = "---\nstatus: Accepted\ndate: 2024-05-02\ndeciders: [alice]\nconsulted:\ninformed: []\ndecision-makers: \"\"\n---\n# Use PostgreSQL\n";
    let doc = one("docs/decisions/0003-use-postgresql.md", text);
    let d = decision(&doc);
    assert_eq!(d.legacy, Some(Legacy::Madr));
    assert_eq!(d.status.as_ref().unwrap().value, "accepted");
    let owner = d.owner.as_ref().unwrap();
    assert_eq!(
        (owner.value.as_str(), at(&doc, &owner.range)),
        ("alice", "alice")
    );
    assert_eq!(d.deciders.len(), 1);
    assert!(d.consulted.is_empty() && d.informed.is_empty());
    assert!(doc.problems.is_empty(), "{:?}", doc.problems);
    // `owner` wins over the deciders.
    let doc = one(
        "docs/decisions/0004-x.md",
        "---\ntitle: X\nstatus: proposed\nowner: bob\ndeciders: [alice]\n---\n",
    );
    assert_eq!(decision(&doc).owner.as_ref().unwrap().value, "bob");
    // A `Deciders:` line of one person (MADR 2).
    let doc = one(
        "docs/decisions/0005-y.md",
        "# Y\n\n* Status: accepted\n* Deciders: Ana\n",
    );
    assert_eq!(decision(&doc).owner.as_ref().unwrap().value, "Ana");
}

#[test]
fn template_placeholders_state_nothing() {
    let problems = |doc: &Document| -> Vec<(Problem, String)> {
        doc.problems
            .iter()
            .map(|p| (p.rule, at(doc, &p.range).to_string()))
            .collect()
    };
    let doc = one(
        "docs/decisions/0001-x.md",
        "---\ntitle: X\nstatus: {proposed}\nowner: alice\nconsulted: [\"{team}\", bob]\n---\n",
    );
    let d = decision(&doc);
    assert!(d.status.is_none());
    assert!(d.found("status").is_some(), "written, so not missing");
    assert_eq!(d.consulted.len(), 1, "{:?}", d.consulted);
    assert_eq!(
        problems(&doc),
        [
            (Problem::TemplateText, "{proposed}".to_string()),
            (Problem::TemplateText, "{team}".to_string()),
        ]
    );
    // MADR's template, with its unclosed brace, and kuma's MADR 2 line.
    let doc = one(
        "docs/decisions/0002-y.md",
        "---\nstatus: \"{proposed | rejected | accepted | deprecated | … | superseded by ADR-0123\"\n---\n# Y\n",
    );
    assert!(decision(&doc).status.is_none());
    assert_eq!(problems(&doc).len(), 1);
    assert_eq!(problems(&doc)[0].0, Problem::TemplateText);
    let doc = one(
        "docs/decisions/0003-z.md",
        "# Z\n\n* Status: {rejected | accepted} <!-- recommended -->\n",
    );
    let d = decision(&doc);
    assert!(d.status.is_none() && d.statuses.is_empty());
    assert!(d.found("status").is_some());
    assert_eq!(
        problems(&doc),
        [(Problem::TemplateText, "{rejected | accepted}".to_string())]
    );
}

#[test]
fn mappings_written_on_purpose_are_wrong_types_not_placeholders() {
    let doc = one(
        "docs/decisions/0001-x.md",
        "---\ntitle: X\nstatus: proposed\nowner: {id: alice}\nconsulted: [{id: bob}]\noptions:\n  - name: A\n  - name: B\n---\n",
    );
    let rules: Vec<Problem> = doc.problems.iter().map(|p| p.rule).collect();
    assert_eq!(rules, [Problem::InvalidValue, Problem::InvalidValue]);
}
