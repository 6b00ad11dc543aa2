//! The one way a page reaches the output: render a template with the context every
//! page shares (`site`, `root`, `page`, `nav`) plus the page's own, write it to its
//! [`Sink`] (the staging folder of `docket build`, or memory for a page `docket
//! serve` renders on request), and remember its URL (for the page count and the
//! sitemap). Safe to call from every worker at once.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use minijinja::{Value, context};

use crate::error::SiteError;
use crate::output::Staging;
use crate::templates::Templates;
use crate::urls::root_of;
use crate::views::{NavEntry, PageMeta, SiteView};

/// Where a [`Writer`]'s files go.
pub(crate) enum Sink<'a> {
    /// The staging folder of a build.
    Staging(&'a Staging),
    /// Memory: each file's site-relative path (decoded) and bytes, in order.
    Memory(Mutex<Vec<(String, Vec<u8>)>>),
}

impl Sink<'_> {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), SiteError> {
        match self {
            Sink::Staging(staging) => staging.write(rel, bytes),
            Sink::Memory(files) => {
                if let Ok(mut files) = files.lock() {
                    files.push((rel.to_string(), bytes.to_vec()));
                }
                Ok(())
            }
        }
    }
}

/// Writes the pages of one build.
pub(crate) struct Writer<'a> {
    templates: &'a Templates,
    sink: Sink<'a>,
    site: Value,
    nav: Value,
    written: Mutex<Vec<String>>,
    render_nanos: AtomicU64,
}

/// A page to write: where, with which template, and what `page` says of it.
pub(crate) struct Page<'a> {
    /// Site-relative URL (percent-encoded as in links).
    pub(crate) url: &'a str,
    /// The template's name.
    pub(crate) template: &'a str,
    /// `page.title`.
    pub(crate) title: &'a str,
    /// `page.section`.
    pub(crate) section: &'static str,
    /// `root`, when not the way back from `url` (the 404 page with a base URL).
    pub(crate) root: Option<&'a str>,
}

impl<'a> Page<'a> {
    /// The page at `url`, rendered with `template`, titled `title`, in `section`.
    pub(crate) fn new(
        url: &'a str,
        template: &'a str,
        title: &'a str,
        section: &'static str,
    ) -> Self {
        Self {
            url,
            template,
            title,
            section,
            root: None,
        }
    }

    /// The same page with every site link under `root` (an absolute URL ending in
    /// `/`) instead of relative to its own URL.
    pub(crate) fn with_root(self, root: Option<&'a str>) -> Self {
        Self { root, ..self }
    }
}

impl<'a> Writer<'a> {
    /// A writer rendering `templates` into `sink`, every page with `site` and `nav`.
    pub(crate) fn new(
        templates: &'a Templates,
        sink: Sink<'a>,
        site: &SiteView,
        nav: &[NavEntry],
    ) -> Self {
        Self {
            templates,
            sink,
            site: Value::from_serialize(site),
            nav: Value::from_serialize(nav),
            written: Mutex::new(Vec::new()),
            render_nanos: AtomicU64::new(0),
        }
    }

    /// Renders `page` with the shared context and `extra`, and writes it.
    pub(crate) fn page(&self, page: &Page<'_>, extra: Value) -> Result<(), SiteError> {
        let meta = PageMeta {
            title: page.title.to_string(),
            url: page.url.to_string(),
            section: page.section,
        };
        let ctx = context! {
            site => self.site.clone(),
            root => page.root.map_or_else(|| root_of(page.url), str::to_string),
            page => Value::from_serialize(&meta),
            nav => self.nav.clone(),
            ..extra
        };
        let started = Instant::now();
        let html = self.templates.render(page.template, ctx)?;
        let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.render_nanos.fetch_add(nanos, Ordering::Relaxed);
        // The file on disk for the URL: undo `url_segment`'s encoding.
        self.sink
            .write(&docket_model::percent_decode(page.url), html.as_bytes())?;
        if let Ok(mut w) = self.written.lock() {
            w.push(page.url.to_string());
        }
        Ok(())
    }

    /// Writes a file that is not a page (an asset, a feed, the search index).
    pub(crate) fn file(&self, rel: &str, bytes: &[u8]) -> Result<(), SiteError> {
        self.sink.write(rel, bytes)
    }

    /// What a [`Sink::Memory`] writer wrote (empty for a staging folder).
    pub(crate) fn into_files(self) -> Vec<(String, Vec<u8>)> {
        match self.sink {
            Sink::Memory(files) => files.into_inner().unwrap_or_default(),
            Sink::Staging(_) => Vec::new(),
        }
    }

    /// An asset's text: the user's override or the built-in.
    pub(crate) fn asset(&self, name: &str) -> Option<&str> {
        self.templates.asset(name)
    }

    /// Time spent rendering templates so far, summed over threads.
    pub(crate) fn render_time(&self) -> Duration {
        Duration::from_nanos(self.render_nanos.load(Ordering::Relaxed))
    }

    /// The URLs of every page written so far, in the order they were written.
    pub(crate) fn written(&self) -> Vec<String> {
        self.written.lock().map(|w| w.clone()).unwrap_or_default()
    }
}
