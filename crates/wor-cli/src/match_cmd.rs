//! `wor match --map PATH [--top K] [FILE|-] [--output FILE]`: suggestions per referral.

use crate::records::{open_input, parse_referrals, read_lines, LineError, Output};
use crate::{maps, reference_date, Outcome};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::{Path, PathBuf};
use wor_core::matching::{Demand, MatchOptions};
use wor_core::MapSet;
use wor_core::{Date, MatchResult, Referral, Strictness};

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Jsonl,
    Csv,
}

#[derive(clap::Args)]
pub struct Args {
    /// Referrals (JSONL, or CSV with a header row: see docs/referrals-and-csv.md); `-` or nothing reads standard input.
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
    /// CSV for Dutch Excel: a UTF-8 byte-order mark, `;` between cells and decimal commas (CSV input
    /// is read either way: `;` or `,` is detected, a byte-order mark skipped).
    #[arg(long)]
    excel: bool,
    /// Reference date (YYYY-MM-DD) for the entries' validity; today by default.
    #[arg(long)]
    date: Option<Date>,
    /// Unknown fields (JSONL) and unknown columns (CSV) are errors instead of warnings.
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
        Format::Csv => crate::csv_referrals::read(input, mode)?,
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
        let header = crate::csv_suggestions::Dialect { excel: args.excel }.header()?;
        out.writer().write_all(&header).map_err(|e| e.to_string())?;
    }
    let batch = Batch {
        set: &set,
        opts,
        demand: demand.as_ref(),
        format,
        excel: args.excel,
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
    excel: bool,
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
                // CSV rows of a referral without suggestions give its triage reasons.
                let by_id: std::collections::HashMap<&str, &Referral> = match self.format {
                    Format::Csv => chunk.iter().map(|r| (r.id.as_str(), r)).collect(),
                    Format::Jsonl => Default::default(),
                };
                let rendered = self
                    .set
                    .match_each(chunk, &self.opts, self.demand, |result| {
                        result.map(|m| render(self.format, self.excel, &m, by_id.get(m.id)))
                    });
                let mut output = Vec::with_capacity(rendered.len());
                for (&line, result) in lines.iter().zip(rendered) {
                    match result {
                        Ok(bytes) => output.push(bytes?),
                        Err(error) => errors.push(LineError {
                            line,
                            errors: vec![error],
                            salvaged: None,
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

/// One result as output bytes: a JSON line, or its CSV rows (without the header).
fn render(
    format: Format,
    excel: bool,
    r: &MatchResult,
    referral: Option<&&Referral>,
) -> Result<Vec<u8>, String> {
    if format == Format::Jsonl {
        // About 1 KB per suggestion: sized once instead of grown by repeated reallocation. sonic-rs
        // writes the same bytes as serde_json (tested) with faster string escaping.
        let mut line = Vec::with_capacity(512 + 1280 * r.suggestions.len());
        sonic_rs::to_writer(&mut line, r).map_err(|e| e.to_string())?;
        line.push(b'\n');
        return Ok(line);
    }
    crate::csv_suggestions::Dialect { excel }.rows(r, referral.copied())
}
