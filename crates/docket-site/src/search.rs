//! The search index, shipped as a script (`search-index.js`) because Chromium blocks
//! `fetch` of local JSON from `file://` (mdBook does the same).
//!
//! Shape: `window.DOCKET_SEARCH = {"docs": [[url, title, kind, summary], …],
//! "words": {"word": [doc, …], …}}`. Each document contributes each distinct word of
//! its title, tags, owner, headings and body once, so the index grows with the
//! vocabulary and the number of documents, not with the length of the bodies.
//! Posting lists are delta-encoded (each number is the gap from the previous one).

use std::collections::BTreeMap;

use docket_model::{Data, Document};

use crate::prepared::Prepared;
use crate::team::update_title;

/// Collects documents and their words.
#[derive(Default)]
pub struct SearchIndex {
    docs: Vec<(String, String, String, String)>,
    words: BTreeMap<String, Vec<u32>>,
}

const MAX_WORD: usize = 32;

/// The words of `text`: lowercase runs of letters and digits, two characters or more.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2 && w.len() <= MAX_WORD)
        .map(str::to_lowercase)
}

impl SearchIndex {
    /// Adds a document; `text` is everything searchable about it.
    pub fn add(&mut self, url: &str, title: &str, kind: &str, summary: &str, text: &[&str]) {
        let n = u32::try_from(self.docs.len()).unwrap_or(u32::MAX);
        // Bounded, whatever the document says (adversarial case 0021: a 2 MB title).
        let summary: String = summary.chars().take(120).collect();
        let shown_title: String = title.chars().take(200).collect();
        self.docs
            .push((url.into(), shown_title, kind.into(), summary));
        let mut seen = std::collections::HashSet::new();
        for t in text.iter().chain(std::iter::once(&title)) {
            for w in words(t) {
                if seen.insert(w.clone()) {
                    self.words.entry(w).or_default().push(n);
                }
            }
        }
    }

    /// The script text: compact JSON written piece by piece (at 100,000 documents
    /// a `serde_json::Value` of the whole index would double the build's peak memory).
    pub fn to_script(&self) -> String {
        use std::fmt::Write;
        let mut out = String::with_capacity(64 + self.docs.len() * 160 + self.words.len() * 24);
        out.push_str("window.DOCKET_SEARCH={\"docs\":[");
        for (i, (a, b, c, d)) in self.docs.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push('[');
            for (k, field) in [a, b, c, d].into_iter().enumerate() {
                if k > 0 {
                    out.push(',');
                }
                push_json_string(&mut out, field);
            }
            out.push(']');
        }
        out.push_str("],\"words\":{");
        for (i, (word, list)) in self.words.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_json_string(&mut out, word);
            out.push_str(":[");
            let mut prev = 0;
            for (k, &n) in list.iter().enumerate() {
                if k > 0 {
                    out.push(',');
                }
                let _ = write!(out, "{}", n - prev);
                prev = n;
            }
            out.push(']');
        }
        out.push_str("}};\n");
        out
    }
}

/// `text` as a JSON string, with `<` escaped so that `</script>` cannot appear.
fn push_json_string(out: &mut String, text: &str) {
    let json = serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string());
    if json.contains('<') {
        out.push_str(&json.replace('<', "\\u003c"));
    } else {
        out.push_str(&json);
    }
}

/// The index of a site: every readable decision, brief, charter, update and free
/// page, then every roster person.
pub(crate) fn index(p: &Prepared<'_>) -> SearchIndex {
    let mut search = SearchIndex::default();
    for doc in p.repo.documents.iter().filter(|d| !d.broken) {
        add_document(&mut search, p, doc);
    }
    for person in p.repo.people() {
        if let Some(id) = &person.id {
            let name = person.name.clone().unwrap_or_else(|| id.value.clone());
            search.add(
                &p.links.urls.person(&id.value),
                &name,
                "person",
                person.role.as_deref().unwrap_or(""),
                &[&id.value, person.team.as_deref().unwrap_or("")],
            );
        }
    }
    search
}

/// Adds `doc` with its kind, summary (a decision's status), tags, owner, headings
/// and the start of its body; other kinds are not searched.
fn add_document(search: &mut SearchIndex, p: &Prepared<'_>, doc: &Document) {
    let (kind, summary) = match &doc.data {
        // A record of the team's own kind says its kind (`proposal`).
        Data::Decision(d) => (
            d.kind.name(),
            d.status.as_ref().map_or(String::new(), |s| s.value.clone()),
        ),
        Data::Brief(_) => ("brief", String::new()),
        Data::Charter(_) => ("charter", String::new()),
        Data::Update(_) => ("update", String::new()),
        Data::Page(page) if page.index_of.is_none() => ("page", String::new()),
        _ => return,
    };
    let body = doc.text.get(doc.body.clone()).unwrap_or("");
    let tags = match &doc.data {
        Data::Decision(d) => d.tags.join(" "),
        _ => String::new(),
    };
    let owner = match &doc.data {
        Data::Decision(d) => d.owner.as_ref().map(|o| o.value.clone()),
        _ => doc
            .front
            .as_ref()
            .and_then(|f| f.get("owner"))
            .and_then(|f| f.value.as_scalar_string()),
    }
    .unwrap_or_default();
    let headings: String = doc
        .outline
        .headings
        .iter()
        .map(|h| h.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    // Body words once per document, whatever the body's length (a 40 MB page must
    // not make a 40 MB index).
    let body = body
        .get(..body.len().min(BODY_BYTES))
        .map_or_else(|| truncate_at_char(body, BODY_BYTES), str::to_string);
    let title = update_title(&p.links, doc).unwrap_or_else(|| doc.title());
    search.add(
        &p.links.urls.of(doc),
        &title,
        kind,
        &summary,
        &[&tags, &owner, &headings, &body],
    );
}

/// How much of a body is searched.
const BODY_BYTES: usize = 64 * 1024;

fn truncate_at_char(s: &str, max: usize) -> String {
    let mut end = max.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_string()
}
