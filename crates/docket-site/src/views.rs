//! The template context: a versioned contract, because users' templates depend on it.
//!
//! Every page is rendered with these top-level variables:
//!
//! | name | type | what |
//! |---|---|---|
//! | `site` | [`SiteView`] | title, `base_url`, `repo_url` |
//! | `root` | string | relative prefix from this page to the site root (`""`, `"../"`); prefix every site URL with it |
//! | `page` | [`PageMeta`] | this page's title, URL (site-relative) and section |
//! | `nav` | list of [`NavEntry`] | the main sections, then the tree of free pages |
//!
//! and, per template: `index.html` gets `charter` ([`DocView`] or none), `intro`
//! (a [`DocView`] of the handbook's own `README.md`/`index.md`, or none),
//! `open_decisions` and `recent_decisions` (lists of [`DecisionRow`]);
//! `decisions.html` gets `decisions` (all [`DecisionRow`]s), `statuses`, `owners`,
//! `tags` (for the filters) and `pending` ([`PendingView`]s: decisions proposed on
//! branches not yet merged); `decision.html` gets `decision` ([`DecisionView`]);
//! `page.html` (charter and free pages) gets `doc` ([`DocView`]); `briefs.html` gets
//! `briefs` and `brief.html` gets `brief` ([`BriefView`]); `people.html` gets
//! `people` and `person.html` gets `person` ([`PersonView`]); `updates.html` gets
//! `days` and `update_day.html` gets `day` ([`DayView`]); `meetings.html` gets
//! `meetings` ([`MeetingView`]) and `meeting_hours` (team total per week);
//! `metrics.html` gets `metrics` (the `docket metrics --format json` document),
//! `reference` (the date the figures are computed at) and `charts` (each with `id`,
//! `title`, `x_label`, `y_label`, `names` of its series, `rows` of values for the
//! text alternative, and `svg`, the chart as safe inline SVG); `404.html` gets
//! nothing more.
//!
//! URLs in views are relative to the site root. Dates are ISO 8601 strings (`date`
//! fields `2026-11-24`, `*_time` fields `2026-11-24T16:00:00Z`). Fields named `html`
//! hold sanitized HTML marked safe; every other string is escaped by the template.

use minijinja::Value;
use serde::Serialize;

/// `site`.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    /// Site title (`[site] title`, default "Handbook").
    pub title: String,
    /// Absolute base URL, if configured.
    pub base_url: Option<String>,
    /// Repository URL, if configured.
    pub repo_url: Option<String>,
}

/// `page`.
#[derive(Debug, Clone, Serialize)]
pub struct PageMeta {
    /// Title of the page.
    pub title: String,
    /// Site-relative URL.
    pub url: String,
    /// Section: `home`, `charter`, `decisions`, `briefs`, `people`, `updates`,
    /// `meetings`, `pages` or `404`.
    pub section: &'static str,
}

/// One entry of the navigation.
#[derive(Debug, Clone, Serialize)]
pub struct NavEntry {
    /// Label.
    pub title: String,
    /// Site-relative URL (empty for a folder without a page).
    pub url: String,
    /// Section this entry belongs to.
    pub section: String,
    /// Nested pages.
    pub children: Vec<NavEntry>,
}

/// A link to another document.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LinkRef {
    /// Id or key (`42`, `alice`).
    pub id: String,
    /// Title or name.
    pub title: String,
    /// Site-relative URL (empty when the target does not exist).
    pub url: String,
    /// Status, for decisions.
    pub status: Option<String>,
}

/// A rendered document: charter, free page, brief or decision body.
#[derive(Debug, Clone, Serialize)]
pub struct DocView {
    /// Title.
    pub title: String,
    /// Source path, repository-relative.
    pub path: String,
    /// Site-relative URL.
    pub url: String,
    /// The body as sanitized HTML (safe).
    pub html: Value,
    /// Headings of the body, for a table of contents.
    pub toc: Vec<TocEntry>,
    /// Owner, if any.
    pub owner: Option<LinkRef>,
    /// Description, if any.
    pub description: Option<String>,
    /// Edit link on the forge, when `repo_url` is set.
    pub edit_url: Option<String>,
    /// The last commit that changed the file (none outside git or when uncommitted).
    pub updated: Option<Touch>,
    /// The commit that added the file (none outside git; none in a shallow clone).
    pub created: Option<Touch>,
}

/// When and by whom a file was changed.
#[derive(Debug, Clone, Serialize)]
pub struct Touch {
    /// `YYYY-MM-DD` (UTC).
    pub date: String,
    /// Full UTC time.
    pub time: String,
    /// Author name.
    pub author: String,
}

/// A heading in a table of contents.
#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    /// 1 to 6.
    pub level: u8,
    /// Text.
    pub text: String,
    /// Anchor id.
    pub id: String,
}

/// A decision as a row of the index.
#[derive(Debug, Clone, Serialize)]
pub struct DecisionRow {
    /// Id as text (`42` or a stem).
    pub id: String,
    /// Number, for sorting.
    pub number: Option<u32>,
    /// Title.
    pub title: String,
    /// Status as written.
    pub status: String,
    /// Owner.
    pub owner: Option<LinkRef>,
    /// Opened (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// Effective deadline of a proposed decision (explicit, or date + charter).
    pub deadline: Option<String>,
    /// Deadline as a full time, for the browser's relative wording.
    pub deadline_time: Option<String>,
    /// Decided (`YYYY-MM-DD`).
    pub decided: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Site-relative URL.
    pub url: String,
    /// Repository-relative source path.
    pub path: String,
}

/// One option of a decision.
#[derive(Debug, Clone, Serialize)]
pub struct OptionView {
    /// Name.
    pub name: String,
    /// Pros.
    pub pros: Vec<String>,
    /// Cons.
    pub cons: Vec<String>,
}

/// A decision page.
#[derive(Debug, Clone, Serialize)]
pub struct DecisionView {
    /// The index row (id, title, status, owner, dates, tags).
    #[serde(flatten)]
    pub row: DecisionRow,
    /// The rendered body.
    pub doc: DocView,
    /// Options from front matter (the body's own `## Options` section is in `doc`).
    pub options: Vec<OptionView>,
    /// Outcome from front matter, if written there.
    pub outcome: Option<String>,
    /// Decisions this one replaces.
    pub supersedes: Vec<LinkRef>,
    /// The decision that replaces this one.
    pub superseded_by: Option<LinkRef>,
    /// Older decisions, following `supersedes` back (nearest first).
    pub chain_back: Vec<LinkRef>,
    /// Newer decisions, following `superseded_by` forward (nearest first).
    pub chain_forward: Vec<LinkRef>,
    /// Consulted people or teams.
    pub consulted: Vec<LinkRef>,
    /// Informed people or teams.
    pub informed: Vec<LinkRef>,
    /// History from git: filled by the git integration; empty outside git.
    pub history: Vec<HistoryEntry>,
}

/// One commit in a document's history.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryEntry {
    /// Commit id.
    pub commit: String,
    /// Author time, UTC.
    pub time: String,
    /// Author name.
    pub author: String,
    /// Commit summary.
    pub summary: String,
    /// Status at this commit (decisions).
    pub status: Option<String>,
    /// Whether the status differs from the previous (older) commit's.
    pub status_changed: bool,
    /// Link to the commit on the forge, when `repo_url` is set.
    pub commit_url: Option<String>,
}

/// A brief.
#[derive(Debug, Clone, Serialize)]
pub struct BriefView {
    /// Title.
    pub title: String,
    /// Status.
    pub status: String,
    /// Owner.
    pub owner: Option<LinkRef>,
    /// Deadline (`YYYY-MM-DD`).
    pub deadline: Option<String>,
    /// Estimate in hours.
    pub estimate: Option<f64>,
    /// Site-relative URL.
    pub url: String,
    /// The rendered body.
    pub doc: DocView,
}

/// A person.
#[derive(Debug, Clone, Serialize)]
pub struct PersonView {
    /// Roster id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Role.
    pub role: Option<String>,
    /// Team.
    pub team: Option<String>,
    /// IANA time zone.
    pub timezone: Option<String>,
    /// Site-relative URL.
    pub url: String,
    /// Decisions they own.
    pub decisions: Vec<LinkRef>,
    /// Briefs they own.
    pub briefs: Vec<LinkRef>,
    /// Their open blockers (latest update).
    pub blockers: Vec<String>,
}

/// The updates of one day.
#[derive(Debug, Clone, Serialize)]
pub struct DayView {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Site-relative URL of the day's page.
    pub url: String,
    /// The updates, by person.
    pub updates: Vec<UpdateView>,
}

/// One person's update.
#[derive(Debug, Clone, Serialize)]
pub struct UpdateView {
    /// Author.
    pub person: LinkRef,
    /// `Done:`.
    pub done: Option<String>,
    /// `Next:`.
    pub next: Option<String>,
    /// `Blocker:` as written.
    pub blocker: Option<String>,
    /// Whether the blocker is a real one (not `none`).
    pub blocked: bool,
    /// Decisions the blocker waits on.
    pub waits_on: Vec<LinkRef>,
    /// Site-relative URL of the update's own page.
    pub url: String,
}

/// One meeting.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingView {
    /// Name.
    pub name: String,
    /// Category.
    pub category: String,
    /// Cadence.
    pub cadence: String,
    /// Minutes.
    pub duration: Option<i64>,
    /// Attendees.
    pub attendees: Vec<LinkRef>,
    /// Agenda shared ahead.
    pub agenda: Option<bool>,
    /// Person-hours per week (duration × occurrences × attendees).
    pub hours_per_week: f64,
    /// Category `update`: replaceable by written updates.
    pub replaceable: bool,
    /// Duration not among the charter's meeting lengths.
    pub off_length: bool,
}

/// A decision proposed on another branch, not yet merged.
#[derive(Debug, Clone, Serialize)]
pub struct PendingView {
    /// The branch.
    pub branch: String,
    /// The file name on that branch.
    pub file: String,
    /// Title.
    pub title: String,
    /// Status as written.
    pub status: String,
    /// Owner.
    pub owner: Option<LinkRef>,
}
