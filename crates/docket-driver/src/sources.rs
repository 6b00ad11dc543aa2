//! Other handbooks (issue 16): a hub's `[[sources]]`, read here and merged by
//! `docket-hub`, and the combined `decisions.json` a repository's `docket check
//! --sources FILE` (or `[check] sources`) resolves `SOURCE:ID` references against.
//!
//! A `path` source is loaded like any handbook (its own docket.toml, the walk, its
//! git history) and its entries are written by `docket-site`'s `decisions.json`
//! code; a `json` source's file is read as it is. Both are read in parallel. A
//! source that cannot be read is one `hub-source` finding naming it; the rest of
//! the hub is still checked and built.

use std::path::Path;
use std::sync::Arc;

use docket_hub::{Loaded, RosterPerson};
use docket_model::{ParseProblem, Problem, Repository, SourceOrigin};
use rayon::prelude::*;

use crate::git::GitRepo;
use crate::load;
use crate::workspace::Workspace;

/// The file findings about the hub's sources point into.
const CONFIG: &str = "docket.toml";

/// A hub's sources, read and merged into `ws`: the organisation's index in
/// `ws.hub`, the index of other handbooks in `ws.repo.foreign`, and a finding for
/// each problem. Nothing happens in a handbook without `[[sources]]`.
pub(crate) fn attach_hub(ws: &mut Workspace) {
    let config = &ws.repo.config;
    if config.sources.is_empty() && config.source_problems.is_empty() {
        return;
    }
    let root = ws.root.clone();
    let inputs: Vec<_> = config
        .sources
        .par_iter()
        .map(|s| (s.clone(), read_source(&root, s)))
        .collect();
    let own = roster(&ws.repo);
    let (hub, mut foreign) = docket_hub::merge(inputs, own);
    let text = std::fs::read_to_string(root.join(CONFIG)).unwrap_or_default();
    foreign.texts.insert(CONFIG.to_string(), text);
    let repo = &mut ws.repo;
    for p in &repo.config.source_problems {
        repo.problems.push(
            ParseProblem::new(
                Problem::HubSource,
                CONFIG,
                p.range.clone(),
                p.message.clone(),
            )
            .with_help(p.help.clone()),
        );
    }
    repo.problems.extend(hub.problems.iter().cloned());
    repo.foreign = foreign;
    ws.hub = Some(Arc::new(hub));
}

/// What one source gives: its `decisions.json` text, or its handbook's entries and
/// roster, or why it could not be read.
fn read_source(root: &Path, s: &docket_model::SourceConfig) -> Loaded {
    match &s.origin {
        SourceOrigin::Json(file) => match std::fs::read_to_string(root.join(file)) {
            Ok(text) => Loaded::Json {
                file: file.clone(),
                text,
            },
            Err(e) => Loaded::Failed(format!(
                "source `{}`: cannot read `{file}`: {e}; it is left out",
                s.name
            )),
        },
        SourceOrigin::Path(path) => {
            let dir = root.join(path);
            if !dir.is_dir() {
                return Loaded::Failed(format!(
                    "source `{}`: `{path}` is not a folder; it is left out",
                    s.name
                ));
            }
            match load::load(&dir) {
                Ok(mut source) => {
                    GitRepo::open(&source).load_history(&mut source);
                    Loaded::Handbook {
                        value: docket_site::decisions_value(&source.repo),
                        people: roster(&source.repo),
                    }
                }
                Err(e) => Loaded::Failed(format!(
                    "source `{}`: the handbook at `{path}` cannot be read: {e}; it is left out",
                    s.name
                )),
            }
        }
    }
}

/// A handbook's roster, for joining.
fn roster(repo: &Repository) -> Vec<RosterPerson> {
    repo.people()
        .filter_map(|p| {
            Some(RosterPerson {
                id: p.id.as_ref()?.value.clone(),
                name: p.name.clone(),
                timezone: p.timezone.clone(),
            })
        })
        .collect()
}

/// `docket check --sources FILE` (`given`, as the command line names it), or
/// `[check] sources` of docket.toml (relative to the repository root): the
/// combined `decisions.json` of a hub, read into `ws.repo.foreign`. A file that
/// cannot be read or is not a `decisions.json` is one `hub-source` finding, and
/// `SOURCE:ID` references are then not checked.
pub(crate) fn attach_index(ws: &mut Workspace, given: Option<&Path>) {
    let (path, shown, at) = match (given, &ws.repo.config.check_sources) {
        (Some(p), _) => (p.to_path_buf(), p.display().to_string(), None),
        (None, Some((file, range))) => (ws.root.join(file), file.clone(), Some(range.clone())),
        (None, None) => return,
    };
    let origin = format!("`{shown}`");
    let problem = |file: &str, range: std::ops::Range<usize>, message: String| {
        ParseProblem::new(Problem::HubSource, file, range, message)
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => match docket_hub::read_text(&text) {
            Ok(file) => ws.repo.foreign = docket_hub::foreign_of(&file, &origin),
            Err(e) => {
                let offset = e.offset(&text);
                ws.repo
                    .problems
                    .push(problem(&shown, offset..offset, e.describe_file(&shown)));
                ws.repo.foreign.texts.insert(shown, text);
            }
        },
        Err(e) => {
            let message = format!(
                "cannot read the combined decisions.json `{shown}`: {e}; `SOURCE:ID` references are not checked"
            );
            match at {
                Some(range) => {
                    let text = std::fs::read_to_string(ws.root.join(CONFIG)).unwrap_or_default();
                    ws.repo.foreign.texts.insert(CONFIG.to_string(), text);
                    ws.repo.problems.push(problem(CONFIG, range, message));
                }
                None => ws.repo.problems.push(problem(&shown, 0..0, message)),
            }
        }
    }
}
