//! The driver: everything between the command line and the pure crates.
//!
//! [`load`] finds the repository root from any folder in it, reads `docket.toml`,
//! walks the handbook root (honouring `.gitignore`, never following a symbolic link
//! out of the repository), reads and parses every file in parallel, and returns a
//! [`Workspace`]. [`check`] runs the rules on it.
//!
//! Architecture invariant: the driver does IO but never prints and never reads the
//! clock or the environment; the command line passes `now` in. Errors here mean the
//! command could not run (exit 2); problems with documents are diagnostics.

mod walk;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use docket_diagnostics::{Diagnostic, SourceMap};
use docket_model::time::Time;
use docket_model::{
    Config, FileRole, ParseProblem, Problem, Repository, classify, handbook_relative, parse_file,
};
use rayon::prelude::*;

/// The command could not run.
#[derive(Debug, thiserror::Error)]
pub enum DriverError {
    /// PATH does not exist or is not readable.
    #[error("cannot read `{path}`: {source}")]
    Unreadable {
        /// The path.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// docket.toml is invalid.
    #[error("{path}:{line}:{column}: {message}")]
    Config {
        /// docket.toml's path as given to the user.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// `--changed-since` needs git, or git failed.
    #[error("{0}")]
    Git(String),
    /// A file could not be written.
    #[error("cannot write `{path}`: {source}")]
    Unwritable {
        /// The path.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The handbook root does not exist.
    #[error(
        "the handbook root `{root}` does not exist in {repo}; create it or set `root` in docket.toml"
    )]
    NoHandbook {
        /// The configured root.
        root: String,
        /// The repository root.
        repo: String,
    },
}

/// A loaded repository.
#[derive(Debug)]
pub struct Workspace {
    /// The repository root on disk.
    pub root: PathBuf,
    /// The parsed handbook.
    pub repo: Repository,
    /// Things the user should know that are not findings about a file (shallow clone,
    /// not a git repository), for the command line to print as warnings.
    pub notes: Vec<String>,
}

/// Reads git history into the workspace (`repo.history`), from the cache when HEAD
/// has not moved. Outside git, or in a shallow clone, says so in `notes`; dates then
/// come from the front matter.
pub fn load_history(ws: &mut Workspace) {
    match docket_git::open(&ws.root) {
        docket_git::Opened::NotGit => ws.notes.push(
            "not a git repository: history, authors and dates come from front matter only".into(),
        ),
        docket_git::Opened::Repo(git) => {
            if !git.has_commits() {
                return;
            }
            // Git speaks in paths relative to its working tree.
            let prefix = prefix_of(&ws.root, &git.workdir).unwrap_or_default();
            let decisions: BTreeSet<String> = ws
                .repo
                .decisions()
                .map(|(d, _)| format!("{prefix}{}", d.path))
                .collect();
            let root = git_relative_root(&ws.root, &git.workdir, &ws.repo.handbook_root);
            match git.history(&root, &decisions) {
                Ok(mut history) => {
                    if history.shallow {
                        ws.notes.push("history is shallow: dates of the oldest changes are missing and fall back to front matter; `fetch-depth: 0` (GitHub Actions) or `git fetch --unshallow` gives full dates".into());
                    }
                    // Paths from git are relative to its working tree; docket's are
                    // relative to the repository root it found (the same folder unless
                    // docket.toml sits below the git root).
                    if let Some(prefix) = prefix_of(&ws.root, &git.workdir) {
                        history.files = history
                            .files
                            .into_iter()
                            .filter_map(|(k, v)| {
                                k.strip_prefix(&prefix).map(|s| (s.to_string(), v))
                            })
                            .collect();
                    }
                    ws.repo.history = history;
                }
                Err(e) => ws.notes.push(format!(
                    "cannot read git history ({e}); dates come from front matter"
                )),
            }
        }
    }
}

/// Reads what the change since `reference` touches into `ws.repo.changes`
/// (`--changed-since`): changed files, their base versions, and the decision files of
/// other branches (for `number-collision`).
pub fn load_changes(ws: &mut Workspace, reference: &str) -> Result<(), DriverError> {
    let git = match docket_git::open(&ws.root) {
        docket_git::Opened::Repo(git) => git,
        docket_git::Opened::NotGit => {
            return Err(DriverError::Git(format!(
                "--changed-since {reference} needs a git repository, and {} is not in one",
                ws.root.display()
            )));
        }
    };
    if !git.has_commits() {
        return Err(DriverError::Git(
            "--changed-since needs at least one commit".into(),
        ));
    }
    if git.is_shallow() {
        ws.notes.push("history is shallow: the merge base may be missing; `fetch-depth: 0` (GitHub Actions) or `git fetch --unshallow` fixes it".into());
    }
    let prefix = prefix_of(&ws.root, &git.workdir).unwrap_or_default();
    let root = git_relative_root(&ws.root, &git.workdir, &ws.repo.handbook_root);
    let changes = git
        .changes(reference, &root)
        .map_err(|e| DriverError::Git(e.to_string()))?;
    let local = |p: &str| p.strip_prefix(&prefix).map(str::to_string);
    let decisions_folder = ws
        .repo
        .join(&ws.repo.config.kind_path(docket_model::Kind::Decision));
    let branch_files = git
        .branch_decisions(&format!("{prefix}{decisions_folder}"))
        .map_err(|e| DriverError::Git(e.to_string()))?
        .into_iter()
        .filter_map(|f| Some((f.branch, local(&f.path)?)))
        .collect();
    ws.repo.changes = Some(docket_model::ChangeSet {
        reference: reference.to_string(),
        changed: changes.changed.iter().filter_map(|p| local(p)).collect(),
        base_text: changes
            .base_text
            .into_iter()
            .filter_map(|(p, t)| Some((local(&p)?, t)))
            .collect(),
        base_files: changes.base_files.iter().filter_map(|p| local(p)).collect(),
        branch_files,
    });
    Ok(())
}

/// Moves decision `from` to number `to` on disk and rewrites every reference to it
/// (see [`docket_model::plan_renumber`]). Every new text is computed before anything
/// is written; each file is replaced through a temporary file beside it.
pub fn renumber(
    ws: &Workspace,
    from: u32,
    to: u32,
) -> Result<docket_model::RenumberPlan, DriverError> {
    let plan = docket_model::plan_renumber(&ws.repo, from, to)
        .map_err(|e| DriverError::Git(e.to_string()))?;
    let target = ws.root.join(&plan.to_path);
    if target.exists() {
        return Err(DriverError::Git(format!(
            "`{}` already exists",
            plan.to_path
        )));
    }
    let mut writes = Vec::new();
    for (path, edits) in &plan.edits {
        let Some(doc) = ws.repo.document(path) else {
            continue;
        };
        writes.push((
            ws.root.join(path),
            docket_model::apply_edits(&doc.text, edits),
        ));
    }
    for (path, text) in writes {
        let tmp = path.with_extension("docket-tmp");
        std::fs::write(&tmp, text)
            .and_then(|()| std::fs::rename(&tmp, &path))
            .map_err(|source| DriverError::Unreadable {
                path: path.clone(),
                source,
            })?;
    }
    std::fs::rename(ws.root.join(&plan.from_path), &target).map_err(|source| {
        DriverError::Unreadable {
            path: target.clone(),
            source,
        }
    })?;
    Ok(plan)
}

/// Reads the decisions that other local and remote-tracking branches add and this
/// checkout does not have (by file name) into `ws.repo.pending`, so the decision
/// index can show them as pending. Outside git it does nothing.
pub fn load_pending(ws: &mut Workspace) {
    let docket_git::Opened::Repo(git) = docket_git::open(&ws.root) else {
        return;
    };
    if !git.has_commits() {
        return;
    }
    let prefix = prefix_of(&ws.root, &git.workdir).unwrap_or_default();
    let folder = ws
        .repo
        .join(&ws.repo.config.kind_path(docket_model::Kind::Decision));
    let Ok(files) = git.branch_decisions(&format!("{prefix}{folder}")) else {
        return;
    };
    let local: BTreeSet<&str> = ws.repo.decisions().map(|(d, _)| d.file_name()).collect();
    let mut seen = BTreeSet::new();
    let mut pending = Vec::new();
    for f in files {
        let name = f.path.rsplit('/').next().unwrap_or(&f.path).to_string();
        if local.contains(name.as_str()) || !name.ends_with(".md") || !seen.insert(name) {
            continue;
        }
        let Some(text) = git.branch_text(&f.branch, &f.path) else {
            continue;
        };
        let Some(rel) = f.path.strip_prefix(&prefix) else {
            continue;
        };
        let Some(doc) = parse_file(
            rel.to_string(),
            &ws.repo.handbook_root,
            text,
            &ws.repo.config,
        ) else {
            continue;
        };
        let Some(d) = doc.decision() else { continue };
        if is_index_page(&doc) {
            continue;
        }
        pending.push(docket_model::PendingDecision {
            branch: f.branch,
            path: rel.to_string(),
            title: doc.title(),
            status: d.status.as_ref().map(|s| s.value.clone()),
            owner: d.owner.as_ref().map(|s| s.value.clone()),
        });
    }
    ws.repo.pending = pending;
}

fn is_index_page(doc: &docket_model::Document) -> bool {
    matches!(
        doc.file_name().to_ascii_lowercase().as_str(),
        "readme.md" | "index.md"
    )
}

/// The meeting inventory as it stood at `when` (from git), for the rollout target
/// "meetings per person per week down 30% in 90 days". `None` outside git or when
/// the inventory did not exist then.
pub fn meetings_at(
    ws: &Workspace,
    when: docket_model::time::Time,
) -> Option<Vec<docket_model::Meeting>> {
    let docket_git::Opened::Repo(git) = docket_git::open(&ws.root) else {
        return None;
    };
    let prefix = prefix_of(&ws.root, &git.workdir).unwrap_or_default();
    let rel = ws
        .repo
        .join(&ws.repo.config.kind_path(docket_model::Kind::Meetings));
    let text = git.text_at(&format!("{prefix}{rel}"), when.as_second())?;
    let doc = parse_file(rel, &ws.repo.handbook_root, text, &ws.repo.config)?;
    match doc.data {
        docket_model::Data::Meetings(list) => Some(list),
        _ => None,
    }
}

/// The metrics dashboard for the site: the figures of `docket metrics` and the
/// charts, computed at the time of the newest change the repository holds (the
/// newest commit or the newest date in the documents, whichever is later), so that
/// the same input gives the same page on any day.
pub fn dashboard(ws: &Workspace) -> docket_site::Dashboard {
    use docket_check::metrics;
    use docket_site::svg::{Chart, ChartKind};
    let newest_commit = ws
        .repo
        .history
        .files
        .values()
        .filter_map(|h| h.updated())
        .map(|c| c.time)
        .max();
    let newest_date = ws
        .repo
        .decisions()
        .flat_map(|(_, d)| [d.date.as_ref(), d.decided.as_ref()])
        .flatten()
        .map(|t| t.value)
        .chain(docket_model::blockers::newest_update(&ws.repo))
        .max();
    // The later of the two: a handbook may hold updates dated after its last commit,
    // and the blocker ages must not read as younger here than on the updates page.
    let reference = newest_commit.max(newest_date).unwrap_or_default();
    let snapshots: Vec<_> = (0..13)
        .rev()
        .map(|w| docket_model::time::add_seconds(reference, -w * 7 * 86_400))
        .filter_map(|t| Some((t, meetings_at(ws, t)?)))
        .collect();
    let before = meetings_at(ws, metrics::baseline_time(reference));
    let m = metrics::metrics(&ws.repo, reference, before.as_deref());
    let s = metrics::series(&ws.repo, reference, &snapshots);
    let chart =
        |id: &str, title: &str, x: &str, y: &str, kind, series: Vec<(&str, Vec<(String, f64)>)>| {
            Chart {
                id: id.into(),
                title: title.into(),
                x_label: x.into(),
                y_label: y.into(),
                kind,
                series: series
                    .into_iter()
                    .map(|(n, v)| (n.to_string(), v))
                    .collect(),
            }
        };
    let mut charts = vec![
        chart(
            "per-week",
            "Decisions opened and decided per week",
            "week starting",
            "decisions",
            ChartKind::Bars,
            vec![
                ("opened", s.opened_per_week),
                ("decided", s.decided_per_week),
            ],
        ),
        chart(
            "time-to-decide",
            "Median time to decide",
            "week starting",
            "hours",
            ChartKind::Line,
            vec![("median hours", s.median_hours_per_week)],
        ),
        chart(
            "deadlines",
            "Open decisions against their deadlines",
            "decision",
            "hours left (negative: overdue)",
            ChartKind::Bars,
            vec![("hours left", s.open_deadlines)],
        ),
        chart(
            "blockers",
            "Age of open blockers",
            "person",
            "hours open",
            ChartKind::Bars,
            vec![("hours open", s.blocker_ages)],
        ),
        chart(
            "meetings",
            "Meetings per person per week, last 90 days",
            "week",
            "meetings",
            ChartKind::Line,
            vec![("meetings", s.meetings_per_week)],
        ),
    ];
    charts.retain(|c| c.series.iter().any(|(_, v)| !v.is_empty()) || c.id == "per-week");
    docket_site::Dashboard {
        metrics: serde_json::to_value(&m).unwrap_or_default(),
        reference: docket_model::time::format_date(reference),
        charts,
    }
}

/// Keeps only the findings about files the change touches (`--changed-since`).
pub fn only_changed(report: &mut Report, changes: &docket_model::ChangeSet) {
    report.diagnostics.retain(|d| changes.touches(&d.file));
}

/// `root` relative to git's working tree, with a trailing `/`, when it is below it.
fn prefix_of(root: &Path, workdir: &Path) -> Option<String> {
    let workdir = workdir.canonicalize().ok()?;
    let rel = root.strip_prefix(&workdir).ok()?;
    let s = rel.to_string_lossy().replace('\\', "/");
    (!s.is_empty()).then(|| format!("{s}/"))
}

/// The handbook root relative to git's working tree.
fn git_relative_root(root: &Path, workdir: &Path, handbook_root: &str) -> String {
    let prefix = prefix_of(root, workdir).unwrap_or_default();
    format!("{prefix}{handbook_root}")
        .trim_end_matches('/')
        .to_string()
}

/// The result of `docket check`.
#[derive(Debug)]
pub struct Report {
    /// Every finding, severities applied.
    pub diagnostics: Vec<Diagnostic>,
    /// How many files were checked.
    pub files: usize,
}

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
        config.root = handbook.to_string();
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
    let handbook = if config.root == "." {
        root.clone()
    } else {
        root.join(&config.root)
    };
    if !handbook.is_dir() {
        return Err(DriverError::NoHandbook {
            root: config.root.clone(),
            repo: root.display().to_string(),
        });
    }
    let walked = walk::walk(&root, &handbook);
    let handbook_root = if config.root == "." {
        String::new()
    } else {
        config.root.clone()
    };
    let documents: Vec<_> = walked
        .files
        .par_iter()
        .filter(|file| {
            let hp = handbook_relative(&file.rel, &handbook_root).unwrap_or("");
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

/// Plans `docket import` for the decision records under `start` (the repository
/// root, a folder or one file; see [`docket_model::plan_import`]).
pub fn plan_import(
    ws: &Workspace,
    from: Option<docket_model::Legacy>,
    start: &Path,
) -> docket_model::ImportPlan {
    let within = start
        .canonicalize()
        .ok()
        .and_then(|s| {
            s.strip_prefix(&ws.root)
                .ok()
                .map(|r| r.to_string_lossy().replace('\\', "/"))
        })
        .unwrap_or_default();
    docket_model::plan_import(&ws.repo, from, &within)
}

/// Writes what an import plan changes: each record, then the roster when people are
/// added. Each file is written to a temporary file beside it and renamed over it, so
/// a reader never sees half a file.
pub fn write_import(ws: &Workspace, plan: &docket_model::ImportPlan) -> Result<(), DriverError> {
    for r in &plan.records {
        write_atomically(&ws.root.join(&r.path), &r.after)?;
    }
    if let Some(roster) = &plan.roster_after {
        let path = ws.root.join(&plan.roster_path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| DriverError::Unwritable {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        write_atomically(&path, roster)?;
    }
    Ok(())
}

/// Writes `text` to a temporary file in `path`'s folder, then renames it over `path`.
fn write_atomically(path: &Path, text: &str) -> Result<(), DriverError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.docket-tmp"));
    let result = std::fs::write(&tmp, text).and_then(|()| std::fs::rename(&tmp, path));
    if let Err(source) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(DriverError::Unwritable {
            path: path.to_path_buf(),
            source,
        });
    }
    Ok(())
}

/// Reads and parses one file; a file that cannot be read or is not UTF-8 is still a
/// document (with what could be read) carrying an `unreadable-file` finding.
fn read_document(
    abs: &Path,
    rel: String,
    handbook_root: &str,
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

/// Runs the rules.
pub fn check(ws: &Workspace, now: Time) -> Report {
    Report {
        diagnostics: docket_check::check(&ws.repo, now),
        files: ws.repo.documents.len(),
    }
}

/// Builds the site into `out` (see [`docket_site::build`]); `progress` is called with
/// (pages done, pages total).
pub fn build(
    ws: &Workspace,
    out: &Path,
    options: &docket_site::SiteOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<docket_site::BuildSummary, docket_site::SiteError> {
    docket_site::build(&ws.repo, &ws.root, out, options, progress)
}

/// The texts of a repository's documents, for renderers.
pub struct Sources<'a>(pub &'a Repository);

impl SourceMap for Sources<'_> {
    fn source(&self, file: &str) -> Option<&str> {
        self.0.document(file).map(|d| d.text.as_str())
    }
}
