//! `docket graph [PATH] [--format mermaid|dot]`: the supersession graph on stdout
//! (built by `docket_model::graph`, through the driver's graph job).

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use docket_model::graph::{to_dot, to_mermaid};

use crate::{Outcome, path_or_cwd};

#[derive(Args, Debug)]
pub(crate) struct GraphArgs {
    /// The repository, or any folder in it.
    path: Option<PathBuf>,
    /// Output format: a Mermaid flowchart (GitHub and GitLab render it in a `mermaid`
    /// code block) or Graphviz DOT (`dot -Tsvg`).
    #[arg(long, value_enum, default_value_t = GraphFormat::Mermaid)]
    format: GraphFormat,
    /// Leave out decisions that neither supersede nor are superseded.
    #[arg(long)]
    linked: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum GraphFormat {
    Mermaid,
    Dot,
}

pub(crate) fn run(args: &GraphArgs) -> anyhow::Result<Outcome> {
    let graph = docket_driver::jobs::graph(&path_or_cwd(&args.path), args.linked)?;
    let text = match args.format {
        GraphFormat::Mermaid => to_mermaid(&graph),
        GraphFormat::Dot => to_dot(&graph),
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(Outcome::Clean)
}
