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
            reason: source,
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
        }
        let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("docs/decisions"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}
