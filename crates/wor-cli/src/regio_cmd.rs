//! `wor monitor` and `wor business-case`: what a regional project lead reports to the steering group.
//! Thin: files in, wor-eval computes, JSON or a summary on stdout, optional HTML written atomically.
//!
//! * `wor monitor --cases HISTORY.jsonl [--date D] [--practices FILE] [--map PATH] [--shared] [--json]
//!   [--html FILE]`
//! * `wor business-case [--params FILE] [--actuals HISTORY.jsonl] [--date D] [--json] [--html FILE]`

use crate::evaluate_cmd::read_cases;
use crate::problems::{code_id, Problems, Wording};
use crate::records::Output;
use crate::{maps, reference_date, Outcome};
use std::path::{Path, PathBuf};
use wor_core::{Date, Lang, Strictness};
use wor_eval::business_case::{actuals_from_cases, BusinessCase, Params};
use wor_eval::case_file::Origins;
use wor_eval::monitor::{monitor, parse_practices, MonitorOptions};
use wor_eval::render;

#[derive(clap::Args)]
pub struct MonitorArgs {
    /// Historic cases (JSONL, one case per line); `-` reads standard input.
    #[arg(long)]
    cases: PathBuf,
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
    /// Unknown fields in cases are errors instead of warnings.
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

pub fn run_monitor(args: MonitorArgs) -> Result<Outcome, String> {
    let practices = match &args.practices {
        None => Vec::new(),
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            match parse_practices(&text) {
                Ok(p) => p,
                Err(errors) => {
                    let mut problems = Problems::new(&Wording::Jsonl);
                    for e in &errors {
                        let kind = code_id(e.error.code);
                        problems.text(&kind, || format!("{}: {e}", path.display()));
                    }
                    problems.finish();
                    return Ok(Outcome::InputErrors);
                }
            }
        }
    };
    let cases = match read_cases(&args.cases, mode(args.strict))? {
        Ok(c) => c,
        Err(n) => {
            eprintln!("{n} bad case(s): nothing reported");
            return Ok(Outcome::InputErrors);
        }
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
        },
    );
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
