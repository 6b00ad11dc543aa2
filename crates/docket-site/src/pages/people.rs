//! The people pages: the roster (`people/index.html`) with the availability strip,
//! and each person's page with their hours, open blockers and what they own.

use docket_model::{Data, Kind, Person};
use minijinja::{Value, context};

use crate::error::SiteError;
use crate::prepared::Prepared;
use crate::strip::person_hours;
use crate::views::PersonView;
use crate::writer::{Page, Writer};

/// Writes `people/index.html`.
pub(crate) fn write_index(p: &Prepared<'_>, w: &Writer<'_>) -> Result<(), SiteError> {
    let people: Vec<PersonView> = p
        .repo
        .people()
        .filter_map(|person| person_view(p, person))
        .collect();
    let page = Page::new("people/index.html", "people.html", "People", "people");
    write_with_strip(
        p,
        w,
        &page,
        context! { people => Value::from_serialize(&people) },
    )
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
        p,
        w,
        &page,
        context! { person => Value::from_serialize(&person) },
    )
}

/// Writes one of the people pages: both show the availability strip (`availability`)
/// besides their `own` context.
fn write_with_strip(
    p: &Prepared<'_>,
    w: &Writer<'_>,
    page: &Page<'_>,
    own: Value,
) -> Result<(), SiteError> {
    w.page(
        page,
        context! { availability => Value::from_serialize(&p.strip), ..own },
    )
}

fn person_view(p: &Prepared<'_>, person: &Person) -> Option<PersonView> {
    let id = person.id.as_ref()?.value.clone();
    let decisions = p
        .decisions()
        .filter(|l| l.decision.owner.as_ref().is_some_and(|o| o.value == id))
        .map(|l| p.links.decision_link(l.doc))
        .collect();
    let briefs = p
        .repo
        .readable_of_kind(Kind::Brief)
        .filter(|doc| matches!(&doc.data, Data::Brief(b) if b.owner.as_ref().is_some_and(|o| o.value == id)))
        .map(|doc| p.links.doc_link(doc))
        .collect();
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
