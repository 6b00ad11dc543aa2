//! The briefs: their index (`briefs/index.html`) and each brief's page.

use docket_model::time::format_date;
use docket_model::{Data, Document, Kind};
use minijinja::{Value, context};

use crate::docview::doc_view;
use crate::error::SiteError;
use crate::prepared::Prepared;
use crate::views::BriefView;
use crate::writer::{Page, Writer};

/// Writes `briefs/index.html`.
pub(crate) fn write_index(p: &Prepared<'_>, w: &Writer<'_>) -> Result<(), SiteError> {
    let briefs: Vec<BriefView> = p
        .repo
        .readable_of_kind(Kind::Brief)
        .map(|doc| brief_view(p, doc))
        .collect();
    w.page(
        &Page::new("briefs/index.html", "briefs.html", "Briefs", "briefs"),
        context! {
            briefs => Value::from_serialize(&briefs),
            left_out => p.left_out(Kind::Brief),
        },
    )
}

/// Writes the page of brief `doc`.
pub(crate) fn write(p: &Prepared<'_>, w: &Writer<'_>, doc: &Document) -> Result<(), SiteError> {
    let brief = brief_view(p, doc);
    w.page(
        &Page::new(&brief.url, "brief.html", &brief.title, "briefs"),
        context! { brief => Value::from_serialize(&brief) },
    )
}

fn brief_view(p: &Prepared<'_>, doc: &Document) -> BriefView {
    let url = p.links.urls.of(doc);
    let view = doc_view(p, doc, &url);
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
