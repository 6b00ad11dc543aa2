//! The metrics dashboard (`metrics.html`): the figures of `docket metrics` and each
//! chart as inline SVG with its numbers as a table.

use minijinja::{Value, context};

use crate::error::SiteError;
use crate::prepared::Prepared;
use crate::svg::{Chart, render};
use crate::writer::{Page, Writer};

/// Writes `metrics.html` (nothing without a dashboard).
pub(crate) fn write(p: &Prepared<'_>, w: &Writer<'_>) -> Result<(), SiteError> {
    let Some(dashboard) = p.dashboard else {
        return Ok(());
    };
    let charts: Vec<Value> = dashboard.charts.iter().map(chart_view).collect();
    // The responders of the reply figures who are in the roster, by id, as links
    // to their pages; other keys are forge logins, shown as written.
    let responders: std::collections::BTreeMap<String, crate::views::LinkRef> = dashboard
        .metrics
        .pointer("/replies/per_person")
        .and_then(|v| v.as_object())
        .into_iter()
        .flat_map(|m| m.keys())
        .filter(|who| p.repo.is_person(who))
        .map(|who| (who.clone(), p.links.person_ref(who)))
        .collect();
    w.page(
        &Page::new("metrics.html", "metrics.html", "Metrics", "metrics"),
        context! {
            metrics => Value::from_serialize(&dashboard.metrics),
            reference => dashboard.reference.clone(),
            targets => Value::from_serialize(&dashboard.targets),
            charts => charts,
            responders => Value::from_serialize(&responders),
        },
    )
}

/// A chart as `metrics.html` reads it: `svg`, and `names` and `rows` for the table
/// that is its text alternative (a row per label: the label, then each series' value).
fn chart_view(c: &Chart) -> Value {
    let rows: Vec<Vec<String>> = c
        .labels()
        .iter()
        .enumerate()
        .map(|(i, l)| {
            std::iter::once((*l).to_string())
                .chain(c.series.iter().map(|(_, v)| match v.get(i) {
                    Some((_, Some(x))) => format!("{x}"),
                    Some((_, None)) => "–".to_string(),
                    None => String::new(),
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
        svg => Value::from_safe_string(render(c)),
    }
}
