//! Problems of a batch on stderr, worded in the input's own terms (a JSON line's field, a CSV row's
//! column) and capped: a file of garbage must not bury the terminal under a line per record.

use crate::csv_referrals::Layout;
use std::collections::BTreeMap;
use wor_core::area::SupportArea;
use wor_core::{Code, FieldError};

/// At most this many problem lines are printed; the rest are counted by kind in one closing line.
pub const MAX_SHOWN: usize = 100;

/// How a record's place and field are named.
pub enum Wording {
    /// JSON lines: `line N: field: problem`.
    Jsonl,
    /// CSV: `row N, column 'datum': problem`, as the spreadsheet shows it.
    Csv(Layout),
}

/// Prints problems up to [`MAX_SHOWN`] lines; [`Problems::finish`] says how many more of each kind.
pub struct Problems<'a> {
    wording: &'a Wording,
    shown: usize,
    /// Kind (`wrong_type`, `warning unknown_field`, ...) -> problems not shown.
    more: BTreeMap<String, usize>,
}

impl<'a> Problems<'a> {
    pub fn new(wording: &'a Wording) -> Problems<'a> {
        Problems {
            wording,
            shown: 0,
            more: BTreeMap::new(),
        }
    }

    /// One problem of the record at `line` (a CSV file's row).
    pub fn error(&mut self, line: usize, e: &FieldError) {
        self.print(&code_id(e.code), || self.wording.word(line, e));
    }

    /// A warning (an unknown field in lenient mode, ...): the record still counts.
    pub fn warning(&mut self, line: usize, e: &FieldError) {
        let kind = format!("warning {}", code_id(e.code));
        self.print(&kind, || {
            let text = self.wording.word(line, e);
            // `line 3: warning: x: unknown field`, as before the cap.
            match text.split_once(": ") {
                Some((place, rest)) => format!("{place}: warning: {rest}"),
                None => format!("warning: {text}"),
            }
        });
    }

    /// A problem already worded elsewhere (a case file's line, a refused export), with its kind.
    pub fn text(&mut self, kind: &str, text: impl FnOnce() -> String) {
        self.print(kind, text);
    }

    fn print(&mut self, kind: &str, text: impl FnOnce() -> String) {
        if self.shown < MAX_SHOWN {
            self.shown += 1;
            eprintln!("{}", text());
        } else {
            *self.more.entry(kind.to_string()).or_default() += 1;
        }
    }

    /// The closing line, when anything was left out.
    pub fn finish(self) {
        if self.more.is_empty() {
            return;
        }
        let total: usize = self.more.values().sum();
        let kinds: Vec<String> = self.more.iter().map(|(k, n)| format!("{n} {k}")).collect();
        eprintln!(
            "... and {total} more problem(s) not shown (only the first {MAX_SHOWN} are): {}",
            kinds.join(", ")
        );
    }
}

/// A code's stable snake_case id, as the JSON output writes it.
pub fn code_id(code: Code) -> String {
    serde_json::to_value(code)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| "problem".into())
}

impl Wording {
    /// `line N: field: problem`, or for CSV `row N, column 'x': problem`.
    pub fn word(&self, line: usize, e: &FieldError) -> String {
        let message = message(e);
        match self {
            Wording::Jsonl if e.field.is_empty() => format!("line {line}: {message}"),
            Wording::Jsonl => format!("line {line}: {}: {message}", e.field),
            Wording::Csv(layout) => {
                // The JSON a row became is internal: its positions mean nothing in the spreadsheet.
                let message = without_json_position(&message);
                // A required field no column fills: serde names it in `params.name`, not `field`.
                let missing = e.params.get("name").and_then(|v| v.as_str());
                let (field, message) = match missing {
                    Some(name) if e.field.is_empty() && e.code == Code::Missing => {
                        (name, "required, but empty or absent")
                    }
                    _ => (e.field.as_str(), message),
                };
                match layout.column(field) {
                    None => format!("{}: {message}", layout.place(line)),
                    Some(column) => format!("{}, {column}: {message}", layout.place(line)),
                }
            }
        }
    }
}

/// The English message; an unknown support area also lists the valid ids with their Dutch labels.
fn message(e: &FieldError) -> String {
    let is_area = e.field.starts_with("areas[") && e.field.ends_with("].area");
    if e.code != Code::UnknownValue || !is_area {
        return e.message.clone();
    }
    let value = e.params.get("value").and_then(|v| v.as_str()).unwrap_or("");
    let valid: Vec<String> = SupportArea::ALL
        .iter()
        .map(|a| format!("{} ({})", a.id(), a.label_nl()))
        .collect();
    format!(
        "unknown support area '{value}'; use an id or a Dutch label: {}",
        valid.join(", ")
    )
}

/// `msg` without serde_json's trailing ` at line L column C`.
fn without_json_position(msg: &str) -> &str {
    let Some(i) = msg.rfind(" at line ") else {
        return msg;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match msg[i + " at line ".len()..].split_once(" column ") {
        Some((l, c)) if digits(l) && digits(c) => &msg[..i],
        _ => msg,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_positions_are_cut_only_at_the_end() {
        assert_eq!(
            without_json_position("unknown variant `fax` at line 1 column 70"),
            "unknown variant `fax`"
        );
        assert_eq!(
            without_json_position("at line 1 column x"),
            "at line 1 column x"
        );
    }
}
