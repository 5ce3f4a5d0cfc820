//! Where is demand (cases per municipality and support area) without supply (entries serving it)?

use super::municipality_name;
use crate::{CaseRun, Evaluator};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use wor_core::area::SupportArea;
use wor_core::date::Date;
use wor_core::matching::MapSet;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    pub municipality_code: String,
    pub municipality: String,
    pub area: SupportArea,
    pub area_nl: &'static str,
    /// Cases with this area in this municipality.
    pub demand: usize,
    /// Map entries serving this area in this municipality.
    pub supply: usize,
    pub demand_per_supply: Option<f64>,
}
pub(super) fn gaps(ev: &Evaluator, runs: &[CaseRun]) -> Vec<Gap> {
    let date: Option<Date> = ev
        .opts
        .date
        .or_else(|| ev.cases.iter().map(|c| c.dates.referred).max());
    let mut demand: BTreeMap<(&'static str, SupportArea), usize> = BTreeMap::new();
    for run in runs.iter().filter(|r| r.covered) {
        let Some(m) = run.municipality else { continue };
        let areas: BTreeSet<SupportArea> = run.areas.iter().copied().collect();
        for a in areas {
            *demand.entry((m, a)).or_insert(0) += 1;
        }
    }
    demand_against_supply(demand, ev.primary, date)
}

/// Demand (cases per municipality and area) against the entries serving it on `date` (any date when
/// `None`); shared with monitoring's "missing offer".
pub(crate) fn demand_against_supply(
    demand: BTreeMap<(&'static str, SupportArea), usize>,
    maps: &MapSet,
    date: Option<Date>,
) -> Vec<Gap> {
    let mut out: Vec<Gap> = demand
        .into_iter()
        .map(|((m, area), n)| {
            let supply = maps
                .maps
                .iter()
                .flat_map(|idx| &idx.entries)
                .filter(|e| {
                    e.area_set.contains(area)
                        && e.serves.iter().any(|s| s == m)
                        && date.is_none_or(|d| e.valid_on(d))
                })
                .count();
            Gap {
                municipality_code: m.to_string(),
                municipality: municipality_name(m),
                area,
                area_nl: area.label_nl(),
                demand: n,
                supply,
                demand_per_supply: (supply > 0).then(|| n as f64 / supply as f64),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        a.municipality
            .cmp(&b.municipality)
            .then(a.area.cmp(&b.area))
    });
    out
}
