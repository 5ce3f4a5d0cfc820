//! `wor monitor` and `wor business-case` from the user's side: the plan's business case by default,
//! what-if parameters, realised years, monitoring of a hand-made case file, suppression for shared
//! material, HTML output, and bad input with its line and field.

use std::path::Path;

mod common;
use common::{json, stderr, wor};

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_string_lossy().into_owned()
}

fn case(
    id: &str,
    municipality: &str,
    referred: &str,
    practice: &str,
    channel: Option<&str>,
    taken: bool,
) -> String {
    let channel = channel.map_or_else(String::new, |c| format!(r#","channel":"{c}""#));
    format!(
        r#"{{"referral":{{"id":"{id}","age":60,"consent":true,"municipality":"{municipality}","practice":"{practice}"{channel}}},"map":{{"region":"amstelland","version":"2026.1.0"}},"dates":{{"referred":"{referred}"}},"outcome":{{"arrived":false,"taken_into_care":{taken},"still_attending_3m":false}}}}"#
    )
}

#[test]
fn business_case_defaults_to_the_plans_tables() {
    let v = json(&wor(&["business-case", "--json"]));
    assert_eq!(
        v["years"],
        serde_json::json!([2026, 2027, 2028, 2029, 2030])
    );
    assert_eq!(
        v["regions"]["amstelland"]["referrals"],
        serde_json::json!([596, 893, 1340, 1340, 1340])
    );
    assert_eq!(
        v["regions"]["zuid-holland-noord"]["savings_eur"][0],
        666_713
    );
    assert_eq!(
        v["regions"]["haarlemmermeer"]["social_worker_cost_eur"][2],
        527_583
    );
    let t = &v["totals"];
    assert_eq!(
        t["savings_indexed_eur"],
        serde_json::json!([996_157, 2_668_817, 5_286_841, 5_445_538, 5_609_073])
    );
    assert_eq!(t["follow_up_cost_indexed_eur"][0], 117_080);
    assert_eq!(
        t["one_off_investment_eur"],
        serde_json::json!({"2025": 550_935, "2026": 892_561, "2027": 841_526})
    );
    assert_eq!(t["one_off_investment_indexed_eur"]["2026"], 919_338);
    assert_eq!(t["net_effect_eur"]["2025"], -550_935);
    assert_eq!(t["net_effect_eur"]["2030"], 774_612);
    assert_eq!(t["net_effect_total_eur"], 393_022);
    assert_eq!(
        t["fte"]["social_worker_fte"]["total"],
        serde_json::json!([13.0, 19.0, 28.4, 42.7])
    );
    let codes: Vec<&str> = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"plan_table_7_3_totals_omit_2030"),
        "{codes:?}"
    );
    // The text summary names the net effect.
    let text = wor(&["business-case"]);
    assert_eq!(text.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&text.stdout).contains("393.022"));
}

#[test]
fn business_case_what_if_actuals_and_html() {
    let dir = tempfile::tempdir().unwrap();
    let params = write(
        dir.path(),
        "p.json",
        r#"{"zvw_saving_per_extra_referral_eur": 0}"#,
    );
    let v = json(&wor(&["business-case", "--params", &params, "--json"]));
    assert_eq!(
        v["totals"]["savings_indexed_eur"],
        serde_json::json!([0, 0, 0, 0, 0])
    );
    // Amstelland 2026 realised: three successful referrals of four (whole year by 2027-02-01).
    let cases: Vec<String> = (0..4)
        .map(|i| {
            case(
                &format!("a{i}"),
                "Amstelveen",
                "2026-05-01",
                "P",
                None,
                i < 3,
            )
        })
        .chain([case("late", "Amstelveen", "2027-01-10", "P", None, true)])
        .collect();
    let file = write(dir.path(), "c.jsonl", &(cases.join("\n") + "\n"));
    let html = dir.path().join("bc.html");
    let out = wor(&[
        "business-case",
        "--actuals",
        &file,
        "--date",
        "2027-02-01",
        "--json",
        "--html",
        html.to_str().unwrap(),
    ]);
    let v = json(&out);
    assert_eq!(v["regions"]["amstelland"]["referrals"][0], 3);
    assert_eq!(v["regions"]["amstelland"]["actual"][0], true);
    assert_eq!(v["regions"]["amstelland"]["referrals"][1], 893);
    assert!(
        stderr(&out).contains("2027 is not a whole calendar year"),
        "{}",
        stderr(&out)
    );
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        page.starts_with("<!DOCTYPE html>")
            && page.contains("<svg")
            && page.contains("Businesscase")
    );
    assert!(!page.contains("http://") && !page.contains("https://") && !page.contains("<script"));
    assert!(
        !page.contains("synthetische casussen"),
        "hand-made cases are not synthetic"
    );
}

#[test]
fn business_case_from_synthetic_cases_says_so_at_the_top() {
    let dir = tempfile::tempdir().unwrap();
    let cases = dir.path().join("cases.jsonl");
    let out = wor(&[
        "evaluate",
        "generate-cases",
        "--map",
        "social-map/amstelland",
        "--count",
        "60",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "-o",
        cases.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let html = dir.path().join("bc.html");
    let out = wor(&[
        "business-case",
        "--actuals",
        cases.to_str().unwrap(),
        "--date",
        "2027-02-01",
        "--html",
        html.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("synthetische casussen"));
    let page = std::fs::read_to_string(&html).unwrap();
    let origin = page
        .find("synthetische casussen")
        .expect("the origin is named");
    assert!(origin < page.find("<table").unwrap(), "before the figures");
}

#[test]
fn business_case_bad_params_name_the_field_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let params = write(
        dir.path(),
        "p.json",
        r#"{"regions": {"amstelland": {"growth": [0.5]}}}"#,
    );
    let out = wor(&["business-case", "--params", &params]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("regions.amstelland.growth"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());
    // Usage errors exit 2.
    assert_eq!(
        wor(&["business-case", "--date", "2026-01-01"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(wor(&["monitor"]).status.code(), Some(2));
}

#[test]
fn monitor_reports_regions_practices_and_suppresses_when_shared() {
    let dir = tempfile::tempdir().unwrap();
    let mut cases = vec![
        case(
            "z1",
            "Leiden",
            "2026-12-31",
            "Leiden-Noord",
            Some("zorgdomein"),
            true,
        ),
        case("z2", "Leiden", "2027-01-02", "Leiden-Noord", None, true),
        case("z3", "Leiden", "2027-01-03", "Leiden-Zuid", None, false),
    ];
    for i in 0..5 {
        cases.push(case(
            &format!("a{i}"),
            "Amstelveen",
            "2026-06-01",
            "Amstel",
            Some("vip_live"),
            true,
        ));
    }
    let file = write(dir.path(), "c.jsonl", &(cases.join("\n") + "\n"));
    let practices = write(
        dir.path(),
        "p.csv",
        "practice,start\nLeiden-Zuid,2027-01-01\n",
    );
    let html = dir.path().join("m.html");
    let v = json(&wor(&[
        "monitor",
        "--cases",
        &file,
        "--date",
        "2027-01-31",
        "--practices",
        &practices,
        "--json",
        "--html",
        html.to_str().unwrap(),
    ]));
    let zhn = &v["regions"]["zuid-holland-noord"];
    assert_eq!(zhn["2026"]["referrals"], 1);
    assert_eq!(zhn["2027"]["referrals"], 2);
    assert_eq!(zhn["2027"]["successful"], 1);
    assert_eq!(zhn["2027"]["successful_target"], 2939);
    assert_eq!(v["regions"]["amstelland"]["2026"]["successful"], 5);
    assert_eq!(
        v["electronic_channel"]["zuid-holland-noord"]["referring_practices"],
        2
    );
    assert_eq!(
        v["electronic_channel"]["zuid-holland-noord"]["without_channel"],
        1
    );
    assert_eq!(
        v["starting_practices"]["practices"][0]["complete_months"],
        1
    );
    assert!(std::fs::read_to_string(&html).unwrap().contains("<svg"));
    let shared = json(&wor(&[
        "monitor",
        "--cases",
        &file,
        "--date",
        "2027-01-31",
        "--shared",
        "--json",
    ]));
    assert_eq!(
        shared["regions"]["zuid-holland-noord"]["2027"]["referrals"],
        "<5"
    );
    assert_eq!(shared["regions"]["amstelland"]["2026"]["referrals"], 5);
    assert_eq!(shared["regions"]["amstelland"]["2027"]["referrals"], 0);
}

#[test]
fn monitor_bad_input_names_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let good = case("g", "Leiden", "2026-02-01", "P", None, true);
    let file = write(
        dir.path(),
        "c.jsonl",
        &format!(
            "{good}\n{}\n",
            good.replace(r#""id":"g""#, r#""id":"h""#)
                .replace(r#""channel""#, "\"x\"")
                .replace(r#""practice":"P""#, r#""practice":"P","channel":"fax""#)
        ),
    );
    let out = wor(&[
        "monitor",
        "--cases",
        &file,
        "--date",
        "2026-12-31",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("line 2: referral.channel"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());
    let practices = write(dir.path(), "p.csv", "practice,start\nA,2026-02-30\n");
    let file = write(dir.path(), "ok.jsonl", &format!("{good}\n"));
    let out = wor(&["monitor", "--cases", &file, "--practices", &practices]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("line 2: start:"), "{}", stderr(&out));
}
