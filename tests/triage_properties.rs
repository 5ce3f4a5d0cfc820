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
        Route::Medical | Route::NotEligible | Route::Unclear => 1,
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

/// Ways a referral can be wrong besides its risk: each one alone makes it invalid.
const BREAKAGES: [(&str, &str); 12] = [
    ("age", "missing"),
    ("age", "\"oud\""),
    ("age", "-4"),
    ("age", "17.5"),
    ("age", "300"),
    ("consent", "missing"),
    ("consent", "\"misschien\""),
    ("municipality", "missing"),
    ("postcode", "\"12\""),
    ("municipality", "12"),
    ("areas", "[{\"area\": \"tuinieren\", \"severity\": 2}]"),
    ("areas", "{\"area\": \"loneliness\"}"),
];

/// `referral` with some of [`BREAKAGES`] applied (bit i of `mask` applies breakage i; later ones of the
/// same field win), as JSON text.
fn broken(referral: &serde_json::Value, mask: u16) -> String {
    let mut v = referral.clone();
    for (i, (field, value)) in BREAKAGES.iter().enumerate() {
        if mask & (1 << i) == 0 {
            continue;
        }
        if *value == "missing" {
            v.as_object_mut().expect("object").remove(*field);
            if *field == "municipality" {
                v.as_object_mut().expect("object").remove("postcode");
            }
        } else {
            v[*field] = serde_json::from_str(value).expect("breakage JSON");
        }
    }
    v.to_string()
}

/// What the CLI and the wasm module do with a referral: triage a valid one; an invalid one only when
/// risk decides first.
fn decide(json: &str) -> Result<wor_core::Triage, wor_core::FieldErrors> {
    let policy = wor_core::policy::Policy::default_policy();
    match Referral::from_json(json, Strictness::Lenient) {
        Ok(p) => Ok(wor_core::triage::triage_with(&p.value, policy)),
        Err(problems) => match Referral::salvage(json) {
            Some(s) => wor_core::triage::urgent_despite(&s, problems, policy),
            None => Err(problems),
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Risk decides first: a ticked risk box or risk written in the note makes the decision urgent
    /// whatever else is missing or invalid, and the problems come with it.
    #[test]
    fn a_risk_signal_is_urgent_whatever_else_is_wrong(
        v in 0usize..1000,
        p in 0usize..1000,
        flag in 0usize..4,
        mask in 1u16..(1 << 12),
    ) {
        let referrals = vignette_referrals();
        let (risks, _) = phrases();
        let mut base = referrals[v % referrals.len()].clone();
        // Risk by a ticked box (three of four cases) or by the note alone.
        match ["suicidal_ideation", "psychosis_suspected", "acute_danger"].get(flag) {
            Some(id) => base["flags"] = serde_json::json!([id]),
            None => {
                base.as_object_mut().expect("object").remove("flags");
                base["text"] = serde_json::Value::String(format!("{}. {}.", note_of(&base), risks[p % risks.len()]));
            }
        }
        let json = broken(&base, mask);
        let decision = decide(&json);
        prop_assert!(decision.is_ok(), "refused: {json}");
        let decision = decision.expect("checked");
        prop_assert_eq!(decision.route, Route::Urgent, "{}", json);
        let valid = Referral::from_json(&json, Strictness::Lenient).is_ok();
        prop_assert_eq!(decision.input_problems.is_empty(), valid, "{}", json);
        prop_assert!(decision.pathways.iter().any(|s| s.nl.contains("113")), "no 113 in {:?}", decision.pathways);
    }

    /// Without a risk signal an invalid referral gets no decision: nothing calmer than urgent is
    /// decided on invalid input.
    #[test]
    fn an_invalid_referral_without_risk_gets_no_decision(v in 0usize..1000, mask in 1u16..(1 << 12)) {
        let referrals = vignette_referrals();
        let base = &referrals[v % referrals.len()];
        let json = broken(base, mask);
        prop_assume!(Referral::from_json(&json, Strictness::Lenient).is_err());
        prop_assume!(triage(&Referral::salvage(&json).expect("object")).route != Route::Urgent);
        prop_assert!(decide(&json).is_err(), "{}", json);
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
