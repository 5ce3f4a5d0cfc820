//! Every rule of triage rules_version 2 and every threshold boundary.

mod common;
use common::referral;
use serde_json::json;
use wor_core::triage::{triage, Route, Signal};

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
    assert!(t.pathways.iter().any(|p| p.id == "assess_today"));
    assert!(t
        .pathways
        .iter()
        .any(|p| p.id == "crisis_line" && p.nl.contains("0800-0113")));
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
    assert!(no_consent.reasons.iter().any(|r| r.rule == "no_consent"));
    // Both causes are named.
    let both = triage(&referral(json!({"age": 12, "consent": false})));
    assert_eq!(
        both.reasons
            .iter()
            .filter(|r| r.rule == "age" || r.rule == "no_consent")
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
    assert_eq!(route(json!({"screening": dkl(0, 2, 0)})), Route::Unclear);
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
    assert_eq!(route(json!({"screening": dkl(10, 0, 0)})), Route::Unclear);
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
fn rule6_neither_signal_is_medical_only_where_routine_care_is_named() {
    // Nothing the engine can read: it asks instead of guessing "medical".
    for text in [None, Some("Zie brief."), Some("Graag contact.")] {
        let t = triage(&referral(match text {
            Some(t) => json!({"text": t}),
            None => json!({}),
        }));
        assert_eq!(t.route, Route::Unclear, "{text:?}");
        assert!(t.reasons.iter().any(|r| r.rule == "no_area_found"));
        assert!(t.pathways.iter().any(|p| p.id == "choose_area"));
        assert!(t.headline.nl.contains("kies een ondersteuningsgebied"));
    }
    for text in [
        "Controle DM2, HbA1c 52.",
        "Herhaalrecept omeprazol.",
        "Sore throat for 3 days, no fever.",
        "Geen klachten, bloeddruk goed.",
    ] {
        let t = note(text);
        assert_eq!(t.route, Route::Medical, "{text}");
        assert!(t.reasons.iter().any(|r| r.rule == "route"));
        assert!(t.pathways.iter().any(|p| p.id == "gp_continues"));
    }
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
    assert_eq!(t.rules_version, 3);
}

#[test]
fn positive_health_suggests_but_never_overrides() {
    let t = triage(&referral(
        json!({"positive_health": {"meedoen": 2, "dagelijks_functioneren": 9}}),
    ));
    // Suggestions alone are no social signal: the GP stated no area (so the engine asks for one).
    assert_eq!(t.route, Route::Unclear);
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
        ["zorgdomein_vip_live_welzijnscoach"]
    );
    assert_eq!(
        ids(json!({"municipality": "Kaag en Braassem", "areas": area("lifestyle")})),
        ["zorgdomein_vip_live_welzijnscoach", "bewegen_op_recept"]
    );
    assert_eq!(
        ids(
            json!({"municipality": "Alphen aan den Rijn", "referrer": "hospital", "areas": area("low_literacy")})
        ),
        [
            "zorgdomein_vip_live_welzijnscoach",
            "alrijne_literacy_pilot"
        ]
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

fn note(text: &str) -> wor_core::Triage {
    triage(&referral(json!({ "text": text })))
}

fn codes(t: &wor_core::Triage) -> Vec<&'static str> {
    t.warnings.iter().map(|w| w.code).collect()
}

fn quoted(t: &wor_core::Triage) -> Vec<String> {
    t.reasons.iter().flat_map(|r| r.matched.clone()).collect()
}

#[test]
fn v2_rule1_risk_in_the_words_is_urgent_like_the_flags() {
    for text in [
        "Patiënte uit suïcidale gedachten, heeft al een plan gemaakt. Voelt zich erg eenzaam.",
        "zelfmoordgedachten sinds het ontslag",
        "wil niet meer leven",
        "hoort stemmen",
        "krast zichzelf",
        "partner slaat haar, durft niet naar huis",
        "suicidale gedahcten",
        "sucidaal",
        "Denies a plan, but admits to passive suicidal thoughts",
        "hears voices at night",
        "not safe to go home",
    ] {
        let t = note(text);
        assert_eq!(t.route, Route::Urgent, "{text}");
        assert!(t.reasons.iter().all(|r| r.rule == "acute_risk"), "{text}");
        assert!(!quoted(&t).is_empty(), "{text}: the words are quoted");
        assert!(t.pathways.iter().any(|p| p.id == "assess_today"), "{text}");
    }
    let t = note("Patiënte uit suïcidale gedachten. Voelt zich erg eenzaam.");
    assert_eq!(quoted(&t), ["suïcidale gedachten"]);
    // Whatever the age or consent.
    let minor = triage(&referral(
        json!({"age": 16, "consent": false, "text": "krast zich al maanden"}),
    ));
    assert_eq!(minor.route, Route::Urgent);
}

#[test]
fn v2_rule1_an_ambiguous_phrase_is_read_the_safe_way_and_says_so() {
    let t = note("Na ontslag en scheiding ziet hij het niet meer zitten.");
    assert_eq!(t.route, Route::Urgent);
    assert!(t.reasons[0].nl.contains("veilige kant"), "{:?}", t.reasons);
    assert_eq!(quoted(&t), ["ziet hij het niet meer zitten"]);
    // "niet zitten om ..." is reluctance, not despair.
    assert_ne!(
        note("ziet het niet zitten om alleen te gaan").route,
        Route::Urgent
    );
}

#[test]
fn v2_rule1_a_denied_risk_is_not_urgent_and_warns() {
    for text in [
        "Eenzaam. Geen suïcidale gedachten.",
        "Eenzaam, ontkent suïcidaliteit.",
        "Lonely. Denies suicidal thoughts.",
        "Lonely, no self-harm.",
        "Eenzaam. Hoort geen stemmen.",
        "Eenzaam. Suïcidaliteit uitgevraagd: negatief.",
        "Eenzaam. Ontkent doodswens, zelfbeschadiging en psychotische klachten.",
        "Lonely. Denies any thoughts of self-harm or suicide.",
    ] {
        let t = note(text);
        assert_eq!(t.route, Route::Wor, "{text}");
        assert_eq!(codes(&t), ["risk_denied"], "{text}");
    }
    // A denial does not reach past a contrast or into the next sentence.
    assert_eq!(
        note("Geen suïcidale gedachten, maar wel een doodswens.").route,
        Route::Urgent
    );
    assert_eq!(note("Geen schulden. Suïcidaal.").route, Route::Urgent);
    // A risk phrase that names its own negation is not denied by it.
    assert_eq!(
        note("Heeft geen zin meer in het leven.").route,
        Route::Urgent
    );
}

#[test]
fn v2_rule1_someone_elses_history_is_not_the_residents() {
    for text in [
        "Broer pleegde vorig jaar suïcide, sindsdien eenzaam.",
        "Moeder had een depressie. Zelf eenzaam.",
        "Her son has psychosis; she is lonely.",
        "Eenzaam. Familieanamnese: bipolaire stoornis.",
        "Eenzaam sinds de zelfmoord van haar broer.",
    ] {
        let t = note(text);
        assert_eq!(t.route, Route::Wor, "{text}: {:?}", t.reasons);
        assert!(codes(&t).contains(&"other_person"), "{text}");
    }
    // Violence is by someone else: it is never set aside as someone else's.
    assert_eq!(note("Haar man slaat haar.").route, Route::Urgent);
}

#[test]
fn v2_rule1_an_earlier_risk_warns_and_is_a_mental_health_signal() {
    let t = note("Suïcidepoging in 2015, sindsdien stabiel. Nu schulden.");
    assert_eq!(t.route, Route::WorAndMgn, "{:?}", t.reasons);
    assert!(codes(&t).contains(&"risk_history"));
    let t = note("Eerdere psychose. Vraagt om een gesprek.");
    assert_eq!(t.route, Route::Mgn);
    // "eerder vandaag" is not history: no bare "eerder" sets a risk aside.
    assert_eq!(
        note("Eerder vandaag suïcidale uitspraken.").route,
        Route::Urgent
    );
}

#[test]
fn v2_rule2_a_suspected_disorder_in_the_note_is_a_mental_health_signal() {
    for (text, expected) in [
        ("Vermoeden van een depressieve stoornis.", Route::Mgn),
        (
            "Vermoeden van een depressieve stoornis, veel schulden.",
            Route::WorAndMgn,
        ),
        ("Bekend met een angststoornis, eenzaam.", Route::WorAndMgn),
        ("PTSS na uitzending, weinig contacten.", Route::WorAndMgn),
        ("Suspected anorexia.", Route::Mgn),
        ("Bipolaire stoornis.", Route::Mgn),
        ("Alcoholverslaving, schulden lopen op.", Route::WorAndMgn),
    ] {
        let t = note(text);
        assert_eq!(t.route, expected, "{text}");
        assert_eq!(t.mental_health_signal, Signal::Strong, "{text}");
        assert!(!quoted(&t).is_empty(), "{text}");
    }
    // In-between wording is read the safe way, and the reason says so.
    let t = note("Al maanden somber en angstig, eenzaam.");
    assert_eq!(t.route, Route::WorAndMgn);
    assert_eq!(t.mental_health_signal, Signal::Moderate);
    assert!(t.reasons.iter().any(|r| r.nl.contains("veilige kant")));
}

#[test]
fn v2_rule2_mild_wording_stays_the_wor_area() {
    for text in [
        "Wat somber sinds de verhuizing, eenzaam.",
        "Lichte depressieve klachten, weinig contacten.",
        "Piekert veel over geld.",
        "A bit low since retiring, misses his colleagues.",
    ] {
        let t = note(text);
        assert_eq!(t.route, Route::Wor, "{text}: {:?}", t.reasons);
        assert!(t.mental_health_signal <= Signal::Mild, "{text}");
    }
    // Mild gloom is not "no sign": the signal says so.
    assert_eq!(note("wat somber").mental_health_signal, Signal::Mild);
}

#[test]
fn v2_rule2_already_in_treatment_means_wor_alongside_and_no_new_mgn() {
    let t = note("Depressie, loopt bij de psycholoog. Eenzaam sinds de scheiding.");
    assert_eq!(t.route, Route::Wor);
    assert!(t
        .reasons
        .iter()
        .any(|r| r.rule == "in_treatment" && r.nl.contains("naast de behandeling")));
    assert!(!t.pathways.iter().any(|p| p.id == "mgn_exploratory_talk"));
    let t = note("Angststoornis, in behandeling bij de GGZ.");
    assert_eq!(t.route, Route::Medical);
    assert_eq!(t.headline.nl, "Al in behandeling: geen nieuwe verwijzing");
    // On a waiting list is not in treatment.
    assert_eq!(
        note("Depressie, staat op de wachtlijst bij de GGZ.").route,
        Route::Mgn
    );
    assert_eq!(
        note("Depressie, gaat niet naar de psycholoog.").route,
        Route::Mgn
    );
}

#[test]
fn v2_rule3_no_consent_asks_for_consent_first() {
    let t = triage(&referral(json!({"consent": false, "text": "eenzaam"})));
    assert_eq!(t.route, Route::NotEligible);
    assert_eq!(t.headline.nl, "Eerst toestemming vragen");
    assert_eq!(t.headline.en, "Ask for consent first");
    let r = t.reasons.iter().find(|r| r.rule == "no_consent").unwrap();
    assert!(r.nl.contains("vraag de inwoner eerst"), "{}", r.nl);
    // Under age is not a consent question.
    let t = triage(&referral(json!({"consent": false, "age": 15})));
    assert_eq!(t.headline.nl, Route::NotEligible.label_nl());
}

#[test]
fn v2_chronic_illness_is_context_not_a_reason() {
    let t = note("Controle DM2, HbA1c goed, geen klachten.");
    assert_eq!(t.route, Route::Medical);
    assert!(t
        .reasons
        .iter()
        .any(|r| r.rule == "chronic_illness_context"));
    assert_eq!(note("Controle DM2. Voelt zich eenzaam.").route, Route::Wor);
    // A ticked area is taken as meant.
    assert_eq!(route(json!({"areas": area("chronic_illness")})), Route::Wor);
}

#[test]
fn v2_decisions_carry_policy_headline_and_warnings() {
    let t = note("eenzaam");
    let v = serde_json::to_value(&t).unwrap();
    assert_eq!(v["policy"], json!({"id": "default", "version": "3"}));
    assert_eq!(v["rules_version"], 3);
    assert_eq!(v["warnings"], json!([]));
    assert_eq!(v["headline"]["nl"], "Welzijn op Recept");
    let t = note("Eenzaam. Geen suïcidale gedachten.");
    let v = serde_json::to_value(&t).unwrap();
    assert_eq!(v["warnings"][0]["code"], "risk_denied");
    assert!(v["warnings"][0]["nl"].as_str().unwrap().contains("ontkend"));
    assert!(v["warnings"][0]["en"].as_str().unwrap().contains("denied"));
}

#[test]
fn v2_stress_and_overload_take_the_area_of_their_cause() {
    let areas = |t: &wor_core::Triage| t.areas.iter().map(|a| a.area.id()).collect::<Vec<_>>();
    // Bare stress: a WoR case without an area.
    let t = note("Veel stress de laatste tijd.");
    assert_eq!(t.route, Route::Wor);
    assert!(t.areas.is_empty(), "{:?}", t.areas);
    assert!(t.reasons.iter().any(|r| r.rule == "stress_complaint"));
    assert_eq!(note("Spanningsklachten.").route, Route::Wor);
    assert_eq!(
        note("Geen stress, controle schildklier.").route,
        Route::Medical
    );
    // Burn-out only on burn-out words.
    for text in ["burn-out", "overspannen", "opgebrand", "overwerkt"] {
        assert_eq!(areas(&note(text)), ["burnout"], "{text}");
    }
    // A carer's overload is carer strain, not burn-out.
    assert_eq!(
        areas(&note("Mantelzorger voor haar man, overbelast en uitgeput.")),
        ["carer_strain"]
    );
    // Stress with a cause takes the cause's area.
    assert_eq!(areas(&note("Stress door geldzorgen.")), ["debt_poverty"]);
    assert_eq!(areas(&note("Stress sinds de scheiding.")), ["life_event"]);
}

#[test]
fn v2_referrers_and_postcodes_are_checked_and_still_triaged() {
    let warned = |v| codes(&triage(&referral(v)));
    let lonely = "voelt zich eenzaam";
    for referrer in ["paramedic", "pharmacist"] {
        let t = triage(&referral(json!({"referrer": referrer, "text": lonely})));
        assert_eq!(t.route, Route::Wor);
        assert_eq!(codes(&t), ["refer_via_gp"], "{referrer}");
    }
    assert_eq!(
        warned(json!({"referrer": "hospital", "text": lonely})),
        ["refer_via_gp"]
    );
    assert!(warned(
        json!({"referrer": "hospital", "municipality": "Alphen aan den Rijn", "text": lonely})
    )
    .is_empty());
    for referrer in ["gp", "poh"] {
        assert!(warned(json!({"referrer": referrer, "text": lonely})).is_empty());
    }
    assert_eq!(
        warned(json!({"municipality": "Leiden", "postcode": "1181 AB", "text": lonely})),
        ["postcode_outside_municipality"]
    );
    assert!(
        warned(json!({"municipality": "Leiden", "postcode": "2316 XK", "text": lonely})).is_empty()
    );
    // Boskoop lies in Alphen aan den Rijn but in another primary-care region: no false alarm.
    assert!(warned(
        json!({"municipality": "Alphen aan den Rijn", "postcode": "2771", "text": lonely})
    )
    .is_empty());
}

#[test]
fn an_age_in_the_note_that_contradicts_the_age_field_is_a_warning() {
    let codes = |text: &str, age: i64| -> Vec<&'static str> {
        triage(&referral(json!({"text": text, "age": age})))
            .warnings
            .iter()
            .map(|w| w.code)
            .collect()
    };
    assert!(codes("Mevr. 74 jr, voelt zich eenzaam.", 17).contains(&"age_differs_from_note"));
    assert!(codes("Dhr, 45 years old, lost his job.", 54).contains(&"age_differs_from_note"));
    assert!(!codes("Mevr. 74 jr, voelt zich eenzaam.", 74).contains(&"age_differs_from_note"));
    assert!(!codes("Mevr. 74 jr, voelt zich eenzaam.", 75).contains(&"age_differs_from_note"));
    // Someone else's age later in the note is not the resident's.
    assert!(!codes(
        "Voelt zich eenzaam en zorgt al jaren voor haar moeder van 88 jaar.",
        61
    )
    .contains(&"age_differs_from_note"));
    // The decision follows the age field; the warning only asks to check.
    let t = triage(&referral(json!({"text": "Pte 74 jr, eenzaam.", "age": 17})));
    assert_eq!(t.route, Route::NotEligible);
}
