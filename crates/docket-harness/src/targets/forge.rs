//! The `forge_export` target: the input as a pull-request export
//! (`docket_model::forge::parse_export`). A parse error's range must lie in the
//! input on character boundaries and carry a 1-based line; an export that reads is
//! put into a fixed handbook (a roster with forge logins, a decision accepted in a
//! commit that pull request #1 may hold) and every figure, rule and the decision's
//! approvals are computed from it, none of which may panic.

use docket_model::forge::{Forge, decided_in, parse_export, replies};
use docket_model::{Author, CommitInfo, Config, FileHistory, Repository};

use super::{assert_range, assert_repository, now, text_of};

const ROSTER: &str = "- id: alice\n  name: Alice Ng\n  timezone: Europe/Berlin\n  github: alice\n- id: bob\n  name: Bob Li\n  timezone: America/New_York\n  hours: \"22:00-06:00\"\n  handles: [bob]\n";

const DECISION: &str = "---\ntitle: D\nstatus: accepted\nowner: alice\ndate: 2026-11-01\ndecided: 2026-11-02\noptions: [a, b]\noutcome: a\n---\n";

/// The target `forge_export`.
pub fn forge_export(data: &[u8]) {
    let text = text_of(data);
    let pulls = match parse_export(&text) {
        Ok(pulls) => pulls,
        Err(e) => {
            assert_range(&text, &e.range, &format!("export error {e:?}"));
            assert!(e.line >= 1, "an export error without a line: {e:?}");
            return;
        }
    };
    let config = Config::parse("[rules]\nunapproved-decision = \"warning\"\n").unwrap_or_default();
    let mut repo = Repository::from_texts(
        config,
        vec![
            ("docs/people.yaml".into(), ROSTER.into()),
            ("docs/decisions/0001-d.md".into(), DECISION.into()),
        ],
    );
    // The commit ids the input most likely names: a run of one hex digit.
    let commit = |id: &str, status: &str| CommitInfo {
        id: id.repeat(40),
        time: now(),
        author: Author {
            name: "A".into(),
            email: "a@x".into(),
        },
        summary: String::new(),
        status: Some(status.into()),
    };
    repo.history.files.insert(
        "docs/decisions/0001-d.md".into(),
        FileHistory {
            commits: vec![commit("a", "accepted"), commit("b", "proposed")],
        },
    );
    repo.forge = Some(Forge {
        path: "pulls.json".into(),
        pulls,
        source: None,
    });
    assert_repository(&repo);
    let _ = replies(&repo, now());
    for (doc, d) in repo.readable_decisions() {
        let _ = decided_in(&repo, doc, d);
    }
}
