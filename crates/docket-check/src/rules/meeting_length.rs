//! # meeting-length
//!
//! **What it finds:** a meeting in `meetings.yaml` whose `duration` (minutes) is not
//! one of the lengths the charter allows. The charter sets them with
//! `meeting_lengths` (default `[25, 50]`: short of the half hour and the hour, so
//! people get a break between calls). The finding points at the duration.
//!
//! **Why:** meetings expand to fill their slot, and back-to-back hour-long calls
//! leave no time to read, write or think. A fixed set of short lengths is the cheapest
//! way to give that time back.
//!
//! **Example:**
//!
//! ```yaml
//! - name: Planning
//!   duration: 60      # allowed: 25 or 50
//! ```
//!
//! **Fix:** shorten the meeting to an allowed length, or, if the team agrees, change
//! `meeting_lengths` in the charter.

use docket_diagnostics::Diagnostic;

use crate::Context;

/// Reports meetings whose length the charter does not allow.
pub fn run(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let norms = ctx.repo.norms();
    let allowed = &norms.meeting_lengths;
    for (doc, m) in ctx.repo.meetings() {
        // A duration of zero or less is no length: `invalid-value` reports it.
        let Some(duration) = m.duration.as_ref().filter(|_| m.is_off_length(norms)) else {
            continue;
        };
        out.push(
            Diagnostic::new(
                "meeting-length",
                &doc.path,
                duration.range.clone(),
                format!(
                    "{} lasts {} minutes, which is not an allowed meeting length",
                    m.label("a meeting"),
                    duration.value
                ),
            )
            .with_help(format!(
                "make it {} minutes; the charter's `meeting_lengths` sets the allowed lengths",
                alternatives(allowed)
            )),
        );
    }
}

/// `25 or 50`, `15, 25 or 50`.
fn alternatives(allowed: &[i64]) -> String {
    let words: Vec<String> = allowed.iter().map(ToString::to_string).collect();
    match words.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{repo, run};

    fn meeting(name: &str, duration: &str) -> String {
        format!(
            "- name: {name}\n  category: work\n  cadence: weekly\n  duration: {duration}\n  attendees: [alice]\n"
        )
    }

    #[test]
    fn fails_on_other_lengths() {
        let r = repo(&[(
            "docs/meetings.yaml",
            &[
                meeting("Planning", "60"),
                meeting("Review", "50"),
                meeting("Retro", "45"),
            ]
            .concat(),
        )]);
        insta::assert_debug_snapshot!(run("meeting-length", &r));
        let out = crate::testing::findings("meeting-length", &r);
        assert_eq!(
            out[0].help.as_deref(),
            Some(
                "make it 25 or 50 minutes; the charter's `meeting_lengths` sets the allowed lengths"
            )
        );
    }

    #[test]
    fn passes_on_lengths_the_charter_allows() {
        let r = repo(&[
            (
                "docs/charter.md",
                "---\ntitle: Charter\nowner: alice\nreviewed: 2026-11-01\nmeeting_lengths: [15, 45]\n---\n",
            ),
            (
                "docs/meetings.yaml",
                &[
                    meeting("Planning", "45"),
                    meeting("Check-in", "15"),
                    meeting("Odd", "0"),
                ]
                .concat(),
            ),
        ]);
        assert_eq!(run("meeting-length", &r), Vec::<String>::new());
    }
}
