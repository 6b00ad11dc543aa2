//! The metrics dashboard of the site (`metrics.html`): the figures of `docket
//! metrics` and the charts of SPEC §10, at a reference time taken from the handbook
//! itself, never the clock.

use docket_check::metrics;
use docket_model::Meeting;
use docket_model::time::{Time, add_seconds, format_date};
use docket_site::Dashboard;
use docket_site::svg::{Chart, ChartKind};

use crate::workspace::Workspace;

/// How many weekly snapshots of the meeting inventory the meetings chart samples.
const MEETING_WEEKS: i64 = 13;

/// The dashboard: the figures of `docket metrics` and the charts, computed at
/// [`reference_time`] so that the same input gives the same page on any day.
/// `meetings_at` is the meeting inventory as it stood at a time (from git).
pub(crate) fn dashboard(
    ws: &Workspace,
    meetings_at: &dyn Fn(Time) -> Option<Vec<Meeting>>,
) -> Dashboard {
    let reference = reference_time(ws);
    let snapshots: Vec<_> = (0..MEETING_WEEKS)
        .rev()
        .map(|w| add_seconds(reference, -w * 7 * 86_400))
        .filter_map(|t| Some((t, meetings_at(t)?)))
        .collect();
    let before = meetings_at(metrics::baseline_time(reference));
    let m = metrics::metrics(&ws.repo, reference, before.as_deref());
    let s = metrics::series(&ws.repo, reference, &snapshots);
    let targets = m
        .targets
        .iter()
        .map(|t| docket_site::TargetView {
            label: t.label.clone(),
            metric: t.metric.clone(),
            value: t.value,
            target: t.target,
            at_least: t.at_least,
            met: t.met,
        })
        .collect();
    Dashboard {
        metrics: serde_json::to_value(&m).unwrap_or_default(),
        reference: format_date(reference),
        charts: charts(s),
        targets,
    }
}

/// The time of the newest change the repository holds: the newest commit or the
/// newest date in the documents, whichever is later.
fn reference_time(ws: &Workspace) -> Time {
    let newest_commit = ws
        .repo
        .history
        .files
        .values()
        .filter_map(|h| h.updated())
        .map(|c| c.time)
        .max();
    let newest_date = ws
        .repo
        .decisions()
        .flat_map(|(_, d)| [d.date.as_ref(), d.decided.as_ref()])
        .flatten()
        .map(|t| t.value)
        .chain(docket_model::blockers::newest_update(&ws.repo))
        .max();
    // The later of the two: a handbook may hold updates dated after its last commit,
    // and the blocker ages must not read as younger here than on the updates page.
    newest_commit.max(newest_date).unwrap_or_default()
}

/// The most open decisions the deadlines chart draws.
const MAX_DEADLINE_BARS: usize = 40;

/// The charts of the series, in page order; a chart without data is left out (the
/// decisions per week chart always stays).
fn charts(mut s: metrics::Series) -> Vec<Chart> {
    // A bar per open decision stays readable, and the page light, up to a point:
    // past it, the ones nearest their deadline (the most overdue first).
    let open = s.open_deadlines.len();
    let deadlines_title = if open > MAX_DEADLINE_BARS {
        s.open_deadlines
            .sort_by(|a, b| a.1.unwrap_or(f64::MAX).total_cmp(&b.1.unwrap_or(f64::MAX)));
        s.open_deadlines.truncate(MAX_DEADLINE_BARS);
        format!("Open decisions against their deadlines: the {MAX_DEADLINE_BARS} nearest of {open}")
    } else {
        "Open decisions against their deadlines".to_string()
    };
    let chart = |id: &str,
                 title: &str,
                 x: &str,
                 y: &str,
                 kind,
                 series: Vec<(&str, docket_check::metrics::Points)>| {
        Chart {
            id: id.into(),
            title: title.into(),
            x_label: x.into(),
            y_label: y.into(),
            kind,
            series: series
                .into_iter()
                .map(|(n, v)| (n.to_string(), v))
                .collect(),
        }
    };
    let mut charts = vec![
        chart(
            "per-week",
            "Decisions opened and decided per week",
            "week starting",
            "decisions",
            ChartKind::Bars,
            vec![
                ("opened", s.opened_per_week),
                ("decided", s.decided_per_week),
            ],
        ),
        chart(
            "time-to-decide",
            "Median time to decide",
            "week starting",
            "hours",
            ChartKind::Line,
            vec![("median hours", s.median_hours_per_week)],
        ),
        chart(
            "deadlines",
            &deadlines_title,
            "decision",
            "hours left (negative: overdue)",
            ChartKind::Bars,
            vec![("hours left", s.open_deadlines)],
        ),
        chart(
            "blockers",
            "Age of open blockers",
            "person",
            "hours open",
            ChartKind::Bars,
            vec![("hours open", s.blocker_ages)],
        ),
        chart(
            "meetings",
            "Meetings per person per week, last 90 days",
            "week",
            "meetings",
            ChartKind::Line,
            vec![("meetings", s.meetings_per_week)],
        ),
    ];
    if !s.reply_target_per_week.is_empty() {
        // Against the charter's target; only with a pull-request export.
        charts.push(chart(
            "replies",
            "Time to a first reply on pull requests, against the charter's target",
            "week starting",
            "hours",
            ChartKind::Line,
            vec![
                ("median working hours", s.reply_working_hours_per_week),
                ("median wall-clock hours", s.reply_hours_per_week),
                ("target (response_time)", s.reply_target_per_week),
            ],
        ));
    }
    charts.retain(|c| {
        c.series
            .iter()
            .any(|(_, v)| v.iter().any(|(_, x)| x.is_some()))
            || c.id == "per-week"
            || c.id == "replies"
    });
    charts
}
