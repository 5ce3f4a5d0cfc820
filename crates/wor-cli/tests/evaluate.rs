//! `wor evaluate` from the user's side: TREC metrics (checked by hand and against trec_eval through
//! pytrec-eval-terrier), synthetic cases, the engine against baselines on historic cases, map-version
//! comparison, the HTML report, and bad input.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

mod common;
use common::{json, repo, stderr, stdout, wor};

fn close(a: &Value, b: f64) {
    let a = a.as_f64().unwrap_or(f64::NAN);
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

/// Synthetic cases for the whole social map, generated once per test binary (seed 7, 200 cases).
fn generated_cases() -> &'static Path {
    static CASES: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = CASES.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cases.jsonl");
        let out = wor(&[
            "evaluate",
            "generate-cases",
            "--map",
            "social-map",
            "--cases",
            "200",
            "--seed",
            "7",
            "--output",
            path.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        (dir, path)
    });
    path
}

/// The generated cases' path and `wor evaluate --json` over them on the bundled maps.
fn evaluated_generated_cases() -> (String, Value) {
    let cases = generated_cases().to_str().unwrap().to_string();
    let r = json(&wor(&[
        "evaluate",
        "--map",
        "social-map",
        "--cases",
        &cases,
        "--json",
    ]));
    (cases, r)
}

#[test]
fn trec_metrics_by_hand() {
    let out = wor(&[
        "evaluate",
        "--qrels",
        "tests/evaluate/basic.qrels",
        "--run",
        "tests/evaluate/basic.run",
        "--json",
    ]);
    let r = json(&out);
    assert_eq!(r["k"], 10);
    // q4 is only in the qrels, q5 only in the run: neither is evaluated.
    let queries: Vec<&String> = r["per_query"].as_object().unwrap().keys().collect();
    assert_eq!(queries, ["q1", "q2", "q3"]);
    assert_eq!(r["queries"], 3);
    // q1: scores tie at 0.5 for d2, d5, d3 -> reverse docid order d5, d3, d2. Ranking d1(2) d5 d3 d2(1)
    // d4(1); relevant d1 d2 d4 d9(3).
    let q1 = &r["per_query"]["q1"];
    let log2 = |x: f64| x.log2();
    let dcg = 2.0 + 1.0 / log2(5.0) + 1.0 / log2(6.0);
    let idcg = 3.0 + 2.0 / log2(3.0) + 1.0 / log2(4.0) + 1.0 / log2(5.0);
    close(&q1["ndcg@10"], dcg / idcg);
    close(&q1["mrr"], 1.0);
    close(&q1["recall@10"], 0.75);
    close(&q1["precision@10"], 0.3);
    close(&q1["map"], (1.0 + 2.0 / 4.0 + 3.0 / 5.0) / 4.0);
    // q2 has no relevant document: zeros, still averaged in.
    for key in ["ndcg@10", "mrr", "recall@10", "precision@10", "map"] {
        close(&r["per_query"]["q2"][key], 0.0);
    }
    // q3: relevant x at rank 4 and y at rank 12 (beyond k), z never retrieved.
    let q3 = &r["per_query"]["q3"];
    close(&q3["mrr"], 0.25);
    close(&q3["recall@10"], 1.0 / 3.0);
    close(&q3["map"], (1.0 / 4.0 + 2.0 / 12.0) / 3.0);
    let mean_mrr = (1.0 + 0.0 + 0.25) / 3.0;
    close(&r["mean"]["mrr"], mean_mrr);
    // --k changes the keys; without --json a table.
    let r5 = json(&wor(&[
        "evaluate",
        "--qrels",
        "tests/evaluate/basic.qrels",
        "--run",
        "tests/evaluate/basic.run",
        "--k",
        "5",
        "--json",
    ]));
    close(&r5["per_query"]["q1"]["precision@5"], 0.6);
    assert!(r5["mean"].get("ndcg@5").is_some());
    let table = wor(&[
        "evaluate",
        "--qrels",
        "tests/evaluate/basic.qrels",
        "--run",
        "tests/evaluate/basic.run",
    ]);
    assert_eq!(table.status.code(), Some(0));
    let text = stdout(&table);
    assert!(
        text.contains("ndcg@10") && text.contains("mean (3 queries)"),
        "{text}"
    );
    // --complete: q4 counts as well, with zeros.
    let c = json(&wor(&[
        "evaluate",
        "--qrels",
        "tests/evaluate/basic.qrels",
        "--run",
        "tests/evaluate/basic.run",
        "--complete",
        "--json",
    ]));
    assert_eq!(c["queries"], 4);
    close(&c["mean"]["mrr"], (1.0 + 0.25) / 4.0);
}

#[test]
fn trec_metrics_agree_with_trec_eval() {
    let probe = Command::new("python3")
        .args(["-c", "import pytrec_eval"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        welzijn_op_recept::skip(
            "pytrec_eval is not installed (`pip install pytrec-eval-terrier`, done by `make setup`)",
        );
        return;
    }
    let out = Command::new("python3")
        .arg("tests/evaluate/crosscheck.py")
        .arg(env!("CARGO_BIN_EXE_wor"))
        .current_dir(repo())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "crosscheck failed:\n{}{}",
        stdout(&out),
        stderr(&out)
    );
    eprintln!("{}", stdout(&out));
}

#[test]
fn bad_trec_lines_are_reported_with_line_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let qrels = dir.path().join("bad.qrels");
    let run = dir.path().join("bad.run");
    std::fs::write(&qrels, "q1 0 a 1\nq1 0 b\n\nq1 0 c high\nq1 0 a 2\n").unwrap();
    std::fs::write(&run, "q1 Q0 a 1 0.5 t\nq1 Q0 b 2 NaN t\nq1 Q0 c 3 0.1\n").unwrap();
    let out = wor(&[
        "evaluate",
        "--qrels",
        qrels.to_str().unwrap(),
        "--run",
        run.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "no metrics from bad input");
    let err = stderr(&out);
    for expected in [
        "line 2: expected 4 fields",
        "line 4: relevance 'high' is not a whole number",
        "line 5: document 'a' is judged twice for query 'q1' (first on line 1)",
        "line 2: score 'NaN' is not a finite number",
        "line 3: expected 6 fields (query Q0 document rank score tag), got 5",
    ] {
        assert!(err.contains(expected), "missing «{expected}» in:\n{err}");
    }
    // A missing file is an error too.
    let out = wor(&[
        "evaluate",
        "--qrels",
        "nope.qrels",
        "--run",
        run.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("nope.qrels"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(wor(&["evaluate"]).status.code(), Some(2));
    assert_eq!(wor(&["evaluate", "--qrels", "a"]).status.code(), Some(2));
    assert_eq!(
        wor(&["evaluate", "--map", "social-map"]).status.code(),
        Some(2)
    );
    assert_eq!(
        wor(&["evaluate", "--qrels", "a", "--run", "b", "--map", "c", "--cases", "d"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        wor(&["evaluate", "--qrels", "a", "--run", "b", "--k", "0"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn case_generation_is_deterministic_and_valid() {
    let gen = |seed: &str, n: &str| {
        let out = wor(&[
            "evaluate",
            "generate-cases",
            "--map",
            "social-map",
            "--cases",
            n,
            "--seed",
            seed,
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stdout(&out)
    };
    let a = gen("11", "60");
    assert_eq!(a, gen("11", "60"), "same seed, same bytes");
    assert_ne!(a, gen("12", "60"), "another seed, other cases");
    // Case i does not depend on how many are generated.
    let longer = gen("11", "90");
    assert!(longer.starts_with(&a));
    let lines: Vec<Value> = a
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 60);
    let mut regions = std::collections::BTreeSet::new();
    for c in &lines {
        for key in ["referral", "map", "dates", "outcome", "triage_label"] {
            assert!(c.get(key).is_some(), "missing {key} in {c}");
        }
        regions.insert(c["map"]["region"].as_str().unwrap().to_string());
        if let Some(chosen) = c["chosen"].as_str() {
            assert!(c["offered"].as_array().unwrap().iter().any(|o| o == chosen));
            let gain = c["judgements"][chosen].as_u64().unwrap();
            let o = &c["outcome"];
            let expected = if o["still_attending_3m"] == true {
                2
            } else {
                u64::from(o["arrived"] == true)
            };
            assert_eq!(gain, expected, "{c}");
        }
    }
    assert_eq!(regions.len(), 3, "all three regions drawn: {regions:?}");
    // The generated file is valid input: evaluate reads it without errors.
    let out = wor(&[
        "evaluate",
        "--map",
        "social-map",
        "--cases",
        generated_cases().to_str().unwrap(),
        "--json",
    ]);
    let r = json(&out);
    assert_eq!(r["cases"]["total"], 200);
}

#[test]
fn engine_beats_the_random_baseline_on_generated_cases() {
    let (_, r) = evaluated_generated_cases();
    let systems = r["systems"].as_array().unwrap();
    let ids: Vec<&str> = systems.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["engine", "offered", "nearest", "bm25", "random"]);
    let ndcg = |id: &str| {
        systems.iter().find(|s| s["id"] == id).unwrap()["mean"]["ndcg@10"]
            .as_f64()
            .unwrap()
    };
    eprintln!(
        "nDCG@10 engine {:.3}, offered {:.3}, nearest {:.3}, bm25 {:.3}, random {:.3}",
        ndcg("engine"),
        ndcg("offered"),
        ndcg("nearest"),
        ndcg("bm25"),
        ndcg("random")
    );
    assert!(
        ndcg("engine") > ndcg("random") + 0.1,
        "engine {} vs random {}",
        ndcg("engine"),
        ndcg("random")
    );
    let evaluated = r["cases"]["evaluated"].as_u64().unwrap();
    assert!(evaluated > 100, "{evaluated}");
    assert_eq!(systems[0]["queries"], evaluated);
    // Breakdowns, triage, KPI, process, gaps.
    for g in ["region", "municipality", "area"] {
        assert!(!r["breakdown"][g].as_object().unwrap().is_empty(), "{g}");
    }
    assert!(r["breakdown"]["region"]["amstelland"]["systems"]["engine"]["ndcg@10"].is_number());
    let triage = &r["triage"];
    assert_eq!(triage["labelled"], 200);
    let diagonal: u64 = [
        "wor",
        "mgn",
        "wor_and_mgn",
        "urgent",
        "medical",
        "not_eligible",
    ]
    .iter()
    .map(|l| triage["confusion"][l][l].as_u64().unwrap())
    .sum();
    assert_eq!(triage["correct"].as_u64().unwrap(), diagonal);
    let kpi = r["kpi"].as_array().unwrap();
    let zhn = kpi
        .iter()
        .find(|k| k["region"] == "zuid-holland-noord")
        .unwrap();
    assert_eq!(zhn["target_2026"], 1959);
    let fc = &r["process"]["first_contact"];
    let share = fc["share_within_14_days"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&share) && fc["median_days"].is_number());
    let conversations: u64 = r["process"]["conversations"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert!(conversations > 0);
    assert!(r["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .all(|g| g["demand"].as_u64().unwrap() > 0));
}

#[test]
fn compare_two_map_versions_on_the_same_cases() {
    let cases = generated_cases().to_str().unwrap().to_string();
    let r = json(&wor(&[
        "evaluate",
        "--map",
        "social-map/zuid-holland-noord/2026.1.0.json",
        "--compare",
        "social-map/zuid-holland-noord/2026.2.0.json",
        "--cases",
        &cases,
        "--json",
    ]));
    assert_eq!(r["maps"][0]["version"], "2026.1.0");
    assert_eq!(r["compare_maps"][0]["version"], "2026.2.0");
    let c = &r["compare"];
    assert!(c["queries"].as_u64().unwrap() > 50);
    for key in ["ndcg@10", "mrr", "recall@10", "precision@10", "map"] {
        let d = c["compare"][key].as_f64().unwrap() - c["primary"][key].as_f64().unwrap();
        close(&c["delta"][key], d);
    }
    // Only Zuid-Holland Noord cases are ranked; the engine row equals the --map side of the comparison.
    assert_eq!(r["systems"][0]["mean"], c["primary"]);
    assert!(r["cases"]["covered"].as_u64().unwrap() < 200);
    assert!(stderr(&wor(&[
        "evaluate",
        "--map",
        "social-map/zuid-holland-noord/2026.1.0.json",
        "--cases",
        &cases,
    ]))
    .contains("outside the loaded map(s)"));
}

#[test]
fn html_report_is_self_contained_and_deterministic() {
    let cases = generated_cases().to_str().unwrap().to_string();
    let dir = tempfile::tempdir().unwrap();
    let mut outputs = Vec::new();
    for name in ["a.html", "b.html"] {
        let path = dir.path().join(name);
        let out = wor(&[
            "evaluate",
            "--map",
            "social-map",
            "--cases",
            &cases,
            "--compare",
            "social-map",
            "--html",
            path.to_str().unwrap(),
            "--json",
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        outputs.push((out.stdout, std::fs::read_to_string(&path).unwrap()));
    }
    assert_eq!(outputs[0], outputs[1], "byte-identical JSON and HTML");
    let html = &outputs[0].1;
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        html.matches("<svg").count() >= 5,
        "charts drawn as inline SVG"
    );
    for forbidden in ["http", "<script", "<link", "src="] {
        assert!(!html.contains(forbidden), "found {forbidden}");
    }
    for section in [
        "nDCG@10",
        "Willekeurig",
        "doel 1.959",
        "binnen twee weken",
        "Triage",
        "Vraag en aanbod",
        "nieuw − oud",
        "Herkomst van de gegevens",
    ] {
        assert!(html.contains(section), "missing {section}");
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 2, "no temp files left behind");
}

#[test]
fn bad_case_lines_are_reported_and_nothing_is_evaluated() {
    let good = std::fs::read_to_string(generated_cases()).unwrap();
    let mut lines: Vec<String> = good.lines().take(5).map(str::to_string).collect();
    lines[1] = lines[1].replacen("\"age\":", "\"age\":\"old\",\"x\":", 1);
    lines.insert(3, "{not json".into());
    lines.push(lines[0].clone());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cases.jsonl");
    std::fs::write(&path, lines.join("\n")).unwrap();
    let html = dir.path().join("r.html");
    let out = wor(&[
        "evaluate",
        "--map",
        "social-map",
        "--cases",
        path.to_str().unwrap(),
        "--html",
        html.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(!html.exists());
    let err = stderr(&out);
    assert!(err.contains("line 2: referral.age: wrong type"), "{err}");
    assert!(err.contains("line 4: "), "{err}");
    assert!(
        err.contains("line 7: referral.id: duplicate id 'hc000001' (first on line 1)"),
        "{err}"
    );
}

#[test]
fn evaluate_and_monitor_count_the_same_successful_referrals_against_the_same_target() {
    let (cases, r) = evaluated_generated_cases();
    // A date after everything the file records: both count the whole of 2026.
    let m = json(&wor(&[
        "monitor",
        "--cases",
        &cases,
        "--date",
        "2027-12-31",
        "--json",
    ]));
    let mut compared = 0;
    for k in r["kpi"].as_array().unwrap() {
        let region = k["region"].as_str().unwrap();
        for y in k["years"].as_array().unwrap() {
            let year = y["year"].to_string();
            let monitored = &m["regions"][region][&year];
            assert_eq!(y["successful"], monitored["successful"], "{region} {year}");
            assert_eq!(y["referrals"], monitored["referrals"], "{region} {year}");
            assert_eq!(
                y["share_of_target"], monitored["share_of_target"],
                "{region} {year}"
            );
            compared += 1;
        }
    }
    assert!(compared >= 3, "{compared}");
}
