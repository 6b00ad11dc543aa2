//! The decision folder when `docket.toml` names none and the default one does not
//! exist (issue "Adoption"): the folders whose file names look like numbered records
//! (`NNN-x.md`, `NNNN-x.md`, `ADR-N-x.md`, `YYYYMMDD-x.md`; at least
//! [`MIN_RECORDS`] in one folder), found in the file list of the one walk that `load`
//! does anyway. One such folder is used, with a note giving the `docket.toml` lines
//! that pin it; several are a `decision-folder` finding on the first record of each,
//! never a guess.

use std::collections::BTreeMap;

use docket_model::{HandbookRoot, ParseProblem, Problem, is_record_name};

use crate::walk::WalkedFile;

/// How many numbered records make a folder a decision folder: two numbered chapters
/// of a tutorial are not enough.
pub(crate) const MIN_RECORDS: usize = 3;

/// A folder holding numbered records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate {
    /// Repository-relative, `/`-separated; empty for the repository root.
    pub folder: String,
    /// Its first record (by name), where a finding about it is reported.
    pub first: String,
    /// How many records it holds directly.
    pub records: usize,
}

/// The folders of `files` (sorted by path, repository-relative) that hold at least
/// [`MIN_RECORDS`] numbered records directly, without those inside another one
/// (a decision folder's subfolders are part of it).
pub(crate) fn candidates(files: &[WalkedFile]) -> Vec<Candidate> {
    let mut by_folder: BTreeMap<&str, Candidate> = BTreeMap::new();
    for file in files {
        let (folder, name) = file.rel.rsplit_once('/').unwrap_or(("", &file.rel));
        if !is_record_name(name) {
            continue;
        }
        let candidate = by_folder.entry(folder).or_insert_with(|| Candidate {
            folder: folder.to_string(),
            first: file.rel.clone(),
            records: 0,
        });
        candidate.records += 1;
        if file.rel < candidate.first {
            candidate.first = file.rel.clone();
        }
    }
    let mut out: Vec<Candidate> = Vec::new();
    // Sorted by folder, so a folder comes before the folders inside it.
    for candidate in by_folder.into_values() {
        if candidate.records < MIN_RECORDS {
            continue;
        }
        let inside_another = out
            .iter()
            .any(|c| HandbookRoot::new(&c.folder).is_some_and(|r| r.contains(&candidate.folder)));
        if !inside_another {
            out.push(candidate);
        }
    }
    out
}

/// The handbook root and the decision path (relative to it; empty for the root
/// itself) that make `folder` the decision folder. `root` is the configured handbook
/// root when docket.toml sets one (the folder is then inside it), else `None`: a
/// folder inside `docs` keeps `docs` as the root, any other makes its parent the
/// root (`doc/adr` → `doc` and `adr`, as adr-tools' layout always did), or itself
/// when it is at the top (`adr` → `adr` and `.`), so that the rest of a code base
/// is not read as handbook pages.
pub(crate) fn pin(folder: &str, root: Option<&HandbookRoot>) -> (HandbookRoot, String) {
    let docs = HandbookRoot::new("docs").unwrap_or_default();
    let within = |r: &HandbookRoot| r.relative(folder).map(str::to_string);
    if let Some(r) = root {
        let path = if folder == r.as_str() {
            String::new()
        } else {
            within(r).unwrap_or_default()
        };
        return (r.clone(), path);
    }
    if folder == "docs" {
        return (docs, String::new());
    }
    if let Some(path) = within(&docs) {
        return (docs, path);
    }
    match folder.rsplit_once('/') {
        Some((parent, name)) => (
            HandbookRoot::new(parent).unwrap_or_default(),
            name.to_string(),
        ),
        None => (HandbookRoot::new(folder).unwrap_or_default(), String::new()),
    }
}

/// The lines of docket.toml that set `root` and the decision path, indented by
/// `indent` (a note) or joined on one line (a finding's help).
pub(crate) fn toml_lines(root: &HandbookRoot, path: &str, indent: Option<&str>) -> String {
    let path = if path.is_empty() { "." } else { path };
    let lines = [
        format!("root = \"{root}\""),
        "[kinds.decision]".to_string(),
        format!("path = \"{path}\""),
    ];
    match indent {
        Some(indent) => lines
            .iter()
            .map(|l| format!("\n{indent}{l}"))
            .collect::<String>(),
        None => lines
            .iter()
            .map(|l| format!("`{l}`"))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The note for the one folder found and used.
pub(crate) fn used_note(folder: &str, root: &HandbookRoot, path: &str) -> String {
    format!(
        "reading decision records from `{}`: docket.toml names no decision folder and this is the one folder with numbered records; to pin it, put in docket.toml:{}",
        shown(folder),
        toml_lines(root, path, Some("    "))
    )
}

/// The note for folders of records found outside the handbook root `docs`, which
/// stays the handbook (it may hold the charter and the roster): nothing is guessed.
pub(crate) fn outside_note(found: &[Candidate], handbook: &HandbookRoot) -> String {
    let folders = found
        .iter()
        .map(|c| format!("`{}`", shown(&c.folder)))
        .collect::<Vec<_>>()
        .join(", ");
    let first = found.first().map_or("", |c| c.folder.as_str());
    let (root, path) = pin(first, None);
    format!(
        "found numbered decision records in {folders}, outside the handbook root `{handbook}`; they are not read as decisions. To read `{}`, put in docket.toml:{}",
        shown(first),
        toml_lines(&root, &path, Some("    "))
    )
}

/// One `decision-folder` finding per candidate, on its first record.
pub(crate) fn several(candidates: &[Candidate], root: Option<&HandbookRoot>) -> Vec<ParseProblem> {
    let listed = candidates
        .iter()
        .map(|c| format!("`{}` ({} records)", shown(&c.folder), c.records))
        .collect::<Vec<_>>()
        .join(", ");
    candidates
        .iter()
        .map(|c| {
            let (r, path) = pin(&c.folder, root);
            ParseProblem::new(
                Problem::DecisionFolder,
                c.first.clone(),
                0..0,
                format!(
                    "numbered records in {} folders: {listed}; docket.toml names no decision folder and docket does not guess which one holds the decisions",
                    candidates.len()
                ),
            )
            .with_help(format!(
                "to read `{}` as the decision folder, put {} in docket.toml; leave a folder out with `exclude = [\"{}/**\"]`",
                shown(&c.folder),
                toml_lines(&r, &path, None),
                shown(&c.folder),
            ))
        })
        .collect()
}

/// The handbook root that holds every candidate: their longest common folder.
pub(crate) fn common_root(candidates: &[Candidate]) -> HandbookRoot {
    let mut common: Option<Vec<&str>> = None;
    for c in candidates {
        let parts: Vec<&str> = c.folder.split('/').filter(|p| !p.is_empty()).collect();
        common = Some(match common {
            None => parts,
            Some(prefix) => prefix
                .iter()
                .zip(&parts)
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| *a)
                .collect(),
        });
    }
    HandbookRoot::new(&common.unwrap_or_default().join("/")).unwrap_or_default()
}

/// A repository-relative folder as messages say it (`.` for the root).
fn shown(folder: &str) -> &str {
    if folder.is_empty() { "." } else { folder }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(paths: &[&str]) -> Vec<WalkedFile> {
        paths
            .iter()
            .map(|p| WalkedFile {
                abs: p.into(),
                rel: p.to_string(),
            })
            .collect()
    }

    #[test]
    fn folders_with_three_numbered_records() {
        let found = candidates(&files(&[
            "docs/guide/001-a.md",
            "docs/guide/002-b.md",
            "docs/madr/decisions/000-template.md",
            "docs/madr/decisions/001-a.md",
            "docs/madr/decisions/002-b.md",
            "docs/madr/decisions/003-c.md",
            "docs/madr/decisions/old/004-d.md",
            "docs/madr/decisions/old/005-e.md",
            "docs/madr/decisions/old/006-f.md",
            "rfcs/ADR-1-x.md",
            "rfcs/adr-2-y.md",
            "rfcs/20240102-z.md",
        ]));
        assert_eq!(
            found,
            [
                Candidate {
                    folder: "docs/madr/decisions".into(),
                    first: "docs/madr/decisions/001-a.md".into(),
                    records: 3
                },
                Candidate {
                    folder: "rfcs".into(),
                    first: "rfcs/20240102-z.md".into(),
                    records: 3
                },
            ]
        );
    }

    #[test]
    fn pinning_a_folder() {
        let pinned = |f: &str| {
            let (r, p) = pin(f, None);
            (r.to_string(), p)
        };
        assert_eq!(
            pinned("docs/madr/decisions"),
            ("docs".into(), "madr/decisions".into())
        );
        assert_eq!(pinned("docs"), ("docs".into(), String::new()));
        assert_eq!(pinned("doc/adr"), ("doc".into(), "adr".into()));
        assert_eq!(pinned("adr"), ("adr".into(), String::new()));
        assert_eq!(pinned(""), (".".into(), String::new()));
        let handbook = HandbookRoot::new("handbook").unwrap();
        let (r, p) = pin("handbook/adr", Some(&handbook));
        assert_eq!((r.to_string(), p.as_str()), ("handbook".into(), "adr"));
        let (_, p) = pin("handbook", Some(&handbook));
        assert_eq!(p, "");
        assert_eq!(
            toml_lines(&handbook, "", None),
            "`root = \"handbook\"`, `[kinds.decision]`, `path = \".\"`"
        );
    }

    #[test]
    fn the_common_root_of_candidates() {
        let c = |f: &str| Candidate {
            folder: f.into(),
            first: String::new(),
            records: 3,
        };
        assert_eq!(common_root(&[c("a/b/x"), c("a/b/y")]).as_str(), "a/b");
        assert_eq!(common_root(&[c("adr"), c("rfcs")]).as_str(), "");
    }
}
