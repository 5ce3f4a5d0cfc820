//! `wor triage [FILE|-]`: one decision per referral, in input order: JSON lines, or CSV rows.

use crate::batch::{BatchInput, FirstPass};
use crate::csv_suggestions::Dialect;
use crate::problems::Problems;
use crate::records::{BatchFiles, Format, Output};
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
    let mut input = BatchInput::open(&args.files)?;
    // The first pass reads the whole batch for its problems and repeated ids (shown before any
    // decision); the second triages and writes chunk by chunk, so memory never holds the batch.
    let first = FirstPass::run(&mut input, None)?;
    let mut problems = Problems::new(&input.wording);
    crate::records::report_lines(&mut problems, &first.warnings, &first.errors);
    problems.finish();
    let mut out = Output::create(args.files.output.as_deref())?;
    let dialect = Dialect {
        excel: args.files.excel,
    };
    if format == Format::Csv {
        let header = dialect.header_of(&crate::csv_triage::COLUMNS)?;
        out.writer().write_all(&header).map_err(|e| e.to_string())?;
    }
    let (mut triaged, mut urgent_despite_errors) = (0, 0);
    input.parse_chunks(|parsed| {
        // Risk decides first: a rejected record whose note or flags carry a risk still gets its urgent
        // decision (with its problems as `input_problems`), in its place in the input order; the run
        // still exits 1 for it.
        let mut records: Vec<(usize, Referral, FieldErrors)> = first
            .usable(parsed.ok)
            .map(|(line, r)| (line, r, Vec::new()))
            .collect();
        for e in parsed.errors {
            if let Some(salvaged) = e.salvaged {
                records.push((e.line, *salvaged, e.errors));
            }
        }
        records.sort_unstable_by_key(|(line, _, _)| *line);
        let rendered: Vec<(bool, Vec<u8>)> = records
            .into_par_iter()
            .filter_map(|(_, referral, problems)| {
                let decision = if problems.is_empty() {
                    Some(triage_with(&referral, &policy))
                } else {
                    urgent_despite(&referral, problems, &policy).ok()
                }?;
                let bytes = match format {
                    Format::Jsonl => json_line(&decision),
                    Format::Csv => crate::csv_triage::row(dialect, &decision),
                };
                Some(bytes.map(|b| (!decision.input_problems.is_empty(), b)))
            })
            .collect::<Result<_, String>>()?;
        for (despite_errors, bytes) in rendered {
            triaged += 1;
            urgent_despite_errors += usize::from(despite_errors);
            out.writer().write_all(&bytes).map_err(|e| e.to_string())?;
        }
        Ok(())
    })?;
    let errors = first.errors.len();
    if urgent_despite_errors > 0 {
        // A failed run writes no file, except that an urgent decision is never withheld: the file is
        // written with it (never calmer than the note).
        out.commit()?;
    } else {
        out.finish(errors)?;
    }
    eprintln!(
        "read {}, triaged {triaged}, rejected {errors}{}",
        first.read,
        if urgent_despite_errors > 0 {
            format!(" (of which {urgent_despite_errors} triaged as urgent all the same: risk decides first)")
        } else {
            String::new()
        }
    );
    Ok(if errors == 0 {
        Outcome::Ok
    } else {
        Outcome::InputErrors
    })
}

/// A decision as one JSON line.
fn json_line(decision: &Triage) -> Result<Vec<u8>, String> {
    let mut line = Vec::with_capacity(2048);
    crate::records::write_json_line(&mut line, decision)?;
    Ok(line)
}
