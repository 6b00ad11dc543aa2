//! # deadline-passed
//!
//! **What it finds:** a decision that is still `proposed` after its deadline. The
//! deadline is the `deadline` key, or else `date` plus the charter's
//! `decision_deadline` (48 hours by default). The finding points at the `deadline`
//! value, or at the `status` when the deadline is implied. A `deadline` that is not a
//! date is left to `invalid-value`.
//!
//! "Still `proposed`" means a status of the open category: `proposed`, or any status
//! `docket.toml` lists under `statuses.open` (`in review`). A record of a kind of
//! your own is late past the date in its kind's `deadline` key
//! (`deadline = "last-call-deadline"`); no deadline is implied for it.
//!
//! The rule reads the clock: `docket check --now 2026-11-24T12:00:00Z` (or
//! `DOCKET_NOW`) fixes "now" for reproducible runs and tests.
//!
//! **Why:** an open question blocks the work that depends on it. The team's agreement
//! is that after the deadline the owner decides with what is known; an overdue
//! `proposed` record means that did not happen, or that the record was not updated.
//!
//! **Example:**
//!
//! ```yaml
//! status: proposed
//! owner: alice
//! deadline: 2026-11-22     # it is now 2026-11-24
//! ```
//!
//! **Fix:** the owner decides (`status: accepted` or `rejected`, with `decided`,
//! options and outcome), or moves the deadline and says why in the record.

use docket_diagnostics::Diagnostic;
use docket_model::time::{format_duration, format_time, seconds_between};

use crate::Context;

/// Reports proposed decisions past their deadline.
pub fn run(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let norm = ctx.repo.norms().decision_deadline;
    for (doc, d) in ctx.repo.decisions() {
        let Some(docket_model::Deadline {
            time: deadline,
            range,
            implied,
        }) = doc.proposed_deadline(ctx.repo.norms())
        else {
            continue;
        };
        let late = seconds_between(deadline, ctx.now);
        if late <= 0 {
            continue;
        }
        let by = super::late_by(late);
        let mut help = match &d.owner {
            Some(o) if !o.value.is_empty() => {
                format!(
                    "the owner `{}` decides now with what is known, or moves the deadline",
                    o.value
                )
            }
            _ => "name an owner, who decides now with what is known, or move the deadline"
                .to_string(),
        };
        if implied {
            help.push_str(&format!(
                " (the deadline is `date` + the charter's `decision_deadline`, {})",
                format_duration(norm)
            ));
        }
        out.push(
            Diagnostic::new(
                "deadline-passed",
                &doc.path,
                range,
                format!(
                    "decision is still `proposed` {by} after its deadline ({})",
                    format_time(deadline)
                ),
            )
            .with_help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{repo, run};

    fn decision(status: &str, rest: &str) -> String {
        format!("---\ntitle: A\nstatus: {status}\nowner: alice\n{rest}---\n")
    }

    #[test]
    fn fails_past_the_deadline() {
        let r = repo(&[
            (
                "docs/decisions/0001-a.md",
                &decision("proposed", "date: 2026-11-20\ndeadline: 2026-11-22\n"),
            ),
            (
                "docs/decisions/0002-b.md",
                &decision("proposed", "date: 2026-11-20T08:00:00Z\n"),
            ),
            (
                "docs/decisions/0003-c.md",
                &decision(
                    "proposed",
                    "date: 2026-11-10\ndeadline: 2026-11-24T11:59:30Z\n",
                ),
            ),
        ]);
        insta::assert_debug_snapshot!(run("deadline-passed", &r));
        let out = crate::testing::findings("deadline-passed", &r);
        assert_eq!(
            out[0].help.as_deref(),
            Some("the owner `alice` decides now with what is known, or moves the deadline")
        );
    }

    #[test]
    fn passes_before_the_deadline_or_when_decided() {
        let r = repo(&[
            (
                "docs/decisions/0001-a.md",
                &decision(
                    "proposed",
                    "date: 2026-11-20\ndeadline: 2026-11-24T12:00:00Z\n",
                ),
            ),
            (
                "docs/decisions/0002-b.md",
                &decision("proposed", "date: 2026-11-23\n"),
            ),
            (
                "docs/decisions/0003-c.md",
                &decision("accepted", "date: 2026-11-01\ndeadline: 2026-11-02\n"),
            ),
            (
                "docs/decisions/0004-d.md",
                &decision("proposed", "date: 2026-11-01\ndeadline: soon\n"),
            ),
        ]);
        assert_eq!(run("deadline-passed", &r), Vec::<String>::new());
        // The charter's norm moves the implied deadline.
        let long = repo(&[
            (
                "docs/charter.md",
                "---\ntitle: Charter\nowner: alice\nreviewed: 2026-11-01\ndecision_deadline: 2w\n---\n",
            ),
            (
                "docs/decisions/0001-a.md",
                &decision("proposed", "date: 2026-11-20\n"),
            ),
        ]);
        assert_eq!(run("deadline-passed", &long), Vec::<String>::new());
    }
}
