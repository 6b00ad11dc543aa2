//! The index of a record kind: the decisions' (`decisions/index.html`) and each
//! kind of the team's own (`EIPS/index.html`, see `urls`): every record's row, the
//! values its filters offer (statuses by category, folders, the kind's facets,
//! owners, tags), and, for decisions, those proposed on branches not yet merged.

use std::collections::BTreeSet;

use docket_model::Kind;
use minijinja::{Value, context};

use crate::error::SiteError;
use crate::nav::record_section;
use crate::prepared::Prepared;
use crate::views::{DecisionRow, LinkRef, PendingView};
use crate::writer::{Page, Writer};

/// Writes the index of `kind`.
pub(crate) fn write(p: &Prepared<'_>, w: &Writer<'_>, kind: Kind) -> Result<(), SiteError> {
    let Some(view) = p.kind(kind) else {
        return Ok(());
    };
    let rows: Vec<&DecisionRow> = p.records_of(kind).map(|l| &l.row).collect();
    // The kind's statuses, then any other a record states (as written).
    let mut statuses: Vec<&str> = view
        .categories
        .iter()
        .flat_map(|c| c.statuses.iter().map(String::as_str))
        .collect();
    let others: BTreeSet<&str> = rows
        .iter()
        .map(|r| r.status.as_str())
        .filter(|s| !statuses.contains(s))
        .collect();
    statuses.extend(&others);
    let mut owners: Vec<&LinkRef> = rows.iter().filter_map(|r| r.owner.as_ref()).collect();
    owners.sort_by(|a, b| a.id.cmp(&b.id));
    owners.dedup_by(|a, b| a.id == b.id);
    let tags: BTreeSet<&str> = rows
        .iter()
        .flat_map(|r| r.tags.iter().map(String::as_str))
        .collect();
    let pending = if kind == Kind::Decision {
        pending_views(p)
    } else {
        Vec::new()
    };
    w.page(
        &Page::new(
            &view.url,
            "decisions.html",
            &view.title,
            record_section(kind),
        ),
        context! {
            kind => Value::from_serialize(view),
            decisions => Value::from_serialize(&rows),
            pending => Value::from_serialize(pending),
            statuses => Value::from_serialize(&statuses),
            other_statuses => Value::from_serialize(&others),
            owners => Value::from_serialize(&owners),
            tags => Value::from_serialize(&tags),
            left_out => p.left_out(kind),
        },
    )
}

/// Decisions proposed on other branches (from git), as the index lists them.
fn pending_views(p: &Prepared<'_>) -> Vec<PendingView> {
    p.repo
        .pending
        .iter()
        .map(|d| {
            let category = d
                .status
                .as_ref()
                .and_then(|s| p.links.status_of(Kind::Decision, s).1);
            PendingView {
                branch: d.branch.clone(),
                file: d.path.rsplit('/').next().unwrap_or(&d.path).to_string(),
                title: d.title.clone(),
                status: d.status.clone().unwrap_or_else(|| "unknown".into()),
                category,
                owner: d.owner.as_ref().map(|o| p.links.person_ref(o)),
            }
        })
        .collect()
}
