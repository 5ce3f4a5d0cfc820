//! `wor monitor` and `wor business-case`: what a regional project lead reports to the steering group.
//! Thin: files in, wor-eval computes, JSON or a summary on stdout, optional HTML written atomically.
//!
//! * `wor monitor [--cases HISTORY.jsonl] [--register FILE] [--capacity FILE] [--date D]
//!   [--practices FILE] [--map PATH] [--shared] [--json] [--html FILE]` (`--cases` or `--register`)
//! * `wor business-case [--params FILE] [--actuals HISTORY.jsonl] [--date D] [--json] [--html FILE]`

use crate::evaluate_cmd::read_cases;
use crate::problems::{code_id, Problems, Wording};
use crate::records::Output;
use crate::{maps, reference_date, Outcome};
use std::path::{Path, PathBuf};
use wor_core::{Date, Lang, Strictness};
use wor_eval::business_case::{actuals_from_cases, BusinessCase, Params};
use wor_eval::case_file::Origins;
use wor_eval::monitor::{
    monitor, parse_capacity, parse_practices, parse_register, LineError, MonitorOptions,
};
use wor_eval::render;

#[derive(clap::Args)]
pub struct MonitorArgs {
    /// Historic cases (JSONL, one case per line); `-` reads standard input. Optional with --register
    /// (effort KPIs fall due before there are cases).
    #[arg(long, required_unless_present = "register")]
    cases: Option<PathBuf>,
    /// The register of evidence for the effort KPIs: CSV (`datum;regio;soort;omschrijving;deelnemers`,
    /// Dutch or English names) or JSON lines; see docs/kpi-register.md.
    #[arg(long)]
    register: Option<PathBuf>,
    /// FTE of social workers for WoR per municipality: CSV `gemeente;fte` (name as on the map or CBS code).
    #[arg(long)]
    capacity: Option<PathBuf>,
    /// Reference date (YYYY-MM-DD): later referrals are left out; default today.
    #[arg(long)]
    date: Option<Date>,
    /// Starting practices: `practice,start` per line (start as YYYY-MM-DD, or dd-mm-jjjj as Excel writes it).
    #[arg(long)]
    practices: Option<PathBuf>,
    /// A map (file, region directory or the social-map/ root): lists demand without supply.
    #[arg(long)]
    map: Option<PathBuf>,
    /// Material that leaves the organisation: counts 1 to 4 become "<5".
    #[arg(long)]
    shared: bool,
    /// Write JSON on standard output instead of a summary.
    #[arg(long)]
    json: bool,
    /// Also write a self-contained HTML page (inline SVG charts, Dutch) to this file.
    #[arg(long)]
    html: Option<PathBuf>,
    /// Unknown fields in cases, and unknown kinds, regions or columns in the register, are errors
    /// instead of warnings.
    #[arg(long)]
    strict: bool,
}

#[derive(clap::Args)]
pub struct BusinessCaseArgs {
    /// Parameters (JSON) that override the plan's; objects merge key by key.
    #[arg(long)]
    params: Option<PathBuf>,
    /// Historic cases whose successful referrals replace the planned counts of whole calendar years.
    #[arg(long)]
    actuals: Option<PathBuf>,
    /// Reference date for --actuals (YYYY-MM-DD): only years ended by then count; default today.
    #[arg(long, requires = "actuals")]
    date: Option<Date>,
    /// Write JSON on standard output instead of a summary.
    #[arg(long)]
    json: bool,
    /// Also write a self-contained HTML page (tables and inline SVG charts, Dutch) to this file.
    #[arg(long)]
    html: Option<PathBuf>,
}

fn mode(strict: bool) -> Strictness {
    if strict {
        Strictness::Strict
    } else {
        Strictness::Lenient
    }
}

fn write_html(path: &Path, html: &str) -> Result<(), String> {
    let mut out = Output::create(Some(path))?;
    out.writer()
        .write_all(html.as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    out.commit()
}

fn write_stdout(json: bool, value: &impl serde::Serialize, text: &str) -> Result<(), String> {
    let mut out = Output::create(None)?;
    let w = out.writer();
    if json {
        serde_json::to_writer_pretty(&mut *w, value).map_err(|e| e.to_string())?;
        writeln!(w).map_err(|e| e.to_string())?;
    } else {
        w.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
    }
    out.commit()
}

/// Reads a list file with `parse`; its problems (and `warnings`) are printed as `FILE: line N: ...`.
/// `None` when it has errors.
fn read_list<T>(
    path: &Path,
    parse: impl FnOnce(&str) -> Result<T, Vec<LineError>>,
    warnings: impl FnOnce(&T) -> &[LineError],
) -> Result<Option<T>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut problems = Problems::new(&Wording::Jsonl);
    let parsed = parse(&text);
    match &parsed {
        Ok(value) => {
            for w in warnings(value) {
                problems.text("warning", || format!("warning: {}: {w}", path.display()));
            }
        }
        Err(errors) => {
            for e in errors {
                let kind = code_id(e.error.code);
                problems.text(&kind, || format!("{}: {e}", path.display()));
            }
        }
    }
    problems.finish();
    Ok(parsed.ok())
}

pub fn run_monitor(args: MonitorArgs) -> Result<Outcome, String> {
    let practices = match &args.practices {
        None => Vec::new(),
        Some(path) => match read_list(path, parse_practices, |_| &[])? {
            Some(p) => p,
            None => return Ok(Outcome::InputErrors),
        },
    };
    let register = match &args.register {
        None => None,
        Some(path) => match read_list(path, |t| parse_register(t, args.strict), |r| &r.warnings)? {
            Some(r) => Some(r),
            None => return Ok(Outcome::InputErrors),
        },
    };
    let capacity = match &args.capacity {
        None => None,
        Some(path) => match read_list(path, parse_capacity, |_| &[])? {
            Some(c) => Some(c),
            None => return Ok(Outcome::InputErrors),
        },
    };
    let cases = match &args.cases {
        None => Vec::new(),
        Some(path) => match read_cases(path, mode(args.strict))? {
            Ok(c) => c,
            Err(n) => {
                eprintln!("{n} bad case(s): nothing reported");
                return Ok(Outcome::InputErrors);
            }
        },
    };
    let date = reference_date(args.date);
    let maps = args
        .map
        .as_deref()
        .map(|p| maps::load_set(p, date))
        .transpose()?;
    let m = monitor(
        &cases,
        &practices,
        maps.as_ref(),
        MonitorOptions {
            date,
            shared: args.shared,
            register: register.as_ref(),
            capacity: capacity.as_deref(),
        },
    );
    for w in &m.warnings {
        eprintln!("warning: {}", w.en);
    }
    if let Some(path) = &args.html {
        let body = render::monitor_fragment(&m, Lang::Nl);
        write_html(
            path,
            &render::document("Monitoring Welzijn op Recept", Lang::Nl, &body),
        )?;
    }
    write_stdout(args.json, &m, &render::monitor_text(&m))?;
    Ok(Outcome::Ok)
}

pub fn run_business_case(args: BusinessCaseArgs) -> Result<Outcome, String> {
    let params = match &args.params {
        None => Params::default(),
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            match Params::from_json_overrides(&text) {
                Ok(p) => p,
                Err(problems) => {
                    for e in problems {
                        eprintln!("{}: {e}", path.display());
                    }
                    return Ok(Outcome::InputErrors);
                }
            }
        }
    };
    let mut partial = Vec::new();
    let mut origins = None;
    let actuals = match &args.actuals {
        None => Default::default(),
        Some(path) => match read_cases(path, Strictness::Lenient)? {
            Ok(cases) => {
                origins = Some(Origins::of(&cases));
                let (actuals, skipped) = actuals_from_cases(&cases, reference_date(args.date));
                partial = skipped;
                actuals
            }
            Err(n) => {
                eprintln!("{n} bad case(s): no business case computed");
                return Ok(Outcome::InputErrors);
            }
        },
    };
    for year in partial {
        eprintln!("note: {year} is not a whole calendar year yet: its planned counts are kept");
    }
    let mut bc = match BusinessCase::compute(&params, &actuals) {
        Ok(bc) => bc,
        Err(e) => {
            eprintln!("params: {e}");
            return Ok(Outcome::InputErrors);
        }
    };
    if let Some(origins) = origins {
        bc.set_actuals_origin(origins);
    }
    if let Some(path) = &args.html {
        let body = render::business_case_fragment(&bc, Lang::Nl);
        write_html(
            path,
            &render::document("Businesscase Welzijn op Recept", Lang::Nl, &body),
        )?;
    }
    write_stdout(args.json, &bc, &render::business_case_text(&bc))?;
    Ok(Outcome::Ok)
}
