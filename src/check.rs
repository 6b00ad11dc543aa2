//! `docket check`.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use docket_diagnostics::{Counts, HumanOptions, locate, render_human, render_json};
use docket_driver::Sources;

use crate::{Global, Outcome, path_or_cwd};

#[derive(Args, Debug)]
pub(crate) struct CheckArgs {
    /// The repository, or any folder in it.
    path: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    deny_warnings: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Human,
    Json,
}

pub(crate) fn run(args: &CheckArgs, global: &Global) -> anyhow::Result<Outcome> {
    let ws = docket_driver::load(&path_or_cwd(&args.path))?;
    let report = docket_driver::check(&ws, global.now);
    let sources = Sources(&ws.repo);
    let located = locate(&report.diagnostics, &sources);
    let counts = Counts::of(&report.diagnostics);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        Format::Json => render_json(&mut out, &located, report.files, counts)?,
        Format::Human => {
            render_human(
                &mut out,
                &located,
                &sources,
                HumanOptions {
                    color: global.color,
                },
            )?;
            writeln!(out, "{}", summary(report.files, counts))?;
        }
    }
    out.flush().context("writing the report")?;
    let failed = counts.errors > 0 || (args.deny_warnings && counts.warnings > 0);
    Ok(if failed {
        Outcome::Failed
    } else {
        Outcome::Clean
    })
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn summary(files: usize, c: Counts) -> String {
    if c.errors + c.warnings + c.infos == 0 {
        return format!("checked {}: no problems", plural(files, "file"));
    }
    format!(
        "checked {}: {}, {}, {}",
        plural(files, "file"),
        plural(c.errors, "error"),
        plural(c.warnings, "warning"),
        plural(c.infos, "note"),
    )
}
