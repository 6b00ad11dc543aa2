//! `docket init [PATH]`: scaffolds a handbook in any repository: the charter with its
//! four sections and the default norms, a roster holding the git user, the decisions
//! folder with its index, `docket.toml` with every key commented, a GitHub workflow
//! and a pre-commit hook, and `/site/` in `.gitignore`. Never overwrites a file: it
//! says what it wrote and what it skipped. The result passes `docket check` as it is.
//!
//! It invents no address (issue "Everything docket shows is true", point 11): the
//! workflow installs docket with the command that installed the running one when
//! cargo's install record says so (`sources`), and `[site] repo_url` is the web
//! address of the git remote `origin`. What it cannot tell is an empty setting with
//! a comment, which init lists at the end and `docket check` reminds about.

mod sources;

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
    let install = sources::install_command();
    let repo_url = sources::repo_url(&root);
    let files: Vec<(String, String)> = vec![
        ("docket.toml".into(), docket_toml(repo_url.as_deref())),
        (handbook(Kind::Charter), charter(&id, &today, &handbook)),
        (
            handbook(Kind::People),
            people(&id, &name, user.email.as_deref(), &timezone),
        ),
        // An empty inventory with an example: the meeting metrics need the file
        // (`missing-meetings`), and the audit fills it in.
        (handbook(Kind::Meetings), meetings()),
        (
            ".github/workflows/docket.yml".into(),
            workflow(install.as_deref()),
        ),
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
    let mut said = Said::default();
    for (rel, text) in &files {
        let written =
            write_new(&root.join(rel), text).with_context(|| format!("writing `{rel}`"))?;
        said.file(&mut out, rel, written)?;
        // An existing pre-commit configuration without docket: show the hook to add.
        said.pre_commit_skipped |= !written
            && rel == ".pre-commit-config.yaml"
            && std::fs::read_to_string(root.join(rel)).is_ok_and(|t| !t.contains("docket check"));
        match rel.as_str() {
            "docket.toml" if written && repo_url.is_none() => said.to_fill.push(
                "docket.toml: `[site] repo_url`, the repository's web address, for the site's commit and edit links (the git remote `origin` names none)",
            ),
            ".github/workflows/docket.yml" if written && install.is_none() => said.to_fill.push(
                ".github/workflows/docket.yml: `DOCKET_INSTALL`, the command that installs docket on the runner (this docket was not installed with cargo from a git repository)",
            ),
            _ => {}
        }
    }
    match ignore_site(&root).context("updating `.gitignore`")? {
        Ignored::Created => said.file(&mut out, ".gitignore", true)?,
        Ignored::Appended => said.changed(&mut out, "added /site/ to .gitignore")?,
        Ignored::Already => writeln!(out, "skipped .gitignore (it ignores site/ already)")?,
    }
    // The decisions folder with its index, rendered from what is there (an index that
    // `docket index --check` finds current).
    std::fs::create_dir_all(root.join(&decisions))
        .with_context(|| format!("creating `{decisions}`"))?;
    let index = docket_driver::jobs::index(&root, IndexMode::Create)?;
    said.file(&mut out, &index.path, index.state == IndexState::Written)?;
    said.closing(&mut out, &handbook(Kind::Charter), &handbook(Kind::People))?;
    Ok(Outcome::Clean)
}

/// What `init` said it did, for its closing lines.
#[derive(Default)]
struct Said {
    /// Files written or changed.
    wrote: usize,
    /// An existing `.pre-commit-config.yaml` does not run docket.
    pre_commit_skipped: bool,
    /// Settings written empty because docket cannot tell their value.
    to_fill: Vec<&'static str>,
}

impl Said {
    fn file(&mut self, out: &mut dyn Write, rel: &str, written: bool) -> std::io::Result<()> {
        if written {
            self.wrote += 1;
            writeln!(out, "wrote {rel}")
        } else {
            writeln!(out, "skipped {rel} (it exists)")
        }
    }

    fn changed(&mut self, out: &mut dyn Write, what: &str) -> std::io::Result<()> {
        self.wrote += 1;
        writeln!(out, "{what}")
    }

    /// The hook to add, the settings to fill in, and what to do next.
    fn closing(&self, out: &mut dyn Write, charter: &str, people: &str) -> std::io::Result<()> {
        if self.pre_commit_skipped {
            writeln!(
                out,
                "\nto run `docket check` before each commit, add this to the `repos:` of .pre-commit-config.yaml:\n{PRE_COMMIT_HOOK}"
            )?;
        }
        if !self.to_fill.is_empty() {
            writeln!(out, "\nto fill in (docket cannot tell):")?;
            for line in &self.to_fill {
                writeln!(out, "  {line}")?;
            }
        }
        if self.wrote > 0 {
            writeln!(
                out,
                "\nnext: fill in {charter} and {people}, run `docket check`, then commit"
            )
        } else {
            writeln!(out, "\nnothing to do: every file exists")
        }
    }
}

/// What [`ignore_site`] did to `.gitignore`.
enum Ignored {
    /// Wrote a new `.gitignore`.
    Created,
    /// Added `/site/` to the end of the existing one.
    Appended,
    /// It ignores the site folder already.
    Already,
}

/// Keeps the site `docket build` writes (`site/` at the repository root, by
/// default and in the workflow) out of git: adds `/site/` to `.gitignore`, creating
/// it when there is none, unless a line ignores that folder already.
fn ignore_site(root: &std::path::Path) -> anyhow::Result<Ignored> {
    let path = root.join(".gitignore");
    let existing = match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e.into()),
    };
    let ignored = existing.as_deref().is_some_and(|t| {
        t.lines()
            .any(|l| matches!(l.trim(), "site" | "site/" | "/site" | "/site/"))
    });
    if ignored {
        return Ok(Ignored::Already);
    }
    let separator = match existing.as_deref() {
        Some(t) if !t.is_empty() && !t.ends_with('\n') => "\n",
        _ => "",
    };
    let added = format!("{separator}# The site `docket build` writes\n/site/\n");
    // The whole file rewritten at once (the driver's atomic write), never appended
    // to in place.
    Ok(match existing {
        Some(text) => {
            docket_driver::write::replace(&path, &format!("{text}{added}"))?;
            Ignored::Appended
        }
        None => {
            if !docket_driver::write::create(&path, &added)? {
                anyhow::bail!("`.gitignore` appeared while docket was writing it; run again");
            }
            Ignored::Created
        }
    })
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

/// `docket.toml` with every key present and commented out, but `[site] repo_url`:
/// the web address of the git remote `origin` (`repo_url`), or empty with a comment
/// saying to fill it in, which `docket check` reminds about.
fn docket_toml(repo_url: Option<&str>) -> String {
    let repo_url = match repo_url {
        Some(url) => format!(
            "# The repository's web address, for links to commits and \"edit this page\"\n# (from the git remote `origin`).\nrepo_url = {}\n",
            toml_string(url)
        ),
        None => "\
# The repository's web address, for links to commits and \"edit this page\".
# docket cannot tell it (the git remote `origin` names none): write it here, such
# as \"https://github.com/<owner>/<repo>\", or delete the line to build the site
# without those links. Until then `docket check` reminds you.
repo_url = \"\"
"
        .to_string(),
    };
    let mut out = String::from(
        "\
# docket configuration. Every key is optional; each is shown below with its default
# value (or an example) and commented out. Uncomment a line to change it. An unknown
# key is an error, so a typo cannot go unnoticed.

# The handbook folder, relative to this file.
# root = \"docs\"

# Settings for `docket build`.
[site]
# title = \"Handbook\"                               # the site's title
# base_url = \"https://<owner>.github.io/<repo>/\"   # for the Atom feed and the sitemap
",
    );
    out.push_str(&repo_url);
    out.push_str(&format!(
        "
# How much docket reads: a larger file is one `unreadable-file` finding, not read.
# [limits]
# max_document_bytes = {}   # 10 MB
",
        docket_model::Limits::DEFAULT_MAX_DOCUMENT_BYTES
    ));
    out.push_str(
        "
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

/// `s` as a TOML basic string.
fn toml_string(s: &str) -> String {
    // A JSON string is a TOML basic string for every character a URL may hold.
    serde_json::Value::from(s).to_string()
}

/// The GitHub workflow, from `templates/init/docket.yml`, installing docket with
/// `install` (empty when init cannot tell how).
fn workflow(install: Option<&str>) -> String {
    // A JSON string is a YAML double-quoted scalar.
    let install = serde_json::Value::from(install.unwrap_or("")).to_string();
    templates::fill(templates::INIT_WORKFLOW, &[("install", &install)])
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
    fn docket_toml_is_all_comments_but_repo_url_and_parses() {
        let text = docket_toml(None);
        assert!(
            text.lines().all(|l| l.is_empty()
                || l.starts_with('#')
                || l == "[site]"
                || l == "repo_url = \"\""),
            "{text}"
        );
        // The empty `repo_url` is not given, and reminded about.
        let config = Config::parse(&text).unwrap();
        assert_eq!(config.site, Config::default().site);
        assert_eq!(config.notes.len(), 1);
        let known = docket_toml(Some("https://github.com/acme/handbook"));
        let config = Config::parse(&known).unwrap();
        assert_eq!(
            config.site.repo_url.as_deref(),
            Some("https://github.com/acme/handbook")
        );
        assert!(config.notes.is_empty());
        // Uncommented, every key is valid.
        let uncommented: String = text
            .lines()
            .filter_map(|l| l.strip_prefix("# "))
            .filter(|l| l.starts_with('[') || l.contains(" = "))
            .map(|l| match l.starts_with("title = ") {
                // `[site]` itself is not commented out.
                true => format!("[site]\n{l}\n"),
                false => format!("{l}\n"),
            })
            .collect();
        let config = Config::parse(&uncommented);
        assert!(config.is_ok(), "{uncommented}\n{config:?}");
        assert!(uncommented.contains("deadline-passed = \"warning\""));
        assert!(uncommented.contains("[kinds.meetings]"));
        assert_eq!(
            config.map(|c| c.limits),
            Ok(docket_model::Limits::default())
        );
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
