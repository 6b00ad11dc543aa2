//! The home page (`index.html`): the handbook's intro, the charter's summary, the
//! team's health at a glance (each rollout target, met or not, linked to its row on
//! the metrics page), the open decisions nearest their deadline (`[site]
//! home_open_decisions`, default 10, then a link to all of them) and the ten most
//! recently decided. Both
//! ask the status's category (`Decision::is_proposed`), never its word, so a team's
//! own statuses (`in review` under `statuses.open`) count; records of the team's own
//! kinds have their own index pages and are not listed here.

use docket_model::{Kind, StatusCategory};
use minijinja::{Value, context};

use crate::docview::doc_view;
use crate::error::SiteError;
use crate::prepared::Prepared;
use crate::views::DecisionRow;
use crate::writer::{Page, Writer};

/// Writes `index.html`.
pub(crate) fn write(p: &Prepared<'_>, w: &Writer<'_>) -> Result<(), SiteError> {
    let url = "index.html";
    let charter = p
        .repo
        .of_kind(Kind::Charter)
        .next()
        .map(|c| doc_view(p, c, url));
    let intro = p
        .links
        .urls
        .intro
        .as_ref()
        .and_then(|path| p.repo.document(path))
        .map(|d| doc_view(p, d, url));
    // `p.decisions()` is in the index's order (by id, numerically); the sorts are
    // stable, so decisions due or decided on the same day keep it (1, 2, 10, not
    // the text order 1, 10, 2).
    let open = p
        .decisions()
        .filter(|l| l.decision.is_proposed())
        .map(|l| &l.row);
    let mut open: Vec<&DecisionRow> = open.collect();
    open.sort_by(|a, b| a.deadline_time.cmp(&b.deadline_time));
    let open_total = open.len();
    open.truncate(p.repo.config.site.home_open_decisions());
    // Decided, and since perhaps superseded or closed: never an open one, whatever
    // its `decided` says.
    let recent = p
        .decisions()
        .filter(|l| {
            l.decision
                .category
                .is_some_and(|c| c != StatusCategory::Open)
                && l.row.decided.is_some()
        })
        .map(|l| &l.row);
    let mut recent: Vec<&DecisionRow> = recent.collect();
    recent.sort_by(|a, b| b.decided.cmp(&a.decided));
    recent.truncate(10);
    w.page(
        &Page::new(url, "index.html", &p.site.title, "home"),
        context! {
            norms => charter.as_ref().map(|_| Value::from_serialize(&p.norms)),
            charter => charter.map(|c| Value::from_serialize(&c)),
            intro => intro.map(|c| Value::from_serialize(&c)),
            open_decisions => Value::from_serialize(&open),
            open_total => open_total,
            health => p.dashboard.map(|d| Value::from_serialize(&d.targets)),
            recent_decisions => Value::from_serialize(&recent),
        },
    )
}
