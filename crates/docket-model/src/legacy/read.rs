//! Folding what an existing record says ([`Facts`]) into docket's [`Decision`], and
//! the lines of its body that only restate that metadata (what `docket import`
//! moves into front matter).

use std::ops::Range;

use crate::document::{Data, Decision, Document, Spanned};
use crate::kind::{DECISION_STATUSES, FieldType};
use crate::problem::{ParseProblem, Problem};
use crate::record_kind::KindConfig;
use crate::time::parse_time;

use super::lines::{Relation, spanned_list};
use super::scan::{Facts, scan};
use super::status::{normalize_status, reads_like};

/// Fills what a record in an existing format (SPEC §9) says where docket's own keys
/// are absent: the title from the first heading, the status from MADR's `status`, a
/// `Status:` line or the `## Status` section, the date from a `Date:` line, the
/// deciders from a `Deciders:` line (front matter's `decision-makers` and `deciders`
/// are read for every record), supersession from `Supersedes` / `Superseded by`
/// lines. Front-matter keys always win.
pub(crate) fn read_legacy(doc: &mut Document, d: &mut Decision, facts: &Facts, kind: &KindConfig) {
    if d.title.is_none()
        && let Some(t) = &facts.title
    {
        d.title = Some(t.clone());
        found(d, "title", t.range.clone());
    }
    read_status(doc, d, kind);
    read_date(doc, d, facts);
    if d.deciders.is_empty()
        && let Some(l) = &facts.deciders
    {
        d.deciders = spanned_list(&doc.text, &l.value, false);
        if !d.deciders.is_empty() {
            found(d, "deciders", l.value.range.clone());
        }
    }
    if d.is_decided()
        && d.decided.is_none()
        && let Some(date) = d.date.clone()
    {
        // adr-tools and MADR date a record when it is decided.
        found(d, "decided", date.range.clone());
        d.decided = Some(date);
    }
    read_relations(d, facts);
    read_lists(doc, d, facts);
}

/// Records where field `name`'s value was found, unless it already is.
fn found(d: &mut Decision, name: &'static str, range: Range<usize>) {
    if d.found(name).is_none() {
        d.found_at.push((name, range));
    }
}

/// The status: the first statement, mapped to docket's words; one outside docket's
/// set is kept as written and flagged. Its category is the kind's (`kind`'s
/// statuses). `superseded by X` also names X.
fn read_status(doc: &mut Document, d: &mut Decision, kind: &KindConfig) {
    let Some(st) = d.statuses.first().cloned() else {
        return;
    };
    let value = if st.known {
        st.status.clone()
    } else {
        st.written.value.clone()
    };
    d.category = kind.status(&value).map(|(_, category)| category);
    d.status = Some(Spanned::new(value, st.written.range.clone()));
    found(d, "status", st.written.range.clone());
    if !st.known {
        doc.problems.push(
            ParseProblem::new(
                Problem::InvalidValue,
                &doc.path,
                st.written.range.clone(),
                format!(
                    "status `{}` is not one of docket's statuses; it is kept as written",
                    st.written.value
                ),
            )
            .with_help(format!(
                "write {}{}",
                FieldType::OneOf(DECISION_STATUSES).expected(),
                reads_like(&st.status, &st.status)
            )),
        );
    }
    if d.superseded_by.is_empty()
        && let Some(r) = normalize_status(&st.written.value).superseded_by
    {
        let range = docket_syntax::find_in(&doc.text, st.written.range.clone(), &r);
        d.superseded_by = vec![Spanned::new(r, range.clone())];
        found(d, "superseded_by", range);
    }
}

/// The date from a `Date:` line under the title, flagged when it is not ISO 8601.
fn read_date(doc: &mut Document, d: &mut Decision, facts: &Facts) {
    if d.found("date").is_some() {
        return;
    }
    let Some(l) = &facts.date else {
        return;
    };
    found(d, "date", l.value.range.clone());
    match parse_time(&l.value.value) {
        Some(t) => d.date = Some(Spanned::new(t, l.value.range.clone())),
        None => doc.problems.push(
            ParseProblem::new(
                Problem::InvalidValue,
                &doc.path,
                l.value.range.clone(),
                format!("`Date:` `{}` is not an ISO 8601 date", l.value.value),
            )
            .with_help("write the date as `YYYY-MM-DD` (adr-tools wrote `dd/mm/yyyy` before 2017)"),
        ),
    }
}

/// `Supersedes` and `Superseded by` lines.
fn read_relations(d: &mut Decision, facts: &Facts) {
    if d.supersedes.is_empty() {
        d.supersedes = facts
            .relations
            .iter()
            .filter(|r| r.relation == Relation::Supersedes)
            .flat_map(|r| r.targets.iter().cloned())
            .collect();
        if let Some(first) = d.supersedes.first() {
            let range = first.range.clone();
            found(d, "supersedes", range);
        }
    }
    if d.superseded_by.is_empty() {
        d.superseded_by = facts
            .relations
            .iter()
            .filter(|r| r.relation == Relation::SupersededBy)
            .flat_map(|r| r.targets.iter().cloned())
            .collect();
        if let Some(first) = d.superseded_by.first() {
            let range = first.range.clone();
            found(d, "superseded_by", range);
        }
    }
}

/// `Consulted:`, `Informed:` and `Tags:` lines.
fn read_lists(doc: &Document, d: &mut Decision, facts: &Facts) {
    for (name, line) in [
        ("consulted", &facts.consulted),
        ("informed", &facts.informed),
    ] {
        let slot = if name == "consulted" {
            &mut d.consulted
        } else {
            &mut d.informed
        };
        if slot.is_empty()
            && let Some(l) = line
        {
            *slot = spanned_list(&doc.text, &l.value, false);
            found(d, name, l.value.range.clone());
        }
    }
    // A placeholder is no tag, as it is no person above and no item of front
    // matter's `tags`: `docket import` once wrote `- Tags: {` as `tags: ["{"]`,
    // which a second import then dropped (found by the import property test).
    if d.tags.is_empty()
        && let Some(l) = &facts.tags
    {
        d.tags = spanned_list(&doc.text, &l.value, true)
            .into_iter()
            .map(|t| t.value)
            .collect();
        found(d, "tags", l.value.range.clone());
    }
}

/// The whole lines to remove from the body: each label line, status statement and
/// relation line whose content the new front matter holds.
pub(crate) fn moved_lines(d: &Decision, facts: &Facts) -> Vec<Range<usize>> {
    let within = |r: Option<&Range<usize>>, line: &Range<usize>| {
        r.is_some_and(|r| r.start >= line.start && r.end <= line.end)
    };
    let mut out: Vec<Range<usize>> = Vec::new();
    for (name, line) in [
        ("date", &facts.date),
        ("deciders", &facts.deciders),
        ("consulted", &facts.consulted),
        ("informed", &facts.informed),
        ("tags", &facts.tags),
    ] {
        if let Some(l) = line
            && within(d.found(name), &l.line)
        {
            out.push(l.line.clone());
        }
    }
    // The status goes into the front matter: every statement of it in the body is
    // metadata (`docket import` skips records whose statements disagree).
    if d.status.is_some() {
        out.extend(facts.status_lines.iter().map(|l| l.line.clone()));
        if let Some(s) = &facts.status_section
            && let Some(l) = &s.status
        {
            out.push(s.heading_line.clone());
            out.push(l.line.clone());
        }
    }
    // A supersession line moves when each record it names is in the front matter.
    let named = |value: &str| {
        d.supersedes
            .iter()
            .chain(d.superseded_by.iter())
            .any(|s| s.value == value)
    };
    for r in facts.relations.iter().filter(|r| r.moves) {
        if r.targets.iter().all(|t| named(&t.value)) {
            out.push(r.line.clone());
        }
    }
    out.sort_by_key(|r| r.start);
    out.dedup();
    out
}

impl Document {
    /// The whole lines of the body that only restate a record's metadata in an
    /// existing format (adr-tools' `Date:` line and `## Status` section, MADR 2's
    /// `* Status:` lines; SPEC §9): what `docket import` moves into front matter.
    /// Empty for docket's own records.
    pub fn metadata_lines(&self) -> Vec<Range<usize>> {
        match &self.data {
            Data::Decision(d) if d.legacy.is_some() => moved_lines(d, &scan(self)),
            _ => Vec::new(),
        }
    }
}
