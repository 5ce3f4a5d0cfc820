//! `wor map stats|diff|generate|import-hsds|export-hsds|bundle` from the user's side.

mod common;
use common::{wor, DATE};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn stats_shows_every_area_and_municipality() {
    let out = wor(&["map", "stats", "social-map/amstelland", "--date", DATE]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    for label in [
        "eenzaamheid",
        "geldzorgen",
        "begeleiding thuis",
        "AMV",
        "UIT",
    ] {
        assert!(table.contains(label), "missing {label}:\n{table}");
    }
    let json = wor(&["map", "stats", "social-map", "--json", "--date", DATE]);
    let all: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(all.as_array().unwrap().len(), 3, "one block per region");
}

#[test]
fn diff_lists_added_removed_changed() {
    let out = wor(&[
        "map",
        "diff",
        "social-map/zuid-holland-noord/2026.1.0.json",
        "social-map/zuid-holland-noord/2026.2.0.json",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let d: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(d["added"].as_array().unwrap().len(), 5);
    assert_eq!(d["removed"].as_array().unwrap().len(), 3);
    let changed = d["changed"].as_array().unwrap();
    let slept = changed
        .iter()
        .find(|c| c["id"] == "zhn-cursus-beter-slapen-alphen")
        .unwrap();
    assert!(slept.to_string().contains("cost_eur_per_month"), "{slept}");
}

#[test]
fn generate_is_reproducible_and_valid() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.json");
    let b = dir.path().join("b.json");
    for p in [&a, &b] {
        let out = wor(&[
            "map",
            "generate",
            "--entries",
            "2000",
            "--seed",
            "9",
            "--date",
            DATE,
            "-o",
            p.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    }
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    let v = wor(&["map", "validate", a.to_str().unwrap(), "--date", DATE]);
    assert_eq!(v.status.code(), Some(0), "{}", text(&v.stderr));
    assert!(text(&v.stderr).contains("2000 entries, 0 error(s)"));
    let other = wor(&[
        "map",
        "generate",
        "--entries",
        "2000",
        "--seed",
        "10",
        "--date",
        DATE,
    ]);
    assert_ne!(other.stdout, std::fs::read(&a).unwrap());
}

#[test]
fn hsds_round_trip_keeps_the_map() {
    let dir = tempfile::tempdir().unwrap();
    let tables = dir.path().join("hsds");
    let out = wor(&[
        "map",
        "export-hsds",
        "social-map/zuid-holland-noord",
        tables.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    for table in [
        "services",
        "organizations",
        "locations",
        "schedules",
        "taxonomy_terms",
        "attributes",
    ] {
        assert!(tables.join(format!("{table}.csv")).is_file(), "{table}.csv");
    }
    let back = dir.path().join("back.json");
    let out = wor(&[
        "map",
        "import-hsds",
        tables.to_str().unwrap(),
        "--like",
        "social-map/zuid-holland-noord",
        "--date",
        DATE,
        "-o",
        back.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let d = wor(&[
        "map",
        "diff",
        "social-map/zuid-holland-noord",
        back.to_str().unwrap(),
    ]);
    assert!(
        text(&d.stdout).contains("0 added, 0 removed, 0 changed"),
        "{}",
        text(&d.stdout)
    );
}

#[test]
fn imports_the_official_open_referral_sample() {
    let Some(sample) = welzijn_op_recept::shared_data("hsds/examples/csv") else {
        return;
    };
    let out = wor(&[
        "map",
        "import-hsds",
        sample.to_str().unwrap(),
        "--date",
        DATE,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let map: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let services = std::fs::read_to_string(sample.join("services.csv")).unwrap();
    let rows = csv::Reader::from_reader(services.as_bytes())
        .records()
        .count();
    assert_eq!(
        map["activities"].as_array().unwrap().len(),
        rows,
        "every service imported"
    );
    assert_eq!(map["schema"], "wor-social-map/1");
    // US sample data: the importer says what it could not map, and validation flags the coordinates.
    assert!(text(&out.stderr).contains("note: service"));
    // The sample states no map header: the placeholders are named as such.
    assert!(
        text(&out.stderr).contains(
            "warning: no --like, and the source does not state the map's region, version, published, demo"
        ),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(map["region"]["id"], "hsds-import");
}

#[test]
fn import_without_like_keeps_the_header_the_export_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let tables = dir.path().join("hsds");
    let out = wor(&[
        "map",
        "export-hsds",
        "social-map/amstelland",
        tables.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let source: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(latest_map("social-map/amstelland")).unwrap(),
    )
    .unwrap();
    assert_eq!(source["demo"], true, "the bundled maps are demo data");

    let out = wor(&[
        "map",
        "import-hsds",
        tables.to_str().unwrap(),
        "--date",
        DATE,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("no --like: the map header comes from the source"),
        "{}",
        text(&out.stderr)
    );
    let back: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for field in ["region", "version", "published", "demo", "notice"] {
        assert_eq!(back[field], source[field], "{field}");
    }

    // Explicit --region and --version still win over the source.
    let out = wor(&[
        "map",
        "import-hsds",
        tables.to_str().unwrap(),
        "--region",
        "test-regio",
        "--version",
        "9.9.9",
        "--date",
        DATE,
    ]);
    let back: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(back["region"]["id"], "test-regio");
    assert_eq!(back["version"], "9.9.9");
    assert_eq!(back["demo"], true, "the demo marking is kept");
}

/// The newest version file of a region directory (versions sort by their numbers).
fn latest_map(region: &str) -> std::path::PathBuf {
    let mut files: Vec<_> = std::fs::read_dir(common::repo().join(region))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "json")
                && p.file_stem()
                    .is_some_and(|s| s.to_string_lossy().starts_with(char::is_numeric))
        })
        .collect();
    files.sort_by_key(|p| {
        p.file_stem()
            .unwrap()
            .to_string_lossy()
            .split('.')
            .map(|n| n.parse::<u32>().unwrap_or(0))
            .collect::<Vec<_>>()
    });
    files.pop().expect("a map version")
}

#[test]
fn bundle_writes_latest_maps_and_index() {
    let dir = tempfile::tempdir().unwrap();
    let out = wor(&[
        "map",
        "bundle",
        "social-map",
        dir.path().to_str().unwrap(),
        "--date",
        DATE,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let index: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("index.json")).unwrap())
            .unwrap();
    let versions: Vec<(&str, &str)> = index
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["region"].as_str().unwrap(),
                m["version"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        versions,
        [
            ("amstelland", "2026.2.0"),
            ("haarlemmermeer", "2026.2.0"),
            ("zuid-holland-noord", "2026.3.0")
        ]
    );
    assert_eq!(index[0]["demo"], true);
}
