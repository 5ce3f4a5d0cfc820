//! The business case (plan chapter 7 and the one-off investments of 8.1/8.3): referrals per region from
//! the 2024 base with the plan's growth, avoided Zvw costs, social-worker and follow-up costs, the yearly
//! indexation, one-off investments, the net effect and the FTE tables.
//!
//! By default ([`Params::default`]) it reproduces the plan's published tables to the euro. The plan's
//! spreadsheet keeps full precision and shows whole euros; so does this module: every amount is computed
//! unrounded and rounded only for output. Two rules were recovered from the plan's own figures (they are
//! not written in its text, so they are listed as assumptions in the output):
//! * the indexation factors are 1.03^n rounded to four decimals (2028: 1.0927, not 1.092727);
//! * the FTE savings table uses whole euros per referral for the GP and POH-GGZ shares (EUR 510 and 408
//!   of EUR 1,021; with EUR 510.50 three cells of the plan would differ).
//!
//! Referrals below the 2024 base count as 0 extra referrals: the plan's savings and costs are for
//! referrals above the base, so a realised year never gives negative money (a warning names the base).
//! Where the plan contradicts itself, [`BusinessCase::warnings`] says so with the plan's printed figure
//! beside the recomputed one; where a shown total is not the sum of its shown (rounded) parts,
//! [`BusinessCase::sum_notes`] says so for the renderings' footnotes.
//!
//! One file per question: [`params`] (the inputs, the plan's defaults, overrides and their checks),
//! [`compute`] (the tables), `drivers` (every parameter with its value and source), `sums` (totals
//! against their shown parts), `notes` (assumptions, counts below the base), `contradictions` (the
//! plan's own).

mod compute;
mod contradictions;
mod drivers;
mod notes;
pub mod params;
mod sums;
#[cfg(test)]
mod tests;

pub use crate::note::Note;
pub use drivers::{Basis, Driver};
pub use params::{FteParams, OneOffItem, OneOffParams, Params, RegionParams};
pub use sums::SumNote;

use serde::Serialize;
use std::collections::BTreeMap;
use wor_core::cases::HistoricCase;
use wor_core::{Date, Lang};

/// Realised referral counts that replace the planned ones: region id -> year -> count.
pub type Actuals = BTreeMap<String, BTreeMap<i32, u64>>;

/// Successful referrals (the plan's KPI, which its business case counts as referrals) per region and
/// calendar year, for the years that ended on or before `date`; the other years that have cases are
/// returned apart: their planned counts stay (a partial year is never annualised).
pub fn actuals_from_cases(cases: &[HistoricCase], date: Date) -> (Actuals, Vec<i32>) {
    let mut actuals = Actuals::new();
    let mut partial = std::collections::BTreeSet::new();
    for c in cases {
        let year = c.dates.referred.year();
        if Date::new(year, 12, 31).is_none_or(|end| end > date) {
            partial.insert(year);
            continue;
        }
        let (region, _) = crate::monitor::case_region(c);
        let n = actuals.entry(region).or_default().entry(year).or_insert(0);
        *n += u64::from(c.outcome.taken_into_care);
    }
    (actuals, partial.into_iter().collect())
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RegionResult {
    pub name: String,
    pub base_referrals: i64,
    /// One per year of [`BusinessCase::years`].
    pub referrals: Vec<i64>,
    /// Which of `referrals` are realised (from `--actuals`) rather than planned.
    pub actual: Vec<bool>,
    pub extra_referrals: Vec<i64>,
    pub savings_eur: Vec<i64>,
    pub social_worker_cost_eur: Vec<i64>,
    pub follow_up_cost_eur: Vec<i64>,
    pub referrals_total: i64,
    pub savings_total_eur: i64,
    pub social_worker_cost_total_eur: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OneOffRow {
    pub id: String,
    pub nl: String,
    pub en: String,
    /// Including VAT, excluding indexation, keyed by year (as plan 8.1's rows).
    pub amounts_eur: BTreeMap<String, i64>,
    pub total_eur: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FteTable {
    pub years: Vec<i32>,
    /// Region id (and `total`) -> one value per year.
    pub referrals: BTreeMap<String, Vec<i64>>,
    pub social_worker_hours: BTreeMap<String, Vec<i64>>,
    pub social_worker_fte: BTreeMap<String, Vec<f64>>,
    pub zvw_fte_saved: BTreeMap<String, Vec<f64>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Totals {
    pub referrals: Vec<i64>,
    pub extra_referrals: Vec<i64>,
    pub savings_eur: Vec<i64>,
    pub savings_indexed_eur: Vec<i64>,
    pub social_worker_cost_eur: Vec<i64>,
    pub social_worker_cost_indexed_eur: Vec<i64>,
    pub follow_up_cost_eur: Vec<i64>,
    pub follow_up_cost_indexed_eur: Vec<i64>,
    pub referrals_total: i64,
    pub savings_total_eur: i64,
    pub savings_indexed_total_eur: i64,
    pub social_worker_cost_total_eur: i64,
    pub social_worker_cost_indexed_total_eur: i64,
    pub follow_up_cost_indexed_total_eur: i64,
    /// Excluding indexation (plan 8.1 "totaal excl. indexatie"), keyed by year.
    pub one_off_investment_eur: BTreeMap<String, i64>,
    /// Including the indexation (plan 8.1 and 7.3), keyed by year.
    pub one_off_investment_indexed_eur: BTreeMap<String, i64>,
    pub one_off_investment_total_eur: i64,
    pub one_off_investment_indexed_total_eur: i64,
    pub one_off_items: Vec<OneOffRow>,
    /// Contingency margin per year (plan 8.1 "Marge onvoorzien").
    pub one_off_contingency_eur: BTreeMap<String, i64>,
    /// Savings minus costs minus one-off investments, all indexed, keyed by year from `start_year`.
    pub net_effect_eur: BTreeMap<String, i64>,
    /// The running total of the net effect, keyed by year (the last equals `net_effect_total_eur`).
    pub net_effect_cumulative_eur: BTreeMap<String, i64>,
    pub net_effect_total_eur: i64,
    /// What the plan asks for over the one-off years (plan 8.3).
    pub funding_request_eur: FundingRequest,
    pub fte: FteTable,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FundingRequest {
    pub one_off_investment_eur: i64,
    pub social_worker_cost_eur: i64,
    pub follow_up_cost_eur: i64,
    /// Social-worker and follow-up costs together (plan 8.3's "Totaal" of the social domain).
    pub social_domain_eur: i64,
    pub total_eur: i64,
}

/// Whose business case this is: only the plan's own parameters with planned counts are the plan's
/// business case (its heading "Positieve businesscase", plan 7.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Scenario {
    /// The plan's parameters and planned counts.
    Plan,
    /// Own parameters (what-if), planned counts.
    WhatIf,
    /// The plan's parameters, realised counts for some years.
    Actuals,
    /// Own parameters and realised counts.
    WhatIfWithActuals,
}

/// The computed business case.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BusinessCase {
    pub scenario: Scenario,
    pub years: Vec<i32>,
    pub regions: BTreeMap<String, RegionResult>,
    pub totals: Totals,
    /// What the reader of this run must know (counts below the base), then where the plan contradicts
    /// itself, each with the plan's printed figure beside this computation's.
    pub warnings: Vec<Note>,
    /// Rules this computation uses that the plan does not state in words.
    pub assumptions: Vec<Note>,
    /// Every parameter with its value and where it comes from.
    pub drivers: Vec<Driver>,
    /// Shown totals that are not the sum of their shown parts (rounding), for footnotes.
    pub sum_notes: Vec<SumNote>,
    pub params: Params,
    /// The realised years come from cases that state they are synthetic; set by the caller that read
    /// them, and said at the top of every rendering.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub synthetic_actuals: bool,
    /// The stated origins of the cases behind the realised years (with `--actuals`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub actuals_origin: Option<crate::case_file::Origins>,
}

impl BusinessCase {
    /// Records the stated origin of the cases behind the realised years (said in every rendering;
    /// synthetic ones also get the demonstration caution).
    pub fn set_actuals_origin(&mut self, origins: crate::case_file::Origins) {
        self.synthetic_actuals = origins.count(wor_core::cases::CaseOrigin::Synthetic) > 0;
        self.actuals_origin = Some(origins);
    }
}

impl BusinessCase {
    /// The value in `year` of a structural series (one value per [`BusinessCase::years`]); 0 in
    /// the years before them (the net effect's table starts with the one-off years).
    pub fn in_year(&self, series: &[i64], year: &str) -> i64 {
        self.years
            .iter()
            .position(|x| x.to_string() == year)
            .and_then(|i| series.get(i))
            .copied()
            .unwrap_or(0)
    }

    /// The heading of the net-effect table: the plan's own ("Positieve businesscase (plan 7.3)")
    /// only for the plan's scenario; otherwise what was changed and whether the net effect is
    /// positive or negative.
    pub fn heading(&self, lang: Lang) -> String {
        let nl = lang != Lang::En;
        let what = match (self.scenario, nl) {
            (Scenario::Plan, true) => return "Positieve businesscase (plan 7.3)".into(),
            (Scenario::Plan, false) => return "Positive business case (plan 7.3)".into(),
            (Scenario::WhatIf, true) => "Businesscase met eigen parameters (wat-als)",
            (Scenario::WhatIf, false) => "Business case with own parameters (what-if)",
            (Scenario::Actuals, true) => "Businesscase met gerealiseerde jaren",
            (Scenario::Actuals, false) => "Business case with realised years",
            (Scenario::WhatIfWithActuals, true) => {
                "Businesscase met eigen parameters en gerealiseerde jaren"
            }
            (Scenario::WhatIfWithActuals, false) => {
                "Business case with own parameters and realised years"
            }
        };
        let net = self.totals.net_effect_total_eur;
        let sign = match (net.signum(), nl) {
            (1, true) => "positief",
            (1, false) => "positive",
            (-1, true) => "negatief",
            (-1, false) => "negative",
            (_, true) => "nul",
            (_, false) => "zero",
        };
        format!(
            "{what}: {} {sign} ({})",
            if nl { "netto effect" } else { "net effect" },
            crate::numbers::money(lang, net)
        )
    }
}
