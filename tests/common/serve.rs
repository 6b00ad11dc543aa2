//! A running `docket serve --port 0` for the tests that speak to it: started in a
//! repository with its preview cache under a folder of the test's, its address read
//! from the line it prints once the first build is served, spoken to over plain
//! HTTP/1.1 on 127.0.0.1, killed when dropped. Nothing sleeps for a fixed time:
//! every wait polls with a deadline.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::RecvTimeoutError;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::{NOW, Repo};

/// How long the first build may take before serve prints its address.
const START: Duration = Duration::from_secs(120);
/// How long a rebuild may take to show (a debug build on a shared machine).
const DEADLINE: Duration = Duration::from_secs(60);
const POLL: Duration = Duration::from_millis(100);

/// A running `docket serve`.
pub struct Serve {
    child: Child,
    /// `127.0.0.1:PORT`.
    pub addr: String,
    /// Standard error so far, for failure messages.
    stderr: Arc<Mutex<String>>,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Serve {
    /// Starts `docket serve` in `repo` with its cache under a temporary folder
    /// beside the repository, which goes away with it.
    pub fn start(repo: &Repo) -> Serve {
        let tmp = repo.outside("tmp");
        std::fs::create_dir_all(&tmp).expect("create a temporary folder");
        Serve::start_in(repo.path(), &tmp)
    }

    /// Starts `docket serve --port 0` in `dir` with its cache under `tmp`, and waits
    /// for the address line.
    pub fn start_in(dir: &Path, tmp: &Path) -> Serve {
        Serve::start_in_with(dir, tmp, &[])
    }

    /// [`Serve::start_in`] with more environment (a debug build's test hooks).
    pub fn start_in_with(dir: &Path, tmp: &Path, env: &[(&str, &str)]) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_docket"))
            .current_dir(dir)
            .args(["--color", "never", "--now", NOW, "serve", "--port", "0"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .env_remove("DOCKET_NOW")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("TMPDIR", tmp)
            .envs(env.iter().copied())
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
        let log = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&log);
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
        let started = Instant::now();
        serve.addr = loop {
            match rx.recv_timeout(START.saturating_sub(started.elapsed())) {
                Ok(line) => {
                    if let Some((_, url)) = line.split_once("http://") {
                        break url.trim().trim_end_matches('/').to_string();
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    panic!("no address on stdout within {START:?}\n{}", serve.log())
                }
                Err(RecvTimeoutError::Disconnected) => {
                    let status = serve.child.wait().ok();
                    panic!(
                        "docket serve ended ({status:?}) before printing its address\n{}",
                        serve.log()
                    )
                }
            }
        };
        serve
    }

    /// `http://127.0.0.1:PORT/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// What serve wrote to standard error so far.
    pub fn log(&self) -> String {
        self.stderr.lock().map(|l| l.clone()).unwrap_or_default()
    }

    /// `GET path`: the status and the body's bytes.
    pub fn get_bytes(&self, path: &str) -> (u16, Vec<u8>) {
        get_bytes_from(&self.addr, path)
    }

    /// `GET path`: the status and the body as text.
    pub fn get(&self, path: &str) -> (u16, String) {
        get_from(&self.addr, path)
    }

    /// Polls `GET path` until `ok(status, body)` holds; panics at the deadline.
    pub fn wait_for(&self, path: &str, what: &str, ok: impl Fn(u16, &str) -> bool) -> String {
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

/// `GET path` from the server at `addr` (`127.0.0.1:PORT`): the status and the body's
/// bytes.
pub fn get_bytes_from(addr: &str, path: &str) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(addr).expect("connect to docket serve");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("set a read timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        addr
    )
    .expect("send the request");
    let mut response = Vec::new();
    stream
        .read_to_end(&mut response)
        .expect("read the response");
    let end = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("not an HTTP response for {path}"));
    let head = String::from_utf8_lossy(&response[..end]);
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {head:?}"));
    (status, response[end + 4..].to_vec())
}

/// `GET path` from the server at `addr`: the status and the body as text.
pub fn get_from(addr: &str, path: &str) -> (u16, String) {
    let (status, body) = get_bytes_from(addr, path);
    (status, String::from_utf8_lossy(&body).into_owned())
}
