//! # unknown-field
//!
//! **What it finds:** a front-matter key that the document's kind does not know, such
//! as `ownr` in a decision or `timzone` in `people.yaml`. The message suggests the
//! closest known key. Keys that `docket.toml` adds with `required` are known; a
//! kind of the team's own knows its roles' keys (`fields.owner = "author"`), its id
//! key and the keys it lists in `required`, `optional` and `references`.
//!
//! **Why:** a misspelt key is silently ignored by everything that reads the
//! document: the owner is "missing", the deadline never fires.
//!
//! **Example:**
//!
//! ```yaml
//! ownr: alice   # did you mean `owner`?
//! ```
//!
//! **Fix:** correct the spelling, or add the key to `required` under
//! `[kinds.<kind>]` in `docket.toml` if the team uses it on purpose.

use docket_diagnostics::Diagnostic;
use docket_model::suggest::closest;

use crate::Context;

/// Reports keys that the kind's schema does not list.
pub fn run(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for doc in &ctx.repo.documents {
        if !super::is_schema_checked(doc) {
            continue;
        }
        // docket.toml's `required` and `optional` keys are in the kind's schema.
        let schema = ctx.repo.config.schema(doc.kind);
        let known = || schema.iter().map(|s| s.name);
        for block in super::blocks(doc) {
            for field in &block.fields {
                if known().any(|k| k == field.key) {
                    continue;
                }
                let mut d = Diagnostic::new(
                    "unknown-field",
                    &doc.path,
                    field.key_range.clone(),
                    format!("unknown key `{}` for {}", field.key, doc.kind.noun()),
                );
                d = match closest(&field.key, known()) {
                    Some(s) => d.with_help(format!("did you mean `{s}`?")),
                    None => d.with_help(format!(
                        "known keys: {}",
                        known()
                            .map(|k| format!("`{k}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                };
                out.push(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{repo, repo_with, run};

    #[test]
    fn fails_with_a_suggestion() {
        let r = repo(&[
            (
                "docs/decisions/0001-a.md",
                "---\ntitle: A\nstatus: proposed\nownr: alice\ndate: 2026-11-20\n---\n",
            ),
            (
                "docs/people.yaml",
                "- id: alice\n  name: Alice\n  timzone: UTC\n",
            ),
        ]);
        insta::assert_debug_snapshot!(run("unknown-field", &r));
    }

    #[test]
    fn passes_on_keys_added_by_config() {
        let r = repo_with(
            "[kinds.decision]\nrequired = [\"area\"]\n",
            &[(
                "docs/decisions/0001-a.md",
                "---\ntitle: A\nstatus: proposed\nowner: alice\ndate: 2026-11-20\narea: infra\n---\n",
            )],
        );
        assert_eq!(run("unknown-field", &r), Vec::<String>::new());
    }
}
