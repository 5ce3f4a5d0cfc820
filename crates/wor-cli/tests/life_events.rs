//! Life events by their kind (issue 31) through the CLI on the demo maps: the residents of the issue
//! get help for their own event, the kind is settable in JSON and CSV, and maps carry it through
//! `wor map validate`, `wor map stats` and the HSDS round trip.

mod common;

use common::{match_one as run, stderr, stdout, suggestion_ids as ids, wor, DATE};
use serde_json::Value;

fn why_of<'a>(r: &'a Value, id: &str, code: &str) -> Vec<&'a str> {
    r["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["activity_id"] == id)
        .flat_map(|s| s["why"].as_array().unwrap())
        .filter(|w| w["code"] == code)
        .map(|w| w["nl"].as_str().unwrap())
        .collect()
}

#[test]
fn the_widower_gets_no_divorce_group_and_the_divorcee_no_grief_group() {
    let widower = run(
        r#"{"id":"w","age":74,"consent":true,"municipality":"Amstelveen","text":"Weduwnaar sinds de zomer, komt de deur niet meer uit, mist zijn kaartclub, geldzorgen."}"#,
    );
    assert_eq!(widower["life_events"], serde_json::json!(["bereavement"]));
    assert!(
        !ids(&widower).iter().any(|id| id.contains("scheiding")),
        "{:?}",
        ids(&widower)
    );
    let divorcee = run(
        r#"{"id":"d","age":41,"consent":true,"municipality":"Haarlemmermeer","text":"Mevr is net gescheiden, slaapt slecht en piekert veel, voelt zich alleen met de kinderen."}"#,
    );
    assert_eq!(divorcee["life_events"], serde_json::json!(["separation"]));
    let found = ids(&divorcee);
    assert!(
        !found.iter().any(|id| id.contains("rouwgroep")),
        "{found:?}"
    );
    let group = "hlm-praatgroep-na-de-scheiding-haarlemmermeer";
    assert!(found.contains(&group), "{found:?}");
    assert_eq!(why_of(&divorcee, group, "areas"), ["helpt bij scheiding"]);
}

#[test]
fn children_moving_away_is_no_bereavement() {
    let r = run(
        r#"{"id":"k","age":80,"consent":true,"municipality":"Katwijk","text":"Mevr is eenzaam sinds haar kinderen ver weg zijn verhuisd, ziet weinig mensen."}"#,
    );
    assert_eq!(r["life_events"], serde_json::json!(["children_left_home"]));
    assert!(
        !ids(&r).iter().any(|id| id.contains("rouwgroep")),
        "{:?}",
        ids(&r)
    );
}

#[test]
fn with_the_kind_unknown_a_grief_group_may_rank_and_says_what_it_is_for() {
    let r = run(
        r#"{"id":"u","age":70,"consent":true,"municipality":"Leiden","areas":[{"area":"life_event","severity":3},{"area":"loneliness"}]}"#,
    );
    assert!(r.get("life_events").is_none(), "{}", r["life_events"]);
    let grief = ids(&r)
        .into_iter()
        .find(|id| id.contains("rouwgroep"))
        .expect("a grief group ranks");
    assert_eq!(
        why_of(&r, grief, "areas"),
        ["helpt bij eenzaamheid en rouw"]
    );
}

#[test]
fn the_kind_is_settable_in_csv_with_dutch_and_english_column_names() {
    for column in ["levensgebeurtenis", "life_events"] {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.csv");
        std::fs::write(
            &input,
            format!("id,age,consent,municipality,areas,{column}\nc1,70,ja,Leiden,life_event:3;loneliness,bereavement\nc2,70,ja,Leiden,life_event,rouw\n"),
        )
        .unwrap();
        let out = wor(&[
            "match",
            "--map",
            "social-map",
            "--date",
            DATE,
            input.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(1), "line 2 is refused");
        let err = stderr(&out);
        assert!(
            err.contains(&format!(
                "row 3, column '{column}': unknown life event 'rouw' (known: bereavement,"
            )),
            "{err}"
        );
        let first: Value = serde_json::from_str(stdout(&out).lines().next().unwrap()).unwrap();
        assert_eq!(first["life_events"], serde_json::json!(["bereavement"]));
        assert!(!ids(&first).iter().any(|id| id.contains("scheiding")));
    }
}

#[test]
fn maps_carry_the_kinds_through_validate_stats_and_hsds() {
    let dir = tempfile::tempdir().unwrap();
    let map_path = common::repo().join("social-map/zuid-holland-noord/2026.3.0.json");
    let stats = wor(&["map", "stats", map_path.to_str().unwrap()]);
    assert_eq!(stats.status.code(), Some(0), "{}", stderr(&stats));
    assert!(
        stdout(&stats)
            .contains("levensgebeurtenis: rouw 4, scheiding 1, verhuizing 1, nieuw in Nederland 1"),
        "{}",
        stdout(&stats)
    );
    // An unknown kind is an error that names the entry and the field.
    let mut map: Value =
        serde_json::from_str(&std::fs::read_to_string(&map_path).unwrap()).unwrap();
    map["activities"][0]["life_events"] = serde_json::json!(["rouw"]);
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, map.to_string()).unwrap();
    let out = wor(&["map", "validate", bad.to_str().unwrap()]);
    assert_ne!(out.status.code(), Some(0));
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(
        all.contains("life_events[0]") && all.contains("'rouw'"),
        "{all}"
    );
    // HSDS export and import keep the kinds.
    let hsds = dir.path().join("hsds");
    let out = wor(&[
        "map",
        "export-hsds",
        map_path.to_str().unwrap(),
        hsds.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let back = dir.path().join("back.json");
    let out = wor(&[
        "map",
        "import-hsds",
        hsds.to_str().unwrap(),
        "-o",
        back.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let back: Value = serde_json::from_str(&std::fs::read_to_string(&back).unwrap()).unwrap();
    let kinds = |m: &Value, id: &str| {
        m["activities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .map(|a| a["life_events"].clone())
    };
    for id in [
        "zhn-rouwgroep-leiden",
        "zhn-welkom-in-leiden",
        "zhn-praatgroep-na-de-scheiding-leiden",
    ] {
        let original: Value =
            serde_json::from_str(&std::fs::read_to_string(&map_path).unwrap()).unwrap();
        assert_eq!(kinds(&back, id), kinds(&original, id), "{id}");
    }
}
