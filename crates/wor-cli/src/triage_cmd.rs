//! `wor triage [FILE|-]`: one decision per referral, in input order: JSON lines, or CSV rows.

use crate::csv_suggestions::Dialect;
use crate::problems::Problems;
use crate::records::{parse_referrals, write_json_line, BatchFiles, Format, Output};
use crate::Outcome;
use std::path::PathBuf;
use wor_core::triage::triage_batch;
use wor_core::Referral;

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
    let (lines, wording) = args.files.read()?;
    let read = lines.len();
    let parsed = parse_referrals(lines, args.files.mode());
    let mut problems = Problems::new(&wording);
    parsed.report(&mut problems);
    problems.finish();
    let referrals: Vec<Referral> = parsed.ok.into_iter().map(|(_, r)| r).collect();
    let decisions = triage_batch(&referrals, &policy);
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
