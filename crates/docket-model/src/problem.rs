//! Problems found while reading the handbook: a file that cannot be read, front
//! matter that is not YAML, a value of the wrong type, a link the walk did not
//! follow. Each carries a [`Problem`] code, not a rule id: `docket-check`'s registry
//! names the rule that reports each code, so rule ids are defined in one place.

use docket_diagnostics::Diagnostic;

/// What kind of input problem a [`ParseProblem`] is. Each code is reported by one
/// rule of `docket check` (its registry maps the code to the rule's id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Problem {
    /// Front matter or a YAML file that cannot be read (SPEC §4 `front-matter-syntax`).
    FrontMatterSyntax,
    /// A value of the wrong type or outside its allowed set (`invalid-value`).
    InvalidValue,
    /// A file that cannot be read or is not UTF-8 (found by the driver).
    UnreadableFile,
    /// A symbolic link the walk does not follow (found by the driver).
    SkippedLink,
    /// A known status in another spelling than docket's (`Accepted` for
    /// `accepted`) in docket's own front matter (`status-spelling`).
    StatusSpelling,
    /// A value still as a template wrote it, such as the placeholder `{proposed}`
    /// (`template-text`).
    TemplateText,
    /// Numbered records in several folders and no decision folder configured: docket
    /// does not guess which one holds the decisions (found by the driver).
    DecisionFolder,
    /// A pull-request export (`[forge] pulls`, `--forge`) that is not JSON or not
    /// of the shape docket reads (found by the driver; `forge-export`).
    ForgeExport,
    /// A hub's source that cannot be read or used: a missing path, an unreadable or
    /// invalid `decisions.json`, a contract version docket does not know, a
    /// duplicate name (found by the driver and `docket-hub`).
    HubSource,
    /// The same roster id in two sources of a hub with different names or time
    /// zones (found by `docket-hub`).
    RosterConflict,
}

impl Problem {
    /// Every code, for registries that must cover them all.
    pub const ALL: [Problem; 10] = [
        Problem::FrontMatterSyntax,
        Problem::InvalidValue,
        Problem::UnreadableFile,
        Problem::SkippedLink,
        Problem::StatusSpelling,
        Problem::TemplateText,
        Problem::DecisionFolder,
        Problem::ForgeExport,
        Problem::HubSource,
        Problem::RosterConflict,
    ];
}

/// One problem found while reading or parsing, at a byte range of a file: a
/// diagnostic whose `rule` is its [`Problem`] code. It becomes a `Diagnostic` under
/// its rule's id when `docket check` reports it.
pub type ParseProblem = Diagnostic<Problem>;
