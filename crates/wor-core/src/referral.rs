//! The referral input contract (one JSON object per referral) and its validation.
//!
//! Errors always name the field (`areas[2].severity`, `preferences.max_km`) so that a social worker or an
//! integrator can fix the record without reading code.

use crate::area::SupportArea;
use crate::audience::{Audience, AudienceSet};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;

/// Documented limits, enforced with a clear error.
pub mod limits {
    /// Maximum length of the free-text note, in characters.
    pub const MAX_TEXT_CHARS: usize = 10_000;
    /// Maximum length of a referral id, in characters.
    pub const MAX_ID_CHARS: usize = 128;
    /// Maximum size of one referral (one JSONL line), in bytes.
    pub const MAX_RECORD_BYTES: usize = 1_000_000;
    /// Highest plausible age.
    pub const MAX_AGE: i64 = 120;
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Referral {
    pub id: String,
    pub age: i64,
    pub consent: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub areas: Vec<AreaNeed>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub screening: Option<Screening>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<Flag>,
    #[serde(default, skip_serializing_if = "Preferences::is_empty")]
    pub preferences: Preferences,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referrer: Option<Referrer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub positive_health: Option<PositiveHealth>,
    /// Audience ids the referrer knows the resident belongs to, beyond what the engine derives
    /// ([`Referral::audiences`]). Text, checked by `validate` like the language codes: a typed list would
    /// compile one more sequence deserializer into the size-budgeted wasm module.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub audience: Vec<String>,
}

/// An explicitly stated support area with its severity (1 mild .. 3 severe).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaNeed {
    pub area: SupportArea,
    #[serde(default = "default_severity")]
    pub severity: u8,
}

fn default_severity() -> u8 {
    2
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Screening {
    #[serde(rename = "4dkl", default, skip_serializing_if = "Option::is_none")]
    pub four_dkl: Option<FourDkl>,
}

/// 4DKL (Vierdimensionale Klachtenlijst) sum scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FourDkl {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distress: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub depression: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anxiety: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub somatization: Option<u32>,
}

impl FourDkl {
    /// (field, value, maximum sum score) for each filled-in scale.
    fn scales(&self) -> [(&'static str, Option<u32>, u32); 4] {
        [
            ("distress", self.distress, 32),
            ("depression", self.depression, 12),
            ("anxiety", self.anxiety, 24),
            ("somatization", self.somatization, 32),
        ]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    SuicidalIdeation,
    PsychosisSuspected,
    AcuteDanger,
    MentalDisorderSuspected,
}

impl Flag {
    pub fn is_acute(self) -> bool {
        !matches!(self, Flag::MentalDisorderSuspected)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Referrer {
    Gp,
    Poh,
    Paramedic,
    Pharmacist,
    Hospital,
    HomeCare,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Self::Mon,
        Self::Tue,
        Self::Wed,
        Self::Thu,
        Self::Fri,
        Self::Sat,
        Self::Sun,
    ];
    pub fn label_nl(self) -> &'static str {
        [
            "maandag",
            "dinsdag",
            "woensdag",
            "donderdag",
            "vrijdag",
            "zaterdag",
            "zondag",
        ][self as usize]
    }
    pub fn label_en(self) -> &'static str {
        [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ][self as usize]
    }
}

/// Part of the day: morning before 12:00, afternoon 12:00-17:00, evening from 17:00.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayPart {
    Morning,
    Afternoon,
    Evening,
}

impl DayPart {
    pub fn of_minute(minute_of_day: u16) -> DayPart {
        match minute_of_day {
            0..720 => DayPart::Morning,
            720..1020 => DayPart::Afternoon,
            _ => DayPart::Evening,
        }
    }
    pub fn label_nl(self) -> &'static str {
        ["ochtend", "middag", "avond"][self as usize]
    }
    pub fn label_en(self) -> &'static str {
        ["morning", "afternoon", "evening"][self as usize]
    }
}

/// What the resident needs for an activity to be feasible. All optional.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Preferences {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_km: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_eur_per_month: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub days: Vec<Weekday>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub times: Vec<DayPart>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<bool>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub wheelchair: bool,
    /// Only the stated days and parts of day ("alleen deze dagen"): entries with fixed slots at other
    /// moments are left out instead of ranked lower.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub strict_days: bool,
}

impl Preferences {
    fn is_empty(&self) -> bool {
        *self == Preferences::default()
    }
}

/// Positive Health (Positieve Gezondheid) spider web, each dimension scored 0-10 by the resident.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct PositiveHealth {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lichaamsfuncties: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mentaal_welbevinden: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zingeving: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kwaliteit_van_leven: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meedoen: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dagelijks_functioneren: Option<f64>,
}

impl PositiveHealth {
    /// (dimension id, score) for each filled-in dimension, in the model's order.
    pub fn dimensions(&self) -> impl Iterator<Item = (&'static str, f64)> {
        [
            ("lichaamsfuncties", self.lichaamsfuncties),
            ("mentaal_welbevinden", self.mentaal_welbevinden),
            ("zingeving", self.zingeving),
            ("kwaliteit_van_leven", self.kwaliteit_van_leven),
            ("meedoen", self.meedoen),
            ("dagelijks_functioneren", self.dagelijks_functioneren),
        ]
        .into_iter()
        .filter_map(|(name, v)| v.map(|v| (name, v)))
    }
}

/// A problem with one field of one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// Path of the field, e.g. `areas[1].severity`; empty when the record as a whole is at fault.
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
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

/// Deserialises `json` into `T`, naming the field of any error; unknown fields are collected.
pub(crate) fn from_json_tracking<T: serde::de::DeserializeOwned>(
    json: &str,
    mode: Strictness,
) -> Result<Parsed<T>, FieldError> {
    let mut unknown = Vec::new();
    let mut de = serde_json::Deserializer::from_str(json);
    let mut on_unknown = |path: serde_ignored::Path| unknown.push(path.to_string());
    let tracked = serde_ignored::Deserializer::new(&mut de, &mut on_unknown);
    let value: T = serde_path_to_error::deserialize(tracked).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." || path == "?" {
            String::new()
        } else {
            path
        };
        FieldError::new(field, clean_serde_message(&e.inner().to_string()))
    })?;
    de.end()
        .map_err(|e| FieldError::new("", clean_serde_message(&e.to_string())))?;
    let warnings: Vec<FieldError> = unknown
        .into_iter()
        .map(|path| FieldError::new(shown_field(&path), "unknown field"))
        .collect();
    if mode == Strictness::Strict {
        if let Some(first) = warnings.into_iter().next() {
            return Err(FieldError::new(
                first.field,
                "unknown field (not allowed in strict mode)",
            ));
        }
        return Ok(Parsed {
            value,
            warnings: Vec::new(),
        });
    }
    Ok(Parsed { value, warnings })
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

/// A number for a message: plain when reasonable, scientific when huge.
fn number(v: f64) -> String {
    if v.abs() < 1e9 {
        format!("{v}")
    } else {
        format!("{v:e}")
    }
}

impl Referral {
    /// Parses and validates one referral from JSON.
    pub fn from_json(json: &str, mode: Strictness) -> Result<Parsed<Referral>, FieldError> {
        if json.len() > limits::MAX_RECORD_BYTES {
            return Err(FieldError::new(
                "",
                format!(
                    "record is {} bytes; the limit is {} bytes",
                    json.len(),
                    limits::MAX_RECORD_BYTES
                ),
            ));
        }
        let parsed: Parsed<Referral> = from_json_tracking(json, mode)?;
        parsed.value.validate()?;
        Ok(parsed)
    }

    /// Checks every rule of the contract beyond the JSON shape.
    pub fn validate(&self) -> Result<(), FieldError> {
        let id = self.id.trim();
        if id.is_empty() {
            return Err(FieldError::new("id", "must not be empty"));
        }
        if self.id.chars().count() > limits::MAX_ID_CHARS {
            return Err(FieldError::new(
                "id",
                format!("longer than {} characters", limits::MAX_ID_CHARS),
            ));
        }
        if self.id.chars().any(char::is_control) {
            return Err(FieldError::new("id", "contains control characters"));
        }
        if !(0..=limits::MAX_AGE).contains(&self.age) {
            return Err(FieldError::new(
                "age",
                format!(
                    "must be between 0 and {}, got {}",
                    limits::MAX_AGE,
                    self.age
                ),
            ));
        }
        let municipality = self.municipality.as_deref().map(str::trim);
        let postcode = self.postcode.as_deref().map(str::trim);
        if municipality.is_none_or(str::is_empty) && postcode.is_none_or(str::is_empty) {
            return Err(FieldError::new(
                "municipality",
                "give a municipality (name or CBS code) or a postcode",
            ));
        }
        if let Some(pc) = postcode {
            if pc4_of(pc).is_none() {
                return Err(FieldError::new(
                    "postcode",
                    format!(
                        "{} is not a Dutch postcode (expected 1234 or 1234 AB)",
                        shown(pc)
                    ),
                ));
            }
        }
        let mut seen = BTreeSet::new();
        for (i, need) in self.areas.iter().enumerate() {
            if !(1..=3).contains(&need.severity) {
                return Err(FieldError::new(
                    format!("areas[{i}].severity"),
                    format!("must be 1, 2 or 3, got {}", need.severity),
                ));
            }
            if !seen.insert(need.area) {
                return Err(FieldError::new(
                    format!("areas[{i}].area"),
                    format!("'{}' is listed more than once", need.area),
                ));
            }
        }
        if let Some(text) = &self.text {
            let n = text.chars().count();
            if n > limits::MAX_TEXT_CHARS {
                return Err(FieldError::new(
                    "text",
                    format!("is {n} characters; the limit is {}", limits::MAX_TEXT_CHARS),
                ));
            }
        }
        if let Some(dkl) = self.screening.and_then(|s| s.four_dkl) {
            for (name, value, max) in dkl.scales() {
                if let Some(v) = value.filter(|v| *v > max) {
                    return Err(FieldError::new(
                        format!("screening.4dkl.{name}"),
                        format!("must be between 0 and {max}, got {v}"),
                    ));
                }
            }
        }
        let mut flags = BTreeSet::new();
        for (i, flag) in self.flags.iter().enumerate() {
            if !flags.insert(*flag) {
                return Err(FieldError::new(
                    format!("flags[{i}]"),
                    "listed more than once",
                ));
            }
        }
        self.preferences.validate()?;
        let mut audiences = AudienceSet::default();
        for (i, id) in self.audience.iter().enumerate() {
            let field = || format!("audience[{i}]");
            let a: Audience = id.parse().map_err(|e: crate::audience::UnknownAudience| {
                FieldError::new(field(), e.to_string())
            })?;
            if audiences.contains(a) {
                return Err(FieldError::new(
                    field(),
                    format!("'{a}' is listed more than once"),
                ));
            }
            audiences.insert(a);
        }
        if let Some(ph) = &self.positive_health {
            for (name, v) in ph.dimensions() {
                if !(0.0..=10.0).contains(&v) {
                    return Err(FieldError::new(
                        format!("positive_health.{name}"),
                        format!("must be between 0 and 10, got {}", number(v)),
                    ));
                }
            }
        }
        Ok(())
    }

    /// The audiences the referral states (ids that do not parse are skipped: `validate` refuses them).
    pub fn audiences(&self) -> AudienceSet {
        self.audience
            .iter()
            .filter_map(|id| id.parse().ok())
            .collect()
    }

    /// The 4-digit PC4 of the postcode, when given.
    pub fn pc4(&self) -> Option<u16> {
        self.postcode.as_deref().and_then(pc4_of)
    }

    pub fn has_acute_flag(&self) -> bool {
        self.flags.iter().any(|f| f.is_acute())
    }
}

impl Preferences {
    fn validate(&self) -> Result<(), FieldError> {
        if let Some(km) = self.max_km {
            if !(km.is_finite() && km > 0.0 && km <= 500.0) {
                return Err(FieldError::new(
                    "preferences.max_km",
                    format!(
                        "must be a distance between 0 and 500 km, got {}",
                        number(km)
                    ),
                ));
            }
        }
        if let Some(eur) = self.max_eur_per_month {
            if !(eur.is_finite() && eur >= 0.0) {
                return Err(FieldError::new(
                    "preferences.max_eur_per_month",
                    format!("must be an amount of at least 0, got {}", number(eur)),
                ));
            }
        }
        if self.strict_days && self.days.is_empty() && self.times.is_empty() {
            return Err(FieldError::new(
                "preferences.strict_days",
                "needs preferences.days or preferences.times",
            ));
        }
        for (i, lang) in self.languages.iter().enumerate() {
            if !is_iso639_1(lang) {
                return Err(FieldError::new(
                    format!("preferences.languages[{i}]"),
                    format!(
                        "{} is not a two-letter ISO 639-1 code (e.g. nl, en, tr, ar)",
                        shown(lang)
                    ),
                ));
            }
        }
        Ok(())
    }
}

pub(crate) fn is_iso639_1(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_lowercase())
}

/// Parses "1234", "1234AB" or "1234 AB" into the numeric PC4 (1000-9999).
pub fn pc4_of(postcode: &str) -> Option<u16> {
    let pc = postcode.trim();
    let digits = pc.get(..4)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) || digits.starts_with('0') {
        return None;
    }
    let rest = pc[4..].trim_start();
    let letters_ok =
        rest.is_empty() || (rest.len() == 2 && rest.bytes().all(|b| b.is_ascii_alphabetic()));
    letters_ok.then(|| digits.parse().ok()).flatten()
}
