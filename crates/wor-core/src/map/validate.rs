//! Checks a social map against the rules of `wor-social-map/1` and turns it into typed entries.

use super::model::{
    Activity, ActivityKind, Schedule, SocialMap, BY_APPOINTMENT, MAX_ENTRIES, SCHEMA_ID,
};
use crate::area::{AreaSet, SupportArea};
use crate::audience::{Audience, AudienceSet};
use crate::date::Date;
use crate::geo::{self, Point};
use crate::referral::{is_iso639_1, pc4_of, Weekday};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// Entries not verified for this many months get a warning.
pub const STALE_AFTER_MONTHS: i32 = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Error,
    Warning,
}

/// One finding of the validator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    pub level: Level,
    /// The entry id, when the problem belongs to one entry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<String>,
    pub field: String,
    pub message: String,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        match &self.entry {
            Some(id) => write!(f, "{level}: entry '{id}': {}: {}", self.field, self.message),
            None => write!(f, "{level}: {}: {}", self.field, self.message),
        }
    }
}

/// A weekly time slot in minutes after midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct TimeSlot {
    pub day: Weekday,
    pub start: u16,
    pub end: u16,
}

/// A checked map entry, ready for indexing and matching.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: String,
    pub name: String,
    pub organisation: String,
    pub kind: ActivityKind,
    /// Areas with weights in (0, 1], sorted by area.
    pub areas: Vec<(SupportArea, f32)>,
    pub area_set: AreaSet,
    /// CBS code of the municipality where it takes place.
    pub municipality: String,
    /// CBS codes of the municipalities served (always includes `municipality`).
    pub serves: Vec<String>,
    pub point: Point,
    pub address: String,
    pub postcode: String,
    pub slots: Vec<TimeSlot>,
    pub by_appointment: bool,
    pub cost_eur_per_month: f64,
    pub languages: Vec<String>,
    pub wheelchair_accessible: bool,
    pub low_literacy_friendly: bool,
    pub group: bool,
    pub min_age: u32,
    pub max_age: Option<u32>,
    pub requires_indication: bool,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    pub description: String,
    pub keywords: Vec<String>,
    pub contact: super::model::Contact,
    /// Who the entry is meant for; empty: everyone.
    pub audience: AudienceSet,
}

impl Entry {
    /// True when the entry is offered on `date`.
    pub fn valid_on(&self, date: Date) -> bool {
        self.valid_from.is_none_or(|from| from <= date) && self.valid_to.is_none_or(|to| date <= to)
    }

    /// The area with the entry's highest weight, when one stands out: what it mainly does. An entry
    /// listing several areas at the same top weight is a generalist and has none.
    pub fn main_areas(&self) -> AreaSet {
        let top = self.areas.iter().map(|(_, w)| *w).fold(0.0, f32::max);
        let mut at_top = self.areas.iter().filter(|(_, w)| *w == top);
        match (at_top.next(), at_top.next()) {
            (Some((area, _)), None) => [*area].into_iter().collect(),
            _ => AreaSet::default(),
        }
    }
}

/// The validator's result: all findings, and the typed entries of every entry without errors.
#[derive(Debug, Clone)]
pub struct Checked {
    pub issues: Vec<Issue>,
    pub entries: Vec<Entry>,
    /// Municipality name or code as written in the map -> CBS code.
    pub municipality_codes: BTreeMap<String, String>,
}

impl Checked {
    pub fn errors(&self) -> usize {
        self.issues
            .iter()
            .filter(|i| i.level == Level::Error)
            .count()
    }
    pub fn warnings(&self) -> usize {
        self.issues
            .iter()
            .filter(|i| i.level == Level::Warning)
            .count()
    }
}

/// Validates a whole map. `today` is the reference date for staleness.
pub fn validate(map: &SocialMap, today: Date) -> Checked {
    let mut issues = Vec::new();
    let mut top = |field: &str, level: Level, message: String| {
        issues.push(Issue {
            level,
            entry: None,
            field: field.to_string(),
            message,
        })
    };
    if map.schema != SCHEMA_ID {
        top(
            "schema",
            Level::Error,
            format!("'{}' is not supported (expected '{SCHEMA_ID}')", map.schema),
        );
    }
    if !is_region_id(&map.region.id) {
        top(
            "region.id",
            Level::Error,
            format!(
                "'{}' must be lowercase letters, digits and '-'",
                map.region.id
            ),
        );
    }
    if parse_version(&map.version).is_none() {
        top(
            "version",
            Level::Error,
            format!("'{}' is not a version like 2026.1.0", map.version),
        );
    }
    if let Err(e) = map.published.parse::<Date>() {
        top("published", Level::Error, e.to_string());
    }
    let mut municipality_codes = BTreeMap::new();
    for (i, m) in map.municipalities.iter().enumerate() {
        match geo::municipality(&m.code) {
            Some(known) if known.name.eq_ignore_ascii_case(&m.name) => {}
            Some(known) => top(
                &format!("municipalities[{i}].name"),
                Level::Warning,
                format!(
                    "{} is called '{}' in the CBS list, not '{}'",
                    m.code, known.name, m.name
                ),
            ),
            None => top(
                &format!("municipalities[{i}].code"),
                Level::Error,
                format!(
                    "'{}' is not a municipality this engine knows (CBS code GMxxxx)",
                    m.code
                ),
            ),
        }
        municipality_codes.insert(m.code.to_ascii_uppercase(), m.code.to_ascii_uppercase());
        municipality_codes.insert(m.name.to_lowercase(), m.code.to_ascii_uppercase());
    }
    if map.municipalities.is_empty() {
        top(
            "municipalities",
            Level::Error,
            "the map lists no municipalities".into(),
        );
    }
    if map.activities.len() > MAX_ENTRIES {
        top(
            "activities",
            Level::Error,
            format!(
                "{} entries; a map holds at most {MAX_ENTRIES}",
                map.activities.len()
            ),
        );
    }

    let mut first_seen: HashMap<&str, usize> = HashMap::new();
    let mut entries = Vec::with_capacity(map.activities.len());
    for (i, activity) in map.activities.iter().enumerate() {
        let mut entry_issues = EntryIssues {
            id: &activity.id,
            index: i,
            issues: &mut issues,
            errors: 0,
        };
        if let Some(first) = first_seen.insert(&activity.id, i) {
            entry_issues.error("id", format!("duplicate id (also activities[{first}])"));
        }
        if let Some(entry) = check_entry(activity, &municipality_codes, today, &mut entry_issues) {
            if entry_issues.errors == 0 {
                entries.push(entry);
            }
        }
    }
    issues.sort_by_key(|i| i.level);
    Checked {
        issues,
        entries,
        municipality_codes,
    }
}

struct EntryIssues<'a> {
    id: &'a str,
    index: usize,
    issues: &'a mut Vec<Issue>,
    errors: usize,
}

impl EntryIssues<'_> {
    fn push(&mut self, level: Level, field: &str, message: String) {
        let entry = if self.id.is_empty() {
            format!("activities[{}]", self.index)
        } else {
            self.id.to_string()
        };
        self.errors += usize::from(level == Level::Error);
        self.issues.push(Issue {
            level,
            entry: Some(entry),
            field: field.to_string(),
            message,
        });
    }
    fn error(&mut self, field: &str, message: String) {
        self.push(Level::Error, field, message)
    }
    fn warning(&mut self, field: &str, message: String) {
        self.push(Level::Warning, field, message)
    }
}

fn check_entry(
    a: &Activity,
    municipalities: &BTreeMap<String, String>,
    today: Date,
    out: &mut EntryIssues,
) -> Option<Entry> {
    if !is_entry_id(&a.id) {
        out.error(
            "id",
            format!(
                "'{}' must be 1-100 characters a-z, 0-9, '-', '_' or '.'",
                a.id
            ),
        );
    }
    for (field, value) in [("name", &a.name), ("organisation", &a.organisation)] {
        if value.trim().is_empty() {
            out.error(field, "must not be empty".into());
        }
    }

    let mut areas: Vec<(SupportArea, f32)> = Vec::new();
    for (j, aw) in a.areas.iter().enumerate() {
        match aw.area().parse::<SupportArea>() {
            Ok(area) if areas.iter().any(|(x, _)| *x == area) => out.error(
                &format!("areas[{j}]"),
                format!("'{area}' is listed more than once"),
            ),
            Ok(area) => {
                let w = aw.weight();
                if w.is_finite() && w > 0.0 && w <= 1.0 {
                    areas.push((area, w as f32));
                } else {
                    out.error(
                        &format!("areas[{j}].weight"),
                        format!("must be in (0, 1], got {w}"),
                    );
                }
            }
            Err(e) => out.error(&format!("areas[{j}].area"), e.to_string()),
        }
    }
    if a.areas.is_empty() {
        out.error(
            "areas",
            "an entry must serve at least one support area".into(),
        );
    }
    areas.sort_by_key(|(area, _)| *area);

    let resolve = |name: &str| {
        municipalities
            .get(&name.to_ascii_uppercase())
            .or_else(|| municipalities.get(&name.to_lowercase()))
            .cloned()
    };
    let municipality = resolve(&a.municipality);
    if municipality.is_none() {
        out.error(
            "municipality",
            format!(
                "'{}' is not a municipality of this region's map",
                a.municipality
            ),
        );
    }
    let mut serves: Vec<String> = municipality.iter().cloned().collect();
    for (j, m) in a.serves_municipalities.iter().enumerate() {
        match resolve(m) {
            Some(code) if !serves.contains(&code) => serves.push(code),
            Some(_) => {}
            None => out.error(
                &format!("serves_municipalities[{j}]"),
                format!("'{m}' is not a municipality of this region's map"),
            ),
        }
    }

    let (lat, lon) = (a.location.lat, a.location.lon);
    if !(lat.is_finite() && lon.is_finite() && geo::in_netherlands(lat, lon)) {
        out.error(
            "location",
            format!("coordinates ({lat}, {lon}) lie outside the Netherlands"),
        );
    } else if let Some(m) = municipality.as_deref().and_then(geo::municipality) {
        let d = geo::haversine_km(
            Point { lat, lon },
            Point {
                lat: m.lat,
                lon: m.lon,
            },
        );
        if d > 20.0 {
            out.warning(
                "location",
                format!(
                    "{d:.0} km from the centre of {}: check the coordinates",
                    m.name
                ),
            );
        }
    }
    if !a.location.postcode.is_empty() {
        match pc4_of(&a.location.postcode) {
            None => out.error(
                "location.postcode",
                format!("'{}' is not a Dutch postcode", a.location.postcode),
            ),
            Some(pc4) => {
                if let (Some(area), Some(code)) = (geo::pc4(pc4), municipality.as_deref()) {
                    if area.municipality.code != code {
                        out.warning(
                            "location.postcode",
                            format!(
                                "PC4 {pc4} lies in {}, not in {code}",
                                area.municipality.name
                            ),
                        );
                    }
                }
            }
        }
    }

    let (slots, by_appointment) = match &a.schedule {
        Schedule::Text(t) if t == BY_APPOINTMENT => (Vec::new(), true),
        Schedule::Text(t) => {
            out.error(
                "schedule",
                format!("'{t}' is not a schedule: give time slots or \"{BY_APPOINTMENT}\""),
            );
            (Vec::new(), false)
        }
        Schedule::Slots(raw) => {
            let mut slots = Vec::new();
            for (j, s) in raw.iter().enumerate() {
                match parse_slot(&s.day, &s.start, &s.end) {
                    Ok(slot) => slots.push(slot),
                    Err((field, msg)) => out.error(&format!("schedule[{j}].{field}"), msg),
                }
            }
            if raw.is_empty() {
                out.error(
                    "schedule",
                    format!("no time slots: give slots or \"{BY_APPOINTMENT}\""),
                );
            }
            slots.sort();
            (slots, false)
        }
    };

    let cost = a.cost_eur_per_month;
    if !(cost.is_finite() && cost >= 0.0) {
        out.error(
            "cost_eur_per_month",
            format!("must be 0 or more, got {cost}"),
        );
    }
    for (j, l) in a.languages.iter().enumerate() {
        if !is_iso639_1(l) {
            out.error(
                &format!("languages[{j}]"),
                format!("'{l}' is not an ISO 639-1 code"),
            );
        }
    }
    if a.languages.is_empty() {
        out.warning("languages", "no languages given; assuming Dutch".into());
    }
    if let (Some(min), Some(max)) = (a.min_age, a.max_age) {
        if min > max {
            out.error("max_age", format!("{max} is below min_age {min}"));
        }
    }
    let mut audience = AudienceSet::default();
    for (j, id) in a.audience.iter().enumerate() {
        match id.parse::<Audience>() {
            Ok(x) if audience.contains(x) => out.error(
                &format!("audience[{j}]"),
                format!("'{x}' is listed more than once"),
            ),
            Ok(x) => audience.insert(x),
            Err(e) => out.error(&format!("audience[{j}]"), e.to_string()),
        }
    }
    if a.kind == ActivityKind::Provision && !a.requires_indication {
        out.warning(
            "requires_indication",
            "a Wmo provision normally needs an indication".into(),
        );
    }

    let mut date = |field: &str, value: &Option<String>| -> Option<Date> {
        let v = value.as_deref()?;
        v.parse::<Date>()
            .map_err(|e| out.error(field, e.to_string()))
            .ok()
    };
    let valid_from = date("valid_from", &a.valid_from);
    let valid_to = date("valid_to", &a.valid_to);
    let last_verified = date("last_verified", &a.last_verified);
    if let (Some(from), Some(to)) = (valid_from, valid_to) {
        if to < from {
            out.error("valid_to", format!("{to} is before valid_from {from}"));
        }
    }
    match last_verified {
        Some(d) if d.months_until(today) > STALE_AFTER_MONTHS => out.warning(
            "last_verified",
            format!("{d} is more than {STALE_AFTER_MONTHS} months ago: check the entry"),
        ),
        None if a.last_verified.is_none() => out.warning("last_verified", "never verified".into()),
        _ => {}
    }

    Some(Entry {
        id: a.id.clone(),
        name: a.name.trim().to_string(),
        organisation: a.organisation.trim().to_string(),
        kind: a.kind,
        area_set: areas.iter().map(|(x, _)| *x).collect(),
        areas,
        municipality: municipality?,
        serves,
        point: Point { lat, lon },
        address: a.location.address.clone(),
        postcode: a.location.postcode.clone(),
        slots,
        by_appointment,
        cost_eur_per_month: cost,
        languages: if a.languages.is_empty() {
            vec!["nl".to_string()]
        } else {
            a.languages.clone()
        },
        wheelchair_accessible: a.wheelchair_accessible,
        low_literacy_friendly: a.low_literacy_friendly,
        group: a.group,
        min_age: a.min_age.unwrap_or(0),
        max_age: a.max_age,
        requires_indication: a.requires_indication || a.kind == ActivityKind::Provision,
        valid_from,
        valid_to,
        description: a.description.clone(),
        keywords: a.keywords.clone(),
        contact: a.contact.clone(),
        audience,
    })
}

/// Parses one weekly slot; on error returns the offending field and the message.
pub fn parse_slot(day: &str, start: &str, end: &str) -> Result<TimeSlot, (&'static str, String)> {
    let day = serde_json::from_value::<Weekday>(serde_json::Value::String(day.to_string()))
        .map_err(|_| {
            (
                "day",
                format!("'{day}' is not one of mon, tue, wed, thu, fri, sat, sun"),
            )
        })?;
    let start_min = parse_hhmm(start).ok_or(("start", format!("'{start}' is not a time HH:MM")))?;
    let end_min = parse_hhmm(end).ok_or(("end", format!("'{end}' is not a time HH:MM")))?;
    if end_min <= start_min {
        return Err(("end", format!("{end} is not after start {start}")));
    }
    Ok(TimeSlot {
        day,
        start: start_min,
        end: end_min,
    })
}

/// "09:30" -> 570.
pub fn parse_hhmm(s: &str) -> Option<u16> {
    let (h, m) = s.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60 || h == 24 && m == 0).then_some(h * 60 + m)
}

/// Formats minutes after midnight as "HH:MM".
pub fn format_hhmm(minutes: u16) -> String {
    Hhmm(minutes).to_string()
}

/// A time of day in minutes since midnight, written "HH:MM" digit by digit: every suggestion writes
/// several, and the general formatting machinery costs more than the rest of a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hhmm(pub u16);

impl Hhmm {
    pub fn push_to(self, out: &mut String) {
        let (h, m) = (self.0 / 60, self.0 % 60);
        for (i, d) in [h / 10 % 10, h % 10, m / 10, m % 10]
            .into_iter()
            .enumerate()
        {
            if i == 2 {
                out.push(':');
            }
            out.push(char::from(b'0' + d as u8));
        }
    }
}

impl std::fmt::Display for Hhmm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut s = String::with_capacity(5);
        self.push_to(&mut s);
        f.write_str(&s)
    }
}

impl serde::Serialize for Hhmm {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = String::with_capacity(5);
        self.push_to(&mut s);
        serializer.serialize_str(&s)
    }
}

/// Numeric components of a version such as `2026.1.0` (1 to 4 dot-separated numbers).
pub fn parse_version(v: &str) -> Option<Vec<u64>> {
    let parts: Option<Vec<u64>> = v
        .split('.')
        .map(|p| {
            (!p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        })
        .collect();
    parts.filter(|p| (1..=4).contains(&p.len()))
}

fn is_region_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn is_entry_id(id: &str) -> bool {
    (1..=100).contains(&id.len())
        && id.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.')
        })
}
