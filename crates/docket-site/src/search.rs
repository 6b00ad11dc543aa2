//! The search index, shipped as a script (`search-index.js`) because Chromium blocks
//! `fetch` of local JSON from `file://` (mdBook does the same).
//!
//! Shape: `window.DOCKET_SEARCH = {"docs": [[url, title, kind, summary], …],
//! "words": {"word": [doc, …], …}}`. Each document contributes each distinct word of
//! its title, tags, owner, headings and body once, so the index grows with the
//! vocabulary and the number of documents, not with the length of the bodies.
//! Posting lists are delta-encoded (each number is the gap from the previous one).

use std::collections::BTreeMap;

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

    /// The script text.
    pub fn to_script(&self) -> String {
        let docs: Vec<[&str; 4]> = self
            .docs
            .iter()
            .map(|(a, b, c, d)| [a.as_str(), b.as_str(), c.as_str(), d.as_str()])
            .collect();
        let words: BTreeMap<&str, Vec<u32>> = self
            .words
            .iter()
            .map(|(w, list)| {
                let mut prev = 0;
                let deltas = list
                    .iter()
                    .map(|&n| {
                        let d = n - prev;
                        prev = n;
                        d
                    })
                    .collect();
                (w.as_str(), deltas)
            })
            .collect();
        let json = serde_json::json!({"docs": docs, "words": words});
        // `</script>` cannot appear: JSON strings escape `/`? They do not, so escape `<`.
        let text = json.to_string().replace('<', "\\u003c");
        format!("window.DOCKET_SEARCH={text};\n")
    }
}
