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

    /// Every handbook path with a page and its URL, by path.
    pub(crate) fn handbook_paths(&self) -> Vec<(&str, &str)> {
        let mut all: Vec<(&str, &str)> = self
            .by_handbook_path
            .iter()
            .map(|(p, u)| (p.as_str(), u.as_str()))
            .collect();
        all.sort_unstable();
        all
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
///
/// The writer decodes the URL into the page's file, which must be one file name in
/// its folder on every system. A name holding `/`, `\` or `:` (a roster id, a
/// kind's name or folder, a file name on Unix) would decode to several segments or
/// a Windows path (`c:x` is on drive C), and an empty name, `.` or `..` to no file
/// name at all, so those characters stay percent-encoded in the file's name and
/// the URL encodes that name: the roster id `../x` has the file
/// `people/..%2Fx.html` at `people/..%252Fx.html` (found by the property test
/// below). An empty name is `_`.
pub(crate) fn url_segment(s: &str) -> String {
    let file_name = match s {
        "" => "_".to_string(),
        "." | ".." => s.replace('.', "%2E"),
        _ => s
            .replace('/', "%2F")
            .replace('\\', "%5C")
            .replace(':', "%3A"),
    };
    let mut out = String::new();
    for b in file_name.bytes() {
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

#[cfg(test)]
mod tests {
    use super::*;
    use docket_model::{Config, percent_decode, yaml_scalar};
    use proptest::prelude::*;

    /// Whether the file a page URL is written to (the writer percent-decodes it)
    /// stays inside the output folder on every system: no `..` or `.` segment, no
    /// empty one (and so no absolute path), no backslash (a separator on Windows,
    /// and for tools that unpack a copied site there), no colon (a drive or a
    /// stream on Windows).
    /// `docket-harness`'s `safe_output_path` is the same check, which this crate
    /// cannot depend on.
    fn stays_inside(url: &str) -> Result<(), String> {
        let file = percent_decode(url);
        if file.contains(['\\', ':']) {
            return Err(format!("`{url}` is written to `{file}`"));
        }
        match file.split('/').find(|s| matches!(*s, "" | "." | "..")) {
            Some(s) => Err(format!(
                "`{url}` is written to `{file}`, with segment `{s}`"
            )),
            None => Ok(()),
        }
    }

    /// A TOML basic string.
    fn toml_string(s: &str) -> String {
        let mut out = String::from("\"");
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }

    /// A file or folder name the walk can give: anything but `/` and NUL, never
    /// `.` or `..`.
    fn name() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-z0-9-]{1,8}",
            "[^/\u{0}]{1,10}",
            "[.%\\\\: ]{1,4}[a-z]{0,2}",
        ]
        .prop_filter("the walk never gives `.` or `..`", |s| {
            s != "." && s != ".."
        })
    }

    /// Anything a roster id or a kind's name in docket.toml may be.
    fn id() -> impl Strategy<Value = String> {
        prop_oneof!["[a-z]{1,8}", "[./\\\\%]{0,6}", ".*"]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Every page, person page and kind index is written inside the output
        /// folder, whatever the file names, roster ids and kind names.
        #[test]
        fn page_paths_stay_inside_the_output_folder(
            folders in prop::collection::vec(prop::collection::vec(name(), 0..3), 1..4),
            stems in prop::collection::vec(name(), 1..4),
            ids in prop::collection::vec(id(), 0..3),
            kind in id(),
            kind_folder in prop_oneof![Just(String::from("rfcs")), Just(String::from("a/*")), name()],
        ) {
            let mut files: Vec<(String, String)> = folders
                .iter()
                .zip(stems.iter().cycle())
                .map(|(folder, stem)| {
                    let mut path = vec!["docs".to_string()];
                    path.extend(folder.iter().cloned());
                    path.push(format!("{stem}.md"));
                    (path.join("/"), "# A page\n".to_string())
                })
                .collect();
            let roster: String = ids
                .iter()
                .map(|id| format!("- id: {}\n  name: X\n", yaml_scalar(id)))
                .collect();
            files.push(("docs/people.yaml".into(), roster));
            let toml = format!(
                "[kinds.{}]\npath = {}\n",
                toml_string(&kind),
                toml_string(&kind_folder)
            );
            let config = Config::parse(&toml).unwrap_or_default();
            let repo = Repository::from_texts(config, files);
            let urls = Urls::new(&repo);
            for doc in repo.documents.iter().filter(|d| !d.broken) {
                prop_assert_eq!(stays_inside(&urls.of(doc)), Ok(()), "{}", &doc.path);
            }
            for id in &ids {
                prop_assert_eq!(stays_inside(&urls.person(id)), Ok(()), "person {:?}", id);
            }
            for kind in repo.config.record_kinds() {
                prop_assert_eq!(stays_inside(&urls.kind_index(kind)), Ok(()), "kind {:?}", kind);
            }
        }
    }

    #[test]
    fn names_that_are_not_one_file_name_are_escaped() {
        assert_eq!(
            url_segment("0001-use postgres.md"),
            "0001-use%20postgres.md"
        );
        for name in ["..", ".", "", "a/b", "..\\..\\x", "../x", "c:x"] {
            let url = format!("people/{}", url_segment(name));
            assert_eq!(stays_inside(&url), Ok(()), "{name:?}");
        }
    }
}
