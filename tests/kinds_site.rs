//! The site of issue 12, "Kinds of your own": every record kind has its index and
//! its records' pages, the indexes filter by status category, folder and the kind's
//! facets, and `decisions.json` says each record's kind and folder. Each test runs
//! the real binary on a real git repository and failed before the site knew kinds:
//!
//! - a monorepo whose decisions live in `services/*/docs/adr`, numbers overlapping
//!   between folders: one decision index with a folder filter, pages in the folders,
//!   qualified ids (`billing/3`);
//! - the decision kind with a status of the team's own (`in review` under
//!   `statuses.open`): open on the index and on the home page;
//! - a kind of the team's own (`[kinds.proposal] path = "EIPS"`): its own index
//!   under its title, a facet filter, and out of the decision index.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};

use common::Repo;

/// Builds `repo` into `site/` and returns the folder.
fn build(repo: &Repo) -> PathBuf {
    let out = repo.path().join("site");
    repo.docket()
        .args(["build", ".", "--out", out.to_str().unwrap()])
        .run()
        .assert_code(0);
    out
}

fn read(site: &Path, page: &str) -> String {
    std::fs::read_to_string(site.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"))
}

fn json(site: &Path) -> serde_json::Value {
    serde_json::from_str(&read(site, "decisions.json")).unwrap()
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

/// The value of attribute `name` in the start tag `tag` (quoted with `"` or `'`),
/// with the entities the templates write undone.
fn attr(tag: &str, name: &str) -> Option<String> {
    let at = tag.find(&format!(" {name}="))? + name.len() + 2;
    let quote = tag[at..].chars().next()?;
    let rest = &tag[at + 1..];
    let value = &rest[..rest.find(quote)?];
    Some(
        value
            .replace("&quot;", "\"")
            .replace("&#x27;", "'")
            .replace("&#x2f;", "/")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

/// The start tags of the rows of the index on `page`.
fn rows(page: &str) -> Vec<&str> {
    let table = between(page, "<table id=\"decision-index\"", "</table>");
    table
        .match_indices("<tr data-id=")
        .map(|(i, _)| {
            let rest = &table[i..];
            &rest[..=rest.find('>').unwrap()]
        })
        .collect()
}

/// The values a filter of the index on `page` offers (the `<select>` whose
/// `data-filter` is `key`), without the "any" option.
fn offered(page: &str, key: &str) -> Vec<String> {
    let select = between(page, &format!("data-filter=\"{key}\""), "</select>");
    select
        .match_indices("<option value=\"")
        .map(|(i, m)| {
            let rest = &select[i + m.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .filter(|v| !v.is_empty())
        .collect()
}

/// The label of the `<optgroup>` of the status filter that holds `status`.
fn status_group<'a>(page: &'a str, status: &str) -> &'a str {
    let select = between(page, "data-filter=\"status\"", "</select>");
    let at = select
        .find(&format!("<option value=\"{status}\""))
        .unwrap_or_else(|| panic!("status {status:?} not offered:\n{select}"));
    let group = select[..at]
        .rfind("<optgroup label=\"")
        .unwrap_or_else(|| panic!("status {status:?} in no group:\n{select}"));
    let rest = &select[group + 17..];
    &rest[..rest.find('"').unwrap()]
}

const PEOPLE: &str = "\
- id: alice
  name: Alice Ng
  timezone: Europe/Berlin
- id: bob
  name: Bob Okafor
  timezone: America/Toronto
";

// ---------------------------------------------------------------- (a) a monorepo

/// A decision of the monorepo: `services/<service>/docs/adr/000<n>-<slug>.md`.
fn adr(service: &str, n: u32, status: &str, extra: &str) -> (String, String) {
    let decided = if status == "proposed" {
        String::new()
    } else {
        "decided: 2026-11-12\n".to_string()
    };
    (
        format!("services/{service}/docs/adr/{n:04}-{service}-choice-{n}.md"),
        format!(
            "---\ntitle: {service} choice {n}\nstatus: {status}\nowner: alice\ndate: 2026-11-10\n{decided}{extra}---\n\n## Context\n\nWhy {service} needs choice {n}.\n\n## Options\n\n- One\n- Two\n\n## Decision\n\nOne.\n"
        ),
    )
}

/// Three services, each with its own decision folder, whose numbers overlap: each
/// has 0001 and 0002, billing and search have 0003. Billing's 0003 replaces billing's
/// 0001 (a bare `1`, meaning its own folder's).
fn monorepo() -> Repo {
    let mut files = vec![
        (
            "docket.toml".to_string(),
            "root = \".\"\n\n[kinds.decision]\npath = \"services/*/docs/adr\"\n".to_string(),
        ),
        ("people.yaml".to_string(), PEOPLE.to_string()),
        adr("billing", 1, "superseded", "superseded_by: 3\n"),
        adr("billing", 2, "accepted", ""),
        adr("billing", 3, "accepted", "supersedes: [1]\n"),
        adr("search", 1, "accepted", ""),
        adr("search", 2, "rejected", ""),
        adr("search", 3, "proposed", ""),
        adr("auth", 1, "accepted", ""),
        adr("auth", 2, "deprecated", ""),
    ];
    files.push((
        "services/billing/README.md".to_string(),
        "# Billing\n\nThe billing service.\n".to_string(),
    ));
    // A decision folder's own README, which a record links to.
    files.push((
        "services/billing/docs/adr/README.md".to_string(),
        "# Billing decisions\n\nOne file per decision.\n".to_string(),
    ));
    files[3]
        .1
        .push_str("\nSee [all of billing's decisions](README.md).\n");
    let repo = Repo::new();
    for (path, text) in &files {
        repo.write(path, text);
    }
    repo.commit("Monorepo");
    repo
}

/// (a) One decision index lists every record of every folder, each row carrying its
/// folder, and offers the folders as a filter.
#[test]
fn a_monorepo_has_one_decision_index_with_a_folder_filter() {
    let repo = monorepo();
    let site = build(&repo);
    let index = read(&site, "decisions/index.html");
    let rows = rows(&index);
    assert_eq!(rows.len(), 8, "every record of the three folders:\n{index}");
    for row in &rows {
        let folder = attr(row, "data-folder").unwrap_or_else(|| panic!("no folder: {row}"));
        let cells = between(&index, row, "</tr>");
        let link = between(cells, "<a href=", ">");
        let href = attr(&format!(" {link}"), "href").unwrap();
        assert!(
            href.contains(&format!("services/{folder}/docs/adr/")),
            "{folder}: {href}"
        );
    }
    let mut folders = offered(&index, "folder");
    folders.sort();
    assert_eq!(folders, ["auth", "billing", "search"], "{index}");
    // The ids say their folder: `billing/3`, not three rows of `3`.
    for id in ["billing/3", "search/3", "auth/1", "billing/1"] {
        assert!(index.contains(&format!(">{id}</td>")), "{id}:\n{index}");
    }
    // No other index: the decisions are one kind.
    assert!(!site.join("decision/index.html").exists());
}

/// (a) Each record has its page at its own path, shows its qualified id, names its
/// kind in the eyebrow, and links the record its bare reference means: its own
/// folder's.
#[test]
fn a_monorepo_s_records_have_pages_in_their_folders() {
    let repo = monorepo();
    let site = build(&repo);
    for (service, n) in [
        ("billing", 1),
        ("billing", 2),
        ("billing", 3),
        ("search", 1),
        ("search", 2),
        ("search", 3),
        ("auth", 1),
        ("auth", 2),
    ] {
        let page = read(
            &site,
            &format!("services/{service}/docs/adr/{n:04}-{service}-choice-{n}.html"),
        );
        assert!(
            page.contains(&format!("<span class=\"doc-id\">{service}/{n}</span>")),
            "{service}/{n}:\n{page}"
        );
        let eyebrow = between(&page, "<p class=\"eyebrow\">", "</p>");
        assert!(
            eyebrow.contains("href=\"../../../../decisions/index.html\"")
                && eyebrow.contains(">Decisions<"),
            "{eyebrow}"
        );
    }
    // A link to a decision folder's README goes to the decision index, the page
    // that lists the folder.
    let linking = read(
        &site,
        "services/billing/docs/adr/0002-billing-choice-2.html",
    );
    let prose = between(&linking, "<div class=\"prose\">", "</div>");
    assert!(
        prose.contains("href=\"../../../../decisions/index.html\""),
        "{prose}"
    );
    let old = read(
        &site,
        "services/billing/docs/adr/0001-billing-choice-1.html",
    );
    let notice = between(&old, "notice-superseded", "</p>");
    assert!(
        notice
            .contains("href=\"../../../../services/billing/docs/adr/0003-billing-choice-3.html\""),
        "billing's 1 is replaced by billing's 3, not search's: {notice}"
    );
}

/// (a) `decisions.json` gives every entry its kind and its folder.
#[test]
fn decisions_json_gives_each_record_its_folder() {
    let repo = monorepo();
    let site = build(&repo);
    let doc = json(&site);
    let entries = doc["decisions"].as_array().unwrap();
    assert_eq!(entries.len(), 8, "{doc:#}");
    for e in entries {
        let path = e["path"].as_str().unwrap();
        let folder = e["folder"].as_str().unwrap_or_else(|| panic!("{e}"));
        assert!(path.starts_with(&format!("services/{folder}/")), "{e}");
        assert_eq!(e["kind"], "decision", "{e}");
    }
    let billing1 = entries
        .iter()
        .find(|e| e["folder"] == "billing" && e["id"] == 1)
        .unwrap();
    assert_eq!(billing1["superseded_by"], "billing/3", "{billing1}");
}

// ------------------------------------------------- (b) statuses of the team's own

/// (b) A decision whose status is the team's own open status (`in review`) is open:
/// the index offers it under "Open" and marks its row open, its badge is coloured as
/// open, and the home page lists it among the open decisions.
#[test]
fn a_team_s_own_open_status_is_open_on_the_index_and_the_home_page() {
    let repo = Repo::new();
    repo.write_all(common::MINIMAL)
        .write(
            "docket.toml",
            "[kinds.decision]\nstatuses.open = [\"proposed\", \"in review\"]\n",
        )
        .write(
            "docs/decisions/0001-adopt-graphql.md",
            "---\ntitle: Adopt GraphQL for the public API\nstatus: in review\nowner: alice\ndate: 2026-11-23\n---\n\n## Context\n\nClients ask for it.\n",
        )
        .write(
            "docs/decisions/0002-use-postgresql.md",
            "---\ntitle: Use PostgreSQL\nstatus: accepted\nowner: bob\ndate: 2026-11-20\ndecided: 2026-11-21\n---\n\n## Options\n\n- PostgreSQL\n- MySQL\n\n## Decision\n\nPostgreSQL.\n",
        )
        .commit("Decisions");
    let site = build(&repo);
    let index = read(&site, "decisions/index.html");
    assert_eq!(status_group(&index, "in review"), "Open", "{index}");
    assert!(
        offered(&index, "state").contains(&"open".to_string()),
        "{index}"
    );
    let row = rows(&index)
        .into_iter()
        .find(|r| attr(r, "data-id").as_deref() == Some("1"))
        .unwrap();
    assert_eq!(
        attr(row, "data-status").as_deref(),
        Some("in review"),
        "{row}"
    );
    assert_eq!(attr(row, "data-state").as_deref(), Some("open"), "{row}");
    let cells = between(&index, row, "</tr>");
    assert!(
        cells.contains("badge-open\">in review</span>"),
        "the badge is coloured by its category: {cells}"
    );
    let home = read(&site, "index.html");
    let open = between(&home, "id=\"open-heading\"", "</section>");
    assert!(
        open.contains("Adopt GraphQL for the public API"),
        "the home page lists it as open:\n{open}"
    );
    assert!(!open.contains("Use PostgreSQL"), "{open}");
    let recent = between(&home, "id=\"recent-heading\"", "</section>");
    assert!(recent.contains("Use PostgreSQL"), "{recent}");
    assert!(!recent.contains("Adopt GraphQL"), "{recent}");
}

// ---------------------------------------------------- (c) a kind of the team's own

const EIP_TOML: &str = r#"root = "."

[kinds.decision]
path = "decisions"

[kinds.proposal]
path = "EIPS"
title = "Improvement proposals"
id = "eip"
fields.owner = "author"
fields.date = "created"
statuses.open = ["Draft", "Review", "Last Call"]
statuses.decided = ["Final", "Living"]
statuses.closed = ["Stagnant", "Withdrawn"]
statuses.superseded = ["Moved"]
facets = ["type"]
"#;

/// An improvement proposal in the EIP format.
fn eip(n: u32, title: &str, status: &str, ty: &str) -> (String, String) {
    (
        format!("EIPS/eip-{n}.md"),
        format!(
            "---\neip: {n}\ntitle: {title}\nstatus: {status}\ntype: {ty}\nauthor: Alice Ng (@alice)\ncreated: 2026-10-0{}\n---\n\n## Abstract\n\n{title}, in short.\n",
            n % 9 + 1
        ),
    )
}

/// A repository of improvement proposals beside one decision of the built-in kind.
fn proposals() -> Repo {
    let repo = Repo::new();
    repo.write("docket.toml", EIP_TOML)
        .write("people.yaml", PEOPLE)
        .write(
            "decisions/0001-use-rust.md",
            "---\ntitle: Use Rust for the client\nstatus: accepted\nowner: alice\ndate: 2026-11-01\ndecided: 2026-11-02\n---\n\n## Options\n\n- Rust\n- Go\n\n## Decision\n\nRust.\n",
        );
    for (path, text) in [
        eip(1, "EIP Purpose and Guidelines", "Living", "Meta"),
        eip(20, "Token Standard", "Final", "Standards Track"),
        eip(1559, "Fee market change", "Final", "Standards Track"),
        eip(7000, "Fast confirmations", "Draft", "Standards Track"),
        eip(4, "Old process", "Withdrawn", "Informational"),
    ] {
        repo.write(&path, text);
    }
    repo.commit("Proposals");
    repo
}

/// (c) The kind has its index page in its folder, under its title, with a
/// navigation entry on every page; the decision index keeps only the decisions.
#[test]
fn a_kind_of_ones_own_has_its_index_under_its_title() {
    let repo = proposals();
    let site = build(&repo);
    let index = read(&site, "EIPS/index.html");
    assert!(index.contains("<h1>Improvement proposals</h1>"), "{index}");
    assert_eq!(rows(&index).len(), 5, "{index}");
    assert!(index.contains("EIP Purpose and Guidelines"), "{index}");
    for (page, href) in [
        ("index.html", "EIPS/index.html"),
        ("decisions/index.html", "../EIPS/index.html"),
        ("EIPS/eip-1.html", "../EIPS/index.html"),
    ] {
        let html = read(&site, page);
        let nav = between(&html, "<nav class=\"site-nav\"", "</nav>");
        assert!(
            nav.contains(&format!("href=\"{href}\"")) && nav.contains(">Improvement proposals</a>"),
            "{page}: {nav}"
        );
    }
    let decisions = read(&site, "decisions/index.html");
    assert_eq!(rows(&decisions).len(), 1, "only the decision:\n{decisions}");
    for title in [
        "EIP Purpose",
        "Token Standard",
        "Fee market",
        "Fast confirmations",
    ] {
        assert!(!decisions.contains(title), "{title} in the decision index");
    }
    let home = read(&site, "index.html");
    assert!(
        !home.contains("Fast confirmations"),
        "a draft is no open decision"
    );
}

/// (c) The kind's index filters by its statuses (grouped by category), by category,
/// and by its facet `type`; badges are coloured by category.
#[test]
fn a_kind_of_ones_own_offers_its_statuses_and_facets() {
    let repo = proposals();
    let site = build(&repo);
    let index = read(&site, "EIPS/index.html");
    let mut types = offered(&index, "type");
    types.sort();
    assert_eq!(
        types,
        ["Informational", "Meta", "Standards Track"],
        "{index}"
    );
    assert_eq!(status_group(&index, "Last Call"), "Open", "{index}");
    assert_eq!(status_group(&index, "Final"), "Decided", "{index}");
    assert_eq!(status_group(&index, "Withdrawn"), "Closed", "{index}");
    assert_eq!(status_group(&index, "Moved"), "Superseded", "{index}");
    assert_eq!(
        offered(&index, "state"),
        ["open", "decided", "closed", "superseded"],
        "{index}"
    );
    for row in rows(&index) {
        let facets: serde_json::Value =
            serde_json::from_str(&attr(row, "data-facets").unwrap()).unwrap();
        assert!(facets["type"].is_array(), "{row}");
    }
    assert!(index.contains("badge-open\">Draft</span>"), "{index}");
    assert!(index.contains("badge-decided\">Final</span>"), "{index}");
    assert!(index.contains("badge-closed\">Withdrawn</span>"), "{index}");
    // The page of a record names its kind.
    let page = read(&site, "EIPS/eip-1559.html");
    let eyebrow = between(&page, "<p class=\"eyebrow\">", "</p>");
    assert!(
        eyebrow.contains("href=\"../EIPS/index.html\"")
            && eyebrow.contains("Improvement proposals"),
        "{eyebrow}"
    );
    assert!(
        page.contains("<span class=\"doc-id\">1559</span>"),
        "{page}"
    );
}

/// (c) `decisions.json` lists the proposals after the decisions, each with
/// `"kind": "proposal"`, by id.
#[test]
fn decisions_json_lists_a_kind_of_ones_own_after_the_decisions() {
    let repo = proposals();
    let site = build(&repo);
    let doc = json(&site);
    let entries = doc["decisions"].as_array().unwrap();
    let kinds: Vec<&str> = entries
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "decision", "proposal", "proposal", "proposal", "proposal", "proposal"
        ],
        "{doc:#}"
    );
    let ids: Vec<&serde_json::Value> = entries[1..].iter().map(|e| &e["id"]).collect();
    assert_eq!(ids, [1, 4, 20, 1559, 7000], "{doc:#}");
    assert!(entries.iter().all(|e| e["folder"].is_null()), "{doc:#}");
    assert_eq!(entries[1]["status"], "Living");
    assert_eq!(entries[1]["url"], "EIPS/eip-1.html");
}
