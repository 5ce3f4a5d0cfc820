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
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use wor_core::area::SupportArea;
use wor_core::audience::Audience;
use wor_core::date::Date;
use wor_core::detect::detect_areas;
use wor_core::geo;
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
/// Taxonomy whose term codes are the entry kinds.
pub const KIND_TAXONOMY: &str = "wor-kind";
/// Taxonomy for map fields HSDS has no column for; the attribute `value` carries the field's value.
pub const FIELD_TAXONOMY: &str = "wor-fields";

/// Term codes of [`FIELD_TAXONOMY`].
const FIELD_TERMS: [(&str, &str); 8] = [
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

/// The result of an import: the map (to be checked with [`wor_core::map::validate()`]) and the notes.
#[derive(Debug, Clone)]
pub struct Import {
    pub map: SocialMap,
    pub notes: Vec<ImportNote>,
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

// ---------------------------------------------------------------------------------------------------
// Reading tables

#[derive(Debug, Default)]
struct Table {
    columns: HashMap<String, usize>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn parse(name: &str, text: &str) -> Result<Table, HsdsError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(true)
            .from_reader(text.as_bytes());
        let err = |e: csv::Error| HsdsError::Csv {
            table: name.to_string(),
            line: e.position().map_or(0, |p| p.line()),
            message: match e.kind() {
                csv::ErrorKind::Utf8 { .. } => "invalid UTF-8".to_string(),
                _ => e.to_string(),
            },
        };
        let columns = reader
            .headers()
            .map_err(err)?
            .iter()
            .enumerate()
            .map(|(i, h)| (h.trim().to_ascii_lowercase(), i))
            .collect();
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(err)?;
            rows.push(record.iter().map(str::to_string).collect());
        }
        Ok(Table { columns, rows })
    }

    /// The trimmed cell, `""` when the column or cell is missing.
    fn get(&self, row: usize, column: &str) -> &str {
        self.columns
            .get(column)
            .and_then(|&c| self.rows[row].get(c))
            .map_or("", |s| s.trim())
    }

    /// Row numbers by the value of `column` (empty values skipped), in row order.
    fn index(&self, column: &str) -> HashMap<&str, Vec<usize>> {
        let mut map: HashMap<&str, Vec<usize>> = HashMap::new();
        for row in 0..self.rows.len() {
            let key = self.get(row, column);
            if !key.is_empty() {
                map.entry(key).or_default().push(row);
            }
        }
        map
    }
}

struct Tables {
    t: HashMap<String, Table>,
    empty: Table,
}

impl Tables {
    fn get(&self, name: &str) -> &Table {
        self.t.get(name).unwrap_or(&self.empty)
    }
}

// ---------------------------------------------------------------------------------------------------
// Import

/// Imports HSDS 3.0 tabular data. `tables` maps a table name (`services`, or a file name such as
/// `services.csv`) to that CSV file's text; only `services` is required. `today` is the publication date
/// when `options.published` is `None`.
pub fn import(
    tables: &BTreeMap<String, String>,
    options: &ImportOptions,
    today: Date,
) -> Result<Import, HsdsError> {
    let mut notes = Vec::new();
    let mut parsed = HashMap::new();
    for (key, text) in tables {
        let name = table_name(key);
        if !HSDS_TABLES.contains(&name.as_str()) {
            notes.push(global_note(format!(
                "table '{name}' is not an HSDS 3.0 table: not used"
            )));
        }
        parsed.insert(name.clone(), Table::parse(&name, text)?);
    }
    let tables = Tables {
        t: parsed,
        empty: Table::default(),
    };
    let services = tables.t.get("services").ok_or(HsdsError::MissingServices)?;
    for column in ["id", "name"] {
        if !services.columns.contains_key(column) {
            return Err(HsdsError::MissingColumn {
                table: "services".into(),
                column: column.into(),
            });
        }
    }

    let ctx = Context::new(&tables);
    let mut activities: Vec<Activity> = Vec::with_capacity(services.rows.len());
    let mut ids: BTreeSet<String> = BTreeSet::new();
    for row in 0..services.rows.len() {
        let (activity, mut problems) = ctx.service(row);
        let mut activity = activity;
        if !ids.insert(activity.id.clone()) {
            let base = activity.id.clone();
            let mut n = 2;
            while ids.contains(&format!("{base}-{n}")) {
                n += 1;
            }
            activity.id = format!("{base}-{n}");
            problems.push(format!(
                "id '{base}' is used by an earlier service: renamed to '{}'",
                activity.id
            ));
            ids.insert(activity.id.clone());
        }
        if !problems.is_empty() {
            let service_id = services.get(row, "id");
            notes.push(ImportNote {
                service_id: Some(if service_id.is_empty() {
                    format!("(services.csv row {})", row + 1)
                } else {
                    service_id.to_string()
                }),
                entry: Some(activity.id.clone()),
                problems,
            });
        }
        activities.push(activity);
    }

    // The municipality list: the given one, then every municipality the entries name.
    let mut municipalities = options.municipalities.clone();
    let mut placeholders = 0;
    for name in activities
        .iter()
        .flat_map(|a| std::iter::once(&a.municipality).chain(a.serves_municipalities.iter()))
    {
        let listed = |m: &MunicipalityRef| {
            m.code.eq_ignore_ascii_case(name) || m.name.to_lowercase() == name.to_lowercase()
        };
        if name.is_empty() || municipalities.iter().any(listed) {
            continue;
        }
        match geo::municipality(name) {
            Some(known) if !municipalities.iter().any(|m| m.code == known.code) => municipalities
                .push(MunicipalityRef {
                    code: known.code.to_string(),
                    name: known.name.to_string(),
                }),
            Some(_) => {}
            None => {
                placeholders += 1;
                let code = format!("XX{placeholders:04}");
                notes.push(global_note(format!(
                    "municipality '{name}' is not a municipality this engine knows: listed with placeholder code {code}"
                )));
                municipalities.push(MunicipalityRef {
                    code,
                    name: name.clone(),
                });
            }
        }
    }

    Ok(Import {
        map: SocialMap {
            schema: SCHEMA_ID.to_string(),
            region: options.region.clone(),
            version: options.version.clone(),
            published: options
                .published
                .clone()
                .unwrap_or_else(|| today.to_string()),
            demo: options.demo,
            notice: options.notice.clone(),
            municipalities,
            activities,
        },
        notes,
    })
}

fn global_note(message: String) -> ImportNote {
    ImportNote {
        service_id: None,
        entry: None,
        problems: vec![message],
    }
}

/// What an attribute attached to a service means for us.
enum Tag<'a> {
    Area(&'a str),
    Audience(&'a str),
    Kind(&'a str),
    Field(&'a str),
    Other(&'a str),
}

struct Context<'a> {
    t: &'a Tables,
    organizations: HashMap<&'a str, Vec<usize>>,
    locations: HashMap<&'a str, Vec<usize>>,
    addresses_by_location: HashMap<&'a str, Vec<usize>>,
    accessibility_by_location: HashMap<&'a str, Vec<usize>>,
    sal_by_service: HashMap<&'a str, Vec<usize>>,
    schedules_by_service: HashMap<&'a str, Vec<usize>>,
    schedules_by_sal: HashMap<&'a str, Vec<usize>>,
    costs_by_service: HashMap<&'a str, Vec<usize>>,
    languages_by_service: HashMap<&'a str, Vec<usize>>,
    languages_by_location: HashMap<&'a str, Vec<usize>>,
    phones_by_service: HashMap<&'a str, Vec<usize>>,
    phones_by_location: HashMap<&'a str, Vec<usize>>,
    contacts_by_service: HashMap<&'a str, Vec<usize>>,
    areas_by_service: HashMap<&'a str, Vec<usize>>,
    attributes_by_link: HashMap<&'a str, Vec<usize>>,
    terms: HashMap<&'a str, Vec<usize>>,
    taxonomy_names: HashMap<&'a str, &'a str>,
}

impl<'a> Context<'a> {
    fn new(t: &'a Tables) -> Self {
        let taxonomies = t.get("taxonomies");
        let taxonomy_names = (0..taxonomies.rows.len())
            .map(|r| (taxonomies.get(r, "id"), taxonomies.get(r, "name")))
            .filter(|(id, _)| !id.is_empty())
            .collect();
        Context {
            t,
            organizations: t.get("organizations").index("id"),
            locations: t.get("locations").index("id"),
            addresses_by_location: t.get("addresses").index("location_id"),
            accessibility_by_location: t.get("accessibility").index("location_id"),
            sal_by_service: t.get("service_at_location").index("service_id"),
            schedules_by_service: t.get("schedules").index("service_id"),
            schedules_by_sal: t.get("schedules").index("service_at_location_id"),
            costs_by_service: t.get("cost_options").index("service_id"),
            languages_by_service: t.get("languages").index("service_id"),
            languages_by_location: t.get("languages").index("location_id"),
            phones_by_service: t.get("phones").index("service_id"),
            phones_by_location: t.get("phones").index("location_id"),
            contacts_by_service: t.get("contacts").index("service_id"),
            areas_by_service: t.get("service_areas").index("service_id"),
            attributes_by_link: t.get("attributes").index("link_id"),
            terms: t.get("taxonomy_terms").index("id"),
            taxonomy_names,
        }
    }

    fn rows(map: &HashMap<&str, Vec<usize>>, key: &str) -> Vec<usize> {
        if key.is_empty() {
            return Vec::new();
        }
        map.get(key).cloned().unwrap_or_default()
    }

    /// The service's attributes, classified by the taxonomy of their term, in row order.
    fn tags(&self, service_id: &str, problems: &mut Vec<String>) -> Vec<(Tag<'a>, &'a str)> {
        let attributes = self.t.get("attributes");
        let terms = self.t.get("taxonomy_terms");
        let mut out = Vec::new();
        for row in Self::rows(&self.attributes_by_link, service_id) {
            let entity = attributes.get(row, "link_entity").to_ascii_lowercase();
            if !matches!(entity.as_str(), "" | "service" | "services") {
                continue;
            }
            let term_id = attributes.get(row, "taxonomy_term_id");
            let Some(&term) = self.terms.get(term_id).and_then(|rows| rows.first()) else {
                problems.push(format!(
                    "attribute '{}' refers to taxonomy term '{term_id}', which is not in taxonomy_terms",
                    attributes.get(row, "id")
                ));
                continue;
            };
            let taxonomy = self
                .taxonomy_names
                .get(terms.get(term, "taxonomy_id"))
                .copied()
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| terms.get(term, "taxonomy"));
            let code = terms.get(term, "code");
            let tag = if taxonomy.eq_ignore_ascii_case(AREA_TAXONOMY) {
                Tag::Area(code)
            } else if taxonomy.eq_ignore_ascii_case(AUDIENCE_TAXONOMY) {
                Tag::Audience(code)
            } else if taxonomy.eq_ignore_ascii_case(KIND_TAXONOMY) {
                Tag::Kind(code)
            } else if taxonomy.eq_ignore_ascii_case(FIELD_TAXONOMY) {
                Tag::Field(code)
            } else {
                Tag::Other(terms.get(term, "name"))
            };
            out.push((tag, attributes.get(row, "value")));
        }
        out
    }

    /// One service -> one entry, plus what could not be mapped.
    fn service(&self, row: usize) -> (Activity, Vec<String>) {
        let s = self.t.get("services");
        let mut problems = Vec::new();
        let service_id = s.get(row, "id");
        let tags = self.tags(service_id, &mut problems);

        let field = |code: &str| -> Vec<&'a str> {
            tags.iter()
                .filter_map(|(tag, value)| match tag {
                    Tag::Field(c) if c.eq_ignore_ascii_case(code) => Some(*value),
                    _ => None,
                })
                .collect()
        };
        let flag = |code: &str, problems: &mut Vec<String>| -> bool {
            match field(code).last().map(|v| v.trim().to_ascii_lowercase()) {
                None => false,
                Some(v) if matches!(v.as_str(), "true" | "yes" | "ja" | "1" | "") => true,
                Some(v) if matches!(v.as_str(), "false" | "no" | "nee" | "0") => false,
                Some(v) => {
                    problems.push(format!("{code} '{v}' is not true or false: false assumed"));
                    false
                }
            }
        };

        // Id.
        let id = match field("entry_id").first().map(|v| v.trim()) {
            Some(v) if is_entry_id(v) => v.to_string(),
            other => {
                if let Some(v) = other {
                    problems.push(format!("entry_id '{v}' is not a valid entry id: ignored"));
                }
                let id = entry_id_from(service_id);
                if id.is_empty() {
                    problems.push("the service has no id".to_string());
                    format!("hsds-row-{}", row + 1)
                } else {
                    id
                }
            }
        };

        // Name, organisation, description.
        let mut name = s.get(row, "name").to_string();
        if name.is_empty() {
            name = s.get(row, "alternate_name").to_string();
            problems.push(if name.is_empty() {
                "the service has no name".to_string()
            } else {
                "the service has no name: alternate_name used".to_string()
            });
        }
        let organization_id = s.get(row, "organization_id");
        let organisation = Self::rows(&self.organizations, organization_id)
            .first()
            .map(|&r| self.t.get("organizations").get(r, "name").to_string())
            .filter(|n| !n.is_empty());
        let organisation = organisation.unwrap_or_else(|| {
            problems.push(if organization_id.is_empty() {
                "no organization_id: organisation unknown".to_string()
            } else {
                format!("organization '{organization_id}' not found in organizations: organisation unknown")
            });
            "Onbekende organisatie".to_string()
        });
        let description = s.get(row, "description").to_string();
        match s.get(row, "status").to_ascii_lowercase().as_str() {
            "" | "active" => {}
            other => problems.push(format!("status is '{other}'")),
        }

        // Kind and areas.
        let mut kind = None;
        let mut areas = Vec::new();
        let mut audience: Vec<String> = Vec::new();
        let mut keywords: Vec<String> = field("keyword").iter().map(|k| k.to_string()).collect();
        for (tag, value) in &tags {
            match tag {
                Tag::Kind(code) => match parse_kind(code) {
                    Some(k) => kind = Some(k),
                    None => problems.push(format!(
                        "'{code}' is not a kind (activity, service, provision)"
                    )),
                },
                Tag::Area(code) => {
                    match code.parse::<SupportArea>() {
                        Ok(area) => {
                            let value = value.trim();
                            if value.is_empty() {
                                areas.push(AreaWeight::Plain(area.id().to_string()));
                            } else {
                                let weight = value.parse::<f64>().unwrap_or_else(|_| {
                                problems.push(format!("weight '{value}' of area {area} is not a number: 1 assumed"));
                                1.0
                            });
                                areas.push(AreaWeight::Weighted {
                                    area: area.id().to_string(),
                                    weight,
                                });
                            }
                        }
                        Err(_) => problems.push(format!(
                            "'{code}' in taxonomy {AREA_TAXONOMY} is not a support area"
                        )),
                    }
                }
                Tag::Audience(code) => match code.parse::<Audience>() {
                    Ok(a) if !audience.iter().any(|x| x == a.id()) => {
                        audience.push(a.id().to_string())
                    }
                    Ok(_) => {}
                    Err(_) => problems.push(format!(
                        "'{code}' in taxonomy {AUDIENCE_TAXONOMY} is not an audience: ignored"
                    )),
                },
                Tag::Other(term) if !term.is_empty() && !keywords.iter().any(|k| k == term) => {
                    keywords.push(term.to_string())
                }
                _ => {}
            }
        }
        if areas.is_empty() {
            let detected = detect_areas(&format!("{name}. {description}"));
            if detected.is_empty() {
                problems.push(format!(
                    "no {AREA_TAXONOMY} term and no support area recognised in name or description"
                ));
            } else {
                problems.push(format!(
                    "no {AREA_TAXONOMY} term: support areas detected in the text: {}",
                    detected
                        .iter()
                        .map(|d| d.area.id())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            areas = detected
                .into_iter()
                .map(|d| AreaWeight::Plain(d.area.id().to_string()))
                .collect();
        }
        let kind = kind.unwrap_or_else(|| {
            problems.push(format!("no {KIND_TAXONOMY} term: kind 'activity' assumed"));
            ActivityKind::Activity
        });

        // Location and municipality.
        let sal_rows = Self::rows(&self.sal_by_service, service_id);
        let sal = self.t.get("service_at_location");
        let location_ids: Vec<&str> = sal_rows
            .iter()
            .map(|&r| sal.get(r, "location_id"))
            .filter(|l| !l.is_empty())
            .collect();
        if location_ids.len() > 1 {
            problems.push(format!(
                "{} locations: the first ('{}') is used",
                location_ids.len(),
                location_ids[0]
            ));
        }
        let location_id = location_ids.first().copied().unwrap_or("");
        let (location, city_hint) = self.location(location_id, &mut problems);
        let municipality = match field("municipality").first().map(|v| v.trim()) {
            Some(m) if !m.is_empty() => m.to_string(),
            _ => city_hint.unwrap_or_else(|| {
                problems.push("no municipality (no address with a city or postcode)".to_string());
                String::new()
            }),
        };
        let mut location = location.unwrap_or_else(|| Location {
            address: String::new(),
            postcode: String::new(),
            lat: 0.0,
            lon: 0.0,
        });
        if location.lat == 0.0 && location.lon == 0.0 {
            if let Some(m) = geo::municipality(&municipality) {
                location.lat = m.lat;
                location.lon = m.lon;
                problems.push(format!("no coordinates: the centre of {} is used", m.name));
            }
        }

        let mut serves = Vec::new();
        let service_areas = self.t.get("service_areas");
        for r in Self::rows(&self.areas_by_service, service_id) {
            let name = service_areas.get(r, "name");
            if geo::municipality(name).is_some() {
                serves.push(name.to_string());
            } else if !name.is_empty() {
                problems.push(format!(
                    "service area '{}' is not a municipality: not used",
                    shorten(name, 60)
                ));
            }
        }

        // Schedule and validity.
        let (schedule, schedule_validity) = self.schedule(service_id, &sal_rows, &mut problems);
        let date_field = |code: &str, problems: &mut Vec<String>| -> Option<String> {
            let v = field(code).first()?.trim().to_string();
            if v.parse::<Date>().is_err() {
                problems.push(format!("{code} '{v}' is not a date YYYY-MM-DD"));
            }
            Some(v)
        };
        let mut valid_from = date_field("valid_from", &mut problems);
        let mut valid_to = date_field("valid_to", &mut problems);
        if valid_from.is_none() && valid_to.is_none() && schedule_validity != (None, None) {
            (valid_from, valid_to) = schedule_validity;
            problems.push(format!(
                "validity taken from the schedules: {} to {}",
                valid_from.as_deref().unwrap_or("open"),
                valid_to.as_deref().unwrap_or("open")
            ));
        }

        let cost = self.cost(service_id, &mut problems);
        let languages = self.languages(service_id, location_id, &mut problems);
        let wheelchair_accessible = self.wheelchair(location_id);

        let age = |column: &str, problems: &mut Vec<String>| -> Option<u32> {
            let v = s.get(row, column);
            if v.is_empty() {
                return None;
            }
            match v.parse::<f64>() {
                Ok(x) if x >= 0.0 && x.fract() == 0.0 && x <= 150.0 => Some(x as u32),
                _ => {
                    problems.push(format!("{column} '{v}' is not an age in years: ignored"));
                    None
                }
            }
        };
        let min_age = age("minimum_age", &mut problems);
        let max_age = age("maximum_age", &mut problems);
        let last_verified = match s.get(row, "assured_date") {
            "" => None,
            d => match d.get(..10).filter(|p| p.parse::<Date>().is_ok()) {
                Some(day) => Some(day.to_string()),
                None => {
                    problems.push(format!("assured_date '{d}' is not a date: ignored"));
                    None
                }
            },
        };

        // Contact.
        let phones = self.t.get("phones");
        let phone = Self::rows(&self.phones_by_service, service_id)
            .into_iter()
            .chain(Self::rows(&self.phones_by_location, location_id))
            .map(|r| phones.get(r, "number").trim_matches('"').trim().to_string())
            .find(|n| !n.is_empty());
        let contacts = self.t.get("contacts");
        let email = Some(s.get(row, "email").to_string())
            .filter(|e| !e.is_empty())
            .or_else(|| {
                Self::rows(&self.contacts_by_service, service_id)
                    .into_iter()
                    .map(|r| contacts.get(r, "email").to_string())
                    .find(|e| !e.is_empty())
            });
        let website = Some(s.get(row, "url").to_string()).filter(|u| !u.is_empty());

        let group = flag("group", &mut problems);
        let low_literacy_friendly = flag("low_literacy_friendly", &mut problems);
        let requires_indication = flag("requires_indication", &mut problems);
        let activity = Activity {
            id,
            name,
            organisation,
            kind,
            areas,
            description,
            keywords,
            municipality,
            serves_municipalities: serves,
            location,
            schedule,
            cost_eur_per_month: cost,
            languages,
            wheelchair_accessible,
            low_literacy_friendly,
            group,
            min_age,
            max_age,
            requires_indication,
            valid_from,
            valid_to,
            last_verified,
            contact: Contact {
                phone,
                email,
                website,
            },
            audience,
        };
        (activity, problems)
    }

    /// The location and a municipality name found in its address.
    fn location(
        &self,
        location_id: &str,
        problems: &mut Vec<String>,
    ) -> (Option<Location>, Option<String>) {
        if location_id.is_empty() {
            problems.push("no location (service_at_location)".to_string());
            return (None, None);
        }
        let locations = self.t.get("locations");
        let Some(&row) = self.locations.get(location_id).and_then(|r| r.first()) else {
            problems.push(format!("location '{location_id}' not found in locations"));
            return (None, None);
        };
        let addresses = self.t.get("addresses");
        let address_rows = Self::rows(&self.addresses_by_location, location_id);
        let address_row = address_rows
            .iter()
            .copied()
            .find(|&r| {
                addresses
                    .get(r, "address_type")
                    .eq_ignore_ascii_case("physical")
            })
            .or_else(|| address_rows.first().copied());
        let (address, postcode, hint) = match address_row {
            None => {
                problems.push("no address".to_string());
                (String::new(), String::new(), None)
            }
            Some(r) => {
                let line1 = addresses.get(r, "address_1");
                let line2 = addresses.get(r, "address_2");
                let address = if line2.is_empty() {
                    line1.to_string()
                } else {
                    format!("{line1}, {line2}")
                };
                let postcode = addresses.get(r, "postal_code").to_string();
                let region = addresses.get(r, "region");
                let city = addresses.get(r, "city");
                let hint = [region, city]
                    .into_iter()
                    .find(|n| geo::municipality(n).is_some())
                    .map(str::to_string)
                    .or_else(|| {
                        pc4_of(&postcode)
                            .and_then(geo::pc4)
                            .map(|a| a.municipality.code.to_string())
                    })
                    .or_else(|| {
                        [city, region]
                            .into_iter()
                            .find(|n| !n.is_empty())
                            .map(str::to_string)
                    });
                (address, postcode, hint)
            }
        };

        let coordinate = |column: &str, limit: f64, problems: &mut Vec<String>| -> Option<f64> {
            let v = locations.get(row, column);
            if v.is_empty() {
                return None;
            }
            match v.parse::<f64>() {
                Ok(x) if x.is_finite() => {
                    if x.abs() > limit {
                        problems.push(format!("{column} {v} is not a valid coordinate"));
                    }
                    Some(x)
                }
                _ => {
                    problems.push(format!("{column} '{v}' is not a number"));
                    None
                }
            }
        };
        let lat = coordinate("latitude", 90.0, problems);
        let lon = coordinate("longitude", 180.0, problems);
        let (lat, lon) = match (lat, lon) {
            (Some(lat), Some(lon)) => (lat, lon),
            _ => match pc4_of(&postcode).and_then(geo::pc4) {
                Some(a) => {
                    problems.push(format!(
                        "no coordinates: the centre of PC4 {} is used",
                        a.pc4
                    ));
                    (a.lat, a.lon)
                }
                None => (0.0, 0.0),
            },
        };
        (
            Some(Location {
                address,
                postcode,
                lat,
                lon,
            }),
            hint,
        )
    }

    /// Weekly slots from the service's schedules; also the validity they share, if any.
    #[allow(clippy::type_complexity)]
    fn schedule(
        &self,
        service_id: &str,
        sal_rows: &[usize],
        problems: &mut Vec<String>,
    ) -> (Schedule, (Option<String>, Option<String>)) {
        let schedules = self.t.get("schedules");
        let sal = self.t.get("service_at_location");
        let mut rows = Self::rows(&self.schedules_by_service, service_id);
        for &s in sal_rows {
            rows.extend(Self::rows(&self.schedules_by_sal, sal.get(s, "id")));
        }
        let mut seen = BTreeSet::new();
        rows.retain(|r| seen.insert(*r));
        if rows.is_empty() {
            return (Schedule::Text(BY_APPOINTMENT.to_string()), (None, None));
        }
        let mut slots = Vec::new();
        let mut texts = Vec::new();
        for &r in &rows {
            let freq = schedules.get(r, "freq").to_ascii_uppercase();
            let interval = schedules.get(r, "interval");
            let byday = schedules.get(r, "byday");
            let (opens, closes) = (schedules.get(r, "opens_at"), schedules.get(r, "closes_at"));
            if byday.is_empty() && opens.is_empty() {
                let text = schedules.get(r, "description");
                if !text.is_empty() {
                    texts.push(shorten(text, 80));
                }
                continue;
            }
            if !matches!(freq.as_str(), "" | "WEEKLY") || !matches!(interval, "" | "1") {
                problems.push(format!(
                    "schedule '{}' repeats {} (interval {}): imported as weekly",
                    schedules.get(r, "id"),
                    if freq.is_empty() { "?" } else { &freq },
                    if interval.is_empty() { "1" } else { interval }
                ));
            }
            let (Some(start), Some(end)) = (clock(opens), clock(closes)) else {
                problems.push(format!(
                    "schedule '{}' has no usable opens_at/closes_at ('{opens}'-'{closes}')",
                    schedules.get(r, "id")
                ));
                continue;
            };
            if byday.is_empty() {
                problems.push(format!(
                    "schedule '{}' names no day (byday)",
                    schedules.get(r, "id")
                ));
                continue;
            }
            for part in byday.split(',') {
                let code = part
                    .trim()
                    .trim_start_matches(|c: char| c == '+' || c == '-' || c.is_ascii_digit());
                let Some(day) = weekday(code) else {
                    problems.push(format!("'{}' is not a day (MO..SU)", part.trim()));
                    continue;
                };
                match parse_slot(day, &start, &end) {
                    Ok(_) => slots.push(Slot {
                        day: day.to_string(),
                        start: start.clone(),
                        end: end.clone(),
                    }),
                    Err(e) => problems.push(format!("schedule: {}", e.message)),
                }
            }
        }
        let field = |column: &str| -> Option<String> {
            let first = schedules.get(rows[0], column);
            (!first.is_empty() && rows.iter().all(|&r| schedules.get(r, column) == first))
                .then(|| first.to_string())
        };
        let validity = (field("valid_from"), field("valid_to"));
        if slots.is_empty() {
            problems.push(if texts.is_empty() {
                "no usable weekly time in schedules: set to by_appointment".to_string()
            } else {
                format!(
                    "schedule given only as text ('{}'): set to by_appointment",
                    texts.join("' / '")
                )
            });
            return (Schedule::Text(BY_APPOINTMENT.to_string()), validity);
        }
        (Schedule::Slots(slots), validity)
    }

    fn cost(&self, service_id: &str, problems: &mut Vec<String>) -> f64 {
        let costs = self.t.get("cost_options");
        let rows = Self::rows(&self.costs_by_service, service_id);
        let mut amounts = Vec::new();
        for &r in &rows {
            let amount = costs.get(r, "amount");
            let text = format!(
                "{} {}",
                costs.get(r, "option"),
                costs.get(r, "amount_description")
            )
            .to_lowercase();
            let free = text.contains("free") || text.contains("gratis");
            let value = match amount.parse::<f64>() {
                Ok(a) if a.is_finite() && a >= 0.0 => a,
                _ if free => 0.0,
                _ => {
                    problems.push(format!("cost amount '{amount}' is not a number: ignored"));
                    continue;
                }
            };
            let currency = costs.get(r, "currency");
            if !currency.is_empty() && !currency.eq_ignore_ascii_case("eur") && value > 0.0 {
                problems.push(format!(
                    "cost {amount} {currency} taken as euros without conversion"
                ));
            }
            let per = costs.get(r, "amount_description").to_lowercase();
            if value > 0.0 && !per.is_empty() && !(per.contains("maand") || per.contains("month")) {
                problems.push(format!(
                    "cost {amount} is '{}', taken as per month",
                    costs.get(r, "amount_description")
                ));
            }
            amounts.push(value);
        }
        if amounts.len() > 1 {
            problems.push(format!(
                "{} cost options: the lowest is used",
                amounts.len()
            ));
        }
        match amounts.into_iter().reduce(f64::min) {
            Some(a) => a,
            None => {
                problems.push("no cost_options amount: cost 0 assumed".to_string());
                0.0
            }
        }
    }

    fn languages(
        &self,
        service_id: &str,
        location_id: &str,
        problems: &mut Vec<String>,
    ) -> Vec<String> {
        let languages = self.t.get("languages");
        let mut rows = Self::rows(&self.languages_by_service, service_id);
        if rows.is_empty() {
            rows = Self::rows(&self.languages_by_location, location_id);
        }
        let mut out: Vec<String> = Vec::new();
        for r in rows {
            let (code, name) = (languages.get(r, "code"), languages.get(r, "name"));
            match language_code(code).or_else(|| language_code(name)) {
                Some(c) if !out.iter().any(|x| x == c) => out.push(c.to_string()),
                Some(_) => {}
                None => problems.push(format!("language '{code}' / '{name}' not recognised")),
            }
        }
        out
    }

    fn wheelchair(&self, location_id: &str) -> bool {
        let table = self.t.get("accessibility");
        Self::rows(&self.accessibility_by_location, location_id)
            .into_iter()
            .any(|r| {
                let text = format!(
                    "{} {}",
                    table.get(r, "description"),
                    table.get(r, "details")
                )
                .to_lowercase();
                let mentions = text.contains("wheelchair") || text.contains("rolstoel");
                let negated = [
                    "not wheelchair",
                    "no wheelchair",
                    "not accessible",
                    "niet rolstoel",
                    "geen rolstoel",
                    "niet toegankelijk",
                    "inaccessible",
                ]
                .iter()
                .any(|n| text.contains(n));
                mentions && !negated
            })
    }
}

fn parse_kind(code: &str) -> Option<ActivityKind> {
    match code.trim().to_ascii_lowercase().as_str() {
        "activity" => Some(ActivityKind::Activity),
        "service" => Some(ActivityKind::Service),
        "provision" => Some(ActivityKind::Provision),
        _ => None,
    }
}

fn kind_id(kind: ActivityKind) -> &'static str {
    match kind {
        ActivityKind::Activity => "activity",
        ActivityKind::Service => "service",
        ActivityKind::Provision => "provision",
    }
}

fn is_entry_id(id: &str) -> bool {
    (1..=100).contains(&id.len())
        && id.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.')
        })
}

/// A valid entry id from an arbitrary HSDS id: lowercase, other characters -> '-', at most 100.
fn entry_id_from(id: &str) -> String {
    let mut out = String::new();
    for c in id.trim().chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.') {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 100 {
            break;
        }
    }
    out
}

/// `10:00`, `10:00:00`, `9:30`, `10:00Z`, `10:00+01:00` -> `HH:MM`.
fn clock(s: &str) -> Option<String> {
    let s = s.trim();
    let (h, rest) = s.split_once(':')?;
    let m = rest.get(..2)?;
    let h: u16 = h.parse().ok()?;
    let m: u16 = m.parse().ok()?;
    let text = format!("{h:02}:{m:02}");
    parse_hhmm(&text).map(format_hhmm)
}

const DAYS: [(&str, &str); 7] = [
    ("MO", "mon"),
    ("TU", "tue"),
    ("WE", "wed"),
    ("TH", "thu"),
    ("FR", "fri"),
    ("SA", "sat"),
    ("SU", "sun"),
];

fn weekday(ical: &str) -> Option<&'static str> {
    DAYS.iter()
        .find(|(i, _)| i.eq_ignore_ascii_case(ical))
        .map(|(_, d)| *d)
}

fn ical_day(day: &str) -> &'static str {
    DAYS.iter().find(|(_, d)| *d == day).map_or("", |(i, _)| i)
}

/// ISO 639-1 code, 639-2 code, or English / Dutch name -> (ISO 639-1 code, Dutch name).
const LANGUAGES: [(&str, &str, &str, &str, &str); 22] = [
    ("nl", "nld", "dutch", "Nederlands", "dut"),
    ("en", "eng", "english", "Engels", "eng"),
    ("tr", "tur", "turkish", "Turks", "tur"),
    ("ar", "ara", "arabic", "Arabisch", "ara"),
    ("pl", "pol", "polish", "Pools", "pol"),
    ("uk", "ukr", "ukrainian", "Oekraïens", "ukr"),
    ("ti", "tir", "tigrinya", "Tigrinya", "tir"),
    ("de", "deu", "german", "Duits", "ger"),
    ("fr", "fra", "french", "Frans", "fre"),
    ("es", "spa", "spanish", "Spaans", "spa"),
    ("pt", "por", "portuguese", "Portugees", "por"),
    ("it", "ita", "italian", "Italiaans", "ita"),
    ("ru", "rus", "russian", "Russisch", "rus"),
    ("ro", "ron", "romanian", "Roemeens", "rum"),
    ("bg", "bul", "bulgarian", "Bulgaars", "bul"),
    ("so", "som", "somali", "Somalisch", "som"),
    ("fa", "fas", "persian", "Perzisch", "per"),
    ("ur", "urd", "urdu", "Urdu", "urd"),
    ("zh", "zho", "chinese", "Chinees", "chi"),
    ("hi", "hin", "hindi", "Hindi", "hin"),
    ("sk", "slk", "slovak", "Slowaaks", "slo"),
    ("ku", "kur", "kurdish", "Koerdisch", "kur"),
];

fn language_code(s: &str) -> Option<&'static str> {
    let s = s.trim().to_lowercase();
    if s.is_empty() {
        return None;
    }
    if let Some(l) = LANGUAGES
        .iter()
        .find(|l| l.0 == s || l.1 == s || l.2 == s || l.3.to_lowercase() == s || l.4 == s)
    {
        return Some(l.0);
    }
    // Any other two-letter code is taken as ISO 639-1 (leaked as a static str via a lookup table).
    (s.len() == 2 && s.bytes().all(|b| b.is_ascii_lowercase()))
        .then(|| two_letter(&s))
        .flatten()
}

/// Interned two-letter codes without allocation: all 676 combinations as one static string.
fn two_letter(code: &str) -> Option<&'static str> {
    static ALL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let all = ALL.get_or_init(|| {
        let mut s = String::with_capacity(26 * 26 * 2);
        for a in b'a'..=b'z' {
            for b in b'a'..=b'z' {
                s.push(a as char);
                s.push(b as char);
            }
        }
        s
    });
    let b = code.as_bytes();
    let i = (usize::from(b[0] - b'a') * 26 + usize::from(b[1] - b'a')) * 2;
    all.get(i..i + 2)
}

fn language_name(code: &str) -> &str {
    LANGUAGES.iter().find(|l| l.0 == code).map_or(code, |l| l.3)
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max).collect();
        out.push('…');
        out
    }
}

// ---------------------------------------------------------------------------------------------------
// Export

const COLUMNS: [(&str, &[&str]); 14] = [
    (
        "accessibility",
        &["id", "location_id", "description", "details", "url"],
    ),
    (
        "addresses",
        &[
            "id",
            "location_id",
            "attention",
            "address_1",
            "address_2",
            "city",
            "region",
            "state_province",
            "postal_code",
            "country",
            "address_type",
        ],
    ),
    (
        "attributes",
        &[
            "id",
            "link_id",
            "taxonomy_term_id",
            "link_type",
            "link_entity",
            "value",
        ],
    ),
    (
        "cost_options",
        &[
            "id",
            "service_id",
            "valid_from",
            "valid_to",
            "option",
            "currency",
            "amount",
            "amount_description",
        ],
    ),
    (
        "languages",
        &[
            "id",
            "service_id",
            "location_id",
            "phone_id",
            "name",
            "code",
            "note",
        ],
    ),
    (
        "locations",
        &[
            "id",
            "location_type",
            "url",
            "organization_id",
            "name",
            "alternate_name",
            "description",
            "transportation",
            "latitude",
            "longitude",
            "external_identifier",
            "external_identifier_type",
        ],
    ),
    (
        "organizations",
        &[
            "id",
            "name",
            "alternate_name",
            "description",
            "email",
            "website",
            "tax_status",
            "tax_id",
            "year_incorporated",
            "legal_status",
            "logo",
            "uri",
            "parent_organization_id",
        ],
    ),
    (
        "phones",
        &[
            "id",
            "location_id",
            "service_id",
            "organization_id",
            "contact_id",
            "service_at_location_id",
            "number",
            "extension",
            "type",
            "description",
        ],
    ),
    (
        "schedules",
        &[
            "id",
            "service_id",
            "location_id",
            "service_at_location_id",
            "valid_from",
            "valid_to",
            "dtstart",
            "timezone",
            "until",
            "count",
            "wkst",
            "freq",
            "interval",
            "byday",
            "byweekno",
            "bymonthday",
            "byyearday",
            "description",
            "opens_at",
            "closes_at",
            "schedule_link",
            "attending_type",
            "notes",
        ],
    ),
    (
        "service_areas",
        &[
            "id",
            "service_id",
            "name",
            "description",
            "extent",
            "extent_type",
            "uri",
        ],
    ),
    (
        "service_at_location",
        &["id", "service_id", "location_id", "description"],
    ),
    (
        "services",
        &[
            "id",
            "organization_id",
            "program_id",
            "name",
            "alternate_name",
            "description",
            "url",
            "email",
            "status",
            "interpretation_services",
            "application_process",
            "fees_description",
            "wait_time",
            "fees",
            "accreditations",
            "eligibility_description",
            "minimum_age",
            "maximum_age",
            "assured_date",
            "assurer_email",
            "licenses",
            "alert",
            "last_modified",
        ],
    ),
    (
        "taxonomies",
        &["id", "name", "description", "uri", "version"],
    ),
    (
        "taxonomy_terms",
        &[
            "id",
            "code",
            "name",
            "description",
            "parent_id",
            "taxonomy",
            "language",
            "taxonomy_id",
            "term_uri",
        ],
    ),
];

/// The CSV writers of all exported tables; a row's cells are given by column name.
struct Writers(BTreeMap<&'static str, (&'static [&'static str], csv::Writer<Vec<u8>>)>);

impl Writers {
    fn new() -> Self {
        Writers(
            COLUMNS
                .iter()
                .map(|(name, columns)| {
                    let mut writer = csv::WriterBuilder::new()
                        .terminator(csv::Terminator::Any(b'\n'))
                        .from_writer(Vec::new());
                    writer
                        .write_record(*columns)
                        .expect("writing to memory cannot fail");
                    (*name, (*columns, writer))
                })
                .collect(),
        )
    }

    fn row(&mut self, table: &str, cells: &[(&str, &str)]) {
        let (columns, writer) = self.0.get_mut(table).expect("a known HSDS table");
        let mut record = [""; 32];
        for (column, value) in cells {
            let i = columns
                .iter()
                .position(|c| c == column)
                .unwrap_or_else(|| panic!("unknown HSDS column {table}.{column}"));
            record[i] = value;
        }
        writer
            .write_record(&record[..columns.len()])
            .expect("writing to memory cannot fail");
    }

    fn finish(self) -> BTreeMap<String, String> {
        self.0
            .into_iter()
            .map(|(name, (_, writer))| {
                let bytes = writer.into_inner().expect("writing to memory cannot fail");
                let text = String::from_utf8(bytes).expect("the cells are UTF-8");
                (name.to_string(), text)
            })
            .collect()
    }
}

/// A stable UUID (RFC 9562 version 8) derived from a table name and key parts.
fn uuid(table: &str, parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"wor-social-map/1\x1f");
    hasher.update(table.as_bytes());
    for p in parts {
        hasher.update(b"\x1f");
        hasher.update(p.as_bytes());
    }
    let digest = hasher.finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(36);
    for (i, x) in b.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            s.push('-');
        }
        s.push(char::from(HEX[usize::from(x >> 4)]));
        s.push(char::from(HEX[usize::from(x & 0x0f)]));
    }
    s
}

fn term_id(taxonomy: &str, code: &str) -> String {
    uuid("taxonomy_terms", &[taxonomy, code])
}

/// Province of a municipality (for `addresses.state_province`, required by HSDS).
fn province(code: &str) -> &'static str {
    match geo::municipality(code).map(|m| m.region) {
        Some("zuid-holland-noord") => "Zuid-Holland",
        Some(_) => "Noord-Holland",
        None => "",
    }
}

fn euros(amount: f64) -> String {
    format!("€ {amount:.2}").replace('.', ",")
}

/// Exports a map as HSDS 3.0 tables (keys: [`EXPORT_TABLES`], values: CSV text with a header row).
pub fn export(map: &SocialMap) -> BTreeMap<String, String> {
    let mut w = Writers::new();

    // Taxonomies and their terms.
    let taxonomies: [(&str, &str); 4] = [
        (
            AREA_TAXONOMY,
            "Ondersteuningsgebieden van Welzijn op Recept (term code = area id; attribute value = weight)",
        ),
        (
            AUDIENCE_TAXONOMY,
            "Doelgroepen: voor wie het aanbod bedoeld is (term code = audience id)",
        ),
        (KIND_TAXONOMY, "Soort aanbod: activity, service, provision"),
        (
            FIELD_TAXONOMY,
            "Velden van de WoR-sociale kaart zonder HSDS-kolom (attribute value = waarde)",
        ),
    ];
    for (name, description) in taxonomies {
        w.row(
            "taxonomies",
            &[
                ("id", &uuid("taxonomies", &[name])),
                ("name", name),
                ("description", description),
                ("version", "1"),
            ],
        );
    }
    let mut terms: Vec<(&str, &str, &str, &str)> = Vec::new();
    for area in SupportArea::ALL {
        terms.push((AREA_TAXONOMY, area.id(), area.label_nl(), area.label_en()));
    }
    for a in Audience::ALL {
        terms.push((AUDIENCE_TAXONOMY, a.id(), a.label_nl(), a.label_en()));
    }
    for (code, name, description) in [
        (
            "activity",
            "Activiteit",
            "Groepsactiviteit, cursus of ontmoetingsplek zonder indicatie",
        ),
        (
            "service",
            "Dienst",
            "Advies, begeleiding, schuldhulp en vergelijkbare diensten",
        ),
        (
            "provision",
            "Voorziening",
            "Wmo-maatwerkvoorziening waarvoor een indicatie nodig is",
        ),
    ] {
        terms.push((KIND_TAXONOMY, code, name, description));
    }
    for (code, description) in FIELD_TERMS {
        terms.push((FIELD_TAXONOMY, code, code, description));
    }
    for (taxonomy, code, name, description) in terms {
        w.row(
            "taxonomy_terms",
            &[
                ("id", &term_id(taxonomy, code)),
                ("code", code),
                ("name", name),
                ("description", description),
                ("taxonomy", taxonomy),
                ("language", "nl"),
                ("taxonomy_id", &uuid("taxonomies", &[taxonomy])),
            ],
        );
    }
    let term_ids: HashMap<(&str, &str), String> = SupportArea::ALL
        .iter()
        .map(|a| (AREA_TAXONOMY, a.id()))
        .chain(Audience::ALL.iter().map(|a| (AUDIENCE_TAXONOMY, a.id())))
        .chain(
            ["activity", "service", "provision"]
                .into_iter()
                .map(|k| (KIND_TAXONOMY, k)),
        )
        .chain(FIELD_TERMS.iter().map(|(code, _)| (FIELD_TAXONOMY, *code)))
        .map(|key| (key, term_id(key.0, key.1)))
        .collect();

    // Organisations, sorted by name.
    let mut organisations: BTreeMap<&str, String> = BTreeMap::new();
    for a in &map.activities {
        organisations
            .entry(a.organisation.as_str())
            .or_insert_with(|| uuid("organizations", &[&a.organisation]));
    }
    // HSDS requires a description; the map has none for organisations.
    let organisation_description = format!("Aanbieder in de sociale kaart {}", map.region.name);
    for (name, id) in &organisations {
        w.row(
            "organizations",
            &[
                ("id", id),
                ("name", name),
                ("description", &organisation_description),
            ],
        );
    }

    for a in &map.activities {
        let service = uuid("services", &[&a.id]);
        let location = uuid("locations", &[&a.id]);
        let sal = uuid("service_at_location", &[&a.id]);
        let organisation = &organisations[a.organisation.as_str()];

        let mut eligibility = Vec::new();
        match (a.min_age, a.max_age) {
            (Some(min), Some(max)) => eligibility.push(format!("{min} tot en met {max} jaar")),
            (Some(min), None) => eligibility.push(format!("vanaf {min} jaar")),
            (None, Some(max)) => eligibility.push(format!("tot en met {max} jaar")),
            (None, None) => {}
        }
        if a.requires_indication {
            eligibility.push("Wmo-indicatie nodig".to_string());
        }
        let by_appointment = matches!(&a.schedule, Schedule::Text(t) if t == BY_APPOINTMENT);
        let fees = if a.cost_eur_per_month == 0.0 {
            "Gratis".to_string()
        } else {
            format!("{} per maand", euros(a.cost_eur_per_month))
        };
        let min_age = a.min_age.map(|x| x.to_string()).unwrap_or_default();
        let max_age = a.max_age.map(|x| x.to_string()).unwrap_or_default();
        w.row(
            "services",
            &[
                ("id", &service),
                ("organization_id", organisation),
                ("name", &a.name),
                ("description", &a.description),
                ("url", a.contact.website.as_deref().unwrap_or("")),
                ("email", a.contact.email.as_deref().unwrap_or("")),
                ("status", "active"),
                (
                    "application_process",
                    if by_appointment { "Op afspraak" } else { "" },
                ),
                ("fees_description", &fees),
                ("eligibility_description", &eligibility.join("; ")),
                ("minimum_age", &min_age),
                ("maximum_age", &max_age),
                ("assured_date", a.last_verified.as_deref().unwrap_or("")),
            ],
        );

        // Location, address, accessibility.
        let location_name = if a.location.address.is_empty() {
            &a.name
        } else {
            &a.location.address
        };
        w.row(
            "locations",
            &[
                ("id", &location),
                ("location_type", "physical"),
                ("organization_id", organisation),
                ("name", location_name),
                ("latitude", &a.location.lat.to_string()),
                ("longitude", &a.location.lon.to_string()),
            ],
        );
        let known = geo::municipality(&a.municipality);
        let city = pc4_of(&a.location.postcode)
            .and_then(geo::pc4)
            .map(|p| p.place)
            .or(known.map(|m| m.name))
            .unwrap_or(&a.municipality);
        w.row(
            "addresses",
            &[
                ("id", &uuid("addresses", &[&a.id])),
                ("location_id", &location),
                ("address_1", &a.location.address),
                ("city", city),
                ("region", known.map_or(a.municipality.as_str(), |m| m.name)),
                ("state_province", province(&a.municipality)),
                ("postal_code", &a.location.postcode),
                ("country", "NL"),
                ("address_type", "physical"),
            ],
        );
        if a.wheelchair_accessible {
            w.row(
                "accessibility",
                &[
                    ("id", &uuid("accessibility", &[&a.id])),
                    ("location_id", &location),
                    (
                        "description",
                        "Rolstoeltoegankelijk (wheelchair accessible)",
                    ),
                ],
            );
        }
        w.row(
            "service_at_location",
            &[
                ("id", &sal),
                ("service_id", &service),
                ("location_id", &location),
            ],
        );

        // Schedules: one row per weekly slot.
        if let Schedule::Slots(slots) = &a.schedule {
            for (i, slot) in slots.iter().enumerate() {
                w.row(
                    "schedules",
                    &[
                        ("id", &uuid("schedules", &[&a.id, &i.to_string()])),
                        ("service_id", &service),
                        ("service_at_location_id", &sal),
                        ("valid_from", a.valid_from.as_deref().unwrap_or("")),
                        ("valid_to", a.valid_to.as_deref().unwrap_or("")),
                        ("wkst", "MO"),
                        ("freq", "WEEKLY"),
                        ("interval", "1"),
                        ("byday", ical_day(&slot.day)),
                        ("opens_at", &slot.start),
                        ("closes_at", &slot.end),
                    ],
                );
            }
        }

        w.row(
            "cost_options",
            &[
                ("id", &uuid("cost_options", &[&a.id])),
                ("service_id", &service),
                (
                    "option",
                    if a.cost_eur_per_month == 0.0 {
                        "gratis (free)"
                    } else {
                        ""
                    },
                ),
                ("currency", "EUR"),
                ("amount", &a.cost_eur_per_month.to_string()),
                ("amount_description", "per maand"),
            ],
        );
        for (i, code) in a.languages.iter().enumerate() {
            w.row(
                "languages",
                &[
                    ("id", &uuid("languages", &[&a.id, &i.to_string()])),
                    ("service_id", &service),
                    ("name", language_name(code)),
                    ("code", code),
                ],
            );
        }
        if let Some(phone) = &a.contact.phone {
            w.row(
                "phones",
                &[
                    ("id", &uuid("phones", &[&a.id])),
                    ("service_id", &service),
                    ("number", phone),
                    ("type", "voice"),
                ],
            );
        }
        for (i, m) in a.serves_municipalities.iter().enumerate() {
            w.row(
                "service_areas",
                &[
                    ("id", &uuid("service_areas", &[&a.id, &i.to_string()])),
                    ("service_id", &service),
                    ("name", m),
                    ("description", geo::municipality(m).map_or("", |k| k.name)),
                ],
            );
        }

        // Attributes: entry id, areas (value = weight), kind, and the fields HSDS has no column for.
        let mut attributes: Vec<(&str, &str, &str, String)> =
            vec![(FIELD_TAXONOMY, "entry_id", "wor_field", a.id.clone())];
        for aw in &a.areas {
            let value = match aw {
                AreaWeight::Plain(_) => String::new(),
                AreaWeight::Weighted { weight, .. } => weight.to_string(),
            };
            attributes.push((AREA_TAXONOMY, aw.area(), "support_area", value));
        }
        for audience in &a.audience {
            attributes.push((AUDIENCE_TAXONOMY, audience, "audience", String::new()));
        }
        attributes.push((
            KIND_TAXONOMY,
            kind_id(a.kind),
            "service_type",
            String::new(),
        ));
        attributes.push((
            FIELD_TAXONOMY,
            "municipality",
            "wor_field",
            a.municipality.clone(),
        ));
        for (code, on) in [
            ("group", a.group),
            ("low_literacy_friendly", a.low_literacy_friendly),
            ("requires_indication", a.requires_indication),
        ] {
            if on {
                attributes.push((FIELD_TAXONOMY, code, "wor_field", "true".to_string()));
            }
        }
        for (code, value) in [("valid_from", &a.valid_from), ("valid_to", &a.valid_to)] {
            if let Some(v) = value {
                attributes.push((FIELD_TAXONOMY, code, "wor_field", v.clone()));
            }
        }
        for k in &a.keywords {
            attributes.push((FIELD_TAXONOMY, "keyword", "wor_field", k.clone()));
        }
        for (i, (taxonomy, code, link_type, value)) in attributes.into_iter().enumerate() {
            // An area id that is not a support area still gets a (stable) term id; import reports it.
            let term = term_ids
                .get(&(taxonomy, code))
                .cloned()
                .unwrap_or_else(|| term_id(taxonomy, code));
            w.row(
                "attributes",
                &[
                    ("id", &uuid("attributes", &[&a.id, &i.to_string()])),
                    ("link_id", &service),
                    ("taxonomy_term_id", &term),
                    ("link_type", link_type),
                    ("link_entity", "service"),
                    ("value", &value),
                ],
            );
        }
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::generate;
    use wor_core::map::validate::{validate, Level};

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn hand_made() -> SocialMap {
        let json = r#"{
          "schema": "wor-social-map/1",
          "region": {"id": "zuid-holland-noord", "name": "Zuid-Holland Noord"},
          "version": "2026.1.0",
          "published": "2026-01-15",
          "demo": true,
          "notice": "Fictief",
          "municipalities": [{"code": "GM0546", "name": "Leiden"}, {"code": "GM0547", "name": "Leiderdorp"}],
          "activities": [
            {
              "id": "zhn-wandel.1",
              "name": "Wandelgroep \"De Stap\", Leiden",
              "organisation": "Buurtwerk Leiden",
              "kind": "activity",
              "areas": ["loneliness", {"area": "lifestyle", "weight": 0.5}],
              "description": "Samen wandelen.\nMet koffie, thee; en \"koek\".",
              "keywords": ["wandelen", "koffie"],
              "municipality": "Leiden",
              "serves_municipalities": ["GM0547"],
              "location": {"address": "Breestraat 1, Leiden", "postcode": "2311 CS", "lat": 52.15861, "lon": 4.49301},
              "schedule": [{"day": "tue", "start": "10:00", "end": "11:30"}, {"day": "fri", "start": "19:30", "end": "21:00"}],
              "cost_eur_per_month": 2.5,
              "languages": ["nl", "ti"],
              "wheelchair_accessible": true,
              "low_literacy_friendly": true,
              "group": true,
              "min_age": 55,
              "max_age": 99,
              "valid_from": "2025-01-01",
              "valid_to": "2026-12-31",
              "last_verified": "2025-11-01",
              "contact": {"phone": "071-000 1234", "email": "stap@example.org", "website": "https://stap.example.org"}
            },
            {
              "id": "zhn-wmo-begeleiding",
              "name": "Begeleiding aan huis",
              "organisation": "Gemeente Leiden",
              "kind": "provision",
              "areas": [{"area": "home_support", "weight": 1.0}],
              "municipality": "GM0546",
              "location": {"lat": 52.16, "lon": 4.49},
              "schedule": "by_appointment",
              "cost_eur_per_month": 21.6,
              "requires_indication": true
            }
          ]
        }"#;
        SocialMap::from_json(json).unwrap().value
    }

    fn round_trip(map: &SocialMap) -> Import {
        let tables = export(map);
        import(&tables, &ImportOptions::like(map), day("2026-06-01")).unwrap()
    }

    #[test]
    fn round_trip_hand_made_map() {
        let map = hand_made();
        assert_eq!(validate(&map, day("2026-02-01")).errors(), 0);
        let back = round_trip(&map);
        assert_eq!(back.notes, vec![]);
        assert_eq!(back.map, map);
        assert_eq!(back.map.to_json_pretty(), map.to_json_pretty());
    }

    #[test]
    fn round_trip_generated_map() {
        let map = generate(200, 7, day("2026-06-01"));
        let back = round_trip(&map);
        assert_eq!(back.notes, vec![]);
        for (a, b) in map.activities.iter().zip(&back.map.activities) {
            assert_eq!(a, b);
        }
        assert_eq!(back.map, map);
    }

    /// Every map in `social-map/` survives export and import unchanged.
    #[test]
    fn round_trip_regional_maps() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../social-map");
        let mut count = 0;
        for region in std::fs::read_dir(&root).unwrap() {
            let dir = region.unwrap().path();
            // The JSON Schema and the triage policies are not maps.
            if !dir.is_dir() || dir.ends_with("schema") || dir.ends_with("policy") {
                continue;
            }
            for file in std::fs::read_dir(&dir).unwrap() {
                let path = file.unwrap().path();
                if path.extension().is_none_or(|e| e != "json") || path.ends_with("policy.json") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                let map = SocialMap::from_json(&text)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
                    .value;
                let back = round_trip(&map);
                assert_eq!(back.notes, vec![], "{}", path.display());
                assert_eq!(back.map, map, "{}", path.display());
                count += 1;
            }
        }
        assert!(
            count >= 4,
            "only {count} regional maps found in {}",
            root.display()
        );
    }

    #[test]
    fn export_is_deterministic_and_has_hsds_headers() {
        let map = generate(50, 3, day("2026-06-01"));
        let a = export(&map);
        assert_eq!(a, export(&map));
        assert_eq!(
            a.keys().map(String::as_str).collect::<Vec<_>>(),
            EXPORT_TABLES
        );
        assert!(a["services"].starts_with("id,organization_id,program_id,name,alternate_name,"));
        assert!(a["attributes"]
            .starts_with("id,link_id,taxonomy_term_id,link_type,link_entity,value\n"));
        // Ids are UUIDs and unique per table.
        for (name, text) in &a {
            let table = Table::parse(name, text).unwrap();
            let mut seen = BTreeSet::new();
            for r in 0..table.rows.len() {
                let id = table.get(r, "id");
                assert!(is_uuid(id), "{name}: {id}");
                assert!(seen.insert(id.to_string()), "{name}: duplicate {id}");
            }
        }
        // The same entry keeps its ids in a different map.
        let smaller = SocialMap {
            activities: map.activities[10..11].to_vec(),
            ..map.clone()
        };
        let service = uuid("services", &[&map.activities[10].id]);
        assert!(export(&smaller)["services"].contains(&service));
        assert!(a["services"].contains(&service));
    }

    fn is_uuid(s: &str) -> bool {
        let parts: Vec<&str> = s.split('-').collect();
        parts.iter().map(|p| p.len()).collect::<Vec<_>>() == [8, 4, 4, 4, 12]
            && s.bytes().all(|b| b == b'-' || b.is_ascii_hexdigit())
    }

    #[test]
    fn imports_foreign_data_with_notes() {
        let mut tables = BTreeMap::new();
        tables.insert(
            "services.csv".to_string(),
            "id,name,description,organization_id,status,minimum_age\n\
             S-1,Schuldhulp,Hulp bij schulden en geldzorgen,o1,active,18\n\
             S-2,Koor,Samen zingen,o1,inactive,abc\n\
             S-1,Dubbel,Eenzaam en alleen,o9,,\n"
                .to_string(),
        );
        tables.insert(
            "organizations.csv".to_string(),
            "id,name,description\no1,Stichting X,\n".to_string(),
        );
        tables.insert(
            "service_at_location.csv".to_string(),
            "id,service_id,location_id\nsal1,S-1,L1\n".to_string(),
        );
        tables.insert(
            "locations.csv".to_string(),
            "id,location_type,latitude,longitude\nL1,physical,,\n".to_string(),
        );
        tables.insert(
            "addresses.csv".to_string(),
            "id,location_id,address_1,city,postal_code,country\na1,L1,Breestraat 1,Leiden,2311 CS,NL\n"
                .to_string(),
        );
        tables.insert(
            "schedules.csv".to_string(),
            "id,service_id,freq,byday,opens_at,closes_at,description\n\
             sc1,S-1,WEEKLY,\"MO,WE\",09:00:00,12:00:00Z,\n\
             sc2,S-2,,,,,Elke eerste zondag\n"
                .to_string(),
        );
        tables.insert(
            "cost_options.csv".to_string(),
            "id,service_id,option,currency,amount,amount_description\nc1,S-1,free,,,\n".to_string(),
        );
        tables.insert("extra.csv".to_string(), "a,b\n1,2\n".to_string());
        let result = import(&tables, &ImportOptions::default(), day("2026-03-01")).unwrap();
        let map = &result.map;
        assert_eq!(map.activities.len(), 3, "no service is dropped");
        assert_eq!(map.published, "2026-03-01");
        let a = &map.activities[0];
        assert_eq!(a.id, "s-1");
        assert_eq!(a.organisation, "Stichting X");
        assert_eq!(a.municipality, "Leiden");
        assert_eq!(a.location.postcode, "2311 CS");
        let pc = geo::pc4(2311).unwrap();
        assert_eq!((a.location.lat, a.location.lon), (pc.lat, pc.lon));
        assert_eq!(a.areas.first().map(|x| x.area()), Some("debt_poverty"));
        assert_eq!(a.cost_eur_per_month, 0.0);
        assert_eq!(a.min_age, Some(18));
        match &a.schedule {
            Schedule::Slots(s) => {
                assert_eq!(s.len(), 2);
                assert_eq!(
                    (s[0].day.as_str(), s[0].start.as_str(), s[0].end.as_str()),
                    ("mon", "09:00", "12:00")
                );
                assert_eq!(s[1].day, "wed");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            map.activities[1].schedule,
            Schedule::Text(BY_APPOINTMENT.into())
        );
        assert_eq!(map.activities[2].id, "s-1-2");
        assert!(map.municipalities.iter().any(|m| m.code == "GM0546"));

        let text: Vec<String> = result.notes.iter().map(|n| n.to_string()).collect();
        let joined = text.join("\n");
        for expected in [
            "table 'extra' is not an HSDS 3.0 table",
            "support areas detected in the text: debt_poverty",
            "no coordinates: the centre of PC4 2311 is used",
            "status is 'inactive'",
            "minimum_age 'abc' is not an age",
            "schedule given only as text ('Elke eerste zondag')",
            "renamed to 's-1-2'",
            "organization 'o9' not found",
            "no location",
        ] {
            assert!(
                joined.contains(expected),
                "missing note '{expected}' in:\n{joined}"
            );
        }
        // Every service with a problem is named, with its entry id.
        assert!(result
            .notes
            .iter()
            .any(|n| n.service_id.as_deref() == Some("S-2")));
        // The imported map validates apart from what the notes announce.
        let checked = validate(map, day("2026-03-01"));
        let errors: Vec<String> = checked
            .issues
            .iter()
            .filter(|i| i.level == Level::Error)
            .map(|i| i.to_string())
            .collect();
        assert!(
            errors
                .iter()
                .all(|e| e.contains("s-1-2") || e.contains("s-2")),
            "{errors:#?}"
        );
    }

    /// Damaged input (cut, shuffled or garbled cells) never panics: it is an error or a map with notes.
    #[test]
    fn damaged_tables_never_panic() {
        let map = generate(12, 9, day("2026-06-01"));
        let clean = export(&map);
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((state >> 33) as usize) % n.max(1)
        };
        const JUNK: [&str; 12] = [
            "\"",
            ",",
            "\n",
            "NaN",
            "-1",
            "1e400",
            "99:99",
            "ø",
            "\u{feff}",
            "",
            "MO,XX",
            "2026-02-30",
        ];
        for _ in 0..100 {
            let mut tables = clean.clone();
            for _ in 0..1 + next(4) {
                let keys: Vec<String> = tables.keys().cloned().collect();
                let key = &keys[next(keys.len())];
                let text = tables.get_mut(key).unwrap();
                let chars: Vec<char> = text.chars().collect();
                let at = next(chars.len() + 1);
                let damaged: String = match next(3) {
                    0 => chars[..at].iter().collect(),
                    1 => chars[..at]
                        .iter()
                        .chain(JUNK[next(JUNK.len())].chars().collect::<Vec<_>>().iter())
                        .chain(chars[at..].iter())
                        .collect(),
                    _ => {
                        let mut c = chars.clone();
                        c.retain(|ch| *ch != ',' || next(7) != 0);
                        c.into_iter().collect()
                    }
                };
                *text = damaged;
            }
            if let Ok(result) = import(&tables, &ImportOptions::like(&map), day("2026-06-01")) {
                let _ = validate(&result.map, day("2026-06-01"));
                let _ = result.map.to_json_pretty();
            }
        }
    }

    #[test]
    fn errors_are_clear() {
        let none = BTreeMap::new();
        assert_eq!(
            import(&none, &ImportOptions::default(), day("2026-01-01")).unwrap_err(),
            HsdsError::MissingServices
        );
        let mut tables = BTreeMap::new();
        tables.insert("services".to_string(), "id,title\n1,x\n".to_string());
        let err = import(&tables, &ImportOptions::default(), day("2026-01-01")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "services.csv: required column 'name' is missing"
        );
    }

    #[test]
    fn small_helpers() {
        assert_eq!(table_name("dir/sub/Services.CSV"), "services");
        assert_eq!(table_name("taxonomy_terms.csv"), "taxonomy_terms");
        assert_eq!(clock("10:00:00").as_deref(), Some("10:00"));
        assert_eq!(clock("9:30").as_deref(), Some("09:30"));
        assert_eq!(clock("18:00-05:00").as_deref(), Some("18:00"));
        assert_eq!(clock("25:00"), None);
        assert_eq!(clock("noon"), None);
        assert_eq!(language_code("Urdu"), Some("ur"));
        assert_eq!(language_code("eng"), Some("en"));
        assert_eq!(language_code("Nederlands"), Some("nl"));
        assert_eq!(language_code("xh"), Some("xh"));
        assert_eq!(language_code("Klingon"), None);
        assert_eq!(entry_id_from("AC14 88/10"), "ac14-88-10");
        assert!(is_uuid(&uuid("x", &["y"])));
        assert_ne!(uuid("x", &["y"]), uuid("x", &["z"]));
    }
}
