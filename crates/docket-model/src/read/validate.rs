//! The type check of every known key (SPEC §3, §4 `invalid-value`): a value of the
//! wrong type or outside its allowed set is one problem at the value, with what
//! was expected. Before the type, what other tools' records and templates leave
//! (SPEC §9): an empty key is not given (no check), a template's placeholder
//! (`{proposed}`) is `template-text`, and a status in another case (`Accepted`) is
//! `status-spelling`, not a wrong value.

use std::ops::Range;

use docket_syntax::Yaml;

use crate::document::{Field, Fields};
use crate::kind::{DECISION_STATUSES, FieldSpec, FieldType, canonical_word, is_placeholder};
use crate::legacy::reads_like;
use crate::problem::{ParseProblem, Problem};
use crate::time::{parse_duration, parse_hours, parse_time};
use crate::value::is_scalar;

/// Checks the type of every known key; each wrong value is one `invalid-value`.
/// Empty keys are skipped, placeholders are `template-text` and a status in another
/// case is `status-spelling` instead.
pub(super) fn validate_fields(
    problems: &mut Vec<ParseProblem>,
    path: &str,
    text: &str,
    fields: &Fields,
    schema: &[FieldSpec],
) {
    for field in &fields.fields {
        let Some(spec) = schema.iter().find(|s| s.name == field.key) else {
            continue;
        };
        if !field.has_value() {
            continue;
        }
        let found = placeholders(text, field, spec.ty);
        if !found.is_empty() {
            for (shown, range) in found {
                let what = format!("`{}`", field.key);
                problems.push(template_text(path, range, &what, &shown, spec.ty));
            }
            continue;
        }
        if let Some(p) = status_spelling(path, field, spec.ty) {
            problems.push(p);
            continue;
        }
        if let Some(reason) = type_error(spec.ty, &field.value) {
            let shown = shown_value(text, &field.value_range);
            // A decision status from another tool says what it reads like.
            let hint = match (spec.ty, &field.value) {
                (FieldType::OneOf(words), Yaml::Str(s)) if words == DECISION_STATUSES => {
                    reads_like(s.trim(), s)
                }
                (ty, Yaml::Str(s)) => crate::suggest::value_hint(ty, s),
                _ => String::new(),
            };
            problems.push(
                ParseProblem::new(
                    Problem::InvalidValue,
                    path,
                    field.value_or_key_range(),
                    format!("`{}` {reason}{shown}", field.key),
                )
                .with_help(format!("expected {}{hint}", spec.ty.expected())),
            );
        }
    }
}

/// The `template-text` problem for a placeholder `shown` at `range` in `what` (`` `status` ``,
/// `the `Status:` line`) of type `ty`.
pub(super) fn template_text(
    path: &str,
    range: Range<usize>,
    what: &str,
    shown: &str,
    ty: FieldType,
) -> ParseProblem {
    let shown = cut(shown, 60);
    ParseProblem::new(
        Problem::TemplateText,
        path,
        range,
        format!("{what} still holds the template's placeholder `{shown}`: it was not filled in"),
    )
    .with_help(format!(
        "replace it with {}, or remove it when there is nothing to say",
        ty.expected()
    ))
}

/// `s`, cut to `max` characters with an ellipsis.
pub(super) fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max - 1).collect();
    out.push('…');
    out
}

/// The placeholders a value still holds, as written, each with its range: the
/// whole value of a single value (`status: {proposed}`); for a list, the items that
/// are placeholders (`{name}`, `a | b`), since `[a, b]` is a list.
fn placeholders(text: &str, field: &Field, ty: FieldType) -> Vec<(String, Range<usize>)> {
    let raw = text.get(field.value_range.clone()).unwrap_or("").trim();
    let list = matches!(ty, FieldType::People | FieldType::Strings | FieldType::Refs);
    let one_of = matches!(ty, FieldType::OneOf(_));
    let whole = if list {
        (raw.starts_with('{') || is_scalar(&field.value)) && is_placeholder(raw, true)
    } else {
        is_placeholder(raw.lines().next().unwrap_or(""), one_of)
    };
    if whole {
        return vec![(raw.to_string(), field.value_range.clone())];
    }
    let (true, Yaml::Seq(items)) = (list, &field.value) else {
        return Vec::new();
    };
    let mut from = field.value_range.start;
    let mut out = Vec::new();
    for item in items {
        let written = match item {
            Yaml::Str(s) if is_placeholder(s, true) => s.clone(),
            // `[{name}]`: a mapping where a name goes.
            Yaml::Map(_) => {
                let at = text
                    .get(from..field.value_range.end)
                    .and_then(|t| t.find('{'))
                    .map_or(from, |i| from + i);
                let end = text
                    .get(at..field.value_range.end)
                    .and_then(|t| t.find('}'))
                    .map_or(field.value_range.end, |i| at + i + 1);
                let written = text.get(at..end).unwrap_or("");
                if is_placeholder(written, true) {
                    out.push((written.to_string(), at..end));
                }
                from = end;
                continue;
            }
            _ => continue,
        };
        let range = docket_syntax::find_in(text, from..field.value_range.end, &written);
        from = range.end.max(from);
        out.push((written, range));
    }
    out
}

/// A status of the kind's set in another case (`Accepted`): `status-spelling`, with
/// the word docket writes.
fn status_spelling(path: &str, field: &Field, ty: FieldType) -> Option<ParseProblem> {
    let (FieldType::OneOf(words), Yaml::Str(s)) = (ty, &field.value) else {
        return None;
    };
    if field.key != "status" || words.contains(&s.as_str()) {
        return None;
    }
    let canonical = canonical_word(words, s)?;
    Some(
        ParseProblem::new(
            Problem::StatusSpelling,
            path,
            field.value_range.clone(),
            format!(
                "status `{}` is docket's `{canonical}` in another spelling",
                s.trim()
            ),
        )
        .with_help(format!(
            "write `status: {canonical}`; docket reads statuses without regard to case and writes them in lowercase"
        )),
    )
}

fn shown_value(text: &str, range: &Range<usize>) -> String {
    let v = text.get(range.clone()).unwrap_or("").trim();
    if v.is_empty() || v.contains('\n') || v.chars().count() > 40 {
        String::new()
    } else {
        format!(": `{v}`")
    }
}

/// Why `value` is not a valid `ty`, or `None` when it is.
fn type_error(ty: FieldType, value: &Yaml) -> Option<String> {
    let found = || format!("is {}", value.type_name());
    match ty {
        FieldType::Text | FieldType::Person => match value {
            Yaml::Str(s) if s.contains('\n') && ty == FieldType::Person => {
                Some("is more than one line".into())
            }
            v if is_scalar(v) => None,
            _ => Some(found()),
        },
        FieldType::Date => match value {
            Yaml::Str(s) if parse_time(s).is_some() => None,
            Yaml::Str(_) => Some("is not a date".into()),
            _ => Some(found()),
        },
        FieldType::OneOf(words) => match value {
            Yaml::Str(s) if words.contains(&s.as_str()) => None,
            Yaml::Str(_) => Some("is not a known value".into()),
            _ => Some(found()),
        },
        FieldType::People | FieldType::Strings | FieldType::Refs => match value {
            v if is_scalar(v) => None,
            Yaml::Seq(items) => items
                .iter()
                .all(is_scalar)
                .not_then("has an entry that is not a plain value"),
            _ => Some(found()),
        },
        FieldType::Ref => match value {
            Yaml::Str(s) if s.contains('/') || s.contains('\\') || s.contains("..") => {
                Some("is not a decision id".into())
            }
            Yaml::Str(_) | Yaml::Int(_) => None,
            _ => Some(found()),
        },
        FieldType::Options => match value {
            Yaml::Seq(items) => items
                .iter()
                .all(|i| is_scalar(i) || i.get("name").is_some_and(is_scalar))
                .not_then("has an option without a `name`"),
            _ => Some(found()),
        },
        FieldType::Duration => match value {
            Yaml::Str(s) if parse_duration(s).is_some() => None,
            Yaml::Int(n) if *n >= 0 => None,
            Yaml::Str(_) => Some("is not a duration".into()),
            _ => Some(found()),
        },
        FieldType::Minutes => match value {
            Yaml::Seq(items) => items
                .iter()
                .all(|i| matches!(i, Yaml::Int(n) if *n > 0))
                .not_then("has an entry that is not a whole number of minutes"),
            _ => Some(found()),
        },
        FieldType::Number => match value {
            Yaml::Int(n) if *n >= 0 => None,
            Yaml::Float(x) if *x >= 0.0 && x.is_finite() => None,
            _ => Some(found()),
        },
        FieldType::Count => match value {
            Yaml::Int(n) if *n > 0 => None,
            _ => Some(found()),
        },
        FieldType::Bool => match value {
            Yaml::Bool(_) => None,
            _ => Some(found()),
        },
        FieldType::TimeZone => match value {
            Yaml::Str(s) if jiff::tz::TimeZone::get(s).is_ok() => None,
            Yaml::Str(_) => Some("is not an IANA time zone".into()),
            _ => Some(found()),
        },
        FieldType::Hours => match value {
            Yaml::Str(s) if parse_hours(s).is_some() => None,
            _ => Some("is not a span of hours".into()),
        },
        FieldType::Any => None,
    }
}

trait NotThen {
    fn not_then(self, reason: &str) -> Option<String>;
}

impl NotThen for bool {
    fn not_then(self, reason: &str) -> Option<String> {
        (!self).then(|| reason.to_string())
    }
}
