//! Matching vignettes (issue 31): residents of the three demo regions, written before any default was
//! tuned, with the properties their suggestions must have. Each line of
//! `tests/fixtures/match_vignettes.jsonl` is `{"name", "referral", "expect"}`; `expect` may hold:
//!
//! * `top3_not_for: [kind]`: no suggestion in the top 3 is a map entry for one of these life events;
//! * `top3_for: kind`: some suggestion in the top 3 is an entry for this life event;
//! * `top1_free`, `top1_group`, `top3_group`: the first suggestion is free / a group; some of the top 3 is a group;
//! * `top3_areas: [area]`: each area is served by some suggestion in the top 3;
//! * `top1_max_km: km`: the first suggestion lies within this distance;
//! * `wishes_first`: no suggestion against a stated form wish (activities only: a service is the help
//!   itself) or day wish (fixed slots, none at a wished moment) ranks above one that meets the wishes.
//!
//! The properties are read from the map files, not from the engine's explanations, so the test checks
//! the ranking against the data as a social worker would.

use serde_json::Value;
use std::collections::BTreeMap;
use wor_core::{Date, MapIndex, MapSet, MatchOptions, Referral, Strictness};

const MAPS: [&str; 3] = [
    "amstelland/2026.2.0.json",
    "haarlemmermeer/2026.2.0.json",
    "zuid-holland-noord/2026.3.0.json",
];

fn read(path: &str) -> String {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../");
    std::fs::read_to_string(format!("{root}{path}")).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The demo maps as a matcher and their entries as JSON by id.
fn maps(today: Date) -> (MapSet, BTreeMap<String, Value>) {
    let mut indexes = Vec::new();
    let mut entries = BTreeMap::new();
    for file in MAPS {
        let text = read(&format!("social-map/{file}"));
        let map = wor_core::SocialMap::from_json(&text).expect(file).value;
        indexes.push(MapIndex::build(&map, today).expect(file));
        let json: Value = serde_json::from_str(&text).expect(file);
        for a in json["activities"].as_array().expect(file) {
            entries.insert(a["id"].as_str().unwrap_or_default().to_string(), a.clone());
        }
    }
    (MapSet::new(indexes), entries)
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect()
}

/// The stated form or day wish the entry goes against, if any.
fn against_wish(e: &Value, prefs: &Value) -> bool {
    let form = prefs["group"]
        .as_bool()
        .is_some_and(|g| e["kind"] == "activity" && e["group"].as_bool() != Some(g));
    let (days, times) = (strings(&prefs["days"]), strings(&prefs["times"]));
    let days_off = !(days.is_empty() && times.is_empty())
        && e["schedule"].is_array()
        && !e["schedule"].as_array().into_iter().flatten().any(|slot| {
            let day = slot["day"].as_str().unwrap_or_default();
            let start = slot["start"].as_str().unwrap_or("00:00");
            let hour: u32 = start[..2].parse().unwrap_or(0);
            let part = match hour {
                0..12 => "morning",
                12..17 => "afternoon",
                _ => "evening",
            };
            (days.is_empty() || days.contains(&day)) && (times.is_empty() || times.contains(&part))
        });
    form || days_off
}

/// What is wrong with one vignette's suggestions (empty: all properties hold).
fn problems(expect: &Value, prefs: &Value, top: &[(&Value, &Value)]) -> Vec<String> {
    let mut out = Vec::new();
    let top3 = &top[..top.len().min(3)];
    let for_kind = |e: &Value, k: &str| strings(&e["life_events"]).contains(&k);
    for k in strings(&expect["top3_not_for"]) {
        if let Some((_, s)) = top3.iter().find(|(e, _)| for_kind(e, k)) {
            out.push(format!("{} (for {k}) in the top 3", s["activity_id"]));
        }
    }
    if let Some(k) = expect["top3_for"].as_str() {
        if !top3.iter().any(|(e, _)| for_kind(e, k)) {
            out.push(format!("no entry for {k} in the top 3"));
        }
    }
    let first = top.first();
    if expect["top1_free"] == true && first.is_none_or(|(e, _)| e["cost_eur_per_month"] != 0) {
        out.push("the first suggestion is not free".into());
    }
    if expect["top1_group"] == true && first.is_none_or(|(e, _)| e["group"] != true) {
        out.push("the first suggestion is not a group".into());
    }
    if expect["top3_group"] == true && !top3.iter().any(|(e, _)| e["group"] == true) {
        out.push("no group in the top 3".into());
    }
    for area in strings(&expect["top3_areas"]) {
        if !top3
            .iter()
            .any(|(_, s)| strings(&s["areas"]).contains(&area))
        {
            out.push(format!("no suggestion for {area} in the top 3"));
        }
    }
    if let Some(km) = expect["top1_max_km"].as_f64() {
        if first.is_none_or(|(_, s)| s["distance_km"].as_f64().unwrap_or(f64::MAX) > km) {
            out.push(format!("the first suggestion lies farther than {km} km"));
        }
    }
    if expect["wishes_first"] == true {
        let against: Vec<bool> = top.iter().map(|(e, _)| against_wish(e, prefs)).collect();
        if let Some(i) = against.iter().position(|a| *a) {
            if let Some(j) = against[i..].iter().position(|a| !*a) {
                out.push(format!(
                    "{} (against a wish) above {} (fits)",
                    top[i].1["activity_id"],
                    top[i + j].1["activity_id"]
                ));
            }
        }
    }
    if top.is_empty() {
        out.push("no suggestions".into());
    }
    out
}

#[test]
fn vignettes_get_the_suggestions_a_social_worker_expects() {
    let today = Date::new(2026, 11, 23).unwrap();
    let (set, entries) = maps(today);
    let opts = MatchOptions {
        top_k: 10,
        date: today,
    };
    let text = read("tests/fixtures/match_vignettes.jsonl");
    let mut failures = Vec::new();
    let mut count = 0;
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        count += 1;
        let v: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("line {}: {e}", i + 1));
        let referral = Referral::from_json(&v["referral"].to_string(), Strictness::Strict)
            .unwrap_or_else(|e| panic!("line {}: {e:?}", i + 1))
            .value;
        let result = set.match_one(&referral, &opts, None).expect("a region");
        let json = serde_json::to_value(&result).expect("serialises");
        let top: Vec<(&Value, &Value)> = json["suggestions"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|s| (&entries[s["activity_id"].as_str().unwrap_or_default()], s))
            .collect();
        let p = problems(&v["expect"], &v["referral"]["preferences"], &top);
        if !p.is_empty() {
            failures.push(format!("{} ({}): {}", v["name"], i + 1, p.join("; ")));
        }
    }
    assert!(count >= 30, "only {count} vignettes");
    println!("{} of {count} vignettes pass", count - failures.len());
    assert!(
        failures.is_empty(),
        "{} of {count} vignettes fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
