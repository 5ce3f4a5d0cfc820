//! The plan's KPI table at a date (plan 5.2): the supra-regional KPIs 1-4 and per region x.1-x.7, each
//! with its due date, status and evidence. Effort KPIs come from the register (`register.rs`), result
//! KPIs from the cases: x.4 and x.7 through [`successful_referrals`], the one definition of "successful
//! referrals in a calendar year against the target" that monitoring, the evaluation report and the
//! Regio view share; x.5 from the electronic channel.

use super::*;

/// KPIs x.4 and x.7 for one region and calendar year, as known on the reference date.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SuccessfulReferrals {
    pub year: i32,
    /// Referred in the year, up to the reference date.
    pub referrals: u64,
    /// Of those, taken into care by the social domain by the reference date (plan 5.4: "aangekomen en
    /// in behandeling genomen").
    pub successful: u64,
    /// The plan's target for the year (2026 and 2027 only).
    pub target: Option<u32>,
    /// successful / target, never annualised: a partial year is a partial year.
    pub share_of_target: Option<f64>,
    /// The year ended on or before the reference date.
    pub complete: bool,
}

/// Successful referrals of `region` in calendar `year` against the plan's target, as known on `date`:
/// cases referred in the year up to the date (each in the region of [`case_region`]) that were taken
/// into care by then ([`as_of::as_of`]: not before a first contact dated after the date). The one
/// definition of the KPI: monitoring, the evaluation report and the Regio view all count through it.
pub fn successful_referrals<'c>(
    cases: impl IntoIterator<Item = &'c HistoricCase>,
    region: &str,
    year: i32,
    date: Date,
) -> SuccessfulReferrals {
    let (mut referrals, mut successful) = (0u64, 0u64);
    for c in cases {
        let referred = c.dates.referred;
        if referred.year() != year || referred > date || case_region(c).0 != region {
            continue;
        }
        referrals += 1;
        successful += u64::from(as_of::as_of(c, date).outcome.taken_into_care);
    }
    let target = plan::region(region).and_then(|p| p.successful_target(year));
    SuccessfulReferrals {
        year,
        referrals,
        successful,
        target,
        share_of_target: target.map(|t| successful as f64 / f64::from(t)),
        complete: Date::new(year, 12, 31).is_some_and(|end| end <= date),
    }
}
