//! `docket new KIND [TITLE]`: writes a fresh document and prints its path. KIND is
//! `decision`, `brief`, `update`, or a record kind of the team's own declared in
//! docket.toml (`[kinds.proposal]`). Never overwrites a file.
//!
//! Decisions, briefs and updates are written from a template: built in
//! (`templates/new/*.md` of this repository, embedded) or the team's own file of
//! the same name in the repository's `templates/new/`. A kind of the team's own is
//! written from its `templates/new/KIND.md` when there is one, else as a front
//! matter of every key the kind requires (`docket_model::new_record_keys`), filled
//! where docket knows the value and left empty for the author otherwise.
//! Placeholders are replaced by plain string substitution: `{{title}}` (a YAML
//! scalar, quoted when needed), `{{date}}`, `{{deadline}}`, `{{owner}}`,
//! `{{number}}`, `{{id}}`, `{{status}}`.
//!
//! A kind with several folders (a list or a glob in docket.toml) needs one chosen:
//! `--in FOLDER`, else a question on a terminal, else an error that lists them.
//! Ids are per folder: one more than the highest there, here or on another branch.

use std::io::{BufRead as _, IsTerminal as _, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, anyhow, bail};
use clap::Args;
use docket_driver::Workspace;
use docket_driver::jobs::{NEW_KINDS, NewContext};
use docket_model::time::{Time, add_seconds, format_time};
use docket_model::{
    DecisionId, Fill, IdScheme, Kind, KindFolder, Repository, Role, StatusCategory,
    new_front_matter, new_record_keys,
};

use crate::authoring::{GitUser, git_user, local_date, shown, slug, write_new, yaml_scalar};
use crate::kind_names::KindName;
use crate::{Global, Outcome, path_or_cwd, templates};

/// How long a new brief has by default.
const BRIEF_DEADLINE: i64 = 7 * 86_400;

/// The longest slug in a file name, in bytes.
const SLUG_MAX: usize = 60;

#[derive(Args, Debug)]
pub(crate) struct NewArgs {
    /// What to write: decision (`docs/decisions/NNNN-slug.md`, status
    /// `proposed`), brief (`docs/briefs/slug.md`, status `draft`), update
    /// (`docs/updates/DATE/PERSON.md`), or a record kind of your own declared in
    /// docket.toml (`[kinds.proposal]`).
    #[arg(value_parser = KindName(&NEW_KINDS), hide_possible_values = true)]
    kind: String,
    /// The title (all but updates); several words need no quotes.
    title: Vec<String>,
    /// The folder, when the kind has several (a list or a glob in docket.toml):
    /// its label (`billing`) or its path.
    #[arg(long = "in", value_name = "FOLDER")]
    folder: Option<String>,
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

/// The values a template's placeholders take.
#[derive(Debug, Default)]
struct Values {
    title: String,
    date: String,
    deadline: String,
    owner: String,
    number: String,
    id: String,
    status: String,
}

pub(crate) fn run(args: &NewArgs, global: &Global) -> anyhow::Result<Outcome> {
    let ctx = docket_driver::jobs::prepare_new(&path_or_cwd(&args.path), &args.kind)?;
    let (ws, kind) = (&ctx.ws, ctx.kind);
    let repo = &ws.repo;
    let name = kind.name();
    let title = args.title.join(" ").trim().to_string();
    match (kind, title.is_empty()) {
        (Kind::Update, false) => bail!(
            "`docket new update` takes no title: it writes today's `Done:`, `Next:` and `Blocker:` lines for you to fill in"
        ),
        (Kind::Update, true) => {}
        (_, true) => bail!(
            "{} {name} needs a title: `docket new {name} \"{}\"`",
            article(name),
            if kind.is_record() && kind != Kind::Decision {
                "A short title"
            } else {
                "Use PostgreSQL"
            }
        ),
        _ => {}
    }
    let folder = choose_folder(&ctx, args.folder.as_deref())?;
    let template = template(&ws.root, kind)?;
    // A kind of one's own without a template: the keys it requires.
    let keys = match &template {
        Some(_) => Vec::new(),
        None => new_record_keys(kind, &repo.config),
    };
    let needs_owner = args.owner.is_some()
        || kind == Kind::Update
        || match &template {
            Some(t) => has_placeholder(t, "owner"),
            None => keys
                .iter()
                .any(|k| k.required && k.fill == Some(Fill::Role(Role::Owner))),
        };
    // Without a need for it, an owner docket cannot tell only means UTC dates.
    let owner = match owner(ws, args.owner.as_deref()) {
        Ok(owner) => Some(owner),
        Err(e) if needs_owner => return Err(e),
        Err(_) => None,
    };
    let tz = owner
        .as_deref()
        .and_then(|o| repo.person(o))
        .and_then(|p| p.timezone.clone())
        .filter(|t| jiff::tz::TimeZone::get(t).is_ok());
    let now = global.now;
    let date = local_date(now, tz.as_deref());
    let status = repo
        .config
        .statuses(kind, StatusCategory::Open)
        .first()
        .copied();
    let id = docket_driver::jobs::next_id(&ctx, &folder);
    let scheme = repo.config.id_scheme_of(kind);
    let mut values = Values {
        title: yaml_scalar(&title),
        date: date.clone(),
        owner: owner.clone().unwrap_or_default(),
        id: id.map(|n| n.to_string()).unwrap_or_default(),
        status: match kind {
            Kind::Brief => "draft".into(),
            _ if kind.is_record() => status.map(yaml_scalar).unwrap_or_default(),
            _ => String::new(),
        },
        ..Values::default()
    };
    let dir = repo.join(&folder.path);
    let slugged = || slug(&title, SLUG_MAX).unwrap_or_else(|| name.to_string());
    let file = match kind {
        Kind::Update => format!("{date}/{}.md", values.owner),
        Kind::Brief => {
            values.deadline = deadline(now, BRIEF_DEADLINE);
            format!("{}.md", slugged())
        }
        _ => {
            values.deadline = deadline(now, repo.norms().decision_deadline);
            match (scheme, id) {
                (IdScheme::Number, Some(n)) => {
                    values.number = format!("{n:04}");
                    format!("{n:04}-{}.md", slugged())
                }
                (IdScheme::Key(key), Some(n)) => {
                    format!("{}.md", key_file_stem(repo, kind, &folder, key, n))
                }
                // log4brains names decisions by date.
                _ if kind == Kind::Decision => {
                    format!("{}-{}.md", date.replace('-', ""), slugged())
                }
                _ => format!("{}.md", slugged()),
            }
        }
    };
    let rel = if dir.is_empty() {
        file
    } else {
        format!("{dir}/{file}")
    };
    let text = match &template {
        Some(t) => fill(t, &values),
        None => new_front_matter(&keys, |f| {
            Some(match f {
                Fill::Id => values.id.clone(),
                Fill::Role(Role::Title) => values.title.clone(),
                Fill::Role(Role::Date) => values.date.clone(),
                Fill::Role(Role::Owner) => values.owner.clone(),
                Fill::Role(Role::Status) => values.status.clone(),
                Fill::Role(Role::Deadline) => values.deadline.clone(),
            })
        }),
    };
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

/// `a` or `an`, for a kind's name.
fn article(name: &str) -> &'static str {
    if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// The documents of `kind` in messages: `decisions`, `` `proposal` records ``.
fn plural(kind: Kind) -> String {
    match kind {
        Kind::Custom(name) => format!("`{name}` records"),
        other => format!("{}s", other.name()),
    }
}

/// The folder a new document of the kind goes in: the one named by `--in` (a
/// label or a path), the kind's only folder, or, for a kind with several, the
/// one chosen on a terminal; not on a terminal, an error listing them.
fn choose_folder(ctx: &NewContext, written: Option<&str>) -> anyhow::Result<KindFolder> {
    let repo = &ctx.ws.repo;
    let kind = ctx.kind;
    if let Some(w) = written {
        return repo
            .folder_named(kind, w)
            .ok_or_else(|| anyhow!("{}", not_a_folder(ctx, w)));
    }
    match ctx.folders.as_slice() {
        [one] => Ok(one.clone()),
        [] => bail!(
            "{} go in {}, and no such folder exists yet; name the new one with `--in PATH` (relative to {})",
            plural(kind),
            patterns(repo, kind),
            handbook_root(repo)
        ),
        several if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() => {
            ask_folder(repo, kind, several)
        }
        several => bail!(
            "{} go in several folders; name one with `--in FOLDER`:\n{}  for example: docket new {} --in {} \"Title\"",
            plural(kind),
            folder_lines(repo, several),
            kind.name(),
            several[0].label.as_deref().unwrap_or(&several[0].path)
        ),
    }
}

/// The handbook root in messages.
fn handbook_root(repo: &Repository) -> String {
    match repo.handbook_root.as_str() {
        "" => "the repository root".into(),
        root => format!("the handbook root `{root}`"),
    }
}

/// The folders docket.toml gives a kind, as written: `` `services/*/docs/adr` ``.
fn patterns(repo: &Repository, kind: Kind) -> String {
    repo.config
        .kind_folders(kind)
        .iter()
        .map(|f| format!("`{}`", repo.join(f)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One line per folder: its label and its path (repository-relative).
fn folder_lines(repo: &Repository, folders: &[KindFolder]) -> String {
    let width = folders
        .iter()
        .map(|f| f.label.as_deref().unwrap_or("").chars().count())
        .max()
        .unwrap_or(0);
    folders
        .iter()
        .map(|f| {
            let label = f.label.as_deref().unwrap_or("");
            let missing = if f.exists { "" } else { " (not there yet)" };
            format!("  {label:width$}  {}{missing}\n", repo.join(&f.path))
        })
        .collect()
}

/// Why `--in written` names no folder of the kind, with the folders there are.
fn not_a_folder(ctx: &NewContext, written: &str) -> String {
    let repo = &ctx.ws.repo;
    let labels = ctx.folders.iter().filter_map(|f| f.label.as_deref());
    let meant = docket_model::suggest::closest(written.trim(), labels)
        .map(|m| format!("; did you mean `{m}`?"))
        .unwrap_or_default();
    let list = if ctx.folders.is_empty() {
        "  (none yet)\n".to_string()
    } else {
        folder_lines(repo, &ctx.folders)
    };
    let kinds = plural(ctx.kind);
    format!(
        "`--in {written}` is not a folder of {kinds}{meant}\n{kinds} go in {}; the folders there are:\n{list}`--in` takes a folder's label, or its path (a new folder's too)",
        patterns(repo, ctx.kind),
    )
}

/// Asks on the terminal which folder, until the answer is one (a number or a
/// label); the end of input is an error.
fn ask_folder(repo: &Repository, kind: Kind, folders: &[KindFolder]) -> anyhow::Result<KindFolder> {
    let mut err = std::io::stderr().lock();
    writeln!(err, "{} go in several folders:", plural(kind))?;
    for (i, f) in folders.iter().enumerate() {
        let label = f.label.as_deref().unwrap_or("");
        writeln!(err, "  {}. {label}  {}", i + 1, repo.join(&f.path))?;
    }
    let stdin = std::io::stdin();
    loop {
        write!(
            err,
            "which one? (a number or a label; `--in FOLDER` skips this question) "
        )?;
        err.flush()?;
        let mut line = String::new();
        if stdin.lock().read_line(&mut line)? == 0 {
            writeln!(err)?;
            bail!("no folder chosen; name one with `--in FOLDER`");
        }
        let answer = line.trim();
        let by_number = answer
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| folders.get(i));
        let by_label = || folders.iter().find(|f| f.label.as_deref() == Some(answer));
        if let Some(f) = by_number.or_else(by_label) {
            return Ok(f.clone());
        }
        if !answer.is_empty() {
            writeln!(err, "`{answer}` is none of them")?;
        }
    }
}

/// The file stem of record `id` of a kind whose id is a key (`id = "eip"`): like
/// the newest numbered record of the folder when its stem ends in its id
/// (`eip-7` → `eip-8`, `bip-0007` → `bip-0008`), else `KEY-ID` (`eip-8`).
fn key_file_stem(repo: &Repository, kind: Kind, folder: &KindFolder, key: &str, id: u32) -> String {
    let newest = repo
        .records_of(kind)
        .filter(|(_, d)| d.folder == folder.label)
        .filter_map(|(doc, d)| match d.id {
            Some(DecisionId::Number(n)) => Some((n, doc.stem())),
            _ => None,
        })
        .max_by_key(|(n, _)| *n);
    if let Some((n, stem)) = newest {
        let digits = stem.bytes().rev().take_while(u8::is_ascii_digit).count();
        let (prefix, number) = stem.split_at(stem.len() - digits);
        if number.parse::<u32>().ok() == Some(n) {
            let width = if number.len() > 1 && number.starts_with('0') {
                number.len()
            } else {
                0
            };
            return format!("{prefix}{id:0width$}");
        }
    }
    let key = slug(key, SLUG_MAX).unwrap_or_else(|| kind.name().to_string());
    format!("{key}-{id}")
}

/// Whether `template` has the placeholder `name` (`{{name}}` or `{{ name }}`).
fn has_placeholder(template: &str, name: &str) -> bool {
    template.contains(&format!("{{{{{name}}}}}")) || template.contains(&format!("{{{{ {name} }}}}"))
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

/// The team's `templates/new/<kind>.md`, else the built-in one; `None` for a kind
/// of the team's own without a template.
fn template(root: &Path, kind: Kind) -> anyhow::Result<Option<String>> {
    let builtin = match kind {
        Kind::Decision => Some(templates::NEW_DECISION),
        Kind::Brief => Some(templates::NEW_BRIEF),
        Kind::Update => Some(templates::NEW_UPDATE),
        _ => None,
    };
    let Some(rel) = docket_driver::template_path(kind) else {
        return Ok(builtin.map(str::to_string));
    };
    let path = root.join(rel);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(builtin.map(str::to_string)),
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
            ("id", v.id.as_str()),
            ("status", v.status.as_str()),
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
            id: "42".into(),
            status: "Draft".into(),
        };
        assert_eq!(
            fill(
                "title: {{title}}\n{{ number }} {{date}} {{deadline}} {{owner}} {{id}} {{status}} {{other}}",
                &v
            ),
            "title: \"A: b\"\n0042 2026-11-24 2026-11-26T12:00:00Z alice 42 Draft {{other}}"
        );
        assert!(has_placeholder("owner: {{ owner }}", "owner"));
        assert!(!has_placeholder("owner: alice", "owner"));
    }

    #[test]
    fn builtin_templates_parse() {
        for (kind, text) in [
            (Kind::Decision, templates::NEW_DECISION),
            (Kind::Brief, templates::NEW_BRIEF),
            (Kind::Update, templates::NEW_UPDATE),
        ] {
            assert!(text.contains(if kind == Kind::Update {
                "Blocker: none"
            } else {
                "{{title}}"
            }));
        }
    }

    #[test]
    fn articles() {
        assert_eq!(article("update"), "an");
        assert_eq!(article("proposal"), "a");
    }
}
