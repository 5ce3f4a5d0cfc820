//! The social-map file format `wor-social-map/1`, as written on disk.
//!
//! This model is faithful to the file (area ids, days and times stay text) so that `validate` can report
//! every problem with its entry and field; the matcher works on a checked [`crate::index::MapIndex`].

use crate::referral::{from_json_tracking, FieldError, Parsed, Strictness};
use serde::{Deserialize, Serialize};

pub const SCHEMA_ID: &str = "wor-social-map/1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SocialMap {
    pub schema: String,
    pub region: RegionInfo,
    pub version: String,
    pub published: String,
    /// Marks fictional demonstration content.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub demo: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
    pub municipalities: Vec<MunicipalityRef>,
    pub activities: Vec<Activity>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionInfo {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MunicipalityRef {
    pub code: String,
    pub name: String,
}

/// What kind of offer an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    /// Group activity, course, meeting place: no indication needed.
    Activity,
    /// Advice, counselling, debt help and similar services.
    Service,
    /// Wmo customised provision that needs an indication.
    Provision,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    pub id: String,
    pub name: String,
    pub organisation: String,
    pub kind: ActivityKind,
    pub areas: Vec<AreaWeight>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub keywords: Vec<String>,
    /// CBS code or name of the municipality where it takes place.
    pub municipality: String,
    /// For region-wide services: the municipalities they serve.
    #[serde(default)]
    pub serves_municipalities: Vec<String>,
    pub location: Location,
    pub schedule: Schedule,
    pub cost_eur_per_month: f64,
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default)]
    pub wheelchair_accessible: bool,
    #[serde(default)]
    pub low_literacy_friendly: bool,
    #[serde(default)]
    pub group: bool,
    #[serde(default)]
    pub min_age: Option<u32>,
    #[serde(default)]
    pub max_age: Option<u32>,
    #[serde(default)]
    pub requires_indication: bool,
    #[serde(default)]
    pub valid_from: Option<String>,
    #[serde(default)]
    pub valid_to: Option<String>,
    #[serde(default)]
    pub last_verified: Option<String>,
    #[serde(default)]
    pub contact: Contact,
}

/// A support area an entry serves; `"loneliness"` is shorthand for weight 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AreaWeight {
    Plain(String),
    Weighted {
        area: String,
        #[serde(default = "one")]
        weight: f64,
    },
}

fn one() -> f64 {
    1.0
}

impl AreaWeight {
    pub fn area(&self) -> &str {
        match self {
            AreaWeight::Plain(a) | AreaWeight::Weighted { area: a, .. } => a,
        }
    }
    pub fn weight(&self) -> f64 {
        match self {
            AreaWeight::Plain(_) => 1.0,
            AreaWeight::Weighted { weight, .. } => *weight,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub postcode: String,
    pub lat: f64,
    pub lon: f64,
}

/// Weekly time slots, or `"by_appointment"`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Schedule {
    Slots(Vec<Slot>),
    Text(String),
}

pub const BY_APPOINTMENT: &str = "by_appointment";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    pub day: String,
    pub start: String,
    pub end: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Contact {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
}

impl SocialMap {
    /// Parses a map file. Shape errors name the entry (`activities[12] (id 'zhn-...')`) and the field;
    /// rule violations are found by [`crate::map::validate`].
    pub fn from_json(json: &str) -> Result<Parsed<SocialMap>, FieldError> {
        from_json_tracking(json, Strictness::Lenient).map_err(|e| name_entry(json, e))
    }

    /// Canonical JSON (2-space indent): what the generator and importer write.
    pub fn to_json_pretty(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a map always serialises");
        s.push('\n');
        s
    }
}

/// Adds the entry id to an error path such as `activities[12].schedule`.
fn name_entry(json: &str, mut err: FieldError) -> FieldError {
    let Some(rest) = err.field.strip_prefix("activities[") else {
        return err;
    };
    let Some(index) = rest.split(']').next().and_then(|n| n.parse::<usize>().ok()) else {
        return err;
    };
    let id = serde_json::from_str::<serde_json::Value>(json)
        .ok()
        .and_then(|v| {
            v.get("activities")?
                .get(index)?
                .get("id")?
                .as_str()
                .map(str::to_string)
        });
    if let Some(id) = id {
        err.message = format!("{} (entry '{id}')", err.message);
    }
    err
}
