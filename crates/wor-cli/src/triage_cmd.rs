//! `wor triage [FILE|-]`: one decision per referral, in input order: JSON lines, or CSV rows.

use crate::csv_suggestions::Dialect;
use crate::problems::Problems;
use crate::records::{parse_referrals, write_json_line, BatchFiles, Format, Output};
use crate::Outcome;
use rayon::prelude::*;
use std::path::PathBuf;
use wor_core::triage::{triage_with, urgent_despite, Triage};
use wor_core::{FieldErrors, Referral};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    files: BatchFiles,
    /// A policy file (`wor-policy/1`) that extends the default, e.g. a region's
    /// `social-map/<region>/policy.json`; without it, the default policy
    /// (`social-map/policy/default.json`).
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<Outcome, String> {
    let policy = crate::policy_cmd::load_or_default(args.policy.as_deref())?;
    let format = args.files.output_format();
    let (lines, wording, bad_cells) = args.files.read()?;
    let read = lines.len();
    let parsed = parse_referrals(lines, &bad_cells, args.files.mode());
    let mut problems = Problems::new(&wording);
    parsed.report(&mut problems);
    problems.finish();
    let (ok, mut errors) = (parsed.ok, parsed.errors);
    // Risk decides first: a rejected record whose note or flags carry a risk still gets its urgent
    // decision (with its problems as `input_problems`), in its place in the input order; the run still
    // exits 1 for it.
    let mut records: Vec<(usize, Referral, FieldErrors)> = ok
        .into_iter()
        .map(|(line, r)| (line, r, Vec::new()))
        .collect();
    for e in &mut errors {
        if let Some(salvaged) = e.salvaged.take() {
            records.push((e.line, *salvaged, e.errors.clone()));
        }
    }
    records.sort_unstable_by_key(|(line, _, _)| *line);
    let decisions: Vec<Triage> = records
        .into_par_iter()
        .filter_map(|(_, referral, problems)| {
            if problems.is_empty() {
                Some(triage_with(&referral, &policy))
            } else {
                urgent_despite(&referral, problems, &policy).ok()
            }
        })
        .collect();
    let urgent_despite_errors = decisions
        .iter()
        .filter(|d| !d.input_problems.is_empty())
        .count();
    let mut out = Output::create(args.files.output.as_deref())?;
    let dialect = Dialect {
        excel: args.files.excel,
    };
    if format == Format::Csv {
        let header = dialect.header_of(&crate::csv_triage::COLUMNS)?;
        out.writer().write_all(&header).map_err(|e| e.to_string())?;
    }
    for d in &decisions {
        match format {
            Format::Jsonl => write_json_line(out.writer(), d)?,
            Format::Csv => {
                let row = crate::csv_triage::row(dialect, d)?;
                out.writer().write_all(&row).map_err(|e| e.to_string())?;
            }
        }
    }
    if urgent_despite_errors > 0 {
        // A failed run writes no file, except that an urgent decision is never withheld: the file is
        // written with it (never calmer than the note).
        out.commit()?;
    } else {
        out.finish(errors.len())?;
    }
    eprintln!(
        "read {read}, triaged {}, rejected {}{}",
        decisions.len(),
        errors.len(),
        if urgent_despite_errors > 0 {
            format!(" (of which {urgent_despite_errors} triaged as urgent all the same: risk decides first)")
        } else {
            String::new()
        }
    );
    Ok(if errors.is_empty() {
        Outcome::Ok
    } else {
        Outcome::InputErrors
    })
}
