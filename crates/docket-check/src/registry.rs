//! The rule registry: every rule's id, default severity, summary, what it runs and
//! documentation (the `//!` comment of its file, which also becomes its page under
//! `docs/rules/`).
//!
//! Rule ids are defined here and nowhere else. The model and the driver report the
//! problems they find while reading with a [`Problem`] code; the rule that forwards
//! a code ([`Check::Forward`]) gives those problems its id ([`rule_for`]).

use docket_diagnostics::{Diagnostic, Severity};
use docket_model::{ParseProblem, Problem};

use crate::Context;

/// How a rule finds what it reports.
#[derive(Debug, Clone, Copy)]
pub enum Check {
    /// A function of the repository and the clock.
    Run(fn(&Context<'_>, &mut Vec<Diagnostic>)),
    /// The problems with this code that the model (parsing) and the driver (reading,
    /// walking) found, each reported where it was found.
    Forward(Problem),
}

/// One rule.
pub struct Rule {
    /// Stable kebab-case id.
    pub id: &'static str,
    /// Severity unless `docket.toml` says otherwise.
    pub default_severity: Severity,
    /// Whether the rule runs when `docket.toml` does not name it; a rule that is
    /// off by default runs at its `default_severity` once `[rules]` names it with
    /// a severity.
    pub on_by_default: bool,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// What the rule runs.
    pub check: Check,
    /// The rule's source file; its leading `//!` lines are its documentation.
    pub source: &'static str,
}

impl Rule {
    /// Appends the rule's findings.
    pub fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        match self.check {
            Check::Run(run) => run(ctx, out),
            Check::Forward(code) => {
                let docs = ctx.repo.documents.iter().flat_map(|d| d.problems.iter());
                out.extend(
                    docs.chain(ctx.repo.problems.iter())
                        .filter(|p| p.rule == code)
                        .map(|p| self.diagnostic(p)),
                );
            }
        }
    }

    /// A problem found while reading, as a finding of this rule.
    pub fn diagnostic(&self, p: &ParseProblem) -> Diagnostic {
        p.clone().with_rule(self.id)
    }

    /// The rule's documentation: the `//!` comment at the top of its file, as Markdown.
    pub fn docs(&self) -> String {
        let mut out = String::new();
        for line in self.source.lines() {
            let Some(rest) = line.strip_prefix("//!") else {
                break;
            };
            out.push_str(rest.strip_prefix(' ').unwrap_or(rest));
            out.push('\n');
        }
        out
    }
}
