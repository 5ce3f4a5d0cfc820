//! `wor tune --map MAP --cases HISTORY.jsonl --output WEIGHTS.json [--folds K] [--seed S]`: learns a
//! region's matching weights from its closed historic cases (see `wor_eval::tune`).

use crate::evaluate_cmd::read_cases;
use crate::records::Output;
use crate::{maps, reference_date, Outcome};
use std::path::PathBuf;
use wor_core::cases::CaseOrigin;
use wor_core::{Date, Strictness};
use wor_eval::case_file::Origins;
use wor_eval::tune::{self, TuneOptions};

#[derive(clap::Args)]
pub struct Args {
    /// A region's map (learns that region) or the social-map/ root (every region in the cases, each
    /// shrunk towards the pooled weights of all of them).
    #[arg(long)]
    map: PathBuf,
    /// Historic cases (JSONL, `wor-historic-case/1`); only closed cases are learned from.
    #[arg(long)]
    cases: PathBuf,
    /// Where to write the weights file (atomically).
    #[arg(long, short)]
    output: PathBuf,
    /// Folds of the cross-validation.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u16).range(2..=20))]
    folds: u16,
    /// Seed of the order in which the weights are tried (the folds are split by referral date).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The file's id; by default from the output file name.
    #[arg(long)]
    id: Option<String>,
    /// Mark the weights as learned from synthetic cases (a demo); cases whose `origin` is `synthetic`
    /// mark them so without it.
    #[arg(long)]
    synthetic: bool,
    /// Exit 1 when a region keeps the defaults (too few cases, or no out-of-sample gain).
    #[arg(long)]
    require_improvement: bool,
    /// Reference date for the map's validity checks; today by default.
    #[arg(long)]
    date: Option<Date>,
    /// Unknown fields in cases are errors instead of warnings.
    #[arg(long)]
    strict: bool,
}

pub fn run(args: Args) -> Result<Outcome, String> {
    let mode = if args.strict {
        Strictness::Strict
    } else {
        Strictness::Lenient
    };
    let cases = match read_cases(&args.cases, mode)? {
        Ok(c) => c,
        Err(n) => {
            eprintln!("{n} bad case(s): nothing tuned");
            return Ok(Outcome::InputErrors);
        }
    };
    let set = maps::load_set(&args.map, reference_date(args.date))?;
    let (data, skipped) = tune::prepare(&set, &cases);
    let origins = Origins::of(&cases);
    eprintln!("{}", origins.describe_both());
    eprintln!(
        "{} usable case(s), {skipped} skipped (open, outside the map(s), or no judged/chosen activity the hard filters let through)",
        data.len()
    );
    let opts = TuneOptions {
        folds: usize::from(args.folds),
        seed: args.seed,
    };
    let results = tune::tune(&set, &data, opts);
    if results.is_empty() {
        return Err("no usable cases for the loaded map(s)".into());
    }
    let id = args.id.clone().unwrap_or_else(|| {
        args.output
            .file_stem()
            .map_or("weights".into(), |s| s.to_string_lossy().into_owned())
    });
    // Weights learned from cases that state they are synthetic are a demo, flag or not.
    let synthetic = args.synthetic || origins.count(CaseOrigin::Synthetic) > 0;
    let file = tune::weights_file(&id, synthetic, &set, &results, &data);
    let mut kept = false;
    for r in &results {
        if let Some(cv) = &r.cross_validation {
            eprintln!(
                "{}: {} cases, nDCG@10 on later cases (time-split cross-validation) {:.4} -> {:.4} (sd of the gain over {} folds {:.4}), MRR {:.4} -> {:.4}",
                r.region,
                r.cases,
                cv.default.ndcg_at_10,
                cv.tuned.ndcg_at_10,
                cv.folds.len(),
                cv.gain_sd,
                cv.default.mrr,
                cv.tuned.mrr
            );
            for (i, f) in cv.folds.iter().enumerate() {
                eprintln!(
                    "  fold {}: learned until {}, measured on {} later cases, nDCG@10 {:.4} -> {:.4}, MRR {:.4} -> {:.4}",
                    i + 1,
                    f.learned_until,
                    f.cases,
                    f.default.ndcg_at_10,
                    f.tuned.ndcg_at_10,
                    f.default.mrr,
                    f.tuned.mrr
                );
            }
        }
        if let Some(reason) = &r.kept_defaults {
            kept = true;
            eprintln!("{}: kept the default weights: {reason}", r.region);
        }
    }
    // What was learned, adopted or kept and why, in plain Dutch (the file keeps the same lines).
    for r in &file.regions {
        for line in &r.summary_nl {
            eprintln!("{}: {line}", r.region);
        }
    }
    // A run that fails its --require-improvement writes no file: a weights file that is there passed.
    if kept && args.require_improvement {
        eprintln!(
            "{}: not written (--require-improvement: a region kept the default weights)",
            args.output.display()
        );
        return Ok(Outcome::InputErrors);
    }
    let mut out = Output::create(Some(&args.output))?;
    out.writer()
        .write_all(file.to_json().as_bytes())
        .map_err(|e| format!("{}: {e}", args.output.display()))?;
    out.commit()?;
    Ok(Outcome::Ok)
}
