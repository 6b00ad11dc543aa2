//! `docket metrics`: the figures of SPEC §10 and their targets.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use docket_check::metrics::{render_human, render_json};

use crate::{Global, Outcome, absolute, path_or_cwd};

#[derive(Args, Debug)]
pub(crate) struct MetricsArgs {
    /// The repository, or any folder in it.
    path: Option<PathBuf>,
    /// A pull-request export (`gh pr list --json …`) for reply times and
    /// approvals; overrides `[forge] pulls` in docket.toml.
    #[arg(long, value_name = "FILE")]
    forge: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

impl MetricsArgs {
    /// Whether the output is JSON (then a run that cannot start still writes JSON).
    pub(crate) fn json(&self) -> bool {
        matches!(self.format, Format::Json)
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Human,
    Json,
}

pub(crate) fn run(args: &MetricsArgs, global: &Global) -> anyhow::Result<Outcome> {
    let forge = args.forge.as_deref().map(absolute);
    let noted =
        docket_driver::jobs::metrics(&path_or_cwd(&args.path), global.now, forge.as_deref())?;
    for note in &noted.notes {
        let _ = writeln!(std::io::stderr().lock(), "note: {note}");
    }
    let m = noted.value;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        Format::Json => render_json(&mut out, &m)?,
        Format::Human => render_human(&mut out, &m)?,
    }
    out.flush()?;
    Ok(Outcome::Clean)
}
