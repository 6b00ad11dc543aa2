//! The one way a page reaches the output: render a template with the context every
//! page shares (`site`, `root`, `page`, `nav`) plus the page's own, write it to its
//! [`Sink`] (the staging folder of `docket build`, or memory for a page `docket
//! serve` renders on request), and remember its URL (for the page count and the
//! sitemap). Safe to call from every worker at once.
//!
//! A build's writer keys every page ([`crate::fingerprint`]): when the previous site
//! has the page under the same key, its file is hard-linked and nothing is rendered.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use minijinja::{Value, context};

use crate::error::SiteError;
use crate::fingerprint::{Fingerprint, binary_key};
use crate::output::Staging;
use crate::prepared::Prepared;
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
    /// Writes `bytes` to `rel`; a staging folder remembers `key` (what the file was
    /// made from) for the next build.
    fn write(&self, rel: &str, bytes: &[u8], key: Option<u64>) -> Result<(), SiteError> {
        match self {
            Sink::Staging(staging) => staging.write_keyed(rel, bytes, key),
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
    /// The build's key ([`site_key`]); `None`: pages are not keyed (`docket
    /// serve`'s memory, or a binary that cannot be identified).
    site_key: Option<u64>,
}

/// The key of a build: the binary, the templates, `site` and `nav`, and the tables
/// a document's links are rewritten with (where each handbook file's page is, the
/// other handbooks' records). A change to any of them changes every page's key.
pub(crate) fn site_key(p: &Prepared<'_>, templates: &Templates) -> Option<u64> {
    let mut f = Fingerprint::new("docket site v1");
    f.u64(binary_key()?);
    for (name, text) in templates.sources() {
        f.str(name).str(text);
    }
    f.serialized(&p.site)?.serialized(&p.nav)?;
    for (path, url) in p.links.urls.handbook_paths() {
        f.str(path).str(url);
    }
    let mut foreign: Vec<(&String, Vec<(&String, &String)>)> = p
        .repo
        .foreign
        .urls
        .iter()
        .map(|(source, urls)| {
            let mut urls: Vec<_> = urls.iter().collect();
            urls.sort();
            (source, urls)
        })
        .collect();
    foreign.sort();
    f.serialized(&foreign)?;
    Some(f.finish())
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
            site_key: None,
        }
    }

    /// The same writer, keying pages with the build's key `site_key`.
    pub(crate) fn keyed(self, site_key: Option<u64>) -> Self {
        Self { site_key, ..self }
    }

    /// The key of `page` when it is rendered from `data` (its context but `site`,
    /// `nav`, `root` and `page`, which the key covers otherwise); `None` when pages
    /// are not keyed.
    pub(crate) fn key(&self, page: &Page<'_>, data: &impl serde::Serialize) -> Option<u64> {
        let site_key = self.site_key?;
        let mut f = Fingerprint::new("page");
        f.u64(site_key)
            .str(page.template)
            .str(page.url)
            .str(page.title)
            .str(page.section)
            .str(page.root.unwrap_or("\0"));
        Some(f.serialized(data)?.finish())
    }

    /// Renders `page` with the shared context and `extra`, and writes it; or, when
    /// the previous site has it under the same key, links that file.
    pub(crate) fn page(&self, page: &Page<'_>, extra: Value) -> Result<(), SiteError> {
        let key = self.key(page, &extra);
        self.page_keyed(page, key, || extra)
    }

    /// Writes `page` under `key` (from [`Writer::key`]): the previous site's file
    /// when it has the key, else the page rendered with the context `make` gives.
    /// A page family whose context is costly to complete (a rendered body) keys the
    /// page by what the body is made of and completes it only here.
    pub(crate) fn page_keyed(
        &self,
        page: &Page<'_>,
        key: Option<u64>,
        make: impl FnOnce() -> Value,
    ) -> Result<(), SiteError> {
        // The file on disk for the URL: undo `url_segment`'s encoding.
        let file = docket_model::percent_decode(page.url);
        if let (Some(key), Sink::Staging(staging)) = (key, &self.sink)
            && staging.reuse(&file, key)?
        {
            self.remember(page.url);
            return Ok(());
        }
        self.render(page, make(), &file, key)
    }

    /// Renders `page` with the shared context and `extra` and writes it to `file`,
    /// under `key`.
    fn render(
        &self,
        page: &Page<'_>,
        extra: Value,
        file: &str,
        key: Option<u64>,
    ) -> Result<(), SiteError> {
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
        self.sink.write(file, html.as_bytes(), key)?;
        self.remember(page.url);
        Ok(())
    }

    fn remember(&self, url: &str) {
        if let Ok(mut w) = self.written.lock() {
            w.push(url.to_string());
        }
    }

    /// Writes a file that is not a page (an asset, a feed, the search index).
    pub(crate) fn file(&self, rel: &str, bytes: &[u8]) -> Result<(), SiteError> {
        self.sink.write(rel, bytes, None)
    }

    /// Writes a file by streaming it into `write` (a large file, never held whole).
    pub(crate) fn file_with(
        &self,
        rel: &str,
        write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), SiteError> {
        match &self.sink {
            Sink::Staging(staging) => staging.write_with(rel, write),
            sink => {
                let mut bytes = Vec::new();
                write(&mut bytes).map_err(|e| SiteError::io(std::path::Path::new(rel), e))?;
                sink.write(rel, &bytes, None)
            }
        }
    }

    /// Writes a file made from what `key` hashes (the search index's files).
    pub(crate) fn file_keyed(
        &self,
        rel: &str,
        bytes: &[u8],
        key: Option<u64>,
    ) -> Result<(), SiteError> {
        self.sink.write(rel, bytes, key)
    }

    /// The build's key, when pages are keyed.
    pub(crate) fn site_key(&self) -> Option<u64> {
        self.site_key
    }

    /// Links every file of the previous site that `belongs` and was written under
    /// `key` (a set of files made together, like the search index's); their size,
    /// or `None` when there were none or one could not be linked (then they are
    /// written again).
    pub(crate) fn reuse_files(&self, belongs: impl Fn(&str) -> bool, key: u64) -> Option<u64> {
        match &self.sink {
            Sink::Staging(staging) => staging.reuse_all(belongs, key),
            Sink::Memory(_) => None,
        }
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
