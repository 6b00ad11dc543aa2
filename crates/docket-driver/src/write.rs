//! The one way docket writes a user's file: the whole text goes to a uniquely named
//! temporary file in the same folder, which is flushed to disk (`fsync`) and then
//! renamed over the target, and the folder is flushed after (on Unix, best effort).
//! A reader (an editor, `docket serve`, a crash half-way) never sees half a file, two
//! writers at once (format-on-save and a pre-commit hook) never share a temporary
//! file, and after a power cut the file is the old one or the new one. A file that is
//! replaced keeps its permissions.
//!
//! The temporary file's name starts with `.docket-tmp-`: hidden from the walk, and
//! ignored by `docket serve`'s watcher like the site's staging folders. The
//! journal of `renumber` and `import` (`journal.rs`) names its temporary files after
//! itself (`.docket-tmp-ID-`), so that the next run can remove what a killed one
//! left.
//!
//! Every operation that changes a file (a temporary file written, a rename, a
//! removal) is one step of [`stop_after`], the test hook that stops the process at
//! any of them in debug builds.

use std::io::Write as _;
use std::path::Path;

use tempfile::NamedTempFile;

use crate::error::DriverError;

/// The start of every temporary file's name.
pub(crate) const TMP_PREFIX: &str = ".docket-tmp-";

/// Writes `text` to `path`, replacing the file that is there (keeping its
/// permissions) or creating it and its folder.
pub fn replace(path: &Path, text: &str) -> Result<(), DriverError> {
    replace_as(path, text, TMP_PREFIX, None)
}

/// [`replace`] with temporary files named `prefix…`, and `mode` (Unix permission
/// bits) for a file that is created rather than replaced.
pub(crate) fn replace_as(
    path: &Path,
    text: &str,
    prefix: &str,
    mode: Option<u32>,
) -> Result<(), DriverError> {
    let tmp = staged(path, text, prefix)?;
    match std::fs::metadata(path) {
        Ok(meta) => tmp
            .as_file()
            .set_permissions(meta.permissions())
            .map_err(|source| unwritable(path, source))?,
        Err(_) => set_mode(&tmp, mode).map_err(|source| unwritable(path, source))?,
    }
    step();
    tmp.persist(path).map_err(|e| unwritable(path, e.error))?;
    sync_folder(path);
    Ok(())
}

/// Writes `text` to `path` only when nothing is there yet, creating its folder.
/// Returns `false` (and writes nothing) when the file exists.
pub fn create(path: &Path, text: &str) -> Result<bool, DriverError> {
    create_as(path, text, TMP_PREFIX)
}

/// [`create`] with temporary files named `prefix…`.
pub(crate) fn create_as(path: &Path, text: &str, prefix: &str) -> Result<bool, DriverError> {
    let tmp = staged(path, text, prefix)?;
    step();
    match tmp.persist_noclobber(path) {
        Ok(_) => {
            sync_folder(path);
            Ok(true)
        }
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(unwritable(path, e.error)),
    }
}

/// Removes the file at `path`; one that is not there is no error.
pub(crate) fn remove(path: &Path) -> Result<(), DriverError> {
    step();
    match std::fs::remove_file(path) {
        Ok(()) => {
            sync_folder(path);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(unwritable(path, e)),
    }
}

/// `text` in a new temporary file beside `path` (its folder created first), with the
/// permissions a new file gets (`0o666` less the umask on Unix), flushed to disk.
fn staged(path: &Path, text: &str, prefix: &str) -> Result<NamedTempFile, DriverError> {
    let folder = folder_of(path);
    std::fs::create_dir_all(folder).map_err(|source| unwritable(folder, source))?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    step();
    let mut tmp = builder
        .tempfile_in(folder)
        .map_err(|source| unwritable(path, source))?;
    tmp.write_all(text.as_bytes())
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|source| unwritable(path, source))?;
    Ok(tmp)
}

/// The folder `path` is in (`.` for a bare file name).
pub(crate) fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Gives a new file the permission bits of the file it stands for (the decision a
/// renumber moves), on Unix.
fn set_mode(tmp: &NamedTempFile, mode: Option<u32>) -> std::io::Result<()> {
    #[cfg(unix)]
    if let Some(mode) = mode {
        use std::os::unix::fs::PermissionsExt as _;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    let _ = (tmp, mode);
    Ok(())
}

/// The permission bits of the file at `path` (Unix), for [`replace_as`].
pub(crate) fn mode_of(path: &Path) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::metadata(path).ok().map(|m| m.permissions().mode())
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// Flushes the folder that holds `path`, so that a rename or removal survives a
/// power cut (Unix; elsewhere, and when it fails, nothing: the file itself is whole
/// either way).
pub(crate) fn sync_folder(path: &Path) {
    #[cfg(unix)]
    if let Ok(folder) = std::fs::File::open(folder_of(path)) {
        let _ = folder.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}

fn unwritable(path: &Path, source: std::io::Error) -> DriverError {
    DriverError::Unwritable {
        path: path.to_path_buf(),
        reason: source,
    }
}

#[cfg(debug_assertions)]
mod hook {
    use std::sync::OnceLock;
    use std::sync::atomic::{AtomicU64, Ordering};

    static STOP: OnceLock<(u64, fn(u64))> = OnceLock::new();
    static DONE: AtomicU64 = AtomicU64::new(0);

    pub(super) fn stop_after(n: u64, stop: fn(u64)) {
        let _ = STOP.set((n, stop));
    }

    pub(super) fn step() {
        if let Some((n, stop)) = STOP.get() {
            let done = DONE.fetch_add(1, Ordering::SeqCst);
            if done == *n {
                stop(done);
            }
        }
    }
}

/// Test hook, in debug builds only: calls `stop` (which is not expected to return)
/// in place of the file operation numbered `n`, counting from 0, so that a test can
/// kill the process after exactly `n` operations (a temporary file written, a
/// rename, a removal) and look at what is left. Set once per process.
#[cfg(debug_assertions)]
pub fn stop_after(n: u64, stop: fn(u64)) {
    hook::stop_after(n, stop);
}

/// One file operation, for [`stop_after`].
#[cfg(debug_assertions)]
pub(crate) fn step() {
    hook::step();
}

/// One file operation (nothing to count in a release build).
#[cfg(not(debug_assertions))]
pub(crate) fn step() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replace_writes_whole_files_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/a.md");
        replace(&path, "one\n").unwrap();
        replace(&path, "two\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two\n");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("sub"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["a.md"]);
    }

    #[cfg(unix)]
    #[test]
    fn replace_keeps_the_permissions() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("run.sh");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o751)).unwrap();
        replace(&path, "new").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o751);
    }

    /// Two writers of one file at once (an editor's format-on-save and a
    /// pre-commit hook) and a reader: every read sees one writer's whole text,
    /// never a mix or a cut, and no temporary file is left.
    #[test]
    fn concurrent_writers_never_mix_or_cut_a_file() {
        use std::sync::atomic::{AtomicBool, Ordering};
        const SIZE: usize = 256 * 1024;
        const ROUNDS: usize = 200;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        replace(&path, &"a".repeat(SIZE)).unwrap();
        let done = AtomicBool::new(false);
        let reads = std::thread::scope(|s| {
            let writers: Vec<_> = ["a", "b"]
                .into_iter()
                .map(|letter| {
                    let path = &path;
                    s.spawn(move || {
                        let text = letter.repeat(SIZE);
                        (0..ROUNDS)
                            .filter_map(|_| replace(path, &text).err())
                            .map(|e| e.to_string())
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            let reader = s.spawn(|| {
                let mut reads = Vec::new();
                while !done.load(Ordering::SeqCst) {
                    let text = std::fs::read(&path).unwrap_or_default();
                    let whole = text.len() == SIZE
                        && (text.iter().all(|b| *b == b'a') || text.iter().all(|b| *b == b'b'));
                    reads.push(whole);
                }
                reads
            });
            let failures: Vec<String> = writers
                .into_iter()
                .flat_map(|w| w.join().unwrap_or_default())
                .collect();
            done.store(true, Ordering::SeqCst);
            let reads = reader.join().unwrap();
            assert_eq!(failures, Vec::<String>::new(), "no write fails");
            reads
        });
        let bad = reads.iter().filter(|whole| !**whole).count();
        assert_eq!(
            bad,
            0,
            "{bad} of {} reads saw a mixed or cut file",
            reads.len()
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["a.md"]);
    }

    #[test]
    fn create_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        assert!(create(&path, "first").unwrap());
        assert!(!create(&path, "second").unwrap());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "first");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_write_failure_is_unwritable() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, "").unwrap();
        let err = replace(&blocker.join("below.md"), "x").unwrap_err();
        assert!(matches!(err, DriverError::Unwritable { .. }), "{err:?}");
    }
}
