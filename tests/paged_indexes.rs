//! Indexes in numbered pages (issue "Readers at scale"): with `[site] page_size`, the
//! decision index, the briefs, the roster and the days of updates are split into
//! `index.html`, `page-2.html`, … with links that work without JavaScript; a
//! person's page lists a page's worth of what they own and links the rest; and a
//! bad `page_size` is a configuration error with its line. The navigation is a
//! snapshot. (`tests/scale.rs` builds 10,000 decisions and drives the pages in a
//! browser.)

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Repo, corpus};

fn build(repo: &Repo) -> std::path::PathBuf {
    let site = repo.path().join("site");
    repo.docket()
        .args(["build", repo.path().to_str().unwrap(), "--out"])
        .args([site.to_str().unwrap()])
        .run()
        .assert_code(0);
    site
}

fn read(site: &std::path::Path, rel: &str) -> String {
    std::fs::read_to_string(site.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The page navigation of a page.
fn pager(html: &str) -> &str {
    let start = html
        .find("<nav class=\"pagination\"")
        .expect("a page navigation");
    let end = html[start..].find("</nav>").unwrap() + start + "</nav>".len();
    &html[start..end]
}

/// The ids of the decision index's rows on a page.
fn rows(html: &str) -> Vec<String> {
    html.split("<tr data-id=\"")
        .skip(1)
        .filter_map(|s| Some(s.split('"').next()?.to_string()))
        .collect()
}

#[test]
fn every_index_is_split_into_numbered_pages() {
    let repo = Repo::new();
    let corpus = corpus::write_handbook(&repo, 23, 3);
    for (day, who) in [
        ("2026-11-20", "alice"),
        ("2026-11-21", "bob"),
        ("2026-11-23", "alice"),
    ] {
        repo.write(
            &format!("docs/updates/{day}/{who}.md"),
            "Done: a thing\nNext: another\nBlocker: none\n",
        );
    }
    repo.write("docket.toml", "[site]\npage_size = 5\n");
    repo.commit("a handbook of 23 decisions");
    let site = build(&repo);

    // Decisions: 23 rows on five pages, each row once, in order.
    let mut seen = Vec::new();
    for n in 1..=5 {
        let rel = if n == 1 {
            "decisions/index.html".to_string()
        } else {
            format!("decisions/page-{n}.html")
        };
        seen.extend(rows(&read(&site, &rel)));
    }
    assert_eq!(seen, (1..=23).map(|n| n.to_string()).collect::<Vec<_>>());
    assert!(!site.join("decisions/page-6.html").exists());
    let third = read(&site, "decisions/page-3.html");
    insta::assert_snapshot!("decision_index_page_3_navigation", pager(&third));
    assert!(
        third.contains("<title>Decisions (page 3 of 5)"),
        "{}",
        &third[..400]
    );
    assert!(third.contains("Decisions 11–15 of 23, by id"));
    // The filters offer every owner and tag, not only this page's.
    for id in &corpus.people {
        assert!(
            third.contains(&format!("<option value=\"{id}\">")),
            "no owner {id} to filter by"
        );
    }
    // Every row, for the script that filters the whole set.
    let data = read(&site, "decisions/index.js");
    assert!(
        data.starts_with("window.docketRecords=[[\"1\",1,\"decisions/0001-"),
        "{}",
        &data[..80]
    );
    assert_eq!(data.lines().count(), 23);
    assert!(third.contains("data-records=\"../decisions/index.js\""));

    // The roster (3 people) and the days of updates (3) on pages of five: one page
    // each, no navigation; the briefs (2) too.
    for rel in [
        "people/index.html",
        "updates/index.html",
        "briefs/index.html",
    ] {
        assert!(
            !read(&site, rel).contains("class=\"pagination\""),
            "{rel} has pages"
        );
    }

    // A person who owns more than a page's worth: five listed, the rest linked.
    let (owner, owned) = corpus
        .people
        .iter()
        .map(|p| (p, corpus.decisions.iter().filter(|d| &d.2 == p).count()))
        .max_by_key(|(_, n)| *n)
        .unwrap();
    assert!(
        owned > 5,
        "the generated handbook gives nobody more than five decisions"
    );
    let page = read(&site, &format!("people/{owner}.html"));
    let owns = &page
        [page.find("docket-owned-decisions").unwrap()..page.find("docket-owned-briefs").unwrap()];
    assert_eq!(owns.matches("<li>").count(), 5, "{owns}");
    assert!(
        owns.contains(&format!(
            "5 of {owned} shown, open ones first, then the newest."
        )),
        "{owns}"
    );
    assert!(
        owns.contains(&format!(
            "href=\"../decisions/index.html?owner={owner}\">All {owned} decisions"
        )),
        "{owns}"
    );
}

#[test]
fn a_long_roster_and_many_days_of_updates_have_pages_too() {
    let repo = Repo::new();
    corpus::write_handbook(&repo, 3, 5);
    for day in 1..=5 {
        repo.write(
            &format!("docs/updates/2026-11-{day:02}/alice.md"),
            "Done: a thing\nNext: another\nBlocker: none\n",
        );
    }
    repo.write("docket.toml", "[site]\npage_size = 2\n");
    repo.commit("five people, five days");
    let site = build(&repo);
    let people = read(&site, "people/page-3.html");
    assert!(
        people.contains("The roster: 5 people, 5–5 here"),
        "{people}"
    );
    // The strip of a page shows that page's people.
    assert_eq!(
        people.matches("class=\"strip-row\"").count()
            + people.matches("class=\"strip-row is-").count(),
        1
    );
    let days = read(&site, "updates/page-2.html");
    assert!(
        days.contains("2026-11-03") && !days.contains("2026-11-05</time></a>"),
        "{days}"
    );
    assert!(
        !days.contains("docket-open-blockers"),
        "page 2 repeats the open blockers"
    );
    assert!(read(&site, "updates/index.html").contains("docket-open-blockers"));
}

#[test]
fn a_page_size_that_is_no_positive_number_is_a_configuration_error() {
    let repo = Repo::new();
    repo.write_all(common::MINIMAL);
    repo.write("docket.toml", "[site]\npage_size = 0\n");
    repo.commit("bad page size");
    let run = repo
        .docket()
        .args(["build", repo.path().to_str().unwrap()])
        .run();
    run.assert_code(2);
    let said = format!("{}{}", run.stdout, run.stderr);
    assert!(
        said.contains("`page_size` must be a whole number (1 or more)"),
        "{said}"
    );
    assert!(said.contains("docket.toml:2"), "{said}");
}
