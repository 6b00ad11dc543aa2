//! Helpers shared by the end-to-end tests (STYLE habit 8): every test builds its own
//! git repository in a temporary folder, commits with fixed dates and names, and runs
//! the real `docket` binary with a fixed clock and no colours.
//!
//! [`Docket::run`] is the only way the tests start the binary. It enforces what must
//! hold for every run, whatever the input: the process ends within a deadline (a hang
//! fails the test instead of blocking it), it exits with a code rather than a signal,
//! and it never panics.

// Each test binary uses a different subset of these helpers, and a test that cannot
// set up its repository should stop right there.
#![allow(
    dead_code,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::print_stdout
)]

pub mod browser;
pub mod corpus;
pub mod serve;

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The clock of every run unless a test says otherwise.
pub const NOW: &str = "2026-11-24T12:00:00Z";

/// How long a run may take before the test fails. Generous, because the test binary
/// is a debug build and CI machines are shared.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// The fixed identity and dates of every commit, so that history is reproducible.
const GIT_NAME: &str = "Alice Ng";
const GIT_EMAIL: &str = "alice@example.com";
const GIT_DATE: &str = "2026-11-20T10:00:00Z";

/// A git repository in a temporary folder. The folder holds the repository (`repo/`),
/// an empty home for the child processes (`home/`) so that no user configuration
/// leaks in, and room for files outside the repository (`outside/`).
pub struct Repo {
    tmp: tempfile::TempDir,
    root: PathBuf,
}

impl Default for Repo {
    fn default() -> Self {
        Self::new()
    }
}

impl Repo {
    /// An empty git repository on branch `main`, without commits.
    pub fn new() -> Repo {
        let repo = Repo::plain();
        repo.git(&["init", "-q"]);
        repo
    }

    /// An empty folder that is not a git repository.
    pub fn plain() -> Repo {
        let tmp = tempfile::Builder::new()
            .prefix("docket-e2e-")
            .tempdir()
            .expect("create a temporary folder");
        let root = tmp.path().join("repo");
        std::fs::create_dir_all(&root).expect("create the repository folder");
        std::fs::create_dir_all(tmp.path().join("home")).expect("create the home folder");
        Repo { tmp, root }
    }

    /// The repository root.
    pub fn path(&self) -> &Path {
        &self.root
    }

    /// A path beside the repository (inside the temporary folder, outside the
    /// repository), for symbolic links that point out of it.
    pub fn outside(&self, rel: &str) -> PathBuf {
        self.tmp.path().join("outside").join(rel)
    }

    fn home(&self) -> PathBuf {
        self.tmp.path().join("home")
    }

    /// Writes `contents` to `rel` (a `/`-separated path in the repository), creating
    /// folders as needed.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> &Self {
        write_file(&self.root.join(rel), contents.as_ref());
        self
    }

    /// The text of the file at `rel`; panics when it cannot be read.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root.join(rel))
            .unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    /// Sets the repository's own git identity (the runs use no global config), the
    /// git user that `docket new` and `init` look up in the roster.
    pub fn identify(&self, name: &str, email: &str) {
        self.git(&["config", "user.name", name]);
        self.git(&["config", "user.email", email]);
    }

    /// Writes several files.
    pub fn write_all(&self, files: &[(&str, &str)]) -> &Self {
        for (rel, contents) in files {
            self.write(rel, contents);
        }
        self
    }

    /// Runs git in the repository with a fixed identity and dates and no user or
    /// system configuration; panics when git fails.
    pub fn git(&self, args: &[&str]) -> String {
        self.git_in(&self.root, args, &[])
    }

    /// Runs git in `dir` (a clone or a worktree beside the repository, say) like
    /// [`Repo::git`], with `env` set after the fixed identity and dates so that it
    /// can override them (`GIT_AUTHOR_DATE`, ...); panics when git fails.
    pub fn git_in(&self, dir: &Path, args: &[&str], env: &[(&str, &str)]) -> String {
        let mut cmd = Command::new("git");
        cmd.args([
            "-c",
            &format!("user.name={GIT_NAME}"),
            "-c",
            &format!("user.email={GIT_EMAIL}"),
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "core.autocrlf=false",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", GIT_NAME)
        .env("GIT_AUTHOR_EMAIL", GIT_EMAIL)
        .env("GIT_COMMITTER_NAME", GIT_NAME)
        .env("GIT_COMMITTER_EMAIL", GIT_EMAIL)
        .env("GIT_AUTHOR_DATE", GIT_DATE)
        .env("GIT_COMMITTER_DATE", GIT_DATE)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", self.home());
        for (key, value) in env {
            cmd.env(key, value);
        }
        let out = cmd.output().expect("run git (is it installed?)");
        assert!(
            out.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Stages everything and commits it.
    pub fn commit(&self, message: &str) -> &Self {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "--allow-empty", "-m", message]);
        self
    }

    /// Stages everything and commits it as `name <email>` (author and committer),
    /// authored at `author_date` and committed at `committer_date` (ISO 8601, any
    /// offset).
    pub fn commit_as(
        &self,
        message: &str,
        name: &str,
        email: &str,
        author_date: &str,
        committer_date: &str,
    ) -> &Self {
        self.git(&["add", "-A"]);
        self.git_as(
            &["commit", "-q", "--allow-empty", "-m", message],
            name,
            email,
            author_date,
            committer_date,
        );
        self
    }

    /// Runs git in the repository as `name <email>` (author and committer), with the
    /// given author and committer dates; panics when git fails.
    pub fn git_as(
        &self,
        args: &[&str],
        name: &str,
        email: &str,
        author_date: &str,
        committer_date: &str,
    ) -> String {
        self.git_in(
            &self.root,
            args,
            &[
                ("GIT_AUTHOR_NAME", name),
                ("GIT_AUTHOR_EMAIL", email),
                ("GIT_COMMITTER_NAME", name),
                ("GIT_COMMITTER_EMAIL", email),
                ("GIT_AUTHOR_DATE", author_date),
                ("GIT_COMMITTER_DATE", committer_date),
            ],
        )
    }

    /// `docket <args>` in this repository, with the test clock and no colours.
    pub fn docket(&self) -> Docket {
        Docket::new(&self.root).home(self.home())
    }

    /// `docket <args>` run from `dir` (a subfolder, a clone or a worktree beside the
    /// repository) with the same empty home as [`Repo::docket`]; `dir` is shown as
    /// `[REPO]` in the output.
    pub fn docket_in(&self, dir: &Path) -> Docket {
        Docket::new(dir).home(self.home())
    }

    /// `docket check --format json` (plus `extra`) in this repository.
    pub fn check_json(&self, extra: &[&str]) -> Run {
        self.docket()
            .args(["check", "--format", "json"])
            .args(extra.iter().copied())
            .run()
    }

    /// `docket check` (human format, plus `extra`) in this repository.
    pub fn check_human(&self, extra: &[&str]) -> Run {
        self.docket()
            .args(["check"])
            .args(extra.iter().copied())
            .run()
    }
}

/// Writes a file, creating its folder.
pub fn write_file(path: &Path, contents: &[u8]) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create folder");
    }
    std::fs::write(path, contents).expect("write file");
}

/// A run of the binary being prepared.
pub struct Docket {
    cmd: Command,
    args: Vec<String>,
    now: Option<String>,
    color: String,
    timeout: Duration,
    /// Paths replaced by a label such as `[REPO]` in the output.
    redact: Vec<(PathBuf, String)>,
}

impl Docket {
    /// `docket` with `cwd` as its working folder.
    pub fn new(cwd: &Path) -> Docket {
        Docket::wrapped(cwd, &[])
    }

    /// `docket` started through another program, such as `/usr/bin/time -o FILE`:
    /// `wrapper` is that program and its arguments, followed by the binary's path.
    pub fn wrapped(cwd: &Path, wrapper: &[&str]) -> Docket {
        let bin = env!("CARGO_BIN_EXE_docket");
        let mut cmd = match wrapper.split_first() {
            None => Command::new(bin),
            Some((program, args)) => {
                let mut cmd = Command::new(program);
                cmd.args(args).arg(bin);
                cmd
            }
        };
        cmd.current_dir(cwd)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            // Whatever the developer's shell says, the runs are the same.
            .env_remove("DOCKET_NOW")
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null");
        Docket {
            cmd,
            args: Vec::new(),
            now: Some(NOW.to_string()),
            color: "never".to_string(),
            timeout: TIMEOUT,
            redact: vec![(cwd.to_path_buf(), "[REPO]".to_string())],
        }
    }

    fn home(mut self, home: PathBuf) -> Docket {
        self.cmd
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"));
        self
    }

    /// Appends arguments.
    pub fn args<I, S>(mut self, args: I) -> Docket
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.args
            .extend(args.into_iter().map(|a| a.as_ref().to_string()));
        self
    }

    /// Sets an environment variable for the run.
    pub fn env(mut self, key: &str, value: &str) -> Docket {
        self.cmd.env(key, value);
        self
    }

    /// Runs with `--now VALUE` instead of the test clock.
    pub fn now(mut self, value: &str) -> Docket {
        self.now = Some(value.to_string());
        self
    }

    /// Runs without `--now` (for `DOCKET_NOW`, or to read the real clock).
    pub fn without_now(mut self) -> Docket {
        self.now = None;
        self
    }

    /// Runs with `--color WHEN` instead of `never`.
    pub fn color(mut self, when: &str) -> Docket {
        self.color = when.to_string();
        self
    }

    /// Fails the test when the run takes longer than `timeout`.
    pub fn timeout(mut self, timeout: Duration) -> Docket {
        self.timeout = timeout;
        self
    }

    /// Also replaces `path` by `label` in the output.
    pub fn redact(mut self, path: &Path, label: &str) -> Docket {
        self.redact.push((path.to_path_buf(), label.to_string()));
        self
    }

    /// Runs the binary: global options first (`--color`, `--now`), then the
    /// arguments. Panics when the process outlives its deadline (after killing it),
    /// dies from a signal, or panics.
    pub fn run(mut self) -> Run {
        self.cmd.args(["--color", &self.color]);
        if let Some(now) = &self.now {
            self.cmd.args(["--now", now]);
        }
        self.cmd.args(&self.args);
        let shown = format!(
            "docket --color {} {} {}",
            self.color,
            self.now
                .as_ref()
                .map(|n| format!("--now {n}"))
                .unwrap_or_default(),
            self.args.join(" ")
        );
        let started = Instant::now();
        let mut child = self.cmd.spawn().expect("start the docket binary");
        // Read both pipes on their own threads, so that a child that fills one pipe
        // never blocks while the test waits for it to exit.
        let mut stdout = child.stdout.take().expect("piped stdout");
        let mut stderr = child.stderr.take().expect("piped stderr");
        let out_reader = std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = stdout.read_to_end(&mut buf);
            buf
        });
        let err_reader = std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = stderr.read_to_end(&mut buf);
            buf
        });
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait for docket") {
                break status;
            }
            if started.elapsed() > self.timeout {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "`{shown}` did not finish within {:?}: it hangs",
                    self.timeout
                );
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        let elapsed = started.elapsed();
        let stdout = out_reader.join().expect("stdout reader");
        let stderr = err_reader.join().expect("stderr reader");
        let mut run = Run {
            command: shown,
            code: status.code(),
            stdout: String::from_utf8_lossy(&stdout).into_owned(),
            stderr: String::from_utf8_lossy(&stderr).into_owned(),
            elapsed,
        };
        for (path, label) in &self.redact {
            run.redact(path, label);
        }
        assert!(
            run.code.is_some(),
            "`{}` was killed by a signal (stack overflow? out of memory?)\n{run}",
            run.command
        );
        assert!(
            !run.stderr.contains("panicked") && !run.stderr.contains("overflowed its stack"),
            "`{}` panicked\n{run}",
            run.command
        );
        run
    }
}

/// How a run told to stop at a file operation ended ([`Docket::run_stopped_at`]).
pub enum Stopped {
    /// It reached the operation and was killed there (SIGKILL); what it had said on
    /// standard error.
    Killed(String),
    /// It had fewer operations and finished.
    Finished(Run),
}

impl Docket {
    /// Runs the binary (a debug build) with `DOCKET_TEST_STOP_AFTER_WRITES=n`: when
    /// it reaches its file operation number `n` (from 0) it says so and waits, and
    /// this kills it there with SIGKILL, so a test can look at what a kill at exactly
    /// that point leaves. No timing is involved: the process stops itself at the
    /// point and is killed while it waits.
    pub fn run_stopped_at(mut self, n: u64) -> Stopped {
        use std::io::BufRead as _;
        self.cmd
            .env("DOCKET_TEST_STOP_AFTER_WRITES", n.to_string())
            .stdin(Stdio::piped());
        self.cmd.args(["--color", &self.color]);
        if let Some(now) = &self.now {
            self.cmd.args(["--now", now]);
        }
        self.cmd.args(&self.args);
        let mut child = self.cmd.spawn().expect("start the docket binary");
        let mut stdout = child.stdout.take().expect("piped stdout");
        let stderr = child.stderr.take().expect("piped stderr");
        std::thread::spawn(move || {
            let _ = std::io::copy(&mut stdout, &mut std::io::sink());
        });
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut said = String::new();
        let stopped = loop {
            match rx.recv_timeout(self.timeout) {
                Ok(line) => {
                    let stop = line.starts_with("docket: stopped after");
                    said.push_str(&line);
                    said.push('\n');
                    if stop {
                        break true;
                    }
                }
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break false,
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                    let _ = child.kill();
                    panic!(
                        "`docket {}` neither stopped nor finished: it hangs\n{said}",
                        self.args.join(" ")
                    );
                }
            }
        };
        if stopped {
            child.kill().expect("kill docket");
            let status = child.wait().expect("wait for docket");
            #[cfg(unix)]
            {
                use std::os::unix::process::ExitStatusExt as _;
                assert_eq!(status.signal(), Some(9), "killed with SIGKILL\n{said}");
            }
            #[cfg(not(unix))]
            let _ = status;
            return Stopped::Killed(said);
        }
        let status = child.wait().expect("wait for docket");
        Stopped::Finished(Run {
            command: format!("docket {}", self.args.join(" ")),
            code: status.code(),
            stdout: String::new(),
            stderr: said,
            elapsed: Duration::ZERO,
        })
    }
}

/// What a run printed and how it ended.
pub struct Run {
    /// The command line, for messages.
    pub command: String,
    /// The exit code.
    pub code: Option<i32>,
    /// Standard output, with the repository's path replaced by `[REPO]`.
    pub stdout: String,
    /// Standard error, with the repository's path replaced by `[REPO]`.
    pub stderr: String,
    /// How long the run took.
    pub elapsed: Duration,
}

impl Run {
    fn redact(&mut self, path: &Path, label: &str) {
        let mut forms = vec![path.to_path_buf()];
        if let Ok(canonical) = path.canonicalize() {
            forms.push(canonical);
        }
        // Longest first, so that a canonical path that extends the given one is
        // replaced whole.
        forms.sort_by_key(|p| std::cmp::Reverse(p.as_os_str().len()));
        for form in forms {
            let s = form.to_string_lossy();
            if s.is_empty() {
                continue;
            }
            self.stdout = self.stdout.replace(s.as_ref(), label);
            self.stderr = self.stderr.replace(s.as_ref(), label);
        }
    }

    /// Panics unless the exit code is `code`.
    #[track_caller]
    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code,
            Some(code),
            "unexpected exit code of `{}`\n{self}",
            self.command
        );
        self
    }

    /// Standard output as JSON; panics when it is not valid JSON.
    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout of `{}` is not valid JSON ({e})\n{self}",
                self.command
            )
        })
    }

    /// The diagnostics of a `--format json` run.
    #[track_caller]
    pub fn diagnostics(&self) -> Vec<Diag> {
        let json = self.json();
        assert_eq!(json["version"], 1, "the JSON output has version 1");
        json["diagnostics"]
            .as_array()
            .unwrap_or_else(|| panic!("`diagnostics` is not a list\n{self}"))
            .iter()
            .map(|d| Diag {
                rule: d["rule"].as_str().unwrap_or_default().to_string(),
                severity: d["severity"].as_str().unwrap_or_default().to_string(),
                file: d["file"].as_str().unwrap_or_default().to_string(),
                line: d["line"].as_u64().unwrap_or_default(),
                column: d["column"].as_u64().unwrap_or_default(),
                message: d["message"].as_str().unwrap_or_default().to_string(),
            })
            .collect()
    }

    /// The `summary` object of a `--format json` run.
    #[track_caller]
    pub fn summary(&self) -> Summary {
        let json = self.json();
        let s = &json["summary"];
        let n = |key: &str| {
            s[key]
                .as_u64()
                .unwrap_or_else(|| panic!("summary.{key} is not a number\n{self}"))
        };
        Summary {
            files: n("files"),
            errors: n("errors"),
            warnings: n("warnings"),
            infos: n("infos"),
        }
    }
}

impl fmt::Display for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Keep failure messages readable when a test feeds megabytes of input.
        fn cut(s: &str) -> String {
            const MAX: usize = 20_000;
            if s.len() <= MAX {
                return s.to_string();
            }
            let mut end = MAX;
            while !s.is_char_boundary(end) {
                end -= 1;
            }
            format!("{}… [{} more bytes]", &s[..end], s.len() - end)
        }
        writeln!(f, "--- exit code: {:?} ({:?})", self.code, self.elapsed)?;
        writeln!(f, "--- stdout:\n{}", cut(&self.stdout))?;
        write!(f, "--- stderr:\n{}", cut(&self.stderr))
    }
}

/// The counts of a `--format json` run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Files checked.
    pub files: u64,
    /// Findings of severity error.
    pub errors: u64,
    /// Findings of severity warning.
    pub warnings: u64,
    /// Findings of severity info.
    pub infos: u64,
}

/// One diagnostic of the JSON output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diag {
    /// Rule id.
    pub rule: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    /// Repository-relative path.
    pub file: String,
    /// 1-based line.
    pub line: u64,
    /// 1-based column.
    pub column: u64,
    /// Message (with the help after `; `).
    pub message: String,
}

impl fmt::Display for Diag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut message: String = self.message.chars().take(160).collect();
        if message.len() < self.message.len() {
            message.push('…');
        }
        write!(
            f,
            "{}:{}:{} {}[{}] {}",
            self.file, self.line, self.column, self.severity, self.rule, message
        )
    }
}

/// One line per diagnostic, for failure messages.
pub fn listing(diags: &[Diag]) -> String {
    if diags.is_empty() {
        return "  (no diagnostics)".to_string();
    }
    diags.iter().map(|d| format!("  {d}\n")).collect()
}

/// The diagnostics of one file.
pub fn of_file<'a>(diags: &'a [Diag], file: &str) -> Vec<&'a Diag> {
    diags.iter().filter(|d| d.file == file).collect()
}

/// Panics unless a diagnostic of `rule` is reported in `file` at `line`; returns it.
#[track_caller]
pub fn assert_diag<'a>(diags: &'a [Diag], rule: &str, file: &str, line: u64) -> &'a Diag {
    diags
        .iter()
        .find(|d| d.rule == rule && d.file == file && d.line == line)
        .unwrap_or_else(|| {
            panic!(
                "expected `{rule}` at {file}:{line}; the diagnostics were:\n{}",
                listing(diags)
            )
        })
}

/// Panics when `file` has any diagnostic.
#[track_caller]
pub fn assert_no_diag(diags: &[Diag], file: &str) {
    let found: Vec<Diag> = of_file(diags, file).into_iter().cloned().collect();
    assert!(
        found.is_empty(),
        "expected no diagnostic for {file}, found:\n{}",
        listing(&found)
    );
}

/// An accepted decision in docket's own format, with its options and outcome in
/// body sections.
pub const ACCEPTED: &str = "---
title: Use PostgreSQL
status: accepted
owner: alice
date: 2026-11-01
decided: 2026-11-02
---
## Options

- PostgreSQL
- SQLite

## Decision

PostgreSQL, because we know it.
";

/// A roster, a charter with its four sections and an empty meeting inventory: the
/// least a handbook needs for its documents to be judged on their own.
pub const MINIMAL: &[(&str, &str)] = &[
    ("docs/meetings.yaml", "[]\n"),
    (
        "docs/people.yaml",
        "\
- id: alice
  name: Alice Ng
  role: Lead engineer
  timezone: Europe/Berlin
  handle: \"@alice\"
- id: bob
  name: Bob Okafor
  timezone: America/Toronto
  team: platform
- id: carol
  name: Carol Lindqvist
  timezone: Europe/Stockholm
",
    ),
    (
        "docs/charter.md",
        "\
---
title: How we work
owner: alice
reviewed: 2026-11-01
response_time: 4h
decision_deadline: 48h
meeting_lengths: [25, 50]
---
# How we work

## What requires a meeting

A decision that is stuck after two rounds of comments, and pairing.

## Response times

Direct questions within four working hours.

## Where communication lives

Decisions in decision records, tasks in briefs, progress in the daily updates.
Who is who: [the roster](people.yaml).

## Escalation

Ask the owner, then the lead.
",
    ),
];

/// A clean handbook: every kind, each written correctly, with references between
/// documents that resolve. `docket check` must find nothing in it at [`NOW`].
pub const CLEAN: &[(&str, &str)] = &[
    (
        "docket.toml",
        "\
root = \"docs\"

[site]
title = \"Acme handbook\"
",
    ),
    (
        "docs/decisions/README.md",
        "# Decisions\n\nOne record per decision, numbered.\n",
    ),
    (
        "docs/decisions/0001-use-mysql.md",
        "\
---
title: Use MySQL for billing
status: superseded
owner: bob
date: 2026-10-01
superseded_by: 3
---

## Context

Billing needs a relational store.
",
    ),
    (
        "docs/decisions/0002-adopt-written-updates.md",
        "\
---
title: Replace the daily stand-up with written updates
status: proposed
owner: alice
date: 2026-11-23
deadline: 2026-12-01
consulted: [bob, carol]
tags: [process]
---

## Context

Our working hours overlap for three hours a day.
",
    ),
    (
        "docs/decisions/0003-use-postgresql.md",
        "\
---
title: Use PostgreSQL for billing
status: accepted
owner: alice
date: 2026-11-10
decided: 2026-11-12
supersedes: [1]
options:
  - name: PostgreSQL
    pros: [transactions, json columns]
  - name: MySQL
    cons: [no transactional DDL]
outcome: PostgreSQL, because migrations run in one transaction.
informed: [carol]
tags: [storage, billing]
---

## Context

See [the MySQL record](0001-use-mysql.md), which this one replaces.
",
    ),
    (
        "docs/decisions/0004-weekly-decision-review.md",
        "\
---
title: Hold a weekly decision review
status: accepted
owner: carol
date: 2026-11-02
decided: 2026-11-04
---

## Options

- A weekly 25-minute review of stuck decisions
- No meeting: comments only

## Decision

A weekly review, because two decisions stalled for a week in comments.
",
    ),
    (
        "docs/briefs/migrate-billing.md",
        "\
---
title: Migrate billing to PostgreSQL
owner: bob
deadline: 2026-12-15
status: active
estimate: 16
---

## Context

Follows [decision 3](../decisions/0003-use-postgresql.md).

## Expected Output

A migration script and a runbook.

## ACCEPTANCE CRITERIA

- Every invoice of 2025 reads back identically.
",
    ),
    (
        "docs/updates/2026-11-24/alice.md",
        "\
Done: wrote the PostgreSQL migration plan.
Next: review the billing brief.
Blocker: waiting for comments on #2
",
    ),
    (
        "docs/updates/2026-11-24/bob.md",
        "\
Done: dumped the billing schema.
Next: the migration script.
Blocker: none
",
    ),
    (
        "docs/meetings.yaml",
        "\
- name: Decision review
  category: decision
  cadence: weekly
  duration: 25
  attendees: [alice, bob, carol]
  agenda: true
- name: Pairing
  category: work
  cadence: biweekly
  duration: 50
  attendees: [bob, carol]
  agenda: false
",
    ),
    (
        "docs/updates/2026-11-23/carol.md",
        "\
---
tags: [billing]
---
Done: read the billing schema.
Next: comment on 0002-adopt-written-updates.md.
Blocker: waiting for review of 0003-use-postgresql.md
",
    ),
    (
        "docs/guide/team notes.md",
        "# Team notes\n\nA page whose file name has a space.\n",
    ),
    (
        "docs/img/chart.png",
        "not really a PNG: assets are linked to, never parsed",
    ),
    (
        "docs/guide/writing.md",
        "\
---
title: Writing links
---
# Writing links

Every form of link below resolves, so none of them is a broken reference:

- with an anchor: [the context](../decisions/0003-use-postgresql.md#context);
- percent-encoded: [notes](team%20notes.md), and in angle brackets: [notes](<team notes.md>);
- an image: ![a chart](../img/chart.png \"Meetings per week\");
- a folder: [all decisions](../decisions/), and this page's own [top](#writing-links);
- other sites: [MADR](https://adr.github.io/madr/), [mail](mailto:team@example.com);
- reference style: [the brief][brief].

[brief]: ../briefs/migrate-billing.md

Text that only looks like a link is not one: `[code](nowhere.md)`, and

```markdown
[in a code block](nowhere-either.md)
```
",
    ),
    (
        "docs/guide/onboarding.md",
        "\
---
title: Onboarding
owner: alice
---
# Onboarding

Read [the charter](../charter.md) first, then the [billing brief](../briefs/migrate-billing.md).
",
    ),
];

/// A committed repository holding [`MINIMAL`] and [`CLEAN`].
pub fn clean_repo() -> Repo {
    let repo = Repo::new();
    repo.write_all(MINIMAL)
        .write_all(CLEAN)
        .commit("clean handbook");
    repo
}

/// A committed repository holding [`MINIMAL`] and `files`.
pub fn minimal_repo_with(files: &[(&str, &[u8])]) -> Repo {
    let repo = Repo::new();
    repo.write_all(MINIMAL);
    for (rel, contents) in files {
        repo.write(rel, contents);
    }
    repo.commit("handbook");
    repo
}

/// `../shared/<sub>` (beside this repository), or `None` after saying so when it is
/// absent. CI sets `DOCKET_REQUIRE_SHARED=1` (`.ci/run`), which makes absence a
/// failure instead of a skip; a user's fresh clone has no `../shared`.
pub fn shared(sub: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(sub);
    if dir.exists() {
        return Some(dir);
    }
    // The test's own switch, set by CI; docket itself never reads it.
    #[allow(clippy::disallowed_methods)]
    let required = std::env::var("DOCKET_REQUIRE_SHARED").is_ok_and(|v| v == "1");
    assert!(
        !required,
        "DOCKET_REQUIRE_SHARED=1 but {} does not exist",
        dir.display()
    );
    println!(
        "skipped: {} not found (set DOCKET_REQUIRE_SHARED=1 to make this a failure)",
        dir.display()
    );
    None
}

/// Copies every file under `from` into `repo` at `to` (`""`: its root), leaving out
/// any `.git`. Shared corpora are copied into temporary repositories, never into the
/// project.
pub fn copy_tree(repo: &Repo, from: &Path, to: &str) {
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name == ".git" {
            continue;
        }
        let rel = if to.is_empty() {
            name
        } else {
            format!("{to}/{name}")
        };
        if path.is_dir() {
            copy_tree(repo, &path, &rel);
        } else {
            repo.write(&rel, std::fs::read(&path).unwrap());
        }
    }
}
