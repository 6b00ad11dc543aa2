//! The navigation every page shows: the main sections the handbook has (an index per
//! record kind among them), then its free pages grouped by folder.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use docket_model::{Data, Document, Kind, Repository};

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
    // Every record kind's index: the decisions', then each of the team's own kinds
    // under its title (`[kinds.X] title`), its section its name.
    for kind in repo.config.record_kinds() {
        out.push(entry(
            &repo.config.kind_title(kind),
            &urls.kind_index(kind),
            record_section(kind),
        ));
    }
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

/// The section (`page.section`) of a record kind's index and pages: `decisions`, or
/// the name of a kind of the team's own.
pub(crate) fn record_section(kind: Kind) -> &'static str {
    match kind {
        Kind::Decision => "decisions",
        other => other.name(),
    }
}

/// The front-matter keys that place a free page among its siblings, in the order
/// they are read: `nav_order` (Just the Docs, MADR's own site), `weight` (Hugo) and
/// docket's `order`. Lower first; pages without one come after those with one.
const ORDER_KEYS: [&str; 3] = ["nav_order", "weight", "order"];

/// Where `doc` asks to be among its siblings (none: after those that ask).
fn nav_order(doc: &Document) -> Option<f64> {
    let front = doc.front.as_ref()?;
    ORDER_KEYS.iter().find_map(|key| {
        front
            .get(key)
            .and_then(|f| f.value.as_scalar_string())
            .and_then(|v| v.trim().parse::<f64>().ok())
            .filter(|n| n.is_finite())
    })
}

/// A navigation entry with what sorts it: its order, then its title.
struct Sorted {
    order: Option<f64>,
    entry: NavEntry,
}

/// Lower order first; without one, after those with one.
fn by_order(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Sorts `entries` as the navigation lists siblings: by order (those without one
/// last), then by title without regard to case.
fn sort_entries(entries: &mut [Sorted]) {
    entries.sort_by(|a, b| {
        by_order(a.order, b.order).then_with(|| {
            a.entry
                .title
                .to_lowercase()
                .cmp(&b.entry.title.to_lowercase())
        })
    });
}

/// Free pages, grouped by folder; a folder's `README.md` or `index.md` is the
/// folder's own entry (its order places the folder). Pages listing a kind
/// (`index_of`) and the home page's intro are not free pages. The root's pages come
/// first, then the folders.
fn free_pages(repo: &Repository, urls: &Urls) -> Vec<NavEntry> {
    let mut folders: BTreeMap<String, Vec<Sorted>> = BTreeMap::new();
    let mut folder_pages: BTreeMap<String, (String, String, Option<f64>)> = BTreeMap::new();
    for doc in repo.readable_of_kind(Kind::Page) {
        if matches!(&doc.data, Data::Page(p) if p.index_of.is_some())
            || Some(&doc.path) == urls.intro.as_ref()
        {
            continue;
        }
        let folder = folder_of(&doc.handbook_path).to_string();
        if is_index_name(&doc.handbook_path) {
            folder_pages.insert(folder.clone(), (doc.title(), urls.of(doc), nav_order(doc)));
            folders.entry(folder).or_default();
            continue;
        }
        folders.entry(folder).or_default().push(Sorted {
            order: nav_order(doc),
            entry: NavEntry {
                title: doc.title(),
                url: urls.of(doc),
                section: "pages".into(),
                children: Vec::new(),
            },
        });
    }
    let mut root = Vec::new();
    let mut groups = Vec::new();
    for (folder, mut pages) in folders {
        sort_entries(&mut pages);
        let pages = pages.into_iter().map(|s| s.entry);
        if folder.is_empty() {
            root.extend(pages);
            continue;
        }
        let (title, url, order) = folder_pages
            .remove(&folder)
            .unwrap_or_else(|| (folder_title(&folder), String::new(), None));
        groups.push(Sorted {
            order,
            entry: NavEntry {
                title,
                url,
                section: "pages".into(),
                children: pages.collect(),
            },
        });
    }
    // Folders without an order keep the order of their paths, as before.
    groups.sort_by(|a, b| by_order(a.order, b.order));
    root.extend(groups.into_iter().map(|s| s.entry));
    root
}

/// A folder's title when it has no page of its own: its name, words spaced,
/// capitalized (`team-notes` → `Team notes`).
fn folder_title(folder: &str) -> String {
    let mut title = folder
        .rsplit('/')
        .next()
        .unwrap_or(folder)
        .replace(['-', '_'], " ");
    if let Some(first) = title.get(..1) {
        title = first.to_uppercase() + &title[1..];
    }
    title
}
