//! `wor`: batch triage and matching, map tools and the local web server, over wor-core.
//!
//! stdout carries only data; progress and diagnostics go to stderr. Exit codes: 0 success, 1 input or
//! validation errors (each reported with its location), 2 usage errors.
#![forbid(unsafe_code)]

mod batch;
mod compact;
mod csv_referrals;
mod csv_suggestions;
mod csv_triage;
mod evaluate_cmd;
mod fhir_cmd;
mod map_cmd;
mod maps;
mod match_cmd;
mod policy_cmd;
mod problems;
mod records;
mod regio_cmd;
mod serve;
mod triage_cmd;
mod triage_spill;
mod tune_cmd;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use wor_core::Date;

#[derive(Parser)]
#[command(
    name = "wor",
    version,
    about = "Welzijn op Recept: triage and matching of social prescriptions"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Triage referrals (JSONL or CSV): WoR, MGN, both, urgent, medical or not eligible, with reasons.
    Triage(triage_cmd::Args),
    /// Suggest activities from a social map for referrals (JSONL or CSV).
    Match(match_cmd::Args),
    /// Evaluate rankings: TREC qrels/run files, or the engine on historic cases; generate synthetic cases.
    Evaluate(evaluate_cmd::Args),
    /// Learn a region's matching weights from its historic cases (cross-validated; keeps the defaults
    /// when the data are too thin or tuning does not help out of sample).
    Tune(tune_cmd::Args),
    /// Monitoring for the steering group: KPIs per region, year, month, practice and municipality.
    Monitor(regio_cmd::MonitorArgs),
    /// The plan's business case (chapter 7 and 8.1): by default its published tables; what-if with
    /// --params, realised years with --actuals.
    BusinessCase(regio_cmd::BusinessCaseArgs),
    /// HL7 FHIR R4 for ZorgDomein and VIP Live: export referrals as Bundles, import them, write
    /// outcome Tasks from historic cases.
    #[command(subcommand)]
    Fhir(fhir_cmd::FhirCommand),
    /// Triage policies: validate override files, show every rule with its basis.
    #[command(subcommand)]
    Policy(policy_cmd::PolicyCommand),
    /// Social-map tools: validate, stats, diff, generate, import-hsds, export-hsds, bundle.
    #[command(subcommand)]
    Map(map_cmd::MapCommand),
    /// Serve the web page on 127.0.0.1.
    Serve {
        /// Port on 127.0.0.1 to serve on (the page is never reachable from other machines).
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Directory with the built page.
        #[arg(long, default_value = "www")]
        root: PathBuf,
    },
}

/// What a command reports back to `main`.
pub enum Outcome {
    Ok,
    /// Some records or entries had errors (already reported on stderr).
    InputErrors,
}

/// Today's date from the system clock (UTC), unless the user fixed it with `--date`.
pub fn reference_date(fixed: Option<Date>) -> Date {
    fixed.unwrap_or_else(|| {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days_since_epoch((secs / 86_400) as i64).expect("the clock is within 1900-2200")
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Triage(args) => triage_cmd::run(args),
        Command::Match(args) => match_cmd::run(args),
        Command::Evaluate(args) => evaluate_cmd::run(args),
        Command::Tune(args) => tune_cmd::run(args),
        Command::Map(cmd) => map_cmd::run(cmd),
        Command::Policy(cmd) => policy_cmd::run(cmd),
        Command::Fhir(cmd) => fhir_cmd::run(cmd),
        Command::Monitor(args) => regio_cmd::run_monitor(args),
        Command::BusinessCase(args) => regio_cmd::run_business_case(args),
        Command::Serve { port, root } => serve::serve(&root, port).map(|()| Outcome::Ok),
    };
    match result {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::InputErrors) => ExitCode::from(1),
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
    }
}
