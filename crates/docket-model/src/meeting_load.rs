//! What the meeting inventory costs each person (SPEC §10): occurrences a week per
//! cadence, one attendee's hours a week in a meeting ([`hours_per_week`]), and per
//! roster person the meetings and meeting hours of a week. The one computation
//! behind `docket metrics` (`meetings.per_person_per_week`, …) and the site's
//! meetings page.
//!
//! The meetings page also compares each person's day with the charter's
//! `focus_block`, assuming a working day of [`WORKDAY_HOURS`] over
//! [`WORKDAYS_PER_WEEK`] days.

use std::collections::{BTreeMap, BTreeSet};

use crate::document::Meeting;
use crate::repo::Repository;

/// The working day the focus block is measured against, hours.
pub const WORKDAY_HOURS: f64 = 8.0;

/// Working days a week: a week's meeting hours ÷ this = meeting hours a day.
pub const WORKDAYS_PER_WEEK: f64 = 5.0;

/// Occurrences a week of a cadence (SPEC §10): daily 5, weekly 1, biweekly 0.5,
/// monthly 12/52. `None` for a cadence docket does not know.
pub fn occurrences_per_week(cadence: &str) -> Option<f64> {
    match cadence {
        "daily" => Some(5.0),
        "weekly" => Some(1.0),
        "biweekly" => Some(0.5),
        "monthly" => Some(12.0 / 52.0),
        _ => None,
    }
}

/// Occurrences a week of a meeting, by its cadence; `None` for a cadence docket does
/// not know.
pub fn per_week(m: &Meeting) -> Option<f64> {
    m.cadence.as_deref().and_then(occurrences_per_week)
}

/// One attendee's hours a week in a meeting: its length times its occurrences a
/// week. `None` for a cadence docket does not know; a meeting without a duration
/// counts no hours.
pub fn hours_per_week(m: &Meeting) -> Option<f64> {
    let minutes = m.duration.as_ref().map_or(0, |d| d.value) as f64;
    Some(per_week(m)? * minutes / 60.0)
}

/// One person's meetings in a week.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PersonLoad {
    /// Meetings a week.
    pub meetings_per_week: f64,
    /// Meeting hours a week.
    pub hours_per_week: f64,
}

impl PersonLoad {
    /// Meeting hours on an average working day.
    pub fn hours_per_day(&self) -> f64 {
        self.hours_per_week / WORKDAYS_PER_WEEK
    }
}

/// Per roster person who attends any meeting of a known cadence, their load, by id.
/// Attendees not in the roster do not count (they are an `unknown-owner` finding),
/// and a person listed twice in one meeting counts once. Unrounded.
pub fn load_per_person(repo: &Repository, meetings: &[Meeting]) -> BTreeMap<String, PersonLoad> {
    let mut per_person: BTreeMap<String, PersonLoad> = BTreeMap::new();
    for m in meetings {
        let (Some(count), Some(hours)) = (per_week(m), hours_per_week(m)) else {
            continue;
        };
        let attendees: BTreeSet<&str> = m.attendees.iter().map(|a| a.value.as_str()).collect();
        for a in attendees {
            if repo.is_person(a) {
                let slot = per_person.entry(a.to_string()).or_default();
                slot.meetings_per_week += count;
                slot.hours_per_week += hours;
            }
        }
    }
    per_person
}

/// Every meeting of the repository's inventory (all `meetings.yaml` documents).
pub fn inventory(repo: &Repository) -> Vec<Meeting> {
    repo.meetings().map(|(_, m)| m.clone()).collect()
}

/// Whether the repository has a meeting inventory at all.
pub fn has_inventory(repo: &Repository) -> bool {
    repo.of_kind(crate::Kind::Meetings).next().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Config;

    #[test]
    fn per_person_counts_roster_people_once_per_meeting() {
        let r = Repository::from_texts(
            Config::default(),
            vec![
                (
                    "docs/people.yaml".into(),
                    "- id: alice\n  name: A\n- id: bob\n  name: B\n".into(),
                ),
                (
                    "docs/meetings.yaml".into(),
                    "- name: Standup\n  category: update\n  cadence: daily\n  duration: 15\n  attendees: [alice, bob, alice, ghost]\n- name: Review\n  category: decision\n  cadence: weekly\n  duration: 60\n  attendees: [alice]\n- name: Odd\n  category: work\n  cadence: hourly\n  duration: 60\n  attendees: [bob]\n".into(),
                ),
            ],
        );
        let load = load_per_person(&r, &inventory(&r));
        let got: Vec<_> = load
            .iter()
            .map(|(id, l)| (id.as_str(), l.meetings_per_week, l.hours_per_week))
            .collect();
        assert_eq!(got, [("alice", 6.0, 2.25), ("bob", 5.0, 1.25)]);
        assert_eq!(load.get("bob").map(PersonLoad::hours_per_day), Some(0.25));
        assert!(has_inventory(&r));
        let meetings = inventory(&r);
        let hours: Vec<_> = meetings.iter().map(hours_per_week).collect();
        assert_eq!(hours, [Some(1.25), Some(1.0), None]);
    }

    #[test]
    fn replaceable_and_off_length_meetings() {
        let r = Repository::from_texts(
            Config::default(),
            vec![(
                "docs/meetings.yaml".into(),
                "- name: Standup\n  category: update\n  duration: 25\n- name: Review\n  category: decision\n  duration: 60\n- name: Broken\n  category: work\n  duration: 0\n- name: Unsized\n  category: work\n".into(),
            )],
        );
        let norms = r.norms();
        let got: Vec<_> = inventory(&r)
            .iter()
            .map(|m| (m.is_replaceable(), m.is_off_length(norms)))
            .collect();
        // A duration of zero is no length (an `invalid-value` finding), not off length.
        assert_eq!(
            got,
            [(true, false), (false, true), (false, false), (false, false)]
        );
        assert!(norms.allows_meeting_length(50));
        assert!(!norms.allows_meeting_length(45));
    }
}
