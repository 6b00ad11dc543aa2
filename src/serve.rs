//! `docket serve [PATH] [--port N] [--open]`: a live preview of the handbook site.
//!
//! The preview keeps the handbook in memory, loaded and checked the way `docket
//! build` loads it ([`docket_driver::jobs::preview`]), and renders each page when it
//! is asked for ([`docket_driver::Live`]: the same page families and templates as the
//! build, so the preview is the site); nothing is written to disk. It is served on
//! 127.0.0.1 by a small static file server (tiny_http).
//!
//! When a file of the handbook changes (notify, with a short debounce; `.git`,
//! editors' temporary files and build output are ignored), only the documents that
//! changed are read and parsed again; the history and every other document are kept,
//! the rules run again, and the pages are rendered anew as they are asked for. So an
//! edit costs a check and the page the reader looks at, not a build of the site. A
//! change to `docket.toml` or `templates/` loads the handbook and the templates
//! again.
//!
//! Open pages reload themselves: HTML responses get one `<script>` that asks
//! `/__docket/version`, a counter bumped after every change, and reloads when it
//! changes. The same script shows `/__docket/errors` in a one-line bar at the bottom
//! of the window that opens to the full text: a summary line, then the error
//! diagnostics of the last check (a document that cannot be parsed is left out of the
//! site and its diagnostic shows there), or why the change could not be shown (a
//! template that does not compile), in which case the last good templates stay.
//!
//! A missing page is answered with the site's `404.html`, its links rewritten to
//! start from `/` so that it is styled in any folder ([`from_the_root`]).

use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use clap::Args;
use docket_diagnostics::{Counts, HumanOptions, Severity, locate, render_human};
use docket_driver::Sources;
use docket_driver::jobs::Preview;
use docket_driver::{Live, Templates};
use docket_model::time::Time;
use notify::event::{AccessKind, AccessMode, CreateKind, EventKind, ModifyKind};
use notify::{RecursiveMode, Watcher};

use crate::{Global, Outcome, path_or_cwd};

/// Quiet time after the last change before the preview reloads: long enough to
/// take an editor's save (write, rename) as one change.
const DEBOUNCE: Duration = Duration::from_millis(30);
/// Whether the watcher reports a writer closing a file (inotify does).
const SEES_CLOSE: bool = cfg!(target_os = "linux");
/// How many threads answer requests.
const WORKERS: usize = 4;
/// At most this many diagnostics are shown in the banner.
const BANNER_DIAGNOSTICS: usize = 20;

#[derive(Args, Debug)]
pub(crate) struct ServeArgs {
    /// The repository, or any folder in it.
    path: Option<PathBuf>,
    /// The port on 127.0.0.1 (0: any free port).
    #[arg(long, default_value_t = 4000)]
    port: u16,
    /// Open the site in the default browser.
    #[arg(long)]
    open: bool,
    /// Do not list decisions proposed on other branches as pending.
    #[arg(long)]
    no_branches: bool,
}

/// How long a request for the next version waits before it answers with the same.
const VERSION_WAIT: Duration = Duration::from_secs(25);

/// What the request threads read and the site thread writes.
#[derive(Default)]
struct State {
    /// Bumped after every change, shown or not.
    version: AtomicU64,
    /// Notified when the version moves (for requests waiting for it).
    moved: (std::sync::Mutex<()>, std::sync::Condvar),
    /// Text for the banner; empty when there is nothing to say.
    errors: RwLock<String>,
    /// The handbook's `[site] base_url` (ending in `/`), which the 404 page links
    /// to; the preview serves it from `/` instead.
    base_url: RwLock<Option<String>>,
}

impl State {
    fn errors(&self) -> String {
        self.errors.read().map(|e| e.clone()).unwrap_or_default()
    }

    fn base_url(&self) -> Option<String> {
        self.base_url.read().map(|b| b.clone()).unwrap_or(None)
    }

    fn finish(&self, errors: String) {
        if let Ok(mut e) = self.errors.write() {
            *e = errors;
        }
        let _held = self.moved.0.lock();
        self.version.fetch_add(1, Ordering::SeqCst);
        self.moved.1.notify_all();
    }

    /// The version once it is not `after`, or after [`VERSION_WAIT`].
    fn version_after(&self, after: u64) -> u64 {
        let deadline = Instant::now() + VERSION_WAIT;
        let Ok(mut held) = self.moved.0.lock() else {
            return self.version.load(Ordering::SeqCst);
        };
        loop {
            let now = self.version.load(Ordering::SeqCst);
            let left = deadline.saturating_duration_since(Instant::now());
            if now != after || left.is_zero() {
                return now;
            }
            match self.moved.1.wait_timeout(held, left) {
                Ok((h, _)) => held = h,
                Err(_) => return self.version.load(Ordering::SeqCst),
            }
        }
    }
}

/// What changed on disk, as the watcher saw it.
struct Change {
    /// The files and folders that changed (absolute).
    paths: Vec<PathBuf>,
    /// `docket.toml` or a template changed, or the watcher lost track: load it all.
    everything: bool,
}

/// A request to the site thread.
enum Message {
    /// The file at a site-relative path, answered on the sender.
    Get(String, Sender<Answer>),
    /// Files changed; the handbook folder after the change is sent back when the
    /// preview shows it.
    Changed(Change, Sender<PathBuf>),
}

/// The site thread's answer to [`Message::Get`].
enum Answer {
    File(Arc<Vec<u8>>),
    Missing,
    /// The page cannot be rendered (a template fails on it).
    Failed(String),
    /// No template set compiled yet: nothing can be shown.
    NotShown,
}

/// The handbook the preview shows: loaded, checked, and the templates.
struct Session {
    root: PathBuf,
    preview: Preview,
    /// `None` until the templates compile.
    templates: Option<Templates>,
    now: Time,
    branches: bool,
    /// The banner's text of the last change, told to open pages (with a new version)
    /// once the pages of the change can be rendered.
    news: Option<String>,
    /// The documents changed since the findings were made: the rules run again
    /// beside preparing the pages.
    unchecked: bool,
    /// When the last change was seen.
    changed_at: Instant,
}

impl Session {
    /// Loads the handbook at `root`; an `Err` when it cannot be loaded at all (no
    /// handbook, broken docket.toml), which stops `docket serve` before it starts.
    fn start(root: PathBuf, now: Time, branches: bool, state: &State) -> anyhow::Result<Self> {
        let started = Instant::now();
        let preview = docket_driver::jobs::preview(&root, now, branches)?;
        let mut session = Session {
            root,
            preview,
            templates: None,
            now,
            branches,
            news: None,
            unchecked: false,
            changed_at: started,
        };
        session.load_templates(state, started);
        // The first version is there before the address is printed.
        if let Some(news) = session.news.take() {
            state.finish(news);
        }
        Ok(session)
    }

    fn handbook(&self) -> PathBuf {
        self.preview.ws.repo.handbook_root.dir(&self.root)
    }

    /// The session after `change`: the documents that changed read again, or
    /// everything loaded again; what cannot be loaded leaves the last good state.
    fn apply(mut self, change: Change, state: &State) -> Self {
        let started = Instant::now();
        if !change.everything {
            self.preview = docket_driver::jobs::refresh(self.preview, &change.paths);
            self.unchecked = true;
            self.changed_at = started;
            return self;
        }
        match docket_driver::jobs::preview(&self.root, self.now, self.branches) {
            Ok(preview) => self.preview = preview,
            Err(e) => {
                let _ = writeln!(
                    std::io::stderr().lock(),
                    "error: cannot load the handbook, still showing the last good one: {e}"
                );
                self.news = Some(format!(
                    "The handbook cannot be loaded; this is the last good one.\n\n{e}\n"
                ));
                return self;
            }
        }
        self.load_templates(state, started);
        self
    }

    /// Compiles the templates again; when one does not compile, the last good ones
    /// stay and the banner says why.
    fn load_templates(&mut self, state: &State, started: Instant) {
        match Templates::load(&self.root) {
            Ok(templates) => {
                self.templates = Some(templates);
                self.shown(state, started, None);
            }
            Err(e) => {
                let _ = writeln!(
                    std::io::stderr().lock(),
                    "error: the site could not be built, still showing the last good templates: {e}"
                );
                self.shown(state, started, Some(e.to_string()));
            }
        }
    }

    /// What to tell the open pages: the banner's text (with a new version, once the
    /// pages can be rendered).
    fn shown(&mut self, state: &State, started: Instant, failure: Option<String>) {
        let ws = &self.preview.ws;
        self.news = Some(news(state, ws, &self.preview.report, started, failure));
    }

    /// Answers requests with one version of the site until a change comes; then
    /// applies it and goes on with the next version.
    fn run(mut self, rx: &Receiver<Message>, state: &State) {
        loop {
            let change = {
                let ws = &self.preview.ws;
                let (now, options, templates) = (
                    self.now,
                    &self.preview.site_options,
                    self.templates.as_ref(),
                );
                // The pages are prepared while the rules run on the changed handbook.
                let (live, report) = std::thread::scope(|s| {
                    let check = self
                        .unchecked
                        .then(|| s.spawn(move || docket_driver::jobs::recheck(ws, now)));
                    let live = templates.map(|t| Live::new(&ws.repo, &ws.root, options, t));
                    (live, check.and_then(|c| c.join().ok()))
                });
                if let Some(report) = report {
                    self.preview.report = report;
                    self.unchecked = false;
                    let said = news(state, ws, &self.preview.report, self.changed_at, None);
                    self.news = Some(said);
                }
                if let Some(news) = self.news.take() {
                    state.finish(news);
                }
                loop {
                    match rx.recv() {
                        Ok(Message::Get(rel, reply)) => {
                            let answer = match &live {
                                None => Answer::NotShown,
                                Some(live) => match live.get(&rel) {
                                    Ok(Some(bytes)) => Answer::File(bytes),
                                    Ok(None) => Answer::Missing,
                                    Err(e) => Answer::Failed(e.to_string()),
                                },
                            };
                            let _ = reply.send(answer);
                        }
                        Ok(Message::Changed(change, done)) => break Some((change, done)),
                        Err(_) => break None,
                    }
                }
            };
            let Some((change, done)) = change else {
                return;
            };
            self = self.apply(change, state);
            let _ = done.send(self.handbook());
        }
    }
}

/// What to tell the open pages after a change shown at `started` (or that failed:
/// `failure`): the banner's text; the base URL is updated and the time of the change
/// printed.
fn news(
    state: &State,
    ws: &docket_driver::Workspace,
    report: &docket_driver::Report,
    started: Instant,
    failure: Option<String>,
) -> String {
    if let Ok(mut base) = state.base_url.write() {
        *base = ws.repo.config.site.base_url.as_ref().map(|u| {
            if u.ends_with('/') {
                u.clone()
            } else {
                format!("{u}/")
            }
        });
    }
    let findings = banner_text(ws, &report.diagnostics);
    match failure {
        Some(e) => {
            let mut text =
                format!("The site could not be built; this is the last good build.\n\n{e}\n");
            if !findings.is_empty() {
                text.push('\n');
                text.push_str(&findings);
            }
            text
        }
        None => {
            let _ = writeln!(
                std::io::stderr().lock(),
                "loaded {} documents in {:.0} ms{}",
                ws.repo.documents.len(),
                started.elapsed().as_secs_f64() * 1000.0,
                if findings.is_empty() {
                    ""
                } else {
                    " (the page shows the errors)"
                }
            );
            findings
        }
    }
}

/// The folders whose changes matter.
struct Paths {
    root: PathBuf,
    handbook: PathBuf,
}

impl Paths {
    /// Whether a change at `path` can change the site: a file of the handbook,
    /// `templates/` or `docket.toml`, outside `.git` and build output.
    fn matters(&self, path: &Path) -> bool {
        let Ok(rel) = path.strip_prefix(&self.root) else {
            return false;
        };
        for c in rel.components() {
            if let Component::Normal(name) = c {
                let name = name.to_string_lossy();
                if name == ".git" || name.contains(".docket-tmp-") || name.contains(".docket-old-")
                {
                    return false;
                }
            }
        }
        // A folder that `docket build` wrote (it holds the marker file).
        if let Some(Component::Normal(first)) = rel.components().next()
            && self
                .root
                .join(first)
                .join(docket_driver::SITE_MARKER)
                .is_file()
        {
            return false;
        }
        path.starts_with(&self.handbook) || self.loads_everything(path)
    }

    /// Whether a change at `path` needs everything loaded again.
    fn loads_everything(&self, path: &Path) -> bool {
        path.starts_with(self.root.join("templates")) || path == self.root.join("docket.toml")
    }
}

/// The error diagnostics of a check, as `docket check` prints them (no colours),
/// after a one-line summary (the banner shows that line until it is opened); empty
/// when there are no errors.
fn banner_text(
    ws: &docket_driver::Workspace,
    diagnostics: &[docket_diagnostics::Diagnostic],
) -> String {
    let counts = Counts::of(diagnostics);
    if counts.errors == 0 {
        return String::new();
    }
    let errors: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .take(BANNER_DIAGNOSTICS)
        .cloned()
        .collect();
    let sources = Sources(&ws.repo);
    let mut text = Vec::new();
    let _ = render_human(
        &mut text,
        &locate(&errors, &sources),
        &sources,
        HumanOptions { color: false },
    );
    let more = counts.errors.saturating_sub(errors.len());
    format!(
        "{} error{}, {} warning{}: documents that cannot be parsed are left out of the site\n\n{}\n\n{}`docket check` lists everything.",
        counts.errors,
        if counts.errors == 1 { "" } else { "s" },
        counts.warnings,
        if counts.warnings == 1 { "" } else { "s" },
        String::from_utf8_lossy(&text).trim_end(),
        if more > 0 {
            format!("{more} more not shown; ")
        } else {
            String::new()
        },
    )
}

pub(crate) fn run(args: &ServeArgs, global: &Global) -> anyhow::Result<Outcome> {
    let root = docket_driver::find_root(&path_or_cwd(&args.path))?;
    let state = Arc::new(State::default());
    // The first load: a repository that cannot be loaded at all (no handbook, broken
    // docket.toml) stops here; anything later shows in the page instead.
    let session = Session::start(root.clone(), global.now, !args.no_branches, &state)?;
    let mut paths = Paths {
        root: root.clone(),
        handbook: session.handbook(),
    };

    let server = tiny_http::Server::http(("127.0.0.1", args.port))
        .map_err(|e| anyhow::anyhow!("cannot listen on 127.0.0.1:{}: {e}", args.port))?;
    let port = server.server_addr().to_ip().map_or(args.port, |a| a.port());
    let (tx, rx) = std::sync::mpsc::channel();
    let watcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(event);
    })
    .context("cannot watch the repository for changes")?;
    let mut watch = Watch {
        watcher,
        watched: Vec::new(),
    };
    watch.sync(&paths)?;
    let (site_tx, site_rx) = std::sync::mpsc::channel();
    let site_state = Arc::clone(&state);
    std::thread::spawn(move || session.run(&site_rx, &site_state));
    let changes = site_tx.clone();
    std::thread::spawn(move || watch.run(&rx, &mut paths, &changes));

    // The address goes out once everything is watched: a change made after it is seen.
    let url = format!("http://127.0.0.1:{port}/");
    {
        let mut out = std::io::stdout().lock();
        writeln!(out, "serving {} at {url}", root.display())?;
        out.flush()?;
    }
    let _ = writeln!(
        std::io::stderr().lock(),
        "showing changes as they are saved; press Ctrl-C to stop"
    );

    if args.open {
        open_browser(&url);
    }

    let server = Arc::new(server);
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let server = Arc::clone(&server);
            let state = Arc::clone(&state);
            let site = site_tx.clone();
            std::thread::spawn(move || {
                while let Ok(request) = server.recv() {
                    respond(request, &state, &site);
                }
            })
        })
        .collect();
    for w in workers {
        let _ = w.join();
    }
    Ok(Outcome::Clean)
}

/// The file watcher and what it watches: the handbook and `templates/` with their
/// subfolders, the repository root alone (for `docket.toml`, and `templates/` when it
/// appears). Not the whole repository: `target/` or `node_modules/` would cost a
/// watch per folder.
struct Watch {
    watcher: notify::RecommendedWatcher,
    watched: Vec<(PathBuf, RecursiveMode)>,
}

impl Watch {
    /// Watches what the last load says matters, and nothing else.
    fn sync(&mut self, paths: &Paths) -> anyhow::Result<()> {
        let mut wanted = vec![(paths.root.clone(), RecursiveMode::NonRecursive)];
        for dir in [paths.handbook.clone(), paths.root.join("templates")] {
            if dir.is_dir() && dir != paths.root {
                wanted.push((dir, RecursiveMode::Recursive));
            }
        }
        if paths.handbook == paths.root {
            wanted[0].1 = RecursiveMode::Recursive;
        }
        for (path, mode) in std::mem::take(&mut self.watched) {
            if wanted.contains(&(path.clone(), mode)) {
                self.watched.push((path, mode));
            } else {
                let _ = self.watcher.unwatch(&path);
            }
        }
        for (path, mode) in wanted {
            if self.watched.contains(&(path.clone(), mode)) {
                continue;
            }
            self.watcher
                .watch(&path, mode)
                .with_context(|| format!("cannot watch `{}` for changes", path.display()))?;
            self.watched.push((path, mode));
        }
        Ok(())
    }

    /// Waits for changes, lets them settle for [`DEBOUNCE`], and hands the ones
    /// that matter to the site thread, waiting until it shows them.
    fn run(
        &mut self,
        rx: &Receiver<notify::Result<notify::Event>>,
        paths: &mut Paths,
        site: &Sender<Message>,
    ) {
        while let Ok(first) = rx.recv() {
            let mut change = Change {
                paths: Vec::new(),
                everything: false,
            };
            collect(paths, &first, &mut change);
            loop {
                match rx.recv_timeout(DEBOUNCE) {
                    Ok(event) => collect(paths, &event, &mut change),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
            if change.paths.is_empty() && !change.everything {
                continue;
            }
            let (done, shown) = std::sync::mpsc::channel();
            if site.send(Message::Changed(change, done)).is_err() {
                return;
            }
            let Ok(handbook) = shown.recv() else {
                return;
            };
            paths.handbook = handbook;
            // docket.toml may have moved the handbook; templates/ may have appeared.
            if let Err(e) = self.sync(paths) {
                let _ = writeln!(std::io::stderr().lock(), "warning: {e:#}");
            }
        }
    }
}

/// Adds a watcher event's paths to `change` when it is a change (not a read: the
/// preview itself opens files) to a path that matters.
fn collect(paths: &Paths, event: &notify::Result<notify::Event>, change: &mut Change) {
    let Ok(event) = event else {
        // The watcher lost track (overflow): load everything to be safe.
        change.everything = true;
        return;
    };
    let changed = match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        // Reading a file can touch its access time.
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        // Where the watcher sees a writer close its file, a file written in place is
        // read once it is closed, never half-way through its writing.
        EventKind::Modify(ModifyKind::Data(_)) | EventKind::Create(CreateKind::File)
            if SEES_CLOSE =>
        {
            false
        }
        _ => true,
    };
    if !changed {
        return;
    }
    for path in &event.paths {
        if paths.matters(path) {
            change.everything |= paths.loads_everything(path);
            if !change.paths.contains(path) {
                change.paths.push(path.clone());
            }
        }
    }
}

fn open_browser(url: &str) {
    let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    let started = std::process::Command::new(program)
        .args(&args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = started {
        let _ = writeln!(
            std::io::stderr().lock(),
            "warning: cannot open a browser (`{program}`: {e}); open {url} yourself"
        );
    }
}

/// The script every served HTML page gets: reload on a new build, show the banner.
const LIVE_JS: &str = include_str!("serve_live.js");

/// The `after` of `/__docket/version?after=N`: the version the page shows.
fn after(url: &str) -> Option<u64> {
    let query = url.split_once('?')?.1;
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("after="))
        .and_then(|v| v.parse().ok())
}

fn respond(request: tiny_http::Request, state: &Arc<State>, site: &Sender<Message>) {
    use tiny_http::Method;
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(text_response(405, "only GET and HEAD\n".into()));
        return;
    }
    let url = request.url();
    let path = url.split(['?', '#']).next().unwrap_or("/").to_string();
    let response = match path.as_str() {
        "/__docket/version" => match after(url) {
            // Waits on a thread of its own, so that open pages never hold the
            // threads that answer requests.
            Some(after) => {
                let state = Arc::clone(state);
                std::thread::spawn(move || {
                    let version = state.version_after(after);
                    let _ = request.respond(text_response(200, version.to_string()));
                });
                return;
            }
            None => text_response(200, state.version.load(Ordering::SeqCst).to_string()),
        },
        "/__docket/errors" => text_response(200, state.errors()),
        "/__docket/live.js" => bytes_response(
            200,
            LIVE_JS.as_bytes().to_vec(),
            "text/javascript; charset=utf-8",
        ),
        _ => site_file(&path, state, site),
    };
    let _ = request.respond(response);
}

type Response = tiny_http::Response<std::io::Cursor<Vec<u8>>>;

fn header(name: &str, value: &str) -> Option<tiny_http::Header> {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

fn bytes_response(status: u16, body: Vec<u8>, content_type: &str) -> Response {
    // The whole body is in memory: always a Content-Length, never chunked (tiny_http
    // chunks bodies over 32 KB for HTTP/1.1 clients by default).
    let mut r = tiny_http::Response::from_data(body)
        .with_status_code(status)
        .with_chunked_threshold(usize::MAX);
    for h in [
        header("Content-Type", content_type),
        header("Cache-Control", "no-store"),
    ]
    .into_iter()
    .flatten()
    {
        r = r.with_header(h);
    }
    r
}

fn text_response(status: u16, body: String) -> Response {
    bytes_response(status, body.into_bytes(), "text/plain; charset=utf-8")
}

/// Asks the site thread for the file at `rel`.
fn ask(site: &Sender<Message>, rel: String) -> Answer {
    let (reply, answer) = std::sync::mpsc::channel();
    if site.send(Message::Get(rel, reply)).is_err() {
        return Answer::NotShown;
    }
    answer.recv().unwrap_or(Answer::NotShown)
}

/// A file of the site; a folder is its `index.html`; HTML gets the live script.
fn site_file(url_path: &str, state: &State, site: &Sender<Message>) -> Response {
    let version = state.version.load(Ordering::SeqCst);
    let Some(rel) = site_path(url_path) else {
        return text_response(400, "bad path\n".into());
    };
    let rel = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    let index = if rel.is_empty() {
        "index.html".to_string()
    } else {
        format!("{rel}/index.html")
    };
    let mut answer = if rel.is_empty() {
        Answer::Missing
    } else {
        ask(site, rel.clone())
    };
    let mut name = rel;
    if matches!(answer, Answer::Missing) {
        answer = ask(site, index.clone());
        name = index;
    }
    match answer {
        Answer::File(bytes) => {
            let ct = content_type(Path::new(&name));
            if ct.starts_with("text/html") {
                html_response(200, &bytes, version)
            } else {
                bytes_response(200, bytes.to_vec(), ct)
            }
        }
        Answer::Missing => match ask(site, "404.html".into()) {
            Answer::File(bytes) => html_response(
                404,
                &from_the_root(&bytes, state.base_url().as_deref()),
                version,
            ),
            _ => text_response(404, "not found\n".into()),
        },
        Answer::Failed(e) => {
            let page = format!(
                "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>docket serve</title></head><body><h1>This page could not be rendered</h1><pre>{}</pre></body></html>",
                e.replace('&', "&amp;").replace('<', "&lt;")
            );
            html_response(500, page.as_bytes(), version)
        }
        Answer::NotShown => {
            let page = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>docket serve</title></head><body><h1>The site could not be built yet</h1><p>The reason is shown below; this page reloads when it can be shown.</p></body></html>";
            html_response(503, page.as_bytes(), version)
        }
    }
}

/// The attributes whose value is a link the 404 page makes to the site (`data-root`
/// is where docket.js finds the search index).
const LINK_ATTRIBUTES: [&str; 4] = [" href=\"", " src=\"", " action=\"", " data-root=\""];

/// The built 404 page as served at any missing address: its links are relative to
/// the site root (or start with the handbook's base URL), which is wrong in any
/// folder but the root (`/decisions/nope.html` would ask for
/// `/decisions/assets/style.css`), so each becomes a link from `/`. In-page links
/// (`#main`), queries and other sites are kept. Static hosts need a base URL
/// instead (docs/guide/site.md).
fn from_the_root(html: &[u8], base_url: Option<&str>) -> Vec<u8> {
    let Ok(html) = std::str::from_utf8(html) else {
        return html.to_vec();
    };
    let mut out = String::with_capacity(html.len() + 256);
    // The next occurrence of each attribute at or after `done`, found once each: a
    // 404 page carries the whole navigation, so no rescanning from every link.
    let find = |attr: &str, from: usize| html[from..].find(attr).map(|i| from + i);
    let mut next: Vec<Option<usize>> = LINK_ATTRIBUTES.iter().map(|a| find(a, 0)).collect();
    let mut done = 0;
    while let Some((k, at)) = next
        .iter()
        .enumerate()
        .filter_map(|(k, at)| at.map(|at| (k, at)))
        .min_by_key(|&(_, at)| at)
    {
        let attr = LINK_ATTRIBUTES[k];
        let start = at + attr.len();
        out.push_str(&html[done..start]);
        let end = html[start..].find('"').map_or(html.len(), |i| start + i);
        let value = &html[start..end];
        match base_url.and_then(|b| value.strip_prefix(b)) {
            Some(path) => {
                out.push('/');
                out.push_str(path);
            }
            None if is_site_relative(value, attr) => {
                out.push('/');
                out.push_str(value);
            }
            None => out.push_str(value),
        }
        done = end;
        for (k, at) in next.iter_mut().enumerate() {
            if at.is_some_and(|at| at < done) {
                *at = find(LINK_ATTRIBUTES[k], done);
            }
        }
    }
    out.push_str(&html[done..]);
    out.into_bytes()
}

/// Whether a link is relative to the page's folder: not empty (but `data-root`'s),
/// not from the host's root, a fragment, a query, or another scheme's
/// (`https:`, `mailto:`).
fn is_site_relative(value: &str, attr: &str) -> bool {
    if value.is_empty() {
        return attr == " data-root=\"";
    }
    if value.starts_with(['/', '#', '?']) {
        return false;
    }
    let scheme = value
        .find([':', '/', '?', '#'])
        .filter(|&i| value[i..].starts_with(':'))
        .map(|i| &value[..i]);
    !scheme.is_some_and(|s| {
        s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

fn html_response(status: u16, html: &[u8], version: u64) -> Response {
    bytes_response(status, inject(html, version), "text/html; charset=utf-8")
}

/// The page with the live script before its last `</body>` (or at the end).
fn inject(html: &[u8], version: u64) -> Vec<u8> {
    let tag = format!("<script src=\"/__docket/live.js\" data-version=\"{version}\"></script>\n");
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The relative file path of a URL path: percent-decoded, `/`-separated segments,
/// never `..`; `None` for anything that could leave the site folder.
fn site_path(url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    let mut rel = PathBuf::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return None,
            s if s.contains(['\\', '\0', ':']) => return None,
            s => rel.push(s),
        }
    }
    Some(rel)
}

/// Strict `%XX` decoding: a malformed escape or bytes that are not UTF-8 make the
/// request fail (unlike `docket_model::percent_decode`, which keeps what it cannot
/// decode), so a request path is never guessed at.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            // Two hex digits and nothing else (`u8::from_str_radix` would take `+1`).
            let digit = |at: usize| char::from(*bytes.get(at)?).to_digit(16);
            let (high, low) = (digit(i + 1)?, digit(i + 2)?);
            out.push(u8::try_from(high * 16 + low).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_in_the_site() {
        assert_eq!(
            site_path("/decisions/0001-a%20b.html"),
            Some(PathBuf::from("decisions/0001-a b.html"))
        );
        assert_eq!(site_path("/"), Some(PathBuf::new()));
        assert_eq!(site_path("/../etc/passwd"), None);
        assert_eq!(site_path("/a/%2e%2e/%2e%2e/x"), None);
        assert_eq!(site_path("/a%5c..%5cb"), None);
        assert_eq!(site_path("/%zz"), None);
        // Only two hex digits make an escape: no sign, no space, no half escape.
        assert_eq!(site_path("/%+1"), None);
        assert_eq!(site_path("/%-1"), None);
        assert_eq!(site_path("/% 1"), None);
        assert_eq!(site_path("/a%2"), None);
        assert_eq!(site_path("/a%"), None);
        assert_eq!(site_path("/%41%62"), Some(PathBuf::from("Ab")));
        // Encoded dots, slashes and backslashes never leave the site.
        assert_eq!(site_path("/%2E%2E/x"), None);
        assert_eq!(site_path("/a/%2e%2e%2fb"), None);
        assert_eq!(site_path("/a%5C..%5Cb"), None);
        assert_eq!(site_path("/%00"), None);
        assert_eq!(site_path("//etc/passwd"), Some(PathBuf::from("etc/passwd")));
        assert_eq!(site_path("/C:%5Cwindows"), None);
    }

    #[test]
    fn the_404_links_from_the_root() {
        let html = br##"<body data-root=""><link href="assets/style.css"><a href="#main">x</a><a href="https://example.org/a">o</a><a href="mailto:a@b.c">m</a><form action="search.html"><script src="assets/docket.js"></script><a href="decisions/index.html?tag=a%3Ab">t</a>"##;
        let out = String::from_utf8(from_the_root(html, None)).unwrap();
        assert_eq!(
            out,
            r##"<body data-root="/"><link href="/assets/style.css"><a href="#main">x</a><a href="https://example.org/a">o</a><a href="mailto:a@b.c">m</a><form action="/search.html"><script src="/assets/docket.js"></script><a href="/decisions/index.html?tag=a%3Ab">t</a>"##
        );
        let built = br#"<body data-root="https://h.example/hb/"><link href="https://h.example/hb/assets/style.css"><a href="https://example.org/">o</a>"#;
        let out = String::from_utf8(from_the_root(built, Some("https://h.example/hb/"))).unwrap();
        assert_eq!(
            out,
            r#"<body data-root="/"><link href="/assets/style.css"><a href="https://example.org/">o</a>"#
        );
    }

    #[test]
    fn the_script_goes_before_the_last_body_end() {
        let html = inject(b"<html><body><p>x</p></BODY></html>", 3);
        let html = String::from_utf8_lossy(&html);
        assert!(
            html.contains(
                "<p>x</p><script src=\"/__docket/live.js\" data-version=\"3\"></script>\n</BODY>"
            ),
            "{html}"
        );
        let bare = inject(b"no body", 1);
        assert!(String::from_utf8_lossy(&bare).ends_with("</script>\n"));
    }
}
