//! How many referrals succeeded (the plan's KPI), against the plan's targets?

use super::{ratio, region_name, region_of};
use crate::monitor::kpis::{successful_referrals, SuccessfulReferrals};
use crate::plan;
use crate::{CaseRun, Evaluator};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use wor_core::cases::HistoricCase;
use wor_core::Date;

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
    pub base_2024: Option<u32>,
    pub target_2026: Option<u32>,
    pub target_2027: Option<u32>,
    /// KPIs x.4 and x.7 per calendar year of the cases, as monitoring counts them
    /// ([`crate::monitor::kpis::successful_referrals`]), up to the last date the file records: never
    /// annualised.
    pub years: Vec<SuccessfulReferrals>,
    /// Cases with Positive Health measured before and after, and those with a dimension improved.
    pub health_measured: usize,
    pub health_improved: usize,
    pub health_improved_share: f64,
}
/// The last date the case file records (referral, first contact or attendance): the KPI's reference
/// date, so every recorded step counts and no year is called complete before the file reaches its end.
fn last_recorded(ev: &Evaluator) -> Option<Date> {
    ev.cases
        .iter()
        .flat_map(|c| {
            [
                Some(c.dates.referred),
                c.dates.first_contact,
                c.dates.first_attendance,
            ]
        })
        .flatten()
        .max()
}

pub(super) fn kpi(ev: &Evaluator, runs: &[CaseRun]) -> Vec<RegionKpi> {
    let last = last_recorded(ev);
    let years: BTreeSet<i32> = ev.cases.iter().map(|c| c.dates.referred.year()).collect();
    let mut regions: BTreeMap<&'static str, Vec<usize>> = BTreeMap::new();
    for (i, run) in runs.iter().enumerate() {
        if let Some(region) = region_of(run.municipality) {
            regions.entry(region).or_default().push(i);
        }
    }
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
            RegionKpi {
                region: region.to_string(),
                name: region_name(region),
                cases: members.len(),
                taken_into_care: taken,
                success_rate: ratio(taken as f64, members.len() as f64),
                arrived: count(&|c| c.outcome.arrived),
                still_attending_3m: count(&|c| c.outcome.still_attending_3m),
                base_2024: plan.map(|p| p.base_2024),
                target_2026: plan.map(|p| p.target_2026()),
                target_2027: plan.map(|p| p.target_2027()),
                years: last.map_or_else(Vec::new, |date| {
                    years
                        .iter()
                        .map(|y| successful_referrals(ev.cases, region, *y, date))
                        .collect()
                }),
                health_measured: measured,
                health_improved: improved,
                health_improved_share: ratio(improved as f64, measured as f64),
            }
        })
        .collect()
}
