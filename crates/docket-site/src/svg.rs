//! Charts drawn at build time as inline SVG: no chart library, nothing loaded from
//! elsewhere. Colours come from CSS classes (`chart-series-0`, …) so the theme draws
//! them in light and dark mode; text uses `currentColor`. Every chart has a
//! `<title>` and `<desc>`, and the page shows its numbers as a table too.

use std::fmt::Write;

use serde::Serialize;

use crate::escape::{Markup, escape};

/// How a chart draws its values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChartKind {
    /// Vertical bars, one group per label.
    Bars,
    /// A line with points.
    Line,
}

/// A series' points: (label, value), `None` where there is no value.
pub type Points = Vec<(String, Option<f64>)>;

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
    /// Named series, each a list of (label, value); all series share the labels. A
    /// label without a value (`None`: a week in which nothing was decided has no
    /// median) is a gap, never a zero.
    pub series: Vec<(String, Points)>,
}

const W: f64 = 640.0;
const H: f64 = 280.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
/// Room for the legend above the plot when a chart has more than one series.
const LEGEND: f64 = 22.0;
/// Room for the slanted labels and, below them, the axis title.
const BOTTOM: f64 = 80.0;
/// The widest a bar gets, however few there are.
const MAX_BAR: f64 = 48.0;

fn esc(s: &str) -> String {
    escape(s, Markup::Xml)
}

fn num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// The step between grid lines: 1, 2 or 5 times a power of ten, so that `span` takes
/// at most five steps (counts get whole-number ticks: 0, 1, 2, 3, not 1.25).
fn nice_step(span: f64) -> f64 {
    if !span.is_finite() || span <= 0.0 {
        return 1.0;
    }
    let raw = span / 5.0;
    let p = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * p)
        .find(|c| *c >= raw * (1.0 - 1e-9))
        .unwrap_or(raw)
}

/// A tick label with as many decimals as the step needs.
fn tick(v: f64, step: f64) -> String {
    let v = if v.abs() < step / 2.0 { 0.0 } else { v };
    let decimals = if step >= 1.0 {
        0
    } else {
        (-step.log10()).ceil() as usize
    };
    format!("{v:.decimals$}")
}

impl Chart {
    /// The labels of the horizontal axis: the first series' (all series share them).
    pub fn labels(&self) -> Vec<&str> {
        self.series
            .first()
            .map(|(_, v)| v.iter().map(|(l, _)| l.as_str()).collect())
            .unwrap_or_default()
    }
}

/// Where values and labels go in the plot area.
struct Scale {
    /// Where the plot area starts (below the legend, if any).
    plot_top: f64,
    /// The value at the top of the plot area.
    top: f64,
    /// The value at the bottom of the plot area.
    bottom: f64,
    /// The width of each label's band.
    band: f64,
}

impl Scale {
    fn y(&self, v: f64) -> f64 {
        self.plot_top + self.plot_h() * (self.top - v) / (self.top - self.bottom)
    }

    fn plot_h(&self) -> f64 {
        H - BOTTOM - self.plot_top
    }

    /// The middle of the `i`-th band.
    fn x_mid(&self, i: usize) -> f64 {
        LEFT + self.band * (i as f64 + 0.5)
    }
}

const PLOT_W: f64 = W - LEFT - RIGHT;

/// Renders `chart` as an SVG element.
pub fn render(chart: &Chart) -> String {
    let labels = chart.labels();
    let values = chart
        .series
        .iter()
        .flat_map(|(_, v)| v.iter().filter_map(|(_, x)| *x));
    let (lo, hi) = values.fold((0f64, 0f64), |(lo, hi), x| (lo.min(x), hi.max(x)));
    let step = nice_step(hi - lo);
    let top = ((hi / step).ceil() * step).max(step);
    let bottom = (lo / step).floor() * step;
    let steps = ((top - bottom) / step).round().max(1.0) as u32;
    let n = labels.len().max(1) as f64;
    let legend = chart.series.len() > 1;
    let scale = Scale {
        plot_top: if legend { TOP + LEGEND } else { TOP },
        top,
        bottom,
        band: PLOT_W / n,
    };
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
    for i in 0..=steps {
        let v = bottom + step * f64::from(i);
        let yy = scale.y(v);
        let _ = write!(
            s,
            r#"<line class="chart-grid" x1="{LEFT}" x2="{}" y1="{yy:.1}" y2="{yy:.1}"/><text class="chart-tick" x="{}" y="{:.1}" text-anchor="end">{}</text>"#,
            W - RIGHT,
            LEFT - 6.0,
            yy + 4.0,
            tick(v, step)
        );
    }
    let zero = scale.y(0.0);
    let _ = write!(
        s,
        r#"<line class="chart-axis" x1="{LEFT}" x2="{}" y1="{zero:.1}" y2="{zero:.1}"/>"#,
        W - RIGHT
    );
    match chart.kind {
        ChartKind::Bars => bars(&mut s, chart, &scale),
        ChartKind::Line => lines(&mut s, chart, &scale),
    }
    if legend {
        draw_legend(&mut s, chart);
    }
    // Horizontal labels: every label when few, else every other one, counted from
    // the newest (the last) so that it always has its label.
    let step = if labels.len() > 8 { 2 } else { 1 };
    let last = labels.len().saturating_sub(1);
    for (i, label) in labels
        .iter()
        .enumerate()
        .filter(|(i, _)| (last - i).is_multiple_of(step))
    {
        let x = scale.x_mid(i);
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
        LEFT + PLOT_W / 2.0,
        H - 6.0,
        esc(&chart.x_label),
        scale.plot_top + scale.plot_h() / 2.0,
        scale.plot_top + scale.plot_h() / 2.0,
        esc(&chart.y_label)
    );
    s
}

/// The legend: a swatch in each series' colour and its name, in a row above the plot,
/// ending at its right edge. On a phone the chart's frame opens scrolled to the right
/// end (the newest week), so a legend on the left would be out of view.
fn draw_legend(s: &mut String, chart: &Chart) {
    // Room for a name: about 7 units a character at the tick font size.
    let width = |name: &str| 16.0 + 7.0 * name.chars().count() as f64;
    let gaps = 18.0 * chart.series.len().saturating_sub(1) as f64;
    let total: f64 = chart.series.iter().map(|(n, _)| width(n)).sum::<f64>() + gaps;
    let mut x = (W - RIGHT - total).max(LEFT);
    for (si, (name, _)) in chart.series.iter().enumerate() {
        let _ = write!(
            s,
            r#"<g class="chart-legend"><rect class="chart-series-{si}" x="{x:.1}" y="{:.1}" width="12" height="12"/><text class="chart-tick" x="{:.1}" y="{:.1}">{}</text></g>"#,
            TOP - 2.0,
            x + 16.0,
            TOP + 8.0,
            esc(name)
        );
        x += width(name) + 18.0;
    }
}

/// The bars of every series, side by side in each label's band.
fn bars(s: &mut String, chart: &Chart, scale: &Scale) {
    let zero = scale.y(0.0);
    let band = scale.band;
    let k = chart.series.len().max(1) as f64;
    let bar = (band * 0.8 / k).clamp(1.0, MAX_BAR);
    let inset = (band - bar * k) / 2.0;
    for (si, (name, points)) in chart.series.iter().enumerate() {
        for (i, (label, v)) in points.iter().enumerate() {
            let Some(v) = v else { continue };
            let x = LEFT + band * i as f64 + inset + bar * si as f64;
            let (y0, y1) = if *v >= 0.0 {
                (scale.y(*v), zero)
            } else {
                (zero, scale.y(*v))
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

/// A line with a point per label for every series; a label without a value breaks
/// the line (a gap, not a fall to zero).
fn lines(s: &mut String, chart: &Chart, scale: &Scale) {
    for (si, (name, points)) in chart.series.iter().enumerate() {
        let mut segment: Vec<String> = Vec::new();
        let mut segments = Vec::new();
        for (i, (_, v)) in points.iter().enumerate() {
            match v {
                Some(v) => segment.push(format!("{:.1},{:.1}", scale.x_mid(i), scale.y(*v))),
                None => segments.push(std::mem::take(&mut segment)),
            }
        }
        segments.push(segment);
        for segment in segments.iter().filter(|p| p.len() > 1) {
            let _ = write!(
                s,
                r#"<polyline class="chart-line chart-series-{si}" points="{}"/>"#,
                segment.join(" ")
            );
        }
        for (i, (label, v)) in points.iter().enumerate() {
            let Some(v) = v else { continue };
            let _ = write!(
                s,
                r#"<circle class="chart-series-{si}" cx="{:.1}" cy="{:.1}" r="3"><title>{}: {} {}</title></circle>"#,
                scale.x_mid(i),
                scale.y(*v),
                esc(label),
                num(*v),
                esc(name)
            );
        }
    }
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
                vec![
                    ("2026-11-16".into(), Some(2.0)),
                    ("2026-11-23".into(), Some(5.0)),
                ],
            )],
        };
        let svg = render(&chart);
        assert!(svg.contains("<title id=\"opened-title\">Decisions &lt;opened&gt;</title>"));
        assert!(svg.contains("role=\"img\""));
        assert_eq!(svg.matches("<rect").count(), 2);
        insta::assert_snapshot!(svg);
    }

    #[test]
    fn grid_steps_are_round_numbers() {
        assert_eq!(nice_step(3.0), 1.0);
        assert_eq!(nice_step(5.0), 1.0);
        assert_eq!(nice_step(10.0), 2.0);
        assert_eq!(nice_step(60.0), 20.0);
        assert_eq!(nice_step(0.33), 0.1);
        assert_eq!(nice_step(0.0), 1.0);
        assert_eq!(tick(0.30000000000000004, 0.1), "0.3");
        assert_eq!(tick(-1e-17, 0.1), "0.0");
        assert_eq!(tick(40.0, 20.0), "40");
        // Three decisions: grid lines at 0, 1, 2 and 3.
        let chart = Chart {
            id: "c".into(),
            title: "t".into(),
            x_label: "x".into(),
            y_label: "y".into(),
            kind: ChartKind::Bars,
            series: vec![(
                "s".into(),
                vec![("a".into(), Some(3.0)), ("b".into(), Some(-1.0))],
            )],
        };
        let svg = render(&chart);
        let ticks: Vec<&str> = svg
            .split("class=\"chart-tick\"")
            .skip(1)
            .filter_map(|t| t.split_once('>').and_then(|(_, r)| r.split_once('<')))
            .map(|(t, _)| t)
            .collect();
        assert_eq!(ticks, ["-1", "0", "1", "2", "3", "a", "b"]);
    }
}
