//! docket's document model: the kinds of SPEC §3 as data, `docket.toml` (SPEC §8),
//! and the [`Repository`] of parsed documents that the checks and the site read.
//!
//! Plain data and pure functions: this crate reads no files, asks no clock and
//! prints nothing. The driver hands it file texts; it hands back documents whose
//! parse problems are [`docket_diagnostics::Diagnostic`]s with byte ranges.

pub mod availability;
pub mod blockers;
mod config;
mod document;
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
mod renumber;
mod repo;
pub mod schema;
pub mod time;
mod value;
mod write;

pub use config::{Config, ConfigError, IdScheme, KindConfig, RuleSetting, SiteConfig};
pub use document::{
    Brief, Charter, Data, Deadline, Decision, DecisionId, DecisionOption, Document, Field, Fields,
    Meeting, Norms, Page, Person, Spanned, Update, UpdateLine, number_prefix,
};
pub use history::{Author, ChangeSet, CommitInfo, FileHistory, History, PendingDecision};
pub use import::{ImportPlan, ImportedRecord, NewPerson, SkipReason, plan_import};
pub use kind::{
    BRIEF_STATUSES, DECISION_STATUSES, FieldSpec, FieldType, Kind, MEETING_CADENCES,
    MEETING_CATEGORIES, Required,
};
pub use legacy::{Legacy, StatusSource, StatusStatement};
pub use links::{normalize_path, percent_decode, resolve_link};
pub use parse::{front_matter_status, parse_document};
pub use problem::{ParseProblem, Problem};
pub use renumber::{RenumberError, RenumberPlan, apply_edits, plan_renumber};
pub use repo::{FileRole, Repository, classify, handbook_relative, parse_file};
pub use time::parse_hours;
pub use write::{slug, yaml_date, yaml_flow, yaml_scalar};
