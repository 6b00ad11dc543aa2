//! The typed data of the small kinds: a brief, the charter and its norms, one person
//! of the roster, one meeting of the inventory.

use docket_syntax::Yaml;

use crate::document::{Brief, Charter, Fields, Meeting, Norms, Person, Spanned};
use crate::kind::{BRIEF_STATUSES, canonical_word};
use crate::time::parse_duration;
use crate::value::{list_of, number, strings, text_of, time_of};

/// A brief.
pub(super) fn brief(fields: &Fields) -> Brief {
    Brief {
        title: text_of(fields, "title"),
        owner: text_of(fields, "owner"),
        deadline: time_of(fields, "deadline"),
        // A status in another case (`Active`) is the status (`status-spelling`).
        status: text_of(fields, "status").map(|s| match canonical_word(BRIEF_STATUSES, &s.value) {
            Some(c) => Spanned::new(c.to_string(), s.range),
            None => s,
        }),
        estimate: fields.get("estimate").and_then(|f| number(&f.value)),
        template_text: Vec::new(),
    }
}

/// The charter, with the norms it writes and the defaults of the others.
pub(super) fn charter(fields: &Fields) -> Charter {
    let mut norms = Norms::default();
    let duration = |key: &str, slot: &mut i64| {
        if let Some(f) = fields.get(key) {
            let v = match &f.value {
                Yaml::Str(s) => parse_duration(s),
                Yaml::Int(n) if *n >= 0 => Some(n * 3600),
                _ => None,
            };
            if let Some(v) = v {
                *slot = v;
            }
        }
    };
    duration("response_time", &mut norms.response_time);
    duration("decision_deadline", &mut norms.decision_deadline);
    duration("blocker_resolution", &mut norms.blocker_resolution);
    duration("brief_threshold", &mut norms.brief_threshold);
    duration("agenda_lead_time", &mut norms.agenda_lead_time);
    duration("focus_block", &mut norms.focus_block);
    if let Some(Yaml::Seq(items)) = fields.get("meeting_lengths").map(|f| &f.value) {
        let lengths: Vec<i64> = items
            .iter()
            .filter_map(|i| if let Yaml::Int(n) = i { Some(*n) } else { None })
            .collect();
        if !lengths.is_empty() {
            norms.meeting_lengths = lengths;
        }
    }
    Charter {
        title: text_of(fields, "title"),
        owner: text_of(fields, "owner"),
        reviewed: time_of(fields, "reviewed"),
        norms,
    }
}

/// One person of the roster.
pub(super) fn person(fields: Fields) -> Person {
    Person {
        id: text_of(&fields, "id"),
        name: text_of(&fields, "name").map(|s| s.value),
        role: text_of(&fields, "role").map(|s| s.value),
        timezone: text_of(&fields, "timezone").map(|s| s.value),
        team: text_of(&fields, "team").map(|s| s.value),
        email: text_of(&fields, "email").map(|s| s.value),
        handle: text_of(&fields, "handle").map(|s| s.value),
        github: text_of(&fields, "github").map(|s| s.value),
        handles: strings(fields.get("handles").map(|f| &f.value))
            .into_iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        fields,
    }
}

/// One meeting of the inventory (`text` is the file's text, for the attendees'
/// positions).
pub(super) fn meeting(text: &str, fields: Fields) -> Meeting {
    Meeting {
        name: text_of(&fields, "name").map(|s| s.value),
        category: text_of(&fields, "category").map(|s| s.value),
        cadence: text_of(&fields, "cadence").map(|s| s.value),
        duration: fields.get("duration").and_then(|f| match f.value {
            Yaml::Int(n) => Some(Spanned::new(n, f.value_range.clone())),
            _ => None,
        }),
        attendees: list_of(text, &fields, "attendees"),
        agenda: fields.get("agenda").and_then(|f| match f.value {
            Yaml::Bool(b) => Some(b),
            _ => None,
        }),
        fields,
    }
}
