//! Export then import gives back the same referral and the same triage, over every vignette; hostile
//! documents get field-named errors and never a panic.

use serde_json::{json, Value};
use wor_core::policy::Policy;
use wor_core::triage::triage_with;
use wor_core::{Date, Referral, Strictness};
use wor_fhir::export::{includes_wor, ExportInput, MapNote, SuggestionNote};
use wor_fhir::{export_bundle, import_json, TriageFacts};

const FIXTURES: [&str; 4] = [
    include_str!("../../../tests/fixtures/triage_vignettes.jsonl"),
    include_str!("../../../tests/fixtures/triage_plan_vignettes.jsonl"),
    include_str!("../../../tests/fixtures/triage_safety_vignettes.jsonl"),
    include_str!("../../../tests/fixtures/referrals.jsonl"),
];

fn date() -> Date {
    "2026-11-23".parse().unwrap()
}

/// A referral with every field the contract has, so that every mapping is exercised.
fn full_referral() -> Referral {
    let json = json!({
        "id": "full-1", "age": 58, "consent": true, "municipality": "Leiden", "postcode": "2316 XK",
        "areas": [{"area": "loneliness", "severity": 3}, {"area": "debt_poverty", "severity": 1}],
        "text": "Voelt zich eenzaam, weinig contact. Geldzorgen.",
        "screening": {"4dkl": {"distress": 14, "depression": 1, "anxiety": 2, "somatization": 5}},
        "flags": ["mental_disorder_suspected"],
        "preferences": {"max_km": 4.5, "max_eur_per_month": 10, "days": ["mon", "wed"],
                        "times": ["morning", "evening"], "languages": ["nl", "ar"], "group": true,
                        "wheelchair": true, "strict_days": true},
        "referrer": "poh",
        "positive_health": {"meedoen": 3, "zingeving": 4.5},
        "date": "2026-11-02", "practice": "01234567", "channel": "zorgdomein",
        "audience": ["newcomers", "women"]
    });
    Referral::from_json(&json.to_string(), Strictness::Strict)
        .unwrap()
        .value
}

fn vignette_referrals() -> Vec<Referral> {
    let mut out = Vec::new();
    for file in FIXTURES {
        for line in file.lines().filter(|l| !l.trim().is_empty()) {
            let v: Value = serde_json::from_str(line).unwrap();
            let r = v.get("referral").cloned().unwrap_or(v);
            out.push(
                Referral::from_json(&r.to_string(), Strictness::Lenient)
                    .unwrap()
                    .value,
            );
        }
    }
    out.push(full_referral());
    out
}

fn export_json(r: &Referral, policy: &Policy) -> Option<String> {
    let t = triage_with(r, policy);
    let input = ExportInput {
        referral: r,
        triage: &TriageFacts::from(&t),
        date: r.date.unwrap_or(date()),
        contact_within_days: policy.contact_within_days,
        map: Some(MapNote {
            region: "zuid-holland-noord".into(),
            version: "2026.3.0".into(),
            hash: "abc".into(),
        }),
        suggestions: vec![SuggestionNote {
            activity_id: "zhn-x".into(),
            name: "Wandelgroep".into(),
            organisation: "Welzijn".into(),
            distance_km: 1.25,
        }],
    };
    export_bundle(&input)
        .ok()
        .map(|b| serde_json::to_string(&b).unwrap())
}

#[test]
fn export_then_import_gives_the_same_referral_and_triage_for_every_vignette() {
    let policy = Policy::default_policy();
    let (mut exported, mut refused) = (0, 0);
    for r in vignette_referrals() {
        let t = triage_with(&r, policy);
        let Some(text) = export_json(&r, policy) else {
            assert!(!includes_wor(t.route), "{}: WoR route refused", r.id);
            refused += 1;
            continue;
        };
        assert!(includes_wor(t.route), "{}: {:?} exported", r.id, t.route);
        exported += 1;
        let back = import_json(&text)
            .unwrap_or_else(|e| panic!("{}: {e:?}", r.id))
            .value;
        let mut expected = r.clone();
        expected.date = Some(r.date.unwrap_or(date()));
        assert_eq!(back, expected, "{}", r.id);
        assert_eq!(triage_with(&back, policy), t, "{}", r.id);
        // Deterministic: the same referral gives the same bytes.
        assert_eq!(export_json(&r, policy).unwrap(), text);
    }
    // Both branches are exercised by the fixtures.
    assert!(exported >= 40, "only {exported} exported");
    assert!(refused >= 40, "only {refused} refused");
}

#[test]
fn the_task_is_due_within_the_policys_days_and_names_who_calls() {
    let r = full_referral();
    let text = export_json(&r, Policy::default_policy()).unwrap();
    let bundle: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(bundle["type"], "transaction");
    let entries = bundle["entry"].as_array().unwrap();
    let task = entries
        .iter()
        .find(|e| e["resource"]["resourceType"] == "Task")
        .unwrap();
    assert_eq!(task["resource"]["status"], "requested");
    assert_eq!(
        task["resource"]["restriction"]["period"]["end"],
        "2026-11-16"
    );
    assert_eq!(
        task["resource"]["owner"]["display"],
        "de welzijnscoach van Leiden"
    );
    let sr = &entries[0]["resource"];
    assert_eq!(sr["resourceType"], "ServiceRequest");
    assert_eq!(sr["status"], "active");
    assert_eq!(sr["intent"], "order");
    assert_eq!(sr["requester"]["identifier"]["value"], "01234567");
    assert_eq!(
        sr["reasonCode"][0]["coding"][0]["display"],
        "Eenzaamheid en een beperkt sociaal netwerk"
    );
    // Every reference inside the Bundle resolves to an entry of it.
    let urls: Vec<&str> = entries
        .iter()
        .map(|e| e["fullUrl"].as_str().unwrap())
        .collect();
    let mut refs = Vec::new();
    collect_references(&bundle, &mut refs);
    assert!(refs.len() >= 10);
    for r in refs {
        assert!(urls.contains(&r.as_str()), "dangling reference {r}");
    }
}

fn collect_references(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                match (k.as_str(), v) {
                    ("reference", Value::String(s)) => out.push(s.clone()),
                    _ => collect_references(v, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|v| collect_references(v, out)),
        _ => {}
    }
}

fn errors_of(doc: &str) -> Vec<(String, String)> {
    match import_json(doc) {
        Ok(p) => panic!("imported {:?}", p.value),
        Err(e) => e
            .into_iter()
            .map(|e| (e.field, format!("{:?}", e.code)))
            .collect(),
    }
}

fn exported_full() -> Value {
    serde_json::from_str(&export_json(&full_referral(), Policy::default_policy()).unwrap()).unwrap()
}

#[test]
fn hostile_documents_get_field_named_errors() {
    assert_eq!(
        errors_of(r#"{"resourceType": "Patient"}"#),
        [("resourceType".to_string(), "UnknownValue".to_string())]
    );
    assert_eq!(errors_of("[1, 2]")[0].1, "WrongType");
    assert_eq!(errors_of("{}")[0].0, "resourceType");
    assert_eq!(errors_of("not json")[0].1, "InvalidJson");

    // No subject.
    let mut b = exported_full();
    b["entry"][0]["resource"]
        .as_object_mut()
        .unwrap()
        .remove("subject");
    let errs = errors_of(&b.to_string());
    assert!(
        errs.contains(&("entry[0].resource.subject".into(), "Missing".into())),
        "{errs:?}"
    );

    // An unknown support-area code.
    let mut b = exported_full();
    b["entry"][0]["resource"]["reasonCode"][0]["coding"][0]["code"] = json!("flying");
    assert_eq!(
        errors_of(&b.to_string()),
        [(
            "entry[0].resource.reasonCode[0].coding[0].code".to_string(),
            "UnknownValue".to_string()
        )]
    );

    // A wrong type deep inside a resource.
    let mut b = exported_full();
    b["entry"][0]["resource"]["note"] = json!("text");
    assert_eq!(errors_of(&b.to_string())[0].0, "entry[0].resource.note");

    // Two referrals in one Bundle.
    let mut b = exported_full();
    let sr = b["entry"][0].clone();
    b["entry"].as_array_mut().unwrap().push(sr);
    assert_eq!(errors_of(&b.to_string())[0].1, "Duplicate");

    // A Bundle without a ServiceRequest.
    let b = json!({"resourceType": "Bundle", "type": "transaction",
                   "entry": [{"resource": {"resourceType": "Patient"}}]});
    assert_eq!(errors_of(&b.to_string())[0].0, "entry");

    // A revoked referral is not taken into intake.
    let mut b = exported_full();
    b["entry"][0]["resource"]["status"] = json!("revoked");
    assert_eq!(errors_of(&b.to_string())[0].0, "entry[0].resource.status");

    // A contract violation surfaces with the referral's field name.
    let mut b = exported_full();
    b["entry"][0]["resource"]["reasonCode"][0]["extension"][0]["valueInteger"] = json!(9);
    assert_eq!(errors_of(&b.to_string())[0].0, "referral.areas[0].severity");
}

#[test]
fn oversized_and_deeply_nested_documents_are_errors_not_crashes() {
    let big = format!(
        r#"{{"resourceType": "Bundle", "entry": [], "pad": "{}"}}"#,
        "x".repeat(wor_fhir::MAX_IMPORT_BYTES)
    );
    assert_eq!(errors_of(&big)[0].1, "TooLong");
    for depth in [200, 100_000] {
        let deep = format!(
            r#"{{"resourceType": "Bundle", "entry": {}{}}}"#,
            "[".repeat(depth),
            "]".repeat(depth)
        );
        assert_eq!(errors_of(&deep)[0].1, "InvalidJson", "depth {depth}");
    }
    // Just under the limit and with many entries: read, and the lone error is the missing referral.
    let many: Vec<Value> = (0..50_000)
        .map(|i| json!({"fullUrl": format!("urn:uuid:{i}"), "resource": {"resourceType": "Patient", "id": i.to_string()}}))
        .collect();
    let doc = json!({"resourceType": "Bundle", "type": "collection", "entry": many}).to_string();
    assert!(doc.len() > 3_000_000 && doc.len() < wor_fhir::MAX_IMPORT_BYTES);
    assert_eq!(
        errors_of(&doc),
        [("entry".to_string(), "Missing".to_string())]
    );
}

#[test]
fn a_bare_service_request_with_contained_resources_imports() {
    let sr = json!({
        "resourceType": "ServiceRequest", "status": "active", "intent": "order",
        "identifier": [{"value": "zd-77"}],
        "subject": {"reference": "#p"},
        "authoredOn": "2026-10-01T09:30:00+02:00",
        "contained": [
            {"resourceType": "Patient", "id": "p", "birthDate": "1960-10-02",
             "address": [{"postalCode": "1181", "city": "Amstelveen"}]},
            {"resourceType": "Consent", "id": "c", "status": "active", "patient": {"reference": "#p"}}
        ],
        "reasonCode": [{"coding": [{"system": wor_fhir::codes::CS_SUPPORT_AREA, "code": "loneliness"}]},
                       {"coding": [{"system": "http://snomed.info/sct", "code": "105412007"}]}],
        "note": [{"text": "Eenzaam sinds verhuizing."}]
    });
    let got = import_json(&sr.to_string()).unwrap();
    let r = got.value;
    assert_eq!(r.id, "zd-77");
    assert_eq!(r.age, 65, "one day before the 66th birthday");
    assert!(r.consent);
    assert_eq!(r.date.unwrap().to_string(), "2026-10-01");
    assert_eq!(r.text.as_deref(), Some("Eenzaam sinds verhuizing."));
    assert_eq!(r.areas.len(), 1);
    // The SNOMED reason is reported as not used, not silently dropped.
    assert!(got
        .warnings
        .iter()
        .any(|w| w.field == "reasonCode[1].coding[0].code"));
}
