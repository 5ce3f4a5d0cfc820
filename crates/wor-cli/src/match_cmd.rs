//! `wor match --map PATH [--top K] [FILE|-] [--output FILE]`: suggestions per referral.

use crate::records::{open_input, parse_referrals, read_lines, LineError, NumberedLine, Output};
use crate::{maps, reference_date, Outcome};
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::{json, Map, Value};
use std::io::Read;
use std::path::{Path, PathBuf};
use wor_core::matching::{Demand, MatchOptions};
use wor_core::referral::{shown, shown_value};
use wor_core::MapSet;
use wor_core::{Code, Date, FieldError, MatchResult, Referral, Strictness};

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
    /// Matching weights (`wor-weights/1`, written by `wor tune`) for the regions it covers; the
    /// output then carries `weights: {id, hash}`. Without it: the default weights.
    #[arg(long)]
    weights: Option<PathBuf>,
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
    let mut set = maps::load_set(&args.map, date)?;
    if let Some(path) = &args.weights {
        maps::apply_weights(&mut set, path)?;
    }
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
    let (line_numbers, referrals): (Vec<usize>, Vec<Referral>) = ok.into_iter().unzip();
    // "Collective first" counts the whole batch; matching and writing then go chunk by chunk, so that
    // memory holds the referrals but never all results (about 10 KB each).
    let demand = (!args.no_collective).then(|| Demand::of(&referrals));
    let progress = progress_bar(referrals.len());
    let format = format_of(args.output_format, args.output.as_deref());
    let mut out = Output::create(args.output.as_deref())?;
    if format == Format::Csv {
        out.writer()
            .write_all(CSV_HEADER.as_bytes())
            .map_err(|e| e.to_string())?;
    }
    let batch = Batch {
        set: &set,
        opts,
        demand: demand.as_ref(),
        format,
    };
    let (matched, out) = batch.write(&line_numbers, &referrals, out, &mut errors, &progress)?;
    progress.finish_and_clear();
    errors.sort_by_key(|e| e.line);
    for e in &errors {
        eprintln!("{e}");
    }
    out.commit()?;
    eprintln!("read {read}, matched {matched}, rejected {}", errors.len());
    Ok(if errors.is_empty() {
        Outcome::Ok
    } else {
        Outcome::InputErrors
    })
}

struct Batch<'a> {
    set: &'a MapSet,
    opts: MatchOptions,
    demand: Option<&'a Demand>,
    format: Format,
}

impl Batch<'_> {
    /// Matches and renders chunk by chunk in parallel while a writer thread writes the previous chunk;
    /// returns how many were matched and the output to commit. Referrals that cannot be matched become
    /// `errors` with their line.
    fn write(
        &self,
        line_numbers: &[usize],
        referrals: &[Referral],
        mut out: Output,
        errors: &mut Vec<LineError>,
        progress: &ProgressBar,
    ) -> Result<(usize, Output), String> {
        std::thread::scope(|scope| {
            let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Vec<u8>>>(1);
            let writer = scope.spawn(move || -> Result<Output, String> {
                for chunk in receive {
                    for bytes in chunk {
                        out.writer().write_all(&bytes).map_err(|e| e.to_string())?;
                    }
                }
                Ok(out)
            });
            let mut matched = 0;
            for (lines, chunk) in line_numbers.chunks(CHUNK).zip(referrals.chunks(CHUNK)) {
                let rendered = self
                    .set
                    .match_each(chunk, &self.opts, self.demand, |result| {
                        result.map(|m| render(self.format, &m))
                    });
                let mut output = Vec::with_capacity(rendered.len());
                for (&line, result) in lines.iter().zip(rendered) {
                    match result {
                        Ok(bytes) => output.push(bytes?),
                        Err(error) => errors.push(LineError {
                            line,
                            errors: vec![error],
                        }),
                    }
                }
                matched += output.len();
                if send.send(output).is_err() {
                    break; // the writer stopped with an error, returned below
                }
                progress.inc(chunk.len() as u64);
            }
            drop(send);
            let out = writer
                .join()
                .map_err(|_| "the output writer failed".to_string())??;
            Ok((matched, out))
        })
    }
}

/// Referrals matched (in parallel) and written per chunk.
const CHUNK: usize = 4096;

fn progress_bar(len: usize) -> ProgressBar {
    // Short runs finish before a bar helps; indicatif hides itself when stderr is not a terminal.
    if len < 10_000 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} matching {pos}/{len} referrals {elapsed} (eta {eta})",
        )
        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

/// CSV columns (header row, any order): id, age, consent, municipality, postcode, areas
/// (`loneliness:3;debt_poverty`), text, referrer, flags (`;`), audience (`;`), max_km,
/// max_eur_per_month, days (`;`), times (`;`), languages (`;`), group, wheelchair, strict_days. Each row
/// becomes the JSON referral contract.
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
            .map_err(|e| {
                FieldError::new("", Code::InvalidFormat, format!("CSV: {e}")).with("format", "csv")
            })
            .and_then(|r| csv_row_to_json(&headers, &r));
        out.push((line, row));
    }
    Ok(out)
}

/// A CSV cell that is not of the column's type (`expected`: number, boolean, integer).
fn wrong_type(field: &str, expected: &str, message: String) -> FieldError {
    FieldError::new(field, Code::WrongType, message)
        .with("expected", expected)
        .with("got", "string")
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
            .ok_or_else(|| wrong_type(field, "number", format!("{} is not a number", shown(v))))
    };
    let boolean = |field: &str, v: &str| -> Result<Value, FieldError> {
        match v.trim().to_lowercase().as_str() {
            "true" | "ja" | "yes" | "1" => Ok(Value::Bool(true)),
            "false" | "nee" | "no" | "0" => Ok(Value::Bool(false)),
            _ => Err(wrong_type(
                field,
                "boolean",
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
                    wrong_type(
                        "age",
                        "integer",
                        format!("{} is not a whole number", shown(value)),
                    )
                })?;
                top.insert(name.into(), Value::from(age));
            }
            "consent" => {
                top.insert(name.into(), boolean(name, value)?);
            }
            "flags" | "audience" => {
                top.insert(name.into(), list(value));
            }
            "areas" => {
                let mut areas = Vec::new();
                for item in value.split(';').map(str::trim).filter(|s| !s.is_empty()) {
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
            "group" | "wheelchair" | "strict_days" => {
                prefs.insert(name.into(), boolean(&format!("preferences.{name}"), value)?);
            }
            other => {
                return Err(FieldError::new(
                    "",
                    Code::UnknownField,
                    format!(
                        "unknown CSV column {} (is the header row missing?)",
                        shown(other)
                    ),
                )
                .with("name", shown_value(other))
                .with("strict", true))
            }
        }
    }
    if !prefs.is_empty() {
        top.insert("preferences".into(), Value::Object(prefs));
    }
    Ok(Value::Object(top).to_string())
}

/// The header row of `--output-format csv`: one row per suggestion.
const CSV_HEADER: &str = "id,rank,activity_id,name,organisation,score,distance_km,areas,why_nl,why_en,map_region,map_version,map_hash\n";

/// One result as output bytes: a JSON line, or its CSV rows (without the header).
fn render(format: Format, r: &MatchResult) -> Result<Vec<u8>, String> {
    if format == Format::Jsonl {
        // About 1 KB per suggestion: sized once instead of grown by repeated reallocation. sonic-rs
        // writes the same bytes as serde_json (tested) with faster string escaping.
        let mut line = Vec::with_capacity(512 + 1280 * r.suggestions.len());
        sonic_rs::to_writer(&mut line, r).map_err(|e| e.to_string())?;
        line.push(b'\n');
        return Ok(line);
    }
    let mut csv = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    for (rank, s) in r.suggestions.iter().enumerate() {
        let areas: Vec<&str> = s.areas.iter().map(|a| a.id()).collect();
        let why_nl: Vec<&str> = s.why.iter().map(|w| w.nl.as_ref()).collect();
        let why_en: Vec<&str> = s.why.iter().map(|w| w.en.as_ref()).collect();
        csv.write_record([
            r.id,
            &(rank + 1).to_string(),
            s.activity_id,
            s.name,
            s.organisation,
            &s.score.to_string(),
            &s.distance_km.to_string(),
            &areas.join(";"),
            &why_nl.join("; "),
            &why_en.join("; "),
            &r.map.region,
            &r.map.version,
            &r.map.hash,
        ])
        .map_err(|e| e.to_string())?;
    }
    csv.into_inner().map_err(|e| e.to_string())
}
