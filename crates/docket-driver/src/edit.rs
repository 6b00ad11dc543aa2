//! Applying the model's plans to the user's files: `docket renumber` and `docket
//! import`. Every new text is computed before anything is written, and every file
//! goes through [`crate::write`].

use std::path::Path;

use docket_model::{ImportPlan, RenumberPlan};

use crate::error::DriverError;
use crate::workspace::Workspace;
use crate::write;

/// Moves decision `from` to number `to` on disk and rewrites every reference to it
/// (see [`docket_model::plan_renumber`]).
pub(crate) fn renumber(ws: &Workspace, from: u32, to: u32) -> Result<RenumberPlan, DriverError> {
    let plan = docket_model::plan_renumber(&ws.repo, from, to)?;
    let target = ws.root.join(&plan.to_path);
    if target.exists() {
        return Err(DriverError::Exists {
            path: plan.to_path.clone().into(),
        });
    }
    let writes: Vec<_> = plan
        .edits
        .iter()
        .filter_map(|(path, edits)| {
            let doc = ws.repo.document(path)?;
            Some((
                ws.root.join(path),
                docket_model::apply_edits(&doc.text, edits),
            ))
        })
        .collect();
    for (path, text) in writes {
        write::replace(&path, &text)?;
    }
    std::fs::rename(ws.root.join(&plan.from_path), &target).map_err(|source| {
        DriverError::Unwritable {
            path: target.clone(),
            source,
        }
    })?;
    Ok(plan)
}

/// The relative path of `start` inside the workspace ("" for the root, or when it
/// cannot be told), where `docket import` looks for records.
pub(crate) fn within(ws: &Workspace, start: &Path) -> String {
    start
        .canonicalize()
        .ok()
        .and_then(|s| {
            s.strip_prefix(&ws.root)
                .ok()
                .map(|r| r.to_string_lossy().replace('\\', "/"))
        })
        .unwrap_or_default()
}

/// Writes what an import plan changes: each record, then the roster when people are
/// added.
pub(crate) fn write_import(ws: &Workspace, plan: &ImportPlan) -> Result<(), DriverError> {
    for r in &plan.records {
        write::replace(&ws.root.join(&r.path), &r.after)?;
    }
    if let Some(roster) = &plan.roster_after {
        write::replace(&ws.root.join(&plan.roster_path), roster)?;
    }
    Ok(())
}
