//! `docket status`: open decisions past their deadline or due within a day, overdue
//! briefs and blockers older than the charter allows. The computation is
//! `docket_check::status`; this module prints it.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use docket_check::status::{OpenDecision, OverdueBrief, StaleBlocker, Status, render_json};
use docket_model::time::Time;
use docket_model::time::{format_date, format_duration, format_time};

use crate::{Global, Outcome, absolute, count, path_or_cwd};

#[derive(Args, Debug)]
pub(crate) struct StatusArgs {
    /// The repository, or any folder in it.
    path: Option<PathBuf>,
    /// A pull-request export (`gh pr list --json …`) for reply times and
    /// approvals; overrides `[forge] pulls` in docket.toml.
    #[arg(long, value_name = "FILE")]
    forge: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Exit 1 when anything is overdue (for a scheduled CI job).
    #[arg(long)]
    fail_on_overdue: bool,
}

impl StatusArgs {
    /// Whether the output is JSON (then a run that cannot start still writes JSON).
    pub(crate) fn json(&self) -> bool {
        matches!(self.format, Format::Json)
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Human,
    Json,
}

pub(crate) fn run(args: &StatusArgs, global: &Global) -> anyhow::Result<Outcome> {
    let forge = args.forge.as_deref().map(absolute);
    let noted =
        docket_driver::jobs::status(&path_or_cwd(&args.path), global.now, forge.as_deref())?;
    for note in &noted.notes {
        let _ = writeln!(std::io::stderr().lock(), "note: {note}");
    }
    let s = noted.value;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        Format::Json => render_json(&mut out, &s)?,
        Format::Human => human(&mut out, &s)?,
    }
    out.flush().context("writing the status")?;
    Ok(if args.fail_on_overdue && s.is_overdue() {
        Outcome::Failed
    } else {
        Outcome::Clean
    })
}

fn by(late: i64) -> String {
    if late < 60 {
        "less than a minute".into()
    } else {
        format_duration(late)
    }
}

fn due(late: i64) -> String {
    let left = -late;
    if left < 60 {
        "due now".to_string()
    } else {
        format!("due in {}", format_duration(left))
    }
}

/// An item with a deadline: its path and title, then its owner, what is late about
/// it, and the deadline.
fn late(path: &str, title: &str, owner: Option<&str>, what: String, deadline: Time) -> String {
    let owner = owner.map_or_else(|| "no owner".to_string(), |o| format!("owner {o}"));
    format!(
        "  {path}  {title}\n      {owner}, {what} (deadline {})",
        format_time(deadline)
    )
}

fn human(out: &mut dyn Write, s: &Status) -> std::io::Result<()> {
    if s.is_empty() {
        return writeln!(
            out,
            "nothing needs attention: no open decision past or near its deadline, no overdue brief, no blocker older than {}",
            format_duration(s.blocker_resolution)
        );
    }
    let overdue = |d: &OpenDecision| {
        let what = format!("{} overdue", by(d.late));
        late(&d.path, &d.title, d.owner.as_deref(), what, d.deadline)
    };
    let due_soon = |d: &OpenDecision| {
        late(
            &d.path,
            &d.title,
            d.owner.as_deref(),
            due(d.late),
            d.deadline,
        )
    };
    let brief = |b: &OverdueBrief| {
        let what = format!("still {}, {} overdue", b.status, by(b.late));
        late(&b.path, &b.title, b.owner.as_deref(), what, b.deadline)
    };
    let blocker = |b: &StaleBlocker| {
        let (opened, age) = (format_date(b.blocker.opened), format_duration(b.age));
        let (path, text, person) = (&b.blocker.last_path, &b.blocker.text, &b.blocker.person);
        format!("  {path}  {text}\n      by {person}, open since {opened} ({age})")
    };
    let pull = |p: &docket_model::forge::Waiting| {
        let number = p
            .number
            .map_or_else(|| "a pull request".to_string(), |n| format!("#{n}"));
        let title = p.title.as_deref().unwrap_or("");
        let author = p
            .author
            .as_deref()
            .map_or_else(String::new, |a| format!("by {a}, "));
        let url = p
            .url
            .as_deref()
            .map_or_else(String::new, |u| format!(" {u}"));
        format!(
            "  {number}  {title}{url}\n      {author}no reply since {} ({})",
            format_time(p.asked),
            format_duration(p.waited)
        )
    };
    let waiting: &[docket_model::forge::Waiting] = s.waiting_pulls.as_deref().unwrap_or(&[]);
    let sections: [(String, Vec<String>); 5] = [
        (
            count(
                s.overdue_decisions.len(),
                "open decision past its deadline:",
                "open decisions past their deadline:",
            ),
            s.overdue_decisions.iter().map(overdue).collect(),
        ),
        (
            format!(
                "{} due within 24 hours:",
                count(s.due_soon.len(), "decision", "decisions")
            ),
            s.due_soon.iter().map(due_soon).collect(),
        ),
        (
            format!(
                "{}:",
                count(s.overdue_briefs.len(), "overdue brief", "overdue briefs")
            ),
            s.overdue_briefs.iter().map(brief).collect(),
        ),
        (
            format!(
                "{} open longer than {}:",
                count(s.stale_blockers.len(), "blocker", "blockers"),
                format_duration(s.blocker_resolution)
            ),
            s.stale_blockers.iter().map(blocker).collect(),
        ),
        (
            format!(
                "{} waiting longer than {} for a first reply:",
                count(waiting.len(), "pull request", "pull requests"),
                format_duration(s.response_time)
            ),
            waiting.iter().map(pull).collect(),
        ),
    ];
    // A blank line between sections; empty sections are left out.
    for (i, (heading, entries)) in sections.iter().filter(|(_, e)| !e.is_empty()).enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{heading}")?;
        for e in entries {
            writeln!(out, "{e}")?;
        }
    }
    Ok(())
}
