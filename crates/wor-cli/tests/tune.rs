//! Issue 17 and the analyst's score point through the CLI: scores follow the rank, weights files,
//! `wor match --weights`, and `wor tune` keeping the defaults when the data are thin.

mod common;

use common::{repo, wor, wor_match, DATE};
use serde_json::Value;
use std::path::PathBuf;

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wor-tune-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// The referrals of the fixtures: referrals.jsonl and the `referral` of every vignette.
fn fixture_referrals() -> String {
    let dir = repo().join("tests/fixtures");
    let mut lines: Vec<String> = std::fs::read_to_string(dir.join("referrals.jsonl"))
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    for f in [
        "triage_vignettes.jsonl",
        "triage_plan_vignettes.jsonl",
        "triage_safety_vignettes.jsonl",
    ] {
        for l in std::fs::read_to_string(dir.join(f)).unwrap().lines() {
            if !l.trim().is_empty() {
                let v: Value = serde_json::from_str(l).unwrap();
                lines.push(v["referral"].to_string());
            }
        }
    }
    lines.join("\n") + "\n"
}

fn match_all(extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["--top", "10"];
    args.extend_from_slice(extra);
    let out = wor_match(&args, &fixture_referrals());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn scores_never_rise_down_the_list() {
    let results = match_all(&[]);
    let mut lists = 0;
    for r in &results {
        let s = r["suggestions"].as_array().unwrap();
        let scores: Vec<f64> = s.iter().map(|s| s["score"].as_f64().unwrap()).collect();
        assert!(
            scores.windows(2).all(|w| w[0] >= w[1]),
            "{}: {scores:?}",
            r["id"]
        );
        assert!(s.iter().all(|s| s["relevance"].as_f64().unwrap() > 0.0));
        lists += usize::from(scores.len() > 2);
        assert!(
            r.get("weights").is_none(),
            "no weights key without --weights"
        );
    }
    assert!(lists > 100, "{lists} lists with several suggestions");
}

/// Writes `n` synthetic cases for Haarlemmermeer and tunes on them.
fn tune(n: &str, extra: &[&str]) -> (std::process::Output, PathBuf) {
    let cases = tmp(&format!("cases-{n}.jsonl"));
    let out = wor(&[
        "evaluate",
        "generate-cases",
        "--map",
        "social-map/haarlemmermeer",
        "--cases",
        n,
        "--seed",
        "3",
        "-o",
        cases.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let weights = tmp(&format!("weights-{n}-{}.json", extra.len()));
    let mut args = vec![
        "tune",
        "--map",
        "social-map/haarlemmermeer",
        "--cases",
        cases.to_str().unwrap(),
        "--output",
        weights.to_str().unwrap(),
        "--date",
        DATE,
    ];
    args.extend_from_slice(extra);
    (wor(&args), weights)
}

#[test]
fn twenty_cases_keep_the_defaults_say_so_and_fail_only_when_required() {
    let (out, path) = tune("20", &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("kept the default weights: too few cases"),
        "{stderr}"
    );
    let file: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let region = &file["regions"][0];
    assert_eq!(region["region"], "haarlemmermeer");
    assert!(region["kept_defaults"]
        .as_str()
        .unwrap()
        .starts_with("too few cases"));
    assert_eq!(region["weights"]["decay_km_under_65"], 5.0);
    let (out, _) = tune("20", &["--require-improvement"]);
    assert_eq!(out.status.code(), Some(1));

    // The default weights from a file rank exactly as no file; the output then names the file.
    let plain = match_all(&[]);
    let weighted = match_all(&["--weights", path.to_str().unwrap()]);
    assert_eq!(plain.len(), weighted.len());
    let mut stamped = 0;
    for (a, b) in plain.iter().zip(&weighted) {
        let mut b = b.clone();
        if let Some(w) = b.as_object_mut().unwrap().remove("weights") {
            assert_eq!(b["map"]["region"], "haarlemmermeer");
            assert!(w["hash"].as_str().unwrap().starts_with("sha256:"));
            assert_eq!(w["id"], path.file_stem().unwrap().to_str().unwrap());
            stamped += 1;
        }
        assert_eq!(a, &b);
    }
    assert!(stamped > 0, "Haarlemmermeer referrals carry the stamp");
}

#[test]
fn a_bad_weights_file_names_the_field_and_matches_nothing() {
    let path = tmp("bad.json");
    std::fs::write(
        &path,
        r#"{"schema":"wor-weights/1","id":"x","regions":[{"region":"haarlemmermeer","map_versions":[],"from":"2026-01-01","to":"2026-12-31","cases":300,"weights":{"group_mismatch":0}}]}"#,
    )
    .unwrap();
    let output = tmp("never.jsonl");
    let out = wor_match(
        &[
            "--weights",
            path.to_str().unwrap(),
            "--output",
            output.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("regions[0].weights.group_mismatch: 0 is outside"),
        "{stderr}"
    );
    assert!(!output.exists());
}
