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
        assert!(lines("t", &cats, &empty, &|v| format!("{v}")).ends_with("</svg>"));
    }
}
