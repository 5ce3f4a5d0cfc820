//! The evaluation report's charts: horizontal bars, bars against a target, and a histogram.

use super::esc;
use crate::numbers::nl;
use std::fmt::Write as _;

const COLORS: [&str; 6] = [
    "#1b6ca8", "#8e6c8a", "#e09f3e", "#4c956c", "#9e9e9e", "#c44536",
];

/// Room for the longest label at font size 11 (about 6.2 px a character), so no label is cut off.
fn label_width<'a>(labels: impl Iterator<Item = &'a str>) -> f64 {
    let longest = labels.map(|l| l.chars().count()).max().unwrap_or(0);
    (longest as f64 * 6.2 + 12.0).clamp(120.0, 420.0).round()
}

/// The opening of a captioned chart (`title` as caption and as the SVG's accessible name); the caller
/// closes it with `</svg></figure>`.
fn figure(title: &str, width: f64, height: f64) -> String {
    format!(
        r#"<figure><figcaption>{t}</figcaption><svg role="img" width="{width}" height="{height:.0}" viewBox="0 0 {width} {height:.0}" class="chart"><title>{t}</title>"#,
        t = esc(title)
    )
}

/// A horizontal bar chart: rows of (label, bars of (value, colour index)), values in [0, max].
pub(crate) fn hbars(
    title: &str,
    rows: &[(String, Vec<(f64, usize)>)],
    max: f64,
    percent: bool,
) -> String {
    let bar_h = 14.0;
    let label_w = label_width(rows.iter().map(|r| r.0.as_str()));
    let plot_w = 380.0;
    let row_gap = 8.0;
    let heights: Vec<f64> = rows
        .iter()
        .map(|(_, bars)| bars.len().max(1) as f64 * bar_h + row_gap)
        .collect();
    let height = heights.iter().sum::<f64>() + 30.0;
    let width = label_w + plot_w + 70.0;
    let mut s = figure(title, width, height);
    // Axis ticks at 0, 25, 50, 75, 100 % of max.
    for t in 0..=4 {
        let x = label_w + plot_w * f64::from(t) / 4.0;
        let v = max * f64::from(t) / 4.0;
        let _ = write!(
            s,
            r##"<line x1="{x:.1}" y1="0" x2="{x:.1}" y2="{:.0}" stroke="#ddd"/><text x="{x:.1}" y="{:.0}" font-size="10" text-anchor="middle" fill="#555">{}</text>"##,
            height - 22.0,
            height - 8.0,
            if percent { nl::pct(v) } else { nl::dec(v, 2) }
        );
    }
    let mut y = 0.0;
    for ((label, bars), h) in rows.iter().zip(&heights) {
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" font-size="11" text-anchor="end" fill="#222">{}</text>"##,
            label_w - 6.0,
            y + (h - row_gap) / 2.0 + 4.0,
            esc(label)
        );
        for (j, (v, color)) in bars.iter().enumerate() {
            let w = if max > 0.0 {
                (v / max).clamp(0.0, 1.0) * plot_w
            } else {
                0.0
            };
            let by = y + j as f64 * bar_h;
            let _ = write!(
                s,
                r##"<rect x="{label_w}" y="{:.1}" width="{w:.1}" height="{:.1}" fill="{}"/><text x="{:.1}" y="{:.1}" font-size="10" fill="#222">{}</text>"##,
                by + 1.0,
                bar_h - 2.0,
                COLORS[*color % COLORS.len()],
                label_w + w + 4.0,
                by + bar_h - 3.0,
                if percent { nl::pct(*v) } else { nl::f3(*v) }
            );
        }
        y += h;
    }
    s.push_str("</svg></figure>");
    s
}

/// Bars with a target marker per row: (label, value, target).
pub(crate) fn target_bars(title: &str, rows: &[(String, f64, Option<f64>)]) -> String {
    let max = rows
        .iter()
        .flat_map(|(_, v, t)| [*v, t.unwrap_or(0.0)])
        .fold(1.0, f64::max)
        * 1.1;
    let label_w = label_width(rows.iter().map(|r| r.0.as_str()));
    let (plot_w, bar_h) = (380.0, 26.0);
    let height = rows.len() as f64 * (bar_h + 10.0) + 40.0;
    let width = label_w + plot_w + 110.0;
    let mut s = figure(title, width, height);
    for (i, (label, v, target)) in rows.iter().enumerate() {
        let y = i as f64 * (bar_h + 10.0) + 4.0;
        let w = v / max * plot_w;
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" font-size="11" text-anchor="end" fill="#222">{}</text><rect x="{label_w}" y="{y:.1}" width="{w:.1}" height="{bar_h}" fill="{}"/><text x="{:.1}" y="{:.1}" font-size="10" fill="#222">{}</text>"##,
            label_w - 6.0,
            y + bar_h / 2.0 + 4.0,
            esc(label),
            COLORS[0],
            label_w + w + 4.0,
            y + bar_h / 2.0 + 4.0,
            nl::int(*v),
        );
        if let Some(t) = target {
            let x = label_w + t / max * plot_w;
            let _ = write!(
                s,
                r##"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}" stroke="{}" stroke-width="3"/><text x="{:.1}" y="{:.1}" font-size="10" fill="{}">doel {}</text>"##,
                y - 2.0,
                y + bar_h + 2.0,
                COLORS[5],
                x + 4.0,
                y + 9.0,
                COLORS[5],
                nl::int(*t),
            );
        }
    }
    let _ = write!(
        s,
        r##"<rect x="{label_w}" y="{:.0}" width="12" height="10" fill="{}"/><text x="{:.0}" y="{:.0}" font-size="10">succesvolle verwijzingen per jaar (geschaald)</text>"##,
        height - 22.0,
        COLORS[0],
        label_w + 16.0,
        height - 13.0
    );
    s.push_str("</svg></figure>");
    s
}

/// Vertical bars of counts: (label, count).
pub(crate) fn histogram(title: &str, axis: &str, bins: &[(String, usize)]) -> String {
    let max = bins.iter().map(|b| b.1).max().unwrap_or(0).max(1) as f64;
    let (bar_w, gap, plot_h) = (48.0, 14.0, 150.0);
    let width = (bins.len() as f64 * (bar_w + gap) + 40.0).max(420.0);
    let height = plot_h + 64.0;
    let mut s = figure(title, width, height);
    let _ = write!(
        s,
        r##"<text x="20" y="{:.0}" font-size="10" fill="#555">{}</text>"##,
        height - 4.0,
        esc(axis)
    );
    for (i, (label, n)) in bins.iter().enumerate() {
        let h = *n as f64 / max * plot_h;
        let x = 20.0 + i as f64 * (bar_w + gap);
        let y = 15.0 + plot_h - h;
        let _ = write!(
            s,
            r##"<rect x="{x:.1}" y="{y:.1}" width="{bar_w}" height="{h:.1}" fill="{}"/><text x="{:.1}" y="{:.1}" font-size="10" text-anchor="middle">{n}</text><text x="{:.1}" y="{:.1}" font-size="11" text-anchor="middle">{}</text>"##,
            COLORS[3],
            x + bar_w / 2.0,
            y - 3.0,
            x + bar_w / 2.0,
            15.0 + plot_h + 16.0,
            esc(label)
        );
    }
    s.push_str("</svg></figure>");
    s
}

pub(crate) fn legend(items: &[(&str, usize)]) -> String {
    let mut s = String::from(r#"<p class="legend">"#);
    for (label, color) in items {
        let _ = write!(
            s,
            r#"<span><svg width="12" height="12" role="presentation"><rect width="12" height="12" fill="{}"/></svg> {}</span> "#,
            COLORS[*color % COLORS.len()],
            esc(label)
        );
    }
    s.push_str("</p>");
    s
}
