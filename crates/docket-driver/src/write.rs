//! The one way the driver writes a user's file: the whole text goes to a uniquely
//! named temporary file in the same folder, which is then renamed over the target,
//! so a reader (an editor, `docket serve`, a crash half-way) never sees half a file.
//! A file that is replaced keeps its permissions.
//!
//! The temporary file's name starts with `.docket-tmp-`: hidden from the walk, and
//! ignored by `docket serve`'s watcher like the site's staging folders.

use std::io::Write as _;
use std::path::Path;

use tempfile::NamedTempFile;

use crate::error::DriverError;

/// Writes `text` to `path`, replacing the file that is there (keeping its
/// permissions) or creating it and its folder.
pub(crate) fn replace(path: &Path, text: &str) -> Result<(), DriverError> {
    let tmp = staged(path, text)?;
    if let Ok(meta) = std::fs::metadata(path) {
        tmp.as_file()
            .set_permissions(meta.permissions())
            .map_err(|source| unwritable(path, source))?;
    }
    tmp.persist(path)
        .map_err(|e| unwritable(path, e.error))
        .map(drop)
}

/// Writes `text` to `path` only when nothing is there yet, creating its folder.
/// Returns `false` (and writes nothing) when the file exists.
pub(crate) fn create(path: &Path, text: &str) -> Result<bool, DriverError> {
    let tmp = staged(path, text)?;
    match tmp.persist_noclobber(path) {
        Ok(_) => Ok(true),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(unwritable(path, e.error)),
    }
}

/// `text` in a new temporary file beside `path` (its folder created first), with the
/// permissions a new file gets (`0o666` less the umask on Unix).
fn staged(path: &Path, text: &str) -> Result<NamedTempFile, DriverError> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(folder).map_err(|source| unwritable(folder, source))?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".docket-tmp-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder
        .tempfile_in(folder)
        .map_err(|source| unwritable(path, source))?;
    tmp.write_all(text.as_bytes())
        .map_err(|source| unwritable(path, source))?;
    Ok(tmp)
}

fn unwritable(path: &Path, source: std::io::Error) -> DriverError {
    DriverError::Unwritable {
        path: path.to_path_buf(),
        reason: source,
    }
}

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
