//! The site rendered page by page on request, for `docket serve`: the same pages
//! `docket build` writes, from the same prepared data and the same page families,
//! but nothing is written to disk and a page is rendered only when it is asked for.
//! After an edit the preview prepares the repository again (a tenth of a second at
//! 10,000 documents) instead of rendering thousands of pages, so the reload costs
//! the pages the reader opens, not the site.
//!
//! A rendered file is kept until the [`Live`] is dropped: a `Live` is one version of
//! the handbook, and the preview makes a new one after every change.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use docket_model::Repository;

use crate::error::SiteError;
use crate::options::SiteOptions;
use crate::pages::{self, Job, assets, feeds, org};
use crate::prepared::Prepared;
use crate::search;
use crate::templates::Templates;
use crate::writer::{Sink, Writer};

/// One version of the site, rendered on request.
pub struct Live<'a> {
    prepared: Prepared<'a>,
    templates: &'a Templates,
    repo_root: &'a Path,
    /// Each page's job by its site-relative path (decoded).
    jobs: HashMap<String, Job<'a>>,
    /// Every page's URL (encoded, as in links), for the sitemap.
    urls: Vec<String>,
    /// Files rendered so far (`None`: there is no such file).
    cache: Mutex<HashMap<String, Option<Arc<Vec<u8>>>>>,
}

impl<'a> Live<'a> {
    /// The site of `repo` (at `repo_root` on disk) with `templates`, nothing rendered
    /// yet.
    pub fn new(
        repo: &'a Repository,
        repo_root: &'a Path,
        options: &'a SiteOptions,
        templates: &'a Templates,
    ) -> Self {
        let prepared = Prepared::new(repo, options);
        let mut jobs = HashMap::new();
        let mut urls = Vec::new();
        for job in pages::jobs(&prepared) {
            if let Some(url) = job.url(&prepared) {
                let rel = docket_model::percent_decode(&url);
                if let std::collections::hash_map::Entry::Vacant(slot) = jobs.entry(rel) {
                    // A script's data (`decisions/index.js`) is no page of the sitemap.
                    if url.ends_with(".html") {
                        urls.push(url);
                    }
                    slot.insert(job);
                }
            }
        }
        Self {
            prepared,
            templates,
            repo_root,
            jobs,
            urls,
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// The bytes of the file at `rel` (site-relative, `/`-separated, decoded:
    /// `decisions/0042-use-postgresql.html`, `assets/style.css`), or `None` when the
    /// site has no such file. An `Err` when its page cannot be rendered (a template
    /// that fails) or a handbook file cannot be read.
    pub fn get(&self, rel: &str) -> Result<Option<Arc<Vec<u8>>>, SiteError> {
        if let Some(hit) = self.cache.lock().ok().and_then(|c| c.get(rel).cloned()) {
            return Ok(hit);
        }
        let found = self.render(rel)?.map(Arc::new);
        if let Ok(mut cache) = self.cache.lock() {
            cache.insert(rel.to_string(), found.clone());
        }
        Ok(found)
    }

    /// Every page's site-relative path (decoded), sorted.
    pub fn pages(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self.jobs.keys().map(String::as_str).collect();
        out.sort_unstable();
        out
    }

    fn writer(&self) -> Writer<'_> {
        Writer::new(
            self.templates,
            Sink::Memory(Mutex::new(Vec::new())),
            &self.prepared.site,
            &self.prepared.nav,
        )
    }

    /// What `w` wrote at `rel`.
    fn take(w: Writer<'_>, rel: &str) -> Option<Vec<u8>> {
        w.into_files()
            .into_iter()
            .find(|(path, _)| path == rel)
            .map(|(_, bytes)| bytes)
    }

    fn render(&self, rel: &str) -> Result<Option<Vec<u8>>, SiteError> {
        let p = &self.prepared;
        if let Some(job) = self.jobs.get(rel) {
            let w = self.writer();
            pages::run(p, &w, job)?;
            return Ok(Self::take(w, rel));
        }
        if assets::THEME.contains(&rel) {
            return Ok(self.templates.asset(rel).map(|t| t.as_bytes().to_vec()));
        }
        if rel == crate::views::HEADERS_FILE && !assets::has_own_headers(p) {
            return Ok(Some(crate::views::headers_file().into_bytes()));
        }
        if let Some(files) = search::files_for(p, rel) {
            // The other files of the index are kept for the next requests: at
            // 100,000 documents the index is shards, and a query asks for several.
            let mut found = None;
            let mut cache = self.cache.lock().ok();
            for (path, bytes) in files {
                if path == rel {
                    found = Some(bytes);
                } else if let Some(cache) = cache.as_mut() {
                    cache.entry(path).or_insert_with(|| Some(Arc::new(bytes)));
                }
            }
            if found.is_some() {
                return Ok(found);
            }
        }
        if let (Some(hub), true) = (p.hub, rel.starts_with("org/")) {
            // A hub's pages (`docket serve` on a hub): every one of them is
            // rendered into memory for the one asked; a preview, not a build.
            let w = self.writer();
            org::write(p, &w, hub)?;
            return Ok(Self::take(w, rel));
        }
        if feeds::FILES.contains(&rel) {
            let w = self.writer();
            feeds::write(p, &w, self.urls.clone())?;
            return Ok(Self::take(w, rel));
        }
        let w = self.writer();
        let file = assets::handbook_files(p, &w)
            .into_iter()
            .find(|(at, _)| *at == rel)
            .map(|(_, file)| file);
        match file {
            Some(file) => {
                let src = self.repo_root.join(file);
                std::fs::read(&src)
                    .map(Some)
                    .map_err(|e| SiteError::io(&src, e))
            }
            None => Ok(None),
        }
    }
}
