//! The whole handbook: every parsed document, the files beside them, the
//! configuration, and the lookups the rules and the site share.

use std::collections::{BTreeSet, HashMap};

use crate::config::Config;
use crate::document::{
    Data, Decision, DecisionId, Document, Meeting, Norms, Person, number_prefix,
};
use crate::kind::Kind;
use crate::problem::ParseProblem;
use crate::root::HandbookRoot;

/// What a path inside the handbook root is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileRole {
    /// A document of this kind.
    Document(Kind),
    /// The index page of a kind folder (`decisions/README.md`): a page, not a document
    /// of that kind.
    Index(Kind),
    /// Anything else (images, other files, decision templates such as
    /// `adr-template.md`): linked to, never parsed.
    Asset,
}

/// Classifies a path relative to the handbook root by the folder layout of SPEC §2.
/// An explicit `kind:` in the front matter can still change a Markdown file's kind.
///
/// The charter, roster and meeting inventory are single files and win first. A
/// Markdown file then belongs to the kind whose folder holds it most closely, so a
/// decision folder of `"."` (the handbook root itself) still leaves `briefs/` to
/// briefs and `updates/` to updates.
pub fn classify(handbook_path: &str, config: &Config) -> FileRole {
    for kind in [Kind::Charter, Kind::People, Kind::Meetings] {
        if handbook_path == config.kind_path(kind) {
            return FileRole::Document(kind);
        }
    }
    let lower = handbook_path.to_ascii_lowercase();
    if !(lower.ends_with(".md") || lower.ends_with(".markdown")) {
        return FileRole::Asset;
    }
    let name = lower.rsplit('/').next().unwrap_or(&lower);
    let mut closest: Option<(usize, Kind)> = None;
    let kinds = [Kind::Brief, Kind::Update]
        .into_iter()
        .chain(config.record_kinds());
    for kind in kinds {
        if let Some(m) = config.kind_folder_of(kind, handbook_path)
            && closest.is_none_or(|(depth, _)| m.depth > depth)
        {
            closest = Some((m.depth, kind));
        }
    }
    let Some((_, kind)) = closest else {
        return FileRole::Document(Kind::Page);
    };
    if name == "readme.md" || name == "index.md" {
        return FileRole::Index(kind);
    }
    // Templates of existing tools (MADR's `adr-template.md`, Kuma's `000-template.md`,
    // log4brains' `template.md`) are not records: placeholders, never checked or
    // shown (SPEC §9).
    if kind.is_record() && is_template_name(name) {
        return FileRole::Asset;
    }
    FileRole::Document(kind)
}

/// Whether a file name says it is a decision template: its stem contains `template`
/// in any case (`template.md`, `TEMPLATE.md`, `adr-template-minimal.md`,
/// `adr-short-template.md`, `_template.md`), unless it starts with a number other
/// than zero. `000-template.md` and `0000-template.md` are templates numbered to
/// sort first; `0042-use-email-templates.md` is decision 42, about templates.
pub fn is_template_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let stem = lower
        .strip_suffix(".md")
        .or_else(|| lower.strip_suffix(".markdown"))
        .unwrap_or(&lower);
    let digits = stem.bytes().take_while(u8::is_ascii_digit).count();
    let numbered = stem.bytes().take(digits).any(|b| b != b'0');
    stem.contains("template") && !numbered
}

/// Whether a file name looks like a numbered decision record of some tool, the
/// evidence docket uses to find a decision folder nobody configured: `NNN-slug.md`
/// and `NNNN-slug.md` (adr-tools, MADR, Kuma; up to six digits for long-lived
/// handbooks), `ADR-N-slug.md` / `adr-N-slug.md`,
/// and log4brains' `YYYYMMDD-slug.md`. Templates (`000-template.md`) and dated posts
/// (`2024-01-01-post.md`) are not records.
pub fn is_record_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let Some(stem) = lower
        .strip_suffix(".md")
        .or_else(|| lower.strip_suffix(".markdown"))
    else {
        return false;
    };
    if is_template_name(&lower) {
        return false;
    }
    let numbered = |s: &str, widths: std::ops::RangeInclusive<usize>| {
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        widths.contains(&digits) && matches!(s.as_bytes().get(digits), Some(b'-' | b'_'))
    };
    // `2024-01-01-post.md` is a dated blog post (Jekyll's `_posts`), not record 2024.
    let b = stem.as_bytes();
    let iso_date = b.len() >= 10
        && b[..10].iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if iso_date {
        return false;
    }
    let adr = stem
        .strip_prefix("adr-")
        .or_else(|| stem.strip_prefix("adr_"));
    numbered(stem, 3..=6)
        || adr.is_some_and(|rest| numbered(rest, 1..=9))
        || (stem.len() > 9 && crate::legacy::is_dated_stem(stem))
}

/// Parses the file at repository-relative `path` with its `text`, or `None` when the
/// file is not a document (an asset, or outside the handbook root).
pub fn parse_file(
    path: String,
    handbook_root: &HandbookRoot,
    text: String,
    config: &Config,
) -> Option<Document> {
    let handbook_path = handbook_root.relative(&path)?.to_string();
    let (kind, index_of) = match classify(&handbook_path, config) {
        FileRole::Document(k) => (k, None),
        FileRole::Index(k) => (Kind::Page, Some(k)),
        FileRole::Asset => return None,
    };
    Some(crate::parse::parse_document(
        path,
        handbook_path,
        kind,
        index_of,
        text,
        config,
    ))
}

/// A folder that records of a kind go in (`docket new`'s choice when the kind has
/// several).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindFolder {
    /// The folder, relative to the handbook root (empty for the root itself).
    pub path: String,
    /// Its label when the kind has several folders (`billing` of
    /// `services/billing/docs/adr`).
    pub label: Option<String>,
    /// Whether the folder is there yet.
    pub exists: bool,
}

/// The parsed handbook.
#[derive(Debug, Clone)]
pub struct Repository {
    /// The configuration.
    pub config: Config,
    /// The handbook root relative to the repository root (`docs`), `/`-separated;
    /// empty when the handbook is the repository root.
    pub handbook_root: HandbookRoot,
    /// Every document, sorted by path.
    pub documents: Vec<Document>,
    /// Every file under the handbook root (documents and assets), repository-relative.
    pub files: BTreeSet<String>,
    /// Every folder under the handbook root, repository-relative.
    pub dirs: BTreeSet<String>,
    /// Findings about the repository itself (unreadable files, links out of it).
    pub problems: Vec<ParseProblem>,
    /// What git says about each document (empty outside git).
    pub history: crate::History,
    /// With `--changed-since`: what the change touches.
    pub changes: Option<crate::ChangeSet>,
    /// Decisions proposed on other branches and not here (for the site).
    pub pending: Vec<crate::PendingDecision>,
    /// The pull-request export (`[forge] pulls`, `--forge`), when one was read.
    pub forge: Option<crate::forge::Forge>,
    /// Other handbooks' records (a hub's sources, or `--sources`), against which
    /// `SOURCE:ID` references resolve; empty (not given) otherwise.
    pub foreign: crate::Foreign,
    norms: Norms,
    by_id: HashMap<(Kind, DecisionId), Vec<usize>>,
    by_stem: HashMap<(Kind, String), Vec<usize>>,
    labels: HashMap<Kind, BTreeSet<String>>,
    people: HashMap<String, usize>,
}

impl Repository {
    /// Parses in-memory files (repository-relative path, text) into a repository, the
    /// way the driver does with files on disk. For tests and tools that hold texts.
    pub fn from_texts(config: Config, files: Vec<(String, String)>) -> Self {
        let handbook_root = config.root.clone();
        let mut docs = Vec::new();
        let mut paths = BTreeSet::new();
        let mut dirs = BTreeSet::new();
        for (path, text) in files {
            let mut parent = path.as_str();
            while let Some((p, _)) = parent.rsplit_once('/') {
                dirs.insert(p.to_string());
                parent = p;
            }
            paths.insert(path.clone());
            docs.extend(parse_file(path, &handbook_root, text, &config));
        }
        Self::new(config, handbook_root, docs, paths, dirs, Vec::new())
    }

    /// The same repository with other files: `documents`, `files`, `dirs` and
    /// `problems` replaced and every lookup built again, while the configuration,
    /// the history, the change set and the pending decisions are kept (`docket
    /// serve` after an edit, which changes no commit).
    pub fn with_files(
        self,
        documents: Vec<Document>,
        files: BTreeSet<String>,
        dirs: BTreeSet<String>,
        problems: Vec<ParseProblem>,
    ) -> Self {
        let Repository {
            config,
            handbook_root,
            history,
            changes,
            pending,
            forge,
            problems: old_problems,
            ..
        } = self;
        // The export is not a handbook file: what was found reading it stays.
        let mut problems = problems;
        problems.extend(
            old_problems
                .into_iter()
                .filter(|p| p.rule == crate::Problem::ForgeExport),
        );
        let mut repo = Repository::new(config, handbook_root, documents, files, dirs, problems);
        repo.history = history;
        repo.changes = changes;
        repo.pending = pending;
        repo.forge = forge;
        repo
    }

    /// Assembles a repository from parsed documents.
    pub fn new(
        config: Config,
        handbook_root: HandbookRoot,
        mut documents: Vec<Document>,
        files: BTreeSet<String>,
        dirs: BTreeSet<String>,
        problems: Vec<ParseProblem>,
    ) -> Self {
        documents.sort_by(|a, b| a.path.cmp(&b.path));
        let mut by_id: HashMap<(Kind, DecisionId), Vec<usize>> = HashMap::new();
        let mut by_stem: HashMap<(Kind, String), Vec<usize>> = HashMap::new();
        let mut labels: HashMap<Kind, BTreeSet<String>> = HashMap::new();
        let mut people = HashMap::new();
        let mut norms = None;
        for (i, doc) in documents.iter().enumerate() {
            match &doc.data {
                Data::Decision(d) => {
                    if let Some(id) = &d.id {
                        by_id.entry((d.kind, id.clone())).or_default().push(i);
                    }
                    by_stem
                        .entry((d.kind, doc.stem().to_string()))
                        .or_default()
                        .push(i);
                    if let Some(label) = &d.folder {
                        labels.entry(d.kind).or_default().insert(label.clone());
                    }
                }
                Data::Charter(c) if norms.is_none() => norms = Some(c.norms.clone()),
                Data::People(list) => {
                    for (j, p) in list.iter().enumerate() {
                        if let Some(id) = &p.id {
                            people.entry(id.value.clone()).or_insert(i * 1_000_000 + j);
                        }
                    }
                }
                _ => {}
            }
        }
        Self {
            config,
            handbook_root,
            documents,
            files,
            dirs,
            problems,
            history: crate::History::default(),
            changes: None,
            pending: Vec::new(),
            forge: None,
            foreign: crate::Foreign::default(),
            norms: norms.unwrap_or_default(),
            by_id,
            by_stem,
            labels,
            people,
        }
    }

    /// The charter's norms, or the defaults when there is no charter.
    pub fn norms(&self) -> &Norms {
        &self.norms
    }

    /// Documents of one kind.
    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &Document> {
        self.documents.iter().filter(move |d| d.kind == kind)
    }

    /// The documents that pages and figures show: all but the broken ones (front
    /// matter or YAML that cannot be read), which are left out of every page,
    /// `status` and `metrics`, while their findings say why. Rules read every
    /// document through [`Repository::documents`] instead.
    pub fn readable(&self) -> impl Iterator<Item = &Document> {
        self.documents.iter().filter(|d| !d.broken)
    }

    /// The readable documents of one kind (see [`Repository::readable`]).
    pub fn readable_of_kind(&self, kind: Kind) -> impl Iterator<Item = &Document> {
        self.readable().filter(move |d| d.kind == kind)
    }

    /// The readable decisions with their data (see [`Repository::readable`]).
    pub fn readable_decisions(&self) -> impl Iterator<Item = (&Document, &Decision)> {
        self.decisions().filter(|(d, _)| !d.broken)
    }

    /// The documents of one kind that cannot be read, for the pages' "left out" line.
    pub fn broken_of_kind(&self, kind: Kind) -> impl Iterator<Item = &Document> {
        self.of_kind(kind).filter(|d| d.broken)
    }

    /// Every record (decisions and records of the team's own kinds) with its data.
    pub fn decisions(&self) -> impl Iterator<Item = (&Document, &Decision)> {
        self.documents
            .iter()
            .filter_map(|d| d.decision().map(|x| (d, x)))
    }

    /// The roster file's path (repository-relative), for messages.
    pub fn roster_path(&self) -> String {
        self.join(&self.config.kind_path(Kind::People))
    }

    /// Joins a handbook-relative path to the handbook root.
    pub fn join(&self, handbook_path: &str) -> String {
        self.handbook_root.join(handbook_path)
    }

    /// Whether a roster exists at all (rules about owners need one).
    pub fn has_roster(&self) -> bool {
        self.documents.iter().any(|d| d.kind == Kind::People)
    }

    /// Every person of the roster.
    pub fn people(&self) -> impl Iterator<Item = &Person> {
        self.documents.iter().flat_map(|d| match &d.data {
            Data::People(list) => list.as_slice(),
            _ => &[],
        })
    }

    /// Every meeting of the inventory (every `meetings.yaml`), with its document.
    pub fn meetings(&self) -> impl Iterator<Item = (&Document, &Meeting)> {
        self.documents.iter().flat_map(|d| {
            let list: &[Meeting] = match &d.data {
                Data::Meetings(list) => list,
                _ => &[],
            };
            list.iter().map(move |m| (d, m))
        })
    }

    /// The roster entry with id `id`.
    pub fn person(&self, id: &str) -> Option<&Person> {
        let &key = self.people.get(id)?;
        match &self.documents.get(key / 1_000_000)?.data {
            Data::People(list) => list.get(key % 1_000_000),
            _ => None,
        }
    }

    /// Whether `id` is a roster id.
    pub fn is_person(&self, id: &str) -> bool {
        self.people.contains_key(id)
    }

    /// The person an entry of a list of people names, as improvement proposals
    /// write their authors: a roster id, `Name (@handle)`, `Name <email>`,
    /// `@handle`, or a name; matched by id, handle, email or name (names and
    /// emails without regard to case).
    pub fn person_named(&self, entry: &str) -> Option<&Person> {
        let entry = entry.trim();
        if let Some(p) = self.person(entry) {
            return Some(p);
        }
        let inner = |open: char, close: char| {
            let (_, rest) = entry.split_once(open)?;
            let (inside, _) = rest.split_once(close)?;
            Some(inside.trim())
        };
        let handle = inner('(', ')')
            .filter(|h| h.starts_with('@'))
            .or_else(|| entry.starts_with('@').then_some(entry));
        let email = inner('<', '>');
        let name = entry.split(['(', '<']).next().unwrap_or("").trim();
        let bare = |h: &str| h.trim().trim_start_matches('@').to_ascii_lowercase();
        self.people().find(|p| {
            let by_handle = handle.is_some_and(|h| {
                p.handle.as_deref().is_some_and(|ph| bare(ph) == bare(h))
                    || p.id.as_ref().is_some_and(|id| bare(&id.value) == bare(h))
            });
            let by_email = email.is_some_and(|e| {
                p.email
                    .as_deref()
                    .is_some_and(|pe| pe.eq_ignore_ascii_case(e))
            });
            let by_name = !name.is_empty()
                && p.name
                    .as_deref()
                    .is_some_and(|n| n.eq_ignore_ascii_case(name));
            by_handle || by_email || by_name
        })
    }

    /// Whether `name` is a roster id or the name of a team in the roster.
    pub fn is_person_or_team(&self, name: &str) -> bool {
        self.is_person(name) || self.people().any(|p| p.team.as_deref() == Some(name))
    }

    /// The decisions a reference names: `42`, `"0042"`, `#42`, a file name
    /// (`0042-x.md`), with stem ids the stem, or, where the decision kind has
    /// several folders, `billing/0042`. More than one when ids collide, or when a
    /// bare id is used in several folders.
    pub fn resolve_decision(&self, reference: &str) -> Vec<&Document> {
        self.resolve_in(Kind::Decision, None, reference)
    }

    /// The records a reference written in `from` names: a record of the same kind
    /// (see [`Repository::resolve_decision`]); a bare id prefers `from`'s own
    /// folder, and `label/id` names the record of that folder.
    pub fn resolve_from(&self, from: &Decision, reference: &str) -> Vec<&Document> {
        self.resolve_in(from.kind, from.folder.as_deref(), reference)
    }

    /// The records of `kind` that `reference` names, written in `folder` (a label).
    pub fn resolve_in(&self, kind: Kind, folder: Option<&str>, reference: &str) -> Vec<&Document> {
        let r = reference.trim().trim_start_matches('#');
        let (prefix, name) = r.rsplit_once('/').unwrap_or(("", r));
        let stem = name.strip_suffix(".md").unwrap_or(name);
        let labels = self.labels.get(&kind);
        // `billing/3`, `../billing/0003-x.md`: the label the path ends in.
        let qualified = labels.and_then(|set| {
            set.iter()
                .filter(|l| prefix == l.as_str() || prefix.ends_with(&format!("/{l}")))
                .max_by_key(|l| l.len())
        });
        let found: Vec<usize> = match self.by_stem.get(&(kind, stem.to_string())) {
            Some(v) => v.clone(),
            None => {
                let id = if !stem.is_empty() && stem.bytes().all(|b| b.is_ascii_digit()) {
                    number_prefix(stem).map(DecisionId::Number)
                } else {
                    Some(DecisionId::Stem(stem.to_string()))
                };
                id.and_then(|id| self.by_id.get(&(kind, id)))
                    .cloned()
                    .unwrap_or_default()
            }
        };
        let docs: Vec<&Document> = found.iter().map(|&i| &self.documents[i]).collect();
        let in_folder = |label: &str| -> Vec<&Document> {
            docs.iter()
                .copied()
                .filter(|d| d.decision().and_then(|x| x.folder.as_deref()) == Some(label))
                .collect()
        };
        if let Some(label) = qualified {
            return in_folder(label);
        }
        if let Some(own) = folder {
            let mine = in_folder(own);
            if !mine.is_empty() {
                return mine;
            }
        }
        docs
    }

    /// The folder labels of a kind with several folders, sorted.
    pub fn folder_labels(&self, kind: Kind) -> impl Iterator<Item = &str> {
        self.labels
            .get(&kind)
            .into_iter()
            .flatten()
            .map(String::as_str)
    }

    /// The folders records of `kind` go in: the one folder of a kind with one;
    /// for a kind with several, every folder docket.toml lists and every existing
    /// folder one of its globs matches, sorted by label.
    pub fn folders_of(&self, kind: Kind) -> Vec<KindFolder> {
        let folders = self.config.kind_folders(kind);
        let exists = |path: &str| {
            let rel = self.join(path);
            rel.is_empty() || self.dirs.contains(&rel)
        };
        if let [one] = folders.as_slice()
            && !crate::record_kind::is_glob(one)
        {
            return vec![KindFolder {
                path: one.clone(),
                label: None,
                exists: exists(one),
            }];
        }
        let mut out: Vec<KindFolder> = Vec::new();
        let literal = folders
            .iter()
            .filter(|f| !crate::record_kind::is_glob(f))
            .cloned();
        let globbed = self
            .dirs
            .iter()
            .filter_map(|d| self.handbook_root.relative(d))
            .map(str::to_string);
        for path in literal.chain(globbed) {
            if out.iter().any(|f| f.path == path) {
                continue;
            }
            if let Some(label) = self.folder_label(kind, &path) {
                out.push(KindFolder {
                    exists: exists(&path),
                    path,
                    label,
                });
            }
        }
        out.sort_by(|a, b| (&a.label, &a.path).cmp(&(&b.label, &b.path)));
        out
    }

    /// The folder of `kind` that `written` names: a folder's label (`billing`),
    /// or a path relative to the handbook root or to the repository root that is
    /// one of the kind's folders (or matches one of its globs), existing or not.
    pub fn folder_named(&self, kind: Kind, written: &str) -> Option<KindFolder> {
        let known = self.folders_of(kind);
        let w = written.trim().replace('\\', "/");
        if let Some(f) = known
            .iter()
            .find(|f| f.label.as_deref() == Some(w.as_str()))
        {
            return Some(f.clone());
        }
        let path = HandbookRoot::new(&w)?;
        let candidates = [
            Some(path.as_str()),
            self.handbook_root.relative(path.as_str()),
        ];
        for hp in candidates.into_iter().flatten() {
            if let Some(f) = known.iter().find(|f| f.path == hp) {
                return Some(f.clone());
            }
            if let Some(label) = self.folder_label(kind, hp) {
                let rel = self.join(hp);
                return Some(KindFolder {
                    path: hp.to_string(),
                    label,
                    exists: rel.is_empty() || self.dirs.contains(&rel),
                });
            }
        }
        None
    }

    /// When the handbook folder `path` is itself one of `kind`'s folders (not a
    /// folder inside one): its label (`None` for a kind with one folder).
    fn folder_label(&self, kind: Kind, path: &str) -> Option<Option<String>> {
        let probe = if path.is_empty() {
            "x.md".to_string()
        } else {
            format!("{path}/x.md")
        };
        let m = self.config.kind_folder_of(kind, &probe)?;
        let depth = if path.is_empty() { 0 } else { path.len() + 1 };
        (m.depth == depth).then_some(m.label)
    }

    /// The records of `kind` with their data (readable or not).
    pub fn records_of(&self, kind: Kind) -> impl Iterator<Item = (&Document, &Decision)> {
        self.decisions().filter(move |(_, d)| d.kind == kind)
    }

    /// The document at a repository-relative path.
    pub fn document(&self, path: &str) -> Option<&Document> {
        self.documents
            .binary_search_by(|d| d.path.as_str().cmp(path))
            .ok()
            .map(|i| &self.documents[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_named_template_is_not_a_record() {
        for name in [
            "template.md",
            "TEMPLATE.md",
            "_template.md",
            "adr_template.md",
            "adr-template.md",
            "adr-template-minimal.md",
            "adr-short-template.md",
            "000-template.md",
            "0000-template.md",
            "decision-Template-v2.markdown",
        ] {
            assert!(is_template_name(name), "{name}");
            assert_eq!(
                classify(&format!("decisions/{name}"), &Config::default()),
                FileRole::Asset,
                "{name}"
            );
        }
        for name in ["0042-use-email-templates.md", "0001-use-postgresql.md"] {
            assert!(!is_template_name(name), "{name}");
        }
        // Only decision folders hold templates; elsewhere it is a page like any other.
        assert_eq!(
            classify("guide/template.md", &Config::default()),
            FileRole::Document(Kind::Page)
        );
    }

    #[test]
    fn a_decision_folder_of_dot_is_the_handbook_root() {
        let config = Config::parse("[kinds.decision]\npath = \".\"\n").unwrap_or_default();
        let role = |p: &str| classify(p, &config);
        assert_eq!(role("0001-a.md"), FileRole::Document(Kind::Decision));
        assert_eq!(role("old/0002-b.md"), FileRole::Document(Kind::Decision));
        assert_eq!(role("README.md"), FileRole::Index(Kind::Decision));
        assert_eq!(role("template.md"), FileRole::Asset);
        assert_eq!(role("charter.md"), FileRole::Document(Kind::Charter));
        assert_eq!(role("people.yaml"), FileRole::Document(Kind::People));
        assert_eq!(role("meetings.yaml"), FileRole::Document(Kind::Meetings));
        assert_eq!(role("briefs/x.md"), FileRole::Document(Kind::Brief));
        assert_eq!(
            role("updates/2026-11-24/alice.md"),
            FileRole::Document(Kind::Update)
        );
    }

    #[test]
    fn numbered_record_names() {
        for name in [
            "001-adopt-madr.md",
            "0042-use-postgresql.md",
            "0042_use_postgresql.md",
            "00042-use-postgresql.md",
            "ADR-7-use-rust.md",
            "adr-0012-x.md",
            "20201016-use-the-adr-slug.md",
        ] {
            assert!(is_record_name(name), "{name}");
        }
        for name in [
            "000-template.md",
            "01-intro.md",
            "2024-01-01-post.md",
            "0042-x.txt",
            "README.md",
            "20201399-not-a-date.md",
            "1234567-x.md",
        ] {
            assert!(!is_record_name(name), "{name}");
        }
    }

    #[test]
    fn the_folders_of_a_kind_and_the_one_named() {
        let config = Config::parse(
            "[kinds.decision]\npath = \"services/*/docs/adr\"\n[kinds.rfc]\npath = [\"a/rfcs\", \"b/rfcs\"]\n",
        )
        .unwrap_or_default();
        let d = "---\ntitle: A\n---\n";
        let repo = Repository::from_texts(
            config,
            vec![
                ("docs/services/search/docs/adr/0001-a.md".into(), d.into()),
                ("docs/services/billing/docs/adr/0002-b.md".into(), d.into()),
                ("docs/services/billing/README.md".into(), d.into()),
                ("docs/a/rfcs/0001-x.md".into(), d.into()),
            ],
        );
        let shown = |folders: Vec<KindFolder>| -> Vec<(Option<String>, String, bool)> {
            folders
                .into_iter()
                .map(|f| (f.label, f.path, f.exists))
                .collect()
        };
        let s = |x: &str| x.to_string();
        assert_eq!(
            shown(repo.folders_of(Kind::Decision)),
            [
                (Some(s("billing")), s("services/billing/docs/adr"), true),
                (Some(s("search")), s("services/search/docs/adr"), true),
            ]
        );
        // Listed folders count whether they are there or not.
        assert_eq!(
            shown(repo.folders_of(Kind::named("rfc"))),
            [
                (Some(s("a")), s("a/rfcs"), true),
                (Some(s("b")), s("b/rfcs"), false),
            ]
        );
        assert_eq!(repo.folders_of(Kind::Brief).len(), 1);
        let named = |w: &str| {
            repo.folder_named(Kind::Decision, w)
                .map(|f| (f.label, f.path, f.exists))
        };
        assert_eq!(
            named("billing"),
            Some((Some(s("billing")), s("services/billing/docs/adr"), true))
        );
        // A path, relative to the handbook or the repository; a new folder too.
        assert_eq!(named("services/search/docs/adr/"), named("search"));
        assert_eq!(named("./docs/services/search/docs/adr"), named("search"));
        assert_eq!(
            named("services/payments/docs/adr"),
            Some((Some(s("payments")), s("services/payments/docs/adr"), false))
        );
        assert_eq!(named("payments"), None);
        assert_eq!(named("services/billing"), None);
        assert_eq!(named("../elsewhere"), None);
    }
}
