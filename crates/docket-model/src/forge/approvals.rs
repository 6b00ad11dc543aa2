//! Approvals on decisions: the pull request that decided a decision is the merged
//! one whose commits include the commit where the decision's status became the
//! decided one it has now (from the git history docket reads), or whose merge
//! commit is that commit (a squash merge). Its approving reviews by anyone other
//! than the decision's owner are the decision's approvals, one per person (their
//! first approval).

use super::{Pull, roster_id};
use crate::document::{Decision, Document};
use crate::history::CommitInfo;
use crate::kind::StatusCategory;
use crate::repo::Repository;
use crate::time::Time;

/// One approval of a decision.
#[derive(Debug, Clone, PartialEq)]
pub struct Approval {
    /// The approver's roster id, when the roster knows the login.
    pub person: Option<String>,
    /// The approver's login.
    pub login: String,
    /// When the review was submitted.
    pub time: Option<Time>,
    /// The pull request's number.
    pub pull: Option<u64>,
}

/// The pull request that decided a decision, and its approvals.
#[derive(Debug, Clone, PartialEq)]
pub struct DecidedIn<'r> {
    /// The pull request.
    pub pull: &'r Pull,
    /// The commit where the status became the decided one.
    pub commit: &'r CommitInfo,
    /// Approving reviews by others than the decision's owner, in time order.
    pub approvals: Vec<Approval>,
}

/// Whether the export can say who approved what: it has reviews and, for some
/// merged pull request, its commits or merge commit. Without that, approvals are
/// unknown rather than missing.
pub fn approvals_known(repo: &Repository) -> bool {
    repo.forge.as_ref().is_some_and(|f| {
        f.pulls.iter().any(|p| p.reviews.is_some())
            && f.pulls
                .iter()
                .any(|p| p.commits.is_some() || p.merge_commit.is_some())
    })
}

/// The commit where the decision's status became the decided one it has now: the
/// oldest commit of the newest run of commits in which the file had a decided
/// status. `None` when git does not know, or the newest commit's status is not a
/// decided one (the decision was decided in the working tree, not yet committed).
pub fn deciding_commit<'r>(
    repo: &'r Repository,
    doc: &Document,
    decision: &Decision,
) -> Option<&'r CommitInfo> {
    let history = repo.history.of(&doc.path)?;
    let decided = |c: &CommitInfo| {
        c.status.as_deref().is_some_and(|s| {
            repo.config
                .status(decision.kind, s)
                .is_some_and(|(_, cat)| cat == StatusCategory::Decided)
        })
    };
    // Newest first: the run from the newest commit back.
    history.commits.iter().take_while(|c| decided(c)).last()
}

/// Whether two commit ids name the same commit (full ids, or one abbreviated to at
/// least 7 characters).
fn same_commit(a: &str, b: &str) -> bool {
    // Asked for every commit of every pull request per decided record: no
    // allocation here.
    let (a, b) = (a.trim().as_bytes(), b.trim().as_bytes());
    let n = a.len().min(b.len());
    n >= 7 && a[..n].eq_ignore_ascii_case(&b[..n])
}

/// The pull requests of the export whose commits or merge commit include `commit`.
pub fn pulls_holding<'r>(repo: &'r Repository, commit: &str) -> impl Iterator<Item = &'r Pull> {
    repo.forge.iter().flat_map(|f| &f.pulls).filter(move |p| {
        p.commits
            .iter()
            .flatten()
            .chain(&p.merge_commit)
            .filter_map(|c| c.oid.as_deref())
            .any(|oid| same_commit(oid, commit))
    })
}

/// The merged pull request that decided `decision`, with its approvals; `None`
/// without an export, for a decision that is not decided, or when no merged pull
/// request of the export holds the deciding commit.
pub fn decided_in<'r>(
    repo: &'r Repository,
    doc: &Document,
    decision: &Decision,
) -> Option<DecidedIn<'r>> {
    if !decision.is_decided() {
        return None;
    }
    repo.forge.as_ref()?;
    let commit = deciding_commit(repo, doc, decision)?;
    let pull = pulls_holding(repo, &commit.id).find(|p| p.merged_at.is_some())?;
    let owner = decision.owner.as_ref().map(|o| o.value.to_lowercase());
    let mut approvals: Vec<Approval> = Vec::new();
    let mut reviews: Vec<_> = pull
        .reviews
        .iter()
        .flatten()
        .filter(|r| r.is_approval())
        .filter_map(|r| Some((r.login()?, r.submitted_at)))
        .collect();
    reviews.sort_by_key(|(_, at)| *at);
    for (login, time) in reviews {
        let person = roster_id(repo, login);
        let is_owner = owner.as_deref().is_some_and(|o| {
            person.as_deref().map(str::to_lowercase).as_deref() == Some(o)
                || login.to_lowercase() == o
        });
        if is_owner
            || approvals
                .iter()
                .any(|a| a.login.eq_ignore_ascii_case(login))
        {
            continue;
        }
        approvals.push(Approval {
            person,
            login: login.to_string(),
            time,
            pull: pull.number,
        });
    }
    Some(DecidedIn {
        pull,
        commit,
        approvals,
    })
}

#[cfg(test)]
mod tests {
    use super::same_commit;

    #[test]
    fn commit_ids_match_in_full_or_abbreviated() {
        let full = "9f1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c";
        assert!(same_commit(full, full));
        assert!(same_commit(full, "9F1C2D3"));
        assert!(!same_commit(full, "9f1c2d"));
        assert!(!same_commit(full, "9f1c2d4"));
    }
}
