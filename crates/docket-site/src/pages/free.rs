//! The charter and the free pages: each document's body on `page.html`.

use docket_model::{Document, Kind};
use minijinja::{Value, context};

use crate::docview::doc_view;
use crate::error::SiteError;
use crate::prepared::Prepared;
use crate::writer::{Page, Writer};

/// Writes the page of the charter or free page `doc`.
pub(crate) fn write(p: &Prepared<'_>, w: &Writer<'_>, doc: &Document) -> Result<(), SiteError> {
    let url = p.links.urls.of(doc);
    let view = doc_view(p, doc, &url);
    let section = if doc.kind == Kind::Charter {
        "charter"
    } else {
        "pages"
    };
    w.page(
        &Page::new(&url, "page.html", &view.title, section),
        context! {
            doc => Value::from_serialize(&view),
            norms => (doc.kind == Kind::Charter).then(|| Value::from_serialize(&p.norms)),
        },
    )
}
