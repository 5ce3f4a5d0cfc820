//! Checks a social map against the rules of `wor-social-map/1` and turns it into typed entries.

use super::model::{
    Activity, ActivityKind, Schedule, SocialMap, BY_APPOINTMENT, MAX_ENTRIES, SCHEMA_ID,
};
use crate::area::{AreaSet, SupportArea};
use crate::audience::{Audience, AudienceSet};
use crate::date::Date;
use crate::error::{Code, FieldError, Params};
use crate::geo::{self, Point};
use crate::life_event::{LifeEvent, LifeEventSet};
use crate::referral::{check_ids, is_iso639_1, pc4_of, Weekday};
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// Entries not verified for this many months get a warning.
pub const STALE_AFTER_MONTHS: i32 = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Level {
    Error,
    Warning,
}

/// One finding of the validator: a problem (`field`, `code`, `params`, `message`) with its level and entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Issue {
    pub level: Level,
    /// The entry id, when the problem belongs to one entry.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub entry: Option<String>,
    pub field: String,
    pub code: Code,
    #[cfg_attr(feature = "ts", ts(type = "Record<string, unknown>"))]
    pub params: Params,
    pub message: String,
}

impl Issue {
    fn new(level: Level, entry: Option<String>, problem: FieldError) -> Issue {
        Issue {
            level,
            entry,
            field: problem.field,
            code: problem.code,
            params: problem.params,
            message: problem.message,
        }
    }
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
    /// The kinds of life event the entry is for; empty: any (or the entry is not about one).
    pub life_events: LifeEventSet,
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
    let mut top = |level: Level, problem: FieldError| issues.push(Issue::new(level, None, problem));
    if map.schema != SCHEMA_ID {
        top(
            Level::Error,
            FieldError::new(
                "schema",
                Code::UnknownValue,
                format!("'{}' is not supported (expected '{SCHEMA_ID}')", map.schema),
            )
            .with("value", map.schema.as_str())
            .with("expected", [SCHEMA_ID].as_slice()),
        );
    }
    if !is_region_id(&map.region.id) {
        top(
            Level::Error,
            invalid_format(
                "region.id",
                "region_id",
                &map.region.id,
                format!(
                    "'{}' must be lowercase letters, digits and '-'",
                    map.region.id
                ),
            ),
        );
    }
    if parse_version(&map.version).is_none() {
        top(
            Level::Error,
            invalid_format(
                "version",
                "version",
                &map.version,
                format!("'{}' is not a version like 2026.1.0", map.version),
            ),
        );
    }
    if let Err(e) = map.published.parse::<Date>() {
        top(
            Level::Error,
            invalid_format("published", "date", &map.published, e.to_string()),
        );
    }
    let mut municipality_codes = BTreeMap::new();
    for (i, m) in map.municipalities.iter().enumerate() {
        match geo::municipality(&m.code) {
            Some(known) if known.name.eq_ignore_ascii_case(&m.name) => {}
            Some(known) => top(
                Level::Warning,
                FieldError::new(
                    format!("municipalities[{i}].name"),
                    Code::Inconsistent,
                    format!(
                        "{} is called '{}' in the CBS list, not '{}'",
                        m.code, known.name, m.name
                    ),
                )
                .with("value", m.name.as_str())
                .with("expected", known.name),
            ),
            None => top(
                Level::Error,
                FieldError::new(
                    format!("municipalities[{i}].code"),
                    Code::UnknownValue,
                    format!(
                        "'{}' is not a municipality this engine knows (CBS code GMxxxx)",
                        m.code
                    ),
                )
                .with("value", m.code.as_str()),
            ),
        }
        municipality_codes.insert(m.code.to_ascii_uppercase(), m.code.to_ascii_uppercase());
        municipality_codes.insert(m.name.to_lowercase(), m.code.to_ascii_uppercase());
    }
    if map.municipalities.is_empty() {
        top(
            Level::Error,
            FieldError::new(
                "municipalities",
                Code::Empty,
                "the map lists no municipalities",
            ),
        );
    }
    if map.activities.len() > MAX_ENTRIES {
        top(
            Level::Error,
            FieldError::new(
                "activities",
                Code::TooLong,
                format!(
                    "{} entries; a map holds at most {MAX_ENTRIES}",
                    map.activities.len()
                ),
            )
            .with("max", MAX_ENTRIES)
            .with("got", map.activities.len())
            .with("unit", "entries"),
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
            entry_issues.error(
                FieldError::new(
                    "id",
                    Code::Duplicate,
                    format!("duplicate id (also activities[{first}])"),
                )
                .with("value", activity.id.as_str())
                .with("first", first),
            );
        }
        if let Some(entry) = check_entry(activity, &municipality_codes, today, &mut entry_issues) {
            if entry_issues.errors == 0 {
                entries.push(entry);
            }
        }
    }
    crate::sort::sort_by_key(&mut issues, |i| i.level);
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
    fn push(&mut self, level: Level, problem: FieldError) {
        let entry = if self.id.is_empty() {
            format!("activities[{}]", self.index)
        } else {
            self.id.to_string()
        };
        self.errors += usize::from(level == Level::Error);
        self.issues.push(Issue::new(level, Some(entry), problem));
    }
    fn error(&mut self, problem: FieldError) {
        self.push(Level::Error, problem)
    }
    fn warning(&mut self, problem: FieldError) {
        self.push(Level::Warning, problem)
    }
}

fn check_entry(
    a: &Activity,
    municipalities: &BTreeMap<String, String>,
    today: Date,
    out: &mut EntryIssues,
) -> Option<Entry> {
    check_names(a, out);
    let areas = check_areas(a, out);
    let (municipality, serves) = check_municipalities(a, municipalities, out);
    let (lat, lon) = check_location(a, municipality.as_deref(), out);
    let schedule = check_schedule(a, out);
    check_offer(a, out);
    let audience: AudienceSet =
        check_ids::<Audience>(&a.audience, "audience", &mut |e| out.error(e))
            .into_iter()
            .collect();
    let life_events: LifeEventSet =
        check_ids::<LifeEvent>(&a.life_events, "life_events", &mut |e| out.error(e))
            .into_iter()
            .collect();
    if !life_events.is_empty() && !areas.iter().any(|(x, _)| *x == SupportArea::LifeEvent) {
        out.warning(
            FieldError::new(
                "life_events",
                Code::Inconsistent,
                "kinds of life event on an entry that does not serve the area life_event",
            )
            .with("other", "areas"),
        );
    }
    let (valid_from, valid_to) = check_dates(a, today, out);
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
        slots: schedule.0,
        by_appointment: schedule.1,
        cost_eur_per_month: a.cost_eur_per_month,
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
        life_events,
    })
}

/// `id`, `name` and `organisation`.
fn check_names(a: &Activity, out: &mut EntryIssues) {
    if !is_entry_id(&a.id) {
        out.error(invalid_format(
            "id",
            "entry_id",
            &a.id,
            format!(
                "'{}' must be 1-100 characters a-z, 0-9, '-', '_' or '.'",
                a.id
            ),
        ));
    }
    for (field, value) in [("name", &a.name), ("organisation", &a.organisation)] {
        if value.trim().is_empty() {
            out.error(FieldError::new(field, Code::Empty, "must not be empty"));
        }
    }
}

/// The support areas with their weights, sorted by area.
fn check_areas(a: &Activity, out: &mut EntryIssues) -> Vec<(SupportArea, f32)> {
    let mut areas: Vec<(SupportArea, f32)> = Vec::new();
    for (j, aw) in a.areas.iter().enumerate() {
        match aw.area().parse::<SupportArea>() {
            Ok(area) if areas.iter().any(|(x, _)| *x == area) => out.error(
                FieldError::new(
                    format!("areas[{j}]"),
                    Code::Duplicate,
                    format!("'{area}' is listed more than once"),
                )
                .with("value", area.id()),
            ),
            Ok(area) => {
                let w = aw.weight();
                if w.is_finite() && w > 0.0 && w <= 1.0 {
                    areas.push((area, w as f32));
                } else {
                    out.error(
                        FieldError::new(
                            format!("areas[{j}].weight"),
                            Code::OutOfRange,
                            format!("must be in (0, 1], got {w}"),
                        )
                        .with("min", 0)
                        .with("max", 1)
                        .with("got", w),
                    );
                }
            }
            Err(e) => out.error(
                FieldError::new(
                    format!("areas[{j}].area"),
                    Code::UnknownValue,
                    e.to_string(),
                )
                .with("value", aw.area()),
            ),
        }
    }
    if a.areas.is_empty() {
        out.error(FieldError::new(
            "areas",
            Code::Empty,
            "an entry must serve at least one support area",
        ));
    }
    // Each area once (a repeat is an error above): unstable orders them as stable would.
    crate::sort::sort_by_key(&mut areas, |(area, _)| *area);

    areas
}

/// The CBS code of the entry's municipality and of every municipality it serves.
fn check_municipalities(
    a: &Activity,
    municipalities: &BTreeMap<String, String>,
    out: &mut EntryIssues,
) -> (Option<String>, Vec<String>) {
    let resolve = |name: &str| {
        municipalities
            .get(&name.to_ascii_uppercase())
            .or_else(|| municipalities.get(&name.to_lowercase()))
            .cloned()
    };
    let municipality = resolve(&a.municipality);
    if municipality.is_none() {
        out.error(
            FieldError::new(
                "municipality",
                Code::UnknownValue,
                format!(
                    "'{}' is not a municipality of this region's map",
                    a.municipality
                ),
            )
            .with("value", a.municipality.as_str()),
        );
    }
    let mut serves: Vec<String> = municipality.iter().cloned().collect();
    for (j, m) in a.serves_municipalities.iter().enumerate() {
        match resolve(m) {
            Some(code) if !serves.contains(&code) => serves.push(code),
            Some(_) => {}
            None => out.error(
                FieldError::new(
                    format!("serves_municipalities[{j}]"),
                    Code::UnknownValue,
                    format!("'{m}' is not a municipality of this region's map"),
                )
                .with("value", m.as_str()),
            ),
        }
    }

    (municipality, serves)
}

/// Coordinates inside the Netherlands and near the municipality; a postcode that lies there.
fn check_location(a: &Activity, municipality: Option<&str>, out: &mut EntryIssues) -> (f64, f64) {
    let (lat, lon) = (a.location.lat, a.location.lon);
    if !(lat.is_finite() && lon.is_finite() && geo::in_netherlands(lat, lon)) {
        out.error(
            FieldError::new(
                "location",
                Code::OutOfRange,
                format!("coordinates ({lat}, {lon}) lie outside the Netherlands"),
            )
            .with("lat", lat)
            .with("lon", lon),
        );
    } else if let Some(m) = municipality.and_then(geo::municipality) {
        let d = geo::haversine_km(
            Point { lat, lon },
            Point {
                lat: m.lat,
                lon: m.lon,
            },
        );
        if d > 20.0 {
            out.warning(
                FieldError::new(
                    "location",
                    Code::Suspicious,
                    format!(
                        "{d:.0} km from the centre of {}: check the coordinates",
                        m.name
                    ),
                )
                .with("km", d.round())
                .with("municipality", m.name),
            );
        }
    }
    if !a.location.postcode.is_empty() {
        match pc4_of(&a.location.postcode) {
            None => out.error(invalid_format(
                "location.postcode",
                "postcode",
                &a.location.postcode,
                format!("'{}' is not a Dutch postcode", a.location.postcode),
            )),
            Some(pc4) => {
                if let (Some(area), Some(code)) = (geo::pc4(pc4), municipality) {
                    if area.municipality.code != code {
                        out.warning(
                            FieldError::new(
                                "location.postcode",
                                Code::Inconsistent,
                                format!(
                                    "PC4 {pc4} lies in {}, not in {code}",
                                    area.municipality.name
                                ),
                            )
                            .with("other", "municipality")
                            .with("value", pc4),
                        );
                    }
                }
            }
        }
    }

    (lat, lon)
}

/// The weekly slots, or by appointment.
fn check_schedule(a: &Activity, out: &mut EntryIssues) -> (Vec<TimeSlot>, bool) {
    match &a.schedule {
        Schedule::Text(t) if t == BY_APPOINTMENT => (Vec::new(), true),
        Schedule::Text(t) => {
            out.error(invalid_format(
                "schedule",
                "schedule",
                t,
                format!("'{t}' is not a schedule: give time slots or \"{BY_APPOINTMENT}\""),
            ));
            (Vec::new(), false)
        }
        Schedule::Slots(raw) => {
            let mut slots = Vec::new();
            for (j, s) in raw.iter().enumerate() {
                match parse_slot(&s.day, &s.start, &s.end) {
                    Ok(slot) => slots.push(slot),
                    Err(e) => out.error(e.within(&format!("schedule[{j}]"))),
                }
            }
            if raw.is_empty() {
                out.error(FieldError::new(
                    "schedule",
                    Code::Empty,
                    format!("no time slots: give slots or \"{BY_APPOINTMENT}\""),
                ));
            }
            crate::sort::sort(&mut slots);
            (slots, false)
        }
    }
}

/// Cost, languages, age range and the kind of offer.
fn check_offer(a: &Activity, out: &mut EntryIssues) {
    let cost = a.cost_eur_per_month;
    if !(cost.is_finite() && cost >= 0.0) {
        out.error(
            FieldError::new(
                "cost_eur_per_month",
                Code::OutOfRange,
                format!("must be 0 or more, got {cost}"),
            )
            .with("min", 0)
            .with(
                "got",
                serde_json::Number::from_f64(cost).map_or(Value::Null, Value::Number),
            ),
        );
    }
    for (j, l) in a.languages.iter().enumerate() {
        if !is_iso639_1(l) {
            out.error(invalid_format(
                &format!("languages[{j}]"),
                "language",
                l,
                format!("'{l}' is not an ISO 639-1 code"),
            ));
        }
    }
    if a.languages.is_empty() {
        out.warning(FieldError::new(
            "languages",
            Code::Empty,
            "no languages given; assuming Dutch",
        ));
    }
    if let (Some(min), Some(max)) = (a.min_age, a.max_age) {
        if min > max {
            out.error(
                FieldError::new(
                    "max_age",
                    Code::Inconsistent,
                    format!("{max} is below min_age {min}"),
                )
                .with("other", "min_age"),
            );
        }
    }
    if a.kind == ActivityKind::Provision && !a.requires_indication {
        out.warning(FieldError::new(
            "requires_indication",
            Code::Suspicious,
            "a Wmo provision normally needs an indication",
        ));
    }
}

/// `valid_from`, `valid_to` and how recently the entry was verified.
fn check_dates(a: &Activity, today: Date, out: &mut EntryIssues) -> (Option<Date>, Option<Date>) {
    let mut date = |field: &str, value: &Option<String>| -> Option<Date> {
        let v = value.as_deref()?;
        v.parse::<Date>()
            .map_err(|e| out.error(invalid_format(field, "date", v, e.to_string())))
            .ok()
    };
    let valid_from = date("valid_from", &a.valid_from);
    let valid_to = date("valid_to", &a.valid_to);
    let last_verified = date("last_verified", &a.last_verified);
    if let (Some(from), Some(to)) = (valid_from, valid_to) {
        if to < from {
            out.error(
                FieldError::new(
                    "valid_to",
                    Code::Inconsistent,
                    format!("{to} is before valid_from {from}"),
                )
                .with("other", "valid_from"),
            );
        }
    }
    match last_verified {
        Some(d) if d.months_until(today) > STALE_AFTER_MONTHS => out.warning(
            FieldError::new(
                "last_verified",
                Code::Stale,
                format!("{d} is more than {STALE_AFTER_MONTHS} months ago: check the entry"),
            )
            .with("months", STALE_AFTER_MONTHS),
        ),
        None if a.last_verified.is_none() => out.warning(FieldError::new(
            "last_verified",
            Code::Stale,
            "never verified",
        )),
        _ => {}
    }

    (valid_from, valid_to)
}

/// Parses one weekly slot; an error names the field of the slot (`day`, `start`, `end`).
pub fn parse_slot(day: &str, start: &str, end: &str) -> Result<TimeSlot, FieldError> {
    let day = serde_json::from_value::<Weekday>(serde_json::Value::String(day.to_string()))
        .map_err(|_| {
            FieldError::new(
                "day",
                Code::UnknownValue,
                format!("'{day}' is not one of mon, tue, wed, thu, fri, sat, sun"),
            )
            .with("value", day)
        })?;
    let time = |field: &str, v: &str| {
        parse_hhmm(v)
            .ok_or_else(|| invalid_format(field, "time", v, format!("'{v}' is not a time HH:MM")))
    };
    let start_min = time("start", start)?;
    let end_min = time("end", end)?;
    if end_min <= start_min {
        return Err(FieldError::new(
            "end",
            Code::Inconsistent,
            format!("{end} is not after start {start}"),
        )
        .with("other", "start"));
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

/// Text of the wrong shape: `format` names the shape, `value` is what the map says.
fn invalid_format(field: &str, format: &str, value: &str, message: String) -> FieldError {
    FieldError::new(field, Code::InvalidFormat, message)
        .with("format", format)
        .with("value", value)
}
