//! A decision's page: its row, rendered body, options and outcome from the front
//! matter, supersession links and chain, consulted and informed people, and history.

use docket_model::{Document, Spanned};
use docket_syntax::Yaml;
use minijinja::{Value, context};

use crate::docview::{doc_view, history_entries};
use crate::error::SiteError;
use crate::links::Links;
use crate::prepared::Prepared;
use crate::views::{DecisionView, LinkRef, OptionView};
use crate::writer::{Page, Writer};

/// Writes the page of decision `doc` (nothing for a document that is not a readable
/// decision).
pub(crate) fn write(p: &Prepared<'_>, w: &Writer<'_>, doc: &Document) -> Result<(), SiteError> {
    let Some(listed) = p.decision(doc) else {
        return Ok(());
    };
    let d = listed.decision;
    let url = p.links.urls.of(doc);
    let people = |list: &[Spanned<String>]| people(&p.links, list);
    let view = DecisionView {
        row: listed.row.clone(),
        doc: doc_view(p, doc, &url),
        options: options_from_front_matter(doc),
        outcome: outcome_from_front_matter(doc),
        supersedes: d
            .supersedes
            .iter()
            .map(|r| p.links.decision_ref(&r.value))
            .collect(),
        superseded_by: d
            .superseded_by
            .as_ref()
            .map(|r| p.links.decision_ref(&r.value)),
        chain_back: listed.chain_back.clone(),
        chain_forward: listed.chain_forward.clone(),
        consulted: people(&d.consulted),
        informed: people(&d.informed),
        history: history_entries(p, &doc.path),
    };
    let title = format!("{} {}", view.row.id, view.row.title);
    w.page(
        &Page::new(&url, "decision.html", &title, "decisions"),
        context! { decision => Value::from_serialize(&view) },
    )
}

fn people(links: &Links<'_>, list: &[Spanned<String>]) -> Vec<LinkRef> {
    list.iter().map(|p| links.person_ref(&p.value)).collect()
}

/// `options` as written in the front matter: a list of names, or of mappings with
/// `name`, `pros` and `cons` (each a list or one value).
///
/// Read from the raw YAML, as it was before the model types options; a one-line swap
/// for the model's reading once it has one.
fn options_from_front_matter(doc: &Document) -> Vec<OptionView> {
    let Some(Yaml::Seq(items)) = doc
        .front
        .as_ref()
        .and_then(|f| f.get("options"))
        .map(|f| &f.value)
    else {
        return Vec::new();
    };
    items
        .iter()
        .map(|i| {
            let list = |k: &str| match i.get(k) {
                Some(Yaml::Seq(v)) => v.iter().filter_map(Yaml::as_scalar_string).collect(),
                Some(v) => v.as_scalar_string().into_iter().collect(),
                None => Vec::new(),
            };
            OptionView {
                name: i
                    .as_scalar_string()
                    .or_else(|| i.get("name").and_then(Yaml::as_scalar_string))
                    .unwrap_or_default(),
                pros: list("pros"),
                cons: list("cons"),
            }
        })
        .collect()
}

/// `outcome` as written in the front matter, when it is a scalar.
///
/// Read from the raw YAML, like [`options_from_front_matter`].
fn outcome_from_front_matter(doc: &Document) -> Option<String> {
    doc.front
        .as_ref()
        .and_then(|f| f.get("outcome"))
        .and_then(|f| f.value.as_scalar_string())
}
