//! [`Workspace`] (a loaded handbook), [`Report`] (what the rules found) and
//! [`Sources`] (the texts the diagnostics point into, for renderers).

use std::path::PathBuf;

use docket_diagnostics::{Diagnostic, SourceMap};
use docket_model::Repository;

/// A loaded repository.
#[derive(Debug)]
pub struct Workspace {
    /// The repository root on disk.
    pub root: PathBuf,
    /// The parsed handbook.
    pub repo: Repository,
    /// Things the user should know that are not findings about a file (shallow clone,
    /// not a git repository), for the command line to print as warnings.
    pub notes: Vec<String>,
    /// Where the job's time went, phase by phase (`--timings`).
    pub timings: crate::timings::Timings,
    /// How the history was found: commits walked, whether the cache answered.
    pub history_walk: Option<docket_git::WalkStats>,
    /// A hub's organisation index (`[[sources]]`), once its sources are read.
    pub hub: Option<std::sync::Arc<docket_hub::Hub>>,
}

/// The result of the rules.
#[derive(Debug)]
pub struct Report {
    /// Every finding, severities applied.
    pub diagnostics: Vec<Diagnostic>,
    /// How many files were checked.
    pub files: usize,
}

/// The texts of a repository's documents, for renderers.
pub struct Sources<'a>(pub &'a Repository);

impl SourceMap for Sources<'_> {
    fn source(&self, file: &str) -> Option<&str> {
        match self.0.document(file) {
            Some(d) => Some(d.text.as_str()),
            // docket.toml and a source's decisions.json, for findings about sources;
            // a `forge-export` finding points into the export, which is no document.
            None => self
                .0
                .foreign
                .texts
                .get(file)
                .map(String::as_str)
                .or_else(|| {
                    self.0
                        .forge
                        .as_ref()
                        .filter(|f| f.path == file)
                        .and_then(|f| f.source.as_deref())
                }),
        }
    }
}
