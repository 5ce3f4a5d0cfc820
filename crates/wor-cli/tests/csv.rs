//! `wor match` with CSV files as a Dutch spreadsheet user has them: `;` between cells, Dutch column and
//! area names, an extra column of their own, Excel's byte-order mark; and CSV out that keeps every
//! referral (also those without suggestions) with its route.

mod common;
use common::wor_match;
use std::path::Path;

fn run_match(input: &Path, output: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "--top",
        "3",
        input.to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
    ];
    args.extend(extra);
    wor_match(&args, "")
}

/// The output's rows as cells, read with `delimiter`.
fn rows(path: &Path, delimiter: u8) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).unwrap();
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(text)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn column(header: &[String], name: &str) -> usize {
    header.iter().position(|h| h == name).unwrap()
}

const DUTCH: &str = "\u{feff}id;leeftijd;toestemming;gemeente;gebieden;dagen;max_km;notitie\n\
    nl1;72;ja;Amstelveen;eenzaamheid:3, vrije tijd en dagbesteding;di;2,5;belt zelf terug\n\
    nl2;16;ja;Amstelveen;eenzaamheid;;;jong\n\
    nl3;45;nee;Leiden;Schulden en financiële problemen / armoede;;;\n";

#[test]
fn a_semicolon_file_with_dutch_names_and_an_extra_column_is_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (input, output) = (dir.path().join("in.csv"), dir.path().join("out.csv"));
    std::fs::write(&input, DUTCH).unwrap();
    let o = run_match(&input, &output, &[]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    // The extra column is a warning, named once, not an error per row.
    assert_eq!(err.matches("'notitie'").count(), 1, "{err}");
    assert!(err.contains("read 3, matched 3, rejected 0"), "{err}");
    let rows = rows(&output, b',');
    let (id, route, areas) = (
        column(&rows[0], "id"),
        column(&rows[0], "route"),
        column(&rows[0], "areas"),
    );
    let first: Vec<&Vec<String>> = rows.iter().filter(|r| r[id] == "nl1").collect();
    assert_eq!(first.len(), 3);
    assert!(first.iter().all(|r| r[route] == "wor"));
    assert!(first[0][areas].contains("loneliness"), "{:?}", first[0]);
}

#[test]
fn a_referral_without_suggestions_keeps_a_row_with_its_route_and_reason() {
    let dir = tempfile::tempdir().unwrap();
    let (input, output) = (dir.path().join("in.csv"), dir.path().join("out.csv"));
    std::fs::write(&input, DUTCH).unwrap();
    let o = run_match(&input, &output, &[]);
    assert_eq!(o.status.code(), Some(0));
    let rows = rows(&output, b',');
    let h = &rows[0];
    for (who, expected) in [("nl2", "not_eligible"), ("nl3", "not_eligible")] {
        let mine: Vec<&Vec<String>> = rows.iter().filter(|r| r[0] == who).collect();
        assert_eq!(mine.len(), 1, "one row for {who}: {rows:?}");
        let row = mine[0];
        assert_eq!(row[column(h, "route")], expected);
        assert_eq!(row[column(h, "rank")], "");
        assert_eq!(row[column(h, "activity_id")], "");
        assert_eq!(
            row[column(h, "route_nl")],
            "Niet geschikt voor Welzijn op Recept"
        );
        assert!(
            row[column(h, "note_nl")].starts_with("Geen activiteiten"),
            "{row:?}"
        );
        assert!(!row[column(h, "map_region")].is_empty());
        assert!(!row[column(h, "reason_nl")].is_empty(), "{row:?}");
    }
    let nl3 = rows.iter().find(|r| r[0] == "nl3").unwrap();
    assert!(
        nl3[column(h, "reason_nl")].contains("toestemming"),
        "the reason names the missing consent: {nl3:?}"
    );
}

#[test]
fn suggestion_rows_carry_contact_address_cost_and_schedule() {
    let dir = tempfile::tempdir().unwrap();
    let (input, output) = (dir.path().join("in.csv"), dir.path().join("out.csv"));
    std::fs::write(&input, DUTCH).unwrap();
    assert_eq!(run_match(&input, &output, &[]).status.code(), Some(0));
    // The same referral as JSON lines: the CSV shows what the JSONL has.
    let jsonl = wor_match(
        &[
            "--top",
            "3",
            input.to_str().unwrap(),
            "--output-format",
            "jsonl",
        ],
        "",
    );
    let first: serde_json::Value = serde_json::from_str(
        String::from_utf8_lossy(&jsonl.stdout)
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    let s = &first["suggestions"][0];
    let rows = rows(&output, b',');
    let h = &rows[0];
    let row = &rows[1];
    assert_eq!(row[column(h, "activity_id")], s["activity_id"]);
    assert_eq!(row[column(h, "address")], s["address"]);
    assert_eq!(row[column(h, "postcode")], s["postcode"]);
    assert_eq!(
        row[column(h, "phone")],
        s["contact"]["phone"].as_str().unwrap_or("")
    );
    assert_eq!(
        row[column(h, "cost_eur_per_month")].parse::<f64>().unwrap(),
        s["cost_eur_per_month"].as_f64().unwrap()
    );
    let slots = s["schedule"].as_array().unwrap();
    let schedule = &row[column(h, "schedule")];
    assert_eq!(
        schedule.split("; ").count(),
        slots.len().max(1),
        "{schedule}"
    );
    if let Some(slot) = slots.first() {
        assert!(
            schedule.contains(slot["start"].as_str().unwrap()),
            "{schedule}"
        );
    }
}

#[test]
fn excel_output_has_a_bom_semicolons_and_decimal_commas() {
    let dir = tempfile::tempdir().unwrap();
    let (input, output) = (dir.path().join("in.csv"), dir.path().join("out.csv"));
    std::fs::write(&input, DUTCH).unwrap();
    let o = run_match(&input, &output, &["--excel"]);
    assert_eq!(o.status.code(), Some(0));
    let bytes = std::fs::read(&output).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFid;rank;activity_id;"));
    let rows = rows(&output, b';');
    let score = &rows[1][column(&rows[0], "score")];
    assert!(score.starts_with("0,") && !score.contains('.'), "{score}");
    // What Excel saves is read back: the written file is valid input for another run's columns.
    assert_eq!(rows.iter().filter(|r| r[0] == "nl2").count(), 1);
}

#[test]
fn strict_refuses_an_unknown_column_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (input, output) = (dir.path().join("in.csv"), dir.path().join("out.csv"));
    std::fs::write(&input, DUTCH).unwrap();
    let o = run_match(&input, &output, &["--strict"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown CSV column 'notitie'"));
    assert!(!output.exists());
}

#[test]
fn an_unknown_area_name_is_an_error_naming_the_row_and_column_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let (input, output) = (dir.path().join("in.csv"), dir.path().join("out.csv"));
    std::fs::write(
        &input,
        "id;leeftijd;toestemming;gemeente;gebieden\nok;70;ja;Leiden;eenzaamheid\nbad;70;ja;Leiden;verveling\n",
    )
    .unwrap();
    let o = run_match(&input, &output, &[]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("row 3, column 'gebieden': unknown support area 'verveling'"),
        "{err}"
    );
    // A failed run leaves no output file: a file that is there is always a whole result.
    assert!(!output.exists());
}
