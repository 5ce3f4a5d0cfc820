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
}

/// A term of a closed-list taxonomy (audiences, life events): its id added once, or a problem.
pub(super) fn closed_id<T: std::str::FromStr + std::fmt::Display>(
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
