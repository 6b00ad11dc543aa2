//! The `github` and `sarif` renderers: snapshots on diagnostics with awkward text
//! (commas, colons, percent signs, newlines, `::`, non-ASCII columns and paths), a
//! round trip through GitHub's escaping, and validation of the SARIF log against the
//! official SARIF 2.1.0 JSON Schema (vendored beside this file, see
//! `sarif-schema-2.1.0.md`) with the independent `jsonschema` validator.

use std::collections::HashMap;

use docket_diagnostics::{
    Diagnostic, Located, RuleMeta, SarifOptions, Severity, locate, render_github, render_sarif,
};
use serde_json::Value;

const DECISION: &str = "docs/decisions/0042-use-postgresql.md";
const DECISION_TEXT: &str = "---\ntitle: \"Über-café ☕: 100%, really\"\nstatus: acceptd\nowner: alcie\nconsulted: [zoë, bøb]\n---\n\n## Context\n";
const ODD: &str = "docs/notes/odd, name: 100% #1.md";
const MEETINGS: &str = "docs/meetings.yaml";
const MEETINGS_TEXT: &str = "- id: standup::daily\n  length: 15m\n  kind: status\n";

fn sources() -> HashMap<String, String> {
    let mut s = HashMap::new();
    s.insert(DECISION.to_string(), DECISION_TEXT.to_string());
    s.insert(ODD.to_string(), "no front matter\n".to_string());
    s.insert(MEETINGS.to_string(), MEETINGS_TEXT.to_string());
    s
}

fn span(text: &str, needle: &str) -> std::ops::Range<usize> {
    let start = text.find(needle).unwrap_or(0);
    start..start + needle.len()
}

/// Given out of order on purpose: the renderers get them sorted by `locate`.
fn diagnostics() -> Vec<Diagnostic> {
    vec![
        Diagnostic::new(
            "replaceable-meeting",
            MEETINGS,
            0..MEETINGS_TEXT.len() - 1,
            "meeting `standup::daily` is a status meeting: written updates could replace it",
        )
        .with_severity(Severity::Info),
        Diagnostic::new(
            "unknown-owner",
            DECISION,
            span(DECISION_TEXT, "bøb"),
            "`bøb` in `consulted` is not in docs/people.yaml",
        )
        .with_help("did you mean `bob`?"),
        Diagnostic::new(
            "unknown-owner",
            DECISION,
            span(DECISION_TEXT, "alcie"),
            "owner `alcie` is not in docs/people.yaml",
        )
        .with_help("did you mean `alice`?"),
        Diagnostic::new(
            "invalid-value",
            DECISION,
            span(DECISION_TEXT, "acceptd"),
            "status `acceptd` is not one of: proposed, accepted, rejected, superseded",
        )
        .with_help("did you mean `accepted`?\r\nsee docs/rules/invalid-value.md"),
        Diagnostic::new(
            "missing-field",
            ODD,
            0..0,
            "no front matter: 100% of the keys are missing\nfirst: `title`, `owner`\r\nand %0A is not a newline",
        )
        .with_severity(Severity::Warning),
        Diagnostic::new(
            "number-collision",
            DECISION,
            span(DECISION_TEXT, "title"),
            "a rule the run does not list",
        ),
    ]
}

fn rules() -> Vec<RuleMeta> {
    vec![
        RuleMeta {
            id: "missing-field",
            summary: "a required key is missing",
            docs: "# missing-field\n\n**What it finds:** a required key that is\nnot there.\n\n**Fix:** add it.\n".to_string(),
            default_severity: Severity::Error,
        },
        RuleMeta {
            id: "invalid-value",
            summary: "a value of the wrong type or outside its allowed set",
            docs: "# invalid-value\n\n**What it finds:** `status: acceptd`, 100% wrong.\n".to_string(),
            default_severity: Severity::Error,
        },
        RuleMeta {
            id: "unknown-owner",
            summary: "an owner, attendee or author who is not in the roster",
            docs: "# unknown-owner\n\n**What it finds:** a person reference that names nobody.\n\n```yaml\nowner: alcie      # did you mean `alice`?\n```\n".to_string(),
            default_severity: Severity::Error,
        },
        RuleMeta {
            id: "replaceable-meeting",
            summary: "a status-update meeting that written updates could replace",
            docs: String::new(),
            default_severity: Severity::Info,
        },
        RuleMeta {
            id: "deadline-passed",
            summary: "a proposed decision past its deadline",
            docs: "# deadline-passed\n\n**What it finds:** a proposed decision past its deadline.\n".to_string(),
            default_severity: Severity::Warning,
        },
    ]
}

fn with_located<T>(f: impl FnOnce(&[Located<'_>]) -> T) -> T {
    let ds = diagnostics();
    let sources = sources();
    let located = locate(&ds, &sources);
    f(&located)
}

fn github() -> String {
    with_located(|located| {
        let mut out = Vec::new();
        render_github(&mut out, located).unwrap_or_else(|e| panic!("{e}"));
        String::from_utf8(out).unwrap_or_else(|e| panic!("{e}"))
    })
}

fn sarif(options: SarifOptions<'_>) -> String {
    with_located(|located| {
        let mut out = Vec::new();
        render_sarif(&mut out, located, &rules(), options).unwrap_or_else(|e| panic!("{e}"));
        String::from_utf8(out).unwrap_or_else(|e| panic!("{e}"))
    })
}

/// As docket runs: it has no address of its own to give as `informationUri`
/// (issue "Everything docket shows is true", point 11), so none is written.
fn default_options() -> SarifOptions<'static> {
    SarifOptions {
        version: "0.1.0",
        information_uri: None,
        rules_base_url: None,
    }
}

fn absolute_options() -> SarifOptions<'static> {
    SarifOptions {
        information_uri: Some("https://handbook.example/docket"),
        rules_base_url: Some("https://handbook.example/docs/rules/"),
        ..default_options()
    }
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

// ---------------------------------------------------------------- github

#[test]
fn github_snapshot() {
    insta::assert_snapshot!(github());
}

/// Inverse of `escapeData` / `escapeProperty`, as the runner decodes them.
fn unescape(s: &str) -> String {
    s.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

#[test]
fn github_lines_parse_back_to_the_diagnostics() {
    let out = github();
    assert!(out.ends_with('\n'));
    let lines: Vec<&str> = out.lines().collect();
    with_located(|located| {
        assert_eq!(lines.len(), located.len(), "{out}");
        for (line, l) in lines.iter().zip(located) {
            let d = l.diagnostic;
            assert!(!line.contains('\r'), "{line}");
            // The runner splits the command from its properties at the first space,
            // and the properties from the message at the first `::` after them.
            let rest = line.strip_prefix("::").unwrap_or_else(|| panic!("{line}"));
            let (command, rest) = rest.split_once(' ').unwrap_or_else(|| panic!("{line}"));
            let (props, message) = rest.split_once("::").unwrap_or_else(|| panic!("{line}"));
            let expected_command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            assert_eq!(command, expected_command);
            let props: HashMap<&str, String> = props
                .split(',')
                .map(|kv| {
                    let (k, v) = kv.split_once('=').unwrap_or_else(|| panic!("{kv}"));
                    (k, unescape(v))
                })
                .collect();
            assert_eq!(props["file"], d.file);
            assert_eq!(props["line"], l.start.line.to_string());
            assert_eq!(props["col"], l.start.column.to_string());
            assert_eq!(props["endLine"], l.end.line.to_string());
            assert_eq!(props["endColumn"], l.end.column.to_string());
            assert_eq!(props["title"], format!("docket {}", d.rule));
            let expected = match &d.help {
                Some(help) => format!("{}\nhelp: {help}", d.message),
                None => d.message.clone(),
            };
            assert_eq!(unescape(message), expected);
        }
    });
}

#[test]
fn github_columns_count_characters() {
    let out = github();
    // `bøb` starts after `consulted: [zoë, ` (17 characters, 18 bytes).
    assert!(
        out.contains("line=5,col=18,endLine=5,endColumn=21,title=docket unknown-owner"),
        "{out}"
    );
}

#[test]
fn github_writes_nothing_for_no_findings() {
    let mut out = Vec::new();
    render_github(&mut out, &[]).unwrap_or_else(|e| panic!("{e}"));
    assert!(out.is_empty());
}

// ---------------------------------------------------------------- sarif

#[test]
fn sarif_snapshot() {
    insta::assert_snapshot!(sarif(default_options()));
}

#[test]
fn sarif_is_deterministic_and_sorted() {
    assert_eq!(sarif(default_options()), sarif(default_options()));
    let log = parse(&sarif(default_options()));
    let results = log["runs"][0]["results"]
        .as_array()
        .unwrap_or_else(|| panic!("no results"));
    let keys: Vec<(String, u64, u64)> = results
        .iter()
        .map(|r| {
            let loc = &r["locations"][0]["physicalLocation"];
            (
                loc["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap_or("")
                    .to_string(),
                loc["region"]["startLine"].as_u64().unwrap_or(0),
                loc["region"]["startColumn"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(keys.len(), 6);
    // Sorted as `locate` sorts: by file (the unencoded path), line, column, rule.
    assert_eq!(keys[0].0, "docs/decisions/0042-use-postgresql.md");
    assert_eq!(keys[4].0, "docs/meetings.yaml");
    assert_eq!(keys[5].0, "docs/notes/odd,%20name%3A%20100%25%20%231.md");
}

#[test]
fn sarif_results_point_at_their_rules() {
    let log = parse(&sarif(absolute_options()));
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap_or_else(|| panic!("no rules"));
    assert_eq!(rules.len(), 5, "every rule is listed, with findings or not");
    for r in run["results"].as_array().unwrap_or(&Vec::new()) {
        match r.get("ruleIndex").and_then(Value::as_u64) {
            Some(i) => assert_eq!(rules[i as usize]["id"], r["ruleId"]),
            None => assert_eq!(r["ruleId"], "number-collision"),
        }
    }
    assert_eq!(
        rules[2]["helpUri"],
        "https://handbook.example/docs/rules/unknown-owner.md"
    );
}

fn schema_validator(formats: bool) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(include_str!("sarif-schema-2.1.0.json"))
        .unwrap_or_else(|e| panic!("schema is not JSON: {e}"));
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(formats)
        .build(&schema)
        .unwrap_or_else(|e| panic!("schema does not compile: {e}"))
}

fn schema_errors(validator: &jsonschema::Validator, log: &Value) -> Vec<String> {
    validator
        .iter_errors(log)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn sarif_is_valid_against_the_schema_including_formats() {
    let validator = schema_validator(true);
    for options in [default_options(), absolute_options()] {
        let log = parse(&sarif(options));
        let errors = schema_errors(&validator, &log);
        assert!(errors.is_empty(), "{errors:#?}");
    }
}

#[test]
fn help_uris_only_with_a_base_url() {
    // SARIF wants `helpUri` absolute (`format: uri`): without a base URL it is left
    // out rather than written relative, and the page is in `help.markdown` anyway.
    let log = parse(&sarif(default_options()));
    for rule in log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap_or(&Vec::new())
    {
        assert!(rule.get("helpUri").is_none(), "{rule}");
    }
    // The check is live: a relative one is a `format` error.
    let mut relative = log.clone();
    relative["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"] =
        "docs/rules/missing-field.md".into();
    assert!(!schema_validator(true).is_valid(&relative));
}

#[test]
fn sarif_with_no_findings_is_valid() {
    let mut out = Vec::new();
    render_sarif(&mut out, &[], &rules(), absolute_options()).unwrap_or_else(|e| panic!("{e}"));
    let log = parse(&String::from_utf8_lossy(&out));
    assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
    let errors = schema_errors(&schema_validator(true), &log);
    assert!(errors.is_empty(), "{errors:#?}");
}

/// What is broken, and how.
type Breakage = (&'static str, fn(&mut Value));

#[test]
fn the_schema_rejects_broken_logs() {
    // The validator is not vacuous: each of these breaks the log in one place.
    let validator = schema_validator(true);
    let good = parse(&sarif(absolute_options()));
    let breakages: [Breakage; 5] = [
        ("wrong version", |v| v["version"] = "2.0.0".into()),
        ("level `info`", |v| {
            v["runs"][0]["results"][0]["level"] = "info".into();
        }),
        ("column 0", |v| {
            v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"] =
                0.into();
        }),
        ("unknown key", |v| {
            v["runs"][0]["tool"]["driver"]["rules"][0]["severity"] = "error".into();
        }),
        ("no driver name", |v| {
            if let Some(driver) = v["runs"][0]["tool"]["driver"].as_object_mut() {
                driver.remove("name");
            }
        }),
    ];
    for (what, breakage) in breakages {
        let mut bad = good.clone();
        breakage(&mut bad);
        assert!(!validator.is_valid(&bad), "{what} was accepted");
    }
}
