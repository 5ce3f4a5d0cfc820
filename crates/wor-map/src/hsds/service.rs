//! One HSDS service becomes one map entry, question by question: its id, names, kind and areas, place,
//! validity, ages and contact; every guess or gap is a note.

use super::import::{closed_id, Context, Tag};
use super::*;

/// A service's tags (`attributes` joined with `taxonomy_terms`) and their values.
type Tags<'a> = [(Tag<'a>, &'a str)];

/// The values of the project's field `code` (taxonomy `wor-field`).
fn field<'a>(tags: &Tags<'a>, code: &str) -> Vec<&'a str> {
    tags.iter()
        .filter_map(|(tag, value)| match tag {
            Tag::Field(c) if c.eq_ignore_ascii_case(code) => Some(*value),
            _ => None,
        })
        .collect()
}

/// A yes/no field; absent is no.
fn flag(tags: &Tags, code: &str, problems: &mut Vec<String>) -> bool {
    match field(tags, code)
        .last()
        .map(|v| v.trim().to_ascii_lowercase())
    {
        None => false,
        Some(v) if matches!(v.as_str(), "true" | "yes" | "ja" | "1" | "") => true,
        Some(v) if matches!(v.as_str(), "false" | "no" | "nee" | "0") => false,
        Some(v) => {
            problems.push(format!("{code} '{v}' is not true or false: false assumed"));
            false
        }
    }
}

/// The entry id: the project's `entry_id` field, else one made from the service id, else the row.
fn entry_id(tags: &Tags, service_id: &str, row: usize, problems: &mut Vec<String>) -> String {
    // Id.
    match field(tags, "entry_id").first().map(|v| v.trim()) {
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
    }
}

/// Kind, areas (weighted or detected in the text), audiences and keywords.
struct Classes {
    kind: ActivityKind,
    areas: Vec<AreaWeight>,
    audience: Vec<String>,
    life_events: Vec<String>,
    keywords: Vec<String>,
}

fn classes(tags: &Tags, name: &str, description: &str, problems: &mut Vec<String>) -> Classes {
    // Kind and areas.
    let mut kind = None;
    let mut areas = Vec::new();
    let mut audience: Vec<String> = Vec::new();
    let mut life_events: Vec<String> = Vec::new();
    let mut keywords: Vec<String> = field(tags, "keyword")
        .iter()
        .map(|k| k.to_string())
        .collect();
    for (tag, value) in tags {
        match tag {
            Tag::Kind(code) => match parse_kind(code) {
                Some(k) => kind = Some(k),
                None => problems.push(format!(
                    "'{code}' is not a kind (activity, service, provision)"
                )),
            },
            Tag::Area(code) => match code.parse::<SupportArea>() {
                Ok(area) => {
                    let value = value.trim();
                    if value.is_empty() {
                        areas.push(AreaWeight::Plain(area.id().to_string()));
                    } else {
                        let weight = value.parse::<f64>().unwrap_or_else(|_| {
                            problems.push(format!(
                                "weight '{value}' of area {area} is not a number: 1 assumed"
                            ));
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
            },
            Tag::Audience(code) => {
                closed_id::<Audience>(code, &mut audience, AUDIENCE_TAXONOMY, problems)
            }
            Tag::LifeEvent(code) => {
                closed_id::<LifeEvent>(code, &mut life_events, LIFE_EVENT_TAXONOMY, problems)
            }
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

    Classes {
        kind,
        areas,
        audience,
        life_events,
        keywords,
    }
}

/// Where the service is: its location (the first), municipality and the municipalities it serves.
struct Place<'a> {
    location_id: &'a str,
    sal_rows: Vec<usize>,
    location: Location,
    municipality: String,
    serves: Vec<String>,
}

impl<'a> Context<'a> {
    /// One service -> one entry, plus what could not be mapped.
    pub(super) fn service(&self, row: usize) -> (Activity, Vec<String>) {
        let s = self.t.get("services");
        let mut problems = Vec::new();
        let service_id = s.get(row, "id");
        let tags = self.tags(service_id, &mut problems);
        let id = entry_id(&tags, service_id, row, &mut problems);
        let (name, organisation, description) = self.names(row, &mut problems);
        let c = classes(&tags, &name, &description, &mut problems);
        let place = self.place(service_id, &tags, &mut problems);
        let (schedule, valid_from, valid_to) =
            self.validity(service_id, &tags, &place.sal_rows, &mut problems);
        let cost = self.cost(service_id, &mut problems);
        let languages = self.languages(service_id, place.location_id, &mut problems);
        let wheelchair_accessible = self.wheelchair(place.location_id);
        let (min_age, max_age, last_verified) = self.ages_and_verified(row, &mut problems);
        let contact = self.contact(row, service_id, place.location_id);
        let group = flag(&tags, "group", &mut problems);
        let low_literacy_friendly = flag(&tags, "low_literacy_friendly", &mut problems);
        let requires_indication = flag(&tags, "requires_indication", &mut problems);
        let activity = Activity {
            id,
            name,
            organisation,
            kind: c.kind,
            areas: c.areas,
            description,
            keywords: c.keywords,
            municipality: place.municipality,
            serves_municipalities: place.serves,
            location: place.location,
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
            contact,
            audience: c.audience,
            life_events: c.life_events,
        };
        (activity, problems)
    }

    /// Name (else the alternate name), organisation and description; a status other than active.
    fn names(&self, row: usize, problems: &mut Vec<String>) -> (String, String, String) {
        let s = self.t.get("services");
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

        (name, organisation, description)
    }

    fn place(&self, service_id: &'a str, tags: &Tags, problems: &mut Vec<String>) -> Place<'a> {
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
        let (location, city_hint) = self.location(location_id, problems);
        let municipality = match field(tags, "municipality").first().map(|v| v.trim()) {
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

        Place {
            location_id,
            sal_rows,
            location,
            municipality,
            serves,
        }
    }

    /// The schedule, and the validity from the fields or else from the schedules.
    fn validity(
        &self,
        service_id: &str,
        tags: &Tags,
        sal_rows: &[usize],
        problems: &mut Vec<String>,
    ) -> (Schedule, Option<String>, Option<String>) {
        // Schedule and validity.
        let (schedule, schedule_validity) = self.schedule(service_id, sal_rows, problems);
        let date_field = |code: &str, problems: &mut Vec<String>| -> Option<String> {
            let v = field(tags, code).first()?.trim().to_string();
            if v.parse::<Date>().is_err() {
                problems.push(format!("{code} '{v}' is not a date YYYY-MM-DD"));
            }
            Some(v)
        };
        let mut valid_from = date_field("valid_from", problems);
        let mut valid_to = date_field("valid_to", problems);
        if valid_from.is_none() && valid_to.is_none() && schedule_validity != (None, None) {
            (valid_from, valid_to) = schedule_validity;
            problems.push(format!(
                "validity taken from the schedules: {} to {}",
                valid_from.as_deref().unwrap_or("open"),
                valid_to.as_deref().unwrap_or("open")
            ));
        }

        (schedule, valid_from, valid_to)
    }

    /// Age limits and the date the service was last checked.
    fn ages_and_verified(
        &self,
        row: usize,
        problems: &mut Vec<String>,
    ) -> (Option<u32>, Option<u32>, Option<String>) {
        let s = self.t.get("services");
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
        let min_age = age("minimum_age", problems);
        let max_age = age("maximum_age", problems);
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

        (min_age, max_age, last_verified)
    }

    /// Phone (the service's, else its location's), email and website.
    fn contact(&self, row: usize, service_id: &str, location_id: &str) -> Contact {
        let s = self.t.get("services");
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

        Contact {
            phone,
            email,
            website,
        }
    }
}
