//! One module per rule. The table below is the registry: adding a rule means adding
//! its file and one line here. A rule that reports what reading found (`forwards`
//! a [`Problem`] code) has no code of its own: its file holds its documentation and
//! its tests, and the registry forwards the problems.

use docket_diagnostics::Severity;
use docket_model::Problem;

use crate::registry::{Check, Rule};

pub mod accepted_decision_edited;
pub mod brief_overdue;
pub mod broken_reference;
pub mod deadline_passed;
pub mod decision_folder;
pub mod duplicate_id;
pub mod forge_export;
pub mod front_matter_syntax;
pub mod hub_source;
pub mod id_mismatch;
pub mod invalid_value;
pub mod meeting_length;
pub mod missing_field;
pub mod missing_meetings;
pub mod missing_section;
pub mod number_collision;
pub mod replaceable_meeting;
pub mod roster_conflict;
pub mod skipped_link;
pub mod status_conflict;
pub mod status_spelling;
pub mod supersession_mismatch;
pub mod template_text;
pub mod unapproved_decision;
pub mod unknown_field;
pub mod unknown_owner;
pub mod unreadable_file;

// Modules are declared above (not by the macro) so that rustfmt reaches them.
macro_rules! rules {
    ($($module:ident => $id:literal, $severity:ident $(when $enabled:ident)?, $summary:literal $(, forwards $code:ident)?;)*) => {
        /// Every rule, in the order they run.
        pub static RULES: &[Rule] = &[$(Rule {
            id: $id,
            default_severity: Severity::$severity,
            on_by_default: rules!(@on $($enabled)?),
            summary: $summary,
            check: rules!(@check $module $(, $code)?),
            source: include_str!(concat!(stringify!($module), ".rs")),
        },)*];
    };
    (@on) => { true };
    (@on $enabled:ident) => { false };
    (@check $module:ident) => { Check::Run($module::run) };
    (@check $module:ident, $code:ident) => { Check::Forward(Problem::$code) };
}

rules! {
    front_matter_syntax => "front-matter-syntax", Error, "front matter or YAML that cannot be read", forwards FrontMatterSyntax;
    missing_field => "missing-field", Error, "a required key is missing";
    unknown_field => "unknown-field", Warning, "a key the kind does not know (likely a typo)";
    invalid_value => "invalid-value", Error, "a value of the wrong type or outside its allowed set", forwards InvalidValue;
    template_text => "template-text", Error, "text left as a template wrote it, such as the placeholder `{proposed}`", forwards TemplateText;
    status_spelling => "status-spelling", Warning, "a status in another case than docket's (`Accepted` for `accepted`)", forwards StatusSpelling;
    unknown_owner => "unknown-owner", Error, "an owner, attendee or author who is not in the roster";
    duplicate_id => "duplicate-id", Error, "two decisions with the same id, or two people with the same roster id";
    id_mismatch => "id-mismatch", Error, "a decision's `id` key that does not match its file name";
    broken_reference => "broken-reference", Error, "a decision reference or relative link that names nothing";
    missing_section => "missing-section", Error, "a required body section or update line is missing";
    deadline_passed => "deadline-passed", Warning, "a proposed decision past its deadline";
    brief_overdue => "brief-overdue", Warning, "a draft or active brief past its deadline";
    supersession_mismatch => "supersession-mismatch", Error, "supersession recorded on one side only, or in a cycle";
    status_conflict => "status-conflict", Error, "a record that states its status twice, differently";
    meeting_length => "meeting-length", Warning, "a meeting whose length the charter does not allow";
    replaceable_meeting => "replaceable-meeting", Info, "a status-update meeting that written updates could replace";
    missing_meetings => "missing-meetings", Info, "a team handbook without a meeting inventory (`meetings.yaml`)";
    accepted_decision_edited => "accepted-decision-edited", Error, "an accepted decision whose substance a change rewrites";
    number_collision => "number-collision", Error, "a new decision whose number another branch already uses";
    unreadable_file => "unreadable-file", Error, "a file that cannot be read or is not UTF-8", forwards UnreadableFile;
    skipped_link => "skipped-link", Warning, "a symbolic link that is not followed", forwards SkippedLink;
    decision_folder => "decision-folder", Error, "numbered records in several folders, and no decision folder in `docket.toml`", forwards DecisionFolder;
    forge_export => "forge-export", Error, "a pull-request export that is not JSON or not of the shape `gh pr list --json` writes", forwards ForgeExport;
    unapproved_decision => "unapproved-decision", Warning when enabled, "an accepted decision that nobody besides its owner approved in the pull request that accepted it";
    hub_source => "hub-source", Error, "a hub's source that cannot be read or used (missing path, invalid `decisions.json`, unknown version, duplicate name)", forwards HubSource;
    roster_conflict => "roster-conflict", Warning, "the same roster id in two sources of a hub with a different name or time zone", forwards RosterConflict;
}

use docket_model::{Data, Document, Fields, Kind};

/// The key blocks of a document that its kind's schema applies to: the front matter
/// of a Markdown document, or each item of people.yaml and meetings.yaml. A document
/// without front matter gives one empty block anchored at its start.
pub(crate) fn blocks(doc: &Document) -> Vec<&Fields> {
    static EMPTY: Fields = Fields {
        range: 0..0,
        fields: Vec::new(),
    };
    match &doc.data {
        Data::People(list) => list.iter().map(|p| &p.fields).collect(),
        Data::Meetings(list) => list.iter().map(|m| &m.fields).collect(),
        Data::Page(p) if p.index_of.is_some() => Vec::new(),
        _ => vec![doc.front.as_ref().unwrap_or(&EMPTY)],
    }
}

/// How late something is, for messages: `less than a minute`, or a duration such as
/// `1d 2h`.
pub(crate) fn late_by(seconds: i64) -> String {
    if seconds < 60 {
        "less than a minute".to_string()
    } else {
        docket_model::time::format_duration(seconds)
    }
}

/// Whether a document's kind has a schema the key rules apply to.
pub(crate) fn is_schema_checked(doc: &Document) -> bool {
    !doc.broken && doc.kind != Kind::Page
        || matches!(&doc.data, Data::Page(p) if p.index_of.is_none() && !doc.broken)
}

/// The rule with id `id`.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// The rule that reports problems with code `code` (every code has one; a test
/// checks it).
pub fn rule_for(code: Problem) -> Option<&'static Rule> {
    RULES
        .iter()
        .find(|r| matches!(r.check, Check::Forward(c) if c == code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_code_has_exactly_one_rule() {
        for code in Problem::ALL {
            let rules: Vec<&str> = RULES
                .iter()
                .filter(|r| matches!(r.check, Check::Forward(c) if c == code))
                .map(|r| r.id)
                .collect();
            assert_eq!(rules.len(), 1, "{code:?} is forwarded by {rules:?}");
            assert_eq!(rule_for(code).map(|r| r.id), rules.first().copied());
        }
    }
}
