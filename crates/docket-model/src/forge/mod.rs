//! Forge signals (issue 18): what pull requests say that git cannot, read from an
//! export the forge's command line writes (`export`): how long a pull request
//! waited for its first reply (`replies`), and who approved the change that
//! decided a decision (`approvals`). People are matched to the roster here
//! ([`person_of_login`]), once for every figure, page and rule.
//!
//! Pure functions of the [`Repository`] (its [`Repository::forge`], the export the
//! driver read) and the time the caller gives; no IO, no clock. Without an export,
//! every figure here is unknown (`None`), never zero.
//!
//! Layers: `export` (the JSON shape) → this module (the loaded export, people,
//! bots) → `replies`, `approvals`.

mod approvals;
mod export;
mod replies;

pub use approvals::{
    Approval, DecidedIn, approvals_known, decided_in, deciding_commit, pulls_holding,
};
pub use export::{Actor, Comment, CommitRef, ExportError, Pull, Review, parse_export};
pub use replies::{Replies, Reply, Waiting, first_reply, replies, working_seconds};

use crate::document::Person;
use crate::repo::Repository;

/// An export of pull requests, as the driver read it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Forge {
    /// Where it was read from, as docket.toml or `--forge` named it, `/`-separated.
    pub path: String,
    /// The pull requests, in the export's order (none when it could not be read).
    pub pulls: Vec<Pull>,
    /// The export's text when it could not be read, for the finding's position.
    pub source: Option<String>,
}

/// The patterns bots' logins match when docket.toml names none: GitHub Apps'
/// accounts (`dependabot[bot]`, `github-actions[bot]`).
pub const DEFAULT_BOTS: &[&str] = &["*[bot]"];

/// Whether `login` matches one of `patterns`: `*` stands for any run of characters,
/// everything else is literal, without regard to case (`*[bot]`, `renovate*`).
pub fn is_bot(patterns: &[String], login: &str) -> bool {
    let login = login.to_lowercase();
    patterns.iter().any(|p| wildcard(&p.to_lowercase(), &login))
}

fn wildcard(pattern: &str, text: &str) -> bool {
    let mut parts = pattern.split('*');
    let Some(first) = parts.next() else {
        return text.is_empty();
    };
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        // No `*`: the whole text.
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

/// A login without a leading `@`, lowercase (logins are not case-sensitive).
fn norm(login: &str) -> String {
    login.trim().trim_start_matches('@').to_lowercase()
}

/// The roster person a forge login names: the `github` key first, then an entry
/// of `handles` (or the older `handle`), then the roster id, then the name, all
/// without regard to case. `None` for a login the roster does not know: it is then
/// shown as the login, never dropped.
pub fn person_of_login<'r>(repo: &'r Repository, login: &str) -> Option<&'r Person> {
    let want = norm(login);
    if want.is_empty() {
        return None;
    }
    let people: Vec<&Person> = repo.people().filter(|p| p.id.is_some()).collect();
    let by = |f: &dyn Fn(&Person) -> bool| people.iter().copied().find(|p| f(p));
    by(&|p| p.github.as_deref().is_some_and(|g| norm(g) == want))
        .or_else(|| {
            by(&|p| {
                p.handles.iter().any(|h| norm(h) == want)
                    || p.handle.as_deref().is_some_and(|h| norm(h) == want)
            })
        })
        .or_else(|| by(&|p| p.id.as_ref().is_some_and(|id| norm(&id.value) == want)))
        .or_else(|| by(&|p| p.name.as_deref().is_some_and(|n| norm(n) == want)))
}

/// The roster id a login names, if any.
pub fn roster_id(repo: &Repository, login: &str) -> Option<String> {
    person_of_login(repo, login).and_then(|p| p.id.as_ref().map(|id| id.value.clone()))
}

/// Who a login is, for pages: the roster id (when known) and the name to show
/// (the roster name, else the login).
pub fn display(repo: &Repository, login: &str) -> (Option<String>, String) {
    match person_of_login(repo, login) {
        Some(p) => (
            p.id.as_ref().map(|id| id.value.clone()),
            p.name.clone().unwrap_or_else(|| login.to_string()),
        ),
        None => (None, login.to_string()),
    }
}

/// The bot patterns of the repository's docket.toml (or [`DEFAULT_BOTS`]).
pub(crate) fn bots(repo: &Repository) -> &[String] {
    &repo.config.forge.bots
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::Config;

    #[test]
    fn bot_patterns() {
        let bots: Vec<String> = DEFAULT_BOTS.iter().map(|s| s.to_string()).collect();
        assert!(is_bot(&bots, "dependabot[bot]"));
        assert!(is_bot(&bots, "GitHub-Actions[BOT]"));
        assert!(!is_bot(&bots, "bot-lover"));
        assert!(!is_bot(&bots, "[bot]ler"));
        let more = vec!["renovate*".to_string(), "ci-*-runner".to_string()];
        assert!(is_bot(&more, "renovate-app"));
        assert!(is_bot(&more, "ci-eu-runner"));
        assert!(!is_bot(&more, "ci-runner-x"));
        assert!(is_bot(&["exact".to_string()], "Exact"));
        assert!(!is_bot(&["exact".to_string()], "exactly"));
    }

    #[test]
    fn logins_match_github_then_handles_then_id_then_name() {
        let repo = Repository::from_texts(
            Config::default(),
            vec![(
                "docs/people.yaml".into(),
                "- id: alice\n  name: Alice Ng\n  timezone: UTC\n  github: Alice-GH\n\
                 - id: bob\n  name: Bob Stone\n  timezone: UTC\n  handles: ['@bobdev', 'bob@chat']\n\
                 - id: carol\n  name: carol\n  timezone: UTC\n  handle: '@cz'\n\
                 - id: dan\n  name: Dan\n  timezone: UTC\n"
                    .into(),
            )],
        );
        assert_eq!(roster_id(&repo, "alice-gh").as_deref(), Some("alice"));
        assert_eq!(roster_id(&repo, "BOBDEV").as_deref(), Some("bob"));
        assert_eq!(roster_id(&repo, "cz").as_deref(), Some("carol"));
        assert_eq!(roster_id(&repo, "dan").as_deref(), Some("dan"));
        assert_eq!(roster_id(&repo, "zoe"), None);
        assert_eq!(
            display(&repo, "zoe"),
            (None, "zoe".to_string()),
            "an unknown login is shown as itself"
        );
        assert_eq!(
            display(&repo, "alice-gh"),
            (Some("alice".into()), "Alice Ng".into())
        );
    }
}
