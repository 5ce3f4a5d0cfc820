//! Export: the map as HSDS 3.0 tables, one writer per table, rows in map order, stable UUIDs.

use super::*;
use wor_core::language;

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
pub(super) fn uuid(table: &str, parts: &[&str]) -> String {
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
    let term_ids = write_taxonomies(&mut w);
    let organisations = write_organisations(&mut w, map, &term_ids);
    for a in &map.activities {
        let ids = EntryIds {
            service: uuid("services", &[&a.id]),
            location: uuid("locations", &[&a.id]),
            sal: uuid("service_at_location", &[&a.id]),
            organisation: &organisations[a.organisation.as_str()],
        };
        write_service(&mut w, a, &ids);
        write_location(&mut w, a, &ids);
        write_schedules(&mut w, a, &ids);
        write_offer(&mut w, a, &ids);
        write_attributes(&mut w, a, &ids, &term_ids);
    }
    w.finish()
}

/// The ids of one entry's rows in the tables that link to each other.
struct EntryIds<'m> {
    service: String,
    location: String,
    sal: String,
    organisation: &'m str,
}

/// The project's taxonomies and their terms; the term id of every (taxonomy, code).
fn write_taxonomies(w: &mut Writers) -> HashMap<(&'static str, &'static str), String> {
    // Taxonomies and their terms.
    let taxonomies: [(&str, &str); 5] = [
        (
            AREA_TAXONOMY,
            "Ondersteuningsgebieden van Welzijn op Recept (term code = area id; attribute value = weight)",
        ),
        (
            AUDIENCE_TAXONOMY,
            "Doelgroepen: voor wie het aanbod bedoeld is (term code = audience id)",
        ),
        (
            LIFE_EVENT_TAXONOMY,
            "Levensgebeurtenissen: voor welke gebeurtenis het aanbod is (term code = life-event id)",
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
    for k in LifeEvent::ALL {
        terms.push((LIFE_EVENT_TAXONOMY, k.id(), k.label_nl(), k.label_en()));
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
    SupportArea::ALL
        .iter()
        .map(|a| (AREA_TAXONOMY, a.id()))
        .chain(Audience::ALL.iter().map(|a| (AUDIENCE_TAXONOMY, a.id())))
        .chain(LifeEvent::ALL.iter().map(|k| (LIFE_EVENT_TAXONOMY, k.id())))
        .chain(
            ["activity", "service", "provision"]
                .into_iter()
                .map(|k| (KIND_TAXONOMY, k)),
        )
        .chain(FIELD_TERMS.iter().map(|(code, _)| (FIELD_TAXONOMY, *code)))
        .map(|key| (key, term_id(key.0, key.1)))
        .collect()
}

/// Organisations, sorted by name; the id of each.
fn write_organisations<'m>(
    w: &mut Writers,
    map: &'m SocialMap,
    term_ids: &HashMap<(&'static str, &'static str), String>,
) -> BTreeMap<&'m str, String> {
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
    write_map_header(w, map, &organisations, term_ids);

    organisations
}

/// The map header (region, version, publication date, demo marking, notice) as attributes of every
/// organisation: HSDS has no dataset header, and a re-import without `--like` must not lose the demo
/// marking or invent a region.
fn write_map_header(
    w: &mut Writers,
    map: &SocialMap,
    organisations: &BTreeMap<&str, String>,
    term_ids: &HashMap<(&'static str, &'static str), String>,
) {
    let demo = map.demo.to_string();
    let mut fields = vec![
        ("map_region_id", map.region.id.as_str()),
        ("map_region_name", map.region.name.as_str()),
        ("map_version", map.version.as_str()),
        ("map_published", map.published.as_str()),
        ("map_demo", demo.as_str()),
    ];
    if let Some(notice) = &map.notice {
        fields.push(("map_notice", notice));
    }
    for (name, id) in organisations {
        for (code, value) in &fields {
            w.row(
                "attributes",
                &[
                    ("id", &uuid("attributes", &["organization", name, code])),
                    ("link_id", id),
                    ("taxonomy_term_id", &term_ids[&(FIELD_TAXONOMY, *code)]),
                    ("link_type", "wor_field"),
                    ("link_entity", "organization"),
                    ("value", value),
                ],
            );
        }
    }
}

/// The service row: name, description, contact, fees and who may use it.
fn write_service(w: &mut Writers, a: &Activity, ids: &EntryIds) {
    let EntryIds {
        service,
        organisation,
        ..
    } = ids;
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
            ("id", service),
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
}

/// Location, address and accessibility.
fn write_location(w: &mut Writers, a: &Activity, ids: &EntryIds) {
    let EntryIds {
        service,
        location,
        sal,
        organisation,
    } = ids;
    let location_name = if a.location.address.is_empty() {
        &a.name
    } else {
        &a.location.address
    };
    w.row(
        "locations",
        &[
            ("id", location),
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
            ("location_id", location),
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
                ("location_id", location),
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
            ("id", sal),
            ("service_id", service),
            ("location_id", location),
        ],
    );
}

/// Schedules: one row per weekly slot.
fn write_schedules(w: &mut Writers, a: &Activity, ids: &EntryIds) {
    let EntryIds { service, sal, .. } = ids;
    if let Schedule::Slots(slots) = &a.schedule {
        for (i, slot) in slots.iter().enumerate() {
            w.row(
                "schedules",
                &[
                    ("id", &uuid("schedules", &[&a.id, &i.to_string()])),
                    ("service_id", service),
                    ("service_at_location_id", sal),
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
}

/// Cost, languages, phone and the municipalities served.
fn write_offer(w: &mut Writers, a: &Activity, ids: &EntryIds) {
    let EntryIds { service, .. } = ids;

    w.row(
        "cost_options",
        &[
            ("id", &uuid("cost_options", &[&a.id])),
            ("service_id", service),
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
                ("service_id", service),
                ("name", language::label_nl(code)),
                ("code", code),
            ],
        );
    }
    if let Some(phone) = &a.contact.phone {
        w.row(
            "phones",
            &[
                ("id", &uuid("phones", &[&a.id])),
                ("service_id", service),
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
                ("service_id", service),
                ("name", m),
                ("description", geo::municipality(m).map_or("", |k| k.name)),
            ],
        );
    }
}

/// Attributes: entry id, areas (value = weight), kind, and the fields HSDS has no column for.
fn write_attributes(
    w: &mut Writers,
    a: &Activity,
    ids: &EntryIds,
    term_ids: &HashMap<(&'static str, &'static str), String>,
) {
    let EntryIds { service, .. } = ids;
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
    for kind in &a.life_events {
        attributes.push((LIFE_EVENT_TAXONOMY, kind, "life_event", String::new()));
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
                ("link_id", service),
                ("taxonomy_term_id", &term),
                ("link_type", link_type),
                ("link_entity", "service"),
                ("value", &value),
            ],
        );
    }
}
