//! docket's document model: the kinds of SPEC §3 as data, `docket.toml` (SPEC §8),
//! and the [`Repository`] of parsed documents that the checks and the site read.
//!
//! Plain data and pure functions: this crate reads no files, asks no clock and
//! prints nothing. The driver hands it file texts; it hands back documents whose
//! problems are [`ParseProblem`]s with byte ranges and a [`Problem`] code (the rule
//! ids are `docket-check`'s).
//!
//! # Module map
//!
//! From the bottom up; a module imports only modules above it in this list (no two
//! modules import each other, and the order has no cycle):
//!
//! - `kind`, [`time`], `links`, `problem`, `template`: the leaves. The kinds and
//!   their schemas as [`FieldSpec`] tables, with a status in docket's spelling
//!   ([`canonical_status`]) and the test of a template's placeholder
//!   ([`is_placeholder`]); dates, durations and working hours; relative links;
//!   [`Problem`] codes and [`ParseProblem`]; the templates of `docket new`, built
//!   in and the team's own, read into their sections ([`Templates`]). Then
//!   `record_kind` (what `[kinds.NAME]` says: folders, [`Role`]s, statuses by
//!   [`StatusCategory`], references, and the schema that follows), `history`
//!   (the git history as data), [`suggest`] ("did you mean": synonyms, edit
//!   distance, time zone names), `config` (`docket.toml`) and [`schema`] (the JSON
//!   Schema of a kind).
//! - `document`: the types of a parsed file ([`Document`], [`Fields`], [`Decision`],
//!   [`DecisionOption`], [`Meeting`], [`Norms`], …, and [`Legacy`] /
//!   [`StatusStatement`], the result of reading an existing format) with their small
//!   methods: the predicates every rule, figure and page asks
//!   ([`Meeting::is_replaceable`], [`Meeting::is_off_length`],
//!   [`Norms::allows_meeting_length`], [`Decision::is_proposed`],
//!   [`Decision::is_decided`], [`Brief::is_open`], [`Update::open_blocker`],
//!   [`Document::proposed_deadline`], [`Fields::has`]). No parsing here.
//! - `value`: typed values out of [`Fields`] (text, time, number, lists with ranges).
//! - `write`: what docket writes into a handbook: [`slug`], [`yaml_scalar`],
//!   [`yaml_date`], [`yaml_flow`], and the front matter of a new record of a kind
//!   of one's own ([`new_record_keys`], [`new_front_matter`]).
//! - [`legacy`]: existing records (adr-tools, MADR, log4brains; SPEC §9), itself in
//!   layers `status` → `refs` → `lines` → `scan` → `read`; it fills the document
//!   types and is never imported by them.
//! - `read`: typed reading of each kind from its [`Fields`] (`validate`, `template`,
//!   `decision`, `update`, `kinds`); decisions in an existing format go through
//!   [`legacy`]. Text left as a template wrote it ([`TemplateText`]) is found here
//!   and is never an option, an outcome or a section's content.
//! - `parse`: the front-matter split and YAML into [`Fields`] with ranges, the
//!   outline, then `read`: [`parse_document`]; and [`front_matter_status`], the fast
//!   path for `docket-git`.
//! - `repo`: [`classify`], [`parse_file`] and the [`Repository`] with its lookups
//!   (decisions by reference, the roster, the meetings, the norms).
//! - On top of the repository, each a pure function of it: [`graph`] (the one walk
//!   along supersession, [`graph::step`] / [`graph::chain`], and the graph's
//!   renderings), [`meeting_load`] (occurrences and hours a week per meeting and per
//!   person), [`blockers`], [`availability`], `import` ([`plan_import`]) and
//!   `renumber` ([`plan_renumber`]).
//! - [`forge`]: the pull-request export the driver read into
//!   [`Repository::forge`] (issue 18): reply times (using [`availability`]'s
//!   working hours) and the approvals of the pull request that decided each
//!   decision (using the [`History`]). Nothing below it imports it.

pub mod availability;
pub mod blockers;
mod config;
mod document;
pub mod foreign;
pub mod forge;
pub mod graph;
mod history;
mod import;
mod kind;
pub mod legacy;
mod links;
pub mod meeting_load;
mod parse;
mod problem;
mod read;
mod record_kind;
mod renumber;
mod repo;
mod root;
pub mod schema;
pub mod suggest;
mod template;
pub mod time;
mod value;
mod write;

pub use config::{
    Config, ConfigError, ConfigNote, Exclude, ForgeConfig, IdScheme, KindConfig, Limits, Role,
    RuleSetting, SiteConfig, UnknownKind, is_web_address,
};
pub use document::{
    Brief, Charter, Data, Deadline, Decision, DecisionId, DecisionOption, Document, Field, Fields,
    Meeting, Norms, Origin, Page, Person, Spanned, TemplateText, Update, UpdateLine, number_prefix,
};
pub use foreign::{
    Foreign, ForeignFinding, ForeignRef, ForeignTarget, SourceConfig, SourceOrigin, SourceProblem,
    id_key, split_reference,
};
pub use history::{
    Author, ChangeSet, CommitInfo, FileHistory, History, MissingObject, ObjectKind, PartialHistory,
    PendingDecision,
};
pub use import::{ImportPlan, ImportedRecord, NewPerson, SkipReason, plan_import};
pub use kind::{
    BRIEF_STATUSES, DECISION_STATUSES, FieldSpec, FieldType, Kind, MEETING_CADENCES,
    MEETING_CATEGORIES, Required, StatusCategory, canonical_status, canonical_word, is_placeholder,
    status_word,
};
pub use legacy::{Legacy, StatusSource, StatusStatement};
pub use links::{normalize_path, percent_decode, resolve_link};
pub use parse::{front_matter_status, parse_document};
pub use problem::{ParseProblem, Problem};
pub use record_kind::{DECLARED, FolderMatch, is_glob, match_folder};
pub use renumber::{RenumberError, RenumberPlan, apply_edits, plan_renumber};
pub use repo::{
    FileRole, KindFolder, Repository, classify, is_record_name, is_template_name, parse_file,
};
pub use root::HandbookRoot;
pub use template::{Template, Templates};
pub use time::parse_hours;
pub use write::{
    Fill, NewKey, new_front_matter, new_record_keys, slug, yaml_date, yaml_flow, yaml_scalar,
};
