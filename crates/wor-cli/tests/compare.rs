//! `wor evaluate --compare` answers "did the new map version help?" on cases where it is known to:
//! the old version is the new one with every other activity removed, and the cases were drawn with the
//! new version, so the activities that worked are often missing from the old one.

mod common;
use common::wor;
use serde_json::Value;
use std::path::Path;

const NEW: &str = "social-map/zuid-holland-noord/2026.2.0.json";

/// Writes the old version (every other activity left out, version 2026.1.9) and 300 cases drawn with
/// the new version; returns their paths.
fn setup(dir: &Path) -> (String, String) {
    let mut map: Value =
        serde_json::from_str(&std::fs::read_to_string(common::repo().join(NEW)).unwrap()).unwrap();
    map["version"] = "2026.1.9".into();
    let kept: Vec<Value> = map["activities"]
        .as_array()
        .unwrap()
        .iter()
        .step_by(2)
        .cloned()
        .collect();
    map["activities"] = Value::Array(kept);
    let old = dir.join("old.json");
    std::fs::write(&old, serde_json::to_string(&map).unwrap()).unwrap();
    let cases = dir.join("cases.jsonl");
    let out = wor(&[
        "evaluate",
        "generate-cases",
        "--map",
        NEW,
        "--count",
        "300",
        "--seed",
        "5",
        "--output",
        cases.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        old.to_str().unwrap().to_string(),
        cases.to_str().unwrap().to_string(),
    )
}

fn compare(map: &str, other: &str, cases: &str, html: &Path) -> Value {
    let out = wor(&[
        "evaluate",
        "--map",
        map,
        "--compare",
        other,
        "--cases",
        cases,
        "--json",
        "--html",
        html.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    report["compare"].clone()
}

#[test]
fn the_newer_version_shows_a_positive_gain_with_an_interval_above_zero() {
    let dir = tempfile::tempdir().unwrap();
    let (old, cases) = setup(dir.path());
    let html = dir.path().join("r.html");
    // Whichever side the new version is given on, the gain is new minus old.
    let a = compare(&old, NEW, &cases, &html);
    let b = compare(NEW, &old, &cases, &dir.path().join("b.html"));
    assert_eq!(a["new_side"], "compare");
    assert_eq!(b["new_side"], "map");
    for c in [&a, &b] {
        assert_eq!(c["new_label"], "zuid-holland-noord 2026.2.0");
        assert_eq!(c["old_label"], "zuid-holland-noord 2026.1.9");
        let gain = c["gain"]["ndcg@10"].as_f64().unwrap();
        let (low, high) = (
            c["gain_low"]["ndcg@10"].as_f64().unwrap(),
            c["gain_high"]["ndcg@10"].as_f64().unwrap(),
        );
        assert!(gain > 0.0, "{c}");
        assert!(
            0.0 < low && low <= gain && gain <= high,
            "{low} {gain} {high}"
        );
        assert_eq!(c["within_noise"], false);
        assert_eq!(c["cases_recorded_with_new"], c["queries"]);
    }
    assert_eq!(a["gain"], b["gain"]);
    // The bootstrap has a fixed seed: the same cases give the same interval.
    assert_eq!(a["gain_low"], b["gain_low"]);
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("Heeft de nieuwe kaartversie geholpen?"));
    assert!(page.contains(
        "Ja: met de nieuwe versie (zuid-holland-noord 2026.2.0) rangschikt de engine beter"
    ));
    assert!(page.contains("nieuw − oud") && page.contains("95%-interval"));
    assert!(!page.contains("--compare") && !page.contains("Let op:"));
}

#[test]
fn a_version_compared_with_itself_is_within_noise() {
    let dir = tempfile::tempdir().unwrap();
    let (_, cases) = setup(dir.path());
    let html = dir.path().join("r.html");
    let c = compare(NEW, NEW, &cases, &html);
    assert_eq!(c["gain"]["ndcg@10"], 0.0);
    assert_eq!(c["within_noise"], true);
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("Niet aantoonbaar"), "verdict in words");
}

#[test]
fn cases_drawn_with_the_old_version_are_named_as_a_caution() {
    let dir = tempfile::tempdir().unwrap();
    let (old, _) = setup(dir.path());
    let cases = dir.path().join("old-cases.jsonl");
    let out = wor(&[
        "evaluate",
        "generate-cases",
        "--map",
        &old,
        "--count",
        "100",
        "--output",
        cases.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let html = dir.path().join("r.html");
    let c = compare(NEW, &old, cases.to_str().unwrap(), &html);
    assert_eq!(c["cases_recorded_with_old"], c["queries"]);
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        page.contains("Let op:"),
        "warning about the cases' map version"
    );
}
