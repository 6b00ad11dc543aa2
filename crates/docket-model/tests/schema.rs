//! `docket schema` checked with an independent validator (the `jsonschema` crate):
//! the repository's own records validate, and what `docket check` rejects in front
//! matter the schema rejects too, where JSON Schema can say it.
//!
//! The YAML is read with serde_yaml here, in the test only: the product reads YAML
//! through docket-syntax alone (decision 0002).

// Helpers panic on setup failures: that is a failing test, not a crash on user data.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::Path;

use docket_model::schema::json_schema;
use docket_model::time::{parse_duration, parse_time};
use docket_model::{Config, Kind, parse_hours};
use serde_json::{Value, json};

fn validator(kind: Kind, config: &Config, formats: bool) -> jsonschema::Validator {
    let schema = json_schema(kind, config);
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(formats)
        .build(&schema)
        .unwrap_or_else(|e| panic!("the {kind} schema does not compile: {e}\n{schema:#}"))
}

fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// The front matter of a Markdown text (or the whole YAML file) as JSON.
fn front_matter(text: &str) -> Value {
    let yaml = match text.strip_prefix("---\n") {
        Some(rest) => rest.split("\n---").next().unwrap_or(""),
        None => text,
    };
    let value: serde_yaml::Value = serde_yaml::from_str(yaml).expect("valid YAML");
    serde_json::to_value(value).expect("YAML as JSON")
}

fn docs() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs")
}

const REAL_DECISION: &str = include_str!("../../../docs/decisions/0003-crate-cut.md");

#[test]
fn a_real_decision_validates() {
    let v = validator(Kind::Decision, &Config::default(), true);
    let fm = front_matter(REAL_DECISION);
    assert_eq!(
        fm["status"], "accepted",
        "the fixture is an accepted decision"
    );
    assert_eq!(errors(&v, &fm), Vec::<String>::new());
}

#[test]
fn every_document_of_the_handbook_validates() {
    let config = Config::default();
    let mut seen = 0;
    for (kind, folder) in [(Kind::Decision, "decisions"), (Kind::Brief, "briefs")] {
        let v = validator(kind, &config, true);
        let mut entries: Vec<_> = std::fs::read_dir(docs().join(folder))
            .expect("read the folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
            .collect();
        entries.sort();
        for path in entries {
            let text = std::fs::read_to_string(&path).expect("read");
            let errs = errors(&v, &front_matter(&text));
            assert!(errs.is_empty(), "{}: {errs:#?}", path.display());
            seen += 1;
        }
    }
    for (kind, file) in [
        (Kind::Charter, "charter.md"),
        (Kind::People, "people.yaml"),
        (Kind::Meetings, "meetings.yaml"),
    ] {
        let v = validator(kind, &config, true);
        let text = std::fs::read_to_string(docs().join(file)).expect("read");
        let errs = errors(&v, &front_matter(&text));
        assert!(errs.is_empty(), "{file}: {errs:#?}");
        seen += 1;
    }
    assert!(seen > 10, "only {seen} documents were validated");
}

#[test]
fn an_unknown_status_is_rejected() {
    let v = validator(Kind::Decision, &Config::default(), false);
    let mut fm = front_matter(REAL_DECISION);
    fm["status"] = json!("approved");
    let errs = errors(&v, &fm);
    assert!(errs.iter().any(|e| e.starts_with("/status")), "{errs:#?}");
}

#[test]
fn an_accepted_decision_needs_decided() {
    let v = validator(Kind::Decision, &Config::default(), false);
    let mut fm = front_matter(REAL_DECISION);
    fm.as_object_mut().expect("a mapping").remove("decided");
    let errs = errors(&v, &fm);
    assert!(errs.iter().any(|e| e.contains("decided")), "{errs:#?}");
    // A proposed decision does not.
    fm["status"] = json!("proposed");
    assert_eq!(errors(&v, &fm), Vec::<String>::new());
    // A superseded one needs `superseded_by`.
    fm["status"] = json!("superseded");
    assert!(!v.is_valid(&fm));
    fm["superseded_by"] = json!(12);
    assert!(v.is_valid(&fm));
}

#[test]
fn options_and_outcome_are_never_required_by_the_schema() {
    // A body section can stand in for them, which the schema cannot see.
    let v = validator(Kind::Decision, &Config::default(), false);
    let fm = json!({
        "title": "T", "status": "accepted", "owner": "ana",
        "date": "2026-11-20", "decided": "2026-11-21",
    });
    assert_eq!(errors(&v, &fm), Vec::<String>::new());
}

#[test]
fn missing_and_mistyped_keys() {
    let v = validator(Kind::Decision, &Config::default(), false);
    let base = json!({"title": "T", "status": "proposed", "owner": "ana", "date": "2026-11-20"});
    assert!(v.is_valid(&base));
    for key in ["title", "status", "owner", "date"] {
        let mut fm = base.clone();
        fm.as_object_mut().expect("a mapping").remove(key);
        assert!(!v.is_valid(&fm), "without `{key}`");
    }
    let bad = [
        ("date", json!("yesterday")),
        ("date", json!(20261120)),
        ("title", json!("  ")),
        ("owner", json!("ana\nben")),
        ("supersedes", json!([{"id": 1}])),
        ("superseded_by", json!({"id": 1})),
        ("options", json!([{"pros": ["p"]}])),
        ("options", json!("a, b")),
        ("tags", json!({"a": 1})),
    ];
    for (key, value) in bad {
        let mut fm = base.clone();
        fm[key] = value.clone();
        assert!(!v.is_valid(&fm), "`{key}: {value}` should be rejected");
    }
    let good = [
        ("date", json!("2026-11-20T16:00:00Z")),
        ("deadline", json!("2026-11-20T18:00:00+02:00")),
        ("title", json!(2026)),
        ("supersedes", json!([17, "0018", "0019-x.md"])),
        ("supersedes", json!(17)),
        ("superseded_by", json!("0042-use-postgresql.md")),
        (
            "options",
            json!(["A", {"name": "B", "pros": ["fast"], "cons": "new"}]),
        ),
        ("consulted", json!("platform-team")),
        ("area", json!({"anything": true})),
    ];
    for (key, value) in good {
        let mut fm = base.clone();
        fm[key] = value.clone();
        assert_eq!(errors(&v, &fm), Vec::<String>::new(), "`{key}: {value}`");
    }
}

#[test]
fn docket_toml_adds_required_keys() {
    let config = Config::parse("[kinds.decision]\nrequired = [\"area\", \"tags\"]\n")
        .expect("valid docket.toml");
    let v = validator(Kind::Decision, &config, false);
    let mut fm = json!({"title": "T", "status": "proposed", "owner": "ana", "date": "2026-11-20"});
    assert!(!v.is_valid(&fm));
    fm["area"] = json!("storage");
    fm["tags"] = json!(["db"]);
    assert_eq!(errors(&v, &fm), Vec::<String>::new());
}

#[test]
fn the_yaml_files_are_lists_of_entries() {
    let v = validator(Kind::People, &Config::default(), false);
    let ok =
        json!([{"id": "ana", "name": "Ana", "timezone": "Europe/Lisbon", "hours": "09:00-17:00"}]);
    assert_eq!(errors(&v, &ok), Vec::<String>::new());
    assert!(!v.is_valid(&json!([{"id": "ana", "name": "Ana"}])));
    assert!(!v.is_valid(&json!({"id": "ana"})));
    assert!(
        !v.is_valid(&json!([{"id": "ana", "name": "Ana", "timezone": "UTC", "hours": "9 to 5"}]))
    );
    let m = validator(Kind::Meetings, &Config::default(), false);
    let meeting = json!([{"name": "Standup", "category": "update", "cadence": "daily",
                          "duration": 15, "attendees": ["ana"], "agenda": false}]);
    assert_eq!(errors(&m, &meeting), Vec::<String>::new());
    let mut bad = meeting.clone();
    bad[0]["duration"] = json!(0);
    assert!(!m.is_valid(&bad));
    bad[0]["duration"] = json!(15);
    bad[0]["cadence"] = json!("yearly");
    assert!(!m.is_valid(&bad));
}

/// The patterns agree with docket's own parsers on a spread of inputs.
#[test]
fn patterns_agree_with_the_parsers() {
    let charter = validator(Kind::Charter, &Config::default(), true);
    let base = json!({"title": "C", "owner": "ana", "reviewed": "2026-11-20"});
    let dates = [
        "2026-11-24",
        "2026-11-24T16:00:00Z",
        "2026-11-24T16:00:00.5Z",
        "2026-11-24T18:00:00+02:00",
        "2026-11-24 16:00:00Z",
        "2026-13-01",
        "2026-11-24T16:00:00",
        "24.11.2026",
        "yesterday",
        "2026-11-24Z",
    ];
    for d in dates {
        let mut fm = base.clone();
        fm["reviewed"] = json!(d);
        assert_eq!(
            charter.is_valid(&fm),
            parse_time(d).is_some(),
            "date `{d}`: schema and parser disagree"
        );
    }
    let durations = [
        "48h", "30m", "2d", "1w", "90s", "1h30m", "1.5h", "4", "1h 30m", "soon", "h", "48 hours",
        "-4h", "",
    ];
    for d in durations {
        let mut fm = base.clone();
        fm["response_time"] = json!(d);
        assert_eq!(
            charter.is_valid(&fm),
            parse_duration(d).is_some(),
            "duration `{d}`: schema and parser disagree"
        );
    }
    let people = validator(Kind::People, &Config::default(), true);
    let hours = [
        "09:00-17:00",
        "9:00 - 17:30",
        "00:00-24:00",
        "22:00-06:00",
        "25:00-26:00",
        "09:60-17:00",
        "9-5",
        "09:00",
    ];
    for h in hours {
        let p = json!([{"id": "a", "name": "A", "timezone": "UTC", "hours": h}]);
        assert_eq!(
            people.is_valid(&p),
            parse_hours(h).is_some(),
            "hours `{h}`: schema and parser disagree"
        );
    }
}

/// An improvement-proposal process declared in docket.toml (issue "Kinds of your
/// own").
const PROPOSALS: &str = r#"
[kinds.proposal]
path = "EIPS"
title = "Improvement proposals"
id = "eip"
fields.owner = "author"
fields.date = "created"
required = ["eip", "title", "author", "status", "created", "type"]
optional = ["discussions-to", "category"]
references = ["requires"]
statuses.open = ["Draft", "Review", "Last Call"]
statuses.decided = ["Final"]
statuses.closed = ["Withdrawn", "Stagnant"]
statuses.superseded = ["Moved"]
deadline = "last-call-deadline"
"#;

#[test]
fn a_kind_of_ones_own_has_its_keys_roles_and_statuses() {
    let config = Config::parse(PROPOSALS).expect("valid docket.toml");
    let kind = Kind::named("proposal");
    let schema = json_schema(kind, &config);
    assert_eq!(
        schema["required"],
        json!(["title", "status", "author", "created", "eip", "type"])
    );
    assert_eq!(
        schema["properties"]["status"]["enum"],
        json!([
            "Draft",
            "Review",
            "Last Call",
            "Final",
            "Withdrawn",
            "Stagnant",
            "Moved"
        ])
    );
    let v = validator(kind, &config, true);
    let good = json!({
        "eip": 1559, "title": "Fee market change", "author": "Vitalik (@vbuterin), Eric",
        "status": "Last Call", "created": "2019-04-13", "type": "Standards Track",
        "last-call-deadline": "2021-04-13", "requires": [2718, "2930"],
        "discussions-to": "https://example.org/t/1559", "category": "Core",
    });
    assert_eq!(errors(&v, &good), Vec::<String>::new());
    // A single reference is a list of one.
    let mut one = good.clone();
    one["requires"] = json!(2718);
    assert_eq!(errors(&v, &one), Vec::<String>::new());
    let bad = [
        ("status", json!("Accepted")),
        ("status", json!("draft")),
        ("created", json!("yesterday")),
        ("last-call-deadline", json!("soon")),
        ("title", json!(" ")),
        ("requires", json!({"eip": 1})),
    ];
    for (key, value) in bad {
        let mut fm = good.clone();
        fm[key] = value.clone();
        assert!(!v.is_valid(&fm), "`{key}: {value}` should be rejected");
    }
    for key in ["eip", "type", "author", "created"] {
        let mut fm = good.clone();
        fm.as_object_mut().expect("a mapping").remove(key);
        let errs = errors(&v, &fm);
        assert!(
            errs.iter().any(|e| e.contains(key)),
            "without `{key}`: {errs:#?}"
        );
    }
    // The built-in key names are no roles here: `owner` and `date` are not required.
    assert!(
        schema["required"]
            .as_array()
            .is_some_and(|r| !r.contains(&json!("owner")) && !r.contains(&json!("date")))
    );
}

#[test]
fn the_decision_kind_with_its_own_statuses_and_relaxed_keys() {
    let config = Config::parse(
        "[kinds.decision]\nfields.status = \"state\"\nnot_required = [\"owner\"]\nstatuses.open = [\"proposed\", \"draft\"]\nstatuses.decided = [\"accepted\", \"rejected\", \"approved\"]\n",
    )
    .expect("valid docket.toml");
    let schema = json_schema(Kind::Decision, &config);
    assert_eq!(schema["required"], json!(["title", "state", "date"]));
    let statuses = schema["properties"]["state"]["enum"].clone();
    for word in ["draft", "approved", "superseded", "deprecated"] {
        assert!(
            statuses
                .as_array()
                .is_some_and(|s| s.contains(&json!(word))),
            "{word}: {statuses}"
        );
    }
    let v = validator(Kind::Decision, &config, false);
    let draft = json!({"title": "T", "state": "draft", "date": "2026-11-20"});
    assert_eq!(errors(&v, &draft), Vec::<String>::new());
    // A decided status of the team's own needs `decided`, under the status's key.
    let mut approved = draft.clone();
    approved["state"] = json!("approved");
    assert!(!v.is_valid(&approved));
    approved["decided"] = json!("2026-11-21");
    assert_eq!(errors(&v, &approved), Vec::<String>::new());
    approved["state"] = json!("approvd");
    assert!(!v.is_valid(&approved));
}
