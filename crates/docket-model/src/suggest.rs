//! "Did you mean": the word a person most likely meant when they wrote one docket
//! does not know. Three sources, tried in order: a table of synonyms for words
//! that edit distance cannot reach (`fortnightly` means `biweekly`, `warn` means
//! `warning`); the closest allowed word by edit distance (`titel` → `title`); and,
//! for time zones, the closest name in jiff's time zone database (`Europe/Lisbn` →
//! `Europe/Lisbon`, or only the city: `Lisbon` → `Europe/Lisbon`).
//!
//! Used by docket.toml's mistakes (keys, kinds, severities) and by the help of
//! `invalid-value` ([`value_hint`]). Pure: the time zone names come from the
//! database jiff already uses to accept a zone.

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

/// The candidate closest to `word`, if it is close enough to be a likely typo: at
/// most one edit for short words, a third of the length for longer ones. Case is
/// ignored; ties go to the first in alphabetical order.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .filter(|c| *c != word)
        .map(|c| (distance(&lower, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)))
        .map(|(_, c)| c)
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

/// Damerau-Levenshtein distance (optimal string alignment), on characters.
fn distance(a: &str, b: &str) -> usize {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kind::MEETING_CADENCES;

    #[test]
    fn typos_and_synonyms() {
        assert_eq!(closest("titel", ["title", "base_url"]), Some("title"));
        assert_eq!(closest("zzz", ["owner", "title"]), None);
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
}
