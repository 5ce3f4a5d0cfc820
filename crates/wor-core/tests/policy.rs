//! The triage policy as data: the default file, overrides that tighten, and overrides that would
//! loosen and are refused with errors naming the field.

mod common;
use common::referral;
use serde_json::json;
use wor_core::error::Code;
use wor_core::policy::{Basis, Policy, DEFAULT_POLICY_JSON};
use wor_core::triage::{triage_with, Route};

fn overriding(extra: serde_json::Value) -> Result<Policy, Vec<wor_core::FieldError>> {
    let mut v = json!({"schema": "wor-policy/1", "id": "test-region", "version": "2026.1", "extends": "default"});
    for (k, val) in extra.as_object().unwrap() {
        v[k] = val.clone();
    }
    Policy::from_json(&v.to_string())
}

fn assumption(why: &str) -> serde_json::Value {
    json!({"assumption": why})
}

#[test]
fn the_default_file_loads_and_every_setting_has_its_basis() {
    let p = Policy::from_json(DEFAULT_POLICY_JSON).expect("the default file is a valid policy");
    assert_eq!((p.id.as_str(), p.version.as_str()), ("default", "3"));
    let d = Policy::default_policy();
    for key in [
        "min_age",
        "depression_moderate",
        "depression_strong",
        "anxiety_moderate",
        "anxiety_strong",
        "distress_elevated",
        "positive_health_low",
        "older_resident_age",
        "po_sociaal_practices",
        "contact_within_days",
        "suicidality",
        "risk_ambiguous",
    ] {
        assert!(d.basis(key).is_some(), "{key} has no basis");
    }
    assert!(matches!(d.basis("min_age"), Some(Basis::Plan(s)) if s.contains('§')));
    assert!(d.is_assumption("depression_moderate"));
    // The plan says only that the MGN fits better; same-day care for acute risk is practice, not plan.
    assert!(d.is_assumption("acute_risk"));
    assert!(d.is_assumption("assess_today") && d.is_assumption("crisis_line"));
}

#[test]
fn every_reason_warning_and_pathway_rests_on_a_known_basis() {
    let d = Policy::default_policy();
    for text in [
        "eenzaam",
        "Eenzaam. Geen suïcidale gedachten.",
        "ziet het niet meer zitten",
        "al maanden somber",
        "Controle DM2, geen klachten.",
        "Veel stress.",
        "Suïcidepoging in 2015, nu schulden.",
        "Moeder had een depressie, zelf eenzaam.",
        "Depressie, loopt bij de psycholoog, eenzaam.",
    ] {
        let t = triage_with(
            &referral(
                json!({"text": text, "referrer": "pharmacist", "screening": {"4dkl": {"distress": 14, "depression": 3}}, "positive_health": {"meedoen": 2}}),
            ),
            d,
        );
        for r in &t.reasons {
            assert!(
                d.basis(r.basis_key).is_some(),
                "{text}: reason {} rests on unknown {}",
                r.rule,
                r.basis_key
            );
            assert_eq!(r.assumption, d.is_assumption(r.basis_key));
            // An urgent decision carries no caveat in its text: its basis travels beside it.
            if t.route == wor_core::Route::Urgent {
                assert!(!r.nl.contains("Aanname"), "{}", r.nl);
                assert_eq!(r.basis.as_ref(), d.basis(r.basis_key), "{}", r.nl);
            } else {
                assert_eq!(r.assumption, r.nl.contains("Aanname"), "{}", r.nl);
            }
        }
        for w in &t.warnings {
            assert!(d.basis(w.code).is_some(), "{text}: warning {}", w.code);
        }
    }
}

#[test]
fn an_override_tightens_thresholds_adds_risk_words_and_names_practices() {
    let p = overriding(json!({
        "thresholds": {"depression_moderate": {"value": 2, "basis": assumption("agreed with the region, 2026")}},
        "vocabulary": {"cues": {"suicidality": {"add": ["phrase er een punt achter ~ zetten"]}}},
        "pathways": {"po_sociaal_practices": {"value": ["Huisartsenpraktijk De Vliet"], "basis": assumption("the region's list")}}
    }))
    .unwrap_or_else(|e| panic!("{e:?}"));
    let dkl2 = referral(json!({"screening": {"4dkl": {"depression": 2}}}));
    assert_eq!(
        triage_with(&dkl2, Policy::default_policy()).route,
        Route::Unclear
    );
    assert_eq!(triage_with(&dkl2, &p).route, Route::Mgn);
    let words = referral(json!({"text": "wil er een punt achter zetten, eenzaam"}));
    assert_ne!(
        triage_with(&words, Policy::default_policy()).route,
        Route::Urgent
    );
    let t = triage_with(&words, &p);
    assert_eq!(t.route, Route::Urgent);
    assert_eq!(t.policy.id, "test-region");
    assert_eq!(t.policy.version, "2026.1");
    let lonely = |practice: &str| {
        triage_with(
            &referral(json!({"text": "eenzaam", "practice": practice})),
            &p,
        )
        .pathways
        .into_iter()
        .map(|s| s.id)
        .collect::<Vec<_>>()
    };
    assert_eq!(lonely("huisartsenpraktijk de vliet"), ["po_sociaal"]);
    assert_eq!(
        lonely("Praktijk Elders"),
        ["zorgdomein_vip_live_welzijnscoach"]
    );
    let t = triage_with(
        &referral(json!({"text": "eenzaam"})),
        Policy::default_policy(),
    );
    assert!(
        t.pathways[0].nl.contains("binnen 14 dagen"),
        "{}",
        t.pathways[0].nl
    );
    assert!(t.pathways[0].assumption);
}

#[test]
fn an_override_that_would_loosen_is_refused_with_field_named_errors() {
    let errors = overriding(json!({
        "thresholds": {
            "depression_moderate": {"value": 4, "basis": assumption("x")},
            "min_age": {"value": 16, "basis": assumption("x")},
            "anxiety_strong": {"value": 30, "basis": assumption("x")},
            "made_up": {"value": 1, "basis": assumption("x")}
        },
        "vocabulary": {"cues": {"in_treatment": {"add": ["word therapie"]}}, "contexts": []},
        "pathways": {"contact_within_days": {"value": 21, "basis": assumption("x")}}
    }))
    .unwrap_err();
    let fields: Vec<(&str, Code)> = errors.iter().map(|e| (e.field.as_str(), e.code)).collect();
    for expected in [
        ("thresholds.depression_moderate.value", Code::Loosens),
        ("thresholds.min_age.value", Code::Loosens),
        ("thresholds.anxiety_strong.value", Code::OutOfRange),
        ("thresholds.made_up", Code::UnknownField),
        ("vocabulary.cues.in_treatment", Code::Loosens),
        ("vocabulary.contexts", Code::UnknownField),
        ("pathways.contact_within_days.value", Code::OutOfRange),
    ] {
        assert!(fields.contains(&expected), "{expected:?} not in {fields:?}");
    }
    let loosened = errors
        .iter()
        .find(|e| e.field == "thresholds.depression_moderate.value")
        .unwrap();
    assert!(
        loosened.message.contains("loosens the default 3"),
        "{}",
        loosened.message
    );
}

#[test]
fn a_file_must_extend_the_default_and_say_why() {
    let bad = |v: serde_json::Value| Policy::from_json(&v.to_string()).unwrap_err();
    let e = bad(json!({"schema": "wor-policy/1", "id": "x", "version": "1"}));
    assert_eq!((e[0].field.as_str(), e[0].code), ("extends", Code::Missing));
    let e = overriding(json!({"thresholds": {"depression_moderate": {"value": 2}}})).unwrap_err();
    assert_eq!(e[0].field, "thresholds.depression_moderate.basis");
    let e = overriding(json!({"vocabulary": {"cues": {"suicidality": {"add": ["stem ab"]}}}}))
        .unwrap_err();
    assert_eq!(e[0].field, "vocabulary.cues.suicidality.add[0]");
    let e = Policy::from_json("{").unwrap_err();
    assert_eq!(e[0].code, Code::InvalidJson);
}

#[test]
fn the_compiled_form_decides_like_the_override_it_comes_from() {
    let p = overriding(json!({
        "thresholds": {"anxiety_moderate": {"value": 3, "basis": assumption("agreed")}},
        "vocabulary": {"cues": {"self_harm": {"add": ["phrase bonkt ~ hoofd tegen de muur"]}}},
        "pathways": {"po_sociaal_practices": {"value": ["Praktijk A"], "basis": assumption("list")}}
    }))
    .unwrap();
    let resolved = Policy::from_compiled(&p.to_compiled()).unwrap();
    assert!(Policy::from_compiled("wor-policy/1").is_err());
    for v in [
        json!({"screening": {"4dkl": {"anxiety": 3}}}),
        json!({"text": "bonkt haar hoofd tegen de muur"}),
        json!({"text": "eenzaam", "practice": "Praktijk A"}),
        json!({"text": "Geen suïcidale gedachten, eenzaam, al maanden somber"}),
    ] {
        let r = referral(v);
        assert_eq!(
            serde_json::to_value(triage_with(&r, &p)).unwrap(),
            serde_json::to_value(triage_with(&r, &resolved)).unwrap()
        );
    }
}

#[test]
fn a_region_rewords_urgent_advice_but_never_drops_a_line_and_the_page_gets_it_compiled() {
    let p = overriding(json!({"urgent": {"assess_today": {
        "value": {"nl": "Bel vandaag de crisisdienst van GGZ Rivierduinen.", "en": "Call the Rivierduinen crisis service today."},
        "basis": assumption("regionale crisisdienst")}}}))
    .expect("a rewording is allowed");
    let t = triage_with(&referral(json!({"flags": ["acute_danger"]})), &p);
    assert_eq!(t.route, Route::Urgent);
    let ids: Vec<&str> = t.pathways.iter().map(|s| s.id).collect();
    assert_eq!(ids, ["assess_today", "crisis_line"]);
    assert!(t.pathways[0].nl.contains("Rivierduinen"));
    assert!(
        matches!(&t.pathways[0].basis, Some(Basis::Assumption(b)) if b == "regionale crisisdienst")
    );
    // The compiled form (what the page loads) keeps the lines and every basis text.
    let compiled = Policy::from_compiled(&p.to_compiled()).expect("compiled");
    assert_eq!(compiled.urgent_advice, p.urgent_advice);
    assert_eq!(compiled.basis("assess_today"), p.basis("assess_today"));
    assert_eq!(compiled.basis("min_age"), p.basis("min_age"));
    // An unknown line or an empty text is refused, naming the field.
    let errors = overriding(
        json!({"urgent": {"bel_maar": {"value": {"nl": "x", "en": "y"}, "basis": assumption("x")},
        "crisis_line": {"value": {"nl": "", "en": "y"}, "basis": assumption("x")}}}),
    )
    .expect_err("refused");
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert!(
        fields.contains(&"urgent.bel_maar") && fields.contains(&"urgent.crisis_line.value"),
        "{fields:?}"
    );
}

/// The FHIR module reads only the contact promise of a compiled policy; it is the one the compiled
/// policy holds, for the default and for a region that promises sooner.
#[test]
fn the_contact_promise_reads_from_the_compiled_policy_alone() {
    use wor_core::policy::contact_within_days;
    let sooner = overriding(json!({
        "pathways": {"contact_within_days": {"value": 7, "basis": assumption("eerder")}}
    }))
    .unwrap();
    for p in [Policy::default_policy(), &sooner] {
        let compiled = p.to_compiled();
        assert_eq!(
            contact_within_days(&compiled),
            Ok(Policy::from_compiled(&compiled)
                .unwrap()
                .contact_within_days)
        );
    }
    assert_eq!(contact_within_days(&sooner.to_compiled()), Ok(7));
    assert_eq!(
        contact_within_days("wor-policy-compiled/1\nid\tx\ncontact_within_days\tsoon\n"),
        Err("line 3: contact_within_days\tsoon".to_string())
    );
    assert!(contact_within_days("wor-policy/1").is_err());
}

/// Issue 30 point 8: a step the plan states cites its section; what the plan does not state is labelled
/// an assumption, and the step says so (`assumption`, the page's "aanname" tag).
#[test]
fn every_pathway_step_rests_on_a_plan_section_or_an_assumption() {
    use wor_core::pathways::STEPS;
    let d = Policy::default_policy();
    let file: serde_json::Value = serde_json::from_str(DEFAULT_POLICY_JSON).unwrap();
    let listed: Vec<&str> = file["steps"]
        .as_object()
        .expect("a steps section")
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = STEPS.to_vec();
    expected.sort_unstable();
    assert_eq!(listed, expected, "the policy's steps are the pathway steps");
    for id in STEPS {
        match d.basis(id) {
            Some(Basis::Plan(text)) => {
                assert!(text.contains('§'), "{id}: no plan section in {text}")
            }
            Some(Basis::Assumption(text)) => assert!(!text.is_empty(), "{id}: an empty assumption"),
            None => panic!("{id} has no basis"),
        }
    }
    for id in [
        "zorgdomein_bewegen_op_recept",
        "zorgdomein_maatschappelijk_werk",
        "alrijne_literacy_pilot",
        "direct_referral_assumed",
        "primary_care_region_assumed",
        "local_welfare",
    ] {
        assert!(d.is_assumption(id), "{id} is not in the plan");
    }
    for id in [
        "zorgdomein_vip_live_welzijnscoach",
        "po_sociaal",
        "primary_care_region_differs",
    ] {
        assert!(!d.is_assumption(id), "{id} is in the plan");
    }
    // Each step a referral meets is marked as its basis (or the setting it uses) says.
    let pharmacy = json!({"schema": "wor-policy/1", "id": "r", "version": "1", "extends": "default",
        "pathways": {"po_sociaal_practices": {"value": ["Praktijk A"], "basis": {"plan": "§4.2.3"}}}});
    let with_po = Policy::from_json(&pharmacy.to_string()).unwrap();
    for (v, policy) in [
        (
            json!({"municipality": "Amstelveen", "age": 70, "areas": [{"area": "lifestyle"}, {"area": "debt_poverty"}]}),
            d,
        ),
        (
            json!({"municipality": "Alphen aan den Rijn", "referrer": "hospital", "areas": [{"area": "low_literacy"}]}),
            d,
        ),
        (
            json!({"municipality": "Leiden", "text": "eenzaam", "practice": "Praktijk A"}),
            &with_po,
        ),
        (
            json!({"municipality": "Kaag en Braassem", "referrer": "home_care", "areas": [{"area": "chronic_illness"}]}),
            d,
        ),
        (
            json!({"postcode": "1115 AB", "referrer": "poh", "text": "eenzaam"}),
            d,
        ),
        (json!({"postcode": "2771 AB", "text": "eenzaam"}), d),
        (
            json!({"municipality": "Haarlemmermeer", "text": "eenzaam"}),
            d,
        ),
        (
            json!({"municipality": "Leiden", "age": 16, "text": "eenzaam"}),
            d,
        ),
        (
            json!({"municipality": "Leiden", "text": "Controle DM2."}),
            d,
        ),
        (
            json!({"municipality": "Leiden", "text": "somber, 4DKL", "screening": {"4dkl": {"depression": 7}}}),
            d,
        ),
    ] {
        let t = triage_with(&referral(v.clone()), policy);
        assert!(!t.pathways.is_empty(), "{v}");
        for s in &t.pathways {
            assert!(STEPS.contains(&s.id), "{}: not a listed step", s.id);
            let setting = match s.id {
                "zorgdomein_ouderenadvies" => policy.is_assumption("older_resident_age"),
                "po_sociaal" | "zorgdomein_vip_live_welzijnscoach" => {
                    policy.is_assumption("po_sociaal_practices")
                }
                _ => false,
            };
            assert_eq!(
                s.assumption,
                policy.is_assumption(s.id) || setting,
                "{}: {v}",
                s.id
            );
        }
    }
}

/// Every basis the default file gives as the plan cites a section of it; the domain brief or common
/// practice is an assumption.
#[test]
fn every_plan_basis_in_the_default_file_names_a_plan_section() {
    fn walk(v: &serde_json::Value, path: &str, bad: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(o) => {
                for (k, x) in o {
                    let here = format!("{path}.{k}");
                    match x.get("plan").and_then(|p| p.as_str()) {
                        Some(text) if k == "basis" => {
                            let cites = text.contains('§') || text.contains("hoofdstuk");
                            if !cites || text.contains("Domeinbrief") {
                                bad.push(format!("{here}: {text}"));
                            }
                        }
                        _ => walk(x, &here, bad),
                    }
                }
            }
            serde_json::Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    walk(x, &format!("{path}[{i}]"), bad);
                }
            }
            _ => {}
        }
    }
    let mut bad = Vec::new();
    walk(
        &serde_json::from_str(DEFAULT_POLICY_JSON).unwrap(),
        "",
        &mut bad,
    );
    assert!(
        bad.is_empty(),
        "plan bases without a plan section:\n{}",
        bad.join("\n")
    );
}
