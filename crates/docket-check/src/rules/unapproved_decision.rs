//! # unapproved-decision
//!
//! **What it finds:** an accepted (or rejected) decision that nobody besides its
//! owner approved: the merged pull request whose commits include the commit where
//! its status became `accepted` (or whose merge commit is that commit) has no
//! approving review by anyone other than the decision's owner, or no pull request
//! of the export holds that commit at all (it was pushed straight to the main
//! branch). It needs a pull-request export (`[forge] pulls` in `docket.toml`, or
//! `--forge FILE`) with `reviews` and `commits`; without one it finds nothing. A
//! decision accepted in a pull request that is still open is not reported: its
//! review is under way. The finding points at the status.
//!
//! Off by default: a team that wants every decision approved by a second person
//! turns it on with `unapproved-decision = "warning"` (or `"error"`) under
//! `[rules]`.
//!
//! **Why:** a decision names one owner, who decides after the deadline with what
//! is known; a second pair of eyes on the written record (options, outcome, who was
//! consulted) is how a team knows the record says what was agreed. Approvals live on
//! the forge; this rule brings them to the record.
//!
//! **Example:** `docs/decisions/0002-weekly-updates.md` (owner `alice`) became
//! `accepted` in pull request #106, which only `alice` approved.
//!
//! **Fix:** ask someone who was consulted to review the record and approve a
//! follow-up pull request, or supersede the decision with one that was reviewed.
//! Map forge logins to the roster with `github:` in `people.yaml` so that the
//! owner's own approval is recognised as theirs.

use docket_diagnostics::Diagnostic;
use docket_model::forge::{approvals_known, decided_in, deciding_commit, pulls_holding};

use crate::Context;

/// Reports decided decisions without an approval besides the owner's.
pub fn run(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let repo = ctx.repo;
    if !approvals_known(repo) {
        return;
    }
    for (doc, d) in repo.readable_decisions() {
        if !d.is_decided() {
            continue;
        }
        let Some(commit) = deciding_commit(repo, doc, d) else {
            continue;
        };
        let status = d.status.as_ref().map_or("decided", |s| s.value.as_str());
        let range = d.status.as_ref().map_or(0..0, |s| s.range.clone());
        let owner = d.owner.as_ref().map_or_else(
            || "its owner".to_string(),
            |o| format!("its owner `{}`", o.value),
        );
        let short = &commit.id[..commit.id.len().min(7)];
        let message = match decided_in(repo, doc, d) {
            Some(x) if !x.approvals.is_empty() => continue,
            Some(x) => format!(
                "`{}` became `{status}` in {} without an approval by anyone besides {owner}",
                doc.stem(),
                x.pull.label()
            ),
            // Still under review in an open pull request.
            None if pulls_holding(repo, &commit.id).next().is_some() => continue,
            None => format!(
                "`{}` became `{status}` in commit `{short}`, which no pull request of the export holds, so nobody approved it",
                doc.stem()
            ),
        };
        out.push(
            Diagnostic::new("unapproved-decision", doc.path.clone(), range, message).with_help(
                "ask someone besides the owner to review the record and approve a follow-up pull request",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use docket_model::forge::{Forge, parse_export};
    use docket_model::time::parse_time;
    use docket_model::{Author, CommitInfo, FileHistory, Repository};

    use crate::testing::{repo_with, run};

    fn decision(n: u32, status: &str) -> (String, String) {
        (
            format!("docs/decisions/000{n}-d.md"),
            format!(
                "---\ntitle: D{n}\nstatus: {status}\nowner: alice\ndate: 2026-11-01\ndecided: 2026-11-19\noptions: [a, b]\noutcome: a\n---\n"
            ),
        )
    }

    fn commit(id: &str, status: &str) -> CommitInfo {
        CommitInfo {
            id: id.repeat(40),
            time: parse_time("2026-11-19T12:00:00Z").unwrap_or_default(),
            author: Author {
                name: "Alice".into(),
                email: "a@x".into(),
            },
            summary: String::new(),
            status: Some(status.into()),
        }
    }

    /// Decision 1 accepted in commit `aaa…` of #1 (approved by bob), decision 2 in
    /// `bbb…` of #2 (approved by its owner only), decision 3 in `ccc…` pushed
    /// directly, decision 4 in `ddd…` of the open #4.
    fn fixture(config: &str) -> Repository {
        let files: Vec<(String, String)> = (1..=4).map(|n| decision(n, "accepted")).collect();
        let refs: Vec<(&str, &str)> = files
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        let mut people = vec![(
            "docs/people.yaml",
            "- id: alice\n  name: Alice Ng\n  timezone: Europe/Berlin\n  github: alice-gh\n- id: bob\n  name: Bob Li\n  timezone: America/New_York\n",
        )];
        people.extend(refs);
        let mut r = repo_with(config, &people);
        for (n, id) in [(1, "a"), (2, "b"), (3, "c"), (4, "d")] {
            r.history.files.insert(
                format!("docs/decisions/000{n}-d.md"),
                FileHistory {
                    commits: vec![commit(id, "accepted"), commit("e", "proposed")],
                },
            );
        }
        let export = format!(
            r#"[{{"number": 1, "mergedAt": "2026-11-19T13:00:00Z", "commits": [{{"oid": "{a}"}}],
                 "reviews": [{{"author": {{"login": "alice-gh"}}, "state": "APPROVED", "submittedAt": "2026-11-19T12:30:00Z"}},
                             {{"author": {{"login": "bob"}}, "state": "APPROVED", "submittedAt": "2026-11-19T12:40:00Z"}}]}},
                {{"number": 2, "mergedAt": "2026-11-19T13:00:00Z", "mergeCommit": {{"oid": "{b}"}},
                 "reviews": [{{"author": {{"login": "alice-gh"}}, "state": "APPROVED", "submittedAt": "2026-11-19T12:30:00Z"}},
                             {{"author": {{"login": "bob"}}, "state": "COMMENTED", "submittedAt": "2026-11-19T12:40:00Z"}}]}},
                {{"number": 4, "mergedAt": null, "commits": [{{"oid": "{d}"}}], "reviews": []}}]"#,
            a = "a".repeat(40),
            b = "b".repeat(40),
            d = "d".repeat(40),
        );
        r.forge = Some(Forge {
            path: "pulls.json".into(),
            pulls: parse_export(&export).unwrap_or_default(),
            source: None,
        });
        r
    }

    #[test]
    fn off_by_default_and_reports_when_turned_on() {
        let r = fixture("");
        assert!(
            crate::check(&r, crate::testing::now())
                .iter()
                .all(|d| d.rule != "unapproved-decision"),
            "off unless docket.toml turns it on"
        );
        let r = fixture("[rules]\nunapproved-decision = \"warning\"\n");
        let found: Vec<_> = crate::check(&r, crate::testing::now())
            .into_iter()
            .filter(|d| d.rule == "unapproved-decision")
            .collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].severity, docket_diagnostics::Severity::Warning);
    }

    #[test]
    fn the_owners_own_approval_and_a_direct_push_are_reported() {
        let r = fixture("");
        assert_eq!(
            run("unapproved-decision", &r),
            [
                "docs/decisions/0002-d.md:3:9 `0002-d` became `accepted` in #2 without an approval by anyone besides its owner `alice`",
                "docs/decisions/0003-d.md:3:9 `0003-d` became `accepted` in commit `ccccccc`, which no pull request of the export holds, so nobody approved it",
            ]
        );
    }

    #[test]
    fn passes_without_an_export() {
        let mut r = fixture("");
        r.forge = None;
        assert_eq!(run("unapproved-decision", &r), Vec::<String>::new());
    }
}
