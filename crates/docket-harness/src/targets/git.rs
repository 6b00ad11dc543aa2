//! `git_history`: docket-git's history reader on generated commit sequences.
//!
//! The input is decoded (with `arbitrary`) into a [`Script`]: up to 10 commits on
//! `main` or a side branch, merges of the side branch, each commit writing,
//! appending to, deleting and renaming files from a small set (decisions with
//! statuses, a brief, the roster, files outside the handbook root and a folder
//! files move in from, such as `doc/adr`), at times that may go backwards. The
//! commits are written with git2 straight into the object database of a temporary
//! repository (no working tree, no process), and the history is read when the
//! script says, which fills and extends `.git/docket/history.json` as `docket`
//! does between runs.
//!
//! Asserted: reading never fails on a well-formed repository; the history read
//! through the cache equals a fresh walk without it (with merges, the same files
//! only: `docket-git`'s `tests/cache_consistency.rs` has the case the target found
//! and that is fixed, `fuzz/open/` the ones still open); every file it lists is a file under the handbook root at HEAD,
//! and every such file is listed, with at least one commit and no commit twice;
//! without merges, a decision's newest commit has the status its text at HEAD
//! has.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use arbitrary::{Arbitrary, Unstructured};
use docket_model::History;

/// A commit sequence.
#[derive(Debug, Arbitrary)]
pub struct Script {
    /// The commits, oldest first (only the first ten are made).
    pub commits: Vec<Commit>,
}

/// One commit.
#[derive(Debug, Arbitrary)]
pub struct Commit {
    /// What it changes (only the first six operations are applied).
    pub ops: Vec<FileOp>,
    /// Seconds since the previous commit.
    pub seconds: u16,
    /// Whether the clock went back by `seconds` instead (commit times are not
    /// ordered in real repositories).
    pub backwards: bool,
    /// Who made it.
    pub author: u8,
    /// On the side branch (started from `main` when there is none).
    pub side: bool,
    /// A merge of the side branch into `main` (its changes over the side's files).
    pub merge: bool,
    /// Read the history after this commit, as a `docket` run would.
    pub read: bool,
}

/// A change to one file.
#[derive(Debug, Arbitrary)]
pub enum FileOp {
    /// Writes a file: front matter with a status (or none), a body of `lines` lines.
    Write {
        /// Which file.
        file: u8,
        /// Which status.
        status: u8,
        /// Which words.
        body: u8,
        /// How many lines.
        lines: u8,
    },
    /// Appends a line to a file that exists (a small edit: renames stay similar).
    Append {
        /// Which file.
        file: u8,
    },
    /// Deletes a file.
    Delete {
        /// Which file.
        file: u8,
    },
    /// Moves a file (overwriting the target).
    Rename {
        /// From which file.
        from: u8,
        /// To which.
        to: u8,
    },
}

/// The handbook root of the target.
const ROOT: &str = "docs";

const FILES: &[&str] = &[
    "docs/decisions/0001-a.md",
    "docs/decisions/0002-b.md",
    "docs/decisions/sub/0003-c.md",
    "docs/decisions/0004-é.md",
    "docs/briefs/b.md",
    "docs/people.yaml",
    "docs/guide.MD",
    "doc/adr/0001-a.md",
    "doc/adr/0005-e.md",
    "README.md",
    "other/x.markdown",
];

const STATUSES: &[&str] = &[
    "proposed",
    "accepted",
    "Accepted",
    "superseded",
    "'rejected' # quoted",
    "",
    "[a, b]",
];

const WORDS: &[&str] = &[
    "We chose PostgreSQL for the ledger",
    "Options considered were many",
    "The outcome stands until superseded",
    "## Consequences",
    "- a list item that is rather long",
    "Ünïcödé text with accents",
    "```\ncode\n```",
];

const AUTHORS: &[(&str, &str)] = &[
    ("Alice", "alice@example.com"),
    ("Bob", "bob@example.com"),
    ("Zoë Ünal", "zoe@example.com"),
];

/// The target: the bytes decoded into a [`Script`].
pub fn git_history(data: &[u8]) {
    if let Ok(script) = Script::arbitrary_take_rest(Unstructured::new(data)) {
        git_history_script(&script);
    }
}

/// The text of a file: front matter with a status (unless `status` says none), a
/// title and `lines` lines of words.
fn content(status: u8, body: u8, lines: u8) -> Vec<u8> {
    let mut s = String::new();
    let status = usize::from(status);
    if status % (STATUSES.len() + 1) < STATUSES.len() {
        s.push_str(&format!(
            "---\ntitle: A decision\nstatus: {}\n---\n",
            STATUSES[status % (STATUSES.len() + 1)]
        ));
    }
    s.push_str("# A decision\n\n");
    for i in 0..usize::from(lines % 24) {
        let word = WORDS[(usize::from(body) + i * 7) % WORDS.len()];
        s.push_str(&format!("{word} ({i})\n"));
    }
    s.into_bytes()
}

/// The files of a branch.
type Tree = BTreeMap<String, Vec<u8>>;

fn apply(tree: &mut Tree, op: &FileOp, n: usize) {
    let file = |i: u8| FILES[usize::from(i) % FILES.len()].to_string();
    match *op {
        FileOp::Write {
            file: f,
            status,
            body,
            lines,
        } => {
            tree.insert(file(f), content(status, body, lines));
        }
        FileOp::Append { file: f } => {
            if let Some(text) = tree.get_mut(&file(f)) {
                text.extend_from_slice(format!("Appended in commit {n}\n").as_bytes());
            }
        }
        FileOp::Delete { file: f } => {
            tree.remove(&file(f));
        }
        FileOp::Rename { from, to } => {
            if let Some(text) = tree.remove(&file(from)) {
                tree.insert(file(to), text);
            }
        }
    }
}

/// Writes `tree` into the object database and returns its id.
fn write_tree(repo: &git2::Repository, tree: &Tree) -> git2::Oid {
    let mut index = git2::Index::new().expect("an index in memory");
    for (path, bytes) in tree {
        let id = repo.blob(bytes).expect("a blob");
        let entry = git2::IndexEntry {
            ctime: git2::IndexTime::new(0, 0),
            mtime: git2::IndexTime::new(0, 0),
            dev: 0,
            ino: 0,
            mode: 0o100_644,
            uid: 0,
            gid: 0,
            file_size: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
            id,
            flags: u16::try_from(path.len().min(0xfff)).unwrap_or(0xfff),
            flags_extended: 0,
            path: path.as_bytes().to_vec(),
        };
        index.add(&entry).expect("an index entry");
    }
    index.write_tree_to(repo).expect("a tree")
}

/// The decisions at HEAD, as the driver would pass them.
fn decisions(tree: &Tree) -> BTreeSet<String> {
    tree.keys()
        .filter(|p| p.starts_with("docs/decisions/") && p.ends_with(".md"))
        .cloned()
        .collect()
}

fn read(dir: &Path, tree: &Tree) -> History {
    let docket_git::Opened::Repo(git) = docket_git::open(dir) else {
        panic!("the temporary repository does not open");
    };
    match git.history(ROOT, &decisions(tree)) {
        Ok(h) => h,
        Err(e) => panic!("reading the history of a well-formed repository failed: {e}"),
    }
}

/// The target on a decoded script.
pub fn git_history_script(script: &Script) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut init = git2::RepositoryInitOptions::new();
    init.initial_head("main");
    let repo = git2::Repository::init_opts(dir.path(), &init).expect("git init");
    let mut main: Tree = Tree::new();
    let mut main_head: Option<git2::Oid> = None;
    let mut side: Option<(Tree, Option<git2::Oid>)> = None;
    let mut time: i64 = 1_700_000_000;
    let mut merged = false;
    let mut read_once = false;
    for (n, c) in script.commits.iter().take(10).enumerate() {
        let step = i64::from(c.seconds);
        time = if c.backwards {
            time - step
        } else {
            time + step
        };
        let (name, email) = AUTHORS[usize::from(c.author) % AUTHORS.len()];
        let when = git2::Time::new(time, 0);
        let sig = git2::Signature::new(name, email, &when).expect("a signature");
        let message = format!("commit {n}\n\nbody of {n}");
        if c.side {
            let (tree, head) = side.get_or_insert_with(|| (main.clone(), main_head));
            for op in c.ops.iter().take(6) {
                apply(tree, op, n);
            }
            let tree_id = write_tree(&repo, tree);
            let git_tree = repo.find_tree(tree_id).expect("the tree just written");
            let parents: Vec<git2::Commit> = head
                .iter()
                .map(|id| repo.find_commit(*id).expect("a parent"))
                .collect();
            let parents: Vec<&git2::Commit> = parents.iter().collect();
            let id = repo
                .commit(None, &sig, &sig, &message, &git_tree, &parents)
                .expect("a commit on the side branch");
            *head = Some(id);
            continue;
        }
        let mut parents = Vec::new();
        if let Some(id) = main_head {
            parents.push(id);
        }
        if c.merge
            && let Some((tree, Some(id))) = side.take()
        {
            for (path, bytes) in tree {
                main.insert(path, bytes);
            }
            if !parents.contains(&id) {
                parents.push(id);
                merged = true;
            }
        }
        for op in c.ops.iter().take(6) {
            apply(&mut main, op, n);
        }
        let tree_id = write_tree(&repo, &main);
        let git_tree = repo.find_tree(tree_id).expect("the tree just written");
        let parents: Vec<git2::Commit> = parents
            .iter()
            .map(|id| repo.find_commit(*id).expect("a parent"))
            .collect();
        let parents: Vec<&git2::Commit> = parents.iter().collect();
        let id = repo
            .commit(
                Some("refs/heads/main"),
                &sig,
                &sig,
                &message,
                &git_tree,
                &parents,
            )
            .expect("a commit on main");
        main_head = Some(id);
        if c.read {
            read(dir.path(), &main);
            read_once = true;
        }
    }
    let Some(head) = main_head else {
        return;
    };
    let cached = read(dir.path(), &main);
    let _ = std::fs::remove_dir_all(repo.path().join("docket"));
    let fresh = read(dir.path(), &main);
    if read_once && !merged {
        assert_eq!(
            cached, fresh,
            "the history read through the cache differs from a fresh walk"
        );
    }
    if read_once {
        // Open (fuzz/README.md): with merges, the cache and a fresh walk may still
        // credit different commits (`fuzz/open/git_history-*`); only the files
        // must agree until that is settled.
        assert!(
            cached.files.keys().eq(fresh.files.keys()),
            "the cache and a fresh walk list different files"
        );
    }
    assert_eq!(fresh.head.as_deref(), Some(head.to_string().as_str()));
    for path in main.keys().filter(|p| p.starts_with("docs/")) {
        assert!(
            fresh.files.contains_key(path),
            "`{path}` is in the handbook at HEAD but has no history"
        );
    }
    for (path, file) in &fresh.files {
        assert!(
            path.starts_with("docs/") && main.contains_key(path),
            "history lists `{path}`, which is not a file of the handbook at HEAD"
        );
        assert!(!file.commits.is_empty(), "`{path}` has no commit");
        let ids: BTreeSet<&str> = file.commits.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(
            ids.len(),
            file.commits.len(),
            "`{path}` lists a commit twice"
        );
        if !merged && decisions(&main).contains(path) {
            let text = String::from_utf8_lossy(&main[path]);
            let status = docket_model::front_matter_status(&text);
            assert_eq!(
                file.commits[0].status, status,
                "`{path}`: the newest commit's status is not the status at HEAD"
            );
        }
    }
}
