//! `docket check`.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use docket_diagnostics::{
    Counts, HumanOptions, RuleMeta, SarifOptions, locate, render_github, render_human, render_json,
    render_sarif,
};
use docket_driver::Sources;
use docket_driver::jobs::Checked;

use crate::{Global, Outcome, count, path_or_cwd};

#[derive(Args, Debug)]
pub(crate) struct CheckArgs {
    /// Files or folders to report on; the whole handbook is still read, so
    /// references and owners resolve. Without PATH, or with the repository root:
    /// every file of the repository that holds the current folder.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    deny_warnings: bool,
    /// Report only files changed since the merge base of REF and HEAD (plus
    /// uncommitted and untracked files); everything is still read, so references
    /// resolve. Enables `accepted-decision-edited` and `number-collision`.
    #[arg(long, value_name = "REF")]
    changed_since: Option<String>,
    /// A hub's combined `decisions.json`: `SOURCE:ID` references to other
    /// handbooks' records (`payments:0042`) are checked against it, offline
    /// (overrides `[check] sources` in docket.toml). Without one they are not
    /// checked.
    #[arg(long, value_name = "FILE")]
    sources: Option<PathBuf>,
    /// Print the time of each phase (walk, read + parse, check) to standard error.
    #[arg(long)]
    timings: bool,
}

impl CheckArgs {
    /// Whether the output is JSON (then a run that cannot start still writes JSON).
    pub(crate) fn json(&self) -> bool {
        matches!(self.format, Format::Json)
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Human,
    Json,
    // GitHub Actions workflow commands (annotations); the summary goes to stderr.
    Github,
    // SARIF 2.1.0, for code scanning; the summary goes to stderr.
    Sarif,
}

pub(crate) fn run(args: &CheckArgs, global: &Global) -> anyhow::Result<Outcome> {
    let start = path_or_cwd(&args.paths.first().cloned());
    let Checked {
        ws,
        report,
        scope,
        handbook_files,
    } = docket_driver::jobs::check(
        &start,
        &args.paths,
        args.changed_since.as_deref(),
        args.sources.as_deref(),
        global.now,
    )?;
    let coverage = Coverage {
        files: report.files,
        scope: scope.paths(),
        handbook_files,
    };
    for note in &ws.notes {
        let _ = writeln!(std::io::stderr().lock(), "warning: {note}");
    }
    let sources = Sources(&ws.repo);
    let located = locate(&report.diagnostics, &sources);
    let counts = Counts::of(&report.diagnostics);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        Format::Json => render_json(&mut out, &located, report.files, counts)?,
        Format::Human => {
            render_human(
                &mut out,
                &located,
                &sources,
                HumanOptions {
                    color: global.color,
                },
            )?;
            writeln!(out, "{}", summary(&coverage, counts))?;
        }
        Format::Github => render_github(&mut out, &located)?,
        Format::Sarif => {
            let rules: Vec<RuleMeta> = docket_check::RULES
                .iter()
                .map(|r| RuleMeta {
                    id: r.id,
                    summary: r.summary,
                    docs: r.docs(),
                    default_severity: r.default_severity,
                })
                .collect();
            let options = SarifOptions {
                version: env!("CARGO_PKG_VERSION"),
                // Cargo.toml names no repository until docket has a real one: then
                // there is no address to give, rather than a made-up one.
                information_uri: Some(env!("CARGO_PKG_REPOSITORY")).filter(|u| !u.is_empty()),
                rules_base_url: None,
            };
            render_sarif(&mut out, &located, &rules, options)?;
        }
    }
    out.flush().context("writing the report")?;
    if matches!(args.format, Format::Github | Format::Sarif) {
        let _ = writeln!(std::io::stderr().lock(), "{}", summary(&coverage, counts));
    }
    if args.timings {
        let _ = write!(std::io::stderr().lock(), "{}", ws.timings.render());
    }
    let failed = counts.errors > 0 || (args.deny_warnings && counts.warnings > 0);
    drop(located);
    crate::leave_at_exit(ws);
    Ok(if failed {
        Outcome::Failed
    } else {
        Outcome::Clean
    })
}

/// What a run checked, for its summary.
struct Coverage<'a> {
    /// The files checked.
    files: usize,
    /// The paths named (empty: the whole repository).
    scope: &'a [String],
    /// The files of the handbook, all of them read.
    handbook_files: usize,
}

/// The last line: what was checked and what was found. Infos are counted as
/// `info`/`infos`, the word each finding shows and the JSON summary's key.
fn summary(checked: &Coverage<'_>, c: Counts) -> String {
    let mut what = count(checked.files, "file", "files");
    if !checked.scope.is_empty() {
        what.push_str(&format!(" ({})", checked.scope.join(", ")));
        let others = checked.handbook_files.saturating_sub(checked.files);
        if others > 0 {
            let others = count(others, "other file", "other files");
            what.push_str(&format!(", with the handbook's {others} read for context"));
        }
    }
    if c.errors + c.warnings + c.infos == 0 {
        return format!("checked {what}: no problems");
    }
    format!(
        "checked {what}: {}, {}, {}",
        count(c.errors, "error", "errors"),
        count(c.warnings, "warning", "warnings"),
        count(c.infos, "info", "infos"),
    )
}
