//! `docket schema KIND [PATH]`: the JSON Schema of a kind's front matter on stdout,
//! with the extra required keys of the repository's `docket.toml` (defaults outside a
//! repository). The schema itself comes from `docket_model::schema`.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use clap::builder::PossibleValuesParser;
use docket_model::Kind;

use crate::{Outcome, path_or_cwd};

#[derive(Args, Debug)]
pub(crate) struct SchemaArgs {
    /// The kind of document (for people and meetings: the whole YAML file).
    #[arg(value_parser = PossibleValuesParser::new(Kind::ALL.map(Kind::name)))]
    kind: String,
    /// The repository whose docket.toml adds required keys, or any folder in it.
    path: Option<PathBuf>,
}

pub(crate) fn run(args: &SchemaArgs) -> anyhow::Result<Outcome> {
    let Some(kind) = Kind::from_name(&args.kind) else {
        anyhow::bail!("unknown kind `{}`", args.kind);
    };
    let schema = docket_driver::jobs::schema(&path_or_cwd(&args.path), kind)?;
    // Serialized first: an error from serde_json's writer hides a closed pipe.
    let text = serde_json::to_string_pretty(&schema)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}")?;
    out.flush()?;
    Ok(Outcome::Clean)
}
