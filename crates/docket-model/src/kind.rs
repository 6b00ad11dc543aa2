//! The kinds of document and their front-matter schemas, as data (SPEC §3). The
//! checks and `docket schema` read the same tables; `docket.toml` adds required keys.

use std::fmt;

/// What a file is. The default is a decision (the kind a record is when nothing
/// says otherwise).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A decision record.
    #[default]
    Decision,
    /// A task brief.
    Brief,
    /// The communication charter (one per repository).
    Charter,
    /// The people roster (`people.yaml`).
    People,
    /// A daily Done/Next/Blocker update.
    Update,
    /// The meeting inventory (`meetings.yaml`).
    Meetings,
    /// Any other Markdown page of the handbook.
    Page,
    /// A kind of records a team declares in `docket.toml` (`[kinds.proposal]`):
    /// read like decisions, through the roles and statuses it declares
    /// ([`crate::config::KindConfig`]). The name is interned: one copy per process.
    Custom(&'static str),
}

/// The one copy of `name` for the life of the process, so that kinds and keys a
/// team declares can be `&'static str` like the built-in ones. Each distinct
/// string is stored once, however often docket.toml is read (as `serve` does).
pub fn intern(name: &str) -> &'static str {
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    static NAMES: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut names = NAMES
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(&known) = names.get(name) {
        return known;
    }
    let leaked: &'static str = Box::leak(name.to_string().into_boxed_str());
    names.insert(leaked);
    leaked
}

/// Interns every string of `list` and the list itself: the same list always
/// gives the same slice, stored once.
pub fn intern_list<S: AsRef<str>>(list: &[S]) -> &'static [&'static str] {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    type Lists = HashMap<Vec<&'static str>, &'static [&'static str]>;
    static LISTS: OnceLock<Mutex<Lists>> = OnceLock::new();
    let words: Vec<&'static str> = list.iter().map(|s| intern(s.as_ref())).collect();
    let mut lists = LISTS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(&known) = lists.get(&words) {
        return known;
    }
    let leaked: &'static [&'static str] = Box::leak(words.clone().into_boxed_slice());
    lists.insert(words, leaked);
    leaked
}

/// Where a record's status puts it, whatever the team calls it (SPEC §8
/// `statuses.open|decided|closed|superseded`). Rules, `status`, metrics and pages
/// ask the category, never the status's word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StatusCategory {
    /// An open question: it has a deadline (`proposed`, `Draft`, `Last Call`).
    Open,
    /// Decided (`accepted`, `rejected`, `Final`): when, the options and the
    /// outcome are due.
    Decided,
    /// No longer acted on without a successor (`deprecated`, `Withdrawn`).
    Closed,
    /// Replaced by another record (`superseded`, `Moved`).
    Superseded,
}

impl StatusCategory {
    /// Every category, in order.
    pub const ALL: [StatusCategory; 4] = [
        StatusCategory::Open,
        StatusCategory::Decided,
        StatusCategory::Closed,
        StatusCategory::Superseded,
    ];

    /// The category's name, as in `statuses.<name>`.
    pub fn name(self) -> &'static str {
        match self {
            StatusCategory::Open => "open",
            StatusCategory::Decided => "decided",
            StatusCategory::Closed => "closed",
            StatusCategory::Superseded => "superseded",
        }
    }

    /// The built-in decision statuses of the category (SPEC §3).
    pub fn builtin(self) -> &'static [&'static str] {
        match self {
            StatusCategory::Open => &["proposed"],
            StatusCategory::Decided => DECIDED,
            StatusCategory::Closed => &["deprecated"],
            StatusCategory::Superseded => &["superseded"],
        }
    }
}

impl Kind {
    /// Every built-in kind, in a stable order.
    pub const ALL: [Kind; 7] = [
        Kind::Decision,
        Kind::Brief,
        Kind::Charter,
        Kind::People,
        Kind::Update,
        Kind::Meetings,
        Kind::Page,
    ];

    /// The kind's name, as in `kind:` and `[kinds.<name>]`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Decision => "decision",
            Kind::Brief => "brief",
            Kind::Charter => "charter",
            Kind::People => "people",
            Kind::Update => "update",
            Kind::Meetings => "meetings",
            Kind::Page => "page",
            Kind::Custom(name) => name,
        }
    }

    /// The built-in kind named `name`.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The kind named `name`: a built-in one, or a kind of the team's own.
    pub fn named(name: &str) -> Kind {
        Kind::from_name(name).unwrap_or_else(|| Kind::Custom(intern(name)))
    }

    /// Whether documents of this kind are records read like decisions (ids,
    /// statuses in categories, supersession, references): the decision kind and
    /// every kind of the team's own.
    pub fn is_record(self) -> bool {
        matches!(self, Kind::Decision | Kind::Custom(_))
    }

    /// Default folder (or file) relative to the handbook root (SPEC §2).
    pub fn default_path(self) -> &'static str {
        match self {
            Kind::Decision => "decisions",
            Kind::Brief => "briefs",
            Kind::Charter => "charter.md",
            Kind::People => "people.yaml",
            Kind::Update => "updates",
            Kind::Meetings => "meetings.yaml",
            Kind::Page | Kind::Custom(_) => "",
        }
    }

    /// The kind as a noun with its article, for messages ("unknown key for a decision").
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Decision => "a decision",
            Kind::Brief => "a brief",
            Kind::Charter => "the charter",
            Kind::People => "a person in the roster",
            Kind::Update => "an update",
            Kind::Meetings => "a meeting",
            Kind::Page => "a page",
            Kind::Custom(_) => "a record",
        }
    }

    /// Whether documents of this kind live in a folder (rather than one file).
    pub fn is_folder(self) -> bool {
        matches!(
            self,
            Kind::Decision | Kind::Brief | Kind::Update | Kind::Custom(_)
        )
    }

    /// The built-in front-matter schema of the kind (for people and meetings: of
    /// one item); a kind of the team's own has none but `kind`. What a handbook
    /// uses is [`crate::Config::schema`], which adds docket.toml's keys.
    pub fn schema(self) -> &'static [FieldSpec] {
        match self {
            Kind::Decision => DECISION,
            Kind::Brief => BRIEF,
            Kind::Charter => CHARTER,
            Kind::People => PERSON,
            Kind::Update => UPDATE,
            Kind::Meetings => MEETING,
            Kind::Page => PAGE,
            Kind::Custom(_) => std::slice::from_ref(&KIND),
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The type of a front-matter value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// One line of text (numbers are accepted as text).
    Text,
    /// An ISO 8601 date or date-time.
    Date,
    /// One of a fixed set of words.
    OneOf(&'static [&'static str]),
    /// A roster id.
    Person,
    /// A list of roster ids or team names (a single string is a list of one).
    People,
    /// A list of strings (a single string is a list of one).
    Strings,
    /// A decision reference: `42`, `"0042"` or a file name.
    Ref,
    /// A list of decision references (a single one is a list of one).
    Refs,
    /// A list of options: `{name, pros?, cons?}` mappings or plain strings.
    Options,
    /// A duration such as `48h`.
    Duration,
    /// A list of whole minutes.
    Minutes,
    /// A non-negative number.
    Number,
    /// A positive whole number.
    Count,
    /// `true` or `false`.
    Bool,
    /// An IANA time zone name.
    TimeZone,
    /// Working hours as `HH:MM-HH:MM` in the person's time zone.
    Hours,
    /// Any value (a key a team declares without a role).
    Any,
}

impl FieldType {
    /// What a valid value looks like, for messages.
    pub fn expected(self) -> String {
        match self {
            FieldType::Text => "one line of text".into(),
            FieldType::Date => "a date such as `2026-11-24` or `2026-11-24T16:00:00Z`".into(),
            FieldType::OneOf(words) => format!(
                "one of {}",
                words
                    .iter()
                    .map(|w| format!("`{w}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            FieldType::Person => "a roster id".into(),
            FieldType::People => "a list of roster ids".into(),
            FieldType::Strings => "a list of strings".into(),
            FieldType::Ref => "a decision id such as `42` or a file name".into(),
            FieldType::Refs => "a list of decision ids".into(),
            FieldType::Options => {
                "a list of options (`- name: …` with optional `pros` and `cons`)".into()
            }
            FieldType::Duration => "a duration such as `48h`, `30m` or `2d`".into(),
            FieldType::Minutes => "a list of meeting lengths in minutes, such as `[25, 50]`".into(),
            FieldType::Number => "a number".into(),
            FieldType::Count => "a whole number of minutes above zero".into(),
            FieldType::Bool => "`true` or `false`".into(),
            FieldType::TimeZone => "an IANA time zone such as `Europe/Berlin`".into(),
            FieldType::Hours => "working hours such as `09:00-17:00`".into(),
            FieldType::Any => "any value".into(),
        }
    }
}

/// When a key is required.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Required {
    /// Never required.
    No,
    /// Always required.
    Always,
    /// Required when `status` is one of these.
    IfStatus(&'static [&'static str]),
}

/// One known key of a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// The key.
    pub name: &'static str,
    /// Its type.
    pub ty: FieldType,
    /// When it is required.
    pub required: Required,
    /// For keys that a body section can stand in for: the section's heading.
    pub body_section: Option<&'static str>,
    /// One line for docs and JSON Schema.
    pub doc: &'static str,
}

impl FieldSpec {
    /// Whether the key is required in a block whose status is `status` (the keys
    /// docket.toml requires are `Always` in [`crate::Config::schema`]).
    pub fn is_required(&self, status: Option<&str>) -> bool {
        match self.required {
            Required::Always => true,
            Required::IfStatus(statuses) => status.is_some_and(|s| statuses.contains(&s)),
            Required::No => false,
        }
    }
}

const fn f(name: &'static str, ty: FieldType, required: Required, doc: &'static str) -> FieldSpec {
    FieldSpec {
        name,
        ty,
        required,
        body_section: None,
        doc,
    }
}

/// The statuses of a decision (SPEC §3).
pub const DECISION_STATUSES: &[&str] = &[
    "proposed",
    "accepted",
    "rejected",
    "superseded",
    "deprecated",
];
/// The word of `words` that `written` spells, without regard to case (`Accepted`,
/// `ACCEPTED` → `accepted`), or `None`. Statuses are matched this way in records of
/// every format (SPEC §9); docket writes and exports the word as listed.
pub fn canonical_word(words: &'static [&'static str], written: &str) -> Option<&'static str> {
    let written = written.trim();
    words
        .iter()
        .copied()
        .find(|w| w.eq_ignore_ascii_case(written))
}

/// A decision status in docket's words: `Accepted` → `accepted` (see
/// [`canonical_word`]); `None` for a word that is no status in any case.
pub fn canonical_status(written: &str) -> Option<&'static str> {
    canonical_word(DECISION_STATUSES, written)
}

/// A decision status as docket writes and shows it: a known status in docket's
/// spelling (`Accepted` → `accepted`), anything else as written. For statuses read
/// without the rest of a record (a commit's front matter in the history).
pub fn status_word(written: &str) -> String {
    let written = written.trim();
    canonical_status(written).map_or_else(|| written.to_string(), str::to_string)
}

/// Whether a value as written is still a template's placeholder, not filled in:
/// wrapped in braces around words (`{proposed}`, `{rejected | accepted}`, MADR's
/// unclosed `"{proposed | rejected | …"`; not a mapping such as `{id: alice}`), in
/// brackets around alternatives or an ellipsis (`[accepted | rejected]`,
/// `[YYYY-MM-DD …]`), or in angle brackets around words (`<status>`,
/// `<short title>`; not an email address or an HTML tag). With `alternatives`, bare
/// alternatives count too (`accepted | rejected`): for a value that is one word of a
/// set, or an item of a list, where `|` has no other use. Quotes around the value
/// are ignored; `[a, b]` is a list, not a placeholder. This is the one test of
/// "left as the template wrote it" for values (`template-text`).
pub fn is_placeholder(written: &str, alternatives: bool) -> bool {
    let t = unquoted(written.trim());
    let alternated = |s: &str| s.contains('|') || s.contains('…') || s.contains("...");
    if t.starts_with('{') {
        // `{id: alice}` is a mapping written on purpose (a wrong type, not a
        // placeholder); a placeholder's braces hold words.
        return !t.contains(": ");
    }
    if let Some(inner) = t.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
        return alternated(inner);
    }
    if let Some(inner) = t.strip_prefix('<').and_then(|r| r.strip_suffix('>')) {
        // Words only: not an email address, an HTML tag with attributes or a comment.
        return !inner.trim().is_empty()
            && inner
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.' | '|' | '…'));
    }
    alternatives && t.contains(" | ")
}

/// `text` without one pair of matching quotes around it.
fn unquoted(text: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = text.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner.trim();
        }
    }
    text
}

/// The statuses of a brief.
pub const BRIEF_STATUSES: &[&str] = &["draft", "active", "done", "cancelled"];
/// Meeting categories.
pub const MEETING_CATEGORIES: &[&str] = &["update", "decision", "relationship", "work"];
/// Meeting cadences.
pub const MEETING_CADENCES: &[&str] = &["daily", "weekly", "biweekly", "monthly"];
pub(crate) const DECIDED: &[&str] = &["accepted", "rejected"];

use FieldType as T;
use Required::{Always, IfStatus, No};

const KIND: FieldSpec = f(
    "kind",
    T::OneOf(&["decision", "brief", "charter", "update", "page"]),
    No,
    "the document's kind, when its folder does not say it",
);

static DECISION: &[FieldSpec] = &[
    KIND,
    f(
        "id",
        T::Ref,
        No,
        "the decision's number; must match the file name",
    ),
    f(
        "title",
        T::Text,
        Always,
        "the question or decision, in one line",
    ),
    f(
        "status",
        T::OneOf(DECISION_STATUSES),
        Always,
        "where the decision stands",
    ),
    f(
        "owner",
        T::Person,
        Always,
        "the one named decision owner (a roster id)",
    ),
    f("date", T::Date, Always, "when the question was opened"),
    f(
        "deadline",
        T::Date,
        No,
        "when the owner decides; defaults to `date` + the charter's `decision_deadline`",
    ),
    f("decided", T::Date, IfStatus(DECIDED), "when it was decided"),
    FieldSpec {
        body_section: Some("Options"),
        ..f(
            "options",
            T::Options,
            IfStatus(DECIDED),
            "the options considered (at least two), or a body section `## Options`",
        )
    },
    FieldSpec {
        body_section: Some("Decision"),
        ..f(
            "outcome",
            T::Text,
            IfStatus(DECIDED),
            "the chosen option and why, or a body section `## Decision`",
        )
    },
    f("supersedes", T::Refs, No, "decisions this one replaces"),
    f(
        "superseded_by",
        T::Refs,
        IfStatus(&["superseded"]),
        "the decision or decisions that replace this one",
    ),
    f(
        "consulted",
        T::People,
        No,
        "people or teams asked before deciding",
    ),
    f(
        "informed",
        T::People,
        No,
        "people or teams told after deciding",
    ),
    f("tags", T::Strings, No, "free-form tags"),
    f(
        "deciders",
        T::People,
        No,
        "the people who decide (MADR 3's `deciders`; roster ids); the owner when there is one and no `owner`",
    ),
    f(
        "decision-makers",
        T::People,
        No,
        "the people who decide (MADR 4's `decision-makers`; roster ids); the owner when there is one and no `owner`",
    ),
];

static BRIEF: &[FieldSpec] = &[
    KIND,
    f("title", T::Text, Always, "the task, in one line"),
    f("owner", T::Person, Always, "who delivers it (a roster id)"),
    f("deadline", T::Date, Always, "when it is due"),
    f(
        "status",
        T::OneOf(BRIEF_STATUSES),
        Always,
        "where the task stands",
    ),
    f("estimate", T::Number, No, "expected effort in hours"),
    f("tags", T::Strings, No, "free-form tags"),
];

static CHARTER: &[FieldSpec] = &[
    KIND,
    f("title", T::Text, Always, "the charter's title"),
    f(
        "owner",
        T::Person,
        Always,
        "who keeps the charter current (a roster id)",
    ),
    f(
        "reviewed",
        T::Date,
        Always,
        "when the team last reviewed it",
    ),
    f(
        "response_time",
        T::Duration,
        No,
        "target time to reply to a message (default 4h)",
    ),
    f(
        "decision_deadline",
        T::Duration,
        No,
        "default deadline of a proposed decision (default 48h)",
    ),
    f(
        "blocker_resolution",
        T::Duration,
        No,
        "how long a blocker may stay open (default 24h)",
    ),
    f(
        "brief_threshold",
        T::Duration,
        No,
        "tasks above this need a brief (default 2h)",
    ),
    f(
        "meeting_lengths",
        T::Minutes,
        No,
        "allowed meeting lengths in minutes (default [25, 50])",
    ),
    f(
        "agenda_lead_time",
        T::Duration,
        No,
        "how early a meeting's agenda is shared (default 24h)",
    ),
    f(
        "focus_block",
        T::Duration,
        No,
        "minimum protected no-meeting block per day (default 3h)",
    ),
];

static PERSON: &[FieldSpec] = &[
    f(
        "id",
        T::Text,
        Always,
        "the id documents use to name this person",
    ),
    f("name", T::Text, Always, "full name"),
    f("role", T::Text, No, "role in the team"),
    f(
        "timezone",
        T::TimeZone,
        Always,
        "IANA time zone, such as `Europe/Berlin`",
    ),
    f("handle", T::Text, No, "chat or forge handle"),
    f(
        "github",
        T::Text,
        No,
        "forge login, to match pull-request authors and reviewers",
    ),
    f(
        "handles",
        T::Strings,
        No,
        "other handles, matched to forge logins after `github`",
    ),
    f("team", T::Text, No, "team name"),
    f("email", T::Text, No, "email address, to match git authors"),
    f(
        "hours",
        T::Hours,
        No,
        "working hours in local time, such as `09:00-17:00`",
    ),
];

static UPDATE: &[FieldSpec] = &[
    KIND,
    f("date", T::Date, No, "the day (defaults to the folder name)"),
    f(
        "person",
        T::Person,
        No,
        "the author (defaults to the file name)",
    ),
    f("tags", T::Strings, No, "free-form tags"),
];

static MEETING: &[FieldSpec] = &[
    f("name", T::Text, Always, "the meeting's name"),
    f(
        "category",
        T::OneOf(MEETING_CATEGORIES),
        Always,
        "what the meeting is for",
    ),
    f(
        "cadence",
        T::OneOf(MEETING_CADENCES),
        Always,
        "how often it happens",
    ),
    f("duration", T::Count, Always, "length in minutes"),
    f(
        "attendees",
        T::People,
        Always,
        "roster ids of the people who attend",
    ),
    f("agenda", T::Bool, No, "whether an agenda is shared ahead"),
];

static PAGE: &[FieldSpec] = &[
    KIND,
    f(
        "title",
        T::Text,
        No,
        "the page title (defaults to the first heading)",
    ),
    f("description", T::Text, No, "a one-line summary"),
    f("owner", T::Person, No, "who keeps the page current"),
    f("tags", T::Strings, No, "free-form tags"),
    f(
        "order",
        T::Number,
        No,
        "position among its siblings in the navigation",
    ),
    // The same, as Just the Docs (`nav_order`) and Hugo (`weight`) spell it, so
    // pages written for those tools keep their order (docs/guide/site.md).
    f(
        "nav_order",
        T::Number,
        No,
        "position among its siblings in the navigation (lower first)",
    ),
    f(
        "weight",
        T::Number,
        No,
        "position among its siblings in the navigation (lower first)",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_match_without_regard_to_case() {
        assert_eq!(canonical_status("Accepted"), Some("accepted"));
        assert_eq!(canonical_status(" ACCEPTED "), Some("accepted"));
        assert_eq!(canonical_status("superseded"), Some("superseded"));
        assert_eq!(canonical_status("approved"), None);
        assert_eq!(canonical_status("accepted."), None);
        assert_eq!(canonical_word(BRIEF_STATUSES, "Active"), Some("active"));
    }

    #[test]
    fn placeholders() {
        for p in [
            "{proposed}",
            "{rejected | accepted}",
            "\"{proposed | rejected | accepted | deprecated | … | superseded by ADR-0123\"",
            "[accepted | rejected]",
            "\"[accepted | rejected]\"",
            "[YYYY-MM-DD …]",
            "<status>",
            "'<name>'",
        ] {
            assert!(is_placeholder(p, false), "{p}");
        }
        for p in [
            "accepted",
            "[a, b]",
            "[accepted]",
            "Alice <alice@example.com>",
            "<alice@example.com>",
            "Choose A | B",
            "<>",
            "<img src=x onerror=alert(1)>",
            "<!-- optional -->",
            "<br/>",
            "{id: alice}",
        ] {
            assert!(!is_placeholder(p, false), "{p}");
        }
        assert!(is_placeholder("accepted | rejected", true));
        assert!(!is_placeholder("accepted", true));
    }
}
