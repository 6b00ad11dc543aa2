//! What the site shows must be true (the issue "Everything docket shows is true",
//! points 7, 8 and the site's part of 12): each test is named after a finding of a new
//! user's first week, runs the real binary on a real git repository, and failed
//! before its fix. The browser test (`tests/browser.rs`) checks the same points where
//! only a browser can see them (computed styles, docket.js, the serve banner's layout).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::serve::Serve;
use common::{Repo, Run, minimal_repo_with};

/// Builds `repo` into `site/` with `args` added, and returns the folder.
fn build(repo: &Repo, args: &[&str]) -> (PathBuf, Run) {
    let out = repo.path().join("site");
    let run = repo
        .docket()
        .args(["build", ".", "--out", out.to_str().unwrap()])
        .args(args)
        .run();
    run.assert_code(0);
    (out, run)
}

fn read(site: &Path, page: &str) -> String {
    std::fs::read_to_string(site.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"))
}

/// The text of `html` without its tags, with runs of white space made one space.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The part of `html` from `start` to the next `end`.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in:\n{html}"));
    let rest = &html[from..];
    let to = rest.find(end).unwrap_or(rest.len());
    &rest[..to]
}

/// A decision file.
fn decision(n: u32, front: &str) -> (String, Vec<u8>) {
    (
        format!("docs/decisions/{n:04}-d{n}.md"),
        format!("---\ntitle: Decision {n}\nowner: alice\n{front}---\n\n## Context\n\nWhy.\n")
            .into_bytes(),
    )
}

fn repo_with(files: &[(String, Vec<u8>)]) -> Repo {
    let files: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_slice()))
        .collect();
    minimal_repo_with(&files)
}

// ---------------------------------------------------------------- point 7

/// Point 7: with a base URL, `404.html` links its style sheet, script and navigation
/// absolutely, so a static host that serves it for `/decisions/nope.html` shows a
/// styled page. Before, its links were relative to the site root (with a `<base>`
/// element that also sent the skip link to the home page).
#[test]
fn the_404_page_links_absolutely_with_a_base_url() {
    let repo = minimal_repo_with(&[]);
    let (site, _) = build(&repo, &["--base-url", "https://example.com/handbook"]);
    let page = read(&site, "404.html");
    for link in [
        "href=\"https://example.com/handbook/assets/style.css\"",
        "src=\"https://example.com/handbook/assets/docket.js\"",
        "href=\"https://example.com/handbook/decisions/index.html\"",
        "data-root=\"https://example.com/handbook/\"",
    ] {
        assert!(page.contains(link), "{link} in:\n{page}");
    }
    assert!(!page.contains("<base"), "{page}");
    assert!(
        page.contains("href=\"#main\""),
        "the skip link stays on the page"
    );
    // Other pages keep relative links: the site still works from file://.
    let decisions = read(&site, "decisions/index.html");
    assert!(decisions.contains("href=\"../assets/style.css\""));
}

/// Point 7, without a base URL: the guide says what a static host needs.
#[test]
fn the_guide_says_a_static_host_needs_a_base_url_for_its_404() {
    let guide =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/guide/site.md"))
            .unwrap();
    let section = between(&guide, "## Hosting", "\n## ");
    assert!(
        section.contains("404.html") && section.contains("--base-url"),
        "{section}"
    );
}

/// Point 7 in `serve`: a missing page in a folder gets the 404 page with links that
/// work from that folder (to `/`), so it is styled. Before, its links were relative
/// to the site root and pointed into `/decisions/assets/`.
#[test]
fn serve_answers_a_nested_missing_page_with_a_404_that_links_from_the_root() {
    let repo = minimal_repo_with(&[]);
    let serve = Serve::start(&repo);
    let (status, page) = serve.get("/decisions/nope.html");
    assert_eq!(status, 404, "{page}");
    for link in [
        "href=\"/assets/style.css\"",
        "src=\"/assets/docket.js\"",
        "href=\"/decisions/index.html\"",
        "action=\"/search.html\"",
        "data-root=\"/\"",
        // In-page links and other sites are left alone.
        "href=\"#main\"",
    ] {
        assert!(page.contains(link), "{link} in:\n{page}");
    }
    // The built 404.html itself is served as built (the preview is the build).
    let (status, built) = serve.get("/404.html");
    assert_eq!(status, 200);
    assert!(built.contains("href=\"assets/style.css\""), "{built}");
}

// ---------------------------------------------------------------- point 8

/// Point 8: the serve banner's text opens with a one-line summary (the collapsed
/// bar shows only that line); the diagnostics follow. Before, the first line was the
/// first diagnostic and the summary came last, after up to 20 diagnostics.
#[test]
fn the_serve_banner_opens_with_a_one_line_summary() {
    let repo = minimal_repo_with(&[
        (
            "docs/decisions/0001-broken.md",
            b"---\ntitle: [unclosed\nstatus: proposed\n---\n",
        ),
        (
            "docs/decisions/0002-also-broken.md",
            b"---\ntitle: \"unclosed\nstatus: proposed\n---\n",
        ),
    ]);
    let serve = Serve::start(&repo);
    let started = Instant::now();
    let errors = loop {
        let (_, body) = serve.get("/__docket/errors");
        if !body.is_empty() || started.elapsed() > Duration::from_secs(60) {
            break body;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let first = errors.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("2 errors, ") && first.contains("left out of the site"),
        "the first line is the summary:\n{errors}"
    );
    assert!(
        errors.contains("error[front-matter-syntax]"),
        "the diagnostics follow:\n{errors}"
    );
    let (_, script) = serve.get("/__docket/live.js");
    assert!(
        script.contains("white-space:pre;") && !script.contains("pre-wrap"),
        "diagnostics keep their columns (carets under the text they mark)"
    );
}

// ---------------------------------------------------------------- point 12

/// Point 12: decisions decided (or due) the same day are listed by number on the
/// home page, as in the index. Before, their ids were compared as text: 1, 10, 2, 3.
#[test]
fn the_home_page_lists_decisions_of_one_day_by_number() {
    let mut files = Vec::new();
    for n in [1, 2, 3, 10] {
        files.push(decision(
            n,
            "status: accepted\ndate: 2026-11-20\ndecided: 2026-11-21\noptions: [a, b]\noutcome: a\n",
        ));
    }
    for n in [4, 11, 5] {
        files.push(decision(
            n,
            "status: proposed\ndate: 2026-11-23\ndeadline: 2026-11-30\n",
        ));
    }
    let repo = repo_with(&files);
    let (site, _) = build(&repo, &[]);
    let home = read(&site, "index.html");
    let order = |section: &str| -> Vec<u32> {
        let part = between(&home, section, "</section>");
        part.match_indices("decisions/")
            .filter_map(|(i, _)| {
                let rest = &part[i + "decisions/".len()..];
                rest.get(..4).and_then(|n| n.parse().ok())
            })
            .collect()
    };
    assert_eq!(order("id=\"recent-heading\""), [1, 2, 3, 10], "{home}");
    assert_eq!(order("id=\"open-heading\""), [4, 5, 11], "{home}");
}

/// Point 12: an update in search results is "Alice Ng · 2026-11-24", not `alice`.
#[test]
fn search_results_name_an_update_by_person_and_date() {
    let repo = minimal_repo_with(&[(
        "docs/updates/2026-11-24/alice.md",
        b"Done: the plan\nNext: the review\nBlocker: none\n",
    )]);
    let (site, _) = build(&repo, &[]);
    let index = read(&site, "search-index.js");
    assert!(
        index.contains("[\"updates/2026-11-24/alice.html\",\"Alice Ng · 2026-11-24\",\"update\""),
        "{index}"
    );
    let page = read(&site, "updates/2026-11-24/alice.html");
    assert!(
        page.contains("<title>Alice Ng · 2026-11-24 · "),
        "the page's own title agrees:\n{page}"
    );
}

/// Point 12: a `supersedes` target that does not exist reads "7 (not found)".
/// Before, "#7 7 (not found)": the reference as the id and again as the title.
#[test]
fn a_missing_supersedes_target_is_named_once() {
    let repo = repo_with(&[decision(
        2,
        "status: accepted\ndate: 2026-11-20\ndecided: 2026-11-21\noptions: [a, b]\noutcome: a\nsupersedes: [7]\n",
    )]);
    let (site, _) = build(&repo, &[]);
    let page = read(&site, "decisions/0002-d2.html");
    let dd = between(&page, "<dt>Supersedes</dt>", "</dd>");
    assert_eq!(text(dd), "Supersedes7 (not found)", "{dd}");
    // `.doc-id` is drawn with a `#` before it: the missing reference is not one.
    assert!(!dd.contains("doc-id"), "{dd}");
}

/// Point 12: an open blocker states one age, to the newest update. Before, the page
/// said "open 3 days by the newest update" and docket.js added "(5 days ago)" from
/// the reader's clock after the start date: two ages in one sentence.
#[test]
fn a_blocker_states_one_age() {
    let blocked = b"Done: x\nNext: y\nBlocker: access to the design repository\n";
    let repo = minimal_repo_with(&[
        ("docs/updates/2026-11-20/bob.md", blocked),
        ("docs/updates/2026-11-23/bob.md", blocked),
    ]);
    let (site, _) = build(&repo, &[]);
    for page in ["updates/index.html", "people/bob.html"] {
        let html = read(&site, page);
        let age = text(between(&html, "<span class=\"blocker-age\">", "</li>"));
        assert!(
            age.starts_with("since 2026-11-20: open 3 days by the newest update"),
            "{page}: {age}"
        );
        assert!(!html.contains("data-since"), "{page}: {age}");
    }
    let script = read(&site, "assets/docket.js");
    assert!(
        !script.contains("data-since") && !script.contains(" ago)"),
        "docket.js adds no second, clock-relative age"
    );
}

/// Point 12: the Atom feed's ids are absolute IRIs (RFC 4287 §4.2.6) with or without
/// a base URL, and its authors are the roster's names. Before, without a base URL the
/// ids were relative (`decisions/0001-d1.html`) and the author was `alice`.
#[test]
fn the_feed_has_absolute_ids_and_named_authors() {
    let repo = repo_with(&[decision(
        1,
        "status: accepted\ndate: 2026-11-20\ndecided: 2026-11-21\noptions: [a, b]\noutcome: a\n",
    )]);
    let (site, run) = build(&repo, &[]);
    let feed = read(&site, "feed.xml");
    let ids: Vec<&str> = feed
        .split("<id>")
        .skip(1)
        .map(|s| s.split("</id>").next().unwrap())
        .collect();
    assert_eq!(ids.len(), 2, "{feed}");
    for id in &ids {
        assert!(id.starts_with("urn:uuid:") && id.len() == 45, "{id}");
    }
    assert_ne!(ids[0], ids[1]);
    assert!(
        feed.contains("<author><name>Alice Ng</name></author>"),
        "{feed}"
    );
    assert!(
        run.stderr.contains("feed.xml") && run.stderr.contains("urn:uuid:"),
        "the build's note says how the feed names its entries:\n{}",
        run.stderr
    );
    // The same ids from build to build.
    let (site, _) = build(&repo, &[]);
    assert_eq!(read(&site, "feed.xml"), feed);

    let (site, run) = build(&repo, &["--base-url", "https://example.com/handbook/"]);
    let feed = read(&site, "feed.xml");
    assert!(
        feed.contains("<id>https://example.com/handbook/decisions/0001-d1.html</id>"),
        "{feed}"
    );
    assert!(!feed.contains("urn:uuid:"), "{feed}");
    assert!(!run.stderr.contains("feed.xml"), "{}", run.stderr);
}

/// Point 12: free pages are ordered in the navigation by `nav_order` or `weight`
/// (lower first, then the title), and neither key is an `unknown-field`. Before, the
/// navigation was alphabetical and both keys were warned about.
#[test]
fn free_pages_follow_nav_order_and_weight() {
    let repo = minimal_repo_with(&[
        (
            "docs/guide/alpha.md",
            b"---\ntitle: Alpha\nnav_order: 3\n---\n# Alpha\n\nText.\n",
        ),
        (
            "docs/guide/beta.md",
            b"---\ntitle: Beta\nweight: 1\n---\n# Beta\n\nText.\n",
        ),
        ("docs/guide/aardvark.md", b"# Aardvark\n\nNo order: last.\n"),
        (
            "docs/guide/gamma.md",
            b"---\ntitle: Gamma\nnav_order: 2\n---\n# Gamma\n\nText.\n",
        ),
    ]);
    let (site, _) = build(&repo, &[]);
    let page = read(&site, "index.html");
    let nav = between(&page, "<nav class=\"site-nav\"", "</nav>");
    let at = |t: &str| {
        nav.find(&format!(">{t}</a>"))
            .unwrap_or_else(|| panic!("{t} in {nav}"))
    };
    assert!(
        at("Beta") < at("Gamma") && at("Gamma") < at("Alpha") && at("Alpha") < at("Aardvark"),
        "{nav}"
    );
    let run = repo.check_json(&[]);
    let unknown: Vec<_> = run
        .diagnostics()
        .into_iter()
        .filter(|d| d.rule == "unknown-field")
        .collect();
    assert!(unknown.is_empty(), "{}", common::listing(&unknown));
}
