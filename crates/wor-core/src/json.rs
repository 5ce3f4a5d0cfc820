//! Reading JSON records: a shape error names its field, unknown fields are warnings (errors in strict
//! mode), every problem of a record is reported together, and an input value is shown in a message only
//! when it is short (a note must never leak into an error line). Referrals, maps, historic cases and the
//! tools' parameter files all read through here, so their problems look alike.

use crate::error::{Code, FieldError, FieldErrors};
use serde::Deserialize;
use serde_json::Value;

/// Maximum size of one record (one JSONL line), in bytes.
pub const MAX_RECORD_BYTES: usize = 1_000_000;

/// How unknown fields are treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Strictness {
    /// Unknown fields are a warning and are ignored.
    #[default]
    Lenient,
    /// Unknown fields are an error.
    Strict,
}

/// A successfully parsed referral and the warnings found on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed<T> {
    pub value: T,
    pub warnings: Vec<FieldError>,
}

/// Deserialises from `de`, naming the field of a shape error.
fn named<'de, T: Deserialize<'de>>(
    de: impl serde::Deserializer<'de, Error = serde_json::Error>,
) -> Result<T, FieldError> {
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." || path == "?" {
            String::new()
        } else {
            path
        };
        serde_problem(field, e.inner())
    })
}

/// Deserialises `json` into `T`, naming the field of a shape error; unknown fields become warnings.
pub(crate) fn from_json_tracking<T: serde::de::DeserializeOwned>(
    json: &str,
) -> Result<Parsed<T>, FieldError> {
    let mut unknown: Vec<String> = Vec::new();
    let mut de = serde_json::Deserializer::from_str(json);
    let mut on_unknown = |path: serde_ignored::Path| unknown.push(path.to_string());
    let value = named(serde_ignored::Deserializer::new(&mut de, &mut on_unknown))?;
    de.end().map_err(|e| serde_problem(String::new(), &e))?;
    let warnings = unknown
        .into_iter()
        .map(|path| {
            FieldError::new(shown_field(&path), Code::UnknownField, "unknown field")
                .with("strict", false)
        })
        .collect();
    Ok(Parsed { value, warnings })
}

/// [`from_json_tracking`] without listing unknown fields (serde skips them either way), for callers
/// that show no warnings: the tracking is a sizeable part of the wasm module.
pub(crate) fn from_json_quiet<T: serde::de::DeserializeOwned>(
    json: &str,
) -> Result<Parsed<T>, FieldError> {
    let mut de = serde_json::Deserializer::from_str(json);
    let value = named(&mut de)?;
    de.end().map_err(|e| serde_problem(String::new(), &e))?;
    Ok(Parsed {
        value,
        warnings: Vec::new(),
    })
}

/// Parses one record of at most [`MAX_RECORD_BYTES`] with `parse` and runs `check` on it. All
/// problems are returned together: unknown fields (errors in strict mode) and every rule `check` finds.
pub(crate) fn parse_record<T>(
    json: &str,
    mode: Strictness,
    parse: fn(&str) -> Result<Parsed<T>, FieldError>,
    check: impl FnOnce(&T) -> Result<(), FieldErrors>,
) -> Result<Parsed<T>, FieldErrors> {
    if json.len() > MAX_RECORD_BYTES {
        return Err(vec![FieldError::new(
            "",
            Code::TooLong,
            format!(
                "record is {} bytes; the limit is {} bytes",
                json.len(),
                MAX_RECORD_BYTES
            ),
        )
        .with("max", MAX_RECORD_BYTES)
        .with("got", json.len())
        .with("unit", "bytes")]);
    }
    let mut parsed = parse(json).map_err(|e| vec![e])?;
    let mut errors = Vec::new();
    if mode == Strictness::Strict {
        errors.extend(parsed.warnings.drain(..).map(|w| FieldError {
            message: if w.code == Code::UnknownField {
                "unknown field (not allowed in strict mode)".into()
            } else {
                format!("{} (an error in strict mode)", w.message)
            },
            ..w.with("strict", true)
        }));
    }
    if let Err(more) = check(&parsed.value) {
        errors.extend(more);
    }
    if errors.is_empty() {
        Ok(parsed)
    } else {
        Err(errors)
    }
}

/// [`parse_record`] with unknown fields tracked (errors in strict mode): for formats beside the
/// contract's records, such as the business case's params, so that they report problems the same way.
pub fn parse_tracked<T: serde::de::DeserializeOwned>(
    json: &str,
    mode: Strictness,
    check: impl FnOnce(&T) -> Result<(), FieldErrors>,
) -> Result<Parsed<T>, FieldErrors> {
    parse_record(json, mode, from_json_tracking, check)
}

/// A serde error as a problem: the code from serde's category and message (the only structure serde
/// offers), the message cleaned of Rust-isms.
fn serde_problem(field: String, e: &serde_json::Error) -> FieldError {
    let msg = e.to_string();
    let problem = |code| FieldError::new(field, code, clean_serde_message(&msg));
    if !e.is_data() {
        return problem(Code::InvalidJson)
            .with("line", e.line())
            .with("column", e.column());
    }
    // serde quotes the field name or the offending value first, in backticks.
    let quoted = msg.split('`').nth(1).unwrap_or("");
    if msg.starts_with("missing field ") {
        return problem(Code::Missing).with("name", quoted);
    }
    if msg.starts_with("duplicate field ") {
        return problem(Code::Duplicate).with("name", quoted);
    }
    if msg.starts_with("unknown variant ") {
        return problem(Code::UnknownValue).with("value", shown_value(quoted));
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (got, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return problem(Code::WrongType)
            .with("expected", json_type(expected))
            .with("got", json_type(got));
    }
    if let Some(rest) = msg.strip_prefix("invalid value: integer ") {
        let ty = rest.split("expected ").nth(1).unwrap_or("");
        let mut p = problem(Code::OutOfRange).with("got", quoted.parse::<i64>().ok());
        if let Some((min, max)) = integer_range(ty.split(' ').next().unwrap_or("")) {
            p = p.with("min", min).with("max", max);
        }
        return p;
    }
    if msg.contains("is not a valid date") {
        return problem(Code::InvalidFormat).with("format", "date");
    }
    problem(Code::InvalidFormat)
}

/// The JSON type of serde's `expected`/`unexpected` wording (`a string`, `i64`, `map`, `struct X`).
fn json_type(serde: &str) -> &'static str {
    let s = serde.trim_start_matches("a ").trim_start_matches("an ");
    let starts = |words: &[&str]| words.iter().any(|w| s.starts_with(w));
    if starts(&["string"]) {
        "string"
    } else if starts(&["integer", "i64", "u64", "i32", "u32", "u16", "u8", "usize"]) {
        "integer"
    } else if starts(&["floating", "f64", "f32"]) {
        "number"
    } else if starts(&["boolean", "bool"]) {
        "boolean"
    } else if starts(&["sequence"]) {
        "list"
    } else if starts(&["map", "struct"]) {
        "object"
    } else if starts(&["null", "unit"]) {
        "null"
    } else {
        "value"
    }
}

/// (min, max) of an integer type serde names in an "expected" clause.
fn integer_range(ty: &str) -> Option<(i64, i64)> {
    Some(match ty {
        "u8" => (0, u8::MAX.into()),
        "u16" => (0, u16::MAX.into()),
        "u32" => (0, u32::MAX.into()),
        "i32" => (i32::MIN.into(), i32::MAX.into()),
        _ => return None,
    })
}

/// serde's messages mention Rust-isms; keep what a person needs, and never echo a long value.
fn clean_serde_message(msg: &str) -> String {
    if let Some(rest) = msg.strip_prefix("expected value") {
        return format!("expected a valid JSON value (NaN and Infinity are not JSON){rest}");
    }
    if let Some(rest) = msg.strip_prefix("invalid number") {
        return format!("invalid number (NaN and Infinity are not JSON){rest}");
    }
    redact_serde_values(msg)
        .replace("invalid type: ", "wrong type: ")
        .replace("a string", "text")
        .replace("i64", "a whole number")
        .replace("u32", "a whole number ≥ 0")
        .replace("u8", "a whole number from 0 to 255")
        .replace("f64", "a number")
}

/// Longest input value an error message echoes: codes, names and enum values fit, a note does not.
pub const MAX_SHOWN_CHARS: usize = 32;

/// An input value as an error message may show it: short values quoted, control characters escaped (so a
/// value cannot forge output lines); longer values are never echoed, as they may be part of a note.
pub fn shown(value: &str) -> String {
    let n = value.chars().count();
    if n > MAX_SHOWN_CHARS {
        return format!("a value of {n} characters (not shown)");
    }
    format!("'{}'", escape_controls(value))
}

/// An input value for `params`: itself (control characters escaped) when short, else null: as in
/// messages, a long value may be part of a note and is never echoed.
pub fn shown_value(value: &str) -> Value {
    if value.chars().count() > MAX_SHOWN_CHARS {
        Value::Null
    } else {
        Value::String(escape_controls(value))
    }
}

/// A field name or path from the input (an unknown key) as a message may show it.
pub(crate) fn shown_field(path: &str) -> String {
    const MAX: usize = 100;
    let escaped = escape_controls(path);
    match escaped.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &escaped[..cut]),
        None => escaped,
    }
}

fn escape_controls(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// serde quotes a wrong-typed string as `string "…"` (Debug-escaped) and an unknown enum value as
/// `` unknown variant `…` `` (raw): keep short values (escaped), drop long ones.
fn redact_serde_values(msg: &str) -> String {
    const STR: &str = "string \"";
    const VARIANT: &str = "unknown variant `";
    if let Some(i) = msg.find(STR) {
        let start = i + STR.len();
        let mut end = msg.len();
        let mut escaped = false;
        for (j, c) in msg[start..].char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => {
                    end = start + j;
                    break;
                }
                _ => {}
            }
        }
        let value = &msg[start..end];
        let n = value.chars().count();
        let shown = if n > MAX_SHOWN_CHARS {
            format!("text of {n} characters (not shown)")
        } else {
            format!("text '{value}'")
        };
        let after = msg.get(end + 1..).unwrap_or("");
        return format!("{}{shown}{after}", &msg[..i]);
    }
    if let Some(i) = msg.find(VARIANT) {
        let start = i + VARIANT.len();
        let end = msg[start..]
            .rfind("`, expected")
            .or_else(|| msg[start..].rfind("`, there are no variants"))
            .map_or(msg.len(), |e| start + e);
        let value = &msg[start..end];
        let after = msg.get(end + 1..).unwrap_or("");
        let n = value.chars().count();
        return if n > MAX_SHOWN_CHARS {
            format!(
                "{}unknown value of {n} characters (not shown){after}",
                &msg[..i]
            )
        } else {
            format!("{}{VARIANT}{}`{after}", &msg[..i], escape_controls(value))
        };
    }
    msg.to_string()
}
