//! Loading a handbook: the repository root, `docket.toml`, the walk (finding the
//! decision folder when nobody configured one, `detect`), and every file read and
//! parsed in parallel into a [`Workspace`].

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::timings::{Timings, bytes as bytes_shown, seconds};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use docket_model::{
    Config, FileRole, HandbookRoot, Kind, ParseProblem, Problem, Repository, classify, parse_file,
};
use rayon::prelude::*;

use docket_diagnostics::Diagnostic;

use crate::error::{CONFIG_RULE, DriverError};
use crate::workspace::Workspace;
use crate::{detect, walk};

/// The repository root for `start`: the nearest folder at or above it that holds
/// `docket.toml` or `.git`; `start` itself when there is none (a plain folder).
pub fn find_root(start: &Path) -> Result<PathBuf, DriverError> {
    let start = start
        .canonicalize()
        .map_err(|reason| DriverError::Unreadable {
            path: start.to_path_buf(),
            reason,
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
    read_config_text(root).map(|(config, _)| config)
}

/// Reads docket.toml at `root`, with its text (empty when there is none) for
/// messages that name a line of it. Every mistake is in the error: the model's
/// (keys, values, kinds) and the unknown rule ids, which only docket-check knows.
fn read_config_text(root: &Path) -> Result<(Config, String), DriverError> {
    let path = root.join("docket.toml");
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok((Config::default(), String::new()));
        }
        Err(reason) => return Err(DriverError::Unreadable { path, reason }),
    };
    let (config, errors) = Config::read(&text);
    let mut mistakes: Vec<Diagnostic> = errors
        .into_iter()
        .map(|e| {
            let d = Diagnostic::new(CONFIG_RULE, "docket.toml", e.range, e.message);
            match e.help {
                Some(help) => d.with_help(help),
                None => d,
            }
        })
        .collect();
    for (setting, suggestion) in docket_check::unknown_rules(&config) {
        let help = match suggestion {
            Some(s) => format!("did you mean `{s}`?"),
            None => {
                "rule ids are the names in brackets in docket's findings, such as `unknown-owner`"
                    .to_string()
            }
        };
        mistakes.push(
            Diagnostic::new(
                CONFIG_RULE,
                "docket.toml",
                setting.range.clone(),
                format!("unknown rule `{}` in `[rules]`", setting.rule),
            )
            .with_help(help),
        );
    }
    if mistakes.is_empty() {
        return Ok((config, text));
    }
    mistakes.sort_by_key(|d| d.range.start);
    Err(DriverError::Config {
        path: "docket.toml".into(),
        text,
        mistakes,
    })
}

/// The 1-based line and column of byte `offset` of `text`.
fn line_of(text: &str, offset: usize) -> docket_diagnostics::Position {
    docket_diagnostics::LineIndex::new(text).position(text, offset)
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
fn known_decision_folder(root: &Path, config: &mut Config) -> Option<String> {
    for &(folder, handbook, path) in DECISION_FOLDERS {
        if !root.join(folder).is_dir() {
            continue;
        }
        if handbook != "docs" && root.join("docs").is_dir() {
            return Some(format!(
                "found decision records in `{folder}`, but the handbook root is `docs`; set `root = \"{handbook}\"` and `[kinds.decision] path = \"{path}\"` in docket.toml to read them"
            ));
        }
        config.root = HandbookRoot::new(handbook).unwrap_or_default();
        config.kinds.entry(Kind::Decision).or_default().path = Some(path.to_string());
        return Some(format!(
            "no `docs/decisions` folder: reading decision records from `{folder}`; set `[kinds.decision] path` (and `root`) in docket.toml to choose the folder"
        ));
    }
    None
}

/// Whether docket has to find the decision folder: docket.toml names none and the
/// default one (`decisions` in the handbook root) does not exist.
fn decision_folder_unknown(root: &Path, config: &Config) -> bool {
    !config.has_kind_path(Kind::Decision)
        && !config
            .root
            .dir(root)
            .join(Kind::Decision.default_path())
            .is_dir()
}

/// The walk of a handbook whose decision folder docket.toml does not name and that
/// has no default one, finding that folder: the folders of other tools first (as
/// before), then the folders of numbered records in the walk of the handbook root
/// (a configured root, or `docs` when it exists), else in one walk of the whole
/// repository, whose file list is then kept for the handbook. No file is walked
/// twice. Changes `config` to read the folder it uses; says what it did in `notes`.
fn walk_finding_decisions(
    root: &Path,
    config: &mut Config,
    notes: &mut Vec<String>,
) -> Option<walk::Walked> {
    if !config.root_explicit
        && let Some(note) = known_decision_folder(root, config)
    {
        notes.push(note);
        return None;
    }
    let docs = HandbookRoot::new("docs").unwrap_or_default();
    let handbook = match config.root_explicit {
        true => Some(config.root.clone()),
        false => docs.dir(root).is_dir().then_some(docs),
    };
    let Some(handbook) = handbook else {
        // No handbook root yet: the whole repository, once.
        let walked = walk::walk(root, root, &config.exclude, walk::Prune::outputs());
        let found = detect::candidates(&walked.files);
        let findings = use_candidates(&found, None, config, notes);
        let mut walked = walked.within(&config.root);
        walked.problems.extend(findings);
        return Some(walked);
    };
    let dir = handbook.dir(root);
    if !dir.is_dir() {
        return None;
    }
    let mut walked = walk::walk(root, &dir, &config.exclude, walk::Prune::None);
    let found = detect::candidates(&walked.files);
    if found.is_empty() && !config.root_explicit {
        // `docs` holds no records: say where some are, without reading them.
        let outside = walk::walk(root, root, &config.exclude, walk::Prune::outside(&dir));
        let found = detect::candidates(&outside.files);
        if !found.is_empty() {
            notes.push(detect::outside_note(&found, &handbook));
        }
    }
    let findings = use_candidates(&found, Some(&handbook), config, notes);
    walked.problems.extend(findings);
    Some(walked)
}

/// Reads the one folder `found` as the decision folder (`handbook` is the root it was
/// found in, `None` for the whole repository), with a note; several are findings.
fn use_candidates(
    found: &[detect::Candidate],
    handbook: Option<&HandbookRoot>,
    config: &mut Config,
    notes: &mut Vec<String>,
) -> Vec<ParseProblem> {
    match found {
        [] => Vec::new(),
        [one] => {
            let (root, path) = detect::pin(&one.folder, handbook);
            notes.push(detect::used_note(&one.folder, &root, &path));
            config.root = root;
            config.kinds.entry(Kind::Decision).or_default().path = Some(path);
            Vec::new()
        }
        several => {
            if handbook.is_none() {
                config.root = detect::common_root(several);
            }
            detect::several(several, handbook)
        }
    }
}

/// Loads the repository that holds `start`.
pub fn load(start: &Path) -> Result<Workspace, DriverError> {
    let root = find_root(start)?;
    let (mut config, toml_text) = read_config_text(&root)?;
    let template_problems = read_templates(&root, &mut config);
    // Settings left to fill in (`repo_url = ""`), with their line.
    let mut notes: Vec<String> = config
        .notes
        .iter()
        .map(|n| {
            let line = line_of(&toml_text, n.range.start).line;
            format!("docket.toml:{line}: {}", n.message)
        })
        .collect();
    let mut timings = Timings::default();
    let started = Instant::now();
    let walked = if decision_folder_unknown(&root, &config) {
        walk_finding_decisions(&root, &mut config, &mut notes)
    } else {
        None
    };
    let handbook = config.root.dir(&root);
    if !handbook.is_dir() {
        return Err(DriverError::NoHandbook {
            root: config.root.to_string(),
            line: config
                .root_range
                .as_ref()
                .map(|r| line_of(&toml_text, r.start).line),
            folders: walk::top_folders(&root),
        });
    }
    let mut walked =
        walked.unwrap_or_else(|| walk::walk(&root, &handbook, &config.exclude, walk::Prune::None));
    walked.problems.extend(template_problems);
    timings.record(
        "walk",
        started.elapsed(),
        format!("{} files", walked.files.len()),
    );
    let started = Instant::now();
    let read_nanos = AtomicU64::new(0);
    let handbook_root = config.root.clone();
    let documents: Vec<_> = walked
        .files
        .par_iter()
        .filter(|file| {
            let hp = handbook_root.relative(&file.rel).unwrap_or("");
            classify(hp, &config) != FileRole::Asset
        })
        .filter_map(|file| {
            read_document(
                &file.abs,
                file.rel.clone(),
                &handbook_root,
                &config,
                &read_nanos,
            )
        })
        .collect();
    let bytes: usize = documents.iter().map(|d| d.text.len()).sum();
    let read = Duration::from_nanos(read_nanos.load(Ordering::Relaxed));
    timings.record(
        "read + parse",
        started.elapsed(),
        format!(
            "{} documents, {}; reading {} of thread time",
            documents.len(),
            bytes_shown(bytes as u64),
            seconds(read)
        ),
    );
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
        notes,
        timings,
        history_walk: None,
        hub: None,
    })
}

/// `ws` after the files at `changed` (absolute paths) changed on disk, with
/// `docket.toml` and the templates as they were: the documents among them read and
/// parsed again, every other document kept as it was parsed. When only documents
/// the handbook already has were changed, nothing else is read; when a file appeared
/// or went away (or a path is no file the handbook knows), the handbook is walked
/// again, new files are read and the files that are gone are dropped. A path that is
/// neither known nor there (an editor's temporary file, already renamed) changes
/// nothing.
pub(crate) fn reload(mut ws: Workspace, changed: &[PathBuf]) -> Workspace {
    let rels: BTreeSet<String> = changed
        .iter()
        .filter_map(|p| p.strip_prefix(&ws.root).ok())
        .map(|p| {
            p.components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/")
        })
        .filter(|rel| ws.repo.files.contains(rel) || ws.root.join(rel).exists())
        .collect();
    if rels.is_empty() {
        return ws;
    }
    let root = ws.root.clone();
    let config = &ws.repo.config;
    let handbook_root = ws.repo.handbook_root.clone();
    let read = AtomicU64::new(0);
    let edits_only = rels
        .iter()
        .all(|rel| ws.repo.files.contains(rel) && root.join(rel).is_file());
    let mut documents = std::mem::take(&mut ws.repo.documents);
    let (files, dirs, problems) = if edits_only {
        let fresh: Vec<_> = rels
            .par_iter()
            .filter(|rel| documents.iter().any(|d| &d.path == *rel))
            .filter_map(|rel| {
                read_document(&root.join(rel), rel.clone(), &handbook_root, config, &read)
            })
            .collect();
        documents.retain(|d| !rels.contains(&d.path));
        documents.extend(fresh);
        (
            std::mem::take(&mut ws.repo.files),
            std::mem::take(&mut ws.repo.dirs),
            std::mem::take(&mut ws.repo.problems),
        )
    } else {
        let handbook = config.root.dir(&root);
        let mut walked = walk::walk(&root, &handbook, &config.exclude, walk::Prune::None);
        walked
            .problems
            .extend(read_templates(&root, &mut config.clone()));
        let kept: std::collections::HashMap<String, docket_model::Document> = documents
            .drain(..)
            .filter(|d| !rels.contains(&d.path))
            .map(|d| (d.path.clone(), d))
            .collect();
        let fresh: Vec<_> = walked
            .files
            .par_iter()
            .filter(|file| !kept.contains_key(&file.rel))
            .filter(|file| {
                let hp = handbook_root.relative(&file.rel).unwrap_or("");
                classify(hp, config) != FileRole::Asset
            })
            .filter_map(|file| {
                read_document(&file.abs, file.rel.clone(), &handbook_root, config, &read)
            })
            .collect();
        let mut kept = kept;
        let files: BTreeSet<String> = walked.files.iter().map(|f| f.rel.clone()).collect();
        documents.extend(fresh);
        documents.extend(files.iter().filter_map(|rel| kept.remove(rel)));
        (files, walked.dirs, walked.problems)
    };
    ws.repo = ws.repo.with_files(documents, files, dirs, problems);
    ws
}

/// Adds the team's own templates of `docket new` (`templates/new/KIND.md` at the
/// repository root, the files `docket new` writes from) to `config`, so that text
/// left as they wrote it is no content. A template that cannot be read is an
/// `unreadable-file` finding.
fn read_templates(root: &Path, config: &mut Config) -> Vec<ParseProblem> {
    let mut problems = Vec::new();
    let own = config
        .record_kinds()
        .into_iter()
        .filter(|k| matches!(k, Kind::Custom(_)));
    let kinds: Vec<Kind> = docket_model::Templates::KINDS
        .into_iter()
        .chain(own)
        .collect();
    for kind in kinds {
        let Some(rel) = template_path(kind) else {
            continue;
        };
        match std::fs::read_to_string(root.join(&rel)) {
            Ok(text) => config.templates.add(kind, rel, &text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => problems.push(ParseProblem::new(
                Problem::UnreadableFile,
                &rel,
                0..0,
                format!("cannot read the template: {e}"),
            )),
        }
    }
    problems
}

/// Where the team's template of `docket new` for `kind` is, relative to the
/// repository root: `templates/new/KIND.md` (`None` for a kind's name that is no
/// plain file name).
pub fn template_path(kind: Kind) -> Option<String> {
    let name = kind.name();
    let plain = !name.is_empty() && !name.starts_with('.') && !name.contains(['/', '\\']);
    plain.then(|| format!("templates/new/{name}.md"))
}

/// Reads and parses one file; a file that cannot be read or is not UTF-8 is still a
/// document (with what could be read) carrying an `unreadable-file` finding, and so
/// is a file larger than `[limits] max_document_bytes`, which is neither read nor
/// parsed.
fn read_document(
    abs: &Path,
    rel: String,
    handbook_root: &HandbookRoot,
    config: &Config,
    read_nanos: &AtomicU64,
) -> Option<docket_model::Document> {
    let limit = config.limits.max_document_bytes;
    let started = Instant::now();
    let read = read_at_most(abs, limit);
    let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
    read_nanos.fetch_add(nanos, Ordering::Relaxed);
    let (text, problem) = match read {
        Ok(Read::Whole(bytes)) => match String::from_utf8(bytes) {
            Ok(text) => (text, None),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                let msg = format!("file is not valid UTF-8 (first bad byte at offset {at})");
                (text, Some((at..at + 1, msg)))
            }
        },
        Ok(Read::TooLarge(size)) => return too_large(rel, handbook_root, config, size),
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

/// What [`read_at_most`] found.
enum Read {
    /// The whole file.
    Whole(Vec<u8>),
    /// A file of this many bytes (at least), over the limit: not read.
    TooLarge(u64),
}

/// The bytes of the file at `abs`, unless it holds more than `limit`: its size
/// from its metadata, and never more than `limit + 1` bytes read (a file that
/// grows in the meantime is caught too).
fn read_at_most(abs: &Path, limit: u64) -> std::io::Result<Read> {
    use std::io::Read as _;
    let file = std::fs::File::open(abs)?;
    let size = file.metadata()?.len();
    if size > limit {
        return Ok(Read::TooLarge(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    let read = bytes.len() as u64;
    if read > limit {
        return Ok(Read::TooLarge(read));
    }
    Ok(Read::Whole(bytes))
}

/// The document of a file over the size limit: nothing of it parsed, one
/// `unreadable-file` finding at its start with its size and the limit (`None` for
/// a file that is no document, which `load` never reads).
fn too_large(
    rel: String,
    handbook_root: &HandbookRoot,
    config: &Config,
    size: u64,
) -> Option<docket_model::Document> {
    let limit = config.limits.max_document_bytes;
    let mut doc = parse_file(rel, handbook_root, String::new(), config)?;
    let message = format!(
        "file is {size} bytes ({}), over the limit of {limit} bytes ({}); docket did not read it",
        bytes_shown(size),
        bytes_shown(limit),
    );
    doc.problems = vec![
        ParseProblem::new(Problem::UnreadableFile, &doc.path, 0..0, message).with_help(
            "raise `max_document_bytes` under `[limits]` in docket.toml, or leave the file out with `exclude`",
        ),
    ];
    doc.broken = true;
    Some(doc)
}
