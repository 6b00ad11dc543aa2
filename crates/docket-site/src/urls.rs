//! Where every page is: a document's handbook path becomes `<folder>/<stem>.html`
//! (`<folder>/index.html` for a `README.md` or `index.md`), with each path segment
//! percent-encoded (SPEC §6: a page's URL is safe for any file name). URLs are
//! relative to the site root; [`root_of`] is the way back from a page to that root.
//!
//! Each record kind has an index page ([`Urls::kind_index`]): the decisions'
//! is `decisions/index.html`, wherever their folders are; a kind of the team's own
//! with one literal folder has its index in that folder (`EIPS/index.html`, where
//! the folder's own `README.md` would have been), and one with several folders or a
//! glob under its name (`proposal/index.html`); a link to a record folder's own
//! `README.md` goes there. When that address is another page's
//! (a built-in list, a free page, the handbook root), the next one is taken: the
//! kind's name, then `kinds/<name>/index.html`.

use std::collections::{HashMap, HashSet};

use docket_model::{Data, Document, Kind, Repository, is_glob};

/// The folder of the people pages.
const PEOPLE_FOLDER: &str = "people";

/// The decision index, whatever the decisions' folders.
pub(crate) const DECISION_INDEX: &str = "decisions/index.html";

/// The list pages docket always writes or may write, which no kind's index takes.
const BUILT_IN_LISTS: [&str; 6] = [
    "index.html",
    DECISION_INDEX,
    "briefs/index.html",
    "people/index.html",
    "updates/index.html",
    "meetings/index.html",
];

/// Where every document's page is.
pub(crate) struct Urls {
    by_path: HashMap<String, String>,
    by_handbook_path: HashMap<String, String>,
    /// The repository path of the handbook's own `README.md` or `index.md` at its
    /// root: its body opens the home page instead of having a page.
    pub(crate) intro: Option<String>,
    /// The index page of each record kind of the team's own.
    kind_index: HashMap<Kind, String>,
}

impl Urls {
    /// The URL of every readable document of `repo`.
    pub(crate) fn new(repo: &Repository) -> Self {
        let mut by_path = HashMap::new();
        let mut by_handbook_path = HashMap::new();
        let mut intro = None;
        for doc in repo.documents.iter().filter(|d| !d.broken) {
            let hp = doc.handbook_path.as_str();
            let url = match doc.kind {
                Kind::People => join_url(PEOPLE_FOLDER, "index.html"),
                Kind::Meetings => "meetings/index.html".to_string(),
                _ if is_index_name(hp) => {
                    if folder_of(hp).is_empty() {
                        intro = Some(doc.path.clone());
                    }
                    join_url(&encode_path(folder_of(hp)), "index.html")
                }
                _ => encode_path(&md_to_html(hp)),
            };
            by_path.insert(doc.path.clone(), url.clone());
            by_handbook_path.insert(hp.to_string(), url);
        }
        let kind_index = kind_indexes(repo, &by_path, intro.as_deref());
        // A record folder's own `README.md` has no page: links to it go to its
        // kind's index (`adr/README.md` → `decisions/index.html`).
        for doc in repo.documents.iter().filter(|d| !d.broken) {
            if let Data::Page(page) = &doc.data
                && let Some(kind) = page.index_of
                && kind.is_record()
                && intro.as_ref() != Some(&doc.path)
            {
                let url = kind_index
                    .get(&kind)
                    .cloned()
                    .unwrap_or_else(|| DECISION_INDEX.to_string());
                by_path.insert(doc.path.clone(), url.clone());
                by_handbook_path.insert(doc.handbook_path.clone(), url);
            }
        }
        Self {
            by_path,
            by_handbook_path,
            intro,
            kind_index,
        }
    }

    /// The URL of the index page of a record kind (`decisions/index.html`,
    /// `EIPS/index.html`).
    pub(crate) fn kind_index(&self, kind: Kind) -> String {
        match self.kind_index.get(&kind) {
            Some(url) => url.clone(),
            None => DECISION_INDEX.to_string(),
        }
    }

    /// The URL of a document's page.
    pub(crate) fn of(&self, doc: &Document) -> String {
        self.by_path.get(&doc.path).cloned().unwrap_or_default()
    }

    /// The URL of the page of the document at `handbook_path` (relative to the
    /// handbook's root), if there is one.
    pub(crate) fn of_handbook_path(&self, handbook_path: &str) -> Option<&str> {
        self.by_handbook_path.get(handbook_path).map(String::as_str)
    }

    /// The URL of a roster person's page.
    pub(crate) fn person(&self, id: &str) -> String {
        join_url(PEOPLE_FOLDER, &format!("{}.html", url_segment(id)))
    }
}

/// Where each kind of the team's own has its index (see the module's comment):
/// never at the address of a page docket writes for a document (`by_path`, but the
/// folder pages of kinds and the home page's intro, which have no page), of a
/// built-in list, or of another kind's index.
fn kind_indexes(
    repo: &Repository,
    by_path: &HashMap<String, String>,
    intro: Option<&str>,
) -> HashMap<Kind, String> {
    let mut taken: HashSet<String> = BUILT_IN_LISTS.iter().map(|s| s.to_string()).collect();
    for doc in repo.documents.iter().filter(|d| !d.broken) {
        let folder_page = matches!(&doc.data, Data::Page(p) if p.index_of.is_some());
        if !folder_page
            && Some(doc.path.as_str()) != intro
            && let Some(url) = by_path.get(&doc.path)
        {
            taken.insert(url.clone());
        }
    }
    let mut out = HashMap::new();
    for kind in repo.config.record_kinds() {
        if kind == Kind::Decision {
            continue;
        }
        let folders = repo.config.kind_folders(kind);
        let own_folder = match folders.as_slice() {
            [one] if !one.is_empty() && !is_glob(one) => {
                Some(join_url(&encode_path(one), "index.html"))
            }
            _ => None,
        };
        let name = url_segment(kind.name());
        let candidates = own_folder.into_iter().chain([
            format!("{name}/index.html"),
            format!("kinds/{name}/index.html"),
        ]);
        let mut chosen = None;
        for url in candidates {
            if !taken.contains(&url) {
                chosen = Some(url);
                break;
            }
        }
        let url = chosen.unwrap_or_else(|| format!("kinds/{name}/index.html"));
        taken.insert(url.clone());
        out.insert(kind, url);
    }
    out
}

/// The URL of the page of the updates dated `date` (`YYYY-MM-DD`).
pub(crate) fn day_url(date: &str) -> String {
    format!("updates/{}/index.html", url_segment(date))
}

/// `../` once per folder of `url`.
pub(crate) fn root_of(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

/// Whether `path` names a folder's own page (`README.md` or `index.md`).
pub(crate) fn is_index_name(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    name == "readme.md" || name == "index.md"
}

/// The folder of `path` (`""` at the root).
pub(crate) fn folder_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(d, _)| d)
}

fn md_to_html(path: &str) -> String {
    let stem = path.rsplit_once('.').map_or(path, |(s, _)| s);
    format!("{stem}.html")
}

fn join_url(folder: &str, file: &str) -> String {
    if folder.is_empty() {
        file.to_string()
    } else {
        format!("{folder}/{file}")
    }
}

/// Makes a name safe as one URL path segment: keeps letters, digits, `-`, `_`, `.`;
/// percent-encodes the rest (SPEC §6: the page's URL is safe for any file name).
pub(crate) fn url_segment(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn encode_path(path: &str) -> String {
    path.split('/')
        .map(url_segment)
        .collect::<Vec<_>>()
        .join("/")
}
