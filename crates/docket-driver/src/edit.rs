//! Applying the model's plans to the user's files: `docket renumber` and `docket
//! import`. Every new text is computed before anything is written, and the whole
//! plan goes through one [`crate::journal`] change, so that a kill at any moment
//! leaves the old set of files or (once the next docket command has finished the
//! journal) the new one.

use std::path::Path;

use docket_model::{ImportPlan, RenumberPlan};

use crate::error::DriverError;
use crate::journal::{self, Change};
use crate::workspace::Workspace;

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
    let edited = |path: &str| {
        let doc = ws.repo.document(path)?;
        let edits = plan.edits.get(path)?;
        Some(docket_model::apply_edits(&doc.text, edits))
    };
    // The decision itself: its new file (edited, or its text as it is on disk),
    // then the old one removed.
    let moved = match edited(&plan.from_path) {
        Some(text) => text,
        None => std::fs::read_to_string(ws.root.join(&plan.from_path)).map_err(|reason| {
            DriverError::Unreadable {
                path: ws.root.join(&plan.from_path),
                reason,
            }
        })?,
    };
    let mut changes = vec![Change {
        path: plan.to_path.clone(),
        after: Some(moved),
        mode_of: Some(plan.from_path.clone()),
    }];
    for path in plan.edits.keys().filter(|p| **p != plan.from_path) {
        if let Some(text) = edited(path) {
            changes.push(Change {
                path: path.clone(),
                after: Some(text),
                mode_of: None,
            });
        }
    }
    changes.push(Change {
        path: plan.from_path.clone(),
        after: None,
        mode_of: None,
    });
    journal::apply(&ws.root, &format!("docket renumber {from} {to}"), &changes)?;
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

/// Writes what an import plan changes, all together: each record, and the roster
/// when people are added.
pub(crate) fn write_import(ws: &Workspace, plan: &ImportPlan) -> Result<(), DriverError> {
    let mut changes: Vec<Change> = plan
        .records
        .iter()
        .map(|r| Change {
            path: r.path.clone(),
            after: Some(r.after.clone()),
            mode_of: None,
        })
        .collect();
    if let Some(roster) = &plan.roster_after {
        changes.push(Change {
            path: plan.roster_path.clone(),
            after: Some(roster.clone()),
            mode_of: None,
        });
    }
    journal::apply(&ws.root, "docket import", &changes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use docket_model::RenumberError;

    const KAFKA: &str = "docs/decisions/0007-use-kafka.md";
    const OLD: &str = "docs/decisions/0003-old.md";

    /// A handbook on disk with decision 7 and decision 3 that links to it.
    fn handbook() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let files = [
            ("docket.toml", ""),
            (
                KAFKA,
                "---\ntitle: Kafka\nstatus: proposed\nowner: a\ndate: 2026-11-24\n---\n",
            ),
            (
                OLD,
                "---\ntitle: Old\nstatus: superseded\nsuperseded_by: 7\nowner: a\ndate: 2026-11-01\n---\nSee [the new one](0007-use-kafka.md).\n",
            ),
        ];
        for (rel, text) in files {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    #[test]
    fn a_plan_that_cannot_be_made_is_a_renumber_error() {
        let dir = handbook();
        let ws = crate::load::load(dir.path()).unwrap();
        let err = renumber(&ws, 8, 30).unwrap_err();
        assert!(
            matches!(err, DriverError::Renumber(RenumberError::NotFound(8))),
            "{err:?}"
        );
        assert_eq!(err.to_string(), "no decision has number 8");
    }

    #[test]
    fn a_target_that_exists_is_left_alone() {
        let dir = handbook();
        // Not a document (a folder), so the plan does not know it.
        std::fs::create_dir_all(dir.path().join("docs/decisions/0012-use-kafka.md")).unwrap();
        let ws = crate::load::load(dir.path()).unwrap();
        let err = renumber(&ws, 7, 12).unwrap_err();
        assert!(matches!(err, DriverError::Exists { .. }), "{err:?}");
        assert_eq!(
            err.to_string(),
            "`docs/decisions/0012-use-kafka.md` already exists"
        );
        assert!(dir.path().join(KAFKA).is_file());
    }

    #[test]
    fn renumber_rewrites_references_and_keeps_permissions() {
        let dir = handbook();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let perms = std::fs::Permissions::from_mode(0o640);
            std::fs::set_permissions(dir.path().join(OLD), perms).unwrap();
            let perms = std::fs::Permissions::from_mode(0o604);
            std::fs::set_permissions(dir.path().join(KAFKA), perms).unwrap();
        }
        let ws = crate::load::load(dir.path()).unwrap();
        let plan = renumber(&ws, 7, 12).unwrap();
        assert_eq!(plan.to_path, "docs/decisions/0012-use-kafka.md");
        assert!(!dir.path().join(KAFKA).exists());
        assert!(dir.path().join(&plan.to_path).is_file());
        let old = std::fs::read_to_string(dir.path().join(OLD)).unwrap();
        assert!(old.contains("superseded_by: 12"), "{old}");
        assert!(old.contains("(0012-use-kafka.md)"), "{old}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(dir.path().join(OLD))
                .unwrap()
                .permissions();
            assert_eq!(mode.mode() & 0o777, 0o640);
            let moved = std::fs::metadata(dir.path().join(&plan.to_path))
                .unwrap()
                .permissions();
            assert_eq!(
                moved.mode() & 0o777,
                0o604,
                "the moved decision keeps its own"
            );
        }
        let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("docs/decisions"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}
