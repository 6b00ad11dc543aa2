//! The template context: a versioned contract, because users' templates depend on it.
//!
//! Every page is rendered with these top-level variables:
//!
//! | name | type | what |
//! |---|---|---|
//! | `site` | [`SiteView`] | title, `base_url`, `repo_url`, and `csp` and `referrer`: the page's Content-Security-Policy and referrer policy, for `<meta>` tags in `<head>` ([`CONTENT_SECURITY_POLICY`]) |
//! | `root` | string | relative prefix from this page to the site root (`""`, `"../"`); prefix every site URL with it. On `404.html`, which a host shows at any missing address, it is the base URL when there is one (`https://example.com/handbook/`) |
//! | `page` | [`PageMeta`] | this page's title, URL (site-relative) and section |
//! | `nav` | list of [`NavEntry`] | the main sections, then the tree of free pages |
//!
//! and, per template: `index.html` gets `charter` ([`DocView`] or none), `intro`
//! (a [`DocView`] of the handbook's own `README.md`/`index.md`, or none),
//! `open_decisions` and `recent_decisions` (lists of [`DecisionRow`]: decisions of
//! the built-in kind whose status is in the open category, and the ten last decided);
//! `decisions.html` renders the index of every record kind (the decisions', and each
//! kind of the team's own: `[kinds.X]` in docket.toml) and gets `kind` ([`KindView`]:
//! its name, title, index URL, folders, statuses by category and facets),
//! `decisions` (the kind's [`DecisionRow`]s), `statuses` (the kind's statuses, then
//! any other a record states), `other_statuses` (those others), `owners`, `tags` (for
//! the filters) and `pending` ([`PendingView`]s: decisions proposed on branches not
//! yet merged; empty for other kinds); `decision.html` renders every record's page
//! and gets `decision` ([`DecisionView`]) and `kind` ([`KindView`]);
//! `page.html` (charter and free pages) gets `doc` ([`DocView`]); `briefs.html` gets
//! `briefs` and `brief.html` gets `brief` ([`BriefView`]); `people.html` gets
//! `people` and `person.html` gets `person` ([`PersonView`]), and both get
//! `availability` ([`AvailabilityView`], the shared-availability strip, or none
//! without a roster); `updates.html` gets `days` ([`DayView`]s, newest first),
//! `latest` (each person's latest [`UpdateView`], open blockers first), `open_blockers`
//! ([`BlockerView`]s, oldest first) and `reference`; `update_day.html` gets `day`
//! ([`DayView`]) and `reference` (it also renders each update's own page, with one
//! update); `meetings.html` gets `meetings` ([`MeetingView`]), `meeting_hours` (team
//! total per week) and `load` ([`MeetingLoadView`]: each person's meetings against the
//! charter's focus block); `metrics.html` gets `metrics` (the `docket metrics --format json` document),
//! `reference` (the date the figures are computed at) and `charts` (each with `id`,
//! `title`, `x_label`, `y_label`, `names` of its series, `rows` of values for the
//! text alternative, and `svg`, the chart as safe inline SVG); `404.html` gets
//! nothing more.
//!
//! URLs in views are relative to the site root. Dates are ISO 8601 strings (`date`
//! fields `2026-11-24`, `*_time` fields `2026-11-24T16:00:00Z`). Fields named `html`
//! hold sanitized HTML marked safe; every other string is escaped by the template.
//!
//! Nothing in a view depends on the build's clock. Blocker ages (`age_hours`,
//! `blocker_age_hours`) are measured to `reference`, the newest update date; the
//! availability strip is drawn for the newest date in the handbook (of an update, a
//! decision's `date`/`decided` or the charter's `reviewed`), with each person's `hours` (default `09:00-17:00`)
//! converted from their IANA time zone as on that date. Numbers for drawing
//! (`left`, `width`, `center`, `meeting_pct`, `budget_pct`) are percentages, computed
//! here, so that templates only display them (as SVG geometry: the pages' security
//! policy forbids `style` attributes); `docket.js` adds what depends on the reader's
//! clock (relative wording, the current time on the strip, local times).

use docket_model::time::{Time, format_date, format_time};
use minijinja::Value;
use serde::Serialize;

/// A time as views write it: a date (`2026-11-24`) when it is midnight UTC, else the
/// full UTC time (`2026-11-24T16:00:00Z`).
pub(crate) fn fmt_date(t: Time) -> String {
    let full = format_time(t);
    if full.ends_with("T00:00:00Z") {
        format_date(t)
    } else {
        full
    }
}

/// A figure as views carry it: rounded to two decimals.
pub(crate) fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The Content-Security-Policy of every page, as `base.html` sets it in a
/// `<meta http-equiv>` tag (which works from `file://` and on any host): nothing
/// loads but the site's own scripts, style sheets, images and fonts, no inline
/// script, style attribute or event handler runs, and forms only submit to the site
/// (the search box). `connect-src 'self'` is for `docket serve`'s reload script,
/// which asks the preview whether the site was rebuilt. This is the one place the
/// policy is written: the pages get it as `site.csp`, and `_headers`
/// ([`headers_file`]) repeats it with what only a header can say.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
    style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; \
    base-uri 'none'; form-action 'self'";

/// The referrer policy of every page (`site.referrer`, and `Referrer-Policy` in
/// `_headers`): a link to another site does not tell it which page of the handbook it
/// came from.
pub const REFERRER_POLICY: &str = "no-referrer";

/// The name of the file of HTTP headers for hosts that read one (Netlify, Cloudflare
/// Pages), at the site's root.
pub const HEADERS_FILE: &str = "_headers";

/// `_headers`: the same policy as the pages' `<meta>` tag as a real header for every
/// address, plus what a `<meta>` tag cannot say (`frame-ancestors`; a page in
/// another site's frame could be dressed up to fool a reader) and the usual
/// hardening headers.
pub fn headers_file() -> String {
    format!(
        "# HTTP headers for every page, for hosts that read this file (Netlify, Cloudflare\n\
         # Pages). Written by docket build; the pages carry the same policy in a <meta> tag.\n\
         /*\n  \
         Content-Security-Policy: {CONTENT_SECURITY_POLICY}; frame-ancestors 'none'\n  \
         X-Content-Type-Options: nosniff\n  \
         X-Frame-Options: DENY\n  \
         Referrer-Policy: {REFERRER_POLICY}\n"
    )
}

/// `site`.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    /// Site title (`[site] title`, default "Handbook").
    pub title: String,
    /// Absolute base URL, if configured.
    pub base_url: Option<String>,
    /// Repository URL, if configured.
    pub repo_url: Option<String>,
    /// The Content-Security-Policy for the page's `<meta>` tag
    /// ([`CONTENT_SECURITY_POLICY`]).
    pub csp: &'static str,
    /// The referrer policy for the page's `<meta name="referrer">` tag
    /// ([`REFERRER_POLICY`]).
    pub referrer: &'static str,
}

/// `page`.
#[derive(Debug, Clone, Serialize)]
pub struct PageMeta {
    /// Title of the page.
    pub title: String,
    /// Site-relative URL.
    pub url: String,
    /// Section: `home`, `charter`, `decisions`, `briefs`, `people`, `updates`,
    /// `meetings`, `pages` or `404`; for the index and records of a kind of the
    /// team's own, the kind's name (`proposal`).
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
    /// The status's category (`open`, `decided`, …), for decisions whose status
    /// is one of their kind's; left out otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<&'static str>,
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
    /// The front matter's `description`, if any: the page's lede. Never the body's
    /// first paragraph, which the body shows already.
    pub description: Option<String>,
    /// The body's first paragraph as plain text (empty when there is none): a
    /// summary for places that do not show the body (the home page's charter card).
    pub summary: String,
    /// Edit link on the forge, when `repo_url` is set.
    pub edit_url: Option<String>,
    /// The last commit that changed the file (none outside git or when uncommitted).
    pub updated: Option<Touch>,
    /// The commit that added the file (none outside git; none in a shallow clone or
    /// when the file's older history could not be read).
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

/// A record (a decision, or a record of a kind of the team's own) as a row of its
/// kind's index.
#[derive(Debug, Clone, Serialize)]
pub struct DecisionRow {
    /// Id as text (`42` or a stem); where the kind has several folders, qualified
    /// by the folder's label as references write it (`billing/3`).
    pub id: String,
    /// Number, for sorting.
    pub number: Option<u32>,
    /// The record's kind (`decision`, or the name of a kind of the team's own).
    pub kind: String,
    /// The label of the record's folder when its kind has several (`billing`).
    pub folder: Option<String>,
    /// Title.
    pub title: String,
    /// Status as written (in the kind's spelling when it is one of its statuses),
    /// or `unknown`.
    pub status: String,
    /// The status's category (`open`, `decided`, `closed`, `superseded`), when the
    /// status is one of the kind's: badges are coloured and filters grouped by it.
    pub category: Option<&'static str>,
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
    /// The values of the kind's facets (`[kinds.X] facets`) this record's front
    /// matter gives, by key (a list's items each; none when the key is missing).
    pub facets: std::collections::BTreeMap<String, Vec<String>>,
    /// Site-relative URL.
    pub url: String,
    /// Repository-relative source path.
    pub path: String,
}

/// A record kind as its index and its records' pages show it (`kind` in
/// `decisions.html` and `decision.html`).
#[derive(Debug, Clone, Serialize)]
pub struct KindView {
    /// The kind's name (`decision`, `proposal`).
    pub name: String,
    /// Its title in the navigation and on its index (`Decisions`, `Improvement
    /// proposals`: `[kinds.X] title`).
    pub title: String,
    /// How a page names one of its records (`decision`; `record` for a kind of the
    /// team's own) and several (`decisions`, `records`).
    pub noun: String,
    /// The plural of `noun`.
    pub nouns: String,
    /// Site-relative URL of its index.
    pub url: String,
    /// The labels of its folders when it has several (`billing`, `search`), sorted;
    /// empty otherwise. The index then offers them as a filter.
    pub folders: Vec<String>,
    /// Its statuses by category, in docket.toml's order (`Draft`, `Review` under
    /// `open`): the status filter's groups.
    pub categories: Vec<CategoryView>,
    /// The filters `[kinds.X] facets` asks for, with the values the records give.
    pub facets: Vec<FacetView>,
}

/// One status category of a kind.
#[derive(Debug, Clone, Serialize)]
pub struct CategoryView {
    /// `open`, `decided`, `closed` or `superseded`.
    pub name: &'static str,
    /// `Open`, `Decided`, `Closed`, `Superseded`.
    pub label: String,
    /// The kind's statuses of this category.
    pub statuses: Vec<String>,
}

/// A filter of a kind's index on a front-matter key (`facets = ["type"]`).
#[derive(Debug, Clone, Serialize)]
pub struct FacetView {
    /// The key (`type`).
    pub key: String,
    /// Its label (`Type`).
    pub label: String,
    /// Its name in the index's address (`?type=Core`): the key, or `facet-<key>`
    /// where the key is the name of one of the built-in filters.
    pub param: String,
    /// The values the records give, sorted.
    pub values: Vec<String>,
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
    /// The decision that replaces this one (the first, when several do).
    pub superseded_by: Option<LinkRef>,
    /// Every decision that replaces this one (`superseded_by` may name several).
    pub superseded_by_all: Vec<LinkRef>,
    /// Older decisions, following `supersedes` back (nearest first).
    pub chain_back: Vec<LinkRef>,
    /// Newer decisions, following `superseded_by` forward (nearest first).
    pub chain_forward: Vec<LinkRef>,
    /// The records of the same kind most alike by text (at most five, most alike
    /// first; none from the supersession chain).
    pub related: Vec<LinkRef>,
    /// The people who decide (`decision-makers`, `deciders`, a `Deciders:` line),
    /// linked to their pages like the owner.
    pub deciders: Vec<LinkRef>,
    /// Consulted people or teams.
    pub consulted: Vec<LinkRef>,
    /// Informed people or teams.
    pub informed: Vec<LinkRef>,
    /// History from git: filled by the git integration; empty outside git.
    pub history: Vec<HistoryEntry>,
    /// The merged pull request in which the record became decided, and who
    /// approved it besides the owner; `None` without a pull-request export or when
    /// no pull request of it holds the deciding commit.
    pub decided_in: Option<DecidedInView>,
}

/// The pull request that decided a record (`docket_model::forge::decided_in`).
#[derive(Debug, Clone, Serialize)]
pub struct DecidedInView {
    /// The status it became (`accepted`), in the kind's spelling.
    pub status: String,
    /// `#123`.
    pub label: String,
    /// The pull request's page on the forge, when the export gives an `http(s)`
    /// address.
    pub url: Option<String>,
    /// The pull request's title.
    pub title: Option<String>,
    /// The approvers besides the owner, in time order: roster people linked to
    /// their pages by name, other logins as written (`url` empty).
    pub approvals: Vec<LinkRef>,
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
    /// The category of `status`, when it is one of the record kind's statuses.
    pub category: Option<&'static str>,
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
    /// Decisions they own, at most `[site] page_size` of them: the open ones
    /// first, then the newest (the person's page links the rest, in the decision
    /// index filtered by owner).
    pub decisions: Vec<LinkRef>,
    /// How many decisions they own in all.
    pub decisions_total: usize,
    /// Briefs they own, at most `[site] page_size` of them.
    pub briefs: Vec<LinkRef>,
    /// How many briefs they own in all.
    pub briefs_total: usize,
    /// The texts of their open blockers (kept for older templates; the same as
    /// `open_blockers[].text`).
    pub blockers: Vec<String>,
    /// Their open blockers, with age and the decisions they wait on.
    pub open_blockers: Vec<BlockerView>,
    /// Their working hours, as written or the default (`09:00–17:00`).
    pub hours: String,
    /// Whether `hours` is docket's default rather than written in the roster.
    pub hours_default: bool,
    /// Their offset from UTC on the reference date (`UTC+01:00`), when the time zone
    /// is known.
    pub utc_offset: Option<String>,
    /// Their working hours in UTC on the reference date (`08:00–16:00 UTC`), when the
    /// time zone is known.
    pub hours_utc: Option<String>,
    /// Where their working hours overlap each other person's, on the reference date.
    pub overlaps: Vec<OverlapView>,
}

/// One open blocker: a run of one person's updates with the same `Blocker:` text
/// (SPEC §3), open at the reference date.
#[derive(Debug, Clone, Serialize)]
pub struct BlockerView {
    /// Whose.
    pub person: LinkRef,
    /// The text, as written in the latest update that states it.
    pub text: String,
    /// The date of its first update (`YYYY-MM-DD`, or a full time).
    pub since: String,
    /// The same as a full UTC time, for `<time datetime>` and relative wording.
    pub since_time: String,
    /// Whole hours from its first update to the reference date.
    pub age_hours: i64,
    /// The age in words (`2 days`, `5 hours`, `new`).
    pub age: String,
    /// Whether it is older than the charter's `blocker_resolution`.
    pub stale: bool,
    /// Decisions it waits on (named in the latest update's blocker).
    pub waits_on: Vec<LinkRef>,
    /// Site-relative URL of the latest update that states it.
    pub url: String,
}

/// Where two people's working hours overlap.
#[derive(Debug, Clone, Serialize)]
pub struct OverlapView {
    /// The other person.
    pub person: LinkRef,
    /// Hours of overlap a day (0 when none).
    pub hours: f64,
    /// The overlap in UTC (`14:00–16:00 UTC`), empty when none.
    pub utc: String,
}

/// The shared-availability strip: each person's working day as a 24-hour row in
/// UTC, on the reference date. Positions are percentages of the day (`left`,
/// `width`, `center`), ready for the geometry of SVG shapes (`x="37.5%"`; the site's
/// security policy forbids `style` attributes); the template only displays them.
#[derive(Debug, Clone, Serialize)]
pub struct AvailabilityView {
    /// The reference date (`YYYY-MM-DD`): the newest date in the handbook.
    pub date: String,
    /// One row per person, in roster order.
    pub rows: Vec<StripRow>,
    /// Where everyone with a known time zone works at once.
    pub everyone: Vec<StripBlock>,
    /// `everyone` as text (`14:00–16:00 UTC`), empty when there is no such hour.
    pub everyone_text: String,
    /// With no hour for everyone: how many people at most work at once.
    pub most_count: usize,
    /// Where `most_count` people work at once.
    pub most: Vec<StripBlock>,
    /// `most` as text.
    pub most_text: String,
    /// People with a known time zone (those the overlap counts).
    pub known: usize,
    /// Hour marks every 3 hours, `00` to `24`.
    pub ticks: Vec<StripTick>,
    /// A one-sentence summary, for the strip's accessible name.
    pub summary: String,
}

/// One person's row of the strip.
#[derive(Debug, Clone, Serialize)]
pub struct StripRow {
    /// The person.
    pub person: LinkRef,
    /// IANA time zone, when known.
    pub timezone: Option<String>,
    /// Offset from UTC on the reference date (`UTC−05:00`).
    pub utc_offset: Option<String>,
    /// Local working hours (`09:00–17:00`).
    pub local: String,
    /// Whether `local` is the default rather than written.
    pub default_hours: bool,
    /// Working hours in UTC (`14:00–22:00 UTC`), empty when the time zone is unknown.
    pub utc: String,
    /// The blocks to draw (one, or two when the day crosses midnight UTC).
    pub blocks: Vec<StripBlock>,
}

/// A block of the strip.
#[derive(Debug, Clone, Serialize)]
pub struct StripBlock {
    /// Start, percent of the day.
    pub left: f64,
    /// Width, percent of the day.
    pub width: f64,
    /// The middle, percent of the day (where the label goes).
    pub center: f64,
    /// `08:00–16:00`.
    pub label: String,
    /// Whether the block is wide enough (a quarter of the day) to show its label.
    pub labelled: bool,
}

/// An hour mark of the strip.
#[derive(Debug, Clone, Serialize)]
pub struct StripTick {
    /// Position, percent of the day.
    pub left: f64,
    /// `00`, `03`, …
    pub label: String,
    /// Whether it is a major mark (every 6 hours; the others hide on small screens).
    pub major: bool,
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
    /// The update's date (`YYYY-MM-DD`).
    pub date: String,
    /// Whether the blocker is still open at the reference date (no later update of
    /// the person resolves it).
    pub blocker_open: bool,
    /// The date of the blocker's first update (`YYYY-MM-DD`, or a full time).
    pub blocker_since: Option<String>,
    /// The same as a full UTC time, for `<time datetime>` and relative wording.
    pub blocker_since_time: Option<String>,
    /// Whole hours the blocker has been open: to the reference date while open, else
    /// to the update that resolved it.
    pub blocker_age_hours: Option<i64>,
    /// `blocker_age_hours` in words (`2 days`, `5 hours`, `new`).
    pub blocker_age: Option<String>,
    /// The date of the update that resolved it (`YYYY-MM-DD`), when one did.
    pub blocker_resolved: Option<String>,
    /// Whether its age is over the charter's `blocker_resolution`.
    pub blocker_stale: bool,
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

/// The team's meeting load against its protected focus block (`meetings.html`'s
/// `load`). Assumes a working day of `day_hours` (8) over five days a week.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingLoadView {
    /// The working day assumed, hours (8).
    pub day_hours: f64,
    /// The charter's `focus_block`, hours.
    pub focus_block_hours: f64,
    /// Meeting hours a day that still leave the focus block free
    /// (`day_hours` − `focus_block_hours`).
    pub budget_hours_per_day: f64,
    /// `budget_hours_per_day` as a percentage of the day, for the bars' mark.
    pub budget_pct: f64,
    /// Every roster person, in roster order.
    pub people: Vec<PersonLoadView>,
    /// How many people's meetings leave less than the focus block free.
    pub short: usize,
    /// Meeting hours a week per attending person, averaged (the figure of
    /// `docket metrics`, `meetings.hours_per_person_per_week`); none when nobody
    /// attends a meeting.
    pub average_hours_per_week: Option<f64>,
    /// The same a day (÷ 5).
    pub average_hours_per_day: Option<f64>,
}

/// One person's meetings against the focus block.
#[derive(Debug, Clone, Serialize)]
pub struct PersonLoadView {
    /// The person.
    pub person: LinkRef,
    /// Meetings a week.
    pub meetings_per_week: f64,
    /// Meeting hours a week.
    pub hours_per_week: f64,
    /// Meeting hours a day (÷ 5).
    pub hours_per_day: f64,
    /// Hours a day left without meetings (`day_hours` − `hours_per_day`, at least 0).
    pub free_hours_per_day: f64,
    /// Whether `free_hours_per_day` is less than the focus block.
    pub short: bool,
    /// `hours_per_day` as a percentage of the day (at most 100), for a bar.
    pub meeting_pct: f64,
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
    /// The category of `status`, when it is one of the decision kind's statuses.
    pub category: Option<&'static str>,
    /// Owner.
    pub owner: Option<LinkRef>,
}

/// One of the charter's norms (SPEC §3), in words.
#[derive(Debug, Clone, Serialize)]
pub struct NormView {
    /// What it governs ("Replies within").
    pub label: String,
    /// Its value in words ("4 hours", "25 or 50 minutes").
    pub value: String,
    /// The charter's front-matter key (`response_time`); empty for a link.
    pub key: String,
    /// Whether the charter leaves it to docket's default.
    pub default: bool,
    /// A link instead of a value (the charter's `Escalation` section).
    pub url: Option<String>,
}
