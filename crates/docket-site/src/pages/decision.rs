//! A record's page (a decision, or a record of a kind of the team's own): its row,
//! rendered body, options and outcome from the front matter (typed by the model),
//! supersession links and chain, the deciders and the consulted and informed people,
//! and history. `kind` tells the template which kind it is and where its index is.

use docket_model::{Decision, Document, Origin, Spanned};
use minijinja::{Value, context};

use crate::docview::{body_key, doc_view_head, fill_body, history_entries};
use crate::error::SiteError;
use crate::links::Links;
use crate::nav::record_section;
use crate::prepared::Prepared;
use crate::views::{DecidedInView, DecisionView, LinkRef, OptionView};
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
        doc: doc_view_head(p, doc),
        options: options(d),
        outcome: outcome(d),
        supersedes: d
            .supersedes
            .iter()
            .map(|r| p.links.record_ref(d, &r.value))
            .collect(),
        superseded_by: d
            .superseded_by
            .first()
            .map(|r| p.links.record_ref(d, &r.value)),
        superseded_by_all: d
            .superseded_by
            .iter()
            .map(|r| p.links.record_ref(d, &r.value))
            .collect(),
        chain_back: listed.chain_back.clone(),
        chain_forward: listed.chain_forward.clone(),
        related: listed
            .related
            .iter()
            .filter_map(|&i| p.records.get(i))
            .map(|r| p.links.decision_link(r.doc))
            .collect(),
        deciders: people(&d.deciders),
        consulted: people(&d.consulted),
        informed: people(&d.informed),
        history: history_entries(p, &doc.path, d.kind),
        decided_in: decided_in(p, doc, d),
    };
    let title = format!("{} {}", view.row.id, view.row.title);
    let page = Page::new(&url, "decision.html", &title, record_section(d.kind));
    let kind = p.kind(d.kind);
    // Keyed by what the body is made of: an unchanged page is not rendered at all.
    let key = w.key(&page, &(&view, kind, body_key(doc)));
    w.page_keyed(&page, key, || {
        let mut view = view;
        fill_body(&mut view.doc, p, doc, &url);
        context! {
            decision => Value::from_serialize(&view),
            kind => Value::from_serialize(kind),
        }
    })
}

/// The pull request that decided `d` and its approvers
/// (`docket_model::forge::decided_in`, which `decisions.json` and the figures ask
/// too).
fn decided_in(p: &Prepared<'_>, doc: &Document, d: &Decision) -> Option<DecidedInView> {
    let x = docket_model::forge::decided_in(p.repo, doc, d)?;
    let url = x
        .pull
        .url
        .clone()
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"));
    Some(DecidedInView {
        status: d
            .status
            .as_ref()
            .map_or_else(|| "decided".to_string(), |s| s.value.clone()),
        label: x.pull.label(),
        url,
        title: x.pull.title.clone(),
        approvals: x
            .approvals
            .iter()
            .map(|a| match &a.person {
                Some(id) => p.links.person_ref(id),
                None => LinkRef {
                    id: a.login.clone(),
                    title: a.login.clone(),
                    url: String::new(),
                    status: None,
                    category: None,
                },
            })
            .collect(),
    })
}

fn people(links: &Links<'_>, list: &[Spanned<String>]) -> Vec<LinkRef> {
    list.iter().map(|p| links.person_ref(&p.value)).collect()
}

/// The options the front matter lists, with their arguments. Options read from a
/// body section are shown where the body has them, not twice.
fn options(d: &Decision) -> Vec<OptionView> {
    if d.options_origin != Some(Origin::FrontMatter) {
        return Vec::new();
    }
    d.options
        .iter()
        .map(|o| OptionView {
            name: o.name.clone(),
            pros: o.pros.clone(),
            cons: o.cons.clone(),
        })
        .collect()
}

/// The outcome the front matter states (one from the body is shown in the body).
fn outcome(d: &Decision) -> Option<String> {
    (d.outcome_origin == Some(Origin::FrontMatter))
        .then(|| d.outcome.clone())
        .flatten()
}
