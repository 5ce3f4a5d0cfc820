//! `wor match --map PATH [--top K] [FILE|-] [--output FILE]`: suggestions per referral.

use crate::records::{
    open_input, parse_referrals, read_lines, write_json_line, LineError, NumberedLine, Output,
};
use crate::{maps, reference_date, Outcome};
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::{json, Map, Value};
use std::io::Read;
use std::path::{Path, PathBuf};
use wor_core::matching::MatchOptions;
use wor_core::referral::shown;
use wor_core::{Date, FieldError, MatchResult, Referral, Strictness};

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Jsonl,
    Csv,
}

#[derive(clap::Args)]
pub struct Args {
    /// Referrals (JSONL, or CSV with a header row); `-` or nothing reads standard input.
    input: Option<PathBuf>,
    /// Map file, region directory (latest version) or the social-map/ root (all regions).
    #[arg(long)]
    map: PathBuf,
    /// Number of suggestions per referral.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u16).range(1..=100))]
    top: u16,
    /// Write here (atomically) instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Input format; by default from the file extension (.csv), else JSONL.
    #[arg(long, value_enum)]
    input_format: Option<Format>,
    /// Output format; by default from the --output extension (.csv), else JSONL.
    #[arg(long, value_enum)]
    output_format: Option<Format>,
    /// Reference date (YYYY-MM-DD) for the entries' validity; today by default.
    #[arg(long)]
    date: Option<Date>,
    /// Unknown fields are errors instead of warnings.
    #[arg(long)]
    strict: bool,
    /// Match each referral on its own: no "collective first" preference for group activities that
    /// several referrals of this batch could join together.
    #[arg(long)]
    no_collective: bool,
}

fn format_of(explicit: Option<Format>, path: Option<&Path>) -> Format {
    explicit.unwrap_or(match path.and_then(|p| p.extension()) {
        Some(ext) if ext.eq_ignore_ascii_case("csv") => Format::Csv,
        _ => Format::Jsonl,
    })
}

pub fn run(args: Args) -> Result<Outcome, String> {
    let mode = if args.strict {
        Strictness::Strict
    } else {
        Strictness::Lenient
    };
    let date = reference_date(args.date);
    let set = maps::load_set(&args.map, date)?;
    let input = open_input(args.input.as_deref())?;
    let lines = match format_of(args.input_format, args.input.as_deref()) {
        Format::Jsonl => read_lines(input)?,
        Format::Csv => csv_lines(input)?,
    };
    let read = lines.len();
    let (ok, mut errors) = parse_referrals(lines, mode);
    let opts = MatchOptions {
        top_k: usize::from(args.top),
        date,
    };
    let referrals: Vec<Referral> = ok.iter().map(|(_, r)| r.clone()).collect();
    let progress = progress_bar(referrals.len());
    let results = if args.no_collective {
        set.match_batch_independent(&referrals, &opts)
    } else {
        set.match_batch(&referrals, &opts)
    };
    progress.finish_and_clear();
    let mut matched: Vec<MatchResult> = Vec::with_capacity(results.len());
    for ((line, _), result) in ok.iter().zip(results) {
        match result {
            Ok(m) => matched.push(m),
            Err(error) => errors.push(LineError { line: *line, error }),
        }
    }
    errors.sort_by_key(|e| e.line);
    for e in &errors {
        eprintln!("{e}");
    }
    let mut out = Output::create(args.output.as_deref())?;
    match format_of(args.output_format, args.output.as_deref()) {
        Format::Jsonl => {
            for m in &matched {
                write_json_line(out.writer(), m)?;
            }
        }
        Format::Csv => write_csv(out.writer(), &matched)?,
    }
    out.commit()?;
    eprintln!(
        "read {read}, matched {}, rejected {}",
        matched.len(),
        errors.len()
    );
    Ok(if errors.is_empty() {
        Outcome::Ok
    } else {
        Outcome::InputErrors
    })
}

fn progress_bar(len: usize) -> ProgressBar {
    // Short runs finish before a bar helps; indicatif hides itself when stderr is not a terminal.
    if len < 10_000 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    bar.set_style(
        ProgressStyle::with_template("{spinner} matching {len} referrals {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

/// CSV columns (header row, any order): id, age, consent, municipality, postcode, areas
/// (`loneliness:3;debt_poverty`), text, referrer, flags (`;`), max_km, max_eur_per_month, days (`;`),
/// times (`;`), languages (`;`), group, wheelchair. Each row becomes the JSON referral contract.
fn csv_lines(input: impl Read) -> Result<Vec<NumberedLine>, String> {
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(input);
    let headers = reader
        .headers()
        .map_err(|e| format!("CSV header: {e}"))?
        .clone();
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = record
            .as_ref()
            .ok()
            .and_then(|r| r.position())
            .map_or(i + 2, |p| p.line() as usize);
        let row = record
            .map_err(|e| FieldError::new("", format!("CSV: {e}")))
            .and_then(|r| csv_row_to_json(&headers, &r));
        out.push((line, row));
    }
    Ok(out)
}

fn csv_row_to_json(
    headers: &csv::StringRecord,
    row: &csv::StringRecord,
) -> Result<String, FieldError> {
    let mut top = Map::new();
    let mut prefs = Map::new();
    let list = |v: &str| -> Value {
        v.split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(Value::from)
            .collect()
    };
    let number = |field: &str, v: &str| -> Result<Value, FieldError> {
        v.trim()
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .and_then(|n| serde_json::Number::from_f64(n).map(Value::Number))
            .ok_or_else(|| FieldError::new(field, format!("{} is not a number", shown(v))))
    };
    let boolean = |field: &str, v: &str| -> Result<Value, FieldError> {
        match v.trim().to_lowercase().as_str() {
            "true" | "ja" | "yes" | "1" => Ok(Value::Bool(true)),
            "false" | "nee" | "no" | "0" => Ok(Value::Bool(false)),
            _ => Err(FieldError::new(
                field,
                format!("{} is not true/false", shown(v)),
            )),
        }
    };
    for (name, value) in headers.iter().zip(row.iter()) {
        if value.trim().is_empty() {
            continue;
        }
        match name {
            "id" | "municipality" | "postcode" | "text" | "referrer" => {
                top.insert(name.into(), Value::from(value));
            }
            "age" => {
                let age = value.trim().parse::<i64>().map_err(|_| {
                    FieldError::new("age", format!("{} is not a whole number", shown(value)))
                })?;
                top.insert(name.into(), Value::from(age));
            }
            "consent" => {
                top.insert(name.into(), boolean(name, value)?);
            }
            "flags" => {
                top.insert(name.into(), list(value));
            }
            "areas" => {
                let mut areas = Vec::new();
                for item in value.split(';').map(str::trim).filter(|s| !s.is_empty()) {
                    let (area, severity) = item.split_once(':').unwrap_or((item, "2"));
                    let severity: u8 = severity.trim().parse().map_err(|_| {
                        FieldError::new(
                            "areas",
                            format!("{}: severity must be 1, 2 or 3", shown(item)),
                        )
                    })?;
                    areas.push(json!({"area": area.trim(), "severity": severity}));
                }
                top.insert(name.into(), Value::Array(areas));
            }
            "max_km" | "max_eur_per_month" => {
                prefs.insert(name.into(), number(&format!("preferences.{name}"), value)?);
            }
            "days" | "times" | "languages" => {
                prefs.insert(name.into(), list(value));
            }
            "group" | "wheelchair" => {
                prefs.insert(name.into(), boolean(&format!("preferences.{name}"), value)?);
            }
            other => {
                return Err(FieldError::new(
                    "",
                    format!(
                        "unknown CSV column {} (is the header row missing?)",
                        shown(other)
                    ),
                ))
            }
        }
    }
    if !prefs.is_empty() {
        top.insert("preferences".into(), Value::Object(prefs));
    }
    Ok(Value::Object(top).to_string())
}

/// One CSV row per suggestion: id, rank, activity_id, name, organisation, score, distance_km, areas,
/// why_nl, why_en, map_region, map_version, map_hash.
fn write_csv(w: &mut dyn std::io::Write, results: &[MatchResult]) -> Result<(), String> {
    let mut csv = csv::Writer::from_writer(w);
    let err = |e: csv::Error| e.to_string();
    csv.write_record([
        "id",
        "rank",
        "activity_id",
        "name",
        "organisation",
        "score",
        "distance_km",
        "areas",
        "why_nl",
        "why_en",
        "map_region",
        "map_version",
        "map_hash",
    ])
    .map_err(err)?;
    for r in results {
        for (rank, s) in r.suggestions.iter().enumerate() {
            let areas: Vec<&str> = s.areas.iter().map(|a| a.id()).collect();
            let why_nl: Vec<&str> = s.why.iter().map(|w| w.nl.as_ref()).collect();
            let why_en: Vec<&str> = s.why.iter().map(|w| w.en.as_ref()).collect();
            csv.write_record([
                r.id.as_str(),
                &(rank + 1).to_string(),
                &s.activity_id,
                &s.name,
                &s.organisation,
                &s.score.to_string(),
                &s.distance_km.to_string(),
                &areas.join(";"),
                &why_nl.join("; "),
                &why_en.join("; "),
                &r.map.region,
                &r.map.version,
                &r.map.hash,
            ])
            .map_err(err)?;
        }
    }
    csv.flush().map_err(|e| e.to_string())
}
