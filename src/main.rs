//! The `docket` command line: parses arguments, reads `--now` / `DOCKET_NOW`, runs a
//! command through the driver and prints its result. This is the only code that
//! prints, reads the environment or asks the system clock.
//!
//! Exit status (SPEC §5): 0 no errors, 1 findings of severity error (or warnings with
//! `--deny-warnings`), 2 the command could not run.

mod authoring;
mod build;
mod check;
mod completions;
mod graph;
mod import;
mod index;
mod init;
mod kind_names;
mod metrics;
mod new;
mod schema;
mod serve;
mod status;
mod templates;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{ArgMatches, CommandFactory as _, FromArgMatches as _, Parser, Subcommand, ValueEnum};
use docket_model::time::{Time, parse_time};

/// Keeps a remote team's async way of working in its git repository.
#[derive(Parser, Debug)]
#[command(name = "docket", version, about, propagate_version = true)]
struct Cli {
    /// The current time for deadline rules (ISO 8601 date or date-time), for
    /// reproducible runs and tests. Without it, the DOCKET_NOW environment variable
    /// sets it, else the system clock does.
    #[arg(long, global = true, value_parser = parse_now)]
    now: Option<Time>,
    /// When to use colours.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Validate the handbook: every document, or the files and folders named.
    Check(check::CheckArgs),
    /// Build the handbook site.
    Build(build::BuildArgs),
    /// Move a decision to another number and rewrite every reference to it.
    Renumber(RenumberArgs),
    /// Rewrite adr-tools, MADR or log4brains decision records with docket front matter.
    Import(import::ImportArgs),
    /// Print the JSON Schema of a kind's front matter, for editors.
    Schema(schema::SchemaArgs),
    /// Print the supersession graph of the decisions (Mermaid or DOT).
    Graph(graph::GraphArgs),
    /// Serve the site on 127.0.0.1, rebuild on change and reload open pages.
    Serve(serve::ServeArgs),
    /// Print a shell completion script.
    Completions(completions::CompletionsArgs),
    /// Print the man page (roff).
    Man,
    /// Scaffold a handbook: charter, roster, decisions folder, docket.toml, CI workflow, pre-commit hook.
    Init(init::InitArgs),
    /// Write a new decision, brief, daily update or record of a kind of your own.
    New(new::NewArgs),
    /// Write the decision index (`docs/decisions/README.md`), or check that it is current.
    Index(index::IndexArgs),
    /// List open decisions past or near their deadline, overdue briefs and old blockers.
    Status(status::StatusArgs),
    /// The async-health figures (decision times, blockers, meeting load) and their targets.
    Metrics(metrics::MetricsArgs),
}

#[derive(clap::Args, Debug)]
struct RenumberArgs {
    /// The decision's current number.
    from: u32,
    /// The new number (must be free).
    to: u32,
    /// The repository, or any folder in it.
    #[arg(long)]
    path: Option<PathBuf>,
}

fn renumber(args: &RenumberArgs) -> anyhow::Result<Outcome> {
    let plan = docket_driver::jobs::renumber(&path_or_cwd(&args.path), args.from, args.to)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "renamed {} -> {}", plan.from_path, plan.to_path)?;
    for (path, edits) in &plan.edits {
        let references = count(edits.len(), "reference", "references");
        writeln!(out, "updated {references} in {path}")?;
    }
    Ok(Outcome::Clean)
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn parse_now(s: &str) -> Result<Time, String> {
    parse_time(s).ok_or_else(|| format!("`{s}` is not an ISO 8601 date or date-time"))
}

/// The clock of `DOCKET_NOW` (an empty one is unset): read here rather than by clap,
/// whose message would blame `--now` for a value the user set in the environment.
#[allow(clippy::disallowed_methods)]
fn docket_now() -> Result<Option<Time>, String> {
    let Some(value) = std::env::var_os("DOCKET_NOW") else {
        return Ok(None);
    };
    let Some(value) = value.to_str() else {
        return Err("`DOCKET_NOW` is not valid UTF-8; set it to an ISO 8601 date or date-time such as `2026-11-24` or `2026-11-24T16:00:00Z`".into());
    };
    if value.trim().is_empty() {
        return Ok(None);
    }
    parse_time(value).map(Some).ok_or_else(|| {
        format!(
            "`DOCKET_NOW` is `{value}`, which is not an ISO 8601 date or date-time such as `2026-11-24` or `2026-11-24T16:00:00Z`; set it to one, or unset it to use the system clock"
        )
    })
}

/// What a command tells `main`.
pub(crate) enum Outcome {
    /// No errors.
    Clean,
    /// Findings that fail the run.
    Failed,
}

/// Settings every command shares.
pub(crate) struct Global {
    now: Time,
    color: bool,
}

impl Command {
    /// Whether the command writes JSON (`--format json`), so that a run that cannot
    /// start writes a JSON document too (SPEC §5).
    fn json(&self) -> bool {
        match self {
            Command::Check(args) => args.json(),
            Command::Status(args) => args.json(),
            Command::Metrics(args) => args.json(),
            _ => false,
        }
    }
}

fn main() -> ExitCode {
    let parsed = Cli::command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m).map(|cli| (cli, m)));
    let (cli, matches) = match parsed {
        Ok(parsed) => parsed,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            if code == 2 && json_in_arguments() {
                let rendered = e.to_string();
                let first = rendered.lines().next().unwrap_or_default();
                json_error(&[plain_error(first.trim_start_matches("error: "))]);
            }
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    #[cfg(debug_assertions)]
    test_hooks();
    #[cfg(debug_assertions)]
    search_hooks();
    let json = cli.command.json();
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::io::stdout().is_terminal() && !no_color_requested(),
    };
    let stderr_color = match cli.color {
        ColorChoice::Auto => std::io::stderr().is_terminal() && !no_color_requested(),
        _ => color,
    };
    let now = match cli.now.map(Ok).or_else(|| docket_now().transpose()) {
        Some(Ok(now)) => now,
        None => system_now(),
        Some(Err(message)) => {
            if json {
                json_error(&[plain_error(&message)]);
            }
            let _ = writeln!(std::io::stderr().lock(), "error: {message}");
            return ExitCode::from(2);
        }
    };
    let global = Global { now, color };
    // Whatever the command, an interrupted `renumber` or `import` is finished first.
    let recovered = match start_path(&matches) {
        Some(start) => docket_driver::jobs::recover(&start).map(|r| {
            if let Some(r) = r {
                let _ = say_recovered(&mut std::io::stderr().lock(), &r);
            }
        }),
        None => Ok(()),
    };
    let result = match recovered {
        Ok(()) => run(cli.command, &global),
        Err(e) => Err(e.into()),
    };
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Failed) => ExitCode::from(1),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let driver = e.downcast_ref::<docket_driver::DriverError>();
            if json {
                match driver {
                    Some(d) => json_error(&d.run_errors()),
                    None => json_error(&[plain_error(&format!("{e:#}"))]),
                }
            }
            let mut err = std::io::stderr().lock();
            let _ = match driver {
                Some(docket_driver::DriverError::Config {
                    path,
                    text,
                    mistakes,
                }) => config_mistakes(&mut err, path, text, mistakes, stderr_color),
                _ => writeln!(err, "error: {e:#}"),
            };
            ExitCode::from(2)
        }
    }
}

/// Runs the command.
fn run(command: Command, global: &Global) -> anyhow::Result<Outcome> {
    match command {
        Command::Check(args) => check::run(&args, global),
        Command::Build(args) => build::run(&args, global),
        Command::Renumber(args) => renumber(&args),
        Command::Import(args) => import::run(&args),
        Command::Schema(args) => schema::run(&args),
        Command::Graph(args) => graph::run(&args),
        Command::Serve(args) => serve::run(&args, global),
        Command::Completions(args) => completions::completions(&args),
        Command::Man => completions::man(),
        Command::Init(args) => init::run(&args, global),
        Command::New(args) => new::run(&args, global),
        Command::Index(args) => index::run(&args, global),
        Command::Status(args) => status::run(&args, global),
        Command::Metrics(args) => metrics::run(&args, global),
    }
}

/// The folder or file a command works on (its `PATH` or `--path`, else the
/// current folder); `None` for the commands that read no repository.
fn start_path(matches: &ArgMatches) -> Option<PathBuf> {
    let (name, sub) = matches.subcommand()?;
    if matches!(name, "completions" | "man") {
        return None;
    }
    let given = ["path", "paths"].into_iter().find_map(|id| {
        sub.try_get_many::<PathBuf>(id)
            .ok()
            .flatten()
            .and_then(|mut paths| paths.next().cloned())
    });
    Some(given.unwrap_or_else(|| PathBuf::from(".")))
}

/// What finishing an interrupted change did, on standard error.
fn say_recovered(err: &mut dyn Write, r: &docket_driver::Recovered) -> std::io::Result<()> {
    let journal = r.journal.display();
    let finished = if r.left.is_empty() {
        "finished it"
    } else {
        "finished what it could"
    };
    writeln!(
        err,
        "note: `{}` was interrupted; {finished} from its journal `{journal}`: {} written now, {} written before the interruption",
        r.command,
        count(r.written, "file", "files"),
        r.done,
    )?;
    for path in &r.left {
        writeln!(
            err,
            "warning: left `{path}` as it is: it changed after `{}` was interrupted, so it holds neither its old nor its new text",
            r.command
        )?;
    }
    if let Some(kept) = &r.kept {
        writeln!(
            err,
            "note: the text docket meant to write is in `{}`; remove it once you have compared",
            kept.display()
        )?;
    }
    Ok(())
}

/// Debug builds only, for the browser test of a sharded search index:
/// `DOCKET_SEARCH_SHARD_DOCS=N` splits the index into shards above N documents
/// (20,000 otherwise), so that a small handbook takes the path of a large one.
#[cfg(debug_assertions)]
#[allow(clippy::disallowed_methods)]
fn search_hooks() {
    if let Some(n) = std::env::var("DOCKET_SEARCH_SHARD_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        docket_driver::search_shard_docs(n);
    }
}

/// Debug builds only, for the tests of interrupted writes:
/// `DOCKET_TEST_STOP_AFTER_WRITES=N` stops the process in place of its file
/// operation number N (from 0). It says so on standard error, then waits for
/// standard input to close so that the test can kill it (SIGKILL) at exactly that
/// point; if nobody does, it aborts.
#[cfg(debug_assertions)]
#[allow(clippy::disallowed_methods)]
fn test_hooks() {
    let Some(n) = std::env::var("DOCKET_TEST_STOP_AFTER_WRITES")
        .ok()
        .and_then(|v| v.parse().ok())
    else {
        return;
    };
    docket_driver::write::stop_after(n, |done| {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "docket: stopped after {done} file operations");
        let _ = err.flush();
        let _ = std::io::copy(&mut std::io::stdin().lock(), &mut std::io::sink());
        std::process::abort();
    });
}

/// A broken docket.toml: every mistake like a finding (the line, a caret under the
/// key or value, what to write instead), then one line that says docket cannot run.
fn config_mistakes(
    out: &mut dyn Write,
    path: &str,
    text: &str,
    mistakes: &[docket_diagnostics::Diagnostic],
    color: bool,
) -> std::io::Result<()> {
    let sources = std::collections::HashMap::from([(path.to_string(), text.to_string())]);
    let located = docket_diagnostics::locate(mistakes, &sources);
    docket_diagnostics::render_human(
        out,
        &located,
        &sources,
        docket_diagnostics::HumanOptions { color },
    )?;
    let (what, them) = match mistakes.len() {
        1 => ("a mistake".to_string(), "it is"),
        n => (format!("{n} mistakes"), "they are"),
    };
    writeln!(
        out,
        "error: {path} has {what}; docket cannot run until {them} fixed"
    )
}

/// A run error that is about no file.
fn plain_error(message: &str) -> docket_diagnostics::RunError {
    docket_diagnostics::RunError {
        message: message.to_string(),
        file: None,
        line: None,
        column: None,
    }
}

/// Writes the one JSON document of a run that could not start (SPEC §5) to stdout;
/// the human message still goes to stderr.
fn json_error(errors: &[docket_diagnostics::RunError]) {
    let mut out = std::io::stdout().lock();
    let _ = docket_diagnostics::render_json_error(&mut out, errors);
    let _ = out.flush();
}

/// Whether the raw arguments ask for `--format json`, for arguments clap refused
/// (then no command was parsed to ask).
fn json_in_arguments() -> bool {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    args.iter().any(|a| a == "--format=json")
        || args
            .windows(2)
            .any(|w| w[0] == "--format" && w[1] == "json")
}

/// The one place the real clock is read (decision 0006).
#[allow(clippy::disallowed_methods)]
fn system_now() -> Time {
    Time::now()
}

/// `NO_COLOR` set to anything but the empty string turns colours off (no-color.org).
#[allow(clippy::disallowed_methods)]
fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Output cut short by a closed pipe (`docket check | head`) is not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// `1 one` or `N many`.
/// Leaves `loaded` (a loaded handbook) to the operating system: the command ends
/// right after, and freeing 11,000 documents one allocation at a time was a tenth of
/// `docket check`'s time, all of it on one thread after the report was out.
pub(crate) fn leave_at_exit<T>(loaded: T) {
    std::mem::forget(loaded);
}

pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// PATH, defaulting to the current folder.
pub(crate) fn path_or_cwd(path: &Option<PathBuf>) -> PathBuf {
    path.clone().unwrap_or_else(|| PathBuf::from("."))
}

/// `path` made absolute against the working folder (`--forge FILE`), so that the
/// driver can tell whether it lies inside the repository.
pub(crate) fn absolute(path: &std::path::Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
