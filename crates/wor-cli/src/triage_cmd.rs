//! `wor triage [FILE|-]`: one JSON object per referral, in input order.

use crate::records::{open_input, parse_referrals, read_lines, write_json_line, Output};
use crate::Outcome;
use rayon::prelude::*;
use std::path::PathBuf;
use wor_core::triage::{triage_with, urgent_despite, Triage};
use wor_core::{FieldErrors, Referral, Strictness};

#[derive(clap::Args)]
pub struct Args {
    /// Referrals as JSON lines; `-` or nothing reads standard input.
    input: Option<PathBuf>,
    /// Write here (atomically) instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Unknown fields are errors instead of warnings.
    #[arg(long)]
    strict: bool,
    /// A policy file (`wor-policy/1`) that extends the default, e.g. a region's
    /// `social-map/<region>/policy.json`; without it, the default policy
    /// (`social-map/policy/default.json`).
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<Outcome, String> {
    let policy = crate::policy_cmd::load_or_default(args.policy.as_deref())?;
    let mode = if args.strict {
        Strictness::Strict
    } else {
        Strictness::Lenient
    };
    let lines = read_lines(open_input(args.input.as_deref())?)?;
    let read = lines.len();
    let (ok, mut errors) = parse_referrals(lines, mode);
    for e in &errors {
        eprintln!("{e}");
    }
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
    let mut out = Output::create(args.output.as_deref())?;
    for d in &decisions {
        write_json_line(out.writer(), d)?;
    }
    out.commit()?;
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
