//! Open Referral HSDS 3.0 import and export, in the tabular (CSV) form.
//!
//! HSDS (Human Services Data Specification) is the open standard for directories of social services.
//! Its tabular form is a set of CSV files (`services.csv`, `organizations.csv`, `locations.csv`, ...);
//! this module converts between those tables and a `wor-social-map/1` [`SocialMap`]. There is no I/O
//! here: the caller passes each table's text keyed by table name and writes the returned texts.
//!
//! # Mapping (one HSDS service = one map entry)
//!
//! | map field | HSDS |
//! |---|---|
//! | `id` | attribute `wor-fields/entry_id` (value); else the service `id`, lowercased, other characters -> `-` |
//! | `name`, `description` | `services.name`, `services.description` |
//! | `organisation` | `organizations.name` via `services.organization_id` |
//! | `kind` | taxonomy term of taxonomy `wor-kind` (`activity`, `service`, `provision`); else `activity` |
//! | `areas` | taxonomy terms of taxonomy `wor-support-areas` whose `code` is an area id, attached to the service via `attributes` (`link_entity` = `service`; `link_type` is written as `support_area`, `service_type` or `wor_field` and not needed on import); the attribute `value` holds the weight (empty = plain area, weight 1). Without such terms: [`wor_core::detect::detect_areas`] on name + description |
//! | `location` | `service_at_location` -> `locations` (`latitude`, `longitude`) -> `addresses` (`address_1`[, `address_2`], `postal_code`) |
//! | `municipality` | attribute `wor-fields/municipality`; else the address `region`, `city`, or the PC4 of `postal_code`, whichever names a known municipality; else the address city as written |
//! | `serves_municipalities` | `service_areas.name` (one row per municipality) |
//! | `schedule` | `schedules` of the service (`byday`, `opens_at`, `closes_at`); none -> `"by_appointment"` |
//! | `cost_eur_per_month` | `cost_options.amount` (lowest option; `0` when the option says free) |
//! | `languages` | `languages.code` of the service (else of its location) |
//! | `wheelchair_accessible` | an `accessibility` row of the location that mentions wheelchairs (and does not negate it) |
//! | `min_age`, `max_age` | `services.minimum_age`, `services.maximum_age` |
//! | `last_verified` | `services.assured_date` |
//! | `valid_from`, `valid_to` | attributes `wor-fields/valid_from`, `valid_to`; else the service's schedules when they all agree |
//! | `audience` | taxonomy terms of taxonomy `wor-audience` whose `code` is an audience id, attached to the service via `attributes` like the areas (`link_type` `audience`); HSDS itself has only the free-text `services.eligibility_description` |
//! | `group`, `low_literacy_friendly`, `requires_indication` | attributes `wor-fields/<field>` with value `true` |
//! | `keywords` | attributes `wor-fields/keyword` (one per keyword), plus names of terms of other taxonomies |
//! | `contact` | `phones.number` (service, else location), `services.email` (else `contacts.email`), `services.url` |
//!
//! The map header (region, version, publication date, municipality list) is not part of HSDS: it comes
//! from [`ImportOptions`]. Municipalities found in the data are appended to the given list: a known one
//! with its CBS code, an unknown one (e.g. `MyCity` in the official US sample) with the placeholder code
//! `XX0001`, `XX0002`, ... and a note, so that the map still parses and [`wor_core::map::validate()`] reports
//! exactly what is wrong (unknown municipality, coordinates outside the Netherlands, ...).
//!
//! Taxonomies are recognised by `taxonomies.name` (via `taxonomy_terms.taxonomy_id`) or, without a
//! taxonomies table, by the free-text `taxonomy_terms.taxonomy`.
//!
//! Nothing is dropped silently: every service becomes an entry, and every service that could not be
//! mapped completely gets one [`ImportNote`] listing what was missing or guessed.
//!
//! # Export
//!
//! [`export`] writes the tables listed in [`EXPORT_TABLES`] with the HSDS 3.0 column headers, rows in map
//! order, and stable UUIDs (version 8, derived with SHA-256 from the entry id, so re-exporting an
//! unchanged entry gives the same ids). `import(export(map))` with [`ImportOptions::like`] gives back the
//! map unchanged: every field of an entry has a place in the tables.

use serde::Serialize;

mod codes;
mod export;
mod import;
mod linked;
mod service;
mod table;
#[cfg(test)]
mod tests;

use codes::*;
pub use export::export;
pub use import::import;
use import::*;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use table::*;
use wor_core::area::SupportArea;
use wor_core::audience::Audience;
use wor_core::date::Date;
use wor_core::detect::detect_areas;
use wor_core::geo;
use wor_core::life_event::LifeEvent;
use wor_core::map::model::{
    Activity, ActivityKind, AreaWeight, Contact, Location, MunicipalityRef, RegionInfo, Schedule,
    Slot, SocialMap, BY_APPOINTMENT, SCHEMA_ID,
};
use wor_core::map::validate::{format_hhmm, parse_hhmm, parse_slot};
use wor_core::referral::pc4_of;

/// Taxonomy whose term codes are the support-area ids.
pub const AREA_TAXONOMY: &str = "wor-support-areas";
/// Taxonomy whose term codes are the audience ids (who an entry is for).
pub const AUDIENCE_TAXONOMY: &str = "wor-audience";
/// Taxonomy whose term codes are the life-event kinds (which event an entry is for).
pub const LIFE_EVENT_TAXONOMY: &str = "wor-life-events";
/// Taxonomy whose term codes are the entry kinds.
pub const KIND_TAXONOMY: &str = "wor-kind";
/// Taxonomy for map fields HSDS has no column for; the attribute `value` carries the field's value.
pub const FIELD_TAXONOMY: &str = "wor-fields";

/// Term codes of [`FIELD_TAXONOMY`].
const FIELD_TERMS: [(&str, &str); 14] = [
    ("entry_id", "Id of the entry in the WoR social map"),
    (
        "municipality",
        "Municipality (CBS code or name) as written in the map",
    ),
    ("group", "Group activity (true/false)"),
    (
        "low_literacy_friendly",
        "Suitable for people with low literacy (true/false)",
    ),
    ("requires_indication", "Needs a Wmo indication (true/false)"),
    ("valid_from", "First day the entry is offered (YYYY-MM-DD)"),
    ("valid_to", "Last day the entry is offered (YYYY-MM-DD)"),
    ("keyword", "A search keyword"),
    (
        "map_region_id",
        "The map's region id (on every organisation: HSDS has no dataset header)",
    ),
    ("map_region_name", "The map's region name"),
    ("map_version", "The map's version"),
    ("map_published", "The map's publication date (YYYY-MM-DD)"),
    ("map_demo", "The map is demo data (true/false)"),
    ("map_notice", "The map's notice to its readers"),
];

/// The tables [`export`] writes (keys of its result).
pub const EXPORT_TABLES: [&str; 14] = [
    "accessibility",
    "addresses",
    "attributes",
    "cost_options",
    "languages",
    "locations",
    "organizations",
    "phones",
    "schedules",
    "service_areas",
    "service_at_location",
    "services",
    "taxonomies",
    "taxonomy_terms",
];

/// All table names of HSDS 3.0 tabular data (others are reported as unused).
const HSDS_TABLES: [&str; 22] = [
    "accessibility",
    "addresses",
    "attributes",
    "contacts",
    "cost_options",
    "funding",
    "languages",
    "locations",
    "meta_table_descriptions",
    "metadata",
    "organization_identifiers",
    "organizations",
    "phones",
    "programs",
    "required_documents",
    "schedules",
    "service_areas",
    "service_at_location",
    "services",
    "taxonomies",
    "taxonomy_terms",
    "service_capacity",
];

/// The map header, which HSDS does not carry.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportOptions {
    pub region: RegionInfo,
    pub version: String,
    /// Publication date (`YYYY-MM-DD`); `None` = the `today` passed to [`import`].
    pub published: Option<String>,
    pub demo: bool,
    pub notice: Option<String>,
    /// Municipalities the map lists first; those found in the data are appended.
    pub municipalities: Vec<MunicipalityRef>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            region: RegionInfo {
                id: "hsds-import".to_string(),
                name: "HSDS-import".to_string(),
            },
            version: "0.1.0".to_string(),
            published: None,
            demo: false,
            notice: None,
            municipalities: Vec::new(),
        }
    }
}

impl ImportOptions {
    /// The header of an existing map (e.g. the region's current version, to re-import its export).
    pub fn like(map: &SocialMap) -> Self {
        ImportOptions {
            region: map.region.clone(),
            version: map.version.clone(),
            published: Some(map.published.clone()),
            demo: map.demo,
            notice: map.notice.clone(),
            municipalities: map.municipalities.clone(),
        }
    }
}

/// Something the importer could not map fully or had to guess.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportNote {
    /// The HSDS service id, when the note is about one service.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_id: Option<String>,
    /// The id of the map entry made from it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<String>,
    pub problems: Vec<String>,
}

impl fmt::Display for ImportNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.service_id, &self.entry) {
            (Some(s), Some(e)) if s == e => write!(f, "service '{s}': ")?,
            (Some(s), Some(e)) => write!(f, "service '{s}' (entry '{e}'): ")?,
            (Some(s), None) => write!(f, "service '{s}': ")?,
            _ => {}
        }
        f.write_str(&self.problems.join("; "))
    }
}

/// The result of an import: the map (to be checked with [`wor_core::map::validate()`]), the notes, and
/// the map header the source itself carries (written by [`export`]), which [`ImportOptions`] may override.
#[derive(Debug, Clone)]
pub struct Import {
    pub map: SocialMap,
    pub notes: Vec<ImportNote>,
    pub source_header: SourceHeader,
}

/// The map header as the source states it: attributes of taxonomy [`FIELD_TAXONOMY`] (`map_region_id`,
/// `map_version`, ...) on its organisations. Each field is `None` when the source does not say it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourceHeader {
    pub region: Option<RegionInfo>,
    pub version: Option<String>,
    pub published: Option<String>,
    pub demo: Option<bool>,
    pub notice: Option<String>,
}

impl SourceHeader {
    /// Puts what the source says into `map`'s header; returns the header fields the source does not
    /// state (so they keep the options' values), by their map field names.
    pub fn apply(&self, map: &mut SocialMap) -> Vec<&'static str> {
        let mut missing = Vec::new();
        match &self.region {
            Some(r) => map.region = r.clone(),
            None => missing.push("region"),
        }
        match &self.version {
            Some(v) => map.version = v.clone(),
            None => missing.push("version"),
        }
        match &self.published {
            Some(p) => map.published = p.clone(),
            None => missing.push("published"),
        }
        match self.demo {
            Some(d) => map.demo = d,
            None => missing.push("demo"),
        }
        if self.notice.is_some() {
            map.notice = self.notice.clone();
        }
        missing
    }
}

/// Why an import failed as a whole.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HsdsError {
    #[error("the table 'services' (services.csv) is missing: an HSDS import needs it")]
    MissingServices,
    #[error("{table}.csv: required column '{column}' is missing")]
    MissingColumn { table: String, column: String },
    #[error("{table}.csv: line {line}: {message}")]
    Csv {
        table: String,
        line: u64,
        message: String,
    },
}

/// The table name for a file name or path: `data/services.csv` -> `services`.
pub fn table_name(file: &str) -> String {
    let base = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let base = base
        .strip_suffix(".csv")
        .or_else(|| base.strip_suffix(".CSV"))
        .unwrap_or(base);
    base.trim().to_ascii_lowercase()
}
