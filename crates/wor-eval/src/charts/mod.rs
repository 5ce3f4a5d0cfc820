//! Inline SVG charts, the one chart module: no scripts, no styles (the page's Content-Security-Policy
//! forbids inline styles), only presentation attributes, so the same markup works in a standalone HTML
//! file and inside the web page. `trend.rs`: bars and lines over years or months (monitoring, business
//! case); `bars.rs`: horizontal bars, bars against a target and a histogram (the evaluation report).

/// One series of a chart: a label, a colour and one value per category (`None`: no value).
pub struct Series<'a> {
    pub label: &'a str,
    pub color: &'a str,
    pub values: Vec<Option<f64>>,
}

/// HTML and SVG escaping with named entities (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;`): the charts'
/// own, and the Regio templates' (`askama.toml`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Entities;

impl askama::filters::Escaper for Entities {
    fn write_escaped_str<W: std::fmt::Write>(&self, mut dest: W, s: &str) -> std::fmt::Result {
        let mut start = 0;
        for (i, c) in s.char_indices() {
            let entity = match c {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => continue,
            };
            dest.write_str(&s[start..i])?;
            dest.write_str(entity)?;
            start = i + 1;
        }
        dest.write_str(&s[start..])
    }
}

/// Escapes text for HTML and SVG.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Writing into a String cannot fail.
    let _ = askama::filters::Escaper::write_escaped_str(&Entities, &mut out, s);
    out
}

mod bars;
mod trend;

pub(crate) use bars::{hbars, histogram, legend, target_bars};
pub use trend::{bars, lines};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_escape_labels_and_handle_negatives() {
        let cats = vec!["2025".to_string(), "2026".to_string()];
        let s = [Series {
            label: "<netto>",
            color: "#c00",
            values: vec![Some(-5.0), Some(10.0)],
        }];
        let svg = bars("t & t", &cats, &s, &|v| format!("{v}"));
        assert!(
            svg.contains("t &amp; t") && svg.contains("&lt;netto&gt;") && !svg.contains("<netto>")
        );
        assert!(svg.contains("<text") && svg.contains(">-5<"));
        let svg = lines("t", &cats, &s, &|v| format!("{v}"));
        assert_eq!(svg.matches("<circle").count(), 2);
        // No values at all still draws a frame.
        let empty = [Series {
            label: "x",
            color: "#000",
            values: vec![None, None],
        }];
        assert!(lines("t", &cats, &empty, &|v| format!("{v}")).ends_with("</svg></figure>"));
    }

    /// The `x` and text of every `<text>` of an SVG, in order.
    fn texts(svg: &str) -> Vec<(f64, String)> {
        svg.split("<text x=\"")
            .skip(1)
            .map(|t| {
                let x = t[..t.find('"').unwrap_or(0)].parse().unwrap_or(f64::NAN);
                let body = t.split('>').nth(1).unwrap_or("");
                (x, body.trim_end_matches("</text").to_string())
            })
            .collect()
    }

    #[test]
    fn trend_charts_fit_a_phone_legends_wrap_and_labels_never_collide() {
        let months: Vec<String> = (1..=24)
            .map(|m| format!("20{}-{:02}", 25 + (m - 1) / 12, (m - 1) % 12 + 1))
            .collect();
        let long = "successful referrals, cumulative, against the path";
        let s = [
            Series {
                label: long,
                color: "#000",
                values: (0..24)
                    .map(|i| Some(-1_000_000.0 + 90_000.0 * f64::from(i)))
                    .collect(),
            },
            Series {
                label: "path to the target",
                color: "#777",
                values: vec![Some(1.0); 24],
            },
        ];
        let fmt = |v: f64| format!("€ {v:.0}");
        for svg in [lines("t", &months, &s, &fmt), bars("t", &months, &s, &fmt)] {
            // Drawn at the phone-first width with text of 13 units (11 px at a scale of 0.85).
            assert!(svg.contains(&format!("width=\"{}\"", trend::W)), "{svg}");
            assert!(svg.matches("font-size=").count() == svg.matches("font-size=\"13\"").count());
            let t = texts(&svg);
            // The legend wrapped: its long label starts at the left edge of a line of its own.
            let legend: Vec<&(f64, String)> = t
                .iter()
                .filter(|(_, l)| l == long || l == "path to the target")
                .collect();
            assert_eq!(legend.len(), 2, "{t:?}");
            assert!(
                legend
                    .iter()
                    .all(|(x, l)| x + 7.2 * l.chars().count() as f64 <= trend::W),
                "{legend:?}"
            );
            // Month labels: some are left out, and neighbours are at least a label's width apart.
            let cats: Vec<f64> = t
                .iter()
                .filter(|(_, l)| l.starts_with("202"))
                .map(|(x, _)| *x)
                .collect();
            assert!(cats.len() < 24 && cats.len() >= 4, "{cats:?}");
            assert!(
                cats.windows(2).all(|w| w[1] - w[0] >= 7.2 * 7.0),
                "{cats:?}"
            );
            // The value axis has room for its widest label (€ -1000000) left of the plot.
            let (x, label) = t
                .iter()
                .find(|(_, l)| l == "€ -1000000")
                .cloned()
                .unwrap_or((0.0, String::new()));
            assert!(x - 7.2 * label.chars().count() as f64 >= 0.0, "{x} {label}");
        }
    }
}
