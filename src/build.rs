//! `docket build`: builds despite findings (a summary goes to stderr); `--strict`
//! fails on errors without writing anything.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::Args;
use docket_diagnostics::{Counts, HumanOptions, Severity, locate, render_human};
use docket_driver::Sources;
use docket_driver::jobs::{BuildOptions, Built, Site};

use crate::{Global, Outcome, absolute, count, path_or_cwd};

#[derive(Args, Debug)]
pub(crate) struct BuildArgs {
    /// The repository, or any folder in it.
    path: Option<PathBuf>,
    /// A pull-request export (`gh pr list --json …`) for reply times and
    /// approvals; overrides `[forge] pulls` in docket.toml.
    #[arg(long, value_name = "FILE")]
    forge: Option<PathBuf>,
    /// Output folder (default: `site` in the repository root).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Absolute base URL for the sitemap and feed (overrides `[site] base_url`);
    /// an `https://` or `http://` address, like `[site] base_url`.
    #[arg(long, value_parser = web_address)]
    base_url: Option<String>,
    /// Fail (exit 1, nothing written) when the check finds errors.
    #[arg(long)]
    strict: bool,
    /// Do not list decisions proposed on other branches as pending.
    #[arg(long)]
    no_branches: bool,
    /// Print the time of each phase (walk, read + parse, history, check, prepare,
    /// render + write, swap) and what it handled to standard error.
    #[arg(long)]
    timings: bool,
}

/// `--base-url` is checked like `[site] base_url`: the feed and the sitemap write it
/// into every link, so a `javascript:` or relative value is refused before anything
/// is built.
fn web_address(text: &str) -> Result<String, String> {
    if docket_model::is_web_address(text) {
        Ok(text.to_string())
    } else {
        Err(format!(
            "`{text}` is not a web address; use one starting with `https://` or `http://`, such as `https://handbook.example.com/`"
        ))
    }
}

pub(crate) fn run(args: &BuildArgs, global: &Global) -> anyhow::Result<Outcome> {
    let options = BuildOptions {
        out: args.out.clone(),
        base_url: args.base_url.clone(),
        strict: args.strict,
        branches: !args.no_branches,
        forge: args.forge.as_deref().map(absolute),
    };
    let terminal = std::io::stderr().is_terminal();
    let progress = |done: usize, total: usize| {
        if terminal && (done.is_multiple_of(50) || done == total) {
            let mut e = std::io::stderr().lock();
            let _ = write!(e, "\r  building pages {done}/{total}");
            let _ = e.flush();
        }
    };
    let Built { ws, report, site } =
        docket_driver::jobs::build(&path_or_cwd(&args.path), &options, global.now, &progress)?;
    let counts = Counts::of(&report.diagnostics);
    let mut err = std::io::stderr().lock();
    let summary = match site {
        Site::Written(summary) => summary,
        Site::Failed(e) => return Err(e.into()),
        Site::Refused => {
            let errors: Vec<_> = report
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .cloned()
                .collect();
            let sources = Sources(&ws.repo);
            render_human(
                &mut err,
                &locate(&errors, &sources),
                &sources,
                HumanOptions {
                    color: global.color,
                },
            )?;
            writeln!(
                err,
                "build stopped (--strict): {}; nothing was written",
                count(counts.errors, "error", "errors")
            )?;
            return Ok(Outcome::Failed);
        }
    };
    if terminal {
        writeln!(err)?;
    }
    for note in ws.notes.iter().chain(&summary.notes) {
        writeln!(err, "note: {note}")?;
    }
    if counts.errors + counts.warnings > 0 {
        writeln!(
            err,
            "warning: the handbook has {} and {}; run `docket check` for details",
            count(counts.errors, "error", "errors"),
            count(counts.warnings, "warning", "warnings")
        )?;
    }
    writeln!(
        err,
        "built {} into {} (search index {} KB)",
        count(summary.pages, "page", "pages"),
        summary.out.display(),
        summary.search_bytes.div_ceil(1024)
    )?;
    if args.timings {
        write!(err, "{}", ws.timings.render())?;
    }
    // The previous site is removed on a thread of its own after the swap; the
    // summary is out, so only the exit waits for it.
    let started = std::time::Instant::now();
    summary.cleanup.wait();
    if args.timings {
        writeln!(
            err,
            "  (after the summary: previous site removed in {})",
            docket_driver::timings::seconds(started.elapsed())
        )?;
    }
    crate::leave_at_exit(ws);
    Ok(Outcome::Clean)
}
