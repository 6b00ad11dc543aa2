//! `docket new decision|brief|update [TITLE]`: writes a fresh document from a
//! template, with the next free number, today's date, a deadline from the charter
//! and the owner from git, and prints its path. Never overwrites a file.
//!
//! Templates are built in (`templates/new/*.md` of this repository, embedded) and
//! overridden by a file of the same name in the user's `templates/new/`. Placeholders
//! are replaced by plain string substitution: `{{title}}` (a YAML scalar, quoted when
//! needed), `{{date}}`, `{{deadline}}`, `{{owner}}`, `{{number}}`.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, anyhow, bail};
use clap::{Args, ValueEnum};
use docket_driver::Workspace;
use docket_driver::jobs::NewContext;
use docket_model::time::{Time, add_seconds, format_time};
use docket_model::{Kind, Repository};

use crate::authoring::{GitUser, git_user, local_date, shown, slug, write_new, yaml_scalar};
use crate::{Global, Outcome, path_or_cwd, templates};

/// How long a new brief has by default.
const BRIEF_DEADLINE: i64 = 7 * 86_400;

/// The longest slug in a file name, in bytes.
const SLUG_MAX: usize = 60;

#[derive(Args, Debug)]
pub(crate) struct NewArgs {
    /// What to write.
    kind: NewKind,
    /// The title (decisions and briefs); several words need no quotes.
    title: Vec<String>,
    /// The owner's roster id (default: the git user, looked up in the roster).
    #[arg(long, value_name = "ID")]
    owner: Option<String>,
    /// Open the new file in `$EDITOR` (or `$VISUAL`).
    #[arg(long)]
    open: bool,
    /// The repository, or any folder in it.
    #[arg(long)]
    path: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum NewKind {
    /// A decision record: `docs/decisions/NNNN-slug.md`, status `proposed`.
    Decision,
    /// A task brief: `docs/briefs/slug.md`, status `draft`.
    Brief,
    /// Today's update: `docs/updates/DATE/PERSON.md`.
    Update,
}

impl NewKind {
    fn name(self) -> &'static str {
        match self {
            NewKind::Decision => "decision",
            NewKind::Brief => "brief",
            NewKind::Update => "update",
        }
    }

    fn builtin(self) -> &'static str {
        match self {
            NewKind::Decision => templates::NEW_DECISION,
            NewKind::Brief => templates::NEW_BRIEF,
            NewKind::Update => templates::NEW_UPDATE,
        }
    }

    fn kind(self) -> Kind {
        match self {
            NewKind::Decision => Kind::Decision,
            NewKind::Brief => Kind::Brief,
            NewKind::Update => Kind::Update,
        }
    }
}

/// The values a template's placeholders take.
#[derive(Debug, Default)]
struct Values {
    title: String,
    date: String,
    deadline: String,
    owner: String,
    number: String,
}

pub(crate) fn run(args: &NewArgs, global: &Global) -> anyhow::Result<Outcome> {
    let NewContext { ws, next_number } =
        docket_driver::jobs::prepare_new(&path_or_cwd(&args.path), args.kind.kind())?;
    let title = args.title.join(" ").trim().to_string();
    match (args.kind, title.is_empty()) {
        (NewKind::Decision | NewKind::Brief, true) => bail!(
            "a {} needs a title: `docket new {} \"Use PostgreSQL\"`",
            args.kind.name(),
            args.kind.name()
        ),
        (NewKind::Update, false) => bail!(
            "`docket new update` takes no title: it writes today's `Done:`, `Next:` and `Blocker:` lines for you to fill in"
        ),
        _ => {}
    }
    let owner = owner(&ws, args.owner.as_deref())?;
    let tz = ws
        .repo
        .person(&owner)
        .and_then(|p| p.timezone.clone())
        .filter(|t| jiff::tz::TimeZone::get(t).is_ok());
    let now = global.now;
    let date = local_date(now, tz.as_deref());
    let mut values = Values {
        title: yaml_scalar(&title),
        date: date.clone(),
        owner: owner.clone(),
        ..Values::default()
    };
    let folder = ws.repo.join(&ws.repo.config.kind_path(args.kind.kind()));
    let rel = match args.kind {
        NewKind::Decision => {
            values.deadline = deadline(now, ws.repo.norms().decision_deadline);
            let slug = slug(&title, SLUG_MAX).unwrap_or_else(|| "decision".into());
            match next_number {
                Some(number) => {
                    values.number = format!("{number:04}");
                    format!("{folder}/{number:04}-{slug}.md")
                }
                None => format!("{folder}/{}-{slug}.md", date.replace('-', "")),
            }
        }
        NewKind::Brief => {
            values.deadline = deadline(now, BRIEF_DEADLINE);
            let slug = slug(&title, SLUG_MAX).unwrap_or_else(|| "brief".into());
            format!("{folder}/{slug}.md")
        }
        NewKind::Update => format!("{folder}/{date}/{owner}.md"),
    };
    let rel = rel.trim_start_matches('/').to_string();
    let template = template(&ws.root, args.kind)?;
    let text = fill(&template, &values);
    let path = ws.root.join(&rel);
    let written = write_new(&path, &text).with_context(|| format!("writing `{rel}`"))?;
    if !written {
        bail!("`{rel}` already exists; docket never overwrites a file");
    }
    writeln!(std::io::stdout().lock(), "{rel}")?;
    if args.open {
        open_in_editor(&path).with_context(|| format!("`{rel}` was written, but"))?;
    }
    Ok(Outcome::Clean)
}

/// `now` plus `seconds`, as a UTC date-time.
fn deadline(now: Time, seconds: i64) -> String {
    format_time(add_seconds(now, seconds))
}

/// The owner's roster id: `--owner` (checked against the roster), else the git user
/// found in the roster by email, then name, then the id derived from them. Without a
/// roster, the derived id.
fn owner(ws: &Workspace, explicit: Option<&str>) -> anyhow::Result<String> {
    let repo = &ws.repo;
    let roster = repo.roster_path();
    if let Some(id) = explicit {
        let id = id.trim();
        if id.is_empty() {
            bail!("`--owner` needs a roster id");
        }
        if repo.has_roster() && !repo.is_person(id) {
            let hint = docket_model::suggest::closest(
                id,
                repo.people()
                    .filter_map(|p| p.id.as_ref())
                    .map(|i| i.value.as_str()),
            )
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
            bail!("owner `{id}` is not in {roster}{hint}");
        }
        return Ok(id.to_string());
    }
    let user = git_user(&ws.root);
    if let Some(id) = match_roster(repo, &user) {
        return Ok(id);
    }
    match user.derived_id() {
        Some(id) if !repo.has_roster() => Ok(id),
        Some(_) => Err(anyhow!(
            "the git user {} is not in {roster} (matched by email, name or id); add yourself there or pass `--owner ID`",
            user.describe()
        )),
        None => Err(anyhow!(
            "cannot tell who you are: set `git config user.name` and `user.email`, or pass `--owner ID`"
        )),
    }
}

/// The roster id of the git user: by email, then by name (both case-insensitive),
/// then by the id derived from them.
pub(crate) fn match_roster(repo: &Repository, user: &GitUser) -> Option<String> {
    let id_of = |p: &docket_model::Person| p.id.as_ref().map(|i| i.value.clone());
    if let Some(email) = &user.email
        && let Some(p) = repo.people().find(|p| {
            p.email
                .as_deref()
                .is_some_and(|e| e.trim().eq_ignore_ascii_case(email))
        })
    {
        return id_of(p);
    }
    if let Some(name) = &user.name
        && let Some(p) = repo.people().find(|p| {
            p.name
                .as_deref()
                .is_some_and(|n| n.trim().to_lowercase() == name.to_lowercase())
        })
    {
        return id_of(p);
    }
    user.derived_id().filter(|id| repo.is_person(id))
}

/// The user's `templates/new/<kind>.md`, else the built-in one.
fn template(root: &Path, kind: NewKind) -> anyhow::Result<String> {
    let path = root
        .join("templates")
        .join("new")
        .join(format!("{}.md", kind.name()));
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(kind.builtin().to_string()),
        Err(e) => Err(e).with_context(|| format!("reading the template `{}`", shown(root, &path))),
    }
}

/// Replaces the placeholders (`{{name}}`, also written `{{ name }}`).
fn fill(template: &str, v: &Values) -> String {
    templates::fill(
        template,
        &[
            ("title", v.title.as_str()),
            ("date", v.date.as_str()),
            ("deadline", v.deadline.as_str()),
            ("owner", v.owner.as_str()),
            ("number", v.number.as_str()),
        ],
    )
}

/// Runs `$EDITOR` (or `$VISUAL`) on `path` and waits for it. The variable may hold
/// arguments (`code --wait`); on Unix it goes through the shell, as git does it.
fn open_in_editor(path: &Path) -> anyhow::Result<()> {
    let editor = crate::authoring::env("EDITOR")
        .or_else(|| crate::authoring::env("VISUAL"))
        .ok_or_else(|| anyhow!("neither `EDITOR` nor `VISUAL` is set"))?;
    let status = if cfg!(unix) {
        std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("{editor} \"$@\""))
            .arg(&editor)
            .arg(path)
            .status()
    } else {
        let mut words = editor.split_whitespace();
        let program = words.next().unwrap_or(&editor);
        std::process::Command::new(program)
            .args(words)
            .arg(path)
            .status()
    }
    .with_context(|| format!("cannot start the editor `{editor}`"))?;
    if !status.success() {
        bail!("the editor `{editor}` exited with {status}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders() {
        let v = Values {
            title: "\"A: b\"".into(),
            date: "2026-11-24".into(),
            deadline: "2026-11-26T12:00:00Z".into(),
            owner: "alice".into(),
            number: "0042".into(),
        };
        assert_eq!(
            fill(
                "title: {{title}}\n{{ number }} {{date}} {{deadline}} {{owner}} {{other}}",
                &v
            ),
            "title: \"A: b\"\n0042 2026-11-24 2026-11-26T12:00:00Z alice {{other}}"
        );
    }

    #[test]
    fn builtin_templates_parse() {
        for kind in [NewKind::Decision, NewKind::Brief, NewKind::Update] {
            assert!(kind.builtin().contains(if kind == NewKind::Update {
                "Blocker: none"
            } else {
                "{{title}}"
            }));
        }
    }
}
