//! The jobs: one function per command, each the whole pipeline of that command
//! (load → git → check → compute → render or write), returning plain results for the
//! command line to print. A command calls one job (`init` two: it writes its scaffold
//! between them), so two commands that show the same thing (`docket build` and the
//! `docket serve` preview) cannot drift apart (STYLE habit 19).
//!
//! Each job opens the git repository at most once (`git::GitRepo`) and passes it to
//! every step that reads from git.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use crate::timings::{self, Timings};
use std::path::{Path, PathBuf};

use docket_diagnostics::Counts;
use docket_model::graph::{Graph, supersession_graph};
use docket_model::time::Time;
use docket_model::{
    Config, DecisionId, IdScheme, ImportPlan, Kind, KindFolder, Legacy, Meeting, RenumberPlan,
};

use crate::error::DriverError;
use crate::git::GitRepo;
use crate::journal::Recovered;
use crate::scope::Scope;
use crate::workspace::{Report, Workspace};
use crate::{dashboard, decision_index, edit, forge, journal, load, write};

/// What [`check`] found.
#[derive(Debug)]
pub struct Checked {
    /// The loaded handbook (its `notes` are for the user; its texts are the sources
    /// the diagnostics point into).
    pub ws: Workspace,
    /// The findings, severities applied; with `--changed-since`, only those about
    /// files the change touches; with paths, only those about the files named. Its
    /// `files` counts the files checked.
    pub report: Report,
    /// The files and folders the report is limited to.
    pub scope: Scope,
    /// How many files the handbook has, all of them read.
    pub handbook_files: usize,
}

/// `docket check`: load the repository that holds `start`, read what the change
/// since `changed_since` touches (when given), run the rules on everything, and keep
/// the findings about `only` (files and folders; empty or the repository root: all).
pub fn check(
    start: &Path,
    only: &[PathBuf],
    changed_since: Option<&str>,
    sources: Option<&Path>,
    now: Time,
) -> Result<Checked, DriverError> {
    let mut ws = load::load(start)?;
    load_sources(&mut ws, sources);
    forge::load(&mut ws, None);
    let scope = Scope::new(&ws.root, only)?;
    let git = GitRepo::open(&ws);
    if let Some(reference) = changed_since {
        git.load_changes(&mut ws, reference)?;
    }
    // Approvals (`unapproved-decision`) match the commit where a status changed
    // with the export's pull requests: with an export, the history is needed.
    if ws.repo.forge.as_ref().is_some_and(|f| !f.pulls.is_empty()) {
        git.load_history(&mut ws);
    }
    let started = Instant::now();
    let mut report = run_rules(&ws, now);
    ws.timings.record(
        "check",
        started.elapsed(),
        timings::count(report.diagnostics.len(), "finding"),
    );
    let handbook_files = report.files;
    if let Some(changes) = &ws.repo.changes {
        report.diagnostics.retain(|d| changes.touches(&d.file));
    }
    if !scope.is_everything() {
        report.diagnostics.retain(|d| scope.contains(&d.file));
        report.files = ws
            .repo
            .documents
            .iter()
            .filter(|d| scope.contains(&d.path))
            .count();
        let files: Vec<&str> = ws.repo.documents.iter().map(|d| d.path.as_str()).collect();
        let notes: Vec<String> = scope
            .unmatched(&files)
            .into_iter()
            .map(|path| {
                format!(
                    "`{path}` holds no document of the handbook (`{}`), so nothing was checked there",
                    ws.repo.config.root
                )
            })
            .collect();
        ws.notes.extend(notes);
    }
    Ok(Checked {
        ws,
        report,
        scope,
        handbook_files,
    })
}

/// How [`build`] builds.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The output folder (default: `site` in the repository root).
    pub out: Option<PathBuf>,
    /// Absolute base URL for the sitemap and feed (overrides `[site] base_url`).
    pub base_url: Option<String>,
    /// Write nothing when the check finds errors.
    pub strict: bool,
    /// List decisions proposed on other branches as pending.
    pub branches: bool,
    /// The pull-request export (`--forge`; overrides `[forge] pulls`).
    pub forge: Option<PathBuf>,
}

/// What [`build`] did.
#[derive(Debug)]
pub struct Built {
    /// The loaded handbook, with its history.
    pub ws: Workspace,
    /// Every finding of the check, severities applied.
    pub report: Report,
    /// What became of the site.
    pub site: Site,
}

/// What became of the site in a [`build`].
#[derive(Debug)]
pub enum Site {
    /// The site was written.
    Written(docket_site::BuildSummary),
    /// `strict` and the check found errors: nothing was written.
    Refused,
    /// The site could not be built (a broken template, an unsafe or unwritable
    /// output folder); what was there before is untouched.
    Failed(docket_site::SiteError),
}

/// `docket build`, and every rebuild of `docket serve`: load, read history and the
/// decisions of other branches, check, compute the metrics dashboard, render the
/// site. `progress` is called with (pages done, pages total).
pub fn build(
    start: &Path,
    options: &BuildOptions,
    now: Time,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Built, DriverError> {
    let mut ws = load::load(start)?;
    load_sources(&mut ws, None);
    forge::load(&mut ws, options.forge.as_deref());
    let git = GitRepo::open(&ws);
    read_git(&mut ws, &git, options.branches);
    let started = Instant::now();
    let report = run_rules(&ws, now);
    ws.timings.record(
        "check",
        started.elapsed(),
        timings::count(report.diagnostics.len(), "finding"),
    );
    if options.strict && Counts::of(&report.diagnostics).errors > 0 {
        return Ok(Built {
            ws,
            report,
            site: Site::Refused,
        });
    }
    let out = options.out.clone().unwrap_or_else(|| ws.root.join("site"));
    let site_options = site_options(&ws, &git, options.base_url.clone());
    let started = Instant::now();
    let site = match docket_site::build(&ws.repo, &ws.root, &out, &site_options, progress) {
        Ok(summary) => {
            site_timings(&mut ws.timings, &summary, started.elapsed());
            Site::Written(summary)
        }
        Err(e) => Site::Failed(e),
    };
    Ok(Built { ws, report, site })
}

/// Reads what git says (each document's history, and with `branches` the decisions
/// proposed on other branches) into `ws`, timing each.
fn read_git(ws: &mut Workspace, git: &GitRepo, branches: bool) {
    let started = Instant::now();
    git.load_history(ws);
    let files = ws.repo.history.files.len();
    let walked = match &ws.history_walk {
        Some(s) if s.from_cache && s.commits_walked == 0 => "; from the cache".to_string(),
        Some(s) if s.from_cache => format!(
            "; {} walked, the rest from the cache",
            timings::count(s.commits_walked, "commit")
        ),
        Some(s) => format!("; {} walked", timings::count(s.commits_walked, "commit")),
        None => String::new(),
    };
    ws.timings.record(
        "history",
        started.elapsed(),
        format!("{files} files{walked}"),
    );
    if branches {
        let started = Instant::now();
        git.load_pending(ws);
        let pending = ws.repo.pending.len();
        ws.timings.record(
            "other branches",
            started.elapsed(),
            format!("{pending} pending decisions"),
        );
    }
}

/// What the site is built with: the base URL, and the dashboard from the
/// repository and its history.
fn site_options(
    ws: &Workspace,
    git: &GitRepo,
    base_url: Option<String>,
) -> docket_site::SiteOptions {
    site_options_with(ws, &|t| git.meetings_at(ws, t), base_url)
}

/// [`site_options`] with the meeting inventory at a time from `meetings_at`.
fn site_options_with(
    ws: &Workspace,
    meetings_at: &dyn Fn(Time) -> Option<Vec<Meeting>>,
    base_url: Option<String>,
) -> docket_site::SiteOptions {
    docket_site::SiteOptions {
        base_url,
        dashboard: Some(dashboard::dashboard(ws, meetings_at)),
        hub: ws.hub.clone(),
        related: None,
    }
}

/// The meeting inventory at each time the dashboard asked for, read from git once:
/// an edit makes no commit, so what git held then does not change while a preview
/// runs.
type MeetingsSeen = Mutex<HashMap<i64, Option<Vec<Meeting>>>>;

/// A handbook ready to be shown page by page (`docket serve`): what [`build`]
/// computes before it renders.
#[derive(Debug)]
pub struct Preview {
    /// The loaded handbook, with its history.
    pub ws: Workspace,
    /// Every finding of the check, severities applied (after [`refresh`], the
    /// findings of before the change until [`recheck`] is run).
    pub report: Report,
    /// What the site is built with (no base URL: the preview serves from `/`).
    pub site_options: docket_site::SiteOptions,
    meetings: MeetingsSeen,
    /// Each record's counted words for its related records, kept between reloads.
    related: Arc<docket_site::RelatedCounts>,
}

impl Preview {
    /// The dashboard of `ws`, the meeting inventories from git read only once.
    fn options(
        ws: &Workspace,
        git: &GitRepo,
        meetings: &MeetingsSeen,
        related: &Arc<docket_site::RelatedCounts>,
    ) -> docket_site::SiteOptions {
        let at = |t: Time| {
            let key = t.as_second();
            if let Some(seen) = meetings.lock().ok().and_then(|m| m.get(&key).cloned()) {
                return seen;
            }
            let found = git.meetings_at(ws, t);
            if let Ok(mut m) = meetings.lock() {
                m.insert(key, found.clone());
            }
            found
        };
        docket_site::SiteOptions {
            related: Some(Arc::clone(related)),
            ..site_options_with(ws, &at, None)
        }
    }
}

/// `docket serve`'s first load, and its reload after `docket.toml` or a template
/// changed: load, read history and the decisions of other branches, check, compute
/// the dashboard, as [`build`] does, and render nothing.
pub fn preview(start: &Path, now: Time, branches: bool) -> Result<Preview, DriverError> {
    let mut ws = load::load(start)?;
    load_sources(&mut ws, None);
    forge::load(&mut ws, None);
    let git = GitRepo::open(&ws);
    read_git(&mut ws, &git, branches);
    let report = run_rules(&ws, now);
    let meetings = MeetingsSeen::default();
    let related = Arc::default();
    let site_options = Preview::options(&ws, &git, &meetings, &related);
    Ok(Preview {
        ws,
        report,
        site_options,
        meetings,
        related,
    })
}

/// `preview` after the files at `changed` (absolute paths in the handbook) changed:
/// the documents among them read again, every other document kept, the history and
/// other branches kept (an edit makes no commit), and the dashboard computed again.
/// The findings are not: [`recheck`] finds them, and the preview runs it beside
/// preparing the pages.
pub fn refresh(preview: Preview, changed: &[PathBuf]) -> Preview {
    let ws = load::reload(preview.ws, changed);
    let site_options = Preview::options(
        &ws,
        &GitRepo::open(&ws),
        &preview.meetings,
        &preview.related,
    );
    Preview {
        ws,
        report: preview.report,
        site_options,
        meetings: preview.meetings,
        related: preview.related,
    }
}

/// The findings of the rules on `ws` at `now`, severities applied.
pub fn recheck(ws: &Workspace, now: Time) -> Report {
    run_rules(ws, now)
}

/// The site's phases: preparing, rendering and writing pages (thread time summed
/// over workers, inside the pages' wall time), and the swap.
fn site_timings(t: &mut Timings, s: &docket_site::BuildSummary, total: std::time::Duration) {
    let w = &s.written;
    t.record("prepare", s.prepare_time, "");
    let pages = total.saturating_sub(s.prepare_time + w.swap);
    t.record(
        "render + write",
        pages,
        format!(
            "{} pages, {} files, {}; thread time: render {}, write {} ({} unchanged files linked, {} of them reused without rendering)",
            s.pages,
            w.files,
            timings::bytes(w.bytes),
            timings::seconds(s.render_time),
            timings::seconds(w.time),
            w.linked,
            w.reused
        ),
    );
    t.record("swap", w.swap, "");
}

/// A result, and what the user should know about how it was found (a missing or
/// broken pull-request export), for the command line to print as notes.
#[derive(Debug)]
pub struct Noted<T> {
    /// The result.
    pub value: T,
    /// Notes for standard error.
    pub notes: Vec<String>,
}

/// `docket status`: what is overdue at `now`, and with a pull-request export
/// (`forge` overrides `[forge] pulls`) the pull requests waiting for a reply.
pub fn status(
    start: &Path,
    now: Time,
    forge: Option<&Path>,
) -> Result<Noted<docket_check::status::Status>, DriverError> {
    let mut ws = load::load(start)?;
    forge::load(&mut ws, forge);
    Ok(Noted {
        value: docket_check::status::status(&ws.repo, now),
        notes: ws.notes,
    })
}

/// `docket metrics`: the figures of SPEC §10 at `now`, the meeting inventory of 90
/// days before read from git; with a pull-request export (`forge` overrides
/// `[forge] pulls`), the reply figures, and the history that approvals need.
pub fn metrics(
    start: &Path,
    now: Time,
    forge: Option<&Path>,
) -> Result<Noted<docket_check::metrics::Metrics>, DriverError> {
    use docket_check::metrics::{baseline_time, metrics};
    let mut ws = load::load(start)?;
    forge::load(&mut ws, forge);
    let git = GitRepo::open(&ws);
    if ws.repo.forge.is_some() {
        git.load_history(&mut ws);
    }
    let before = git.meetings_at(&ws, baseline_time(now));
    Ok(Noted {
        value: metrics(&ws.repo, now, before.as_deref()),
        notes: ws.notes,
    })
}

/// `docket graph`: the supersession graph, without unlinked decisions when `linked`.
pub fn graph(start: &Path, linked: bool) -> Result<Graph, DriverError> {
    let ws = load::load(start)?;
    let graph = supersession_graph(&ws.repo);
    Ok(if linked { graph.linked_only() } else { graph })
}

/// `docket schema`: the JSON Schema of the front matter of the kind named `name`
/// (a built-in kind, or one the repository's `docket.toml` declares), as that
/// docket.toml shapes it (defaults outside a repository).
pub fn schema(start: &Path, name: &str) -> Result<serde_json::Value, DriverError> {
    let root = load::find_root(start)?;
    let config = load::read_config(&root)?;
    let kind = config.resolve_kind(name, &Kind::ALL)?;
    Ok(docket_model::schema::json_schema(kind, &config))
}

/// What [`index`] does with the decision index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexMode {
    /// Compare only (`docket index --check`).
    Check,
    /// Write it unless it is current (`docket index`).
    Update,
    /// Write it only when there is no file yet, and never replace one (`docket
    /// init`); an existing file is compared as with [`IndexMode::Check`].
    Create,
}

/// What [`index`] found or did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexState {
    /// The index says what it should.
    Current,
    /// There is no index ([`IndexMode::Check`]).
    Missing,
    /// The index is out of date ([`IndexMode::Check`], [`IndexMode::Create`]).
    Stale,
    /// The index was written.
    Written,
}

/// The result of [`index`].
#[derive(Debug, Clone)]
pub struct Indexed {
    /// The index's path, repository-relative.
    pub path: String,
    /// How many decisions it lists.
    pub decisions: usize,
    /// What was found or done.
    pub state: IndexState,
}

/// `docket index`: the decision index (`README.md` in the decisions folder) rendered
/// from the records, compared with the file and written as `mode` says.
pub fn index(start: &Path, mode: IndexMode) -> Result<Indexed, DriverError> {
    let ws = load::load(start)?;
    let rel = decision_index::index_path(&ws.repo);
    let path = ws.root.join(&rel);
    let wanted = decision_index::render(&ws.repo);
    let current = match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(reason) => return Err(DriverError::Unreadable { path, reason }),
    };
    let fresh = current
        .as_deref()
        .is_some_and(|c| c.replace("\r\n", "\n") == wanted);
    let state = if fresh {
        IndexState::Current
    } else {
        match (mode, current.is_some()) {
            (IndexMode::Check, false) => IndexState::Missing,
            (IndexMode::Check | IndexMode::Create, true) => IndexState::Stale,
            // `create` leaves a file alone that appeared since it was read.
            (IndexMode::Create, false) => match write::create(&path, &wanted)? {
                true => IndexState::Written,
                false => IndexState::Stale,
            },
            (IndexMode::Update, _) => {
                write::replace(&path, &wanted)?;
                IndexState::Written
            }
        }
    };
    Ok(Indexed {
        path: rel,
        decisions: ws.repo.records_of(Kind::Decision).count(),
        state,
    })
}

/// What [`prepare_init`] gives `docket init`.
#[derive(Debug)]
pub struct InitContext {
    /// The repository root.
    pub root: PathBuf,
    /// Its `docket.toml` (defaults when there is none).
    pub config: Config,
    /// The handbook already there, when it loads (its roster names the charter's
    /// owner).
    pub existing: Option<Workspace>,
}

/// `docket init`: the repository root that holds `start`, its `docket.toml` (a
/// broken one stops here, before anything is written) and the handbook already
/// there, if any. The scaffold is written by the command line; the decision index
/// last, by [`index`] with [`IndexMode::Create`].
pub fn prepare_init(start: &Path) -> Result<InitContext, DriverError> {
    let root = load::find_root(start)?;
    let config = load::read_config(&root)?;
    let existing = load::load(&root).ok();
    Ok(InitContext {
        root,
        config,
        existing,
    })
}

/// The built-in kinds `docket new` writes (besides the record kinds docket.toml
/// declares).
pub const NEW_KINDS: [Kind; 3] = [Kind::Decision, Kind::Brief, Kind::Update];

/// What [`prepare_new`] gives `docket new`.
#[derive(Debug)]
pub struct NewContext {
    /// The loaded handbook.
    pub ws: Workspace,
    /// The kind to write: one of [`NEW_KINDS`] or a kind docket.toml declares.
    pub kind: Kind,
    /// The folders a document of the kind may go in: one, or several (a list or
    /// a glob in docket.toml) for the command line to choose from.
    pub folders: Vec<KindFolder>,
}

/// `docket new`, first step: the handbook a new document goes into, the kind
/// `name` names (an error with the kinds known and the one meant otherwise), and
/// the folders it may go in. The command line chooses the folder (`--in`, or by
/// asking), then asks [`next_id`].
pub fn prepare_new(start: &Path, name: &str) -> Result<NewContext, DriverError> {
    let ws = load::load(start)?;
    let kind = ws.repo.config.resolve_kind(name, &NEW_KINDS)?;
    let folders = ws.repo.folders_of(kind);
    Ok(NewContext { ws, kind, folders })
}

/// `docket new`, second step: the next free id of a record in `folder`, one
/// more than the highest here or on another local or remote-tracking branch, in
/// that folder only (numbers are per folder). For `id = "number"` the number of
/// the file name; for a key (`id = "eip"`) the key's number, unless the kind's
/// ids there are text, not numbers. `None` for stem ids and for kinds that are no
/// records.
pub fn next_id(ctx: &NewContext, folder: &KindFolder) -> Option<u32> {
    let repo = &ctx.ws.repo;
    let kind = ctx.kind;
    if !kind.is_record() {
        return None;
    }
    let scheme = repo.config.id_scheme_of(kind);
    if scheme == IdScheme::Stem {
        return None;
    }
    let mut numbers = Vec::new();
    let mut text = false;
    for (_, d) in repo.records_of(kind) {
        if d.folder != folder.label {
            continue;
        }
        match &d.id {
            Some(DecisionId::Number(n)) => numbers.push(*n),
            Some(DecisionId::Stem(_)) => text = true,
            None => {}
        }
    }
    if text && numbers.is_empty() && matches!(scheme, IdScheme::Key(_)) {
        return None;
    }
    numbers.extend(GitRepo::open(&ctx.ws).branch_numbers(&ctx.ws, kind, &folder.path));
    Some(numbers.into_iter().max().map_or(1, |n| n.saturating_add(1)))
}

/// Every command, before anything else: finishes the change an interrupted `docket
/// renumber` or `docket import` left in the repository that holds `start` (its
/// journal; see `journal.rs`), and says what it did. `None` when there was none,
/// or when `start` leads to no repository (the command itself says so).
pub fn recover(start: &Path) -> Result<Option<Recovered>, DriverError> {
    match load::find_root(start) {
        Ok(root) => journal::recover(&root),
        Err(_) => Ok(None),
    }
}

/// `docket renumber`: moves decision `from` to number `to` and rewrites every
/// reference to it; the plan says what was done.
pub fn renumber(start: &Path, from: u32, to: u32) -> Result<RenumberPlan, DriverError> {
    let ws = load::load(start)?;
    edit::renumber(&ws, from, to)
}

/// A planned `docket import` ([`import`]); [`Import::write`] carries it out.
#[derive(Debug)]
pub struct Import {
    /// The loaded handbook (its `notes` are for the user).
    pub ws: Workspace,
    /// What would change.
    pub plan: ImportPlan,
}

/// `docket import`: plans rewriting the decision records under `start` (the
/// repository root, a folder or one file) in `from`'s format, or each record's own
/// when `None` (see [`docket_model::plan_import`]). Nothing is written until
/// [`Import::write`], so a dry run and the real run see the same plan.
pub fn import(start: &Path, from: Option<Legacy>) -> Result<Import, DriverError> {
    let ws = load::load(start)?;
    let plan = docket_model::plan_import(&ws.repo, from, &edit::within(&ws, start));
    Ok(Import { ws, plan })
}

impl Import {
    /// Writes each record, then the roster when people are added.
    pub fn write(&self) -> Result<(), DriverError> {
        edit::write_import(&self.ws, &self.plan)
    }
}

/// A hub's sources, or the combined `decisions.json` named by `--sources` (or
/// `[check] sources`), read into `ws`, timed.
fn load_sources(ws: &mut Workspace, given: Option<&Path>) {
    let started = Instant::now();
    crate::sources::attach_hub(ws);
    if ws.hub.is_none() {
        crate::sources::attach_index(ws, given);
    }
    if ws.repo.foreign.given || !ws.repo.config.source_problems.is_empty() {
        let what = match &ws.hub {
            Some(hub) => format!(
                "{} sources, {} records",
                hub.sources.len(),
                hub.entries.len()
            ),
            None => format!("{} sources", ws.repo.foreign.ids.len()),
        };
        ws.timings.record("sources", started.elapsed(), what);
    }
}

/// Runs the rules.
fn run_rules(ws: &Workspace, now: Time) -> Report {
    Report {
        diagnostics: docket_check::check(&ws.repo, now),
        files: ws.repo.documents.len(),
    }
}
