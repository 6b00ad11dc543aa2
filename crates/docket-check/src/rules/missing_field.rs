//! # missing-field
//!
//! **What it finds:** a key that the document's kind requires and the document does
//! not have. Some keys are always required (a decision's `title`, `status`, `owner`,
//! `date`); others depend on the status: an `accepted` or `rejected` decision needs
//! `decided`, at least two options and an outcome; a `superseded` one needs
//! `superseded_by`. Options and outcome may be written as body sections instead
//! (`## Options` with at least two list items, `## Decision`). `docket.toml` can add
//! required keys per kind (`[kinds.decision] required = [..., "area"]`). A record
//! of a kind of the team's own (`[kinds.proposal]`) needs the keys its kind lists
//! in `required` and its id key, under the names its roles give them (`author`
//! for the owner, `created` for the date). Each person
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
//! Decisions are judged on what docket read from them, wherever it was written: a
//! record in an existing format (adr-tools, MADR, log4brains; see
//! `docs/guide/migrating-from-adr-tools.md`) has its title in the first heading, its
//! status in the `## Status` section directly under the title or a `Status:` line,
//! its date in a `Date:` line, its owner in MADR's `decision-makers` or `deciders`
//! when they name one person. For such a record, a missing field is reported at
//! line 1 (or, when the status makes it required, at the status), and the help says
//! what to add in the record's own format and what `docket import` does about it.
//!
//! A decision that names several deciders (`decision-makers: [alice, bob, carol]`)
//! but no `owner` is told so: which of them decides is the one thing the record
//! does not say, and the help suggests the first (`owner: alice`). One decider and
//! no `owner` is fine: that decider is the owner. An empty key (`owner:`, as
//! templates leave them) is missing, as if absent.
//!
//! Options and an outcome still as the template of `docket new` wrote them
//! (`**First option.** What it is…`, `Replace this paragraph…`) are no options and
//! no outcome: docket, `docket metrics` and the site do not count them. They are
//! reported once, by `template-text` ("the `## Decision` section is still the
//! template's text"), not again here; options of which only some are the
//! template's count without those.
//!
//! **Fix:** add the key (`owner: alice`, `decided: 2026-11-21`), or the body section.

use docket_diagnostics::Diagnostic;
use docket_model::{Data, Decision, Document, FieldSpec, Fields, Kind, Legacy, Required};

use crate::Context;

/// Reports missing required keys.
pub fn run(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for doc in &ctx.repo.documents {
        if !super::is_schema_checked(doc) {
            continue;
        }
        // docket.toml's `required` keys are in the kind's schema, as required.
        let schema = ctx.repo.config.schema(doc.kind);
        if let Data::Decision(d) = &doc.data {
            decision(doc, d, schema, out);
            continue;
        }
        for block in super::blocks(doc) {
            let status = block.get("status").and_then(|f| f.value.as_str());
            for spec in schema {
                if spec.is_required(status) && !block.has(spec.name) {
                    out.push(missing(doc, block, spec.name, status, spec));
                }
            }
        }
    }
}

/// A decision is judged on its typed data: the values docket read from front matter
/// or, for records in an existing format, from the body.
fn decision(doc: &Document, d: &Decision, schema: &[FieldSpec], out: &mut Vec<Diagnostic>) {
    static EMPTY: Fields = Fields {
        range: 0..0,
        fields: Vec::new(),
    };
    let block = doc.front.as_ref().unwrap_or(&EMPTY);
    let status = d.status.as_ref().map(|s| s.value.as_str());
    for spec in schema {
        let present = match spec.name {
            // Options: two or more, from front matter or the body section. Where a
            // template's text stands in for them, `template-text` says so.
            "options" => d.options.len() >= 2 || d.has_template_text("options"),
            "outcome" => d.outcome.is_some() || d.has_template_text("outcome"),
            name => d.found(name).is_some(),
        };
        if !spec.is_required(status) || present {
            continue;
        }
        if spec.name == "owner" && d.deciders.len() > 1 && d.kind == Kind::Decision {
            out.push(no_single_owner(doc, block, d));
            continue;
        }
        out.push(match d.legacy {
            Some(legacy) => missing_in_legacy(doc, d, legacy, spec, status),
            None => missing(doc, block, spec.name, status, spec),
        });
    }
}

/// A decision that names several deciders (`decision-makers`, `deciders`, a
/// `Deciders:` line) but no `owner`: which of them decides is not said.
fn no_single_owner(doc: &Document, block: &Fields, d: &Decision) -> Diagnostic {
    let names: Vec<String> = d
        .deciders
        .iter()
        .map(|p| format!("`{}`", p.value))
        .collect();
    let first = &d.deciders[0].value;
    let message = format!(
        "`owner` is missing; the record names {} deciders ({}) but no single owner",
        names.len(),
        names.join(", ")
    );
    let mut help =
        format!("add `owner: {first}` (one of the deciders) to name the one person who decides");
    if d.legacy.is_some() {
        help.push_str(
            "; `docket import` gives this record docket front matter, where `owner:` goes, with roster ids",
        );
    }
    let range = match d.legacy {
        Some(_) => 0..0,
        None => anchor(doc, block),
    };
    Diagnostic::new("missing-field", &doc.path, range, message).with_help(help)
}

/// A field that a record in an existing format does not state: the help says what to
/// write in that format, and what `docket import` does about it.
fn missing_in_legacy(
    doc: &Document,
    d: &Decision,
    legacy: Legacy,
    spec: &FieldSpec,
    status: Option<&str>,
) -> Diagnostic {
    let key = spec.name;
    let (why, range) = match (spec.required, status, &d.status) {
        (Required::IfStatus(_), Some(s), Some(at)) => (
            format!(" (required when status is `{s}`)"),
            at.range.clone(),
        ),
        _ => (String::new(), 0..0),
    };
    let message = if key == "options" {
        format!("missing options{why}: at least two are needed")
    } else {
        format!(
            "missing `{key}`{why}: this {} record does not state it",
            legacy.label()
        )
    };
    let status_line = match legacy {
        Legacy::AdrTools => "a `## Status` section whose first line is the status (`Accepted`)",
        Legacy::Madr => "`status: accepted` to the front matter",
        Legacy::Log4brains => "a `- Status: accepted` line under the title",
    };
    let help = match key {
        "title" => "add a `# Title` heading at the top; `docket import` copies it into the front matter as `title:`".to_string(),
        "status" => format!("add {status_line}; `docket import` moves it into docket front matter as `status:`"),
        "owner" => "name the decision owner: `decision-makers: [alice]` (MADR 3: `deciders`) in the front matter, or a `Deciders: alice` line under the title; `docket import` turns it into `owner:` with a roster id (and adds unknown people to the roster)".to_string(),
        "date" if legacy == Legacy::Madr => "add `date: YYYY-MM-DD` to the front matter; `docket import` keeps it there as docket's `date:`".to_string(),
        "date" => "add a `Date: YYYY-MM-DD` line under the title; `docket import` moves it into the front matter as `date:`".to_string(),
        "decided" if legacy == Legacy::Madr => "add `date: YYYY-MM-DD` to the front matter (MADR dates a record when it is decided); `docket import` writes it as `date:` and `decided:`".to_string(),
        "decided" => "add a `Date: YYYY-MM-DD` line under the title (accepted and rejected records are dated when decided); `docket import` writes it as `date:` and `decided:`".to_string(),
        "superseded_by" => "name the record that replaces this one: a `Superseded by [N. Title](NNNN-title.md)` line in the `## Status` section (or `superseded by …` as the status); `docket import` writes it as `superseded_by:`".to_string(),
        "options" => "add a `## Considered Options` section with at least two list items; docket reads it where it is, before or after `docket import`".to_string(),
        "outcome" => "add a `## Decision` (or `## Decision Outcome`) section; docket reads it where it is, before or after `docket import`".to_string(),
        _ => format!("add `{key}:` ({}); `docket import` gives this record docket front matter, where it goes", spec.doc),
    };
    Diagnostic::new("missing-field", &doc.path, range, message).with_help(help)
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
        None if spec.doc == docket_model::DECLARED => {
            let every = match doc.kind {
                Kind::Custom(kind) => format!("`{kind}` record"),
                kind => kind.name().to_string(),
            };
            format!("docket.toml requires `{key}` on every {every}")
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
    fn fails_on_legacy_records_with_what_to_add() {
        let r = repo(&[
            (
                "docs/decisions/0001-a.md",
                "# 1. A\n\nDate: 2016-02-12\n\n## Status\n\nAccepted\n\n## Decision\n\nA.\n",
            ),
            (
                "docs/decisions/0002-b.md",
                "---\nparent: Decisions\n---\n# B\n\n## Considered Options\n\n* X\n* Y\n",
            ),
            (
                "docs/decisions/0003-c.md",
                "# 3. C\n\nDate: 2016-02-12\n\n## Status\n\nSuperseded\n",
            ),
        ]);
        insta::assert_debug_snapshot!(run("missing-field", &r));
        let out = crate::testing::findings("missing-field", &r);
        for d in &out {
            let help = d.help.as_deref().unwrap_or("");
            assert!(help.contains("docket import"), "{d:?}");
        }
    }

    #[test]
    fn fails_when_several_deciders_name_no_owner() {
        let r = repo(&[
            (
                "docs/decisions/0001-a.md",
                // Docket's own front matter (an `owner` key, left empty).
                "---\ntitle: A\nstatus: proposed\nowner:\ndeciders: [alice, bob, carol]\ndate: 2026-11-23\n---\n",
            ),
            (
                "docs/decisions/0002-b.md",
                "---\nstatus: proposed\ndate: 2026-11-23\ndecision-makers: [Alice Ng, Bob Li]\n---\n# B\n",
            ),
        ]);
        let out = crate::testing::findings("missing-field", &r);
        let text: Vec<String> = out
            .iter()
            .map(|d| format!("{} | {}", d.message, d.help.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            text,
            [
                "`owner` is missing; the record names 3 deciders (`alice`, `bob`, `carol`) but no single owner | add `owner: alice` (one of the deciders) to name the one person who decides",
                "`owner` is missing; the record names 2 deciders (`Alice Ng`, `Bob Li`) but no single owner | add `owner: Alice Ng` (one of the deciders) to name the one person who decides; `docket import` gives this record docket front matter, where `owner:` goes, with roster ids",
            ]
        );
    }

    #[test]
    fn passes_with_one_decider_or_empty_keys() {
        let r = repo(&[
            (
                "docs/decisions/0001-a.md",
                "---\ntitle: A\nstatus: proposed\ndeciders: [alice]\nconsulted:\ninformed: []\ndate: 2026-11-23\n---\n",
            ),
            (
                "docs/decisions/0002-b.md",
                "---\nstatus: proposed\ndate: 2026-11-23\ndecision-makers: alice\nconsulted:\n---\n# B\n",
            ),
        ]);
        assert_eq!(run("missing-field", &r), Vec::<String>::new());
    }

    #[test]
    fn passes_on_a_complete_legacy_record() {
        let r = repo(&[(
            "docs/decisions/0001-a.md",
            "# 1. A\n\n* Status: accepted\n* Deciders: alice\n* Date: 2016-02-12\n\n## Considered Options\n\n* X\n* Y\n\n## Decision Outcome\n\nX.\n",
        )]);
        assert_eq!(run("missing-field", &r), Vec::<String>::new());
    }

    #[test]
    fn passes_with_body_sections() {
        let r = repo(&[(
            "docs/decisions/0001-a.md",
            "---\ntitle: A\nstatus: accepted\nowner: alice\ndate: 2026-11-20\ndecided: 2026-11-21\n---\n## Options\n\n- One\n- Two\n\n## Decision\n\nOne, because.\n",
        )]);
        assert_eq!(run("missing-field", &r), Vec::<String>::new());
    }

    /// A kind of the team's own is judged on its own keys: its roles' keys
    /// (`author` for the owner, `created` for the date) and docket.toml's
    /// `required`, never the built-in decision keys.
    #[test]
    fn a_kind_of_ones_own_needs_its_own_keys() {
        let config = "[kinds.proposal]\npath = \"EIPS\"\nid = \"eip\"\nfields.owner = \"author\"\nfields.date = \"created\"\nrequired = [\"title\", \"author\", \"status\", \"created\", \"type\"]\nstatuses.open = [\"Draft\"]\nstatuses.decided = [\"Final\"]\n";
        let r = crate::testing::repo_with(
            config,
            &[
                (
                    "docs/EIPS/eip-1.md",
                    "---\neip: 1\ntitle: Purpose\nauthor: alice\nstatus: Final\ncreated: 2015-10-27\ntype: Meta\n---\n",
                ),
                (
                    "docs/EIPS/eip-2.md",
                    "---\neip: 2\ntitle: Fees\nauthor: alice\nstatus: Draft\ncreated: 2026-11-24\ntype:\n---\n",
                ),
            ],
        );
        let out = crate::testing::findings("missing-field", &r);
        let found: Vec<(&str, &str, &str)> = out
            .iter()
            .map(|d| {
                (
                    d.file.as_str(),
                    d.message.as_str(),
                    d.help.as_deref().unwrap_or(""),
                )
            })
            .collect();
        assert_eq!(
            found,
            [(
                "docs/EIPS/eip-2.md",
                "missing required key `type`",
                "docket.toml requires `type` on every `proposal` record"
            )]
        );
        let unknown = crate::testing::findings("unknown-field", &r);
        assert!(unknown.is_empty(), "{unknown:?}");
    }
}
