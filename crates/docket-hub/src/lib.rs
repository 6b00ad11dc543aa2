//! The organisation hub (issue 16): one index over many handbooks. A hub is a
//! handbook whose `docket.toml` names `[[sources]]`; each source is a local
//! checkout (read by the driver with its own docket.toml, its entries written by
//! the same code as its `decisions.json`) or a `decisions.json` another pipeline
//! published. This crate is the pure part:
//!
//! - [`contract`]: reading `decisions.json` version 1 (an invalid file is a
//!   [`ReadError`] with the JSON reader's line, an unknown version another);
//! - [`mod@merge`]: the merged index (each entry carrying its `source`), the rosters
//!   joined by id (a conflict is a `roster-conflict` finding), one `hub-source`
//!   finding per source that cannot be used, and the [`docket_model::Foreign`]
//!   index `SOURCE:ID` references resolve against;
//! - [`mod@figures`]: per-source and total figures;
//! - [`combined`]: the hub's combined `decisions.json` (the contract with `source`
//!   added), and reading one back for `docket check --sources FILE`;
//! - [`page`]: numbered pages of a long list, for the site.
//!
//! Architecture invariant: the hub does no IO, never reads the clock and never
//! prints; the driver reads the files and passes texts and values in. It depends on
//! `docket-model` only; the driver and the site depend on it (driver → site → hub
//! → model), never the other way.

pub mod combined;
pub mod contract;
pub mod figures;
pub mod merge;
pub mod page;

pub use combined::{combined_json, foreign_of};
pub use contract::{DecisionsFile, Entry, KNOWN_VERSION, ReadError, read_text, read_value};
pub use figures::{Figures, figures, reference_time};
pub use merge::{
    CONFIG_FILE, Hub, HubPerson, Loaded, RosterPerson, Source, hub_page, merge, page_of,
};
