//! # template-text
//!
//! **What it finds:** text left as a template wrote it. Record templates (MADR's,
//! adr-tools', kuma's, `docket new`'s) hold placeholders for the author to replace;
//! a record committed with one still in place says nothing where the placeholder
//! is. Today the rule finds values that are still placeholders:
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
//!   is `[proposed | accepted]`.
//!
//! A placeholder counts as written but says nothing: the key is not reported again
//! as an `invalid-value` or a `missing-field`, a status placeholder is no statement
//! for `status-conflict`, and a person placeholder is no `unknown-owner`. The help
//! lists what may go there.
//!
//! **Why:** a placeholder reads like a value to a quick glance, so a record with
//! `status: {proposed}` looks finished while docket, the site and `docket status`
//! see no status at all.
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
//! **Fix:** replace the placeholder with a value the help lists
//! (`status: proposed`), or remove the key or the line when there is nothing to say.

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

    #[test]
    fn passes_on_values_and_lists() {
        let r = repo(&[(
            "docs/decisions/0001-a.md",
            "---\ntitle: \"Use A | B\"\nstatus: proposed\nowner: alice\ndate: 2026-11-23\nconsulted: [alice, bob]\ntags: [a, b, \"<img src=x>\"]\noptions:\n  - name: A\n    pros: [fast]\n  - name: B\n---\n## Status\n\nProposed\n",
        )]);
        assert_eq!(run("template-text", &r), Vec::<String>::new());
    }
}
