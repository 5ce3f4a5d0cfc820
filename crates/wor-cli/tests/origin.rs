//! Every report names where its data come from: a demo map, synthetic cases, or real ones.

mod common;
use common::wor;
use serde_json::Value;

const MAP: &str = "social-map/haarlemmermeer";

fn generated(dir: &std::path::Path) -> std::path::PathBuf {
    let cases = dir.join("cases.jsonl");
    let out = wor(&[
        "evaluate",
        "generate-cases",
        "--map",
        MAP,
        "--count",
        "60",
        "--output",
        cases.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    cases
}

#[test]
fn synthetic_cases_on_a_demo_map_are_named_in_the_evaluation_and_the_monitoring() {
    let dir = tempfile::tempdir().unwrap();
    let cases = generated(dir.path());
    let html = dir.path().join("r.html");
    let out = wor(&[
        "evaluate",
        "--map",
        MAP,
        "--cases",
        cases.to_str().unwrap(),
        "--json",
        "--html",
        html.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["origin"]["synthetic_cases"], 60);
    assert_eq!(report["origin"]["demo_maps"], report["origin"]["maps"]);
    let page = std::fs::read_to_string(&html).unwrap();
    let origin = page.find("Herkomst van de gegevens: demo").unwrap();
    assert!(origin < page.find("<table").unwrap(), "before any table");
    let monitor = dir.path().join("m.html");
    let out = wor(&[
        "monitor",
        "--cases",
        cases.to_str().unwrap(),
        "--date",
        "2026-12-31",
        "--json",
        "--html",
        monitor.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let m: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(m["cases"]["synthetic"], true);
    assert!(std::fs::read_to_string(&monitor)
        .unwrap()
        .contains("Synthetische casussen"));
}

#[test]
fn cases_without_judgements_are_taken_as_real() {
    let dir = tempfile::tempdir().unwrap();
    let generated = std::fs::read_to_string(generated(dir.path())).unwrap();
    // What a social worker records has no judgements of activities never offered.
    let real: Vec<String> = generated
        .lines()
        .map(|l| {
            let mut case: Value = serde_json::from_str(l).unwrap();
            case.as_object_mut().unwrap().remove("judgements");
            case.to_string()
        })
        .collect();
    let cases = dir.path().join("real.jsonl");
    std::fs::write(&cases, real.join("\n")).unwrap();
    let html = dir.path().join("r.html");
    let out = wor(&[
        "evaluate",
        "--map",
        MAP,
        "--cases",
        cases.to_str().unwrap(),
        "--html",
        html.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("Herkomst van de gegevens: demokaart met echte casussen"));
    assert!(!page.contains("synthetisch:"));
}
