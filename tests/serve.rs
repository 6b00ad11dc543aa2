//! `docket serve` end to end: the real binary on a port the system picks, spoken to
//! over plain HTTP/1.1 on 127.0.0.1. A change on disk shows up in the served page; a
//! document that cannot be parsed shows in the error banner's text while the rest of
//! the site is rebuilt; a broken template keeps the last good site up.
//!
//! Nothing sleeps for a fixed time: every wait polls with a deadline.

// Helpers panic on setup failures: that is a failing test, not a crash on user data.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use common::{MINIMAL, NOW, Repo};

/// How long a rebuild may take to show (a debug build on a shared machine).
const DEADLINE: Duration = Duration::from_secs(60);
const POLL: Duration = Duration::from_millis(100);

const DECISION: &str = "docs/decisions/0001-use-postgresql.md";
const PAGE: &str = "/decisions/0001-use-postgresql.html";

fn decision(title: &str) -> String {
    format!(
        "---\ntitle: {title}\nstatus: proposed\nowner: alice\ndate: 2026-11-23\ndeadline: 2026-12-01\n---\n\n## Context\n\nBilling needs a database.\n"
    )
}

/// A running `docket serve`, killed when dropped.
struct Serve {
    child: Child,
    /// `127.0.0.1:PORT`.
    addr: String,
    /// Lines of stderr so far, for failure messages.
    stderr: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Serve {
    fn start(repo: &Repo) -> Serve {
        let tmp = repo.outside("tmp");
        std::fs::create_dir_all(&tmp).expect("create a temporary folder");
        let mut child = Command::new(env!("CARGO_BIN_EXE_docket"))
            .current_dir(repo.path())
            .args(["--color", "never", "--now", NOW, "serve", "--port", "0"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .env_remove("DOCKET_NOW")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            // The preview cache goes beside the repository, and goes away with it.
            .env("TMPDIR", &tmp)
            .spawn()
            .expect("start the docket binary");
        let stdout = child.stdout.take().expect("piped stdout");
        let stderr = child.stderr.take().expect("piped stderr");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let sink = std::sync::Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Ok(mut l) = sink.lock() {
                    l.push_str(&line);
                    l.push('\n');
                }
            }
        });
        let mut serve = Serve {
            child,
            addr: String::new(),
            stderr: log,
        };
        serve.addr = serve.read_address(&rx);
        serve
    }

    /// The `http://127.0.0.1:PORT/` line of stdout.
    fn read_address(&mut self, rx: &Receiver<String>) -> String {
        let started = Instant::now();
        loop {
            let left = DEADLINE.saturating_sub(started.elapsed());
            match rx.recv_timeout(left) {
                Ok(line) => {
                    if let Some(at) = line.find("http://") {
                        let url = line[at + "http://".len()..].trim();
                        return url.trim_end_matches('/').to_string();
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    panic!("no URL on stdout within {DEADLINE:?}\n{}", self.log())
                }
                Err(RecvTimeoutError::Disconnected) => {
                    let status = self.child.wait().ok();
                    panic!(
                        "docket serve ended ({status:?}) before printing its URL\n{}",
                        self.log()
                    )
                }
            }
        }
    }

    fn log(&self) -> String {
        self.stderr.lock().map(|l| l.clone()).unwrap_or_default()
    }

    /// `GET path`: the status and the body.
    fn get(&self, path: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(&self.addr).expect("connect to docket serve");
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .expect("set a read timeout");
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        )
        .expect("send the request");
        let mut response = Vec::new();
        stream
            .read_to_end(&mut response)
            .expect("read the response");
        let response = String::from_utf8_lossy(&response).into_owned();
        let (head, body) = response
            .split_once("\r\n\r\n")
            .unwrap_or_else(|| panic!("not an HTTP response: {response:?}"));
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no status in {head:?}"));
        (status, body.to_string())
    }

    /// Polls `GET path` until `ok(status, body)` holds; panics at the deadline.
    fn wait_for(&self, path: &str, what: &str, ok: impl Fn(u16, &str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let (status, body) = self.get(path);
            if ok(status, &body) {
                return body;
            }
            if started.elapsed() > DEADLINE {
                panic!(
                    "{what}: not seen at {path} within {DEADLINE:?}; last answer {status}:\n{body}\n--- stderr ---\n{}",
                    self.log()
                );
            }
            std::thread::sleep(POLL);
        }
    }
}

fn repo() -> Repo {
    let repo = Repo::new();
    repo.write_all(MINIMAL)
        .write(DECISION, decision("Use PostgreSQL"))
        .commit("handbook");
    repo
}

#[test]
fn a_change_on_disk_shows_in_the_served_page() {
    let repo = repo();
    let serve = Serve::start(&repo);
    let (status, page) = serve.get(PAGE);
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Use PostgreSQL"), "{page}");
    // The live script is in the served page (not in the built files).
    assert!(page.contains("<script src=\"/__docket/live.js\""), "{page}");
    let (status, script) = serve.get("/__docket/live.js");
    assert_eq!(status, 200);
    assert!(script.contains("/__docket/version"), "{script}");
    let (_, before) = serve.get("/__docket/version");
    assert_eq!(serve.get("/__docket/errors"), (200, String::new()));

    repo.write(DECISION, decision("Use SQLite after all"));
    let page = serve.wait_for(PAGE, "the new title", |s, b| {
        s == 200 && b.contains("Use SQLite after all")
    });
    assert!(!page.contains("Use PostgreSQL"), "{page}");
    let (_, after) = serve.get("/__docket/version");
    assert_ne!(before, after, "the version moves after a rebuild");

    // Other URLs: a folder is its index, unknown pages are 404, paths stay inside.
    assert_eq!(serve.get("/decisions/").0, 200);
    assert_eq!(serve.get("/no-such-page.html").0, 404);
    assert_ne!(serve.get("/../../etc/passwd").0, 200);
}

#[test]
fn broken_documents_and_templates_show_in_the_banner() {
    let repo = repo();
    let serve = Serve::start(&repo);
    assert_eq!(serve.get(PAGE).0, 200);

    // A document that cannot be parsed: the rest is rebuilt, the banner says why.
    repo.write(
        "docs/decisions/0002-broken.md",
        "---\ntitle: [unclosed\nstatus: proposed\n---\n",
    );
    repo.write(DECISION, decision("Use PostgreSQL, version 17"));
    let errors = serve.wait_for("/__docket/errors", "the diagnostic", |_, b| {
        b.contains("front-matter-syntax")
    });
    assert!(errors.contains("0002-broken.md"), "{errors}");
    let (status, page) = serve.get(PAGE);
    assert_eq!(status, 200);
    assert!(page.contains("Use PostgreSQL, version 17"), "{page}");

    // A template that does not compile: the build fails, the last good site stays.
    repo.write("templates/decision.html", "{% if %}broken{% endif %}\n");
    let errors = serve.wait_for("/__docket/errors", "the build failure", |_, b| {
        b.contains("could not be built")
    });
    assert!(errors.contains("decision.html"), "{errors}");
    let (status, page) = serve.get(PAGE);
    assert_eq!(status, 200, "the last good site is still served");
    assert!(page.contains("Use PostgreSQL, version 17"), "{page}");

    // Fixing both clears the banner.
    std::fs::remove_file(repo.path().join("templates/decision.html")).expect("remove");
    std::fs::remove_file(repo.path().join("docs/decisions/0002-broken.md")).expect("remove");
    serve.wait_for("/__docket/errors", "an empty banner", |s, b| {
        s == 200 && b.is_empty()
    });
}
