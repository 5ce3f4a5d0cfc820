//! Every report names where its data come from: a demo map, and the cases' stated origin (synthetic,
//! recorded by social workers, exported from the caseload, or unknown: never guessed).

mod common;
use common::{stderr, stdout, wor};
use serde_json::Value;
use std::path::{Path, PathBuf};

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
fn the_origin_is_an_explicit_field_in_case_files_written_by_generate_cases() {
    let dir = tempfile::tempdir().unwrap();
    let cases = std::fs::read_to_string(generated(dir.path())).unwrap();
    let lines: Vec<Value> = cases
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 60);
    assert!(
        lines.iter().all(|c| c["origin"] == "synthetic"),
        "every generated case states it"
    );
}

/// The generated cases with each case's `origin` set by `origin_of(index)` (`None` removes it).
fn with_origins(
    dir: &Path,
    name: &str,
    origin_of: impl Fn(usize) -> Option<&'static str>,
) -> PathBuf {
    let generated = std::fs::read_to_string(generated(dir)).unwrap();
    let lines: Vec<String> = generated
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let mut case: Value = serde_json::from_str(l).unwrap();
            let fields = case.as_object_mut().unwrap();
            match origin_of(i) {
                Some(o) => fields.insert("origin".into(), o.into()),
                None => fields.remove("origin"),
            };
            case.to_string()
        })
        .collect();
    let path = dir.join(name);
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path
}

/// stdout and stderr of a run that must succeed.
fn ok(args: &[&str]) -> String {
    let out = wor(args);
    let text = format!("{}{}", stdout(&out), stderr(&out));
    assert_eq!(out.status.code(), Some(0), "{args:?}: {text}");
    text
}

/// Every summary of `cases`: evaluate (text and HTML), monitor (text and HTML), business case with
/// actuals (text and HTML), tune (stderr).
fn every_summary(dir: &Path, cases: &Path) -> Vec<String> {
    let c = cases.to_str().unwrap();
    let html = dir.join("x.html");
    let h = html.to_str().unwrap();
    let weights = dir.join("w.json");
    let mut all = Vec::new();
    for args in [
        vec!["evaluate", "--map", MAP, "--cases", c, "--html", h],
        vec!["monitor", "--cases", c, "--date", "2026-12-31", "--html", h],
        vec![
            "business-case",
            "--actuals",
            c,
            "--date",
            "2026-12-31",
            "--html",
            h,
        ],
    ] {
        all.push(ok(&args));
        all.push(std::fs::read_to_string(&html).unwrap());
    }
    all.push(ok(&[
        "tune",
        "--map",
        MAP,
        "--cases",
        c,
        "--output",
        weights.to_str().unwrap(),
    ]));
    all
}

#[test]
fn a_file_without_an_origin_is_reported_as_herkomst_onbekend_never_guessed() {
    let dir = tempfile::tempdir().unwrap();
    // The generator's cases (with their judgements) but without the origin field: not "synthetic".
    let cases = with_origins(dir.path(), "unknown.jsonl", |_| None);
    for summary in every_summary(dir.path(), &cases) {
        assert!(
            summary.contains("herkomst onbekend: 60 casussen"),
            "{summary}"
        );
        assert!(!summary.contains("echte casussen"), "{summary}");
        assert!(!summary.contains("ynthetisch"), "{summary}");
    }
    let page = std::fs::read_to_string(dir.path().join("x.html")).unwrap();
    assert!(page.contains("Herkomst van de casussen"), "{page}");
}

#[test]
fn every_report_and_terminal_summary_states_the_origin() {
    let dir = tempfile::tempdir().unwrap();
    let cases = with_origins(dir.path(), "mixed.jsonl", |i| match i % 3 {
        0 => Some("recorded_by_social_workers"),
        1 => Some("caseload_export"),
        _ => None,
    });
    for summary in every_summary(dir.path(), &cases) {
        assert!(
            summary.contains(
                "gemengde herkomst: 20 geëxporteerd uit de caseload, 20 vastgelegd door sociaal werkers, 20 herkomst onbekend"
            ),
            "{summary}"
        );
    }
    let out = wor(&[
        "evaluate",
        "--map",
        MAP,
        "--cases",
        cases.to_str().unwrap(),
        "--json",
    ]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["origin"]["synthetic_cases"], 0);
    assert_eq!(report["origin"]["case_origins"]["counts"]["unknown"], 20);
}

#[test]
fn an_empty_case_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.jsonl");
    std::fs::write(&empty, "\n").unwrap();
    let e = empty.to_str().unwrap();
    let html = dir.path().join("r.html");
    let h = html.to_str().unwrap();
    for args in [
        vec!["evaluate", "--map", MAP, "--cases", e, "--html", h],
        vec!["monitor", "--cases", e, "--html", h],
        vec!["business-case", "--actuals", e, "--html", h],
        vec!["tune", "--map", MAP, "--cases", e, "--output", h],
    ] {
        let out = wor(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&out).contains("no cases in this file"),
            "{}",
            stderr(&out)
        );
        assert!(out.stdout.is_empty());
        assert!(!html.exists());
    }
}
