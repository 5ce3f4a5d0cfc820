//! Import, export and their round trip over hand-made, generated and damaged tables.

use super::*;
use crate::generate::generate;
use export::uuid;
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
    assert!(
        a["attributes"].starts_with("id,link_id,taxonomy_term_id,link_type,link_entity,value\n")
    );
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
