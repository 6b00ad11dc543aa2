//! A decision record's typed data: its id from the file name, its keys, its options
//! and outcome from front matter or the body, every statement of its status, and
//! (for records in an existing format) what the body says in that format.

use std::ops::Range;

use docket_syntax::Yaml;

use crate::config::{Config, IdScheme};
use crate::document::{
    Decision, DecisionId, DecisionOption, Document, Fields, Legacy, Origin, StatusSource,
    StatusStatement, number_prefix,
};
use crate::kind::Kind;
use crate::legacy::{Facts, is_dated_stem, read_legacy, statement};
use crate::problem::{ParseProblem, Problem};
use crate::value::{list_of, strings, text_of, time_of};

/// Reads a decision. `facts` is what the body says in the shapes of existing formats
/// and `legacy` the format the record is written in, if any.
pub(super) fn decision(
    doc: &mut Document,
    fields: &Fields,
    config: &Config,
    facts: &Facts,
    legacy: Option<Legacy>,
) -> Decision {
    let id = decision_id(doc, config);
    let (outcome, outcome_origin) = match text_of(fields, "outcome") {
        Some(s) => (Some(s.value), Some(Origin::FrontMatter)),
        None => {
            let body = section_text(doc, &["Decision", "Decision Outcome", "Outcome"]);
            let origin = body.as_ref().map(|_| Origin::Body);
            (body, origin)
        }
    };
    let (options, options_origin) = options(doc, fields);
    let mut d = Decision {
        id,
        id_key: text_of(fields, "id"),
        title: text_of(fields, "title"),
        status: text_of(fields, "status"),
        owner: text_of(fields, "owner"),
        date: time_of(fields, "date"),
        deadline: time_of(fields, "deadline"),
        decided: time_of(fields, "decided"),
        options,
        options_origin,
        outcome,
        outcome_origin,
        supersedes: list_of(&doc.text, fields, "supersedes"),
        superseded_by: text_of(fields, "superseded_by"),
        consulted: list_of(&doc.text, fields, "consulted"),
        informed: list_of(&doc.text, fields, "informed"),
        tags: list_of(&doc.text, fields, "tags")
            .into_iter()
            .map(|s| s.value)
            .collect(),
        legacy,
        statuses: Vec::new(),
        found_at: Vec::new(),
    };
    for spec in Kind::Decision.schema() {
        if let Some(f) = fields.get(spec.name).filter(|f| f.has_value()) {
            d.found_at.push((spec.name, f.value_or_key_range()));
        }
    }
    d.statuses = statements(fields, facts);
    if legacy.is_some() {
        read_legacy(doc, &mut d, fields, facts);
    }
    d
}

/// The id from the file name (SPEC §3, §9); a name without one is an
/// `invalid-value` problem.
fn decision_id(doc: &mut Document, config: &Config) -> Option<DecisionId> {
    let stem = doc.stem().to_string();
    let id = match config.id_scheme() {
        IdScheme::Stem => Some(DecisionId::Stem(stem)),
        // log4brains names files by date (`20201016-slug.md`): the stem is the id.
        IdScheme::Number if is_dated_stem(&stem) => Some(DecisionId::Stem(stem)),
        IdScheme::Number => number_prefix(&stem).map(DecisionId::Number),
    };
    if id.is_none() {
        doc.problems.push(
            ParseProblem::new(
                Problem::InvalidValue,
                &doc.path,
                0..0,
                format!(
                    "decision file name `{}` does not start with a number",
                    doc.file_name()
                ),
            )
            .with_help("name decision files `NNNN-slug.md` (e.g. `0042-use-postgresql.md`), or set `id = \"stem\"` under `[kinds.decision]`"),
        );
    }
    id
}

/// The options: front matter `options` (plain names, or `{name, pros, cons}`
/// mappings; an entry without a name is left out, and `invalid-value` reports it),
/// else the items of an `## Options` (`## Considered Options`) section, by name.
fn options(doc: &Document, fields: &Fields) -> (Vec<DecisionOption>, Option<Origin>) {
    let options: Vec<DecisionOption> = match fields.get("options").map(|f| &f.value) {
        Some(Yaml::Seq(items)) => items
            .iter()
            .filter_map(|i| {
                let name = i
                    .as_scalar_string()
                    .or_else(|| i.get("name").and_then(Yaml::as_scalar_string))?;
                Some(DecisionOption {
                    name,
                    pros: strings(i.get("pros")),
                    cons: strings(i.get("cons")),
                })
            })
            .collect(),
        _ => {
            let named = section_items(doc, &["Options", "Considered Options"])
                .into_iter()
                .map(DecisionOption::named)
                .collect::<Vec<_>>();
            let origin = (!named.is_empty()).then_some(Origin::Body);
            return (named, origin);
        }
    };
    let origin = (!options.is_empty()).then_some(Origin::FrontMatter);
    (options, origin)
}

/// Every statement of the status, for `status-conflict`: the front matter, then
/// `Status:` lines under the title, then a `## Status` section.
fn statements(fields: &Fields, facts: &Facts) -> Vec<StatusStatement> {
    let mut out = Vec::new();
    if let Some(f) = fields.get("status")
        && let Some(s) = f.value.as_scalar_string()
    {
        out.push(statement(
            s.trim(),
            f.value_range.clone(),
            StatusSource::FrontMatter,
        ));
    }
    for l in &facts.status_lines {
        out.push(statement(
            &l.value.value,
            l.value.range.clone(),
            StatusSource::Line,
        ));
    }
    if let Some(l) = facts
        .status_section
        .as_ref()
        .and_then(|s| s.status.as_ref())
    {
        out.push(statement(
            &l.value.value,
            l.value.range.clone(),
            StatusSource::Section,
        ));
    }
    out
}

/// The items of the first section named one of `names`.
fn section_items(doc: &Document, names: &[&str]) -> Vec<String> {
    names
        .iter()
        .find_map(|n| doc.outline.section(n))
        .map(|i| {
            doc.outline
                .items_in_section(i)
                .map(|item| item.text.trim().to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// The text of the first section named one of `names`, when it says something.
fn section_text(doc: &Document, names: &[&str]) -> Option<String> {
    let i = names.iter().find_map(|n| doc.outline.section(n))?;
    let range: Range<usize> = doc.outline.section_range(i, doc.body.end);
    let t = doc.text.get(range)?.trim();
    (!t.is_empty()).then(|| t.to_string())
}
