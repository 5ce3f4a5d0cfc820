//! Property tests of triage rules_version 2 over the vignette notes: risk written in a note is never
//! read calmer, and a denied risk never makes a note urgent. Risk and denial phrases come from
//! `tests/fixtures/risk_phrases.txt` (risk phrases, then a `# denials` line, then denial phrases).

use proptest::prelude::*;
use wor_core::triage::Route;
use wor_core::{triage, Referral, Strictness};

/// The vignettes' referrals (both sets).
fn vignette_referrals() -> Vec<serde_json::Value> {
    [
        "tests/fixtures/triage_vignettes.jsonl",
        "tests/fixtures/triage_safety_vignettes.jsonl",
        "tests/fixtures/triage_plan_vignettes.jsonl",
    ]
    .iter()
    .flat_map(|f| {
        let text = std::fs::read_to_string(welzijn_op_recept::repo_path(f)).expect("vignettes");
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).expect("vignette")["referral"].clone()
            })
            .collect::<Vec<_>>()
    })
    .collect()
}

fn phrases() -> (Vec<String>, Vec<String>) {
    let text = std::fs::read_to_string(welzijn_op_recept::repo_path(
        "tests/fixtures/risk_phrases.txt",
    ))
    .expect("risk phrases");
    let mut lines = text.lines().map(str::to_string);
    let risks: Vec<String> = lines.by_ref().take_while(|l| l != "# denials").collect();
    let denials: Vec<String> = lines.filter(|l| !l.is_empty()).collect();
    assert!(risks.len() >= 40 && denials.len() >= 15);
    (risks, denials)
}

fn with_text(referral: &serde_json::Value, text: String) -> Referral {
    let mut v = referral.clone();
    v["text"] = serde_json::Value::String(text);
    Referral::from_json(&v.to_string(), Strictness::Strict)
        .expect("valid referral")
        .value
}

fn note_of(referral: &serde_json::Value) -> String {
    referral["text"].as_str().unwrap_or_default().to_string()
}

/// The order a decision must never move down in: urgent above the mental-health routes above WoR
/// above medical.
fn rank(route: Route) -> u8 {
    match route {
        Route::Urgent => 4,
        Route::Mgn | Route::WorAndMgn => 3,
        Route::Wor => 2,
        Route::Medical | Route::NotEligible => 1,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn appending_a_risk_phrase_never_moves_a_decision_down(v in 0usize..1000, p in 0usize..1000) {
        let referrals = vignette_referrals();
        let (risks, _) = phrases();
        let base = &referrals[v % referrals.len()];
        let risk = &risks[p % risks.len()];
        let before = triage(&with_text(base, note_of(base))).route;
        let after = triage(&with_text(base, format!("{}. {risk}.", note_of(base)))).route;
        prop_assert!(rank(after) >= rank(before), "{before:?} -> {after:?} with {risk:?}");
        prop_assert_eq!(after, Route::Urgent, "{:?}", risk);
    }

    #[test]
    fn a_denial_before_the_only_risk_phrase_never_makes_a_note_urgent(
        v in 0usize..1000,
        d in 0usize..1000,
    ) {
        let referrals = vignette_referrals();
        let (_, denials) = phrases();
        let base = &referrals[v % referrals.len()];
        let before = triage(&with_text(base, note_of(base)));
        prop_assume!(before.route != Route::Urgent);
        let denial = &denials[d % denials.len()];
        let after = triage(&with_text(base, format!("{}. {denial}.", note_of(base))));
        prop_assert_ne!(after.route, Route::Urgent, "{:?}", denial);
        prop_assert!(after.warnings.iter().any(|w| w.code == "risk_denied"), "{:?}", denial);
    }
}

/// The support areas never depend on the policy's cue vocabulary: matching and evaluation detect them
/// with the area lexicon alone (`detect_areas`), triage with the policy's vocabulary, and both agree.
#[test]
fn areas_are_the_same_with_or_without_the_cue_vocabulary() {
    let vocabulary = wor_core::policy::Policy::default_policy().vocabulary();
    let (risks, denials) = phrases();
    let mut notes: Vec<String> = vignette_referrals().iter().map(note_of).collect();
    notes.extend(risks);
    notes.extend(denials);
    for note in notes {
        assert_eq!(
            wor_core::detect::detect_areas(&note),
            wor_core::detect::read_note(vocabulary, &note).areas,
            "{note}"
        );
    }
}
