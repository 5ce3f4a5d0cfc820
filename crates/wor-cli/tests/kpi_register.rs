//! `wor monitor --register` and `--capacity` from the user's side: the plan's KPI table with each
//! status (met, missed, on track, at risk, open) from small registers, the same register in English
//! CSV and in JSON lines, bad rows named by line (errors with --strict), capacity against the inflow
//! with a warning for a municipality over capacity, and both in the HTML.

use std::path::Path;

mod common;
use common::{json, stderr, stdout, wor};

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_string_lossy().into_owned()
}

/// A register as Dutch Excel saves it: `;`, CRLF, dates as d-m-jjjj.
const REGISTER: &str = "datum;regio;soort;omschrijving;deelnemers\r\n\
15-12-2025;;transformatieplan;Plan goedgekeurd;\r\n\
10-2-2026;zuid-holland-noord;behoeften;Behoeften 40 praktijken;\r\n\
3-3-2026;Zuid-Holland Noord;werkgroep;Werkgroep Leiden;\r\n\
2-3-2026;amstelland;behoeften;Behoeften Amstelveen;\r\n\
15-9-2026;zuid-holland-noord;training;Training Positieve Gezondheid;24\r\n\
12-1-2026;zuid-holland-noord;intervisie;Intervisie 1;8\r\n\
12-4-2026;zuid-holland-noord;intervisie;Intervisie 2;7\r\n\
12-10-2026;zuid-holland-noord;intervisie;Intervisie 3;9\r\n\
5-10-2026;amstelland;intervisie;Intervisie Amstelveen;6\r\n\
9-11-2026;haarlemmermeer;leerbijeenkomst;WelZo Hoofddorp;15\r\n\
5-12-2026;amstelland;training;Training na de peildatum;10\r\n";

fn kpi<'a>(m: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    m["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"] == id)
        .unwrap_or_else(|| panic!("no KPI {id}"))
}

fn monitor_json(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["monitor", "--json"];
    all.extend_from_slice(args);
    let out = wor(&all);
    assert!(out.status.success(), "{}", stderr(&out));
    json(&out)
}

#[test]
fn a_register_alone_gives_the_plans_whole_kpi_table_with_each_status_at_the_date() {
    let dir = tempfile::tempdir().unwrap();
    let register = write(dir.path(), "register.csv", REGISTER);
    let m = monitor_json(&["--register", &register, "--date", "2026-11-30"]);
    let status = |id: &str| kpi(&m, id)["status"].as_str().unwrap().to_string();
    // The whole table: supra-regional 1-4 (region null), then 5.x, 6.x, 7.x with the plan's due dates.
    let ids: Vec<&str> = m["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 4 + 3 * 7, "{ids:?}");
    assert_eq!(&ids[..5], ["1", "2", "3", "4", "5.1"]);
    assert!(kpi(&m, "1")["region"].is_null());
    assert_eq!(kpi(&m, "6.1")["region"], "haarlemmermeer");
    assert_eq!(kpi(&m, "7.1")["region"], "zuid-holland-noord");
    assert_eq!(kpi(&m, "2")["due"], "2026-07-01");
    assert_eq!(kpi(&m, "7.3")["due"], "2026-12-31");
    assert_eq!(kpi(&m, "5.6")["due"], "2027-07-01");
    assert_eq!(kpi(&m, "4")["due"], "2027-12-31");
    assert_eq!(kpi(&m, "7.4")["kind"], "result");
    assert_eq!(kpi(&m, "7.6")["kind"], "effort");
    // Met: the document before its due date; needs and a working group both (x.1); a training.
    assert_eq!(status("1"), "met");
    assert_eq!(status("7.1"), "met");
    assert_eq!(status("7.3"), "met");
    assert_eq!(kpi(&m, "7.3")["evidence"][0]["participants"], 24);
    // Missed: due 1 July 2026 without evidence; x.1 with needs but no working group.
    assert_eq!(status("3"), "missed");
    assert_eq!(status("5.1"), "missed");
    assert_eq!(kpi(&m, "5.1")["value"], 1.0);
    // On track: 3 of 4 intervision meetings ahead of the straight line from approval (24-11-2025) to
    // 1-7-2027; at risk: 1 of 4 behind it.
    assert_eq!(status("7.6"), "on_track");
    assert_eq!(status("5.6"), "at_risk");
    // At risk: no training a month before its due date. The training dated after the reference date
    // does not count yet.
    assert_eq!(status("6.3"), "at_risk");
    assert_eq!(status("5.3"), "at_risk");
    assert_eq!(m["register"]["after_date"], 1);
    // Open: far from its due date without evidence. A learning-group meeting is shown beside x.6 and
    // never counted for it.
    assert_eq!(status("4"), "open");
    assert_eq!(status("6.6"), "open");
    assert_eq!(kpi(&m, "6.6")["value"], 0.0);
    assert_eq!(kpi(&m, "6.6")["beside"][0]["kind"], "leerbijeenkomst");
    // Result KPIs from the (absent) cases: nothing a month before the end of 2026 is at risk.
    assert_eq!(status("7.4"), "at_risk");
    assert_eq!(kpi(&m, "7.4")["target"], 1959.0);
    assert_eq!(status("7.7"), "open");
    // The rules the plan leaves open are labelled as assumptions.
    let codes: Vec<&str> = m["assumptions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["code"].as_str().unwrap())
        .collect();
    for code in ["approval_date", "kpi_status_rule"] {
        assert!(codes.contains(&code), "{codes:?}");
    }
}

#[test]
fn the_same_register_in_english_csv_and_in_json_lines_gives_the_same_table() {
    let dir = tempfile::tempdir().unwrap();
    let dutch = write(
        dir.path(),
        "nl.csv",
        "datum;regio;soort;omschrijving;deelnemers\n1-6-2026;amstelland;projectplan;Projectplan, versie 1;\n20-6-2026;;plan_van_aanpak;Plan van aanpak;\n",
    );
    let english = write(
        dir.path(),
        "en.csv",
        "date,region,kind,description,participants\n2026-06-01,amstelland,project_plan,\"Projectplan, versie 1\",\n2026-06-20,,plan_of_approach,Plan van aanpak,\n",
    );
    let lines = write(
        dir.path(),
        "register.jsonl",
        "{\"datum\":\"1-6-2026\",\"regio\":\"amstelland\",\"soort\":\"projectplan\",\"omschrijving\":\"Projectplan, versie 1\"}\n{\"date\":\"2026-06-20\",\"region\":null,\"kind\":\"plan_van_aanpak\",\"description\":\"Plan van aanpak\"}\n",
    );
    let table =
        |file: &str| monitor_json(&["--register", file, "--date", "2026-08-01"])["kpis"].clone();
    let nl = table(&dutch);
    assert_eq!(
        kpi(&serde_json::json!({ "kpis": nl.clone() }), "5.2")["status"],
        "met"
    );
    assert_eq!(
        kpi(&serde_json::json!({ "kpis": nl.clone() }), "2")["status"],
        "met"
    );
    assert_eq!(nl, table(&english));
    // JSON lines have no header row: the same evidence, one line earlier.
    let shifted = |mut v: serde_json::Value| {
        for k in v.as_array_mut().unwrap() {
            for row in k["evidence"].as_array_mut().into_iter().flatten() {
                row["line"] = serde_json::json!(row["line"].as_u64().unwrap() + 1);
            }
        }
        v
    };
    assert_eq!(nl, shifted(table(&lines)));
}

#[test]
fn an_unknown_kind_or_region_is_a_warning_naming_its_line_and_an_error_with_strict() {
    let dir = tempfile::tempdir().unwrap();
    let register = write(
        dir.path(),
        "register.csv",
        "datum;regio;soort;omschrijving\n1-3-2026;amstelland;projectplan;Projectplan\n2-3-2026;amstelland;vergadering;Iets anders\n3-3-2026;kennemerland;projectplan;Elders\n1-3-2026;amstelland;projectplan;Projectplan\n",
    );
    let out = wor(&[
        "monitor",
        "--register",
        &register,
        "--date",
        "2026-08-01",
        "--json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("line 3: soort: unknown kind 'vergadering'"),
        "{err}"
    );
    assert!(
        err.contains("line 4: regio: unknown region 'kennemerland'"),
        "{err}"
    );
    // The same row twice counts once, with a warning naming both lines.
    assert!(
        err.contains("line 5: register: the same row as line 2: counted once"),
        "{err}"
    );
    let m = json(&out);
    assert_eq!(kpi(&m, "5.2")["evidence"].as_array().unwrap().len(), 1);
    assert_eq!(m["register"]["counted"], 1);

    let strict = wor(&[
        "monitor",
        "--register",
        &register,
        "--date",
        "2026-08-01",
        "--strict",
    ]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(
        stderr(&strict).contains("line 3: soort"),
        "{}",
        stderr(&strict)
    );
    assert!(strict.stdout.is_empty());
}

#[test]
fn cases_are_optional_with_a_register_but_monitoring_needs_one_of_them() {
    assert_eq!(
        wor(&["monitor", "--date", "2026-08-01"]).status.code(),
        Some(2)
    );
}

fn case(id: &str, municipality: &str, referred: &str) -> String {
    format!(
        r#"{{"referral":{{"id":"{id}","age":60,"consent":true,"municipality":"{municipality}"}},"map":{{"region":"x","version":"1"}},"dates":{{"referred":"{referred}"}},"outcome":{{"arrived":false,"taken_into_care":true,"still_attending_3m":false}}}}"#
    )
}

#[test]
fn capacity_counts_the_years_referrals_pro_rata_and_warns_for_a_municipality_over_capacity() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines: Vec<String> = (0..10)
        .map(|i| case(&format!("h{i}"), "Haarlemmermeer", "2026-03-02"))
        .collect();
    lines.push(case("l1", "Leiden", "2026-04-01"));
    lines.push(case("l2", "Leiden", "2025-12-01")); // last year: not in this year's inflow
    let cases = write(dir.path(), "cases.jsonl", &(lines.join("\n") + "\n"));
    // By name as on the map and by CBS code; decimal comma.
    let capacity = write(
        dir.path(),
        "capacity.csv",
        "gemeente;fte\r\nHaarlemmermeer;0,1\r\nGM0546;1\r\n",
    );
    let out = wor(&[
        "monitor",
        "--cases",
        &cases,
        "--capacity",
        &capacity,
        "--date",
        "2026-06-30",
        "--json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let m = json(&out);
    // 0,1 FTE x 1,280 hours / 8 hours per referral = 16 a year; 181 of 365 days by 30 June.
    let h = &m["capacity"]["Haarlemmermeer"];
    assert_eq!(h["fte"], 0.1);
    assert_eq!(h["capacity_referrals"], 16.0);
    assert_eq!(h["capacity_to_date"], 7.9);
    assert_eq!(h["referrals"], 10);
    let u = h["utilisation"].as_f64().unwrap();
    assert!((u - 10.0 / (16.0 * 181.0 / 365.0)).abs() < 1e-9, "{u}");
    let l = &m["capacity"]["Leiden"];
    assert_eq!(
        (l["capacity_referrals"].as_f64(), l["referrals"].as_u64()),
        (Some(160.0), Some(1))
    );
    let err = stderr(&out);
    assert!(err.contains("warning: Haarlemmermeer: the inflow"), "{err}");
    assert!(!err.contains("Leiden"), "{err}");
    assert_eq!(m["warnings"][0]["code"], "capacity_exceeded");
    assert!(m["assumptions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["code"] == "capacity_is_fte"));

    let bad = write(
        dir.path(),
        "bad.csv",
        "gemeente;fte\nAtlantis;2\nLeiden;veel\n",
    );
    let out = wor(&["monitor", "--cases", &cases, "--capacity", &bad]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("line 2: gemeente: unknown municipality 'Atlantis'"),
        "{err}"
    );
    assert!(err.contains("line 3: fte: 'veel' is not a number"), "{err}");
}

#[test]
fn the_html_shows_the_kpi_table_and_capacity_in_plain_dutch() {
    let dir = tempfile::tempdir().unwrap();
    let register = write(dir.path(), "register.csv", REGISTER);
    let cases = write(
        dir.path(),
        "cases.jsonl",
        &(case("h1", "Haarlemmermeer", "2026-03-02") + "\n"),
    );
    let capacity = write(
        dir.path(),
        "capacity.csv",
        "gemeente;fte\nHaarlemmermeer;0,01\n",
    );
    let html_path = dir.path().join("monitor.html");
    let out = wor(&[
        "monitor",
        "--cases",
        &cases,
        "--register",
        &register,
        "--capacity",
        &capacity,
        "--date",
        "2026-11-30",
        "--html",
        html_path.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert!(
        html.contains("Behoeften van de praktijken in kaart en lokale werkgroepen gestart (7.1)"),
        "{html}"
    );
    assert!(html.contains("behaald") && html.contains("niet behaald") && html.contains("op koers"));
    assert!(
        html.contains("1-7-2026"),
        "due date as the reader writes it"
    );
    assert!(html.contains("Training Positieve Gezondheid (24 deelnemers)"));
    assert!(html.contains("Capaciteit tegen de instroom"));
    // The region with cases comes first; the others show their KPIs and no empty charts.
    let first = html.find("data-region=").unwrap();
    assert!(
        html[first..].starts_with("data-region=\"haarlemmermeer\""),
        "{}",
        &html[first..first + 40]
    );
    assert!(html.contains("Nog geen casussen in deze regio tot de peildatum."));
    let text = stdout(&out);
    assert!(
        text.contains("KPI 7.6 zuid-holland-noord: on track"),
        "{text}"
    );
}
