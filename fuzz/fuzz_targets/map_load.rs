//! Map loading and validation: `SocialMap::from_json`, `map::validate`, `MapIndex::build`, and
//! matching against the built index.
//!
//! Invariants: no panic; a map with errors is never indexed; a built index holds exactly the valid entries,
//! sorted by id; the canonical JSON parses back; matching a few residents against a built index
//! respects the hard filters.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wor_core::map::{validate, Level};
use wor_core::matching::MatchOptions;
use wor_core::{Date, MapIndex, MapSet, Referral, SocialMap, Strictness};

fuzz_target!(|data: &[u8]| {
    let Ok(json) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(parsed) = SocialMap::from_json(json) else {
        return;
    };
    let map = parsed.value;
    let today = Date::new(2026, 11, 23).unwrap();
    let checked = validate(&map, today);
    let errors = checked
        .issues
        .iter()
        .filter(|i| i.level == Level::Error)
        .count();
    let stamp = map.stamp();
    assert!(stamp.hash.starts_with("sha256:"));
    let pretty = map.to_json_pretty();
    if let Err(e) = SocialMap::from_json(&pretty) {
        panic!("canonical JSON does not parse back: {e}");
    }
    match MapIndex::build(&map, today) {
        Ok(index) => {
            assert_eq!(errors, 0);
            assert_eq!(index.entries.len(), checked.entries.len());
            assert!(index.entries.windows(2).all(|w| w[0].id <= w[1].id));
            // Match a few residents of the map's first municipality against it: the spatial and area
            // lookups run on arbitrary valid maps.
            let Some(code) = index.municipalities.first().cloned() else {
                return;
            };
            let set = MapSet::new(vec![index]);
            let opts = MatchOptions {
                top_k: 5,
                date: today,
            };
            for (areas, prefs) in [
                (r#"[{"area":"loneliness","severity":3}]"#, "{}"),
                (
                    r#"[{"area":"debt_poverty","severity":1},{"area":"lifestyle","severity":2}]"#,
                    r#"{"max_km":3,"max_eur_per_month":0,"wheelchair":true}"#,
                ),
            ] {
                let json = format!(
                    r#"{{"id":"f","age":70,"consent":true,"municipality":"{code}","areas":{areas},"preferences":{prefs}}}"#
                );
                let r = Referral::from_json(&json, Strictness::Strict)
                    .expect("a valid referral")
                    .value;
                let Ok(result) = set.match_one(&r, &opts, None) else {
                    continue;
                };
                assert!(result.suggestions.len() <= opts.top_k);
                for pair in result.suggestions.windows(2) {
                    assert!(pair[1].score <= pair[0].score, "the score follows the rank");
                }
                for s in &result.suggestions {
                    assert!(s.score.is_finite(), "{}", s.score);
                    assert!(
                        s.relevance.is_finite() && (0.0..=1.0).contains(&s.relevance),
                        "{}",
                        s.relevance
                    );
                    let e = set.maps[0]
                        .entries
                        .iter()
                        .find(|e| e.id == s.activity_id)
                        .unwrap();
                    if let Some(max) = r.preferences.max_km {
                        assert!(s.distance_km <= max + 0.05);
                    }
                    if let Some(max) = r.preferences.max_eur_per_month {
                        assert!(e.cost_eur_per_month <= max);
                    }
                    assert!(!r.preferences.wheelchair || e.wheelchair_accessible);
                    assert!(e.valid_on(today));
                }
            }
        }
        Err(issues) => {
            assert!(errors > 0);
            assert_eq!(issues.len(), errors);
        }
    }
});
