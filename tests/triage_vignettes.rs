//! Table-driven triage test: realistic GP vignettes (Dutch and English notes, typos, 4DKL boundaries)
//! with the expected route and support areas (tests/fixtures/triage_vignettes.jsonl).

use serde_json::Value;
use wor_core::{triage, Referral, Strictness};

#[test]
fn vignettes_get_the_expected_route_and_areas() {
    let path = welzijn_op_recept::repo_path("tests/fixtures/triage_vignettes.jsonl");
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
        let areas: Vec<&str> = t.areas.iter().map(|a| a.area.id()).collect();
        let expected_areas: Vec<&str> = v["expect"]["areas"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap())
            .collect();
        if t.route.id() != v["expect"]["route"] || areas != expected_areas {
            failures.push(format!(
                "line {} ({}): got {} {:?}, expected {} {:?}",
                i + 1,
                v["name"],
                t.route.id(),
                areas,
                v["expect"]["route"],
                expected_areas
            ));
        }
        count += 1;
    }
    assert!(count >= 60, "only {count} vignettes");
    assert!(
        failures.is_empty(),
        "{} of {count} vignettes failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
