//! The `wor` command from the user's side: exit codes, stdout/stderr contract, batches with broken lines,
//! hard filters at their edges, determinism, atomic output.

use serde_json::Value;

mod common;
use common::{
    json_lines, lonely_in_uithoorn, reasons_with_code, repo, stderr, wor_match,
    wor_with_input as wor, DATE,
};

fn match_one(referral: &str) -> Value {
    let out = wor_match(&["--top", "10"], referral);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    json_lines(&out).remove(0)
}

fn suggestions(result: &Value) -> &Vec<Value> {
    result["suggestions"].as_array().unwrap()
}

#[test]
fn triage_batch_reports_bad_lines_and_still_triages_the_rest() {
    let input = [
        r#"{"id":"a","age":70,"consent":true,"municipality":"Leiden","text":"mevr voelt zich eenzaam"}"#,
        r#"{"id":"b","age":"old","consent":true,"municipality":"Leiden"}"#,
        "",
        r#"{"id":"c","age":40,"consent":true,"municipality":"Leiden","areas":[{"area":"eenzaamheid"}]}"#,
        r#"not json"#,
        r#"{"id":"a","age":30,"consent":true,"municipality":"Leiden"}"#,
        r#"{"id":"d","age":30,"consent":true,"municipality":"Leiden","flags":["acute_danger"]}"#,
    ]
    .join("\n");
    let out = wor(&["triage"], &input);
    assert_eq!(out.status.code(), Some(1));
    let results = json_lines(&out);
    let ids: Vec<&str> = results.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a", "d"]);
    assert_eq!(results[0]["route"], "wor");
    assert_eq!(results[1]["route"], "urgent");
    for key in [
        "id",
        "route",
        "areas",
        "reasons",
        "pathways",
        "rules_version",
    ] {
        assert!(results[0].get(key).is_some(), "missing {key}");
    }
    let err = stderr(&out);
    assert!(err.contains("line 2: age: wrong type"), "{err}");
    assert!(
        err.contains("line 4: areas[0].area: unknown support area 'eenzaamheid'; use an id or a Dutch label: loneliness (Eenzaamheid"),
        "{err}"
    );
    assert!(err.contains("line 5: "), "{err}");
    assert!(
        err.contains("line 6: id: duplicate id 'a' (first on line 1)"),
        "{err}"
    );
    assert!(err.contains("read 6, triaged 2, rejected 4"), "{err}");
}

#[test]
fn empty_input_is_not_an_error() {
    let out = wor(&["triage"], "");
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
}

#[test]
fn strict_mode_rejects_unknown_fields_lenient_warns() {
    let line = r#"{"id":"a","age":40,"consent":true,"municipality":"Leiden","shoe_size":44}"#;
    let lenient = wor(&["triage"], line);
    assert_eq!(lenient.status.code(), Some(0));
    assert!(stderr(&lenient).contains("line 1: warning: shoe_size: unknown field"));
    let strict = wor(&["triage", "--strict"], line);
    assert_eq!(strict.status.code(), Some(1));
    assert!(stderr(&strict).contains("line 1: shoe_size: unknown field"));
}

#[test]
fn every_problem_of_a_line_is_reported_and_the_line_counted_once() {
    let input = [
        r#"{"id":"a","age":130,"consent":true,"postcode":"12","eye_colour":"blue"}"#,
        r#"{"id":"b","age":40,"consent":true,"municipality":"Leiden"}"#,
    ]
    .join("\n");
    let out = wor(&["triage", "--strict"], &input);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json_lines(&out).len(), 1);
    let err = stderr(&out);
    let problems: Vec<&str> = err.lines().filter(|l| l.starts_with("line 1: ")).collect();
    assert_eq!(
        problems,
        [
            "line 1: eye_colour: unknown field (not allowed in strict mode)",
            "line 1: age: must be between 0 and 120, got 130",
            "line 1: postcode: '12' is not a Dutch postcode (expected 1234 or 1234 AB)",
        ],
        "{err}"
    );
    assert!(err.contains("read 2, triaged 1, rejected 1"), "{err}");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(wor(&["match"], "").status.code(), Some(2));
    assert_eq!(wor(&["frobnicate"], "").status.code(), Some(2));
    assert_eq!(
        wor(&["match", "--map", "social-map", "--top", "0"], "")
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn match_output_contract_and_stamp() {
    let r = match_one(
        r#"{"id":"m1","age":78,"consent":true,"postcode":"2315","text":"weduwe, eenzaam sinds overlijden man"}"#,
    );
    assert_eq!(r["id"], "m1");
    assert_eq!(r["map"]["region"], "zuid-holland-noord");
    assert_eq!(
        r["map"]["version"], "2026.3.0",
        "the region directory's latest version"
    );
    assert!(r["map"]["hash"].as_str().unwrap().starts_with("sha256:"));
    let s = suggestions(&r);
    assert!(!s.is_empty());
    for key in [
        "activity_id",
        "name",
        "score",
        "areas",
        "distance_km",
        "why",
    ] {
        assert!(s[0].get(key).is_some(), "missing {key}");
    }
    // Ranked by score with the diversity re-rank allowed to reorder only slightly: scores are finite.
    for x in s {
        let score = x["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score));
        assert!(x["areas"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "loneliness" || a == "life_event"));
    }
}

/// `wor match` writes its JSON lines with a faster serialiser than the engine's other output: they
/// must be byte for byte what serde_json makes of the engine's results, also for awkward text.
#[test]
fn match_lines_are_exactly_the_engines_results_as_json() {
    use wor_core::{Date, MapIndex, MapSet, MatchOptions, Referral, SocialMap, Strictness};
    let map_path = "social-map/zuid-holland-noord/2026.2.0.json";
    let referrals = [
        r#"{"id":"q\"uote\\back","age":70,"consent":true,"municipality":"Leiden","text":"Eenzaam sinds\u0001 overlijden partner; \"schulden\" \t é ü 🙂 </script>","preferences":{"languages":["ar"],"days":["tue"],"max_eur_per_month":12.5}}"#,
        r#"{"id":"\u00e9\u2028","age":45,"consent":true,"postcode":"2312 AB","areas":[{"area":"debt_poverty","severity":3}],"text":"Mantelzorger, overbelast.\r\nKan niet goed lezen."}"#,
        r#"{"id":"urgent","age":30,"consent":true,"municipality":"Katwijk","flags":["suicidal_ideation"]}"#,
        r#"{"id":"far","age":88,"consent":true,"municipality":"Noordwijk","areas":[{"area":"loneliness","severity":1}],"preferences":{"max_km":0.5,"wheelchair":true}}"#,
    ];
    let out = wor(
        &["match", "--map", map_path, "--top", "7", "--date", DATE],
        &referrals.join("\n"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let date: Date = DATE.parse().unwrap();
    let text = std::fs::read_to_string(repo().join(map_path)).unwrap();
    let map = SocialMap::from_json(&text).unwrap().value;
    let set = MapSet::new(vec![MapIndex::build(&map, date).unwrap()]);
    let parsed: Vec<Referral> = referrals
        .iter()
        .map(|r| Referral::from_json(r, Strictness::Strict).unwrap().value)
        .collect();
    let opts = MatchOptions { top_k: 7, date };
    let expected: Vec<String> = set
        .match_batch(&parsed, &opts)
        .into_iter()
        .map(|r| serde_json::to_string(&r.unwrap()).unwrap())
        .collect();
    let written = String::from_utf8(out.stdout).unwrap();
    assert_eq!(written.lines().collect::<Vec<_>>(), expected);
    assert!(written.contains(r#""id":"q\"uote\\back""#), "{written}");
}

#[test]
fn hard_filter_max_km_at_its_edge() {
    let base = |km: f64| {
        format!(
            r#"{{"id":"k","age":50,"consent":true,"postcode":"2312","areas":[{{"area":"loneliness","severity":2}}],"preferences":{{"max_km":{km}}}}}"#
        )
    };
    let wide = match_one(&base(30.0));
    let distances: Vec<f64> = suggestions(&wide)
        .iter()
        .map(|s| s["distance_km"].as_f64().unwrap())
        .collect();
    let edge = distances.iter().cloned().fold(0.0, f64::max);
    assert!(
        edge > 0.5,
        "need a suggestion away from home to test the edge: {distances:?}"
    );
    // Just above and just below the farthest suggestion's (rounded) distance.
    let above = match_one(&base(edge + 0.06));
    assert!(suggestions(&above)
        .iter()
        .all(|s| s["distance_km"].as_f64().unwrap() <= edge + 0.06));
    let below = match_one(&base(edge - 0.06));
    for s in suggestions(&below) {
        assert!(
            s["distance_km"].as_f64().unwrap() <= edge - 0.06 + 0.05,
            "{s}"
        );
    }
}

#[test]
fn hard_filters_budget_wheelchair_age() {
    let r = match_one(
        r#"{"id":"h","age":30,"consent":true,"municipality":"Leiden","areas":[{"area":"loneliness"},{"area":"lifestyle"},{"area":"leisure_daytime"}],"preferences":{"max_eur_per_month":0,"wheelchair":true}}"#,
    );
    let s = suggestions(&r);
    assert!(!s.is_empty());
    let map: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("social-map/zuid-holland-noord/2026.2.0.json"))
            .unwrap(),
    )
    .unwrap();
    let entries = map["activities"].as_array().unwrap();
    for sug in s {
        let e = entries
            .iter()
            .find(|e| e["id"] == sug["activity_id"])
            .unwrap();
        assert_eq!(
            e["cost_eur_per_month"].as_f64().unwrap(),
            0.0,
            "{}",
            e["id"]
        );
        assert_eq!(e["wheelchair_accessible"], true, "{}", e["id"]);
        assert!(e["min_age"].as_u64().unwrap_or(0) <= 30, "{}", e["id"]);
        assert!(e["max_age"].as_u64().is_none_or(|m| m >= 30), "{}", e["id"]);
    }
}

#[test]
fn match_is_deterministic_and_writes_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let out_a = dir.path().join("a.jsonl");
    let out_b = dir.path().join("b.jsonl");
    for out in [&out_a, &out_b] {
        let o = wor_match(
            &[
                "tests/fixtures/referrals.jsonl",
                "--output",
                out.to_str().unwrap(),
            ],
            "",
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(o.stdout.is_empty(), "data goes to the file only");
    }
    assert_eq!(
        std::fs::read(&out_a).unwrap(),
        std::fs::read(&out_b).unwrap()
    );
    // A run that fails (bad map) leaves no output file behind.
    let failed = dir.path().join("failed.jsonl");
    let o = wor(
        &[
            "match",
            "--map",
            "does-not-exist",
            "tests/fixtures/referrals.jsonl",
            "--output",
            failed.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(!failed.exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 2, "no temp files left behind");
}

#[test]
fn match_reads_and_writes_csv() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.csv");
    std::fs::write(
        &input,
        "id,age,consent,municipality,areas,text,max_km,days,times\n\
         c1,67,ja,Amstelveen,loneliness:3;leisure_daytime,weduwnaar,10,tue;wed,morning\n",
    )
    .unwrap();
    let output = dir.path().join("out.csv");
    let o = wor_match(
        &[
            "--top",
            "3",
            input.to_str().unwrap(),
            "--output",
            output.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let csv = std::fs::read_to_string(&output).unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert!(rows[0].starts_with("id,rank,activity_id,name"));
    assert_eq!(rows.len(), 4, "{csv}");
    assert!(rows[1].starts_with("c1,1,ams-"));
}

#[test]
fn collective_first_in_a_batch() {
    let batch = ["g1", "g2", "g3"].map(lonely_in_uithoorn).join("\n");
    let out = wor_match(&[], &batch);
    let results = json_lines(&out);
    let why = reasons_with_code(&results[0], "collective");
    assert!(
        !why.is_empty(),
        "group activities say they can take the others along"
    );
    assert!(
        why[0]["nl"].as_str().unwrap().contains("2 andere"),
        "{}",
        why[0]
    );
}

#[test]
fn map_validate_reports_entry_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut map: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("social-map/amstelland/2026.1.0.json")).unwrap(),
    )
    .unwrap();
    let acts = map["activities"].as_array_mut().unwrap();
    let dup = acts[0]["id"].as_str().unwrap().to_string();
    acts[1]["id"] = dup.clone().into();
    acts[2]["areas"] = serde_json::json!([{"area": "gardening", "weight": 1.0}]);
    acts[3]["location"]["lat"] = 48.85.into();
    acts[4]["valid_from"] = "2026-05-01".into();
    acts[4]["valid_to"] = "2026-01-01".into();
    acts[5]["schedule"] = serde_json::json!([{"day": "maandag", "start": "10:00", "end": "09:00"}]);
    acts[6]["municipality"] = "GM0546".into();
    let path = dir.path().join("bad.json");
    std::fs::write(&path, map.to_string()).unwrap();
    let out = wor(
        &["map", "validate", path.to_str().unwrap(), "--date", DATE],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    for expected in [
        format!("entry '{dup}': id: duplicate id"),
        "areas[0].area: unknown support area 'gardening'".to_string(),
        "location: coordinates (48.85".to_string(),
        "valid_to: 2026-01-01 is before valid_from 2026-05-01".to_string(),
        "schedule[0].day: 'maandag' is not one of mon".to_string(),
        "municipality: 'GM0546' is not a municipality of this region's map".to_string(),
    ] {
        assert!(err.contains(&expected), "missing «{expected}» in:\n{err}");
    }
    let ok = wor(&["map", "validate", "social-map", "--date", DATE], "");
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
}

/// Risk decides first: an invalid record whose note or flags carry a risk is written as urgent, in its
/// place, with its problems as `input_problems`; the problems are still on stderr and the run exits 1.
/// Every combination of a risk form and a breakage is tried in one batch.
#[test]
fn triage_writes_the_urgent_decision_of_an_invalid_referral_with_a_risk_signal() {
    let risks = [
        r#""flags":["suicidal_ideation"]"#,
        r#""flags":["acute_danger","bogus"]"#,
        r#""text":"Ziet het niet meer zitten, heeft pillen gespaard""#,
        r#""text":"Hears voices telling him to hurt himself""#,
    ];
    let broken = [
        r#""consent":true,"municipality":"Leiden""#,
        r#""age":"oud","consent":true,"municipality":"Leiden""#,
        r#""age":17.5,"consent":"ja","postcode":"12""#,
        r#""age":40,"consent":true"#,
        r#""age":40,"municipality":"Leiden","areas":[{"area":"tuinieren"}]"#,
    ];
    let mut lines = vec![
        r#"{"id":"fine","age":70,"consent":true,"municipality":"Leiden","text":"eenzaam"}"#
            .to_string(),
        r#"{"id":"calm","age":"oud","consent":true,"municipality":"Leiden","text":"eenzaam"}"#
            .to_string(),
    ];
    for (i, risk) in risks.iter().enumerate() {
        for (j, rest) in broken.iter().enumerate() {
            lines.push(format!(r#"{{"id":"r{i}{j}",{rest},{risk}}}"#));
        }
    }
    let out = wor(&["triage"], &lines.join("\n"));
    assert_eq!(out.status.code(), Some(1));
    let results = json_lines(&out);
    let ids: Vec<&str> = results.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let mut expected = vec!["fine".to_string()];
    expected
        .extend((0..risks.len()).flat_map(|i| (0..broken.len()).map(move |j| format!("r{i}{j}"))));
    assert_eq!(
        ids, expected,
        "in input order; the calm invalid record gets no decision"
    );
    assert!(results[0].get("input_problems").is_none());
    for r in &results[1..] {
        assert_eq!(r["route"], "urgent", "{r}");
        let problems = r["input_problems"].as_array().expect("input_problems");
        assert!(
            !problems.is_empty()
                && problems
                    .iter()
                    .all(|p| p["code"].is_string() && p["field"].is_string()),
            "{r}"
        );
        let steps: Vec<&str> = r["pathways"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap())
            .collect();
        assert_eq!(steps, ["assess_today", "crisis_line"]);
    }
    let err = stderr(&out);
    assert!(err.contains("line 2: age: wrong type"), "{err}");
    assert!(
        err.contains("line 3: missing field `age`") || err.contains("line 3: "),
        "{err}"
    );
    let rejected = 1 + risks.len() * broken.len();
    assert!(
        err.contains(&format!(
            "read {}, triaged {}, rejected {rejected} (of which {} triaged as urgent all the same: risk decides first)",
            lines.len(),
            results.len(),
            risks.len() * broken.len()
        )),
        "{err}"
    );
}
