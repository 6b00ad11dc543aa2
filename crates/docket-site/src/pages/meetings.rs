//! The meetings page (`meetings/index.html`): the inventory with each meeting's cost,
//! the team's total, and each person's load against the focus block.

use docket_model::meeting_load::hours_per_week;
use docket_model::{Meeting, Norms};
use minijinja::{Value, context};

use crate::error::SiteError;
use crate::links::Links;
use crate::prepared::Prepared;
use crate::views::{MeetingView, round2};
use crate::writer::{Page, Writer};

/// Writes `meetings/index.html`.
pub(crate) fn write(p: &Prepared<'_>, w: &Writer<'_>) -> Result<(), SiteError> {
    let norms = p.repo.norms();
    let meetings: Vec<MeetingView> = p
        .repo
        .meetings()
        .map(|(_, m)| meeting_view(&p.links, norms, m))
        .collect();
    let total: f64 = meetings.iter().map(|m| m.hours_per_week).sum();
    w.page(
        &Page::new(
            "meetings/index.html",
            "meetings.html",
            "Meetings",
            "meetings",
        ),
        context! {
            meetings => Value::from_serialize(&meetings),
            meeting_hours => round2(total),
            load => Value::from_serialize(&p.meeting_load),
        },
    )
}

/// One meeting's row: its person-hours a week (one attendee's hours a week ×
/// attendees), whether written updates could replace it, and whether its length is
/// off the charter's list: the model's predicates, as the rules and metrics use them.
fn meeting_view(links: &Links<'_>, norms: &Norms, m: &Meeting) -> MeetingView {
    let hours = hours_per_week(m).unwrap_or(0.0) * m.attendees.len() as f64;
    MeetingView {
        name: m.name.clone().unwrap_or_default(),
        category: m.category.clone().unwrap_or_default(),
        cadence: m.cadence.clone().unwrap_or_default(),
        duration: m.duration.as_ref().map(|d| d.value),
        attendees: m
            .attendees
            .iter()
            .map(|a| links.person_ref(&a.value))
            .collect(),
        agenda: m.agenda,
        hours_per_week: round2(hours),
        replaceable: m.is_replaceable(),
        off_length: m.is_off_length(norms),
    }
}
