//! Changes to many files that happen whole or not at all: `docket renumber` and
//! `docket import` rewrite, create and remove several files, and a rename can only
//! replace one file at a time. So the whole change is written down first, in a
//! journal, and then carried out:
//!
//! 1. every file's text before (as read now) and after (`None`: the file is
//!    removed, or was not there) goes into the journal, which is written like any
//!    file ([`crate::write`]: a temporary file, flushed, renamed into place). Until
//!    that rename, no file of the handbook has changed; from it on, the change is
//!    decided.
//! 2. each file is written or removed through [`crate::write`] (whole files only);
//! 3. the journal is removed.
//!
//! A run that is killed after step 1 leaves the journal. The next docket command,
//! whatever it is, finishes it first ([`recover`], rolling forward): each file that
//! still holds its old text gets its new one, a file that holds its new text is left
//! as it is, and the temporary files the killed run left are removed. So the
//! handbook holds the old set of files or the new set, never a mix. A file that holds
//! neither (someone edited it after the kill) is left alone and named, and the
//! journal is kept beside (`journal-ID.json`) with the text docket meant to write.
//!
//! The journal is `.git/docket/journal.json` (in the git folder of a worktree, in
//! its own), or `.docket-journal.json` at the repository root outside git.
//! A journal that exists when a change starts means another one is running: the new
//! one stops before writing anything ([`DriverError::Busy`]).

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::DriverError;
use crate::write;

/// The journal's format; a journal of another version is not read.
const VERSION: u32 = 1;

/// The journal as written on disk.
#[derive(Debug, Serialize, Deserialize)]
struct Journal {
    /// [`VERSION`].
    version: u32,
    /// The command that wrote it, for messages (`docket renumber 7 12`).
    command: String,
    /// Part of the name of every temporary file of the change
    /// (`.docket-tmp-ID-…`), so that the next run can find the ones a kill left.
    id: String,
    /// Every file the change touches, created ones first, removed ones last.
    files: Vec<Entry>,
}

/// One file of a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Entry {
    /// Repository-relative, `/`-separated.
    path: String,
    /// Its text before the change; `None`: there was no file.
    before: Option<String>,
    /// Its text after; `None`: the change removes it.
    after: Option<String>,
    /// Unix permission bits for a file the change creates (the moved decision
    /// keeps its own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    mode: Option<u32>,
}

/// One file a command wants changed.
#[derive(Debug, Clone)]
pub(crate) struct Change {
    /// Repository-relative path.
    pub path: String,
    /// The new text; `None` removes the file.
    pub after: Option<String>,
    /// For a file that is created: the file whose permissions it takes.
    pub mode_of: Option<String>,
}

/// What [`crate::jobs::recover`] did with a journal an interrupted command left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovered {
    /// The interrupted command, such as `docket renumber 7 12`.
    pub command: String,
    /// The journal's path.
    pub journal: PathBuf,
    /// Files that still held their old text and now hold the new one.
    pub written: usize,
    /// Files the interrupted run had finished.
    pub done: usize,
    /// Files that held neither text (changed since), left as they are.
    pub left: Vec<String>,
    /// Where the journal was kept, when files were left.
    pub kept: Option<PathBuf>,
}

/// Where the journal of the repository at `root` is.
pub(crate) fn journal_path(root: &Path) -> PathBuf {
    let git = root.join(".git");
    if git.is_dir() {
        return git.join("docket").join("journal.json");
    }
    // A worktree or a submodule: `.git` is a file that names the git folder.
    if let Ok(text) = std::fs::read_to_string(&git)
        && let Some(dir) = text.trim().strip_prefix("gitdir:")
    {
        let dir = root.join(dir.trim());
        if dir.is_dir() {
            return dir.join("docket").join("journal.json");
        }
    }
    root.join(".docket-journal.json")
}

/// Carries out `changes` to the files under `root` all together (see the module
/// documentation). `command` names the change in a later message.
pub(crate) fn apply(root: &Path, command: &str, changes: &[Change]) -> Result<(), DriverError> {
    let mut files = Vec::with_capacity(changes.len());
    for c in changes {
        let before = read(&root.join(&c.path))?;
        if before == c.after {
            continue;
        }
        let mode = c
            .mode_of
            .as_ref()
            .and_then(|from| write::mode_of(&root.join(from)));
        files.push(Entry {
            path: c.path.clone(),
            before,
            after: c.after.clone(),
            mode,
        });
    }
    if files.is_empty() {
        return Ok(());
    }
    // Created files first, removed ones last: a reader in between sees a copy
    // rather than a file missing.
    files.sort_by_key(|e| match (&e.before, &e.after) {
        (None, _) => 0,
        (Some(_), Some(_)) => 1,
        (Some(_), None) => 2,
    });
    let path = journal_path(root);
    let journal = begin(&path, command, files)?;
    let outcome = finish(root, &journal)?;
    if let Some(first) = outcome.left.first() {
        // Someone changed the file between the read above and now.
        keep(&path, &journal.id)?;
        return Err(DriverError::Unwritable {
            path: root.join(first),
            reason: std::io::Error::other("it changed while docket was writing; run again"),
        });
    }
    end(&path)
}

/// The text of the file at `path`; `None` when there is none.
fn read(path: &Path) -> Result<Option<String>, DriverError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(reason) => Err(DriverError::Unreadable {
            path: path.to_path_buf(),
            reason,
        }),
    }
}

/// Writes the journal at `path` (never over another one), flushed to disk.
fn begin(path: &Path, command: &str, files: Vec<Entry>) -> Result<Journal, DriverError> {
    let folder = write::folder_of(path);
    let unwritable = |reason| DriverError::Unwritable {
        path: path.to_path_buf(),
        reason,
    };
    std::fs::create_dir_all(folder).map_err(unwritable)?;
    if path.exists() {
        return Err(DriverError::Busy {
            journal: path.to_path_buf(),
        });
    }
    write::step();
    let mut tmp = tempfile::Builder::new()
        .prefix(".docket-journal-")
        .tempfile_in(folder)
        .map_err(unwritable)?;
    // The temporary file's random name is the change's id.
    let id = tmp
        .path()
        .file_name()
        .map(|n| {
            n.to_string_lossy()
                .trim_start_matches(".docket-journal-")
                .to_string()
        })
        .unwrap_or_default();
    let journal = Journal {
        version: VERSION,
        command: command.to_string(),
        id,
        files,
    };
    let text = serde_json::to_vec(&journal).map_err(|e| unwritable(std::io::Error::other(e)))?;
    tmp.write_all(&text)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(unwritable)?;
    write::step();
    match tmp.persist_noclobber(path) {
        Ok(_) => {}
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(DriverError::Busy {
                journal: path.to_path_buf(),
            });
        }
        Err(e) => return Err(unwritable(e.error)),
    }
    write::sync_folder(path);
    Ok(journal)
}

/// What [`finish`] found and did.
struct Finished {
    written: usize,
    done: usize,
    left: Vec<String>,
}

/// Brings every file of `journal` to its new text, unless it holds neither its old
/// nor its new one.
fn finish(root: &Path, journal: &Journal) -> Result<Finished, DriverError> {
    let prefix = format!("{}{}-", write::TMP_PREFIX, journal.id);
    let mut out = Finished {
        written: 0,
        done: 0,
        left: Vec::new(),
    };
    for e in &journal.files {
        let path = root.join(&e.path);
        // A file that is not UTF-8 holds neither text.
        let now = match std::fs::read(&path) {
            Ok(bytes) => Some(String::from_utf8(bytes).ok()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(reason) => return Err(DriverError::Unreadable { path, reason }),
        };
        let now = match now {
            None => None,
            Some(Some(text)) => Some(text),
            Some(None) => {
                out.left.push(e.path.clone());
                continue;
            }
        };
        if now == e.after {
            out.done += 1;
        } else if now == e.before {
            match &e.after {
                Some(text) => write::replace_as(&path, text, &prefix, e.mode)?,
                None => write::remove(&path)?,
            }
            out.written += 1;
        } else {
            out.left.push(e.path.clone());
        }
    }
    Ok(out)
}

/// Removes the journal: the change is complete.
fn end(path: &Path) -> Result<(), DriverError> {
    write::remove(path)
}

/// Keeps the journal at `path` as `journal-ID.json` beside it, for the text of the
/// files that were left; returns the new path.
fn keep(path: &Path, id: &str) -> Result<PathBuf, DriverError> {
    let kept = path.with_file_name(format!("journal-{id}.json"));
    std::fs::rename(path, &kept).map_err(|reason| DriverError::Unwritable {
        path: kept.clone(),
        reason,
    })?;
    Ok(kept)
}

/// Finishes the change an interrupted `docket renumber` or `docket import` left in
/// the repository at `root`, if any (see the module documentation).
pub(crate) fn recover(root: &Path) -> Result<Option<Recovered>, DriverError> {
    let path = journal_path(root);
    let text = match std::fs::read(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(reason) => return Err(DriverError::Unreadable { path, reason }),
    };
    let journal: Journal = match serde_json::from_slice(&text) {
        Ok(j) => j,
        Err(e) => {
            return Err(DriverError::Journal {
                path,
                reason: e.to_string(),
            });
        }
    };
    if journal.version != VERSION {
        return Err(DriverError::Journal {
            path,
            reason: format!(
                "it is of version {}, and this docket reads version {VERSION}",
                journal.version
            ),
        });
    }
    remove_leftovers(root, &journal);
    let outcome = finish(root, &journal)?;
    let kept = if outcome.left.is_empty() {
        end(&path)?;
        None
    } else {
        Some(keep(&path, &journal.id)?)
    };
    Ok(Some(Recovered {
        command: journal.command,
        journal: path,
        written: outcome.written,
        done: outcome.done,
        left: outcome.left,
        kept,
    }))
}

/// Removes the temporary files of `journal`'s change that a kill left in the
/// folders of its files. Failures are ignored: such a file is hidden and harmless.
fn remove_leftovers(root: &Path, journal: &Journal) {
    let prefix = format!("{}{}-", write::TMP_PREFIX, journal.id);
    let folders: BTreeSet<PathBuf> = journal
        .files
        .iter()
        .map(|e| write::folder_of(&root.join(&e.path)).to_path_buf())
        .collect();
    for folder in folders {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with(&prefix) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(path: &str, after: Option<&str>) -> Change {
        Change {
            path: path.into(),
            after: after.map(str::to_string),
            mode_of: None,
        }
    }

    fn repo() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        std::fs::create_dir_all(dir.path().join("docs")).unwrap();
        std::fs::write(dir.path().join("docs/a.md"), "a0").unwrap();
        std::fs::write(dir.path().join("docs/b.md"), "b0").unwrap();
        dir
    }

    fn text(dir: &Path, rel: &str) -> Option<String> {
        std::fs::read_to_string(dir.join(rel)).ok()
    }

    #[test]
    fn a_change_writes_creates_and_removes_and_leaves_no_journal() {
        let dir = repo();
        let changes = [
            change("docs/a.md", Some("a1")),
            change("docs/b.md", None),
            change("docs/c.md", Some("c1")),
        ];
        apply(dir.path(), "docket test", &changes).unwrap();
        assert_eq!(text(dir.path(), "docs/a.md").as_deref(), Some("a1"));
        assert_eq!(text(dir.path(), "docs/b.md"), None);
        assert_eq!(text(dir.path(), "docs/c.md").as_deref(), Some("c1"));
        assert!(!journal_path(dir.path()).exists());
        assert_eq!(recover(dir.path()).unwrap(), None);
    }

    /// A journal written, and nothing else done: what a kill right after step 1
    /// leaves.
    fn interrupted(dir: &Path, files: Vec<Entry>) -> Journal {
        begin(&journal_path(dir), "docket test", files).unwrap()
    }

    fn entry(path: &str, before: Option<&str>, after: Option<&str>) -> Entry {
        Entry {
            path: path.into(),
            before: before.map(str::to_string),
            after: after.map(str::to_string),
            mode: None,
        }
    }

    #[test]
    fn the_next_run_finishes_an_interrupted_change() {
        let dir = repo();
        let journal = interrupted(
            dir.path(),
            vec![
                entry("docs/c.md", None, Some("c1")),
                entry("docs/a.md", Some("a0"), Some("a1")),
                entry("docs/b.md", Some("b0"), None),
            ],
        );
        // The killed run had written c.md and left a temporary file for a.md.
        std::fs::write(dir.path().join("docs/c.md"), "c1").unwrap();
        let leftover = format!(".docket-tmp-{}-xyz", journal.id);
        std::fs::write(dir.path().join("docs").join(&leftover), "a1").unwrap();
        let r = recover(dir.path()).unwrap().unwrap();
        assert_eq!(r.command, "docket test");
        assert_eq!((r.written, r.done), (2, 1));
        assert!(r.left.is_empty() && r.kept.is_none());
        assert_eq!(text(dir.path(), "docs/a.md").as_deref(), Some("a1"));
        assert_eq!(text(dir.path(), "docs/b.md"), None);
        let names: Vec<_> = std::fs::read_dir(dir.path().join("docs"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert!(!names.contains(&leftover), "{names:?}");
        assert!(!journal_path(dir.path()).exists());
    }

    #[test]
    fn a_file_changed_since_is_left_and_the_journal_kept() {
        let dir = repo();
        let journal = interrupted(
            dir.path(),
            vec![
                entry("docs/a.md", Some("a0"), Some("a1")),
                entry("docs/b.md", Some("b0"), Some("b1")),
            ],
        );
        std::fs::write(dir.path().join("docs/b.md"), "edited").unwrap();
        let r = recover(dir.path()).unwrap().unwrap();
        assert_eq!(r.left, ["docs/b.md"]);
        assert_eq!(text(dir.path(), "docs/a.md").as_deref(), Some("a1"));
        assert_eq!(text(dir.path(), "docs/b.md").as_deref(), Some("edited"));
        let kept = r.kept.unwrap();
        assert!(kept.ends_with(format!("journal-{}.json", journal.id)));
        assert!(std::fs::read_to_string(kept).unwrap().contains("b1"));
        assert!(!journal_path(dir.path()).exists());
    }

    #[test]
    fn a_second_change_waits_for_the_first() {
        let dir = repo();
        interrupted(dir.path(), vec![entry("docs/a.md", Some("a0"), Some("a1"))]);
        let err = apply(dir.path(), "docket test", &[change("docs/b.md", None)]).unwrap_err();
        assert!(matches!(err, DriverError::Busy { .. }), "{err:?}");
        assert_eq!(text(dir.path(), "docs/b.md").as_deref(), Some("b0"));
    }

    #[test]
    fn a_broken_journal_is_an_error_that_names_it() {
        let dir = repo();
        let path = journal_path(dir.path());
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "{ not json").unwrap();
        let err = recover(dir.path()).unwrap_err();
        assert!(err.to_string().contains("journal.json"), "{err}");
        assert!(matches!(err, DriverError::Journal { .. }), "{err:?}");
    }

    #[test]
    fn the_journal_of_a_worktree_is_in_its_git_folder() {
        let dir = tempfile::tempdir().unwrap();
        let gitdir = dir.path().join("main/.git/worktrees/wt");
        std::fs::create_dir_all(&gitdir).unwrap();
        let wt = dir.path().join("wt");
        std::fs::create_dir_all(&wt).unwrap();
        std::fs::write(wt.join(".git"), format!("gitdir: {}\n", gitdir.display())).unwrap();
        assert_eq!(journal_path(&wt), gitdir.join("docket/journal.json"));
        let plain = dir.path().join("plain");
        assert_eq!(journal_path(&plain), plain.join(".docket-journal.json"));
    }
}
