//! The navigation every page shows: the main sections the handbook has, then its
//! free pages grouped by folder.

use std::collections::BTreeMap;

use docket_model::{Data, Kind, Repository};

use crate::urls::{Urls, folder_of, is_index_name};
use crate::views::NavEntry;

/// The main sections (Metrics with a dashboard), then the free pages, a folder's
/// `README.md` or `index.md` standing for the folder.
pub(crate) fn nav(repo: &Repository, urls: &Urls, metrics: bool) -> Vec<NavEntry> {
    let entry = |title: &str, url: &str, section: &str| NavEntry {
        title: title.into(),
        url: url.into(),
        section: section.into(),
        children: Vec::new(),
    };
    let mut out = vec![entry("Home", "index.html", "home")];
    if let Some(c) = repo.of_kind(Kind::Charter).next() {
        out.push(entry("Charter", &urls.of(c), "charter"));
    }
    out.push(entry("Decisions", "decisions/index.html", "decisions"));
    if repo.of_kind(Kind::Brief).next().is_some() {
        out.push(entry("Briefs", "briefs/index.html", "briefs"));
    }
    if repo.has_roster() {
        out.push(entry("People", "people/index.html", "people"));
    }
    if repo.of_kind(Kind::Update).next().is_some() {
        out.push(entry("Updates", "updates/index.html", "updates"));
    }
    if repo.of_kind(Kind::Meetings).next().is_some() {
        out.push(entry("Meetings", "meetings/index.html", "meetings"));
    }
    if metrics {
        out.push(entry("Metrics", "metrics.html", "metrics"));
    }
    out.extend(free_pages(repo, urls));
    out
}

/// Free pages, grouped by folder; a folder's `README.md` or `index.md` is the
/// folder's own entry. Pages listing a kind (`index_of`) and the home page's intro
/// are not free pages.
fn free_pages(repo: &Repository, urls: &Urls) -> Vec<NavEntry> {
    let mut out = Vec::new();
    let mut folders: BTreeMap<String, Vec<NavEntry>> = BTreeMap::new();
    let mut folder_pages: BTreeMap<String, (String, String)> = BTreeMap::new();
    for doc in repo.readable_of_kind(Kind::Page) {
        if matches!(&doc.data, Data::Page(p) if p.index_of.is_some())
            || Some(&doc.path) == urls.intro.as_ref()
        {
            continue;
        }
        let folder = folder_of(&doc.handbook_path).to_string();
        if is_index_name(&doc.handbook_path) {
            folder_pages.insert(folder.clone(), (doc.title(), urls.of(doc)));
            folders.entry(folder).or_default();
            continue;
        }
        folders.entry(folder).or_default().push(NavEntry {
            title: doc.title(),
            url: urls.of(doc),
            section: "pages".into(),
            children: Vec::new(),
        });
    }
    for (folder, mut pages) in folders {
        pages.sort_by_key(|a| a.title.to_lowercase());
        if folder.is_empty() {
            out.extend(pages);
        } else {
            let mut title = folder
                .rsplit('/')
                .next()
                .unwrap_or(&folder)
                .replace(['-', '_'], " ");
            if let Some(first) = title.get(..1) {
                title = first.to_uppercase() + &title[1..];
            }
            let (title, url) = folder_pages
                .remove(&folder)
                .unwrap_or((title, String::new()));
            out.push(NavEntry {
                title,
                url,
                section: "pages".into(),
                children: pages,
            });
        }
    }
    out
}
