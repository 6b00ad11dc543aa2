//! # status-conflict
//!
//! **What it finds:** a decision that states its status twice, differently: in the
//! front matter and in a `## Status` section, or in a `Status: x` line under the
//! title (also written `**Status:** x` or `- Status: x`, as MADR 2 and log4brains
//! do). Statuses are compared after the same mapping docket reads them with
//! (`Accepted` and `accepted` agree; `Superseded by [3. X](0003-x.md)` is
//! `superseded`). The finding is reported at both places, each naming the other
//! line and the heading as written (`the `### Status` section`).
//!
//! The `Status` section is the one at the level directly below the record's title:
//! `## Status` under a `# Title`, or, without a level-1 title, a `Status` heading at
//! the shallowest level the body uses. A `### Status` or `#### Status` heading
//! deeper in the body (a section about a feature's status field) is body text and
//! states nothing; neither does a template's placeholder (`{rejected | accepted}`,
//! which is `template-text`).
//!
//! **Why:** a record has one status. When two disagree, the site, `docket status`
//! and the reader each believe a different one; docket uses the first (the front
//! matter), which may be the stale one.
//!
//! **Example:**
//!
//! ```markdown
//! ---
//! title: Use PostgreSQL
//! status: accepted
//! ---
//! ## Status
//!
//! Proposed
//! ```
//!
//! **Fix:** keep one statement of the status: after `docket import`, the front
//! matter's `status:` is the one to edit; remove the `## Status` section or the
//! `Status:` line, or make them agree.

use docket_diagnostics::Diagnostic;
use docket_model::{Data, StatusStatement};

use crate::Context;

/// Reports decisions whose status statements disagree.
pub fn run(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for doc in &ctx.repo.documents {
        if doc.broken {
            continue;
        }
        let Data::Decision(d) = &doc.data else {
            continue;
        };
        let Some((first, rest)) = d.statuses.split_first() else {
            continue;
        };
        for other in rest.iter().filter(|s| s.status != first.status) {
            out.push(finding(&doc.path, &doc.text, first, other));
            out.push(finding(&doc.path, &doc.text, other, first));
        }
    }
}

/// The finding at `here`, naming `there`.
fn finding(path: &str, text: &str, here: &StatusStatement, there: &StatusStatement) -> Diagnostic {
    Diagnostic::new(
        "status-conflict",
        path,
        here.written.range.clone(),
        format!(
            "status `{}` in {} disagrees with `{}` in {} on line {}",
            here.written.value,
            here.source.describe(),
            there.written.value,
            there.source.describe(),
            line_of(text, there.written.range.start)
        ),
    )
    .with_help(
        "a record states its status once: keep the front matter's `status:` (or the one that is current) and remove or correct the other",
    )
}

/// The 1-based line of byte `offset`.
fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .map_or(1, |t| t.matches('\n').count() + 1)
}

#[cfg(test)]
mod tests {
    use crate::testing::{repo, run};

    #[test]
    fn fails_where_two_statements_disagree() {
        let r = repo(&[
            (
                "docs/decisions/0001-a.md",
                "---\ntitle: A\nstatus: accepted\nowner: alice\ndate: 2026-11-20\n---\n## Status\n\nProposed\n",
            ),
            (
                "docs/decisions/0002-b.md",
                "# 2. B\n\n**Status:** Accepted\n\n## Status\n\nRejected\n",
            ),
            (
                "docs/decisions/0003-c.md",
                "---\nstatus: accepted\ndate: 2026-11-20\n---\n# C\n\n- Status: superseded by [1](0001-a.md)\n",
            ),
        ]);
        insta::assert_debug_snapshot!(run("status-conflict", &r));
    }

    #[test]
    fn passes_when_statements_agree() {
        let r = repo(&[
            (
                "docs/decisions/0001-a.md",
                "---\ntitle: A\nstatus: accepted\nowner: alice\ndate: 2026-11-20\n---\n## Status\n\nAccepted\n",
            ),
            (
                "docs/decisions/0002-b.md",
                "# 2. B\n\nDate: 2026-11-20\n\n## Status\n\nSuperseded by [3. C](0003-c.md)\n",
            ),
            (
                "docs/decisions/0003-c.md",
                "---\nstatus: superseded by ADR-0004\n---\n# C\n\n* Status: Superseded\n",
            ),
        ]);
        assert_eq!(run("status-conflict", &r), Vec::<String>::new());
    }
}
