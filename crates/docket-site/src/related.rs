//! Related records: for each decision (or record of a kind of the team's own), the
//! few of the same kind whose text is most alike, computed at build time, the same
//! from build to build.
//!
//! TF-IDF with cosine similarity, in the way search engines' "more like this" does
//! it: each record is the words of its title and tags (three times) and of its body
//! (the first 64 KB); a word counts as `1 + ln(count)` times `ln(N / records with
//! it)`. Only distinctive words take part: words in a single record relate nothing,
//! words in more than [`common_limit`] records relate almost everything, and of the
//! rest each record keeps its [`TERMS_PER_RECORD`] heaviest. Scores are summed in
//! record order, ties go to the lower index, so the answer is deterministic.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

/// Each record's counted words from the last run, by path and a fingerprint of
/// its text, so that `docket serve` counts again only the records an edit changed
/// (counting every record's words is most of the work). A build has none.
#[derive(Debug, Default)]
pub struct RelatedCounts(Mutex<HashMap<String, (u64, Counted)>>);

/// A record's words, each with its weighed count, sorted by word.
type Counted = Arc<Vec<(u64, u32)>>;

/// What one record offers to the comparison.
pub(crate) struct Text<'a> {
    /// Its path (the key of [`RelatedCounts`]).
    pub path: &'a str,
    /// Records are only related to records of the same group (their kind).
    pub group: usize,
    /// Title and tags, weighed [`TITLE_WEIGHT`] times.
    pub title: &'a str,
    /// The body.
    pub body: &'a str,
}

/// How many related records each record gets at most.
pub(crate) const MAX_RELATED: usize = 5;
/// The least cosine similarity worth showing.
const MIN_SCORE: f32 = 0.12;
/// The heaviest words each record keeps.
const TERMS_PER_RECORD: usize = 40;
/// How much more a word of the title or the tags weighs than one of the body.
const TITLE_WEIGHT: u32 = 3;
/// How much of a body is read.
const BODY_BYTES: usize = 64 * 1024;

/// Words so common in English that they relate nothing.
const STOP: &[&str] = &[
    "about", "after", "all", "also", "and", "any", "are", "because", "been", "before", "being",
    "but", "can", "could", "did", "does", "for", "from", "had", "has", "have", "how", "into",
    "its", "just", "more", "most", "not", "now", "one", "only", "other", "our", "out", "over",
    "should", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these",
    "they", "this", "those", "through", "too", "use", "used", "very", "was", "were", "what",
    "when", "where", "which", "while", "who", "why", "will", "with", "would", "you", "your",
    "http", "https", "www", "com",
];

/// A record's words the comparison may use in a handbook of `n` records: the ones
/// found in more records than this are left out.
pub(crate) fn common_limit(n: usize) -> u32 {
    u32::try_from((n / 20).max(50)).unwrap_or(u32::MAX)
}

/// A word's number: FNV-1a of its lowercase characters, computed without
/// allocating (the text of every record passes through here).
fn term(word: &str) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    if word.is_ascii() {
        for b in word.bytes() {
            h ^= u64::from(b.to_ascii_lowercase());
            h = h.wrapping_mul(PRIME);
        }
        return h;
    }
    for c in word.chars().flat_map(char::to_lowercase) {
        if c.is_ascii() {
            h ^= u64::from(c as u8);
            h = h.wrapping_mul(PRIME);
        } else {
            for b in u32::from(c).to_le_bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(PRIME);
            }
        }
    }
    h
}

/// Maps keyed by word numbers, which are hashes already: the number is its own
/// hash.
type TermMap<V> = HashMap<u64, V, BuildHasherDefault<TermHasher>>;

/// The hasher of [`TermMap`]: passes a word number through.
#[derive(Default)]
struct TermHasher(u64);

impl Hasher for TermHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// The longest word of [`STOP`], in bytes.
const STOP_LONGEST: usize = 7;

/// The numbers of [`STOP`], sorted.
fn stop_terms() -> Vec<u64> {
    let mut v: Vec<u64> = STOP.iter().map(|w| term(w)).collect();
    v.sort_unstable();
    v
}

/// The distinct words of a record with their weighed counts, sorted by word hash.
fn counts(text: &Text<'_>, stop: &[u64]) -> Vec<(u64, u32)> {
    let body = &text.body[..floor_char_boundary(text.body, BODY_BYTES)];
    let mut all: Vec<(u64, u32)> = Vec::with_capacity(body.len() / 6);
    for (part, weight) in [(text.title, TITLE_WEIGHT), (body, 1)] {
        each_word(part, |word| {
            if word.len() < 3 || word.len() > 32 || word.bytes().all(|b| b.is_ascii_digit()) {
                return;
            }
            let t = term(word);
            if word.len() > STOP_LONGEST || stop.binary_search(&t).is_err() {
                all.push((t, weight));
            }
        });
    }
    // Sorted, then each word once with its weighed count (cheaper than a map).
    all.sort_unstable_by_key(|(t, _)| *t);
    let mut out: Vec<(u64, u32)> = Vec::new();
    for (t, w) in all {
        match out.last_mut() {
            Some((last, count)) if *last == t => *count += w,
            _ => out.push((t, w)),
        }
    }
    out
}

/// Calls `f` with each word of `text`: each run of letters and digits. ASCII text
/// (most of a handbook) is scanned byte by byte.
fn each_word(text: &str, mut f: impl FnMut(&str)) {
    if !text.is_ascii() {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .for_each(f);
        return;
    }
    let mut start = None;
    for (i, b) in text.bytes().enumerate() {
        if b.is_ascii_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            f(&text[s..i]);
        }
    }
    if let Some(s) = start {
        f(&text[s..]);
    }
}

/// The counted words of `texts`, those of an unchanged record (same path, same
/// fingerprint) taken from `cache`, which then holds this run's.
fn counted_with(texts: &[Text<'_>], stop: &[u64], cache: &RelatedCounts) -> Vec<Counted> {
    let before = cache
        .0
        .lock()
        .map(|mut m| std::mem::take(&mut *m))
        .unwrap_or_default();
    let now: Vec<(u64, Counted)> = texts
        .par_iter()
        .map(|t| {
            let print = fingerprint(t);
            match before.get(t.path) {
                Some((p, counted)) if *p == print => (print, Arc::clone(counted)),
                _ => (print, Arc::new(counts(t, stop))),
            }
        })
        .collect();
    if let Ok(mut m) = cache.0.lock() {
        *m = texts
            .iter()
            .zip(&now)
            .map(|(t, (p, c))| (t.path.to_string(), (*p, Arc::clone(c))))
            .collect();
    }
    now.into_iter().map(|(_, c)| c).collect()
}

/// A 64-bit fingerprint of what a record's words are counted from: FNV-style
/// mixing of eight bytes at a time (every record's text passes through here on
/// each preview render).
fn fingerprint(t: &Text<'_>) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [t.title.as_bytes(), b"\0", t.body.as_bytes()] {
        let mut chunks = part.chunks_exact(8);
        for c in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(c);
            h = (h ^ u64::from_le_bytes(word))
                .wrapping_mul(PRIME)
                .rotate_left(29);
        }
        for &b in chunks.remainder() {
            h = (h ^ u64::from(b)).wrapping_mul(PRIME);
        }
        h = (h ^ part.len() as u64).wrapping_mul(PRIME);
    }
    h
}

fn floor_char_boundary(s: &str, max: usize) -> usize {
    let mut end = max.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// For each of `texts`, the indices of its most similar records of the same
/// group, most similar first (at most [`MAX_RELATED`], each at least a little alike).
pub(crate) fn related(texts: &[Text<'_>], cache: Option<&RelatedCounts>) -> Vec<Vec<usize>> {
    let n = texts.len();
    let stop = stop_terms();
    let counted: Vec<Counted> = match cache {
        None => texts
            .par_iter()
            .map(|t| Arc::new(counts(t, &stop)))
            .collect(),
        Some(cache) => counted_with(texts, &stop, cache),
    };
    let mut df: TermMap<u32> = TermMap::default();
    for doc in &counted {
        for (t, _) in doc.iter() {
            *df.entry(*t).or_default() += 1;
        }
    }
    let limit = common_limit(n);
    let total = n as f32;
    // Each record's heaviest distinctive words, weights normalised to length 1.
    let vectors: Vec<Vec<(u64, f32)>> = counted
        .par_iter()
        .map(|doc| {
            let mut v: Vec<(u64, f32)> = doc
                .iter()
                .filter_map(|&(t, c)| {
                    let d = *df.get(&t)?;
                    (d >= 2 && d <= limit)
                        .then(|| (t, (1.0 + (c as f32).ln()) * (total / d as f32).ln()))
                })
                .collect();
            v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            v.truncate(TERMS_PER_RECORD);
            let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
            if norm > 0.0 {
                for (_, w) in &mut v {
                    *w /= norm;
                }
            }
            v
        })
        .collect();
    drop(df);
    let mut postings: TermMap<Vec<(u32, f32)>> = TermMap::default();
    for (i, v) in vectors.iter().enumerate() {
        let i = u32::try_from(i).unwrap_or(u32::MAX);
        for (t, w) in v {
            postings.entry(*t).or_default().push((i, *w));
        }
    }
    (0..n)
        .into_par_iter()
        .map_init(
            || (vec![0f32; n], Vec::new()),
            |(scores, touched), i| {
                for (t, w) in &vectors[i] {
                    for &(j, wj) in postings.get(t).map_or(&[][..], Vec::as_slice) {
                        let j = j as usize;
                        if j == i || texts[j].group != texts[i].group {
                            continue;
                        }
                        if scores[j] == 0.0 {
                            touched.push(j);
                        }
                        scores[j] += w * wj;
                    }
                }
                let mut best: Vec<(f32, usize)> = touched
                    .iter()
                    .map(|&j| (scores[j], j))
                    .filter(|(s, _)| *s >= MIN_SCORE)
                    .collect();
                for &j in touched.iter() {
                    scores[j] = 0.0;
                }
                touched.clear();
                best.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                best.truncate(MAX_RELATED);
                best.into_iter().map(|(_, j)| j).collect()
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text<'a>(title: &'a str, body: &'a str) -> Text<'a> {
        Text {
            path: title,
            group: 0,
            title,
            body,
        }
    }

    #[test]
    fn records_about_the_same_thing_are_related_and_others_are_not() {
        let texts = [
            text(
                "Retry failed webhooks",
                "Webhooks retry with exponential backoff.",
            ),
            text(
                "Use PostgreSQL",
                "We store orders in PostgreSQL; replicas in two regions.",
            ),
            text(
                "Backoff for webhook retries",
                "Exponential backoff, jitter, webhooks.",
            ),
            text("Hiring loop", "Interviews take three rounds."),
            text(
                "PostgreSQL replicas",
                "Read replicas for reporting in two regions.",
            ),
        ];
        let r = related(&texts, None);
        assert_eq!(r[0], [2]);
        assert_eq!(r[2], [0]);
        assert_eq!(r[1], [4]);
        assert!(r[3].is_empty());
        // The same input, the same answer.
        assert_eq!(related(&texts, None), r);
        // With the counts of an earlier run, the same answer, and the same again
        // after one record changed.
        let cache = RelatedCounts::default();
        assert_eq!(related(&texts, Some(&cache)), r);
        assert_eq!(related(&texts, Some(&cache)), r);
        let mut edited = texts;
        edited[3] = text(
            "Hiring loop",
            "Webhooks retry with exponential backoff and jitter.",
        );
        assert_eq!(related(&edited, Some(&cache)), related(&edited, None));
    }

    #[test]
    fn words_are_runs_of_letters_and_digits_in_ascii_or_not() {
        let mut seen = Vec::new();
        each_word("Retry, v2-api; état été.", |w| seen.push(w.to_string()));
        assert_eq!(seen, ["Retry", "v2", "api", "état", "été"]);
        let mut ascii = Vec::new();
        each_word("a-b  cd9 ", |w| ascii.push(w.to_string()));
        assert_eq!(ascii, ["a", "b", "cd9"]);
    }

    #[test]
    fn words_are_numbered_without_regard_to_case() {
        assert_eq!(term("Webhooks"), term("webhooks"));
        assert_eq!(term("ÉTÉ"), term("été"));
        assert_ne!(term("webhook"), term("webhooks"));
        assert!(STOP.iter().all(|w| w.len() <= STOP_LONGEST));
    }

    #[test]
    fn records_of_another_kind_are_never_related() {
        let mut other = text(
            "Retry failed webhooks",
            "Webhooks retry with exponential backoff.",
        );
        other.group = 1;
        let texts = [
            text(
                "Retry failed webhooks",
                "Webhooks retry with exponential backoff.",
            ),
            other,
            text(
                "Backoff for webhook retries",
                "Exponential backoff, jitter, webhooks.",
            ),
            text("Hiring loop", "Interviews take three rounds."),
            text("Office plants", "Water them weekly."),
        ];
        assert_eq!(related(&texts, None)[0], [2]);
    }
}
