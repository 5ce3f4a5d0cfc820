//! `wor triage [FILE|-]`: one JSON object per referral, in input order.

use crate::records::{open_input, parse_referrals, read_lines, write_json_line, Output};
use crate::Outcome;
use std::path::PathBuf;
use wor_core::triage::triage_batch;
use wor_core::{Referral, Strictness};

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
    let (ok, errors) = parse_referrals(lines, mode);
    for e in &errors {
        eprintln!("{e}");
    }
    let referrals: Vec<Referral> = ok.into_iter().map(|(_, r)| r).collect();
    let decisions = triage_batch(&referrals, &policy);
    let mut out = Output::create(args.output.as_deref())?;
    for d in &decisions {
        write_json_line(out.writer(), d)?;
    }
    out.commit()?;
    eprintln!(
        "read {read}, triaged {}, rejected {}",
        decisions.len(),
        errors.len()
    );
    Ok(if errors.is_empty() {
        Outcome::Ok
    } else {
        Outcome::InputErrors
    })
}
