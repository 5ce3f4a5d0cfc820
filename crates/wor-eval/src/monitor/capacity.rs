//! Capacity against the inflow (plan 5.1, risk table: whether the social domain keeps up with the
//! growing number of referrals): the FTE of social workers for WoR per municipality (`--capacity`,
//! `gemeente;fte`) turned into referrals a year with the plan's own figures (8 hours per referral, plan
//! 7.2; 1,280 productive hours per FTE, plan 7.4), against the referrals received in the calendar year of
//! the reference date, pro rata up to that date.

use super::*;
use crate::spreadsheet;

/// One line of the capacity file.
#[derive(Debug, Clone, PartialEq)]
pub struct CapacityRow {
    pub line: usize,
    pub municipality: &'static Municipality,
    pub fte: f64,
}

/// A municipality's capacity up to the reference date.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Capacity {
    /// CBS code.
    pub code: String,
    pub fte: f64,
    /// Referrals a year the FTE can take: fte x 1,280 / 8.
    pub capacity_referrals: f64,
    /// The year's capacity pro rata up to the reference date (days passed / days in the year).
    pub capacity_to_date: f64,
    /// Referrals received in the calendar year of the reference date, up to it.
    pub referrals: Count,
    /// referrals / capacity_to_date; above 1 the inflow exceeds the capacity.
    pub utilisation: Option<f64>,
}

/// Reads a capacity file: a header row with `gemeente` (or `municipality`) and `fte`, then one
/// municipality (its name as on the map, or its CBS code) and its FTE (decimal comma or point) per row.
pub fn parse_capacity(text: &str) -> Result<Vec<CapacityRow>, Vec<LineError>> {
    let mut errors = Vec::new();
    let mut err = |line: usize, error: FieldError| errors.push(LineError { line, error });
    let (header, rows) = match spreadsheet::rows(text) {
        Ok(t) => t,
        Err((line, message)) => {
            err(
                line,
                FieldError::new("capacity", Code::InvalidFormat, message),
            );
            return Err(errors);
        }
    };
    let find = |names: [&str; 2]| {
        header
            .iter()
            .position(|h| names.contains(&spreadsheet::column_key(h).as_str()))
    };
    let (Some(m_col), Some(f_col)) = (find(["gemeente", "municipality"]), find(["fte", "fte"]))
    else {
        err(
            1,
            FieldError::new(
                "capacity",
                Code::Missing,
                "the first row must name the columns: gemeente;fte",
            )
            .with("name", "gemeente;fte"),
        );
        return Err(errors);
    };
    let mut out: Vec<CapacityRow> = Vec::new();
    for (line, cells) in rows {
        let cell = |i: usize| cells.get(i).map_or("", |s| s.trim());
        let (name, fte_cell) = (cell(m_col), cell(f_col));
        let municipality = wor_core::geo::municipality(name);
        let fte = fte_cell.replace(',', ".").parse::<f64>().ok();
        match (municipality, fte) {
            (None, _) => err(
                line,
                FieldError::new(
                    "gemeente",
                    Code::UnknownValue,
                    format!("unknown municipality '{name}' (its name as on the map, or its CBS code such as GM0546)"),
                )
                .with("value", name),
            ),
            (_, None) => err(
                line,
                FieldError::new("fte", Code::InvalidFormat, format!("'{fte_cell}' is not a number")),
            ),
            (_, Some(f)) if !f.is_finite() || f < 0.0 => err(
                line,
                FieldError::new("fte", Code::OutOfRange, format!("{fte_cell} is below 0")),
            ),
            (Some(m), Some(fte)) => {
                if let Some(first) = out.iter().find(|r| r.municipality.code == m.code) {
                    err(
                        line,
                        FieldError::new(
                            "gemeente",
                            Code::Duplicate,
                            format!("{} is listed twice (also line {})", m.name, first.line),
                        )
                        .with("other", first.line),
                    );
                } else {
                    out.push(CapacityRow {
                        line,
                        municipality: m,
                        fte,
                    });
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Capacity per municipality name, and a warning for each whose utilisation is above 1.
pub(super) fn capacity(
    rows: &[CapacityRow],
    seen: &[Seen],
    date: Date,
    show: Shown,
) -> (BTreeMap<String, Capacity>, Vec<crate::note::Note>) {
    let start = Date::new(date.year(), 1, 1).unwrap_or(date);
    let end = Date::new(date.year(), 12, 31).unwrap_or(date);
    let passed = (date.days_since_epoch() - start.days_since_epoch() + 1) as f64;
    let in_year = (end.days_since_epoch() - start.days_since_epoch() + 1) as f64;
    let mut out = BTreeMap::new();
    let mut warnings = Vec::new();
    for row in rows {
        let referrals = seen
            .iter()
            .filter(|s| {
                s.referred().year() == date.year() && s.municipality == Some(row.municipality.code)
            })
            .count() as u64;
        let per_year = row.fte * plan::PRODUCTIVE_HOURS_PER_FTE / plan::HOURS_PER_REFERRAL;
        let to_date = per_year * passed / in_year;
        let utilisation = (to_date > 0.0).then(|| referrals as f64 / to_date);
        let name = row.municipality.name;
        if utilisation.is_some_and(|u| u > 1.0) || (to_date == 0.0 && referrals > 0) {
            use crate::numbers::{decimal, percent, whole};
            use wor_core::Lang::{En, Nl};
            let referrals = show.count(referrals);
            let year = date.year();
            let text = |lang| {
                (
                    decimal(lang, row.fte, 1),
                    whole(lang, to_date.round() as i64),
                    percent(lang, utilisation),
                )
            };
            let ((fte_nl, cap_nl, use_nl), (fte_en, cap_en, use_en)) = (text(Nl), text(En));
            warnings.push(crate::note::note(
                "capacity_exceeded",
                format!("{name}: de instroom ({referrals} verwijzingen in {year} tot de peildatum) is groter dan de capaciteit ({cap_nl} bij {fte_nl} fte): benutting {use_nl}."),
                format!("{name}: the inflow ({referrals} referrals in {year} to the reference date) exceeds the capacity ({cap_en} at {fte_en} FTE): utilisation {use_en}."),
            ));
        }
        out.insert(
            name.to_string(),
            Capacity {
                code: row.municipality.code.to_string(),
                fte: row.fte,
                capacity_referrals: (per_year * 10.0).round() / 10.0,
                capacity_to_date: (to_date * 10.0).round() / 10.0,
                referrals: show.count(referrals),
                utilisation: utilisation.filter(|_| !(show.shared && small(referrals))),
            },
        );
    }
    (out, warnings)
}
