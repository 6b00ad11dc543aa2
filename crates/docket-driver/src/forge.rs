//! Reads the pull-request export (`[forge] pulls` in docket.toml, or `--forge
//! FILE`, which wins) into [`docket_model::Repository::forge`] (issue 18).
//!
//! A missing file is a note: reply times and approvals are then unknown, not
//! zero. A file that cannot be read, is not JSON or is not of the shape
//! `gh pr list --json` writes is one `forge-export` finding at the line and
//! column where reading stopped (the text is kept for the renderers,
//! [`crate::Sources`]), and a note that says the same for the commands that show
//! no findings (`status`, `metrics`, `build`'s summary).

use std::path::Path;

use docket_model::forge::{Forge, parse_export};
use docket_model::{ParseProblem, Problem};

use crate::workspace::Workspace;

/// The largest export docket reads: 256 MB, far beyond `gh pr list --limit 5000`
/// with every review and comment; a larger file is a finding, not a memory spike.
const MAX_EXPORT_BYTES: u64 = 256_000_000;

/// Reads the export `given` names (relative to the working folder), else the one
/// docket.toml names (relative to the repository root), into `ws`. Nothing
/// happens when neither names one.
pub(crate) fn load(ws: &mut Workspace, given: Option<&Path>) {
    let (path, origin) = match (given, &ws.repo.config.forge.pulls) {
        (Some(p), _) => (p.to_path_buf(), "--forge"),
        (None, Some((p, _))) => (ws.root.join(p), "`[forge] pulls` in docket.toml"),
        (None, None) => return,
    };
    let shown = shown_path(&ws.root, &path);
    let text = match std::fs::metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            ws.notes.push(format!(
                "the pull-request export `{shown}` ({origin}) does not exist, so reply times and approvals are unknown"
            ));
            return;
        }
        Ok(m) if m.len() > MAX_EXPORT_BYTES => Err(format!(
            "is {} bytes, more than docket reads ({MAX_EXPORT_BYTES})",
            m.len()
        )),
        _ => std::fs::read(&path)
            .map_err(|e| format!("cannot be read: {e}"))
            .and_then(|b| String::from_utf8(b).map_err(|_| "is not UTF-8".to_string())),
    };
    let text = match text {
        Ok(text) => text,
        Err(why) => {
            let message = format!("the pull-request export `{shown}` {why}");
            ws.notes.push(format!(
                "{message}, so reply times and approvals are unknown"
            ));
            ws.repo.problems.push(ParseProblem::new(
                Problem::ForgeExport,
                &shown,
                0..0,
                message,
            ));
            ws.repo.forge = Some(Forge {
                path: shown,
                ..Forge::default()
            });
            return;
        }
    };
    match parse_export(&text) {
        Ok(pulls) => {
            ws.repo.forge = Some(Forge {
                path: shown,
                pulls,
                source: None,
            });
        }
        Err(e) => {
            ws.notes.push(format!(
                "{shown}:{}:{}: {}; reply times and approvals are unknown",
                e.line, e.column, e.message
            ));
            ws.repo.problems.push(
                ParseProblem::new(Problem::ForgeExport, &shown, e.range.clone(), e.message)
                    .with_help(
                        "write it again with `gh pr list --state all --json …` (docs/guide/forge.md)",
                    ),
            );
            ws.repo.forge = Some(Forge {
                path: shown,
                pulls: Vec::new(),
                source: Some(text),
            });
        }
    }
}

/// The path as findings and notes show it: repository-relative with `/` inside
/// the repository, else as given (the command line makes `--forge` absolute).
fn shown_path(root: &Path, path: &Path) -> String {
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    match canonical(path).strip_prefix(canonical(root)) {
        Ok(rel) if path.is_absolute() => rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        _ => path.display().to_string(),
    }
}
