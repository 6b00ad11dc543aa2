//! The history cache, `.git/docket/history.json`: the last history read, keyed by
//! the HEAD it describes, written to a temporary file and renamed so that a reader
//! never sees half of it. A cache that cannot be read or written is not an error.
//!
//! A partial history is cached with what is missing (`History::partial`), so the
//! next run gives the same note; once the first missing object can be read again (a
//! refetch, a restored backup) the cache is not the answer any more.

use std::collections::BTreeSet;

use docket_model::History;
use serde::{Deserialize, Serialize};

/// Bumped whenever the cached shape or what it means changes. 2: `History::partial`
/// (a missing tree used to be read as an empty folder, so older caches of damaged
/// repositories may hold wrong dates).
const CACHE_VERSION: u32 = 2;

#[derive(Serialize, Deserialize)]
struct Cache {
    version: u32,
    handbook_root: String,
    /// Whether the clone was shallow: `git fetch --unshallow` keeps HEAD but
    /// changes the history.
    shallow: bool,
    /// The files whose statuses were read: a file that became a decision since
    /// (a changed `[kinds.decision] path`) needs its statuses read.
    decisions: BTreeSet<String>,
    history: History,
}

/// [`Cache`] as it is written: borrowed, so that writing the cache copies nothing.
#[derive(Serialize)]
struct CacheRef<'a> {
    version: u32,
    handbook_root: &'a str,
    shallow: bool,
    decisions: &'a BTreeSet<String>,
    history: &'a History,
}

fn cache_path(repo: &git2::Repository) -> std::path::PathBuf {
    repo.path().join("docket").join("history.json")
}

/// The cached history, when it was read with the same handbook root, shallowness and
/// decisions, and nothing it missed has appeared since.
pub(crate) fn read_cache(
    repo: &git2::Repository,
    handbook_root: &str,
    shallow: bool,
    decisions: &BTreeSet<String>,
) -> Option<History> {
    let text = std::fs::read(cache_path(repo)).ok()?;
    let cache: Cache = serde_json::from_slice(&text).ok()?;
    let statuses_known = decisions
        .iter()
        .all(|d| cache.decisions.contains(d) || !cache.history.files.contains_key(d));
    (cache.version == CACHE_VERSION
        && cache.handbook_root == handbook_root
        && cache.shallow == shallow
        && statuses_known
        && still_missing(repo, &cache.history))
    .then_some(cache.history)
}

/// Whether the object a partial history missed is still missing (true for a complete
/// history): one lookup, so a cache hit stays cheap.
fn still_missing(repo: &git2::Repository, history: &History) -> bool {
    let Some(missing) = history.partial.as_ref().and_then(|p| p.missing.as_ref()) else {
        return true;
    };
    let Ok(oid) = git2::Oid::from_str(&missing.id) else {
        return true;
    };
    repo.odb().is_ok_and(|odb| !odb.exists(oid))
}

/// Writes the cache; failures are ignored (the next run walks again).
pub(crate) fn write_cache(
    repo: &git2::Repository,
    handbook_root: &str,
    decisions: &BTreeSet<String>,
    history: &History,
) {
    let path = cache_path(repo);
    let Some(dir) = path.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let cache = CacheRef {
        version: CACHE_VERSION,
        handbook_root,
        shallow: history.shallow,
        decisions,
        history,
    };
    // Write beside, then rename: a reader never sees half a cache.
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    let written = std::fs::File::create(&tmp).is_ok_and(|file| {
        let mut out = std::io::BufWriter::new(file);
        serde_json::to_writer(&mut out, &cache).is_ok() && std::io::Write::flush(&mut out).is_ok()
    });
    if !written || std::fs::rename(&tmp, &path).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}
