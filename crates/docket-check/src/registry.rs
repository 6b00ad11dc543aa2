//! The rule registry: every rule's id, default severity, summary, entry point and
//! documentation (the `//!` comment of its file, which also becomes its page under
//! `docs/rules/`).

use docket_diagnostics::{Diagnostic, Severity};

use crate::Context;

/// One rule.
pub struct Rule {
    /// Stable kebab-case id.
    pub id: &'static str,
    /// Severity unless `docket.toml` says otherwise.
    pub default_severity: Severity,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// Appends the rule's findings.
    pub run: fn(&Context<'_>, &mut Vec<Diagnostic>),
    /// The rule's source file; its leading `//!` lines are its documentation.
    pub source: &'static str,
}

impl Rule {
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

pub use crate::rules::RULES;

/// The rule with id `id`.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}
