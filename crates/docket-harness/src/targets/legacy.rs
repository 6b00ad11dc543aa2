//! `legacy`: decision records in an existing format (adr-tools, MADR, log4brains;
//! docket-model's `legacy/` readers, SPEC §9) and `docket import`.
//!
//! The input is a decision record, both as `0001-fuzz.md` and as log4brains'
//! `20240101-fuzz.md`. After the ranges of the repository, `docket import`'s plan
//! must keep every body line but the metadata lines it moves
//! ([`kept_body_lines`](crate::invariants::kept_body_lines)), write front matter
//! and a roster that read back without a syntax error, and a second run on its
//! output must change nothing.

use docket_model::{Config, Problem, Repository, plan_import};
use docket_syntax::split_front_matter;

use super::{assert_repository, text_of};
use crate::invariants::kept_body_lines;

const ROSTER: &str =
    "- id: alice\n  name: Alice Ng\n  email: alice@example.com\n  timezone: Europe/Berlin\n";

/// The target.
pub fn legacy(data: &[u8]) {
    let text = text_of(data);
    let files: Vec<(String, String)> = vec![
        ("docs/decisions/0001-fuzz.md".into(), text.clone()),
        ("docs/decisions/20240101-fuzz.md".into(), text),
        ("docs/people.yaml".into(), ROSTER.into()),
    ];
    let repo = Repository::from_texts(Config::default(), files.clone());
    assert_repository(&repo);
    let plan = plan_import(&repo, None, "");
    let mut again = files;
    for record in &plan.records {
        let doc = repo
            .document(&record.path)
            .expect("an imported record is a document");
        let Ok(split) = split_front_matter(&record.after) else {
            panic!(
                "{}: the import wrote front matter with no end:\n{}",
                record.path, record.after
            );
        };
        assert!(
            split.front_matter.is_some(),
            "{}: the import wrote no front matter:\n{}",
            record.path,
            record.after
        );
        if let Err(e) = kept_body_lines(
            &doc.text,
            doc.body.clone(),
            &doc.metadata_lines(),
            &record.after[split.body],
        ) {
            panic!(
                "{}: the import lost text: {e}\n--- before ---\n{}\n--- after ---\n{}",
                record.path, doc.text, record.after
            );
        }
        for (path, text) in &mut again {
            if *path == record.path {
                text.clone_from(&record.after);
            }
        }
    }
    if let Some(roster) = &plan.roster_after {
        for (path, text) in &mut again {
            if path == "docs/people.yaml" {
                text.clone_from(roster);
            }
        }
    }
    let imported = Repository::from_texts(Config::default(), again);
    assert_repository(&imported);
    for doc in &imported.documents {
        let written = plan.records.iter().any(|r| r.path == doc.path)
            || (plan.roster_after.is_some() && doc.path == "docs/people.yaml");
        if let Some(p) = doc
            .problems
            .iter()
            .find(|p| written && p.rule == Problem::FrontMatterSyntax)
        {
            panic!(
                "{}: the import wrote YAML that does not read back: {}\n{}",
                doc.path, p.message, doc.text
            );
        }
    }
    let second = plan_import(&imported, None, "");
    assert!(
        second.records.is_empty() && second.people.is_empty(),
        "a second import changes {:?} and adds {:?}",
        second
            .records
            .iter()
            .map(|r| (&r.path, &r.after))
            .collect::<Vec<_>>(),
        second.people
    );
}
