//! The team's views: updates with their blockers' age, open blockers, the updates
//! grouped by day, and the meeting load against the focus block. The computations are
//! the model's (`docket_model::blockers`, `::meeting_load`), the same ones
//! `docket status` and `docket metrics` use; this module only turns them into views.
//! Ages are measured against the newest update date, never the clock, so two builds
//! are identical. The availability strip is [`crate::strip`]'s.

use std::collections::{BTreeMap, BTreeSet};

use docket_model::availability::Availability;
use docket_model::blockers::Blocker;
use docket_model::meeting_load::{WORKDAY_HOURS, WORKDAYS_PER_WEEK, inventory, load_per_person};
use docket_model::time::{Time, format_date, format_time};
use docket_model::{Data, Document, Kind, Repository, Update};

use crate::links::Links;
use crate::urls::day_url;
use crate::views::{
    BlockerView, DayView, MeetingLoadView, PersonLoadView, UpdateView, fmt_date, round2,
};

/// The team's figures from the model, computed once per build.
pub(crate) struct Team {
    /// Every blocker episode (the model's one computation).
    pub(crate) blockers: Vec<Blocker>,
    /// The newest update date: blocker ages are measured against it.
    pub(crate) reference: Option<Time>,
    /// The team's working hours on the newest date in the handbook; none without a
    /// roster.
    pub(crate) hours: Option<Availability>,
}

impl Team {
    /// The figures of `repo`.
    pub(crate) fn new(repo: &Repository) -> Self {
        Self {
            blockers: docket_model::blockers::blockers(repo),
            reference: docket_model::blockers::newest_update(repo),
            hours: repo.has_roster().then(|| {
                // Without any date in the handbook: 1970-01-01, a fixed day all the same.
                let date = docket_model::availability::reference_date(repo)
                    .unwrap_or_else(|| docket_model::availability::utc_date(Time::UNIX_EPOCH));
                docket_model::availability::availability(repo, date)
            }),
        }
    }

    /// The blocker of `person` that the update dated `date` belongs to.
    fn covering(&self, person: &str, date: Time) -> Option<&Blocker> {
        self.blockers.iter().find(|b| b.covers(person, date))
    }

    /// The age of `b` at the site's reference (the newest update date).
    fn age_of(&self, b: &Blocker) -> i64 {
        b.age_at(self.reference.unwrap_or(b.opened))
    }

    /// The blocker fields of an update's view.
    fn fill_update_blocker(&self, repo: &Repository, u: &Update, view: &mut UpdateView) {
        let (Some(_), Some(person), Some(date)) = (u.open_blocker(), &u.person, u.date) else {
            return;
        };
        let Some(b) = self.covering(&person.value, date) else {
            return;
        };
        let age = self.age_of(b);
        view.blocker_open = b.is_open();
        view.blocker_since = Some(fmt_date(b.opened));
        view.blocker_since_time = Some(format_time(b.opened));
        view.blocker_age_hours = Some(age.div_euclid(3600));
        view.blocker_age = Some(age_words(age));
        view.blocker_resolved = b.resolved.map(format_date);
        view.blocker_stale = age > repo.norms().blocker_resolution;
    }

    fn blocker_view(&self, links: &Links<'_>, b: &Blocker) -> BlockerView {
        let age = self.age_of(b);
        let latest = links.repo.document(&b.last_path);
        let waits_on = match latest.map(|d| &d.data) {
            Some(Data::Update(u)) => u
                .blocker_refs
                .iter()
                .map(|r| links.decision_ref(&r.value))
                .collect(),
            _ => Vec::new(),
        };
        BlockerView {
            person: links.person_ref(&b.person),
            text: b.text.clone(),
            since: fmt_date(b.opened),
            since_time: format_time(b.opened),
            age_hours: age.div_euclid(3600),
            age: age_words(age),
            stale: age > links.repo.norms().blocker_resolution,
            waits_on,
            url: latest.map(|d| links.urls.of(d)).unwrap_or_default(),
        }
    }

    /// Open blockers (of one person, or everyone's), oldest first.
    pub(crate) fn open_blockers(
        &self,
        links: &Links<'_>,
        person: Option<&str>,
    ) -> Vec<BlockerView> {
        let mut open: Vec<&Blocker> = self
            .blockers
            .iter()
            .filter(|b| b.is_open() && person.is_none_or(|p| b.person == p))
            .collect();
        open.sort_by(|a, b| (a.opened, &a.person).cmp(&(b.opened, &b.person)));
        open.into_iter()
            .map(|b| self.blocker_view(links, b))
            .collect()
    }

    /// The view of an update document (none for another kind).
    pub(crate) fn update_view(&self, links: &Links<'_>, doc: &Document) -> Option<UpdateView> {
        let Data::Update(u) = &doc.data else {
            return None;
        };
        let person = u
            .person
            .as_ref()
            .map_or_else(|| doc.stem().to_string(), |p| p.value.clone());
        let mut view = UpdateView {
            person: links.person_ref(&person),
            done: u.done.as_ref().map(|l| l.text.clone()),
            next: u.next.as_ref().map(|l| l.text.clone()),
            blocker: u.blocker.as_ref().map(|l| l.text.clone()),
            blocked: u.open_blocker().is_some(),
            waits_on: u
                .blocker_refs
                .iter()
                .map(|r| links.decision_ref(&r.value))
                .collect(),
            url: links.urls.of(doc),
            date: u.date.map(format_date).unwrap_or_default(),
            blocker_open: false,
            blocker_since: None,
            blocker_since_time: None,
            blocker_age_hours: None,
            blocker_age: None,
            blocker_resolved: None,
            blocker_stale: false,
        };
        self.fill_update_blocker(links.repo, u, &mut view);
        Some(view)
    }

    /// Each person's latest update, open blockers first.
    pub(crate) fn latest_updates(&self, links: &Links<'_>) -> Vec<UpdateView> {
        let mut latest: BTreeMap<String, (Time, &Document)> = BTreeMap::new();
        for doc in links.repo.readable_of_kind(Kind::Update) {
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
            .filter_map(|(_, doc)| self.update_view(links, doc))
            .collect();
        out.sort_by(blockers_first);
        out
    }

    /// The updates grouped by date, each day's open blockers first.
    pub(crate) fn day_views(&self, links: &Links<'_>) -> BTreeMap<String, DayView> {
        let mut days: BTreeMap<String, DayView> = BTreeMap::new();
        for doc in links.repo.readable_of_kind(Kind::Update) {
            let Data::Update(u) = &doc.data else { continue };
            let Some(date) = u.date.map(format_date) else {
                continue;
            };
            let Some(view) = self.update_view(links, doc) else {
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
}

/// What an update is called wherever it is listed or titled (its page, search
/// results): the person's name and the date, `Alice Ng · 2026-11-24` (the person's id
/// when the roster does not know them; the file name without a person). None for
/// another kind.
pub(crate) fn update_title(links: &Links<'_>, doc: &Document) -> Option<String> {
    let Data::Update(u) = &doc.data else {
        return None;
    };
    let person = u.person.as_ref().map_or_else(
        || doc.stem().to_string(),
        |p| links.person_ref(&p.value).title,
    );
    Some(match u.date {
        Some(date) => format!("{person} · {}", format_date(date)),
        None => person,
    })
}

fn plural(n: i64, unit: &str) -> String {
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

/// An age in words: `new`, `under an hour`, `5 hours`, `2 days`, `2 days 4 hours`.
pub(crate) fn age_words(seconds: i64) -> String {
    let (days, hours) = (seconds / 86_400, (seconds % 86_400) / 3600);
    match (seconds, days, hours) {
        (s, _, _) if s <= 0 => "new".to_string(),
        (_, 0, 0) => "under an hour".to_string(),
        (_, 0, h) => plural(h, "hour"),
        (_, d, 0) => plural(d, "day"),
        (_, d, h) => format!("{} {}", plural(d, "day"), plural(h, "hour")),
    }
}

/// Open blockers first (the oldest first), then other blocked updates, then by person.
fn blockers_first(a: &UpdateView, b: &UpdateView) -> std::cmp::Ordering {
    (b.blocker_open, b.blocked)
        .cmp(&(a.blocker_open, a.blocked))
        .then(a.blocker_since_time.cmp(&b.blocker_since_time))
        .then(a.person.id.cmp(&b.person.id))
}

/// The meeting load of every roster person against the charter's focus block.
pub(crate) fn meeting_load(links: &Links<'_>) -> MeetingLoadView {
    let repo = links.repo;
    let focus = round2(repo.norms().focus_block as f64 / 3600.0);
    let load = load_per_person(repo, &inventory(repo));
    let mut seen = BTreeSet::new();
    let people: Vec<PersonLoadView> = repo
        .people()
        .filter_map(|p| p.id.as_ref().map(|id| id.value.as_str()))
        .filter(|id| seen.insert(*id))
        .map(|id| {
            let l = load.get(id).cloned().unwrap_or_default();
            let per_day = l.hours_per_day();
            let free = (WORKDAY_HOURS - per_day).max(0.0);
            PersonLoadView {
                person: links.person_ref(id),
                meetings_per_week: round2(l.meetings_per_week),
                hours_per_week: round2(l.hours_per_week),
                hours_per_day: round2(per_day),
                free_hours_per_day: round2(free),
                short: free < focus,
                meeting_pct: round2((per_day / WORKDAY_HOURS * 100.0).min(100.0)),
            }
        })
        .collect();
    let n = load.len();
    let average =
        (n > 0).then(|| round2(load.values().map(|l| l.hours_per_week).sum::<f64>() / n as f64));
    MeetingLoadView {
        day_hours: WORKDAY_HOURS,
        focus_block_hours: focus,
        budget_hours_per_day: round2((WORKDAY_HOURS - focus).max(0.0)),
        budget_pct: round2(((WORKDAY_HOURS - focus) / WORKDAY_HOURS * 100.0).clamp(0.0, 100.0)),
        short: people.iter().filter(|p| p.short).count(),
        people,
        average_hours_per_week: average,
        average_hours_per_day: average.map(|h| round2(h / WORKDAYS_PER_WEEK)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_in_words() {
        assert_eq!(age_words(0), "new");
        assert_eq!(age_words(1800), "under an hour");
        assert_eq!(age_words(3600), "1 hour");
        assert_eq!(age_words(5 * 3600), "5 hours");
        assert_eq!(age_words(86_400), "1 day");
        assert_eq!(age_words(2 * 86_400 + 4 * 3600), "2 days 4 hours");
    }
}
