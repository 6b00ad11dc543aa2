//! Each rule's `//!` comment is its documentation page under `docs/rules/`. This test
//! fails when a page is missing or stale; `DOCKET_UPDATE_DOCS=1 cargo test -p
//! docket-check --test rule_docs` rewrites them.

use std::path::PathBuf;

use docket_check::RULES;

fn page(rule: &docket_check::Rule) -> String {
    let docs = rule.docs();
    let body = docs
        .split_once('\n')
        .filter(|(first, _)| first.starts_with("# "))
        .map_or(docs.as_str(), |(_, rest)| rest);
    let default = if rule.on_by_default {
        format!(
            "Default severity: **{}** (change it under `[rules]` in `docket.toml`).",
            rule.default_severity
        )
    } else {
        format!(
            "Off by default: turn it on under `[rules]` in `docket.toml` (`{} = \"{}\"`).",
            rule.id, rule.default_severity
        )
    };
    format!(
        "---\ntitle: \"{id}\"\ndescription: \"{summary}\"\n---\n\n# {id}\n\n{default}\n{body}",
        id = rule.id,
        summary = rule.summary,
    )
}

fn index() -> String {
    let mut s = String::from(
        "---\ntitle: Rules\ndescription: Every rule of docket check\n---\n\n# Rules\n\nEvery finding of `docket check` has one of these rule ids. Each page says what the rule finds, why it matters, an example, and the fix. Severities can be changed per rule under `[rules]` in `docket.toml` (`error`, `warning`, `info`, `off`).\n\n| rule | default | finds |\n|---|---|---|\n",
    );
    for r in RULES {
        s.push_str(&format!(
            "| [`{0}`]({0}.md) | {1} | {2} |\n",
            r.id,
            if r.on_by_default {
                r.default_severity.to_string()
            } else {
                format!("off ({} when on)", r.default_severity)
            },
            r.summary
        ));
    }
    s
}

#[test]
#[allow(clippy::disallowed_methods)] // A test may read its own switch.
fn rule_pages_are_current() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules");
    let update = std::env::var_os("DOCKET_UPDATE_DOCS").is_some();
    let mut expected: Vec<(PathBuf, String)> = RULES
        .iter()
        .map(|r| (dir.join(format!("{}.md", r.id)), page(r)))
        .collect();
    expected.push((dir.join("README.md"), index()));
    let mut stale = Vec::new();
    for (path, text) in expected {
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        if current != text {
            if update {
                std::fs::create_dir_all(&dir).unwrap_or(());
                std::fs::write(&path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            } else {
                stale.push(path.display().to_string());
            }
        }
    }
    assert!(
        stale.is_empty(),
        "rule pages are stale (run DOCKET_UPDATE_DOCS=1 cargo test -p docket-check --test rule_docs): {stale:?}"
    );
}

#[test]
fn every_rule_documents_what_why_example_fix() {
    for r in RULES {
        let docs = r.docs();
        for part in ["**What it finds:**", "**Why:**", "**Example:**", "**Fix:**"] {
            assert!(docs.contains(part), "rule `{}` lacks {part}", r.id);
        }
    }
}
