//! How many referrals succeeded (the plan's KPI), against the plan's targets?

use super::{ratio, region_name, region_of};
use crate::plan;
use crate::{CaseRun, Evaluator};
use serde::Serialize;
use std::collections::BTreeMap;
use wor_core::cases::HistoricCase;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegionKpi {
    pub region: String,
    pub name: String,
    pub cases: usize,
    /// KPI "successful referral": arrived and taken into care by the social domain.
    pub taken_into_care: usize,
    pub success_rate: f64,
    pub arrived: usize,
    pub still_attending_3m: usize,
    /// Days from the first to the last referral date of all cases (inclusive).
    pub span_days: i64,
    /// `cases` and `taken_into_care` scaled to a year by the span.
    pub referrals_per_year: f64,
    pub successful_per_year: f64,
    pub base_2024: Option<u32>,
    pub target_2026: Option<u32>,
    pub target_2027: Option<u32>,
    /// successful_per_year / target_2026.
    pub share_of_target_2026: Option<f64>,
    /// Cases with Positive Health measured before and after, and those with a dimension improved.
    pub health_measured: usize,
    pub health_improved: usize,
    pub health_improved_share: f64,
}
fn span_days(ev: &Evaluator) -> i64 {
    let days = ev.cases.iter().map(|c| c.dates.referred.days_since_epoch());
    match (days.clone().min(), days.max()) {
        (Some(a), Some(b)) => b - a + 1,
        _ => 0,
    }
}

pub(super) fn kpi(ev: &Evaluator, runs: &[CaseRun]) -> Vec<RegionKpi> {
    let span = span_days(ev);
    let mut regions: BTreeMap<&'static str, Vec<usize>> = BTreeMap::new();
    for (i, run) in runs.iter().enumerate() {
        if let Some(region) = region_of(run.municipality) {
            regions.entry(region).or_default().push(i);
        }
    }
    let per_year = |n: usize| ratio(n as f64 * 365.0, span as f64);
    regions
        .into_iter()
        .map(|(region, members)| {
            let count = |f: &dyn Fn(&HistoricCase) -> bool| {
                members.iter().filter(|i| f(&ev.cases[**i])).count()
            };
            let taken = count(&|c| c.outcome.taken_into_care);
            let measured = count(&|c| c.outcome.health_improved().is_some());
            let improved = count(&|c| c.outcome.health_improved() == Some(true));
            let plan = plan::region(region);
            let successful_per_year = per_year(taken);
            RegionKpi {
                region: region.to_string(),
                name: region_name(region),
                cases: members.len(),
                taken_into_care: taken,
                success_rate: ratio(taken as f64, members.len() as f64),
                arrived: count(&|c| c.outcome.arrived),
                still_attending_3m: count(&|c| c.outcome.still_attending_3m),
                span_days: span,
                referrals_per_year: per_year(members.len()),
                successful_per_year,
                base_2024: plan.map(|p| p.base_2024),
                target_2026: plan.map(|p| p.target_2026()),
                target_2027: plan.map(|p| p.target_2027()),
                share_of_target_2026: plan
                    .map(|p| ratio(successful_per_year, f64::from(p.target_2026()))),
                health_measured: measured,
                health_improved: improved,
                health_improved_share: ratio(improved as f64, measured as f64),
            }
        })
        .collect()
}
