//! # duplicate-id
//!
//! **What it finds:** two decision records with the same id (two files numbered
//! `0042-…`), and two people in `people.yaml` with the same `id`. Decisions are
//! compared in path order and every file after the first is reported, naming the
//! first; the help proposes the next free number. A repeated roster id is reported at
//! the second entry's `id`. Ids are unique per kind and per folder: records of a
//! kind of the team's own (`[kinds.proposal]`) are compared among themselves, and
//! where a kind has several folders (a list or a glob in docket.toml), each
//! folder numbers its records on its own (`billing/0003` and `search/0003`).
//!
//! Ids are unique per kind (a kind of your own numbers its records apart from the
//! decisions; with `id = "eip"` the finding points at that key) and, for a kind
//! with several folders (`path = "services/*/docs/adr"`), per folder: every service
//! may number from 1.
//!
//! **Why:** a reference such as `supersedes: [42]` or a blocker `#42` must name one
//! record; with two, links, the decision index and supersession chains pick one at
//! random. Two people with one id make ownership ambiguous. Duplicate numbers usually
//! come from two branches that each took the next free number.
//!
//! **Example:**
//!
//! ```text
//! docs/decisions/0042-use-postgresql.md
//! docs/decisions/0042-use-mysql.md      # id `42` is also used by 0042-use-postgresql.md
//! ```
//!
//! **Fix:** give the later decision the next free number (rename the file, or run
//! `docket renumber`), and update the references that meant it. For the roster, give
//! the person another id or merge the two entries.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use docket_diagnostics::Diagnostic;
use docket_model::{Data, DecisionId, Document, IdScheme, Kind};

use crate::Context;

/// Reports decision ids and roster ids used more than once.
pub fn run(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    decisions(ctx, out);
    people(ctx, out);
}

fn decisions(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    // Documents are sorted by path, so each group lists its first file first.
    // Ids are unique per kind and, for a kind with several folders, per folder.
    type Group<'a> = (Kind, Option<&'a str>, &'a DecisionId);
    let mut groups: BTreeMap<Group<'_>, Vec<&Document>> = BTreeMap::new();
    for (doc, d) in ctx.repo.decisions() {
        if let Some(id) = &d.id {
            groups
                .entry((d.kind, d.folder.as_deref(), id))
                .or_default()
                .push(doc);
        }
    }
    let mut next_free: BTreeMap<(Kind, Option<&str>), u32> = BTreeMap::new();
    for (kind, folder, id) in groups.keys() {
        if let DecisionId::Number(n) = id {
            let next = next_free.entry((*kind, *folder)).or_insert(1);
            *next = (*next).max(n.saturating_add(1));
        }
    }
    for ((kind, folder, id), docs) in &groups {
        let Some((first, rest)) = docs.split_first() else {
            continue;
        };
        let what = kind.name();
        let id_key = match ctx.repo.config.id_scheme_of(*kind) {
            IdScheme::Key(key) => Some(key),
            _ => None,
        };
        for doc in rest {
            let range = match id_key {
                Some(key) => doc
                    .front
                    .as_ref()
                    .and_then(|f| f.get(key))
                    .map_or(0..0, |f| f.value_range.clone()),
                None => doc
                    .decision()
                    .and_then(|d| d.id_key.as_ref())
                    .map_or(0..0, |k| k.range.clone()),
            };
            let next = next_free.entry((*kind, *folder)).or_insert(1);
            let help = match id {
                DecisionId::Number(_) if id_key.is_some() => {
                    let free = *next;
                    *next = next.saturating_add(1);
                    format!(
                        "give this {what} the next free id, `{}: {free}`, and update the references that mean it",
                        id_key.unwrap_or("id")
                    )
                }
                DecisionId::Number(_) => {
                    let next_free = next;
                    let renamed = renumbered(doc.file_name(), *next_free);
                    *next_free = next_free.saturating_add(1);
                    format!(
                        "give this {what} the next free number: rename it to `{renamed}` and update the references that mean it"
                    )
                }
                DecisionId::Stem(_) => {
                    "rename one of the two files; references by file name must name one decision"
                        .to_string()
                }
            };
            out.push(
                Diagnostic::new(
                    "duplicate-id",
                    &doc.path,
                    range,
                    format!("{what} id `{id}` is also used by {}", first.path),
                )
                .with_help(help),
            );
        }
    }
}

/// `0042-use-mysql.md` with number 44 → `0044-use-mysql.md` (keeping the width).
fn renumbered(file_name: &str, number: u32) -> String {
    let digits = file_name.bytes().take_while(u8::is_ascii_digit).count();
    format!("{number:0digits$}{}", &file_name[digits..])
}

fn people(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut first: HashMap<&str, (&Document, Range<usize>)> = HashMap::new();
    for doc in &ctx.repo.documents {
        let Data::People(list) = &doc.data else {
            continue;
        };
        for id in list.iter().filter_map(|p| p.id.as_ref()) {
            match first.get(id.value.as_str()) {
                None => {
                    first.insert(&id.value, (doc, id.range.clone()));
                }
                Some((other, range)) => {
                    let line = line_of(&other.text, range.start);
                    let place = if other.path == doc.path {
                        format!("line {line}")
                    } else {
                        format!("{}:{line}", other.path)
                    };
                    out.push(
                        Diagnostic::new(
                            "duplicate-id",
                            &doc.path,
                            id.range.clone(),
                            format!("person id `{}` is already used on {place}", id.value),
                        )
                        .with_help("ids must be unique: give this person another id, or merge the two entries"),
                    );
                }
            }
        }
    }
}

/// The 1-based line of byte `offset`.
fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .map_or(1, |t| t.matches('\n').count() + 1)
}

#[cfg(test)]
mod tests {
    use crate::testing::{repo, run};

    const D: &str = "---\ntitle: A\nstatus: proposed\nowner: alice\ndate: 2026-11-20\n---\n";

    #[test]
    fn fails_on_repeated_ids() {
        let r = repo(&[
            ("docs/decisions/0042-use-postgresql.md", D),
            ("docs/decisions/0042-use-mysql.md", D),
            (
                "docs/decisions/042-use-sqlite.md",
                "---\ntitle: A\nstatus: proposed\nowner: alice\ndate: 2026-11-20\nid: 42\n---\n",
            ),
            ("docs/decisions/0043-other.md", D),
            (
                "docs/people.yaml",
                "- id: alice\n  name: Alice\n  timezone: UTC\n- id: bob\n  name: Bob\n  timezone: UTC\n- id: alice\n  name: Alice Two\n  timezone: UTC\n",
            ),
        ]);
        insta::assert_debug_snapshot!(run("duplicate-id", &r));
        let out = crate::testing::findings("duplicate-id", &r);
        let helps: Vec<_> = out.iter().filter_map(|d| d.help.as_deref()).collect();
        // The first file in path order keeps the number; the others get 44, 45.
        assert!(helps[0].contains("`0044-use-postgresql.md`"), "{helps:?}");
        assert!(helps[1].contains("`045-use-sqlite.md`"), "{helps:?}");
    }

    #[test]
    fn ids_are_per_kind_and_per_folder() {
        let r = crate::testing::repo_with(
            "[kinds.decision]\npath = \"services/*/adr\"\n[kinds.proposal]\npath = \"EIPS\"\nid = \"eip\"\n",
            &[
                ("docs/services/billing/adr/0001-a.md", D),
                ("docs/services/billing/adr/0001-b.md", D),
                ("docs/services/search/adr/0001-c.md", D),
                ("docs/EIPS/eip-1.md", "---\neip: 1\ntitle: P\n---\n"),
                ("docs/EIPS/eip-1b.md", "---\neip: 1\ntitle: Q\n---\n"),
            ],
        );
        let out = crate::testing::findings("duplicate-id", &r);
        let found: Vec<(&str, &str)> = out
            .iter()
            .map(|d| (d.file.as_str(), d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "docs/services/billing/adr/0001-b.md",
                    "decision id `1` is also used by docs/services/billing/adr/0001-a.md"
                ),
                (
                    "docs/EIPS/eip-1b.md",
                    "proposal id `1` is also used by docs/EIPS/eip-1.md"
                ),
            ]
        );
        // The next free number is billing's own.
        assert!(
            out[0].help.as_deref().unwrap_or("").contains("`0002-b.md`"),
            "{out:?}"
        );
    }

    #[test]
    fn passes_on_distinct_ids() {
        let r = repo(&[
            ("docs/decisions/0001-a.md", D),
            ("docs/decisions/0002-b.md", D),
            ("docs/decisions/README.md", "# Decisions\n"),
        ]);
        assert_eq!(run("duplicate-id", &r), Vec::<String>::new());
    }
}
