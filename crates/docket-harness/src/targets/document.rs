//! Whole documents (docket-model's `parse_file`, then every rule of docket-check):
//!
//! - `document`: the input as every Markdown kind at once (a decision, a brief, an
//!   update, the charter, a free page and a folder's README) in one handbook with a
//!   valid roster, so that the rules that compare files also run.
//! - `lists`: the input as `people.yaml` and as `meetings.yaml`, with the figures
//!   built on them (meeting load, working hours, blockers).
//! - `config`: the input as `docket.toml`, then a fixed handbook read with it
//!   (custom kinds, folders, globs, rule severities).
//!
//! Each asserts the ranges of the whole repository (`super::assert_repository`).

use docket_model::availability::{availability, reference_date, utc_date};
use docket_model::meeting_load::{inventory, load_per_person};
use docket_model::{Config, Kind, Repository, classify};

use super::{assert_range, assert_repository, now, text_of};

/// A roster the other files can name.
const ROSTER: &str = "- id: alice\n  name: Alice Ng\n  timezone: Europe/Berlin\n  team: platform\n  hours: 09:00-17:00\n- id: bob\n  name: Bob Li\n  timezone: America/New_York\n";

/// A charter with every section.
const CHARTER: &str = "---\ntitle: Charter\nowner: alice\nreviewed: 2026-11-01\n---\n## What requires a meeting\nx\n## Response times\nx\n## Where communication lives\nx\n## Escalation\nx\n";

/// The target `document`.
pub fn document(data: &[u8]) {
    let text = text_of(data);
    let files = [
        "docs/decisions/0001-fuzz.md",
        "docs/decisions/README.md",
        "docs/briefs/fuzz.md",
        "docs/updates/2026-11-20/alice.md",
        "docs/charter.md",
        "docs/notes/page.md",
    ]
    .into_iter()
    .map(|p| (p.to_string(), text.clone()))
    .chain([("docs/people.yaml".to_string(), ROSTER.to_string())])
    .collect();
    let repo = Repository::from_texts(Config::default(), files);
    assert_repository(&repo);
}

/// The target `lists`.
pub fn lists(data: &[u8]) {
    let text = text_of(data);
    let files = vec![
        ("docs/people.yaml".to_string(), text.clone()),
        ("docs/meetings.yaml".to_string(), text),
        ("docs/charter.md".to_string(), CHARTER.to_string()),
        (
            "docs/updates/2026-11-20/alice.md".to_string(),
            "---\nperson: alice\ndate: 2026-11-20\n---\nDone: x\nNext: y\nBlocker: waiting on bob\n"
                .to_string(),
        ),
    ];
    let repo = Repository::from_texts(Config::default(), files);
    assert_repository(&repo);
    let meetings = inventory(&repo);
    let _ = load_per_person(&repo, &meetings);
    let _ = docket_check::metrics::meeting_load(&repo, &meetings);
    let date = reference_date(&repo).unwrap_or_else(|| utc_date(now()));
    let _ = availability(&repo, date);
    let _ = docket_model::blockers::blockers(&repo);
}

/// The files the `config` target reads with the fuzzed configuration: the
/// places kinds of all sorts may be configured at.
const HANDBOOK: &[&str] = &[
    "README.md",
    "docs/README.md",
    "docs/decisions/0001-a.md",
    "docs/adr/0002-b.md",
    "docs/rfcs/0003-c.md",
    "docs/rfcs/README.md",
    "EIPS/eip-1.md",
    "services/billing/docs/adr/0001-x.md",
    "docs/briefs/b.md",
    "docs/updates/2026-11-20/alice.md",
    "docs/people.yaml",
    "docs/team.yaml",
    "docs/meetings.yaml",
    "docs/charter.md",
    "docs/x/y/z.md",
];

/// The target `config`.
pub fn config(data: &[u8]) {
    let text = text_of(data);
    let (config, errors) = Config::read(&text);
    for e in &errors {
        assert_range(&text, &e.range, &format!("config error `{}`", e.message));
    }
    for n in &config.notes {
        assert_range(&text, &n.range, &format!("config note `{}`", n.message));
    }
    if let Some(r) = &config.root_range {
        assert_range(&text, r, "root");
    }
    for r in &config.rules {
        assert_range(&text, &r.range, &format!("rule `{}`", r.rule));
    }
    let _ = docket_check::unknown_rules(&config);
    for kind in config.record_kinds() {
        let _ = config.kind_title(kind);
        let _ = config.kind_folders(kind);
        let _ = docket_model::schema::json_schema(kind, &config);
    }
    for kind in [Kind::People, Kind::Meetings, Kind::Brief] {
        let _ = docket_model::schema::json_schema(kind, &config);
    }
    let files = HANDBOOK
        .iter()
        .map(|path| {
            let _ = classify(path, &config);
            let body = match *path {
                p if p.ends_with("people.yaml") || p.ends_with("team.yaml") => ROSTER,
                p if p.ends_with("meetings.yaml") => {
                    "- name: Standup\n  category: update\n  cadence: daily\n  duration: 15m\n  attendees: [alice, bob]\n"
                }
                p if p.ends_with("charter.md") => CHARTER,
                _ => {
                    "---\ntitle: A record\nstatus: proposed\nowner: alice\ndate: 2026-11-01\n---\n# A record\n\n## Options\n\n- one\n- two\n"
                }
            };
            (path.to_string(), body.to_string())
        })
        .collect();
    let repo = Repository::from_texts(config, files);
    assert_repository(&repo);
}
