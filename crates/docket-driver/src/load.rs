//! Loading a handbook: the repository root, `docket.toml`, the walk, and every file
//! read and parsed in parallel into a [`Workspace`].

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use docket_model::{
    Config, FileRole, HandbookRoot, ParseProblem, Problem, Repository, classify, parse_file,
};
use rayon::prelude::*;

use crate::error::DriverError;
use crate::walk;
use crate::workspace::Workspace;

/// The repository root for `start`: the nearest folder at or above it that holds
/// `docket.toml` or `.git`; `start` itself when there is none (a plain folder).
pub fn find_root(start: &Path) -> Result<PathBuf, DriverError> {
    let start = start
        .canonicalize()
        .map_err(|source| DriverError::Unreadable {
            path: start.to_path_buf(),
            source,
        })?;
    let start = if start.is_file() {
        start.parent().map(Path::to_path_buf).unwrap_or(start)
    } else {
        start
    };
    let mut dir = Some(start.as_path());
    while let Some(d) = dir {
        if d.join("docket.toml").is_file() || d.join(".git").exists() {
            return Ok(d.to_path_buf());
        }
        dir = d.parent();
    }
    Ok(start)
}

/// Reads docket.toml at `root` (defaults when there is none).
pub fn read_config(root: &Path) -> Result<Config, DriverError> {
    let path = root.join("docket.toml");
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(source) => return Err(DriverError::Unreadable { path, source }),
    };
    let config_error = |range: std::ops::Range<usize>, message: String| {
        let index = docket_diagnostics::LineIndex::new(&text);
        let p = index.position(&text, range.start);
        DriverError::Config {
            path: "docket.toml".into(),
            line: p.line,
            column: p.column,
            message,
        }
    };
    let config = Config::parse(&text).map_err(|e| config_error(e.range, e.message))?;
    if let Some((setting, suggestion)) = docket_check::unknown_rules(&config).into_iter().next() {
        let hint = suggestion
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        return Err(config_error(
            setting.range.clone(),
            format!("unknown rule `{}` in `[rules]`{hint}", setting.rule),
        ));
    }
    Ok(config)
}

/// The folders that adr-tools, MADR and log4brains create for decision records, in
/// the order they are looked for: (folder, handbook root, decision path inside it).
const DECISION_FOLDERS: &[(&str, &str, &str)] = &[
    ("docs/adr", "docs", "adr"),
    (
        "docs/architecture/decisions",
        "docs",
        "architecture/decisions",
    ),
    ("doc/adr", "doc", "adr"),
];

/// When docket.toml sets neither `root` nor `[kinds.decision] path` and
/// `docs/decisions` does not exist, reads decision records from the folder an
/// existing tool made (`docs/adr`, `docs/architecture/decisions`, or `doc/adr` with
/// `doc` as the handbook root). Returns a note saying so.
fn detect_decision_folder(root: &Path, config: &mut Config) -> Option<String> {
    let decision = docket_model::Kind::Decision;
    let path_set = config
        .kinds
        .get(&decision)
        .is_some_and(|k| k.path.is_some());
    if config.root_explicit || path_set || root.join("docs/decisions").is_dir() {
        return None;
    }
    for &(folder, handbook, path) in DECISION_FOLDERS {
        if !root.join(folder).is_dir() {
            continue;
        }
        if handbook != "docs" && root.join("docs").is_dir() {
            return Some(format!(
                "found decision records in `{folder}`, but the handbook root is `docs`; set `root = \"{handbook}\"` and `[kinds.decision] path = \"{path}\"` in docket.toml to read them"
            ));
        }
        config.root = docket_model::HandbookRoot::new(handbook).unwrap_or_default();
        config.kinds.entry(decision).or_default().path = Some(path.to_string());
        return Some(format!(
            "no `docs/decisions` folder: reading decision records from `{folder}`; set `[kinds.decision] path` (and `root`) in docket.toml to choose the folder"
        ));
    }
    None
}

/// Loads the repository that holds `start`.
pub fn load(start: &Path) -> Result<Workspace, DriverError> {
    let root = find_root(start)?;
    let mut config = read_config(&root)?;
    let folder_note = detect_decision_folder(&root, &mut config);
    let handbook = config.root.dir(&root);
    if !handbook.is_dir() {
        return Err(DriverError::NoHandbook {
            root: config.root.to_string(),
            repo: root.display().to_string(),
        });
    }
    let walked = walk::walk(&root, &handbook);
    let handbook_root = config.root.clone();
    let documents: Vec<_> = walked
        .files
        .par_iter()
        .filter(|file| {
            let hp = handbook_root.relative(&file.rel).unwrap_or("");
            classify(hp, &config) != FileRole::Asset
        })
        .filter_map(|file| read_document(&file.abs, file.rel.clone(), &handbook_root, &config))
        .collect();
    let files: BTreeSet<String> = walked.files.iter().map(|f| f.rel.clone()).collect();
    let repo = Repository::new(
        config,
        handbook_root,
        documents,
        files,
        walked.dirs,
        walked.problems,
    );
    Ok(Workspace {
        root,
        repo,
        notes: folder_note.into_iter().collect(),
    })
}

/// Reads and parses one file; a file that cannot be read or is not UTF-8 is still a
/// document (with what could be read) carrying an `unreadable-file` finding.
fn read_document(
    abs: &Path,
    rel: String,
    handbook_root: &HandbookRoot,
    config: &Config,
) -> Option<docket_model::Document> {
    let (text, problem) = match std::fs::read(abs) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => (text, None),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                let msg = format!("file is not valid UTF-8 (first bad byte at offset {at})");
                (text, Some((at..at + 1, msg)))
            }
        },
        Err(e) => (
            String::new(),
            Some((0..0, format!("cannot read file: {e}"))),
        ),
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(t) => t.to_string(),
        None => text,
    };
    let mut doc = parse_file(rel, handbook_root, text, config)?;
    if let Some((range, message)) = problem {
        doc.problems.push(
            ParseProblem::new(Problem::UnreadableFile, &doc.path, range, message)
                .with_help("save the file as UTF-8"),
        );
        doc.broken = true;
    }
    Some(doc)
}
