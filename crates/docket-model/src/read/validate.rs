//! The type check of every known key (SPEC §3, §4 `invalid-value`): a value of the
//! wrong type or outside its allowed set is one problem at the value, with what
//! was expected.

use std::ops::Range;

use docket_syntax::Yaml;

use crate::document::Fields;
use crate::kind::{DECISION_STATUSES, FieldSpec, FieldType};
use crate::legacy::reads_like;
use crate::problem::{ParseProblem, Problem};
use crate::time::{parse_duration, parse_hours, parse_time};
use crate::value::is_scalar;

/// Checks the type of every known key; each wrong value is one `invalid-value`.
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
        if let Some(reason) = type_error(spec.ty, &field.value) {
            let shown = shown_value(text, &field.value_range);
            // A decision status from another tool says what it reads like.
            let hint = match (spec.ty, &field.value) {
                (FieldType::OneOf(words), Yaml::Str(s)) if words == DECISION_STATUSES => {
                    reads_like(s.trim(), s)
                }
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
