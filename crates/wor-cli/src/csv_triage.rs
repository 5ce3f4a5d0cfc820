//! `wor triage` results as CSV: one row per referral, in input order, with the route and why, in
//! Dutch and English. The columns are documented in docs/referrals-and-csv.md.

use crate::csv_suggestions::Dialect;
use wor_core::triage::Triage;

/// The columns, in order.
pub const COLUMNS: [&str; 12] = [
    "id",
    "route",
    "route_nl",
    "headline_nl",
    "areas",
    "areas_nl",
    "reasons_nl",
    "reasons_en",
    "warnings_nl",
    "warnings_en",
    "policy",
    "input_problems",
];

/// One decision's row (without the header).
pub fn row(dialect: Dialect, t: &Triage) -> Result<Vec<u8>, String> {
    let areas: Vec<String> = t
        .areas
        .iter()
        .map(|a| match a.severity {
            Some(s) => format!("{}:{s}", a.area.id()),
            None => a.area.id().to_string(),
        })
        .collect();
    let areas_nl: Vec<&str> = t.areas.iter().map(|a| a.area.short_nl()).collect();
    let join = |texts: Vec<&str>| texts.join("; ");
    let input_problems: Vec<String> = t.input_problems.iter().map(ToString::to_string).collect();
    let mut csv = dialect.writer();
    csv.write_record([
        t.id.as_str(),
        t.route.id(),
        t.route.label_nl(),
        &t.headline.nl,
        &areas.join(";"),
        &areas_nl.join("; "),
        &join(t.reasons.iter().map(|r| r.nl.as_str()).collect()),
        &join(t.reasons.iter().map(|r| r.en.as_str()).collect()),
        &join(t.warnings.iter().map(|w| w.nl.as_str()).collect()),
        &join(t.warnings.iter().map(|w| w.en.as_str()).collect()),
        &format!("{} {}", t.policy.id, t.policy.version),
        &input_problems.join("; "),
    ])
    .map_err(|e| e.to_string())?;
    csv.into_inner().map_err(|e| e.to_string())
}
