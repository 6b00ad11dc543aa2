//! The home page at a glance (issue "Readers at scale"): the open decisions nearest
//! their deadline, as many as `[site] home_open_decisions` says, then a link to all
//! of them; and the team's health as a strip of the rollout targets, each met or
//! not and linked to its row on the metrics page.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Repo;

/// A handbook with `open` proposed decisions (deadlines a day apart, written in
/// reverse so the order is the page's doing) and `docket.toml` as given.
fn handbook(open: u32, toml: Option<&str>) -> (Repo, std::path::PathBuf) {
    let repo = Repo::new();
    repo.write_all(common::MINIMAL);
    for n in (1..=open).rev() {
        repo.write(
            &format!("docs/decisions/{n:04}-question-{n}.md"),
            format!(
                "---\ntitle: Question {n}\nstatus: proposed\nowner: alice\ndate: 2026-11-01\ndeadline: 2026-12-{:02}\n---\n\nBody.\n",
                n.min(28)
            ),
        );
    }
    if let Some(toml) = toml {
        repo.write("docket.toml", toml);
    }
    repo.commit("a handbook with open questions");
    let site = repo.path().join("site");
    repo.docket()
        .args(["build", repo.path().to_str().unwrap(), "--out"])
        .args([site.to_str().unwrap()])
        .run()
        .assert_code(0);
    (repo, site)
}

fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html.find(&format!("id=\"{id}\"")).expect(id);
    let end = html[start..]
        .find("</section>")
        .map_or(html.len(), |e| start + e);
    &html[start..end]
}

/// The numbers of the decisions a section links, in order.
fn listed(part: &str) -> Vec<u32> {
    part.match_indices("decisions/")
        .filter_map(|(i, _)| part[i + "decisions/".len()..].get(..4)?.parse().ok())
        .collect()
}

#[test]
fn the_home_page_lists_the_ten_nearest_deadlines_and_links_the_rest() {
    let (_repo, site) = handbook(14, None);
    let home = std::fs::read_to_string(site.join("index.html")).unwrap();
    let open = section(&home, "open-heading");
    assert_eq!(listed(open), (1..=10).collect::<Vec<_>>(), "{open}");
    assert!(
        open.contains("The 10 open decisions nearest their deadline, of 14."),
        "{open}"
    );
    assert!(
        open.contains("href=\"decisions/index.html?state=open\">All 14 open decisions</a>"),
        "{open}"
    );
}

#[test]
fn home_open_decisions_sets_how_many_and_a_short_list_has_no_link() {
    let (_repo, site) = handbook(5, Some("[site]\nhome_open_decisions = 3\n"));
    let home = std::fs::read_to_string(site.join("index.html")).unwrap();
    let open = section(&home, "open-heading");
    assert_eq!(listed(open), [1, 2, 3], "{open}");
    assert!(open.contains("All 5 open decisions"), "{open}");

    let (_repo, site) = handbook(2, None);
    let home = std::fs::read_to_string(site.join("index.html")).unwrap();
    let open = section(&home, "open-heading");
    assert_eq!(listed(open), [1, 2], "{open}");
    assert!(!open.contains("All 2 open decisions"), "{open}");
}

#[test]
fn a_bad_home_open_decisions_is_a_configuration_error() {
    let repo = Repo::new();
    repo.write_all(common::MINIMAL);
    repo.write("docket.toml", "[site]\nhome_open_decisions = \"ten\"\n");
    repo.commit("a handbook");
    let run = repo
        .docket()
        .args(["check", repo.path().to_str().unwrap()])
        .run();
    run.assert_code(2);
    assert!(
        run.stdout.contains("home_open_decisions") || run.stderr.contains("home_open_decisions"),
        "{run}"
    );
    assert!(
        run.stderr.contains("docket.toml:2") || run.stdout.contains("docket.toml:2"),
        "{run}"
    );
}

#[test]
fn the_health_strip_links_every_target_to_its_row_on_the_metrics_page() {
    let (_repo, site) = handbook(3, None);
    let home = std::fs::read_to_string(site.join("index.html")).unwrap();
    let metrics = std::fs::read_to_string(site.join("metrics.html")).unwrap();
    let health = section(&home, "health-heading");
    let links: Vec<&str> = health
        .match_indices("href=\"metrics.html#")
        .map(|(i, _)| {
            let rest = &health[i + "href=\"metrics.html#".len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    assert!(links.len() >= 5, "{health}");
    for anchor in &links {
        assert!(
            metrics.contains(&format!("id=\"{anchor}\"")),
            "`{anchor}` is not on the metrics page"
        );
    }
    // Every decision has an owner: met; three are open past no deadline yet.
    let owner = &health[health.find("target-decisions-with_owner_pct").unwrap()..];
    let owner = &owner[..owner.find("</li>").unwrap()];
    assert!(owner.contains("100") && owner.contains(">met<"), "{owner}");
    insta::assert_snapshot!("health_strip", health);
}
