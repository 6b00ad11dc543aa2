//! Forge signals (issue 18) end to end: a pull-request export in the shape
//! `gh pr list --json` writes, read by `metrics`, `status`, `build` and `check`
//! against a real git history.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{MINIMAL, Repo};

const NOW: &str = "2026-11-24T12:00:00Z";

/// The roster of `MINIMAL` with forge logins: alice by `github`, bob by
/// `handles`; carol has none.
const PEOPLE: &str = "\
- id: alice
  name: Alice Ng
  timezone: Europe/Berlin
  github: alice-gh
- id: bob
  name: Bob Okafor
  timezone: America/Toronto
  handles: [bobdev]
- id: carol
  name: Carol Lindqvist
  timezone: Europe/Stockholm
";

const PROPOSED: &str = "---\ntitle: Use PostgreSQL\nstatus: proposed\nowner: alice\ndate: 2026-11-18\ndeadline: 2026-11-25\n---\n## Context\n\nWe need a database.\n";

const ACCEPTED: &str = "---\ntitle: Use PostgreSQL\nstatus: accepted\nowner: alice\ndate: 2026-11-18\ndecided: 2026-11-19\noptions: [PostgreSQL, MySQL]\noutcome: PostgreSQL, for its JSON support.\n---\n## Context\n\nWe need a database.\n";

/// A handbook whose decision 1 was proposed on `main`, accepted on the branch
/// `decide` and merged with a merge commit; returns the repository and the id of
/// the commit that accepted it.
fn team() -> (Repo, String) {
    let repo = Repo::new();
    repo.write_all(MINIMAL)
        .write_all(&[
            ("docs/people.yaml", PEOPLE),
            ("docs/decisions/0001-use-postgresql.md", PROPOSED),
        ])
        .commit_as(
            "Propose PostgreSQL",
            "Alice Ng",
            "alice@example.com",
            "2026-11-18T09:00:00+01:00",
            "2026-11-18T09:00:00+01:00",
        );
    repo.git(&["checkout", "-q", "-b", "decide"]);
    repo.write("docs/decisions/0001-use-postgresql.md", ACCEPTED)
        .commit_as(
            "Accept PostgreSQL",
            "Alice Ng",
            "alice@example.com",
            "2026-11-19T09:00:00+01:00",
            "2026-11-19T09:00:00+01:00",
        );
    let accepted = repo.git(&["rev-parse", "HEAD"]).trim().to_string();
    repo.git(&["checkout", "-q", "main"]);
    repo.git_as(
        &[
            "merge",
            "-q",
            "--no-ff",
            "-m",
            "Merge pull request #105",
            "decide",
        ],
        "Alice Ng",
        "alice@example.com",
        "2026-11-19T17:00:00+01:00",
        "2026-11-19T17:00:00+01:00",
    );
    (repo, accepted)
}

/// The export: #105 holds the accepting commit, approved by alice (the owner:
/// no approval of hers counts) and by bobdev; #104 is open and nobody but its
/// author and a bot has said anything since Monday noon; #103 is a draft nobody
/// answered, which asks nobody for a reply yet.
fn export(accepted: &str) -> String {
    format!(
        r#"[
  {{"number": 105, "title": "Decision 1: use PostgreSQL", "url": "https://github.com/acme/handbook/pull/105",
   "author": {{"login": "alice-gh"}}, "createdAt": "2026-11-19T09:00:00+01:00",
   "mergedAt": "2026-11-19T16:00:00Z", "closedAt": "2026-11-19T16:00:00Z", "isDraft": false,
   "reviews": [
     {{"author": {{"login": "alice-gh"}}, "state": "APPROVED", "submittedAt": "2026-11-19T10:00:00+01:00"}},
     {{"author": {{"login": "bobdev"}}, "state": "APPROVED", "submittedAt": "2026-11-19T09:00:00-05:00"}}
   ],
   "comments": [], "files": [{{"path": "docs/decisions/0001-use-postgresql.md"}}],
   "commits": [{{"oid": "{accepted}"}}], "mergeCommit": {{"oid": "0000000000000000000000000000000000000000"}}}},
  {{"number": 104, "title": "Brief: migrate billing", "url": "https://github.com/acme/handbook/pull/104",
   "author": {{"login": "bobdev"}}, "createdAt": "2026-11-23T12:00:00Z", "mergedAt": null, "closedAt": null,
   "isDraft": false, "reviews": [],
   "comments": [{{"author": {{"login": "github-actions[bot]"}}, "createdAt": "2026-11-23T12:06:00Z"}}],
   "commits": [{{"oid": "4444444444444444444444444444444444444444"}}], "mergeCommit": null}},
  {{"number": 103, "title": "Draft: meeting inventory", "author": {{"login": "alice-gh"}},
   "createdAt": "2026-11-23T08:00:00Z", "mergedAt": null, "closedAt": null, "isDraft": true,
   "reviews": [], "comments": [], "commits": [], "mergeCommit": null}}
]
"#
    )
}

#[test]
fn the_approver_s_roster_name_is_on_the_decision_page_and_in_decisions_json() {
    let (repo, accepted) = team();
    repo.write("pulls.json", export(&accepted));
    repo.write("docket.toml", "[forge]\npulls = \"pulls.json\"\n");
    let run = repo.docket().now(NOW).args(["build"]).run();
    run.assert_code(0);
    let page = repo.read("site/decisions/0001-use-postgresql.html");
    assert!(
        page.contains(r#"accepted in <a href="https://github.com/acme/handbook/pull/105" title="Decision 1: use PostgreSQL">#105</a>, approved by <a href="../people/bob.html">Bob Okafor</a>"#),
        "{}",
        page.lines().filter(|l| l.contains("decided-in")).collect::<Vec<_>>().join("\n")
    );
    assert!(!page.contains(">Alice Ng</a></dd></div>\n  <div class=\"decided-in\""));
    let json: serde_json::Value = serde_json::from_str(&repo.read("site/decisions.json")).unwrap();
    assert_eq!(
        json["decisions"][0]["approvals"],
        serde_json::json!([{"person": "bob", "login": "bobdev", "time": "2026-11-19T14:00:00Z", "pull": 105}])
    );
    // The same figures as `docket metrics`: the one decided decision is approved.
    let metrics = repo
        .docket()
        .now(NOW)
        .args(["metrics", "--format", "json"])
        .run();
    metrics.assert_code(0);
    assert_eq!(metrics.json()["decisions"]["approved_pct"], 100.0);
    // bob's approval at 09:00 in Toronto was the first reply to #105, asked at
    // 08:00 UTC: 6 h on the clock, none of it in bob's working hours.
    assert_eq!(
        metrics.json()["replies"]["per_person"]["bob"]["median_first_response_working_hours"],
        0.0
    );
}

#[test]
fn an_unknown_approver_is_shown_by_login_and_the_owner_s_approval_alone_is_flagged() {
    let (repo, accepted) = team();
    let zoe_approves = export(&accepted).replace(
        r#""login": "bobdev"}, "state": "APPROVED""#,
        r#""login": "zoe"}, "state": "APPROVED""#,
    );
    repo.write("pulls.json", &zoe_approves);
    let run = repo
        .docket()
        .now(NOW)
        .args(["build", "--forge", "pulls.json"])
        .run();
    run.assert_code(0);
    let json: serde_json::Value = serde_json::from_str(&repo.read("site/decisions.json")).unwrap();
    assert_eq!(
        json["decisions"][0]["approvals"][0]["person"],
        serde_json::Value::Null
    );
    assert_eq!(json["decisions"][0]["approvals"][0]["login"], "zoe");
    assert!(
        repo.read("site/decisions/0001-use-postgresql.html")
            .contains("approved by zoe")
    );
    // Without anyone besides the owner, the rule (turned on) reports it.
    let owner_only = export(&accepted).replace(r#"{"author": {"login": "bobdev"}, "state": "APPROVED", "submittedAt": "2026-11-19T09:00:00-05:00"}"#, r#"{"author": {"login": "bobdev"}, "state": "COMMENTED", "submittedAt": "2026-11-19T09:00:00-05:00"}"#);
    repo.write("pulls.json", &owner_only);
    repo.write(
        "docket.toml",
        "[forge]\npulls = \"pulls.json\"\n[rules]\nunapproved-decision = \"error\"\n",
    );
    let diags = repo.check_json(&["--now", NOW]).diagnostics();
    let d = common::assert_diag(
        &diags,
        "unapproved-decision",
        "docs/decisions/0001-use-postgresql.md",
        3,
    );
    assert!(
        d.message
            .contains("in #105 without an approval by anyone besides its owner `alice`"),
        "{}",
        d.message
    );
}

#[test]
fn status_lists_the_pull_request_waiting_for_a_first_reply() {
    let (repo, accepted) = team();
    repo.write("pulls.json", export(&accepted));
    let run = repo
        .docket()
        .now(NOW)
        .args(["status", "--forge", "pulls.json"])
        .run();
    run.assert_code(0);
    assert!(
        run.stdout.contains("1 pull request waiting longer than 4h for a first reply:\n  #104  Brief: migrate billing https://github.com/acme/handbook/pull/104\n      by bobdev, no reply since 2026-11-23T12:00:00Z (1d)"),
        "{}",
        run.stdout
    );
    let json = repo
        .docket()
        .now(NOW)
        .args(["status", "--format", "json", "--forge", "pulls.json"])
        .run()
        .json();
    assert_eq!(json["waiting_pulls"][0]["number"], 104);
    assert_eq!(json["waiting_pulls"][0]["waiting_hours"], 24);
    // Three hours after it was opened, it is not waiting too long yet.
    let early = repo
        .docket()
        .now("2026-11-23T15:00:00Z")
        .args(["status", "--format", "json", "--forge", "pulls.json"])
        .run()
        .json();
    assert_eq!(early["waiting_pulls"], serde_json::json!([]));
}

#[test]
fn the_fixture_export_gives_the_hand_computed_figures() {
    // The same export and roster as the unit test in docket-check's metrics, whose
    // comments work every figure out; Toronto keeps New York's offsets.
    let (repo, _) = team();
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/forge/pulls.json");
    let run = repo
        .docket()
        .now(NOW)
        .args(["metrics", "--format", "json", "--forge"])
        .args([fixture.to_str().unwrap()])
        .run();
    run.assert_code(0);
    let r = &run.json()["replies"];
    assert_eq!(r["pulls"], 9);
    assert_eq!(r["median_first_response_hours"], 6.0);
    assert_eq!(r["median_first_response_working_hours"], 1.0);
    assert_eq!(r["within_target_pct"], 75.0);
    assert_eq!(r["per_person"]["zoe-contractor"]["replies"], 1);
}

#[test]
fn a_missing_export_is_a_note_and_the_figures_are_unknown() {
    let (repo, _) = team();
    repo.write("docket.toml", "[forge]\npulls = \"pulls.json\"\n");
    let run = repo
        .docket()
        .now(NOW)
        .args(["metrics", "--format", "json"])
        .run();
    run.assert_code(0);
    assert!(
        run.stderr.contains("note: the pull-request export `pulls.json` (`[forge] pulls` in docket.toml) does not exist, so reply times and approvals are unknown"),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.json()["replies"]["median_first_response_hours"],
        serde_json::Value::Null
    );
    assert_eq!(
        run.json()["decisions"]["approved_pct"],
        serde_json::Value::Null
    );
    repo.check_json(&["--now", NOW]).assert_code(0);
}

#[test]
fn a_malformed_export_is_one_finding_with_its_line_not_a_crash() {
    let (repo, _) = team();
    repo.write("docket.toml", "[forge]\npulls = \"pulls.json\"\n");
    // Cut off in the middle, as a full disk leaves it.
    repo.write(
        "pulls.json",
        "[\n  {\"number\": 104,\n   \"title\": \"Brief\",\n   \"createdAt\": ",
    );
    let run = repo.check_json(&["--now", NOW]);
    run.assert_code(1);
    let diags = run.diagnostics();
    let d = common::assert_diag(&diags, "forge-export", "pulls.json", 4);
    assert!(d.message.contains("not valid JSON"), "{}", d.message);
    let human = repo.check_human(&["--now", NOW]);
    assert!(
        human.stdout.contains("--> pulls.json:4:"),
        "{}",
        human.stdout
    );
    // A value of the wrong type: the line of the value.
    repo.write(
        "pulls.json",
        "[\n  {\"number\": 104},\n  {\"number\": \"105\"}\n]\n",
    );
    let diags = repo.check_json(&["--now", NOW]).diagnostics();
    let d = common::assert_diag(&diags, "forge-export", "pulls.json", 3);
    assert!(d.message.contains("shape"), "{}", d.message);
    // metrics, status and build go on, with a note that names the place.
    let run = repo
        .docket()
        .now(NOW)
        .args(["metrics", "--format", "json"])
        .run();
    run.assert_code(0);
    assert!(run.stderr.contains("pulls.json:3:"), "{}", run.stderr);
    assert_eq!(
        run.json()["replies"]["within_target_pct"],
        serde_json::Value::Null
    );
    repo.docket().now(NOW).args(["status"]).run().assert_code(0);
    let build = repo.docket().now(NOW).args(["build"]).run();
    build.assert_code(0);
    assert!(build.stderr.contains("pulls.json:3:"), "{}", build.stderr);
}

/// An export of eight weeks of pull requests (three a week, asked at 13:00 UTC on
/// Monday to Wednesday, answered after 1.5 to 9 hours by bob or alice), for a
/// chart with something to draw.
fn weeks_of_pulls() -> String {
    let mondays = [
        "09-28", "10-05", "10-12", "10-19", "10-26", "11-02", "11-09", "11-16",
    ];
    let waits = [90, 180, 300, 420, 150, 540, 240, 360];
    let mut pulls = Vec::new();
    for (k, monday) in mondays.iter().enumerate() {
        let (month, day) = monday.split_once('-').unwrap();
        let day: u32 = day.parse().unwrap();
        for j in 0..3u32 {
            let n = 200 + k * 3 + j as usize;
            let date = format!("2026-{month}-{:02}", day + j);
            let wait = waits[(k + j as usize) % waits.len()];
            let (author, replier) = if (k + j as usize).is_multiple_of(2) {
                ("alice-gh", "bobdev")
            } else {
                ("bobdev", "alice-gh")
            };
            let replied = format!("{date}T{:02}:{:02}:00Z", 13 + wait / 60, wait % 60);
            pulls.push(serde_json::json!({
                "number": n, "title": format!("Change {n}"),
                "url": format!("https://github.com/acme/handbook/pull/{n}"),
                "author": {"login": author}, "createdAt": format!("{date}T13:00:00Z"),
                "mergedAt": replied, "closedAt": replied, "isDraft": false,
                "reviews": [{"author": {"login": replier}, "state": "APPROVED", "submittedAt": replied}],
                "comments": [], "commits": [], "mergeCommit": null
            }));
        }
    }
    serde_json::to_string_pretty(&pulls).unwrap()
}

/// The metrics page draws the reply-time chart in a real browser (its
/// screenshots, `target/screenshots/forge-*.png`, are for looking at).
#[test]
fn the_reply_time_chart_in_a_real_browser() {
    let Some((chromium, workspace)) = common::browser::available() else {
        return;
    };
    let (repo, _) = team();
    repo.write("pulls.json", weeks_of_pulls());
    let site = repo.path().join("site");
    repo.docket()
        .now(NOW)
        .args(["build", "--forge", "pulls.json"])
        .run()
        .assert_code(0);
    let page = repo.read("site/metrics.html");
    assert!(
        page.contains("id=\"replies-heading\""),
        "no reply chart on the metrics page"
    );
    let screenshots = workspace.join("target/screenshots");
    let out = std::process::Command::new("node")
        .arg(workspace.join("tests/browser/forge.test.mjs"))
        .arg(&site)
        .arg(&screenshots)
        .env("CHROMIUM", &chromium)
        .current_dir(workspace)
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the browser checks failed ({})\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
        out.status
    );
}
