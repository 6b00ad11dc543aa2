//! The decision index (`decisions/index.html`): every decision's row, the values its
//! filters offer, and the decisions proposed on branches not yet merged.

use std::collections::BTreeSet;

use docket_model::Kind;
use minijinja::{Value, context};

use crate::error::SiteError;
use crate::prepared::Prepared;
use crate::views::{DecisionRow, LinkRef, PendingView};
use crate::writer::{Page, Writer};

/// Writes `decisions/index.html`.
pub(crate) fn write(p: &Prepared<'_>, w: &Writer<'_>) -> Result<(), SiteError> {
    let rows: Vec<&DecisionRow> = p.decisions.iter().map(|l| &l.row).collect();
    let statuses: BTreeSet<&str> = rows.iter().map(|r| r.status.as_str()).collect();
    let mut owners: Vec<&LinkRef> = rows.iter().filter_map(|r| r.owner.as_ref()).collect();
    owners.sort_by(|a, b| a.id.cmp(&b.id));
    owners.dedup_by(|a, b| a.id == b.id);
    let tags: BTreeSet<&str> = rows
        .iter()
        .flat_map(|r| r.tags.iter().map(String::as_str))
        .collect();
    w.page(
        &Page::new(
            "decisions/index.html",
            "decisions.html",
            "Decisions",
            "decisions",
        ),
        context! {
            decisions => Value::from_serialize(&rows),
            pending => Value::from_serialize(pending_views(p)),
            statuses => Value::from_serialize(&statuses),
            owners => Value::from_serialize(&owners),
            tags => Value::from_serialize(&tags),
            left_out => p.left_out(Kind::Decision),
        },
    )
}

/// Decisions proposed on other branches (from git), as the index lists them.
fn pending_views(p: &Prepared<'_>) -> Vec<PendingView> {
    p.repo
        .pending
        .iter()
        .map(|d| PendingView {
            branch: d.branch.clone(),
            file: d.path.rsplit('/').next().unwrap_or(&d.path).to_string(),
            title: d.title.clone(),
            status: d.status.clone().unwrap_or_else(|| "unknown".into()),
            owner: d.owner.as_ref().map(|o| p.links.person_ref(o)),
        })
        .collect()
}
