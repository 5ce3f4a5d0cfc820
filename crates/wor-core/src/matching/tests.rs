use super::context::Context;
use super::score::{score_entry, speaks_a_wanted_language};
use super::search::{best_candidates, Cutoff, Scored};
use super::*;
use crate::date::Date;
use crate::geo;
use crate::index::MapIndex;
use crate::triage::referral_areas;
use crate::{SocialMap, Strictness};

/// A synthetic map from wor-map. wor-map builds on its own copy of this crate, whose types differ
/// from the ones under test: the map crosses over as JSON, as it would from a file.
fn generate(entries: usize, seed: u64, date: Date) -> SocialMap {
    let map = wor_map::generate::generate(entries, seed, date.to_string().parse().unwrap());
    SocialMap::from_json(&serde_json::to_string(&map).unwrap())
        .unwrap()
        .value
}

/// A one-region map of Leiden entries; each entry is `(id, fields)` with `fields` JSON members
/// added to (or overriding) a free, weekly Tuesday-morning group activity for loneliness.
fn tiny(entries: &[(&str, &str)]) -> MapIndex {
    let list: Vec<String> = entries
        .iter()
        .map(|(id, fields)| {
            let mut e: serde_json::Value = serde_json::from_str(&format!(
                r#"{{"id":"{id}","name":"{id}","organisation":"{id}","kind":"activity","group":true,
                "areas":["loneliness"],"municipality":"GM0546","location":{{"lat":52.158,"lon":4.493}},
                "schedule":[{{"day":"tue","start":"10:00","end":"12:00"}}],"cost_eur_per_month":0,
                "languages":["nl"],"last_verified":"2026-11-01"}}"#
            ))
            .unwrap();
            let extra: serde_json::Value = serde_json::from_str(&format!("{{{fields}}}")).unwrap();
            for (k, v) in extra.as_object().unwrap() {
                e[k] = v.clone();
            }
            e.to_string()
        })
        .collect();
    let json = format!(
        r#"{{"schema":"wor-social-map/1","region":{{"id":"t","name":"T"}},"version":"1","published":"2026-11-01",
        "municipalities":[{{"code":"GM0546","name":"Leiden"}}],"activities":[{}]}}"#,
        list.join(",")
    );
    let date: Date = "2026-11-23".parse().unwrap();
    MapIndex::build(&SocialMap::from_json(&json).unwrap().value, date).unwrap()
}

/// The ids of the suggestions for `referral` (JSON members after id, consent), best first.
fn ranked<'a>(index: &'a MapIndex, referral: &'a Referral) -> MatchResult<'a> {
    let opts = MatchOptions {
        top_k: 10,
        date: "2026-11-23".parse().unwrap(),
    };
    match_referral(index, referral, &opts, None).unwrap()
}

fn referral(fields: &str) -> Referral {
    Referral::from_json(
        &format!(r#"{{"id":"r","consent":true,{fields}}}"#),
        Strictness::Strict,
    )
    .unwrap()
    .value
}

fn order<'a>(result: &'a MatchResult) -> Vec<&'a str> {
    result.suggestions.iter().map(|s| s.activity_id).collect()
}

fn why<'a>(result: &'a MatchResult, id: &str, code: &str) -> Vec<&'a str> {
    result
        .suggestions
        .iter()
        .find(|s| s.activity_id == id)
        .unwrap()
        .why
        .iter()
        .filter(|w| w.code == code)
        .map(|w| w.nl.as_ref())
        .collect()
}

#[test]
fn the_form_of_provision_weighs_in_the_need_fit() {
    assert_eq!(form_factor(SupportArea::Loneliness, true, false), 1.0);
    assert_eq!(form_factor(SupportArea::Loneliness, false, true), 0.9);
    assert_eq!(form_factor(SupportArea::Loneliness, false, false), 0.45);
    assert_eq!(form_factor(SupportArea::DebtPoverty, true, false), 0.5);
    assert_eq!(form_factor(SupportArea::DebtPoverty, false, true), 1.0);
    assert_eq!(form_factor(SupportArea::CarerStrain, false, false), 0.7);
    assert_eq!(form_factor(SupportArea::Lifestyle, false, false), 1.0);
    // A one-to-one service listing loneliness among several areas at full weight (no main area)
    // loses to a group that serves loneliness less fully; a buddy (loneliness its main area) does not.
    let index = tiny(&[
        (
            "advice",
            r#""kind":"service","group":false,"schedule":"by_appointment","areas":["home_support","loneliness","debt_poverty"]"#,
        ),
        (
            "buddy",
            r#""kind":"service","group":false,"schedule":"by_appointment","areas":["loneliness",{"area":"home_support","weight":0.5}]"#,
        ),
        ("group", r#""areas":[{"area":"loneliness","weight":0.8}]"#),
    ]);
    let r = referral(r#""age":50,"municipality":"Leiden","areas":[{"area":"loneliness"}]"#);
    let result = ranked(&index, &r);
    assert_eq!(order(&result), ["buddy", "group", "advice"]);
    assert_eq!(
        why(&result, "advice", "form"),
        ["één-op-één; bij eenzaamheid helpt vooral ontmoeten (groep, maatje, inloop)"]
    );
    // The form of help is said once: the group line, not also "samen met anderen".
    assert_eq!(why(&result, "group", "form"), ["in een groep"]);
    // Debts: debt help (its main area) above a cheap meal that lists money worries.
    let index = tiny(&[
        (
            "meal",
            r#""areas":["loneliness",{"area":"debt_poverty","weight":0.9}]"#,
        ),
        (
            "debt-help",
            r#""kind":"service","group":false,"schedule":"by_appointment","areas":[{"area":"debt_poverty","weight":0.9}]"#,
        ),
    ]);
    let r = referral(r#""age":50,"municipality":"Leiden","areas":[{"area":"debt_poverty"}]"#);
    let result = ranked(&index, &r);
    assert_eq!(order(&result), ["debt-help", "meal"]);
    // A card never says "helpt bij geldzorgen" beside "geen schuldhulp".
    assert_eq!(
        why(&result, "meal", "areas"),
        ["raakt aan geldzorgen, maar is geen schuldhulp"]
    );
    assert_eq!(why(&result, "debt-help", "areas"), ["helpt bij geldzorgen"]);
    assert_eq!(
        why(&result, "debt-help", "form"),
        ["een dienst: één-op-één"]
    );
}

#[test]
fn an_entry_for_another_audience_comes_after_all_that_fit() {
    // The newcomers' service is nearer and serves more; the others still come first.
    let index = tiny(&[
        (
            "far-walk",
            r#""location":{"lat":52.20,"lon":4.55},"areas":[{"area":"loneliness","weight":0.3}]"#,
        ),
        (
            "for-newcomers",
            r#""audience":["newcomers"],"areas":["loneliness","life_event"]"#,
        ),
        (
            "for-older",
            r#""audience":["older_adults","men"],"areas":[{"area":"loneliness","weight":0.5}]"#,
        ),
    ]);
    let r = referral(
        r#""age":74,"municipality":"Leiden","areas":[{"area":"loneliness"},{"area":"life_event"}]"#,
    );
    let result = ranked(&index, &r);
    assert_eq!(order(&result), ["for-older", "far-walk", "for-newcomers"]);
    assert_eq!(why(&result, "for-older", "audience"), ["voor ouderen"]);
    assert_eq!(
        why(&result, "for-newcomers", "audience"),
        ["bedoeld voor nieuwkomers; niet bekend dat de inwoner daarbij hoort (lager gerangschikt)"]
    );
    // The referrer knows she is a newcomer: then it fits and ranks on its merits.
    let r = referral(
        r#""age":74,"municipality":"Leiden","audience":["newcomers"],"areas":[{"area":"loneliness"},{"area":"life_event"}]"#,
    );
    let result = ranked(&index, &r);
    assert_eq!(order(&result)[0], "for-newcomers");
    // Derived audiences count: a 40-year-old is no older adult, but a carer through carer strain.
    let index = tiny(&[
        (
            "carers-cafe",
            r#""audience":["carers"],"areas":["carer_strain"]"#,
        ),
        (
            "older-cafe",
            r#""audience":["older_adults"],"areas":["carer_strain"],"location":{"lat":52.159,"lon":4.493}"#,
        ),
    ]);
    let r = referral(r#""age":40,"municipality":"Leiden","areas":[{"area":"carer_strain"}]"#);
    assert_eq!(order(&ranked(&index, &r)), ["carers-cafe", "older-cafe"]);
}

#[test]
fn wishes_move_the_ranking() {
    let index = tiny(&[
        (
            "appointment",
            r#""kind":"service","group":false,"schedule":"by_appointment""#,
        ),
        ("tue-morning", ""),
        (
            "wed-evening",
            r#""schedule":[{"day":"wed","start":"19:00","end":"21:00"}]"#,
        ),
    ]);
    let base = r#""age":50,"municipality":"Leiden","areas":[{"area":"loneliness"}]"#;
    // A fixed slot on a wished morning, then by appointment, then a slot at another moment.
    let r = referral(&format!(
        r#"{base},"preferences":{{"days":["tue"],"times":["morning"]}}"#
    ));
    assert_eq!(
        order(&ranked(&index, &r)),
        ["tue-morning", "appointment", "wed-evening"]
    );
    let r = referral(&format!(r#"{base},"preferences":{{"days":["wed"]}}"#));
    assert_eq!(order(&ranked(&index, &r))[0], "wed-evening");
    // One-to-one wished: the service comes first; a group wished: it comes last.
    let r = referral(&format!(r#"{base},"preferences":{{"group":false}}"#));
    assert_eq!(order(&ranked(&index, &r))[0], "appointment");
    // A group on Wednesdays wished: the Wednesday group first; the service is the help itself (no
    // form wish applies to it) and meets the day wish by appointment; the Tuesday group goes against
    // the day wish and comes after both, and the notes do not ask to loosen a wish (one fits).
    let r = referral(&format!(
        r#"{base},"preferences":{{"group":true,"days":["wed"]}}"#
    ));
    let result = ranked(&index, &r);
    assert_eq!(
        order(&result),
        ["wed-evening", "appointment", "tue-morning"]
    );
    assert!(!result.notes.iter().any(|n| n.code == "loosen_wish"));
    // Nothing meets a wish for one-to-one help on Thursdays but the service: when the service is
    // gone, the notes say which wishes to loosen.
    let groups_only = tiny(&[
        ("tue-morning", ""),
        (
            "wed-evening",
            r#""schedule":[{"day":"wed","start":"19:00","end":"21:00"}]"#,
        ),
    ]);
    let r = referral(&format!(
        r#"{base},"preferences":{{"group":false,"days":["thu"]}}"#
    ));
    let result = ranked(&groups_only, &r);
    let loosen: Vec<&str> = result
        .notes
        .iter()
        .filter(|n| n.code == "loosen_wish")
        .map(|n| n.nl.as_ref())
        .collect();
    assert_eq!(
        loosen,
        ["Niets past bij alle wensen: versoepel de wens voor één-op-één hulp en de gewenste dagen en dagdelen."]
    );
    // Strict: the Wednesday evening is left out and counted; by appointment stays.
    let r = referral(&format!(
        r#"{base},"preferences":{{"days":["tue"],"strict_days":true}}"#
    ));
    let result = ranked(&index, &r);
    assert_eq!(order(&result), ["tue-morning", "appointment"]);
    assert_eq!(
        result.filtered,
        [Filtered {
            filter: "strict_days",
            entries: 1
        }]
    );
    assert!(result
        .notes
        .iter()
        .any(|n| n.code == "strict_days" && n.nl.contains(": 1 weggelaten (")));
    // A lonely resident whose wished moment no group meets is told so.
    let r = referral(&format!(r#"{base},"preferences":{{"days":["fri"]}}"#));
    let result = ranked(&index, &r);
    assert!(result
        .notes
        .iter()
        .any(|n| n.code == "no_group_at_wished_moment"));
    let r = referral(&format!(r#"{base},"preferences":{{"days":["tue"]}}"#));
    assert!(!ranked(&index, &r)
        .notes
        .iter()
        .any(|n| n.code == "no_group_at_wished_moment"));
}

#[test]
fn distances_say_where_they_are_measured_from() {
    let index = tiny(&[("walk", "")]);
    let r = referral(r#""age":50,"postcode":"2312 AB","areas":[{"area":"loneliness"}]"#);
    let result = ranked(&index, &r);
    assert_eq!(result.origin.pc4, Some(2312));
    assert_eq!(result.origin.nl, "vanaf postcodegebied 2312");
    let distance = why(&result, "walk", "distance");
    assert!(
        distance[0].ends_with(" km vanaf postcodegebied 2312"),
        "{distance:?}"
    );
    let r = referral(r#""age":50,"municipality":"Leiden","areas":[{"area":"loneliness"}]"#);
    let result = ranked(&index, &r);
    assert_eq!(result.origin.pc4, None);
    assert_eq!(result.origin.en, "from the centre of Leiden");
    assert!(why(&result, "walk", "distance")[0].ends_with(" km vanaf het centrum van Leiden"));
}

/// The nearest-first search with its stopping bound returns exactly the pool a full scan would.
#[test]
fn pruned_search_equals_exhaustive_scoring() {
    let date: Date = "2026-11-23".parse().unwrap();
    let index = MapIndex::build(&generate(3_000, 5, date), date).unwrap();
    let referrals: Vec<Referral> = geo::MUNICIPALITIES
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let area = SupportArea::ALL[1 + i % 15];
            let km = if i % 3 == 0 {
                ",\"preferences\":{\"max_km\":4}"
            } else {
                ""
            };
            let json = format!(
                r#"{{"id":"x","age":{},"consent":true,"municipality":"{}","areas":[{{"area":"{}","severity":3}},{{"area":"loneliness"}}]{km}}}"#,
                20 + 3 * i,
                m.name,
                area.id()
            );
            Referral::from_json(&json, Strictness::Strict)
                .unwrap()
                .value
        })
        .collect();
    // Every referral counted twice: each has one other for the collective bonus.
    let demand = Demand::of(&[referrals.clone(), referrals.clone()].concat());
    let mut with_bonus = 0;
    for r in &referrals {
        let (home, municipality) = resident_location(r).unwrap();
        let areas = referral_areas(r);
        let ctx = Context::new(
            &index,
            r,
            &areas,
            home,
            municipality,
            date,
            r.life_event_set(),
        );
        let wanted: Vec<SupportArea> = areas.iter().map(|f| f.area).collect();
        for demand in [None, Some(&demand)] {
            let order = |v: &mut Vec<Scored>| {
                v.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entry.cmp(&b.entry)));
                v.truncate(40);
                v.iter().map(|s| (s.entry, s.score)).collect::<Vec<_>>()
            };
            let mut pruned = best_candidates(&index, &ctx, &wanted, demand, 40);
            let mut full: Vec<Scored> = (0..index.entries.len() as u32)
                .filter(|&e| {
                    wanted
                        .iter()
                        .any(|a| index.entries[e as usize].area_set.contains(*a))
                })
                .filter_map(|e| {
                    score_entry(
                        &index,
                        e,
                        &index.hot[e as usize],
                        &ctx,
                        demand,
                        Cutoff::NONE,
                    )
                })
                .collect();
            assert!(pruned.len() <= full.len());
            with_bonus += full.iter().filter(|s| s.collective > 0).count();
            assert_eq!(
                order(&mut pruned),
                order(&mut full),
                "{}",
                municipality.name
            );
        }
    }
    assert!(with_bonus > 0, "the collective bonus was exercised");
}

/// The packed language bits decide exactly as comparing the language lists, also on a map with
/// more than 64 languages and for stated languages the map does not have.
#[test]
fn language_bits_agree_with_the_language_lists() {
    let date: Date = "2026-11-23".parse().unwrap();
    let mut map = generate(400, 11, date);
    // 80 two-letter codes: more than the 64 that get a bit.
    let codes: Vec<String> = (0..80u8)
        .map(|i| String::from_utf8(vec![b'a' + i / 26, b'a' + i % 26]).unwrap())
        .collect();
    for (i, a) in map.activities.iter_mut().enumerate() {
        a.languages = (0..1 + i % 3)
            .map(|j| codes[(i * 7 + j * 31) % 80].clone())
            .collect();
    }
    let index = MapIndex::build(&map, date).unwrap();
    assert!(index.languages.len() > 64);
    let mut agreed = (0, 0);
    for wanted in [
        vec!["aa"],
        vec!["cz"],
        vec!["bb", "cq"],
        vec!["zz"],
        vec!["ab", "zz", "cy"],
    ] {
        let json = format!(
            r#"{{"id":"x","age":40,"consent":true,"municipality":"Leiden","areas":[{{"area":"loneliness","severity":2}}],"preferences":{{"languages":{wanted:?}}}}}"#
        );
        let r = Referral::from_json(&json, Strictness::Strict)
            .unwrap()
            .value;
        let (home, municipality) = resident_location(&r).unwrap();
        let ctx = Context::new(
            &index,
            &r,
            &referral_areas(&r),
            home,
            municipality,
            date,
            r.life_event_set(),
        );
        for (i, e) in index.entries.iter().enumerate() {
            let expected = e
                .languages
                .iter()
                .any(|l| r.preferences.languages.contains(l));
            let got = speaks_a_wanted_language(&index, i as u32, &index.hot[i], &ctx);
            assert_eq!(got, expected, "{} {:?} vs {wanted:?}", e.id, e.languages);
            if expected {
                agreed.0 += 1;
            } else {
                agreed.1 += 1;
            }
        }
    }
    assert!(
        agreed.0 > 0 && agreed.1 > 0,
        "both outcomes were exercised: {agreed:?}"
    );
}

/// What `wor tune` caches (`features`) re-scored by `Weights::score` is exactly the relevance matching
/// gives, with the default weights and with a region's own; and other weights really change the ranking.
#[test]
fn cached_features_score_as_matching_does() {
    let date: Date = "2026-11-23".parse().unwrap();
    let mut index = MapIndex::build(&generate(2_000, 3, date), date).unwrap();
    let tuned = Weights {
        decay_km_under_65: 30.0,
        decay_km_65_74: 30.0,
        decay_km_75_plus: 30.0,
        need_fit: 2.0,
        cost: 3.0,
        group_mismatch: 0.2,
        ..Weights::DEFAULT
    };
    let referrals: Vec<Referral> = geo::MUNICIPALITIES
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let json = format!(
                r#"{{"id":"x","age":{},"consent":true,"municipality":"{}","areas":[{{"area":"{}","severity":2}},{{"area":"loneliness"}}],"preferences":{{"group":{},"days":["tue"]}}}}"#,
                20 + 4 * i,
                m.name,
                SupportArea::ALL[1 + i % 15].id(),
                i % 2 == 0
            );
            Referral::from_json(&json, Strictness::Strict)
                .unwrap()
                .value
        })
        .collect();
    let opts = MatchOptions { top_k: 10, date };
    let mut orders = Vec::new();
    for weights in [None, Some(tuned)] {
        index.weights = weights.map(|weights| {
            std::sync::Arc::new(crate::weights::AppliedWeights {
                weights,
                stamp: crate::weights::WeightsStamp {
                    id: "t".into(),
                    hash: "h".into(),
                },
                learned_from: None,
            })
        });
        let mut checked = 0;
        let mut order = Vec::new();
        for r in &referrals {
            let result = match_referral(&index, r, &opts, None).unwrap();
            assert_eq!(result.weights.is_some(), weights.is_some());
            let ids: Vec<&str> = result.suggestions.iter().map(|s| s.activity_id).collect();
            let features = crate::matching::features(&index, r, date, &ids).unwrap();
            for (s, f) in result.suggestions.iter().zip(&features) {
                let score = index.weights().score(f.as_ref().unwrap());
                assert_eq!(
                    (score * 1e4).round() / 1e4,
                    s.relevance,
                    "{}",
                    s.activity_id
                );
                checked += 1;
            }
            order.push(ids.join(","));
        }
        assert!(checked > 100, "{checked}");
        orders.push(order);
    }
    assert_ne!(orders[0], orders[1], "other weights change rankings");
}

/// The list is ordered by its score: scores never rise down the list, also with entries for another
/// audience (placed last) and several areas to cover.
#[test]
fn scores_follow_the_rank() {
    let date: Date = "2026-11-23".parse().unwrap();
    let index = MapIndex::build(&generate(3_000, 9, date), date).unwrap();
    let opts = MatchOptions { top_k: 10, date };
    let mut lists = 0;
    for (i, m) in geo::MUNICIPALITIES.iter().enumerate() {
        let json = format!(
            r#"{{"id":"x","age":{},"consent":true,"municipality":"{}","areas":[{{"area":"{}","severity":3}},{{"area":"loneliness"}},{{"area":"{}","severity":1}}]}}"#,
            18 + 5 * i,
            m.name,
            SupportArea::ALL[1 + i % 7].id(),
            SupportArea::ALL[8 + i % 8].id()
        );
        let r = Referral::from_json(&json, Strictness::Strict)
            .unwrap()
            .value;
        let result = match_referral(&index, &r, &opts, None).unwrap();
        let scores: Vec<f64> = result.suggestions.iter().map(|s| s.score).collect();
        assert!(
            scores.windows(2).all(|w| w[0] >= w[1]),
            "{}: {scores:?}",
            m.name
        );
        lists += usize::from(scores.len() > 1);
    }
    assert!(lists > 10);
}
