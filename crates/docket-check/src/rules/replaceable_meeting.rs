//! # replaceable-meeting
//!
//! **What it finds:** a meeting in `meetings.yaml` of category `update`: a meeting
//! whose purpose is to tell each other what was done, what comes next and what is
//! stuck. The finding (info) points at the category.
//!
//! **Why:** status is what written daily updates (`Done:`, `Next:`, `Blocker:` in
//! `docs/updates/`) carry without taking everybody's time at once, across time zones.
//! Meetings are worth their cost for decisions that need discussion, relationships
//! and work done together, which are the other categories.
//!
//! **Example:**
//!
//! ```yaml
//! - name: Daily standup
//!   category: update
//! ```
//!
//! **Fix:** replace the meeting with written daily updates and remove it from the
//! inventory, or, if it is really for something else, give it the right category.
//! Teams that keep such a meeting on purpose can set `replaceable-meeting = "off"`
//! under `[rules]` in `docket.toml`.

use docket_diagnostics::Diagnostic;
use docket_model::Kind;

use crate::Context;

/// Reports status-update meetings.
pub fn run(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let updates = ctx.repo.join(&ctx.repo.config.kind_path(Kind::Update));
    for (doc, m) in ctx.repo.meetings() {
        let Some(field) = m.fields.get("category").filter(|_| m.is_replaceable()) else {
            continue;
        };
        out.push(
            Diagnostic::new(
                "replaceable-meeting",
                &doc.path,
                field.value_range.clone(),
                format!(
                    "{} is a status update meeting; written daily updates could replace it",
                    m.label("this meeting")
                ),
            )
            .with_help(format!(
                "have attendees write `Done:`, `Next:` and `Blocker:` lines in {updates}/ and drop the meeting"
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{repo, run};

    fn meeting(name: &str, category: &str) -> String {
        format!(
            "- name: {name}\n  category: {category}\n  cadence: daily\n  duration: 25\n  attendees: [alice, bob]\n"
        )
    }

    #[test]
    fn fails_on_update_meetings() {
        let r = repo(&[(
            "docs/meetings.yaml",
            &[
                meeting("Planning", "decision"),
                meeting("Daily standup", "update"),
            ]
            .concat(),
        )]);
        insta::assert_debug_snapshot!(run("replaceable-meeting", &r));
    }

    #[test]
    fn passes_on_other_categories() {
        let r = repo(&[(
            "docs/meetings.yaml",
            &[
                meeting("Planning", "decision"),
                meeting("Coffee", "relationship"),
                meeting("Pairing", "work"),
            ]
            .concat(),
        )]);
        assert_eq!(run("replaceable-meeting", &r), Vec::<String>::new());
    }
}
