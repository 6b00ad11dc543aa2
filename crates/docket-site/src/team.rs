//! The team's views: open blockers with their age, the shared-availability strip of
//! working hours, and the meeting load against the focus block. The computations are
//! the model's (`docket_model::blockers`, `::availability`, `::meeting_load`), the same
//! ones `docket status` and `docket metrics` use; this module only turns them into
//! views. Ages are measured against the newest update date, and the strip is drawn for
//! the newest date in the handbook, never the clock, so two builds are identical.

use docket_model::availability::{
    Availability, DAY, Span, WorkingHours, hhmm, minutes, offset_label, overlap,
};
use docket_model::blockers::Blocker;
use docket_model::meeting_load::{WORKDAY_HOURS, WORKDAYS_PER_WEEK, inventory, load_per_person};
use docket_model::time::{Time, format_date, format_time};
use docket_model::{Data, Update};

use crate::pages::{Ctx, fmt_date};
use crate::views::*;

pub(crate) fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn plural(n: i64, unit: &str) -> String {
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

/// An age in words: `new`, `under an hour`, `5 hours`, `2 days`, `2 days 4 hours`.
pub(crate) fn age_words(seconds: i64) -> String {
    let (days, hours) = (seconds / 86_400, (seconds % 86_400) / 3600);
    match (seconds, days, hours) {
        (s, _, _) if s <= 0 => "new".to_string(),
        (_, 0, 0) => "under an hour".to_string(),
        (_, 0, h) => plural(h, "hour"),
        (_, d, 0) => plural(d, "day"),
        (_, d, h) => format!("{} {}", plural(d, "day"), plural(h, "hour")),
    }
}

/// The blocker of `person` that the update dated `date` belongs to.
fn covering<'a>(ctx: &'a Ctx<'_>, person: &str, date: Time) -> Option<&'a Blocker> {
    ctx.blockers.iter().find(|b| b.covers(person, date))
}

/// The age of `b` at the site's reference (the newest update date).
fn age_of(ctx: &Ctx<'_>, b: &Blocker) -> i64 {
    b.age_at(ctx.reference.unwrap_or(b.opened))
}

/// The blocker fields of an update's view.
pub(crate) fn fill_update_blocker(ctx: &Ctx<'_>, u: &Update, view: &mut UpdateView) {
    let (Some(_), Some(person), Some(date)) = (u.open_blocker(), &u.person, u.date) else {
        return;
    };
    let Some(b) = covering(ctx, &person.value, date) else {
        return;
    };
    let age = age_of(ctx, b);
    view.blocker_open = b.is_open();
    view.blocker_since = Some(fmt_date(b.opened));
    view.blocker_since_time = Some(format_time(b.opened));
    view.blocker_age_hours = Some(age.div_euclid(3600));
    view.blocker_age = Some(age_words(age));
    view.blocker_resolved = b.resolved.map(format_date);
    view.blocker_stale = age > ctx.repo.norms().blocker_resolution;
}

fn blocker_view(ctx: &Ctx<'_>, b: &Blocker) -> BlockerView {
    let age = age_of(ctx, b);
    let latest = ctx.repo.document(&b.last_path);
    let waits_on = match latest.map(|d| &d.data) {
        Some(Data::Update(u)) => u
            .blocker_refs
            .iter()
            .map(|r| ctx.decision_ref(&r.value))
            .collect(),
        _ => Vec::new(),
    };
    BlockerView {
        person: ctx.person_ref(&b.person),
        text: b.text.clone(),
        since: fmt_date(b.opened),
        since_time: format_time(b.opened),
        age_hours: age.div_euclid(3600),
        age: age_words(age),
        stale: age > ctx.repo.norms().blocker_resolution,
        waits_on,
        url: latest.map(|d| ctx.urls.of(d)).unwrap_or_default(),
    }
}

/// Open blockers (of one person, or everyone's), oldest first.
pub(crate) fn open_blockers(ctx: &Ctx<'_>, person: Option<&str>) -> Vec<BlockerView> {
    let mut open: Vec<&Blocker> = ctx
        .blockers
        .iter()
        .filter(|b| b.is_open() && person.is_none_or(|p| b.person == p))
        .collect();
    open.sort_by(|a, b| (a.opened, &a.person).cmp(&(b.opened, &b.person)));
    open.into_iter().map(|b| blocker_view(ctx, b)).collect()
}

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
            label: format!("{}–{}", hhmm(*a), hhmm(*b)),
            labelled: b - a >= DAY / 4,
        })
        .collect()
}

fn local_text(w: &WorkingHours) -> String {
    format!("{}–{}", hhmm(w.local.0), hhmm(w.local.1))
}

/// The strip of the whole team.
pub(crate) fn strip(ctx: &Ctx<'_>, a: &Availability) -> AvailabilityView {
    let rows: Vec<StripRow> = a
        .people
        .iter()
        .map(|w| StripRow {
            person: ctx.person_ref(&w.id),
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

pub(crate) fn person_hours(ctx: &Ctx<'_>, id: &str) -> PersonHours {
    let default = PersonHours {
        hours: "09:00–17:00".to_string(),
        hours_default: true,
        utc_offset: None,
        hours_utc: None,
        overlaps: Vec::new(),
    };
    let Some(a) = &ctx.hours else {
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
                    person: ctx.person_ref(&w.id),
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

/// The meeting load of every roster person against the charter's focus block.
pub(crate) fn meeting_load(ctx: &Ctx<'_>) -> MeetingLoadView {
    let repo = ctx.repo;
    let focus = round2(repo.norms().focus_block as f64 / 3600.0);
    let load = load_per_person(repo, &inventory(repo));
    let mut seen = std::collections::BTreeSet::new();
    let people: Vec<PersonLoadView> = repo
        .people()
        .filter_map(|p| p.id.as_ref().map(|id| id.value.as_str()))
        .filter(|id| seen.insert(*id))
        .map(|id| {
            let l = load.get(id).cloned().unwrap_or_default();
            let per_day = l.hours_per_day();
            let free = (WORKDAY_HOURS - per_day).max(0.0);
            PersonLoadView {
                person: ctx.person_ref(id),
                meetings_per_week: round2(l.meetings_per_week),
                hours_per_week: round2(l.hours_per_week),
                hours_per_day: round2(per_day),
                free_hours_per_day: round2(free),
                short: free < focus,
                meeting_pct: round2((per_day / WORKDAY_HOURS * 100.0).min(100.0)),
            }
        })
        .collect();
    let n = load.len();
    let average =
        (n > 0).then(|| round2(load.values().map(|l| l.hours_per_week).sum::<f64>() / n as f64));
    MeetingLoadView {
        day_hours: WORKDAY_HOURS,
        focus_block_hours: focus,
        budget_hours_per_day: round2((WORKDAY_HOURS - focus).max(0.0)),
        budget_pct: round2(((WORKDAY_HOURS - focus) / WORKDAY_HOURS * 100.0).clamp(0.0, 100.0)),
        short: people.iter().filter(|p| p.short).count(),
        people,
        average_hours_per_week: average,
        average_hours_per_day: average.map(|h| round2(h / WORKDAYS_PER_WEEK)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_in_words() {
        assert_eq!(age_words(0), "new");
        assert_eq!(age_words(1800), "under an hour");
        assert_eq!(age_words(3600), "1 hour");
        assert_eq!(age_words(5 * 3600), "5 hours");
        assert_eq!(age_words(86_400), "1 day");
        assert_eq!(age_words(2 * 86_400 + 4 * 3600), "2 days 4 hours");
    }

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
