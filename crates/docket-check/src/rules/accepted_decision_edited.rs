//! # accepted-decision-edited
//!
//! **What it finds:** with `--changed-since REF`, a decision that was already
//! `accepted` at the merge base and whose substance the change rewrites: its title,
//! its status (to anything but `superseded` or `deprecated`: moving it back to
//! `proposed` reopens a settled question, and `rejected` reverses it, both in
//! place), its `decided` date, its outcome or options, or its body. One finding
//! per decision names every part edited, at the first of them.
//!
//! Allowed, because that is how a decision is replaced or kept findable: marking it
//! `superseded` or `deprecated`, adding `superseded_by` or `supersedes`, and
//! changing `tags`, `owner`, `consulted`, `informed` or `deadline` (who looks after
//! the record now, and how it is found, not what was decided). So is moving a
//! record's metadata from its body into front matter (`docket import` on
//! adr-tools, MADR or log4brains records, whose title heading, `Date:` line and
//! `## Status` section are compared by the values docket reads from them, not as
//! text), and editing those lines in a record that keeps them. A title or `decided`
//! date that the change removes is `missing-field`'s finding, not this rule's.
//!
//! Filling in what the record never said is allowed too: text still as a template
//! of `docket new` wrote it (see `template-text`) is no substance, so writing the
//! outcome into a `## Decision` section that held only the template's paragraph,
//! or deleting a template paragraph left beside the outcome, rewrites nothing the
//! team decided. Adding to a section that already said something is an edit.
//!
//! **Why:** an accepted decision is a record of what was decided and why, at the
//! time. Editing it in place rewrites history: readers can no longer tell what the
//! team knew when it decided. A new decision that supersedes the old one keeps both.
//!
//! **Example:** a pull request that changes the `## Decision` section of
//! `0042-use-postgresql.md`, accepted last month, from PostgreSQL to SQLite; or
//! one that renames it `Use SQLite`, or sets it back to `status: proposed`.
//!
//! **Fix:** revert the edit and write a new decision (`docket new decision`) with
//! `supersedes: [42]`; then set the old one's `status: superseded` and
//! `superseded_by`. Typos can be fixed by a change the reviewers agree to: set this
//! rule to `off` or `warning` in `docket.toml` if your team prefers that.

use std::ops::Range;

use docket_diagnostics::Diagnostic;
use docket_model::{Data, Decision, Document, StatusCategory, parse_file};

use crate::Context;

/// Whether a decided record may move to `d`'s status in place: it stays decided,
/// or it is replaced or retired (superseded, deprecated), which is how it changes.
fn allowed_move(d: &Decision) -> bool {
    matches!(
        d.category,
        Some(StatusCategory::Decided | StatusCategory::Superseded | StatusCategory::Closed)
    ) && d.status.as_ref().is_none_or(|s| s.value != "rejected")
}

/// Whether a record is accepted: decided, and not `rejected`.
fn is_accepted(d: &Decision) -> bool {
    d.is_decided() && d.status.as_ref().is_some_and(|s| s.value != "rejected")
}

/// Reports accepted decisions whose substance the change edits.
pub fn run(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(changes) = &ctx.repo.changes else {
        return;
    };
    let repo = ctx.repo;
    for (doc, now) in repo.decisions() {
        let Some(base_text) = changes.base_text.get(&doc.path) else {
            continue;
        };
        let Some(base) = parse_file(
            doc.path.clone(),
            &repo.handbook_root,
            base_text.clone(),
            &repo.config,
        ) else {
            continue;
        };
        let Data::Decision(was) = &base.data else {
            continue;
        };
        if !is_accepted(was) {
            continue;
        }
        let edits = edits((&base, was), (doc, now));
        let Some((_, range)) = edits.first() else {
            continue;
        };
        let parts: Vec<&str> = edits.iter().map(|(what, _)| what.as_str()).collect();
        let id = now
            .id
            .as_ref()
            .map_or_else(|| doc.stem().to_string(), ToString::to_string);
        out.push(
            Diagnostic::new(
                "accepted-decision-edited",
                &doc.path,
                range.clone(),
                format!(
                    "decision {id} was accepted before this change, and the change edits its {}",
                    and_list(&parts)
                ),
            )
            .with_help(format!(
                "record the new decision in a new file with `supersedes: [{id}]`, and mark this one `status: superseded`"
            )),
        );
    }
}

/// What the change edits of the substance of a decision accepted at the base, in
/// the order of the record (front matter, then body), each with where it is now.
fn edits(
    (base, was): (&Document, &Decision),
    (doc, now): (&Document, &Decision),
) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    // A value removed is `missing-field`'s; a value that moved between formats
    // (`docket import`) compares equal.
    if let (Some(a), Some(b)) = (&was.title, &now.title)
        && words(&a.value) != words(&b.value)
    {
        out.push(("title".to_string(), b.range.clone()));
    }
    if let Some(s) = &now.status
        && !allowed_move(now)
    {
        out.push((format!("status (to `{}`)", s.value), s.range.clone()));
    }
    if let (Some(a), Some(b)) = (&was.decided, &now.decided)
        && a.value != b.value
    {
        out.push(("`decided` date".to_string(), b.range.clone()));
    }
    for key in ["options", "outcome"] {
        // A team template's value written over is filled in, not rewritten.
        let was_template = was
            .template_text
            .iter()
            .any(|t| t.key && t.field == Some(key));
        if front(base, key) != front(doc, key) && !was_template {
            let range = doc
                .front
                .as_ref()
                .and_then(|f| f.get(key))
                .map_or(0..0, |f| f.key_range.clone());
            out.push((key.to_string(), range));
        }
    }
    let (base_lines, lines) = (substance(base, was, None), substance(doc, now, Some(was)));
    if normalized(&base_lines) != normalized(&lines) {
        out.push((
            "body".to_string(),
            first_changed_line(&base_lines, &lines, doc),
        ));
    }
    out
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(parts: &[&str]) -> String {
    match parts {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A value's words, so that re-wrapping a title is no edit.
fn words(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

/// The body's lines with their offsets, without the lines that only restate
/// metadata (see [`Document::metadata_lines`]) and without text a template wrote,
/// which says nothing. With `base` (the decision at the base), also without what
/// is now written in a section that was nothing but a template's text there: that
/// fills in what the record never said.
fn substance<'a>(
    doc: &'a Document,
    d: &Decision,
    base: Option<&Decision>,
) -> Vec<(usize, &'a str)> {
    let metadata = doc.metadata_lines();
    let mut skipped: Vec<Range<usize>> = d
        .template_text
        .iter()
        .flat_map(|t| t.parts.iter().cloned())
        .collect();
    let filled = base.map_or(&[][..], |b| b.template_text.as_slice());
    for t in filled.iter().filter(|t| t.whole && !t.key) {
        skipped.extend(section_named(doc, &t.place));
    }
    let skipped = disjoint(skipped);
    let mut next = 0;
    let mut offset = doc.body.start;
    let mut out = Vec::new();
    for line in doc
        .text
        .get(doc.body.clone())
        .unwrap_or("")
        .split_inclusive('\n')
    {
        let start = offset;
        offset += line.len();
        // Lines come in order: one pass over the ranges.
        while skipped.get(next).is_some_and(|r| r.end <= start) {
            next += 1;
        }
        let skip = metadata.iter().any(|r| r.start == start)
            || skipped.get(next).is_some_and(|r| r.contains(&start));
        if !skip {
            out.push((start, line));
        }
    }
    out
}

/// `ranges` sorted and merged where they overlap.
fn disjoint(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// The text directly under each heading of `doc` written as `place` (`## Decision`),
/// up to the next heading.
fn section_named(doc: &Document, place: &str) -> Vec<Range<usize>> {
    let headings = &doc.outline.headings;
    headings
        .iter()
        .enumerate()
        .filter(|(_, h)| {
            let written = format!("{} {}", "#".repeat(usize::from(h.level)), h.text);
            written.eq_ignore_ascii_case(place)
        })
        .map(|(i, h)| {
            let end = headings.get(i + 1).map_or(doc.body.end, |n| n.range.start);
            h.range.end..end.max(h.range.end)
        })
        .collect()
}

/// Line endings and blank lines do not count as an edit.
fn normalized<'a>(lines: &[(usize, &'a str)]) -> Vec<&'a str> {
    lines
        .iter()
        .map(|(_, l)| l.trim_end())
        .filter(|l| !l.is_empty())
        .collect()
}

fn front(doc: &Document, key: &str) -> Option<docket_syntax::Yaml> {
    doc.front.as_ref()?.get(key).map(|f| f.value.clone())
}

/// The range of the first body line that differs from the base body.
fn first_changed_line(
    base_lines: &[(usize, &str)],
    lines: &[(usize, &str)],
    doc: &Document,
) -> Range<usize> {
    let mut base_lines = base_lines
        .iter()
        .map(|(_, l)| l.trim_end())
        .filter(|l| !l.is_empty());
    for (start, line) in lines {
        let content = line.trim_end();
        if content.is_empty() {
            continue;
        }
        if base_lines.next() != Some(content) {
            return *start..start + content.len();
        }
    }
    doc.body.end..doc.body.end
}

#[cfg(test)]
mod tests {
    use docket_model::ChangeSet;

    use crate::testing::{repo, run};

    const ACCEPTED: &str = "---\ntitle: Use PostgreSQL\nstatus: accepted\nowner: alice\ndate: 2026-11-01\ndecided: 2026-11-02\n---\n## Options\n\n- PostgreSQL\n- SQLite\n\n## Decision\n\nPostgreSQL.\n";

    fn with_base(current: &str, base: &str) -> docket_model::Repository {
        let mut r = repo(&[("docs/decisions/0042-use-postgresql.md", current)]);
        let path = "docs/decisions/0042-use-postgresql.md".to_string();
        r.changes = Some(ChangeSet {
            reference: "main".into(),
            changed: [path.clone()].into(),
            base_text: [(path.clone(), base.to_string())].into(),
            base_files: [path].into(),
            branch_files: Vec::new(),
        });
        r
    }

    #[test]
    fn fails_when_the_decision_is_rewritten() {
        let edited = ACCEPTED.replace("\nPostgreSQL.\n", "\nSQLite after all.\n");
        insta::assert_debug_snapshot!(run(
            "accepted-decision-edited",
            &with_base(&edited, ACCEPTED)
        ));
    }

    #[test]
    fn fails_when_the_title_status_or_decided_date_changes() {
        let retitled = ACCEPTED.replace("title: Use PostgreSQL", "title: Use SQLite");
        assert_eq!(
            run("accepted-decision-edited", &with_base(&retitled, ACCEPTED)),
            [
                "docs/decisions/0042-use-postgresql.md:2:8 decision 42 was accepted before this change, and the change edits its title"
            ]
        );
        let reopened = ACCEPTED
            .replace("status: accepted", "status: proposed")
            .replace("decided: 2026-11-02", "decided: 2026-11-03")
            .replace("\nPostgreSQL.\n", "\nNot sure.\n");
        assert_eq!(
            run("accepted-decision-edited", &with_base(&reopened, ACCEPTED)),
            [
                "docs/decisions/0042-use-postgresql.md:3:9 decision 42 was accepted before this change, and the change edits its status (to `proposed`), `decided` date and body"
            ]
        );
    }

    #[test]
    fn passes_when_only_bookkeeping_changes() {
        let kept = ACCEPTED.replace(
            "owner: alice\n",
            "owner: bob\ntags: [storage]\nconsulted: [alice]\nsupersedes: [7]\n",
        );
        assert_eq!(
            run("accepted-decision-edited", &with_base(&kept, ACCEPTED)),
            Vec::<String>::new()
        );
        let rewrapped = ACCEPTED.replace("title: Use PostgreSQL", "title: \"Use  PostgreSQL\"");
        assert_eq!(
            run("accepted-decision-edited", &with_base(&rewrapped, ACCEPTED)),
            Vec::<String>::new()
        );
    }

    #[test]
    fn passes_when_template_text_is_written_over() {
        let template = include_str!("../../../../templates/new/decision.md")
            .replace("{{title}}", "Use PostgreSQL")
            .replace("{{owner}}", "alice")
            .replace("{{date}}", "2026-11-01")
            .replace("{{deadline}}", "2026-11-03")
            .replace("status: proposed", "status: accepted\ndecided: 2026-11-02");
        let filled = template
            .replace(
                "- **First option.** What it is, what speaks for it and what against it.\n- **Second option.** What it is, what speaks for it and what against it.",
                "- PostgreSQL\n- SQLite",
            )
            .replace(
                "Open until the owner decides, by the deadline at the latest, with what is known\nthen. Replace this paragraph with the chosen option and why, and set\n`status: accepted` (or `rejected`) and `decided` in the front matter.",
                "PostgreSQL, because we know it.",
            );
        assert_eq!(
            run("accepted-decision-edited", &with_base(&filled, &template)),
            Vec::<String>::new(),
            "the record never said anything there"
        );
        let changed = filled.replace("because we know it", "because it is fast");
        assert_eq!(
            run("accepted-decision-edited", &with_base(&changed, &filled)),
            [
                "docs/decisions/0042-use-postgresql.md:23:1 decision 42 was accepted before this change, and the change edits its body"
            ],
            "once written, the outcome is substance"
        );
    }

    const ADR_TOOLS: &str = "# 42. Use PostgreSQL\n\nDate: 2026-11-01\n\n## Status\n\nAccepted\n\n## Context\n\nWe need a database.\n\n## Decision\n\nPostgreSQL.\n";

    #[test]
    fn passes_when_metadata_moves_or_an_adr_tools_record_is_superseded() {
        let imported = "---\ntitle: Use PostgreSQL\nstatus: accepted\ndate: 2026-11-01\ndecided: 2026-11-01\n---\n# 42. Use PostgreSQL\n\n## Context\n\nWe need a database.\n\n## Decision\n\nPostgreSQL.\n";
        assert_eq!(
            run("accepted-decision-edited", &with_base(imported, ADR_TOOLS)),
            Vec::<String>::new(),
            "docket import is not an edit"
        );
        let superseded = ADR_TOOLS.replace(
            "\nAccepted\n",
            "\nSuperseded by [43. Use SQLite](0043-use-sqlite.md)\n",
        );
        assert_eq!(
            run(
                "accepted-decision-edited",
                &with_base(&superseded, ADR_TOOLS)
            ),
            Vec::<String>::new(),
            "superseding in the status section is allowed"
        );
        let edited = ADR_TOOLS.replace("\nPostgreSQL.\n", "\nSQLite.\n");
        assert_eq!(
            run("accepted-decision-edited", &with_base(&edited, ADR_TOOLS)),
            [
                "docs/decisions/0042-use-postgresql.md:15:1 decision 42 was accepted before this change, and the change edits its body"
            ]
        );
    }

    #[test]
    fn passes_when_it_is_superseded() {
        let superseded =
            ACCEPTED.replace("status: accepted", "status: superseded\nsuperseded_by: 43");
        assert_eq!(
            run(
                "accepted-decision-edited",
                &with_base(&superseded, ACCEPTED)
            ),
            Vec::<String>::new()
        );
        let proposed = ACCEPTED.replace("status: accepted", "status: proposed");
        let edited = proposed.replace("\nPostgreSQL.\n", "\nSQLite.\n");
        assert_eq!(
            run("accepted-decision-edited", &with_base(&edited, &proposed)),
            Vec::<String>::new(),
            "edits before acceptance are fine"
        );
    }
}
