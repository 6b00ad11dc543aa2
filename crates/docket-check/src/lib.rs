//! The rules of `docket check` (SPEC §4): one file per rule under `rules/`, a registry
//! ([`RULES`], the one place rule ids are defined: it also names the rule for each
//! problem code the model and the driver report, [`rule_for`]) and the severities
//! of `docket.toml`.
//!
//! Every rule is a pure function of the [`Repository`] and the injected clock
//! (`now`). Architecture invariant: this crate never touches the filesystem, the
//! environment or the system clock, and never prints; it returns diagnostics.

pub mod metrics;
mod registry;
pub mod rules;
pub mod status;
#[cfg(test)]
mod testing;

pub use registry::{Check, Rule};
pub use rules::{RULES, rule, rule_for};

use docket_diagnostics::Diagnostic;
use docket_model::Repository;
use docket_model::suggest::closest;
use docket_model::time::Time;

/// What a rule sees.
pub struct Context<'a> {
    /// The parsed handbook.
    pub repo: &'a Repository,
    /// The clock, injected (`--now`, `DOCKET_NOW`).
    pub now: Time,
}

/// Runs every rule that is not `off` and returns the findings with the severities of
/// `docket.toml` applied. Rule names in `[rules]` are validated by [`unknown_rules`].
pub fn check(repo: &Repository, now: Time) -> Vec<Diagnostic> {
    let ctx = Context { repo, now };
    let mut out = Vec::new();
    for rule in RULES {
        let Some(severity) = severity_of(repo, rule) else {
            continue;
        };
        let start = out.len();
        rule.run(&ctx, &mut out);
        for d in &mut out[start..] {
            d.severity = severity;
        }
    }
    // Nothing is lost: every problem code has a rule that forwards it (a test in
    // the registry checks it), so every problem found while reading is reported
    // unless its rule is `off`.
    out
}

fn severity_of(repo: &Repository, rule: &Rule) -> Option<docket_diagnostics::Severity> {
    match repo.config.rules.iter().find(|s| s.rule == rule.id) {
        Some(setting) => setting.severity,
        None => rule.on_by_default.then_some(rule.default_severity),
    }
}

/// The `[rules]` keys of `docket.toml` that name no rule, with a suggestion.
pub fn unknown_rules(
    config: &docket_model::Config,
) -> Vec<(&docket_model::RuleSetting, Option<&'static str>)> {
    config
        .rules
        .iter()
        .filter(|s| rule(&s.rule).is_none())
        .map(|s| (s, closest(&s.rule, RULES.iter().map(|r| r.id))))
        .collect()
}
