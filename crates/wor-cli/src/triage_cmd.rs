//! `wor triage [FILE|-]`: one decision per referral, in input order: JSON lines, or CSV rows.

use crate::csv_suggestions::Dialect;
use crate::problems::Problems;
use crate::records::{
    format_of, output_format, parse_referrals, read_referrals, write_json_line, Format, Output,
};
use crate::Outcome;
use std::path::PathBuf;
use wor_core::triage::triage_batch;
use wor_core::{Referral, Strictness};

#[derive(clap::Args)]
pub struct Args {
    /// Referrals: JSON lines, or CSV with a header row, read exactly as `wor match` reads it (see
    /// docs/referrals-and-csv.md); `-` or nothing reads standard input.
    input: Option<PathBuf>,
    /// Write here (atomically) instead of standard output; a name ending in .csv writes CSV.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Input format; by default from the file extension (.csv), else JSONL.
    #[arg(long, value_enum)]
    input_format: Option<Format>,
    /// Output format; by default from the --output extension (.csv), else JSONL.
    #[arg(long, value_enum)]
    output_format: Option<Format>,
    /// CSV for Dutch Excel: a UTF-8 byte-order mark and `;` between cells, also on standard output;
    /// an --output name must end in .csv.
    #[arg(long)]
    excel: bool,
    /// Unknown fields (JSONL) and unknown columns (CSV) are errors instead of warnings.
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
    let format = output_format(args.output_format, args.output.as_deref(), args.excel);
    let input_format = format_of(args.input_format, args.input.as_deref());
    let (lines, wording) = read_referrals(args.input.as_deref(), input_format, mode)?;
    let read = lines.len();
    let parsed = parse_referrals(lines, mode);
    let mut problems = Problems::new(&wording);
    parsed.report(&mut problems);
    problems.finish();
    let referrals: Vec<Referral> = parsed.ok.into_iter().map(|(_, r)| r).collect();
    let decisions = triage_batch(&referrals, &policy);
    let mut out = Output::create(args.output.as_deref())?;
    let dialect = Dialect { excel: args.excel };
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
    out.finish(parsed.errors.len())?;
    eprintln!(
        "read {read}, triaged {}, rejected {}",
        decisions.len(),
        parsed.errors.len()
    );
    Ok(if parsed.errors.is_empty() {
        Outcome::Ok
    } else {
        Outcome::InputErrors
    })
}
