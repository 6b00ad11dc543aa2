//! # id-mismatch
//!
//! **What it finds:** a decision whose `id` key says something else than its file
//! name. The file name is the source of truth: `0042-use-postgresql.md` is decision
//! `42`. Numbers compare as numbers, so `id: 42`, `id: "0042"` and `id: 0042` all
//! match; the file name itself (`id: 0042-use-postgresql`) matches too. With
//! `id = "stem"` under `[kinds.decision]`, the key must equal the file stem.
//!
//! **Why:** references (`supersedes: [42]`, a blocker `#42`) resolve by the file
//! name. A record that claims another id in its front matter reads as one decision
//! and is linked as another; it usually means a file was copied or renumbered and
//! only one of the two places was updated.
//!
//! **Example:**
//!
//! ```markdown
//! <!-- docs/decisions/0042-use-postgresql.md -->
//! ---
//! id: 41        # the file name says 42
//! ---
//! ```
//!
//! **Fix:** write the file name's number in `id`, or remove the key: the file name
//! alone sets the id. If the number in the key is the right one, rename the file
//! (`docket renumber` also rewrites the references).

use docket_diagnostics::Diagnostic;
use docket_model::DecisionId;

use crate::Context;

/// Reports `id` keys that disagree with the file name.
pub fn run(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (doc, d) in ctx.repo.decisions() {
        let (Some(id), Some(key)) = (&d.id, &d.id_key) else {
            continue;
        };
        let written = key.value.trim();
        // `invalid-value` reports ids that look like paths; say it once.
        if written.is_empty() || written.contains(['/', '\\']) || written.contains("..") {
            continue;
        }
        let same = written == doc.stem()
            || written == doc.file_name()
            || match id {
                DecisionId::Number(n) => {
                    written.bytes().all(|b| b.is_ascii_digit())
                        && written.parse::<u64>().ok() == Some(u64::from(*n))
                }
                DecisionId::Stem(s) => written == s,
            };
        if same {
            continue;
        }
        out.push(
            Diagnostic::new(
                "id-mismatch",
                &doc.path,
                key.range.clone(),
                format!("`id` is `{written}` but the file name `{}` makes it `{id}`", doc.file_name()),
            )
            .with_help(format!(
                "write `id: {id}` or remove the key (the file name sets the id); if `{written}` is right, rename the file"
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{repo, repo_with, run};

    fn decision(id: &str) -> String {
        format!("---\ntitle: A\nstatus: proposed\nowner: alice\ndate: 2026-11-20\nid: {id}\n---\n")
    }

    #[test]
    fn fails_on_a_different_id() {
        let r = repo(&[
            ("docs/decisions/0042-a.md", &decision("41")),
            ("docs/decisions/0043-b.md", &decision("\"0044\"")),
            ("docs/decisions/0044-c.md", &decision("use-c")),
        ]);
        insta::assert_debug_snapshot!(run("id-mismatch", &r));
    }

    #[test]
    fn passes_when_numbers_match() {
        let r = repo(&[
            ("docs/decisions/0042-a.md", &decision("42")),
            ("docs/decisions/0043-b.md", &decision("\"0043\"")),
            ("docs/decisions/0044-c.md", &decision("0044-c")),
            ("docs/decisions/0045-d.md", &decision("../x")),
            ("docs/decisions/0047-f.md", &decision("0047")),
            (
                "docs/decisions/0046-e.md",
                "---\ntitle: A\nstatus: proposed\nowner: alice\ndate: 2026-11-20\n---\n",
            ),
        ]);
        assert_eq!(run("id-mismatch", &r), Vec::<String>::new());
        let stems = repo_with(
            "[kinds.decision]\nid = \"stem\"\n",
            &[(
                "docs/decisions/20261120-use-x.md",
                &decision("20261120-use-x"),
            )],
        );
        assert_eq!(run("id-mismatch", &stems), Vec::<String>::new());
    }
}
