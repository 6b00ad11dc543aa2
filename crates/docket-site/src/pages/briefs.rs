//! The briefs: their index (`briefs/index.html`) and each brief's page.

use docket_model::time::format_date;
use docket_model::{Data, Document, Kind};
use minijinja::{Value, context};

use super::paging;
use crate::docview::{body_key, doc_view_head, fill_body};
use crate::error::SiteError;
use crate::prepared::Prepared;
use crate::views::BriefView;
use crate::writer::{Page, Writer};

/// The briefs' index (its first page).
pub(crate) const INDEX: &str = "briefs/index.html";

/// Writes page `number` of the briefs' index (`briefs/index.html`,
/// `briefs/page-2.html`, …).
pub(crate) fn write_index(
    p: &Prepared<'_>,
    w: &Writer<'_>,
    number: usize,
) -> Result<(), SiteError> {
    let docs: Vec<&Document> = p.repo.readable_of_kind(Kind::Brief).collect();
    let page = paging::page(docs.len(), p.repo.config.site.page_size(), number);
    let briefs: Vec<BriefView> = docs[page.rows.clone()]
        .iter()
        .map(|doc| {
            let mut brief = brief_view_head(p, doc);
            fill_body(&mut brief.doc, p, doc, &brief.url);
            brief
        })
        .collect();
    let url = paging::page_url(INDEX, page.number);
    w.page(
        &Page::new(
            &url,
            "briefs.html",
            &paging::title("Briefs", page.number, page.count),
            "briefs",
        ),
        context! {
            briefs => Value::from_serialize(&briefs),
            total => docs.len(),
            pager => Value::from_serialize(paging::pager(INDEX, &page, docs.len())),
            left_out => p.left_out(Kind::Brief),
        },
    )
}

/// Writes the page of brief `doc`.
pub(crate) fn write(p: &Prepared<'_>, w: &Writer<'_>, doc: &Document) -> Result<(), SiteError> {
    let brief = brief_view_head(p, doc);
    let (url, title) = (brief.url.clone(), brief.title.clone());
    let page = Page::new(&url, "brief.html", &title, "briefs");
    // Keyed by what the body is made of: an unchanged page is not rendered at all.
    let key = w.key(&page, &(&brief, body_key(doc)));
    w.page_keyed(&page, key, || {
        let mut brief = brief;
        fill_body(&mut brief.doc, p, doc, &url);
        context! { brief => Value::from_serialize(&brief) }
    })
}

/// A brief's view without its body ([`fill_body`] renders it).
fn brief_view_head(p: &Prepared<'_>, doc: &Document) -> BriefView {
    let url = p.links.urls.of(doc);
    let view = doc_view_head(p, doc);
    let b = match &doc.data {
        Data::Brief(b) => b.clone(),
        _ => Default::default(),
    };
    BriefView {
        title: doc.title(),
        status: b.status.map_or_else(|| "unknown".into(), |s| s.value),
        owner: b.owner.map(|o| p.links.person_ref(&o.value)),
        deadline: b.deadline.map(|t| format_date(t.value)),
        estimate: b.estimate,
        url,
        doc: view,
    }
}
