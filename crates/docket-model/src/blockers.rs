//! Blocker episodes (SPEC §3, §10): the one computation that `docket status`,
//! `docket metrics` and the site's updates and people pages all read.
//!
//! Per person, in date order, consecutive updates with the same `Blocker:` text
//! (trimmed, case-folded, runs of spaces as one, not `none`) are one blocker, opened at
//! the date of the first. It is resolved at the date of that person's first later
//! update without it (another blocker, `none`, or no `Blocker:` line); until then it
//! is open. Updates without a date are skipped.
//!
//! Pure: ages are measured against a time the caller passes in (`now` for `status`,
//! the newest update date for the site), never the clock.

use std::collections::BTreeMap;

use crate::document::Data;
use crate::repo::Repository;
use crate::time::{Time, seconds_between};

/// One blocker of one person.
#[derive(Debug, Clone, PartialEq)]
pub struct Blocker {
    /// The person (roster id, from the update).
    pub person: String,
    /// The text as written in the latest update that states it.
    pub text: String,
    /// The date of the first update that states it.
    pub opened: Time,
    /// The date of the person's first later update without it, if any.
    pub resolved: Option<Time>,
    /// The first update that states it (repository-relative path).
    pub first_path: String,
    /// The latest update that states it (repository-relative path).
    pub last_path: String,
}

impl Blocker {
    /// Whether no later update of the person resolves it.
    pub fn is_open(&self) -> bool {
        self.resolved.is_none()
    }

    /// Seconds the blocker has been open as seen at `at`: from its first update to its
    /// resolution, or to `at` while it is open (or was still open at `at`). Never
    /// negative.
    pub fn age_at(&self, at: Time) -> i64 {
        let end = match self.resolved {
            Some(r) if r <= at => r,
            _ => at,
        };
        seconds_between(self.opened, end).max(0)
    }

    /// Whether the update of `person` dated `date` is one of this blocker's run.
    /// Runs of one person never overlap, so at most one blocker covers an update.
    pub fn covers(&self, person: &str, date: Time) -> bool {
        self.person == person && self.opened <= date && self.resolved.is_none_or(|r| date < r)
    }
}

/// Every blocker in the updates, per person (by id) in date order.
pub fn blockers(repo: &Repository) -> Vec<Blocker> {
    blockers_until(repo, None)
}

/// [`blockers`] as they stood at `until`: later updates are not read, so a blocker
/// resolved after `until` is still open.
pub fn blockers_until(repo: &Repository, until: Option<Time>) -> Vec<Blocker> {
    // Per person: (date, path, open blocker text) of each update.
    type Entry<'a> = (Time, &'a str, Option<&'a str>);
    let mut by_person: BTreeMap<&str, Vec<Entry<'_>>> = BTreeMap::new();
    for doc in repo.readable() {
        let Data::Update(u) = &doc.data else { continue };
        let (Some(date), Some(person)) = (u.date, &u.person) else {
            continue;
        };
        if until.is_some_and(|t| date > t) {
            continue;
        }
        let text = u.open_blocker().map(|b| b.text.as_str());
        by_person
            .entry(person.value.as_str())
            .or_default()
            .push((date, doc.path.as_str(), text));
    }
    let mut out = Vec::new();
    for (person, mut updates) in by_person {
        updates.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        let mut current: Option<(String, Blocker)> = None;
        for (date, path, text) in updates {
            let key = text.map(fold);
            if let (Some((open, b)), Some(k)) = (&mut current, &key)
                && open == k
            {
                b.last_path = path.to_string();
                b.text = text.unwrap_or_default().trim().to_string();
                continue;
            }
            if let Some((_, mut b)) = current.take() {
                b.resolved = Some(date);
                out.push(b);
            }
            if let (Some(k), Some(t)) = (key, text) {
                current = Some((
                    k,
                    Blocker {
                        person: person.to_string(),
                        text: t.trim().to_string(),
                        opened: date,
                        resolved: None,
                        first_path: path.to_string(),
                        last_path: path.to_string(),
                    },
                ));
            }
        }
        out.extend(current.map(|(_, b)| b));
    }
    out
}

/// The date of the newest update, the site's reference for blocker ages.
pub fn newest_update(repo: &Repository) -> Option<Time> {
    repo.readable()
        .filter_map(|d| match &d.data {
            Data::Update(u) => u.date,
            _ => None,
        })
        .max()
}

/// Blocker texts compare trimmed and case-folded, with runs of spaces as one.
fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::Config;
    use crate::time::{format_date, parse_time};

    fn repo(files: &[(&str, &str)]) -> Repository {
        Repository::from_texts(
            Config::default(),
            files
                .iter()
                .map(|(p, t)| (p.to_string(), t.to_string()))
                .collect(),
        )
    }

    fn update(blocker: &str) -> String {
        format!("Done: x\nNext: y\nBlocker: {blocker}\n")
    }

    fn t(s: &str) -> Time {
        parse_time(s).unwrap()
    }

    #[test]
    fn runs_ages_and_coverage() {
        let r = repo(&[
            (
                "docs/updates/2026-11-19/alice.md",
                &update("Waiting for #3"),
            ),
            (
                "docs/updates/2026-11-20/alice.md",
                &update("waiting  for #3"),
            ),
            ("docs/updates/2026-11-22/alice.md", &update("none")),
            ("docs/updates/2026-11-21/bob.md", &update("vpn")),
            ("docs/updates/2026-11-23/bob.md", &update("VPN")),
        ]);
        let all = blockers(&r);
        let got: Vec<_> = all
            .iter()
            .map(|b| {
                (
                    b.person.as_str(),
                    format_date(b.opened),
                    b.resolved.map(format_date),
                    b.is_open(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "alice",
                    "2026-11-19".into(),
                    Some("2026-11-22".into()),
                    false
                ),
                ("bob", "2026-11-21".into(), None, true),
            ]
        );
        let reference = newest_update(&r).unwrap();
        assert_eq!(format_date(reference), "2026-11-23");
        // Resolved: its age is the resolution time, whatever the reference.
        assert_eq!(all[0].age_at(reference), 72 * 3600);
        // Seen before it was resolved, it was younger.
        assert_eq!(all[0].age_at(t("2026-11-20")), 24 * 3600);
        assert_eq!(all[1].age_at(reference), 48 * 3600);
        assert_eq!(all[1].age_at(t("2026-11-01")), 0);
        assert!(all[0].covers("alice", t("2026-11-20")));
        assert!(!all[0].covers("alice", t("2026-11-22")));
        assert!(!all[0].covers("bob", t("2026-11-20")));
        assert!(all[1].covers("bob", t("2026-11-23")));
        // As they stood on the 20th, alice's blocker was open.
        assert!(
            blockers_until(&r, Some(t("2026-11-20")))
                .iter()
                .all(Blocker::is_open)
        );
    }
}
