//! Validation problems that carry meaning: `{field, code, params}` plus an English `message`.
//!
//! `code` is a stable snake_case id and `params` the values a sentence needs (`min`, `max`, `got`,
//! `value`, ...), so each face words a problem in its own language without parsing text: the CLI and
//! the wasm `Error.message` print the English `message` (`field: message`), the page words `code` and
//! `params` in Dutch or English. Codes are a public contract: add new ones, never rename.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;
use std::fmt;

/// Why a field is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "ErrorCode"))]
pub enum Code {
    /// A required field is absent (`params.name`), or none of several alternatives is given
    /// (`params.one_of`).
    Missing,
    /// Present but empty.
    Empty,
    /// Not JSON at all, or not a single JSON value.
    InvalidJson,
    /// Not valid UTF-8 (`params.byte`).
    InvalidEncoding,
    /// A JSON value of the wrong type (`params.expected`, `params.got`: string, integer, number,
    /// boolean, list, object, null).
    WrongType,
    /// A field the contract does not know (`params.strict`: true when that is an error).
    UnknownField,
    /// Not one of the known values (`params.value`; `params.expected` when the list is short).
    UnknownValue,
    /// Text of the wrong shape (`params.format`: postcode, language, date, time, version, id, ...).
    InvalidFormat,
    /// A number or date outside its range (`params.min`, `params.max`, `params.got`).
    OutOfRange,
    /// Longer than allowed (`params.max`, `params.got`, `params.unit`: characters or bytes).
    TooLong,
    /// Listed more than once (`params.value`, `params.first` when known).
    Duplicate,
    /// Contradicts another field (`params.other`).
    Inconsistent,
    /// A place no loaded social map covers (`params.place`, `params.loaded`).
    NotCovered,
    /// A map entry not verified for too long (`params.months`).
    Stale,
    /// A map entry that looks unusual and deserves a check (warnings only).
    Suspicious,
    /// A policy override that would make triage less safe: a looser urgent or MGN threshold, or
    /// words that could set a risk aside (`params.got`, `params.default`).
    Loosens,
}

impl Code {
    /// Every code, in declaration order (the wasm module's TypeScript `ErrorCode` lists the same).
    pub const ALL: [Code; 16] = [
        Code::Missing,
        Code::Empty,
        Code::InvalidJson,
        Code::InvalidEncoding,
        Code::WrongType,
        Code::UnknownField,
        Code::UnknownValue,
        Code::InvalidFormat,
        Code::OutOfRange,
        Code::TooLong,
        Code::Duplicate,
        Code::Inconsistent,
        Code::NotCovered,
        Code::Stale,
        Code::Suspicious,
        Code::Loosens,
    ];
}

/// A problem with one field of one record.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldError {
    /// Path of the field, e.g. `areas[1].severity`; empty when the record as a whole is at fault.
    pub field: String,
    pub code: Code,
    #[cfg_attr(feature = "ts", ts(type = "Record<string, unknown>"))]
    pub params: Params,
    /// The problem in English, without the field (the CLI prints `field: message`).
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: Code, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            code,
            params: Params::default(),
            message: message.into(),
        }
    }

    /// Adds (or replaces) a parameter.
    #[inline]
    pub fn with(self, name: &'static str, value: impl Into<Value>) -> Self {
        self.with_value(name, value.into())
    }

    // Not generic: one copy in the wasm module, however many value types `with` takes.
    fn with_value(mut self, name: &'static str, value: Value) -> Self {
        match self.params.0.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => {
                // Exactly: a first push would reserve room for four, in every one of a million issues.
                self.params.0.reserve_exact(1);
                self.params.0.push((name, value));
            }
        }
        self
    }

    /// The same problem one level down, e.g. `age` of a case's referral becomes `referral.age`.
    pub fn within(mut self, parent: &str) -> Self {
        self.field = if self.field.is_empty() {
            parent.to_string()
        } else {
            format!("{parent}.{}", self.field)
        };
        self
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.field, self.message)
        }
    }
}

impl std::error::Error for FieldError {}

/// The values a problem's sentence needs, serialised as a JSON object in the order added. A short list
/// rather than a map: a map with a million bad entries holds a million of these.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params(Vec<(&'static str, Value)>);

impl Params {
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for Params {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (name, value) in &self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// Every problem of one record, in the order the checks run; never empty.
pub type FieldErrors = Vec<FieldError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_every_code_once() {
        // An exhaustive match: a new code does not compile until it has a place in ALL.
        let position = |c: Code| match c {
            Code::Missing => 0,
            Code::Empty => 1,
            Code::InvalidJson => 2,
            Code::InvalidEncoding => 3,
            Code::WrongType => 4,
            Code::UnknownField => 5,
            Code::UnknownValue => 6,
            Code::InvalidFormat => 7,
            Code::OutOfRange => 8,
            Code::TooLong => 9,
            Code::Duplicate => 10,
            Code::Inconsistent => 11,
            Code::NotCovered => 12,
            Code::Stale => 13,
            Code::Suspicious => 14,
            Code::Loosens => 15,
        };
        for (i, c) in Code::ALL.iter().enumerate() {
            assert_eq!(position(*c), i);
        }
    }
}
