//! `docket schema KIND [PATH]`: the JSON Schema of a kind's front matter on stdout,
//! for a built-in kind or one the repository's `docket.toml` declares, shaped by
//! that docket.toml (roles, statuses, required and optional keys; defaults outside
//! a repository). The schema itself comes from `docket_model::schema`.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use docket_model::Kind;

use crate::{Outcome, kind_names::KindName, path_or_cwd};

#[derive(Args, Debug)]
pub(crate) struct SchemaArgs {
    /// The kind of document: decision, brief, charter, people, update, meetings,
    /// page, or a kind of your own declared in docket.toml (for people and
    /// meetings: the whole YAML file).
    #[arg(value_parser = KindName(&Kind::ALL), hide_possible_values = true)]
    kind: String,
    /// The repository whose docket.toml shapes the schema, or any folder in it.
    path: Option<PathBuf>,
}

pub(crate) fn run(args: &SchemaArgs) -> anyhow::Result<Outcome> {
    let schema = docket_driver::jobs::schema(&path_or_cwd(&args.path), &args.kind)?;
    // Serialized first: an error from serde_json's writer hides a closed pipe.
    let text = serde_json::to_string_pretty(&schema)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}")?;
    out.flush()?;
    Ok(Outcome::Clean)
}
