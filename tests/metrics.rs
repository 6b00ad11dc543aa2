//! `docket metrics --format json` on a team whose numbers are worked out by hand,
//! and the dashboard page the site draws from the same figures.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{MINIMAL, Repo};

fn team() -> Repo {
    let repo = Repo::new();
    repo.write_all(MINIMAL).write_all(&[
        // 48 h to decide; owner; outcome from `## Decision`.
        ("docs/decisions/0001-a.md", "---\ntitle: A\nstatus: accepted\nowner: alice\ndate: 2026-11-01\ndecided: 2026-11-03\n---\n## Options\n\n- x\n- y\n\n## Decision\n\nx.\n"),
        // 24 h to decide.
        ("docs/decisions/0002-b.md", "---\ntitle: B\nstatus: rejected\nowner: bob\ndate: 2026-11-10\ndecided: 2026-11-11\noutcome: no\noptions: [x, y]\n---\n"),
        // Past its deadline (date + 48 h = 2026-11-22) at --now.
        ("docs/decisions/0003-c.md", "---\ntitle: C\nstatus: proposed\nowner: alice\ndate: 2026-11-20\n---\n"),
        // No owner, no outcome, not yet due.
        ("docs/decisions/0004-d.md", "---\ntitle: D\nstatus: proposed\ndate: 2026-11-24\n---\n"),
        ("docs/briefs/late.md", "---\ntitle: Late\nowner: alice\ndeadline: 2026-11-20\nstatus: active\n---\n## Context\nx\n## Expected output\nx\n## Acceptance criteria\nx\n"),
        ("docs/briefs/done.md", "---\ntitle: Done\nowner: bob\ndeadline: 2026-11-01\nstatus: done\n---\n## Context\nx\n## Expected output\nx\n## Acceptance criteria\nx\n"),
        // carol: a blocker from 11-20 to 11-23 (72 h); bob: one still open.
        ("docs/updates/2026-11-20/carol.md", "Done: a\nNext: b\nBlocker: waiting on db\n"),
        ("docs/updates/2026-11-23/carol.md", "Done: a\nNext: b\nBlocker: none\n"),
        ("docs/updates/2026-11-23/bob.md", "Done: a\nNext: b\nBlocker: access\n"),
        // alice 5 × 25 min + 1 × 50 min: 6 a week, 2.9167 h; bob 5, 2.0833 h;
        // carol 1, 0.8333 h. Averages: 4 a week, 1.94 h.
        ("docs/meetings.yaml", "- name: Standup\n  category: update\n  cadence: daily\n  duration: 25\n  attendees: [alice, bob]\n- name: Review\n  category: decision\n  cadence: weekly\n  duration: 50\n  attendees: [alice, carol]\n"),
    ]);
    repo.commit("team");
    repo
}

#[test]
fn every_key_equals_the_hand_computed_value() {
    let repo = team();
    let run = repo
        .docket()
        .now("2026-11-24T12:00:00Z")
        .args(["metrics", "--format", "json"])
        .run();
    run.assert_code(0);
    let expected = serde_json::json!({
        "version": 1,
        "decisions": {
            "total": 4,
            "by_status": {"accepted": 1, "deprecated": 0, "proposed": 2, "rejected": 1, "superseded": 0},
            "with_owner_pct": 75.0,
            "with_outcome_pct": 50.0,
            "open_past_deadline": 1,
            "median_hours_to_decide": 36.0,
            // No pull-request export: unknown, not zero (tests/forge.rs has one).
            "approved_pct": null
        },
        "briefs": {"total": 2, "active": 1, "overdue": 1},
        "updates": {"total": 3, "open_blockers": 1, "median_blocker_resolution_hours": 72.0},
        "meetings": {"total": 2, "replaceable": 1, "off_length": 0, "per_person_per_week": 4.0, "hours_per_person_per_week": 1.94},
        "replies": {"pulls": null, "replied": null, "waiting_past_target": null,
                    "median_first_response_hours": null, "median_first_response_working_hours": null,
                    "within_target_pct": null, "per_person": {}},
        "targets": [
            {"metric": "decisions.with_owner_pct", "value": 75.0, "target": 80.0, "met": false},
            {"metric": "decisions.with_outcome_pct", "value": 50.0, "target": 80.0, "met": false},
            {"metric": "decisions.open_past_deadline", "value": 1.0, "target": 0.0, "met": false},
            {"metric": "updates.median_blocker_resolution_hours", "value": 72.0, "target": 24.0, "met": false},
            {"metric": "meetings.off_length", "value": 0.0, "target": 0.0, "met": true},
            {"metric": "meetings.hours_per_person_per_day", "value": 0.39, "target": 5.0, "met": true},
            {"metric": "meetings.per_person_per_week_change_pct", "value": null, "target": -30.0, "met": null},
            {"metric": "replies.median_first_response_working_hours", "value": null, "target": 4.0, "met": null},
            {"metric": "replies.within_target_pct", "value": null, "target": 80.0, "met": null},
            {"metric": "decisions.approved_pct", "value": null, "target": 80.0, "met": null}
        ]
    });
    assert_eq!(run.json(), expected);
    let human = repo
        .docket()
        .now("2026-11-24T12:00:00Z")
        .args(["metrics"])
        .run();
    assert!(
        human.stdout.contains("NOT met") && human.stdout.contains("decisions.with_owner_pct"),
        "{}",
        human.stdout
    );
}

#[test]
fn the_site_has_a_dashboard_with_charts() {
    let repo = team();
    let out = repo.path().join("site");
    repo.docket()
        .args(["build", ".", "--out", out.to_str().unwrap()])
        .run()
        .assert_code(0);
    let page = std::fs::read_to_string(out.join("metrics.html")).unwrap();
    assert!(
        page.contains("<svg class=\"chart\""),
        "charts are inline SVG"
    );
    assert!(
        page.contains("<title id=\"per-week-title\">Decisions opened and decided per week</title>")
    );
    assert!(page.contains("decisions.with_owner_pct"));
    assert!(
        !page.contains("<script src=\"http"),
        "nothing is loaded from elsewhere"
    );
}
