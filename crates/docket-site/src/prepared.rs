//! What every page reads, computed once before any page renders: where the pages
//! are and the link helpers ([`Links`]), the site view, the navigation, the team's
//! figures, the availability strip, the updates by day, the meeting load, each record
//! kind as its index shows it, and each record's index row and supersession chain.
//! Plain data: no interior mutability, so the pages can read it from every worker at
//! once.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use docket_model::graph::{Direction, chain};
use docket_model::time::{Time, format_date, format_time};
use docket_model::{Decision, DecisionId, Document, Kind, Repository, StatusCategory};
use docket_syntax::Yaml;
use rayon::prelude::*;

use crate::links::Links;
use crate::nav::nav;
use crate::norms::norms;
use crate::options::{Dashboard, SiteOptions};
use crate::related;
use crate::strip::strip;
use crate::team::{Team, meeting_load};
use crate::views::{
    AvailabilityView, CategoryView, DayView, DecisionRow, FacetView, KindView, LinkRef,
    MeetingLoadView, NavEntry, NormView, SiteView,
};

/// The prepared data of one build.
pub(crate) struct Prepared<'a> {
    /// The repository the site is built from.
    pub(crate) repo: &'a Repository,
    /// Where every page is, and links to them.
    pub(crate) links: Links<'a>,
    /// `site` in every template.
    pub(crate) site: SiteView,
    /// `nav` in every template.
    pub(crate) nav: Vec<NavEntry>,
    /// Blocker episodes, the reference date and the team's working hours.
    pub(crate) team: Team,
    /// The availability strip drawn from `team.hours`.
    pub(crate) strip: Option<AvailabilityView>,
    /// The updates grouped by day (every day page and the updates index read it).
    pub(crate) days: BTreeMap<String, DayView>,
    /// Every roster person's meeting load.
    pub(crate) meeting_load: MeetingLoadView,
    /// Every readable record: the decisions, then each kind of the team's own (in
    /// the order of [`docket_model::Config::record_kinds`]), each sorted by id then
    /// path.
    pub(crate) records: Vec<Listed<'a>>,
    /// Index into `records` by the document's path.
    record_at: HashMap<&'a str, usize>,
    /// Every record kind as its index and pages show it, in the same order.
    pub(crate) kinds: Vec<(Kind, KindView)>,
    /// Each record kind's records and what its index filters by, in the same order.
    pub(crate) indexes: Vec<(Kind, KindIndex)>,
    /// The metrics dashboard, when the caller computed one.
    pub(crate) dashboard: Option<&'a Dashboard>,
    /// The organisation's index, when the handbook is a hub.
    pub(crate) hub: Option<&'a std::sync::Arc<docket_hub::Hub>>,
    /// The charter's norms in words (the charter page and the home page show them).
    pub(crate) norms: Vec<NormView>,
}

/// A record kind's records (a run of `Prepared::records`, which are sorted by kind)
/// and what the filters of its index offer over all of them: computed once, not
/// once per numbered page.
pub(crate) struct KindIndex {
    /// Where the kind's records are in `Prepared::records`.
    pub(crate) records: std::ops::Range<usize>,
    /// The kind's statuses, then any other a record states (as written).
    pub(crate) statuses: Vec<String>,
    /// The statuses records state that are not the kind's.
    pub(crate) others: Vec<String>,
    /// The owners, by id.
    pub(crate) owners: Vec<LinkRef>,
    /// The tags, sorted.
    pub(crate) tags: Vec<String>,
}

/// A record with what its pages show of it.
pub(crate) struct Listed<'a> {
    /// The document.
    pub(crate) doc: &'a Document,
    /// Its typed data.
    pub(crate) decision: &'a Decision,
    /// Its row in the index.
    pub(crate) row: DecisionRow,
    /// Older decisions, following `supersedes` back (nearest first).
    pub(crate) chain_back: Vec<LinkRef>,
    /// Newer decisions, following `superseded_by` forward (nearest first).
    pub(crate) chain_forward: Vec<LinkRef>,
    /// The most similar records of its kind by text (indices into
    /// `Prepared::records`, most similar first), not counting its supersession
    /// chain.
    pub(crate) related: Vec<usize>,
}

impl<'a> Prepared<'a> {
    /// Computes everything the pages of `repo` share.
    pub(crate) fn new(repo: &'a Repository, options: &'a SiteOptions) -> Self {
        let links = Links::new(repo);
        let team = Team::new(repo);
        let strip = team.hours.as_ref().map(|a| strip(&links, a));
        let days = team.day_views(&links);
        let mut records = listed_records(&links);
        relate(&mut records, options.related.as_deref());
        let kinds = kind_views(&links, &records);
        let indexes = kinds
            .iter()
            .map(|(kind, view)| (*kind, kind_index(&records, *kind, view)))
            .collect();
        let norms = norms(repo, &links.urls);
        let record_at = records
            .iter()
            .enumerate()
            .map(|(i, l)| (l.doc.path.as_str(), i))
            .collect();
        Self {
            repo,
            site: site_view(repo, options),
            nav: with_org(nav(repo, &links.urls, options.dashboard.is_some()), options),
            meeting_load: meeting_load(&links),
            links,
            team,
            strip,
            days,
            records,
            record_at,
            kinds,
            indexes,
            dashboard: options.dashboard.as_ref(),
            hub: options.hub.as_ref(),
            norms,
        }
    }

    /// The paths of the documents of `kind` that cannot be read and are left out of
    /// the pages, for the index page's "left out" line (their findings say why).
    pub(crate) fn left_out(&self, kind: Kind) -> Vec<String> {
        self.repo
            .broken_of_kind(kind)
            .map(|d| d.path.clone())
            .collect()
    }

    /// The listed record of `doc` (none for another kind or a broken file).
    pub(crate) fn decision(&self, doc: &Document) -> Option<&Listed<'a>> {
        self.record_at
            .get(doc.path.as_str())
            .and_then(|&i| self.records.get(i))
    }

    /// The listed records of `kind`, sorted by id then path.
    pub(crate) fn records_of(&self, kind: Kind) -> &[Listed<'a>] {
        self.index(kind)
            .and_then(|i| self.records.get(i.records.clone()))
            .unwrap_or(&[])
    }

    /// The listed decisions (of the built-in kind), sorted by id then path.
    pub(crate) fn decisions(&self) -> impl Iterator<Item = &Listed<'a>> {
        self.records_of(Kind::Decision).iter()
    }

    /// A record kind's records and what its index filters by.
    pub(crate) fn index(&self, kind: Kind) -> Option<&KindIndex> {
        self.indexes
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, f)| f)
    }

    /// The view of a record kind (the decisions' for a kind docket.toml does not
    /// declare).
    pub(crate) fn kind(&self, kind: Kind) -> Option<&KindView> {
        self.kinds.iter().find(|(k, _)| *k == kind).map(|(_, v)| v)
    }
}

/// The navigation of a hub: the organisation's index after Home.
fn with_org(mut nav: Vec<NavEntry>, options: &SiteOptions) -> Vec<NavEntry> {
    if options.hub.is_some() {
        let at = nav.len().min(1);
        nav.insert(
            at,
            NavEntry {
                title: "Organisation".into(),
                url: "org/index.html".into(),
                section: "org".into(),
                children: Vec::new(),
            },
        );
    }
    nav
}

fn site_view(repo: &Repository, options: &SiteOptions) -> SiteView {
    SiteView {
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
        csp: crate::views::CONTENT_SECURITY_POLICY,
        referrer: crate::views::REFERRER_POLICY,
    }
}

/// A proposed decision's deadline: explicit, or `date` + the charter's
/// `decision_deadline` (SPEC §3). None for other statuses.
pub(crate) fn effective_deadline(repo: &Repository, doc: &Document) -> Option<Time> {
    doc.proposed_deadline(repo.norms()).map(|d| d.time)
}

fn listed_records<'a>(links: &Links<'a>) -> Vec<Listed<'a>> {
    let repo = links.repo;
    let order: Vec<Kind> = repo.config.record_kinds();
    let rank = |k: Kind| order.iter().position(|&o| o == k).unwrap_or(order.len());
    let mut v: Vec<_> = repo
        .readable_decisions()
        .filter(|(_, d)| order.contains(&d.kind))
        .collect();
    v.sort_by(|a, b| {
        (rank(a.1.kind), &a.1.id, &a.0.path).cmp(&(rank(b.1.kind), &b.1.id, &b.0.path))
    });
    v.into_par_iter()
        .map(|(doc, decision)| Listed {
            doc,
            decision,
            row: decision_row(links, doc, decision),
            chain_back: supersession_chain(links, doc, Direction::Back),
            chain_forward: supersession_chain(links, doc, Direction::Forward),
            related: Vec::new(),
        })
        .collect()
}

/// The records of `kind` (shown as `view`) and what its index filters by.
fn kind_index(records: &[Listed<'_>], kind: Kind, view: &KindView) -> KindIndex {
    let start = records
        .iter()
        .position(|l| l.decision.kind == kind)
        .unwrap_or(records.len());
    let end = start
        + records[start..]
            .iter()
            .take_while(|l| l.decision.kind == kind)
            .count();
    let rows = || records[start..end].iter().map(|l| &l.row);
    let mut statuses: Vec<String> = view
        .categories
        .iter()
        .flat_map(|c| c.statuses.iter().cloned())
        .collect();
    let known: BTreeSet<&str> = statuses.iter().map(String::as_str).collect();
    let others: Vec<String> = rows()
        .map(|r| r.status.as_str())
        .filter(|s| !known.contains(s))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(str::to_string)
        .collect();
    statuses.extend(others.iter().cloned());
    let mut owners: Vec<LinkRef> = rows().filter_map(|r| r.owner.clone()).collect();
    owners.sort_by(|a, b| a.id.cmp(&b.id));
    owners.dedup_by(|a, b| a.id == b.id);
    let tags: Vec<String> = rows()
        .flat_map(|r| r.tags.iter().map(String::as_str))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(str::to_string)
        .collect();
    KindIndex {
        records: start..end,
        statuses,
        others,
        owners,
        tags,
    }
}

/// Fills each record's `related` (see [`crate::related`]), leaving out the records
/// its supersession chain already links.
fn relate(records: &mut [Listed<'_>], cache: Option<&related::RelatedCounts>) {
    let titles: Vec<String> = records
        .iter()
        .map(|l| format!("{} {}", l.row.title, l.row.tags.join(" ")))
        .collect();
    let mut kinds: Vec<Kind> = Vec::new();
    let texts: Vec<related::Text<'_>> = records
        .iter()
        .zip(&titles)
        .map(|(l, title)| related::Text {
            path: &l.doc.path,
            group: kinds
                .iter()
                .position(|&k| k == l.decision.kind)
                .unwrap_or_else(|| {
                    kinds.push(l.decision.kind);
                    kinds.len() - 1
                }),
            title,
            body: l.doc.text.get(l.doc.body.clone()).unwrap_or(""),
        })
        .collect();
    let found = related::related(&texts, cache);
    drop(texts);
    for (i, near) in found.into_iter().enumerate() {
        let chained: Vec<&str> = records[i]
            .chain_back
            .iter()
            .chain(&records[i].chain_forward)
            .map(|r| r.url.as_str())
            .collect();
        let keep: Vec<usize> = near
            .into_iter()
            .filter(|&j| !chained.contains(&records[j].row.url.as_str()))
            .collect();
        records[i].related = keep;
    }
}

fn decision_row(links: &Links<'_>, doc: &Document, d: &Decision) -> DecisionRow {
    let deadline = effective_deadline(links.repo, doc);
    DecisionRow {
        id: d.qualified_id().unwrap_or_else(|| doc.stem().to_string()),
        number: match d.id {
            Some(DecisionId::Number(n)) => Some(n),
            _ => None,
        },
        kind: d.kind.name().to_string(),
        folder: d.folder.clone(),
        title: doc.title(),
        status: d
            .status
            .as_ref()
            .map_or_else(|| "unknown".to_string(), |s| s.value.clone()),
        category: d.category.map(StatusCategory::name),
        owner: d.owner.as_ref().map(|o| links.person_ref(&o.value)),
        date: d.date.as_ref().map(|t| format_date(t.value)),
        deadline: deadline.map(format_date),
        deadline_time: deadline.map(format_time),
        decided: d.decided.as_ref().map(|t| format_date(t.value)),
        tags: d.tags.clone(),
        facets: facet_values(links.repo, doc, d.kind),
        url: links.urls.of(doc),
        path: doc.path.clone(),
    }
}

/// The values `doc`'s front matter gives for each of its kind's facets: a scalar, or
/// each scalar of a list, trimmed; keys without a value are left out.
fn facet_values(repo: &Repository, doc: &Document, kind: Kind) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    let Some(front) = doc.front.as_ref() else {
        return out;
    };
    for key in &repo.config.kind_config(kind).facets {
        let Some(field) = front.get(key) else {
            continue;
        };
        let items: Vec<&Yaml> = match &field.value {
            Yaml::Seq(list) => list.iter().collect(),
            one => vec![one],
        };
        let mut values: Vec<String> = items
            .into_iter()
            .filter_map(Yaml::as_scalar_string)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect();
        values.dedup();
        if !values.is_empty() {
            out.insert(key.clone(), values);
        }
    }
    out
}

/// The filters a kind's index has besides its facets: a facet named like one of
/// them is named `facet-<key>` in the index's address.
const FILTERS: [&str; 8] = [
    "status", "state", "owner", "folder", "tag", "q", "text", "reset",
];

/// Every record kind as its index and pages show it.
fn kind_views(links: &Links<'_>, records: &[Listed<'_>]) -> Vec<(Kind, KindView)> {
    let config = &links.repo.config;
    config
        .record_kinds()
        .into_iter()
        .map(|kind| {
            let rows = || records.iter().filter(move |l| l.decision.kind == kind);
            let facets = config
                .kind_config(kind)
                .facets
                .iter()
                .map(|key| FacetView {
                    key: key.clone(),
                    label: capitalised(key),
                    param: if FILTERS.contains(&key.as_str()) {
                        format!("facet-{key}")
                    } else {
                        key.clone()
                    },
                    values: rows()
                        .flat_map(|l| l.row.facets.get(key).into_iter().flatten())
                        .cloned()
                        .collect::<BTreeSet<_>>()
                        .into_iter()
                        .collect(),
                })
                .collect();
            let (noun, nouns) = match kind {
                Kind::Decision => ("decision", "decisions"),
                _ => ("record", "records"),
            };
            let view = KindView {
                name: kind.name().to_string(),
                title: config.kind_title(kind),
                noun: noun.into(),
                nouns: nouns.into(),
                url: links.urls.kind_index(kind),
                folders: links.repo.folder_labels(kind).map(str::to_string).collect(),
                categories: StatusCategory::ALL
                    .into_iter()
                    .map(|c| CategoryView {
                        name: c.name(),
                        label: capitalised(c.name()),
                        statuses: config
                            .statuses(kind, c)
                            .iter()
                            .map(|s| s.to_string())
                            .collect(),
                    })
                    .collect(),
                facets,
            };
            (kind, view)
        })
        .collect()
}

/// `type` → `Type`, `last-call` → `Last call`.
fn capitalised(key: &str) -> String {
    let spaced = key.replace(['-', '_'], " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => spaced,
    }
}

/// The decisions `start` replaces (`Back`, following `supersedes`) or that replace
/// it (`Forward`), as links: the model's one walk of the chain.
fn supersession_chain(links: &Links<'_>, start: &Document, dir: Direction) -> Vec<LinkRef> {
    chain(links.repo, start, dir)
        .into_iter()
        .map(|d| links.decision_link(d))
        .collect()
}
