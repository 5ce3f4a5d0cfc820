//! Every rule of triage rules_version 1 and every threshold boundary.

use serde_json::json;
use wor_core::triage::{triage, Route, Signal};
use wor_core::{Referral, Strictness};

fn referral(v: serde_json::Value) -> Referral {
    let mut base = json!({"id": "t", "age": 40, "consent": true, "municipality": "Leiden"});
    for (k, val) in v.as_object().unwrap() {
        base[k] = val.clone();
    }
    Referral::from_json(&base.to_string(), Strictness::Strict)
        .unwrap_or_else(|e| panic!("{e:?}"))
        .value
}

fn route(v: serde_json::Value) -> Route {
    triage(&referral(v)).route
}

fn dkl(distress: u32, depression: u32, anxiety: u32) -> serde_json::Value {
    json!({"4dkl": {"distress": distress, "depression": depression, "anxiety": anxiety}})
}

const LONELY: &str = "loneliness";

fn area(id: &str) -> serde_json::Value {
    json!([{"area": id, "severity": 2}])
}

#[test]
fn rule1_acute_flags_are_urgent_whatever_the_age_or_consent() {
    for flag in ["suicidal_ideation", "psychosis_suspected", "acute_danger"] {
        assert_eq!(route(json!({"flags": [flag]})), Route::Urgent, "{flag}");
        assert_eq!(
            route(json!({"flags": [flag], "age": 15})),
            Route::Urgent,
            "{flag} minor"
        );
        assert_eq!(
            route(json!({"flags": [flag], "consent": false})),
            Route::Urgent,
            "{flag} no consent"
        );
        assert_eq!(
            route(json!({"flags": [flag], "areas": area(LONELY), "screening": dkl(5, 0, 0)})),
            Route::Urgent
        );
    }
    let t = triage(&referral(
        json!({"flags": ["suicidal_ideation"], "age": 15}),
    ));
    assert_eq!(t.reasons.len(), 1);
    assert_eq!(t.reasons[0].rule, "acute_risk");
    assert!(t.pathways.iter().any(|p| p.id == "same_day_care"));
}

#[test]
fn rule2_age_boundary_17_18_and_consent() {
    assert_eq!(
        route(json!({"age": 17, "areas": area(LONELY)})),
        Route::NotEligible
    );
    assert_eq!(route(json!({"age": 18, "areas": area(LONELY)})), Route::Wor);
    let minor = triage(&referral(json!({"age": 17, "areas": area(LONELY)})));
    assert!(minor
        .reasons
        .iter()
        .any(|r| r.rule == "age" && r.nl.contains("jeugdhulp")));
    assert!(minor.pathways.iter().any(|p| p.id == "youth_care"));
    let no_consent = triage(&referral(json!({"consent": false, "areas": area(LONELY)})));
    assert_eq!(no_consent.route, Route::NotEligible);
    assert!(no_consent.reasons.iter().any(|r| r.rule == "consent"));
    // Both causes are named.
    let both = triage(&referral(json!({"age": 12, "consent": false})));
    assert_eq!(
        both.reasons
            .iter()
            .filter(|r| r.rule == "age" || r.rule == "consent")
            .count(),
        2
    );
}

#[test]
fn rule3_depression_boundaries_2_3_5_6() {
    let signal = |d| triage(&referral(json!({"screening": dkl(0, d, 0)}))).mental_health_signal;
    assert_eq!(signal(2), Signal::None);
    assert_eq!(signal(3), Signal::Moderate);
    assert_eq!(signal(5), Signal::Moderate);
    assert_eq!(signal(6), Signal::Strong);
    assert_eq!(route(json!({"screening": dkl(0, 2, 0)})), Route::Medical);
    assert_eq!(route(json!({"screening": dkl(0, 3, 0)})), Route::Mgn);
    assert_eq!(
        route(json!({"screening": dkl(0, 6, 0), "areas": area(LONELY)})),
        Route::WorAndMgn
    );
}

#[test]
fn rule3_anxiety_boundaries_3_4_7_8() {
    let signal = |a| triage(&referral(json!({"screening": dkl(0, 0, a)}))).mental_health_signal;
    assert_eq!(signal(3), Signal::None);
    assert_eq!(signal(4), Signal::Moderate);
    assert_eq!(signal(7), Signal::Moderate);
    assert_eq!(signal(8), Signal::Strong);
}

#[test]
fn rule3_suspected_disorder_flag_is_a_strong_signal() {
    let t = triage(&referral(json!({"flags": ["mental_disorder_suspected"]})));
    assert_eq!(t.mental_health_signal, Signal::Strong);
    assert_eq!(t.route, Route::Mgn);
    assert!(t.pathways.iter().any(|p| p.id == "mgn_exploratory_talk"));
}

#[test]
fn rule4_distress_boundary_10_11_without_mental_signal() {
    assert_eq!(route(json!({"screening": dkl(10, 0, 0)})), Route::Medical);
    assert_eq!(route(json!({"screening": dkl(11, 0, 0)})), Route::Wor);
    // With a mental-health signal, distress alone is no social signal.
    assert_eq!(route(json!({"screening": dkl(20, 3, 0)})), Route::Mgn);
}

#[test]
fn rule4_mild_mood_is_wor_only_without_mental_signal() {
    assert_eq!(
        route(json!({"areas": area("low_mood_anxiety")})),
        Route::Wor
    );
    assert_eq!(
        route(json!({"areas": area("low_mood_anxiety"), "screening": dkl(0, 3, 0)})),
        Route::Mgn
    );
    // Any other area is a social signal, with or without the mental-health signal.
    assert_eq!(
        route(
            json!({"areas": [{"area": "low_mood_anxiety"}, {"area": "debt_poverty"}], "screening": dkl(0, 7, 9)})
        ),
        Route::WorAndMgn
    );
}

#[test]
fn rule5_neither_signal_is_medical() {
    let t = triage(&referral(json!({})));
    assert_eq!(t.route, Route::Medical);
    assert!(t.reasons.iter().any(|r| r.rule == "route"));
    assert!(t.pathways.iter().any(|p| p.id == "gp_continues"));
}

#[test]
fn every_reason_has_dutch_and_english() {
    let t = triage(&referral(json!({
        "areas": area(LONELY), "screening": dkl(15, 4, 5),
        "positive_health": {"meedoen": 3, "zingeving": 8}
    })));
    assert_eq!(t.route, Route::WorAndMgn);
    for r in &t.reasons {
        assert!(
            !r.nl.is_empty() && !r.en.is_empty() && r.nl != r.en,
            "{r:?}"
        );
    }
    assert_eq!(t.rules_version, 1);
}

#[test]
fn positive_health_suggests_but_never_overrides() {
    let t = triage(&referral(
        json!({"positive_health": {"meedoen": 2, "dagelijks_functioneren": 9}}),
    ));
    // Suggestions alone are no social signal: the GP stated no area.
    assert_eq!(t.route, Route::Medical);
    let suggested: Vec<&str> = t.suggested_areas.iter().map(|s| s.area.id()).collect();
    assert_eq!(suggested, ["loneliness", "leisure_daytime"]);
    assert!(t.areas.is_empty());
    assert!(t
        .reasons
        .iter()
        .any(|r| r.rule == "positive_health" && r.nl.contains("meedoen")));
}

#[test]
fn regional_pathways() {
    let ids = |v| {
        triage(&referral(v))
            .pathways
            .into_iter()
            .map(|p| p.id)
            .collect::<Vec<_>>()
    };
    let amstelveen_senior = ids(
        json!({"municipality": "Amstelveen", "age": 70, "areas": [{"area": "lifestyle"}, {"area": "debt_poverty"}]}),
    );
    assert_eq!(
        amstelveen_senior,
        [
            "zorgdomein_welzijn_op_recept",
            "zorgdomein_bewegen_op_recept",
            "zorgdomein_ouderenadvies",
            "zorgdomein_maatschappelijk_werk"
        ]
    );
    assert_eq!(
        ids(json!({"municipality": "Leiden", "areas": area(LONELY)})),
        ["po_sociaal"]
    );
    assert_eq!(
        ids(json!({"municipality": "Kaag en Braassem", "areas": area("lifestyle")})),
        ["po_sociaal", "bewegen_op_recept"]
    );
    assert_eq!(
        ids(
            json!({"municipality": "Alphen aan den Rijn", "referrer": "hospital", "areas": area("low_literacy")})
        ),
        ["po_sociaal", "alrijne_literacy_pilot"]
    );
    assert_eq!(
        ids(json!({"municipality": "Haarlemmermeer", "areas": area(LONELY)})),
        ["social_worker_direct"]
    );
    let boskoop = ids(
        json!({"municipality": "Alphen aan den Rijn", "postcode": "2771 AB", "areas": area(LONELY)}),
    );
    assert!(
        boskoop.contains(&"primary_care_region_differs"),
        "{boskoop:?}"
    );
}

#[test]
fn triage_is_deterministic() {
    let r = referral(json!({"text": "mevr eenzaam, veel schulden", "screening": dkl(14, 3, 2)}));
    let a = serde_json::to_string(&triage(&r)).unwrap();
    let b = serde_json::to_string(&triage(&r)).unwrap();
    assert_eq!(a, b);
}
