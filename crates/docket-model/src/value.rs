//! Typed values out of a block of front-matter [`Fields`]: a key as text, as a time,
//! as a number, as a list of strings each with its own range. The typed readers
//! (`read`), the legacy reader and `docket import` share these.

use docket_syntax::{Yaml, find_in};

use crate::document::{Fields, Spanned};
use crate::kind::is_placeholder;
use crate::time::{Time, parse_time};

/// Whether a value is a plain scalar (text or a number), not a list, a mapping, a
/// boolean or null.
pub(crate) fn is_scalar(v: &Yaml) -> bool {
    matches!(v, Yaml::Str(_) | Yaml::Int(_) | Yaml::Float(_))
}

/// A number, whole or not.
pub(crate) fn number(v: &Yaml) -> Option<f64> {
    match v {
        Yaml::Int(n) => Some(*n as f64),
        Yaml::Float(x) => Some(*x),
        _ => None,
    }
}

/// A scalar key as text, with the value's range; an empty value is not given.
pub(crate) fn text_of(fields: &Fields, key: &str) -> Option<Spanned<String>> {
    let f = fields.get(key)?;
    let s = f.value.as_scalar_string()?;
    let s = s.trim();
    (!s.is_empty()).then(|| Spanned::new(s.to_string(), f.value_range.clone()))
}

/// A date or date-time key, with the value's range.
pub(crate) fn time_of(fields: &Fields, key: &str) -> Option<Spanned<Time>> {
    let f = fields.get(key)?;
    let t = parse_time(f.value.as_str()?)?;
    Some(Spanned::new(t, f.value_range.clone()))
}

/// A list key (or a single scalar) as strings, each with its own range where found.
/// Empty items and a template's placeholders (`{name}`, `a | b`; reported by
/// `template-text`) are not given.
pub(crate) fn list_of(text: &str, fields: &Fields, key: &str) -> Vec<Spanned<String>> {
    let Some(f) = fields.get(key) else {
        return Vec::new();
    };
    let items = strings(Some(&f.value))
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty() && !is_placeholder(s, true))
        .collect::<Vec<_>>();
    // Each item is searched after the previous one, so repeated entries get their own
    // positions.
    let mut from = f.value_range.start;
    let mut out = Vec::with_capacity(items.len());
    for s in items {
        let mut range = find_in(text, from..f.value_range.end, &s);
        if range.len() == s.len() {
            from = range.end;
        } else {
            range = find_in(text, f.value_range.clone(), &s);
        }
        out.push(Spanned::new(s, range));
    }
    out
}

/// A list value (or a single scalar) as strings, without positions: the `pros` and
/// `cons` of a decision option.
pub(crate) fn strings(v: Option<&Yaml>) -> Vec<String> {
    match v {
        Some(Yaml::Seq(items)) => items.iter().filter_map(Yaml::as_scalar_string).collect(),
        Some(v) => v.as_scalar_string().into_iter().collect(),
        None => Vec::new(),
    }
}
