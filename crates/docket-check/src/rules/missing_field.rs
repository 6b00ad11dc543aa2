//! # missing-field
//!
//! **What it finds:** a key that the document's kind requires and the document does
//! not have. Some keys are always required (a decision's `title`, `status`, `owner`,
//! `date`); others depend on the status: an `accepted` or `rejected` decision needs
//! `decided`, at least two options and an outcome; a `superseded` one needs
//! `superseded_by`. Options and outcome may be written as body sections instead
//! (`## Options` with at least two list items, `## Decision`). `docket.toml` can add
//! required keys per kind (`[kinds.decision] required = [..., "area"]`). Each person
//! in `people.yaml` needs `id`, `name` and `timezone`; each meeting in
//! `meetings.yaml` needs `name`, `category`, `cadence`, `duration` and `attendees`.
//!
//! **Why:** a decision without an owner has nobody to decide it; an accepted one
//! without an outcome tells the next reader nothing.
//!
//! **Example:**
//!
//! ```markdown
//! ---
//! title: Use PostgreSQL
//! status: accepted
//! date: 2026-11-20
//! ---
//! ```
//!
//! **Fix:** add the key (`owner: alice`, `decided: 2026-11-21`), or the body section.

use docket_diagnostics::Diagnostic;
use docket_model::{Data, Document, FieldSpec, Fields, Kind, Required};
use docket_syntax::Yaml;

use crate::Context;

/// Reports missing required keys.
pub fn run(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for doc in &ctx.repo.documents {
        if !super::is_schema_checked(doc) {
            continue;
        }
        let extra = ctx.repo.config.extra_required(doc.kind);
        for block in super::blocks(doc) {
            let status = block.get("status").and_then(|f| f.value.as_str());
            for spec in doc.kind.schema() {
                let required = match spec.required {
                    Required::Always => true,
                    Required::IfStatus(statuses) => status.is_some_and(|s| statuses.contains(&s)),
                    Required::No => extra.iter().any(|e| e == spec.name),
                };
                if required && !present(doc, block, spec) {
                    out.push(missing(doc, block, spec.name, status, spec));
                }
            }
            for name in extra {
                if !doc.kind.schema().iter().any(|s| s.name == name) && !has(block, name) {
                    out.push(
                        Diagnostic::new(
                            "missing-field",
                            &doc.path,
                            anchor(doc, block),
                            format!("missing required key `{name}`"),
                        )
                        .with_help(format!(
                            "docket.toml requires `{name}` on every {}",
                            doc.kind
                        )),
                    );
                }
            }
        }
    }
}

fn has(block: &Fields, key: &str) -> bool {
    block.get(key).is_some_and(|f| match &f.value {
        Yaml::Null => false,
        Yaml::Str(s) => !s.trim().is_empty(),
        Yaml::Seq(items) => !items.is_empty(),
        _ => true,
    })
}

fn present(doc: &Document, block: &Fields, spec: &FieldSpec) -> bool {
    let decision = match &doc.data {
        Data::Decision(d) => Some(d),
        _ => None,
    };
    match (spec.name, decision) {
        // Options: two or more, from front matter or the body section.
        ("options", Some(d)) => d.options.len() >= 2,
        ("outcome", Some(d)) => d.outcome.is_some(),
        _ => has(block, spec.name),
    }
}

fn missing(
    doc: &Document,
    block: &Fields,
    key: &str,
    status: Option<&str>,
    spec: &FieldSpec,
) -> Diagnostic {
    let why = match (spec.required, status) {
        (Required::IfStatus(_), Some(s)) => format!(" (required when status is `{s}`)"),
        _ => String::new(),
    };
    let what = if doc.kind == Kind::People || doc.kind == Kind::Meetings {
        let item = block
            .get(if doc.kind == Kind::People {
                "id"
            } else {
                "name"
            })
            .and_then(|f| f.value.as_scalar_string())
            .map(|n| format!(" of `{n}`"))
            .unwrap_or_default();
        format!("entry{item} is missing required key `{key}`{why}")
    } else if key == "options" {
        format!("missing options{why}: at least two are needed")
    } else {
        format!("missing required key `{key}`{why}")
    };
    let help = match spec.body_section {
        Some(section) if key == "options" => format!(
            "add an `options` list with at least two entries, or a `## {section}` section with at least two list items"
        ),
        Some(section) => {
            format!("add `{key}: …` to the front matter, or a `## {section}` section to the body")
        }
        None => format!("add `{key}:` ({})", spec.doc),
    };
    Diagnostic::new("missing-field", &doc.path, anchor(doc, block), what).with_help(help)
}

/// Where a missing key is reported: the opening `---` of the front matter (line 1),
/// or the start of the roster or inventory entry.
fn anchor(doc: &Document, block: &Fields) -> std::ops::Range<usize> {
    match doc.kind {
        Kind::People | Kind::Meetings => block.anchor(),
        _ if doc.front.is_some() => 0..3,
        _ => 0..0,
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{repo, repo_with, run};

    #[test]
    fn fails_on_missing_keys() {
        let r = repo_with(
            "[kinds.decision]\nrequired = [\"area\"]\n",
            &[
                (
                    "docs/decisions/0001-a.md",
                    "---\ntitle: A\nstatus: accepted\ndate: 2026-11-20\n---\n## Options\n\n- only one\n",
                ),
                (
                    "docs/decisions/0002-b.md",
                    "---\ntitle: B\nstatus: superseded\nowner: alice\ndate: 2026-11-20\narea: x\n---\n",
                ),
                ("docs/decisions/0003-c.md", "No front matter at all.\n"),
                (
                    "docs/people.yaml",
                    "- id: alice\n  name: Alice\n- id: bob\n  timezone: UTC\n",
                ),
            ],
        );
        insta::assert_debug_snapshot!(run("missing-field", &r));
    }

    #[test]
    fn passes_with_body_sections() {
        let r = repo(&[(
            "docs/decisions/0001-a.md",
            "---\ntitle: A\nstatus: accepted\nowner: alice\ndate: 2026-11-20\ndecided: 2026-11-21\n---\n## Options\n\n- One\n- Two\n\n## Decision\n\nOne, because.\n",
        )]);
        assert_eq!(run("missing-field", &r), Vec::<String>::new());
    }
}
