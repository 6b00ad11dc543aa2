//! What every page reads, computed once before any page renders: where the pages
//! are and the link helpers ([`Links`]), the site view, the navigation, the team's
//! figures, the availability strip, the updates by day, the meeting load, and each
//! decision's index row and supersession chain. Plain data: no interior mutability,
//! so the pages can read it from every worker at once.

use std::collections::{BTreeMap, HashMap};

use docket_model::graph::{Direction, chain};
use docket_model::time::{Time, format_date, format_time};
use docket_model::{Decision, DecisionId, Document, Kind, Repository};

use crate::links::Links;
use crate::nav::nav;
use crate::norms::norms;
use crate::options::{Dashboard, SiteOptions};
use crate::strip::strip;
use crate::team::{Team, meeting_load};
use crate::views::{
    AvailabilityView, DayView, DecisionRow, LinkRef, MeetingLoadView, NavEntry, NormView, SiteView,
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
    /// Every readable decision, sorted by id then path.
    pub(crate) decisions: Vec<Listed<'a>>,
    /// Index into `decisions` by the document's path.
    decision_at: HashMap<&'a str, usize>,
    /// The metrics dashboard, when the caller computed one.
    pub(crate) dashboard: Option<&'a Dashboard>,
    /// The charter's norms in words (the charter page and the home page show them).
    pub(crate) norms: Vec<NormView>,
}

/// A decision with what its pages show of it.
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
}

impl<'a> Prepared<'a> {
    /// Computes everything the pages of `repo` share.
    pub(crate) fn new(repo: &'a Repository, options: &'a SiteOptions) -> Self {
        let links = Links::new(repo);
        let team = Team::new(repo);
        let strip = team.hours.as_ref().map(|a| strip(&links, a));
        let days = team.day_views(&links);
        let decisions = listed_decisions(&links);
        let norms = norms(repo, &links.urls);
        let decision_at = decisions
            .iter()
            .enumerate()
            .map(|(i, l)| (l.doc.path.as_str(), i))
            .collect();
        Self {
            repo,
            site: site_view(repo, options),
            nav: nav(repo, &links.urls, options.dashboard.is_some()),
            meeting_load: meeting_load(&links),
            links,
            team,
            strip,
            days,
            decisions,
            decision_at,
            dashboard: options.dashboard.as_ref(),
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

    /// The listed decision of `doc` (none for another kind or a broken file).
    pub(crate) fn decision(&self, doc: &Document) -> Option<&Listed<'a>> {
        self.decision_at
            .get(doc.path.as_str())
            .and_then(|&i| self.decisions.get(i))
    }
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
    }
}

/// A proposed decision's deadline: explicit, or `date` + the charter's
/// `decision_deadline` (SPEC §3). None for other statuses.
pub(crate) fn effective_deadline(repo: &Repository, doc: &Document) -> Option<Time> {
    doc.proposed_deadline(repo.norms()).map(|d| d.time)
}

fn listed_decisions<'a>(links: &Links<'a>) -> Vec<Listed<'a>> {
    let repo = links.repo;
    let mut v: Vec<_> = repo.readable_decisions().collect();
    v.sort_by(|a, b| a.1.id.cmp(&b.1.id).then(a.0.path.cmp(&b.0.path)));
    v.into_iter()
        .map(|(doc, decision)| Listed {
            doc,
            decision,
            row: decision_row(links, doc, decision),
            chain_back: supersession_chain(links, doc, Direction::Back),
            chain_forward: supersession_chain(links, doc, Direction::Forward),
        })
        .collect()
}

fn decision_row(links: &Links<'_>, doc: &Document, d: &Decision) -> DecisionRow {
    let deadline = effective_deadline(links.repo, doc);
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
        owner: d.owner.as_ref().map(|o| links.person_ref(&o.value)),
        date: d.date.as_ref().map(|t| format_date(t.value)),
        deadline: deadline.map(format_date),
        deadline_time: deadline.map(format_time),
        decided: d.decided.as_ref().map(|t| format_date(t.value)),
        tags: d.tags.clone(),
        url: links.urls.of(doc),
        path: doc.path.clone(),
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
