//! The types of one file of the handbook, parsed: its front matter with positions,
//! its Markdown outline, its kind's typed data and the problems found in it, with
//! the small methods that answer questions about them (a meeting that written
//! updates could replace, a decision's deadline). Nothing here parses: `parse`
//! fills these types, `read` types the values, `legacy` reads existing formats.
//!
//! This module depends on no other module of the crate but `kind`, `time` and
//! `problem`; the rest of the model builds on it.

use std::ops::Range;

use docket_syntax::{Outline, Yaml};

use crate::kind::{Kind, StatusCategory};
use crate::problem::ParseProblem;
use crate::time::{Time, add_seconds};

/// A value with the byte range it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it is written.
    pub range: Range<usize>,
}

impl<T> Spanned<T> {
    /// Pairs a value with its range.
    pub fn new(value: T, range: Range<usize>) -> Self {
        Self { value, range }
    }
}

/// One front-matter key with its value and positions.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The key.
    pub key: String,
    /// The key's byte range.
    pub key_range: Range<usize>,
    /// The value's byte range.
    pub value_range: Range<usize>,
    /// The value.
    pub value: Yaml,
}

/// A block of keys: a document's front matter, or one item of people.yaml or
/// meetings.yaml.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fields {
    /// Byte range of the whole block.
    pub range: Range<usize>,
    /// The keys in order.
    pub fields: Vec<Field>,
}

impl Field {
    /// Whether the value says something: not empty, not `~`, not `""`, not `[]`, not
    /// `{}`. A key written without one (`consulted:`, as templates leave them) is not
    /// given: no type is checked, and a required key counts as missing (SPEC §9).
    pub fn has_value(&self) -> bool {
        match &self.value {
            Yaml::Null => false,
            Yaml::Str(s) => !s.trim().is_empty(),
            Yaml::Seq(items) => !items.is_empty(),
            Yaml::Map(entries) => !entries.is_empty(),
            _ => true,
        }
    }

    /// Where findings about the value point: the value, or the key when the value is
    /// empty.
    pub fn value_or_key_range(&self) -> Range<usize> {
        if self.value_range.is_empty() {
            self.key_range.clone()
        } else {
            self.value_range.clone()
        }
    }
}

impl Fields {
    /// The field `key`, if present.
    pub fn get(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// Whether `key` is present with a value that says something (see
    /// [`Field::has_value`]).
    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some_and(Field::has_value)
    }

    /// The range to point at for a missing key: the block's first line.
    pub fn anchor(&self) -> Range<usize> {
        self.range.start..self.range.start
    }
}

/// A decision's id (SPEC §3, §9).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DecisionId {
    /// The number that starts the file name.
    Number(u32),
    /// The file stem, for records without a number.
    Stem(String),
}

impl std::fmt::Display for DecisionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecisionId::Number(n) => write!(f, "{n}"),
            DecisionId::Stem(s) => f.write_str(s),
        }
    }
}

/// When a proposed decision is due (see [`Document::proposed_deadline`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Deadline {
    /// The deadline.
    pub time: Time,
    /// Where it is written: the `deadline` value, or the status when implied.
    pub range: Range<usize>,
    /// Whether it comes from `date` + the charter's `decision_deadline`.
    pub implied: bool,
}

/// One option a decision weighed (SPEC §3 `options`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DecisionOption {
    /// Its name.
    pub name: String,
    /// Arguments for it (front matter `pros`).
    pub pros: Vec<String>,
    /// Arguments against it (front matter `cons`).
    pub cons: Vec<String>,
}

impl DecisionOption {
    /// An option with a name and no arguments (as a body section lists them).
    pub fn named(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            ..Self::default()
        }
    }
}

/// An option compares equal to a string when that is its name.
impl PartialEq<str> for DecisionOption {
    fn eq(&self, other: &str) -> bool {
        self.name == other
    }
}

/// An option compares equal to a string when that is its name.
impl PartialEq<&str> for DecisionOption {
    fn eq(&self, other: &&str) -> bool {
        self.name == *other
    }
}

/// A section (or front-matter value) of a document that still holds text as a
/// template of `docket new` wrote it (see [`crate::Templates`]): such text says
/// nothing, so it is no option, no outcome and no section content. `read` finds
/// it; `template-text` reports it once a document is past its draft
/// ([`Document::is_past_draft`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateText {
    /// How messages name the place: the heading as a Markdown heading
    /// (`## Options`), or the front-matter key (`outcome`).
    pub place: String,
    /// Whether the place is a front-matter key rather than a section.
    pub key: bool,
    /// The heading's index in the document's outline, for a section.
    pub heading: Option<usize>,
    /// Where a finding about the whole place points: the heading, or the value.
    pub range: Range<usize>,
    /// The paragraphs and list items (or the value) that are the template's text.
    pub parts: Vec<Range<usize>>,
    /// Whether the place holds nothing but the template's text.
    pub whole: bool,
    /// The decision field read from this place (`options`, `outcome`), if any.
    pub field: Option<&'static str>,
}

/// Where a value of a record was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A front-matter key.
    FrontMatter,
    /// A section of the Markdown body (which the page shows as written).
    Body,
}

/// A decision record, or a record of a kind of the team's own (read through its
/// roles: `title`, `owner`, `date`, `status` and `deadline` hold what the kind's
/// keys for those roles say).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Decision {
    /// The record's kind: [`Kind::Decision`] or a kind of the team's own.
    pub kind: Kind,
    /// The label of the folder that holds it, when its kind has several folders
    /// (`billing` of `services/billing/docs/adr`): ids are unique per folder, and
    /// references may name it (`billing/0003`).
    pub folder: Option<String>,
    /// The id from the file name (or the kind's id key).
    pub id: Option<DecisionId>,
    /// The `id` key, if written.
    pub id_key: Option<Spanned<String>>,
    /// Title.
    pub title: Option<Spanned<String>>,
    /// The status: one of the kind's statuses in the kind's spelling when the record
    /// states a known one in any case or format (`Accepted` → `accepted`), else as
    /// written (an `invalid-value` finding); `None` when it is not stated or still a
    /// template's placeholder.
    pub status: Option<Spanned<String>>,
    /// The category of the status (open, decided, closed, superseded), when the
    /// status is one of the kind's. Everything that asks "open?" or "decided?" asks
    /// this ([`Decision::is_proposed`], [`Decision::is_decided`]).
    pub category: Option<StatusCategory>,
    /// Owner (roster id): the `owner` key, or else the one decider when the record
    /// names exactly one.
    pub owner: Option<Spanned<String>>,
    /// The people who decide: MADR 4's `decision-makers` and MADR 3's `deciders`
    /// keys, or a `Deciders:` line of a record in an existing format (roster ids in
    /// docket's records, names as written in the others).
    pub deciders: Vec<Spanned<String>>,
    /// When the question was opened.
    pub date: Option<Spanned<Time>>,
    /// Explicit deadline.
    pub deadline: Option<Spanned<Time>>,
    /// Whether a deadline is written but is no date (an `invalid-value` finding,
    /// not a deadline to compute from, nor one to imply).
    pub deadline_unreadable: bool,
    /// When it was decided.
    pub decided: Option<Spanned<Time>>,
    /// The options, from front matter (`options: [{name, pros, cons}]` or plain
    /// names) or the items of the `## Options` (`## Considered Options`) section;
    /// without those still as a template wrote them ([`Decision::template_text`]).
    pub options: Vec<DecisionOption>,
    /// Where the options were read from, when there are any.
    pub options_origin: Option<Origin>,
    /// The outcome, from front matter or the `## Decision` section, without the
    /// paragraphs still as a template wrote them: `None` when nothing else is left.
    pub outcome: Option<String>,
    /// Where the outcome was read from, when there is one.
    pub outcome_origin: Option<Origin>,
    /// Decisions this one replaces.
    pub supersedes: Vec<Spanned<String>>,
    /// The decisions that replace this one (one or several).
    pub superseded_by: Vec<Spanned<String>>,
    /// Other references to records of the same kind, by key (`requires: [20,
    /// 165]` when `references = ["requires"]`).
    pub references: Vec<(&'static str, Spanned<String>)>,
    /// Consulted people or teams.
    pub consulted: Vec<Spanned<String>>,
    /// Informed people or teams.
    pub informed: Vec<Spanned<String>>,
    /// Tags.
    pub tags: Vec<String>,
    /// The format the record is written in when it is not docket's own front matter
    /// (adr-tools, MADR, log4brains; SPEC §9). Its values above were read from that
    /// format, with ranges pointing where they were found.
    pub legacy: Option<Legacy>,
    /// Every place the record states its status (front matter, a `## Status`
    /// section, a `Status:` line), front matter first.
    pub statuses: Vec<StatusStatement>,
    /// Where each known field's value was found (a front-matter value or a line of
    /// the body), whether or not the value is valid. `missing-field` reads it.
    pub found_at: Vec<(&'static str, Range<usize>)>,
    /// The sections and values still as a template wrote them.
    pub template_text: Vec<TemplateText>,
}

impl Decision {
    /// Whether the status is an open one (`proposed`, or a status the kind lists
    /// under `statuses.open`): an open question, with a deadline.
    pub fn is_proposed(&self) -> bool {
        self.category == Some(StatusCategory::Open)
    }

    /// Whether the status is a decided one (`accepted`, `rejected`, or the kind's
    /// `statuses.decided`): decided, so `decided`, `options` and `outcome` are due
    /// (SPEC §3).
    pub fn is_decided(&self) -> bool {
        self.category == Some(StatusCategory::Decided)
    }

    /// The id as references write it: qualified by the folder's label when the
    /// kind has several folders (`billing/3`).
    pub fn qualified_id(&self) -> Option<String> {
        let id = self.id.as_ref()?;
        Some(match &self.folder {
            Some(f) => format!("{f}/{id}"),
            None => id.to_string(),
        })
    }

    /// Whether the place field `name` (`options`, `outcome`) is read from holds
    /// text as a template wrote it, so that what is missing there is the
    /// template's text rather than nothing at all.
    pub fn has_template_text(&self, name: &str) -> bool {
        self.template_text.iter().any(|t| t.field == Some(name))
    }

    /// Where field `name`'s value was found, if it was.
    pub fn found(&self, name: &str) -> Option<&Range<usize>> {
        self.found_at
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, r)| r)
    }
}

/// A task brief.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Brief {
    /// Title.
    pub title: Option<Spanned<String>>,
    /// Owner.
    pub owner: Option<Spanned<String>>,
    /// Due date.
    pub deadline: Option<Spanned<Time>>,
    /// Status as written.
    pub status: Option<Spanned<String>>,
    /// Estimate in hours.
    pub estimate: Option<f64>,
    /// The sections still as a template wrote them.
    pub template_text: Vec<TemplateText>,
}

impl Brief {
    /// Whether the brief is still to be delivered (`draft` or `active`), so its
    /// deadline can pass.
    pub fn is_open(&self) -> bool {
        self.status
            .as_ref()
            .is_some_and(|s| matches!(s.value.as_str(), "draft" | "active"))
    }
}

/// The charter's norms (SPEC §3), with defaults for keys not written.
#[derive(Debug, Clone, PartialEq)]
pub struct Norms {
    /// Target reply time, seconds.
    pub response_time: i64,
    /// Default decision deadline, seconds.
    pub decision_deadline: i64,
    /// How long a blocker may stay open, seconds.
    pub blocker_resolution: i64,
    /// Tasks above this need a brief, seconds.
    pub brief_threshold: i64,
    /// Allowed meeting lengths, minutes.
    pub meeting_lengths: Vec<i64>,
    /// Agenda lead time, seconds.
    pub agenda_lead_time: i64,
    /// Protected focus block per day, seconds.
    pub focus_block: i64,
}

impl Norms {
    /// Whether the charter allows a meeting of `minutes` (its `meeting_lengths`).
    pub fn allows_meeting_length(&self, minutes: i64) -> bool {
        self.meeting_lengths.contains(&minutes)
    }
}

impl Default for Norms {
    fn default() -> Self {
        Self {
            response_time: 4 * 3600,
            decision_deadline: 48 * 3600,
            blocker_resolution: 24 * 3600,
            brief_threshold: 2 * 3600,
            meeting_lengths: vec![25, 50],
            agenda_lead_time: 24 * 3600,
            focus_block: 3 * 3600,
        }
    }
}

/// The charter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Charter {
    /// Title.
    pub title: Option<Spanned<String>>,
    /// Owner.
    pub owner: Option<Spanned<String>>,
    /// Last review.
    pub reviewed: Option<Spanned<Time>>,
    /// The norms.
    pub norms: Norms,
}

/// One person of the roster.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Person {
    /// The item's keys and positions.
    pub fields: Fields,
    /// Id.
    pub id: Option<Spanned<String>>,
    /// Name.
    pub name: Option<String>,
    /// Role.
    pub role: Option<String>,
    /// IANA time zone.
    pub timezone: Option<String>,
    /// Team.
    pub team: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Chat or forge handle (`@ada` or `ada`).
    pub handle: Option<String>,
    /// Forge login (`github`), matched to pull-request authors and reviewers.
    pub github: Option<String>,
    /// Other handles (`handles`), matched to forge logins after `github`.
    pub handles: Vec<String>,
}

/// One line of an update (`Done:`, `Next:` or `Blocker:`).
#[derive(Debug, Clone, PartialEq)]
pub struct UpdateLine {
    /// The text after the colon.
    pub text: String,
    /// Range of the text (or of the label when the text is empty).
    pub range: Range<usize>,
}

/// A daily update.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Update {
    /// The day, from the folder name (or `date`).
    pub date: Option<Time>,
    /// The person, from the file name (or `person`).
    pub person: Option<Spanned<String>>,
    /// `Done:` line.
    pub done: Option<UpdateLine>,
    /// `Next:` line.
    pub next: Option<UpdateLine>,
    /// `Blocker:` line.
    pub blocker: Option<UpdateLine>,
    /// Decisions named in the blocker (`#42` or a file name), with their ranges.
    pub blocker_refs: Vec<Spanned<String>>,
}

impl Update {
    /// The blocker text unless it says `none` (SPEC §3).
    pub fn open_blocker(&self) -> Option<&UpdateLine> {
        self.blocker.as_ref().filter(|b| !is_none_text(&b.text))
    }
}

fn is_none_text(s: &str) -> bool {
    let t = s.trim().trim_end_matches('.').to_ascii_lowercase();
    matches!(t.as_str(), "" | "none" | "no" | "-" | "n/a" | "nothing")
}

/// One meeting of the inventory.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meeting {
    /// The item's keys and positions.
    pub fields: Fields,
    /// Name.
    pub name: Option<String>,
    /// Category as written.
    pub category: Option<String>,
    /// Cadence as written.
    pub cadence: Option<String>,
    /// Minutes.
    pub duration: Option<Spanned<i64>>,
    /// Attendees.
    pub attendees: Vec<Spanned<String>>,
    /// Agenda shared ahead.
    pub agenda: Option<bool>,
}

impl Meeting {
    /// The meeting's name in backticks for messages, or `unnamed` when it has none.
    pub fn label(&self, unnamed: &str) -> String {
        self.name
            .as_deref()
            .map_or_else(|| unnamed.to_string(), |n| format!("`{n}`"))
    }

    /// Whether written updates could replace the meeting: its category is `update`
    /// (SPEC §3 meetings.yaml). The rule `replaceable-meeting`, the metrics and the
    /// meetings page all ask this.
    pub fn is_replaceable(&self) -> bool {
        self.category.as_deref() == Some("update")
    }

    /// Whether the meeting lasts a length the charter does not allow (SPEC §3
    /// `meeting_lengths`). A duration that is not a positive number of minutes is no
    /// length at all (an `invalid-value` finding), so it is not off length either.
    /// The rule `meeting-length`, the metrics and the meetings page all ask this.
    pub fn is_off_length(&self, norms: &Norms) -> bool {
        self.duration
            .as_ref()
            .is_some_and(|d| d.value > 0 && !norms.allows_meeting_length(d.value))
    }
}

/// A free page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// Title from front matter or the first heading.
    pub title: Option<String>,
    /// An index page of a kind folder (`decisions/README.md`), not a document.
    pub index_of: Option<Kind>,
}

/// A kind's typed data. Variants differ in size; documents are few enough (one value
/// per file) that boxing would only add indirection.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Data {
    /// A decision.
    Decision(Decision),
    /// A brief.
    Brief(Brief),
    /// The charter.
    Charter(Charter),
    /// The roster.
    People(Vec<Person>),
    /// An update.
    Update(Update),
    /// The meeting inventory.
    Meetings(Vec<Meeting>),
    /// A free page.
    Page(Page),
}

/// One parsed file.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Path relative to the repository root, `/`-separated.
    pub path: String,
    /// Path relative to the handbook root.
    pub handbook_path: String,
    /// The kind.
    pub kind: Kind,
    /// The text, without a BOM.
    pub text: String,
    /// The front matter (Markdown kinds), if any.
    pub front: Option<Fields>,
    /// Whether the front matter (or YAML file) could not be read at all; rules that
    /// judge its contents skip broken documents so one error is reported once.
    pub broken: bool,
    /// Byte range of the Markdown body.
    pub body: Range<usize>,
    /// Headings, list items and links of the body.
    pub outline: Outline,
    /// Typed data.
    pub data: Data,
    /// Problems found while reading and parsing it, each with its [`crate::Problem`]
    /// code.
    pub problems: Vec<ParseProblem>,
}

impl Document {
    /// The file stem (`0042-use-postgresql`).
    pub fn stem(&self) -> &str {
        let name = self.path.rsplit('/').next().unwrap_or(&self.path);
        name.rsplit_once('.').map_or(name, |(s, _)| s)
    }

    /// The file name (`0042-use-postgresql.md`).
    pub fn file_name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }

    /// The decision data, if this is a decision.
    pub fn decision(&self) -> Option<&Decision> {
        match &self.data {
            Data::Decision(d) => Some(d),
            _ => None,
        }
    }

    /// A title for lists and messages: the title key, the first heading, or the stem.
    pub fn title(&self) -> String {
        let t = match &self.data {
            Data::Decision(d) => d.title.as_ref().map(|t| t.value.clone()),
            Data::Brief(b) => b.title.as_ref().map(|t| t.value.clone()),
            Data::Charter(c) => c.title.as_ref().map(|t| t.value.clone()),
            Data::Page(p) => p.title.clone(),
            _ => None,
        };
        t.or_else(|| self.outline.headings.first().map(|h| h.text.clone()))
            .unwrap_or_else(|| self.stem().to_string())
    }

    /// The sections and values of the document still as a template wrote them
    /// (decisions and briefs; other kinds have none).
    pub fn template_text(&self) -> &[TemplateText] {
        match &self.data {
            Data::Decision(d) => &d.template_text,
            Data::Brief(b) => &b.template_text,
            _ => &[],
        }
    }

    /// Whether the document is past its draft, so that text left as a template
    /// wrote it is a finding (`template-text`): a decision that is decided
    /// (`accepted`, `rejected`), a brief under way or done (`active`, `done`). A
    /// proposed decision and a draft brief are being written, and the template's
    /// text is expected in them; a superseded or deprecated decision and a
    /// cancelled brief are no longer acted on. Either way the template's text is
    /// never content ([`Decision::options`], [`Decision::outcome`]).
    pub fn is_past_draft(&self) -> bool {
        match &self.data {
            Data::Decision(d) => d.is_decided(),
            Data::Brief(b) => b
                .status
                .as_ref()
                .is_some_and(|s| matches!(s.value.as_str(), "active" | "done")),
            _ => false,
        }
    }

    /// The deadline of a `proposed` decision (SPEC §3): its `deadline`, or `date` + the
    /// charter's `decision_deadline` (then `implied`). `None` for other statuses and
    /// kinds, without a date, or when a `deadline` key is written but is not a date
    /// (an `invalid-value` finding, not a deadline to compute from). The rule
    /// `deadline-passed`, `docket status`, the metrics and the site all use this.
    pub fn proposed_deadline(&self, norms: &Norms) -> Option<Deadline> {
        let d = self.decision().filter(|d| d.is_proposed())?;
        match (&d.deadline, &d.date) {
            (Some(dl), _) => Some(Deadline {
                time: dl.value,
                range: dl.range.clone(),
                implied: false,
            }),
            (None, _) if d.deadline_unreadable => None,
            // A kind of the team's own has the deadlines it writes (its `deadline`
            // key), none implied: an improvement proposal in draft has no clock.
            (None, Some(date)) if d.kind == Kind::Decision => Some(Deadline {
                time: add_seconds(date.value, norms.decision_deadline),
                range: d.status.as_ref().map_or(0..0, |s| s.range.clone()),
                implied: true,
            }),
            (None, _) => None,
        }
    }
}

/// The format an existing decision record was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Legacy {
    /// adr-tools (Nygard): `# 1. Title`, `Date:`, `## Status`.
    AdrTools,
    /// MADR: front matter with `status`, `date`, `decision-makers`; or MADR 2's
    /// `* Status:` lines.
    Madr,
    /// log4brains: MADR 2 lines in a `YYYYMMDD-slug.md` file.
    Log4brains,
}

impl Legacy {
    /// The format's name as the command line spells it (`--from`).
    pub fn name(self) -> &'static str {
        match self {
            Legacy::AdrTools => "adr-tools",
            Legacy::Madr => "madr",
            Legacy::Log4brains => "log4brains",
        }
    }

    /// The format's name for messages.
    pub fn label(self) -> &'static str {
        match self {
            Legacy::AdrTools => "adr-tools",
            Legacy::Madr => "MADR",
            Legacy::Log4brains => "log4brains",
        }
    }
}

impl std::fmt::Display for Legacy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// Where a record states its status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusSource {
    /// The front-matter `status` key.
    FrontMatter,
    /// The first paragraph of the `Status` section at the level directly below the
    /// title (a deeper `### Status` heading is body text, never the status).
    Section {
        /// The heading as written, with its level in `#`s (`## Status`).
        heading: String,
    },
    /// A `Status: x` (or `**Status:** x`, `- Status: x`) line under the title.
    Line,
}

impl StatusSource {
    /// How messages name the place: `the front matter`, `` the `## Status` section``,
    /// `` the `Status:` line``.
    pub fn describe(&self) -> String {
        match self {
            StatusSource::FrontMatter => "the front matter".to_string(),
            StatusSource::Section { heading } => format!("the `{heading}` section"),
            StatusSource::Line => "the `Status:` line".to_string(),
        }
    }
}

/// One place where a record states its status.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusStatement {
    /// The status as written (`Accepted`, `Superseded by [3. X](0003-x.md)`), with
    /// its range.
    pub written: Spanned<String>,
    /// The status after normalisation: one of docket's statuses when one matches,
    /// otherwise the written words in lowercase (`on hold`).
    pub status: String,
    /// Whether [`StatusStatement::status`] is one of docket's statuses.
    pub known: bool,
    /// Where it is written.
    pub source: StatusSource,
}

/// The number that starts a file stem (`0042-x` → 42), after an optional `ADR-`
/// prefix in any case (`ADR-0042-x`, `adr-42-x`: a common house style).
pub fn number_prefix(stem: &str) -> Option<u32> {
    let (_, stem) = split_adr_prefix(stem);
    let digits: &str = &stem[..stem
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(stem.len())];
    if digits.is_empty() || digits.len() > 9 {
        return None;
    }
    let rest = &stem[digits.len()..];
    if !(rest.is_empty() || rest.starts_with(['-', '_', '.', ' '])) {
        return None;
    }
    digits.parse().ok()
}

/// A stem's `ADR-` (or `adr-`) prefix and the rest: (`"ADR-"`, `"0042-x"`), or
/// (`""`, the stem) without one.
pub fn split_adr_prefix(stem: &str) -> (&str, &str) {
    match stem.get(..4) {
        Some(p)
            if p.eq_ignore_ascii_case("adr-")
                && stem[4..].starts_with(|c: char| c.is_ascii_digit()) =>
        {
            stem.split_at(4)
        }
        _ => ("", stem),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_start_a_stem_with_or_without_adr() {
        assert_eq!(number_prefix("0042-use-postgresql"), Some(42));
        assert_eq!(number_prefix("ADR-0042-use-postgresql"), Some(42));
        assert_eq!(number_prefix("adr-7-x"), Some(7));
        assert_eq!(number_prefix("adr-tools"), None);
        assert_eq!(number_prefix("20240102-x"), Some(20_240_102));
        assert_eq!(number_prefix("42x"), None);
        assert_eq!(split_adr_prefix("ADR-1-x"), ("ADR-", "1-x"));
    }
}
