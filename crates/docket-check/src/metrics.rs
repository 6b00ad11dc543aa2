//! `docket metrics` (SPEC §10): the figures a team needs to "measure and adjust",
//! computed exactly as the spec defines them, plus `targets` from the charter's norms
//! and the rollout goals. A pure function of the repository and `now`; overdue
//! decisions and briefs come from [`crate::status`], blocker runs from
//! `docket_model::blockers` and each person's meetings from
//! `docket_model::meeting_load` (which `status` and the site read too), so the
//! figures never disagree. Shares are 0–100; a figure that cannot be computed (no
//! decisions, nobody in a meeting, no `meetings.yaml`) is `None` (JSON `null`), never
//! NaN.

use std::collections::BTreeMap;
use std::io::{self, Write};

use docket_model::blockers::blockers;
use docket_model::forge;
use docket_model::meeting_load::{
    WORKDAY_HOURS, WORKDAYS_PER_WEEK, has_inventory, inventory, load_per_person,
};
use docket_model::time::{Time, add_seconds, seconds_between};
use docket_model::{Data, Decision, Document, Kind, Meeting, Repository, StatusCategory};
use serde::Serialize;

use crate::status::status;

/// The version of the JSON shape.
pub const METRICS_VERSION: u32 = 1;

/// Every figure of SPEC §10.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metrics {
    /// Shape version.
    pub version: u32,
    /// Decision figures.
    pub decisions: DecisionMetrics,
    /// Brief figures.
    pub briefs: BriefMetrics,
    /// Update and blocker figures.
    pub updates: UpdateMetrics,
    /// Meeting figures.
    pub meetings: MeetingMetrics,
    /// Reply figures from the pull-request export (issue 18).
    pub replies: ReplyMetrics,
    /// Each target with its value and whether it is met.
    pub targets: Vec<Target>,
}

/// `decisions.*`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecisionMetrics {
    /// All decisions.
    pub total: usize,
    /// Count per status as written (the five statuses always present).
    pub by_status: BTreeMap<String, usize>,
    /// Share with an owner, 0–100.
    pub with_owner_pct: Option<f64>,
    /// Share with an outcome (front matter or `## Decision`), 0–100.
    pub with_outcome_pct: Option<f64>,
    /// `proposed` decisions past their deadline.
    pub open_past_deadline: usize,
    /// Median of `decided` − `date`, hours, over accepted and rejected decisions.
    pub median_hours_to_decide: Option<f64>,
    /// Share of accepted and rejected decisions whose deciding pull request has an
    /// approval by someone other than the owner, 0–100 (`None` without a
    /// pull-request export that has reviews and commits).
    pub approved_pct: Option<f64>,
}

/// `replies.*`: how long pull requests waited for their first reply
/// (`docket_model::forge::replies`). Every figure is `None` without a
/// pull-request export (unknown, not zero).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ReplyMetrics {
    /// Pull requests in the export.
    pub pulls: Option<usize>,
    /// Pull requests that got a first reply.
    pub replied: Option<usize>,
    /// Open pull requests (not drafts) waiting longer than the charter's
    /// `response_time` for a first reply.
    pub waiting_past_target: Option<usize>,
    /// Median wall-clock hours to the first reply.
    pub median_first_response_hours: Option<f64>,
    /// Median hours to the first reply inside the responder's working hours, over
    /// the replies by roster people with a time zone.
    pub median_first_response_working_hours: Option<f64>,
    /// Share of first replies within the charter's `response_time` (working hours
    /// where known, else wall-clock), counting the pull requests still waiting past
    /// it as missed, 0–100.
    pub within_target_pct: Option<f64>,
    /// The same per responder (roster id, else login).
    pub per_person: BTreeMap<String, PersonReplies>,
}

/// `replies.per_person.<who>`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonReplies {
    /// First replies this person gave.
    pub replies: usize,
    /// Median wall-clock hours.
    pub median_first_response_hours: Option<f64>,
    /// Median working hours (`None` outside the roster or without a time zone).
    pub median_first_response_working_hours: Option<f64>,
    /// Share within the charter's `response_time`, 0–100.
    pub within_target_pct: Option<f64>,
}

/// `briefs.*`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BriefMetrics {
    /// All briefs.
    pub total: usize,
    /// Status `active`.
    pub active: usize,
    /// `draft` or `active` past the deadline.
    pub overdue: usize,
}

/// `updates.*`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UpdateMetrics {
    /// Update files.
    pub total: usize,
    /// Blockers not resolved yet.
    pub open_blockers: usize,
    /// Median hours from a blocker's first update to its resolution.
    pub median_blocker_resolution_hours: Option<f64>,
}

/// `meetings.*`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeetingMetrics {
    /// Meetings in the inventory.
    pub total: usize,
    /// Category `update`: replaceable by written updates.
    pub replaceable: usize,
    /// Duration not among the charter's `meeting_lengths`.
    pub off_length: usize,
    /// Occurrences a week per attending roster person, averaged over them.
    pub per_person_per_week: Option<f64>,
    /// Meeting hours a week per attending roster person, averaged over them.
    pub hours_per_person_per_week: Option<f64>,
}

/// One target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Target {
    /// The figure, by its JSON key (`decisions.with_owner_pct`).
    pub metric: String,
    /// The figure in words, as the dashboard shows it ("Decisions with an owner");
    /// not part of the JSON contract.
    #[serde(skip)]
    pub label: String,
    /// Its value (`None` when it cannot be computed).
    pub value: Option<f64>,
    /// The goal: a floor for shares, a ceiling for everything else (see `at_least`).
    pub target: f64,
    /// Whether the goal is met (`None` when the value is unknown).
    pub met: Option<bool>,
    /// Whether the value must be at least the target (else at most).
    #[serde(skip)]
    pub at_least: bool,
}

impl Target {
    /// A target of `metric` (labelled from its key), met when `value` is at least
    /// (or at most) `target`, unknown without a value.
    fn new(metric: &str, value: Option<f64>, target: f64, at_least: bool) -> Self {
        Target {
            metric: metric.to_string(),
            label: target_label(metric).to_string(),
            value,
            target,
            met: value.map(|v| if at_least { v >= target } else { v <= target }),
            at_least,
        }
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn pct(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| round2(part as f64 * 100.0 / whole as f64))
}

/// The median, or `None` for no values.
pub fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    let m = if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    };
    Some(round2(m))
}

fn hours(seconds: i64) -> f64 {
    seconds as f64 / 3600.0
}

/// Per roster person who attends any meeting: (occurrences, hours) a week, averaged
/// over those people. Attendees not in the roster do not count (they are an
/// `unknown-owner` finding). The per-person figures are
/// [`docket_model::meeting_load::load_per_person`], which the site's meetings page
/// shows.
pub fn meeting_load(repo: &Repository, meetings: &[Meeting]) -> (Option<f64>, Option<f64>) {
    let per_person = load_per_person(repo, meetings);
    let n = per_person.len();
    if n == 0 {
        return (None, None);
    }
    let (count, hrs) = per_person.values().fold((0.0, 0.0), |acc, v| {
        (acc.0 + v.meetings_per_week, acc.1 + v.hours_per_week)
    });
    (Some(round2(count / n as f64)), Some(round2(hrs / n as f64)))
}

/// Computes every figure at `now`. `meetings_before` is the meeting inventory as it
/// was 90 days earlier (from git), for the rollout target; `None` when unknown.
pub fn metrics(repo: &Repository, now: Time, meetings_before: Option<&[Meeting]>) -> Metrics {
    let st = status(repo, now);
    let overdue = st
        .overdue_decisions
        .iter()
        .filter(|o| o.kind == Kind::Decision)
        .count();
    let decisions = decision_metrics(repo, overdue);
    let briefs = brief_metrics(repo, st.overdue_briefs.len());
    let updates = update_metrics(repo);
    let meetings = meeting_metrics(repo);
    let replies = reply_metrics(repo, now);
    let mut targets = targets(repo, &decisions, &updates, &meetings, meetings_before);
    targets.extend(forge_targets(repo, &decisions, &replies));
    Metrics {
        version: METRICS_VERSION,
        decisions,
        briefs,
        updates,
        meetings,
        replies,
        targets,
    }
}

/// The readable records of the built-in decision kind: what the `decisions.*`
/// figures count (records of a team's own kinds are not decisions of this
/// dashboard).
fn decisions_of(repo: &Repository) -> impl Iterator<Item = (&Document, &Decision)> {
    repo.readable_decisions()
        .filter(|(_, d)| d.kind == Kind::Decision)
}

fn decision_metrics(repo: &Repository, open_past_deadline: usize) -> DecisionMetrics {
    let decisions: Vec<_> = decisions_of(repo).collect();
    let mut by_status: BTreeMap<String, usize> = StatusCategory::ALL
        .into_iter()
        .flat_map(|c| repo.config.statuses(Kind::Decision, c).iter())
        .map(|s| (s.to_string(), 0))
        .collect();
    for (_, d) in &decisions {
        if let Some(s) = &d.status {
            *by_status.entry(s.value.clone()).or_default() += 1;
        }
    }
    let with_owner = decisions
        .iter()
        .filter(|(_, d)| d.owner.as_ref().is_some_and(|o| !o.value.trim().is_empty()))
        .count();
    let with_outcome = decisions
        .iter()
        .filter(|(_, d)| d.outcome.is_some())
        .count();
    let to_decide = decisions
        .iter()
        .filter(|(_, d)| d.is_decided())
        .filter_map(|(_, d)| {
            Some(hours(seconds_between(
                d.date.as_ref()?.value,
                d.decided.as_ref()?.value,
            )))
        })
        .collect();
    DecisionMetrics {
        total: decisions.len(),
        by_status,
        with_owner_pct: pct(with_owner, decisions.len()),
        with_outcome_pct: pct(with_outcome, decisions.len()),
        open_past_deadline,
        median_hours_to_decide: median(to_decide),
        approved_pct: approved_pct(repo),
    }
}

/// `decisions.approved_pct`: of the decided decisions, the share whose deciding
/// pull request has an approval by someone other than the owner
/// (`docket_model::forge::decided_in`, which the decision page and
/// `unapproved-decision` ask too).
fn approved_pct(repo: &Repository) -> Option<f64> {
    if !forge::approvals_known(repo) {
        return None;
    }
    let decided: Vec<_> = decisions_of(repo).filter(|(_, d)| d.is_decided()).collect();
    let approved = decided
        .iter()
        .filter(|(doc, d)| forge::decided_in(repo, doc, d).is_some_and(|x| !x.approvals.is_empty()))
        .count();
    pct(approved, decided.len())
}

/// `replies.*` at `now` (`docket_model::forge::replies`, which `status` and the
/// dashboard read too).
pub fn reply_metrics(repo: &Repository, now: Time) -> ReplyMetrics {
    let Some(forge_data) = &repo.forge else {
        return ReplyMetrics::default();
    };
    let Some(all) = forge::replies(repo, now) else {
        return ReplyMetrics {
            pulls: Some(forge_data.pulls.len()),
            ..ReplyMetrics::default()
        };
    };
    let target = repo.norms().response_time;
    let late = all.waiting_past(target).count();
    let summary = |replies: &[&forge::Reply], missed: usize| {
        let wall = median(replies.iter().map(|r| hours(r.wall_seconds)).collect());
        let working = median(
            replies
                .iter()
                .filter_map(|r| r.working_seconds.map(hours))
                .collect(),
        );
        let within = replies.iter().filter(|r| r.within(target)).count();
        (wall, working, pct(within, replies.len() + missed))
    };
    let everyone: Vec<&forge::Reply> = all.replied.iter().collect();
    let (wall, working, within) = summary(&everyone, late);
    let mut by_person: BTreeMap<String, Vec<&forge::Reply>> = BTreeMap::new();
    for r in &all.replied {
        by_person.entry(r.who().to_string()).or_default().push(r);
    }
    ReplyMetrics {
        pulls: Some(forge_data.pulls.len()),
        replied: Some(all.replied.len()),
        waiting_past_target: Some(late),
        median_first_response_hours: wall,
        median_first_response_working_hours: working,
        within_target_pct: within,
        per_person: by_person
            .into_iter()
            .map(|(who, replies)| {
                let (wall, working, within) = summary(&replies, 0);
                (
                    who,
                    PersonReplies {
                        replies: replies.len(),
                        median_first_response_hours: wall,
                        median_first_response_working_hours: working,
                        within_target_pct: within,
                    },
                )
            })
            .collect(),
    }
}

fn brief_metrics(repo: &Repository, overdue: usize) -> BriefMetrics {
    let briefs: Vec<_> = repo
        .readable()
        .filter_map(|d| match &d.data {
            Data::Brief(b) => Some(b),
            _ => None,
        })
        .collect();
    BriefMetrics {
        total: briefs.len(),
        active: briefs
            .iter()
            .filter(|b| b.status.as_ref().is_some_and(|s| s.value == "active"))
            .count(),
        overdue,
    }
}

fn update_metrics(repo: &Repository) -> UpdateMetrics {
    let all_blockers = blockers(repo);
    UpdateMetrics {
        total: repo
            .readable()
            .filter(|d| matches!(d.data, Data::Update(_)))
            .count(),
        open_blockers: all_blockers.iter().filter(|b| b.resolved.is_none()).count(),
        median_blocker_resolution_hours: median(
            all_blockers
                .iter()
                .filter_map(|b| Some(hours(seconds_between(b.opened, b.resolved?))))
                .collect(),
        ),
    }
}

fn meeting_metrics(repo: &Repository) -> MeetingMetrics {
    let meetings = inventory(repo);
    let (per_person, hours_per_person) = meeting_load(repo, &meetings);
    MeetingMetrics {
        total: meetings.len(),
        replaceable: meetings.iter().filter(|m| m.is_replaceable()).count(),
        off_length: meetings
            .iter()
            .filter(|m| m.is_off_length(repo.norms()))
            .count(),
        per_person_per_week: per_person,
        hours_per_person_per_week: hours_per_person,
    }
}

/// A target's figure in words (the dashboard's cards use the same words).
fn target_label(metric: &str) -> &'static str {
    match metric {
        "decisions.with_owner_pct" => "Decisions with an owner (%)",
        "decisions.with_outcome_pct" => "Decisions with an outcome (%)",
        "decisions.open_past_deadline" => "Open decisions past their deadline",
        "updates.median_blocker_resolution_hours" => "Median hours to resolve a blocker",
        "meetings.off_length" => "Meetings of a length the charter does not allow",
        "meetings.hours_per_person_per_day" => "Meeting hours per person per day",
        "meetings.per_person_per_week_change_pct" => {
            "Change in meetings per person per week over 90 days (%)"
        }
        "replies.median_first_response_working_hours" => "Median working hours to a first reply",
        "replies.within_target_pct" => "First replies within the charter's response time (%)",
        "decisions.approved_pct" => "Decided decisions approved by someone besides the owner (%)",
        _ => "",
    }
}

/// The rollout targets (SPEC §10) against the figures.
fn targets(
    repo: &Repository,
    decisions: &DecisionMetrics,
    updates: &UpdateMetrics,
    meetings: &MeetingMetrics,
    meetings_before: Option<&[Meeting]>,
) -> Vec<Target> {
    let norms = repo.norms();
    let target = Target::new;
    // A working day of 8 hours keeps the charter's focus block free of meetings.
    let meeting_hours_per_day = meetings
        .hours_per_person_per_week
        .map(|h| round2(h / WORKDAYS_PER_WEEK));
    // Without an inventory nothing is known about meeting lengths (not "none off").
    let off_length = has_inventory(repo).then_some(meetings.off_length as f64);
    let before = meetings_before.map(|m| meeting_load(repo, m).0);
    let change = match (before, meetings.per_person_per_week) {
        (Some(Some(before)), Some(now)) if before > 0.0 => {
            Some(round2((now - before) * 100.0 / before))
        }
        _ => None,
    };
    vec![
        target(
            "decisions.with_owner_pct",
            decisions.with_owner_pct,
            80.0,
            true,
        ),
        target(
            "decisions.with_outcome_pct",
            decisions.with_outcome_pct,
            80.0,
            true,
        ),
        target(
            "decisions.open_past_deadline",
            Some(decisions.open_past_deadline as f64),
            0.0,
            false,
        ),
        target(
            "updates.median_blocker_resolution_hours",
            updates.median_blocker_resolution_hours,
            round2(hours(norms.blocker_resolution)),
            false,
        ),
        target("meetings.off_length", off_length, 0.0, false),
        target(
            "meetings.hours_per_person_per_day",
            meeting_hours_per_day,
            round2(WORKDAY_HOURS - hours(norms.focus_block)),
            false,
        ),
        target(
            "meetings.per_person_per_week_change_pct",
            change,
            -30.0,
            false,
        ),
    ]
}

/// The targets of the forge figures: replies within the charter's
/// `response_time` (the median, and at least 80% of them), and decisions approved
/// by someone besides their owner (80%, as for written outcomes).
fn forge_targets(
    repo: &Repository,
    decisions: &DecisionMetrics,
    replies: &ReplyMetrics,
) -> Vec<Target> {
    let target = Target::new;
    vec![
        target(
            "replies.median_first_response_working_hours",
            replies.median_first_response_working_hours,
            round2(hours(repo.norms().response_time)),
            false,
        ),
        target(
            "replies.within_target_pct",
            replies.within_target_pct,
            80.0,
            true,
        ),
        target("decisions.approved_pct", decisions.approved_pct, 80.0, true),
    ]
}

/// The time series the dashboard draws, each a list of (label, value) sorted by
/// time. Weeks start on Monday (UTC) and are labelled by that date.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Series {
    /// Decisions opened (`date`) per week, the last 12 weeks up to `reference`.
    pub opened_per_week: Points,
    /// Decisions decided (`decided`) per week, same weeks.
    pub decided_per_week: Points,
    /// Median hours to decide of the decisions decided in each week; `None` for a
    /// week in which nothing was decided (it has no median: a gap, not zero).
    pub median_hours_per_week: Points,
    /// Open decisions: hours until (positive) or past (negative) their deadline.
    pub open_deadlines: Points,
    /// Unresolved blockers: age in hours, by person and text.
    pub blocker_ages: Points,
    /// Meetings per person per week, sampled weekly over the last 90 days.
    pub meetings_per_week: Points,
    /// Median working hours to a first reply of the pull requests that asked for
    /// replies in each week (the 12 weeks of `opened_per_week`); empty without a
    /// pull-request export, `None` for a week without a reply.
    pub reply_working_hours_per_week: Points,
    /// The same, wall-clock hours.
    pub reply_hours_per_week: Points,
    /// The charter's `response_time` in hours for each of those weeks, the line
    /// the replies are drawn against.
    pub reply_target_per_week: Points,
}

/// A series of (label, value) points; `None` where there is no value.
pub type Points = Vec<(String, Option<f64>)>;

/// The Monday 00:00 UTC of the week holding `t`.
pub fn week_start(t: Time) -> Time {
    let days = t.as_second().div_euclid(86_400);
    // 1970-01-01 was a Thursday: day 0 is 3 days after a Monday.
    let monday = days - (days + 3).rem_euclid(7);
    Time::from_second(monday * 86_400).unwrap_or(t)
}

/// Computes the series at `reference`. `meeting_snapshots` are (time, inventory)
/// samples from git, oldest first.
pub fn series(
    repo: &Repository,
    reference: Time,
    meeting_snapshots: &[(Time, Vec<Meeting>)],
) -> Series {
    let norms = repo.norms();
    let this_week = week_start(reference);
    let weeks: Vec<Time> = (0..12)
        .rev()
        .map(|i| add_seconds(this_week, -i * 7 * 86_400))
        .collect();
    let label = |t: Time| docket_model::time::format_date(t);
    let mut opened = vec![0.0; weeks.len()];
    let mut decided = vec![0.0; weeks.len()];
    let mut durations: Vec<Vec<f64>> = vec![Vec::new(); weeks.len()];
    let slot = |t: Time| {
        weeks
            .iter()
            .rposition(|w| *w <= t)
            .filter(|_| t < add_seconds(this_week, 7 * 86_400) && t >= weeks[0])
    };
    for (_, d) in decisions_of(repo) {
        if let Some(i) = d.date.as_ref().and_then(|t| slot(t.value)) {
            opened[i] += 1.0;
        }
        if let Some(dec) = &d.decided
            && let Some(i) = slot(dec.value)
        {
            decided[i] += 1.0;
            if let Some(date) = &d.date {
                durations[i].push(hours(seconds_between(date.value, dec.value)));
            }
        }
    }
    let mut out = Series {
        opened_per_week: weeks
            .iter()
            .zip(&opened)
            .map(|(w, v)| (label(*w), Some(*v)))
            .collect(),
        decided_per_week: weeks
            .iter()
            .zip(&decided)
            .map(|(w, v)| (label(*w), Some(*v)))
            .collect(),
        median_hours_per_week: weeks
            .iter()
            .zip(durations)
            .map(|(w, v)| (label(*w), median(v)))
            .collect(),
        ..Series::default()
    };
    for (doc, d) in decisions_of(repo) {
        let deadline = doc.proposed_deadline(norms).map(|dl| dl.time);
        if let Some(deadline) = deadline {
            let id =
                d.id.as_ref()
                    .map_or_else(|| doc.stem().to_string(), ToString::to_string);
            out.open_deadlines.push((
                format!("#{id}"),
                Some(round2(hours(seconds_between(reference, deadline)))),
            ));
        }
    }
    for b in blockers(repo).into_iter().filter(|b| b.resolved.is_none()) {
        out.blocker_ages.push((
            b.person.clone(),
            Some(round2(hours(seconds_between(b.opened, reference)).max(0.0))),
        ));
    }
    for (t, meetings) in meeting_snapshots {
        if let Some(v) = meeting_load(repo, meetings).0 {
            out.meetings_per_week.push((label(*t), Some(v)));
        }
    }
    if let Some(all) = forge::replies(repo, reference) {
        let mut working: Vec<Vec<f64>> = vec![Vec::new(); weeks.len()];
        let mut wall: Vec<Vec<f64>> = vec![Vec::new(); weeks.len()];
        for r in &all.replied {
            if let Some(i) = slot(r.asked) {
                wall[i].push(hours(r.wall_seconds));
                if let Some(w) = r.working_seconds {
                    working[i].push(hours(w));
                }
            }
        }
        let target = round2(hours(norms.response_time));
        out.reply_working_hours_per_week = weeks
            .iter()
            .zip(working)
            .map(|(w, v)| (label(*w), median(v)))
            .collect();
        out.reply_hours_per_week = weeks
            .iter()
            .zip(wall)
            .map(|(w, v)| (label(*w), median(v)))
            .collect();
        out.reply_target_per_week = weeks.iter().map(|w| (label(*w), Some(target))).collect();
    }
    out
}

/// The instant 90 days before `now`, for the meeting baseline.
pub fn baseline_time(now: Time) -> Time {
    add_seconds(now, -90 * 86_400)
}

/// Writes the JSON form.
pub fn render_json(out: &mut dyn Write, m: &Metrics) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, m).map_err(io::Error::from)?;
    writeln!(out)
}

fn show(v: Option<f64>) -> String {
    v.map_or_else(
        || "–".to_string(),
        |v| {
            if v.fract() == 0.0 {
                format!("{v:.0}")
            } else {
                format!("{v:.2}")
            }
        },
    )
}

/// Writes the compact human table.
pub fn render_human(out: &mut dyn Write, m: &Metrics) -> io::Result<()> {
    let d = &m.decisions;
    writeln!(
        out,
        "decisions  {} total · {} with owner · {} with outcome · {} past deadline · median {} h to decide",
        d.total,
        show(d.with_owner_pct) + "%",
        show(d.with_outcome_pct) + "%",
        d.open_past_deadline,
        show(d.median_hours_to_decide)
    )?;
    let statuses: Vec<String> = d
        .by_status
        .iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect();
    writeln!(out, "           {}", statuses.join(" · "))?;
    writeln!(
        out,
        "briefs     {} total · {} active · {} overdue",
        m.briefs.total, m.briefs.active, m.briefs.overdue
    )?;
    writeln!(
        out,
        "updates    {} total · {} open {} · median {} h to resolve a blocker",
        m.updates.total,
        m.updates.open_blockers,
        if m.updates.open_blockers == 1 {
            "blocker"
        } else {
            "blockers"
        },
        show(m.updates.median_blocker_resolution_hours)
    )?;
    writeln!(
        out,
        "meetings   {} total · {} replaceable · {} off-length · {} a week and {} h a week per person",
        m.meetings.total,
        m.meetings.replaceable,
        m.meetings.off_length,
        show(m.meetings.per_person_per_week),
        show(m.meetings.hours_per_person_per_week)
    )?;
    let r = &m.replies;
    match r.pulls {
        Some(pulls) => writeln!(
            out,
            "replies    {pulls} pull requests · {} answered · median {} h to a first reply, {} working h · {} within target · {} waiting past target · {} of decided decisions approved",
            r.replied.map_or_else(|| "–".to_string(), |n| n.to_string()),
            show(r.median_first_response_hours),
            show(r.median_first_response_working_hours),
            show(r.within_target_pct) + "%",
            r.waiting_past_target
                .map_or_else(|| "–".to_string(), |n| n.to_string()),
            show(d.approved_pct) + "%",
        )?,
        None => writeln!(
            out,
            "replies    unknown: no pull-request export (`[forge] pulls` in docket.toml, or `--forge FILE`)"
        )?,
    }
    writeln!(out)?;
    writeln!(out, "targets")?;
    for t in &m.targets {
        let mark = match t.met {
            Some(true) => "met    ",
            Some(false) => "NOT met",
            None => "unknown",
        };
        let op = if t.at_least { "≥" } else { "≤" };
        writeln!(
            out,
            "  {mark}  {:<42} {:>8}  (target {op} {})",
            t.metric,
            show(t.value),
            show(Some(t.target))
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{now, repo};

    /// Every figure worked out by hand (in the comments) for a small team.
    #[test]
    fn every_key_equals_the_hand_computed_value() {
        let r = repo(&[
            // 48 h to decide; owner; outcome from `## Decision`.
            (
                "docs/decisions/0001-a.md",
                "---\ntitle: A\nstatus: accepted\nowner: alice\ndate: 2026-11-01\ndecided: 2026-11-03\n---\n## Options\n\n- x\n- y\n\n## Decision\n\nx.\n",
            ),
            // 24 h to decide; outcome in front matter.
            (
                "docs/decisions/0002-b.md",
                "---\ntitle: B\nstatus: rejected\nowner: bob\ndate: 2026-11-10\ndecided: 2026-11-11\noutcome: no\noptions: [x, y]\n---\n",
            ),
            // Deadline 2026-11-22 (date + 48 h) is before now (2026-11-24T12:00Z).
            (
                "docs/decisions/0003-c.md",
                "---\ntitle: C\nstatus: proposed\nowner: alice\ndate: 2026-11-20\n---\n",
            ),
            // No owner; deadline 2026-11-26, not past.
            (
                "docs/decisions/0004-d.md",
                "---\ntitle: D\nstatus: proposed\ndate: 2026-11-24\n---\n",
            ),
            (
                "docs/briefs/late.md",
                "---\ntitle: Late\nowner: alice\ndeadline: 2026-11-20\nstatus: active\n---\n",
            ),
            (
                "docs/briefs/later.md",
                "---\ntitle: Later\nowner: alice\ndeadline: 2026-12-20\nstatus: draft\n---\n",
            ),
            (
                "docs/briefs/done.md",
                "---\ntitle: Done\nowner: bob\ndeadline: 2026-11-01\nstatus: done\n---\n",
            ),
            // alice: one blocker from 11-20 to 11-22 (the case differs, it is the same
            // blocker): 48 h. bob: one open blocker.
            (
                "docs/updates/2026-11-20/alice.md",
                "Done: a\nNext: b\nBlocker: waiting on db\n",
            ),
            (
                "docs/updates/2026-11-21/alice.md",
                "Done: a\nNext: b\nBlocker: Waiting on DB\n",
            ),
            (
                "docs/updates/2026-11-22/alice.md",
                "Done: a\nNext: b\nBlocker: none\n",
            ),
            (
                "docs/updates/2026-11-23/bob.md",
                "Done: a\nNext: b\nBlocker: access\n",
            ),
            // alice: 5 × 15 min + 1 × 50 min = 6 a week, 2.0833 h; bob: 5, 1.25 h.
            (
                "docs/meetings.yaml",
                "- name: Standup\n  category: update\n  cadence: daily\n  duration: 15\n  attendees: [alice, bob]\n- name: Review\n  category: decision\n  cadence: weekly\n  duration: 50\n  attendees: [alice, ghost]\n",
            ),
        ]);
        let m = metrics(&r, now(), None);
        let json = serde_json::to_value(&m).unwrap_or_default();
        let expected = serde_json::json!({
            "version": 1,
            "decisions": {
                "total": 4,
                "by_status": {"accepted": 1, "deprecated": 0, "proposed": 2, "rejected": 1, "superseded": 0},
                "with_owner_pct": 75.0,
                "with_outcome_pct": 50.0,
                "open_past_deadline": 1,
                "median_hours_to_decide": 36.0,
                // No pull-request export: unknown.
                "approved_pct": null
            },
            "briefs": {"total": 3, "active": 1, "overdue": 1},
            "updates": {"total": 4, "open_blockers": 1, "median_blocker_resolution_hours": 48.0},
            "meetings": {
                "total": 2,
                "replaceable": 1,
                "off_length": 1,
                "per_person_per_week": 5.5,
                "hours_per_person_per_week": 1.67
            },
            "replies": {
                "pulls": null, "replied": null, "waiting_past_target": null,
                "median_first_response_hours": null, "median_first_response_working_hours": null,
                "within_target_pct": null, "per_person": {}
            },
            "targets": [
                {"metric": "decisions.with_owner_pct", "value": 75.0, "target": 80.0, "met": false},
                {"metric": "decisions.with_outcome_pct", "value": 50.0, "target": 80.0, "met": false},
                {"metric": "decisions.open_past_deadline", "value": 1.0, "target": 0.0, "met": false},
                {"metric": "updates.median_blocker_resolution_hours", "value": 48.0, "target": 24.0, "met": false},
                {"metric": "meetings.off_length", "value": 1.0, "target": 0.0, "met": false},
                {"metric": "meetings.hours_per_person_per_day", "value": 0.33, "target": 5.0, "met": true},
                {"metric": "meetings.per_person_per_week_change_pct", "value": null, "target": -30.0, "met": null},
                {"metric": "replies.median_first_response_working_hours", "value": null, "target": 4.0, "met": null},
                {"metric": "replies.within_target_pct", "value": null, "target": 80.0, "met": null},
                {"metric": "decisions.approved_pct", "value": null, "target": 80.0, "met": null}
            ]
        });
        assert_eq!(json, expected);
    }

    #[test]
    fn an_empty_team_gives_nulls_not_nan() {
        let r = repo(&[("docs/people.yaml", "[]\n")]);
        let m = metrics(&r, now(), None);
        let json = serde_json::to_string(&m).unwrap_or_default();
        assert_eq!(m.decisions.with_owner_pct, None);
        assert_eq!(m.meetings.per_person_per_week, None);
        assert_eq!(m.updates.median_blocker_resolution_hours, None);
        assert!(!json.contains("NaN"));
    }

    /// Without `meetings.yaml` (a `missing-meetings` finding) the other figures are
    /// still computed; the meeting figures are counts of nothing and nulls.
    #[test]
    fn without_a_meeting_inventory_the_rest_is_computed() {
        let r = repo(&[
            (
                "docs/decisions/0001-a.md",
                "---\ntitle: A\nstatus: accepted\nowner: alice\ndate: 2026-11-01\ndecided: 2026-11-02\noutcome: x\noptions: [x, y]\n---\n",
            ),
            (
                "docs/updates/2026-11-20/bob.md",
                "Done: a\nNext: b\nBlocker: access\n",
            ),
            (
                "docs/updates/2026-11-21/bob.md",
                "Done: a\nNext: b\nBlocker: none\n",
            ),
        ]);
        let m = metrics(&r, now(), None);
        let json = serde_json::to_value(&m).unwrap_or_default();
        assert_eq!(json["decisions"]["with_owner_pct"], 100.0);
        assert_eq!(json["decisions"]["median_hours_to_decide"], 24.0);
        assert_eq!(json["updates"]["median_blocker_resolution_hours"], 24.0);
        assert_eq!(
            json["meetings"],
            serde_json::json!({
                "total": 0, "replaceable": 0, "off_length": 0,
                "per_person_per_week": null, "hours_per_person_per_week": null
            })
        );
        let meeting_targets: Vec<_> = m
            .targets
            .iter()
            .filter(|t| t.metric.starts_with("meetings."))
            .map(|t| (t.metric.as_str(), t.value, t.met))
            .collect();
        assert_eq!(
            meeting_targets,
            [
                ("meetings.off_length", None, None),
                ("meetings.hours_per_person_per_day", None, None),
                ("meetings.per_person_per_week_change_pct", None, None),
            ]
        );
        assert!(
            !serde_json::to_string(&m)
                .unwrap_or_default()
                .contains("NaN")
        );
    }

    #[test]
    fn meetings_down_thirty_percent_against_ninety_days_earlier() {
        let before = repo(&[(
            "docs/meetings.yaml",
            "- name: Standup\n  category: update\n  cadence: daily\n  duration: 25\n  attendees: [alice]\n",
        )]);
        let now_repo = repo(&[(
            "docs/meetings.yaml",
            "- name: Standup\n  category: update\n  cadence: weekly\n  duration: 25\n  attendees: [alice]\n",
        )]);
        let baseline = inventory(&before);
        let m = metrics(&now_repo, now(), Some(&baseline));
        let t = m
            .targets
            .iter()
            .find(|t| t.metric == "meetings.per_person_per_week_change_pct");
        assert_eq!(t.map(|t| (t.value, t.met)), Some((Some(-80.0), Some(true))));
    }

    /// The fixture export `tests/fixtures/forge/pulls.json` against a roster in
    /// two time zones, now = Tuesday 2026-11-24T12:00Z. In November Berlin is
    /// UTC+1 and New York UTC−5; alice (Berlin, `github: alice-gh`) and bob (New
    /// York, `handles: [bobdev]`) work 09:00–17:00 local, Monday to Friday;
    /// `zoe-contractor` is not in the roster. First replies, worked out by hand:
    ///
    /// | PR | asked (UTC) | first reply (UTC) | wall h | working h of the responder |
    /// |---|---|---|---|---|
    /// | 101 | Mon 16 21:00 (NY 16:00) | alice Tue 08:30 (the bot's 21:05 comment does not count) | 11.5 | 0.5 (Berlin 09:00–09:30; asked at 22:00, across midnight) |
    /// | 102 | Fri 20 21:00 | bob Mon 23 14:30 | 65.5 | 1.5 (NY Fri 16:00–17:00, weekend, Mon 09:00–09:30) |
    /// | 103 (draft, from creation) | Wed 18 10:00 | bob 15:00 | 5 | 1 (NY 09:00–10:00) |
    /// | 105 | Thu 19 08:00 | bob 14:00 (approval) | 6 | 0 (NY 09:00 is 14:00 UTC) |
    /// | 106 | Thu 19 15:00 | alice 16:30 (approval; zoe at 16:45 is later) | 1.5 | 1 (Berlin 16:00–17:00) |
    /// | 107 | Tue 17 10:00 | zoe 13:00 | 3 | unknown (not in the roster) |
    /// | 108 | Tue 17 08:00 | alice 14:00 | 6 | 6 (Berlin 09:00–15:00) |
    ///
    /// #104 (bob's own comment and a bot's do not count) is open and unanswered
    /// since Mon 23 12:00: 24 h at now, past the 4 h target. #109 has no
    /// `createdAt`: nothing to count from, left out.
    #[test]
    fn forge_figures_equal_the_hand_computed_values() {
        use docket_model::forge::{Forge, parse_export};
        use docket_model::{Author, CommitInfo, FileHistory};
        let mut r = repo(&[
            (
                "docs/people.yaml",
                "- id: alice\n  name: Alice Ng\n  timezone: Europe/Berlin\n  github: alice-gh\n- id: bob\n  name: Bob Li\n  timezone: America/New_York\n  handles: [bobdev]\n",
            ),
            (
                "docs/decisions/0001-postgres.md",
                "---\ntitle: Use PostgreSQL\nstatus: accepted\nowner: alice\ndate: 2026-11-18\ndecided: 2026-11-19\noptions: [a, b]\noutcome: a\n---\n",
            ),
            (
                "docs/decisions/0002-updates.md",
                "---\ntitle: Weekly written updates\nstatus: accepted\nowner: alice\ndate: 2026-11-18\ndecided: 2026-11-19\noptions: [a, b]\noutcome: a\n---\n",
            ),
        ]);
        let commit = |id: &str, status: &str| CommitInfo {
            id: id.into(),
            time: now(),
            author: Author {
                name: "A".into(),
                email: "a@x".into(),
            },
            summary: String::new(),
            status: Some(status.into()),
        };
        // Decision 1 became accepted in a commit of #105 (approved by bob, twice:
        // one approval); decision 2 in #106's merge commit (approved by alice, its
        // owner, only).
        r.history.files.insert(
            "docs/decisions/0001-postgres.md".into(),
            FileHistory {
                commits: vec![
                    commit("5555555555555555555555555555555555555552", "accepted"),
                    commit("5555555555555555555555555555555555555551", "proposed"),
                ],
            },
        );
        r.history.files.insert(
            "docs/decisions/0002-updates.md".into(),
            FileHistory {
                commits: vec![commit(
                    "6666666666666666666666666666666666666669",
                    "accepted",
                )],
            },
        );
        r.forge = Some(Forge {
            path: "pulls.json".into(),
            pulls: parse_export(include_str!("../../../tests/fixtures/forge/pulls.json"))
                .unwrap_or_default(),
            source: None,
        });
        let m = metrics(&r, now(), None);
        let json = serde_json::to_value(&m).unwrap_or_default();
        assert_eq!(
            json["replies"],
            serde_json::json!({
                "pulls": 9,
                "replied": 7,
                "waiting_past_target": 1,
                // 1.5, 3, 5, 6, 6, 11.5, 65.5: the middle one.
                "median_first_response_hours": 6.0,
                // 0, 0.5, 1, 1, 1.5, 6 (zoe's unknown): (1 + 1) / 2.
                "median_first_response_working_hours": 1.0,
                // Within 4 h (working hours, zoe's wall-clock): all but #108, 6 of
                // 7, and #104 waiting 24 h is a miss: 6 / 8.
                "within_target_pct": 75.0,
                "per_person": {
                    // 101, 106, 108: wall 11.5, 1.5, 6; working 0.5, 1, 6; 2 of 3.
                    "alice": {"replies": 3, "median_first_response_hours": 6.0,
                              "median_first_response_working_hours": 1.0, "within_target_pct": 66.67},
                    // 102, 103, 105: wall 65.5, 5, 6; working 1.5, 1, 0; 3 of 3.
                    "bob": {"replies": 3, "median_first_response_hours": 6.0,
                            "median_first_response_working_hours": 1.0, "within_target_pct": 100.0},
                    // Shown as the login, never dropped.
                    "zoe-contractor": {"replies": 1, "median_first_response_hours": 3.0,
                                       "median_first_response_working_hours": null, "within_target_pct": 100.0}
                }
            })
        );
        // One of the two decided decisions has an approval besides its owner's.
        assert_eq!(json["decisions"]["approved_pct"], 50.0);
        let forge_targets: Vec<_> = m
            .targets
            .iter()
            .filter(|t| t.metric.starts_with("replies.") || t.metric == "decisions.approved_pct")
            .map(|t| (t.metric.as_str(), t.value, t.target, t.met))
            .collect();
        assert_eq!(
            forge_targets,
            [
                (
                    "replies.median_first_response_working_hours",
                    Some(1.0),
                    4.0,
                    Some(true)
                ),
                ("replies.within_target_pct", Some(75.0), 80.0, Some(false)),
                ("decisions.approved_pct", Some(50.0), 80.0, Some(false)),
            ]
        );
        // Without an export, the figures are unknown, not zero.
        r.forge = None;
        let m = metrics(&r, now(), None);
        assert_eq!(m.replies, ReplyMetrics::default());
        assert_eq!(m.decisions.approved_pct, None);
    }
}
