//! Was the resident contacted within the plan's two weeks, and how many conversations followed?

use super::{ratio, region_of, FIRST_CONTACT_DAYS};
use crate::{CaseRun, Evaluator};
use serde::Serialize;
use std::collections::BTreeMap;
use wor_core::cases::HistoricCase;
use wor_core::triage::Route;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContactStats {
    /// Cases where contact was due (every case but those labelled urgent or not eligible).
    pub due: usize,
    pub contacted: usize,
    pub within_14_days: usize,
    /// within_14_days / due.
    pub share_within_14_days: f64,
    pub median_days: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Process {
    pub first_contact: ContactStats,
    pub per_region: BTreeMap<String, ContactStats>,
    /// Conversations per contacted case: "1" .. "4", "5+".
    pub conversations: BTreeMap<&'static str, usize>,
    /// Share of contacted cases with one to four conversations (the plan's "maximaal drie à vier
    /// gesprekken" of the ZHN PO-sociaal, applied to every case: an assumption).
    pub share_1_to_4: f64,
}
/// First contact over cases where it was due (shared with monitoring).
pub(crate) fn contact_stats<'c>(cases: impl Iterator<Item = &'c HistoricCase>) -> ContactStats {
    let mut due = 0;
    let mut days: Vec<i64> = Vec::new();
    for c in cases {
        if matches!(c.triage_label, Some(Route::Urgent | Route::NotEligible)) {
            continue;
        }
        due += 1;
        if let Some(d) = c.days_to_first_contact() {
            days.push(d);
        }
    }
    days.sort_unstable();
    let within = days.iter().filter(|d| **d <= FIRST_CONTACT_DAYS).count();
    let median = match days.len() {
        0 => None,
        n if n % 2 == 1 => Some(days[n / 2] as f64),
        n => Some((days[n / 2 - 1] + days[n / 2]) as f64 / 2.0),
    };
    ContactStats {
        due,
        contacted: days.len(),
        within_14_days: within,
        share_within_14_days: ratio(within as f64, due as f64),
        median_days: median,
    }
}

pub(super) fn process(ev: &Evaluator, runs: &[CaseRun]) -> Process {
    let mut per_region: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, run) in runs.iter().enumerate() {
        if let Some(region) = region_of(run.municipality) {
            per_region.entry(region.to_string()).or_default().push(i);
        }
    }
    let mut conversations: BTreeMap<&'static str, usize> = ["1", "2", "3", "4", "5+"]
        .into_iter()
        .map(|b| (b, 0))
        .collect();
    let mut contacted = 0;
    for c in ev.cases {
        if c.conversations == 0 {
            continue;
        }
        contacted += 1;
        let bucket = ["1", "2", "3", "4"]
            .get(c.conversations as usize - 1)
            .copied()
            .unwrap_or("5+");
        *conversations.entry(bucket).or_insert(0) += 1;
    }
    let one_to_four = contacted - conversations["5+"];
    Process {
        first_contact: contact_stats(ev.cases.iter()),
        per_region: per_region
            .into_iter()
            .map(|(r, members)| (r, contact_stats(members.iter().map(|i| &ev.cases[*i]))))
            .collect(),
        conversations,
        share_1_to_4: ratio(one_to_four as f64, contacted as f64),
    }
}
