//! WebAssembly bindings over wor-eval for the page's Regio view: monitoring and the business case,
//! computed in the browser from a historic-case file the user opens from disk (never uploaded). A
//! separate module from wor-wasm, loaded only when the Regio view opens, so the GP and social-worker
//! views never download the evaluation code.
#![forbid(unsafe_code)]

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wor_core::{Code, FieldError, Lang, MapIndex, MapSet, SocialMap, Strictness};
use wor_eval::business_case::{actuals_from_cases, BusinessCase, Params};
use wor_eval::case_file::cases_from_lines;
use wor_eval::monitor::{
    monitor as compute_monitor, parse_capacity, parse_practices, parse_register, LineError,
    MonitorOptions,
};
use wor_eval::render;
use wor_js::{js_error, parse_date, problem, problems_error, to_js};

// What the functions return, generated from the Rust types (`declarations.rs`'s test); the thrown error's
// declaration is wor-js's, one for every module: `code`, `field`, `params` and `errors`, which the Regio
// view words in Dutch or English (`www/i18n.js`).
#[wasm_bindgen(typescript_custom_section)]
const RESULT_TYPES: &str = include_str!("../types.d.ts");

wor_js::declare_wor_error!("FieldError");

/// A report as data (`json`), as an HTML fragment in the asked language, and the case file's warnings.
#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
struct Rendered<T> {
    json: T,
    html: String,
    warnings: Vec<String>,
}

fn lang(s: &str) -> Lang {
    if s == "en" {
        Lang::En
    } else {
        Lang::Nl
    }
}

/// Parses a historic-case file (JSONL). Bad lines throw every problem with its `line` in `params`; the
/// message shows the first few as `line N: field: problem`.
fn cases(text: &str) -> Result<(Vec<wor_core::cases::HistoricCase>, Vec<String>), JsValue> {
    let lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| (i + 1, Ok(l.to_string())));
    let parsed = cases_from_lines(lines, Strictness::Lenient);
    if !parsed.errors.is_empty() {
        let message = format!(
            "{} bad case(s): {}",
            parsed.bad_lines,
            parsed
                .errors
                .iter()
                .take(5)
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        );
        let problems: Vec<FieldError> = parsed
            .errors
            .into_iter()
            .map(|p| p.error.with("line", p.line))
            .collect();
        // Every error line has its problem; the fallback keeps an empty list honest.
        let no_params = wor_core::Params::default();
        let first = problems
            .first()
            .map_or((Code::InvalidFormat, "cases", &no_params), |e| {
                (e.code, e.field.as_str(), &e.params)
            });
        return Err(js_error(&message, first, &problems));
    }
    if parsed.cases.is_empty() {
        return Err(wor_js::problem(
            "cases",
            Code::Empty,
            "no cases in this file",
        ));
    }
    Ok((parsed.cases, parsed.warnings))
}

/// The plan's parameters as JSON (what the page's editor starts from).
#[wasm_bindgen(js_name = defaultParams)]
pub fn default_params() -> Result<String, JsValue> {
    serde_json::to_string_pretty(&Params::default())
        .map_err(|e| problem("params", Code::InvalidJson, e.to_string()))
}

/// The social maps (JSON texts) as of `date`, for the missing offer; a bad map throws with field `maps`.
fn map_set(texts: &[String], date: wor_core::Date) -> Result<MapSet, JsValue> {
    let mut indexes = Vec::with_capacity(texts.len());
    for text in texts {
        let map = SocialMap::from_json(text)
            .map_err(|e| problem("maps", Code::InvalidJson, format!("map: {e}")))?
            .value;
        let index = MapIndex::build(&map, date).map_err(|issues| {
            let message = format!(
                "map {} {} has {} error(s)",
                map.region.id,
                map.version,
                issues.len()
            );
            let error = FieldError::new("maps", Code::Inconsistent, message)
                .with("region", map.region.id.as_str())
                .with("version", map.version.as_str());
            problems_error("", &[error])
        })?;
        indexes.push(index);
    }
    Ok(MapSet::new(indexes))
}

/// A list file's problems (practices, register, capacity) as one thrown error: each with `field` the
/// list, and the line and the list's own field in `params`.
fn line_errors(list: &str, errors: &[LineError]) -> JsValue {
    let problems: Vec<FieldError> = errors
        .iter()
        .map(|e| {
            FieldError {
                field: list.into(),
                message: e.to_string(),
                ..e.error.clone()
            }
            .with("line", e.line)
            .with("field", e.error.field.as_str())
        })
        .collect();
    problems_error("", &problems)
}

/// Monitoring of a historic-case file up to `date`; `shared` suppresses counts 1..4. Optional: a
/// starting-practices list (`practice,start` per line), the social maps (for the missing offer), the
/// register of evidence for the effort KPIs and the capacity file (`gemeente;fte`). With a register the
/// case file may be empty (effort KPIs fall due before there are cases). The register's warnings (each
/// naming its line) are returned with the case file's.
#[wasm_bindgen(unchecked_return_type = "Rendered<Monitor>")]
#[allow(clippy::too_many_arguments)]
pub fn monitor(
    cases_text: &str,
    date_text: &str,
    shared: bool,
    lang_id: &str,
    practices_text: Option<String>,
    map_texts: Vec<String>,
    register_text: Option<String>,
    capacity_text: Option<String>,
) -> Result<JsValue, JsValue> {
    let date = parse_date("date", date_text)?;
    let practices = match practices_text.as_deref() {
        Some(text) => parse_practices(text).map_err(|e| line_errors("practices", &e))?,
        None => Vec::new(),
    };
    let register = register_text
        .as_deref()
        .map(|text| parse_register(text, false).map_err(|e| line_errors("register", &e)))
        .transpose()?;
    let capacity = capacity_text
        .as_deref()
        .map(|text| parse_capacity(text).map_err(|e| line_errors("capacity", &e)))
        .transpose()?;
    let maps = if map_texts.is_empty() {
        None
    } else {
        Some(map_set(&map_texts, date)?)
    };
    // The case file last: the other inputs' problems are reported even before a file is chosen.
    let (cases, mut warnings) = if cases_text.trim().is_empty() && register.is_some() {
        (Vec::new(), Vec::new())
    } else {
        cases(cases_text)?
    };
    if let Some(r) = &register {
        warnings.extend(r.warnings.iter().map(|w| format!("register: {w}")));
    }
    let opts = MonitorOptions {
        date,
        shared,
        register: register.as_ref(),
        capacity: capacity.as_deref(),
    };
    let m = compute_monitor(&cases, &practices, maps.as_ref(), opts);
    let html = render::monitor_fragment(&m, lang(lang_id));
    to_js(&Rendered {
        json: &m,
        html,
        warnings,
    })
}

/// The business case with parameters (JSON, partial allowed); with a case file its whole calendar years
/// ended by `date` replace the planned counts.
#[wasm_bindgen(js_name = businessCase, unchecked_return_type = "Rendered<BusinessCase>")]
pub fn business_case(
    params_json: &str,
    cases_text: Option<String>,
    date_text: &str,
    lang_id: &str,
) -> Result<JsValue, JsValue> {
    let params = Params::from_json_overrides(params_json)
        .map_err(|problems| problems_error("params: ", &problems))?;
    let mut warnings = Vec::new();
    let mut origins = None;
    let actuals = match cases_text.as_deref() {
        Some(text) if !text.trim().is_empty() => {
            let (cases, w) = cases(text)?;
            warnings = w;
            origins = Some(wor_eval::case_file::Origins::of(&cases));
            actuals_from_cases(&cases, parse_date("date", date_text)?).0
        }
        _ => Default::default(),
    };
    let mut bc =
        BusinessCase::compute(&params, &actuals).map_err(|e| problems_error("params: ", &[e]))?;
    if let Some(origins) = origins {
        bc.set_actuals_origin(origins);
    }
    let html = render::business_case_fragment(&bc, lang(lang_id));
    to_js(&Rendered {
        json: &bc,
        html,
        warnings,
    })
}

#[cfg(test)]
mod declarations;
