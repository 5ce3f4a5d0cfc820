//! `wor business-case` as a project lead who must defend its numbers uses it (issue 33.1): a case file
//! of one part of a region, what-ifs, the drivers, footnoted totals, and the plan's own
//! contradictions with the plan's printed figures.

use std::path::Path;

mod common;
use common::{json, stderr, stdout, wor};

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_string_lossy().into_owned()
}

/// `n` successful Amstelland referrals in 2026: a file of one part of the region (its base is 397).
fn part_of_amstelland(dir: &Path, n: usize) -> String {
    let cases: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"origin":"recorded_by_social_workers","referral":{{"id":"a{i}","age":60,"consent":true,"municipality":"Amstelveen"}},"map":{{"region":"amstelland","version":"2026.1.0"}},"dates":{{"referred":"2026-0{}-10"}},"outcome":{{"arrived":false,"taken_into_care":true,"still_attending_3m":false}}}}"#,
                1 + i % 9
            )
        })
        .collect();
    write(dir, "part.jsonl", &(cases.join("\n") + "\n"))
}

/// Every number in a JSON document.
fn numbers(v: &serde_json::Value, out: &mut Vec<f64>) {
    match v {
        serde_json::Value::Number(n) => out.extend(n.as_f64()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| numbers(x, out)),
        serde_json::Value::Object(m) => m.values().for_each(|x| numbers(x, out)),
        _ => {}
    }
}

#[test]
fn realised_referrals_below_the_2024_base_give_0_extra_referrals_never_negative_money() {
    let dir = tempfile::tempdir().unwrap();
    let file = part_of_amstelland(dir.path(), 40);
    let args = ["business-case", "--actuals", &file, "--date", "2026-12-31"];
    let v = json(&wor(&[&args[..], &["--json"]].concat()));
    let a = &v["regions"]["amstelland"];
    assert_eq!(a["referrals"][0], 40);
    assert_eq!(a["actual"][0], true);
    assert_eq!(a["extra_referrals"][0], 0);
    assert_eq!(a["savings_eur"][0], 0);
    assert_eq!(a["social_worker_cost_eur"][0], 0);
    // No negative money or counts anywhere but the net effect (which may be a loss).
    let mut all = Vec::new();
    for (k, x) in v["regions"].as_object().unwrap() {
        numbers(x, &mut all);
        assert!(all.iter().all(|n| *n >= 0.0), "{k}: {all:?}");
    }
    for key in [
        "extra_referrals",
        "savings_eur",
        "social_worker_cost_eur",
        "follow_up_cost_eur",
    ] {
        numbers(&v["totals"][key], &mut all);
        assert!(all.iter().all(|n| *n >= 0.0), "{key}: {all:?}");
    }
    // The warning names the base and asks, in the summary and in the page.
    let html = dir.path().join("bc.html");
    let out = wor(&[&args[..], &["--html", html.to_str().unwrap()]].concat());
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let asked = "Amstelland 2026: 40 gerealiseerde succesvolle verwijzingen: onder het basisniveau 2024 van 397 (plan 7.1); gerekend als 0 extra verwijzingen (geen besparing, geen kosten). Bevat het bestand de casussen van de hele regio?";
    assert!(text.contains(asked), "{text}");
    assert!(std::fs::read_to_string(&html).unwrap().contains(asked));
}

#[test]
fn a_count_below_the_base_warns_naming_the_base_and_asks_whether_the_file_covers_the_whole_region()
{
    let dir = tempfile::tempdir().unwrap();
    let file = part_of_amstelland(dir.path(), 12);
    let v = json(&wor(&[
        "business-case",
        "--actuals",
        &file,
        "--date",
        "2027-01-31",
        "--json",
    ]));
    let below: Vec<&serde_json::Value> = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["code"] == "below_base")
        .collect();
    assert_eq!(below.len(), 1, "{below:?}");
    let en = below[0]["en"].as_str().unwrap();
    assert!(
        en.contains("below the 2024 base of 397 (plan 7.1)")
            && en.contains("Does the file hold the cases of the whole region?"),
        "{en}"
    );
}

#[test]
fn every_warning_quotes_the_plans_own_figure_beside_the_recomputed_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = part_of_amstelland(dir.path(), 40);
    let args = ["business-case", "--actuals", &file, "--date", "2026-12-31"];
    let text = stdout(&wor(&args));
    let v = json(&wor(&[&args[..], &["--json"]].concat()));
    // The recomputed total, in Dutch thousands.
    let here = v["totals"]["referrals_total"].as_i64().unwrap();
    assert_ne!(here, 28_058);
    let here = format!("{}.{:03}", here / 1000, here % 1000);
    // The plan's referral total is the plan's 30.144, never a recomputed one credited to the plan.
    assert!(
        text.contains(&format!("plan 7.1 (30.144) telt het basisjaar 2024 (2.086) mee; 2026-2030 samen is in het plan 28.058. Deze berekening toont als totaal alleen de jaren 2026-2030: {here}.")),
        "{text}"
    );
    assert!(
        text.contains("tabel 7.3 (€\u{a0}393.022)"),
        "the plan's net effect: {text}"
    );
}

#[test]
fn the_heading_positieve_businesscase_is_only_for_the_plans_own_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let page = |args: &[&str]| {
        let html = dir.path().join("bc.html");
        let out = wor(&[args, &["--html", html.to_str().unwrap()]].concat());
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        (stdout(&out), std::fs::read_to_string(&html).unwrap())
    };
    let (text, html) = page(&["business-case"]);
    assert!(text.contains("Positieve businesscase (plan 7.3)"), "{text}");
    assert!(html.contains("<h3>Positieve businesscase (plan 7.3)</h3>"));
    // A what-if that loses money says so, and never under the plan's heading.
    let params = write(
        dir.path(),
        "p.json",
        r#"{"zvw_saving_per_extra_referral_eur": 300}"#,
    );
    let (text, html) = page(&["business-case", "--params", &params]);
    for s in [&text, &html] {
        assert!(!s.contains("Positieve businesscase"), "{s}");
        assert!(
            s.contains(
                "Businesscase met eigen parameters (wat-als): netto effect negatief (€\u{a0}-"
            ),
            "{s}"
        );
    }
    // Realised years with the plan's parameters are not the plan's scenario either.
    let file = part_of_amstelland(dir.path(), 40);
    let (text, _) = page(&["business-case", "--actuals", &file, "--date", "2026-12-31"]);
    assert!(
        text.contains("Businesscase met gerealiseerde jaren: netto effect"),
        "{text}"
    );
    assert!(!text.contains("Positieve businesscase"), "{text}");
}

#[test]
fn a_drivers_table_lists_every_parameter_its_value_and_plan_section_or_aanname() {
    let dir = tempfile::tempdir().unwrap();
    let params = write(dir.path(), "p.json", r#"{"social_worker_rate_eur": 80}"#);
    let v = json(&wor(&["business-case", "--params", &params, "--json"]));
    let drivers = v["drivers"].as_array().unwrap();
    let d = |param: &str| {
        drivers
            .iter()
            .find(|d| d["param"] == param)
            .unwrap_or_else(|| panic!("{param}"))
    };
    assert_eq!(
        d("zvw_saving_per_extra_referral_eur")["value_nl"],
        "€\u{a0}1.021"
    );
    assert_eq!(d("zvw_saving_per_extra_referral_eur")["section"], "7.1");
    assert_eq!(d("social_worker_hours_per_referral")["value_nl"], "8 uur");
    assert_eq!(d("social_worker_rate_eur")["value_nl"], "€\u{a0}80");
    assert_eq!(d("social_worker_rate_eur")["plan_value_nl"], "€\u{a0}95");
    assert_eq!(d("fte.whole_euro_shares")["basis"], "assumption");
    // The same table in the summary and in the page, with its source.
    let html = dir.path().join("bc.html");
    let out = wor(&[
        "business-case",
        "--params",
        &params,
        "--html",
        html.to_str().unwrap(),
    ]);
    let text = stdout(&out);
    for line in [
        "Besparing Zvw per extra verwijzing (Good2Consult): €\u{a0}1.021 (plan 7.1)",
        "Uurtarief sociaal werker: €\u{a0}80 (eigen waarde (plan 7.2: €\u{a0}95))",
        "Deel van de extra verwijzingen met vervolgkosten: 60,0% (plan 7.3)",
        "Amstelland: groei per jaar: 50,0% / 50,0% / 50,0% / 0,0% / 0,0% (plan 7.1)",
        "(aanname, afgeleid uit 7.4)",
    ] {
        assert!(text.contains(line), "{line} in {text}");
    }
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("<h3>Uitgangspunten</h3>"));
    assert!(page.contains(
        "<tr><td>Vervolgkosten per doorverwezen inwoner</td><td>€\u{a0}200</td><td>plan 7.3</td></tr>"
    ), "{page}");
}

/// The page of the plan's own business case.
fn plan_page() -> String {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("bc.html");
    let out = wor(&["business-case", "--html", html.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    std::fs::read_to_string(&html).unwrap()
}

/// The rows of the HTML table that follows the heading `h3`, each as its cells' text.
fn table_after(page: &str, h3: &str) -> Vec<Vec<String>> {
    let start = page.find(&format!("<h3>{h3}</h3>")).expect(h3);
    let table = &page[start..];
    let table = &table[..table.find("</table>").unwrap()];
    table
        .split("<tr")
        .skip(1)
        .map(|row| {
            row.split("<td")
                .skip(1)
                .map(|cell| {
                    let cell = &cell[cell.find('>').unwrap() + 1..];
                    cell[..cell.find("</td>").unwrap()].to_string()
                })
                .collect()
        })
        .filter(|cells: &Vec<String>| !cells.is_empty())
        .collect()
}

#[test]
fn the_plans_own_rounding_is_reproduced_and_footnoted_at_its_table() {
    let page = plan_page();
    let heading = "Verwijzingen en besparingen per regio (plan 7.1 en 7.2)";
    let rows = table_after(&page, heading);
    let total = rows.iter().find(|r| r[0] == "Totaal verwijzingen").unwrap();
    // The plan's 3.033, marked; its footnote right below the table shows the shown parts' sum.
    let marked = &total[2];
    assert!(marked.starts_with("3.033") && marked != "3.033", "{marked}");
    let mark = &marked["3.033".len()..];
    let after = &page[page.find(heading).unwrap()..];
    let footnotes = &after[after.find("</table>").unwrap()..after.find("<h3>FTE").unwrap()];
    assert!(
        footnotes.contains(&format!(
            "{mark} 596 + 479 + 1.959 = 3.034; het totaal 3.033 is afgerond uit de onafgeronde bedragen"
        )),
        "{footnotes}"
    );
}

#[test]
fn totals_equal_the_sum_of_the_shown_rounded_columns_or_a_footnote_says_why_not() {
    let page = plan_page();
    // In table 8.1 every column's "Totaal excl. indexatie" is the sum of the rows above it, or it
    // carries a mark.
    let rows = table_after(&page, "Eenmalige investeringen (plan 8.1, incl. btw)");
    let euros = |cell: &str| -> (i64, bool) {
        let digits: String = cell
            .chars()
            .take_while(|c| !"¹²³⁴⁵⁶⁷⁸⁹⁰".contains(*c))
            .filter(|c| c.is_ascii_digit() || *c == '-')
            .collect();
        (
            digits.parse().unwrap(),
            cell.chars().any(|c| "¹²³⁴⁵⁶⁷⁸⁹".contains(c)),
        )
    };
    let at = rows
        .iter()
        .position(|r| r[0] == "Totaal excl. indexatie")
        .unwrap();
    let mut marks = 0;
    for col in 1..rows[at].len() {
        let sum: i64 = rows[..at].iter().map(|r| euros(&r[col]).0).sum();
        let (total, marked) = euros(&rows[at][col]);
        assert!(
            sum == total || marked,
            "column {col}: {sum} shown as {total}"
        );
        marks += usize::from(marked);
    }
    assert!(marks > 0, "the plan's 8.1 does not add up either");
}

#[test]
fn totals_come_last_the_fte_tables_totaal_after_all_regions() {
    let page = plan_page();
    let rows = table_after(&page, "FTE-inzet en -besparing (plan 7.4)");
    let labels: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    for group in [
        "Verwijzingen",
        "Uren sociaal werkers",
        "FTE sociaal werker",
        "FTE-besparing Zvw",
    ] {
        let of: Vec<&str> = labels
            .iter()
            .filter(|l| l.starts_with(&format!("{group}: ")))
            .copied()
            .collect();
        assert_eq!(of.len(), 4, "{group}: {of:?}");
        assert_eq!(of[3], format!("{group}: Totaal"), "{of:?}");
    }
    // The plan's 2025 FTE total as printed (8,2 + 2,5 + 2,4 = 13,1; the plan shows 13,0), marked.
    let total = rows
        .iter()
        .find(|r| r[0] == "FTE sociaal werker: Totaal")
        .unwrap();
    assert!(
        total[1].starts_with("13,0") && total[1] != "13,0",
        "{total:?}"
    );
}

#[test]
fn the_plans_remaining_contradictions_are_flagged_with_its_figures() {
    let text = stdout(&wor(&["business-case"]));
    for (code, quoted) in [
        (
            "plan_fte_savings_count_all_referrals",
            "15,0 / 21,8 / 32,7 / 49,1 FTE",
        ),
        (
            "plan_haarlemmermeer_2025_amounts",
            "in 2025 samen €\u{a0}74.440",
        ),
        (
            "plan_split_8_4_not_from_amounts",
            "is 19,7% / 17,8% / 62,5%",
        ),
        (
            "plan_kpi_targets_assume_every_referral_succeeds",
            "Amstelland 596 / 893 (KPI 5.4 / 5.7)",
        ),
    ] {
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("waarschuwing (warning) {code}:")))
            .unwrap_or_else(|| panic!("{code} in {text}"));
        assert!(line.contains(quoted), "{quoted} in {line}");
    }
}
