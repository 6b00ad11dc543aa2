//! # broken-reference
//!
//! **What it finds:** a reference to something that does not exist:
//!
//! - a decision's `supersedes` entry or `superseded_by` that names no decision
//!   (references are `42`, `"0042"` or a file name such as `0042-use-postgresql.md`);
//! - a decision named in an update's `Blocker:` line (`#42` or a file name) that does
//!   not exist;
//! - for a record of a kind of your own, an entry of a `references` key
//!   (`requires: [20, 165]`) that names no record of the kind;
//! - where a kind has several folders, a bare id that records of several folders
//!   use, written outside them (`0003` when billing and search both have one): the
//!   message lists the qualified ids (`billing/3`) to choose from;
//! - a relative Markdown link or image in the body of any Markdown document whose
//!   target file or folder is not in the repository.
//!
//! Links are resolved relative to the document's folder, after dropping a `#fragment`
//! or `?query` and decoding `%20`-style escapes. Not checked: links with a scheme
//! (`https:`, `mailto:`), links to an anchor of the same page (`#options`),
//! absolute links (`/handbook/x.md`, which depend on where the site is served), and
//! links that leave the handbook root: docket only knows the files under it, so it
//! cannot tell whether such a target exists (a link that leaves the repository
//! altogether is a problem of its own). Anchors are not checked against headings.
//! Links in `people.yaml` and `meetings.yaml` are not read.
//!
//! **Why:** a dangling reference breaks the supersession chain, the blocker's link on
//! the site, or the reader's path through the handbook, and it fails silently: the
//! page still renders.
//!
//! **Example:**
//!
//! ```markdown
//! ---
//! supersedes: [17]          # there is no 0017-….md
//! ---
//! See [the charter](../charer.md).
//! ```
//!
//! **Fix:** correct the number, the file name or the path (the help suggests the
//! closest existing one), or remove the reference.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use docket_diagnostics::Diagnostic;
use docket_model::suggest::{self, Candidates};
use docket_model::{
    Data, Decision, Document, ForeignTarget, Kind, Repository, Spanned, number_prefix,
    split_reference,
};
use docket_syntax::Link;

use crate::Context;

/// Reports decision references and relative links that name nothing.
pub fn run(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let repo = ctx.repo;
    let hints = Suggestions::new(repo);
    foreign_refs(repo, out);
    for doc in &repo.documents {
        match &doc.data {
            Data::Decision(d) => {
                for s in &d.supersedes {
                    record_ref(&hints, doc, d, "`supersedes` names", s, out);
                }
                for s in &d.superseded_by {
                    record_ref(&hints, doc, d, "`superseded_by` names", s, out);
                }
                for (key, s) in &d.references {
                    record_ref(&hints, doc, d, &format!("`{key}` names"), s, out);
                }
            }
            Data::Update(u) => {
                // An update names decisions from outside every decision folder.
                let outside = Decision::default();
                for r in &u.blocker_refs {
                    record_ref(&hints, doc, &outside, "the blocker names", r, out);
                }
            }
            _ => {}
        }
        if !matches!(doc.kind, Kind::People | Kind::Meetings) {
            // Uses of one reference-style definition point at the same place.
            let mut seen = HashSet::new();
            for link in &doc.outline.links {
                check_link(&hints, doc, link, &mut seen, out);
            }
        }
    }
}

/// What the helps suggest from, read once per run and only when a finding first
/// needs it: a repository with thousands of broken references compares each with
/// the candidates of its length, never rebuilding the candidates.
struct Suggestions<'r> {
    repo: &'r Repository,
    decisions: OnceCell<DecisionNames<'r>>,
    folders: OnceCell<HashMap<&'r str, Folder<'r>>>,
}

/// The records' names, for references by file name.
struct DecisionNames<'r> {
    /// File names (`0042-use-postgresql.md`).
    files: Candidates<'r>,
    /// Stems (`0042-use-postgresql`).
    stems: Candidates<'r>,
    /// The records by the number their stem starts with.
    by_number: HashMap<u32, Vec<&'r Document>>,
}

/// The files of one folder, for links.
struct Folder<'r> {
    names: Candidates<'r>,
    /// The file names by the number their stem starts with.
    by_number: HashMap<u32, Vec<&'r str>>,
}

impl<'r> Suggestions<'r> {
    fn new(repo: &'r Repository) -> Self {
        Self {
            repo,
            decisions: OnceCell::new(),
            folders: OnceCell::new(),
        }
    }

    fn decisions(&self) -> &DecisionNames<'r> {
        self.decisions.get_or_init(|| {
            let docs = || self.repo.decisions().map(|(doc, _)| doc);
            let mut by_number: HashMap<u32, Vec<&Document>> = HashMap::new();
            for doc in docs() {
                if let Some(n) = number_prefix(doc.stem()) {
                    by_number.entry(n).or_default().push(doc);
                }
            }
            DecisionNames {
                files: Candidates::new(docs().map(Document::file_name)),
                stems: Candidates::new(docs().map(Document::stem)),
                by_number,
            }
        })
    }

    /// The files under the handbook root, by folder (`""` for files at the top).
    fn folder(&self, folder: &str) -> Option<&Folder<'r>> {
        self.folders
            .get_or_init(|| {
                let mut names: HashMap<&str, Vec<&str>> = HashMap::new();
                for f in &self.repo.files {
                    let (dir, name) = f.rsplit_once('/').unwrap_or(("", f.as_str()));
                    names.entry(dir).or_default().push(name);
                }
                names
                    .into_iter()
                    .map(|(dir, names)| {
                        let mut by_number: HashMap<u32, Vec<&str>> = HashMap::new();
                        for n in &names {
                            if let Some(k) = number_prefix(stem(n)) {
                                by_number.entry(k).or_default().push(n);
                            }
                        }
                        let names = Candidates::new(names);
                        (dir, Folder { names, by_number })
                    })
                    .collect()
            })
            .get(folder)
    }
}

/// A file name without its extension.
fn stem(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(s, _)| s)
}

/// A reference from record `d` to another record of its kind: it must name one.
/// A bare id that records of several folders use is ambiguous (qualify it,
/// `billing/0003`).
fn record_ref(
    hints: &Suggestions<'_>,
    doc: &Document,
    d: &Decision,
    what: &str,
    r: &Spanned<String>,
    out: &mut Vec<Diagnostic>,
) {
    let repo = hints.repo;
    let value = r.value.trim();
    let found = repo.resolve_from(d, value);
    let folders: Vec<String> = found
        .iter()
        .filter_map(|f| f.decision().and_then(Decision::qualified_id))
        .collect();
    let labelled = found
        .iter()
        .filter(|f| f.decision().is_some_and(|x| x.folder.is_some()))
        .count();
    if found.len() > 1 && labelled == found.len() {
        out.push(
            Diagnostic::new(
                "broken-reference",
                &doc.path,
                r.range.clone(),
                format!(
                    "{what} `{value}`, which records of several folders use: {}",
                    folders
                        .iter()
                        .map(|f| format!("`{f}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
            .with_help(format!(
                "name the folder, such as `{}`",
                folders.first().map_or(value, String::as_str)
            )),
        );
        return;
    }
    if value.is_empty() || !found.is_empty() {
        return;
    }
    if let Some((source, id)) = split_reference(value) {
        foreign_ref(
            repo,
            &doc.path,
            r.range.clone(),
            what,
            value,
            source,
            id,
            out,
        );
        return;
    }
    if d.kind == Kind::Decision {
        decision_ref(hints, doc, what, r, out);
        return;
    }
    let kind = d.kind.name();
    out.push(
        Diagnostic::new(
            "broken-reference",
            &doc.path,
            r.range.clone(),
            format!("{what} {kind} `{value}`, which does not exist"),
        )
        .with_help(format!(
            "no {kind} has this id; check the reference or remove it"
        )),
    );
}

/// A `SOURCE:ID` reference to another handbook's record (issue 16): checked
/// against the index of other handbooks when one is given, and not reported
/// otherwise (it cannot be checked).
#[allow(clippy::too_many_arguments)]
fn foreign_ref(
    repo: &Repository,
    file: &str,
    range: Range<usize>,
    what: &str,
    value: &str,
    source: &str,
    id: &str,
    out: &mut Vec<Diagnostic>,
) {
    let foreign = &repo.foreign;
    let (message, help) = match foreign.resolve(source, id) {
        ForeignTarget::Unknown | ForeignTarget::Found => return,
        ForeignTarget::NoSource => (
            format!(
                "{what} `{value}`, but {} has no source `{source}`",
                foreign.origin
            ),
            match suggest::closest(source, foreign.source_names()) {
                Some(meant) => format!("did you mean `{meant}:{id}`?"),
                None => format!(
                    "the sources are {}",
                    foreign
                        .source_names()
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            },
        ),
        ForeignTarget::NoRecord => (
            format!("{what} `{value}`, which does not exist"),
            format!(
                "source `{source}` in {} has no record `{id}`; check the reference or remove it",
                foreign.origin
            ),
        ),
    };
    out.push(Diagnostic::new("broken-reference", file, range, message).with_help(help));
}

/// References between sources written in a hub's sources' records.
fn foreign_refs(repo: &Repository, out: &mut Vec<Diagnostic>) {
    for r in &repo.foreign.refs {
        let Some((source, id)) = split_reference(&r.target) else {
            continue;
        };
        let what = format!(
            "source `{}`: record `{}` has `{}` naming",
            r.source, r.from, r.key
        );
        foreign_ref(
            repo,
            &r.file,
            r.range.clone(),
            &what,
            &r.target,
            source,
            id,
            out,
        );
    }
}

/// The finding for a decision reference that names no decision, with the closest
/// one when there is one.
fn decision_ref(
    hints: &Suggestions<'_>,
    doc: &Document,
    what: &str,
    r: &Spanned<String>,
    out: &mut Vec<Diagnostic>,
) {
    let repo = hints.repo;
    let value = r.value.trim();
    // Show the reference as written (`#42`, `0099`), unless the range is the whole
    // list (the entry could not be placed).
    let written = doc
        .text
        .get(r.range.clone())
        .map(|t| t.trim().trim_matches(['"', '\'']))
        .filter(|t| !t.is_empty() && !t.contains(['\n', '[', ']', ',']))
        .unwrap_or(value);
    let help = match decision_suggestion(hints, value) {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!(
            "no decision in {} has this number or file name; check the reference or remove it",
            repo.join(&repo.config.kind_path(Kind::Decision))
        ),
    };
    out.push(
        Diagnostic::new(
            "broken-reference",
            &doc.path,
            r.range.clone(),
            format!("{what} decision `{written}`, which does not exist"),
        )
        .with_help(help),
    );
}

/// For a reference by file name: the decision with the same number (the slug
/// changed), or the closest file name.
fn decision_suggestion(hints: &Suggestions<'_>, reference: &str) -> Option<String> {
    let name = reference.trim_start_matches('#');
    if name.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let with_md = name.ends_with(".md");
    let stem = name.strip_suffix(".md").unwrap_or(name);
    let label = |doc: &Document| {
        if with_md {
            doc.file_name().to_string()
        } else {
            doc.stem().to_string()
        }
    };
    let names = hints.decisions();
    if let Some(n) = number_prefix(stem)
        && let Some([doc]) = names.by_number.get(&n).map(Vec::as_slice)
    {
        return Some(label(doc));
    }
    let labels = if with_md { &names.files } else { &names.stems };
    labels.closest(name).map(str::to_string)
}

fn check_link(
    hints: &Suggestions<'_>,
    doc: &Document,
    link: &Link,
    seen: &mut HashSet<Range<usize>>,
    out: &mut Vec<Diagnostic>,
) {
    let repo = hints.repo;
    // `[the retry decision](payments:0042)`: a record of another handbook, when
    // an index of them names the source (otherwise a scheme, not checked).
    if let Some((source, id)) = split_reference(&link.dest)
        && repo.foreign.has_source(source)
    {
        let range = dest_range(doc, link);
        if seen.insert(range.clone()) {
            let what = "the link names";
            foreign_ref(repo, &doc.path, range, what, &link.dest, source, id, out);
        }
        return;
    }
    // Links that leave the repository are a separate concern (not reported).
    let Some(target) = docket_model::resolve_link(&doc.path, &link.dest) else {
        return;
    };
    if !repo.handbook_root.contains(&target) {
        // docket only knows the files under the handbook root.
        return;
    }
    if target == repo.handbook_root.as_str()
        || repo.files.contains(&target)
        || repo.dirs.contains(&target)
    {
        return;
    }
    let range = dest_range(doc, link);
    if !seen.insert(range.clone()) {
        return;
    }
    let help = match link_suggestion(hints, &link.dest, &target) {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!("there is no `{target}`; fix the path or remove the link"),
    };
    out.push(
        Diagnostic::new(
            "broken-reference",
            &doc.path,
            range,
            format!("link target `{}` does not exist", link.dest.trim()),
        )
        .with_help(help),
    );
}

/// The range of the destination inside `[text](dest)`; for a reference-style link,
/// the destination in its definition (`[label]: dest`); else the whole link.
fn dest_range(doc: &Document, link: &Link) -> Range<usize> {
    let dest = link.dest.trim();
    if dest.is_empty() {
        return link.range.clone();
    }
    let written = doc.text.get(link.range.clone()).unwrap_or("");
    let inline = written.rfind("](").and_then(|a| {
        written[a + 2..]
            .find(dest)
            .map(|i| link.range.start + a + 2 + i)
    });
    match inline.or_else(|| definition(doc, dest)) {
        Some(at) => at..at + dest.len(),
        None => link.range.clone(),
    }
}

/// Where `dest` is written in a link reference definition `[label]: dest` of the body.
fn definition(doc: &Document, dest: &str) -> Option<usize> {
    let mut offset = doc.body.start;
    for line in doc.text.get(doc.body.clone())?.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let t = line.trim_start();
        let Some(close) = t
            .strip_prefix('[')
            .and_then(|t| t.find("]:"))
            .map(|c| c + 1)
        else {
            continue;
        };
        let after = &t[close + 2..];
        let rest = after.trim_start().trim_start_matches('<');
        if rest.starts_with(dest) {
            return Some(start + (line.len() - t.len()) + close + 2 + (after.len() - rest.len()));
        }
    }
    None
}

/// A corrected link: the same folder with the closest file name, or the file with
/// the same leading number (a renamed decision).
fn link_suggestion(hints: &Suggestions<'_>, dest: &str, target: &str) -> Option<String> {
    let (folder, name) = target.rsplit_once('/').unwrap_or(("", target));
    let siblings = hints.folder(folder)?;
    let better = siblings.names.closest(name).or_else(|| {
        let n = number_prefix(stem(name))?;
        match siblings.by_number.get(&n).map(Vec::as_slice) {
            Some([only]) => Some(*only),
            _ => None,
        }
    })?;
    // Keep the link's own folder part and fragment.
    let dest = dest.trim();
    let cut = dest.find(['#', '?']).unwrap_or(dest.len());
    let (path, rest) = dest.split_at(cut);
    let dir = path.rfind('/').map_or("", |i| &path[..=i]);
    Some(format!("{dir}{better}{rest}"))
}

#[cfg(test)]
mod tests {
    use crate::testing::{repo, run};

    const D: &str = "---\ntitle: A\nstatus: accepted\nowner: alice\ndate: 2026-11-20\n---\n";

    #[test]
    fn fails_on_dangling_references() {
        let r = repo(&[
            ("docs/decisions/0017-use-mysql.md", D),
            (
                "docs/decisions/0042-use-postgresql.md",
                "---\ntitle: B\nstatus: superseded\nowner: alice\ndate: 2026-11-20\nsupersedes: [17, \"0099\", 0017-use-mysq.md]\nsuperseded_by: 0043-nope.md\n---\nSee [old](0017-use-mysql.md), [gone](0018-x.md#why), [charter](../charer.md).\n",
            ),
            (
                "docs/updates/2026-11-24/alice.md",
                "Done: x\nNext: y\nBlocker: waiting on #77 and 0017-use-mysql.md\n",
            ),
            (
                "docs/guide.md",
                "# Guide\n\nRead [the decision](decisions/0017-use-myslq.md) and [notes](my%20notes.md).\n\n![diagram](img/flow.png)\n\n[ref link][r] and [again][r]\n\n[r]: nowhere.md\n",
            ),
        ]);
        insta::assert_debug_snapshot!(run("broken-reference", &r));
        let out = crate::testing::findings("broken-reference", &r);
        let helps: Vec<(&str, &str)> = out
            .iter()
            .map(|d| (d.message.as_str(), d.help.as_deref().unwrap_or("")))
            .collect();
        assert!(helps.contains(&(
            "`supersedes` names decision `0017-use-mysq.md`, which does not exist",
            "did you mean `0017-use-mysql.md`?"
        )));
        assert!(helps.contains(&(
            "link target `decisions/0017-use-myslq.md` does not exist",
            "did you mean `decisions/0017-use-mysql.md`?"
        )));
    }

    /// `SOURCE:ID` (issue 16): not checked without an index of other handbooks;
    /// checked against one, in front matter and in links.
    #[test]
    fn references_to_other_handbooks() {
        let text = "---\ntitle: B\nstatus: accepted\nowner: alice\ndate: 2026-11-20\nsupersedes: [\"other:0041\", \"other:0042\", \"nope:1\"]\n---\n[a](other:41) [b](other:0042-x.md) [c](mailto:a@b.c)\n";
        let mut r = repo(&[("docs/decisions/0042-use-postgresql.md", text)]);
        assert_eq!(run("broken-reference", &r), Vec::<String>::new());
        r.foreign.given = true;
        r.foreign.origin = "`hub.json`".into();
        let ids = r.foreign.ids.entry("other".into()).or_default();
        ids.insert("41".into());
        assert_eq!(
            run("broken-reference", &r),
            [
                "docs/decisions/0042-use-postgresql.md:6:29 `supersedes` names `other:0042`, which does not exist",
                "docs/decisions/0042-use-postgresql.md:6:43 `supersedes` names `nope:1`, but `hub.json` has no source `nope`",
                "docs/decisions/0042-use-postgresql.md:8:19 the link names `other:0042-x.md`, which does not exist",
            ]
        );
    }

    #[test]
    fn passes_on_existing_targets_and_skipped_links() {
        let r = repo(&[
            ("docs/decisions/0017-use-mysql.md", D),
            (
                "docs/decisions/0042-use-postgresql.md",
                "---\ntitle: B\nstatus: accepted\nowner: alice\ndate: 2026-11-20\nsupersedes: [17, \"0017\", 0017-use-mysql.md]\n---\n[a](0017-use-mysql.md#context) [b](../charter.md?x=1) [c](./) [d](../decisions/) [e](#options) [f](https://example.com/x.md) [g](mailto:a@b.c) [h](/abs/path.md) [i](../../../../etc/passwd) [j](../../README.md) [k](my%20file.png) <a@b.c> <https://example.com/y.md>\n",
            ),
            ("docs/decisions/my file.png", ""),
            (
                "docs/updates/2026-11-24/alice.md",
                "Done: x\nNext: y\nBlocker: waiting on #17\n",
            ),
            (
                "docs/meetings.yaml",
                "- name: \"[x](nowhere.md)\"\n  category: work\n  cadence: weekly\n  duration: 25\n  attendees: [alice]\n",
            ),
        ]);
        assert_eq!(run("broken-reference", &r), Vec::<String>::new());
    }
}
