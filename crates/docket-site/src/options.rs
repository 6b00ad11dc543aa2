//! What a build is given besides the repository ([`SiteOptions`], [`Dashboard`]) and
//! what it reports back ([`BuildSummary`]).

use std::path::PathBuf;

use crate::svg;

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
