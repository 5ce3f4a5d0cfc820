//! What the wasm modules share on the JavaScript side: plain objects from serde, and the thrown `Error`
//! whose `code`, `field`, `params` and `errors` let the page word a problem in its own language. No
//! exports of its own, so a module that depends on it grows by what it uses only.
//!
//! Every function is `#[inline]`: called across the crate boundary they cost the page's size-budgeted
//! module about 0.5 KB gzipped more than when they lived in it; inlined, 40 bytes (measured 2026-12-01).
#![forbid(unsafe_code)]

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wor_core::{Code, Date, FieldError, Params, Referral};

/// A value as a plain JS object: maps as objects, numbers as numbers (no `BigInt`).
#[inline]
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()).into())
}

/// The properties a thrown `Error` carries besides its message.
#[derive(Serialize)]
struct ErrorProps<'a, P: Serialize> {
    code: Code,
    field: &'a str,
    params: &'a Params,
    errors: &'a [P],
}

/// A JS `Error` with `message`, the first problem's `code`, `field` and `params`, and all `errors`
/// (field errors, or map issues that also carry their level and entry).
#[inline]
pub fn js_error<P: Serialize>(
    message: &str,
    (code, field, params): (Code, &str, &Params),
    errors: &[P],
) -> JsValue {
    let error = js_sys::Error::new(message);
    let props = ErrorProps {
        code,
        field,
        params,
        errors,
    };
    if let Ok(props) = to_js(&props) {
        js_sys::Object::assign(&error, &props.unchecked_into());
    }
    error.into()
}

/// Problems of one input as a JS `Error`; the message words them all (each after `prefix`), as the CLI
/// does.
#[inline]
pub fn problems_error(prefix: &str, problems: &[FieldError]) -> JsValue {
    let message: Vec<String> = problems.iter().map(|e| format!("{prefix}{e}")).collect();
    let no_params = Params::default();
    let first = problems
        .first()
        .map_or((Code::InvalidFormat, "", &no_params), |e| {
            (e.code, e.field.as_str(), &e.params)
        });
    js_error(&message.join("; "), first, problems)
}

/// One problem of `field` as a JS `Error`.
#[inline]
pub fn problem(field: &str, code: Code, message: impl Into<String>) -> JsValue {
    problems_error("", &[FieldError::new(field, code, message)])
}

/// A `YYYY-MM-DD` date; else an Error naming `field`.
#[inline]
pub fn parse_date(field: &str, s: &str) -> Result<Date, JsValue> {
    s.parse::<Date>().map_err(|e| {
        let problem = FieldError::new(field, Code::InvalidFormat, e.to_string())
            .with("format", "date")
            .with("value", s);
        problems_error("", &[problem])
    })
}

/// A referral (JSON text); else an Error listing every problem.
#[inline]
pub fn parse_referral(json: &str) -> Result<Referral, JsValue> {
    Referral::from_json_quiet(json).map_err(|problems| problems_error("", &problems))
}

/// The TypeScript declaration of the `Error` every function of a module throws, written once for all
/// modules: `declare_wor_error!("FieldError")`, or with `"FieldError | Issue"` in a module that also
/// reports map issues (their level and entry). The module's declarations must hold `ErrorCode` and the
/// named problem types.
#[macro_export]
macro_rules! declare_wor_error {
    ($problems:literal) => {
        #[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
        const WOR_ERROR_TYPES: &str = concat!(
            "\n/** What every function here throws: the first problem's code, field and params, and all problems. */\n",
            "export interface WorError extends Error {\n",
            "  code: ErrorCode; field: string; params: Record<string, unknown>; errors: (",
            $problems,
            ")[];\n}\n"
        );
    };
}
