//! # missing-section
//!
//! **What it finds:** a body without the parts its kind requires:
//!
//! - the charter must answer four questions, each under its own heading: `What
//!   requires a meeting`, `Response times`, `Where communication lives`,
//!   `Escalation`;
//! - a brief needs the headings `Context`, `Expected output` and `Acceptance
//!   criteria`;
//! - a daily update needs a `Done:`, a `Next:` and a `Blocker:` line (`Blocker: none`
//!   is fine).
//!
//! Headings may be of any level and match case-insensitively; a trailing `:` or `?`
//! is ignored (`## What requires a meeting?` counts). Each missing part is one finding
//! at line 1. Documents whose front matter cannot be read are skipped (their body is
//! not known for sure; `front-matter-syntax` reports them).
//!
//! A section that is there but still holds the text of the template `docket new`
//! wrote (a brief's "Why this task exists: …") says nothing either; once the brief
//! is under way that is reported by `template-text`, which names the section, and
//! not again here.
//!
//! **Why:** these are the parts a reader comes for. A brief without acceptance
//! criteria cannot be finished; an update without a `Blocker:` line does not say
//! whether somebody is stuck; a charter without an escalation path leaves people
//! waiting.
//!
//! **Example:**
//!
//! ```markdown
//! ---
//! title: Migrate billing
//! ---
//! ## Context
//! ...
//! ## Expected output
//! ...
//! ```
//!
//! **Fix:** add the heading (`## Acceptance criteria`) with its content, or the line
//! (`Blocker: none`).

use docket_diagnostics::Diagnostic;
use docket_model::{Data, Document};

use crate::Context;

/// The charter's required headings (SPEC §3).
const CHARTER: &[&str] = &[
    "What requires a meeting",
    "Response times",
    "Where communication lives",
    "Escalation",
];
/// A brief's required headings.
const BRIEF: &[&str] = &["Context", "Expected output", "Acceptance criteria"];

/// Reports missing body sections and update lines.
pub fn run(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for doc in &ctx.repo.documents {
        if doc.broken {
            continue;
        }
        match &doc.data {
            Data::Charter(_) => headings(doc, "the charter", CHARTER, out),
            Data::Brief(_) => headings(doc, "the brief", BRIEF, out),
            Data::Update(u) => {
                for (label, line, example) in [
                    ("Done", &u.done, "what you finished"),
                    ("Next", &u.next, "what you do next"),
                    ("Blocker", &u.blocker, "what blocks you, or `none`"),
                ] {
                    if line.is_none() {
                        out.push(
                            Diagnostic::new(
                                "missing-section",
                                &doc.path,
                                0..0,
                                format!("the update has no `{label}:` line"),
                            )
                            .with_help(format!("add a line `{label}: …` saying {example}")),
                        );
                    }
                }
            }
            _ => {}
        }
    }
}

fn headings(doc: &Document, what: &str, required: &[&str], out: &mut Vec<Diagnostic>) {
    for name in required {
        if has_heading(doc, name) {
            continue;
        }
        out.push(
            Diagnostic::new(
                "missing-section",
                &doc.path,
                0..0,
                format!("{what} has no `{name}` section"),
            )
            .with_help(format!("add a heading `## {name}` with its content")),
        );
    }
}

fn has_heading(doc: &Document, name: &str) -> bool {
    doc.outline.section(name).is_some()
        || doc.outline.headings.iter().any(|h| {
            let t = h.text.trim().trim_end_matches([':', '?', '.']).trim_end();
            t.eq_ignore_ascii_case(name)
        })
}

#[cfg(test)]
mod tests {
    use crate::testing::{repo, run};

    #[test]
    fn fails_on_missing_parts() {
        let r = repo(&[
            (
                "docs/charter.md",
                "---\ntitle: Charter\nowner: alice\nreviewed: 2026-11-01\n---\n# Charter\n## Response times\nx\n### escalation\nx\n",
            ),
            (
                "docs/briefs/migrate.md",
                "---\ntitle: M\nowner: alice\ndeadline: 2026-12-01\nstatus: draft\n---\n## Context\nx\n## Acceptance\nx\n",
            ),
            (
                "docs/updates/2026-11-24/alice.md",
                "Done: x\n\nSome notes.\n",
            ),
            ("docs/briefs/broken.md", "---\ntitle: [\n---\nnothing\n"),
        ]);
        insta::assert_debug_snapshot!(run("missing-section", &r));
    }

    #[test]
    fn passes_with_every_part() {
        let r = repo(&[
            (
                "docs/charter.md",
                "---\ntitle: Charter\nowner: alice\nreviewed: 2026-11-01\n---\n# WHAT REQUIRES A MEETING?\n## Response times:\n## Where communication lives\n#### Escalation\n",
            ),
            (
                "docs/briefs/migrate.md",
                "---\ntitle: M\nowner: alice\ndeadline: 2026-12-01\nstatus: draft\n---\n## Context\n## Expected output\n## Acceptance criteria\n",
            ),
            (
                "docs/updates/2026-11-24/alice.md",
                "- **Done:** x\n- **Next:** y\n- **Blocker:** none\n",
            ),
            ("docs/updates/README.md", "# Updates\n"),
        ]);
        assert_eq!(run("missing-section", &r), Vec::<String>::new());
    }
}
