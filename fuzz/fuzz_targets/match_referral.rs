//! Matching an arbitrary referral against a small fixed map (built once).
//!
//! The referral is structured input (`arbitrary`) turned into JSON, so it also passes through the parser
//! and its validation; whatever is accepted is matched. Invariants: no panic; hard filters (distance,
//! budget, wheelchair, age, validity) never violated; relevance finite in [0, 1] and scores non-increasing down the list; at most `top` suggestions,
//! no activity twice; deterministic; collective and independent batch matching agree on the route.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Map, Value};
use std::sync::OnceLock;
use wor_core::matching::MatchOptions;
use wor_core::{Date, MapIndex, MapSet, Referral, SocialMap, Strictness, SupportArea};

const SMALL_MAP: &str = include_str!("../small-map.json");

fn today() -> Date {
    Date::new(2026, 11, 23).unwrap()
}

fn map_set() -> &'static MapSet {
    static SET: OnceLock<MapSet> = OnceLock::new();
    SET.get_or_init(|| {
        let map = SocialMap::from_json(SMALL_MAP)
            .expect("the small map parses")
            .value;
        MapSet::new(vec![
            MapIndex::build(&map, today()).expect("the small map is valid")
        ])
    })
}

#[derive(Debug, Arbitrary)]
enum Place {
    Municipality(u8),
    Postcode(u16),
    PostcodeWithLetters(u16, u8, u8),
    Both(u8, u16),
    Raw(String),
}

#[derive(Debug, Arbitrary)]
enum Number {
    Whole(i64),
    Real(f64),
    Small(u8),
}

impl Number {
    fn json(&self) -> Value {
        match *self {
            Number::Whole(n) => json!(n),
            Number::Real(x) => serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number),
            Number::Small(n) => json!(f64::from(n) / 4.0),
        }
    }
}

#[derive(Debug, Arbitrary)]
struct Input {
    id: u8,
    age: i16,
    consent: bool,
    place: Place,
    areas: Vec<(u8, u8)>,
    text: Option<String>,
    flags: Vec<u8>,
    dkl: Option<[Option<u8>; 4]>,
    max_km: Option<Number>,
    max_eur: Option<Number>,
    days: Vec<u8>,
    times: Vec<u8>,
    languages: Vec<u8>,
    group: Option<bool>,
    wheelchair: bool,
    top: u8,
}

const MUNICIPALITIES: [&str; 6] = [
    "Leiden",
    "GM0547",
    "oegstgeest",
    "Katwijk",
    "Amstelveen",
    "Nergenshuizen",
];
const FLAGS: [&str; 4] = [
    "suicidal_ideation",
    "psychosis_suspected",
    "acute_danger",
    "mental_disorder_suspected",
];
const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const TIMES: [&str; 3] = ["morning", "afternoon", "evening"];
const LANGUAGES: [&str; 5] = ["nl", "en", "tr", "ar", "pl"];

fn pick<'a>(list: &[&'a str], i: u8) -> &'a str {
    list[usize::from(i) % list.len()]
}

fn referral_json(input: &Input) -> String {
    let mut r = Map::new();
    r.insert("id".into(), json!(format!("r{}", input.id)));
    r.insert("age".into(), json!(input.age));
    r.insert("consent".into(), json!(input.consent));
    match &input.place {
        Place::Municipality(m) => {
            r.insert("municipality".into(), json!(pick(&MUNICIPALITIES, *m)));
        }
        Place::Postcode(p) => {
            r.insert("postcode".into(), json!(format!("{:04}", 2300 + p % 100)));
        }
        Place::PostcodeWithLetters(p, a, b) => {
            let letter = |x: u8| char::from(b'A' + x % 26);
            r.insert(
                "postcode".into(),
                json!(format!("{} {}{}", 1000 + p % 9000, letter(*a), letter(*b))),
            );
        }
        Place::Both(m, p) => {
            r.insert("municipality".into(), json!(pick(&MUNICIPALITIES, *m)));
            r.insert("postcode".into(), json!(format!("{}", 2300 + p % 100)));
        }
        Place::Raw(s) => {
            r.insert("municipality".into(), json!(s));
        }
    }
    let areas: Vec<Value> = input
        .areas
        .iter()
        .map(|(a, s)| json!({"area": SupportArea::ALL[usize::from(*a) % 16].id(), "severity": s % 5}))
        .collect();
    r.insert("areas".into(), Value::Array(areas));
    if let Some(t) = &input.text {
        r.insert("text".into(), json!(t));
    }
    let flags: Vec<&str> = input.flags.iter().map(|f| pick(&FLAGS, *f)).collect();
    r.insert("flags".into(), json!(flags));
    if let Some(d) = input.dkl {
        let names = ["distress", "depression", "anxiety", "somatization"];
        let scales: Map<String, Value> = names
            .iter()
            .zip(d)
            .filter_map(|(n, v)| v.map(|v| (n.to_string(), json!(v % 40))))
            .collect();
        r.insert("screening".into(), json!({"4dkl": scales}));
    }
    let mut p = Map::new();
    if let Some(km) = &input.max_km {
        p.insert("max_km".into(), km.json());
    }
    if let Some(eur) = &input.max_eur {
        p.insert("max_eur_per_month".into(), eur.json());
    }
    p.insert(
        "days".into(),
        json!(input
            .days
            .iter()
            .map(|d| pick(&DAYS, *d))
            .collect::<Vec<_>>()),
    );
    p.insert(
        "times".into(),
        json!(input
            .times
            .iter()
            .map(|t| pick(&TIMES, *t))
            .collect::<Vec<_>>()),
    );
    p.insert(
        "languages".into(),
        json!(input
            .languages
            .iter()
            .map(|l| pick(&LANGUAGES, *l))
            .collect::<Vec<_>>()),
    );
    if let Some(g) = input.group {
        p.insert("group".into(), json!(g));
    }
    p.insert("wheelchair".into(), json!(input.wheelchair));
    r.insert("preferences".into(), Value::Object(p));
    Value::Object(r).to_string()
}

fuzz_target!(|input: Input| {
    let json = referral_json(&input);
    let Ok(parsed) = Referral::from_json(&json, Strictness::Strict) else {
        return;
    };
    let r = parsed.value;
    let set = map_set();
    let opts = MatchOptions {
        top_k: usize::from(input.top % 12) + 1,
        date: today(),
    };
    let Ok(result) = set.match_one(&r, &opts, None) else {
        return;
    };
    let again = set
        .match_one(&r, &opts, None)
        .expect("second run succeeds too");
    assert_eq!(
        serde_json::to_string(&result).unwrap(),
        serde_json::to_string(&again).unwrap(),
        "deterministic"
    );
    assert!(result.suggestions.len() <= opts.top_k);
    let index = &set.maps[0];
    let p = &r.preferences;
    let mut seen = std::collections::BTreeSet::new();
    for pair in result.suggestions.windows(2) {
        assert!(pair[1].score <= pair[0].score, "the score follows the rank");
    }
    for s in &result.suggestions {
        assert!(seen.insert(s.activity_id), "{} twice", s.activity_id);
        assert!(s.score.is_finite(), "score {}", s.score);
        assert!(
            s.relevance.is_finite() && (0.0..=1.0).contains(&s.relevance),
            "relevance {}",
            s.relevance
        );
        assert!(s.distance_km.is_finite() && s.distance_km >= 0.0);
        let e = index
            .entries
            .iter()
            .find(|e| e.id == s.activity_id)
            .expect("a known entry");
        if let Some(max) = p.max_km {
            // distance_km is rounded to 0.1 km
            assert!(
                s.distance_km <= max + 0.05,
                "{} km > max {max}",
                s.distance_km
            );
        }
        if let Some(max) = p.max_eur_per_month {
            assert!(e.cost_eur_per_month <= max);
        }
        if p.wheelchair {
            assert!(e.wheelchair_accessible);
        }
        assert!(r.age >= i64::from(e.min_age));
        assert!(e.max_age.is_none_or(|m| r.age <= i64::from(m)));
        assert!(e.valid_on(opts.date));
        assert!(
            !s.areas.is_empty(),
            "every suggestion serves a referral area"
        );
    }
    let batch = set.match_batch(std::slice::from_ref(&r), &opts);
    let batch = batch[0]
        .as_ref()
        .expect("a batch of one succeeds like match_one");
    assert_eq!(batch.route, result.route);
});
