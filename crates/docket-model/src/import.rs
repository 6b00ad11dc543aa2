//! `docket import`: rewrites decision records in an existing format (adr-tools, MADR,
//! log4brains; SPEC §9) with docket front matter, as a pure function of the
//! [`Repository`]: texts in, texts out, plus the people to add to the roster. The
//! driver writes the files; the command line prints.
//!
//! What changes in a record: docket front matter is written at the top (MADR's own
//! front matter is replaced by it, keeping the keys docket does not know as they
//! were), and the lines whose content moved into it are removed: adr-tools' `Date:`
//! line, the `## Status` heading with its status and `Supersedes` / `Superseded by`
//! lines, MADR 2 and log4brains' `- Status:` / `- Date:` / `- Deciders:` / `- Tags:`
//! lines. Every other line stays as it was, in order; file names and numbers do not
//! change. Records that already have docket front matter are left alone, so a
//! second run changes nothing.

use std::collections::BTreeSet;
use std::ops::Range;

use crate::document::Legacy;
use crate::document::{Decision, Document};
use crate::legacy::{Facts, moved_lines, scan};
use crate::repo::Repository;
use crate::write::{slug, yaml_date, yaml_flow, yaml_scalar};

/// A person `docket import` adds to the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPerson {
    /// The roster id: an ASCII slug of the name.
    pub id: String,
    /// The name as the record wrote it.
    pub name: String,
    /// The email, when the record gave one (`Name <email>`).
    pub email: Option<String>,
    /// The record that named the person first (repository-relative).
    pub named_in: String,
}

/// One record rewritten.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedRecord {
    /// Repository-relative path (unchanged by the import).
    pub path: String,
    /// The format it was read as.
    pub format: Legacy,
    /// The text before.
    pub before: String,
    /// The text after.
    pub after: String,
}

/// Why a decision record is left alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// It already has docket front matter.
    Docket,
    /// It is in no format docket knows.
    Unrecognised,
    /// Its front matter cannot be read.
    Broken,
    /// It reads as another format than `--from`.
    OtherFormat {
        /// What it reads as.
        found: Legacy,
        /// What `--from` asked for.
        wanted: Legacy,
    },
    /// It states its status twice, differently (`status-conflict`).
    StatusConflict(String, String),
    /// The conversion changes nothing.
    Unchanged,
}

impl std::fmt::Display for SkipReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SkipReason::Docket => f.write_str("it already has docket front matter"),
            SkipReason::Unrecognised => f.write_str(
                "it is in no format docket knows (no front matter, `## Status` section or `Status:` line)",
            ),
            SkipReason::Broken => {
                f.write_str("its front matter cannot be read (see `docket check`)")
            }
            SkipReason::OtherFormat { found, wanted } => write!(
                f,
                "it reads as {}, not {}",
                found.label(),
                wanted.label()
            ),
            SkipReason::StatusConflict(a, b) => write!(
                f,
                "it states its status twice, differently (`{a}` and `{b}`); make them agree first (`status-conflict`)"
            ),
            SkipReason::Unchanged => f.write_str("nothing to change"),
        }
    }
}

/// What `docket import` would do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportPlan {
    /// Records to rewrite, by path.
    pub records: Vec<ImportedRecord>,
    /// Decision records left alone (repository-relative path), with the reason.
    pub skipped: Vec<(String, SkipReason)>,
    /// People named in the records who are not in the roster.
    pub people: Vec<NewPerson>,
    /// The roster's path (repository-relative).
    pub roster_path: String,
    /// The roster's text before (`None` when there is no roster file).
    pub roster_before: Option<String>,
    /// The roster's new text, when people are added.
    pub roster_after: Option<String>,
}

/// Plans the import of the decision records under `within` (a repository-relative
/// folder or file; empty for all), read as `from` (`None`: any format). MADR and
/// log4brains records are the same format to `--from` (log4brains is MADR 2 with
/// dated file names).
pub fn plan_import(repo: &Repository, from: Option<Legacy>, within: &str) -> ImportPlan {
    let within = within.trim_matches('/');
    let mut roster = Roster::new(repo);
    let mut plan = ImportPlan {
        roster_path: repo.roster_path(),
        ..ImportPlan::default()
    };
    for (doc, d) in repo.decisions() {
        if !within.is_empty() && doc.path != within && !doc.path.starts_with(&format!("{within}/"))
        {
            continue;
        }
        let skip = |plan: &mut ImportPlan, why: SkipReason| {
            plan.skipped.push((doc.path.clone(), why));
        };
        if doc.broken {
            skip(&mut plan, SkipReason::Broken);
            continue;
        }
        let Some(format) = d.legacy else {
            let why = if doc.front.is_some() {
                SkipReason::Docket
            } else {
                SkipReason::Unrecognised
            };
            skip(&mut plan, why);
            continue;
        };
        if let Some(wanted) = from
            && !compatible(wanted, format)
        {
            skip(
                &mut plan,
                SkipReason::OtherFormat {
                    found: format,
                    wanted,
                },
            );
            continue;
        }
        if let Some(first) = d.statuses.first()
            && let Some(other) = d.statuses.iter().find(|s| s.status != first.status)
        {
            skip(
                &mut plan,
                SkipReason::StatusConflict(
                    first.written.value.clone(),
                    other.written.value.clone(),
                ),
            );
            continue;
        }
        let after = convert(doc, d, &mut roster);
        if after == doc.text {
            skip(&mut plan, SkipReason::Unchanged);
            continue;
        }
        plan.records.push(ImportedRecord {
            path: doc.path.clone(),
            format,
            before: doc.text.clone(),
            after,
        });
    }
    plan.people = roster.added.clone();
    plan.roster_before = repo.document(&plan.roster_path).map(|doc| doc.text.clone());
    if !plan.people.is_empty() {
        plan.roster_after = Some(roster_with(plan.roster_before.as_deref(), &plan.people));
    }
    plan
}

fn compatible(from: Legacy, format: Legacy) -> bool {
    from == format || (from != Legacy::AdrTools && format != Legacy::AdrTools)
}

/// The roster as `docket import` matches names against it, plus the people it adds.
struct Roster {
    /// (id, name, email, handle, team) of each person, lowercase.
    known: Vec<[String; 5]>,
    /// Ids in use.
    ids: BTreeSet<String>,
    added: Vec<NewPerson>,
}

impl Roster {
    fn new(repo: &Repository) -> Self {
        let lower = |s: Option<&str>| s.unwrap_or("").trim().to_lowercase();
        let known: Vec<[String; 5]> = repo
            .people()
            .filter_map(|p| {
                let id = p.id.as_ref()?.value.clone();
                let handle = p
                    .fields
                    .get("handle")
                    .and_then(|f| f.value.as_scalar_string());
                Some([
                    id,
                    lower(p.name.as_deref()),
                    lower(p.email.as_deref()),
                    lower(handle.as_deref()).trim_start_matches('@').to_string(),
                    lower(p.team.as_deref()),
                ])
            })
            .collect();
        let ids = known.iter().map(|k| k[0].clone()).collect();
        Self {
            known,
            ids,
            added: Vec::new(),
        }
    }

    /// The roster id for a person as a record names them (an id, a name, an email,
    /// `Name <email>`, `@handle`), adding them when nobody matches. Team names of the
    /// roster are kept as they are when `teams` is set.
    fn id_for(&mut self, raw: &str, teams: bool, path: &str) -> String {
        let raw = raw.trim();
        let (name, email) = match (raw.find('<'), raw.rfind('>')) {
            (Some(a), Some(b)) if a < b => (raw[..a].trim(), Some(raw[a + 1..b].trim())),
            _ if raw.contains('@') && !raw.starts_with('@') && !raw.contains(' ') => {
                ("", Some(raw))
            }
            _ => (raw, None),
        };
        let name_l = name.to_lowercase();
        let handle = name_l.trim_start_matches('@');
        let email_l = email.map(str::to_lowercase);
        for k in &self.known {
            let id_l = k[0].to_lowercase();
            let hit = (!name_l.is_empty()
                && (id_l == name_l || k[1] == name_l || (!k[3].is_empty() && k[3] == handle)))
                || email_l
                    .as_deref()
                    .is_some_and(|e| !k[2].is_empty() && k[2] == e);
            if hit {
                return k[0].clone();
            }
            if teams && !k[4].is_empty() && k[4] == name_l {
                return name.to_string();
            }
        }
        if let Some(p) = self.added.iter().find(|p| {
            (!name_l.is_empty() && p.name.to_lowercase() == name_l)
                || (email_l.is_some() && p.email.as_ref().map(|e| e.to_lowercase()) == email_l)
        }) {
            return p.id.clone();
        }
        let shown = if name.is_empty() {
            email
                .and_then(|e| e.split('@').next())
                .unwrap_or("person")
                .to_string()
        } else {
            name.trim_start_matches('@').to_string()
        };
        // Roster ids are not cut to a length.
        let base = slug(&shown, usize::MAX).unwrap_or_else(|| "person".to_string());
        let mut id = base.clone();
        let mut n = 2;
        while self.ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.ids.insert(id.clone());
        self.added.push(NewPerson {
            id: id.clone(),
            name: shown,
            email: email.map(str::to_string),
            named_in: path.to_string(),
        });
        id
    }
}

/// The keys the import writes from the typed record; an existing front matter's
/// other keys (`id`, `options`, Jekyll's `parent`, …) are kept as they were.
const WRITTEN: &[&str] = &[
    "title",
    "status",
    "owner",
    "date",
    "deadline",
    "decided",
    "supersedes",
    "superseded_by",
    "consulted",
    "informed",
    "tags",
    "decision-makers",
    "deciders",
];

/// The record's new text.
fn convert(doc: &Document, d: &Decision, roster: &mut Roster) -> String {
    let facts = scan(doc);
    let text = doc.text.as_str();
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let fm = docket_keys(doc, d, &facts, roster);
    let kept = kept_lines(doc);
    if fm.is_empty() && doc.front.is_none() {
        // Nothing the record states would go into front matter.
        return text.to_string();
    }
    let mut out = String::new();
    out.push_str("---");
    out.push_str(nl);
    for line in fm.iter().chain(kept.iter()) {
        out.push_str(line);
        out.push_str(nl);
    }
    out.push_str("---");
    out.push_str(nl);
    // The body, without the lines whose content moved into the front matter.
    let moved = moved_lines(d, &facts);
    out.push_str(&remove_lines(text, doc.body.clone(), &moved));
    out
}

/// The `key: value` lines of docket front matter for the record, in the order of
/// [`WRITTEN`]. People become roster ids (added to `roster` when new).
fn docket_keys(doc: &Document, d: &Decision, facts: &Facts, roster: &mut Roster) -> Vec<String> {
    let front = doc.front.as_ref();
    let written = |k: &str| front.and_then(|f| f.get(k));
    let mut fm: Vec<String> = Vec::new();
    let mut key = |k: &str, v: String| fm.push(format!("{k}: {v}"));
    if let Some(t) = &d.title {
        key("title", yaml_scalar(&t.value));
    }
    if let Some(s) = &d.status {
        key("status", yaml_scalar(&s.value));
    }
    // People: the owner (written, or the one decider), and the deciders of MADR's
    // `decision-makers` / `deciders` or a `Deciders:` line. Of several deciders
    // none is made the owner: `missing-field` asks for one.
    if let Some(o) = &d.owner {
        let id = if written("owner").is_some() {
            o.value.clone()
        } else {
            roster.id_for(&o.value, false, &doc.path)
        };
        key("owner", yaml_scalar(&id));
    }
    // Dates as written when they are valid, so a date-time keeps its offset.
    let date_text = written_date(doc, facts);
    if let Some(date) = &date_text {
        key("date", yaml_date(date));
    }
    let scalar_of = |k: &str| written(k).and_then(|f| f.value.as_scalar_string());
    if let Some(v) = scalar_of("deadline") {
        key("deadline", yaml_date(&v));
    }
    match scalar_of("decided") {
        Some(v) => key("decided", yaml_date(&v)),
        None if d.is_decided() && d.date.is_some() => {
            if let Some(date) = &date_text {
                key("decided", yaml_date(date));
            }
        }
        None => {}
    }
    if !d.supersedes.is_empty() {
        key(
            "supersedes",
            yaml_flow(d.supersedes.iter().map(|s| &s.value)),
        );
    }
    match d.superseded_by.as_slice() {
        [] => {}
        [one] => key("superseded_by", yaml_scalar(&one.value)),
        many => key("superseded_by", yaml_flow(many.iter().map(|s| &s.value))),
    }
    for (name, list) in [("consulted", &d.consulted), ("informed", &d.informed)] {
        if !list.is_empty() {
            let ids: Vec<String> = list
                .iter()
                .map(|p| roster.id_for(&p.value, true, &doc.path))
                .collect();
            key(name, yaml_flow(ids));
        }
    }
    if !d.tags.is_empty() {
        key("tags", yaml_flow(&d.tags));
    }
    let madr_3 = written("deciders").is_some() && written("decision-makers").is_none();
    if written("decision-makers").is_some() || madr_3 || d.deciders.len() > 1 {
        let ids: Vec<String> = d
            .deciders
            .iter()
            .map(|p| roster.id_for(&p.value, false, &doc.path))
            .collect();
        if !ids.is_empty() {
            key(
                if madr_3 {
                    "deciders"
                } else {
                    "decision-makers"
                },
                yaml_flow(ids),
            );
        }
    }
    fm
}

/// The rest of an existing front matter (keys docket does not write, comments), as
/// it was, without trailing blank lines.
fn kept_lines(doc: &Document) -> Vec<String> {
    let text = doc.text.as_str();
    let mut kept: Vec<String> = Vec::new();
    let Some(f) = doc.front.as_ref() else {
        return kept;
    };
    let known: Vec<Range<usize>> = f
        .fields
        .iter()
        .filter(|field| WRITTEN.contains(&field.key.as_str()))
        .map(|field| {
            let start = line_start(text, field.key_range.start);
            let end = line_end(
                text,
                field
                    .value_range
                    .end
                    .max(field.key_range.end)
                    .saturating_sub(1)
                    .max(field.key_range.end),
            );
            start..end
        })
        .collect();
    let mut offset = f.range.start;
    for line in text[f.range.clone()].split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if known.iter().any(|r| r.contains(&start)) {
            continue;
        }
        kept.push(line.trim_end_matches(['\n', '\r']).to_string());
    }
    while kept.last().is_some_and(|l| l.trim().is_empty()) {
        kept.pop();
    }
    dedent(&mut kept);
    kept
}

/// Removes the indentation every kept key shares: a front matter whose mapping was
/// indented as a whole (`   key: value`) would otherwise read, under the keys docket
/// writes at the margin, as the continuation of the last of them. Comments and blank
/// lines lose at most that much.
fn dedent(lines: &mut [String]) {
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let shared = lines
        .iter()
        .filter(|l| {
            let t = l.trim_start();
            !t.is_empty() && !t.starts_with('#')
        })
        .map(|l| indent(l))
        .min()
        .unwrap_or(0);
    if shared == 0 {
        return;
    }
    for line in lines.iter_mut() {
        let cut = indent(line).min(shared);
        line.drain(..cut);
    }
}

/// The record's date as written, when it is a valid date (adr-tools' `Date:`, MADR's
/// `date`), or as written when it is not (kept, and flagged by `invalid-value`).
fn written_date(doc: &Document, facts: &Facts) -> Option<String> {
    if let Some(f) = doc.front.as_ref().and_then(|f| f.get("date")) {
        return f.value.as_scalar_string().map(|s| s.trim().to_string());
    }
    let line = facts.date.as_ref()?;
    Some(line.value.value.trim().to_string())
}

/// `text[body]` without the lines that start at the starts of `moved`; a blank line
/// that the removal would double is dropped too, so the text reads as before.
pub(crate) fn remove_lines(text: &str, body: Range<usize>, moved: &[Range<usize>]) -> String {
    let starts: BTreeSet<usize> = moved.iter().map(|r| r.start).collect();
    let mut out = String::new();
    let mut last_blank: Option<bool> = None;
    let mut removed_since = false;
    let mut offset = body.start;
    for line in text.get(body).unwrap_or("").split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if starts.contains(&start) {
            removed_since = true;
            continue;
        }
        let blank = line.trim().is_empty();
        if blank && removed_since && last_blank != Some(false) {
            continue;
        }
        out.push_str(line);
        last_blank = Some(blank);
        removed_since = false;
    }
    if removed_since {
        while out.ends_with("\n\n") || out.ends_with("\r\n\r\n") {
            let cut = if out.ends_with("\r\n\r\n") { 2 } else { 1 };
            out.truncate(out.len() - cut);
        }
    }
    out
}

/// The start of the line that holds byte `at` (bytes, so any offset is safe).
fn line_start(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    bytes[..at.min(bytes.len())]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1)
}

/// The end (after the newline) of the line that holds byte `at`.
fn line_end(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let at = at.min(bytes.len());
    bytes[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| at + i + 1)
}

/// The roster with `people` appended (`timezone: UTC`; the import warns about it).
fn roster_with(before: Option<&str>, people: &[NewPerson]) -> String {
    let mut out = match before {
        Some(t) if !matches!(t.trim(), "" | "[]") => {
            let mut t = t.to_string();
            if !t.ends_with('\n') {
                t.push('\n');
            }
            t
        }
        _ => String::from("# The roster: owners and attendees are ids from this list.\n"),
    };
    for p in people {
        out.push_str(&format!(
            "- id: {}\n  name: {}\n",
            yaml_scalar(&p.id),
            yaml_scalar(&p.name)
        ));
        if let Some(e) = &p.email {
            out.push_str(&format!("  email: {}\n", yaml_scalar(e)));
        }
        out.push_str("  timezone: UTC\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Config;

    fn plan(files: &[(&str, &str)]) -> ImportPlan {
        let repo = Repository::from_texts(
            Config::default(),
            files
                .iter()
                .map(|(p, t)| (p.to_string(), t.to_string()))
                .collect(),
        );
        plan_import(&repo, None, "")
    }

    const ADR_TOOLS: &str = "# 5. Help comments\n\nDate: 2016-02-13\n\n## Status\n\nAccepted\n\nSupersedes [1. Record](0001-record.md)\n\nAmended by [9. Help scripts](0009-help-scripts.md)\n\n## Context\n\nThe tool will have a `help` subcommand.\n\n## Decision\n\nWrite usage documentation in comments.\n";

    #[test]
    fn adr_tools_record() {
        let p = plan(&[
            ("docs/decisions/0005-help-comments.md", ADR_TOOLS),
            (
                "docs/decisions/0001-record.md",
                "# 1. Record\n\nDate: 2016-02-12\n\n## Status\n\nSuperseded by [5. Help comments](0005-help-comments.md)\n\n## Context\n\nX.\n",
            ),
        ]);
        assert_eq!(p.records.len(), 2, "{p:#?}");
        let r = &p.records[1];
        assert_eq!(
            r.after,
            "---\ntitle: Help comments\nstatus: accepted\ndate: 2016-02-13\ndecided: 2016-02-13\nsupersedes: [0001-record.md]\n---\n# 5. Help comments\n\nAmended by [9. Help scripts](0009-help-scripts.md)\n\n## Context\n\nThe tool will have a `help` subcommand.\n\n## Decision\n\nWrite usage documentation in comments.\n"
        );
        assert_eq!(
            p.records[0].after,
            "---\ntitle: Record\nstatus: superseded\ndate: 2016-02-12\nsuperseded_by: 0005-help-comments.md\n---\n# 1. Record\n\n## Context\n\nX.\n"
        );
        assert!(p.people.is_empty());
    }

    #[test]
    fn madr_record_with_people() {
        let text = "---\nparent: Decisions\nstatus: Accepted\ndate: 2024-05-02\ndecision-makers: [Alice Ng, José Müller <jose@example.com>]\nconsulted: platform\ninformed: [\"@bob\"]\n# a comment\nnav_order: 3\n---\n# Use PostgreSQL\n\n## Considered Options\n\n* PostgreSQL\n* MySQL\n\n## Decision Outcome\n\nChosen option: PostgreSQL.\n";
        let p = plan(&[
            ("docs/decisions/0003-use-postgresql.md", text),
            (
                "docs/people.yaml",
                "- id: alice\n  name: Alice Ng\n  timezone: UTC\n  team: platform\n- id: bob\n  name: Bob\n  handle: \"@bob\"\n  timezone: UTC\n",
            ),
        ]);
        assert_eq!(p.records.len(), 1, "{p:#?}");
        // Two decision makers name no single owner: none is made up.
        assert_eq!(
            p.records[0].after,
            "---\ntitle: Use PostgreSQL\nstatus: accepted\ndate: 2024-05-02\ndecided: 2024-05-02\nconsulted: [platform]\ninformed: [bob]\ndecision-makers: [alice, jose-muller]\nparent: Decisions\n# a comment\nnav_order: 3\n---\n# Use PostgreSQL\n\n## Considered Options\n\n* PostgreSQL\n* MySQL\n\n## Decision Outcome\n\nChosen option: PostgreSQL.\n"
        );
        assert_eq!(p.people.len(), 1);
        assert_eq!(p.people[0].id, "jose-muller");
        assert_eq!(p.people[0].email.as_deref(), Some("jose@example.com"));
        let roster = p.roster_after.unwrap_or_default();
        assert!(
            roster.ends_with("- id: jose-muller\n  name: José Müller\n  email: jose@example.com\n  timezone: UTC\n"),
            "{roster}"
        );
    }

    #[test]
    fn log4brains_record_and_second_run() {
        let text = "# Use the ADR slug\n\n- Status: accepted\n- Deciders: Thomas Vaillant, Ana\n- Date: 2020-10-16\n- Tags: adr, ids\n\nTechnical Story: x\n\n## Context and Problem Statement\n\nY.\n\n## Links\n\n- Supersedes [20200926-number](20200926-number.md)\n";
        let p = plan(&[("docs/decisions/20201016-use-the-adr-slug.md", text)]);
        assert_eq!(p.records.len(), 1, "{p:#?}");
        let after = &p.records[0].after;
        assert_eq!(
            after,
            "---\ntitle: Use the ADR slug\nstatus: accepted\ndate: 2020-10-16\ndecided: 2020-10-16\nsupersedes: [20200926-number.md]\ntags: [adr, ids]\ndecision-makers: [thomas-vaillant, ana]\n---\n# Use the ADR slug\n\nTechnical Story: x\n\n## Context and Problem Statement\n\nY.\n\n## Links\n\n- Supersedes [20200926-number](20200926-number.md)\n"
        );
        // A second run, with the roster the first wrote, changes nothing.
        let roster = p.roster_after.clone().unwrap_or_default();
        let again = plan(&[
            ("docs/decisions/20201016-use-the-adr-slug.md", after),
            ("docs/people.yaml", &roster),
        ]);
        assert!(again.records.is_empty(), "{again:#?}");
        assert!(again.people.is_empty());
    }

    #[test]
    fn unknown_status_and_bad_date_are_kept() {
        let text =
            "# 2. Draft thing\n\nDate: 12/02/2016\n\n## Status\n\nDraft\n\n## Context\n\nZ.\n";
        let p = plan(&[("docs/decisions/0002-draft-thing.md", text)]);
        assert_eq!(
            p.records[0].after,
            "---\ntitle: Draft thing\nstatus: Draft\ndate: 12/02/2016\n---\n# 2. Draft thing\n\n## Context\n\nZ.\n"
        );
    }

    #[test]
    fn conflicting_and_native_records_are_skipped() {
        let p = plan(&[
            (
                "docs/decisions/0001-a.md",
                "# 1. A\n\n**Status:** Accepted\n\n## Status\n\nRejected\n",
            ),
            (
                "docs/decisions/0002-b.md",
                "---\ntitle: B\nstatus: proposed\nowner: alice\ndate: 2026-11-20\n---\n",
            ),
        ]);
        assert!(p.records.is_empty());
        assert_eq!(p.skipped.len(), 2);
        assert!(
            matches!(p.skipped[0].1, SkipReason::StatusConflict(..)),
            "{p:?}"
        );
        assert_eq!(p.skipped[1].1, SkipReason::Docket);
    }

    #[test]
    fn other_known_keys_are_kept() {
        let text =
            "---\nid: 4\nstatus: proposed\noptions:\n  - name: A\n  - name: B\n---\n# Four\n";
        let p = plan(&[("docs/decisions/0004-four.md", text)]);
        assert_eq!(
            p.records[0].after,
            "---\ntitle: Four\nstatus: proposed\nid: 4\noptions:\n  - name: A\n  - name: B\n---\n# Four\n"
        );
    }

    #[test]
    fn a_front_matter_indented_as_a_whole_stays_its_own_keys() {
        let text =
            "---\n   status: accepted\n   area: billing\n   notes:\n     - kept\n---\n# Four\n";
        let p = plan(&[("docs/decisions/0004-four.md", text)]);
        assert_eq!(
            p.records[0].after,
            "---\ntitle: Four\nstatus: accepted\narea: billing\nnotes:\n  - kept\n---\n# Four\n"
        );
    }

    #[test]
    fn crlf_is_kept() {
        let text = ADR_TOOLS.replace('\n', "\r\n");
        let p = plan(&[("docs/decisions/0005-help-comments.md", &text)]);
        let after = &p.records[0].after;
        assert!(
            after.starts_with("---\r\ntitle: Help comments\r\n"),
            "{after:?}"
        );
        assert!(!after.replace("\r\n", "").contains('\n'), "{after:?}");
        assert!(
            after.contains("# 5. Help comments\r\n\r\nAmended by"),
            "{after:?}"
        );
    }
}
