//! How `docket build` writes (issue "Performance", "write less, and write it
//! well"): a rebuild hard-links the files that did not change from the previous
//! site instead of writing them again, yet gives byte for byte the site a fresh
//! build gives; the previous site is gone once the command returns; `--timings`
//! names every phase.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use common::clean_repo;

/// Every file of a site folder (relative path → bytes).
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

fn inode(path: &Path) -> u64 {
    std::fs::metadata(path).unwrap().ino()
}

#[test]
fn a_rebuild_links_unchanged_files_and_equals_a_fresh_build() {
    let repo = clean_repo();
    let out = repo.outside("site");
    let build = |out: &Path| {
        repo.docket()
            .args(["build", "--out", out.to_str().unwrap(), "--timings"])
            .run()
    };
    build(&out).assert_code(0);
    let charter = out.join("charter.html");
    let before = inode(&charter);

    // One decision changes; the charter page does not.
    let rel = "docs/decisions/0001-use-mysql.md";
    let text = std::fs::read_to_string(repo.path().join(rel)).unwrap();
    repo.write(rel, text.replace("title: ", "title: Really "));
    let run = build(&out);
    run.assert_code(0);
    assert_eq!(
        inode(&charter),
        before,
        "the unchanged charter page is the previous build's file, linked"
    );
    let linked = run
        .stderr
        .lines()
        .find(|l| l.contains("render + write"))
        .unwrap_or_else(|| panic!("no render + write line:\n{}", run.stderr));
    assert!(linked.contains("unchanged files linked"), "{linked}");

    // What the rebuild gives equals a build into an empty folder.
    let fresh = repo.outside("fresh");
    build(&fresh).assert_code(0);
    assert_eq!(files(&out), files(&fresh));
    let page = std::fs::read_to_string(out.join("decisions/0001-use-mysql.html")).unwrap();
    assert!(page.contains("Really"), "the changed page was written anew");

    // Nothing of the previous site is left beside the output once docket returns.
    let parent = out.parent().unwrap();
    let left: Vec<String> = std::fs::read_dir(parent)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("docket-old") || n.contains("docket-tmp"))
        .collect();
    assert!(left.is_empty(), "left beside the site: {left:?}");

    for phase in [
        "walk",
        "read + parse",
        "history",
        "check",
        "prepare",
        "render + write",
        "swap",
        "total",
    ] {
        assert!(
            run.stderr.contains(&format!("  {phase} ")),
            "--timings names `{phase}`:\n{}",
            run.stderr
        );
    }
}

/// Found by the property test of page paths (`docket-site`'s `urls.rs`): a roster
/// id, a kind's name or a file name that is not one file name (`../x`, `a\b`,
/// `c:x`, `..`) gave a page path that left its folder, so the build failed (or,
/// for a backslash, wrote a name that is a path on Windows). Each now has its page
/// inside the site, under a name that keeps those characters percent-encoded.
#[test]
fn names_that_are_not_one_file_name_have_their_page_inside_the_site() {
    let repo = clean_repo();
    let roster = repo.read("docs/people.yaml");
    repo.write(
        "docs/people.yaml",
        format!(
            "{roster}- id: \"../escape\"\n  name: Escape\n  timezone: UTC\n- id: 'a\\b'\n  name: Back Slash\n  timezone: UTC\n- id: \"c:x\"\n  name: Drive\n  timezone: UTC\n"
        ),
    );
    repo.write("docket.toml", "[kinds.\"..\"]\npath = \"rfcs/*\"\n");
    repo.write(
        "docs/rfcs/a/0001-x.md",
        "---\ntitle: X\nstatus: proposed\n---\n# X\n",
    );
    repo.write(
        "docs/notes/back\\slash.md",
        "---\ntitle: Back slash\n---\n# Back slash\n",
    );
    repo.commit("names that are not file names");
    let out = repo.outside("site");
    repo.docket()
        .args(["build", "--out", out.to_str().unwrap()])
        .run()
        .assert_code(0);
    let site = files(&out);
    for page in [
        "people/..%2Fescape.html",
        "people/a%5Cb.html",
        "people/c%3Ax.html",
        "%2E%2E/index.html",
        "notes/back%5Cslash.html",
    ] {
        assert!(site.contains_key(page), "no `{page}` in {:?}", site.keys());
    }
    for name in site.keys() {
        assert!(!name.contains('\\') && !name.contains(':'), "{name}");
    }
    assert!(!out.parent().unwrap().join("escape.html").exists());
}

/// Incremental rendering (issue "Performance"): a rebuild renders only the pages
/// whose context changed and links the rest from the previous site, so an edit must
/// reach every page that shows what it changed. After each kind of edit (a body, a
/// name in the roster that decision pages show, a title other records link to, a
/// commit that changes history, a template, the site title, a new record) the
/// rebuild over the previous site equals a build into an empty folder, file for
/// file; and an untouched rebuild renders nothing.
#[test]
fn after_any_edit_a_rebuild_over_the_previous_site_equals_a_fresh_build() {
    let repo = clean_repo();
    let out = repo.outside("site");
    let build = |out: &Path| {
        let run = repo
            .docket()
            .args(["build", "--out", out.to_str().unwrap(), "--timings"])
            .run();
        run.assert_code(0);
        run
    };
    /// How many files the rebuild linked without rendering (`--timings`).
    fn reused(stderr: &str) -> usize {
        let line = stderr
            .lines()
            .find(|l| l.contains("reused without rendering"))
            .unwrap_or_else(|| panic!("no reuse count in:\n{stderr}"));
        let before = line.split(" of them reused").next().unwrap();
        before.rsplit(' ').next().unwrap().parse().unwrap()
    }
    build(&out);
    let json = inode(&out.join("decisions.json"));
    let again = build(&out);
    assert_eq!(
        inode(&out.join("decisions.json")),
        json,
        "decisions.json, written as a stream and unchanged, is the previous file linked"
    );
    let pages = std::fs::read_dir(out.join("decisions")).unwrap().count();
    assert!(
        reused(&again.stderr) > pages,
        "an unchanged handbook renders nothing again:\n{}",
        again.stderr
    );

    let d3 = "docs/decisions/0003-use-postgresql.md";
    let replace = |rel: &str, from: &str, to: &str| {
        repo.write(rel, repo.read(rel).replace(from, to));
    };
    /// An edit to the handbook, named.
    type Edit<'a> = (&'a str, Box<dyn Fn() + 'a>);
    let edits: Vec<Edit<'_>> = vec![
        (
            "a decision's body",
            Box::new(|| {
                repo.write(d3, format!("{}\nA paragraph added later.\n", repo.read(d3)));
            }),
        ),
        (
            "a name in the roster",
            Box::new(|| replace("docs/people.yaml", "Alice Ng", "Alice Ngozi")),
        ),
        (
            "a title another record links to",
            Box::new(|| {
                replace(
                    "docs/decisions/0001-use-mysql.md",
                    "Use MySQL for billing",
                    "Use MariaDB for billing",
                )
            }),
        ),
        (
            "a commit",
            Box::new(|| {
                repo.commit("edits");
            }),
        ),
        (
            "a template",
            Box::new(|| {
                repo.write("templates/404.html", "<p>Lost {{ site.title }}</p>\n");
            }),
        ),
        (
            "the site title",
            Box::new(|| replace("docket.toml", "Acme handbook", "Acme's handbook")),
        ),
        (
            "a new record",
            Box::new(|| {
                repo.write(
                    "docs/decisions/0004-cache.md",
                    "---\ntitle: Cache invoices\nstatus: proposed\nowner: bob\ndate: 2026-11-20\nsupersedes: [3]\n---\n\nSee [the store](0003-use-postgresql.md).\n",
                );
            }),
        ),
    ];
    for (n, (what, edit)) in edits.iter().enumerate() {
        edit();
        build(&out);
        let fresh = repo.outside(&format!("fresh-{n}"));
        build(&fresh);
        let (a, b) = (files(&out), files(&fresh));
        assert_eq!(
            a.keys().collect::<Vec<_>>(),
            b.keys().collect::<Vec<_>>(),
            "after {what}"
        );
        // Pages first; the marker (which lists the page keys) last.
        for (rel, bytes) in a.iter().filter(|(rel, _)| *rel != ".docket-site") {
            assert!(
                bytes == &b[rel],
                "after {what}, {rel} differs from a fresh build's:\n{}",
                String::from_utf8_lossy(bytes)
            );
        }
        assert_eq!(a[".docket-site"], b[".docket-site"], "after {what}");
    }
    let page = std::fs::read_to_string(out.join("decisions/0003-use-postgresql.html")).unwrap();
    assert!(page.contains("A paragraph added later."));
    assert!(page.contains("Alice Ngozi"));
    assert!(page.contains("Use MariaDB for billing"));
}
