//! Problems carry a stable code and the values a sentence needs; every problem of a record is reported.

use serde_json::{json, Value};
use wor_core::cases::HistoricCase;
use wor_core::map::validate;
use wor_core::{Code, Date, FieldError, Referral, SocialMap, Strictness};

fn problems(json: &str, mode: Strictness) -> Vec<FieldError> {
    Referral::from_json(json, mode).expect_err("invalid")
}

/// (field, code, params) of each problem, as the wasm API hands them to the page.
fn shape(errors: &[FieldError]) -> Vec<Value> {
    errors
        .iter()
        .map(|e| json!({"field": e.field, "code": e.code, "params": e.params}))
        .collect()
}

#[test]
fn every_problem_of_a_referral_is_collected_with_code_and_params() {
    let errors = problems(
        r#"{"id":"a","age":130,"consent":true,"postcode":"12","text":"x","bogus":1,
            "areas":[{"area":"loneliness","severity":4},{"area":"loneliness"}],
            "preferences":{"max_km":0,"languages":["dutch"]}}"#,
        Strictness::Strict,
    );
    assert_eq!(
        shape(&errors),
        [
            json!({"field": "bogus", "code": "unknown_field", "params": {"strict": true}}),
            json!({"field": "age", "code": "out_of_range", "params": {"min": 0, "max": 120, "got": 130}}),
            json!({"field": "postcode", "code": "invalid_format", "params": {"format": "postcode", "value": "12"}}),
            json!({"field": "areas[0].severity", "code": "out_of_range", "params": {"min": 1, "max": 3, "got": 4}}),
            json!({"field": "areas[1].area", "code": "duplicate", "params": {"value": "loneliness"}}),
            json!({"field": "preferences.max_km", "code": "out_of_range",
                   "params": {"min": 0, "max": 500, "got": 0.0, "unit": "km"}}),
            json!({"field": "preferences.languages[0]", "code": "invalid_format",
                   "params": {"format": "language", "value": "dutch"}}),
        ]
    );
    // The English wording is the CLI's, unchanged.
    assert_eq!(
        errors[1].to_string(),
        "age: must be between 0 and 120, got 130"
    );
    assert_eq!(
        errors[0].to_string(),
        "bogus: unknown field (not allowed in strict mode)"
    );
    // Lenient: the unknown field is a warning, the rest are the same problems.
    let lenient = problems(
        r#"{"id":"a","age":130,"consent":true,"municipality":"Leiden","bogus":1}"#,
        Strictness::Lenient,
    );
    assert_eq!(shape(&lenient), [shape(&errors)[1].clone()]);
}

#[test]
fn shape_errors_have_codes_too() {
    let one = |json: &str| {
        let e = problems(json, Strictness::Lenient);
        assert_eq!(e.len(), 1, "{e:?}");
        shape(&e).remove(0)
    };
    assert_eq!(
        one(r#"{"age":40,"consent":true,"municipality":"Leiden"}"#),
        json!({"field": "", "code": "missing", "params": {"name": "id"}})
    );
    assert_eq!(
        one(r#"{"id":"a","age":"x","consent":true,"municipality":"Leiden"}"#),
        json!({"field": "age", "code": "wrong_type", "params": {"expected": "integer", "got": "string"}})
    );
    assert_eq!(
        one(r#"{"id":"a","age":40,"consent":"yes","municipality":"Leiden"}"#),
        json!({"field": "consent", "code": "wrong_type", "params": {"expected": "boolean", "got": "string"}})
    );
    let area = one(
        r#"{"id":"a","age":40,"consent":true,"municipality":"Leiden","areas":[{"area":"tuinieren"}]}"#,
    );
    assert_eq!(area["code"], "unknown_value");
    assert_eq!(area["field"], "areas[0].area");
    assert_eq!(area["params"], json!({"value": "tuinieren"}));
    assert_eq!(
        one(
            r#"{"id":"a","age":40,"consent":true,"municipality":"Leiden","screening":{"4dkl":{"anxiety":-1}}}"#
        ),
        json!({"field": "screening.4dkl.anxiety", "code": "out_of_range",
               "params": {"got": -1, "min": 0, "max": 4294967295_u64}})
    );
    assert_eq!(one("not json")["code"], "invalid_json");
    assert_eq!(
        one(r#"{"id":"a","age":40,"consent":true,"municipality":"Leiden"} x"#),
        json!({"field": "", "code": "invalid_json", "params": {"line": 1, "column": 60}})
    );
    // A long value is never echoed, in params as in messages.
    let long = "x".repeat(40);
    let e = one(&format!(
        r#"{{"id":"a","age":40,"consent":true,"municipality":"Leiden","referrer":"{long}"}}"#
    ));
    assert_eq!(e["code"], "unknown_value");
    assert_eq!(e["params"], json!({"value": null}));
    assert!(!e.to_string().contains(&long));
    let big = format!(r#"{{"id":"{}"}}"#, "x".repeat(1_000_001));
    assert_eq!(one(&big)["code"], "too_long");
}

#[test]
fn historic_cases_collect_their_referrals_problems_under_referral() {
    let case = json!({
        "referral": {"id": "c", "age": 300, "consent": true},
        "map": {"region": "zuid-holland-noord", "version": "2026.1.0"},
        "dates": {"referred": "2026-02-03", "first_contact": "2026-01-01"},
        "conversations": 99,
        "outcome": {"arrived": true, "taken_into_care": true, "still_attending_3m": false}
    });
    let errors = HistoricCase::from_json(&case.to_string(), Strictness::Strict).unwrap_err();
    let fields: Vec<(&str, Code)> = errors.iter().map(|e| (e.field.as_str(), e.code)).collect();
    assert_eq!(
        fields,
        [
            ("referral.age", Code::OutOfRange),
            ("referral.municipality", Code::Missing),
            ("dates.first_contact", Code::OutOfRange),
            ("conversations", Code::OutOfRange),
            ("outcome.arrived", Code::Inconsistent),
        ]
    );
}

#[test]
fn map_issues_carry_codes() {
    let text = include_str!("../../../social-map/haarlemmermeer/2026.1.0.json");
    let mut map = SocialMap::from_json(text).unwrap().value;
    map.activities[1].id = map.activities[0].id.clone();
    map.activities[2].cost_eur_per_month = -5.0;
    map.activities[3].languages = vec!["dutch".into()];
    let today: Date = "2026-03-01".parse().unwrap();
    let checked = validate(&map, today);
    let codes: Vec<(&str, Code)> = checked
        .issues
        .iter()
        .map(|i| (i.field.as_str(), i.code))
        .collect();
    assert_eq!(
        codes,
        [
            ("id", Code::Duplicate),
            ("cost_eur_per_month", Code::OutOfRange),
            ("languages[0]", Code::InvalidFormat),
        ]
    );
    assert_eq!(checked.issues[0].params.get("first"), Some(&json!(0)));
    let bad_shape = text.replacen(
        "\"cost_eur_per_month\": 0,",
        "\"cost_eur_per_month\": \"gratis\",",
        1,
    );
    let e = SocialMap::from_json(&bad_shape).unwrap_err();
    assert_eq!(e.code, Code::WrongType);
    assert_eq!(e.params.get("entry"), Some(&json!(map.activities[0].id)));
}

/// The page's parsers skip looking for unknown fields; otherwise they decide exactly as the CLI's.
#[test]
fn quiet_parsers_agree_with_the_lenient_ones() {
    let fixtures = include_str!("../../../tests/fixtures/referrals.jsonl");
    let bad = [
        r#"{"id":"a","age":200,"consent":true,"municipality":"Leiden","shoe_size":44}"#,
        r#"{"id":"","age":20,"consent":true,"extra":{"deep":[1,2]}}"#,
        r#"{"id":"b","age":"x","consent":true,"municipality":"Leiden"}"#,
        r#"{"id":"c","age":20,"consent":true,"municipality":"Leiden","areas":[{"area":"nope","x":1}]}"#,
        r#"{"id":"d","age":20,"consent":true,"municipality":"Leiden"} trailing"#,
        "not json",
    ];
    for line in fixtures.lines().chain(bad) {
        assert_eq!(
            Referral::from_json_quiet(line),
            Referral::from_json(line, Strictness::Lenient).map(|p| p.value),
            "{line}"
        );
    }
    let map = include_str!("../../../social-map/amstelland/2026.1.0.json");
    let with_unknown = map.replacen("\"kind\":", "\"colour\": \"red\", \"kind\":", 1);
    let broken = map.replacen(
        "\"cost_eur_per_month\": 0,",
        "\"cost_eur_per_month\": \"x\",",
        1,
    );
    for text in [map, with_unknown.as_str(), broken.as_str()] {
        assert_eq!(
            SocialMap::from_json_quiet(text),
            SocialMap::from_json(text).map(|p| p.value)
        );
    }
    assert_eq!(
        SocialMap::from_json(&with_unknown).unwrap().warnings.len(),
        1
    );
}
