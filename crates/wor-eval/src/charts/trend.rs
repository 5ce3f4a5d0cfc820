//! Grouped bars and lines over categories (years, months): the monitoring and business-case charts.

use super::{esc, Series};
use std::fmt::Write as _;

const W: f64 = 640.0;
const H: f64 = 260.0;
const LEFT: f64 = 86.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 40.0;

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

fn frame(
    out: &mut String,
    title: &str,
    lo: f64,
    hi: f64,
    fmt: &dyn Fn(f64) -> String,
) -> impl Fn(f64) -> f64 {
    let _ = write!(
        out,
        "<svg class=\"chart\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{t}\"><title>{t}</title>",
        t = esc(title)
    );
    let plot_h = H - TOP - BOTTOM;
    let y = move |v: f64| TOP + (hi - v) / (hi - lo) * plot_h;
    for v in [lo, 0.0, hi] {
        if v == 0.0 && (lo == 0.0 || hi == 0.0) && v != lo {
            continue;
        }
        let _ = write!(
            out,
            "<line x1=\"{LEFT}\" x2=\"{x2}\" y1=\"{yy:.1}\" y2=\"{yy:.1}\" stroke=\"{c}\" stroke-width=\"1\"/><text x=\"{tx}\" y=\"{ty:.1}\" font-size=\"11\" text-anchor=\"end\" fill=\"#333\">{label}</text>",
            x2 = W - RIGHT,
            yy = y(v),
            c = if v == 0.0 { "#666" } else { "#ddd" },
            tx = LEFT - 6.0,
            ty = y(v) + 4.0,
            label = esc(&fmt(v)),
        );
    }
    y
}

fn legend(out: &mut String, series: &[Series]) {
    let mut x = LEFT;
    for s in series {
        let _ = write!(
            out,
            "<rect x=\"{x:.1}\" y=\"{y}\" width=\"10\" height=\"10\" fill=\"{c}\"/><text x=\"{tx:.1}\" y=\"{ty}\" font-size=\"11\" fill=\"#333\">{l}</text>",
            y = H - 14.0,
            c = esc(s.color),
            tx = x + 14.0,
            ty = H - 5.0,
            l = esc(s.label)
        );
        x += 24.0 + 6.5 * s.label.chars().count() as f64;
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
    let (lo, hi) = range(series);
    let y = frame(&mut out, title, lo, hi, fmt);
    let n = categories.len().max(1) as f64;
    let group = (W - LEFT - RIGHT) / n;
    let bar = (group * 0.8) / series.len().max(1) as f64;
    for (i, cat) in categories.iter().enumerate() {
        let gx = LEFT + group * i as f64 + group * 0.1;
        for (j, s) in series.iter().enumerate() {
            let Some(v) = s.values.get(i).copied().flatten().filter(|v| v.is_finite()) else {
                continue;
            };
            let (top, bottom) = (y(v.max(0.0)), y(v.min(0.0)));
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
        let _ = write!(
            out,
            "<text x=\"{x:.1}\" y=\"{ty}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#333\">{c}</text>",
            x = gx + group * 0.4,
            ty = H - BOTTOM + 14.0,
            c = esc(cat)
        );
    }
    legend(&mut out, series);
    out.push_str("</svg>");
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
    let (lo, hi) = range(series);
    let y = frame(&mut out, title, lo, hi, fmt);
    let n = categories.len().max(2) as f64;
    let step = (W - LEFT - RIGHT - 20.0) / (n - 1.0);
    let x = |i: usize| LEFT + 10.0 + step * i as f64;
    for (i, cat) in categories.iter().enumerate() {
        // Label every category when few, else every third.
        if categories.len() <= 12 || i % 3 == 0 {
            let _ = write!(
                out,
                "<text x=\"{x:.1}\" y=\"{ty}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#333\">{c}</text>",
                x = x(i),
                ty = H - BOTTOM + 14.0,
                c = esc(cat)
            );
        }
    }
    for s in series {
        let points: Vec<String> = s
            .values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| {
                v.filter(|v| v.is_finite())
                    .map(|v| format!("{:.1},{:.1}", x(i), y(v)))
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
                    y(v),
                    esc(s.color),
                    esc(s.label),
                    esc(&categories[i.min(categories.len().saturating_sub(1))]),
                    esc(&fmt(v))
                );
            }
        }
    }
    legend(&mut out, series);
    out.push_str("</svg>");
    out
}
