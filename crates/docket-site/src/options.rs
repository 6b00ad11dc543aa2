//! What a build is given besides the repository ([`SiteOptions`], [`Dashboard`]) and
//! what it reports back ([`BuildSummary`]).

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::svg;

/// Build settings.
#[derive(Debug, Clone, Default)]
pub struct SiteOptions {
    /// Absolute base URL for the sitemap and feed (overrides `[site] base_url`).
    pub base_url: Option<String>,
    /// The metrics dashboard (`metrics.html`), computed by the caller; none: no page.
    pub dashboard: Option<Dashboard>,
    /// The organisation's index when the handbook is a hub (`[[sources]]`, issue
    /// 16): its pages under `org/`, and the combined `decisions.json`.
    pub hub: Option<std::sync::Arc<docket_hub::Hub>>,
    /// Each record's counted words, kept between the preview's renders (`docket
    /// serve`): only records an edit changed are counted again. A build has none.
    pub related: Option<std::sync::Arc<crate::related::RelatedCounts>>,
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
    /// What was written to disk, and what it cost.
    pub written: WriteStats,
    /// Thread time spent rendering templates, summed over workers.
    pub render_time: std::time::Duration,
    /// Wall time of preparing what pages share, before any page renders.
    pub prepare_time: std::time::Duration,
    /// The previous site's removal, still running; wait for it before exiting.
    pub cleanup: Cleanup,
}

/// What a build wrote to disk and what it cost (thread time summed over workers).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteStats {
    /// Files in the new site.
    pub files: u64,
    /// Of those, files equal to the previous site's, hard-linked rather than written.
    pub linked: u64,
    /// Of those, pages (and search index files) whose key was unchanged: linked
    /// without being rendered.
    pub reused: u64,
    /// Bytes of the new site.
    pub bytes: u64,
    /// Time spent writing (or linking), summed over the threads that did it.
    pub time: Duration,
    /// Wall time of the swap.
    pub swap: Duration,
}

/// The previous site's removal, running on a thread of its own after the swap;
/// [`Cleanup::wait`] waits for it (the command line does, after printing). Dropped
/// without waiting, the thread goes on while the process lives; a leftover folder
/// is removed by the next build.
#[derive(Debug, Clone, Default)]
pub struct Cleanup(Arc<Mutex<Option<JoinHandle<()>>>>);

impl Cleanup {
    /// Hands the removal's thread over.
    pub(crate) fn set(&self, handle: JoinHandle<()>) {
        if let Ok(mut h) = self.0.lock() {
            *h = Some(handle);
        }
    }

    /// Waits until the previous site is removed.
    pub fn wait(&self) {
        let handle = self.0.lock().ok().and_then(|mut h| h.take());
        if let Some(h) = handle {
            let _ = h.join();
        }
    }
}
