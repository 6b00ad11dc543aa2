//! Helpers shared by `docket init` and `docket new`: who the user is (git config),
//! roster ids and file-name slugs from names and titles, YAML-safe scalars, local
//! dates, and writing a file that must not exist yet.

use std::io::Write;
use std::path::Path;
use std::process::Command;

use docket_model::time::Time;

/// The current git user, as far as git (or the environment) says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct GitUser {
    /// `user.name`.
    pub name: Option<String>,
    /// `user.email`.
    pub email: Option<String>,
}

impl GitUser {
    /// A roster id for this user: the email's local part (without a `+tag`), else the
    /// name, as lowercase ASCII with hyphens.
    pub fn derived_id(&self) -> Option<String> {
        let local = self
            .email
            .as_deref()
            .and_then(|e| e.split('@').next())
            .map(|l| l.split('+').next().unwrap_or(l));
        local
            .and_then(|l| slug(l, 40))
            .or_else(|| self.name.as_deref().and_then(|n| slug(n, 40)))
    }

    /// `Name <email>` for messages.
    pub fn describe(&self) -> String {
        match (&self.name, &self.email) {
            (Some(n), Some(e)) => format!("{n} <{e}>"),
            (Some(n), None) => n.clone(),
            (None, Some(e)) => format!("<{e}>"),
            (None, None) => "(unknown)".into(),
        }
    }
}

/// Reads the git user as git would for a commit in `dir`: `GIT_AUTHOR_NAME` /
/// `GIT_AUTHOR_EMAIL`, then `git config user.name` / `user.email`, then `EMAIL`.
pub(crate) fn git_user(dir: &Path) -> GitUser {
    GitUser {
        name: env("GIT_AUTHOR_NAME").or_else(|| git_config(dir, "user.name")),
        email: env("GIT_AUTHOR_EMAIL")
            .or_else(|| git_config(dir, "user.email"))
            .or_else(|| env("EMAIL")),
    }
}

fn git_config(dir: &Path, key: &str) -> Option<String> {
    let out = Command::new("git")
        .args(["config", "--get", key])
        .current_dir(dir)
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let value = String::from_utf8(out.stdout).ok()?;
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// A non-empty environment variable. The command line is the one place that reads
/// the environment (ARCHITECTURE.md); this module is part of it.
#[allow(clippy::disallowed_methods)]
pub(crate) fn env(key: &str) -> Option<String> {
    std::env::var(key)
        .ok()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// The IANA time zone that `TZ` names (`Europe/Berlin`, `:Europe/Berlin` or a path
/// into a zoneinfo folder), else `UTC`.
pub(crate) fn timezone_from_env() -> String {
    let Some(tz) = env("TZ") else {
        return "UTC".into();
    };
    let tz = tz.trim_start_matches(':');
    let name = match tz.find("zoneinfo/") {
        Some(i) => &tz[i + "zoneinfo/".len()..],
        None => tz,
    };
    // Only real zone names: POSIX rules such as `EST5EDT,M3.2.0,M11.1.0` or `CET-1`
    // are not roster time zones.
    let iana = name.contains('/') || matches!(name, "UTC" | "Etc/UTC");
    if iana && jiff::tz::TimeZone::get(name).is_ok() {
        name.to_string()
    } else {
        "UTC".into()
    }
}

/// The calendar date of `now` in time zone `tz` (UTC when it is unknown), as
/// `2026-11-24`.
pub(crate) fn local_date(now: Time, tz: Option<&str>) -> String {
    let zone = tz
        .and_then(|t| jiff::tz::TimeZone::get(t).ok())
        .unwrap_or(jiff::tz::TimeZone::UTC);
    now.to_zoned(zone).strftime("%Y-%m-%d").to_string()
}

/// A slug of `text`: ASCII, lowercase, words joined by single hyphens, common accented
/// letters transliterated and other characters dropped, cut at a word boundary to at
/// most `max` bytes. `None` when nothing is left.
pub(crate) fn slug(text: &str, max: usize) -> Option<String> {
    let mut ascii = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            ascii.push(c.to_ascii_lowercase());
        } else if let Some(t) = transliterate(c) {
            ascii.push_str(t);
        } else {
            // Letters of other scripts and symbols are dropped, but still split words.
            ascii.push(' ');
        }
    }
    let mut out = String::new();
    for word in ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let extra = if out.is_empty() { 0 } else { 1 };
        if !out.is_empty() && out.len() + extra + word.len() > max {
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

/// The ASCII spelling of common Latin letters with diacritics (lowercase).
fn transliterate(c: char) -> Option<&'static str> {
    let lower = c.to_lowercase().next().unwrap_or(c);
    Some(match lower {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        // Typographic punctuation that separates words.
        '–' | '—' | '’' | '‘' | '“' | '”' | '…' | '·' => " ",
        _ => return None,
    })
}

/// `s` as a YAML scalar on one line: plain when that reads back as the same string,
/// else double-quoted with escapes. Line breaks become spaces.
pub(crate) fn yaml_scalar(s: &str) -> String {
    let one_line: String = s
        .split(['\n', '\r'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if plain_is_safe(&one_line) {
        return one_line;
    }
    let mut out = String::with_capacity(one_line.len() + 2);
    out.push('"');
    for c in one_line.chars() {
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

/// Writes `text` to `path` only if no file is there yet, creating its folder. Returns
/// `false` (and writes nothing) when the file exists.
pub(crate) fn write_new(path: &Path, text: &str) -> std::io::Result<bool> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(mut f) => {
            f.write_all(text.as_bytes())?;
            Ok(true)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e),
    }
}

/// `path` relative to `root`, `/`-separated, for messages.
pub(crate) fn shown(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn derived_ids() {
        let user = |n: Option<&str>, e: Option<&str>| GitUser {
            name: n.map(str::to_string),
            email: e.map(str::to_string),
        };
        assert_eq!(
            user(Some("Alice Ng"), Some("alice@example.com"))
                .derived_id()
                .as_deref(),
            Some("alice")
        );
        assert_eq!(
            user(None, Some("Jo.Smith+docs@example.com"))
                .derived_id()
                .as_deref(),
            Some("jo-smith")
        );
        assert_eq!(
            user(Some("Zoë Núñez"), None).derived_id().as_deref(),
            Some("zoe-nunez")
        );
        assert_eq!(user(None, None).derived_id(), None);
    }

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

    #[test]
    fn local_dates() {
        let now = docket_model::time::parse_time("2026-11-24T23:30:00Z").unwrap();
        assert_eq!(local_date(now, None), "2026-11-24");
        assert_eq!(local_date(now, Some("Asia/Tokyo")), "2026-11-25");
        assert_eq!(local_date(now, Some("Nowhere/Else")), "2026-11-24");
    }
}
