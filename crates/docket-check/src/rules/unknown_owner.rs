//! # unknown-owner
//!
//! **What it finds:** a person reference that names nobody in the roster
//! (`docs/people.yaml`): the `owner` of a decision, brief, charter or page; a
//! decider of a decision (`decision-makers`, `deciders`); an entry of a decision's
//! `consulted` or `informed` list that is neither a roster id nor a team named in
//! the roster (a person's `team`); an attendee in `meetings.yaml`; the author of a
//! daily update (the file name `updates/2026-11-24/alice.md`, or its `person` key).
//! The message suggests the closest roster id when there is one.
//!
//! A record of a kind of your own names its people in its owner key
//! (`fields.owner = "author"`), often several and as written elsewhere:
//! `Ada Lovelace (@ada), Alan Turing <alan@example.com>`. Each entry must name
//! someone in the roster by roster id, `handle`, `email` or `name`.
//!
//! The roster is optional: a repository without `people.yaml` gets no findings from
//! this rule, and neither does one whose `people.yaml` cannot be read at all (that
//! is reported once by `front-matter-syntax`; reporting every owner as unknown on top
//! would bury it).
//!
//! **Why:** an owner is who decides when the deadline passes. A typo names nobody,
//! so nobody decides; a departed colleague's id names somebody who will not.
//!
//! **Example:**
//!
//! ```yaml
//! owner: alcie      # did you mean `alice`?
//! consulted: [platfrom]
//! ```
//!
//! **Fix:** correct the id, or add the person to `docs/people.yaml` (with `id`,
//! `name` and `timezone`).

use std::collections::HashSet;
use std::ops::Range;

use docket_diagnostics::Diagnostic;
use docket_model::suggest::Candidates;
use docket_model::{Data, Document, Kind, Repository};

use crate::Context;

/// Reports person references that are not roster ids (or, where allowed, teams).
pub fn run(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let repo = ctx.repo;
    if !repo.has_roster() || repo.of_kind(Kind::People).any(|d| d.broken) {
        return;
    }
    let roster = Roster::new(repo);
    for doc in &repo.documents {
        let mut found = Found {
            doc,
            roster: &roster,
            seen: HashSet::new(),
            out: &mut *out,
            legacy: doc.decision().is_some_and(|d| d.legacy.is_some()),
        };
        match &doc.data {
            Data::Decision(d) if d.kind != Kind::Decision => {
                // A kind of the team's own names its people as it likes
                // (`Ada Lovelace (@ada)`): each is matched by id, handle, email or
                // name.
                for p in &d.deciders {
                    found.named(&p.value, p.range.clone());
                }
            }
            Data::Decision(d) => {
                if let Some(o) = &d.owner {
                    found.person("owner", &o.value, o.range.clone());
                }
                for p in &d.deciders {
                    found.person("decider", &p.value, p.range.clone());
                }
                for (what, list) in [("consulted", &d.consulted), ("informed", &d.informed)] {
                    for entry in list {
                        found.person_or_team(what, &entry.value, entry.range.clone());
                    }
                }
            }
            Data::Brief(b) => {
                if let Some(o) = &b.owner {
                    found.person("owner", &o.value, o.range.clone());
                }
            }
            Data::Charter(c) => {
                if let Some(o) = &c.owner {
                    found.person("owner", &o.value, o.range.clone());
                }
            }
            Data::Page(_) => {
                // Pages keep no typed owner; read it from the front matter.
                let owner = doc.front.as_ref().and_then(|f| f.get("owner"));
                if let Some((f, v)) = owner.and_then(|f| f.value.as_scalar_string().map(|v| (f, v)))
                {
                    found.person("owner", v.trim(), f.value_range.clone());
                }
            }
            Data::Meetings(list) => {
                for m in list {
                    for a in &m.attendees {
                        found.person("attendee", &a.value, a.range.clone());
                    }
                }
            }
            Data::Update(u) => {
                if let Some(p) = &u.person {
                    // A `person` key points at its value; a name that comes from the
                    // file name points at the file as a whole.
                    let written = doc.front.as_ref().and_then(|f| f.get("person")).is_some();
                    if written {
                        found.person("update author", &p.value, p.range.clone());
                    } else {
                        found.file_author(&p.value);
                    }
                }
            }
            Data::People(_) => {}
        }
    }
}

/// The roster's ids and team names, read once for the suggestions.
struct Roster<'a> {
    repo: &'a Repository,
    path: String,
    /// The roster ids.
    ids: Candidates<'a>,
    /// The roster ids and the teams.
    ids_and_teams: Candidates<'a>,
}

impl<'a> Roster<'a> {
    fn new(repo: &'a Repository) -> Self {
        let ids: Vec<&str> = repo
            .people()
            .filter_map(|p| p.id.as_ref().map(|i| i.value.as_str()))
            .collect();
        let mut teams: Vec<&str> = repo.people().filter_map(|p| p.team.as_deref()).collect();
        teams.sort_unstable();
        teams.dedup();
        Self {
            repo,
            path: repo.roster_path(),
            ids_and_teams: Candidates::new(ids.iter().chain(teams.iter()).copied()),
            ids: Candidates::new(ids),
        }
    }
}

/// Collects the findings of one document, once per value and position.
struct Found<'a, 'r> {
    doc: &'a Document,
    roster: &'a Roster<'r>,
    seen: HashSet<(String, Range<usize>)>,
    out: &'a mut Vec<Diagnostic>,
    /// A record in another tool's format (SPEC §9), which names people by name.
    legacy: bool,
}

impl Found<'_, '_> {
    /// `value` must be a roster id.
    fn person(&mut self, what: &str, value: &str, range: Range<usize>) {
        if value.is_empty() || self.roster.repo.is_person(value) {
            return;
        }
        let message = format!("{what} `{value}` is not in {}", self.roster.path);
        let named = self.legacy.then(|| self.by_name(value)).flatten();
        let help = match (named, self.roster.ids.closest(value)) {
            (Some(id), _) => format!(
                "`{value}` is `{id}` in {}: write the roster id, or run `docket import`, which maps names to roster ids",
                self.roster.path
            ),
            (None, Some(s)) => format!("did you mean `{s}`?"),
            (None, None) if self.legacy => format!(
                "add `{value}` to {}, or run `docket import`, which adds the people it does not know",
                self.roster.path
            ),
            (None, None) => format!("add `{value}` to {}", self.roster.path),
        };
        self.push(value, range, message, help);
    }

    /// The roster id of the person whose name or email is `value` (any case).
    fn by_name(&self, value: &str) -> Option<String> {
        let v = value.trim();
        self.roster.repo.people().find_map(|p| {
            let hit = p.name.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(v))
                || p.email
                    .as_deref()
                    .is_some_and(|e| e.eq_ignore_ascii_case(v));
            hit.then(|| p.id.as_ref().map(|i| i.value.clone()))
                .flatten()
        })
    }

    /// An entry of a kind's list of people must name someone in the roster.
    fn named(&mut self, value: &str, range: Range<usize>) {
        if value.is_empty() || self.roster.repo.person_named(value).is_some() {
            return;
        }
        let message = format!(
            "`{value}` is not in {}: no person has this id, handle, email or name",
            self.roster.path
        );
        let name = value.split(['(', '<']).next().unwrap_or(value).trim();
        let help = match self.roster.ids.closest(name) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!(
                "add them to {} (with `handle` or `email` to match how records name them)",
                self.roster.path
            ),
        };
        self.push(value, range, message, help);
    }

    /// An update's author from its file name must be a roster id.
    fn file_author(&mut self, value: &str) {
        if value.is_empty() || self.roster.repo.is_person(value) {
            return;
        }
        let message = format!(
            "update author `{value}` (from the file name) is not in {}",
            self.roster.path
        );
        let help = match self.roster.ids.closest(value) {
            Some(s) => format!("did you mean `{s}`? rename the file to `{s}.md`"),
            None => format!(
                "add `{value}` to {}, or name the file after the author's roster id",
                self.roster.path
            ),
        };
        self.push(value, 0..0, message, help);
    }

    /// `value` must be a roster id or a team of the roster.
    fn person_or_team(&mut self, what: &str, value: &str, range: Range<usize>) {
        if value.is_empty() || self.roster.repo.is_person_or_team(value) {
            return;
        }
        let message = format!(
            "{what} `{value}` is neither a person nor a team in {}",
            self.roster.path
        );
        let help = match self.roster.ids_and_teams.closest(value) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!(
                "add `{value}` to {} as a person, or as the `team` of its members",
                self.roster.path
            ),
        };
        self.push(value, range, message, help);
    }

    fn push(&mut self, value: &str, range: Range<usize>, message: String, help: String) {
        // `[carol, carol]` finds the same spot twice; say it once.
        if !self.seen.insert((value.to_string(), range.clone())) {
            return;
        }
        self.out
            .push(Diagnostic::new("unknown-owner", &self.doc.path, range, message).with_help(help));
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{repo, run};

    #[test]
    fn fails_on_unknown_deciders() {
        let r = repo(&[(
            "docs/decisions/0001-a.md",
            "---\ntitle: A\nstatus: proposed\nowner: alice\ndecision-makers: [alice, bbo]\ndate: 2026-11-23\n---\n",
        )]);
        assert_eq!(
            run("unknown-owner", &r),
            ["docs/decisions/0001-a.md:5:26 decider `bbo` is not in docs/people.yaml"]
        );
    }

    #[test]
    fn fails_on_unknown_people() {
        let r = repo(&[
            (
                "docs/decisions/0001-a.md",
                "---\ntitle: A\nstatus: proposed\nowner: alcie\ndate: 2026-11-20\nconsulted: [platform, platfrom, carol, carol]\ninformed:\n  - bob\n  - zed\n---\n",
            ),
            (
                "docs/briefs/b.md",
                "---\ntitle: B\nowner: \"bbo\"\ndeadline: 2026-12-01\nstatus: draft\n---\n",
            ),
            (
                "docs/guide.md",
                "---\ntitle: Guide\nowner: mallory\n---\n# Guide\n",
            ),
            (
                "docs/meetings.yaml",
                "- name: Sync\n  category: work\n  cadence: weekly\n  duration: 25\n  attendees: [alice, bobby]\n",
            ),
            (
                "docs/updates/2026-11-24/carl.md",
                "Done: x\nNext: y\nBlocker: none\n",
            ),
            (
                "docs/updates/2026-11-24/x.md",
                "---\nperson: alicee\n---\nDone: x\nNext: y\nBlocker: none\n",
            ),
        ]);
        insta::assert_debug_snapshot!(run("unknown-owner", &r));
    }

    #[test]
    fn helps_with_a_suggestion_or_the_roster() {
        let r = repo(&[(
            "docs/decisions/0001-a.md",
            "---\ntitle: A\nstatus: proposed\nowner: alcie\ndate: 2026-11-20\ninformed: [zed]\n---\n",
        )]);
        let out = crate::testing::findings("unknown-owner", &r);
        let helps: Vec<_> = out
            .iter()
            .map(|d| d.help.clone().unwrap_or_default())
            .collect();
        assert_eq!(
            helps,
            [
                "did you mean `alice`?",
                "add `zed` to docs/people.yaml as a person, or as the `team` of its members"
            ]
        );
        assert_eq!(out[0].message, "owner `alcie` is not in docs/people.yaml");
    }

    #[test]
    fn passes_on_roster_ids_and_teams() {
        let r = repo(&[
            (
                "docs/decisions/0001-a.md",
                "---\ntitle: A\nstatus: proposed\nowner: alice\ndate: 2026-11-20\nconsulted: [platform, bob]\n---\n",
            ),
            (
                "docs/updates/2026-11-24/bob.md",
                "Done: x\nNext: y\nBlocker: none\n",
            ),
        ]);
        assert_eq!(run("unknown-owner", &r), Vec::<String>::new());
    }

    #[test]
    fn passes_without_a_roster() {
        let mut r = repo(&[(
            "docs/decisions/0001-a.md",
            "---\ntitle: A\nstatus: proposed\nowner: zed\ndate: 2026-11-20\n---\n",
        )]);
        r.documents.retain(|d| d.kind != docket_model::Kind::People);
        assert_eq!(run("unknown-owner", &r), Vec::<String>::new());
        let broken = repo(&[
            (
                "docs/decisions/0001-a.md",
                "---\ntitle: A\nstatus: proposed\nowner: zed\ndate: 2026-11-20\n---\n",
            ),
            ("docs/people.yaml", "- id: [alice\n"),
        ]);
        assert_eq!(run("unknown-owner", &broken), Vec::<String>::new());
    }
}
