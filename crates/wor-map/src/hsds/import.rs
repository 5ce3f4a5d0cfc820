//! Import: every HSDS service becomes a map entry, with a note for what was missing or guessed.

use super::*;

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

    let source_header = ctx.source_header(&mut notes);
    Ok(Import {
        source_header,
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

pub(super) fn global_note(message: String) -> ImportNote {
    ImportNote {
        service_id: None,
        entry: None,
        problems: vec![message],
    }
}

/// What an attribute attached to a service means for us.
pub(super) enum Tag<'a> {
    Area(&'a str),
    Audience(&'a str),
    LifeEvent(&'a str),
    Kind(&'a str),
    Field(&'a str),
    Other(&'a str),
}

pub(super) struct Context<'a> {
    pub(super) t: &'a Tables,
    pub(super) organizations: HashMap<&'a str, Vec<usize>>,
    pub(super) locations: HashMap<&'a str, Vec<usize>>,
    pub(super) addresses_by_location: HashMap<&'a str, Vec<usize>>,
    pub(super) accessibility_by_location: HashMap<&'a str, Vec<usize>>,
    pub(super) sal_by_service: HashMap<&'a str, Vec<usize>>,
    pub(super) schedules_by_service: HashMap<&'a str, Vec<usize>>,
    pub(super) schedules_by_sal: HashMap<&'a str, Vec<usize>>,
    pub(super) costs_by_service: HashMap<&'a str, Vec<usize>>,
    pub(super) languages_by_service: HashMap<&'a str, Vec<usize>>,
    pub(super) languages_by_location: HashMap<&'a str, Vec<usize>>,
    pub(super) phones_by_service: HashMap<&'a str, Vec<usize>>,
    pub(super) phones_by_location: HashMap<&'a str, Vec<usize>>,
    pub(super) contacts_by_service: HashMap<&'a str, Vec<usize>>,
    pub(super) areas_by_service: HashMap<&'a str, Vec<usize>>,
    pub(super) attributes_by_link: HashMap<&'a str, Vec<usize>>,
    pub(super) terms: HashMap<&'a str, Vec<usize>>,
    pub(super) taxonomy_names: HashMap<&'a str, &'a str>,
}

impl<'a> Context<'a> {
    pub(super) fn new(t: &'a Tables) -> Self {
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

    pub(super) fn rows(map: &HashMap<&str, Vec<usize>>, key: &str) -> Vec<usize> {
        if key.is_empty() {
            return Vec::new();
        }
        map.get(key).cloned().unwrap_or_default()
    }

    /// The taxonomy name and `taxonomy_terms` row of an attribute's term; a problem when it has none.
    fn term_of(&self, row: usize, problems: &mut Vec<String>) -> Option<(&'a str, usize)> {
        let attributes = self.t.get("attributes");
        let terms = self.t.get("taxonomy_terms");
        let term_id = attributes.get(row, "taxonomy_term_id");
        let Some(&term) = self.terms.get(term_id).and_then(|rows| rows.first()) else {
            problems.push(format!(
                "attribute '{}' refers to taxonomy term '{term_id}', which is not in taxonomy_terms",
                attributes.get(row, "id")
            ));
            return None;
        };
        let taxonomy = self
            .taxonomy_names
            .get(terms.get(term, "taxonomy_id"))
            .copied()
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| terms.get(term, "taxonomy"));
        Some((taxonomy, term))
    }

    /// The map header the source carries on its organisations (see [`SourceHeader`]). Organisations
    /// that disagree get a note, and the first value in row order counts.
    pub(super) fn source_header(&self, notes: &mut Vec<ImportNote>) -> SourceHeader {
        let attributes = self.t.get("attributes");
        let terms = self.t.get("taxonomy_terms");
        let mut values: BTreeMap<&str, &str> = BTreeMap::new();
        let mut problems = Vec::new();
        for row in 0..attributes.rows.len() {
            let entity = attributes.get(row, "link_entity").to_ascii_lowercase();
            if !matches!(entity.as_str(), "organization" | "organizations") {
                continue;
            }
            let Some((taxonomy, term)) = self.term_of(row, &mut problems) else {
                continue;
            };
            let code = terms.get(term, "code");
            if !taxonomy.eq_ignore_ascii_case(FIELD_TAXONOMY) || !code.starts_with("map_") {
                continue;
            }
            let value = attributes.get(row, "value");
            let first = *values.entry(code).or_insert(value);
            if first != value {
                problems.push(format!(
                    "organisations disagree on {code}: '{first}' and '{value}'; '{first}' is used"
                ));
            }
        }
        problems.dedup();
        notes.extend(problems.into_iter().map(global_note));
        let get = |code: &str| values.get(code).map(|v| v.to_string());
        SourceHeader {
            region: get("map_region_id").map(|id| RegionInfo {
                name: get("map_region_name").unwrap_or_else(|| id.clone()),
                id,
            }),
            version: get("map_version"),
            published: get("map_published"),
            demo: get("map_demo").map(|v| v == "true"),
            notice: get("map_notice"),
        }
    }

    /// The service's attributes, classified by the taxonomy of their term, in row order.
    pub(super) fn tags(
        &self,
        service_id: &str,
        problems: &mut Vec<String>,
    ) -> Vec<(Tag<'a>, &'a str)> {
        let attributes = self.t.get("attributes");
        let terms = self.t.get("taxonomy_terms");
        let mut out = Vec::new();
        for row in Self::rows(&self.attributes_by_link, service_id) {
            let entity = attributes.get(row, "link_entity").to_ascii_lowercase();
            if !matches!(entity.as_str(), "" | "service" | "services") {
                continue;
            }
            let Some((taxonomy, term)) = self.term_of(row, problems) else {
                continue;
            };
            let code = terms.get(term, "code");
            let tag = if taxonomy.eq_ignore_ascii_case(AREA_TAXONOMY) {
                Tag::Area(code)
            } else if taxonomy.eq_ignore_ascii_case(AUDIENCE_TAXONOMY) {
                Tag::Audience(code)
            } else if taxonomy.eq_ignore_ascii_case(LIFE_EVENT_TAXONOMY) {
                Tag::LifeEvent(code)
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
    pub(super) fn service(&self, row: usize) -> (Activity, Vec<String>) {
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
        let mut life_events: Vec<String> = Vec::new();
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
                Tag::Audience(code) => {
                    closed_id::<Audience>(code, &mut audience, AUDIENCE_TAXONOMY, &mut problems)
                }
                Tag::LifeEvent(code) => closed_id::<LifeEvent>(
                    code,
                    &mut life_events,
                    LIFE_EVENT_TAXONOMY,
                    &mut problems,
                ),
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
            life_events,
        };
        (activity, problems)
    }
}

/// A term of a closed-list taxonomy (audiences, life events): its id added once, or a problem.
fn closed_id<T: std::str::FromStr + std::fmt::Display>(
    code: &str,
    ids: &mut Vec<String>,
    taxonomy: &str,
    problems: &mut Vec<String>,
) {
    match code.parse::<T>() {
        Ok(v) => {
            let id = v.to_string();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        Err(_) => problems.push(format!(
            "'{code}' in taxonomy {taxonomy} is not one of its terms: ignored"
        )),
    }
}
