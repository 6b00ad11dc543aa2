//! `docket renumber` and `docket import` killed (SIGKILL) at every file operation
//! they do, one run per operation: whatever the point, once the next docket command
//! has run, the repository holds exactly the files before or exactly the files after,
//! with no temporary file and no journal left. The binary stops itself at operation
//! N (`DOCKET_TEST_STOP_AFTER_WRITES`, debug builds only) and the test kills it
//! there, so every point is reached without timing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{MINIMAL, Repo, Stopped};

/// Every file of the repository but `.git`, hidden ones included (a temporary file
/// left behind is a difference).
fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if rel == ".git" {
                continue;
            }
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

/// The paths where two sets of files differ, for messages.
fn differences(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut paths: Vec<String> = a
        .keys()
        .chain(b.keys())
        .filter(|p| a.get(*p) != b.get(*p))
        .cloned()
        .collect();
    paths.dedup();
    paths
}

/// Runs `args` killed at every file operation in turn, on a fresh repository from
/// `fixture` each time, and checks that the next command leaves the old or the new
/// set of files. Returns how many kills ended in the old set and in the new one.
fn kill_at_every_point(fixture: fn() -> Repo, args: &[&str]) -> (usize, usize) {
    let repo = fixture();
    let old = files(repo.path());
    repo.docket().args(args).run().assert_code(0);
    let new = files(repo.path());
    assert_ne!(old, new, "`{args:?}` changes the fixture");
    let (mut olds, mut news) = (0, 0);
    for n in 0.. {
        let repo = fixture();
        let said = match repo.docket().args(args).run_stopped_at(n) {
            Stopped::Killed(said) => said,
            Stopped::Finished(run) => {
                assert_eq!(run.code, Some(0), "{run}");
                assert_eq!(files(repo.path()), new, "a run that was not stopped");
                break;
            }
        };
        let killed = files(repo.path());
        let journal = repo.path().join(".git/docket/journal.json").exists();
        // Before the journal is written, nothing of the handbook has changed.
        if !journal {
            assert_eq!(
                differences(&killed, &old),
                Vec::<String>::new(),
                "killed at operation {n} without a journal\n{said}"
            );
        }
        let next = repo.docket().args(["check"]).run();
        let after = files(repo.path());
        let expected = if after == old { &old } else { &new };
        assert_eq!(
            differences(&after, expected),
            Vec::<String>::new(),
            "killed at operation {n}, then `docket check`: neither the old nor the new files\n{next}"
        );
        assert!(
            !repo.path().join(".git/docket/journal.json").exists(),
            "operation {n}: the journal is finished and removed\n{next}"
        );
        if journal {
            assert_eq!(
                after, new,
                "operation {n}: a journal is finished, not undone"
            );
            assert!(
                next.stderr
                    .contains("was interrupted; finished it from its journal"),
                "operation {n}: the next run says what it did\n{next}"
            );
            news += 1;
        } else {
            assert!(
                !next.stderr.contains("interrupted"),
                "operation {n}: nothing to say\n{next}"
            );
            olds += 1;
        }
    }
    #[allow(clippy::print_stdout)]
    {
        println!(
            "{args:?}: killed {} times, {olds} left the old files, {news} the new",
            olds + news
        );
    }
    (olds, news)
}

/// Decision 7 and twenty records that link to it (one superseded by it).
fn renumber_fixture() -> Repo {
    let repo = Repo::new();
    repo.write_all(MINIMAL).write(
        "docs/decisions/0007-use-kafka.md",
        "---\ntitle: Use Kafka\nstatus: accepted\nowner: alice\ndate: 2026-11-01\ndecided: 2026-11-02\n---\n## Options\n\n- Kafka\n- NATS\n\n## Decision\n\nKafka.\n",
    );
    for i in (1..=21).filter(|i| *i != 7) {
        let superseded = if i == 1 {
            "status: superseded\nsuperseded_by: 7\n"
        } else {
            "status: proposed\ndeadline: 2026-12-01\n"
        };
        repo.write(
            &format!("docs/decisions/{i:04}-topic-{i}.md"),
            format!(
                "---\ntitle: Topic {i}\n{superseded}owner: bob\ndate: 2026-11-0{}\n---\n## Options\n\n- one\n- two\n\nThis builds on [Kafka](0007-use-kafka.md).\n",
                i % 9 + 1
            ),
        );
    }
    repo
}

#[test]
fn renumber_killed_at_any_point_leaves_the_old_or_the_new_files() {
    let (olds, news) = kill_at_every_point(renumber_fixture, &["renumber", "7", "30"]);
    assert!(olds + news >= 20, "killed {} times", olds + news);
    assert!(olds > 0 && news > 0, "old {olds}, new {news}");
}

/// Twenty adr-tools records and three MADR records whose decision makers are not in
/// the roster (so that the roster is rewritten too).
fn import_fixture() -> Repo {
    let repo = Repo::new();
    repo.write(
        "docs/people.yaml",
        "- id: alice\n  name: Alice Ng\n  timezone: Europe/Berlin\n",
    );
    for i in 1..=20 {
        repo.write(
            &format!("docs/adr/{i:04}-choice-{i}.md"),
            format!(
                "# {i}. Choice {i}\n\nDate: 2026-10-{:02}\n\n## Status\n\nAccepted\n\n## Context\n\nLine one of {i}.\nLine two of {i}.\n\n## Decision\n\nWe choose {i}.\n",
                i % 28 + 1
            ),
        );
    }
    for (i, who) in [
        (21, "Dana Scully"),
        (22, "Fox Mulder"),
        (23, "Walter Skinner"),
    ] {
        repo.write(
            &format!("docs/adr/{i:04}-madr-{i}.md"),
            format!(
                "---\nstatus: accepted\ndate: 2026-11-02\ndecision-makers: [{who}]\n---\n# Choice {i}\n\n## Considered Options\n\n* A\n* B\n\n## Decision Outcome\n\nChosen option: \"A\", because it is simple.\n"
            ),
        );
    }
    repo
}

#[test]
fn import_killed_at_any_point_leaves_the_old_or_the_new_files() {
    let (olds, news) = kill_at_every_point(import_fixture, &["import"]);
    assert!(olds + news >= 20, "killed {} times", olds + news);
    assert!(olds > 0 && news > 0, "old {olds}, new {news}");
}

#[test]
fn a_file_edited_after_the_kill_is_left_and_named() {
    let repo = renumber_fixture();
    // Operations 0 and 1 write the journal; stopped at 2, no record has changed.
    let Stopped::Killed(_) = repo
        .docket()
        .args(["renumber", "7", "30"])
        .run_stopped_at(2)
    else {
        panic!("renumber has more than two file operations");
    };
    assert!(repo.path().join(".git/docket/journal.json").exists());
    let edited = "docs/decisions/0003-topic-3.md";
    repo.write(edited, "---\ntitle: Edited by hand\n---\n");
    let next = repo.docket().args(["status"]).run();
    assert!(
        next.stderr.contains(&format!(
            "warning: left `{edited}` as it is: it changed after `docket renumber 7 30` was interrupted"
        )),
        "{next}"
    );
    assert!(
        next.stderr
            .contains("was interrupted; finished what it could from its journal"),
        "{next}"
    );
    assert!(
        next.stderr
            .contains("note: the text docket meant to write is in `"),
        "{next}"
    );
    assert_eq!(repo.read(edited), "---\ntitle: Edited by hand\n---\n");
    assert!(
        repo.path()
            .join("docs/decisions/0030-use-kafka.md")
            .exists()
    );
    assert!(
        !repo
            .path()
            .join("docs/decisions/0007-use-kafka.md")
            .exists()
    );
    assert!(
        repo.read("docs/decisions/0004-topic-4.md")
            .contains("(0030-use-kafka.md)")
    );
    let kept: Vec<_> = std::fs::read_dir(repo.path().join(".git/docket"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(
        kept.iter()
            .any(|n| n.starts_with("journal-") && n.ends_with(".json")),
        "{kept:?}"
    );
    // Finished: the next run has nothing to say.
    let again = repo.docket().args(["status"]).run();
    assert!(!again.stderr.contains("interrupted"), "{again}");
}
