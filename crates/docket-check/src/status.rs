//! What needs attention now (`docket status`, SPEC §1 "Keeping decisions moving"): open
//! decisions past their deadline or due within a day, briefs past due, and blockers
//! older than the charter's `blocker_resolution`.
//!
//! A pure function of the [`Repository`] and `now`, like the rules: no IO, no clock.
//! The same definitions serve `docket metrics` and the site: [`blockers`] (the
//! blocker history of SPEC §10) is `docket_model::blockers`, re-exported.
//!
//! The JSON form ([`render_json`]) is a versioned contract:
//!
//! ```json
//! {"version": 1,
//!  "overdue_decisions": [{"kind": "decision", "path": "docs/decisions/0042-use-postgresql.md", "title": "Use PostgreSQL",
//!                         "owner": "alice", "deadline": "2026-11-22T00:00:00Z", "overdue_hours": 60}],
//!  "due_soon": [{"kind": "decision", "path": "…", "title": "…", "owner": "bob", "deadline": "…", "due_in_hours": 5}],
//!  "overdue_briefs": [{"path": "…", "title": "…", "owner": "carol", "status": "active",
//!                      "deadline": "…", "overdue_hours": 12}],
//!  "stale_blockers": [{"path": "docs/updates/2026-11-23/bob.md", "title": "waiting for #42",
//!                      "owner": "bob", "since": "2026-11-21T00:00:00Z", "overdue_hours": 36}]}
//! ```
//!
//! With a pull-request export (`[forge] pulls`, `--forge`), also
//! `"waiting_pulls": [{"number": 104, "title": "…", "url": "…", "author": "bobdev",
//! "since": "2026-11-23T12:00:00Z", "waiting_hours": 24}]`: open pull requests (not
//! drafts) that have waited longer than the charter's `response_time` for a first
//! reply, wall-clock (nobody knows yet whose working hours to count); the key is
//! absent without an export.
//!
//! Times are UTC with a `Z`; hours are whole hours, rounded down. `kind` is
//! `decision`, or the name of a kind of the team's own (`[kinds.proposal]`) whose
//! open records have a deadline (its `deadline` key): open records of every kind
//! are listed, by the category of their status, never its word.

use std::io::{self, Write};

use docket_model::time::{Time, format_time, seconds_between};
use docket_model::{Data, Kind, Repository};
use serde::Serialize;

/// Blocker episodes live in the model, so that `status`, `metrics` and the site
/// share one computation; re-exported here for the callers of this module.
pub use docket_model::blockers::{Blocker, blockers, blockers_until};

/// The version of the JSON output's shape.
pub const STATUS_JSON_VERSION: u32 = 1;

/// How far ahead a deadline counts as "due soon": one day.
pub const DUE_SOON: i64 = 24 * 3600;

/// An open record (a `proposed` decision, or a record of a team's own kind whose
/// status is an open one) with its deadline.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenDecision {
    /// The record's kind (`decision`, or a kind of the team's own).
    pub kind: Kind,
    /// Repository-relative path.
    pub path: String,
    /// Title (or file stem).
    pub title: String,
    /// The owner, when named.
    pub owner: Option<String>,
    /// The `deadline` key, or `date` + the charter's `decision_deadline`.
    pub deadline: Time,
    /// Whether the deadline is implied by `date` rather than written.
    pub implied: bool,
    /// Seconds from the deadline to now: positive when overdue, else how long is left
    /// (negated).
    pub late: i64,
}

/// A `draft` or `active` brief past its deadline.
#[derive(Debug, Clone, PartialEq)]
pub struct OverdueBrief {
    /// Repository-relative path.
    pub path: String,
    /// Title (or file stem).
    pub title: String,
    /// The owner, when named.
    pub owner: Option<String>,
    /// `draft` or `active`.
    pub status: String,
    /// The deadline.
    pub deadline: Time,
    /// Seconds since the deadline.
    pub late: i64,
}

/// An unresolved blocker older than the charter's `blocker_resolution`.
#[derive(Debug, Clone, PartialEq)]
pub struct StaleBlocker {
    /// The blocker.
    pub blocker: Blocker,
    /// Seconds since it was opened.
    pub age: i64,
    /// Seconds past `blocker_resolution`.
    pub late: i64,
}

/// Everything `docket status` reports, each list sorted by its time (oldest first),
/// then by path.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Status {
    /// `proposed` decisions past their deadline.
    pub overdue_decisions: Vec<OpenDecision>,
    /// `proposed` decisions due within [`DUE_SOON`].
    pub due_soon: Vec<OpenDecision>,
    /// Briefs past their deadline.
    pub overdue_briefs: Vec<OverdueBrief>,
    /// Blockers open longer than the charter allows.
    pub stale_blockers: Vec<StaleBlocker>,
    /// The charter's `blocker_resolution`, seconds (for messages).
    pub blocker_resolution: i64,
    /// Open pull requests waiting longer than the charter's `response_time` for a
    /// first reply, longest first; `None` without a pull-request export.
    pub waiting_pulls: Option<Vec<docket_model::forge::Waiting>>,
    /// The charter's `response_time`, seconds (for messages).
    pub response_time: i64,
}

impl Status {
    /// Whether anything is overdue (what `--fail-on-overdue` fails on). Decisions that
    /// are only due soon do not count.
    pub fn is_overdue(&self) -> bool {
        !(self.overdue_decisions.is_empty()
            && self.overdue_briefs.is_empty()
            && self.stale_blockers.is_empty())
    }

    /// Whether there is nothing to report at all. Pull requests waiting for a
    /// reply are reported, but are not "overdue" records (`--fail-on-overdue`).
    pub fn is_empty(&self) -> bool {
        !self.is_overdue()
            && self.due_soon.is_empty()
            && self.waiting_pulls.as_ref().is_none_or(Vec::is_empty)
    }
}

/// Computes the status of `repo` at `now`.
pub fn status(repo: &Repository, now: Time) -> Status {
    let norms = repo.norms();
    let mut out = Status {
        blocker_resolution: norms.blocker_resolution,
        response_time: norms.response_time,
        waiting_pulls: docket_model::forge::replies(repo, now).map(|r| {
            r.waiting_past(norms.response_time)
                .cloned()
                .collect::<Vec<_>>()
        }),
        ..Status::default()
    };
    for (doc, d) in repo.readable_decisions() {
        let Some(docket_model::Deadline {
            time: deadline,
            implied,
            ..
        }) = doc.proposed_deadline(norms)
        else {
            continue;
        };
        let late = seconds_between(deadline, now);
        let item = OpenDecision {
            kind: d.kind,
            path: doc.path.clone(),
            title: doc.title(),
            owner: owner(d.owner.as_ref()),
            deadline,
            implied,
            late,
        };
        if late > 0 {
            out.overdue_decisions.push(item);
        } else if -late <= DUE_SOON {
            out.due_soon.push(item);
        }
    }
    for doc in repo.readable() {
        let Data::Brief(b) = &doc.data else { continue };
        let (Some(status), Some(deadline)) = (&b.status, &b.deadline) else {
            continue;
        };
        if !b.is_open() {
            continue;
        }
        let late = seconds_between(deadline.value, now);
        if late > 0 {
            out.overdue_briefs.push(OverdueBrief {
                path: doc.path.clone(),
                title: doc.title(),
                owner: owner(b.owner.as_ref()),
                status: status.value.clone(),
                deadline: deadline.value,
                late,
            });
        }
    }
    for blocker in blockers_until(repo, Some(now)) {
        if !blocker.is_open() {
            continue;
        }
        let age = blocker.age_at(now);
        if age > norms.blocker_resolution {
            out.stale_blockers.push(StaleBlocker {
                late: age - norms.blocker_resolution,
                age,
                blocker,
            });
        }
    }
    out.overdue_decisions
        .sort_by(|a, b| (a.deadline, &a.path).cmp(&(b.deadline, &b.path)));
    out.due_soon
        .sort_by(|a, b| (a.deadline, &a.path).cmp(&(b.deadline, &b.path)));
    out.overdue_briefs
        .sort_by(|a, b| (a.deadline, &a.path).cmp(&(b.deadline, &b.path)));
    out.stale_blockers.sort_by(|a, b| {
        (a.blocker.opened, &a.blocker.last_path).cmp(&(b.blocker.opened, &b.blocker.last_path))
    });
    out
}

fn owner(o: Option<&docket_model::Spanned<String>>) -> Option<String> {
    o.map(|o| o.value.clone()).filter(|o| !o.is_empty())
}

#[derive(Serialize)]
struct Json<'a> {
    version: u32,
    overdue_decisions: Vec<DecisionJson<'a>>,
    due_soon: Vec<DueJson<'a>>,
    overdue_briefs: Vec<BriefJson<'a>>,
    stale_blockers: Vec<BlockerJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    waiting_pulls: Option<Vec<PullJson<'a>>>,
}

#[derive(Serialize)]
struct PullJson<'a> {
    number: Option<u64>,
    title: Option<&'a str>,
    url: Option<&'a str>,
    author: Option<&'a str>,
    since: String,
    waiting_hours: i64,
}

#[derive(Serialize)]
struct DecisionJson<'a> {
    kind: &'a str,
    path: &'a str,
    title: &'a str,
    owner: Option<&'a str>,
    deadline: String,
    overdue_hours: i64,
}

#[derive(Serialize)]
struct DueJson<'a> {
    kind: &'a str,
    path: &'a str,
    title: &'a str,
    owner: Option<&'a str>,
    deadline: String,
    due_in_hours: i64,
}

#[derive(Serialize)]
struct BriefJson<'a> {
    path: &'a str,
    title: &'a str,
    owner: Option<&'a str>,
    status: &'a str,
    deadline: String,
    overdue_hours: i64,
}

#[derive(Serialize)]
struct BlockerJson<'a> {
    path: &'a str,
    title: &'a str,
    owner: &'a str,
    since: String,
    overdue_hours: i64,
}

/// Writes `status` as pretty-printed JSON followed by a newline (the shape is in the
/// module documentation).
pub fn render_json(out: &mut dyn Write, status: &Status) -> io::Result<()> {
    let hours = |s: i64| s.div_euclid(3600);
    let json = Json {
        version: STATUS_JSON_VERSION,
        overdue_decisions: status
            .overdue_decisions
            .iter()
            .map(|d| DecisionJson {
                kind: d.kind.name(),
                path: &d.path,
                title: &d.title,
                owner: d.owner.as_deref(),
                deadline: format_time(d.deadline),
                overdue_hours: hours(d.late),
            })
            .collect(),
        due_soon: status
            .due_soon
            .iter()
            .map(|d| DueJson {
                kind: d.kind.name(),
                path: &d.path,
                title: &d.title,
                owner: d.owner.as_deref(),
                deadline: format_time(d.deadline),
                due_in_hours: hours(-d.late),
            })
            .collect(),
        overdue_briefs: status
            .overdue_briefs
            .iter()
            .map(|b| BriefJson {
                path: &b.path,
                title: &b.title,
                owner: b.owner.as_deref(),
                status: &b.status,
                deadline: format_time(b.deadline),
                overdue_hours: hours(b.late),
            })
            .collect(),
        stale_blockers: status
            .stale_blockers
            .iter()
            .map(|s| BlockerJson {
                path: &s.blocker.last_path,
                title: &s.blocker.text,
                owner: &s.blocker.person,
                since: format_time(s.blocker.opened),
                overdue_hours: hours(s.late),
            })
            .collect(),
        waiting_pulls: status.waiting_pulls.as_ref().map(|w| {
            w.iter()
                .map(|p| PullJson {
                    number: p.number,
                    title: p.title.as_deref(),
                    url: p.url.as_deref(),
                    author: p.author.as_deref(),
                    since: format_time(p.asked),
                    waiting_hours: hours(p.waited),
                })
                .collect()
        }),
    };
    serde_json::to_writer_pretty(&mut *out, &json).map_err(io::Error::other)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{now, repo};
    use docket_model::time::parse_time;

    fn t(s: &str) -> Time {
        parse_time(s).unwrap()
    }

    fn decision(status: &str, rest: &str) -> String {
        format!("---\ntitle: A decision\nstatus: {status}\nowner: alice\n{rest}---\n")
    }

    fn update(blocker: &str) -> String {
        format!("Done: x\nNext: y\nBlocker: {blocker}\n")
    }

    #[test]
    fn decisions_overdue_and_due_soon() {
        // now() is 2026-11-24T12:00:00Z; the default decision_deadline is 48h.
        let r = repo(&[
            // Explicit deadline, 36 hours ago.
            (
                "docs/decisions/0001-a.md",
                &decision("proposed", "date: 2026-11-20\ndeadline: 2026-11-23\n"),
            ),
            // Implied: 2026-11-21 + 48h = 2026-11-23T00:00Z, also 36 hours ago.
            (
                "docs/decisions/0002-b.md",
                &decision("proposed", "date: 2026-11-21\n"),
            ),
            // Implied: 2026-11-23 + 48h = 2026-11-25T00:00Z, due in 12 hours.
            (
                "docs/decisions/0003-c.md",
                &decision("proposed", "date: 2026-11-23\n"),
            ),
            // Due in exactly 24 hours: still due soon.
            (
                "docs/decisions/0004-d.md",
                &decision(
                    "proposed",
                    "date: 2026-11-20\ndeadline: 2026-11-25T12:00:00Z\n",
                ),
            ),
            // Due in 25 hours: not yet.
            (
                "docs/decisions/0005-e.md",
                &decision(
                    "proposed",
                    "date: 2026-11-20\ndeadline: 2026-11-25T13:00:00Z\n",
                ),
            ),
            // Decided, and a deadline that is not a date: neither is reported.
            (
                "docs/decisions/0006-f.md",
                &decision("accepted", "date: 2026-11-01\ndeadline: 2026-11-02\n"),
            ),
            (
                "docs/decisions/0007-g.md",
                &decision("proposed", "date: 2026-11-01\ndeadline: soon\n"),
            ),
            // Exactly at its deadline: due, not overdue.
            (
                "docs/decisions/0008-h.md",
                &decision(
                    "proposed",
                    "date: 2026-11-01\ndeadline: 2026-11-24T12:00:00Z\n",
                ),
            ),
        ]);
        let s = status(&r, now());
        let overdue: Vec<_> = s
            .overdue_decisions
            .iter()
            .map(|d| (d.path.as_str(), d.late / 3600, d.implied))
            .collect();
        assert_eq!(
            overdue,
            [
                ("docs/decisions/0001-a.md", 36, false),
                ("docs/decisions/0002-b.md", 36, true),
            ]
        );
        let soon: Vec<_> = s
            .due_soon
            .iter()
            .map(|d| (d.path.as_str(), -d.late / 3600))
            .collect();
        assert_eq!(
            soon,
            [
                ("docs/decisions/0008-h.md", 0),
                ("docs/decisions/0003-c.md", 12),
                ("docs/decisions/0004-d.md", 24),
            ]
        );
        assert_eq!(s.overdue_decisions[0].owner.as_deref(), Some("alice"));
        assert!(s.is_overdue());
    }

    #[test]
    fn the_charter_moves_implied_deadlines() {
        let r = repo(&[
            (
                "docs/charter.md",
                "---\ntitle: C\nowner: alice\nreviewed: 2026-11-01\ndecision_deadline: 2w\n---\n",
            ),
            (
                "docs/decisions/0001-a.md",
                &decision("proposed", "date: 2026-11-20\n"),
            ),
        ]);
        let s = status(&r, now());
        assert!(s.is_empty(), "{s:?}");
    }

    #[test]
    fn overdue_briefs() {
        let brief = |status: &str, deadline: &str| {
            format!("---\ntitle: B\nowner: bob\ndeadline: {deadline}\nstatus: {status}\n---\n")
        };
        let r = repo(&[
            ("docs/briefs/a.md", &brief("active", "2026-11-20")),
            ("docs/briefs/b.md", &brief("draft", "2026-11-24T11:00:00Z")),
            ("docs/briefs/c.md", &brief("done", "2026-11-01")),
            ("docs/briefs/d.md", &brief("cancelled", "2026-11-01")),
            ("docs/briefs/e.md", &brief("active", "2026-11-24T12:00:00Z")),
            ("docs/briefs/f.md", &brief("active", "2026-11-30")),
        ]);
        let s = status(&r, now());
        let got: Vec<_> = s
            .overdue_briefs
            .iter()
            .map(|b| (b.path.as_str(), b.status.as_str(), b.late / 3600))
            .collect();
        assert_eq!(
            got,
            [
                ("docs/briefs/a.md", "active", 108),
                ("docs/briefs/b.md", "draft", 1),
            ]
        );
        assert_eq!(s.overdue_briefs[0].owner.as_deref(), Some("bob"));
    }

    #[test]
    fn blockers_are_runs_of_the_same_text() {
        let r = repo(&[
            // alice: blocked from the 19th to the 21st (same text, other case and
            // spacing), then free, then blocked again on the 23rd.
            (
                "docs/updates/2026-11-19/alice.md",
                &update("Waiting for #3"),
            ),
            (
                "docs/updates/2026-11-20/alice.md",
                &update("  waiting   FOR #3 "),
            ),
            ("docs/updates/2026-11-21/alice.md", &update("none")),
            ("docs/updates/2026-11-23/alice.md", &update("the CI runner")),
            // bob: one blocker replaced by another.
            (
                "docs/updates/2026-11-20/bob.md",
                &update("review of the brief"),
            ),
            (
                "docs/updates/2026-11-22/bob.md",
                &update("access to billing"),
            ),
            // carol: an update without a Blocker line resolves hers.
            ("docs/updates/2026-11-18/carol.md", &update("vpn")),
            ("docs/updates/2026-11-19/carol.md", "Done: x\nNext: y\n"),
        ]);
        let all: Vec<_> = blockers(&r)
            .into_iter()
            .map(|b| {
                (
                    b.person,
                    b.text,
                    docket_model::time::format_date(b.opened),
                    b.resolved.map(docket_model::time::format_date),
                    b.first_path,
                    b.last_path,
                )
            })
            .collect();
        let s = |x: &str| x.to_string();
        assert_eq!(
            all,
            [
                (
                    s("alice"),
                    s("waiting   FOR #3"),
                    s("2026-11-19"),
                    Some(s("2026-11-21")),
                    s("docs/updates/2026-11-19/alice.md"),
                    s("docs/updates/2026-11-20/alice.md"),
                ),
                (
                    s("alice"),
                    s("the CI runner"),
                    s("2026-11-23"),
                    None,
                    s("docs/updates/2026-11-23/alice.md"),
                    s("docs/updates/2026-11-23/alice.md"),
                ),
                (
                    s("bob"),
                    s("review of the brief"),
                    s("2026-11-20"),
                    Some(s("2026-11-22")),
                    s("docs/updates/2026-11-20/bob.md"),
                    s("docs/updates/2026-11-20/bob.md"),
                ),
                (
                    s("bob"),
                    s("access to billing"),
                    s("2026-11-22"),
                    None,
                    s("docs/updates/2026-11-22/bob.md"),
                    s("docs/updates/2026-11-22/bob.md"),
                ),
                (
                    s("carol"),
                    s("vpn"),
                    s("2026-11-18"),
                    Some(s("2026-11-19")),
                    s("docs/updates/2026-11-18/carol.md"),
                    s("docs/updates/2026-11-18/carol.md"),
                ),
            ]
        );
        // At noon on the 24th with the default 24h: bob's (opened the 22nd, 60h) is
        // stale; alice's (opened the 23rd, 36h) too; both by more than a day.
        let st = status(&r, now());
        let stale: Vec<_> = st
            .stale_blockers
            .iter()
            .map(|b| (b.blocker.person.as_str(), b.age / 3600, b.late / 3600))
            .collect();
        assert_eq!(stale, [("bob", 60, 36), ("alice", 36, 12)]);
    }

    #[test]
    fn blockers_respect_the_charter_and_the_clock() {
        let r = repo(&[
            (
                "docs/charter.md",
                "---\ntitle: C\nowner: alice\nreviewed: 2026-11-01\nblocker_resolution: 2d\n---\n",
            ),
            ("docs/updates/2026-11-23/alice.md", &update("vpn")),
            ("docs/updates/2026-11-21/bob.md", &update("vpn")),
            // Written after `now`: not known yet, so bob's blocker is still open.
            ("docs/updates/2026-11-25/bob.md", &update("none")),
        ]);
        let s = status(&r, now());
        let stale: Vec<_> = s
            .stale_blockers
            .iter()
            .map(|b| (b.blocker.person.as_str(), b.late / 3600))
            .collect();
        assert_eq!(stale, [("bob", 36)]);
        assert_eq!(s.blocker_resolution, 48 * 3600);
        // The full history sees the later update.
        assert!(
            blockers(&r)
                .iter()
                .all(|b| b.person != "bob" || b.resolved.is_some())
        );
        // Exactly at the limit is not stale yet.
        assert!(
            status(&r, t("2026-11-25T00:00:00Z"))
                .stale_blockers
                .is_empty()
        );
    }

    #[test]
    fn json_shape() {
        let r = repo(&[
            (
                "docs/decisions/0001-a.md",
                &decision("proposed", "date: 2026-11-20\ndeadline: 2026-11-23\n"),
            ),
            ("docs/updates/2026-11-22/bob.md", &update("access")),
        ]);
        let mut out = Vec::new();
        render_json(&mut out, &status(&r, now())).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(
            v,
            serde_json::json!({
                "version": 1,
                "overdue_decisions": [{
                    "kind": "decision", "path": "docs/decisions/0001-a.md", "title": "A decision", "owner": "alice",
                    "deadline": "2026-11-23T00:00:00Z", "overdue_hours": 36
                }],
                "due_soon": [],
                "overdue_briefs": [],
                "stale_blockers": [{
                    "path": "docs/updates/2026-11-22/bob.md", "title": "access", "owner": "bob",
                    "since": "2026-11-22T00:00:00Z", "overdue_hours": 36
                }]
            })
        );
        assert!(out.ends_with(b"}\n"));
    }
}
