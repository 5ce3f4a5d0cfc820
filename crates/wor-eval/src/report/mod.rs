//! The evaluation report: what [`crate::Evaluator::report`] computes, as JSON (serde) for machines, a
//! short text summary for terminals ([`render_text`]), and a self-contained HTML page with inline SVG
//! charts (no scripts, no external assets, no links) for people: the regions' WelZo learning groups and
//! us ([`render_html`]). Each submodule answers one question the report asks:
//!
//! * this module: which cases are scored, and how well does each ranker rank them (overall, per region,
//!   municipality and support area)?
//! * [`compare`]: did the other map version rank better on the same cases?
//! * [`triage`]: does the engine's route agree with the recorded triage label?
//! * [`kpi`]: how many referrals succeeded, against the plan's targets?
//! * [`process`]: was the resident contacted in time, and how many conversations followed?
//! * [`gaps`]: where is demand without supply?

mod compare;
mod gaps;
mod html;
mod kpi;
mod process;
mod text;
mod triage;

pub use compare::{CompareGroup, Comparison, LearningOverlap};
pub(crate) use gaps::demand_against_supply;
pub use gaps::Gap;
pub use html::render_html;
pub use kpi::RegionKpi;
pub(crate) use process::contact_stats;
pub use process::{ContactStats, Process};
pub use text::render_text;
pub use triage::{Accuracy, TriageReport};

use crate::case_file::Origins;
use crate::trec::{self, Metrics, Qrels, Run};
use crate::{CaseRun, Evaluator, SYSTEMS};
use serde::Serialize;
use std::collections::BTreeMap;
use wor_core::cases::CaseOrigin;
use wor_core::geo;
use wor_core::map::MapStamp;

// The plan's targets, base counts and promises live in one place, shared with monitoring and the
// business case.
use crate::plan;
pub use crate::plan::FIRST_CONTACT_DAYS;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub engine_version: &'static str,
    /// Where the data come from: demo map, synthetic cases, or real.
    pub origin: DataOrigin,
    pub k: usize,
    /// Seed of the random baseline.
    pub seed: u64,
    /// The reference date for the entries' validity, or `per_case` (each case's referral date).
    pub date: String,
    pub maps: Vec<MapStamp>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub compare_maps: Vec<MapStamp>,
    pub cases: CaseCounts,
    /// One row per ranker, in [`SYSTEMS`] order.
    pub systems: Vec<SystemResult>,
    pub breakdown: Breakdown,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compare: Option<Comparison>,
    pub triage: TriageReport,
    pub kpi: Vec<RegionKpi>,
    pub process: Process,
    /// Demand (cases with an area) against supply (entries serving it) per municipality and area.
    pub gaps: Vec<Gap>,
}

/// Where the report's data come from, so that no reader mistakes a demo for a measurement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DataOrigin {
    /// Loaded maps (both sides of a comparison) and how many of them are marked `demo` (fictional).
    pub maps: usize,
    pub demo_maps: usize,
    /// Cases whose `origin` says `synthetic` (never inferred from their content).
    pub synthetic_cases: usize,
    pub cases: usize,
    /// Cases per stated origin (`unknown` without one).
    pub case_origins: Origins,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CaseCounts {
    pub total: usize,
    /// The resident's municipality is covered by the loaded map(s).
    pub covered: usize,
    /// Covered and at least one activity with gain ≥ 1 judged: these are ranked and scored.
    pub evaluated: usize,
    /// Covered, but no activity would have worked (or none was judged): nothing to rank.
    pub no_relevant: usize,
    /// Recorded with another version of the region's map than the one evaluated.
    pub other_map_version: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SystemResult {
    pub id: &'static str,
    pub label_nl: &'static str,
    pub label_en: &'static str,
    pub queries: usize,
    pub mean: Metrics,
    /// Share of the returned activities that have a judgement (unjudged ones count as gain 0).
    pub judged_share: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    pub queries: usize,
    /// System id -> mean metrics over the group's evaluated cases.
    pub systems: BTreeMap<&'static str, Metrics>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Breakdown {
    pub region: BTreeMap<String, Group>,
    pub municipality: BTreeMap<String, Group>,
    pub area: BTreeMap<String, Group>,
}

pub(crate) fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 {
        a / b
    } else {
        0.0
    }
}

pub(crate) fn region_name(id: &str) -> String {
    plan::region(id).map_or_else(|| id.to_string(), |r| r.name.to_string())
}

pub(crate) fn municipality_name(code: &str) -> String {
    geo::municipality(code).map_or_else(|| code.to_string(), |m| m.name.to_string())
}

pub(crate) fn region_of(code: Option<&str>) -> Option<&'static str> {
    code.and_then(geo::municipality).map(|m| m.region)
}

pub(super) fn build(ev: &Evaluator, runs: &[CaseRun]) -> Report {
    let k = ev.opts.k;
    let cases = ev.cases;
    let (qrels, evaluated, counts) = scored_cases(ev, runs);
    let qid = |i: usize| cases[i].referral.id.as_str();
    let evaluate = |lists: Vec<&[String]>| {
        let mut run = Run::default();
        let mut judged = 0usize;
        let mut returned = 0usize;
        for (&i, list) in evaluated.iter().zip(lists) {
            run.push_ranking(qid(i), list);
            let q = &qrels.queries[qid(i)];
            returned += list.len().min(k);
            judged += list.iter().take(k).filter(|d| q.contains_key(*d)).count();
        }
        let e = trec::evaluate(&qrels, &run, k, true);
        (e, ratio(judged as f64, returned as f64))
    };
    let per_system: Vec<(trec::Evaluation, f64)> = (0..SYSTEMS.len())
        .map(|s| {
            evaluate(
                evaluated
                    .iter()
                    .map(|i| runs[*i].rankings.get(s).map_or(&[][..], |v| &v[..]))
                    .collect(),
            )
        })
        .collect();
    let systems = SYSTEMS
        .iter()
        .zip(&per_system)
        .map(|((id, nl, en), (e, judged))| SystemResult {
            id,
            label_nl: nl,
            label_en: en,
            queries: e.per_query.len(),
            mean: e.mean,
            judged_share: *judged,
        })
        .collect();
    let (breakdown, by_region) = breakdown(k, runs, &evaluated, &per_system, qid);
    let maps: Vec<MapStamp> = ev.primary.maps.iter().map(|m| m.stamp.clone()).collect();
    let compare_maps: Vec<MapStamp> = ev
        .compare
        .map(|c| c.maps.iter().map(|m| m.stamp.clone()).collect())
        .unwrap_or_default();
    // Comparison of two map versions.
    let compare = ev.compare.map(|_| {
        let (other, other_judged) = evaluate(
            evaluated
                .iter()
                .map(|i| runs[*i].compare.as_deref().unwrap_or(&[]))
                .collect(),
        );
        let (primary, primary_judged) = &per_system[0];
        let changed = evaluated
            .iter()
            .filter(|i| runs[**i].compare.as_ref() != runs[**i].rankings.first())
            .count();
        compare::Versions {
            k,
            queries: evaluated.iter().map(|i| qid(*i)).collect(),
            by_region: &by_region_ids(&by_region, qid),
            primary,
            primary_judged: *primary_judged,
            other: &other,
            other_judged,
            changed_rankings: changed,
            primary_maps: &maps,
            compare_maps: &compare_maps,
            recorded_with: evaluated
                .iter()
                .map(|i| {
                    (
                        cases[*i].map.region.as_str(),
                        cases[*i].map.version.as_str(),
                    )
                })
                .collect(),
            weights: ev.compare.and_then(|c| {
                weights_sides(
                    ev.primary,
                    c,
                    evaluated.iter().map(|i| {
                        (
                            cases[*i].map.region.as_str(),
                            cases[*i].referral.id.as_str(),
                        )
                    }),
                )
            }),
        }
        .compare()
    });
    let origin = data_origin(ev);
    Report {
        engine_version: wor_core::ENGINE_VERSION,
        origin,
        k,
        seed: ev.opts.seed,
        date: ev
            .opts
            .date
            .map_or_else(|| "per_case".to_string(), |d| d.to_string()),
        maps,
        compare_maps,
        cases: counts,
        systems,
        breakdown,
        compare,
        triage: triage::triage_report(ev, runs),
        kpi: kpi::kpi(ev, runs),
        process: process::process(ev, runs),
        gaps: gaps::gaps(ev, runs),
    }
}

/// Which cases are scored (covered, with at least one relevant activity), their judgements, and the
/// counts of the others.
fn scored_cases(ev: &Evaluator, runs: &[CaseRun]) -> (Qrels, Vec<usize>, CaseCounts) {
    let cases = ev.cases;
    let mut qrels = Qrels::default();
    let mut evaluated: Vec<usize> = Vec::new();
    let mut counts = CaseCounts {
        total: cases.len(),
        covered: 0,
        evaluated: 0,
        no_relevant: 0,
        other_map_version: 0,
    };
    for (i, (case, run)) in cases.iter().zip(runs).enumerate() {
        if !run.covered {
            continue;
        }
        counts.covered += 1;
        let same_version = ev.primary.for_referral(&case.referral).is_ok_and(|m| {
            m.stamp.region == case.map.region && m.stamp.version == case.map.version
        });
        if !same_version {
            counts.other_map_version += 1;
        }
        let judged = case.qrels();
        if judged.values().any(|g| *g >= 1) {
            qrels.queries.insert(case.referral.id.clone(), judged);
            evaluated.push(i);
        } else {
            counts.no_relevant += 1;
        }
    }
    counts.evaluated = evaluated.len();
    (qrels, evaluated, counts)
}

/// Metrics per region, municipality and area over the evaluated cases; also the cases per region.
fn breakdown<'q>(
    k: usize,
    runs: &[CaseRun],
    evaluated: &[usize],
    per_system: &[(trec::Evaluation, f64)],
    qid: impl Fn(usize) -> &'q str,
) -> (Breakdown, BTreeMap<String, Vec<usize>>) {
    let mut by_region: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut by_municipality: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut by_area: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for &i in evaluated {
        let run = &runs[i];
        if let Some(region) = region_of(run.municipality) {
            by_region.entry(region.to_string()).or_default().push(i);
        }
        if let Some(m) = run.municipality {
            by_municipality
                .entry(municipality_name(m))
                .or_default()
                .push(i);
        }
        for a in &run.areas {
            by_area.entry(a.id().to_string()).or_default().push(i);
        }
    }
    let group = |members: &Vec<usize>| Group {
        queries: members.len(),
        systems: SYSTEMS
            .iter()
            .zip(per_system)
            .map(|((id, ..), (e, _))| {
                (
                    *id,
                    Metrics::mean(k, members.iter().map(|i| &e.per_query[qid(*i)])),
                )
            })
            .collect(),
    };
    let breakdown = Breakdown {
        region: by_region
            .iter()
            .map(|(g, m)| (g.clone(), group(m)))
            .collect(),
        municipality: by_municipality
            .iter()
            .map(|(g, m)| (g.clone(), group(m)))
            .collect(),
        area: by_area.iter().map(|(g, m)| (g.clone(), group(m))).collect(),
    };
    (breakdown, by_region)
}

/// How many maps are demo data, and where the cases come from (said at the top of every report).
fn data_origin(ev: &Evaluator) -> DataOrigin {
    let cases = ev.cases;
    let loaded = ev
        .primary
        .maps
        .iter()
        .chain(ev.compare.iter().flat_map(|c| &c.maps));
    let case_origins = Origins::of(cases);
    DataOrigin {
        maps: loaded.clone().count(),
        demo_maps: loaded.filter(|m| m.demo).count(),
        synthetic_cases: case_origins.count(CaseOrigin::Synthetic),
        cases: cases.len(),
        case_origins,
    }
}

/// The evaluated cases' query ids per region.
fn by_region_ids<'q>(
    by_region: &BTreeMap<String, Vec<usize>>,
    qid: impl Fn(usize) -> &'q str,
) -> BTreeMap<String, Vec<&'q str>> {
    by_region
        .iter()
        .map(|(g, members)| (g.clone(), members.iter().map(|i| qid(*i)).collect()))
        .collect()
}

/// When both sides rank with the same maps but other weights, the comparison is of weights: the
/// sides' labels (a file's id, or "standaardgewichten") and how many of the evaluated cases (region,
/// referral id) either side's weights were learned from.
fn weights_sides<'a>(
    primary: &wor_core::MapSet,
    compare: &wor_core::MapSet,
    cases: impl Iterator<Item = (&'a str, &'a str)>,
) -> Option<compare::WeightsSides> {
    let stamps = |set: &wor_core::MapSet| -> Vec<MapStamp> {
        set.maps.iter().map(|m| m.stamp.clone()).collect()
    };
    let has_weights = |set: &wor_core::MapSet| set.maps.iter().any(|m| m.weights.is_some());
    if stamps(primary) != stamps(compare) || !(has_weights(primary) || has_weights(compare)) {
        return None;
    }
    let label = |set: &wor_core::MapSet| {
        let mut ids: Vec<&str> = set
            .maps
            .iter()
            .filter_map(|m| m.weights.as_ref().map(|w| w.stamp.id.as_str()))
            .collect();
        ids.dedup();
        if ids.is_empty() {
            "standaardgewichten".to_string()
        } else {
            ids.join(", ")
        }
    };
    let mut learning = LearningOverlap {
        overlapping: 0,
        periods: Vec::new(),
        unlisted: Vec::new(),
    };
    for index in primary.maps.iter().chain(&compare.maps) {
        let Some(w) = &index.weights else { continue };
        let region = &index.stamp.region;
        match &w.learned_from {
            Some((from, to, _)) => learning.periods.push(format!("{region} {from} – {to}")),
            None => learning.unlisted.push(region.clone()),
        }
    }
    learning.periods.dedup();
    learning.unlisted.dedup();
    let learned = |set: &wor_core::MapSet, region: &str, id: &str| {
        set.maps.iter().any(|m| {
            m.stamp.region == region
                && m.weights
                    .as_ref()
                    .and_then(|w| w.learned_from.as_ref())
                    .is_some_and(|(_, _, cases)| cases.contains(id))
        })
    };
    learning.overlapping = cases
        .filter(|(region, id)| learned(primary, region, id) || learned(compare, region, id))
        .count();
    Some(compare::WeightsSides {
        old_label: label(primary),
        new_label: label(compare),
        learning,
    })
}
