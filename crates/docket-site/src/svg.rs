//! Charts drawn at build time as inline SVG: no chart library, nothing loaded from
//! elsewhere. Colours come from CSS classes (`chart-series-0`, …) so the theme draws
//! them in light and dark mode; text uses `currentColor`. Every chart has a
//! `<title>` and `<desc>`, and the page shows its numbers as a table too.

use std::fmt::Write;

use serde::Serialize;

/// How a chart draws its values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChartKind {
    /// Vertical bars, one group per label.
    Bars,
    /// A line with points.
    Line,
}

/// One chart of the dashboard.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    /// Anchor id.
    pub id: String,
    /// Title.
    pub title: String,
    /// What the horizontal axis shows.
    pub x_label: String,
    /// What the vertical axis shows.
    pub y_label: String,
    /// Bars or a line.
    pub kind: ChartKind,
    /// Named series, each a list of (label, value); all series share the labels.
    pub series: Vec<(String, Vec<(String, f64)>)>,
}

const W: f64 = 640.0;
const H: f64 = 260.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 64.0;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// A "nice" upper bound for the axis: 1, 2 or 5 times a power of ten.
fn nice_max(v: f64) -> f64 {
    if v <= 0.0 {
        return 1.0;
    }
    let p = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * p)
        .find(|c| *c >= v)
        .unwrap_or(v)
}

/// Renders `chart` as an SVG element.
pub fn render(chart: &Chart) -> String {
    let labels: Vec<&str> = chart
        .series
        .first()
        .map(|(_, v)| v.iter().map(|(l, _)| l.as_str()).collect())
        .unwrap_or_default();
    let values = chart
        .series
        .iter()
        .flat_map(|(_, v)| v.iter().map(|(_, x)| *x));
    let (lo, hi) = values.fold((0f64, 0f64), |(lo, hi), x| (lo.min(x), hi.max(x)));
    let top = nice_max(hi);
    let bottom = if lo < 0.0 { -nice_max(-lo) } else { 0.0 };
    let plot_w = W - LEFT - RIGHT;
    let plot_h = H - TOP - BOTTOM;
    let y = |v: f64| TOP + plot_h * (top - v) / (top - bottom);
    let n = labels.len().max(1) as f64;
    let band = plot_w / n;
    let title_id = format!("{}-title", chart.id);
    let desc_id = format!("{}-desc", chart.id);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart" viewBox="0 0 {W} {H}" role="img" aria-labelledby="{title_id} {desc_id}" xmlns="http://www.w3.org/2000/svg"><title id="{title_id}">{}</title><desc id="{desc_id}">{} against {}; the table below lists every value.</desc>"#,
        esc(&chart.title),
        esc(&chart.y_label),
        esc(&chart.x_label)
    );
    // Grid and vertical axis labels.
    for i in 0..=4 {
        let v = bottom + (top - bottom) * f64::from(i) / 4.0;
        let yy = y(v);
        let _ = write!(
            s,
            r#"<line class="chart-grid" x1="{LEFT}" x2="{}" y1="{yy:.1}" y2="{yy:.1}"/><text class="chart-tick" x="{}" y="{:.1}" text-anchor="end">{}</text>"#,
            W - RIGHT,
            LEFT - 6.0,
            yy + 4.0,
            num(v)
        );
    }
    let zero = y(0.0);
    let _ = write!(
        s,
        r#"<line class="chart-axis" x1="{LEFT}" x2="{}" y1="{zero:.1}" y2="{zero:.1}"/>"#,
        W - RIGHT
    );
    match chart.kind {
        ChartKind::Bars => {
            let k = chart.series.len().max(1) as f64;
            let bar = (band * 0.8 / k).max(1.0);
            for (si, (name, points)) in chart.series.iter().enumerate() {
                for (i, (label, v)) in points.iter().enumerate() {
                    let x = LEFT + band * i as f64 + band * 0.1 + bar * si as f64;
                    let (y0, y1) = if *v >= 0.0 {
                        (y(*v), zero)
                    } else {
                        (zero, y(*v))
                    };
                    let _ = write!(
                        s,
                        r#"<rect class="chart-series-{si}" x="{x:.1}" y="{y0:.1}" width="{bar:.1}" height="{:.1}"><title>{}: {} {}</title></rect>"#,
                        (y1 - y0).max(0.0),
                        esc(label),
                        num(*v),
                        esc(name)
                    );
                }
            }
        }
        ChartKind::Line => {
            for (si, (name, points)) in chart.series.iter().enumerate() {
                let path: Vec<String> = points
                    .iter()
                    .enumerate()
                    .map(|(i, (_, v))| {
                        format!("{:.1},{:.1}", LEFT + band * (i as f64 + 0.5), y(*v))
                    })
                    .collect();
                let _ = write!(
                    s,
                    r#"<polyline class="chart-line chart-series-{si}" points="{}"/>"#,
                    path.join(" ")
                );
                for (i, (label, v)) in points.iter().enumerate() {
                    let _ = write!(
                        s,
                        r#"<circle class="chart-series-{si}" cx="{:.1}" cy="{:.1}" r="3"><title>{}: {} {}</title></circle>"#,
                        LEFT + band * (i as f64 + 0.5),
                        y(*v),
                        esc(label),
                        num(*v),
                        esc(name)
                    );
                }
            }
        }
    }
    // Horizontal labels: every label when few, else every other one.
    let step = if labels.len() > 8 { 2 } else { 1 };
    for (i, label) in labels.iter().enumerate().filter(|(i, _)| i % step == 0) {
        let x = LEFT + band * (i as f64 + 0.5);
        let _ = write!(
            s,
            r#"<text class="chart-tick" x="{x:.1}" y="{:.1}" text-anchor="end" transform="rotate(-35 {x:.1} {:.1})">{}</text>"#,
            H - BOTTOM + 14.0,
            H - BOTTOM + 14.0,
            esc(label)
        );
    }
    let _ = write!(
        s,
        r#"<text class="chart-label" x="{:.1}" y="{:.1}" text-anchor="middle">{}</text><text class="chart-label" x="12" y="{:.1}" text-anchor="middle" transform="rotate(-90 12 {:.1})">{}</text></svg>"#,
        LEFT + plot_w / 2.0,
        H - 4.0,
        esc(&chart.x_label),
        TOP + plot_h / 2.0,
        TOP + plot_h / 2.0,
        esc(&chart.y_label)
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_has_a_title_a_description_and_escaped_labels() {
        let chart = Chart {
            id: "opened".into(),
            title: "Decisions <opened>".into(),
            x_label: "week".into(),
            y_label: "decisions".into(),
            kind: ChartKind::Bars,
            series: vec![(
                "opened".into(),
                vec![("2026-11-16".into(), 2.0), ("2026-11-23".into(), 5.0)],
            )],
        };
        let svg = render(&chart);
        assert!(svg.contains("<title id=\"opened-title\">Decisions &lt;opened&gt;</title>"));
        assert!(svg.contains("role=\"img\""));
        assert_eq!(svg.matches("<rect").count(), 2);
        insta::assert_snapshot!(svg);
    }
}
