//! Working hours across time zones, for the people pages' shared-availability strip:
//! each person's `hours` (local, `09:00-17:00` by default) on a reference date,
//! converted to UTC with their IANA `timezone` (DST-correct for that date, from the
//! time-zone database bundled with jiff, so every machine gives the same answer), and
//! the minutes of the UTC day where everyone, or most people, work at once.
//!
//! Minutes are minutes of the reference date's UTC day, `0..1440`; a working day that
//! crosses UTC midnight is split in two spans (as a world-clock planner draws it).
//! Pure: the reference date comes from the caller ([`reference_date`] is the newest
//! date in the handbook), never from the clock.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use crate::document::{Data, Person};
use crate::repo::Repository;
use crate::time::parse_hours;

/// Minutes in a day.
pub const DAY: u32 = 1440;

/// Working hours when a person's `hours` key is missing or unreadable: 09:00–17:00.
pub const DEFAULT_HOURS: (u32, u32) = (9 * 60, 17 * 60);

/// A span of minutes of the UTC day, `start..end`.
pub type Span = (u32, u32);

/// One person's working day on the reference date.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkingHours {
    /// Roster id.
    pub id: String,
    /// The IANA time zone, when it names one.
    pub timezone: Option<String>,
    /// Local start and end as written, minutes after local midnight (the end may be
    /// 1440, or before the start for an overnight shift).
    pub local: (u32, u32),
    /// Whether `hours` was written (else [`DEFAULT_HOURS`]).
    pub written: bool,
    /// The offset from UTC at the start of the working day, seconds.
    pub offset: Option<i32>,
    /// The working day in UTC minutes of the reference date, one or two spans;
    /// empty when the time zone is unknown.
    pub utc: Vec<Span>,
}

/// The whole team's working hours on one date.
#[derive(Debug, Clone, PartialEq)]
pub struct Availability {
    /// The reference date.
    pub date: Date,
    /// One entry per roster person with an id, in roster order (the first entry of a
    /// duplicated id).
    pub people: Vec<WorkingHours>,
    /// Spans where every person with a known time zone works (at least two people).
    pub everyone: Vec<Span>,
    /// When there is no such span: the most people working at once, and where.
    pub most: Option<(usize, Vec<Span>)>,
}

/// The newest date in the handbook: of an update, a decision's `date` or `decided`,
/// or the charter's `reviewed`. Deadlines, which lie ahead, do not count.
pub fn reference_date(repo: &Repository) -> Option<Date> {
    repo.readable()
        .flat_map(|d| match &d.data {
            Data::Update(u) => vec![u.date],
            Data::Decision(x) => vec![
                x.date.as_ref().map(|t| t.value),
                x.decided.as_ref().map(|t| t.value),
            ],
            Data::Charter(c) => vec![c.reviewed.as_ref().map(|t| t.value)],
            _ => Vec::new(),
        })
        .flatten()
        .max()
        .map(utc_date)
}

/// The UTC calendar date of `t`.
pub fn utc_date(t: Timestamp) -> Date {
    t.to_zoned(TimeZone::UTC).date()
}

/// A person's working hours as written (`hours`), if readable.
pub fn hours_of(p: &Person) -> Option<(u32, u32)> {
    let f = p.fields.get("hours")?;
    parse_hours(&f.value.as_scalar_string()?)
}

/// The instant of `minutes` after local midnight of `date` in `tz` (a time that a
/// DST change skips counts as the time after the gap).
pub(crate) fn local_instant(date: Date, minutes: u32, tz: &TimeZone) -> Option<Timestamp> {
    let dt = date
        .to_datetime(jiff::civil::Time::midnight())
        .checked_add(SignedDuration::from_mins(i64::from(minutes)))
        .ok()?;
    dt.to_zoned(tz.clone()).ok().map(|z| z.timestamp())
}

/// The working day of one person on `date`.
pub fn working_hours(p: &Person, date: Date) -> Option<WorkingHours> {
    let id = p.id.as_ref()?.value.clone();
    let written = hours_of(p);
    let (start, written_end) = written.unwrap_or(DEFAULT_HOURS);
    // An overnight shift (22:00-06:00) ends the next day.
    let end = if written_end <= start {
        written_end + DAY
    } else {
        written_end
    };
    let zone = p
        .timezone
        .as_deref()
        .and_then(|name| TimeZone::get(name).ok().map(|tz| (name, tz)));
    let mut out = WorkingHours {
        id,
        timezone: zone.as_ref().map(|(n, _)| n.to_string()),
        local: (start, written_end),
        written: written.is_some(),
        offset: None,
        utc: Vec::new(),
    };
    let Some((_, tz)) = zone else {
        return Some(out);
    };
    let midnight = local_instant(date, 0, &TimeZone::UTC)?;
    let (Some(a), Some(b)) = (
        local_instant(date, start, &tz),
        local_instant(date, end, &tz),
    ) else {
        return Some(out);
    };
    out.offset = Some(tz.to_offset(a).seconds());
    let from = (a.as_second() - midnight.as_second()).div_euclid(60);
    let len = ((b.as_second() - a.as_second()) / 60).clamp(0, i64::from(DAY));
    out.utc = wrap(from, len);
    Some(out)
}

/// Places `len` minutes from minute `from` (of any day) on the 24-hour strip.
fn wrap(from: i64, len: i64) -> Vec<Span> {
    let day = i64::from(DAY);
    if len <= 0 {
        return Vec::new();
    }
    if len >= day {
        return vec![(0, DAY)];
    }
    let a = from.rem_euclid(day);
    let b = a + len;
    // Both fit in u32: 0 <= a < 1440 and b < 2880.
    let (a, b) = (a as u32, b as u32);
    if b <= DAY {
        vec![(a, b)]
    } else {
        vec![(0, b - DAY), (a, DAY)]
    }
}

/// Minutes where every span list has a span, as spans.
pub fn overlap(lists: &[&[Span]]) -> Vec<Span> {
    let counts = counts(lists);
    spans_where(&counts, |c| c == lists.len() && c > 0)
}

/// How many of `lists` cover each minute of the day.
fn counts(lists: &[&[Span]]) -> Vec<usize> {
    let mut counts = vec![0usize; DAY as usize];
    for list in lists {
        for &(a, b) in *list {
            for c in &mut counts[a.min(DAY) as usize..b.min(DAY) as usize] {
                *c += 1;
            }
        }
    }
    counts
}

fn spans_where(counts: &[usize], keep: impl Fn(usize) -> bool) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = None;
    for (m, &c) in counts.iter().enumerate() {
        match (keep(c), start) {
            (true, None) => start = Some(m as u32),
            (false, Some(s)) => {
                out.push((s, m as u32));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, DAY));
    }
    out
}

/// Total minutes of `spans`.
pub fn minutes(spans: &[Span]) -> u32 {
    spans.iter().map(|(a, b)| b.saturating_sub(*a)).sum()
}

/// Formats minutes after midnight as `HH:MM` (`24:00` for the end of the day).
pub fn hhmm(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Formats an offset from UTC as `UTC+01:00`, `UTC−05:00` or `UTC+00:00`.
pub fn offset_label(seconds: i32) -> String {
    let sign = if seconds < 0 { '−' } else { '+' };
    let m = seconds.unsigned_abs() / 60;
    format!("UTC{sign}{:02}:{:02}", m / 60, m % 60)
}

/// The team's working hours on `date`.
pub fn availability(repo: &Repository, date: Date) -> Availability {
    let mut seen = std::collections::BTreeSet::new();
    let people: Vec<WorkingHours> = repo
        .people()
        .filter(|p| {
            p.id.as_ref()
                .is_some_and(|id| seen.insert(id.value.clone()))
        })
        .filter_map(|p| working_hours(p, date))
        .collect();
    let known: Vec<&[Span]> = people
        .iter()
        .filter(|p| p.timezone.is_some())
        .map(|p| p.utc.as_slice())
        .collect();
    let everyone = if known.len() >= 2 {
        overlap(&known)
    } else {
        Vec::new()
    };
    let most = if known.len() >= 2 && everyone.is_empty() {
        let counts = counts(&known);
        let max = counts.iter().copied().max().unwrap_or(0);
        (max >= 2).then(|| (max, spans_where(&counts, |c| c == max)))
    } else {
        None
    };
    Availability {
        date,
        people,
        everyone,
        most,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::Config;

    fn team(people: &str) -> Repository {
        Repository::from_texts(
            Config::default(),
            vec![("docs/people.yaml".into(), people.into())],
        )
    }

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    const TEAM: &str = "\
- id: alice
  timezone: Europe/Berlin
- id: bob
  timezone: America/New_York
  hours: \"08:30-16:30\"
- id: kiri
  timezone: Pacific/Auckland
- id: nobody
  timezone: Mars/Olympus
";

    #[test]
    fn hours_in_utc_follow_daylight_saving_time_of_the_date() {
        let r = team(TEAM);
        // 24 November: Berlin is UTC+1, New York UTC−5, Auckland UTC+13 (summer).
        let a = availability(&r, date("2026-11-24"));
        let got: Vec<_> = a
            .people
            .iter()
            .map(|p| (p.id.as_str(), p.offset, p.utc.clone()))
            .collect();
        assert_eq!(
            got,
            [
                ("alice", Some(3600), vec![(8 * 60, 16 * 60)]),
                ("bob", Some(-5 * 3600), vec![(13 * 60 + 30, 21 * 60 + 30)]),
                // 09:00 local is 20:00 UTC the day before: split at midnight.
                ("kiri", Some(13 * 3600), vec![(0, 4 * 60), (20 * 60, DAY)]),
                ("nobody", None, vec![]),
            ]
        );
        assert!(a.people[1].written && !a.people[0].written);
        // Nobody is at work with everyone else; two at once at most.
        assert_eq!(a.everyone, vec![]);
        assert_eq!(
            a.most,
            Some((2, vec![(13 * 60 + 30, 16 * 60), (20 * 60, 21 * 60 + 30)]))
        );
        // In July, Berlin is UTC+2 and New York UTC−4.
        let july = availability(&r, date("2026-07-01"));
        assert_eq!(july.people[0].utc, vec![(7 * 60, 15 * 60)]);
        assert_eq!(july.people[1].utc, vec![(12 * 60 + 30, 20 * 60 + 30)]);
    }

    #[test]
    fn everyone_overlaps_and_overnight_shifts() {
        let r = team(
            "- id: a\n  timezone: Europe/London\n- id: b\n  timezone: Europe/Berlin\n- id: c\n  timezone: UTC\n  hours: \"22:00-06:00\"\n",
        );
        let a = availability(&r, date("2026-11-24"));
        assert_eq!(a.people[2].utc, vec![(0, 6 * 60), (22 * 60, DAY)]);
        assert_eq!(a.everyone, vec![]);
        let r = team("- id: a\n  timezone: Europe/London\n- id: b\n  timezone: Europe/Berlin\n");
        let a = availability(&r, date("2026-11-24"));
        assert_eq!(a.everyone, vec![(9 * 60, 16 * 60)]);
        assert_eq!(a.most, None);
        assert_eq!(minutes(&a.everyone), 7 * 60);
    }

    #[test]
    fn labels() {
        assert_eq!(hhmm(0), "00:00");
        assert_eq!(hhmm(DAY), "24:00");
        assert_eq!(offset_label(-5 * 3600), "UTC−05:00");
        assert_eq!(offset_label(5 * 3600 + 1800), "UTC+05:30");
        assert_eq!(offset_label(0), "UTC+00:00");
        assert_eq!(wrap(-60, 120), vec![(0, 60), (DAY - 60, DAY)]);
    }

    #[test]
    fn the_reference_is_the_newest_date() {
        let r = Repository::from_texts(
            Config::default(),
            vec![
                (
                    "docs/decisions/0001-a.md".into(),
                    "---\ntitle: A\nstatus: accepted\nowner: a\ndate: 2026-11-01\ndecided: 2026-11-20\n---\n".into(),
                ),
                (
                    "docs/decisions/0002-b.md".into(),
                    "---\ntitle: B\nstatus: proposed\nowner: a\ndate: 2026-11-02\ndeadline: 2027-01-01\n---\n".into(),
                ),
                ("docs/updates/2026-11-18/a.md".into(), "Done: x\n".into()),
            ],
        );
        assert_eq!(reference_date(&r), Some(date("2026-11-20")));
    }
}
