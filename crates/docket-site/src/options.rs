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
    /// The targets, in words, in the order of `metrics.targets`.
    pub targets: Vec<TargetView>,
}

/// One rollout target as the dashboard shows it.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct TargetView {
    /// The figure in words ("Decisions with an owner (%)").
    pub label: String,
    /// Its JSON key (`decisions.with_owner_pct`).
    pub metric: String,
    /// Its value, when known.
    pub value: Option<f64>,
    /// The goal.
    pub target: f64,
    /// Whether the value must be at least the goal (else at most).
    pub at_least: bool,
    /// Whether it is met, when the value is known.
    pub met: Option<bool>,
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
