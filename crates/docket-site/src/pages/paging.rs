//! Numbered pages of an index (`index.html`, `page-2.html`, …; the hub's helper
//! `docket_hub::page` cuts the list): what a page says about its place in the list
//! (`pager` in the templates, drawn by `partials/pager.html`), so that no page grows
//! with the handbook. Used by the record indexes, the briefs, people and updates
//! indexes, and the hub's organisation pages.

use docket_hub::page::{Page, file_name, window};
use serde::Serialize;

/// A link of the page navigation: a page's number and URL, or a gap (`number` is
/// `None`).
#[derive(Debug, Serialize)]
pub(crate) struct PageLink {
    pub number: Option<usize>,
    pub url: String,
    pub current: bool,
}

/// The place of one page in its list, as templates see it (`pager`).
#[derive(Debug, Serialize)]
pub(crate) struct Pager {
    /// 1-based.
    pub number: usize,
    /// How many pages the list has.
    pub count: usize,
    /// The 1-based position of the page's first row, and of its last.
    pub first: usize,
    pub last: usize,
    /// Rows in the whole list.
    pub total: usize,
    /// The numbered links (first, last, and the pages near this one).
    pub links: Vec<PageLink>,
    /// The previous and next page's URLs.
    pub prev: Option<String>,
    pub next: Option<String>,
}

/// The folder of an index page's URL (`decisions/index.html` → `decisions/`).
pub(crate) fn folder_of(index_url: &str) -> &str {
    index_url.rfind('/').map_or("", |i| &index_url[..=i])
}

/// The URL of page `number` of the index at `index_url` (`decisions/index.html`,
/// page 3 → `decisions/page-3.html`).
pub(crate) fn page_url(index_url: &str, number: usize) -> String {
    if number <= 1 {
        index_url.to_string()
    } else {
        format!("{}{}", folder_of(index_url), file_name(number))
    }
}

/// How many pages a list of `len` rows has, `per_page` each.
pub(crate) fn page_count(len: usize, per_page: usize) -> usize {
    page(len, per_page, 1).count
}

/// Page `number` (1-based, clamped to the last) of a list of `len` rows.
pub(crate) use docket_hub::page::page;

/// The pager of `page` of the index at `index_url`.
pub(crate) fn pager(index_url: &str, page: &Page, total: usize) -> Pager {
    let links = window(page.number, page.count)
        .into_iter()
        .map(|n| PageLink {
            number: n,
            url: n.map_or_else(String::new, |n| page_url(index_url, n)),
            current: n == Some(page.number),
        })
        .collect();
    Pager {
        number: page.number,
        count: page.count,
        first: page.rows.start + 1,
        last: page.rows.end,
        total,
        links,
        prev: (page.number > 1).then(|| page_url(index_url, page.number - 1)),
        next: (page.number < page.count).then(|| page_url(index_url, page.number + 1)),
    }
}

/// The title of page `number` of `count` of a list titled `title`.
pub(crate) fn title(title: &str, number: usize, count: usize) -> String {
    if number > 1 {
        format!("{title} (page {number} of {count})")
    } else {
        title.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_of_an_index_live_beside_it() {
        assert_eq!(page_url("decisions/index.html", 1), "decisions/index.html");
        assert_eq!(page_url("decisions/index.html", 3), "decisions/page-3.html");
        assert_eq!(page_url("index.html", 2), "page-2.html");
        let p = page(250, 100, 3);
        let pager = pager("briefs/index.html", &p, 250);
        assert_eq!((pager.first, pager.last, pager.count), (201, 250, 3));
        assert_eq!(pager.prev.as_deref(), Some("briefs/page-2.html"));
        assert_eq!(pager.next, None);
        assert_eq!(page(0, 100, 5).rows, 0..0);
        assert_eq!(page_count(0, 100), 1);
        assert_eq!(page_count(101, 100), 2);
    }
}
