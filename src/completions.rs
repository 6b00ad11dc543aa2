//! `docket completions SHELL` (clap_complete) and `docket man` (clap_mangen): both
//! generated from the command-line definition, so they never fall behind it.

use std::io::Write;

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use crate::{Cli, Outcome};

#[derive(Args, Debug)]
pub(crate) struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: Shell,
}

pub(crate) fn completions(args: &CompletionsArgs) -> anyhow::Result<Outcome> {
    // Generated into memory first: clap_complete panics when a write fails, and a
    // closed pipe is not a crash.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "docket", &mut script);
    write_stdout(&script)
}

pub(crate) fn man() -> anyhow::Result<Outcome> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page)?;
    write_stdout(&page)
}

fn write_stdout(bytes: &[u8]) -> anyhow::Result<Outcome> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()?;
    Ok(Outcome::Clean)
}
