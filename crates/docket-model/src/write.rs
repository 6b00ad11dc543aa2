//! Text docket writes into a handbook: slugs (file names of `docket new`, roster ids
//! of `docket init` and `docket import`) and YAML scalars for front matter and the
//! roster. One transliteration and one quoting rule, so a name becomes the same slug
//! and a value the same YAML wherever docket writes it.

/// A slug of `text`: ASCII, lowercase, words joined by single hyphens, cut at a word
/// boundary to at most `max` bytes (a first word longer than that is cut). Latin
/// letters with diacritics lose them (`José Müller` → `jose-muller`, `Straße` →
/// `strasse`, `Łódź` → `lodz`, with the `deunicode` crate's table); letters of other
/// scripts, symbols and punctuation are dropped but still split words. `None` when
/// nothing is left.
pub fn slug(text: &str, max: usize) -> Option<String> {
    let mut ascii = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            ascii.push(c.to_ascii_lowercase());
        } else if is_combining_mark(c) {
            // A decomposed accent (`e` + U+0301) belongs to its letter.
        } else if let Some(t) = latin(c) {
            ascii.extend(t.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            ascii.push(' ');
        }
    }
    let mut out = String::new();
    for word in ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let extra = usize::from(!out.is_empty());
        if !out.is_empty() && out.len().saturating_add(extra + word.len()) > max {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
        if out.len() >= max {
            out.truncate(max);
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    (!out.is_empty()).then_some(out)
}

/// The ASCII spelling of a Latin letter outside ASCII (`é` → `e`, `ß` → `ss`, `Æ` →
/// `AE`), or `None` for anything else.
fn latin(c: char) -> Option<&'static str> {
    let latin = matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}');
    if !(latin && c.is_alphabetic()) {
        return None;
    }
    deunicode::deunicode_char(c).filter(|t| t.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Combining diacritical marks (U+0300–U+036F).
fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

/// `s` as a YAML scalar for text, on one line (line breaks become spaces): plain when
/// every YAML reader (1.1 and 1.2) reads it back as the same string, otherwise
/// double-quoted with escapes. Words YAML reads as booleans or null, numbers, dates
/// and times, and text starting with an indicator are quoted.
pub fn yaml_scalar(s: &str) -> String {
    let one_line = one_line(s);
    if plain_is_safe(&one_line) {
        one_line
    } else {
        quoted(&one_line)
    }
}

/// A date or date-time for a date key (`date`, `deadline`, `decided`), as written:
/// plain when docket reads it as a date (so that YAML readers that type dates, such
/// as Jekyll's, read a date too and a date-time keeps its offset), otherwise as text
/// ([`yaml_scalar`]; `invalid-value` then reports it).
pub fn yaml_date(s: &str) -> String {
    let t = s.trim();
    if crate::time::parse_time(t).is_some() {
        t.to_string()
    } else {
        yaml_scalar(s)
    }
}

/// A flow sequence `[a, b]` of text scalars (an item with `,`, `[`, `]`, `{` or `}`
/// is quoted).
pub fn yaml_flow<I, S>(items: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let items: Vec<String> = items
        .into_iter()
        .map(|s| {
            let s = one_line(s.as_ref());
            if plain_is_safe(&s) && !s.contains([',', '[', ']', '{', '}']) {
                s
            } else {
                quoted(&s)
            }
        })
        .collect();
    format!("[{}]", items.join(", "))
}

/// What docket fills in a key of a new record (`docket new` of a kind without a
/// template).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    /// The kind's id key (`id = "eip"`): the next free id.
    Id,
    /// A role's key: the title, today, the owner, the first open status, the
    /// deadline.
    Role(crate::config::Role),
}

/// One key of a new record's front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewKey {
    /// The key.
    pub key: &'static str,
    /// What docket writes there; `None`: nothing, to fill in.
    pub fill: Option<Fill>,
    /// Whether the kind requires it: a required key without a value is written
    /// empty (`type:`) for the author to fill in, and `docket check` reports it
    /// until then; another is left out.
    pub required: bool,
}

/// The front-matter keys of a new record of `kind` written without a template,
/// in order: the id key (`id = "eip"`), every key the kind always requires (in
/// the order of `required` in docket.toml, then the schema's), the keys of the
/// title, status, owner and date roles, and the deadline role's key when the kind
/// declares one (`deadline = "last-call-deadline"`).
pub fn new_record_keys(kind: crate::kind::Kind, config: &crate::config::Config) -> Vec<NewKey> {
    use crate::config::{IdScheme, Role};
    use crate::kind::Required;
    let schema = config.schema(kind);
    let kc = config.kind_config(kind);
    let id_key = match config.id_scheme_of(kind) {
        IdScheme::Key(key) => Some(key),
        _ => None,
    };
    let always = |key: &str| {
        schema
            .iter()
            .find(|s| s.name == key && s.required == Required::Always)
            .map(|s| s.name)
    };
    let mut keys: Vec<&'static str> = id_key.into_iter().collect();
    keys.extend(kc.required.iter().filter_map(|k| always(k)));
    keys.extend(
        schema
            .iter()
            .filter(|s| s.required == Required::Always)
            .map(|s| s.name),
    );
    keys.extend(
        [Role::Title, Role::Status, Role::Owner, Role::Date]
            .into_iter()
            .map(|r| config.role_key(kind, r)),
    );
    if let Some(&deadline) = kc.fields.get(&Role::Deadline) {
        keys.push(deadline);
    }
    let mut out: Vec<NewKey> = Vec::new();
    for key in keys {
        if out.iter().any(|k| k.key == key) {
            continue;
        }
        let fill = if Some(key) == id_key {
            Some(Fill::Id)
        } else {
            Role::ALL
                .into_iter()
                .find(|&r| config.role_key(kind, r) == key)
                .map(Fill::Role)
        };
        let required = always(key).is_some();
        out.push(NewKey {
            key,
            fill,
            required,
        });
    }
    out
}

/// The front matter of a new record (between `---` lines): each key with the
/// YAML `value` gives for what docket fills; a required key without one empty
/// (`type:`), to fill in; another key without one left out.
pub fn new_front_matter(keys: &[NewKey], value: impl Fn(Fill) -> Option<String>) -> String {
    let mut out = String::from("---\n");
    for k in keys {
        match k.fill.and_then(&value).filter(|v| !v.is_empty()) {
            Some(v) => out.push_str(&format!("{}: {v}\n", k.key)),
            None if k.required => out.push_str(&format!("{}:\n", k.key)),
            None => {}
        }
    }
    out.push_str("---\n");
    out
}

/// The lines of `s`, trimmed and joined by single spaces.
fn one_line(s: &str) -> String {
    s.split(['\n', '\r'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A double-quoted scalar: `"` and `\` escaped, tabs as `\t`, other control
/// characters as `\uXXXX`.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether `s` written plain reads back as the same string.
fn plain_is_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if s != s.trim() || "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    if s.contains(": ") || s.contains(" #") || s.ends_with(':') {
        return false;
    }
    if s.chars().any(|c| c.is_control() || c == '\u{feff}') {
        return false;
    }
    // Words YAML reads as something other than a string.
    let lower = s.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n" | "null" | "~"
    ) {
        return false;
    }
    // Numbers, dates and times.
    let numeric = s
        .chars()
        .all(|c| c.is_ascii_digit() || "+-.:_eE xXoObB".contains(c) || c.is_ascii_hexdigit());
    let leading = first.is_ascii_digit() || matches!(first, '+' | '.');
    !(numeric && leading || lower.starts_with(".inf") || lower.starts_with(".nan"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The slugs `docket new` pins (formerly `src/authoring.rs`).
    #[test]
    fn slugs() {
        assert_eq!(
            slug("Use PostgreSQL", 60).as_deref(),
            Some("use-postgresql")
        );
        assert_eq!(
            slug("  Café au lait: déjà vu — naïve façade!  ", 60).as_deref(),
            Some("cafe-au-lait-deja-vu-naive-facade")
        );
        assert_eq!(
            slug("Straße über Øresund", 60).as_deref(),
            Some("strasse-uber-oresund")
        );
        assert_eq!(
            slug("C++ / Rust (2026)", 60).as_deref(),
            Some("c-rust-2026")
        );
        assert_eq!(slug("数据库 choice", 60).as_deref(), Some("choice"));
        assert_eq!(slug("数据库", 60), None);
        assert_eq!(slug("!!!", 60), None);
        assert_eq!(
            slug("one two three four", 13).as_deref(),
            Some("one-two-three")
        );
        assert_eq!(slug("abcdefghijkl", 5).as_deref(), Some("abcde"));
    }

    /// The slugs `docket import` pins for roster ids (formerly `import.rs`).
    #[test]
    fn roster_id_slugs() {
        let id = |s: &str| slug(s, usize::MAX).unwrap_or_default();
        assert_eq!(id("José Müller-Łukasz"), "jose-muller-lukasz");
        assert_eq!(id("  Ana  "), "ana");
        assert_eq!(id("Zoë Núñez"), "zoe-nunez");
        // A decomposed accent stays with its letter; other scripts are dropped.
        assert_eq!(id("Jose\u{301}phine Ǆ Дмитрий"), "josephine-dz");
    }

    /// The quoting `docket new` and `docket init` pin (formerly `src/authoring.rs`).
    #[test]
    fn yaml_scalars() {
        assert_eq!(yaml_scalar("Use PostgreSQL"), "Use PostgreSQL");
        assert_eq!(yaml_scalar("Café au lait"), "Café au lait");
        assert_eq!(yaml_scalar("Why: because"), "\"Why: because\"");
        assert_eq!(yaml_scalar("#1 priority"), "\"#1 priority\"");
        assert_eq!(yaml_scalar("- a list?"), "\"- a list?\"");
        assert_eq!(yaml_scalar("yes"), "\"yes\"");
        assert_eq!(yaml_scalar("2026"), "\"2026\"");
        assert_eq!(yaml_scalar("2026-11-24"), "\"2026-11-24\"");
        assert_eq!(yaml_scalar("1.5"), "\"1.5\"");
        assert_eq!(yaml_scalar("Say \"hi\" #now"), "\"Say \\\"hi\\\" #now\"");
        assert_eq!(yaml_scalar("a\nb"), "a b");
        assert_eq!(yaml_scalar(""), "\"\"");
        assert_eq!(yaml_scalar("[draft] x"), "\"[draft] x\"");
        assert_eq!(yaml_scalar("10x faster builds"), "10x faster builds");
    }

    /// The quoting `docket import` pins (formerly `import.rs`): text as above, and a
    /// date for a date key written as it was.
    #[test]
    fn import_scalars() {
        assert_eq!(yaml_scalar("Use PostgreSQL"), "Use PostgreSQL");
        assert_eq!(yaml_scalar("0003"), "\"0003\"");
        assert_eq!(
            yaml_scalar("Allow \"neutral\": arguments"),
            "\"Allow \\\"neutral\\\": arguments\""
        );
        assert_eq!(yaml_scalar("yes"), "\"yes\"");
        assert_eq!(yaml_date("2016-02-12"), "2016-02-12");
        assert_eq!(
            yaml_date("2016-02-12T10:00:00+01:00"),
            "2016-02-12T10:00:00+01:00"
        );
        assert_eq!(yaml_date("12/02/2016"), "12/02/2016");
        assert_eq!(yaml_date("yes"), "\"yes\"");
        assert_eq!(
            yaml_flow(["0001-record.md", "0004", "a, b", "x"]),
            "[0001-record.md, \"0004\", \"a, b\", x]"
        );
    }

    #[test]
    fn the_keys_of_a_new_record_of_ones_own() {
        use crate::config::{Config, Role};
        use crate::kind::Kind;
        let config = Config::parse(
            "[kinds.proposal]\npath = \"EIPS\"\nid = \"eip\"\nfields.owner = \"author\"\nfields.date = \"created\"\nrequired = [\"title\", \"author\", \"type\", \"created\"]\noptional = [\"category\"]\ndeadline = \"last-call-deadline\"\n[kinds.rfc]\npath = \"rfcs\"\n",
        )
        .unwrap_or_default();
        let keys = new_record_keys(Kind::named("proposal"), &config);
        let shown: Vec<(&str, Option<Fill>, bool)> =
            keys.iter().map(|k| (k.key, k.fill, k.required)).collect();
        assert_eq!(
            shown,
            [
                ("eip", Some(Fill::Id), true),
                ("title", Some(Fill::Role(Role::Title)), true),
                ("author", Some(Fill::Role(Role::Owner)), true),
                ("type", None, true),
                ("created", Some(Fill::Role(Role::Date)), true),
                ("status", Some(Fill::Role(Role::Status)), false),
                (
                    "last-call-deadline",
                    Some(Fill::Role(Role::Deadline)),
                    false
                ),
            ]
        );
        let text = new_front_matter(&keys, |f| match f {
            Fill::Id => Some("8".into()),
            Fill::Role(Role::Title) => Some("Fee market".into()),
            Fill::Role(Role::Status) => Some("Draft".into()),
            _ => None,
        });
        assert_eq!(
            text,
            "---\neip: 8\ntitle: Fee market\nauthor:\ntype:\ncreated:\nstatus: Draft\n---\n"
        );
        // A kind that requires nothing still gets the roles docket knows.
        let keys = new_record_keys(Kind::named("rfc"), &config);
        let names: Vec<&str> = keys.iter().map(|k| k.key).collect();
        assert_eq!(names, ["title", "status", "owner", "date"]);
        assert!(keys.iter().all(|k| !k.required));
    }
}
