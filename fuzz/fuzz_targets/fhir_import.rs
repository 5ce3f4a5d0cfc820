//! FHIR import of any text, then export and import again of whatever imports.
//!
//! Invariants: no panic (also at serde_json's nesting limit); a rejection names at least one problem;
//! an imported referral whose route includes WoR exports to a Bundle that imports back to the same
//! referral.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wor_core::policy::Policy;
use wor_core::triage::triage_with;
use wor_core::Date;
use wor_fhir::export::{includes_wor, ExportInput};
use wor_fhir::{export_bundle, import_json, TriageFacts};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let referral = match import_json(text) {
        Ok(parsed) => parsed.value,
        Err(problems) => {
            assert!(!problems.is_empty(), "a rejection names at least one problem");
            return;
        }
    };
    let policy = Policy::default_policy();
    let triage = triage_with(&referral, policy);
    if !includes_wor(triage.route) {
        return;
    }
    let date = referral.date.unwrap_or(Date::new(2026, 11, 23).unwrap());
    let input = ExportInput {
        referral: &referral,
        triage: &TriageFacts::from(&triage),
        date,
        contact_within_days: policy.contact_within_days,
        map: None,
        suggestions: Vec::new(),
    };
    let bundle = export_bundle(&input).expect("a WoR route exports");
    let json = serde_json::to_string(&bundle).expect("a Bundle serialises");
    let back = import_json(&json)
        .unwrap_or_else(|e| panic!("an exported Bundle does not import: {e:?}"))
        .value;
    let mut expected = referral.clone();
    expected.date = Some(date);
    assert_eq!(back, expected);
});
