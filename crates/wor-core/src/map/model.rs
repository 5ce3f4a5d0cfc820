//! The social-map file format `wor-social-map/1`, as written on disk.
//!
//! This model is faithful to the file (area ids, days and times stay text) so that `validate` can report
//! every problem with its entry and field; the matcher works on a checked [`crate::index::MapIndex`].

use crate::error::FieldError;
use crate::json::{from_json_quiet, from_json_tracking, shown_field, Parsed};
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

pub const SCHEMA_ID: &str = "wor-social-map/1";

/// The most entries one map may hold. A region's map has a few thousand; the limit leaves room for
/// synthetic benchmark maps while bounding the memory and time one file can cost. Enforced while parsing
/// (parsing stops at the first entry over the limit) and by `validate` for maps built in code.
pub const MAX_ENTRIES: usize = 1_000_000;

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
    #[serde(deserialize_with = "at_most_max_entries")]
    pub activities: Vec<Activity>,
}

/// Deserialises the activities, refusing more than [`MAX_ENTRIES`] without reading the rest.
fn at_most_max_entries<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Activity>, D::Error> {
    d.deserialize_seq(AtMost(MAX_ENTRIES))
}

/// A list of at most this many activities.
struct AtMost(usize);

impl<'de> Visitor<'de> for AtMost {
    type Value = Vec<Activity>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a list of at most {} activities", self.0)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Activity>, A::Error> {
        let max = self.0;
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(activity) = seq.next_element::<Activity>()? {
            if out.len() == max {
                return Err(serde::de::Error::custom(format!(
                    "more than {max} entries; a map holds at most {max}"
                )));
            }
            out.push(activity);
        }
        Ok(out)
    }
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
    /// Who the entry is meant for (audience ids); empty: everyone.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub audience: Vec<String>,
    /// The kinds of life event the entry is for (life-event ids); empty: any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub life_events: Vec<String>,
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Contact {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub website: Option<String>,
}

impl SocialMap {
    /// Parses a map file. Shape errors name the entry (`activities[12] (id 'zhn-...')`) and the field;
    /// rule violations are found by [`crate::map::validate`].
    pub fn from_json(json: &str) -> Result<Parsed<SocialMap>, FieldError> {
        from_json_tracking(json).map_err(|e| name_entry(json, e))
    }

    /// [`SocialMap::from_json`] without its warnings, for the page, which shows none (see
    /// [`crate::Referral::from_json_quiet`]).
    pub fn from_json_quiet(json: &str) -> Result<SocialMap, FieldError> {
        from_json_quiet(json)
            .map(|p| p.value)
            .map_err(|e| name_entry(json, e))
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
    if let Some(id) = entry_id(json, index) {
        let id = shown_field(&id);
        err.message = format!("{} (entry '{id}')", err.message);
        err = err.with("entry", id);
    }
    err
}

/// The `id` of `activities[index]`, read without building the document (a map with a million entries
/// and one bad field must not cost a second, much larger, copy of itself).
fn entry_id(json: &str, index: usize) -> Option<String> {
    #[derive(Deserialize)]
    struct IdOnly {
        id: String,
    }
    struct Top<'a>(usize, &'a mut Option<String>);
    struct Activities<'a>(usize, &'a mut Option<String>);
    impl<'de> DeserializeSeed<'de> for Top<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_map(self)
        }
    }
    impl<'de> Visitor<'de> for Top<'_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a map")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                if key == "activities" {
                    return map.next_value_seed(Activities(self.0, self.1));
                }
                map.next_value::<IgnoredAny>()?;
            }
            Ok(())
        }
    }
    impl<'de> DeserializeSeed<'de> for Activities<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_seq(self)
        }
    }
    impl<'de> Visitor<'de> for Activities<'_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            for _ in 0..self.0 {
                if seq.next_element::<IgnoredAny>()?.is_none() {
                    return Ok(());
                }
            }
            *self.1 = seq.next_element::<IdOnly>()?.map(|e| e.id);
            Ok(())
        }
    }
    let mut id = None;
    let mut de = serde_json::Deserializer::from_str(json);
    // The id is kept even when the document is malformed after it.
    let _ = Top(index, &mut id).deserialize(&mut de);
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENTRY: &str = r#"{"id":"a","name":"n","organisation":"o","kind":"activity","areas":["loneliness"],
        "municipality":"GM0546","location":{"lat":52.16,"lon":4.49},"schedule":"by_appointment",
        "cost_eur_per_month":0}"#;

    #[test]
    fn the_entry_limit_stops_parsing() {
        let list = |n: usize| format!("[{}]", vec![ENTRY; n].join(","));
        let parse = |json: &str, max: usize| {
            serde_json::Deserializer::from_str(json).deserialize_seq(AtMost(max))
        };
        assert_eq!(parse(&list(3), 3).unwrap().len(), 3);
        let err = parse(&format!("{},]", &list(4)[..list(4).len() - 1]), 3).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("more than 3 entries; a map holds at most 3"),
            "{err}"
        );
    }

    #[test]
    fn shape_errors_name_the_entry_without_parsing_the_whole_map() {
        let map = format!(
            r#"{{"schema":"wor-social-map/1","region":{{"id":"x","name":"X"}},"version":"1",
            "published":"2026-01-01","municipalities":[],"activities":[{ENTRY},{}]}}"#,
            ENTRY
                .replace(r#""id":"a""#, r#""id":"b""#)
                .replace("activity\"", "club\"")
        );
        let err = SocialMap::from_json(&map).unwrap_err();
        assert_eq!(err.field, "activities[1].kind");
        assert!(err.message.ends_with("(entry 'b')"), "{}", err.message);
        assert_eq!(entry_id(&map, 0).as_deref(), Some("a"));
        assert_eq!(entry_id(&map, 2), None);
        assert_eq!(entry_id("[1,2]", 0), None);
        assert_eq!(entry_id(&map[..map.len() - 2], 1).as_deref(), Some("b"));
    }
}
