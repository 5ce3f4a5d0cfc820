//! `wor evaluate`: ranking metrics on TREC files, the engine against historic cases, and a synthetic
//! case generator.
//!
//! * `wor evaluate --qrels FILE --run FILE [--k K] [--json] [--complete]`
//! * `wor evaluate --map PATH --cases FILE [--k K] [--json] [--html FILE] [--compare OTHER_MAP]
//!   [--date YYYY-MM-DD] [--seed S]`
//! * `wor evaluate generate-cases --map PATH --count N [--seed S] [--from D] [--to D] [--output FILE]`

use crate::problems::{Problems, Wording};
use crate::records::{open_input, read_lines, Output};
use crate::{maps, reference_date, Outcome};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use wor_core::cases::HistoricCase;
use wor_core::{Date, Strictness};
use wor_eval::report::{render_html, render_text};
use wor_eval::synth::{Generator, SynthOptions};
use wor_eval::trec::{self, Metrics, Qrels, Run};
use wor_eval::{EvalOptions, Evaluator};

#[derive(clap::Args)]
#[command(
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true,
    group(clap::ArgGroup::new("mode").required(true).args(["qrels", "map"]))
)]
pub struct Args {
    #[command(subcommand)]
    command: Option<EvalCommand>,
    /// TREC qrels file: `query iteration document relevance` per line.
    #[arg(long, requires = "run", conflicts_with_all = ["map", "cases", "html", "compare"])]
    qrels: Option<PathBuf>,
    /// TREC run file: `query Q0 document rank score tag` per line (sorted by score; rank is ignored).
    #[arg(long, requires = "qrels")]
    run: Option<PathBuf>,
    /// Map file, region directory (latest version) or the social-map/ root (all regions).
    #[arg(long, requires = "cases")]
    map: Option<PathBuf>,
    /// File of historic cases (JSONL, one case per line, e.g. from `generate-cases --count N`); `-` reads
    /// standard input.
    #[arg(long, requires = "map")]
    cases: Option<PathBuf>,
    /// Cut-off for nDCG, recall and precision (and the number of activities each ranker returns).
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u16).range(1..=1000))]
    k: u16,
    /// Write the result as JSON on standard output instead of a table.
    #[arg(long)]
    json: bool,
    /// TREC files: evaluate every qrels query (a query missing from the run scores 0), like `trec_eval -c`.
    #[arg(long, requires = "qrels")]
    complete: bool,
    /// Also write a self-contained HTML report (inline SVG charts) to this file.
    #[arg(long, requires = "map")]
    html: Option<PathBuf>,
    /// A second map version (file, region directory or root) to score on the same cases: the report
    /// says whether the newer of the two ranks better (new minus old, with a 95% bootstrap interval).
    #[arg(long, requires = "map")]
    compare: Option<PathBuf>,
    /// Reference date (YYYY-MM-DD) for the entries' validity; by default each case's referral date.
    #[arg(long)]
    date: Option<Date>,
    /// Seed of the random baseline.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Unknown fields in cases are errors instead of warnings.
    #[arg(long)]
    strict: bool,
    /// Matching weights (`wor-weights/1`) for the engine; without it, the default weights.
    #[arg(long, requires = "map")]
    weights: Option<PathBuf>,
    /// A second weights file to score on the same cases and map (shown as the comparison).
    #[arg(long, requires = "map", conflicts_with = "compare")]
    compare_weights: Option<PathBuf>,
}

#[derive(clap::Subcommand)]
pub enum EvalCommand {
    /// Write synthetic historic cases (JSONL) for a map: seeded, reproducible, with outcomes from a
    /// latent arrival model independent of the matcher (see tests/evaluate/README.md).
    GenerateCases {
        /// Map file, region directory (latest version) or the social-map/ root (all regions).
        #[arg(long)]
        map: PathBuf,
        /// How many cases to write (a number; `--cases N` is accepted too, for older scripts).
        #[arg(long = "count", alias = "cases", value_parser = clap::value_parser!(u64).range(0..=10_000_000))]
        cases: u64,
        /// Seed of the generator: the same seed, map and count give the same file.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// First referral date.
        #[arg(long, default_value = "2026-01-01")]
        from: Date,
        /// Last referral date.
        #[arg(long, default_value = "2026-12-31")]
        to: Date,
        /// Write here (atomically) instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Multiply every resident's latent distance tolerance (large: distance hardly matters;
        /// small: it matters a lot). For testing `wor tune` on populations unlike the default.
        #[arg(long, default_value_t = 1.0, value_parser = tolerance_scale)]
        tolerance_scale: f64,
    },
}

fn tolerance_scale(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if (0.05..=20.0).contains(&x) => Ok(x),
        _ => Err("a number from 0.05 to 20".into()),
    }
}

pub fn run(args: Args) -> Result<Outcome, String> {
    if let Some(EvalCommand::GenerateCases {
        map,
        cases,
        seed,
        from,
        to,
        output,
        tolerance_scale,
    }) = args.command
    {
        let opts = SynthOptions { seed, from, to };
        return generate(
            &map,
            cases as usize,
            opts,
            tolerance_scale,
            output.as_deref(),
        );
    }
    let k = usize::from(args.k);
    match (&args.qrels, &args.run, &args.map, &args.cases) {
        (Some(qrels), Some(run), _, _) => trec_files(qrels, run, k, args.json, args.complete),
        (_, _, Some(map), Some(cases)) => historic(&args, map, cases, k),
        _ => Err("give --qrels and --run, or --map and --cases".into()),
    }
}

fn read_text(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn trec_files(
    qrels_path: &Path,
    run_path: &Path,
    k: usize,
    json: bool,
    complete: bool,
) -> Result<Outcome, String> {
    let qrels = Qrels::parse(&read_text(qrels_path)?);
    let run = Run::parse(&read_text(run_path)?);
    let wording = Wording::Jsonl;
    let mut shown = Problems::new(&wording);
    for (problems, kind, path) in [
        (qrels.as_ref().err(), "qrels", qrels_path),
        (run.as_ref().err(), "run", run_path),
    ] {
        for p in problems.into_iter().flatten() {
            shown.text(kind, || format!("{p} (in {kind} {})", path.display()));
        }
    }
    shown.finish();
    let (Ok(qrels), Ok(run)) = (qrels, run) else {
        return Ok(Outcome::InputErrors);
    };
    let result = trec::evaluate(&qrels, &run, k, complete);
    let mut out = Output::create(None)?;
    let w = out.writer();
    if json {
        serde_json::to_writer_pretty(&mut *w, &result).map_err(|e| e.to_string())?;
        writeln!(w).map_err(|e| e.to_string())?;
    } else {
        write!(w, "{}", trec_table(&result)).map_err(|e| e.to_string())?;
    }
    out.commit()?;
    if result.per_query.is_empty() {
        eprintln!("no query is in both the qrels and the run");
    }
    Ok(Outcome::Ok)
}

fn trec_table(e: &trec::Evaluation) -> String {
    let names = Metrics::names(e.k);
    let width = e
        .per_query
        .keys()
        .map(|q| q.chars().count())
        .max()
        .unwrap_or(0)
        .max(16);
    let mut s = format!("{:<width$}", "query");
    for n in &names {
        s.push_str(&format!("{n:>14}"));
    }
    s.push('\n');
    let mut row = |label: &str, m: &Metrics| {
        s.push_str(&format!("{label:<width$}"));
        for v in m.values() {
            s.push_str(&format!("{v:>14.4}"));
        }
        s.push('\n');
    };
    for (q, m) in &e.per_query {
        row(q, m);
    }
    row(&format!("mean ({} queries)", e.per_query.len()), &e.mean);
    s
}

/// Reads and validates historic cases; every bad line is reported (at most [`MAX_SHOWN`] lines, then
/// a count per kind). Errors (incl. repeated referral ids) stop the evaluation: scores over part of the
/// cases would mislead. A file without any case is an error too: a table of zeros would look like a
/// result.
///
/// [`MAX_SHOWN`]: crate::problems::MAX_SHOWN
pub(crate) fn read_cases(
    path: &Path,
    mode: Strictness,
) -> Result<Result<Vec<HistoricCase>, usize>, String> {
    let lines = read_lines(open_input(Some(path))?)?;
    let file = wor_eval::case_file::cases_from_lines(lines, mode);
    let wording = Wording::Jsonl;
    let mut problems = Problems::new(&wording);
    for warning in &file.warnings {
        problems.text("warning", || warning.clone());
    }
    for e in &file.errors {
        problems.error(e.line, &e.error);
    }
    problems.finish();
    if file.bad_lines > 0 {
        return Ok(Err(file.bad_lines));
    }
    if file.cases.is_empty() {
        return Err(format!(
            "{}: no cases in this file (one wor-historic-case/1 object per line is expected)",
            path.display()
        ));
    }
    Ok(Ok(file.cases))
}

fn progress_bar(len: usize, what: &str) -> ProgressBar {
    // Short runs finish before a bar helps; indicatif also hides itself when stderr is not a terminal.
    if len < 5_000 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    bar.set_style(
        ProgressStyle::with_template(&format!(
            "{{bar:40}} {{pos}}/{{len}} {what} {{elapsed}} (ETA {{eta}})"
        ))
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

fn historic(args: &Args, map: &Path, cases_path: &Path, k: usize) -> Result<Outcome, String> {
    // `--cases 500` is a count in `generate-cases` but a file here: say so instead of "No such file".
    let given = cases_path.to_string_lossy();
    if !cases_path.exists() && given.parse::<u64>().is_ok() {
        return Err(format!(
            "--cases {given}: no such file. Here --cases is a file of historic cases; to write {given} synthetic cases first, run `wor evaluate generate-cases --map {} --count {given} --output cases.jsonl`",
            map.display()
        ));
    }
    let mode = if args.strict {
        Strictness::Strict
    } else {
        Strictness::Lenient
    };
    let cases = match read_cases(cases_path, mode)? {
        Ok(c) => c,
        Err(n) => {
            eprintln!("{n} bad case(s): nothing evaluated");
            return Ok(Outcome::InputErrors);
        }
    };
    let today = reference_date(args.date);
    let mut primary = maps::load_set(map, today)?;
    if let Some(path) = &args.weights {
        maps::apply_weights(&mut primary, path)?;
    }
    let compare = match (&args.compare, &args.compare_weights) {
        (Some(p), _) => Some(maps::load_set(p, today)?),
        (None, Some(w)) => {
            let mut set = maps::load_set(map, today)?;
            maps::apply_weights(&mut set, w)?;
            Some(set)
        }
        (None, None) => None,
    };
    let ev = Evaluator::new(
        &primary,
        compare.as_ref(),
        &cases,
        EvalOptions {
            k,
            seed: args.seed,
            date: args.date,
        },
    );
    let bar = progress_bar(cases.len(), "cases");
    let runs: Vec<_> = (0..cases.len())
        .into_par_iter()
        .map(|i| {
            let r = ev.run_case(i);
            bar.inc(1);
            r
        })
        .collect();
    bar.finish_and_clear();
    let report = ev.report(&runs);
    if let Some(path) = &args.html {
        let mut out = Output::create(Some(path))?;
        out.writer()
            .write_all(render_html(&report).as_bytes())
            .map_err(|e| format!("{}: {e}", path.display()))?;
        out.commit()?;
    }
    let mut out = Output::create(None)?;
    let w = out.writer();
    if args.json {
        serde_json::to_writer_pretty(&mut *w, &report).map_err(|e| e.to_string())?;
        writeln!(w).map_err(|e| e.to_string())?;
    } else {
        write!(w, "{}", render_text(&report)).map_err(|e| e.to_string())?;
    }
    out.commit()?;
    if report.cases.covered < report.cases.total {
        eprintln!(
            "{} of {} case(s) lie outside the loaded map(s) and were not ranked",
            report.cases.total - report.cases.covered,
            report.cases.total
        );
    }
    Ok(Outcome::Ok)
}

fn generate(
    map: &Path,
    n: usize,
    opts: SynthOptions,
    tolerance_scale: f64,
    output: Option<&Path>,
) -> Result<Outcome, String> {
    let set = maps::load_set(map, reference_date(Some(opts.to)))?;
    let generator = Generator::new(&set, opts)?.with_tolerance_scale(tolerance_scale);
    let mut out = Output::create(output)?;
    let bar = progress_bar(n, "cases");
    const CHUNK: usize = 8_192;
    for start in (0..n).step_by(CHUNK) {
        let lines: Vec<String> = (start..(start + CHUNK).min(n))
            .into_par_iter()
            .map(|i| serde_json::to_string(&generator.case(i)).map_err(|e| e.to_string()))
            .collect::<Result<_, _>>()?;
        let w = out.writer();
        for line in &lines {
            w.write_all(line.as_bytes())
                .and_then(|()| w.write_all(b"\n"))
                .map_err(|e| e.to_string())?;
        }
        bar.inc(lines.len() as u64);
    }
    bar.finish_and_clear();
    out.commit()?;
    Ok(Outcome::Ok)
}
