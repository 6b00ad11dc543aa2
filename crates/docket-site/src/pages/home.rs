//! The home page (`index.html`): the handbook's intro, the charter's summary, the
//! open decisions (nearest deadline first) and the ten most recently decided.

use docket_model::Kind;
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
    // `p.decisions` is in the index's order (by id, numerically); the sorts are
    // stable, so decisions due or decided on the same day keep it (1, 2, 10, not
    // the text order 1, 10, 2).
    let rows = || p.decisions.iter().map(|l| &l.row);
    let mut open: Vec<&DecisionRow> = rows().filter(|r| r.status == "proposed").collect();
    open.sort_by(|a, b| a.deadline_time.cmp(&b.deadline_time));
    let mut recent: Vec<&DecisionRow> = rows().filter(|r| r.decided.is_some()).collect();
    recent.sort_by(|a, b| b.decided.cmp(&a.decided));
    recent.truncate(10);
    w.page(
        &Page::new(url, "index.html", &p.site.title, "home"),
        context! {
            norms => charter.as_ref().map(|_| Value::from_serialize(&p.norms)),
            charter => charter.map(|c| Value::from_serialize(&c)),
            intro => intro.map(|c| Value::from_serialize(&c)),
            open_decisions => Value::from_serialize(&open),
            recent_decisions => Value::from_serialize(&recent),
        },
    )
}
