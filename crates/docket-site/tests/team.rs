#![allow(clippy::unwrap_used)] // Test helpers: a panic is a failing test.
//! The team pages' views (updates, people, meetings): every new field of the template
//! context, worked out by hand in the comments, read back by dumping the context with
//! user templates; and the built-in templates draw them.

use std::fs;
use std::path::Path;

use docket_model::{Config, Repository};
use docket_site::{SiteOptions, build};
use serde_json::{Value, json};

/// alice in Berlin (UTC+1 in November) with the default 09:00–17:00, bob in New York
/// (UTC−5) 08:30–16:30, kiri in Auckland (UTC+13, summer) with the default hours.
const PEOPLE: &str = "\
- id: alice
  name: Alice Ng
  timezone: Europe/Berlin
- id: bob
  name: Bob Li
  timezone: America/New_York
  hours: \"08:30-16:30\"
- id: kiri
  name: Kiri Tane
  timezone: Pacific/Auckland
";

/// Standup: 15 min × 5 a week for everyone (1.25 h). Review: 50 min weekly for alice.
/// Marathon: 300 min × 5 for bob (25 h).
const MEETINGS: &str = "\
- name: Standup
  category: update
  cadence: daily
  duration: 15
  attendees: [alice, bob, kiri]
- name: Review
  category: decision
  cadence: weekly
  duration: 50
  attendees: [alice]
- name: Marathon
  category: work
  cadence: daily
  duration: 300
  attendees: [bob]
";

fn files() -> Vec<(String, String)> {
    let update = |b: &str| format!("Done: x\nNext: y\nBlocker: {b}\n");
    [
        ("docs/people.yaml", PEOPLE.to_string()),
        ("docs/meetings.yaml", MEETINGS.to_string()),
        (
            "docs/decisions/0001-pick-a-queue.md",
            "---\ntitle: Pick a queue\nstatus: proposed\nowner: alice\ndate: 2026-11-19\n---\n"
                .to_string(),
        ),
        // alice: blocked on #1 from the 20th until the 22nd (48 h).
        ("docs/updates/2026-11-20/alice.md", update("waiting for #1")),
        ("docs/updates/2026-11-21/alice.md", update("waiting for #1")),
        ("docs/updates/2026-11-22/alice.md", update("none")),
        // bob: blocked since the 22nd, still on the 24th, the newest update (48 h).
        (
            "docs/updates/2026-11-22/bob.md",
            update("access to billing"),
        ),
        (
            "docs/updates/2026-11-24/bob.md",
            update("Access to billing"),
        ),
        ("docs/updates/2026-11-24/kiri.md", update("none")),
    ]
    .into_iter()
    .map(|(p, t)| (p.to_string(), t))
    .collect()
}

/// Builds the handbook with templates that print their context as JSON.
fn dump(root: &Path) -> std::path::PathBuf {
    let templates = root.join("templates");
    fs::create_dir_all(&templates).unwrap();
    for (name, vars) in [
        (
            "updates.html",
            "{\"latest\": latest, \"open_blockers\": open_blockers, \"reference\": reference}",
        ),
        (
            "update_day.html",
            "{\"day\": day, \"reference\": reference}",
        ),
        (
            "people.html",
            "{\"people\": people, \"availability\": availability}",
        ),
        ("person.html", "{\"person\": person}"),
        ("meetings.html", "{\"load\": load}"),
    ] {
        fs::write(
            templates.join(name),
            format!("{{{{ {vars}|tojson(true) }}}}"),
        )
        .unwrap();
    }
    let out = root.join("site");
    let repo = Repository::from_texts(Config::default(), files());
    build(&repo, root, &out, &SiteOptions::default(), &|_, _| {}).unwrap();
    out
}

fn json_of(out: &Path, rel: &str) -> Value {
    let text = fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}\n{text}"))
}

/// The fields of `v` named in `keys`.
fn pick(v: &Value, keys: &[&str]) -> Value {
    Value::Object(
        keys.iter()
            .map(|k| (k.to_string(), v[*k].clone()))
            .collect(),
    )
}

#[test]
fn updates_have_open_blockers_first_with_their_age() {
    let tmp = tempfile::tempdir().unwrap();
    let out = dump(tmp.path());
    let index = json_of(&out, "updates/index.html");
    assert_eq!(index["reference"], "2026-11-24");
    let latest: Vec<Value> = index["latest"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            pick(
                u,
                &[
                    "date",
                    "blocked",
                    "blocker_open",
                    "blocker_since",
                    "blocker_since_time",
                    "blocker_age_hours",
                    "blocker_age",
                    "blocker_resolved",
                    "blocker_stale",
                ],
            )
        })
        .collect();
    // bob's open blocker first; then alice and kiri (not blocked) by id.
    assert_eq!(
        latest,
        [
            json!({"date": "2026-11-24", "blocked": true, "blocker_open": true,
                   "blocker_since": "2026-11-22", "blocker_since_time": "2026-11-22T00:00:00Z",
                   "blocker_age_hours": 48, "blocker_age": "2 days", "blocker_resolved": null,
                   "blocker_stale": true}),
            json!({"date": "2026-11-22", "blocked": false, "blocker_open": false,
                   "blocker_since": null, "blocker_since_time": null, "blocker_age_hours": null,
                   "blocker_age": null, "blocker_resolved": null, "blocker_stale": false}),
            json!({"date": "2026-11-24", "blocked": false, "blocker_open": false,
                   "blocker_since": null, "blocker_since_time": null, "blocker_age_hours": null,
                   "blocker_age": null, "blocker_resolved": null, "blocker_stale": false}),
        ]
    );
    assert_eq!(index["latest"][0]["person"]["id"], "bob");
    let open = &index["open_blockers"];
    assert_eq!(open.as_array().map(Vec::len), Some(1));
    assert_eq!(
        pick(
            &open[0],
            &[
                "text",
                "since",
                "since_time",
                "age_hours",
                "age",
                "stale",
                "url"
            ]
        ),
        json!({"text": "Access to billing", "since": "2026-11-22",
               "since_time": "2026-11-22T00:00:00Z", "age_hours": 48, "age": "2 days",
               "stale": true, "url": "updates/2026-11-24/bob.html"})
    );
    assert_eq!(open[0]["person"]["url"], "people/bob.html");

    // A day in the past: alice's blocker was resolved two days after it began, and it
    // waits on decision 1 (linked).
    let day = json_of(&out, "updates/2026-11-21/index.html");
    let alice = &day["day"]["updates"][0];
    assert_eq!(
        pick(
            alice,
            &[
                "blocker_open",
                "blocker_since",
                "blocker_age_hours",
                "blocker_age",
                "blocker_resolved",
                "blocker_stale"
            ]
        ),
        json!({"blocker_open": false, "blocker_since": "2026-11-20", "blocker_age_hours": 48,
               "blocker_age": "2 days", "blocker_resolved": "2026-11-22", "blocker_stale": true})
    );
    assert_eq!(
        alice["waits_on"][0]["url"],
        "decisions/0001-pick-a-queue.html"
    );
    assert_eq!(day["reference"], "2026-11-24");
}

#[test]
fn people_have_hours_in_utc_overlaps_and_blockers() {
    let tmp = tempfile::tempdir().unwrap();
    let out = dump(tmp.path());
    let people = json_of(&out, "people/index.html");
    let a = &people["availability"];
    assert_eq!(a["date"], "2026-11-24", "the newest date in the handbook");
    let rows: Vec<Value> = a["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            pick(
                r,
                &["utc_offset", "local", "default_hours", "utc", "blocks"],
            )
        })
        .collect();
    let block = |left: f64, width: f64, center: f64, label: &str, labelled: bool| json!({"left": left, "width": width, "center": center, "label": label, "labelled": labelled});
    assert_eq!(
        rows,
        [
            json!({"utc_offset": "UTC+01:00", "local": "09:00–17:00", "default_hours": true,
                   "utc": "08:00–16:00 UTC", "blocks": [block(33.33, 33.33, 50.0, "08:00–16:00", true)]}),
            json!({"utc_offset": "UTC−05:00", "local": "08:30–16:30", "default_hours": false,
                   "utc": "13:30–21:30 UTC", "blocks": [block(56.25, 33.33, 72.92, "13:30–21:30", true)]}),
            // 09:00 in Auckland is 20:00 UTC the day before: two blocks.
            json!({"utc_offset": "UTC+13:00", "local": "09:00–17:00", "default_hours": true,
                   "utc": "20:00–04:00 UTC", "blocks": [block(0.0, 16.67, 8.33, "00:00–04:00", false),
                                                       block(83.33, 16.67, 91.67, "20:00–24:00", false)]}),
        ]
    );
    // Nobody works when everyone does; two at once 13:30–16:00 (alice, bob) and
    // 20:00–21:30 (bob, kiri).
    assert_eq!(
        pick(
            a,
            &[
                "everyone",
                "everyone_text",
                "most_count",
                "most_text",
                "known"
            ]
        ),
        json!({"everyone": [], "everyone_text": "", "most_count": 2,
               "most_text": "13:30–16:00 and 20:00–21:30 UTC", "known": 3})
    );
    assert_eq!(a["ticks"].as_array().map(Vec::len), Some(9));
    assert!(
        a["summary"]
            .as_str()
            .unwrap()
            .contains("There is no hour when everyone works")
    );

    let bob = json_of(&out, "people/bob.html")["person"].clone();
    assert_eq!(
        pick(
            &bob,
            &[
                "hours",
                "hours_default",
                "utc_offset",
                "hours_utc",
                "blockers"
            ]
        ),
        json!({"hours": "08:30–16:30", "hours_default": false, "utc_offset": "UTC−05:00",
               "hours_utc": "13:30–21:30 UTC", "blockers": ["Access to billing"]})
    );
    let overlaps: Vec<Value> = bob["overlaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| json!([o["person"]["id"], o["hours"], o["utc"]]))
        .collect();
    assert_eq!(
        overlaps,
        [
            json!(["alice", 2.5, "13:30–16:00 UTC"]),
            json!(["kiri", 1.5, "20:00–21:30 UTC"])
        ]
    );
    assert_eq!(bob["open_blockers"][0]["age"], "2 days");
    let alice = json_of(&out, "people/alice.html")["person"].clone();
    assert_eq!(alice["open_blockers"], json!([]), "resolved on the 22nd");
}

#[test]
fn meetings_load_against_the_focus_block() {
    let tmp = tempfile::tempdir().unwrap();
    let out = dump(tmp.path());
    let load = json_of(&out, "meetings/index.html")["load"].clone();
    // No charter: the focus block is the default 3 h, so 5 h of an 8-hour day may be
    // meetings.
    assert_eq!(
        pick(
            &load,
            &[
                "day_hours",
                "focus_block_hours",
                "budget_hours_per_day",
                "budget_pct",
                "short",
                "average_hours_per_week",
                "average_hours_per_day"
            ]
        ),
        // (2.0833 + 26.25 + 1.25) / 3 = 9.8611 h a week; ÷ 5 = 1.97 a day.
        json!({"day_hours": 8.0, "focus_block_hours": 3.0, "budget_hours_per_day": 5.0,
               "budget_pct": 62.5, "short": 1, "average_hours_per_week": 9.86,
               "average_hours_per_day": 1.97})
    );
    let people: Vec<Value> = load["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            json!([
                p["person"]["id"],
                p["meetings_per_week"],
                p["hours_per_week"],
                p["hours_per_day"],
                p["free_hours_per_day"],
                p["short"],
                p["meeting_pct"]
            ])
        })
        .collect();
    assert_eq!(
        people,
        [
            // 1.25 + 50/60 = 2.08 h a week, 0.42 a day.
            json!(["alice", 6.0, 2.08, 0.42, 7.58, false, 5.21]),
            // 1.25 + 25 = 26.25 h a week, 5.25 a day: 2.75 h free, under 3.
            json!(["bob", 10.0, 26.25, 5.25, 2.75, true, 65.63]),
            json!(["kiri", 5.0, 1.25, 0.25, 7.75, false, 3.13]),
        ]
    );
}

#[test]
fn the_built_in_templates_draw_the_team_pages() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let repo = Repository::from_texts(Config::default(), files());
    build(&repo, tmp.path(), &out, &SiteOptions::default(), &|_, _| {}).unwrap();
    let read = |rel: &str| fs::read_to_string(out.join(rel)).unwrap();
    let people = read("people/index.html");
    assert!(people.contains("<div class=\"strip\" role=\"img\""));
    // Drawn as SVG geometry: the security policy allows no `style` attribute.
    assert!(people.contains(
        "<rect class=\"strip-block\" x=\"56.25%\" y=\"13%\" width=\"33.33%\" height=\"74%\" rx=\"3\"/><text class=\"strip-label\" x=\"72.92%\""
    ));
    assert!(!people.contains("style="));
    assert!(people.contains("13:30–16:00 and 20:00–21:30 UTC"));
    assert!(
        !people.contains("strip-now"),
        "the current time is JavaScript's"
    );
    let bob = read("people/bob.html");
    assert!(
        bob.contains("strip-row is-self"),
        "bob's row is highlighted"
    );
    // One age, to the newest update: no `data-since` for docket.js to add a second.
    assert!(bob.contains("<time datetime=\"2026-11-22T00:00:00Z\">2026-11-22</time>"));
    let updates = read("updates/index.html");
    assert!(updates.contains("open 2 days by the newest update"));
    let first_card = updates.find("class=\"update is-blocked\"").unwrap();
    assert!(updates[first_card..].starts_with("class=\"update is-blocked\" id=\"update-bob\""));
    let day = read("updates/2026-11-21/index.html");
    assert!(day.contains("until <time datetime=\"2026-11-22\">2026-11-22</time> (2 days)"));
    assert!(day.contains("href=\"../../decisions/0001-pick-a-queue.html\""));
    let meetings = read("meetings/index.html");
    assert!(meetings.contains("class=\"is-short\""));
    assert!(meetings.contains("Less than 3 h free"));
    assert!(meetings.contains("an 8-hour working day"));
}
