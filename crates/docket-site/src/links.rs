//! Links between pages as the views carry them ([`LinkRef`]): a roster id, a
//! decision reference or a document becomes its title and the URL of its page (an
//! empty URL when the target does not exist). A record's status is shown with its
//! category ([`Links::status_of`]), so that a team's own words are coloured too.

use docket_model::{Decision, Document, Kind, Repository, StatusCategory};

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
            category: None,
        }
    }

    /// A decision by reference (`42`, `#42`, a file name): the one decision it names,
    /// else the reference as written, without a page.
    pub(crate) fn decision_ref(&self, reference: &str) -> LinkRef {
        self.resolved(reference, self.repo.resolve_decision(reference))
    }

    /// A reference written in the record `from` (`supersedes: [3]`): the one record
    /// of its kind it names, a bare id preferring `from`'s own folder, else the
    /// reference as written, without a page.
    pub(crate) fn record_ref(&self, from: &Decision, reference: &str) -> LinkRef {
        self.resolved(reference, self.repo.resolve_from(from, reference))
    }

    fn resolved(&self, reference: &str, found: Vec<&Document>) -> LinkRef {
        match found.as_slice() {
            [doc] => self.decision_link(doc),
            _ => LinkRef {
                id: reference.to_string(),
                title: reference.to_string(),
                // `payments:0042` on a hub: the record's page under `org/` (a page
                // on the source's own site is not a site-relative link).
                url: self
                    .repo
                    .foreign
                    .url_of(reference)
                    .filter(|u| !u.contains("://"))
                    .unwrap_or("")
                    .to_string(),
                status: None,
                category: None,
            },
        }
    }

    /// A record: its id (qualified by its folder where its kind has several, else
    /// the stem when it has none), title, page, status and the status's category.
    pub(crate) fn decision_link(&self, doc: &Document) -> LinkRef {
        let d = doc.decision();
        LinkRef {
            id: d
                .and_then(Decision::qualified_id)
                .unwrap_or_else(|| doc.stem().to_string()),
            title: doc.title(),
            url: self.urls.of(doc),
            status: d.and_then(|d| d.status.as_ref()).map(|s| s.value.clone()),
            category: d.and_then(|d| d.category).map(StatusCategory::name),
        }
    }

    /// A status of a `kind`'s record as written somewhere without the rest of the
    /// record (a commit's front matter, a branch): in the kind's spelling with its
    /// category when it is one of the kind's statuses (`Accepted` → `accepted`),
    /// else as written.
    pub(crate) fn status_of(&self, kind: Kind, written: &str) -> (String, Option<&'static str>) {
        match self.repo.config.status(kind, written) {
            Some((word, category)) => (word.to_string(), Some(category.name())),
            None => (written.trim().to_string(), None),
        }
    }

    /// Any document: its stem, title and page.
    pub(crate) fn doc_link(&self, doc: &Document) -> LinkRef {
        LinkRef {
            id: doc.stem().to_string(),
            title: doc.title(),
            url: self.urls.of(doc),
            status: None,
            category: None,
        }
    }
}
