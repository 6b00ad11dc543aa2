//! `docket import`: rewrites decision records written with adr-tools, MADR or
//! log4brains with docket front matter (see `docs/guide/migrating-from-*.md`). The
//! conversion is `docket_model::plan_import`, planned and written by the driver's
//! import job; this prints.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use docket_model::{ImportPlan, Legacy, SkipReason};

use crate::{Outcome, count, path_or_cwd};

#[derive(Args, Debug)]
pub(crate) struct ImportArgs {
    /// The repository, a folder of decision records in it, or one record.
    path: Option<PathBuf>,
    /// The format of the records; `auto` detects it per record.
    #[arg(long, value_enum, default_value_t = From::Auto)]
    from: From,
    /// Print what would change as a unified diff, and write nothing.
    #[arg(long)]
    dry_run: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum From {
    /// Detect each record's format.
    Auto,
    /// adr-tools: `# 1. Title`, `Date:`, `## Status`.
    AdrTools,
    /// MADR: front matter with `status`, `date`, `decision-makers`.
    Madr,
    /// log4brains: MADR 2 lines in `YYYYMMDD-slug.md` files.
    Log4brains,
}

impl From {
    fn legacy(self) -> Option<Legacy> {
        match self {
            From::Auto => None,
            From::AdrTools => Some(Legacy::AdrTools),
            From::Madr => Some(Legacy::Madr),
            From::Log4brains => Some(Legacy::Log4brains),
        }
    }
}

pub(crate) fn run(args: &ImportArgs) -> anyhow::Result<Outcome> {
    let import = docket_driver::jobs::import(&path_or_cwd(&args.path), args.from.legacy())?;
    let plan = &import.plan;
    let mut err = std::io::stderr().lock();
    for note in &import.ws.notes {
        writeln!(err, "note: {note}")?;
    }
    for (path, why) in &plan.skipped {
        // Records already in docket's format are the normal case (and the whole
        // repository on a second run): not worth a line each.
        if !matches!(why, SkipReason::Docket | SkipReason::Unchanged) {
            writeln!(err, "note: left `{path}` as it is: {why}")?;
        }
    }
    let verb = if args.dry_run { "would add" } else { "added" };
    for p in &plan.people {
        writeln!(
            err,
            "warning: {verb} `{}` ({}) to `{}` with `timezone: UTC`: named in `{}` and not in the roster; set their time zone",
            p.id, p.name, plan.roster_path, p.named_in
        )?;
    }
    let records = count(plan.records.len(), "record", "records");
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.dry_run {
        print_diff(&mut out, plan)?;
        out.flush()?;
        writeln!(
            err,
            "dry run: {records} would be rewritten; nothing was written"
        )?;
        return Ok(Outcome::Clean);
    }
    import.write()?;
    for r in &plan.records {
        writeln!(out, "imported {} ({})", r.path, r.format.label())?;
    }
    if plan.roster_after.is_some() {
        let people = count(plan.people.len(), "person", "people");
        writeln!(out, "added {people} to {}", plan.roster_path)?;
    }
    out.flush()?;
    writeln!(
        err,
        "{records} imported; run `docket check` to see what is left to fill in"
    )?;
    Ok(Outcome::Clean)
}

/// Every change of the plan as a unified diff (`a/PATH`, `b/PATH`).
fn print_diff(out: &mut impl Write, plan: &ImportPlan) -> std::io::Result<()> {
    let mut files: Vec<(&str, &str, &str)> = plan
        .records
        .iter()
        .map(|r| (r.path.as_str(), r.before.as_str(), r.after.as_str()))
        .collect();
    if let Some(after) = &plan.roster_after {
        files.push((
            plan.roster_path.as_str(),
            plan.roster_before.as_deref().unwrap_or(""),
            after.as_str(),
        ));
    }
    for (path, before, after) in files {
        let diff = similar::TextDiff::from_lines(before, after);
        let old = if plan.roster_before.is_none() && path == plan.roster_path {
            "/dev/null".to_string()
        } else {
            format!("a/{path}")
        };
        write!(
            out,
            "{}",
            diff.unified_diff()
                .context_radius(3)
                .header(&old, &format!("b/{path}"))
        )?;
    }
    Ok(())
}
