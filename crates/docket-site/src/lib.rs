//! The handbook site (`docket build`, SPEC §6): every document becomes a page at
//! `<folder>/<stem>.html`, lists become `<folder>/index.html`, plus the decision
//! index, `decisions.json`, `feed.xml`, `sitemap.xml`, `404.html` and a search index
//! that works from `file://`.
//!
//! The pieces: [`templates`] (embedded built-ins, user overrides, `builtin/<name>`),
//! [`views`] (the template context contract), `markdown` (pulldown-cmark → ammonia),
//! `pages` (documents → views → files), `feeds` (`decisions.json`, Atom, sitemap),
//! `search` (the index), [`output`] (temporary folder, then swap).
//!
//! Architecture invariant: the site reads the repository it is given and writes only
//! inside its output folder (through [`output::Staging`]); it never reads the clock,
//! so the same input gives byte-identical output.

mod feeds;
pub mod markdown;
pub mod output;
mod pages;
mod search;
pub mod svg;
mod team;
pub mod templates;
pub mod views;

use std::path::{Path, PathBuf};

use docket_model::Repository;

pub use feeds::DECISIONS_JSON_VERSION;

/// The build could not finish; nothing was swapped in.
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    /// Reading or writing a file failed.
    #[error("cannot write `{path}`: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A template failed to load or render.
    #[error("template `{name}`: {message}")]
    Template {
        /// Template name.
        name: String,
        /// minijinja's message, with line.
        message: String,
    },
    /// `--out` is somewhere docket must not write.
    #[error("refusing to build into `{path}`: {reason}")]
    UnsafeOutput {
        /// The path.
        path: PathBuf,
        /// Why.
        reason: String,
    },
}

impl SiteError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        SiteError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    pub(crate) fn template(name: &str, e: &minijinja::Error) -> Self {
        SiteError::Template {
            name: name.to_string(),
            message: e.to_string(),
        }
    }
}

/// Build settings.
#[derive(Debug, Clone, Default)]
pub struct SiteOptions {
    /// Absolute base URL for the sitemap and feed (overrides `[site] base_url`).
    pub base_url: Option<String>,
    /// The metrics dashboard (`metrics.html`), computed by the caller; none: no page.
    pub dashboard: Option<Dashboard>,
}

/// What `metrics.html` shows: the figures of `docket metrics` and the charts.
#[derive(Debug, Clone, Default)]
pub struct Dashboard {
    /// The `docket metrics --format json` document.
    pub metrics: serde_json::Value,
    /// The reference time the figures are computed at (`YYYY-MM-DD`).
    pub reference: String,
    /// The charts, in order.
    pub charts: Vec<svg::Chart>,
}

/// What a build wrote.
#[derive(Debug, Clone, Default)]
pub struct BuildSummary {
    /// Where the site is.
    pub out: PathBuf,
    /// How many pages (HTML files) were written.
    pub pages: usize,
    /// Size of the search index in bytes.
    pub search_bytes: usize,
    /// Notes for the user (e.g. no sitemap without a base URL).
    pub notes: Vec<String>,
}

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
    let mut summary = pages::write_site(repo, repo_root, &templates, &staging, options, progress)?;
    summary.out = staging.commit()?;
    Ok(summary)
}
