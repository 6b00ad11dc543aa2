//! The updates: their index (`updates/index.html`: open blockers, each person's
//! latest update, every day), a page per day, and a page per update (the day page's
//! template with that one update).

use docket_model::time::format_date;
use docket_model::{Data, Document, Kind};
use minijinja::{Value, context};

use super::paging;
use crate::error::SiteError;
use crate::prepared::Prepared;
use crate::team::update_title;
use crate::urls::day_url;
use crate::views::DayView;
use crate::writer::{Page, Writer};

/// The updates' index (its first page).
pub(crate) const INDEX: &str = "updates/index.html";

/// Writes page `number` of the updates' index (`updates/index.html`,
/// `updates/page-2.html`, …): open blockers and each person's latest update, then
/// the days of updates, newest first, a page's worth of days each.
pub(crate) fn write_index(
    p: &Prepared<'_>,
    w: &Writer<'_>,
    number: usize,
) -> Result<(), SiteError> {
    let all: Vec<&DayView> = p.days.values().rev().collect();
    let page = paging::page(all.len(), p.repo.config.site.page_size(), number);
    let url = paging::page_url(INDEX, page.number);
    w.page(
        &Page::new(
            &url,
            "updates.html",
            &paging::title("Updates", page.number, page.count),
            "updates",
        ),
        context! {
            days => Value::from_serialize(&all[page.rows.clone()]),
            total_days => all.len(),
            pager => Value::from_serialize(paging::pager(INDEX, &page, all.len())),
            // Only the first page shows them.
            latest => (page.number == 1).then(|| Value::from_serialize(p.team.latest_updates(&p.links))),
            open_blockers => (page.number == 1).then(|| Value::from_serialize(p.team.open_blockers(&p.links, None))),
            reference => p.team.reference.map(format_date),
            left_out => p.left_out(Kind::Update),
        },
    )
}

/// Writes the page of the updates dated `date`.
pub(crate) fn write_day(p: &Prepared<'_>, w: &Writer<'_>, date: &str) -> Result<(), SiteError> {
    let Some(day) = p.days.get(date) else {
        return Ok(());
    };
    write_day_page(p, w, &day.url, &format!("Updates of {date}"), day)
}

/// Writes the page of update `doc`: a day of that one update.
pub(crate) fn write_update(
    p: &Prepared<'_>,
    w: &Writer<'_>,
    doc: &Document,
) -> Result<(), SiteError> {
    let Some(update) = p.team.update_view(&p.links, doc) else {
        return Ok(());
    };
    let date = match &doc.data {
        Data::Update(x) => x.date.map(format_date).unwrap_or_default(),
        _ => String::new(),
    };
    let day = DayView {
        date: date.clone(),
        url: day_url(&date),
        updates: vec![update],
    };
    let title = update_title(&p.links, doc).unwrap_or_default();
    write_day_page(p, w, &p.links.urls.of(doc), &title, &day)
}

/// `update_day.html` at `url` for `day`.
fn write_day_page(
    p: &Prepared<'_>,
    w: &Writer<'_>,
    url: &str,
    title: &str,
    day: &DayView,
) -> Result<(), SiteError> {
    w.page(
        &Page::new(url, "update_day.html", title, "updates"),
        context! {
            day => Value::from_serialize(day),
            reference => p.team.reference.map(format_date),
        },
    )
}
