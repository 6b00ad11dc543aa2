//! Safe output: render into a temporary folder beside `--out` and swap it in only
//! when the whole build succeeded. A folder is only ever replaced when docket made it
//! (it holds the marker file), so a user's files are never wiped.
//!
//! Writing is most of a warm build's cost, and most of that is the file system's
//! (inode allocation, directory locks), so the staging folder writes as little as
//! it can: a file whose bytes equal the previous site's is hard-linked from it
//! (no new inode; the previous site is never written to, so the two stay
//! independent), each folder is created once, and the previous site is removed
//! after the swap on a thread of its own ([`Cleanup`]). A killed build still leaves
//! the old site or the new one, never a mix.
//!
//! The marker file also lists each page's key (`crate::fingerprint`) and size: the
//! next build links a page whose key is unchanged without rendering it
//! (`Staging::reuse`). The list is swapped in with the site it describes, so it
//! never speaks of another site's files.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::error::SiteError;
use crate::options::{Cleanup, WriteStats};

/// The file that marks a folder as docket's output.
pub const MARKER: &str = ".docket-site";

/// The marker's first line; the page keys follow, one a line: the key (16 hex
/// digits), the file's size and its site-relative path.
const MARKER_TEXT: &str =
    "This folder was written by docket build and is replaced on every build.\n";

/// A build in progress: files go to a temporary folder until [`Staging::commit`].
pub struct Staging {
    tmp: PathBuf,
    out: PathBuf,
    /// The site of the previous build, when docket made it: unchanged files are
    /// hard-linked from it.
    previous: Option<PathBuf>,
    /// Folders already created in the staging folder.
    created: Mutex<HashSet<PathBuf>>,
    /// The previous site's page keys: path → (key, size).
    previous_keys: HashMap<String, (u64, u64)>,
    /// This build's page keys: path → (key, size).
    keys: Mutex<HashMap<String, (u64, u64)>>,
    stats: Stats,
    committed: bool,
}

/// What the staging folder received, for `--timings`.
#[derive(Default)]
struct Stats {
    files: AtomicU64,
    linked: AtomicU64,
    reused: AtomicU64,
    bytes: AtomicU64,
    nanos: AtomicU64,
}

/// Checks that `out` may be written: not the repository root or a folder holding
/// it, and either absent, empty, or made by docket.
pub fn check_target(out: &Path, repo_root: &Path) -> Result<(), SiteError> {
    let abs_out = absolute(out);
    let abs_root = absolute(repo_root);
    if abs_root.starts_with(&abs_out) {
        return Err(SiteError::UnsafeOutput {
            path: out.to_path_buf(),
            reason: "it is the repository root or holds it".into(),
        });
    }
    if abs_out.is_file() {
        return Err(SiteError::UnsafeOutput {
            path: out.to_path_buf(),
            reason: "it is a file".into(),
        });
    }
    if abs_out.is_dir() && !abs_out.join(MARKER).is_file() {
        let non_empty = fs::read_dir(&abs_out)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true);
        if non_empty {
            return Err(SiteError::UnsafeOutput {
                path: out.to_path_buf(),
                reason: "it is a non-empty folder that docket did not make".into(),
            });
        }
    }
    Ok(())
}

/// `path` made absolute against the current folder, with `.` and `..` resolved as far
/// as the filesystem allows (parents that exist are canonicalized).
fn absolute(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) if !parent.as_os_str().is_empty() => absolute(parent).join(name),
        _ => std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf()),
    }
}

impl Staging {
    /// Creates the temporary folder beside `out`.
    pub fn new(out: &Path) -> Result<Self, SiteError> {
        let out = absolute(out);
        let parent = out
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        fs::create_dir_all(&parent).map_err(|e| SiteError::io(&parent, e))?;
        let name = out
            .file_name()
            .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
        let tmp = parent.join(format!(".{name}.docket-tmp-{}", std::process::id()));
        if tmp.exists() {
            fs::remove_dir_all(&tmp).map_err(|e| SiteError::io(&tmp, e))?;
        }
        remove_leftovers(&parent, &name);
        fs::create_dir_all(&tmp).map_err(|e| SiteError::io(&tmp, e))?;
        let previous = out.join(MARKER).is_file().then(|| out.clone());
        let previous_keys = previous
            .as_ref()
            .and_then(|out| fs::read_to_string(out.join(MARKER)).ok())
            .map(|text| read_keys(&text))
            .unwrap_or_default();
        Ok(Self {
            created: Mutex::new(HashSet::from([tmp.clone()])),
            previous_keys,
            keys: Mutex::new(HashMap::new()),
            tmp,
            out,
            previous,
            stats: Stats::default(),
            committed: false,
        })
    }

    /// What was written so far.
    pub fn stats(&self) -> WriteStats {
        WriteStats {
            files: self.stats.files.load(Ordering::Relaxed),
            linked: self.stats.linked.load(Ordering::Relaxed),
            reused: self.stats.reused.load(Ordering::Relaxed),
            bytes: self.stats.bytes.load(Ordering::Relaxed),
            time: Duration::from_nanos(self.stats.nanos.load(Ordering::Relaxed)),
            swap: Duration::ZERO,
        }
    }

    /// Creates `dir` (and its parents) once per build.
    fn create_dir(&self, dir: &Path) -> Result<(), SiteError> {
        if self.created.lock().is_ok_and(|c| c.contains(dir)) {
            return Ok(());
        }
        fs::create_dir_all(dir).map_err(|e| SiteError::io(dir, e))?;
        if let Ok(mut c) = self.created.lock() {
            c.insert(dir.to_path_buf());
        }
        Ok(())
    }

    /// Where `rel` goes in the staging folder (its folder created), and its path
    /// relative to the site; an error when `rel` would leave the output folder.
    fn staged(&self, rel: &str) -> Result<(PathBuf, PathBuf), SiteError> {
        let relative = relative_path(rel)?;
        let path = self.tmp.join(&relative);
        if let Some(parent) = path.parent() {
            self.create_dir(parent)?;
        }
        Ok((relative, path))
    }

    /// Hard-links the previous site's `rel` into `path` when its bytes are `bytes`.
    fn link_unchanged(&self, rel: &Path, path: &Path, bytes: &[u8]) -> bool {
        let Some(previous) = &self.previous else {
            return false;
        };
        let old = previous.join(rel);
        let same_len =
            fs::symlink_metadata(&old).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64);
        same_len && fs::read(&old).is_ok_and(|b| b == bytes) && fs::hard_link(&old, path).is_ok()
    }

    /// Writes one file, `rel` being a site-relative path with `/` separators.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), SiteError> {
        self.write_keyed(rel, bytes, None)
    }

    /// Writes one file, remembering `key` (a page's key) for the next build.
    pub(crate) fn write_keyed(
        &self,
        rel: &str,
        bytes: &[u8],
        key: Option<u64>,
    ) -> Result<(), SiteError> {
        let started = Instant::now();
        let (relative, path) = self.staged(rel)?;
        if self.link_unchanged(&relative, &path, bytes) {
            self.stats.linked.fetch_add(1, Ordering::Relaxed);
        } else {
            fs::write(&path, bytes).map_err(|e| SiteError::io(&path, e))?;
        }
        match key {
            Some(key) => self.remember(rel, key, bytes.len() as u64),
            None => self.forget(rel),
        }
        self.count(bytes.len() as u64, started);
        Ok(())
    }

    /// Writes one file by streaming it (`write` gets the file, buffered): a large
    /// file (`decisions.json`) is never held whole in memory. When its bytes are the
    /// previous site's, compared a block at a time, the previous file is linked
    /// instead.
    pub fn write_with(
        &self,
        rel: &str,
        write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), SiteError> {
        let started = Instant::now();
        let (relative, path) = self.staged(rel)?;
        let file = fs::File::create(&path).map_err(|e| SiteError::io(&path, e))?;
        let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
        write(&mut out)
            .and_then(|()| std::io::Write::flush(&mut out))
            .map_err(|e| SiteError::io(&path, e))?;
        drop(out);
        let size = fs::metadata(&path).map_or(0, |m| m.len());
        if let Some(previous) = &self.previous {
            // Linked beside, then renamed over the written file: a link that fails
            // leaves the written file in place.
            let old = previous.join(&relative);
            let beside = path.with_file_name(format!(".{}.link", std::process::id()));
            if same_file_contents(&old, &path, size)
                && fs::hard_link(&old, &beside).is_ok()
                && fs::rename(&beside, &path).is_ok()
            {
                self.stats.linked.fetch_add(1, Ordering::Relaxed);
            } else {
                let _ = fs::remove_file(&beside);
            }
        }
        self.forget(rel);
        self.count(size, started);
        Ok(())
    }

    /// Links the previous site's `rel` into the staging folder when the previous
    /// build wrote it under `key` (and it still has the size it had then); says
    /// whether it did. Nothing is read or rendered for a reused page.
    pub(crate) fn reuse(&self, rel: &str, key: u64) -> Result<bool, SiteError> {
        let Some(previous) = &self.previous else {
            return Ok(false);
        };
        let Some(&(old_key, size)) = self.previous_keys.get(rel) else {
            return Ok(false);
        };
        if old_key != key {
            return Ok(false);
        }
        let started = Instant::now();
        let old = previous.join(relative_path(rel)?);
        if !fs::symlink_metadata(&old).is_ok_and(|m| m.is_file() && m.len() == size) {
            return Ok(false);
        }
        let (_, path) = self.staged(rel)?;
        if fs::hard_link(&old, &path).is_err() {
            return Ok(false);
        }
        self.remember(rel, key, size);
        self.stats.linked.fetch_add(1, Ordering::Relaxed);
        self.stats.reused.fetch_add(1, Ordering::Relaxed);
        self.count(size, started);
        Ok(true)
    }

    /// Links every file of the previous site that `belongs` and was written under
    /// `key`; their size, or `None` when there were none or one could not be linked.
    pub(crate) fn reuse_all(&self, belongs: impl Fn(&str) -> bool, key: u64) -> Option<u64> {
        let files: Vec<(&String, u64)> = self
            .previous_keys
            .iter()
            .filter(|(rel, (k, _))| *k == key && belongs(rel))
            .map(|(rel, (_, size))| (rel, *size))
            .collect();
        if files.is_empty() {
            return None;
        }
        let mut linked = Vec::new();
        for (rel, size) in files {
            if !matches!(self.reuse(rel, key), Ok(true)) {
                // The set is written again: what was linked of it goes, so that no
                // write goes through a name the previous site's file also has.
                self.unreuse(&linked);
                return None;
            }
            linked.push((rel, size));
        }
        Some(linked.iter().map(|(_, size)| size).sum())
    }

    /// Takes back what [`Staging::reuse`] linked of `files` (path, size).
    fn unreuse(&self, files: &[(&String, u64)]) {
        for &(rel, size) in files {
            if let Ok((_, path)) = self.staged(rel) {
                let _ = fs::remove_file(path);
            }
            self.forget(rel);
            for counter in [&self.stats.linked, &self.stats.reused, &self.stats.files] {
                counter.fetch_sub(1, Ordering::Relaxed);
            }
            self.stats.bytes.fetch_sub(size, Ordering::Relaxed);
        }
    }

    fn forget(&self, rel: &str) {
        if let Ok(mut keys) = self.keys.lock() {
            keys.remove(rel);
        }
    }

    fn remember(&self, rel: &str, key: u64, size: u64) {
        // One line per page in the marker: a path that would break the line is not
        // kept (its page is rendered each time).
        if rel.contains(['\n', '\r']) {
            return;
        }
        if let Ok(mut keys) = self.keys.lock() {
            keys.insert(rel.to_string(), (key, size));
        }
    }

    fn count(&self, bytes: u64, started: Instant) {
        self.stats.files.fetch_add(1, Ordering::Relaxed);
        self.stats.bytes.fetch_add(bytes, Ordering::Relaxed);
        let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.stats.nanos.fetch_add(nanos, Ordering::Relaxed);
    }

    /// Swaps the finished site in; the previous one is removed on a thread of its
    /// own ([`Cleanup`]).
    pub fn commit(mut self) -> Result<(PathBuf, WriteStats, Cleanup), SiteError> {
        let started = Instant::now();
        let mut marker = MARKER_TEXT.to_string();
        let keys = self
            .keys
            .lock()
            .map(|mut k| std::mem::take(&mut *k))
            .unwrap_or_default();
        let mut keys: Vec<(String, (u64, u64))> = keys.into_iter().collect();
        keys.sort();
        for (rel, (key, size)) in keys {
            marker.push_str(&format!("{key:016x} {size} {rel}\n"));
        }
        self.write(MARKER, marker.as_bytes())?;
        let old = self.tmp.with_file_name(format!(
            ".{}.docket-old-{}",
            self.out
                .file_name()
                .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned()),
            std::process::id()
        ));
        if self.out.exists() {
            fs::rename(&self.out, &old).map_err(|e| SiteError::io(&self.out, e))?;
        }
        if let Err(e) = fs::rename(&self.tmp, &self.out) {
            // Put the previous site back: never leave the user without one.
            let _ = fs::rename(&old, &self.out);
            return Err(SiteError::io(&self.out, e));
        }
        self.committed = true;
        let mut stats = self.stats();
        stats.swap = started.elapsed();
        let cleanup = Cleanup::default();
        if old.exists() {
            let handle = std::thread::spawn(move || {
                let _ = fs::remove_dir_all(&old);
            });
            cleanup.set(handle);
        }
        Ok((self.out.clone(), stats, cleanup))
    }
}

/// Whether the files at `a` and `b` both hold `size` bytes and the same ones, read a
/// block at a time.
fn same_file_contents(a: &Path, b: &Path, size: u64) -> bool {
    use std::io::Read;
    if !fs::symlink_metadata(a).is_ok_and(|m| m.is_file() && m.len() == size) {
        return false;
    }
    let (Ok(mut x), Ok(mut y)) = (fs::File::open(a), fs::File::open(b)) else {
        return false;
    };
    let (mut bx, mut by) = (vec![0u8; 1 << 16], vec![0u8; 1 << 16]);
    loop {
        let Ok(n) = x.read(&mut bx) else {
            return false;
        };
        if n == 0 {
            return y.read(&mut by).is_ok_and(|m| m == 0);
        }
        if y.read_exact(&mut by[..n]).is_err() || bx[..n] != by[..n] {
            return false;
        }
    }
}

/// `rel` (a site-relative path with `/` separators) as a path inside the output
/// folder; an error when it would leave it.
fn relative_path(rel: &str) -> Result<PathBuf, SiteError> {
    let mut relative = PathBuf::new();
    for part in rel.split('/') {
        if part.is_empty() || part == "." || part == ".." {
            return Err(SiteError::UnsafeOutput {
                path: PathBuf::from(rel),
                reason: "the page path leaves the output folder".into(),
            });
        }
        relative.push(part);
    }
    Ok(relative)
}

/// The page keys a marker lists (lines that do not read are left out).
fn read_keys(text: &str) -> HashMap<String, (u64, u64)> {
    text.lines()
        .skip(1)
        .filter_map(|line| {
            let mut parts = line.splitn(3, ' ');
            let key = u64::from_str_radix(parts.next()?, 16).ok()?;
            let size = parts.next()?.parse().ok()?;
            Some((parts.next()?.to_string(), (key, size)))
        })
        .collect()
}

/// Removes the previous sites that an earlier build left beside `name` when it
/// exited before their removal finished (`.NAME.docket-old-PID`).
fn remove_leftovers(parent: &Path, name: &str) {
    let prefix = format!(".{name}.docket-old-");
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let leftover = entry.file_name().to_string_lossy().starts_with(&prefix);
        if leftover && entry.path().join(MARKER).is_file() {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// A set of files linked in part (one of them is gone from the previous site)
    /// is taken back: nothing of it stays linked or counted, and writing it again
    /// never changes the previous site's files.
    #[test]
    fn a_set_linked_in_part_is_taken_back() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let first = Staging::new(&out).unwrap();
        first.write_keyed("s/a.js", b"old a", Some(7)).unwrap();
        first.write_keyed("s/b.js", b"old b", Some(7)).unwrap();
        first.commit().unwrap().2.wait();
        // `s/b.js` is removed from the previous site: the set cannot be linked whole.
        let keep = ["a", "b"].map(|n| out.join(format!("s/{n}.js")));
        fs::remove_file(&keep[1]).unwrap();

        let second = Staging::new(&out).unwrap();
        assert_eq!(second.reuse_all(|rel| rel.starts_with("s/"), 7), None);
        let stats = second.stats();
        assert_eq!(
            (stats.files, stats.linked, stats.reused, stats.bytes),
            (0, 0, 0, 0)
        );
        second.write_keyed("s/a.js", b"new a", Some(8)).unwrap();
        second.write_keyed("s/b.js", b"new b", Some(8)).unwrap();
        assert_eq!(fs::read(&keep[0]).unwrap(), b"old a");
        second.commit().unwrap().2.wait();
        assert_eq!(fs::read(&keep[0]).unwrap(), b"new a");
    }
}
