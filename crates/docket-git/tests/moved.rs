//! Records moved into the handbook from other folders keep their history, as
//! `git log --follow` gives it, while commits elsewhere in the repository (a
//! restructuring of hundreds of files) cost no rename detection (issue 14).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use docket_model::History;

use common::{git, open, summaries};

/// Writes `files`, removes `gone`, moves each (from, to), and commits everything.
fn commit(
    dir: &Path,
    date: &str,
    files: &[(&str, String)],
    gone: &[&str],
    moves: &[(&str, &str)],
    message: &str,
) {
    for (from, to) in moves {
        std::fs::create_dir_all(dir.join(to).parent().unwrap()).unwrap();
        git(dir, date, &["mv", from, to]);
    }
    for path in gone {
        std::fs::remove_file(dir.join(path)).unwrap();
    }
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    git(dir, date, &["add", "-A"]);
    git(dir, date, &["commit", "-q", "-m", message]);
}

fn history(dir: &Path) -> History {
    open(dir).history("docs", &BTreeSet::new()).unwrap()
}

/// What `git log --follow` says about `path`: the summaries of its commits.
fn git_log_follow(dir: &Path, path: &str) -> Vec<String> {
    let out = git(
        dir,
        "2026-01-01T00:00:00Z",
        &["log", "--follow", "--format=%s", "--", path],
    );
    out.lines().map(str::to_string).collect()
}

/// A decision record long enough that a small edit keeps it well above the
/// similarity threshold.
fn record(n: u32, edit: &str) -> String {
    let mut text = format!("# {n}. Decision {n}\n\nDate: 2026-01-01\n\n## Status\n\nAccepted\n\n");
    for line in 0..30 {
        text.push_str(&format!(
            "Context line {line} of decision {n}, which explains why it was taken.\n"
        ));
    }
    text.push_str(edit);
    text
}

/// A source file of about the same size as a record, and Markdown pages of a guide.
fn source(n: u32, version: u32) -> String {
    (0..40)
        .map(|l| format!("fn f{n}_{l}() -> u32 {{ {l} + {version} }}\n"))
        .collect()
}

fn page(n: u32, version: u32) -> String {
    (0..35)
        .map(|l| format!("Guide page {n}, paragraph {l}, revision {version}.\n"))
        .collect()
}

#[test]
fn records_moved_in_with_edits_during_a_restructuring_keep_their_history() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    git(dir, "2026-01-01T00:00:00Z", &["init", "-q"]);
    let mut start = vec![
        ("doc/adr/0001-first.md".to_string(), record(1, "")),
        ("docs/index.md".to_string(), "# Handbook\n".to_string()),
    ];
    start.extend((0..30).map(|k| (format!("src/old/file{k}.rs"), source(k, 0))));
    start.extend((0..30).map(|k| (format!("guide/page{k}.md"), page(k, 0))));
    let start: Vec<(&str, String)> = start.iter().map(|(p, t)| (p.as_str(), t.clone())).collect();
    commit(dir, "2026-01-01T00:00:00Z", &start, &[], &[], "start");
    commit(
        dir,
        "2026-01-02T00:00:00Z",
        &[("doc/adr/0001-first.md", record(1, "Edited once.\n"))],
        &[],
        &[],
        "edit the first record",
    );
    // A new record, written while the sources move to another folder with edits.
    let mut restructure: Vec<(String, String)> =
        vec![("doc/adr/0002-second.md".to_string(), record(2, ""))];
    restructure.extend((0..30).map(|k| (format!("src/new/file{k}.rs"), source(k, 1))));
    let restructure: Vec<(&str, String)> = restructure
        .iter()
        .map(|(p, t)| (p.as_str(), t.clone()))
        .collect();
    let old_sources: Vec<String> = (0..30).map(|k| format!("src/old/file{k}.rs")).collect();
    let old_sources: Vec<&str> = old_sources.iter().map(String::as_str).collect();
    commit(
        dir,
        "2026-01-03T00:00:00Z",
        &restructure,
        &old_sources,
        &[],
        "restructure the sources, and a second record",
    );
    // The records move into the handbook, one edited on the way, in the same commit
    // as the guide's pages move (Markdown too, each edited).
    let mut moved: Vec<(String, String)> = vec![(
        "docs/adr/0001-first.md".to_string(),
        record(1, "Edited once.\nEdited while moving.\n"),
    )];
    moved.extend((0..30).map(|k| (format!("manual/page{k}.md"), page(k, 1))));
    let moved: Vec<(&str, String)> = moved.iter().map(|(p, t)| (p.as_str(), t.clone())).collect();
    let mut guide: Vec<String> = (0..30).map(|k| format!("guide/page{k}.md")).collect();
    guide.push("doc/adr/0001-first.md".to_string());
    let guide: Vec<&str> = guide.iter().map(String::as_str).collect();
    commit(
        dir,
        "2026-01-04T00:00:00Z",
        &moved,
        &guide,
        &[("doc/adr/0002-second.md", "docs/adr/0002-second.md")],
        "move the records into the handbook",
    );
    commit(
        dir,
        "2026-01-05T00:00:00Z",
        &[(
            "docs/adr/0002-second.md",
            record(2, "Edited in the handbook.\n"),
        )],
        &[],
        &[],
        "edit the second record",
    );

    let h = history(dir);
    assert_eq!(
        summaries(&h, "docs/adr/0001-first.md"),
        [
            "move the records into the handbook",
            "edit the first record",
            "start"
        ]
    );
    assert_eq!(
        summaries(&h, "docs/adr/0002-second.md"),
        [
            "edit the second record",
            "move the records into the handbook",
            "restructure the sources, and a second record"
        ]
    );
    for path in [
        "docs/adr/0001-first.md",
        "docs/adr/0002-second.md",
        "docs/index.md",
    ] {
        assert_eq!(summaries(&h, path), git_log_follow(dir, path), "{path}");
    }
    assert!(h.partial.is_none(), "{:?}", h.partial);
}

#[test]
fn a_record_is_followed_through_every_folder_it_lived_in() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    git(dir, "2026-01-01T00:00:00Z", &["init", "-q"]);
    commit(
        dir,
        "2026-01-01T00:00:00Z",
        &[
            ("old/adr/0003-third.md", record(3, "")),
            ("architecture/decisions/0004-fourth.md", record(4, "")),
            ("README.md", "readme\n".to_string()),
        ],
        &[],
        &[],
        "start",
    );
    commit(
        dir,
        "2026-01-02T00:00:00Z",
        &[],
        &[],
        &[("old/adr/0003-third.md", "doc/adr/0003-third.md")],
        "first move",
    );
    commit(
        dir,
        "2026-01-03T00:00:00Z",
        &[("doc/adr/0003-third.md", record(3, "Edited in doc.\n"))],
        &[],
        &[],
        "edit in doc",
    );
    commit(
        dir,
        "2026-01-04T00:00:00Z",
        &[(
            "docs/adr/0003-third.md",
            record(3, "Edited in doc.\nMoved.\n"),
        )],
        &["doc/adr/0003-third.md"],
        &[(
            "architecture/decisions/0004-fourth.md",
            "docs/adr/0004-fourth.md",
        )],
        "into the handbook",
    );
    // A record whose size more than doubles as it moves is, for git as for docket,
    // a new file: no rename is at least 50% similar with such an edit.
    let grown = record(5, "") + &record(50, "") + &record(51, "");
    commit(
        dir,
        "2026-01-05T00:00:00Z",
        &[("adr/0005-fifth.md", record(5, ""))],
        &[],
        &[],
        "fifth outside",
    );
    commit(
        dir,
        "2026-01-06T00:00:00Z",
        &[("docs/adr/0005-fifth.md", grown)],
        &["adr/0005-fifth.md"],
        &[],
        "fifth grows as it moves",
    );

    // Markdown under another spelling of its extension is still a candidate.
    commit(
        dir,
        "2026-01-07T00:00:00Z",
        &[("adr/0006-sixth.markdown", record(6, ""))],
        &[],
        &[],
        "sixth outside",
    );
    commit(
        dir,
        "2026-01-08T00:00:00Z",
        &[("docs/adr/0006-sixth.md", record(6, "Edited.\n"))],
        &["adr/0006-sixth.markdown"],
        &[],
        "sixth moves in as .md",
    );

    let h = history(dir);
    assert_eq!(
        summaries(&h, "docs/adr/0006-sixth.md"),
        ["sixth moves in as .md", "sixth outside"]
    );
    assert_eq!(
        summaries(&h, "docs/adr/0003-third.md"),
        ["into the handbook", "edit in doc", "first move", "start"]
    );
    assert_eq!(
        summaries(&h, "docs/adr/0004-fourth.md"),
        ["into the handbook", "start"]
    );
    assert_eq!(
        summaries(&h, "docs/adr/0005-fifth.md"),
        ["fifth grows as it moves"]
    );
    for path in [
        "docs/adr/0003-third.md",
        "docs/adr/0004-fourth.md",
        "docs/adr/0005-fifth.md",
        "docs/adr/0006-sixth.md",
    ] {
        assert_eq!(summaries(&h, path), git_log_follow(dir, path), "{path}");
    }
}

#[test]
fn the_walk_says_how_many_commits_it_read() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    git(dir, "2026-01-01T00:00:00Z", &["init", "-q"]);
    for day in 1..=4 {
        let date = format!("2026-01-0{day}T00:00:00Z");
        commit(
            dir,
            &date,
            &[("docs/a.md", format!("version {day}\n"))],
            &[],
            &[],
            &format!("day {day}"),
        );
    }
    let repo = open(dir);
    let decisions = BTreeSet::new();
    let (cold, stats) = repo.history_with_stats("docs", &decisions).unwrap();
    assert_eq!(stats.commits_walked, 4);
    assert!(!stats.from_cache);
    let (warm, stats) = repo.history_with_stats("docs", &decisions).unwrap();
    assert_eq!(warm, cold);
    assert_eq!(stats.commits_walked, 0);
    assert!(stats.from_cache);
    commit(
        dir,
        "2026-01-05T00:00:00Z",
        &[("docs/a.md", "version 5\n".to_string())],
        &[],
        &[],
        "day 5",
    );
    let (newer, stats) = repo.history_with_stats("docs", &decisions).unwrap();
    assert_eq!(stats.commits_walked, 1, "only the new commit");
    assert!(stats.from_cache);
    assert_eq!(summaries(&newer, "docs/a.md").len(), 5);
}

/// A walk of 64 commits or more reads its trees with a second thread ahead of it
/// (`tree::ReadAhead`): over 150 commits that edit, add, delete and move files in
/// nested folders, every file's history is still what `git log --follow` gives.
/// (A file moved away and written again at its old path is left out: git lists
/// the old file's commits under the path, docket's history of the new file starts
/// where it was added.)
#[test]
fn a_long_walk_with_trees_read_ahead_is_what_git_log_follow_gives() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    git(dir, "2026-01-01T00:00:00Z", &["init", "-q"]);
    for i in 0..150u32 {
        let date = format!(
            "2026-{:02}-{:02}T{:02}:00:00Z",
            1 + i / 28 % 12,
            1 + i % 28,
            i % 24
        );
        let mut files = vec![(
            format!("docs/decisions/{:04}-d.md", i % 7),
            record(i % 7, &format!("edit {i}")),
        )];
        if i % 5 == 0 {
            files.push((
                format!("docs/notes/s{}/n{i}.md", i % 3),
                format!("note {i}\n"),
            ));
        }
        if i % 11 == 0 {
            files.push(("src/lib.rs".to_string(), format!("// {i}\n")));
        }
        let gone: Vec<String> = (i % 25 == 24)
            .then(|| format!("docs/notes/s{}/n{}.md", (i - 19) % 3, i - 19))
            .into_iter()
            .filter(|p| dir.join(p).exists())
            .collect();
        let moves: Vec<(String, String)> = (i % 40 == 39)
            .then(|| {
                (
                    format!("docs/notes/s{}/n{}.md", (i - 4) % 3, i - 4),
                    format!("docs/archive/n{}.md", i - 4),
                )
            })
            .into_iter()
            .filter(|(from, _)| dir.join(from).exists())
            .collect();
        let files: Vec<(&str, String)> =
            files.iter().map(|(p, t)| (p.as_str(), t.clone())).collect();
        let gone: Vec<&str> = gone.iter().map(String::as_str).collect();
        let moves: Vec<(&str, &str)> = moves
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        commit(dir, &date, &files, &gone, &moves, &format!("commit {i}"));
    }
    let h = history(dir);
    let listed = git(dir, "2026-01-01T00:00:00Z", &["ls-files", "docs"]);
    let paths: Vec<&str> = listed.lines().collect();
    assert!(paths.len() > 30, "{paths:?}");
    for path in paths {
        assert_eq!(summaries(&h, path), git_log_follow(dir, path), "{path}");
    }
}
