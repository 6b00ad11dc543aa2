//! The shared-availability strip (the people pages' `availability`) and each
//! person's hours against the others'. The working hours, time zones and overlaps are
//! the model's (`docket_model::availability`), computed for the newest date in the
//! handbook, never the clock; this module only turns them into views, with positions
//! as percentages of the day so that templates only display them.

use docket_model::availability::{
    Availability, DAY, Span, WorkingHours, hhmm, minutes, offset_label, overlap,
};

use crate::links::Links;
use crate::views::{AvailabilityView, OverlapView, StripBlock, StripRow, StripTick, round2};

fn pct(minutes: u32) -> f64 {
    round2(f64::from(minutes) * 100.0 / f64::from(DAY))
}

/// Spans as text: `08:00–16:00 UTC`; a day that crosses midnight UTC reads
/// `20:00–04:00 UTC`.
fn spans_text(spans: &[Span]) -> String {
    let parts: Vec<String> = match spans {
        [] => return String::new(),
        [(0, a), (b, DAY)] if *a < *b => vec![format!("{}–{}", hhmm(*b), hhmm(*a))],
        _ => spans
            .iter()
            .map(|(a, b)| format!("{}–{}", hhmm(*a), hhmm(*b)))
            .collect(),
    };
    let last = parts.len() - 1;
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(if i == last { " and " } else { ", " });
        }
        out.push_str(p);
    }
    out + " UTC"
}

fn blocks(spans: &[Span]) -> Vec<StripBlock> {
    spans
        .iter()
        .map(|(a, b)| StripBlock {
            left: pct(*a),
            width: pct(b - a),
            center: round2(f64::from(a + b) * 50.0 / f64::from(DAY)),
            label: format!("{}–{}", hhmm(*a), hhmm(*b)),
            labelled: b - a >= DAY / 4,
        })
        .collect()
}

fn local_text(w: &WorkingHours) -> String {
    format!("{}–{}", hhmm(w.local.0), hhmm(w.local.1))
}

/// The strip of the whole team.
pub(crate) fn strip(links: &Links<'_>, a: &Availability) -> AvailabilityView {
    let rows: Vec<StripRow> = a
        .people
        .iter()
        .map(|w| StripRow {
            person: links.person_ref(&w.id),
            timezone: w.timezone.clone(),
            utc_offset: w.offset.map(offset_label),
            local: local_text(w),
            default_hours: !w.written,
            utc: spans_text(&w.utc),
            blocks: blocks(&w.utc),
        })
        .collect();
    let known = a.people.iter().filter(|w| w.timezone.is_some()).count();
    let (most_count, most) = a.most.clone().unwrap_or_default();
    let date = a.date.to_string();
    let everyone_text = spans_text(&a.everyone);
    let most_text = spans_text(&most);
    let people = |n: usize| format!("{n} {}", if n == 1 { "person" } else { "people" });
    let mut summary = format!("Working hours of {} in UTC on {date}.", people(rows.len()));
    if !everyone_text.is_empty() {
        summary.push_str(&format!(" Everyone works at once {everyone_text}."));
    } else if known >= 2 {
        summary.push_str(" There is no hour when everyone works.");
        if !most_text.is_empty() {
            summary.push_str(&format!(
                " {most_count} of {known} work at once {most_text}."
            ));
        }
    }
    AvailabilityView {
        date,
        rows,
        everyone: blocks(&a.everyone),
        everyone_text,
        most_count,
        most: blocks(&most),
        most_text,
        known,
        ticks: (0..=8)
            .map(|i| StripTick {
                left: pct(i * 180),
                label: format!("{:02}", i * 3),
                major: i % 2 == 0,
            })
            .collect(),
        summary,
    }
}

/// A person's hours, offset and overlaps with the others (the strip's data).
pub(crate) struct PersonHours {
    pub hours: String,
    pub hours_default: bool,
    pub utc_offset: Option<String>,
    pub hours_utc: Option<String>,
    pub overlaps: Vec<OverlapView>,
}

/// The hours of roster person `id` in `availability` (none without a roster: the
/// default hours, nothing in UTC).
pub(crate) fn person_hours(
    links: &Links<'_>,
    availability: Option<&Availability>,
    id: &str,
) -> PersonHours {
    let default = PersonHours {
        hours: "09:00–17:00".to_string(),
        hours_default: true,
        utc_offset: None,
        hours_utc: None,
        overlaps: Vec::new(),
    };
    let Some(a) = availability else {
        return default;
    };
    let Some(me) = a.people.iter().find(|w| w.id == id) else {
        return default;
    };
    let overlaps = if me.timezone.is_some() {
        a.people
            .iter()
            .filter(|w| w.id != id && w.timezone.is_some())
            .map(|w| {
                let both = overlap(&[&me.utc, &w.utc]);
                OverlapView {
                    person: links.person_ref(&w.id),
                    hours: round2(f64::from(minutes(&both)) / 60.0),
                    utc: spans_text(&both),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    PersonHours {
        hours: local_text(me),
        hours_default: !me.written,
        utc_offset: me.offset.map(offset_label),
        hours_utc: (!me.utc.is_empty()).then(|| spans_text(&me.utc)),
        overlaps,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_read_across_midnight() {
        assert_eq!(spans_text(&[(480, 960)]), "08:00–16:00 UTC");
        assert_eq!(spans_text(&[(0, 240), (1200, DAY)]), "20:00–04:00 UTC");
        assert_eq!(
            spans_text(&[(60, 120), (480, 540), (900, 960)]),
            "01:00–02:00, 08:00–09:00 and 15:00–16:00 UTC"
        );
        assert_eq!(spans_text(&[]), "");
    }
}
