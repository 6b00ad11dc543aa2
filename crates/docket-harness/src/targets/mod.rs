//! One function per fuzz target, each taking libFuzzer's bytes and panicking when an
//! invariant breaks. [`TARGETS`] lists them by the name of their `fuzz/` target and
//! their regression folder.
//!
//! Texts are read with `String::from_utf8_lossy`, a leading BOM removed as the
//! driver does: the driver reports a file that is not UTF-8 itself, so the parsers
//! only ever see text.

mod document;
mod forge;
mod git;
mod legacy;
mod markdown;
mod serve;
mod syntax;

use std::fmt::Write as _;
use std::ops::Range;

use docket_diagnostics::{Diagnostic, HumanOptions, SourceMap, locate, render_human};
use docket_model::{Data, Document, Repository, time::parse_time};

use crate::invariants::range_in;

pub use document::{config, document, lists};
pub use forge::forge_export;
pub use git::{Commit, FileOp, Script, git_history, git_history_script};
pub use legacy::legacy;
pub use markdown::markdown;
pub use serve::{serve_path, site_path};
pub use syntax::front_matter;

/// A fuzz target: its name (the `fuzz/fuzz_targets/<name>.rs` binary and the
/// regression folder) and its body.
pub type Target = (&'static str, fn(&[u8]));

/// Every target.
pub const TARGETS: &[Target] = &[
    ("front_matter", front_matter),
    ("document", document),
    ("markdown", markdown),
    ("config", config),
    ("legacy", legacy),
    ("lists", lists),
    ("git_history", git_history),
    ("serve_path", serve_path),
    ("forge_export", forge_export),
];

/// The input as the parsers see it: UTF-8 (invalid sequences replaced), no BOM.
fn text_of(data: &[u8]) -> String {
    let text = String::from_utf8_lossy(data);
    text.strip_prefix('\u{feff}').unwrap_or(&text).to_string()
}

/// The fixed clock of every target.
fn now() -> docket_model::time::Time {
    parse_time("2026-11-24T12:00:00Z").expect("a valid time")
}

/// Panics unless `range` lies in `text` on character boundaries.
#[track_caller]
fn assert_range(text: &str, range: &Range<usize>, what: &str) {
    if let Err(e) = range_in(text, range) {
        panic!("{what}: {e}");
    }
}

/// Checks a whole repository: the ranges of every document, every problem found
/// while reading, every finding of every rule, then renders the findings as
/// `docket check` does and computes the figures of `docket metrics` and
/// `docket status`, none of which may panic.
fn assert_repository(repo: &Repository) {
    for doc in &repo.documents {
        assert_document(doc);
    }
    let mut findings: Vec<Diagnostic> = docket_check::check(repo, now());
    findings.extend(
        repo.problems
            .iter()
            .map(|p| p.clone().with_rule("repository-problem")),
    );
    let sources = Sources(repo);
    for d in &findings {
        match sources.source(&d.file) {
            Some(text) => assert_range(text, &d.range, &format!("finding {d:?}")),
            None => assert!(
                d.range.is_empty(),
                "finding about a file docket has no text of, with a range: {d:?}"
            ),
        }
    }
    let located = locate(&findings, &sources);
    let mut out = Vec::new();
    render_human(&mut out, &located, &sources, HumanOptions::default()).expect("writing to memory");
    let _ = docket_check::metrics::metrics(repo, now(), None);
    let _ = docket_check::status::status(repo, now());
}

/// The texts of a repository's documents, for the renderers.
struct Sources<'a>(&'a Repository);

impl SourceMap for Sources<'_> {
    fn source(&self, file: &str) -> Option<&str> {
        self.0.document(file).map(|d| d.text.as_str()).or_else(|| {
            self.0
                .forge
                .as_ref()
                .filter(|f| f.path == file)
                .and_then(|f| f.source.as_deref())
        })
    }
}

/// Panics unless every range a parsed document holds lies in its text on character
/// boundaries: body, front matter keys and values, outline, typed values, problems.
fn assert_document(doc: &Document) {
    let text = doc.text.as_str();
    let mut ranges: Vec<(String, Range<usize>)> = vec![("body".into(), doc.body.clone())];
    let mut add = |what: &str, r: &Range<usize>| ranges.push((what.to_string(), r.clone()));
    if let Some(front) = &doc.front {
        add("front matter", &front.range);
        for f in &front.fields {
            add(&format!("key `{}`", f.key), &f.key_range);
            add(&format!("value of `{}`", f.key), &f.value_range);
        }
    }
    for h in &doc.outline.headings {
        add("heading", &h.range);
    }
    for l in &doc.outline.links {
        add("link", &l.range);
    }
    for i in &doc.outline.list_items {
        add("list item", &i.range);
    }
    for p in &doc.problems {
        add(&format!("problem {:?}: {}", p.rule, p.message), &p.range);
    }
    match &doc.data {
        Data::Decision(d) => {
            let spans = [&d.title, &d.status, &d.owner, &d.id_key];
            for s in spans.into_iter().flatten() {
                add("decision value", &s.range);
            }
            for s in [&d.date, &d.deadline, &d.decided].into_iter().flatten() {
                add("decision date", &s.range);
            }
            for list in [
                &d.deciders,
                &d.supersedes,
                &d.superseded_by,
                &d.consulted,
                &d.informed,
            ] {
                for s in list {
                    add("decision list item", &s.range);
                }
            }
            for (key, s) in &d.references {
                add(&format!("reference `{key}`"), &s.range);
            }
            for (name, r) in &d.found_at {
                add(&format!("where `{name}` was found"), r);
            }
            for s in &d.statuses {
                add("status statement", &s.written.range);
            }
            for t in &d.template_text {
                add("template text", &t.range);
                for p in &t.parts {
                    add("template text part", p);
                }
            }
            for r in doc.metadata_lines() {
                add("metadata line", &r);
            }
        }
        Data::Brief(b) => {
            for s in [&b.title, &b.owner, &b.status].into_iter().flatten() {
                add("brief value", &s.range);
            }
            if let Some(s) = &b.deadline {
                add("brief deadline", &s.range);
            }
            for t in &b.template_text {
                add("template text", &t.range);
            }
        }
        Data::Charter(c) => {
            for s in [&c.title, &c.owner].into_iter().flatten() {
                add("charter value", &s.range);
            }
            if let Some(s) = &c.reviewed {
                add("charter reviewed", &s.range);
            }
        }
        Data::People(people) => {
            for p in people {
                add("person", &p.fields.range);
                if let Some(id) = &p.id {
                    add("person id", &id.range);
                }
                for f in &p.fields.fields {
                    add(&format!("person key `{}`", f.key), &f.key_range);
                    add(&format!("person value `{}`", f.key), &f.value_range);
                }
            }
        }
        Data::Meetings(meetings) => {
            for m in meetings {
                add("meeting", &m.fields.range);
                if let Some(d) = &m.duration {
                    add("meeting duration", &d.range);
                }
                for a in &m.attendees {
                    add("attendee", &a.range);
                }
                for f in &m.fields.fields {
                    add(&format!("meeting key `{}`", f.key), &f.key_range);
                    add(&format!("meeting value `{}`", f.key), &f.value_range);
                }
            }
        }
        Data::Update(u) => {
            if let Some(p) = &u.person {
                add("update person", &p.range);
            }
            for l in [&u.done, &u.next, &u.blocker].into_iter().flatten() {
                add("update line", &l.range);
            }
            for r in &u.blocker_refs {
                add("blocker reference", &r.range);
            }
        }
        Data::Page(_) => {}
    }
    for (what, r) in &ranges {
        if let Err(e) = range_in(text, r) {
            let mut shown = String::new();
            let _ = write!(shown, "{}: {what}: {e}", doc.path);
            panic!("{shown}");
        }
    }
}
