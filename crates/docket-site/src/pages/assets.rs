//! The files that are not pages: the theme (`assets/style.css`, `assets/docket.js`),
//! `_headers` (the pages' security policy as HTTP headers, for hosts that read the
//! file), and every file of the handbook that is not a document (images,
//! attachments), copied to the same place relative to the site root.

use std::collections::BTreeSet;
use std::path::Path;

use crate::error::SiteError;
use crate::prepared::Prepared;
use crate::views::{HEADERS_FILE, headers_file};
use crate::writer::Writer;

/// The theme's files, written from the user's override or the built-in.
pub(crate) const THEME: [&str; 2] = ["assets/style.css", "assets/docket.js"];

/// Writes the theme and `_headers`, and copies the handbook's other files from
/// `repo_root`. A handbook file that has the name of a theme file is left out: the
/// theme wins. A `_headers` of the handbook's own (at its root) is copied instead of
/// docket's: the team that wrote it hosts the site.
pub(crate) fn write(p: &Prepared<'_>, w: &Writer<'_>, repo_root: &Path) -> Result<(), SiteError> {
    for name in THEME {
        w.file(name, w.asset(name).unwrap_or("").as_bytes())?;
    }
    if !has_own_headers(p) {
        w.file(HEADERS_FILE, headers_file().as_bytes())?;
    }
    for (rel, file) in handbook_files(p, w) {
        let src = repo_root.join(file);
        let bytes = std::fs::read(&src).map_err(|e| SiteError::io(&src, e))?;
        w.file(rel, &bytes)?;
    }
    Ok(())
}

/// Whether the handbook has a `_headers` of its own at its root (then docket's is
/// not written).
pub(crate) fn has_own_headers(p: &Prepared<'_>) -> bool {
    let repo = p.repo;
    repo.files
        .iter()
        .any(|f| repo.handbook_root.relative(f) == Some(HEADERS_FILE))
}

/// The handbook's files that are copied as they are: (site-relative path,
/// repository-relative path), every file that is no document and not shadowed by a
/// theme file.
pub(crate) fn handbook_files<'a>(p: &Prepared<'a>, w: &Writer<'_>) -> Vec<(&'a str, &'a str)> {
    let repo = p.repo;
    let documents: BTreeSet<&str> = repo.documents.iter().map(|d| d.path.as_str()).collect();
    repo.files
        .iter()
        .filter(|file| !documents.contains(file.as_str()))
        .map(|file| {
            (
                repo.handbook_root.relative(file).unwrap_or(file),
                file.as_str(),
            )
        })
        .filter(|(rel, _)| !(rel.starts_with("assets/") && w.asset(rel).is_some()))
        .collect()
}
