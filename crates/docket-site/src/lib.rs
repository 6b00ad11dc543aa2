//! The handbook site (`docket build`, SPEC §6): every document becomes a page at
//! `<folder>/<stem>.html`, lists become `<folder>/index.html`, plus the decision
//! index, `decisions.json`, `feed.xml`, `sitemap.xml`, `404.html` and a search index
//! that works from `file://`.
//!
//! Architecture invariant: the site reads the repository it is given and writes only
//! inside its output folder (through [`output::Staging`]); it never reads the clock,
//! so the same input gives byte-identical output.
//!
//! # Module map
//!
//! Modules depend on the ones above them in this list, never on one below, so no
//! two modules depend on each other (`tests/layers.rs` checks the order):
//!
//! - `error` ([`SiteError`]), `escape` (the one HTML/XML escaper), `fingerprint`
//!   (page keys: what a page is rendered from, hashed), `related` (each
//!   record's most alike records by text: TF-IDF at build time; [`RelatedCounts`],
//!   the counted words `docket serve` keeps between renders), [`views`] (the
//!   template context contract, and how its dates and figures are written),
//!   [`markdown`] (pulldown-cmark → sanitized HTML), `urls` (where every page is).
//! - [`svg`] (the dashboard's charts), `options` ([`SiteOptions`], [`Dashboard`],
//!   [`BuildSummary`]), [`output`] (temporary folder, then swap), [`templates`]
//!   (embedded built-ins, user overrides, `builtin/<name>`).
//! - `links` (roster ids, decision references and documents as [`views::LinkRef`]s),
//!   `nav` (the navigation), `strip` (the availability strip, each person's hours),
//!   `team` (blockers, updates by day, meeting load).
//! - `prepared` (everything pages share, computed once before any page renders).
//! - `docview` (a document's rendered body and header), `writer` (templates → files
//!   through the staging folder, the list of written pages), `search` (the index, one
//!   file or shards), `stem` (the English suffix stripper search shares with the browser).
//! - `pages::paging` (the numbered pages of a long index and their navigation).
//! - One module per page family, from prepared data to a view and a write:
//!   `pages::home`, `::free` (charter and free pages), `::decisions` (the index),
//!   `::decision`, `::briefs`, `::people`, `::updates` (index, day, one update),
//!   `::meetings`, `::metrics`, `::fixed` (404, search), `::assets` (theme and the
//!   handbook's other files), `::feeds` (`decisions.json`, Atom, sitemap), `::org`
//!   (a hub's organisation pages, `docket-hub`'s index).
//! - `pages` itself: the job list (each job's URL known before it renders) and the
//!   parallel loop.
//! - [`live`]: the same pages rendered one by one on request, for `docket serve`.
//! - this file: [`build`].

mod docview;
mod error;
mod escape;
mod fingerprint;
mod links;
pub mod live;
pub mod markdown;
mod nav;
mod norms;
mod options;
pub mod output;
mod pages;
mod prepared;
mod related;
mod search;
mod stem;
mod strip;
pub mod svg;
mod team;
pub mod templates;
mod urls;
pub mod views;
mod writer;

use std::path::Path;

use docket_model::Repository;

pub use error::SiteError;
pub use live::Live;
pub use options::{BuildSummary, Cleanup, Dashboard, SiteOptions, TargetView, WriteStats};
pub use pages::feeds::{DECISIONS_JSON_VERSION, decisions_value};
pub use related::RelatedCounts;
pub use search::search_shard_docs;
pub use templates::Templates;

/// Builds the site of `repo` (found at `repo_root` on disk) into `out`.
pub fn build(
    repo: &Repository,
    repo_root: &Path,
    out: &Path,
    options: &SiteOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<BuildSummary, SiteError> {
    output::check_target(out, repo_root)?;
    let user = templates::read_user_templates(&repo_root.join("templates"))?;
    let templates = templates::Templates::new(user);
    let staging = output::Staging::new(out)?;
    let started = std::time::Instant::now();
    let prepared = prepared::Prepared::new(repo, options);
    let prepare_time = started.elapsed();
    let writer = writer::Writer::new(
        &templates,
        writer::Sink::Staging(&staging),
        &prepared.site,
        &prepared.nav,
    )
    .keyed(writer::site_key(&prepared, &templates));
    let mut summary = pages::write_site(&prepared, &writer, repo_root, progress)?;
    let (out, written, cleanup) = staging.commit()?;
    summary.out = out;
    summary.written = written;
    summary.cleanup = cleanup;
    summary.prepare_time = prepare_time;
    Ok(summary)
}
