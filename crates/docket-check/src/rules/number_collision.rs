//! # number-collision
//!
//! **What it finds:** with `--changed-since REF`, a decision that the change adds
//! under a number that the merge base, or another local or remote-tracking branch,
//! already gives to a different file. This is the most common mishap with numbered
//! decision records: two pull requests opened the same week both take `0042`.
//!
//! **Why:** two records with one number make every reference to that number
//! ambiguous (`supersedes: [42]`, "see #42"), and the second one to merge silently
//! breaks links.
//!
//! **Example:** your branch adds `0007-use-kafka.md` while the branch
//! `origin/queue-choice` adds `0007-use-rabbitmq.md`.
//!
//! **Fix:** `docket renumber 7 8` renames your file to the next free number and
//! rewrites every reference to it.

use std::collections::BTreeMap;

use docket_diagnostics::Diagnostic;
use docket_model::{DecisionId, number_prefix};

use crate::Context;

/// Reports added decisions whose number is taken elsewhere.
pub fn run(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(changes) = &ctx.repo.changes else {
        return;
    };
    let file_name = |p: &str| p.rsplit('/').next().unwrap_or(p).to_string();
    let number_of = |p: &str| {
        let name = file_name(p);
        number_prefix(name.strip_suffix(".md").unwrap_or(&name))
    };
    // Every number in use anywhere, for the next free one.
    let mut used: BTreeMap<u32, Vec<(String, String)>> = BTreeMap::new();
    for (doc, d) in ctx.repo.decisions() {
        if let Some(DecisionId::Number(n)) = d.id {
            used.entry(n)
                .or_default()
                .push(("this branch".into(), doc.path.clone()));
        }
    }
    for p in &changes.base_files {
        if let Some(n) = number_of(p) {
            used.entry(n)
                .or_default()
                .push((format!("`{}`", changes.reference), p.clone()));
        }
    }
    for (branch, p) in &changes.branch_files {
        if let Some(n) = number_of(p) {
            used.entry(n)
                .or_default()
                .push((format!("branch `{branch}`"), p.clone()));
        }
    }
    let next_free = used.keys().next_back().map_or(1, |n| n + 1);
    for (doc, d) in ctx.repo.decisions() {
        let Some(DecisionId::Number(n)) = d.id else {
            continue;
        };
        if !changes.adds(&doc.path) {
            continue;
        }
        let mine = file_name(&doc.path);
        let mut others: Vec<String> = used
            .get(&n)
            .into_iter()
            .flatten()
            .filter(|(_, p)| file_name(p) != mine)
            .map(|(where_, p)| format!("`{}` on {where_}", file_name(p)))
            .collect();
        others.sort();
        others.dedup();
        if others.is_empty() {
            continue;
        }
        out.push(
            Diagnostic::new(
                "number-collision",
                &doc.path,
                0..0,
                format!("decision number {n} is also taken by {}", others.join(", ")),
            )
            .with_help(format!(
                "`docket renumber {n} {next_free}` moves this decision to the next free number and rewrites every reference to it"
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use docket_model::ChangeSet;

    use crate::testing::{repo, run};

    const DECISION: &str =
        "---\ntitle: Use Kafka\nstatus: proposed\nowner: alice\ndate: 2026-11-24\n---\n";

    fn changes(base: &[&str], branches: &[(&str, &str)]) -> ChangeSet {
        ChangeSet {
            reference: "origin/main".into(),
            changed: ["docs/decisions/0007-use-kafka.md".to_string()].into(),
            base_text: Default::default(),
            base_files: base.iter().map(|s| s.to_string()).collect(),
            branch_files: branches
                .iter()
                .map(|(b, p)| (b.to_string(), p.to_string()))
                .collect(),
        }
    }

    #[test]
    fn fails_when_another_branch_took_the_number() {
        let mut r = repo(&[("docs/decisions/0007-use-kafka.md", DECISION)]);
        r.changes = Some(changes(
            &["docs/decisions/0006-x.md"],
            &[("origin/queue-choice", "docs/decisions/0007-use-rabbitmq.md")],
        ));
        insta::assert_debug_snapshot!(run("number-collision", &r));
    }

    #[test]
    fn passes_when_the_number_is_free() {
        let mut r = repo(&[("docs/decisions/0007-use-kafka.md", DECISION)]);
        r.changes = Some(changes(
            &["docs/decisions/0006-x.md"],
            &[("origin/queue-choice", "docs/decisions/0007-use-kafka.md")],
        ));
        assert_eq!(
            run("number-collision", &r),
            Vec::<String>::new(),
            "the same file on another branch is no collision"
        );
    }
}
