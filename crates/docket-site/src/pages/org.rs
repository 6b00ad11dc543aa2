//! The organisation's pages of a hub (issue 16), under `org/`: the index of every
//! source's records in numbered pages (`org/index.html`, `org/page-2.html`, …;
//! [`docket_hub::page`]), each source's own list (`org/<source>/index.html`, …),
//! a page per record of a source without a `site` (`org/<source>/<stem>.html`;
//! a source with one is linked to its own pages), the people of every roster
//! (`org/people.html`) and the figures per source and in total
//! (`org/metrics.html`), and `org/index.js`, the compact rows the index's filters
//! and search read (loaded as a script, so it works from `file://`).
//!
//! No page grows with the organisation: a list page holds [`PER_PAGE`] rows, and the
//! filter's choices are the sources and statuses (owners and tags are typed).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use docket_hub::page::pages;

use super::paging;
use docket_hub::{Entry, Figures, Hub, Source, figures, hub_page, page_of, reference_time};
use docket_model::{id_key, split_reference};
use minijinja::{Value, context};
use rayon::prelude::*;
use serde::Serialize;

use crate::error::SiteError;
use crate::prepared::Prepared;
use crate::writer::{Page, Writer};

/// Rows on one page of a list.
pub(crate) const PER_PAGE: usize = 100;

#[derive(Serialize)]
struct Row<'a> {
    source: &'a str,
    id: String,
    title: &'a str,
    status: &'a str,
    owner: Option<&'a str>,
    date: Option<&'a str>,
    tags: &'a [String],
    /// The page: site-relative (`local`), or an address on the source's own site.
    url: String,
    local: bool,
}

#[derive(Serialize)]
struct SourceView<'a> {
    name: &'a str,
    url: String,
    site: Option<&'a str>,
    origin: &'a str,
    read: bool,
    decisions: usize,
    figures: FiguresView,
}

#[derive(Serialize)]
struct FiguresView {
    total: usize,
    decided: usize,
    by_status: BTreeMap<String, usize>,
    with_owner_pct: f64,
    median_hours_to_decide: Option<f64>,
    open_past_deadline: usize,
}

impl From<Figures> for FiguresView {
    fn from(f: Figures) -> Self {
        Self {
            total: f.total,
            decided: f.decided,
            by_status: f.by_status,
            with_owner_pct: f.with_owner_pct,
            median_hours_to_decide: f.median_hours_to_decide,
            open_past_deadline: f.open_past_deadline,
        }
    }
}

#[derive(Serialize)]
struct RefView {
    text: String,
    url: Option<String>,
    local: bool,
}

/// Where each record's page is, by (source, id key), for references.
struct Pages<'h> {
    by_key: HashMap<(&'h str, String), (String, bool)>,
}

impl<'h> Pages<'h> {
    fn new(hub: &'h Hub) -> Self {
        let mut by_key = HashMap::new();
        for s in &hub.sources {
            for e in &hub.entries[s.entries.clone()] {
                let url = page_of(s, e);
                let local = s.site.is_none() || e.url.is_none();
                by_key.insert(
                    (s.name.as_str(), id_key(&e.reference())),
                    (url.clone(), local),
                );
                if !e.stem().is_empty() {
                    by_key.insert((s.name.as_str(), id_key(e.stem())), (url, local));
                }
            }
        }
        Self { by_key }
    }

    /// A reference written in a record of `source`: `SOURCE:ID` for another
    /// source's, a bare id for its own.
    fn reference(&self, source: &str, written: &serde_json::Value) -> RefView {
        let text = match written {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let (src, id) = split_reference(&text).unwrap_or((source, text.as_str()));
        let found = self.by_key.get(&(src, id_key(id)));
        RefView {
            url: found.map(|(u, _)| u.clone()),
            local: found.is_some_and(|(_, l)| *l),
            text,
        }
    }
}

fn row<'a>(s: &'a Source, e: &'a Entry) -> Row<'a> {
    Row {
        source: &s.name,
        id: e.reference(),
        title: &e.title,
        status: e.status.as_deref().unwrap_or(""),
        owner: e.owner.as_deref(),
        date: e.date.as_deref(),
        tags: &e.tags,
        url: page_of(s, e),
        local: s.site.is_none() || e.url.is_none(),
    }
}

/// The rows of the index: every source's records, in the order of the sources.
fn rows(hub: &Hub) -> Vec<Row<'_>> {
    hub.sources
        .iter()
        .flat_map(|s| {
            hub.entries[s.entries.clone()]
                .iter()
                .map(move |e| row(s, e))
        })
        .collect()
}

fn source_url(name: &str) -> String {
    format!("org/{name}/index.html")
}

/// Writes every page of the organisation and `org/index.js`.
pub(crate) fn write(p: &Prepared<'_>, w: &Writer<'_>, hub: &Hub) -> Result<(), SiteError> {
    let now = reference_time(&hub.entries);
    let sources: Vec<SourceView<'_>> = hub
        .sources
        .iter()
        .map(|s| SourceView {
            name: &s.name,
            url: source_url(&s.name),
            site: s.site.as_deref(),
            origin: &s.origin,
            read: s.read,
            decisions: s.entries.len(),
            figures: figures(&hub.entries[s.entries.clone()], now).into(),
        })
        .collect();
    let total: FiguresView = figures(&hub.entries, now).into();
    let statuses: BTreeSet<&str> = hub
        .entries
        .iter()
        .filter_map(|e| e.status.as_deref())
        .collect();
    let shared = context! {
        sources => Value::from_serialize(&sources),
        statuses => Value::from_serialize(&statuses),
        total => Value::from_serialize(&total),
        reference => now.map(docket_model::time::format_date),
    };
    let all = rows(hub);
    // The lists: the whole organisation, then each source.
    let mut lists: Vec<(Option<&Source>, &[Row<'_>])> = vec![(None, &all)];
    let mut at = 0;
    for s in &hub.sources {
        lists.push((Some(s), &all[at..at + s.entries.len()]));
        at += s.entries.len();
    }
    let jobs: Vec<(Option<&Source>, &[Row<'_>], docket_hub::page::Page)> = lists
        .iter()
        .flat_map(|(s, rows)| {
            pages(rows.len(), PER_PAGE)
                .into_iter()
                .map(move |pg| (*s, *rows, pg))
        })
        .collect();
    jobs.par_iter().try_for_each(|(source, rows, pg)| {
        let folder = source.map_or_else(|| "org/".to_string(), |s| format!("org/{}/", s.name));
        let index = format!("{folder}index.html");
        let url = paging::page_url(&index, pg.number);
        let pager = paging::pager(&index, pg, rows.len());
        let title = match source {
            Some(s) => format!("Decisions of {}", s.name),
            None => "Organisation decisions".to_string(),
        };
        let title = paging::title(&title, pg.number, pg.count);
        let source_view = source.and_then(|s| sources.iter().find(|v| v.name == s.name));
        w.page(
            &Page::new(&url, "org.html", &title, "org"),
            context! {
                rows => Value::from_serialize(&rows[pg.rows.clone()]),
                first => pg.rows.start + 1,
                count => rows.len(),
                page_number => pg.number,
                page_count => pg.count,
                pager => Value::from_serialize(&pager),
                source => Value::from_serialize(source_view),
                ..shared.clone()
            },
        )
    })?;
    // A page per record of a source without a site of its own.
    let refs = Pages::new(hub);
    let own_pages: Vec<(&Source, &Entry)> = hub
        .sources
        .iter()
        .flat_map(|s| hub.entries[s.entries.clone()].iter().map(move |e| (s, e)))
        .filter(|(s, e)| s.site.is_none() || e.url.is_none())
        .collect();
    own_pages.par_iter().try_for_each(|(s, e)| {
        let url = hub_page(&s.name, e);
        let supersedes: Vec<RefView> = e
            .supersedes
            .iter()
            .map(|r| refs.reference(&s.name, r))
            .collect();
        let superseded_by: Vec<RefView> = e
            .superseded_by_list()
            .into_iter()
            .map(|r| refs.reference(&s.name, r))
            .collect();
        let title = format!("{}:{} {}", s.name, e.reference(), e.title);
        w.page(
            &Page::new(&url, "org_decision.html", &title, "org"),
            context! {
                d => Value::from_serialize(e),
                source => Value::from_serialize(sources.iter().find(|v| v.name == s.name)),
                supersedes => Value::from_serialize(&supersedes),
                superseded_by => Value::from_serialize(&superseded_by),
            },
        )
    })?;
    people(w, hub)?;
    w.page(
        &Page::new(
            "org/metrics.html",
            "org_metrics.html",
            "Organisation figures",
            "org",
        ),
        shared.clone(),
    )?;
    w.file("org/index.js", index_script(&all).as_bytes())?;
    let _ = p;
    Ok(())
}

#[derive(Serialize)]
struct PersonView<'a> {
    id: &'a str,
    name: Option<&'a str>,
    timezone: Option<&'a str>,
    sources: Vec<&'a str>,
    owns: BTreeMap<&'a str, usize>,
}

/// `org/people.html`: every roster's people by id, and whose decisions they own
/// in each source (owners no roster lists included).
fn people(w: &Writer<'_>, hub: &Hub) -> Result<(), SiteError> {
    let mut owns: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for e in &hub.entries {
        if let (Some(owner), Some(source)) = (e.owner.as_deref(), e.source.as_deref()) {
            *owns.entry(owner).or_default().entry(source).or_default() += 1;
        }
    }
    let mut people: Vec<PersonView<'_>> = hub
        .people
        .iter()
        .map(|p| PersonView {
            id: &p.id,
            name: p.name.as_deref(),
            timezone: p.timezone.as_deref(),
            sources: p
                .sources
                .iter()
                .map(|s| {
                    if s.is_empty() {
                        "(this hub)"
                    } else {
                        s.as_str()
                    }
                })
                .collect(),
            owns: owns.remove(p.id.as_str()).unwrap_or_default(),
        })
        .collect();
    people.extend(owns.into_iter().map(|(id, owns)| PersonView {
        id,
        name: None,
        timezone: None,
        sources: Vec::new(),
        owns,
    }));
    people.sort_by(|a, b| a.id.cmp(b.id));
    w.page(
        &Page::new(
            "org/people.html",
            "org_people.html",
            "People across the organisation",
            "org",
        ),
        context! { people => Value::from_serialize(&people) },
    )
}

/// `org/index.js`: `window.docketOrg = [[source, id, title, status, owner, tags,
/// url, local], …]`, what the index's filters and search read.
fn index_script(rows: &[Row<'_>]) -> String {
    let compact: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| {
            serde_json::json!([
                r.source,
                r.id,
                r.title,
                r.status,
                r.owner.unwrap_or(""),
                r.tags.join(" "),
                r.url,
                u8::from(r.local)
            ])
        })
        .collect();
    let json = serde_json::to_string(&compact).unwrap_or_else(|_| "[]".into());
    // `</script>` cannot end a script file, but `<!--` and `</` are escaped anyway so
    // the data reads the same wherever it is included.
    let json = json.replace("</", "<\\/").replace("<!--", "<\\!--");
    format!("window.docketOrg = {json};\n")
}
