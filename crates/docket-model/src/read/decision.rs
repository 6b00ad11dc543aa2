//! A decision record's typed data: its id from the file name, its keys, its options
//! and outcome from front matter or the body, its deciders and the owner they give,
//! every statement of its status, and (for records in an existing format) what the
//! body says in that format.

use std::ops::Range;

use docket_syntax::Yaml;

use crate::config::{Config, IdScheme, KindConfig, Role};
use crate::document::{
    Decision, DecisionId, DecisionOption, Document, Field, Fields, Legacy, Origin, Spanned,
    StatusSource, StatusStatement, TemplateText, number_prefix,
};
use crate::kind::{DECISION_STATUSES, FieldType, Kind, is_placeholder};
use crate::legacy::{Facts, is_dated_stem, read_legacy, statement};
use crate::problem::{ParseProblem, Problem};
use crate::value::{list_of, strings, text_of, time_of};

use super::validate::template_text;

/// Reads a decision. `facts` is what the body says in the shapes of existing formats
/// and `legacy` the format the record is written in, if any.
pub(super) fn decision(
    doc: &mut Document,
    fields: &Fields,
    config: &Config,
    facts: &Facts,
    legacy: Option<Legacy>,
) -> Decision {
    let kind = doc.kind;
    let kc = config.kind_config(kind);
    let key = |role: Role| kc.role_key(role);
    let id = decision_id(doc, fields, config);
    let mut template_text = super::template::sections(doc, &config.templates);
    let (outcome, outcome_origin) = outcome(doc, fields, config, &mut template_text);
    let (options, options_origin) = options(doc, fields, config, &mut template_text);
    let status = status_of(&doc.text, fields, key(Role::Status), &kc);
    let category = status
        .as_ref()
        .and_then(|s| kc.status(&s.value))
        .map(|(_, c)| c);
    let (owner, mut deciders) = owners_of(&doc.text, fields, key(Role::Owner), kind);
    for p in deciders_of(&doc.text, fields) {
        if !deciders.iter().any(|o| o.value == p.value) {
            deciders.push(p);
        }
    }
    let deadline = time_of(fields, key(Role::Deadline));
    let deadline_unreadable = deadline.is_none() && fields.has(key(Role::Deadline));
    let references = kc
        .references
        .iter()
        .flat_map(|&k| {
            refs_of(&doc.text, fields, k)
                .into_iter()
                .map(move |r| (k, r))
        })
        .collect();
    let mut d = Decision {
        kind,
        folder: config
            .kind_folder_of(kind, &doc.handbook_path)
            .and_then(|m| m.label),
        id,
        id_key: text_of(fields, "id").filter(|_| kind == Kind::Decision),
        title: text_of(fields, key(Role::Title)),
        status,
        category,
        owner,
        deciders,
        date: time_of(fields, key(Role::Date)),
        deadline,
        deadline_unreadable,
        decided: time_of(fields, "decided"),
        options,
        options_origin,
        outcome,
        outcome_origin,
        supersedes: refs_of(&doc.text, fields, "supersedes"),
        superseded_by: refs_of(&doc.text, fields, "superseded_by"),
        references,
        consulted: list_of(&doc.text, fields, "consulted"),
        informed: list_of(&doc.text, fields, "informed"),
        tags: list_of(&doc.text, fields, "tags")
            .into_iter()
            .map(|s| s.value)
            .collect(),
        legacy,
        statuses: Vec::new(),
        found_at: Vec::new(),
        template_text,
    };
    for spec in config.schema(kind).iter() {
        if let Some(f) = fields.get(spec.name).filter(|f| f.has_value()) {
            d.found_at.push((spec.name, f.value_or_key_range()));
        }
    }
    d.statuses = statements(doc, &mut d, fields, facts);
    if legacy.is_some() {
        read_legacy(doc, &mut d, facts, &kc);
    }
    owner_from_deciders(&mut d);
    d
}

/// The front matter's status in the kind's words: a known status in any case
/// (`Accepted` → `accepted`; `status-spelling` reports the spelling), any other word
/// as written (`invalid-value` reports it), nothing for a template's placeholder
/// (`template-text` reports it).
fn status_of(text: &str, fields: &Fields, key: &str, kind: &KindConfig) -> Option<Spanned<String>> {
    let s = text_of(fields, key)?;
    let raw = fields
        .get(key)
        .and_then(|f| text.get(f.value_range.clone()))
        .unwrap_or("");
    if is_placeholder(raw, true) {
        return None;
    }
    match kind.status(&s.value) {
        Some((c, _)) => Some(Spanned::new(c.to_string(), s.range)),
        None => Some(s),
    }
}

/// A list of references: a list, or one value, or (as improvement proposals write
/// `requires: 20, 165`) values separated by commas, each with its range.
fn refs_of(text: &str, fields: &Fields, key: &str) -> Vec<Spanned<String>> {
    list_of(text, fields, key)
        .into_iter()
        .flat_map(split_commas)
        .collect()
}

/// `a, b` as two values with their ranges; anything else as it is.
fn split_commas(item: Spanned<String>) -> Vec<Spanned<String>> {
    if !item.value.contains(',') || item.range.len() != item.value.len() {
        return vec![item];
    }
    let mut out = Vec::new();
    let mut at = 0;
    for part in item.value.split(',') {
        let lead = part.len() - part.trim_start().len();
        let t = part.trim();
        if !t.is_empty() {
            let start = item.range.start + at + lead;
            out.push(Spanned::new(t.to_string(), start..start + t.len()));
        }
        at += part.len() + 1;
    }
    out
}

/// The owner: the owner key's value. A kind of the team's own may name several
/// people there (`author: Ada Lovelace (@ada), Alan Turing <alan@example.com>`):
/// the first is the owner and all are deciders, each matched against the roster by
/// id, name, handle or email.
fn owners_of(
    text: &str,
    fields: &Fields,
    key: &str,
    kind: Kind,
) -> (Option<Spanned<String>>, Vec<Spanned<String>>) {
    if kind == Kind::Decision {
        return (text_of(fields, key), Vec::new());
    }
    let people = refs_of(text, fields, key);
    (people.first().cloned(), people)
}

/// The people who decide: MADR 4's `decision-makers`, then MADR 3's `deciders`
/// (each person once).
fn deciders_of(text: &str, fields: &Fields) -> Vec<Spanned<String>> {
    let mut out: Vec<Spanned<String>> = Vec::new();
    for p in list_of(text, fields, "decision-makers")
        .into_iter()
        .chain(list_of(text, fields, "deciders"))
    {
        if !out.iter().any(|o| o.value == p.value) {
            out.push(p);
        }
    }
    out
}

/// Without an `owner`, the one decider of a record that names exactly one is its
/// owner; several deciders name no single owner (`missing-field` says so).
fn owner_from_deciders(d: &mut Decision) {
    if d.owner.is_some() || d.found("owner").is_some() {
        return;
    }
    if let [one] = d.deciders.as_slice() {
        let one = one.clone();
        d.found_at.push(("owner", one.range.clone()));
        d.owner = Some(one);
    }
}

/// The id from the file name (SPEC §3, §9) or the kind's id key; a name without
/// one is an `invalid-value` problem (a missing id key is `missing-field`).
fn decision_id(doc: &mut Document, fields: &Fields, config: &Config) -> Option<DecisionId> {
    let stem = doc.stem().to_string();
    let id = match config.id_scheme_of(doc.kind) {
        IdScheme::Key(key) => {
            let value = text_of(fields, key)?.value;
            let value = value.trim();
            return Some(match value.parse::<u32>() {
                Ok(n) if value.bytes().all(|b| b.is_ascii_digit()) => DecisionId::Number(n),
                _ => DecisionId::Stem(value.to_string()),
            });
        }
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
                    "{} file name `{}` does not start with a number",
                    doc.kind.name(),
                    doc.file_name()
                ),
            )
            .with_help(format!("name {kind} files `NNNN-slug.md` (e.g. `0042-use-postgresql.md`), or set `id = \"stem\"` (or the key that holds the id) under `[kinds.{kind}]`", kind = doc.kind.name())),
        );
    }
    id
}

/// The outcome: front matter `outcome`, else the `## Decision` (`## Decision
/// Outcome`, `## Outcome`) section, either without the text a template wrote
/// (`template`, where the place it is read from is marked).
fn outcome(
    doc: &Document,
    fields: &Fields,
    config: &Config,
    template: &mut Vec<TemplateText>,
) -> (Option<String>, Option<Origin>) {
    if let Some(s) = text_of(fields, "outcome") {
        let left = fields
            .get("outcome")
            .and_then(|f| super::template::outcome_key(f, &s.value, &config.templates));
        return match left {
            Some(t) => {
                template.push(t);
                (None, None)
            }
            None => (Some(s.value), Some(Origin::FrontMatter)),
        };
    }
    let Some(i) = ["Decision", "Decision Outcome", "Outcome"]
        .iter()
        .find_map(|n| doc.outline.section(n))
    else {
        return (None, None);
    };
    let range: Range<usize> = doc.outline.section_range(i, doc.body.end);
    let mut own = String::new();
    let mut at = range.start;
    for t in template.iter_mut() {
        if t.heading == Some(i) {
            t.field = Some("outcome");
        }
        for part in t.parts.iter().filter(|p| range.contains(&p.start)) {
            own.push_str(doc.text.get(at..part.start.max(at)).unwrap_or(""));
            own.push('\n');
            at = at.max(part.end);
        }
    }
    own.push_str(doc.text.get(at..range.end).unwrap_or(""));
    let own = own.trim();
    match own.is_empty() {
        true => (None, None),
        false => (Some(own.to_string()), Some(Origin::Body)),
    }
}

/// The options: front matter `options` (plain names, or `{name, pros, cons}`
/// mappings; an entry without a name is left out, and `invalid-value` reports it),
/// else the items of an `## Options` (`## Considered Options`) section, by name;
/// either without the ones a template wrote (`template`, where the place they are
/// read from is marked).
fn options(
    doc: &Document,
    fields: &Fields,
    config: &Config,
    template: &mut Vec<TemplateText>,
) -> (Vec<DecisionOption>, Option<Origin>) {
    let options: Vec<DecisionOption> = match fields.get("options") {
        Some(
            f @ Field {
                value: Yaml::Seq(items),
                ..
            },
        ) => {
            let options = front_options(items);
            if let Some(t) = super::template::options_key(f, &options, &config.templates) {
                template.push(t);
                return (Vec::new(), None);
            }
            options
        }
        _ => {
            let Some(i) = ["Options", "Considered Options"]
                .iter()
                .find_map(|n| doc.outline.section(n))
            else {
                return (Vec::new(), None);
            };
            let mut left: Vec<usize> = Vec::new();
            for t in template.iter_mut() {
                if t.heading == Some(i) {
                    t.field = Some("options");
                }
                left.extend(t.parts.iter().map(|p| p.start));
            }
            left.sort_unstable();
            let named = doc
                .outline
                .items_in_section(i)
                .filter(|item| left.binary_search(&item.range.start).is_err())
                .map(|item| DecisionOption::named(item.text.trim()))
                .collect::<Vec<_>>();
            let origin = (!named.is_empty()).then_some(Origin::Body);
            return (named, origin);
        }
    };
    let origin = (!options.is_empty()).then_some(Origin::FrontMatter);
    (options, origin)
}

/// The options of a front-matter list.
fn front_options(items: &[Yaml]) -> Vec<DecisionOption> {
    items
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
        .collect()
}

/// Every statement of the status, for `status-conflict`: the front matter, then
/// `Status:` lines under the title, then the `Status` section directly under the
/// title. A statement that is still a template's placeholder states nothing: one in
/// the body is `template-text` here (the front matter's is reported with the other
/// keys), and it counts as where the status was written, so that it is not missing
/// on top.
fn statements(
    doc: &mut Document,
    d: &mut Decision,
    fields: &Fields,
    facts: &Facts,
) -> Vec<StatusStatement> {
    let mut out = Vec::new();
    if let Some(f) = fields.get("status")
        && let Some(s) = f.value.as_scalar_string()
        && !s.trim().is_empty()
        && !is_placeholder(doc.text.get(f.value_range.clone()).unwrap_or(""), true)
    {
        out.push(statement(
            s.trim(),
            f.value_range.clone(),
            StatusSource::FrontMatter,
        ));
    }
    let lines = facts
        .status_lines
        .iter()
        .map(|l| (&l.value, StatusSource::Line));
    let section = facts.status_section.as_ref().and_then(|s| {
        let heading = s.heading.clone();
        s.status
            .as_ref()
            .map(|l| (&l.value, StatusSource::Section { heading }))
    });
    for (value, source) in lines.chain(section) {
        if !is_placeholder(&value.value, true) {
            out.push(statement(&value.value, value.range.clone(), source));
            continue;
        }
        let what = source.describe();
        doc.problems.push(template_text(
            &doc.path,
            value.range.clone(),
            &what,
            &value.value,
            FieldType::OneOf(DECISION_STATUSES),
        ));
        if d.found("status").is_none() {
            d.found_at.push(("status", value.range.clone()));
        }
    }
    // Kept for every record of a handbook: no spare capacity (issue 15's memory).
    out.shrink_to_fit();
    out
}
