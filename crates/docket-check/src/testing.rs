//! Test support: a repository from inline files, and findings as `rule line:col` lines.

use docket_diagnostics::{Diagnostic, LineIndex};
use docket_model::{Config, ParseProblem, Repository, time::parse_time};

use crate::{Check, Context};

/// A clean handbook: roster, charter. Tests add the files they are about.
pub const BASE: &[(&str, &str)] = &[
    (
        "docs/people.yaml",
        "- id: alice\n  name: Alice Ng\n  timezone: Europe/Berlin\n  team: platform\n- id: bob\n  name: Bob Li\n  timezone: America/New_York\n",
    ),
    (
        "docs/charter.md",
        "---\ntitle: Charter\nowner: alice\nreviewed: 2026-11-01\n---\n## What requires a meeting\nx\n## Response times\nx\n## Where communication lives\nx\n## Escalation\nx\n",
    ),
];

/// Builds a repository from `BASE` plus `files` (later files replace earlier ones of
/// the same path), with `config` as docket.toml text.
pub fn repo_with(config: &str, files: &[(&str, &str)]) -> Repository {
    let config = Config::parse(config).unwrap_or_default();
    let mut all: Vec<(String, String)> = BASE
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect();
    for (p, t) in files {
        all.retain(|(q, _)| q != p);
        all.push((p.to_string(), t.to_string()));
    }
    Repository::from_texts(config, all)
}

/// A repository from `BASE` plus `files`, default configuration.
pub fn repo(files: &[(&str, &str)]) -> Repository {
    repo_with("", files)
}

/// The fixed clock of the tests: 2026-11-24T12:00:00Z.
pub fn now() -> docket_model::time::Time {
    parse_time("2026-11-24T12:00:00Z").unwrap_or_default()
}

/// Runs one rule at the fixed clock and returns its findings.
pub fn findings(rule: &str, repo: &Repository) -> Vec<Diagnostic> {
    let ctx = Context { repo, now: now() };
    let mut out: Vec<Diagnostic> = Vec::new();
    if let Some(r) = crate::rule(rule) {
        r.run(&ctx, &mut out);
    }
    out
}

/// Runs one rule and renders its findings as `rule path:line:col message` lines.
pub fn run(rule: &str, repo: &Repository) -> Vec<String> {
    let out = findings(rule, repo);
    let mut lines: Vec<String> = out
        .iter()
        .map(|d| {
            let text = repo.document(&d.file).map_or("", |doc| doc.text.as_str());
            let p = LineIndex::new(text).position(text, d.range.start);
            assert_eq!(d.rule, rule, "a rule reports only under its own id");
            format!("{}:{}:{} {}", d.file, p.line, p.column, d.message)
        })
        .collect();
    lines.sort();
    lines
}

/// For rules that report what the driver found (`skipped-link`, `unreadable-file`):
/// a repository problem under `rule` comes out of the rule, at its file.
pub fn forwards_repository_problems(rule: &str, file: &str) -> Vec<String> {
    let mut r = repo(&[]);
    let found = crate::rule(rule);
    if let Some(Check::Forward(code)) = found.map(|f| f.check) {
        r.problems
            .push(ParseProblem::new(code, file, 0..0, "from the driver"));
    }
    let ctx = Context {
        repo: &r,
        now: now(),
    };
    let mut out = Vec::new();
    if let Some(found) = found {
        found.run(&ctx, &mut out);
    }
    out.iter()
        .map(|d| format!("{} {}", d.rule, d.file))
        .collect()
}
