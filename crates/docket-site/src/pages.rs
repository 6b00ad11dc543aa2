//! Documents → views → files. Each page is rendered and written on its own (in
//! parallel), so memory holds one page per worker, not the whole site.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use docket_model::time::{Time, format_date, format_time};
use docket_model::{Data, Decision, DecisionId, Document, Kind, Repository};
use minijinja::{Value, context};
use rayon::prelude::*;

use crate::markdown::{Rendered, render_with};
use crate::output::Staging;
use crate::search::SearchIndex;
use crate::templates::Templates;
use crate::views::*;
use crate::{BuildSummary, SiteError, SiteOptions, feeds, team};

/// Formats a time as a date when it is midnight UTC, else as a full UTC time.
pub(crate) fn fmt_date(t: Time) -> String {
    let full = format_time(t);
    if full.ends_with("T00:00:00Z") {
        format_date(t)
    } else {
        full
    }
}

/// A proposed decision's deadline: explicit, or `date` + the charter's
/// `decision_deadline` (SPEC §3). None for other statuses.
pub(crate) fn effective_deadline(repo: &Repository, doc: &Document) -> Option<Time> {
    doc.proposed_deadline(repo.norms()).map(|d| d.time)
}

/// Where every document's page is.
pub(crate) struct Urls {
    by_path: HashMap<String, String>,
    by_handbook_path: HashMap<String, String>,
    people_folder: String,
    intro: Option<String>,
}

fn md_to_html(path: &str) -> String {
    let stem = path.rsplit_once('.').map_or(path, |(s, _)| s);
    format!("{stem}.html")
}

fn is_index_name(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    name == "readme.md" || name == "index.md"
}

fn folder_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(d, _)| d)
}

fn join_url(folder: &str, file: &str) -> String {
    if folder.is_empty() {
        file.to_string()
    } else {
        format!("{folder}/{file}")
    }
}

/// Makes a name safe as one URL path segment: keeps letters, digits, `-`, `_`, `.`;
/// percent-encodes the rest (SPEC §6: the page's URL is safe for any file name).
pub(crate) fn url_segment(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn encode_path(path: &str) -> String {
    path.split('/')
        .map(url_segment)
        .collect::<Vec<_>>()
        .join("/")
}

impl Urls {
    fn new(repo: &Repository) -> Self {
        let people_folder = "people".to_string();
        let mut by_path = HashMap::new();
        let mut by_handbook_path = HashMap::new();
        let mut intro = None;
        for doc in repo.documents.iter().filter(|d| !d.broken) {
            let hp = doc.handbook_path.as_str();
            let url = match doc.kind {
                Kind::People => join_url(&people_folder, "index.html"),
                Kind::Meetings => "meetings/index.html".to_string(),
                _ if is_index_name(hp) => {
                    if folder_of(hp).is_empty() {
                        intro = Some(doc.path.clone());
                    }
                    join_url(&encode_path(folder_of(hp)), "index.html")
                }
                _ => encode_path(&md_to_html(hp)),
            };
            by_path.insert(doc.path.clone(), url.clone());
            by_handbook_path.insert(hp.to_string(), url);
        }
        Self {
            by_path,
            by_handbook_path,
            people_folder,
            intro,
        }
    }

    /// The URL of a document's page.
    pub(crate) fn of(&self, doc: &Document) -> String {
        self.by_path.get(&doc.path).cloned().unwrap_or_default()
    }

    fn person(&self, id: &str) -> String {
        join_url(&self.people_folder, &format!("{}.html", url_segment(id)))
    }
}

/// `../` once per folder of `url`.
fn root_of(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

pub(crate) struct Ctx<'a> {
    pub(crate) repo: &'a Repository,
    pub(crate) urls: Urls,
    site: SiteView,
    nav: Vec<NavEntry>,
    templates: &'a Templates,
    staging: &'a Staging,
    pages: AtomicUsize,
    written: std::sync::Mutex<Vec<String>>,
    dashboard: Option<&'a crate::Dashboard>,
    /// Every blocker episode (the model's one computation).
    pub(crate) blockers: Vec<docket_model::blockers::Blocker>,
    /// The newest update date: blocker ages are measured against it.
    pub(crate) reference: Option<Time>,
    /// The team's working hours on the newest date in the handbook.
    pub(crate) hours: Option<docket_model::availability::Availability>,
    /// The availability strip drawn from `hours`.
    strip: Option<AvailabilityView>,
    /// The updates grouped by day, built once (every day page reads it).
    days: std::sync::OnceLock<BTreeMap<String, DayView>>,
}

impl Ctx<'_> {
    fn days(&self) -> &BTreeMap<String, DayView> {
        self.days.get_or_init(|| day_views(self))
    }

    pub(crate) fn person_ref(&self, id: &str) -> LinkRef {
        let person = self.repo.person(id);
        LinkRef {
            id: id.to_string(),
            title: person
                .and_then(|p| p.name.clone())
                .unwrap_or_else(|| id.to_string()),
            url: if person.is_some() {
                self.urls.person(id)
            } else {
                String::new()
            },
            status: None,
        }
    }

    pub(crate) fn decision_ref(&self, reference: &str) -> LinkRef {
        match self.repo.resolve_decision(reference).as_slice() {
            [doc] => self.decision_link(doc),
            _ => LinkRef {
                id: reference.to_string(),
                title: reference.to_string(),
                url: String::new(),
                status: None,
            },
        }
    }

    fn decision_link(&self, doc: &Document) -> LinkRef {
        let d = doc.decision();
        LinkRef {
            id: d
                .and_then(|d| d.id.as_ref())
                .map_or_else(|| doc.stem().to_string(), ToString::to_string),
            title: doc.title(),
            url: self.urls.of(doc),
            status: d.and_then(|d| d.status.as_ref()).map(|s| s.value.clone()),
        }
    }

    fn doc_link(&self, doc: &Document) -> LinkRef {
        LinkRef {
            id: doc.stem().to_string(),
            title: doc.title(),
            url: self.urls.of(doc),
            status: None,
        }
    }

    /// Renders a document's body with links rewritten for the page at `page_url`.
    fn body(&self, doc: &Document, page_url: &str) -> Rendered {
        let root = root_of(page_url);
        let rewrite = |dest: &str| -> Option<String> {
            let target = docket_model::resolve_link(&doc.handbook_path, dest)?;
            let url = self.urls.by_handbook_path.get(&target)?;
            Some(match dest.split_once('#') {
                Some((_, fragment)) => format!("{root}{url}#{fragment}"),
                None => format!("{root}{url}"),
            })
        };
        let body = doc.body.clone();
        let text = doc.text.get(body.clone()).unwrap_or("");
        // A record in an existing format restates its metadata in the body (an
        // adr-tools `Date:` line and `## Status` section); the page shows it in its
        // header, so those lines are left out, as `docket import` would move them.
        let metadata = doc.metadata_lines();
        if metadata.is_empty() {
            return render_with(text, &rewrite, true);
        }
        let mut kept = String::with_capacity(text.len());
        let mut at = body.start;
        for range in metadata
            .iter()
            .filter(|r| r.start >= body.start && r.end <= body.end)
        {
            if range.start >= at {
                kept.push_str(doc.text.get(at..range.start).unwrap_or(""));
                at = range.end;
            }
        }
        kept.push_str(doc.text.get(at..body.end).unwrap_or(""));
        render_with(&kept, &rewrite, true)
    }

    fn doc_view(&self, doc: &Document, page_url: &str) -> (DocView, Rendered) {
        let r = self.body(doc, page_url);
        let owner = match &doc.data {
            // A decision's owner may come from MADR's `decision-makers` (SPEC §9).
            Data::Decision(d) => d.owner.as_ref().map(|o| self.person_ref(&o.value)),
            Data::Page(_) | Data::Charter(_) | Data::Brief(_) => doc
                .front
                .as_ref()
                .and_then(|f| f.get("owner"))
                .and_then(|f| f.value.as_scalar_string())
                .map(|o| self.person_ref(&o)),
            _ => None,
        };
        let description = doc
            .front
            .as_ref()
            .and_then(|f| f.get("description"))
            .and_then(|f| f.value.as_scalar_string())
            .or_else(|| (!r.summary.is_empty()).then(|| r.summary.clone()));
        let edit_url = self
            .site
            .repo_url
            .as_ref()
            .map(|u| format!("{}/blob/HEAD/{}", u.trim_end_matches('/'), doc.path));
        let history = self.repo.history.of(&doc.path);
        let touch = |c: &docket_model::CommitInfo| Touch {
            date: format_date(c.time),
            time: format_time(c.time),
            author: c.author.name.clone(),
        };
        let view = DocView {
            updated: history.and_then(|h| h.updated()).map(touch),
            created: if self.repo.history.shallow {
                None
            } else {
                history.and_then(|h| h.created()).map(touch)
            },
            title: doc.title(),
            path: doc.path.clone(),
            url: self.urls.of(doc),
            html: Value::from_safe_string(r.html.clone()),
            toc: r
                .headings
                .iter()
                .map(|(level, text, id)| TocEntry {
                    level: *level,
                    text: text.clone(),
                    id: id.clone(),
                })
                .collect(),
            owner,
            description,
            edit_url,
        };
        (view, r)
    }

    fn write_page(
        &self,
        url: &str,
        template: &str,
        title: &str,
        section: &'static str,
        extra: Value,
    ) -> Result<(), SiteError> {
        let page = PageMeta {
            title: title.to_string(),
            url: url.to_string(),
            section,
        };
        let ctx = context! {
            site => Value::from_serialize(&self.site),
            root => root_of(url),
            page => Value::from_serialize(&page),
            nav => Value::from_serialize(&self.nav),
            ..extra
        };
        let html = self.templates.render(template, ctx)?;
        // The file on disk for the URL: undo `url_segment`'s encoding.
        self.staging
            .write(&docket_model::percent_decode(url), html.as_bytes())?;
        self.pages.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut w) = self.written.lock() {
            w.push(url.to_string());
        }
        Ok(())
    }

    fn history_entries(&self, path: &str) -> Vec<HistoryEntry> {
        let Some(h) = self.repo.history.of(path) else {
            return Vec::new();
        };
        let commits = &h.commits;
        commits
            .iter()
            .enumerate()
            .map(|(i, c)| HistoryEntry {
                commit: c.id.clone(),
                time: format_time(c.time),
                author: c.author.name.clone(),
                summary: c.summary.clone(),
                status: c.status.clone(),
                status_changed: c.status.is_some()
                    && commits
                        .get(i + 1)
                        .is_none_or(|older| older.status != c.status),
                commit_url: self
                    .site
                    .repo_url
                    .as_ref()
                    .map(|u| format!("{}/commit/{}", u.trim_end_matches('/'), c.id)),
            })
            .collect()
    }

    fn decision_row(&self, doc: &Document, d: &Decision) -> DecisionRow {
        let deadline = effective_deadline(self.repo, doc);
        DecisionRow {
            id: d
                .id
                .as_ref()
                .map_or_else(|| doc.stem().to_string(), ToString::to_string),
            number: match d.id {
                Some(DecisionId::Number(n)) => Some(n),
                _ => None,
            },
            title: doc.title(),
            status: d
                .status
                .as_ref()
                .map_or_else(|| "unknown".to_string(), |s| s.value.clone()),
            owner: d.owner.as_ref().map(|o| self.person_ref(&o.value)),
            date: d.date.as_ref().map(|t| format_date(t.value)),
            deadline: deadline.map(format_date),
            deadline_time: deadline.map(format_time),
            decided: d.decided.as_ref().map(|t| format_date(t.value)),
            tags: d.tags.clone(),
            url: self.urls.of(doc),
            path: doc.path.clone(),
        }
    }
}

/// A page to render.
enum Job<'a> {
    Home,
    DecisionIndex,
    Decision(&'a Document),
    BriefIndex,
    Brief(&'a Document),
    People,
    Person(usize),
    Updates,
    Day(String),
    Update(&'a Document),
    Meetings,
    Metrics,
    Page(&'a Document),
    Static(&'static str, &'static str, &'static str),
}

fn sorted_decisions(repo: &Repository) -> Vec<(&Document, &Decision)> {
    let mut v: Vec<_> = repo.decisions().filter(|(doc, _)| !doc.broken).collect();
    v.sort_by(|a, b| a.1.id.cmp(&b.1.id).then(a.0.path.cmp(&b.0.path)));
    v
}

fn nav(repo: &Repository, urls: &Urls, metrics: bool) -> Vec<NavEntry> {
    let entry = |title: &str, url: &str, section: &str| NavEntry {
        title: title.into(),
        url: url.into(),
        section: section.into(),
        children: Vec::new(),
    };
    let mut out = vec![entry("Home", "index.html", "home")];
    if let Some(c) = repo.of_kind(Kind::Charter).next() {
        out.push(entry("Charter", &urls.of(c), "charter"));
    }
    out.push(entry("Decisions", "decisions/index.html", "decisions"));
    if repo.of_kind(Kind::Brief).next().is_some() {
        out.push(entry("Briefs", "briefs/index.html", "briefs"));
    }
    if repo.has_roster() {
        out.push(entry("People", "people/index.html", "people"));
    }
    if repo.of_kind(Kind::Update).next().is_some() {
        out.push(entry("Updates", "updates/index.html", "updates"));
    }
    if repo.of_kind(Kind::Meetings).next().is_some() {
        out.push(entry("Meetings", "meetings/index.html", "meetings"));
    }
    if metrics {
        out.push(entry("Metrics", "metrics.html", "metrics"));
    }
    // Free pages, grouped by folder; a folder's README.md or index.md is the folder's
    // own entry.
    let mut folders: BTreeMap<String, Vec<NavEntry>> = BTreeMap::new();
    let mut folder_pages: BTreeMap<String, (String, String)> = BTreeMap::new();
    for doc in repo.of_kind(Kind::Page) {
        if matches!(&doc.data, Data::Page(p) if p.index_of.is_some())
            || Some(&doc.path) == urls.intro.as_ref()
        {
            continue;
        }
        let folder = folder_of(&doc.handbook_path).to_string();
        if is_index_name(&doc.handbook_path) {
            folder_pages.insert(folder.clone(), (doc.title(), urls.of(doc)));
            folders.entry(folder).or_default();
            continue;
        }
        folders
            .entry(folder)
            .or_default()
            .push(entry(&doc.title(), &urls.of(doc), "pages"));
    }
    for (folder, mut pages) in folders {
        pages.sort_by_key(|a| a.title.to_lowercase());
        if folder.is_empty() {
            out.extend(pages);
        } else {
            let mut title = folder
                .rsplit('/')
                .next()
                .unwrap_or(&folder)
                .replace(['-', '_'], " ");
            if let Some(first) = title.get(..1) {
                title = first.to_uppercase() + &title[1..];
            }
            let (title, url) = folder_pages
                .remove(&folder)
                .unwrap_or((title, String::new()));
            out.push(NavEntry {
                title,
                url,
                section: "pages".into(),
                children: pages,
            });
        }
    }
    out
}

/// Writes every page, asset and feed into `staging`. A document whose front matter
/// cannot be read is left out (its diagnostic says why); the rest is built.
pub(crate) fn write_site(
    repo: &Repository,
    repo_root: &Path,
    templates: &Templates,
    staging: &Staging,
    options: &SiteOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<BuildSummary, SiteError> {
    let urls = Urls::new(repo);
    let site = SiteView {
        title: repo
            .config
            .site
            .title
            .clone()
            .unwrap_or_else(|| "Handbook".to_string()),
        base_url: options
            .base_url
            .clone()
            .or_else(|| repo.config.site.base_url.clone())
            .map(|u| if u.ends_with('/') { u } else { format!("{u}/") }),
        repo_url: repo.config.site.repo_url.clone(),
    };
    let nav = nav(repo, &urls, options.dashboard.is_some());
    let mut ctx = Ctx {
        repo,
        urls,
        site,
        nav,
        templates,
        staging,
        pages: AtomicUsize::new(0),
        written: std::sync::Mutex::new(Vec::new()),
        dashboard: options.dashboard.as_ref(),
        blockers: docket_model::blockers::blockers(repo),
        days: std::sync::OnceLock::new(),
        reference: docket_model::blockers::newest_update(repo),
        hours: repo.has_roster().then(|| {
            // Without any date in the handbook: 1970-01-01, a fixed day all the same.
            let date = docket_model::availability::reference_date(repo).unwrap_or_else(|| {
                docket_model::availability::utc_date(docket_model::time::Time::UNIX_EPOCH)
            });
            docket_model::availability::availability(repo, date)
        }),
        strip: None,
    };
    ctx.strip = ctx.hours.as_ref().map(|a| team::strip(&ctx, a));

    let mut jobs = vec![
        Job::Home,
        Job::DecisionIndex,
        Job::Static("404.html", "404.html", "Page not found"),
        Job::Static("search.html", "search.html", "Search"),
    ];
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
            Data::Page(p) if p.index_of.is_none() && Some(&doc.path) != ctx.urls.intro.as_ref() => {
                jobs.push(Job::Page(doc))
            }
            Data::Charter(_) => jobs.push(Job::Page(doc)),
            Data::Meetings(_) => jobs.push(Job::Meetings),
            _ => {}
        }
    }
    if repo.of_kind(Kind::Brief).next().is_some() {
        jobs.push(Job::BriefIndex);
    }
    if options.dashboard.is_some() {
        jobs.push(Job::Metrics);
    }
    if repo.has_roster() {
        jobs.push(Job::People);
        let n = repo.people().count();
        jobs.extend((0..n).map(Job::Person));
    }
    if !days.is_empty() {
        jobs.push(Job::Updates);
        jobs.extend(days.into_iter().map(Job::Day));
    }
    let total = jobs.len();
    let done = AtomicUsize::new(0);
    jobs.par_iter().try_for_each(|job| {
        render_job(&ctx, job)?;
        progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
        Ok::<(), SiteError>(())
    })?;

    // Assets: the theme, and every non-document file of the handbook (images …).
    for name in ["assets/style.css", "assets/docket.js"] {
        staging.write(name, templates.asset(name).unwrap_or("").as_bytes())?;
    }
    let documents: BTreeSet<&str> = repo.documents.iter().map(|d| d.path.as_str()).collect();
    for file in &repo.files {
        if documents.contains(file.as_str()) {
            continue;
        }
        let rel = match repo.handbook_root.as_str() {
            "" | "." => file.as_str(),
            root => file.strip_prefix(&format!("{root}/")).unwrap_or(file),
        };
        if rel.starts_with("assets/") && templates.asset(rel).is_some() {
            continue;
        }
        let src = repo_root.join(file);
        let bytes = std::fs::read(&src).map_err(|e| SiteError::io(&src, e))?;
        staging.write(rel, &bytes)?;
    }

    // Search index.
    let mut search = SearchIndex::default();
    for doc in repo.documents.iter().filter(|d| !d.broken) {
        let (kind, summary) = match &doc.data {
            Data::Decision(d) => (
                "decision",
                d.status.as_ref().map_or(String::new(), |s| s.value.clone()),
            ),
            Data::Brief(_) => ("brief", String::new()),
            Data::Charter(_) => ("charter", String::new()),
            Data::Update(_) => ("update", String::new()),
            Data::Page(p) if p.index_of.is_none() => ("page", String::new()),
            _ => continue,
        };
        let body = doc.text.get(doc.body.clone()).unwrap_or("");
        let tags = match &doc.data {
            Data::Decision(d) => d.tags.join(" "),
            _ => String::new(),
        };
        let owner = match &doc.data {
            Data::Decision(d) => d.owner.as_ref().map(|o| o.value.clone()),
            _ => doc
                .front
                .as_ref()
                .and_then(|f| f.get("owner"))
                .and_then(|f| f.value.as_scalar_string()),
        }
        .unwrap_or_default();
        let headings: String = doc
            .outline
            .headings
            .iter()
            .map(|h| h.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        // Body words once per document, whatever the body's length (a 40 MB page must
        // not make a 40 MB index).
        let body = body
            .get(..body.len().min(64 * 1024))
            .map_or_else(|| truncate_at_char(body, 64 * 1024), str::to_string);
        search.add(
            &ctx.urls.of(doc),
            &doc.title(),
            kind,
            &summary,
            &[&tags, &owner, &headings, &body],
        );
    }
    for p in repo.people() {
        if let Some(id) = &p.id {
            let name = p.name.clone().unwrap_or_else(|| id.value.clone());
            search.add(
                &ctx.urls.person(&id.value),
                &name,
                "person",
                p.role.as_deref().unwrap_or(""),
                &[&id.value, p.team.as_deref().unwrap_or("")],
            );
        }
    }
    let script = search.to_script();
    staging.write("search-index.js", script.as_bytes())?;

    // Feeds.
    staging.write(
        "decisions.json",
        feeds::decisions_json(repo, &ctx.urls).as_bytes(),
    )?;
    let base = ctx.site.base_url.clone().unwrap_or_default();
    staging.write(
        "feed.xml",
        feeds::atom(repo, &ctx.urls, &ctx.site.title, &base).as_bytes(),
    )?;
    let mut notes = Vec::new();
    let mut written = ctx.written.lock().map(|w| w.clone()).unwrap_or_default();
    written.retain(|u| u != "404.html" && u != "search.html");
    written.sort();
    if ctx.site.base_url.is_some() {
        staging.write("sitemap.xml", feeds::sitemap(&base, &written).as_bytes())?;
    } else {
        notes.push(
            "no sitemap.xml: it needs absolute URLs; pass --base-url or set [site] base_url"
                .to_string(),
        );
    }
    Ok(BuildSummary {
        out: Default::default(),
        pages: ctx.pages.load(Ordering::Relaxed),
        search_bytes: script.len(),
        notes,
    })
}

fn truncate_at_char(s: &str, max: usize) -> String {
    let mut end = max.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_string()
}

fn render_job(ctx: &Ctx<'_>, job: &Job<'_>) -> Result<(), SiteError> {
    let repo = ctx.repo;
    match job {
        Job::Home => {
            let charter = repo
                .of_kind(Kind::Charter)
                .next()
                .map(|c| ctx.doc_view(c, "index.html").0);
            let intro = ctx
                .urls
                .intro
                .as_ref()
                .and_then(|p| repo.document(p))
                .map(|d| ctx.doc_view(d, "index.html").0);
            let rows: Vec<DecisionRow> = sorted_decisions(repo)
                .into_iter()
                .map(|(doc, d)| ctx.decision_row(doc, d))
                .collect();
            let mut open: Vec<&DecisionRow> =
                rows.iter().filter(|r| r.status == "proposed").collect();
            open.sort_by(|a, b| a.deadline_time.cmp(&b.deadline_time).then(a.id.cmp(&b.id)));
            let mut recent: Vec<&DecisionRow> =
                rows.iter().filter(|r| r.decided.is_some()).collect();
            recent.sort_by(|a, b| b.decided.cmp(&a.decided).then(a.id.cmp(&b.id)));
            recent.truncate(10);
            let title = ctx.site.title.clone();
            ctx.write_page(
                "index.html",
                "index.html",
                &title,
                "home",
                context! {
                    charter => charter.map(|c| Value::from_serialize(&c)),
                    intro => intro.map(|c| Value::from_serialize(&c)),
                    open_decisions => Value::from_serialize(&open),
                    recent_decisions => Value::from_serialize(&recent),
                },
            )
        }
        Job::DecisionIndex => {
            let rows: Vec<DecisionRow> = sorted_decisions(repo)
                .into_iter()
                .map(|(doc, d)| ctx.decision_row(doc, d))
                .collect();
            let statuses: BTreeSet<&str> = rows.iter().map(|r| r.status.as_str()).collect();
            let mut owners: Vec<LinkRef> = rows.iter().filter_map(|r| r.owner.clone()).collect();
            owners.sort_by(|a, b| a.id.cmp(&b.id));
            owners.dedup_by(|a, b| a.id == b.id);
            let tags: BTreeSet<&str> = rows
                .iter()
                .flat_map(|r| r.tags.iter().map(String::as_str))
                .collect();
            ctx.write_page(
                "decisions/index.html",
                "decisions.html",
                "Decisions",
                "decisions",
                context! {
                    decisions => Value::from_serialize(&rows),
                    pending => Value::from_serialize(pending_views(ctx)),
                    statuses => Value::from_serialize(&statuses),
                    owners => Value::from_serialize(&owners),
                    tags => Value::from_serialize(&tags),
                },
            )
        }
        Job::Decision(doc) => {
            let Some(d) = doc.decision() else {
                return Ok(());
            };
            let url = ctx.urls.of(doc);
            let (view, _) = ctx.doc_view(doc, &url);
            let options = match doc.front.as_ref().and_then(|f| f.get("options")) {
                Some(f) => match &f.value {
                    docket_syntax::Yaml::Seq(items) => items
                        .iter()
                        .map(|i| {
                            let list = |k: &str| match i.get(k) {
                                Some(docket_syntax::Yaml::Seq(v)) => v
                                    .iter()
                                    .filter_map(docket_syntax::Yaml::as_scalar_string)
                                    .collect(),
                                Some(v) => v.as_scalar_string().into_iter().collect(),
                                None => Vec::new(),
                            };
                            OptionView {
                                name: i
                                    .as_scalar_string()
                                    .or_else(|| {
                                        i.get("name")
                                            .and_then(docket_syntax::Yaml::as_scalar_string)
                                    })
                                    .unwrap_or_default(),
                                pros: list("pros"),
                                cons: list("cons"),
                            }
                        })
                        .collect(),
                    _ => Vec::new(),
                },
                None => Vec::new(),
            };
            let outcome = doc
                .front
                .as_ref()
                .and_then(|f| f.get("outcome"))
                .and_then(|f| f.value.as_scalar_string());
            let chain = |start: &Document, back: bool| -> Vec<LinkRef> {
                let mut out = Vec::new();
                let mut seen = BTreeSet::from([start.path.clone()]);
                let mut frontier = vec![start];
                while let Some(cur) = frontier.pop() {
                    let Some(cd) = cur.decision() else { continue };
                    let next: Vec<&str> = if back {
                        cd.supersedes.iter().map(|r| r.value.as_str()).collect()
                    } else {
                        cd.superseded_by.iter().map(|r| r.value.as_str()).collect()
                    };
                    for r in next {
                        if let [target] = repo.resolve_decision(r).as_slice()
                            && seen.insert(target.path.clone())
                        {
                            out.push(ctx.decision_link(target));
                            frontier.push(target);
                        }
                    }
                }
                out
            };
            let people = |list: &[docket_model::Spanned<String>]| {
                list.iter()
                    .map(|p| ctx.person_ref(&p.value))
                    .collect::<Vec<_>>()
            };
            let dv = DecisionView {
                row: ctx.decision_row(doc, d),
                doc: view,
                options,
                outcome,
                supersedes: d
                    .supersedes
                    .iter()
                    .map(|r| ctx.decision_ref(&r.value))
                    .collect(),
                superseded_by: d.superseded_by.as_ref().map(|r| ctx.decision_ref(&r.value)),
                chain_back: chain(doc, true),
                chain_forward: chain(doc, false),
                consulted: people(&d.consulted),
                informed: people(&d.informed),
                history: ctx.history_entries(&doc.path),
            };
            let title = format!("{} {}", dv.row.id, dv.row.title);
            ctx.write_page(
                &url,
                "decision.html",
                &title,
                "decisions",
                context! { decision => Value::from_serialize(&dv) },
            )
        }
        Job::BriefIndex => {
            let briefs: Vec<BriefView> = repo
                .of_kind(Kind::Brief)
                .map(|doc| brief_view(ctx, doc))
                .collect();
            ctx.write_page(
                "briefs/index.html",
                "briefs.html",
                "Briefs",
                "briefs",
                context! { briefs => Value::from_serialize(&briefs) },
            )
        }
        Job::Brief(doc) => {
            let b = brief_view(ctx, doc);
            let url = b.url.clone();
            let title = b.title.clone();
            ctx.write_page(
                &url,
                "brief.html",
                &title,
                "briefs",
                context! { brief => Value::from_serialize(&b) },
            )
        }
        Job::People => {
            let people: Vec<PersonView> =
                repo.people().filter_map(|p| person_view(ctx, p)).collect();
            ctx.write_page(
                "people/index.html",
                "people.html",
                "People",
                "people",
                context! {
                    people => Value::from_serialize(&people),
                    availability => Value::from_serialize(&ctx.strip),
                },
            )
        }
        Job::Person(i) => {
            let Some(p) = repo.people().nth(*i).and_then(|p| person_view(ctx, p)) else {
                return Ok(());
            };
            // The first entry of an id wins; a duplicate is a finding, not a second page.
            if repo
                .people()
                .position(|q| q.id.as_ref().map(|x| &x.value) == Some(&p.id))
                != Some(*i)
            {
                return Ok(());
            }
            let url = p.url.clone();
            let name = p.name.clone();
            ctx.write_page(
                &url,
                "person.html",
                &name,
                "people",
                context! {
                    person => Value::from_serialize(&p),
                    availability => Value::from_serialize(&ctx.strip),
                },
            )
        }
        Job::Updates => {
            let mut days: Vec<DayView> = ctx.days().values().cloned().collect();
            days.reverse();
            ctx.write_page(
                "updates/index.html",
                "updates.html",
                "Updates",
                "updates",
                context! {
                    days => Value::from_serialize(&days),
                    latest => Value::from_serialize(latest_updates(ctx)),
                    open_blockers => Value::from_serialize(team::open_blockers(ctx, None)),
                    reference => ctx.reference.map(format_date),
                },
            )
        }
        Job::Day(date) => {
            let Some(day) = ctx.days().get(date).cloned() else {
                return Ok(());
            };
            let url = day.url.clone();
            let title = format!("Updates of {date}");
            ctx.write_page(
                &url,
                "update_day.html",
                &title,
                "updates",
                context! {
                    day => Value::from_serialize(&day),
                    reference => ctx.reference.map(format_date),
                },
            )
        }
        Job::Update(doc) => {
            let url = ctx.urls.of(doc);
            let Some(u) = update_view(ctx, doc) else {
                return Ok(());
            };
            let date = match &doc.data {
                Data::Update(x) => x.date.map(format_date).unwrap_or_default(),
                _ => String::new(),
            };
            let day = DayView {
                date: date.clone(),
                url: day_url(&date),
                updates: vec![u],
            };
            let title = format!("{} · {date}", doc.stem());
            ctx.write_page(
                &url,
                "update_day.html",
                &title,
                "updates",
                context! {
                    day => Value::from_serialize(&day),
                    reference => ctx.reference.map(format_date),
                },
            )
        }
        Job::Metrics => {
            let Some(dashboard) = ctx.dashboard else {
                return Ok(());
            };
            let charts: Vec<Value> = dashboard
                .charts
                .iter()
                .map(|c| {
                    let labels: Vec<&str> = c
                        .series
                        .first()
                        .map(|(_, v)| v.iter().map(|(l, _)| l.as_str()).collect())
                        .unwrap_or_default();
                    let rows: Vec<Vec<String>> = labels
                        .iter()
                        .enumerate()
                        .map(|(i, l)| {
                            std::iter::once((*l).to_string())
                                .chain(c.series.iter().map(|(_, v)| {
                                    v.get(i).map_or(String::new(), |p| format!("{}", p.1))
                                }))
                                .collect()
                        })
                        .collect();
                    context! {
                        id => c.id.clone(),
                        title => c.title.clone(),
                        x_label => c.x_label.clone(),
                        y_label => c.y_label.clone(),
                        names => c.series.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>(),
                        rows => rows,
                        svg => Value::from_safe_string(crate::svg::render(c)),
                    }
                })
                .collect();
            ctx.write_page(
                "metrics.html",
                "metrics.html",
                "Metrics",
                "metrics",
                context! {
                    metrics => Value::from_serialize(&dashboard.metrics),
                    reference => dashboard.reference.clone(),
                    charts => charts,
                },
            )
        }
        Job::Meetings => {
            let norms = repo.norms();
            let mut meetings = Vec::new();
            for doc in repo.of_kind(Kind::Meetings) {
                if let Data::Meetings(list) = &doc.data {
                    for m in list {
                        let cadence = m.cadence.clone().unwrap_or_default();
                        let duration = m.duration.as_ref().map(|d| d.value);
                        let hours = duration.unwrap_or(0) as f64 / 60.0
                            * docket_model::meeting_load::occurrences_per_week(&cadence)
                                .unwrap_or(0.0)
                            * m.attendees.len() as f64;
                        meetings.push(MeetingView {
                            name: m.name.clone().unwrap_or_default(),
                            category: m.category.clone().unwrap_or_default(),
                            cadence,
                            duration,
                            attendees: m
                                .attendees
                                .iter()
                                .map(|a| ctx.person_ref(&a.value))
                                .collect(),
                            agenda: m.agenda,
                            hours_per_week: (hours * 100.0).round() / 100.0,
                            replaceable: m.category.as_deref() == Some("update"),
                            off_length: duration
                                .is_some_and(|d| !norms.meeting_lengths.contains(&d)),
                        });
                    }
                }
            }
            let total: f64 = meetings.iter().map(|m| m.hours_per_week).sum();
            ctx.write_page(
                "meetings/index.html",
                "meetings.html",
                "Meetings",
                "meetings",
                context! {
                    meetings => Value::from_serialize(&meetings),
                    meeting_hours => (total * 100.0).round() / 100.0,
                    load => Value::from_serialize(team::meeting_load(ctx)),
                },
            )
        }
        Job::Page(doc) => {
            let url = ctx.urls.of(doc);
            let (view, _) = ctx.doc_view(doc, &url);
            let section = if doc.kind == Kind::Charter {
                "charter"
            } else {
                "pages"
            };
            let title = view.title.clone();
            ctx.write_page(
                &url,
                "page.html",
                &title,
                section,
                context! { doc => Value::from_serialize(&view) },
            )
        }
        Job::Static(url, template, title) => ctx.write_page(
            url,
            template,
            title,
            if *url == "404.html" { "404" } else { "search" },
            context! {},
        ),
    }
}

fn pending_views(ctx: &Ctx<'_>) -> Vec<PendingView> {
    ctx.repo
        .pending
        .iter()
        .map(|p| PendingView {
            branch: p.branch.clone(),
            file: p.path.rsplit('/').next().unwrap_or(&p.path).to_string(),
            title: p.title.clone(),
            status: p.status.clone().unwrap_or_else(|| "unknown".into()),
            owner: p.owner.as_ref().map(|o| ctx.person_ref(o)),
        })
        .collect()
}

fn brief_view(ctx: &Ctx<'_>, doc: &Document) -> BriefView {
    let url = ctx.urls.of(doc);
    let (view, _) = ctx.doc_view(doc, &url);
    let b = match &doc.data {
        Data::Brief(b) => b.clone(),
        _ => Default::default(),
    };
    BriefView {
        title: doc.title(),
        status: b.status.map_or_else(|| "unknown".into(), |s| s.value),
        owner: b.owner.map(|o| ctx.person_ref(&o.value)),
        deadline: b.deadline.map(|t| format_date(t.value)),
        estimate: b.estimate,
        url,
        doc: view,
    }
}

fn person_view(ctx: &Ctx<'_>, p: &docket_model::Person) -> Option<PersonView> {
    let id = p.id.as_ref()?.value.clone();
    let repo = ctx.repo;
    let decisions = sorted_decisions(repo)
        .into_iter()
        .filter(|(_, d)| d.owner.as_ref().is_some_and(|o| o.value == id))
        .map(|(doc, _)| ctx.decision_link(doc))
        .collect();
    let briefs = repo
        .of_kind(Kind::Brief)
        .filter(|doc| matches!(&doc.data, Data::Brief(b) if b.owner.as_ref().is_some_and(|o| o.value == id)))
        .map(|doc| ctx.doc_link(doc))
        .collect();
    // Open blockers: the model's blocker runs that no later update resolves.
    let open_blockers = team::open_blockers(ctx, Some(&id));
    let hours = team::person_hours(ctx, &id);
    Some(PersonView {
        url: ctx.urls.person(&id),
        name: p.name.clone().unwrap_or_else(|| id.clone()),
        id,
        role: p.role.clone(),
        team: p.team.clone(),
        timezone: p.timezone.clone(),
        decisions,
        briefs,
        blockers: open_blockers.iter().map(|b| b.text.clone()).collect(),
        open_blockers,
        hours: hours.hours,
        hours_default: hours.hours_default,
        utc_offset: hours.utc_offset,
        hours_utc: hours.hours_utc,
        overlaps: hours.overlaps,
    })
}

fn day_url(date: &str) -> String {
    format!("updates/{}/index.html", url_segment(date))
}

fn update_view(ctx: &Ctx<'_>, doc: &Document) -> Option<UpdateView> {
    let Data::Update(u) = &doc.data else {
        return None;
    };
    let person = u
        .person
        .as_ref()
        .map_or_else(|| doc.stem().to_string(), |p| p.value.clone());
    let mut view = UpdateView {
        person: ctx.person_ref(&person),
        done: u.done.as_ref().map(|l| l.text.clone()),
        next: u.next.as_ref().map(|l| l.text.clone()),
        blocker: u.blocker.as_ref().map(|l| l.text.clone()),
        blocked: u.open_blocker().is_some(),
        waits_on: u
            .blocker_refs
            .iter()
            .map(|r| ctx.decision_ref(&r.value))
            .collect(),
        url: ctx.urls.of(doc),
        date: u.date.map(format_date).unwrap_or_default(),
        blocker_open: false,
        blocker_since: None,
        blocker_since_time: None,
        blocker_age_hours: None,
        blocker_age: None,
        blocker_resolved: None,
        blocker_stale: false,
    };
    team::fill_update_blocker(ctx, u, &mut view);
    Some(view)
}

/// Open blockers first (the oldest first), then other blocked updates, then by person.
fn blockers_first(a: &UpdateView, b: &UpdateView) -> std::cmp::Ordering {
    (b.blocker_open, b.blocked)
        .cmp(&(a.blocker_open, a.blocked))
        .then(a.blocker_since_time.cmp(&b.blocker_since_time))
        .then(a.person.id.cmp(&b.person.id))
}

/// Each person's latest update, open blockers first.
fn latest_updates(ctx: &Ctx<'_>) -> Vec<UpdateView> {
    let mut latest: BTreeMap<String, (Time, &Document)> = BTreeMap::new();
    for doc in ctx.repo.of_kind(Kind::Update).filter(|d| !d.broken) {
        let Data::Update(u) = &doc.data else { continue };
        let (Some(person), Some(date)) = (&u.person, u.date) else {
            continue;
        };
        let slot = latest.entry(person.value.clone()).or_insert((date, doc));
        if (date, &doc.path) > (slot.0, &slot.1.path) {
            *slot = (date, doc);
        }
    }
    let mut out: Vec<UpdateView> = latest
        .values()
        .filter_map(|(_, doc)| update_view(ctx, doc))
        .collect();
    out.sort_by(blockers_first);
    out
}

fn day_views(ctx: &Ctx<'_>) -> BTreeMap<String, DayView> {
    let mut days: BTreeMap<String, DayView> = BTreeMap::new();
    for doc in ctx.repo.of_kind(Kind::Update) {
        let Data::Update(u) = &doc.data else { continue };
        let Some(date) = u.date.map(format_date) else {
            continue;
        };
        let Some(view) = update_view(ctx, doc) else {
            continue;
        };
        days.entry(date.clone())
            .or_insert_with(|| DayView {
                url: day_url(&date),
                date,
                updates: Vec::new(),
            })
            .updates
            .push(view);
    }
    for day in days.values_mut() {
        day.updates.sort_by(blockers_first);
    }
    days
}
