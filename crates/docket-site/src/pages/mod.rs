//! Documents → views → files. Every page is a job; the jobs run in parallel, each
//! rendering and writing its page on its own, so memory holds one page per worker,
//! not the whole site. Each page family is a module from prepared data to a view
//! and a write; this module only lists the jobs and runs them, then writes what is
//! not a page (assets, the search index, the feeds).

pub(crate) mod assets;
mod briefs;
mod decision;
mod decisions;
pub(crate) mod feeds;
mod fixed;
mod free;
mod home;
mod meetings;
mod metrics;
pub(crate) mod org;
pub(crate) mod paging;
mod people;
mod updates;

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use docket_model::time::format_date;
use docket_model::{Data, Document, Kind};
use rayon::prelude::*;

use crate::error::SiteError;
use crate::options::BuildSummary;
use crate::prepared::Prepared;
use crate::search;
use crate::writer::Writer;

/// A page to render.
pub(crate) enum Job<'a> {
    Home,
    /// A page (1-based) of the index of a record kind (the decisions', and each of
    /// the team's own).
    RecordIndex(Kind, usize),
    /// The rows of a record kind's index for scripts (`decisions/index.js`).
    RecordData(Kind),
    Decision(&'a Document),
    /// A page of the briefs' index.
    BriefIndex(usize),
    Brief(&'a Document),
    /// A page of the roster.
    People(usize),
    Person(usize),
    /// A page of the updates' index.
    Updates(usize),
    Day(String),
    Update(&'a Document),
    Meetings,
    Metrics,
    Page(&'a Document),
    NotFound,
    Search,
}

/// Every page of the site. A document whose front matter cannot be read is left
/// out (its diagnostic says why).
pub(crate) fn jobs<'a>(p: &Prepared<'a>) -> Vec<Job<'a>> {
    let repo = p.repo;
    let mut jobs = vec![Job::Home, Job::NotFound, Job::Search];
    for (kind, _) in &p.kinds {
        let count = decisions::page_count(p, *kind);
        jobs.extend((1..=count).map(|n| Job::RecordIndex(*kind, n)));
        if count > 1 {
            jobs.push(Job::RecordData(*kind));
        }
    }
    let per_page = repo.config.site.page_size();
    let mut days = BTreeSet::new();
    for doc in repo.documents.iter().filter(|d| !d.broken) {
        match &doc.data {
            Data::Decision(_) => jobs.push(Job::Decision(doc)),
            Data::Brief(_) => jobs.push(Job::Brief(doc)),
            Data::Update(u) => {
                if let Some(d) = u.date {
                    days.insert(format_date(d));
                }
                jobs.push(Job::Update(doc));
            }
            Data::Page(page)
                if page.index_of.is_none() && Some(&doc.path) != p.links.urls.intro.as_ref() =>
            {
                jobs.push(Job::Page(doc))
            }
            Data::Charter(_) => jobs.push(Job::Page(doc)),
            Data::Meetings(_) => jobs.push(Job::Meetings),
            _ => {}
        }
    }
    let briefs = repo.readable_of_kind(Kind::Brief).count();
    if repo.of_kind(Kind::Brief).next().is_some() {
        jobs.extend((1..=paging::page_count(briefs, per_page)).map(Job::BriefIndex));
    }
    if p.dashboard.is_some() {
        jobs.push(Job::Metrics);
    }
    if repo.has_roster() {
        let people = repo.people().count();
        jobs.extend((1..=paging::page_count(people, per_page)).map(Job::People));
        jobs.extend((0..people).map(Job::Person));
    }
    if !days.is_empty() {
        jobs.extend((1..=paging::page_count(days.len(), per_page)).map(Job::Updates));
        jobs.extend(days.into_iter().map(Job::Day));
    }
    jobs
}

impl Job<'_> {
    /// The URL the job's page has (percent-encoded, as in links), without rendering
    /// it; `None` when the job writes no page (a kind without an index, a roster
    /// entry without an id). `docket serve` finds the job of a requested page by it;
    /// a test keeps it equal to the URL each page family writes.
    pub(crate) fn url(&self, p: &Prepared<'_>) -> Option<String> {
        Some(match self {
            Job::Home => "index.html".to_string(),
            Job::RecordIndex(kind, n) => paging::page_url(&p.kind(*kind)?.url, *n),
            Job::RecordData(kind) => decisions::data_url(p, *kind)?,
            Job::Decision(doc) | Job::Brief(doc) | Job::Update(doc) | Job::Page(doc) => {
                p.links.urls.of(doc)
            }
            Job::BriefIndex(n) => paging::page_url(briefs::INDEX, *n),
            Job::People(n) => paging::page_url(people::INDEX, *n),
            Job::Person(i) => {
                let person = p.repo.people().nth(*i)?;
                p.links.urls.person(&person.id.as_ref()?.value)
            }
            Job::Updates(n) => paging::page_url(updates::INDEX, *n),
            Job::Day(date) => crate::urls::day_url(date),
            Job::Meetings => "meetings/index.html".to_string(),
            Job::Metrics => "metrics.html".to_string(),
            Job::NotFound => fixed::NOT_FOUND.to_string(),
            Job::Search => fixed::SEARCH.to_string(),
        })
    }
}

/// Renders and writes the page of `job`.
pub(crate) fn run(p: &Prepared<'_>, w: &Writer<'_>, job: &Job<'_>) -> Result<(), SiteError> {
    match job {
        Job::Home => home::write(p, w),
        Job::RecordIndex(kind, n) => decisions::write(p, w, *kind, *n),
        Job::RecordData(kind) => decisions::write_data(p, w, *kind),
        Job::Decision(doc) => decision::write(p, w, doc),
        Job::BriefIndex(n) => briefs::write_index(p, w, *n),
        Job::Brief(doc) => briefs::write(p, w, doc),
        Job::People(n) => people::write_index(p, w, *n),
        Job::Person(i) => people::write_person(p, w, *i),
        Job::Updates(n) => updates::write_index(p, w, *n),
        Job::Day(date) => updates::write_day(p, w, date),
        Job::Update(doc) => updates::write_update(p, w, doc),
        Job::Meetings => meetings::write(p, w),
        Job::Metrics => metrics::write(p, w),
        Job::Page(doc) => free::write(p, w, doc),
        Job::NotFound => fixed::write_not_found(&p.site, w),
        Job::Search => fixed::write_search(w),
    }
}

/// Writes every page (in parallel, reporting `progress(done, total)`), the assets and
/// the handbook's other files (read from `repo_root`), the search index and the feeds.
pub(crate) fn write_site(
    p: &Prepared<'_>,
    w: &Writer<'_>,
    repo_root: &Path,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<BuildSummary, SiteError> {
    let jobs = jobs(p);
    let total = jobs.len();
    let done = AtomicUsize::new(0);
    // The search index's files are linked from the previous site when what it is
    // made of did not change; else it is made beside the pages (it was a fifth of a
    // warm build, on one thread, after them).
    let search_key = w.site_key().map(|site| search::key(p, site));
    let reused = search_key.and_then(|key| w.reuse_files(search::is_index_file, key));
    let (pages, index) = rayon::join(
        || {
            jobs.par_iter().try_for_each(|job| {
                run(p, w, job)?;
                progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
                Ok::<(), SiteError>(())
            })
        },
        || reused.is_none().then(|| search::index(p)),
    );
    pages?;
    if let Some(hub) = p.hub {
        org::write(p, w, hub)?;
    }
    assets::write(p, w, repo_root)?;
    let search_bytes = match index {
        Some(index) => search::write(&index, w, search_key)?,
        None => usize::try_from(reused.unwrap_or(0)).unwrap_or(usize::MAX),
    };
    let written = w.written();
    let pages = written.len();
    let notes = feeds::write(p, w, written)?;
    Ok(BuildSummary {
        out: Default::default(),
        pages,
        search_bytes,
        notes,
        render_time: w.render_time(),
        ..Default::default()
    })
}
