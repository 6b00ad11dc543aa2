//! `docket serve` end to end: the real binary on a port the system picks, spoken to
//! over plain HTTP/1.1 on 127.0.0.1. A change on disk shows up in the served page; a
//! document that cannot be parsed shows in the error banner's text while the rest of
//! the site is rebuilt; a broken template keeps the last good site up.
//!
//! Nothing sleeps for a fixed time: every wait polls with a deadline.

// Helpers panic on setup failures: that is a failing test, not a crash on user data.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::serve::Serve;
use common::{MINIMAL, Repo};

const DECISION: &str = "docs/decisions/0001-use-postgresql.md";
const PAGE: &str = "/decisions/0001-use-postgresql.html";

fn decision(title: &str) -> String {
    format!(
        "---\ntitle: {title}\nstatus: proposed\nowner: alice\ndate: 2026-11-23\ndeadline: 2026-12-01\n---\n\n## Context\n\nBilling needs a database.\n"
    )
}

fn repo() -> Repo {
    let repo = Repo::new();
    repo.write_all(MINIMAL)
        .write(DECISION, decision("Use PostgreSQL"))
        .commit("handbook");
    repo
}

#[test]
fn a_change_on_disk_shows_in_the_served_page() {
    let repo = repo();
    let serve = Serve::start(&repo);
    let (status, page) = serve.get(PAGE);
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Use PostgreSQL"), "{page}");
    // The live script is in the served page (not in the built files).
    assert!(page.contains("<script src=\"/__docket/live.js\""), "{page}");
    let (status, script) = serve.get("/__docket/live.js");
    assert_eq!(status, 200);
    assert!(script.contains("/__docket/version"), "{script}");
    let (_, before) = serve.get("/__docket/version");
    assert_eq!(serve.get("/__docket/errors"), (200, String::new()));

    repo.write(DECISION, decision("Use SQLite after all"));
    let page = serve.wait_for(PAGE, "the new title", |s, b| {
        s == 200 && b.contains("Use SQLite after all")
    });
    assert!(!page.contains("Use PostgreSQL"), "{page}");
    let (_, after) = serve.get("/__docket/version");
    assert_ne!(before, after, "the version moves after a rebuild");

    // Other URLs: a folder is its index, unknown pages are 404, paths stay inside.
    assert_eq!(serve.get("/decisions/").0, 200);
    assert_eq!(serve.get("/no-such-page.html").0, 404);
    assert_ne!(serve.get("/../../etc/passwd").0, 200);
}

#[test]
fn broken_documents_and_templates_show_in_the_banner() {
    let repo = repo();
    let serve = Serve::start(&repo);
    assert_eq!(serve.get(PAGE).0, 200);

    // A document that cannot be parsed: the rest is rebuilt, the banner says why.
    repo.write(
        "docs/decisions/0002-broken.md",
        "---\ntitle: [unclosed\nstatus: proposed\n---\n",
    );
    repo.write(DECISION, decision("Use PostgreSQL, version 17"));
    let errors = serve.wait_for("/__docket/errors", "the diagnostic", |_, b| {
        b.contains("front-matter-syntax")
    });
    assert!(errors.contains("0002-broken.md"), "{errors}");
    let (status, page) = serve.get(PAGE);
    assert_eq!(status, 200);
    assert!(page.contains("Use PostgreSQL, version 17"), "{page}");

    // A template that does not compile: the build fails, the last good site stays.
    repo.write("templates/decision.html", "{% if %}broken{% endif %}\n");
    let errors = serve.wait_for("/__docket/errors", "the build failure", |_, b| {
        b.contains("could not be built")
    });
    assert!(errors.contains("decision.html"), "{errors}");
    let (status, page) = serve.get(PAGE);
    assert_eq!(status, 200, "the last good site is still served");
    assert!(page.contains("Use PostgreSQL, version 17"), "{page}");

    // Fixing both clears the banner.
    std::fs::remove_file(repo.path().join("templates/decision.html")).expect("remove");
    std::fs::remove_file(repo.path().join("docs/decisions/0002-broken.md")).expect("remove");
    serve.wait_for("/__docket/errors", "an empty banner", |s, b| {
        s == 200 && b.is_empty()
    });
}

/// The preview reads only what changed: a document added shows with its page and in
/// the index, one saved the way editors save (a temporary file renamed over it) shows
/// its new text, and one deleted is gone from both.
#[test]
fn added_saved_and_deleted_documents_show() {
    let repo = repo();
    let serve = Serve::start(&repo);
    let added = "docs/decisions/0002-use-redis.md";
    let added_page = "/decisions/0002-use-redis.html";
    assert_eq!(serve.get(added_page).0, 404);

    repo.write(added, decision("Use Redis for sessions"));
    serve.wait_for(added_page, "the added page", |s, b| {
        s == 200 && b.contains("Use Redis for sessions")
    });
    let (_, index) = serve.get("/decisions/index.html");
    assert!(index.contains("Use Redis for sessions"), "{index}");

    let tmp = repo
        .path()
        .join("docs/decisions/.0001-use-postgresql.md.swp");
    std::fs::write(&tmp, decision("Use PostgreSQL 17")).expect("write");
    std::fs::rename(&tmp, repo.path().join(DECISION)).expect("rename");
    serve.wait_for(PAGE, "the saved page", |s, b| {
        s == 200 && b.contains("Use PostgreSQL 17")
    });

    std::fs::remove_file(repo.path().join(added)).expect("remove");
    serve.wait_for(added_page, "the deleted page gone", |s, _| s == 404);
    let (_, index) = serve.get("/decisions/index.html");
    assert!(!index.contains("Use Redis for sessions"), "{index}");
    assert!(index.contains("Use PostgreSQL 17"), "{index}");
}

/// An open page asks for the version after its own and is answered when a change
/// is shown, not at its next poll; with nothing to wait for it is answered at once.
#[test]
fn a_request_for_the_next_version_is_answered_by_the_change() {
    let repo = repo();
    let serve = Serve::start(&repo);
    let (_, now) = serve.get("/__docket/version");
    let now: u64 = now.trim().parse().expect("a number");
    assert_eq!(
        serve.get(&format!("/__docket/version?after={}", now + 7)).1,
        now.to_string()
    );
    let waiting = {
        let addr = serve.addr.clone();
        let path = format!("/__docket/version?after={now}");
        std::thread::spawn(move || common::serve::get_from(&addr, &path))
    };
    repo.write(DECISION, decision("Use PostgreSQL, waited for"));
    let (status, next) = waiting.join().expect("the waiting request");
    assert_eq!(status, 200);
    assert!(
        next.trim().parse::<u64>().expect("a number") > now,
        "{next}"
    );
}

/// A bounded load on the loopback: 8 clients × 500 requests while a document is
/// rewritten under them. Every answer is whole (a page that ends its HTML, the title
/// one of those written), nothing fails, and what is missing stays a 404.
#[test]
fn a_bounded_load_while_files_are_rewritten() {
    const CLIENTS: usize = 8;
    const REQUESTS: usize = 500;
    let repo = repo();
    let serve = Serve::start(&repo);
    let paths = [
        PAGE,
        "/decisions/index.html",
        "/",
        "/assets/style.css",
        "/decisions.json",
        "/no-such-page.html",
        "/%2e%2e/%2e%2e/etc/passwd",
    ];
    let writer = {
        let root = repo.path().to_path_buf();
        std::thread::spawn(move || {
            // Saved the way editors and docket save: a whole file renamed over it.
            for i in 0..60 {
                let tmp = root.join(format!("docs/decisions/.save-{i}.tmp"));
                std::fs::write(&tmp, decision(&format!("Use PostgreSQL {i}"))).expect("write");
                std::fs::rename(&tmp, root.join(DECISION)).expect("rename over");
            }
        })
    };
    let clients: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let addr = serve.addr.clone();
            std::thread::spawn(move || {
                for r in 0..REQUESTS {
                    let path = paths[(c + r) % paths.len()];
                    let (status, body) = common::serve::get_from(&addr, path);
                    match path {
                        "/no-such-page.html" => assert_eq!(status, 404, "{path}"),
                        p if p.contains("%2e") => assert_eq!(status, 400, "{path}"),
                        _ => assert_eq!(status, 200, "{path}: {body}"),
                    }
                    if path.ends_with(".html") && status == 200 {
                        assert!(
                            body.trim_end().ends_with("</html>"),
                            "{path} is cut:\n{body}"
                        );
                    }
                    if path == PAGE {
                        assert!(body.contains("</span> Use PostgreSQL"), "{body}");
                    }
                }
            })
        })
        .collect();
    writer.join().expect("the writer");
    for c in clients {
        c.join().expect("a client saw a wrong answer");
    }
    serve.wait_for(PAGE, "the last save", |s, b| {
        s == 200 && b.contains("Use PostgreSQL 59")
    });
}
