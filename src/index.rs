//! `docket index [--check]`: writes the decision folder's `README.md`, a Markdown table
//! of every decision that reads well on a code forge. `--check` only compares, for CI:
//! exit 1 when the file is missing or stale. The index and its writing are the
//! driver's index job; this module prints what it did.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use docket_driver::jobs::{IndexMode, IndexState};

use crate::{Global, Outcome, count, path_or_cwd};

#[derive(Args, Debug)]
pub(crate) struct IndexArgs {
    /// The repository, or any folder in it.
    path: Option<PathBuf>,
    /// Write nothing; exit 1 when the index is missing or out of date.
    #[arg(long)]
    check: bool,
}

pub(crate) fn run(args: &IndexArgs, _global: &Global) -> anyhow::Result<Outcome> {
    let mode = if args.check {
        IndexMode::Check
    } else {
        IndexMode::Update
    };
    let index = docket_driver::jobs::index(&path_or_cwd(&args.path), mode)?;
    let rel = &index.path;
    let decisions = count(index.decisions, "decision", "decisions");
    let mut out = std::io::stdout().lock();
    let (line, outcome) = match index.state {
        IndexState::Current if args.check => {
            (format!("{rel} is up to date ({decisions})"), Outcome::Clean)
        }
        IndexState::Current => (
            format!("{rel} is already up to date ({decisions})"),
            Outcome::Clean,
        ),
        IndexState::Missing => (
            format!("{rel} is missing; run `docket index` to write it"),
            Outcome::Failed,
        ),
        IndexState::Stale => (
            format!("{rel} is out of date; run `docket index` to update it"),
            Outcome::Failed,
        ),
        IndexState::Written => (format!("wrote {rel} ({decisions})"), Outcome::Clean),
    };
    writeln!(out, "{line}")?;
    Ok(outcome)
}
