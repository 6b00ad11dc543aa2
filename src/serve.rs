//! `docket serve [PATH] [--port N] [--open]`: a live preview of the handbook site.
//!
//! The site is built into a cache folder under the system's temporary folder (one
//! per repository, two slots used in turn, so the last good build is never touched
//! while the next one is written), served on 127.0.0.1 by a small static file server
//! (tiny_http), and rebuilt when a file of the handbook, `templates/` or
//! `docket.toml` changes (notify, with a 200 ms debounce; `.git` and build output
//! are ignored).
//!
//! Open pages reload themselves: HTML responses (never the built files) get one
//! `<script>` that polls `/__docket/version`, a counter bumped after every rebuild,
//! and reloads when it changes. The same script shows `/__docket/errors` in a
//! one-line bar at the bottom of the window that opens to the full text: a summary
//! line, then the error diagnostics of the last rebuild (a document that cannot be
//! parsed is left out of the site and its diagnostic shows there), or why the
//! rebuild failed (a broken template), in which case the last good site stays up.
//!
//! A missing page is answered with the site's `404.html`, its links rewritten to
//! start from `/` so that it is styled in any folder ([`from_the_root`]).

use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use clap::Args;
use docket_diagnostics::{Counts, HumanOptions, Severity, locate, render_human};
use docket_driver::Sources;
use docket_driver::jobs::{BuildOptions, Built, Site};
use docket_model::time::Time;
use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind};
use notify::{RecursiveMode, Watcher};

use crate::{Global, Outcome, path_or_cwd};

/// Quiet time after the last change before a rebuild.
const DEBOUNCE: Duration = Duration::from_millis(200);
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

/// What the request threads read and the rebuild thread writes.
#[derive(Default)]
struct State {
    /// Bumped after every rebuild, successful or not.
    version: AtomicU64,
    /// The folder of the last good build (`None` until one succeeds).
    site: RwLock<Option<PathBuf>>,
    /// Text for the banner; empty when there is nothing to say.
    errors: RwLock<String>,
    /// The handbook's `[site] base_url` (ending in `/`), which the built 404 page
    /// links to; the preview serves it from `/` instead.
    base_url: RwLock<Option<String>>,
}

impl State {
    fn site(&self) -> Option<PathBuf> {
        self.site.read().map(|s| s.clone()).unwrap_or(None)
    }

    fn errors(&self) -> String {
        self.errors.read().map(|e| e.clone()).unwrap_or_default()
    }

    fn base_url(&self) -> Option<String> {
        self.base_url.read().map(|b| b.clone()).unwrap_or(None)
    }

    fn finish(&self, site: Option<PathBuf>, errors: String) {
        if let Some(site) = site
            && let Ok(mut slot) = self.site.write()
        {
            *slot = Some(site);
        }
        if let Ok(mut e) = self.errors.write() {
            *e = errors;
        }
        self.version.fetch_add(1, Ordering::SeqCst);
    }
}

/// Builds the site again and again into two slots of the cache folder.
struct Builder {
    root: PathBuf,
    cache: PathBuf,
    /// The slot the next build goes to.
    next: usize,
    /// The handbook folder of the last load, for deciding which changes matter.
    handbook: PathBuf,
    now: Time,
    branches: bool,
}

impl Builder {
    /// Runs the build job (the one `docket build` runs) into the next slot; on
    /// success the new site is served, on failure the last good one stays. An `Err`
    /// only when the repository cannot be loaded at all.
    fn rebuild(&mut self, state: &State) -> Result<(), docket_driver::DriverError> {
        let started = Instant::now();
        let options = BuildOptions {
            out: Some(self.cache.join(format!("site-{}", self.next))),
            base_url: None,
            strict: false,
            branches: self.branches,
        };
        let Built { ws, report, site } =
            docket_driver::jobs::build(&self.root, &options, self.now, &|_, _| {})?;
        self.handbook = handbook_dir(&ws);
        if let Ok(mut base) = state.base_url.write() {
            *base = ws.repo.config.site.base_url.as_ref().map(|u| {
                if u.ends_with('/') {
                    u.clone()
                } else {
                    format!("{u}/")
                }
            });
        }
        let findings = banner_text(&ws, &report.diagnostics);
        let mut err = std::io::stderr().lock();
        match site {
            Site::Written(summary) => {
                self.next = 1 - self.next;
                let _ = writeln!(
                    err,
                    "built {} pages in {:.1}s{}",
                    summary.pages,
                    started.elapsed().as_secs_f64(),
                    if findings.is_empty() {
                        String::new()
                    } else {
                        " (the page shows the errors)".into()
                    }
                );
                state.finish(Some(summary.out), findings);
            }
            Site::Failed(e) => {
                let _ = writeln!(
                    err,
                    "error: the site could not be built, still serving the last good build: {e}"
                );
                let mut text =
                    format!("The site could not be built; this is the last good build.\n\n{e}\n");
                if !findings.is_empty() {
                    text.push('\n');
                    text.push_str(&findings);
                }
                state.finish(None, text);
            }
            // Never asked for (`strict: false`): nothing new to serve.
            Site::Refused => state.finish(None, findings),
        }
        Ok(())
    }

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
        path.starts_with(&self.handbook)
            || path.starts_with(self.root.join("templates"))
            || path == self.root.join("docket.toml")
    }
}

fn handbook_dir(ws: &docket_driver::Workspace) -> PathBuf {
    ws.repo.handbook_root.dir(&ws.root)
}

/// The error diagnostics of a rebuild, as `docket check` prints them (no colours),
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
    let cache = cache_dir(&root);
    std::fs::create_dir_all(&cache)
        .with_context(|| format!("cannot create the preview folder `{}`", cache.display()))?;
    let state = Arc::new(State::default());
    let mut builder = Builder {
        handbook: root.clone(),
        root: root.clone(),
        cache,
        next: 0,
        now: global.now,
        branches: !args.no_branches,
    };
    // The first build: a repository that cannot be loaded at all (no handbook, broken
    // docket.toml) stops here; anything later shows in the page instead.
    builder.rebuild(&state)?;

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
    watch.sync(&builder)?;
    let rebuild_state = Arc::clone(&state);
    std::thread::spawn(move || watch.run(&rx, &mut builder, &rebuild_state));

    // The address goes out once everything is watched: a change made after it is seen.
    let url = format!("http://127.0.0.1:{port}/");
    {
        let mut out = std::io::stdout().lock();
        writeln!(out, "serving {} at {url}", root.display())?;
        out.flush()?;
    }
    let _ = writeln!(
        std::io::stderr().lock(),
        "rebuilding on changes; press Ctrl-C to stop"
    );

    if args.open {
        open_browser(&url);
    }

    let server = Arc::new(server);
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let server = Arc::clone(&server);
            let state = Arc::clone(&state);
            std::thread::spawn(move || {
                while let Ok(request) = server.recv() {
                    respond(request, &state);
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
    /// Watches what the builder's last load says matters, and nothing else.
    fn sync(&mut self, builder: &Builder) -> anyhow::Result<()> {
        let mut wanted = vec![(builder.root.clone(), RecursiveMode::NonRecursive)];
        for dir in [builder.handbook.clone(), builder.root.join("templates")] {
            if dir.is_dir() && dir != builder.root {
                wanted.push((dir, RecursiveMode::Recursive));
            }
        }
        if builder.handbook == builder.root {
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

    /// Waits for changes, lets them settle for [`DEBOUNCE`], and rebuilds when one
    /// of them matters.
    fn run(
        &mut self,
        rx: &Receiver<notify::Result<notify::Event>>,
        builder: &mut Builder,
        state: &State,
    ) {
        while let Ok(first) = rx.recv() {
            let mut relevant = matters(builder, &first);
            loop {
                match rx.recv_timeout(DEBOUNCE) {
                    Ok(event) => relevant |= matters(builder, &event),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
            if !relevant {
                continue;
            }
            if let Err(e) = builder.rebuild(state) {
                let _ = writeln!(
                    std::io::stderr().lock(),
                    "error: cannot load the handbook, still serving the last good build: {e}"
                );
                state.finish(
                    None,
                    format!("The handbook cannot be loaded; this is the last good build.\n\n{e}\n"),
                );
            }
            // docket.toml may have moved the handbook; templates/ may have appeared.
            if let Err(e) = self.sync(builder) {
                let _ = writeln!(std::io::stderr().lock(), "warning: {e:#}");
            }
        }
    }
}

/// Whether a watcher event is a change (not a read: the build itself opens every
/// file) to a path that matters.
fn matters(builder: &Builder, event: &notify::Result<notify::Event>) -> bool {
    let Ok(event) = event else {
        // The watcher lost track (overflow): rebuild to be safe.
        return true;
    };
    let change = match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        // Reading a file can touch its access time.
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        _ => true,
    };
    change && event.paths.iter().any(|p| builder.matters(p))
}

/// `<temp>/docket-serve-<hash of the root>`: one per repository, reused by the next
/// `docket serve` of the same repository.
fn cache_dir(root: &Path) -> PathBuf {
    // FNV-1a: stable across runs and Rust versions, unlike `DefaultHasher`.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in root.as_os_str().as_encoded_bytes() {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    std::env::temp_dir().join(format!("docket-serve-{hash:016x}"))
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

fn respond(request: tiny_http::Request, state: &State) {
    use tiny_http::Method;
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(text_response(405, "only GET and HEAD\n".into()));
        return;
    }
    let url = request.url();
    let path = url.split(['?', '#']).next().unwrap_or("/").to_string();
    let response = match path.as_str() {
        "/__docket/version" => text_response(200, state.version.load(Ordering::SeqCst).to_string()),
        "/__docket/errors" => text_response(200, state.errors()),
        "/__docket/live.js" => bytes_response(
            200,
            LIVE_JS.as_bytes().to_vec(),
            "text/javascript; charset=utf-8",
        ),
        _ => static_file(&path, state),
    };
    let _ = request.respond(response);
}

type Response = tiny_http::Response<std::io::Cursor<Vec<u8>>>;

fn header(name: &str, value: &str) -> Option<tiny_http::Header> {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

fn bytes_response(status: u16, body: Vec<u8>, content_type: &str) -> Response {
    let mut r = tiny_http::Response::from_data(body).with_status_code(status);
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

/// A file of the last good build; HTML gets the live script.
fn static_file(url_path: &str, state: &State) -> Response {
    let version = state.version.load(Ordering::SeqCst);
    let Some(site) = state.site() else {
        let page = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>docket serve</title></head><body><h1>The site could not be built yet</h1><p>The reason is shown above; this page reloads when a build succeeds.</p></body></html>";
        return html_response(503, page.as_bytes(), version);
    };
    let Some(rel) = site_path(url_path) else {
        return text_response(400, "bad path\n".into());
    };
    let mut file = site.join(&rel);
    if file.is_dir() {
        file = file.join("index.html");
    }
    match std::fs::read(&file) {
        Ok(bytes) => {
            let ct = content_type(&file);
            if ct.starts_with("text/html") {
                html_response(200, &bytes, version)
            } else {
                bytes_response(200, bytes, ct)
            }
        }
        Err(_) => match std::fs::read(site.join("404.html")) {
            Ok(bytes) => html_response(
                404,
                &from_the_root(&bytes, state.base_url().as_deref()),
                version,
            ),
            Err(_) => text_response(404, "not found\n".into()),
        },
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
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
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
