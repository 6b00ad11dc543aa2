//! # template-text
//!
//! **What it finds:** text left as a template wrote it. Record templates (MADR's,
//! adr-tools', kuma's, `docket new`'s) hold placeholders and example text for the
//! author to replace; a record committed with them still in place says nothing
//! where they are. The rule finds:
//!
//! - in front matter, a value in template braces or brackets, or in angle brackets:
//!   `status: {proposed}`, `status: "[accepted | rejected]"`, MADR's
//!   `status: "{proposed | rejected | accepted | …"`, `date: {YYYY-MM-DD}`,
//!   `owner: <name>`;
//! - in a list (`consulted`, `informed`, `deciders`, `tags`, …), the items that are
//!   placeholders (`[{team}, bob]`, `[alice | bob]`); `[a, b]` is a list, not a
//!   placeholder;
//! - a status stated in the body as a placeholder: MADR 2's
//!   `* Status: {rejected | accepted}` line, a `## Status` section whose first line
//!   is `[proposed | accepted]`;
//! - a section still as the template of `docket new` wrote it, in a decision that
//!   is decided (`accepted`, `rejected`) or a brief under way or done (`active`,
//!   `done`): "the `## Decision` section is still the template's text". Every
//!   section the templates write counts (a decision's `Context`, `Options` and
//!   `Decision`; a brief's `Context`, `Expected output` and `Acceptance
//!   criteria`), and so do the sections of a team's own templates in the
//!   repository's `templates/new/decision.md` and `templates/new/brief.md`, whose
//!   `{{title}}`-style placeholders match any text, and the front-matter `outcome`
//!   and `options` such a template writes. A paragraph or list item equal to one
//!   the template writes under a heading of the same name (however it is wrapped)
//!   is the template's text: when the section holds nothing else it is reported at
//!   its heading, otherwise each paragraph or item left over is reported where it
//!   is.
//!
//! A proposed decision and a draft brief are drafts: `docket new` writes the
//! template's text for the author to replace before deciding or starting, so it is
//! no finding there, and `docket new` followed by `docket check` passes. A
//! superseded or deprecated decision and a cancelled brief are not reported either:
//! nobody acts on them any more. `docket init`'s charter is not a template: its
//! sections are a working charter (with the norms of its front matter) that a
//! team adopts as written, so they count as written. The update template writes no
//! text (`Done:`, `Next:`, `Blocker: none`).
//!
//! A placeholder counts as written but says nothing: the key is not reported again
//! as an `invalid-value` or a `missing-field`, a status placeholder is no statement
//! for `status-conflict`, and a person placeholder is no `unknown-owner`. In the
//! same way a template's text is never an option or an outcome, whatever the
//! status: `docket metrics` (`with_outcome_pct`), the site and `missing-field` do
//! not count it, and `missing-field` leaves the finding to this rule. The help
//! lists what may go there, or what the section is for.
//!
//! **Why:** a placeholder reads like a value to a quick glance, so a record with
//! `status: {proposed}` looks finished while docket, the site and `docket status`
//! see no status at all. A decision accepted with the template's "First option…"
//! and "Replace this paragraph…" looks decided and documented, and was counted as
//! having an outcome, while it records nothing.
//!
//! **Example:**
//!
//! ```yaml
//! ---
//! title: Use PostgreSQL
//! status: {proposed}      # the template's placeholder
//! consulted: [{team}]
//! ---
//! ```
//!
//! ```markdown
//! ---
//! title: Use Kafka
//! status: accepted
//! decided: 2026-11-24
//! ---
//! ## Options
//!
//! - **First option.** What it is, what speaks for it and what against it.
//! - **Second option.** What it is, what speaks for it and what against it.
//! ```
//!
//! **Fix:** replace the placeholder with a value the help lists
//! (`status: proposed`), or remove the key or the line when there is nothing to say.
//! Write the section's own text in place of the template's (the options weighed,
//! the outcome and why), or remove a section that has nothing to say.

// Reported by the registry, which forwards the problems with code
// `docket_model::Problem::TemplateText` under this rule's id (`rules/mod.rs`); this
// file is the rule's documentation and its tests.

#[cfg(test)]
mod tests {
    use crate::testing::{repo, run};

    #[test]
    fn fails_on_placeholders() {
        let r = repo(&[
            (
                "docs/decisions/0001-a.md",
                "---\ntitle: A\nstatus: {proposed}\nowner: alice\ndate: 2026-11-23\n---\n",
            ),
            (
                "docs/decisions/0002-b.md",
                "---\ntitle: B\nstatus: \"[accepted | rejected]\"\nowner: <name>\ndate: {YYYY-MM-DD}\nconsulted: [{team}, bob]\ninformed: [alice | bob]\n---\n",
            ),
            (
                "docs/decisions/0003-c.md",
                "# C\n\n* Status: {rejected | accepted} <!-- recommended -->\n* Date: 2026-11-23\n",
            ),
            (
                "docs/decisions/0004-d.md",
                "# 4. D\n\nDate: 2026-11-23\n\n## Status\n\n[proposed | accepted]\n",
            ),
        ]);
        insta::assert_debug_snapshot!(run("template-text", &r));
    }

    const NEW_DECISION: &str = include_str!("../../../../templates/new/decision.md");
    const NEW_BRIEF: &str = include_str!("../../../../templates/new/brief.md");

    fn filled(template: &str, status: &str) -> String {
        template
            .replace("{{title}}", "A")
            .replace("{{owner}}", "alice")
            .replace("{{date}}", "2026-11-20")
            .replace("{{deadline}}", "2026-11-22")
            .replace("status: proposed", status)
            .replace("status: draft", status)
    }

    #[test]
    fn fails_on_sections_left_as_the_template_wrote_them() {
        let partly = filled(NEW_DECISION, "status: rejected\ndecided: 2026-11-21")
            .replace(
                "- **First option.** What it is, what speaks for it and what against it.",
                "- **Kafka.** Durable.",
            )
            .replace("Open until", "Not Kafka: too heavy.\n\nOpen  until");
        let r = repo(&[
            (
                "docs/decisions/0001-a.md",
                &filled(NEW_DECISION, "status: accepted\ndecided: 2026-11-21"),
            ),
            ("docs/decisions/0002-b.md", &partly),
            ("docs/briefs/b.md", &filled(NEW_BRIEF, "status: done")),
        ]);
        insta::assert_debug_snapshot!(run("template-text", &r));
        let d = r
            .document("docs/decisions/0001-a.md")
            .and_then(|d| d.decision());
        assert_eq!(
            d.map(|d| (d.options.len(), d.outcome.is_some())),
            Some((0, false))
        );
        let d = r
            .document("docs/decisions/0002-b.md")
            .and_then(|d| d.decision());
        assert_eq!(
            d.map(|d| (d.options.clone(), d.outcome.clone())),
            Some((
                vec![docket_model::DecisionOption::named("Kafka. Durable.")],
                Some("Not Kafka: too heavy.".to_string())
            ))
        );
    }

    #[test]
    fn passes_on_drafts_and_on_records_written_over() {
        let written = filled(NEW_DECISION, "status: accepted\ndecided: 2026-11-21")
            .replace(
                "- **First option.** What it is, what speaks for it and what against it.\n- **Second option.** What it is, what speaks for it and what against it.",
                "- Kafka\n- RabbitMQ",
            )
            .replace("What question needs an answer", "Which queue")
            .replace("Open until the owner decides", "Kafka. Open until the owner decides, said the template");
        let r = repo(&[
            (
                "docs/decisions/0001-a.md",
                &filled(NEW_DECISION, "status: proposed"),
            ),
            ("docs/decisions/0002-b.md", &written),
            (
                "docs/decisions/0003-c.md",
                &filled(NEW_DECISION, "status: superseded\nsuperseded_by: 2"),
            ),
            ("docs/briefs/b.md", &filled(NEW_BRIEF, "status: draft")),
            ("docs/briefs/c.md", &filled(NEW_BRIEF, "status: cancelled")),
        ]);
        assert_eq!(run("template-text", &r), Vec::<String>::new());
        let d = r
            .document("docs/decisions/0001-a.md")
            .and_then(|d| d.decision());
        assert_eq!(
            d.map(|d| (d.options.len(), d.outcome.is_some())),
            Some((0, false)),
            "a draft's template text is no content either"
        );
    }

    #[test]
    fn passes_on_values_and_lists() {
        let r = repo(&[(
            "docs/decisions/0001-a.md",
            "---\ntitle: \"Use A | B\"\nstatus: proposed\nowner: alice\ndate: 2026-11-23\nconsulted: [alice, bob]\ntags: [a, b, \"<img src=x>\"]\noptions:\n  - name: A\n    pros: [fast]\n  - name: B\n---\n## Status\n\nProposed\n",
        )]);
        assert_eq!(run("template-text", &r), Vec::<String>::new());
    }
}
