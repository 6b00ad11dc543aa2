//! # missing-meetings
//!
//! **What it finds:** a team handbook (one with a roster, `people.yaml`, or a charter)
//! without a meeting inventory, `meetings.yaml` (its path is `[kinds.meetings] path`
//! in `docket.toml`). The finding (info) points at the first line of the roster, or of
//! the charter when there is no roster. A repository of decision records alone is not
//! asked for one.
//!
//! **Why:** the meeting metrics of `docket metrics` and the site (meetings per person
//! per week, meeting hours against the charter's focus block, replaceable and
//! off-length meetings, the trend against 90 days earlier) all come from the
//! inventory. Without it they are unknown (`null`), and the rollout target "meetings
//! per person per week down 30%" cannot be measured. The other metrics are still
//! computed.
//!
//! **Example:**
//!
//! ```text
//! docs/
//!   charter.md
//!   people.yaml
//!   decisions/      # … but no docs/meetings.yaml
//! ```
//!
//! **Fix:** list the team's recurring meetings in `docs/meetings.yaml`, one item each:
//!
//! ```yaml
//! - name: Weekly planning
//!   category: decision      # update · decision · relationship · work
//!   cadence: weekly         # daily · weekly · biweekly · monthly
//!   duration: 50            # minutes
//!   attendees: [alice, bob]
//!   agenda: true
//! ```
//!
//! A team with no recurring meetings at all writes an empty list (`[]`). Teams that do
//! not track meetings can set `missing-meetings = "off"` under `[rules]`.

use docket_diagnostics::Diagnostic;
use docket_model::Kind;

use crate::Context;

/// Reports a team handbook without `meetings.yaml`.
pub fn run(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let repo = ctx.repo;
    if docket_model::meeting_load::has_inventory(repo) {
        return;
    }
    let Some(anchor) = repo
        .of_kind(Kind::People)
        .chain(repo.of_kind(Kind::Charter))
        .next()
    else {
        return;
    };
    let path = repo.join(&repo.config.kind_path(Kind::Meetings));
    out.push(
        Diagnostic::new(
            "missing-meetings",
            &anchor.path,
            0..0,
            format!("there is no meeting inventory ({path}): the meeting metrics need it"),
        )
        .with_help(format!(
            "list the team's recurring meetings in {path} (name, category, cadence, duration, attendees), or `[]` if there are none"
        )),
    );
}

#[cfg(test)]
mod tests {
    use crate::testing::{repo, run};
    use docket_model::{Config, Repository};

    #[test]
    fn fails_without_an_inventory() {
        // BASE has a roster and a charter, and no meetings.yaml.
        let r = repo(&[]);
        insta::assert_debug_snapshot!(run("missing-meetings", &r));
        // Without a roster it points at the charter.
        let r = Repository::from_texts(
            Config::default(),
            vec![(
                "docs/charter.md".into(),
                "---\ntitle: C\nowner: alice\nreviewed: 2026-11-01\n---\n".into(),
            )],
        );
        assert_eq!(
            run("missing-meetings", &r),
            [
                "docs/charter.md:1:1 there is no meeting inventory (docs/meetings.yaml): the meeting metrics need it"
            ]
        );
    }

    #[test]
    fn passes_with_an_inventory_or_without_a_team() {
        let r = repo(&[("docs/meetings.yaml", "[]\n")]);
        assert_eq!(run("missing-meetings", &r), Vec::<String>::new());
        // Decision records alone: not a team handbook.
        let r = Repository::from_texts(
            Config::default(),
            vec![(
                "docs/decisions/0001-a.md".into(),
                "---\ntitle: A\nstatus: proposed\nowner: a\ndate: 2026-11-01\n---\n".into(),
            )],
        );
        assert_eq!(run("missing-meetings", &r), Vec::<String>::new());
    }
}
