//! `docket status`: open decisions past their deadline or due within a day, overdue
//! briefs and blockers older than the charter allows. The computation is
//! `docket_check::status`; this module prints it.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use docket_check::status::{Status, render_json, status};
use docket_model::time::{format_date, format_duration, format_time};

use crate::{Global, Outcome, path_or_cwd};

#[derive(Args, Debug)]
pub(crate) struct StatusArgs {
    /// The repository, or any folder in it.
    path: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Exit 1 when anything is overdue (for a scheduled CI job).
    #[arg(long)]
    fail_on_overdue: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Human,
    Json,
}

pub(crate) fn run(args: &StatusArgs, global: &Global) -> anyhow::Result<Outcome> {
    let ws = docket_driver::load(&path_or_cwd(&args.path))?;
    let s = status(&ws.repo, global.now);
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

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn by(late: i64) -> String {
    if late < 60 {
        "less than a minute".into()
    } else {
        format_duration(late)
    }
}

fn owner(o: Option<&str>) -> String {
    o.map_or_else(|| "no owner".to_string(), |o| format!("owner {o}"))
}

fn human(out: &mut dyn Write, s: &Status) -> std::io::Result<()> {
    if s.is_empty() {
        return writeln!(
            out,
            "nothing needs attention: no open decision past or near its deadline, no overdue brief, no blocker older than {}",
            format_duration(s.blocker_resolution)
        );
    }
    let mut first = true;
    let mut heading = |out: &mut dyn Write, text: String| -> std::io::Result<()> {
        if !first {
            writeln!(out)?;
        }
        first = false;
        writeln!(out, "{text}")
    };
    if !s.overdue_decisions.is_empty() {
        heading(
            out,
            count(
                s.overdue_decisions.len(),
                "open decision past its deadline:",
                "open decisions past their deadline:",
            ),
        )?;
        for d in &s.overdue_decisions {
            writeln!(
                out,
                "  {}  {}\n      {}, {} overdue (deadline {})",
                d.path,
                d.title,
                owner(d.owner.as_deref()),
                by(d.late),
                format_time(d.deadline)
            )?;
        }
    }
    if !s.due_soon.is_empty() {
        heading(
            out,
            format!(
                "{} due within 24 hours:",
                count(s.due_soon.len(), "decision", "decisions")
            ),
        )?;
        for d in &s.due_soon {
            let left = -d.late;
            let when = if left < 60 {
                "due now".to_string()
            } else {
                format!("due in {}", format_duration(left))
            };
            writeln!(
                out,
                "  {}  {}\n      {}, {when} (deadline {})",
                d.path,
                d.title,
                owner(d.owner.as_deref()),
                format_time(d.deadline)
            )?;
        }
    }
    if !s.overdue_briefs.is_empty() {
        heading(
            out,
            format!(
                "{}:",
                count(s.overdue_briefs.len(), "overdue brief", "overdue briefs")
            ),
        )?;
        for b in &s.overdue_briefs {
            writeln!(
                out,
                "  {}  {}\n      {}, still {}, {} overdue (deadline {})",
                b.path,
                b.title,
                owner(b.owner.as_deref()),
                b.status,
                by(b.late),
                format_time(b.deadline)
            )?;
        }
    }
    if !s.stale_blockers.is_empty() {
        heading(
            out,
            format!(
                "{} open longer than {}:",
                count(s.stale_blockers.len(), "blocker", "blockers"),
                format_duration(s.blocker_resolution)
            ),
        )?;
        for b in &s.stale_blockers {
            writeln!(
                out,
                "  {}  {}\n      by {}, open since {} ({})",
                b.blocker.last_path,
                b.blocker.text,
                b.blocker.person,
                format_date(b.blocker.opened),
                format_duration(b.age)
            )?;
        }
    }
    Ok(())
}
