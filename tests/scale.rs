//! Readers at scale (issue 17): a generated handbook of 10,000 decisions (and 1,000
//! briefs, 40 people) built by the real binary. Every HTML page stays within a byte
//! budget, the search index within its own, every decision is on exactly one
//! numbered page of the index, and, where a browser is available,
//! `tests/browser/scale.test.mjs` opens the index from `file://` and finds a
//! decision of the last page through the filters (see that script).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;

use common::{Repo, corpus};

/// The most one HTML page may weigh.
const PAGE_BUDGET: u64 = 300 * 1024;
/// The most the search index may weigh in all, at 10,000 documents.
const SEARCH_BUDGET: u64 = 10 * 1024 * 1024;
const DECISIONS: u32 = 10_000;

fn files(dir: &Path, out: &mut Vec<(String, u64)>, root: &Path) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.is_dir() {
            files(&path, out, root);
        } else {
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, entry.metadata().unwrap().len()));
        }
    }
}

#[test]
fn a_handbook_of_ten_thousand_decisions_has_light_pages() {
    let repo = Repo::new();
    let corpus = corpus::write_handbook(&repo, DECISIONS, 40);
    repo.commit("A large handbook");
    let site = repo.path().join("site");
    let build = repo
        .docket()
        .args([
            "build",
            repo.path().to_str().unwrap(),
            "--out",
            site.to_str().unwrap(),
        ])
        .timeout(Duration::from_secs(900))
        .run();
    build.assert_code(0);

    let mut all = Vec::new();
    files(&site, &mut all, &site);
    let heavy: Vec<String> = all
        .iter()
        .filter(|(rel, len)| rel.ends_with(".html") && *len > PAGE_BUDGET)
        .map(|(rel, len)| format!("{rel}: {} KB", len / 1024))
        .collect();
    assert!(
        heavy.is_empty(),
        "pages over {} KB:\n{}",
        PAGE_BUDGET / 1024,
        heavy.join("\n")
    );
    let search: u64 = all
        .iter()
        .filter(|(rel, _)| rel.starts_with("search-index"))
        .map(|(_, len)| len)
        .sum();
    assert!(search > 0, "no search index was written");
    assert!(
        search < SEARCH_BUDGET,
        "the search index weighs {} KB",
        search / 1024
    );

    // The metrics page draws the open decisions nearest their deadline, not all.
    let metrics = std::fs::read_to_string(site.join("metrics.html")).unwrap();
    assert!(
        metrics.contains("Open decisions against their deadlines: the 40 nearest of"),
        "the deadlines chart draws every open decision"
    );

    // Every decision is on exactly one page of the index, in order.
    let pages: Vec<&String> = all
        .iter()
        .map(|(rel, _)| rel)
        .filter(|rel| {
            rel.strip_prefix("decisions/").is_some_and(|f| {
                f == "index.html" || (f.starts_with("page-") && f.ends_with(".html"))
            })
        })
        .collect();
    let mut ids = Vec::new();
    for rel in &pages {
        let html = std::fs::read_to_string(site.join(rel)).unwrap();
        let tbody = html.split("<tbody>").nth(1).unwrap_or("");
        ids.extend(
            tbody
                .split("<tr data-id=\"")
                .skip(1)
                .filter_map(|s| s.split('"').next()?.parse::<u32>().ok()),
        );
    }
    let unique: BTreeSet<u32> = ids.iter().copied().collect();
    assert_eq!(
        ids.len(),
        DECISIONS as usize,
        "rows over {} pages",
        pages.len()
    );
    assert_eq!(
        unique.len(),
        DECISIONS as usize,
        "a decision is on two pages"
    );
    assert!(
        site.join("decisions/index.js").is_file(),
        "no index.js for the script"
    );

    let Some((chromium, workspace)) = common::browser::available() else {
        return;
    };
    let (id, _, owner) = corpus.decisions.last().unwrap().clone();
    let owned = corpus.decisions.iter().filter(|d| d.2 == owner).count();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.join("decisions.json")).unwrap())
            .unwrap();
    let open = json["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["status"] == "proposed")
        .count();
    let screenshots = workspace.join("target/screenshots");
    let total = DECISIONS.to_string();
    let (find, owned, open) = (id.to_string(), owned.to_string(), open.to_string());
    common::browser::run_script(
        &chromium,
        workspace,
        "scale.test.mjs",
        [site.as_os_str(), screenshots.as_os_str()]
            .into_iter()
            .chain(
                [
                    "--total",
                    &total,
                    "--find",
                    &find,
                    "--owner",
                    &owner,
                    "--owner-count",
                    &owned,
                    "--open-count",
                    &open,
                ]
                .map(std::ffi::OsStr::new),
            ),
        "the browser checks of the large handbook failed",
    );
}
