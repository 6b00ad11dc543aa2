//! The driver: everything between the command line and the pure crates. It owns the
//! order in which a command's steps run, and the IO they need.
//!
//! # Jobs
//!
//! Each command of the command line calls one job of [`jobs`], which runs the whole
//! pipeline and returns plain results to print (STYLE habit 19). `init` is the one
//! command with two steps: [`jobs::prepare_init`], then, once it has written its
//! scaffold, [`jobs::index`] to create the decision index; and `new`, which
//! chooses the folder (`--in`, or by asking on a terminal) between
//! [`jobs::prepare_new`] and [`jobs::next_id`].
//!
//! | job | command | pipeline |
//! |---|---|---|
//! | [`jobs::check`] | `check` | load → sources (a hub's, or `--sources`) → scope (the paths named) → changes (`--changed-since`) → rules → keep the findings of the changed files in the scope |
//! | [`jobs::build`] | `build`, every `serve` rebuild | load → sources → history → pending → rules → dashboard → site |
//! | [`jobs::status`] | `status` | load → pull-request export → status |
//! | [`jobs::metrics`] | `metrics` | load → pull-request export (and, with one, history) → meetings 90 days ago → metrics |
//! | [`jobs::graph`] | `graph` | load → supersession graph |
//! | [`jobs::schema`] | `schema` | root → `docket.toml` → the kind named → JSON Schema |
//! | [`jobs::index`] | `index`, `init` | load → decision index → compare, write or create |
//! | [`jobs::prepare_init`] | `init` | root → `docket.toml` → the handbook already there |
//! | [`jobs::prepare_new`], [`jobs::next_id`] | `new` | load → the kind named → its folders; then, for the folder chosen, the ids here and on other branches → the next free id |
//! | [`jobs::renumber`] | `renumber` | load → plan → rewrite references → rename |
//! | [`jobs::import`] | `import` | load → plan → [`jobs::Import::write`] |
//! | [`jobs::recover`] | every command, first | root → the journal an interrupted `renumber` or `import` left → finish it |
//!
//! `build` and the `serve` preview call the same job, so the preview shows exactly the
//! pages a build writes. A job opens the git repository at most once and reads
//! history, pending decisions, changes and every old meeting inventory through it.
//!
//! # Modules
//!
//! - `load`: [`find_root`], [`read_config`], [`load`] (walk, then read and parse every
//!   file in parallel into a [`Workspace`]; decision folders of other tools, and the
//!   one walk of the whole repository when the decision folder has to be found).
//! - `detect`: the folders of numbered records in a walk's file list, the
//!   `docket.toml` lines that pin one, the note, and the `decision-folder` findings.
//! - `walk`: the walk of the handbook root or the repository (`.gitignore` honoured,
//!   `exclude` globs left out, symbolic links checked by hand).
//! - `git`: the repository opened once per job: history, pending decisions of other
//!   branches, `--changed-since`, the meeting inventory at a past time.
//! - `forge`: the pull-request export (`[forge] pulls`, `--forge`) read into the
//!   repository; a missing file is a note, a broken one a `forge-export` finding.
//! - `dashboard`: the site's metrics page (figures and charts) at a reference time
//!   taken from the handbook, never the clock.
//! - `decision_index`: the decision index's path and Markdown.
//! - `edit`: applying renumber and import plans to the user's files, each as one
//!   `journal` change.
//! - `journal`: changes to many files that happen whole or not at all: the journal
//!   written first, then the files, and the next run of any command finishing what
//!   a killed one left ([`jobs::recover`]).
//! - [`mod@write`]: the one atomic write (a unique temporary file in the same folder,
//!   flushed, renamed over the target, permissions kept) for every file docket
//!   writes into a repository, the command line's included.
//! - `scope`: [`Scope`], the files and folders `docket check PATH…` reports on.
//! - `sources`: a hub's `[[sources]]` (each local checkout loaded with `load` and
//!   its history read with `git`, each published `decisions.json` read), merged
//!   by `docket-hub`; and the combined `decisions.json` of `docket check
//!   --sources`.
//! - `error`: [`DriverError`]; `workspace`: [`Workspace`], [`Report`], [`Sources`].
//! - [`jobs`]: the jobs above, each the whole pipeline of one command.
//!
//! Modules depend one way: `jobs` on the others; `forge`, `dashboard`, `edit`, `git`, `load`
//! and `decision_index` on none of their siblings but `journal`, `write`, `walk`,
//! `detect`, `error` and `workspace`; `journal` only on `write` and `error`;
//! `detect` only on `walk`; `scope` only on `error`; `sources` on `load`, `git`
//! and `workspace`.
//!
//! Architecture invariant: the driver does IO but never prints and never reads the
//! clock or the environment; the command line passes `now` in. Errors here mean the
//! command could not run (exit 2); problems with documents are diagnostics.

mod dashboard;
mod decision_index;
mod detect;
mod edit;
mod error;
mod forge;
mod git;
pub mod jobs;
mod journal;
mod load;
mod scope;
mod sources;
pub mod timings;
mod walk;
mod workspace;
pub mod write;

pub use docket_site::output::MARKER as SITE_MARKER;
pub use docket_site::{Live, Templates, search_shard_docs};
pub use error::DriverError;
pub use journal::Recovered;
pub use load::{find_root, load, read_config, template_path};
pub use scope::Scope;
pub use workspace::{Report, Sources, Workspace};
