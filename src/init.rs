//! `docket init [PATH]`: scaffolds a handbook in any repository: the charter with its
//! four sections and the default norms, a roster holding the git user, the decisions
//! folder with its index, `docket.toml` with every key commented, a GitHub workflow
//! and a pre-commit hook. Never overwrites a file: it says what it wrote and what it
//! skipped. The result passes `docket check` as it is.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;
use docket_driver::jobs::{IndexMode, IndexState, InitContext};
use docket_model::Kind;

use crate::authoring::{git_user, local_date, timezone_from_env, write_new, yaml_scalar};
use crate::{Global, Outcome, path_or_cwd, templates};

#[derive(Args, Debug)]
pub(crate) struct InitArgs {
    /// The repository (default: the current folder; created when missing).
    path: Option<PathBuf>,
}

/// The pre-commit hook, also printed when `.pre-commit-config.yaml` already exists.
const PRE_COMMIT_HOOK: &str = concat!(
    "  - repo: local\n",
    "    hooks:\n",
    "      - id: docket-check\n",
    "        name: docket check\n",
    "        entry: docket check\n",
    "        language: system\n",
    "        pass_filenames: false\n",
    "        files: '\\.(md|ya?ml|toml)$'\n",
);

pub(crate) fn run(args: &InitArgs, global: &Global) -> anyhow::Result<Outcome> {
    let start = path_or_cwd(&args.path);
    if !start.exists() {
        std::fs::create_dir_all(&start)
            .with_context(|| format!("creating `{}`", start.display()))?;
    }
    // A broken docket.toml stops here, before anything is written.
    let InitContext {
        root,
        config,
        existing,
    } = docket_driver::jobs::prepare_init(&start)?;
    let handbook = |kind: Kind| config.root.join(&config.kind_path(kind));
    let user = git_user(&root);
    // When a roster exists already, the charter's owner is the git user found in it.
    let id = existing
        .as_ref()
        .and_then(|ws| crate::new::match_roster(&ws.repo, &user))
        .or_else(|| user.derived_id())
        .unwrap_or_else(|| "owner".to_string());
    let name = user.name.clone().unwrap_or_else(|| id.clone());
    let timezone = timezone_from_env();
    let today = local_date(global.now, Some(&timezone));

    let decisions = handbook(Kind::Decision);
    let files: Vec<(String, String)> = vec![
        ("docket.toml".into(), docket_toml()),
        (handbook(Kind::Charter), charter(&id, &today, &handbook)),
        (
            handbook(Kind::People),
            people(&id, &name, user.email.as_deref(), &timezone),
        ),
        // An empty inventory with an example: the meeting metrics need the file
        // (`missing-meetings`), and the audit fills it in.
        (handbook(Kind::Meetings), meetings()),
        (".github/workflows/docket.yml".into(), workflow()),
        (".pre-commit-config.yaml".into(), pre_commit()),
        // Editor validation (docs/guide/editor-schemas.md): the VS Code YAML
        // extension checks the roster and the meeting inventory while people type.
        (
            ".vscode/docket/people.schema.json".into(),
            schema_text(Kind::People, &config),
        ),
        (
            ".vscode/docket/meetings.schema.json".into(),
            schema_text(Kind::Meetings, &config),
        ),
        (
            ".vscode/settings.json".into(),
            vscode_settings(&handbook(Kind::People), &handbook(Kind::Meetings)),
        ),
    ];
    let mut out = std::io::stdout().lock();
    let mut wrote = 0;
    let mut report = |out: &mut dyn Write, rel: &str, written: bool| -> std::io::Result<()> {
        if written {
            wrote += 1;
            writeln!(out, "wrote {rel}")
        } else {
            writeln!(out, "skipped {rel} (it exists)")
        }
    };
    let mut pre_commit_skipped = false;
    for (rel, text) in &files {
        let written =
            write_new(&root.join(rel), text).with_context(|| format!("writing `{rel}`"))?;
        report(&mut out, rel, written)?;
        // An existing pre-commit configuration without docket: show the hook to add.
        pre_commit_skipped |= !written
            && rel == ".pre-commit-config.yaml"
            && std::fs::read_to_string(root.join(rel)).is_ok_and(|t| !t.contains("docket check"));
    }
    // The decisions folder with its index, rendered from what is there (an index that
    // `docket index --check` finds current).
    std::fs::create_dir_all(root.join(&decisions))
        .with_context(|| format!("creating `{decisions}`"))?;
    let index = docket_driver::jobs::index(&root, IndexMode::Create)?;
    report(&mut out, &index.path, index.state == IndexState::Written)?;
    if pre_commit_skipped {
        writeln!(
            out,
            "\nto run `docket check` before each commit, add this to the `repos:` of .pre-commit-config.yaml:\n{PRE_COMMIT_HOOK}"
        )?;
    }
    if wrote > 0 {
        writeln!(
            out,
            "\nnext: fill in {} and {}, run `docket check`, then commit",
            handbook(Kind::Charter),
            handbook(Kind::People)
        )?;
    } else {
        writeln!(out, "\nnothing to do: every file exists")?;
    }
    Ok(Outcome::Clean)
}

fn charter(id: &str, today: &str, at: &dyn Fn(Kind) -> String) -> String {
    let decisions = at(Kind::Decision);
    let briefs = at(Kind::Brief);
    let updates = at(Kind::Update);
    let people = at(Kind::People);
    let charter = at(Kind::Charter);
    format!(
        "\
---
title: How we work
owner: {id}
reviewed: {today}
response_time: 4h
decision_deadline: 48h
blocker_resolution: 24h
brief_threshold: 2h
meeting_lengths: [25, 50]
agenda_lead_time: 24h
focus_block: 3h
---

# How we work

This charter says how the team works together: in writing by default, with few
meetings, so that people in different places and time zones can do their best work.
The numbers in the front matter above are the team's norms; `docket check` and
`docket status` hold the handbook to them. When one stops fitting, change it in a
pull request.

## What requires a meeting

Most things do not. A meeting is worth its cost only when writing has stopped
working:

- **A stuck decision.** A proposed decision that two rounds of written comments have
  not settled goes to a short decision meeting.
- **Work that is faster done together.** Pairing on a hard problem is a working
  session, not a status meeting.
- **Relationships.** One-to-ones, retrospectives, and anything personal or sensitive.

Status is never a reason to meet: that is what the daily updates are for. Every
meeting has an agenda shared 24 hours before it starts, lasts 25 or 50 minutes, and
ends with its outcome written where it belongs. Everyone keeps a block of at least
3 hours a day free of meetings.

## Response times

- **Direct questions and review requests:** answered within 4 working hours of the
  person asked. \"I will look at it tomorrow\" is an answer; silence is not.
- **Proposed decisions:** the owner decides within 48 hours of opening the record.
  After the deadline, the owner decides with what is known.
- **Blockers:** a blocker in a daily update is resolved, or has someone working on
  it, within 24 hours.
- **Chat:** no expected response time, and notifications may be off.

Nobody is expected to answer outside their own working hours.

## Where communication lives

| what | where |
|---|---|
| Decisions, with their options and outcome | a decision record in `{decisions}/` (`docket new decision \"Title\"`), opened as a pull request |
| Any task expected to take more than 2 hours | a brief in `{briefs}/` (`docket new brief \"Title\"`) |
| What each of us did, will do, and is blocked by | a daily update in `{updates}/DATE/ID.md` (`docket new update`) |
| Who is who, and their time zones | `{people}` |
| How we work | `{charter}`, changed by pull request |
| Quick coordination | team chat; whatever matters is copied to one of the places above |

If it is not written in one of these places, it has not happened.

## Escalation

1. **Write it down.** Put the blocker on the `Blocker:` line of your daily update,
   naming the decision, brief or issue it concerns.
2. **Ask the owner.** If it is still open the next day, ask the owner of that
   decision or brief directly, saying what you need and by when.
3. **Ask the charter's owner.** When a blocker is 24 hours old, or the owner is
   away, the owner of this charter picks a way forward within a working day.
4. **Disagreeing after a decision.** Accepted decisions are not reopened in
   comments: write a new decision record that supersedes the old one.
"
    )
}

fn people(id: &str, name: &str, email: Option<&str>, timezone: &str) -> String {
    let mut out = String::from(
        "\
# The team, one entry per person. Documents name people by `id`: decision and brief
# owners, update authors, meeting attendees. Each entry has an id, a name and an
# IANA time zone, and may have a role, handle, team, email (matches git authors)
# and working hours (such as 09:00-17:00).
",
    );
    out.push_str(&format!(
        "- id: {}\n  name: {}\n",
        yaml_scalar(id),
        yaml_scalar(name)
    ));
    if let Some(email) = email {
        out.push_str(&format!("  email: {}\n", yaml_scalar(email)));
    }
    out.push_str(&format!("  timezone: {}\n", yaml_scalar(timezone)));
    out
}

/// The meeting inventory: empty, with an example in comments.
fn meetings() -> String {
    "\
# The meeting inventory: every recurring meeting of the team, one entry each.
# docket flags status-update meetings that written updates could replace and
# lengths the charter does not allow; `docket metrics` and the site count each
# person's meetings and meeting hours against the charter's focus block.
#
# - name: Weekly planning
#   category: decision      # update, decision, relationship or work
#   cadence: weekly         # daily, weekly, biweekly or monthly
#   duration: 50            # minutes
#   attendees: [alice, bob] # roster ids
#   agenda: true            # a written agenda ahead of time
[]
"
    .to_string()
}

/// `docket.toml` with every key present and commented out.
fn docket_toml() -> String {
    let mut out = String::from(
        "\
# docket configuration. Every key is optional; each is shown below with its default
# value (or an example) and commented out. Uncomment a line to change it. An unknown
# key is an error, so a typo cannot go unnoticed.

# The handbook folder, relative to this file.
# root = \"docs\"

# Settings for `docket build`.
# [site]
# title = \"Handbook\"                           # the site's title
# base_url = \"https://handbook.example.com/\"   # for the Atom feed and the sitemap
# repo_url = \"https://github.com/OWNER/REPO\"   # for commit and edit links

# The severity of each rule: \"error\", \"warning\", \"info\" or \"off\".
# [rules]
",
    );
    for rule in docket_check::RULES {
        out.push_str(&format!(
            "# {} = \"{}\"\n",
            rule.id,
            rule.default_severity.as_str()
        ));
    }
    out.push_str(
        "
# Where each kind of document lives (relative to `root`), and keys its documents
# must have besides the built-in ones.
",
    );
    for kind in Kind::ALL {
        out.push_str(&format!("# [kinds.{}]\n", kind.name()));
        if kind != Kind::Page {
            out.push_str(&format!("# path = \"{}\"\n", kind.default_path()));
        }
        out.push_str("# required = []\n");
        if kind == Kind::Decision {
            out.push_str(
                "# id = \"number\"   # or \"stem\": the whole file stem is the id (20261124-slug.md)\n",
            );
        }
        out.push_str("#\n");
    }
    // Drop the last `#` separator line.
    out.truncate(out.len() - 2);
    out
}

/// The GitHub workflow, from `templates/init/docket.yml`.
fn workflow() -> String {
    templates::fill(
        templates::INIT_WORKFLOW,
        &[("repository", env!("CARGO_PKG_REPOSITORY"))],
    )
}

fn schema_text(kind: Kind, config: &docket_model::Config) -> String {
    let schema = docket_model::schema::json_schema(kind, config);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// `yaml.schemas` for the VS Code YAML extension (redhat.vscode-yaml).
fn vscode_settings(people: &str, meetings: &str) -> String {
    let settings = serde_json::json!({
        "yaml.schemas": {
            "./.vscode/docket/people.schema.json": [people],
            "./.vscode/docket/meetings.schema.json": [meetings],
        }
    });
    let mut text = serde_json::to_string_pretty(&settings).unwrap_or_default();
    text.push('\n');
    text
}

fn pre_commit() -> String {
    format!(
        "\
# Hooks for pre-commit (https://pre-commit.com): `pre-commit install` runs them
# before each commit. docket must be on the PATH (`cargo install`).
repos:
{PRE_COMMIT_HOOK}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use docket_model::Config;

    #[test]
    fn docket_toml_is_all_comments_and_parses() {
        let text = docket_toml();
        assert!(
            text.lines().all(|l| l.is_empty() || l.starts_with('#')),
            "{text}"
        );
        assert_eq!(Config::parse(&text).ok(), Some(Config::default()));
        // Uncommented, every key is valid.
        let uncommented: String = text
            .lines()
            .filter_map(|l| l.strip_prefix("# "))
            .filter(|l| l.starts_with('[') || l.contains(" = "))
            .map(|l| format!("{l}\n"))
            .collect();
        let config = Config::parse(&uncommented);
        assert!(config.is_ok(), "{uncommented}\n{config:?}");
        assert!(uncommented.contains("deadline-passed = \"warning\""));
        assert!(uncommented.contains("[kinds.meetings]"));
    }

    #[test]
    fn roster_entry() {
        assert_eq!(
            people("jo", "Jo: Smith", Some("jo@example.com"), "UTC")
                .lines()
                .filter(|l| !l.starts_with('#'))
                .collect::<Vec<_>>(),
            [
                "- id: jo",
                "  name: \"Jo: Smith\"",
                "  email: jo@example.com",
                "  timezone: UTC"
            ]
        );
    }
}
