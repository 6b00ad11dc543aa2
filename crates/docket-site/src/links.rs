//! Links between pages as the views carry them ([`LinkRef`]): a roster id, a
//! decision reference or a document becomes its title and the URL of its page (an
//! empty URL when the target does not exist).

use docket_model::{Document, Repository};

use crate::urls::Urls;
use crate::views::LinkRef;

/// The repository and where its pages are: everything a link needs.
pub(crate) struct Links<'a> {
    /// The repository the site is built from.
    pub(crate) repo: &'a Repository,
    /// Where every page is.
    pub(crate) urls: Urls,
}

impl<'a> Links<'a> {
    /// The links of `repo`'s site.
    pub(crate) fn new(repo: &'a Repository) -> Self {
        Self {
            repo,
            urls: Urls::new(repo),
        }
    }

    /// A roster person by id: their name and page, or the bare id when the roster
    /// does not know them.
    pub(crate) fn person_ref(&self, id: &str) -> LinkRef {
        let person = self.repo.person(id);
        LinkRef {
            id: id.to_string(),
            title: person
                .and_then(|p| p.name.clone())
                .unwrap_or_else(|| id.to_string()),
            url: if person.is_some() {
                self.urls.person(id)
            } else {
                String::new()
            },
            status: None,
        }
    }

    /// A decision by reference (`42`, `#42`, a file name): the one decision it names,
    /// else the reference as written, without a page.
    pub(crate) fn decision_ref(&self, reference: &str) -> LinkRef {
        match self.repo.resolve_decision(reference).as_slice() {
            [doc] => self.decision_link(doc),
            _ => LinkRef {
                id: reference.to_string(),
                title: reference.to_string(),
                url: String::new(),
                status: None,
            },
        }
    }

    /// A decision document: its id (or stem), title, page and status.
    pub(crate) fn decision_link(&self, doc: &Document) -> LinkRef {
        let d = doc.decision();
        LinkRef {
            id: d
                .and_then(|d| d.id.as_ref())
                .map_or_else(|| doc.stem().to_string(), ToString::to_string),
            title: doc.title(),
            url: self.urls.of(doc),
            status: d.and_then(|d| d.status.as_ref()).map(|s| s.value.clone()),
        }
    }

    /// Any document: its stem, title and page.
    pub(crate) fn doc_link(&self, doc: &Document) -> LinkRef {
        LinkRef {
            id: doc.stem().to_string(),
            title: doc.title(),
            url: self.urls.of(doc),
            status: None,
        }
    }
}
