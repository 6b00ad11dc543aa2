//! The people pages: the roster (`people/index.html`) with the availability strip,
//! and each person's page with their hours, open blockers and what they own.

use docket_model::{Data, Kind, Person};
use minijinja::{Value, context};

use super::paging;
use crate::error::SiteError;
use crate::prepared::Prepared;
use crate::strip::person_hours;
use crate::views::{AvailabilityView, LinkRef, PersonView};
use crate::writer::{Page, Writer};

/// The roster's index (its first page).
pub(crate) const INDEX: &str = "people/index.html";

/// Writes page `number` of the roster (`people/index.html`, `people/page-2.html`,
/// …): its people, and the availability strip of those people.
pub(crate) fn write_index(
    p: &Prepared<'_>,
    w: &Writer<'_>,
    number: usize,
) -> Result<(), SiteError> {
    let all: Vec<&Person> = p.repo.people().collect();
    let page = paging::page(all.len(), p.repo.config.site.page_size(), number);
    let people: Vec<PersonView> = all[page.rows.clone()]
        .iter()
        .filter_map(|person| person_view(p, person))
        .collect();
    let url = paging::page_url(INDEX, page.number);
    let title = paging::title("People", page.number, page.count);
    let pager = paging::pager(INDEX, &page, all.len());
    let own = context! {
        people => Value::from_serialize(&people),
        total => all.len(),
        pager => Value::from_serialize(&pager),
    };
    let html = Page::new(&url, "people.html", &title, "people");
    // A page of a long roster draws the strip of its own people only.
    let own_strip = (page.count > 1).then(|| {
        p.strip.clone().map(|mut s| {
            s.rows
                .retain(|r| people.iter().any(|v| v.id == r.person.id));
            s
        })
    });
    let strip = own_strip.as_ref().map_or(p.strip.as_ref(), Option::as_ref);
    write_with_strip(w, &html, strip, own)
}

/// Writes the page of the roster's `index`-th entry (nothing for an entry without an
/// id, or for a later entry with the id of an earlier one: a duplicate is a finding,
/// not a second page).
pub(crate) fn write_person(
    p: &Prepared<'_>,
    w: &Writer<'_>,
    index: usize,
) -> Result<(), SiteError> {
    let Some(person) = p
        .repo
        .people()
        .nth(index)
        .and_then(|person| person_view(p, person))
    else {
        return Ok(());
    };
    let first = p
        .repo
        .people()
        .position(|q| q.id.as_ref().map(|x| &x.value) == Some(&person.id));
    if first != Some(index) {
        return Ok(());
    }
    let page = Page::new(&person.url, "person.html", &person.name, "people");
    write_with_strip(
        w,
        &page,
        p.strip.as_ref(),
        context! { person => Value::from_serialize(&person) },
    )
}

/// Writes one of the people pages: both show the availability strip (`availability`)
/// besides their `own` context.
fn write_with_strip(
    w: &Writer<'_>,
    page: &Page<'_>,
    strip: Option<&AvailabilityView>,
    own: Value,
) -> Result<(), SiteError> {
    w.page(
        page,
        context! { availability => Value::from_serialize(strip), ..own },
    )
}

fn person_view(p: &Prepared<'_>, person: &Person) -> Option<PersonView> {
    let id = person.id.as_ref()?.value.clone();
    let limit = p.repo.config.site.page_size();
    let mut decisions: Vec<_> = p
        .decisions()
        .filter(|l| l.decision.owner.as_ref().is_some_and(|o| o.value == id))
        .map(|l| p.links.decision_link(l.doc))
        .collect();
    let decisions_total = decisions.len();
    if decisions_total > limit {
        // The open ones first, then the newest: what a reader of a long list is
        // after; the index filtered by owner has every one.
        let mut keyed: Vec<(bool, std::cmp::Reverse<usize>, LinkRef)> = decisions
            .into_iter()
            .enumerate()
            .map(|(i, r)| (r.category != Some("open"), std::cmp::Reverse(i), r))
            .collect();
        keyed.sort_by_key(|(closed, newest, _)| (*closed, *newest));
        decisions = keyed.into_iter().take(limit).map(|(_, _, r)| r).collect();
    }
    let mut briefs: Vec<_> = p
        .repo
        .readable_of_kind(Kind::Brief)
        .filter(|doc| matches!(&doc.data, Data::Brief(b) if b.owner.as_ref().is_some_and(|o| o.value == id)))
        .map(|doc| p.links.doc_link(doc))
        .collect();
    let briefs_total = briefs.len();
    briefs.truncate(limit);
    // Open blockers: the model's blocker runs that no later update resolves.
    let open_blockers = p.team.open_blockers(&p.links, Some(&id));
    let hours = person_hours(&p.links, p.team.hours.as_ref(), &id);
    Some(PersonView {
        url: p.links.urls.person(&id),
        name: person.name.clone().unwrap_or_else(|| id.clone()),
        id,
        role: person.role.clone(),
        team: person.team.clone(),
        timezone: person.timezone.clone(),
        decisions,
        decisions_total,
        briefs,
        briefs_total,
        blockers: open_blockers.iter().map(|b| b.text.clone()).collect(),
        open_blockers,
        hours: hours.hours,
        hours_default: hours.hours_default,
        utc_offset: hours.utc_offset,
        hours_utc: hours.hours_utc,
        overlaps: hours.overlaps,
    })
}
