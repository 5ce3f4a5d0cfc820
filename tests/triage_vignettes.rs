//! Table-driven triage tests: realistic GP vignettes (Dutch and English notes, typos, 4DKL boundaries,
//! risk written in the note, denials, someone else's history) with the expected route and, where the
//! vignette states them, the support areas, the warnings that must be given, the words a reason must
//! quote, or that no warning may be given.
//!
//! * `tests/fixtures/triage_vignettes.jsonl`: the general set (route and areas).
//! * `tests/fixtures/triage_safety_vignettes.jsonl`: rules_version 2's safety set (route, warnings,
//!   quoted words).
//! * `tests/fixtures/triage_unseen_vignettes.jsonl`: wordings the lexicon was not written for (issue 30).
//! * `tests/fixtures/triage_plan_vignettes.jsonl`: rules_version 2 faithful to the plan (routine care,
//!   carers, stress by its cause, referrers, postcodes).

use serde_json::Value;
use wor_core::{triage, Referral, Strictness};

/// Checks every vignette of a file; returns how many there were.
fn check_vignettes(file: &str) -> usize {
    let path = welzijn_op_recept::repo_path(file);
    let text = std::fs::read_to_string(&path).expect("vignettes file");
    let mut failures = Vec::new();
    let mut count = 0;
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let v: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("line {}: {e}", i + 1));
        let referral = Referral::from_json(&v["referral"].to_string(), Strictness::Strict)
            .unwrap_or_else(|e| panic!("line {}: {e:?}", i + 1))
            .value;
        let t = triage(&referral);
        let expect = &v["expect"];
        let mut problems = Vec::new();
        if t.route.id() != expect["route"] {
            problems.push(format!(
                "route {} (expected {})",
                t.route.id(),
                expect["route"]
            ));
        }
        if let Some(areas) = expect["areas"].as_array() {
            let got: Vec<&str> = t.areas.iter().map(|a| a.area.id()).collect();
            let want: Vec<&str> = areas.iter().filter_map(Value::as_str).collect();
            if got != want {
                problems.push(format!("areas {got:?} (expected {want:?})"));
            }
        }
        let codes: Vec<&str> = t.warnings.iter().map(|w| w.code).collect();
        for code in expect["warnings"].as_array().into_iter().flatten() {
            if !codes.iter().any(|c| code == c) {
                problems.push(format!("no warning {code} (got {codes:?})"));
            }
        }
        if expect["no_warnings"] == true && !codes.is_empty() {
            problems.push(format!("unexpected warnings {codes:?}"));
        }
        let quoted: Vec<&String> = t.reasons.iter().flat_map(|r| &r.matched).collect();
        for words in expect["matched"].as_array().into_iter().flatten() {
            let words = words.as_str().unwrap_or_default();
            if !quoted.iter().any(|q| q.contains(words)) {
                problems.push(format!("no reason quotes {words:?} (quoted {quoted:?})"));
            }
        }
        // A vignette marked `known_miss` names what the reader does not read yet. It must still miss
        // (a fixed one must lose its mark, so the list only shrinks), and it may never be a risk the
        // engine fails to make urgent.
        let known_miss = v["known_miss"].as_str();
        match (known_miss, problems.is_empty()) {
            (Some(_), _) if expect["route"] == "urgent" => failures.push(format!(
                "{file} line {}: an urgent vignette cannot be a known miss",
                i + 1
            )),
            (Some(why), false) => println!(
                "known miss, line {} ({why}): {}",
                i + 1,
                problems.join("; ")
            ),
            (Some(_), true) => failures.push(format!(
                "{file} line {} ({}): passes now: remove its known_miss mark",
                i + 1,
                v["name"]
            )),
            (None, false) => failures.push(format!(
                "{file} line {} ({}): {}",
                i + 1,
                v["name"],
                problems.join("; ")
            )),
            (None, true) => {}
        }
        count += 1;
    }
    assert!(
        failures.is_empty(),
        "{} of {count} vignettes failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    count
}

#[test]
fn vignettes_get_the_expected_route_and_areas() {
    let count = check_vignettes("tests/fixtures/triage_vignettes.jsonl");
    assert!(count >= 60, "only {count} vignettes");
}

#[test]
fn safety_vignettes_get_the_expected_route_warnings_and_quotes() {
    let count = check_vignettes("tests/fixtures/triage_safety_vignettes.jsonl");
    assert!(count >= 60, "only {count} safety vignettes");
}

#[test]
fn plan_vignettes_get_the_expected_route_and_warnings() {
    let count = check_vignettes("tests/fixtures/triage_plan_vignettes.jsonl");
    assert!(count >= 30, "only {count} plan vignettes");
}

/// Issue 30's unseen set: wordings, SOEP notes with ICPC codes, HIS abbreviations, denials, history and
/// someone else's story, written by someone who had not read the lexicon (see
/// `tests/fixtures/phrases/README.md`).
#[test]
fn unseen_vignettes_get_the_expected_route_and_areas() {
    let count = check_vignettes("tests/fixtures/triage_unseen_vignettes.jsonl");
    assert!(count >= 60, "only {count} unseen vignettes");
}
