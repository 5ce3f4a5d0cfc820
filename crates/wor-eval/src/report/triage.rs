//! Does the engine's route agree with the triage label recorded with each case?

use super::{municipality_name, ratio, region_of};
use crate::{CaseRun, Evaluator};
use serde::Serialize;
use std::collections::BTreeMap;
use wor_core::triage::Route;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Accuracy {
    pub labelled: usize,
    pub correct: usize,
    pub accuracy: f64,
}

impl Accuracy {
    fn new(labelled: usize, correct: usize) -> Accuracy {
        Accuracy {
            labelled,
            correct,
            accuracy: ratio(correct as f64, labelled as f64),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TriageReport {
    pub labelled: usize,
    pub correct: usize,
    pub accuracy: f64,
    /// Label -> predicted route -> cases (every route present, zeros included).
    pub confusion: BTreeMap<&'static str, BTreeMap<&'static str, usize>>,
    pub per_region: BTreeMap<String, Accuracy>,
    pub per_municipality: BTreeMap<String, Accuracy>,
    pub per_area: BTreeMap<String, Accuracy>,
}
pub(super) fn triage_report(ev: &Evaluator, runs: &[CaseRun]) -> TriageReport {
    let mut confusion: BTreeMap<&'static str, BTreeMap<&'static str, usize>> = Route::ALL
        .iter()
        .map(|l| (l.id(), Route::ALL.iter().map(|p| (p.id(), 0)).collect()))
        .collect();
    let mut tally: [BTreeMap<String, (usize, usize)>; 3] = Default::default();
    let (mut labelled, mut correct) = (0, 0);
    for (case, run) in ev.cases.iter().zip(runs) {
        let Some(label) = case.triage_label else {
            continue;
        };
        let ok = usize::from(label == run.route);
        labelled += 1;
        correct += ok;
        *confusion
            .entry(label.id())
            .or_default()
            .entry(run.route.id())
            .or_insert(0) += 1;
        let mut add = |t: usize, key: String| {
            let e = tally[t].entry(key).or_insert((0, 0));
            e.0 += 1;
            e.1 += ok;
        };
        if let Some(region) = region_of(run.municipality) {
            add(0, region.to_string());
        }
        if let Some(m) = run.municipality {
            add(1, municipality_name(m));
        }
        for a in &run.areas {
            add(2, a.id().to_string());
        }
    }
    let [per_region, per_municipality, per_area] = tally.map(|t| {
        t.into_iter()
            .map(|(k, (n, c))| (k, Accuracy::new(n, c)))
            .collect()
    });
    TriageReport {
        labelled,
        correct,
        accuracy: ratio(correct as f64, labelled as f64),
        confusion,
        per_region,
        per_municipality,
        per_area,
    }
}
