//! A note for the reader of monitoring and the business case: a stable code and the text in Dutch and
//! English (warnings and assumptions).

use serde::Serialize;

/// A note for the reader: a stable code and the text in Dutch and English.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Note {
    pub code: &'static str,
    pub nl: String,
    pub en: String,
}

pub(crate) fn note(code: &'static str, nl: String, en: String) -> Note {
    Note { code, nl, en }
}
