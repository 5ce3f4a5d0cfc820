//! `wor fhir export|import|outcomes`: referrals to and from HL7 FHIR R4 (docs/fhir.md).
//!
//! Export writes one `transaction` Bundle per referral whose route includes WoR (JSONL); other routes
//! are refused with the triage's reason on stderr, while the rest are still written (exit 1). Import
//! reads a Bundle or ServiceRequest (one JSON document up to 10 MB, or JSONL) into referrals. Outcomes
//! writes one Task per closed historic case.

use crate::problems::{code_id, Problems, Wording};
use crate::records::{open_input, parse_referrals, read_lines, write_json_line, Output};
use crate::{maps, reference_date, Outcome};
use std::io::Read;
use std::path::PathBuf;
use wor_core::cases::HistoricCase;
use wor_core::triage::triage_with;
use wor_core::{Date, MatchOptions, Strictness};
use wor_fhir::export::{ExportInput, MapNote, SuggestionNote};
use wor_fhir::{export_bundle, import_json, outcome_task, TriageFacts, MAX_IMPORT_BYTES};

#[derive(clap::Subcommand)]
pub enum FhirCommand {
    /// Referrals (JSONL) to FHIR R4 transaction Bundles (JSONL, one Bundle a line) for ZorgDomein or
    /// VIP Live; only routes that include WoR (`wor`, `wor_and_mgn`) are written.
    Export(ExportArgs),
    /// A FHIR Bundle or ServiceRequest (one JSON document up to 10 MB, or JSONL) to referrals (JSONL).
    Import(ImportArgs),
    /// Closed historic cases (`wor-historic-case/1`, JSONL) to FHIR Task updates (JSONL), one per case.
    Outcomes(OutcomesArgs),
}

#[derive(clap::Args)]
pub struct ExportArgs {
    /// Referrals as JSON lines; `-` or nothing reads standard input.
    input: Option<PathBuf>,
    /// Map file, region directory or the social-map/ root: adds the suggested activities as notes.
    #[arg(long)]
    map: Option<PathBuf>,
    /// A policy file (`wor-policy/1`), e.g. a region's `social-map/<region>/policy.json`.
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// Number of suggested activities per referral (with --map).
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u16).range(1..=100))]
    top: u16,
    /// Reference date (YYYY-MM-DD): the referral date of referrals without `date`, and the map's
    /// validity date; today by default.
    #[arg(long)]
    date: Option<Date>,
    /// Write here (atomically) instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Unknown fields are errors instead of warnings.
    #[arg(long)]
    strict: bool,
}

#[derive(clap::Args)]
pub struct ImportArgs {
    /// A FHIR JSON document (Bundle or ServiceRequest) or JSONL (one a line); `-` reads standard input.
    input: PathBuf,
    /// Write here (atomically) instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct OutcomesArgs {
    /// Historic cases (`wor-historic-case/1`) as JSON lines.
    input: PathBuf,
    /// Write here (atomically) instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

pub fn run(cmd: FhirCommand) -> Result<Outcome, String> {
    match cmd {
        FhirCommand::Export(args) => export(args),
        FhirCommand::Import(args) => import(args),
        FhirCommand::Outcomes(args) => outcomes(args),
    }
}

fn outcome(problems: usize) -> Outcome {
    if problems == 0 {
        Outcome::Ok
    } else {
        Outcome::InputErrors
    }
}

fn export(args: ExportArgs) -> Result<Outcome, String> {
    let policy = crate::policy_cmd::load_or_default(args.policy.as_deref())?;
    let mode = if args.strict {
        Strictness::Strict
    } else {
        Strictness::Lenient
    };
    let date = reference_date(args.date);
    let set = match &args.map {
        Some(path) => Some(maps::load_set(path, date)?),
        None => None,
    };
    let lines = read_lines(open_input(args.input.as_deref())?)?;
    let read = lines.len();
    let parsed = parse_referrals(lines, &Default::default(), mode);
    let mut problems = Problems::new(&Wording::Jsonl);
    parsed.report(&mut problems);
    let (ok, errors) = (parsed.ok, parsed.errors);
    let opts = MatchOptions {
        top_k: usize::from(args.top),
        date,
    };
    let mut out = Output::create(args.output.as_deref())?;
    let (mut written, mut refused) = (0, 0);
    for (line, r) in &ok {
        let t = triage_with(r, &policy);
        let (map, suggestions) = match &set {
            None => (None, Vec::new()),
            Some(set) => match set.match_one(r, &opts, None) {
                Ok(m) => (
                    Some(MapNote {
                        region: m.map.region.clone(),
                        version: m.map.version.clone(),
                        hash: m.map.hash.clone(),
                    }),
                    m.suggestions
                        .iter()
                        .map(|s| SuggestionNote {
                            activity_id: s.activity_id.to_string(),
                            name: s.name.to_string(),
                            organisation: s.organisation.to_string(),
                            distance_km: s.distance_km,
                        })
                        .collect(),
                ),
                Err(e) => {
                    eprintln!("line {line}: warning: no suggested activities: {e}");
                    (None, Vec::new())
                }
            },
        };
        let input = ExportInput {
            referral: r,
            triage: &TriageFacts::from(&t),
            date: r.date.unwrap_or(date),
            contact_within_days: policy.contact_within_days,
            map,
            suggestions,
        };
        match export_bundle(&input) {
            Ok(bundle) => {
                write_json_line(out.writer(), &bundle)?;
                written += 1;
            }
            Err(refusal) => {
                problems.text("refused", || format!("line {line}: {refusal}"));
                refused += 1;
            }
        }
    }
    problems.finish();
    // A refusal (no consent, urgent) is a decision about that referral, not a failed run: the
    // accepted ones are still written. Lines that could not be read are a failed run.
    out.finish(errors.len())?;
    eprintln!(
        "read {read}, exported {written}, refused {refused}, rejected {}",
        errors.len()
    );
    Ok(outcome(refused + errors.len()))
}

/// Whether the input is JSON lines (its first non-empty line is a whole JSON value and more follows)
/// rather than one document that may span lines.
fn is_jsonl(head: &[u8]) -> bool {
    let mut lines = head
        .split(|b| *b == b'\n')
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace));
    match (lines.next(), lines.next()) {
        (Some(first), Some(_)) => serde_json::from_slice::<serde::de::IgnoredAny>(first).is_ok(),
        _ => false,
    }
}

fn import(args: ImportArgs) -> Result<Outcome, String> {
    let mut input = open_input(Some(&args.input))?;
    let shown = args.input.display().to_string();
    // One document is at most 10 MB; only JSONL may be longer, and is then read line by line.
    let mut head = Vec::new();
    input
        .by_ref()
        .take(MAX_IMPORT_BYTES as u64 + 1)
        .read_to_end(&mut head)
        .map_err(|e| format!("{shown}: {e}"))?;
    let mut failed = 0;
    let mut problems = Problems::new(&Wording::Jsonl);
    let documents: Vec<(String, String)> = if is_jsonl(&head) {
        let lines = read_lines(std::io::Cursor::new(head).chain(input))?;
        let mut docs = Vec::with_capacity(lines.len());
        for (line, record) in lines {
            match record {
                Ok(t) => docs.push((format!("line {line}"), t)),
                Err(e) => {
                    problems.error(line, &e);
                    failed += 1;
                }
            }
        }
        docs
    } else if head.len() > MAX_IMPORT_BYTES {
        eprintln!(
            "{shown}: the document is longer than the limit of {MAX_IMPORT_BYTES} bytes (use JSONL, one Bundle a line, for larger batches)"
        );
        return Ok(Outcome::InputErrors);
    } else {
        match String::from_utf8(head) {
            Ok(text) => vec![(shown.clone(), text)],
            Err(e) => {
                let at = e.utf8_error().valid_up_to() + 1;
                eprintln!("{shown}: not valid UTF-8 (byte {at})");
                return Ok(Outcome::InputErrors);
            }
        }
    };
    let mut out = Output::create(args.output.as_deref())?;
    let mut written = 0;
    for (place, doc) in &documents {
        match import_json(doc) {
            Ok(parsed) => {
                for w in &parsed.warnings {
                    let kind = format!("warning {}", code_id(w.code));
                    problems.text(&kind, || format!("{place}: warning: {w}"));
                }
                write_json_line(out.writer(), &parsed.value)?;
                written += 1;
            }
            Err(errors) => {
                for e in &errors {
                    problems.text(&code_id(e.code), || format!("{place}: {e}"));
                }
                failed += 1;
            }
        }
    }
    problems.finish();
    out.finish(failed)?;
    eprintln!("imported {written}, rejected {failed}");
    Ok(outcome(failed))
}

fn outcomes(args: OutcomesArgs) -> Result<Outcome, String> {
    let lines = read_lines(open_input(Some(&args.input))?)?;
    let read = lines.len();
    let mut out = Output::create(args.output.as_deref())?;
    let (mut written, mut open, mut bad) = (0, 0, 0);
    let mut problems = Problems::new(&Wording::Jsonl);
    for (line, record) in lines {
        let parsed = record
            .map_err(|e| vec![e])
            .and_then(|t| HistoricCase::from_json(&t, Strictness::Lenient));
        match parsed {
            Err(errors) => {
                for e in &errors {
                    problems.error(line, e);
                }
                bad += 1;
            }
            Ok(case) => {
                for w in &case.warnings {
                    problems.warning(line, w);
                }
                match outcome_task(&case.value) {
                    Ok(task) => {
                        write_json_line(out.writer(), &wor_fhir::outcome::task_json(&task))?;
                        written += 1;
                    }
                    // Not an error: the Task follows when the social worker closes the case.
                    Err(not_closed) => {
                        problems.text("skipped", || format!("line {line}: skipped: {not_closed}"));
                        open += 1;
                    }
                }
            }
        }
    }
    problems.finish();
    out.finish(bad)?;
    eprintln!("read {read}, tasks {written}, open (skipped) {open}, rejected {bad}");
    Ok(outcome(bad))
}
