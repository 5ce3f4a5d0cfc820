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

/// `--compare-weights` compares weights, not map versions (issue 31): the sides are the weights
/// file's id and "standaardgewichten", the gain is file − defaults, nothing is said about map
/// versions, and evaluating on the cases the weights were learned from is warned about, counted by
/// the salted hashes the file lists.
#[test]
fn compare_weights_labels_the_weights_and_warns_about_learning_cases() {
    let dir = tempfile::tempdir().unwrap();
    let learn = dir.path().join("learn.jsonl");
    let out = wor(&[
        "evaluate",
        "generate-cases",
        "--map",
        "social-map/haarlemmermeer",
        "--count",
        "60",
        "--seed",
        "3",
        "--output",
        learn.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let weights = dir.path().join("hlm-test.json");
    let out = wor(&[
        "tune",
        "--map",
        "social-map/haarlemmermeer",
        "--cases",
        learn.to_str().unwrap(),
        "--output",
        weights.to_str().unwrap(),
        "--date",
        common::DATE,
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file: Value = serde_json::from_str(&std::fs::read_to_string(&weights).unwrap()).unwrap();
    let hashes = file["regions"][0]["learning_cases"]["hashes"]
        .as_array()
        .unwrap()
        .len();
    assert!(hashes > 0);
    let text = std::fs::read_to_string(&weights).unwrap();
    assert!(!text.contains("hc0000"), "no case id in the weights file");

    // Other cases: the same generated residents under ids the weights never saw.
    let other = dir.path().join("other.jsonl");
    std::fs::write(
        &other,
        std::fs::read_to_string(&learn)
            .unwrap()
            .replace("\"id\":\"hc", "\"id\":\"other-hc"),
    )
    .unwrap();
    let evaluate = |cases: &Path, json: bool| {
        let html = dir.path().join("report.html");
        let mut args = vec![
            "evaluate",
            "--map",
            "social-map/haarlemmermeer",
            "--cases",
            cases.to_str().unwrap(),
            "--compare-weights",
            weights.to_str().unwrap(),
            "--date",
            common::DATE,
            "--html",
            html.to_str().unwrap(),
        ];
        if json {
            args.push("--json");
        }
        let out = wor(&args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        (
            String::from_utf8(out.stdout).unwrap(),
            std::fs::read_to_string(html).unwrap(),
        )
    };
    let (json, html) = evaluate(&learn, true);
    let report: Value = serde_json::from_str(&json).unwrap();
    let c = &report["compare"];
    assert_eq!(c["subject"], "weights");
    assert_eq!(c["old_label"], "standaardgewichten");
    assert_eq!(c["new_label"], "hlm-test");
    let gain = c["gain"]["ndcg@10"].as_f64().unwrap();
    let file_minus_defaults =
        c["compare"]["ndcg@10"].as_f64().unwrap() - c["primary"]["ndcg@10"].as_f64().unwrap();
    assert!((gain - file_minus_defaults).abs() < 1e-12);
    assert!(c.get("cases_recorded_with_new").is_none());
    let overlapping = c["learning"]["overlapping"].as_u64().unwrap() as usize;
    assert!(
        overlapping > 0 && overlapping <= hashes,
        "{overlapping} of {hashes}"
    );
    assert!(html.contains("Helpen de gewichten van de regio?"));
    assert!(html.contains(&format!("Let op: {overlapping} van de")));
    assert!(!html.contains("kaartversie dan de nieuwe"));

    let (text, _) = evaluate(&learn, false);
    assert!(
        text.contains("weights compared: hlm-test against standaardgewichten"),
        "{text}"
    );
    assert!(
        text.contains(&format!("warning: {overlapping} of ")),
        "{text}"
    );
    assert!(!text.contains("map version"), "{text}");

    let (text, html) = evaluate(&other, false);
    assert!(!text.contains("warning:"), "{text}");
    assert!(!html.contains("Let op:"));
}
