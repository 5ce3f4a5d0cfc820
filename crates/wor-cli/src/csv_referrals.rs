//! Referrals from a CSV file, as a Dutch spreadsheet writes them: `;` or `,` between cells (detected
//! from the header row), an optional UTF-8 byte-order mark, Dutch or English column names and values
//! (`eenzaamheid`, `ja`, `ma;wo`, `2,5`). Each row becomes the JSON referral contract, so the JSONL and
//! CSV paths share one parser and its errors. The columns are documented in docs/referrals-and-csv.md.

use crate::records::NumberedLine;
use serde_json::{json, Map, Value};
use std::io::{BufRead, BufReader, Read};
use wor_core::area::SupportArea;
use wor_core::referral::shown;
use wor_core::{Code, Date, FieldError, FieldErrors, Strictness};

pub use wor_eval::spreadsheet::UTF8_BOM;
use wor_eval::spreadsheet::{column_key, delimiter};

/// A column's meaning: where its cells go in the referral contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    /// A top-level string field (id, municipality, postcode, text, referrer, ...).
    Text(&'static str),
    /// A date: ISO or Dutch (`23-11-2026`, `3-1-2026`), as a spreadsheet cell holds it.
    Date(&'static str),
    Age,
    Consent,
    /// A top-level list (flags, audience).
    List(&'static str),
    Areas,
    /// A number in `preferences` (max_km, max_eur_per_month).
    Number(&'static str),
    /// A list in `preferences` (days, times, languages).
    PrefList(&'static str),
    /// A boolean in `preferences` (group, wheelchair, strict_days).
    Flag(&'static str),
    /// Not a referral field: ignored with a warning (an error with `--strict`).
    Unknown,
}

/// Accepted column names (lower case, spaces and hyphens as `_`): the contract's English field name and
/// the Dutch label a spreadsheet user would write.
const COLUMNS: &[(&[&str], Column)] = &[
    (&["id", "verwijzing", "verwijzing_id"], Column::Text("id")),
    (&["age", "leeftijd"], Column::Age),
    (&["consent", "toestemming"], Column::Consent),
    (&["municipality", "gemeente"], Column::Text("municipality")),
    (&["postcode"], Column::Text("postcode")),
    (&["text", "tekst", "verwijstekst"], Column::Text("text")),
    (&["referrer", "verwijzer"], Column::Text("referrer")),
    (&["date", "datum", "verwijsdatum"], Column::Date("date")),
    (&["practice", "praktijk"], Column::Text("practice")),
    (&["channel", "kanaal"], Column::Text("channel")),
    (&["flags", "signalen"], Column::List("flags")),
    (
        &["audience", "doelgroep", "doelgroepen"],
        Column::List("audience"),
    ),
    (
        &["life_events", "levensgebeurtenis", "levensgebeurtenissen"],
        Column::List("life_events"),
    ),
    (
        &["areas", "gebieden", "ondersteuningsgebieden"],
        Column::Areas,
    ),
    (&["max_km", "max_afstand_km"], Column::Number("max_km")),
    (
        &["max_eur_per_month", "max_eur_per_maand"],
        Column::Number("max_eur_per_month"),
    ),
    (&["days", "dagen"], Column::PrefList("days")),
    (&["times", "dagdelen"], Column::PrefList("times")),
    (&["languages", "talen"], Column::PrefList("languages")),
    (&["group", "groep"], Column::Flag("group")),
    (&["wheelchair", "rolstoel"], Column::Flag("wheelchair")),
    (
        &["strict_days", "alleen_deze_dagen"],
        Column::Flag("strict_days"),
    ),
];

fn column(name: &str) -> Column {
    let key = column_key(name);
    COLUMNS
        .iter()
        .find(|(names, _)| names.contains(&key.as_str()))
        .map_or(Column::Unknown, |(_, c)| *c)
}

/// Rows with bad cells: every cell's problem, and the JSON of the row's other cells, so that all
/// problems are reported and a risk in the note still decides (`Referral::salvage`).
pub type BadCells = std::collections::BTreeMap<usize, (FieldErrors, String)>;

/// A CSV file's rows, and how to name a place in it.
#[derive(Debug)]
pub struct CsvFile {
    /// One record per row, numbered by its spreadsheet row (the header is row 1); a row with bad cells
    /// is an error here (its first problem) and in full in `bad_cells`.
    pub rows: Vec<NumberedLine>,
    pub bad_cells: BadCells,
    pub layout: Layout,
}

/// The header as written and where rows lie in the file, so that problems are named as the
/// spreadsheet shows them: row number and column name.
#[derive(Debug)]
pub struct Layout {
    headers: Vec<(String, Column)>,
    /// Rows whose record starts on another line of the file (after a cell with a line break).
    lines: std::collections::BTreeMap<usize, usize>,
}

impl Layout {
    /// `row 5`, or `row 5 (line 7 of the file)` when a cell with a line break came before it.
    pub fn place(&self, row: usize) -> String {
        match self.lines.get(&row) {
            Some(line) => format!("row {row} (line {line} of the file)"),
            None => format!("row {row}"),
        }
    }

    /// The column a contract field (`age`, `areas[1].area`, `preferences.max_km`) came from, as its
    /// header reads; for a field no column fills (a missing `consent`), the names it could have.
    pub fn column(&self, field: &str) -> Option<String> {
        let mut parts = field.split(['.', '[']);
        let key = match parts.next()? {
            "" => return None,
            "preferences" => parts.next()?,
            top => top,
        };
        let written = self
            .headers
            .iter()
            .find(|(_, c)| c.field() == Some(key))
            .map(|(name, _)| format!("column {}", shown(name)));
        written.or_else(|| {
            let (names, _) = COLUMNS.iter().find(|(_, c)| c.field() == Some(key))?;
            Some(format!("column {} (not in the file)", names.join("/")))
        })
    }
}

impl Column {
    /// The contract field the column fills (a `preferences` field by its own name).
    fn field(self) -> Option<&'static str> {
        match self {
            Column::Text(f)
            | Column::Date(f)
            | Column::List(f)
            | Column::Number(f)
            | Column::PrefList(f)
            | Column::Flag(f) => Some(f),
            Column::Age => Some("age"),
            Column::Consent => Some("consent"),
            Column::Areas => Some("areas"),
            Column::Unknown => None,
        }
    }
}

/// Where lines start that hold something, in what the CSV reader reads: the csv crate's own line
/// count is off in files with CRLF line ends (as Excel on Windows writes them), and a record's
/// position is where reading it began, before the line ends and blank lines in front of it.
struct LineStarts<R> {
    inner: R,
    read: u64,
    line: usize,
    /// Something other than a line end was seen on the current line.
    seen: bool,
    /// (offset of the first byte, line number) of each line that holds more than a line end.
    starts: Vec<(u64, usize)>,
}

impl<R: Read> Read for LineStarts<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for (i, b) in buf[..n].iter().enumerate() {
            match b {
                b'\n' => (self.line, self.seen) = (self.line + 1, false),
                b'\r' => {}
                _ if !self.seen => {
                    self.seen = true;
                    self.starts.push((self.read + i as u64, self.line));
                }
                _ => {}
            }
        }
        self.read += n as u64;
        Ok(n)
    }
}

impl<R> LineStarts<R> {
    fn new(inner: R) -> Self {
        LineStarts {
            inner,
            read: 0,
            line: 1,
            seen: false,
            starts: Vec::new(),
        }
    }

    /// The line of the record whose reading began at byte `from`: the next line that holds something.
    fn line(&self, from: u64) -> usize {
        let i = self.starts.partition_point(|(at, _)| *at < from);
        self.starts.get(i).map_or(self.line, |(_, line)| *line)
    }
}

/// Reads CSV referrals: one numbered record per row. An unknown column is a warning on stderr, once,
/// and its cells are ignored; with `Strictness::Strict` it is an error for the whole file (nothing is
/// matched).
pub fn read(input: impl Read, mode: Strictness) -> Result<CsvFile, String> {
    let mut reader = BufReader::new(input);
    let mut header = Vec::new();
    reader
        .read_until(b'\n', &mut header)
        .map_err(|e| format!("CSV header: {e}"))?;
    if header.starts_with(UTF8_BOM) {
        header.drain(..UTF8_BOM.len());
    }
    let separator = delimiter(&header);
    let mut csv = csv::ReaderBuilder::new()
        .flexible(false)
        .delimiter(separator)
        .from_reader(LineStarts::new(std::io::Cursor::new(header).chain(reader)));
    let headers = csv
        .headers()
        .map_err(|e| format!("CSV header: {}", csv_problem(&e)))?
        .clone();
    let columns: Vec<Column> = headers.iter().map(column).collect();
    let unknown = headers
        .iter()
        .zip(&columns)
        .filter(|(_, c)| **c == Column::Unknown);
    for (name, _) in unknown {
        // Header cells are not echoed when long (`shown`): a missing header row puts data there.
        if mode == Strictness::Strict || columns.iter().all(|c| *c == Column::Unknown) {
            return Err(format!(
                "CSV header: unknown CSV column {} (is the header row missing? The accepted columns are listed in docs/referrals-and-csv.md; unknown columns are warnings without --strict)",
                shown(name)
            ));
        }
        eprintln!(
            "warning: CSV header: unknown CSV column {} ignored (the accepted columns are listed in docs/referrals-and-csv.md)",
            shown(name)
        );
    }
    let mut rows = Vec::new();
    let mut bad_cells = BadCells::new();
    let mut lines = std::collections::BTreeMap::new();
    // Line breaks inside cells so far: a spreadsheet shows such a record as one row.
    let mut breaks_in_cells = headers.iter().map(count_newlines).sum::<usize>();
    let mut record = csv::StringRecord::new();
    loop {
        let result = csv.read_record(&mut record);
        let start = match &result {
            Ok(_) => record.position().map(csv::Position::byte),
            Err(e) => e.position().map(csv::Position::byte),
        };
        let line = csv.get_ref().line(start.unwrap_or(csv.get_ref().read));
        let row = line - breaks_in_cells;
        if row != line {
            lines.insert(row, line);
        }
        match result {
            Ok(false) => break,
            Ok(true) => {
                breaks_in_cells += record.iter().map(count_newlines).sum::<usize>();
                match row_to_json(&columns, &record) {
                    Ok(json) => rows.push((row, Ok(json))),
                    Err((errors, rest)) => {
                        rows.push((row, Err(errors[0].clone())));
                        bad_cells.insert(row, (errors, rest));
                    }
                }
            }
            Err(e) => {
                let problem = FieldError::new("", Code::InvalidFormat, csv_problem(&e));
                rows.push((row, Err(problem.with("format", "csv"))));
                if e.is_io_error() {
                    break;
                }
            }
        }
    }
    let headers = headers.iter().map(str::to_string).zip(columns).collect();
    Ok(CsvFile {
        rows,
        bad_cells,
        layout: Layout { headers, lines },
    })
}

fn count_newlines(cell: &str) -> usize {
    cell.bytes().filter(|b| *b == b'\n').count()
}

/// A csv crate error in the spreadsheet's terms, without its internal positions.
fn csv_problem(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("this row has {len} cell(s), the header row {expected_len}"),
        csv::ErrorKind::Utf8 { err, .. } => format!(
            "cell {} is not valid UTF-8 text (save the file as \"CSV UTF-8\")",
            err.field() + 1
        ),
        csv::ErrorKind::Io(io) => format!("cannot read: {io}"),
        _ => "not readable as CSV".to_string(),
    }
}

/// A CSV cell that is not of the column's type (`expected`: number, boolean, integer).
fn wrong_type(field: &str, expected: &str, message: String) -> FieldError {
    FieldError::new(field, Code::WrongType, message)
        .with("expected", expected)
        .with("got", "string")
}

/// Items of a list cell: separated by `;` or `,` (no item contains either).
fn items(v: &str) -> impl Iterator<Item = &str> {
    v.split([';', ',']).map(str::trim).filter(|s| !s.is_empty())
}

/// Items of an areas cell: like [`items`], except that a label with a comma in it ("vervoer, wonen
/// en huishouden") stays whole: the longest run of comma-separated pieces that names an area is one item.
fn area_items(v: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in v.split(';') {
        let pieces: Vec<&str> = part.split(',').collect();
        let mut i = 0;
        while i < pieces.len() {
            let joined = |j: usize| pieces[i..j].join(",");
            // An area name, optionally followed by `:severity`.
            let names_an_area = |s: &str| match s.split_once(':') {
                Some((name, severity)) => !severity.contains(',') && area_id(name).is_some(),
                None => area_id(s).is_some(),
            };
            let end = (i + 1..=pieces.len())
                .rev()
                .find(|&j| names_an_area(&joined(j)))
                .unwrap_or(i + 1);
            let item = joined(end).trim().to_string();
            if !item.is_empty() {
                out.push(item);
            }
            i = end;
        }
    }
    out
}

/// A support area by its id or its Dutch or English label (full or short), any case.
fn area_id(name: &str) -> Option<&'static str> {
    let key = name.trim().to_lowercase();
    SupportArea::ALL
        .into_iter()
        .find(|a| {
            [
                a.id(),
                a.short_nl(),
                a.short_en(),
                a.label_nl(),
                a.label_en(),
            ]
            .iter()
            .any(|l| l.to_lowercase() == key)
        })
        .map(SupportArea::id)
}

/// The contract's id for a Dutch day or part of the day (`ma`, `maandag`, `ochtend`); other values
/// pass unchanged, so the contract's parser names what is wrong.
fn day_or_time(v: &str) -> String {
    let key = v.to_lowercase();
    let id = match key.as_str() {
        "ma" | "maandag" => "mon",
        "di" | "dinsdag" => "tue",
        "wo" | "woensdag" => "wed",
        "do" | "donderdag" => "thu",
        "vr" | "vrijdag" => "fri",
        "za" | "zaterdag" => "sat",
        "zo" | "zondag" => "sun",
        "ochtend" | "ochtends" => "morning",
        "middag" | "middags" => "afternoon",
        "avond" | "avonds" => "evening",
        _ => return key,
    };
    id.to_string()
}

/// A row as the JSON contract; a row with bad cells gives every cell's problem and the JSON of the
/// other cells (what risk triage can still read).
fn row_to_json(
    columns: &[Column],
    row: &csv::StringRecord,
) -> Result<String, (FieldErrors, String)> {
    let mut problems = Vec::new();
    let mut top = Map::new();
    let mut prefs = Map::new();
    let number = |field: &str, v: &str| -> Result<Value, FieldError> {
        // A decimal comma ("2,5") as Dutch spreadsheets write it.
        v.trim()
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .and_then(|n| serde_json::Number::from_f64(n).map(Value::Number))
            .ok_or_else(|| wrong_type(field, "number", format!("{} is not a number", shown(v))))
    };
    let boolean = |field: &str, v: &str| -> Result<Value, FieldError> {
        match v.trim().to_lowercase().as_str() {
            "true" | "ja" | "yes" | "1" | "waar" => Ok(Value::Bool(true)),
            "false" | "nee" | "no" | "0" | "onwaar" => Ok(Value::Bool(false)),
            _ => Err(wrong_type(
                field,
                "boolean",
                format!("{} is not true/false (ja/nee)", shown(v)),
            )),
        }
    };
    for (column, value) in columns.iter().zip(row.iter()) {
        if value.trim().is_empty() {
            continue;
        }
        let mut cell = || -> Result<(), FieldError> {
            match *column {
                Column::Text(name) => {
                    top.insert(name.into(), Value::from(value));
                }
                Column::Date(name) => {
                    let date = Date::parse_spreadsheet(value).ok_or_else(|| {
                        FieldError::new(
                            name,
                            Code::InvalidFormat,
                            format!(
                                "{} is not a date (write dd-mm-jjjj, d-m-jjjj or jjjj-mm-dd)",
                                shown(value)
                            ),
                        )
                        .with("format", "date")
                    })?;
                    top.insert(name.into(), Value::from(date.to_string()));
                }
                Column::Age => {
                    let age = value.trim().parse::<i64>().map_err(|_| {
                        wrong_type(
                            "age",
                            "integer",
                            format!("{} is not a whole number", shown(value)),
                        )
                    })?;
                    top.insert("age".into(), Value::from(age));
                }
                Column::Consent => {
                    top.insert("consent".into(), boolean("consent", value)?);
                }
                Column::List(name) => {
                    top.insert(name.into(), items(value).map(Value::from).collect());
                }
                Column::Areas => {
                    let mut areas = Vec::new();
                    for item in area_items(value) {
                        let item = item.as_str();
                        let (area, severity) = item.split_once(':').unwrap_or((item, "2"));
                        let severity: u8 = severity.trim().parse().map_err(|_| {
                            FieldError::new(
                                "areas",
                                Code::OutOfRange,
                                format!("{}: severity must be 1, 2 or 3", shown(item)),
                            )
                            .with("min", 1)
                            .with("max", 3)
                        })?;
                        // An unknown name passes unchanged: the contract's parser reports it.
                        let area = area_id(area).unwrap_or(area.trim());
                        areas.push(json!({"area": area, "severity": severity}));
                    }
                    top.insert("areas".into(), Value::Array(areas));
                }
                Column::Number(name) => {
                    prefs.insert(name.into(), number(&format!("preferences.{name}"), value)?);
                }
                Column::PrefList(name) => {
                    let list = items(value).map(|v| match name {
                        "languages" => v.to_lowercase(),
                        _ => day_or_time(v),
                    });
                    prefs.insert(name.into(), list.map(Value::from).collect());
                }
                Column::Flag(name) => {
                    prefs.insert(name.into(), boolean(&format!("preferences.{name}"), value)?);
                }
                Column::Unknown => {}
            }
            Ok(())
        };
        if let Err(e) = cell() {
            problems.push(e);
        }
    }
    if !prefs.is_empty() {
        top.insert("preferences".into(), Value::Object(prefs));
    }
    let json = Value::Object(top).to_string();
    if problems.is_empty() {
        Ok(json)
    } else {
        Err((problems, json))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(csv: &str) -> Vec<Value> {
        read(csv.as_bytes(), Strictness::Lenient)
            .unwrap()
            .rows
            .into_iter()
            .map(|(_, r)| serde_json::from_str(&r.unwrap()).unwrap())
            .collect()
    }

    #[test]
    fn semicolons_dutch_names_and_a_bom_read_like_the_contract() {
        let csv = "\u{feff}id;leeftijd;toestemming;gemeente;gebieden;dagen;dagdelen;max_km;notitie\n\
                   r1;70;ja;Leiden;eenzaamheid:3, Schulden en financiële problemen / armoede;ma,wo;ochtend;2,5;belt zelf\n";
        let r = &rows(csv)[0];
        assert_eq!(r["age"], 70);
        assert_eq!(r["consent"], true);
        assert_eq!(r["areas"][0], json!({"area": "loneliness", "severity": 3}));
        assert_eq!(r["areas"][1]["area"], "debt_poverty");
        assert_eq!(r["preferences"]["days"], json!(["mon", "wed"]));
        assert_eq!(r["preferences"]["times"], json!(["morning"]));
        assert_eq!(r["preferences"]["max_km"], 2.5);
        assert!(r.get("notitie").is_none());
        let r = &rows("id;gebieden\nr2;Vervoer, wonen en huishouden:1, eenzaamheid\n")[0];
        assert_eq!(r["areas"][0]["area"], "transport_housing_household");
        assert_eq!(r["areas"][1]["area"], "loneliness");
    }

    #[test]
    fn commas_still_separate_cells_and_quoted_semicolons_stay_in_a_cell() {
        let r = &rows(
            "id,age,consent,municipality,areas\nr1,70,true,Leiden,\"loneliness:3;debt_poverty\"\n",
        )[0];
        assert_eq!(r["areas"][1]["area"], "debt_poverty");
        assert_eq!(delimiter(b"a,\"b;c;d\",e"), b',');
    }

    #[test]
    fn an_unknown_column_is_an_error_only_when_strict() {
        let csv = "id;age;consent;notitie\nr1;70;ja;x\n";
        assert!(read(csv.as_bytes(), Strictness::Lenient).is_ok());
        let e = read(csv.as_bytes(), Strictness::Strict).unwrap_err();
        assert!(e.contains("'notitie'"), "{e}");
    }
}
