//! The one pass over history, and its cache.

use std::collections::HashMap;

use docket_model::time::Time;
use docket_model::{Author, CommitInfo, FileHistory, History};
use serde::{Deserialize, Serialize};

use crate::{GitError, path_string};

/// Bumped whenever the cached shape or what it means changes.
const CACHE_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Cache {
    version: u32,
    handbook_root: String,
    history: History,
}

fn cache_path(repo: &git2::Repository) -> std::path::PathBuf {
    repo.path().join("docket").join("history.json")
}

fn read_cache(repo: &git2::Repository, handbook_root: &str) -> Option<History> {
    let text = std::fs::read(cache_path(repo)).ok()?;
    let cache: Cache = serde_json::from_slice(&text).ok()?;
    (cache.version == CACHE_VERSION && cache.handbook_root == handbook_root)
        .then_some(cache.history)
}

fn write_cache(repo: &git2::Repository, handbook_root: &str, history: &History) {
    let path = cache_path(repo);
    let Some(dir) = path.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let cache = Cache {
        version: CACHE_VERSION,
        handbook_root: handbook_root.to_string(),
        history: history.clone(),
    };
    let Ok(bytes) = serde_json::to_vec(&cache) else {
        return;
    };
    // Write beside, then rename: a reader never sees half a cache.
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    if std::fs::write(&tmp, bytes).is_ok() && std::fs::rename(&tmp, &path).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

pub(crate) fn history(
    repo: &git2::Repository,
    handbook_root: &str,
    is_decision: &dyn Fn(&str) -> bool,
) -> Result<History, GitError> {
    let Some(head) = repo.head().ok().and_then(|h| h.target()) else {
        return Ok(History::default());
    };
    let shallow = repo.is_shallow();
    let cached = read_cache(repo, handbook_root);
    if let Some(c) = &cached
        && c.head.as_deref() == Some(head.to_string().as_str())
    {
        return Ok(c.clone());
    }
    // A cache at an ancestor of HEAD: walk only the new commits and append the rest.
    let base = cached.as_ref().and_then(|c| {
        let old = git2::Oid::from_str(c.head.as_deref()?).ok()?;
        repo.graph_descendant_of(head, old).ok()?.then_some(old)
    });
    let head_commit = repo.find_commit(head)?;
    let mut alive: HashMap<String, String> = HashMap::new();
    for path in crate::tree_files(repo, &head_commit.tree()?, handbook_root) {
        alive.insert(path.clone(), path);
    }
    let mut files: HashMap<String, Vec<CommitInfo>> = HashMap::new();
    let mut walk = repo.revwalk()?;
    walk.push(head)?;
    walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::TIME)?;
    if let Some(old) = base {
        walk.hide(old)?;
    }
    let mut find = git2::DiffFindOptions::new();
    find.renames(true);
    for oid in walk {
        let oid = oid?;
        if alive.is_empty() {
            break;
        }
        let commit = repo.find_commit(oid)?;
        let tree = commit.tree()?;
        let parent_tree = match commit.parent(0) {
            Ok(p) => Some(p.tree()?),
            Err(_) => None,
        };
        // Diff the handbook's subtrees rather than whole trees with a pathspec: an
        // unchanged handbook is one id comparison, and nothing outside it is read.
        let new_sub = subtree(repo, &tree, handbook_root);
        let old_sub = parent_tree
            .as_ref()
            .and_then(|t| subtree(repo, t, handbook_root));
        if new_sub.as_ref().map(git2::Tree::id) == old_sub.as_ref().map(git2::Tree::id) {
            continue;
        }
        let mut opts = git2::DiffOptions::new();
        opts.skip_binary_check(true).ignore_submodules(true);
        let mut diff =
            repo.diff_tree_to_tree(old_sub.as_ref(), new_sub.as_ref(), Some(&mut opts))?;
        if diff.deltas().any(|d| d.status() == git2::Delta::Added)
            && diff.deltas().any(|d| d.status() == git2::Delta::Deleted)
        {
            diff.find_similar(Some(&mut find))?;
        }
        let mut info: Option<CommitInfo> = None;
        for delta in diff.deltas() {
            if delta.status() == git2::Delta::Deleted {
                continue;
            }
            let Some(new_path) = delta.new_file().path().map(|p| join(handbook_root, p)) else {
                continue;
            };
            let Some(key) = alive.get(&new_path).cloned() else {
                continue;
            };
            let base_info = info.get_or_insert_with(|| commit_info(&commit));
            let mut entry = base_info.clone();
            if is_decision(&key) {
                entry.status = repo
                    .find_blob(delta.new_file().id())
                    .ok()
                    .and_then(|b| status_of(b.content()));
            }
            files.entry(key.clone()).or_default().push(entry);
            match delta.status() {
                git2::Delta::Renamed => {
                    alive.remove(&new_path);
                    if let Some(old) = delta.old_file().path().map(|p| join(handbook_root, p)) {
                        alive.insert(old, key);
                    }
                }
                git2::Delta::Added => {
                    alive.remove(&new_path);
                }
                _ => {}
            }
        }
    }
    let mut history = History {
        head: Some(head.to_string()),
        shallow,
        files: Default::default(),
    };
    for (key, commits) in files {
        history.files.insert(key, FileHistory { commits });
    }
    // Append what the cache knew about the files as they were at the old HEAD.
    if let (Some(cache), Some(_)) = (cached, base) {
        for (old_path, old_history) in cache.files {
            let Some(key) = alive.get(&old_path) else {
                continue;
            };
            history
                .files
                .entry(key.clone())
                .or_default()
                .commits
                .extend(old_history.commits);
        }
    }
    write_cache(repo, handbook_root, &history);
    Ok(history)
}

/// The tree of `folder` inside `tree` (the tree itself for the repository root).
fn subtree<'r>(
    repo: &'r git2::Repository,
    tree: &git2::Tree<'r>,
    folder: &str,
) -> Option<git2::Tree<'r>> {
    if folder.is_empty() {
        return Some(tree.clone());
    }
    let entry = tree.get_path(std::path::Path::new(folder)).ok()?;
    repo.find_tree(entry.id()).ok()
}

fn join(folder: &str, path: &std::path::Path) -> String {
    let p = path_string(path);
    if folder.is_empty() {
        p
    } else {
        format!("{folder}/{p}")
    }
}

fn commit_info(commit: &git2::Commit<'_>) -> CommitInfo {
    let author = commit.author();
    let time = Time::from_second(author.when().seconds()).unwrap_or_default();
    CommitInfo {
        id: commit.id().to_string(),
        time,
        author: Author {
            name: String::from_utf8_lossy(author.name_bytes()).into_owned(),
            email: String::from_utf8_lossy(author.email_bytes()).into_owned(),
        },
        summary: commit
            .summary_bytes()
            .map(|s| String::from_utf8_lossy(s).into_owned())
            .unwrap_or_default(),
        status: None,
    }
}

/// The `status` of a decision blob, read from its front matter without a YAML parse.
fn status_of(content: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(content).ok()?;
    let text = docket_syntax::strip_bom(text);
    let split = docket_syntax::split_front_matter(text).ok()?;
    let fm = split.front_matter?;
    let entry = docket_syntax::scan_mapping(text, fm)
        .into_iter()
        .find(|e| e.key == "status")?;
    let value = text.get(entry.value_range)?;
    let value = value
        .split(" #")
        .next()
        .unwrap_or(value)
        .trim()
        .trim_matches(['"', '\'']);
    (!value.is_empty()).then(|| value.to_string())
}
