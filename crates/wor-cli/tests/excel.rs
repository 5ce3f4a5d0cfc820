//! Files from Excel, as an analyst has them (issue 33.4), and `wor triage` on the same CSV as `wor
//! match` (issue 30.6): rows and columns in every error, Dutch dates, `--excel` always CSV, no output
//! file after a failed run, and a capped error list.

mod common;
use common::{stderr, stdout, wor, wor_match, wor_with_input, DATE};
use std::path::{Path, PathBuf};

/// Writes `text` to `name` in `dir`.
fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A CSV as Excel on Windows saves it: `;`, CRLF line ends, a note with a line break in its cell,
/// and a blank row.
const CRLF: &str = "id;leeftijd;toestemming;gemeente;tekst\r\n\
    r1;70;ja;Leiden;\"voelt zich alleen\r\nsinds het overlijden van haar man\"\r\n\
    \r\n\
    r2;zeventig;ja;Leiden;eenzaam\r\n\
    r3;70;ja;Leiden;eenzaam\r\n";

#[test]
fn crlf_line_numbers_are_right() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "in.csv", CRLF);
    // r2 is the spreadsheet's row 4 (the note's line break stays inside row 2), line 5 of the file.
    for command in ["triage", "match"] {
        let out = match command {
            "match" => wor_match(&[s(&input)], ""),
            _ => wor(&["triage", s(&input)]),
        };
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(
            err.contains(
                "row 4 (line 5 of the file), column 'leeftijd': 'zeventig' is not a whole number"
            ),
            "{command}: {err}"
        );
    }
    // Without the line break inside a cell, row and line are the same and only the row is named.
    let plain = write(
        dir.path(),
        "plain.csv",
        &CRLF.replace("\r\nsinds", " sinds"),
    );
    let err = stderr(&wor(&["triage", s(&plain)]));
    assert!(err.contains("row 4, column 'leeftijd':"), "{err}");
}

#[test]
fn a_dutch_date_is_accepted_wherever_a_date_is_read_from_csv() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "in.csv",
        "id;leeftijd;toestemming;gemeente;datum;gebieden\n\
         r1;70;ja;Leiden;23-11-2026;eenzaamheid\n\
         r2;70;ja;Leiden;3-1-2026;eenzaamheid\n\
         r3;70;ja;Leiden;2026-11-23;eenzaamheid\n\
         r4;70;ja;Leiden;31-02-2026;eenzaamheid\n",
    );
    let out = wor_match(&[s(&input), "--top", "1"], "");
    let err = stderr(&out);
    assert!(err.contains("read 4, matched 3, rejected 1"), "{err}");
    assert!(
        err.contains(
            "row 5, column 'datum': '31-02-2026' is not a date (write dd-mm-jjjj, d-m-jjjj or jjjj-mm-dd)"
        ),
        "{err}"
    );
    // The practices list of `wor monitor` is a CSV too.
    let cases = dir.path().join("cases.jsonl");
    let out = wor(&[
        "evaluate",
        "generate-cases",
        "--map",
        "social-map/haarlemmermeer",
        "--count",
        "20",
        "--output",
        s(&cases),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let practices = write(dir.path(), "p.csv", "practice;start\r\nNieuw;1-3-2026\r\n");
    let out = wor(&[
        "monitor",
        "--cases",
        s(&cases),
        "--practices",
        s(&practices),
        "--date",
        "2026-12-31",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let m: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        m["starting_practices"]["practices"][0]["start"],
        "2026-03-01"
    );
}

#[test]
fn errors_are_in_csv_terms_row_number_and_column_name_without_internal_json_positions() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "in.csv",
        "id;leeftijd;toestemming;gemeente;kanaal;max_km\n\
         r1;70;ja;Leiden;fax;\n\
         r2;70;misschien;Leiden;;\n\
         r3;70;ja;Leiden;;ver\n\
         r4;70;ja;Leiden;;;extra\n\
         r5;70;;Leiden;;\n\
         r6;oud;nooit;Leiden;;\n",
    );
    let err = stderr(&wor(&["triage", s(&input)]));
    for expected in [
        "row 2, column 'kanaal': unknown variant `fax`",
        "row 3, column 'toestemming': 'misschien' is not true/false (ja/nee)",
        "row 4, column 'max_km': 'ver' is not a number",
        "row 5: this row has 7 cell(s), the header row 6",
        "row 6, column 'toestemming': required, but empty or absent",
        // Every bad cell of a row, not only the first.
        "row 7, column 'leeftijd': 'oud' is not a whole number",
        "row 7, column 'toestemming': 'nooit' is not true/false (ja/nee)",
    ] {
        assert!(err.contains(expected), "{expected}\n{err}");
    }
    assert!(!err.contains(" at line "), "{err}");
    assert!(!err.contains("line 1 column"), "{err}");
}

#[test]
fn an_unknown_support_area_lists_the_dutch_labels_too() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "in.csv",
        "id;leeftijd;toestemming;gemeente;gebieden\nr1;70;ja;Leiden;eenzaamheid, verveling\n",
    );
    let err = stderr(&wor(&["triage", s(&input)]));
    assert!(
        err.contains("row 2, column 'gebieden': unknown support area 'verveling'; use an id or a Dutch label: loneliness (Eenzaamheid en een beperkt sociaal netwerk), "),
        "{err}"
    );
    assert!(
        err.contains("debt_poverty (Schulden en financiële problemen / armoede)"),
        "{err}"
    );
    // The same list for JSON lines.
    let out = wor_with_input(
        &["triage"],
        r#"{"id":"a","age":70,"consent":true,"municipality":"Leiden","areas":[{"area":"verveling"}]}"#,
    );
    assert!(
        stderr(&out).contains("line 1: areas[0].area: unknown support area 'verveling'; use an id or a Dutch label: loneliness (Eenzaamheid"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn excel_always_writes_csv_or_refuses_an_output_name_that_is_not_csv() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "in.csv",
        "id;leeftijd;toestemming;gemeente;gebieden\nr1;70;ja;Leiden;eenzaamheid\n",
    );
    // To standard output: CSV for Dutch Excel, for both commands.
    for out in [
        wor_match(&[s(&input), "--excel"], ""),
        wor(&["triage", s(&input), "--excel"]),
    ] {
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(
            out.stdout.starts_with(b"\xEF\xBB\xBFid;"),
            "{}",
            stdout(&out)
        );
    }
    // An output name that Excel would not open as columns, or an explicit JSONL: refused, nothing written.
    let jsonl = dir.path().join("out.jsonl");
    for out in [
        wor_match(&[s(&input), "--excel", "--output", s(&jsonl)], ""),
        wor(&["triage", s(&input), "--excel", "--output", s(&jsonl)]),
        wor(&["triage", s(&input), "--excel", "--output-format", "jsonl"]),
    ] {
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("--excel writes CSV"),
            "{}",
            stderr(&out)
        );
        assert!(out.stdout.is_empty());
    }
    assert!(!jsonl.exists());
}

#[test]
fn no_output_file_is_left_behind_by_a_failed_run_empty_or_not() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(
        dir.path(),
        "bad.jsonl",
        "{\"id\":\"a\",\"age\":70,\"consent\":true,\"municipality\":\"Leiden\"}\nnot json\n",
    );
    // Only bad lines: the output would have been empty.
    let all_bad = write(dir.path(), "all-bad.jsonl", "not json\n{\"id\":\n");
    let out_file = dir.path().join("out.jsonl");
    for bad in [&bad, &all_bad] {
        let runs: Vec<Vec<&str>> = vec![
            vec!["triage", s(bad), "--output", s(&out_file)],
            vec![
                "match",
                "--map",
                "social-map",
                "--date",
                DATE,
                s(bad),
                "--output",
                s(&out_file),
            ],
            vec![
                "fhir",
                "export",
                s(bad),
                "--date",
                DATE,
                "--output",
                s(&out_file),
            ],
            vec!["fhir", "outcomes", s(bad), "--output", s(&out_file)],
            vec!["fhir", "import", s(bad), "--output", s(&out_file)],
        ];
        for args in runs {
            let out = wor(&args);
            assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
            assert!(!out_file.exists(), "{args:?} left {}", out_file.display());
            assert!(
                stderr(&out).contains("not written"),
                "{args:?}: {}",
                stderr(&out)
            );
        }
    }
    // No temporary file is left either: only the two inputs.
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn at_most_100_error_lines_then_one_line_with_how_many_more_of_each_kind() {
    let mut garbage = String::new();
    for i in 0..300 {
        garbage.push_str(&format!("garbage {i}\n"));
    }
    for i in 0..50 {
        garbage.push_str(&format!(
            "{{\"id\":\"x{i}\",\"age\":\"old\",\"consent\":true,\"municipality\":\"Leiden\"}}\n"
        ));
    }
    let out = wor_with_input(&["triage"], &garbage);
    let err = stderr(&out);
    let problem_lines = err.lines().filter(|l| l.starts_with("line ")).count();
    assert_eq!(problem_lines, 100, "{err}");
    assert!(
        err.contains("... and 250 more problem(s) not shown (only the first 100 are): 200 invalid_json, 50 wrong_type"),
        "{err}"
    );
    assert!(err.contains("read 350, triaged 0, rejected 350"), "{err}");
}

#[test]
fn triage_reads_the_csv_match_reads_and_writes_one_row_per_referral() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "in.csv",
        "\u{feff}id;leeftijd;toestemming;gemeente;gebieden;tekst;max_km\n\
         r1;72;ja;Leiden;eenzaamheid:3;weduwnaar sinds kort;2,5\n\
         r2;45;nee;Leiden;geldzorgen;;\n\
         r3;60;ja;Leiden;;denkt aan zelfdoding;\n",
    );
    let output = dir.path().join("triage.csv");
    let out = wor(&["triage", s(&input), "--output", s(&output)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(&output).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    // The columns are the ones docs/referrals-and-csv.md documents, in its order.
    assert_eq!(header, documented_triage_columns());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let ids: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(ids, ["r1", "r2", "r3"]);
    // The same decisions as the JSON lines: route by route, with the Dutch reasons.
    let jsonl = stdout(&wor(&["triage", s(&input)]));
    for (row, line) in rows.iter().zip(jsonl.lines()) {
        let t: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(&row[1], t["route"].as_str().unwrap());
        let reasons: Vec<&str> = t["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["nl"].as_str().unwrap())
            .collect();
        assert_eq!(&row[6], reasons.join("; "));
    }
    assert!(rows[0][4].starts_with("loneliness:3"), "{:?}", rows[0]);
    assert_eq!(&rows[1][1], "not_eligible");
    assert_eq!(&rows[2][1], "urgent");
}

/// The first cells of the table under "CSV out of `wor triage`" in docs/referrals-and-csv.md, each a
/// column name (`a`, or `a`, `b` for two).
fn documented_triage_columns() -> Vec<String> {
    let doc = std::fs::read_to_string(common::repo().join("docs/referrals-and-csv.md")).unwrap();
    let after = doc.split("## CSV out of `wor triage`").nth(1).unwrap();
    let section = after.split("\n## ").next().unwrap();
    section
        .lines()
        .filter(|l| l.starts_with("| `"))
        .flat_map(|l| {
            let cell = l.split('|').nth(1).unwrap();
            cell.split(',')
                .map(|c| c.trim().trim_matches('`').to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn an_urgent_decision_on_a_rejected_row_is_still_written_to_the_file() {
    let dir = tempfile::tempdir().unwrap();
    // Row 3 has no valid age, but its note carries a risk: risk decides first, and the failed run's
    // file is written all the same with that urgent decision and its problems.
    let input = write(
        dir.path(),
        "in.csv",
        "id;leeftijd;toestemming;gemeente;tekst\n\
         r1;70;ja;Leiden;eenzaam\n\
         r2;onbekend;ja;Leiden;wil niet meer leven, denkt aan zelfdoding\n",
    );
    let output = dir.path().join("triage.csv");
    let out = wor(&["triage", s(&input), "--output", s(&output)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = std::fs::read_to_string(&output).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2, "{text}");
    assert_eq!((&rows[1][0], &rows[1][1]), ("r2", "urgent"));
    assert!(rows[1][11].starts_with("age: "), "{text}");
    assert!(rows[0][11].is_empty());
}
