//! The organisation's figures, per source and in total, from what
//! `decisions.json` carries (SPEC §10's decision figures that need no body):
//! decisions, by status, with an owner, decided, the median time to decide, and
//! open past the deadline at a reference time the caller gives (never the clock).

use std::collections::BTreeMap;

use docket_model::time::{Time, parse_time, seconds_between};

use crate::contract::Entry;

/// The figures of a set of decisions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    /// Decisions (the built-in kind).
    pub total: usize,
    /// Decisions by status as written.
    pub by_status: BTreeMap<String, usize>,
    /// Share with an owner, 0–100.
    pub with_owner_pct: f64,
    /// Accepted or rejected.
    pub decided: usize,
    /// Median of `decided` − `date` in hours over the decided ones with both.
    pub median_hours_to_decide: Option<f64>,
    /// Proposed with a deadline before the reference time.
    pub open_past_deadline: usize,
}

/// The figures of `entries` at `now`.
pub fn figures<'a>(entries: impl IntoIterator<Item = &'a Entry>, now: Option<Time>) -> Figures {
    let mut f = Figures::default();
    let mut owned = 0;
    let mut hours = Vec::new();
    for e in entries.into_iter().filter(|e| e.is_decision()) {
        f.total += 1;
        let status = e.status.as_deref().unwrap_or("(none)");
        *f.by_status.entry(status.to_string()).or_default() += 1;
        if e.owner.is_some() {
            owned += 1;
        }
        if matches!(status, "accepted" | "rejected") {
            f.decided += 1;
            let date = e.date.as_deref().and_then(parse_time);
            let decided = e.decided.as_deref().and_then(parse_time);
            if let (Some(a), Some(b)) = (date, decided) {
                hours.push(seconds_between(a, b) as f64 / 3600.0);
            }
        }
        if status == "proposed"
            && let (Some(now), Some(deadline)) = (now, e.deadline.as_deref().and_then(parse_time))
            && deadline < now
        {
            f.open_past_deadline += 1;
        }
    }
    if f.total > 0 {
        f.with_owner_pct = (owned as f64 * 1000.0 / f.total as f64).round() / 10.0;
    }
    if !hours.is_empty() {
        hours.sort_by(f64::total_cmp);
        let n = hours.len();
        let median = if n % 2 == 1 {
            hours[n / 2]
        } else {
            (hours[n / 2 - 1] + hours[n / 2]) / 2.0
        };
        f.median_hours_to_decide = Some((median * 10.0).round() / 10.0);
    }
    f
}

/// The reference time of a hub's figures: the latest date any entry carries
/// (`updated`, `decided` or `date`), so the same sources give the same page.
pub fn reference_time<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> Option<Time> {
    entries
        .into_iter()
        .flat_map(|e| {
            [
                e.updated.as_deref(),
                e.decided.as_deref(),
                e.date.as_deref(),
            ]
        })
        .flatten()
        .filter_map(parse_time)
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(status: &str, date: &str, decided: Option<&str>, deadline: Option<&str>) -> Entry {
        serde_json::from_value(serde_json::json!({
            "id": 1, "status": status, "owner": "alice", "date": date,
            "decided": decided, "deadline": deadline,
        }))
        .unwrap()
    }

    #[test]
    fn figures_of_decisions() {
        let es = [
            entry("accepted", "2026-11-01", Some("2026-11-02"), None),
            entry("rejected", "2026-11-01", Some("2026-11-05"), None),
            entry("proposed", "2026-11-20", None, Some("2026-11-22")),
            entry("proposed", "2026-11-20", None, Some("2026-12-22")),
        ];
        let now = reference_time(&es);
        assert_eq!(now, parse_time("2026-11-20"));
        let f = figures(&es, parse_time("2026-11-25"));
        assert_eq!(f.total, 4);
        assert_eq!(f.decided, 2);
        assert_eq!(f.median_hours_to_decide, Some(60.0));
        assert_eq!(f.open_past_deadline, 1);
        assert_eq!(f.with_owner_pct, 100.0);
        assert_eq!(f.by_status["proposed"], 2);
    }
}
