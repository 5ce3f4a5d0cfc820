//! WebAssembly bindings over wor-fhir for the page's referral loop: the GP saves a referral as a FHIR
//! Bundle, the social worker's caseload is exported as historic cases and Task updates, and the
//! welzijnsrecept states who calls by when. A module of its own, fetched only when first used, because
//! the main module has no room for it. Everything runs in the browser; nothing is sent.
#![forbid(unsafe_code)]

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wor_core::cases::HistoricCase;
use wor_core::policy::contact_within_days;
use wor_core::{Code, FieldError, Referral, Strictness};
use wor_fhir::export::{ExportInput, MapNote, SuggestionNote};
use wor_fhir::TriageFacts;
use wor_js::{parse_date, parse_referral, problem, problems_error, to_js};

// What the functions return, generated from the Rust types (`declarations.rs`'s test); the thrown error's
// declaration is wor-js's, one for every module.
#[wasm_bindgen(typescript_custom_section)]
const RESULT_TYPES: &str = include_str!("../types.d.ts");

wor_js::declare_wor_error!("FieldError");

/// The contact promise of a compiled policy (`maps/policy.txt` or a region's, as the page loads it for
/// the main module), read without compiling the policy: that would link the text detection this module
/// leaves to the main module.
fn policy_days(compiled: &str) -> Result<u32, JsValue> {
    contact_within_days(compiled).map_err(|e| problem("policy", Code::InvalidFormat, e))
}

/// The main module's triage decision (its JSON) for the same referral under the same policy.
fn parse_triage(json: &str) -> Result<TriageFacts, JsValue> {
    serde_json::from_str(json).map_err(|e| problem("triage", Code::InvalidJson, e.to_string()))
}

fn parse_case(json: &str) -> Result<HistoricCase, JsValue> {
    HistoricCase::from_json(json, Strictness::Strict)
        .map(|p| p.value)
        .map_err(|p| problems_error("", &p))
}

#[derive(serde::Deserialize, Default)]
struct Extras {
    #[serde(default)]
    map: Option<MapJs>,
    #[serde(default)]
    suggestions: Vec<SuggestionJs>,
}

#[derive(serde::Deserialize)]
struct MapJs {
    region: String,
    version: String,
    #[serde(default)]
    hash: String,
}

#[derive(serde::Deserialize)]
struct SuggestionJs {
    activity_id: String,
    name: String,
    #[serde(default)]
    organisation: String,
    #[serde(default)]
    distance_km: f64,
}

/// The FHIR R4 transaction Bundle (JSON text) of a referral whose route includes WoR, given the main
/// module's triage of it (`JSON.stringify(engine.triage(referral))`) and the compiled policy that
/// decided (for the contact promise). `extras` is
/// `{"map": {region, version, hash}, "suggestions": [{activity_id, name, organisation, distance_km}]}`
/// (the page's match result fits) or empty. A refused route throws with `code` `inconsistent`,
/// `field` `route` and the triage's headline in `params.nl` / `params.en`.
#[wasm_bindgen(js_name = exportReferral)]
pub fn export_referral(
    referral_json: &str,
    triage_json: &str,
    policy: &str,
    date: &str,
    extras_json: &str,
) -> Result<String, JsValue> {
    let referral = parse_referral(referral_json)?;
    let triage = parse_triage(triage_json)?;
    let days = policy_days(policy)?;
    let today = parse_date("date", date)?;
    let extras: Extras = if extras_json.trim().is_empty() {
        Extras::default()
    } else {
        serde_json::from_str(extras_json)
            .map_err(|e| problem("extras", Code::InvalidJson, e.to_string()))?
    };
    let input = ExportInput {
        referral: &referral,
        triage: &triage,
        date: referral.date.unwrap_or(today),
        contact_within_days: days,
        map: extras.map.map(|m| MapNote {
            region: m.region,
            version: m.version,
            hash: m.hash,
        }),
        suggestions: extras
            .suggestions
            .into_iter()
            .map(|s| SuggestionNote {
                activity_id: s.activity_id,
                name: s.name,
                organisation: s.organisation,
                distance_km: s.distance_km,
            })
            .collect(),
    };
    match wor_fhir::export_bundle(&input) {
        Ok(bundle) => serde_json::to_string_pretty(&bundle)
            .map_err(|e| problem("", Code::InvalidFormat, e.to_string())),
        Err(refusal) => Err(problems_error(
            "",
            &[
                FieldError::new("route", Code::Inconsistent, refusal.to_string())
                    .with("value", refusal.route.id())
                    .with("nl", refusal.nl)
                    .with("en", refusal.en),
            ],
        )),
    }
}

/// A received referral, and what the import noticed but did not refuse.
#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "ImportedReferral"))]
struct ImportedJs {
    referral: Referral,
    warnings: Vec<FieldError>,
}

/// A FHIR Bundle or ServiceRequest (JSON text, ≤ 10 MB) as `{referral, warnings}`.
#[wasm_bindgen(js_name = importReferral, unchecked_return_type = "ImportedReferral")]
pub fn import_referral(text: &str) -> Result<JsValue, JsValue> {
    let parsed = wor_fhir::import_json(text).map_err(|p| problems_error("", &p))?;
    to_js(&ImportedJs {
        referral: parsed.value,
        warnings: parsed.warnings,
    })
}

/// Who contacts the resident and by when: `{who_nl, who_en, due, sentence_nl, sentence_en,
/// assumption}`, for the route the main module's triage (JSON) chose in the referral's region under
/// `policy`.
#[wasm_bindgen(js_name = whoCalls, unchecked_return_type = "WhoCalls")]
pub fn who_calls(
    referral_json: &str,
    triage_json: &str,
    policy: &str,
    date: &str,
) -> Result<JsValue, JsValue> {
    let referral = parse_referral(referral_json)?;
    let triage = parse_triage(triage_json)?;
    let days = policy_days(policy)?;
    let today = parse_date("date", date)?;
    to_js(&wor_fhir::who::who_calls(
        &referral,
        &triage,
        referral.date.unwrap_or(today),
        days,
    ))
}

/// Checks a caseload entry as a `wor-historic-case/1` line (strict) and returns it as one JSON line,
/// exactly as `wor evaluate` and `wor monitor` read it.
#[wasm_bindgen(js_name = historicCase)]
pub fn historic_case(case_json: &str) -> Result<String, JsValue> {
    let case = parse_case(case_json)?;
    serde_json::to_string(&case).map_err(|e| problem("", Code::InvalidFormat, e.to_string()))
}

/// The outcome Task (JSON text) of a closed historic case.
#[wasm_bindgen(js_name = outcomeTask)]
pub fn outcome_task(case_json: &str) -> Result<String, JsValue> {
    let case = parse_case(case_json)?;
    let task = wor_fhir::outcome_task(&case)
        .map_err(|e| problem("status", Code::Inconsistent, e.to_string()))?;
    Ok(wor_fhir::outcome::task_json(&task).to_string())
}

/// The feedback Task (JSON text) for the referrer at any moment of a case; `next_review` (a date or
/// empty) says when the social worker looks again.
#[wasm_bindgen(js_name = feedbackTask)]
pub fn feedback_task(case_json: &str, next_review: &str) -> Result<String, JsValue> {
    let case = parse_case(case_json)?;
    let next = if next_review.trim().is_empty() {
        None
    } else {
        Some(parse_date("next_review", next_review)?)
    };
    let task = wor_fhir::outcome::feedback_task(&case, next);
    Ok(wor_fhir::outcome::task_json(&task).to_string())
}

#[cfg(test)]
mod declarations;
