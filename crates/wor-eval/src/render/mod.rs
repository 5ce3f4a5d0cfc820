//! HTML for the monitoring and the business case: a fragment (tables and inline SVG charts, classes
//! only, no inline styles) that the page's Regio view inserts, and a self-contained document around it
//! for `--html` (inline CSS, no scripts, no links, no external assets). Dutch by default, English on
//! request. The markup is the askama templates `templates/regio-fragment.html` and
//! `templates/regio-page.html` (checked at compile time, escaped automatically); this module builds what
//! they show: `business_case.rs` and `monitor.rs` a fragment's blocks, `text.rs` the terminal summaries.

mod business_case;
mod monitor;
mod text;

pub use business_case::business_case_fragment;
pub use monitor::monitor_fragment;
pub use text::{business_case_text, monitor_text};

use crate::note::Note;
use askama::Template;
use wor_core::Lang;

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#222;line-height:1.45}\
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:2px solid #1b6ca8;padding-bottom:.2rem}h3{font-size:1.05rem;margin-top:1.4rem}\
table{border-collapse:collapse;margin:.6rem 0;font-size:.88rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}\
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}tr.sum td{font-weight:bold;background:#f3f6f9}\
.note{color:#555;font-size:.88rem}.warn{background:#fff4e5;border-left:4px solid #e69500;padding:.4rem .8rem}.chart{max-width:100%;height:auto}";

#[derive(Template)]
#[template(path = "regio-page.html", escape = "entities")]
struct Page<'a> {
    lang: &'a str,
    title: &'a str,
    style: &'a str,
    body: &'a str,
}

/// A self-contained HTML document around a fragment.
pub fn document(title: &str, lang: Lang, body: &str) -> String {
    Page {
        lang: if lang == Lang::En { "en" } else { "nl" },
        title,
        style: STYLE,
        body,
    }
    .render()
    // Rendering into a String cannot fail: every value is formatted with Display.
    .unwrap_or_default()
}

/// One piece of a fragment, in order.
pub(super) enum Block {
    /// A small grey paragraph.
    Note(String),
    /// The data's origin (synthetic cases), stressed.
    Origin(String),
    Para(String),
    /// The funding request: label, one-off investments + social domain = total.
    Request(Request),
    H3(String),
    /// A region's heading with its id.
    H3Region(String, String),
    H4(String),
    /// An SVG chart from [`crate::charts`] (escaped there).
    Chart(String),
    /// Warnings or assumptions with their codes; nothing when empty.
    Notes(NoteList),
    /// A table of numbers (right-aligned cells).
    Table(Table),
    /// A table of words (left-aligned cells): the business case's drivers.
    TextTable(Table),
}

pub(super) struct Request {
    pub label: String,
    pub one_off: String,
    pub social: String,
    pub total: String,
}

pub(super) struct NoteList {
    class: &'static str,
    title: String,
    notes: Vec<NoteItem>,
}

struct NoteItem {
    code: &'static str,
    text: String,
}

/// A table: the first column's heading, the other (numeric) columns, and its rows.
pub(super) struct Table {
    pub first: String,
    pub columns: Vec<String>,
    pub rows: Vec<TableRow>,
}

/// A row: a class (`sum` for totals), a label and cells already formatted.
pub(super) struct TableRow {
    pub class: &'static str,
    pub label: String,
    pub cells: Vec<String>,
}

impl Table {
    pub(super) fn new(first: &str, columns: impl IntoIterator<Item = String>) -> Table {
        Table {
            first: first.to_string(),
            columns: columns.into_iter().collect(),
            rows: Vec::new(),
        }
    }

    pub(super) fn row(
        &mut self,
        class: &'static str,
        label: &str,
        cells: impl IntoIterator<Item = String>,
    ) {
        self.rows.push(TableRow {
            class,
            label: label.to_string(),
            cells: cells.into_iter().collect(),
        });
    }
}

#[derive(Template)]
#[template(path = "regio-fragment.html", escape = "entities")]
struct Fragment<'a> {
    class: &'a str,
    title: &'a str,
    blocks: &'a [Block],
}

/// A fragment: `<section class>` with its `<h2>` title and blocks.
pub(super) fn fragment(class: &str, title: &str, blocks: &[Block]) -> String {
    Fragment {
        class,
        title,
        blocks,
    }
    .render()
    .unwrap_or_default()
}

pub(super) fn pick<'a>(lang: Lang, nl: &'a str, en: &'a str) -> &'a str {
    if lang == Lang::En {
        en
    } else {
        nl
    }
}

/// Where the cases come from, as they state it (`origin`): highlighted unless every case is a
/// resident's own.
pub(super) fn origin_block(lang: Lang, origins: &crate::case_file::Origins) -> Block {
    let text = format!(
        "{}: {}",
        pick(lang, "Herkomst van de casussen", "Origin of the cases"),
        origins.describe(lang)
    );
    if origins.all_real() {
        Block::Note(text)
    } else {
        Block::Origin(text)
    }
}

/// Warnings or assumptions in the asked language.
pub(super) fn notes(lang: Lang, class: &'static str, title: &str, list: &[Note]) -> Block {
    Block::Notes(NoteList {
        class,
        title: title.to_string(),
        notes: list
            .iter()
            .map(|n| NoteItem {
                code: n.code,
                text: pick(lang, &n.nl, &n.en).to_string(),
            })
            .collect(),
    })
}

pub(super) const GREEN: &str = "#2e7d32";
pub(super) const BLUE: &str = "#1b6ca8";
pub(super) const ORANGE: &str = "#e69500";
pub(super) const GREY: &str = "#757575";
