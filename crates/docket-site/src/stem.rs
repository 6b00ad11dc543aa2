//! A small English suffix stripper for search (Porter-lite): `decide`, `decided`,
//! `decides`, `deciding`, `decision` and `decisions` all become `decid`. The search
//! index groups the words that share a stem; the browser strips a query word the
//! same way (`stem` in `templates/assets/docket.js`, which must stay the same
//! function: the browser test searches "decided" and must find a page that only
//! says "decision").
//!
//! Only words of ASCII letters, four or more, are stemmed, and what is left before a
//! suffix is at least three letters, so a stem starts with the same letters as its
//! words (the search shards, keyed by a word's first two characters, hold a stem
//! with its words).

/// What is kept before a suffix, at least.
const MIN_BASE: usize = 3;

/// Suffixes of the second step, tried in order; the first that leaves [`MIN_BASE`]
/// letters is replaced, and only one.
const STEP2: &[(&str, &str)] = &[
    ("ssion", "ss"),
    ("sion", "d"),
    ("tion", "t"),
    ("ment", ""),
    ("ing", ""),
    ("ied", "y"),
    ("ed", ""),
];

/// The stem of `word` (lowercase).
pub fn stem(word: &str) -> String {
    if word.len() < 4 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_string();
    }
    let mut w = word.to_string();
    // Step 1: plurals and the third person.
    if let Some(base) = w.strip_suffix("sses") {
        w = format!("{base}ss");
    } else if let Some(base) = w.strip_suffix("ies").filter(|b| b.len() >= MIN_BASE) {
        w = format!("{base}y");
    } else if w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && w.len() > MIN_BASE + 1
    {
        w.pop();
    }
    // Step 2: one derivational or inflectional suffix.
    for (suffix, replacement) in STEP2 {
        if let Some(base) = w.strip_suffix(suffix).filter(|b| b.len() >= MIN_BASE) {
            let mut next = format!("{base}{replacement}");
            if (*suffix == "ing" || *suffix == "ed") && doubled(&next) {
                next.pop();
            }
            w = next;
            break;
        }
    }
    // Step 3: a final silent e.
    if w.len() > MIN_BASE && w.ends_with('e') {
        w.pop();
    }
    w
}

/// Whether `w` ends in a doubled consonant other than l, s or z (`stopp`).
fn doubled(w: &str) -> bool {
    let b = w.as_bytes();
    match b {
        [.., x, y] if x == y => !matches!(x, b'a' | b'e' | b'i' | b'o' | b'u' | b'l' | b's' | b'z'),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn the_forms_of_a_word_meet() {
        for group in [
            &[
                "decide",
                "decided",
                "decides",
                "deciding",
                "decision",
                "decisions",
            ][..],
            &["queue", "queues", "queued"],
            &[
                "migrate",
                "migrated",
                "migrates",
                "migrating",
                "migration",
                "migrations",
            ],
            &[
                "deploy",
                "deploys",
                "deployed",
                "deploying",
                "deployment",
                "deployments",
            ],
            &["stop", "stops", "stopped", "stopping"],
            &["policy", "policies"],
            &["discuss", "discussed", "discussion", "discusses"],
            &["extend", "extension", "extended"],
        ] {
            let stems: Vec<String> = group.iter().map(|w| stem(w)).collect();
            assert!(
                stems.iter().all(|s| s == &stems[0]),
                "{group:?} give {stems:?}"
            );
        }
        assert_eq!(stem("decision"), "decid");
    }

    #[test]
    fn short_words_other_scripts_and_kept_endings_stay() {
        for w in [
            "bus",
            "focus",
            "process",
            "analysis",
            "this",
            "42",
            "über",
            "日本語",
            "as",
            "ties",
        ] {
            assert_eq!(stem(w), w, "{w}");
        }
        assert_eq!(stem("processes"), "process");
    }

    #[test]
    fn a_stem_keeps_the_first_three_letters() {
        for w in [
            "sing", "bed", "ring", "used", "nation", "ionised", "session", "vision",
        ] {
            let s = stem(w);
            assert!(
                s.len() >= 3.min(w.len()) && s[..2.min(s.len())] == w[..2.min(s.len())],
                "{w} → {s}"
            );
        }
    }
}
