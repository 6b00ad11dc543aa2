//! The `docket.toml` blocks of `docs/guide/adopting.md`, tested as written: each
//! block marked ```` ```toml layout=NAME ```` is applied to a repository of that
//! shape (the real records of the project named, from `../shared/corpora`, or
//! records written here for the house style), and `docket check` must find no error
//! the records do not deserve, and read every record as a decision.
//!
//! Errors that the records deserve are listed per layout with the reason: a link to
//! a file that is not in the copied corpus, a status docket does not know, two
//! records with one number.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{Repo, copy_tree, listing, shared};

/// The guide's `docket.toml` blocks by layout name.
fn blocks() -> BTreeMap<String, String> {
    let guide = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/guide/adopting.md"),
    )
    .unwrap();
    let mut out = BTreeMap::new();
    let mut lines = guide.lines();
    while let Some(line) = lines.next() {
        let Some(name) = line.strip_prefix("```toml layout=") else {
            continue;
        };
        let block: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
        out.insert(name.trim().to_string(), block.join("\n") + "\n");
    }
    out
}

/// One layout: where its records come from, how many decisions it holds, and the
/// rules whose errors the records deserve.
struct Layout {
    name: &'static str,
    /// (corpus folder under `../shared/corpora`, its subfolder copied to the root).
    corpus: Option<&'static str>,
    decisions: usize,
    deserved: &'static [&'static str],
}

const LAYOUTS: &[Layout] = &[
    Layout {
        name: "adr-tools",
        corpus: Some("npryce__adr-tools"),
        decisions: 9,
        deserved: &[],
    },
    Layout {
        name: "madr",
        corpus: Some("adr__madr"),
        decisions: 19,
        // Images the records show are not part of the corpus; one record is `on
        // hold`, which is not one of docket's statuses.
        deserved: &["broken-reference", "invalid-value"],
    },
    Layout {
        name: "madr-folder",
        corpus: Some("kumahq__kuma"),
        decisions: 109,
        // Links into kuma's source tree, which the corpus does not hold; four
        // numbers used twice.
        deserved: &["broken-reference", "duplicate-id"],
    },
    Layout {
        name: "log4brains",
        corpus: Some("thomvaill__log4brains"),
        decisions: 9,
        deserved: &[],
    },
    Layout {
        name: "house-style",
        corpus: None,
        decisions: 3,
        deserved: &[],
    },
];

/// Records of the house style the guide shows.
fn house_style(repo: &Repo) {
    repo.write(
        "README.md",
        "# Billing service\n\nSee [the records](architecture/records/ADR-001-use-kafka.md).\n",
    );
    for (n, slug, title, status, extra) in [
        (
            1,
            "use-kafka",
            "Use Kafka for domain events",
            "Accepted",
            "",
        ),
        (
            2,
            "keep-invoices",
            "Keep invoices for ten years",
            "Proposed",
            "deadline: 2030-01-01\n",
        ),
        (3, "use-rest", "Use REST between services", "Deprecated", ""),
    ] {
        repo.write(
            &format!("architecture/records/ADR-00{n}-{slug}.md"),
            format!(
                "---\ntitle: {title}\nstatus: {status}\ndate: 2024-03-0{n}\n{extra}author: Dana Scully\ncomponent: billing\n---\n# {title}\n\n## Context\n\nWhy.\n"
            ),
        );
    }
}

#[test]
fn every_layout_of_the_adopting_guide_checks_clean() {
    let blocks = blocks();
    let tested: Vec<&str> = LAYOUTS.iter().map(|l| l.name).collect();
    assert_eq!(
        blocks.keys().map(String::as_str).collect::<Vec<_>>(),
        {
            let mut t = tested.clone();
            t.sort_unstable();
            t
        },
        "every block of the guide is tested, and every tested layout is in the guide"
    );
    let corpora = shared("corpora");
    for layout in LAYOUTS {
        let repo = Repo::new();
        match (layout.corpus, &corpora) {
            (Some(corpus), Some(dir)) => {
                copy_tree(&repo, &dir.join(corpus), "");
                for extra in ["LICENSE", "SOURCE.md"] {
                    let _ = std::fs::remove_file(repo.path().join(extra));
                }
            }
            (Some(_), None) => continue,
            (None, _) => house_style(&repo),
        }
        repo.write("docket.toml", &blocks[layout.name]);
        repo.commit(layout.name);
        let run = repo.check_json(&[]);
        let diags = run.diagnostics();
        let undeserved: Vec<_> = diags
            .iter()
            .filter(|d| d.severity == "error" && !layout.deserved.contains(&d.rule.as_str()))
            .cloned()
            .collect();
        assert!(
            undeserved.is_empty(),
            "{}: errors the records do not deserve:\n{}",
            layout.name,
            listing(&undeserved)
        );
        let out = repo.path().join("site-out");
        repo.docket()
            .args(["build", "--out", out.to_str().unwrap()])
            .run()
            .assert_code(0);
        let index: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out.join("decisions.json")).unwrap())
                .unwrap();
        assert_eq!(
            index["decisions"].as_array().unwrap().len(),
            layout.decisions,
            "{}: every record is a decision",
            layout.name
        );
    }
}
