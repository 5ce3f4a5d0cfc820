//! Grouped bars and lines over categories (years, months): the monitoring and business-case charts.
//!
//! Drawn for a phone first: the SVG is [`W`] user units wide and says so (`width`), so on a wide screen
//! it shows at that size, and on a phone (about 340 px for the chart at 390 px) it shrinks by at most
//! 0.87, which keeps its [`FONT`]-unit text at 11 px or more. Everything is laid out from estimated text
//! widths: the value axis is as wide as its longest label, category labels thin out until they do not
//! collide, and the legend wraps onto as many lines as it needs.

use super::{esc, Series};
use std::fmt::Write as _;

/// The drawn width (user units, shown 1:1 where there is room).
pub(crate) const W: f64 = 390.0;
/// Text size in user units.
pub(crate) const FONT: f64 = 13.0;
const PLOT_H: f64 = 170.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 10.0;
/// Room under the plot for the category labels.
const AXIS: f64 = 24.0;
const LEGEND_LINE: f64 = 20.0;
/// A character's estimated width at [`FONT`] (system sans-serif: digits 7.2, average letters less).
const CHAR_W: f64 = 7.2;

fn text_width(s: &str) -> f64 {
    s.chars().count() as f64 * CHAR_W
}

/// The value range of the chart, always including 0.
fn range(series: &[Series]) -> (f64, f64) {
    let values = series
        .iter()
        .flat_map(|s| s.values.iter().flatten().copied());
    let (mut lo, mut hi) = (0.0f64, 0.0f64);
    for v in values.filter(|v| v.is_finite()) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if (hi - lo).abs() < f64::EPSILON {
        hi = lo + 1.0;
    }
    (lo, hi)
}

/// Legend items placed left to right, wrapping: (x, line) per series, and the number of lines.
fn legend_layout(series: &[Series]) -> (Vec<(f64, usize)>, usize) {
    let (mut x, mut line) = (0.0, 0);
    let mut places = Vec::with_capacity(series.len());
    for s in series {
        let w = 16.0 + text_width(s.label);
        if x > 0.0 && x + w > W {
            x = 0.0;
            line += 1;
        }
        places.push((x, line));
        x += w + 14.0;
    }
    (places, line + 1)
}

/// A chart's frame: where the plot starts (after the value axis' labels) and its value range.
struct Frame {
    left: f64,
    lo: f64,
    hi: f64,
}

impl Frame {
    fn y(&self, v: f64) -> f64 {
        TOP + (self.hi - v) / (self.hi - self.lo) * PLOT_H
    }

    /// Opens a captioned figure with the SVG, its value axis and its legend; the caller draws the data
    /// and closes with `</svg></figure>`.
    fn open(
        out: &mut String,
        title: &str,
        series: &[Series],
        fmt: &dyn Fn(f64) -> String,
    ) -> Frame {
        let (lo, hi) = range(series);
        // The lowest and highest value, and 0 between them when the values cross it.
        let mut ticks = vec![lo, hi];
        if lo < 0.0 && hi > 0.0 {
            ticks.insert(1, 0.0);
        }
        let labels: Vec<String> = ticks.iter().map(|v| fmt(*v)).collect();
        let left = labels.iter().map(|l| text_width(l)).fold(0.0, f64::max) + 10.0;
        let (places, lines) = legend_layout(series);
        let height = TOP + PLOT_H + AXIS + LEGEND_LINE * lines as f64;
        let _ = write!(
            out,
            "<figure class=\"trend\"><figcaption>{t}</figcaption><svg class=\"chart\" width=\"{W}\" height=\"{height}\" viewBox=\"0 0 {W} {height}\" role=\"img\" aria-label=\"{t}\"><title>{t}</title>",
            t = esc(title)
        );
        let frame = Frame { left, lo, hi };
        for (v, label) in ticks.iter().zip(&labels) {
            let yy = frame.y(*v);
            let _ = write!(
                out,
                "<line x1=\"{left:.1}\" x2=\"{x2}\" y1=\"{yy:.1}\" y2=\"{yy:.1}\" stroke=\"{c}\" stroke-width=\"1\"/>",
                x2 = W - RIGHT,
                c = if *v == 0.0 { "#666" } else { "#ddd" },
            );
            // The 0 line keeps its label only where it does not run into the lowest or highest one.
            let crowded = *v == 0.0
                && [lo, hi]
                    .iter()
                    .any(|e| (frame.y(*e) - yy).abs() < FONT + 2.0);
            if !crowded {
                let _ = write!(
                    out,
                    "<text x=\"{tx:.1}\" y=\"{ty:.1}\" font-size=\"{FONT}\" text-anchor=\"end\" fill=\"#333\">{l}</text>",
                    tx = left - 5.0,
                    ty = yy + 4.5,
                    l = esc(label),
                );
            }
        }
        let legend_top = TOP + PLOT_H + AXIS;
        for (s, (x, line)) in series.iter().zip(places) {
            let y = legend_top + LEGEND_LINE * line as f64;
            let _ = write!(
                out,
                "<rect x=\"{x:.1}\" y=\"{ry:.1}\" width=\"11\" height=\"11\" fill=\"{c}\"/><text x=\"{tx:.1}\" y=\"{ty:.1}\" font-size=\"{FONT}\" fill=\"#333\">{l}</text>",
                ry = y + 4.0,
                c = esc(s.color),
                tx = x + 16.0,
                ty = y + 14.0,
                l = esc(s.label)
            );
        }
        frame
    }

    /// Category labels under the plot at `xs`, every `k`-th so that neighbours never collide.
    fn categories(&self, out: &mut String, categories: &[String], xs: &[f64]) {
        let widest = categories.iter().map(|c| text_width(c)).fold(0.0, f64::max);
        let step = if xs.len() > 1 { xs[1] - xs[0] } else { W };
        let k = ((widest + 8.0) / step).ceil().max(1.0) as usize;
        for (i, (cat, x)) in categories.iter().zip(xs).enumerate() {
            if i % k == 0 {
                let _ = write!(
                    out,
                    "<text x=\"{x:.1}\" y=\"{ty}\" font-size=\"{FONT}\" text-anchor=\"middle\" fill=\"#333\">{c}</text>",
                    ty = TOP + PLOT_H + 17.0,
                    c = esc(cat)
                );
            }
        }
    }
}

/// Grouped vertical bars: one group per category, one bar per series; negative values go down.
pub fn bars(
    title: &str,
    categories: &[String],
    series: &[Series],
    fmt: &dyn Fn(f64) -> String,
) -> String {
    let mut out = String::new();
    let f = Frame::open(&mut out, title, series, fmt);
    let n = categories.len().max(1) as f64;
    let group = (W - f.left - RIGHT) / n;
    let bar = (group * 0.8) / series.len().max(1) as f64;
    let centres: Vec<f64> = (0..categories.len())
        .map(|i| f.left + group * (i as f64 + 0.5))
        .collect();
    for (i, cat) in categories.iter().enumerate() {
        let gx = f.left + group * i as f64 + group * 0.1;
        for (j, s) in series.iter().enumerate() {
            let Some(v) = s.values.get(i).copied().flatten().filter(|v| v.is_finite()) else {
                continue;
            };
            let (top, bottom) = (f.y(v.max(0.0)), f.y(v.min(0.0)));
            let _ = write!(
                out,
                "<rect x=\"{x:.1}\" y=\"{top:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" fill=\"{c}\"><title>{l} {cat}: {val}</title></rect>",
                x = gx + bar * j as f64,
                w = (bar - 1.0).max(1.0),
                h = (bottom - top).max(0.5),
                c = esc(s.color),
                l = esc(s.label),
                cat = esc(cat),
                val = esc(&fmt(v)),
            );
        }
    }
    f.categories(&mut out, categories, &centres);
    out.push_str("</svg></figure>");
    out
}

/// Lines over the categories; a series may stop early (`None`).
pub fn lines(
    title: &str,
    categories: &[String],
    series: &[Series],
    fmt: &dyn Fn(f64) -> String,
) -> String {
    let mut out = String::new();
    let f = Frame::open(&mut out, title, series, fmt);
    let n = categories.len().max(2) as f64;
    let step = (W - f.left - RIGHT - 20.0) / (n - 1.0);
    let x = |i: usize| f.left + 10.0 + step * i as f64;
    let xs: Vec<f64> = (0..categories.len()).map(x).collect();
    f.categories(&mut out, categories, &xs);
    for s in series {
        let points: Vec<String> = s
            .values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| {
                v.filter(|v| v.is_finite())
                    .map(|v| format!("{:.1},{:.1}", x(i), f.y(v)))
            })
            .collect();
        if points.is_empty() {
            continue;
        }
        let _ = write!(
            out,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"><title>{}</title></polyline>",
            points.join(" "),
            esc(s.color),
            esc(s.label)
        );
        for (i, v) in s.values.iter().enumerate() {
            if let Some(v) = v.filter(|v| v.is_finite()) {
                let _ = write!(
                    out,
                    "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"{}\"><title>{} {}: {}</title></circle>",
                    x(i),
                    f.y(v),
                    esc(s.color),
                    esc(s.label),
                    esc(&categories[i.min(categories.len().saturating_sub(1))]),
                    esc(&fmt(v))
                );
            }
        }
    }
    out.push_str("</svg></figure>");
    out
}
