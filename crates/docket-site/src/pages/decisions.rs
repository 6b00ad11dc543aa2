//! The index of a record kind: the decisions' (`decisions/index.html`) and each
//! kind of the team's own (`EIPS/index.html`, see `urls`): the records' rows in
//! numbered pages of `[site] page_size` (`page-2.html`, …), the values its filters
//! offer over every record (statuses by category, folders, the kind's facets,
//! owners, tags), and, for decisions, those proposed on branches not yet merged.
//!
//! An index of more than one page also gets `index.js` in its folder: every
//! record's row as compact data (`window.docketRecords`), which the page's script
//! loads on demand (a script tag, so that it works from `file://`) to filter and
//! sort the whole set.

use docket_model::Kind;
use minijinja::{Value, context};

use super::paging;
use crate::error::SiteError;
use crate::escape::push_script_json;
use crate::nav::record_section;
use crate::prepared::Prepared;
use crate::views::{DecisionRow, PendingView};
use crate::writer::{Page, Writer};

/// How many pages the index of `kind` has.
pub(crate) fn page_count(p: &Prepared<'_>, kind: Kind) -> usize {
    paging::page_count(p.records_of(kind).len(), p.repo.config.site.page_size())
}

/// The URL of the index's data for scripts (`decisions/index.js`), when the index
/// of `kind` has more than one page.
pub(crate) fn data_url(p: &Prepared<'_>, kind: Kind) -> Option<String> {
    let view = p.kind(kind)?;
    (page_count(p, kind) > 1).then(|| format!("{}{DATA_FILE}", paging::folder_of(&view.url)))
}

/// The file beside an index that holds every row for the script.
const DATA_FILE: &str = "index.js";

/// Writes page `number` (1-based) of the index of `kind`.
pub(crate) fn write(
    p: &Prepared<'_>,
    w: &Writer<'_>,
    kind: Kind,
    number: usize,
) -> Result<(), SiteError> {
    let Some(view) = p.kind(kind) else {
        return Ok(());
    };
    let records = p.records_of(kind);
    let page = paging::page(records.len(), p.repo.config.site.page_size(), number);
    let pager = paging::pager(&view.url, &page, records.len());
    let url = paging::page_url(&view.url, page.number);
    let title = paging::title(&view.title, page.number, page.count);
    let data = data_url(p, kind);
    let Some(filters) = p.index(kind) else {
        return Ok(());
    };
    let rows: Vec<&DecisionRow> = records[page.rows.clone()].iter().map(|l| &l.row).collect();
    // Proposals on other branches are listed once, under the first page.
    let pending = if kind == Kind::Decision && page.number == 1 {
        pending_views(p)
    } else {
        Vec::new()
    };
    w.page(
        &Page::new(&url, "decisions.html", &title, record_section(kind)),
        context! {
            kind => Value::from_serialize(view),
            decisions => Value::from_serialize(&rows),
            total => records.len(),
            pager => Value::from_serialize(&pager),
            data => data,
            page_size => p.repo.config.site.page_size(),
            pending => Value::from_serialize(pending),
            statuses => Value::from_serialize(&filters.statuses),
            other_statuses => Value::from_serialize(&filters.others),
            owners => Value::from_serialize(&filters.owners),
            tags => Value::from_serialize(&filters.tags),
            left_out => p.left_out(kind),
        },
    )
}

/// Writes `index.js` beside the index of `kind` when it has more than one page:
/// `window.docketRecords = [[id, number, url, title, status, category, owner id,
/// owner name, owner url, date, deadline, deadline time, decided, tags, folder,
/// facets], …]` in the index's order (`null` for what a record does not have).
pub(crate) fn write_data(p: &Prepared<'_>, w: &Writer<'_>, kind: Kind) -> Result<(), SiteError> {
    let Some(url) = data_url(p, kind) else {
        return Ok(());
    };
    w.file(&url, data_script(p, kind).as_bytes())
}

/// The text of `index.js` for `kind` (see [`write_data`]).
pub(crate) fn data_script(p: &Prepared<'_>, kind: Kind) -> String {
    let mut out = String::from("window.docketRecords=[");
    for (i, l) in p.records_of(kind).iter().enumerate() {
        let r = &l.row;
        if i > 0 {
            out.push_str(",\n");
        }
        let owner = r.owner.as_ref();
        let row = serde_json::json!([
            r.id,
            r.number,
            r.url,
            r.title,
            r.status,
            r.category,
            owner.map(|o| &o.id),
            owner.map(|o| &o.title),
            owner.map(|o| &o.url).filter(|u| !u.is_empty()),
            r.date,
            r.deadline,
            r.deadline_time,
            r.decided,
            r.tags,
            r.folder,
            r.facets,
        ]);
        push_script_json(&mut out, &row.to_string());
    }
    out.push_str("];\n");
    out
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
