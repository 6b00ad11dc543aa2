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

use rayon::prelude::*;

/// What one record offers to the comparison.
pub(crate) struct Text<'a> {
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
    let mut map: TermMap<u32> = TermMap::default();
    let body = &text.body[..floor_char_boundary(text.body, BODY_BYTES)];
    for (part, weight) in [(text.title, TITLE_WEIGHT), (body, 1)] {
        for word in part
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() >= 3 && w.len() <= 32 && !w.bytes().all(|b| b.is_ascii_digit()))
        {
            let t = term(word);
            if word.len() > STOP_LONGEST || stop.binary_search(&t).is_err() {
                *map.entry(t).or_default() += weight;
            }
        }
    }
    let mut out: Vec<(u64, u32)> = map.into_iter().collect();
    out.sort_unstable();
    out
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
pub(crate) fn related(texts: &[Text<'_>]) -> Vec<Vec<usize>> {
    let n = texts.len();
    let stop = stop_terms();
    let counted: Vec<Vec<(u64, u32)>> = texts.par_iter().map(|t| counts(t, &stop)).collect();
    let mut df: TermMap<u32> = TermMap::default();
    for doc in &counted {
        for (t, _) in doc {
            *df.entry(*t).or_default() += 1;
        }
    }
    let limit = common_limit(n);
    let total = n as f32;
    // Each record's heaviest distinctive words, weights normalised to length 1.
    let vectors: Vec<Vec<(u64, f32)>> = counted
        .into_par_iter()
        .map(|doc| {
            let mut v: Vec<(u64, f32)> = doc
                .into_iter()
                .filter_map(|(t, c)| {
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
        let r = related(&texts);
        assert_eq!(r[0], [2]);
        assert_eq!(r[2], [0]);
        assert_eq!(r[1], [4]);
        assert!(r[3].is_empty());
        // The same input, the same answer.
        assert_eq!(related(&texts), r);
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
        assert_eq!(related(&texts)[0], [2]);
    }
}
