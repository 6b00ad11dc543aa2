//! "Did you mean": the word a person most likely meant when they wrote one docket
//! does not know. Three sources, tried in order: a table of synonyms for words
//! that edit distance cannot reach (`fortnightly` means `biweekly`, `warn` means
//! `warning`); the closest allowed word by edit distance (`titel` → `title`); and,
//! for time zones, the closest name in jiff's time zone database (`Europe/Lisbn` →
//! `Europe/Lisbon`, or only the city: `Lisbon` → `Europe/Lisbon`).
//!
//! The one edit distance of docket: docket.toml's mistakes (keys, kinds,
//! severities), the help of `invalid-value` ([`value_hint`]), and docket-check's
//! rules (owners, keys, broken references and links, rule names). A rule that
//! suggests for many findings builds [`Candidates`] once and asks it for each:
//! the candidates are lowercased once and grouped by length, only those whose
//! length can be close enough are compared, and each comparison is a banded
//! edit distance that stops as soon as it cannot beat the best so far, on
//! buffers reused across the comparisons (no allocation per candidate).
//!
//! Pure: the time zone names come from the database jiff already uses to accept a
//! zone.

use crate::kind::FieldType;

/// Words that mean an allowed word but are too far from it to be a typo: (written,
/// meant). Only used when the meant word is one of the allowed words.
const SYNONYMS: &[(&str, &str)] = &[
    // Meeting cadences.
    ("fortnightly", "biweekly"),
    ("every two weeks", "biweekly"),
    ("every other week", "biweekly"),
    ("every 2 weeks", "biweekly"),
    ("every day", "daily"),
    ("every weekday", "daily"),
    ("weekdays", "daily"),
    ("every week", "weekly"),
    ("once a week", "weekly"),
    ("every month", "monthly"),
    ("once a month", "monthly"),
    // Severities in docket.toml.
    ("warn", "warning"),
    ("err", "error"),
    ("note", "info"),
    ("information", "info"),
    ("ignore", "off"),
    ("none", "off"),
    ("disabled", "off"),
    ("false", "off"),
];

/// Words longer than this (in characters, lowercased) are never compared.
const MAX_CHARS: usize = 200;
/// Words whose lengths differ by more than this are never close.
const MAX_LENGTH_DIFFERENCE: usize = 8;

/// The candidate closest to `word`, if it is close enough to be a likely typo: at
/// most one edit for short words, a third of the length for longer ones. Case is
/// ignored; ties go to the first in alphabetical order. For many words against
/// the same candidates, build [`Candidates`] once.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    Candidates::new(candidates).closest(word)
}

/// Words to suggest from, read once: each lowercased into one buffer and the
/// words sorted by their length in characters, so that a query only looks at the
/// lengths within its limit.
#[derive(Debug, Clone, Default)]
pub struct Candidates<'a> {
    /// Sorted by `len`.
    words: Vec<Candidate<'a>>,
    /// The lowercased characters of every word, one after the other.
    chars: Vec<char>,
}

#[derive(Debug, Clone, Copy)]
struct Candidate<'a> {
    word: &'a str,
    /// Where its lowercased characters start in `chars`.
    start: usize,
    /// How many lowercased characters it has.
    len: usize,
}

impl<'a> Candidates<'a> {
    /// Reads the candidates (duplicates are harmless).
    pub fn new(words: impl IntoIterator<Item = &'a str>) -> Self {
        let mut chars = Vec::new();
        let mut list = Vec::new();
        for word in words {
            let start = chars.len();
            if word.is_ascii() {
                chars.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            } else {
                // `str::to_lowercase`, not per character: a final sigma differs.
                chars.extend(word.to_lowercase().chars());
            }
            let len = chars.len() - start;
            if len > MAX_CHARS {
                chars.truncate(start);
                continue;
            }
            list.push(Candidate { word, start, len });
        }
        list.sort_by_key(|c| c.len);
        Self { words: list, chars }
    }

    /// Whether there is no candidate.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The candidate closest to `word`, as [`closest`] chooses it. A candidate
    /// equal to `word` (same case) is not a suggestion.
    pub fn closest(&self, word: &str) -> Option<&'a str> {
        let limit = (word.chars().count() / 3).max(1);
        let lower: Vec<char> = word.to_lowercase().chars().collect();
        let n = lower.len();
        if n > MAX_CHARS || self.words.is_empty() {
            return None;
        }
        // The distance is at least the difference of the lengths.
        let reach = limit.min(MAX_LENGTH_DIFFERENCE);
        let from = self.words.partition_point(|c| c.len + reach < n);
        let mut query = Query::new(&lower);
        let mut best: Option<(usize, &'a str)> = None;
        for c in &self.words[from..] {
            if c.len > n + reach {
                break;
            }
            if c.word == word {
                continue;
            }
            // Only as good as the best so far can still win (on the tie-break).
            let bound = best.map_or(limit, |(d, _)| d.min(limit));
            let Some(theirs) = self.chars.get(c.start..c.start + c.len) else {
                continue;
            };
            let Some(d) = query.distance(theirs, bound) else {
                continue;
            };
            let better = match best {
                None => true,
                Some((bd, bw)) => d < bd || (d == bd && c.word < bw),
            };
            if better {
                best = Some((d, c.word));
            }
        }
        best.map(|(_, w)| w)
    }
}

/// A lowercased word, ready to be compared with many candidates: as bit masks
/// when it is short enough to fit a machine word (almost always), else as the
/// rows of the distance table.
enum Query<'w> {
    Bits(Box<Bits>),
    Rows(Rows, &'w [char]),
}

impl<'w> Query<'w> {
    fn new(word: &'w [char]) -> Self {
        match Bits::new(word) {
            Some(bits) => Self::Bits(Box::new(bits)),
            None => Self::Rows(Rows::new(word.len()), word),
        }
    }

    /// The distance between the word and `other` if it is at most `k`.
    fn distance(&mut self, other: &[char], k: usize) -> Option<usize> {
        match self {
            Self::Bits(bits) => bits.distance(other, k),
            Self::Rows(rows, word) => rows.distance(other, word, k),
        }
    }
}

/// Hyyrö's bit-parallel optimal string alignment distance (2003, the form
/// RapidFuzz uses): one column of the table per character of the candidate, as
/// the differences between neighbouring cells packed into a `u64`, so a word of
/// up to 64 characters is compared in a few operations per character.
struct Bits {
    /// Where each ASCII character occurs in the word.
    ascii: [u64; 128],
    /// Where each other character occurs.
    other: Vec<(char, u64)>,
    len: usize,
}

impl Bits {
    fn new(word: &[char]) -> Option<Self> {
        if word.len() > 64 {
            return None;
        }
        let mut bits = Self {
            ascii: [0; 128],
            other: Vec::new(),
            len: word.len(),
        };
        for (i, &c) in word.iter().enumerate() {
            let bit = 1u64 << i;
            match bits.ascii.get_mut(c as usize) {
                Some(mask) => *mask |= bit,
                None => match bits.other.iter_mut().find(|(o, _)| *o == c) {
                    Some((_, mask)) => *mask |= bit,
                    None => bits.other.push((c, bit)),
                },
            }
        }
        Some(bits)
    }

    fn mask(&self, c: char) -> u64 {
        match self.ascii.get(c as usize) {
            Some(mask) => *mask,
            None => self
                .other
                .iter()
                .find(|(o, _)| *o == c)
                .map_or(0, |(_, mask)| *mask),
        }
    }

    fn distance(&self, other: &[char], k: usize) -> Option<usize> {
        let m = other.len();
        if self.len.abs_diff(m) > k {
            return None;
        }
        if self.len == 0 {
            return Some(m);
        }
        let last = 1u64 << (self.len - 1);
        let (mut vp, mut vn, mut d0, mut eq_before) = (!0u64, 0u64, 0u64, 0u64);
        let mut dist = self.len;
        for (j, &c) in other.iter().enumerate() {
            let eq = self.mask(c);
            let tr = ((!d0 & eq) << 1) & eq_before;
            d0 = ((eq & vp).wrapping_add(vp) ^ vp) | eq | vn | tr;
            let hp = vn | !(d0 | vp);
            let hn = d0 & vp;
            if hp & last != 0 {
                dist += 1;
            }
            if hn & last != 0 {
                dist -= 1;
            }
            let hp = (hp << 1) | 1;
            let hn = hn << 1;
            vp = hn | !(d0 | hp);
            vn = hp & d0;
            eq_before = eq;
            // Each character left can lower the last row by one at most.
            if dist > k + (m - j - 1) {
                return None;
            }
        }
        (dist <= k).then_some(dist)
    }
}

/// The three rows of the distance table a comparison needs, kept across the
/// comparisons of one query.
struct Rows {
    before: Vec<usize>,
    prev: Vec<usize>,
    cur: Vec<usize>,
}

impl Rows {
    fn new(n: usize) -> Self {
        Self {
            before: vec![0; n + 1],
            prev: vec![0; n + 1],
            cur: vec![0; n + 1],
        }
    }

    /// The Damerau-Levenshtein distance (optimal string alignment) of `a` and `b`
    /// if it is at most `k`, else `None`. Only the band of cells within `k` of the
    /// diagonal is computed, values are capped at `k + 1`, and the comparison stops
    /// once two rows in a row are past `k`. `b` has the length the rows were made
    /// for. For words longer than [`Bits`] holds.
    fn distance(&mut self, a: &[char], b: &[char], k: usize) -> Option<usize> {
        let (m, n) = (a.len(), b.len());
        if m.abs_diff(n) > k || self.cur.len() != n + 1 {
            return None;
        }
        let cap = k + 1;
        for (j, cell) in self.cur.iter_mut().enumerate() {
            *cell = j.min(cap);
        }
        let mut cur_min = 0;
        for i in 1..=m {
            std::mem::swap(&mut self.before, &mut self.prev);
            std::mem::swap(&mut self.prev, &mut self.cur);
            let prev_min = cur_min;
            let lo = i.saturating_sub(k).max(1);
            let hi = (i + k).min(n);
            let row = &mut self.cur;
            row[0] = i.min(cap);
            if lo >= 2 {
                row[lo - 1] = cap;
            }
            if hi < n {
                row[hi + 1] = cap;
            }
            cur_min = row[0];
            let ai = a[i - 1];
            for j in lo..=hi {
                let cost = usize::from(ai != b[j - 1]);
                let mut d = (self.prev[j] + 1)
                    .min(row[j - 1] + 1)
                    .min(self.prev[j - 1] + cost);
                if i > 1 && j > 1 && ai == b[j - 2] && a[i - 2] == b[j - 1] {
                    d = d.min(self.before[j - 2] + 1);
                }
                let d = d.min(cap);
                row[j] = d;
                cur_min = cur_min.min(d);
            }
            // A cell is at least the smaller of the row above and the one above
            // that plus one (a transposition): nothing later can come back to `k`.
            if cur_min > k && prev_min >= k {
                return None;
            }
        }
        let d = self.cur[n];
        (d <= k).then_some(d)
    }
}

/// The allowed word `written` most likely means: a synonym, else the closest by
/// edit distance.
pub fn closest_word(written: &str, words: &[&'static str]) -> Option<&'static str> {
    let normal = written.trim().to_lowercase().replace(['-', '_'], " ");
    SYNONYMS
        .iter()
        .find(|(synonym, meant)| *synonym == normal && words.contains(meant))
        .map(|(_, meant)| *meant)
        .or_else(|| closest(written.trim(), words.iter().copied()))
}

/// The IANA time zone `written` most likely means: the closest name, else, for a
/// name without a region, the zone whose city is closest (`Lisbon`, `New York`).
pub fn closest_time_zone(written: &str) -> Option<String> {
    let written = written.trim().replace(' ', "_");
    let names: Vec<String> = jiff::tz::db()
        .available()
        .map(|n| n.as_str().to_string())
        // A system database also holds copies under `posix/` and `right/`.
        .filter(|n| !n.starts_with("posix/") && !n.starts_with("right/"))
        .collect();
    if let Some(name) = closest(&written, names.iter().map(String::as_str)) {
        return Some(name.to_string());
    }
    if written.contains('/') {
        return None;
    }
    let cities = names
        .iter()
        .filter_map(|n| n.rsplit_once('/').map(|(_, city)| city));
    let city = match cities.clone().find(|c| c.eq_ignore_ascii_case(&written)) {
        Some(exact) => exact,
        None => closest(&written, cities)?,
    };
    names
        .iter()
        .find(|n| n.rsplit_once('/').is_some_and(|(_, c)| c == city))
        .cloned()
}

/// The end of an `invalid-value` help for a value of type `ty` written as
/// `written`: `` "; did you mean `biweekly`?" `` when docket can tell what was
/// meant, else nothing.
pub fn value_hint(ty: FieldType, written: &str) -> String {
    let meant = match ty {
        FieldType::TimeZone => closest_time_zone(written),
        FieldType::OneOf(words) => closest_word(written, words).map(str::to_string),
        _ => None,
    };
    meant
        .map(|m| format!("; did you mean `{m}`?"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kind::MEETING_CADENCES;

    #[test]
    fn typos_and_synonyms() {
        assert_eq!(closest("titel", ["title", "base_url"]), Some("title"));
        assert_eq!(closest("zzz", ["owner", "title"]), None);
        assert_eq!(closest("alcie", ["alice", "bob"]), Some("alice"));
        assert_eq!(closest("ownr", ["owner", "title"]), Some("owner"));
        assert_eq!(
            closest_word("fortnightly", MEETING_CADENCES),
            Some("biweekly")
        );
        assert_eq!(
            closest_word("Every-Two-Weeks", MEETING_CADENCES),
            Some("biweekly")
        );
        assert_eq!(closest_word("wekly", MEETING_CADENCES), Some("weekly"));
        assert_eq!(closest_word("quarterly", MEETING_CADENCES), None);
        // A synonym only stands for a word that is allowed here.
        assert_eq!(closest_word("warn", &["daily"]), None);
    }

    #[test]
    fn time_zones() {
        let z = |s: &str| closest_time_zone(s);
        assert_eq!(z("Europe/Lisbn").as_deref(), Some("Europe/Lisbon"));
        assert_eq!(z("Lisbon").as_deref(), Some("Europe/Lisbon"));
        assert_eq!(z("New York").as_deref(), Some("America/New_York"));
        assert_eq!(z("Mars/Olympus_Mons"), None);
        assert_eq!(
            value_hint(FieldType::TimeZone, "Europe/Lisbn"),
            "; did you mean `Europe/Lisbon`?"
        );
        assert_eq!(value_hint(FieldType::Text, "x"), "");
    }

    #[test]
    fn case_ties_and_the_word_itself() {
        // Case is ignored, but the word itself (same case) is never suggested.
        assert_eq!(closest("Alice", ["alice", "Alice"]), Some("alice"));
        assert_eq!(closest("alice", ["alice"]), None);
        // Ties go to the first in alphabetical order, whatever the order given.
        assert_eq!(closest("cat", ["hat", "bat"]), Some("bat"));
        assert_eq!(closest("cat", ["bat", "hat"]), Some("bat"));
        // A transposition is one edit.
        assert_eq!(
            closest("0017-use-myslq.md", ["0017-use-mysql.md"]),
            Some("0017-use-mysql.md")
        );
        // Lengths further apart than the limit are never compared.
        assert_eq!(closest("abcdef", ["abcdefghijkl"]), None);
        assert_eq!(closest("", ["a", "ab"]), Some("a"));
        let long = "a".repeat(201);
        assert_eq!(closest(&long, [long.as_str()]), None);
        let cands = Candidates::new(["ΣΑΣ", "owner"]);
        assert_eq!(cands.closest("σας"), Some("ΣΑΣ"));
        assert!(Candidates::new([]).is_empty());
    }

    /// The full table, as docket computed it before the bounded one: the reference
    /// the bounded distance is checked against.
    fn full_distance(a: &str, b: &str) -> usize {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        if a.len().abs_diff(b.len()) > 8 || a.len() > 200 || b.len() > 200 {
            return usize::MAX;
        }
        let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                d[i][j] = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
                }
            }
        }
        d[a.len()][b.len()]
    }

    fn full_closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
        let limit = (word.chars().count() / 3).max(1);
        let lower = word.to_lowercase();
        candidates
            .iter()
            .copied()
            .filter(|c| *c != word)
            .map(|c| (full_distance(&lower, &c.to_lowercase()), c))
            .filter(|(d, _)| *d <= limit)
            .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)))
            .map(|(_, c)| c)
    }

    /// A small deterministic generator (no dependency for one test).
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self, below: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((self.0 >> 33) as usize) % below
        }
        fn word(&mut self, alphabet: &[char], max: usize) -> String {
            let len = self.next(max + 1);
            (0..len)
                .map(|_| alphabet[self.next(alphabet.len())])
                .collect()
        }
        /// `base` with a few random edits.
        fn typo(&mut self, base: &str, alphabet: &[char]) -> String {
            let mut w: Vec<char> = base.chars().collect();
            for _ in 0..self.next(4) {
                let at = self.next(w.len() + 1);
                match self.next(4) {
                    0 if at < w.len() => {
                        w.remove(at);
                    }
                    1 => w.insert(at, alphabet[self.next(alphabet.len())]),
                    2 if at + 1 < w.len() => w.swap(at, at + 1),
                    _ if at < w.len() => w[at] = alphabet[self.next(alphabet.len())],
                    _ => {}
                }
            }
            w.into_iter().collect()
        }
    }

    #[test]
    fn same_choice_as_the_full_table() {
        let alphabet: Vec<char> = "abcAB-.0é".chars().collect();
        let mut rng = Lcg(14);
        let mut found = 0;
        for round in 0..160 {
            // Up to 24 characters fits the bit masks; up to 72 also tries the rows.
            let max = if round % 4 < 2 { 24 } else { 72 };
            let words: Vec<String> = (0..30).map(|_| rng.word(&alphabet, max)).collect();
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            let index = Candidates::new(refs.iter().copied());
            for _ in 0..20 {
                let base = refs[rng.next(refs.len())];
                let query = if round % 2 == 0 {
                    rng.typo(base, &alphabet)
                } else {
                    rng.word(&alphabet, max)
                };
                let expected = full_closest(&query, &refs);
                assert_eq!(index.closest(&query), expected, "{query:?} among {refs:?}");
                found += usize::from(expected.is_some());
            }
        }
        // Most typos find their word back; most random words find nothing.
        assert!((800..2_400).contains(&found), "{found} suggestions");
    }
}
