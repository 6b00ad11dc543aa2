//! The pages with no data of their own: `404.html` and `search.html` (the search
//! runs in the browser, from `search-index.js`).

use minijinja::context;

use crate::error::SiteError;
use crate::views::SiteView;
use crate::writer::{Page, Writer};

/// Writes `404.html`. A host serves it at any missing address, in any folder, so
/// with a base URL its links are absolute (mdBook's `site-url`, Hugo's `baseURL`);
/// without one they are relative to the site root, which only works for missing
/// pages at the root (`docket serve` rewrites them; docs/guide/site.md).
pub(crate) fn write_not_found(site: &SiteView, w: &Writer<'_>) -> Result<(), SiteError> {
    w.page(
        &Page::new(NOT_FOUND, "404.html", "Page not found", "404")
            .with_root(site.base_url.as_deref()),
        context! {},
    )
}

/// Writes `search.html`.
pub(crate) fn write_search(w: &Writer<'_>) -> Result<(), SiteError> {
    w.page(
        &Page::new(SEARCH, "search.html", "Search", "search"),
        context! {},
    )
}

/// The URL of the page for addresses that have none.
pub(crate) const NOT_FOUND: &str = "404.html";

/// The URL of the search page.
pub(crate) const SEARCH: &str = "search.html";
