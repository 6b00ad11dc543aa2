//! # brief-overdue
//!
//! **What it finds:** a brief whose `deadline` has passed while its status is still
//! `draft` or `active`. The finding points at the deadline. Like `deadline-passed`,
//! it reads the clock, which `--now` or `DOCKET_NOW` fix.
//!
//! **Why:** a brief is the written agreement about a task: what, by when, done when.
//! Past its deadline it no longer says what is true: the task is late, finished and
//! not marked, or dropped.
//!
//! **Example:**
//!
//! ```yaml
//! status: active
//! deadline: 2026-11-20     # it is now 2026-11-24
//! ```
//!
//! **Fix:** set `status: done` or `cancelled`, or agree a new deadline and write it.

use docket_diagnostics::Diagnostic;
use docket_model::time::{format_time, seconds_between};
use docket_model::{Data, Document};

use crate::Context;

/// Reports open briefs past their deadline.
pub fn run(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for doc in &ctx.repo.documents {
        let Data::Brief(b) = &doc.data else {
            continue;
        };
        let (Some(status), Some(deadline)) = (&b.status, &b.deadline) else {
            continue;
        };
        if !b.is_open() {
            continue;
        }
        let late = seconds_between(deadline.value, ctx.now);
        if late <= 0 {
            continue;
        }
        out.push(report(
            doc,
            &status.value,
            b.owner.as_ref().map(|o| o.value.as_str()),
            deadline,
            late,
        ));
    }
}

fn report(
    doc: &Document,
    status: &str,
    owner: Option<&str>,
    deadline: &docket_model::Spanned<docket_model::time::Time>,
    late: i64,
) -> Diagnostic {
    let by = super::late_by(late);
    let help = match owner {
        Some(o) if !o.is_empty() => format!(
            "the owner `{o}` sets `status: done` or `cancelled`, or agrees a new deadline and writes it here"
        ),
        _ => "set `status: done` or `cancelled`, or agree a new deadline and write it here"
            .to_string(),
    };
    Diagnostic::new(
        "brief-overdue",
        &doc.path,
        deadline.range.clone(),
        format!(
            "brief is still `{status}` {by} after its deadline ({})",
            format_time(deadline.value)
        ),
    )
    .with_help(help)
}

#[cfg(test)]
mod tests {
    use crate::testing::{repo, run};

    fn brief(status: &str, deadline: &str) -> String {
        format!("---\ntitle: B\nowner: bob\ndeadline: {deadline}\nstatus: {status}\n---\n")
    }

    #[test]
    fn fails_past_the_deadline() {
        let r = repo(&[
            ("docs/briefs/a.md", &brief("active", "2026-11-20")),
            (
                "docs/briefs/b.md",
                &brief("draft", "2026-11-24T09:30:00+01:00"),
            ),
        ]);
        insta::assert_debug_snapshot!(run("brief-overdue", &r));
    }

    #[test]
    fn passes_when_due_later_or_closed() {
        let r = repo(&[
            ("docs/briefs/a.md", &brief("active", "2026-11-25")),
            ("docs/briefs/b.md", &brief("done", "2026-11-01")),
            ("docs/briefs/c.md", &brief("cancelled", "2026-11-01")),
            ("docs/briefs/d.md", &brief("active", "2026-11-24T12:00:00Z")),
        ]);
        assert_eq!(run("brief-overdue", &r), Vec::<String>::new());
    }
}
