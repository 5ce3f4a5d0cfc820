//! `wor tune`: learning a region's matching weights from its own closed historic cases.
//!
//! Method: coordinate ascent on nDCG@10 over the matcher's own soft factors (see
//! [`TUNED`]), each step multiplying one weight by a fixed factor, regularised towards an anchor (the
//! defaults; per region, the pooled weights of all regions) by `strength / cases x sum(ln(w / anchor)^2)`,
//! so that thin data stay near the anchor. Hard filters are not weights: nothing learned can bring back
//! an entry they leave out. Each case's candidates (judged, offered or chosen entries the hard filters
//! let through) are turned into [`Features`] once; trying a set of weights then re-scores numbers.
//!
//! Labels: a case's `judgements` where present (gain 0-2), else the chosen entry with the outcome's
//! gain (2 still attending after three months, 1 arrived, 0 not) and the other offered entries 0.
//! Only closed cases with at least one candidate of gain > 0 are learned from.
//!
//! Assumption (not in the plan): the candidates are ranked by score alone; the diversity re-rank
//! (MMR) is not part of the learned objective and its weights keep their anchor values.

use serde::Serialize;
use std::collections::BTreeSet;
use wor_core::cases::{CaseStatus, HistoricCase};
use wor_core::matching::weights::FIELDS;
use wor_core::matching::{features, Features, MapSet, Weights};
use wor_core::random::Rng;
use wor_core::weights::{to_table, LearningCases, RegionWeights, WeightsFile, SCHEMA};

/// The weights tuning moves; the others (text severity, collective and diversity weights) keep
/// their anchor values.
pub const TUNED: [&str; 15] = [
    "need_fit",
    "distance_floor",
    "decay_km_under_65",
    "decay_km_65_74",
    "decay_km_75_plus",
    "by_appointment",
    "schedule_floor",
    "cost",
    "paid_with_money_worries",
    "language_mismatch",
    "no_dutch",
    "not_literacy_friendly",
    "group_mismatch",
    "audience_mismatch",
    "needs_indication",
];

/// Fewer usable cases than this per region (or per fold's training set) keep the defaults: below it,
/// one fold's held-out nDCG moves by more than tuning typically gains.
pub const MIN_CASES: usize = 200;
/// Regularisation strength (see the module documentation).
const STRENGTH: f64 = 4.0;
const STEPS: [f64; 6] = [0.5, 0.7, 0.85, 1.0 / 0.85, 1.0 / 0.7, 2.0];
const PASSES: usize = 4;
const K: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TuneOptions {
    pub folds: usize,
    pub seed: u64,
}

/// One usable case: its region (index into the map set) and its candidates with their gains.
#[derive(Debug, Clone)]
pub struct CaseData {
    /// The referral's id: only its salted hash goes into the weights file.
    pub id: String,
    pub region: usize,
    pub referred: wor_core::Date,
    pub map_version: String,
    pub candidates: Vec<(Features, u8)>,
}

/// Turns historic cases into cached candidates. Returns the usable cases and how many were skipped
/// (open, outside the maps, no rankable candidate with a gain).
pub fn prepare(set: &MapSet, cases: &[HistoricCase]) -> (Vec<CaseData>, usize) {
    let mut out = Vec::new();
    let mut skipped = 0;
    for case in cases {
        let Some(data) = prepare_one(set, case) else {
            skipped += 1;
            continue;
        };
        out.push(data);
    }
    (out, skipped)
}

fn prepare_one(set: &MapSet, case: &HistoricCase) -> Option<CaseData> {
    if case.status != CaseStatus::Closed {
        return None;
    }
    let index = set.for_referral(&case.referral).ok()?;
    let region = set.maps.iter().position(|m| std::ptr::eq(m, index))?;
    let labels: Vec<(&str, u8)> = if !case.judgements.is_empty() {
        case.judgements
            .iter()
            .map(|(id, g)| (id.as_str(), *g))
            .collect()
    } else {
        let mut ids: BTreeSet<&str> = case.offered.iter().map(String::as_str).collect();
        ids.extend(case.chosen.as_deref());
        ids.into_iter()
            .map(|id| {
                let gain = if case.chosen.as_deref() == Some(id) {
                    case.outcome.gain()
                } else {
                    0
                };
                (id, gain)
            })
            .collect()
    };
    let ids: Vec<&str> = labels.iter().map(|(id, _)| *id).collect();
    let feats = features(index, &case.referral, case.dates.referred, &ids).ok()?;
    let candidates: Vec<(Features, u8)> = feats
        .into_iter()
        .zip(&labels)
        .filter_map(|(f, (_, g))| f.map(|f| (f, *g)))
        .collect();
    candidates.iter().any(|(_, g)| *g > 0).then(|| CaseData {
        id: case.referral.id.clone(),
        region,
        referred: case.dates.referred,
        map_version: case.map.version.clone(),
        candidates,
    })
}

/// nDCG@10 (linear gain, log2 discount, as trec_eval) and reciprocal rank of one case under `w`.
fn case_metrics(w: &Weights, c: &CaseData) -> (f64, f64) {
    let mut scored: Vec<(f64, usize)> = c
        .candidates
        .iter()
        .enumerate()
        .map(|(i, (f, _))| (w.score(f), i))
        .collect();
    // Ties keep the candidates' (id) order: deterministic.
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let discount = |rank: usize| 1.0 / ((rank + 2) as f64).log2();
    let dcg: f64 = scored
        .iter()
        .take(K)
        .enumerate()
        .map(|(r, (_, i))| f64::from(c.candidates[*i].1) * discount(r))
        .sum();
    let mut ideal: Vec<u8> = c.candidates.iter().map(|(_, g)| *g).collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg: f64 = ideal
        .iter()
        .take(K)
        .enumerate()
        .map(|(r, g)| f64::from(*g) * discount(r))
        .sum();
    let rr = scored
        .iter()
        .position(|(_, i)| c.candidates[*i].1 > 0)
        .map_or(0.0, |r| 1.0 / (r + 1) as f64);
    (if idcg > 0.0 { dcg / idcg } else { 0.0 }, rr)
}

/// Mean nDCG@10 and MRR of `w` over `cases`.
pub fn metrics(w: &Weights, cases: &[&CaseData]) -> Scores {
    let n = cases.len().max(1) as f64;
    let (ndcg, mrr) = cases.iter().fold((0.0, 0.0), |acc, c| {
        let (d, r) = case_metrics(w, c);
        (acc.0 + d, acc.1 + r)
    });
    Scores {
        ndcg_at_10: ndcg / n,
        mrr: mrr / n,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scores {
    #[serde(rename = "ndcg@10")]
    pub ndcg_at_10: f64,
    pub mrr: f64,
}

/// Coordinate ascent from `anchor` on `cases`; deterministic for `seed`.
pub fn fit(anchor: &Weights, cases: &[&CaseData], seed: u64) -> Weights {
    let lambda = STRENGTH / cases.len().max(1) as f64;
    let fields: Vec<_> = TUNED
        .iter()
        .map(|name| FIELDS.iter().find(|f| f.name == *name).expect("a weight"))
        .collect();
    let penalty = |w: &Weights| -> f64 {
        fields
            .iter()
            .map(|f| {
                let (a, v) = ((f.get)(anchor), (f.get)(w));
                // Weights that may be 0 (the floor) are compared on a shifted scale.
                let ratio = ((v + 0.05) / (a + 0.05)).ln();
                ratio * ratio
            })
            .sum::<f64>()
            * lambda
    };
    let objective = |w: &Weights| metrics(w, cases).ndcg_at_10 - penalty(w);
    let mut best = *anchor;
    let mut best_value = objective(&best);
    let mut rng = Rng::new(seed);
    for _ in 0..PASSES {
        let mut order: Vec<usize> = (0..fields.len()).collect();
        rng.shuffle(&mut order);
        let mut improved = false;
        for &i in &order {
            let f = fields[i];
            for step in STEPS {
                let value = ((f.get)(&best) * step).clamp(f.min, f.max);
                let mut trial = best;
                (f.set)(&mut trial, value);
                let v = objective(&trial);
                if v > best_value + 1e-12 {
                    best = trial;
                    best_value = v;
                    improved = true;
                }
            }
        }
        if !improved {
            break;
        }
    }
    best
}

/// One fold's held-out scores.
#[derive(Debug, Clone, Serialize)]
pub struct Fold {
    pub cases: usize,
    pub default: Scores,
    pub tuned: Scores,
}

/// The cross-validation summary written into the weights file.
#[derive(Debug, Clone, Serialize)]
pub struct CrossValidation {
    pub folds: Vec<Fold>,
    pub default: Scores,
    pub tuned: Scores,
    /// Standard deviation over the folds of tuned minus default nDCG@10.
    pub gain_sd: f64,
    pub seed: u64,
}

/// What tuning one region produced.
#[derive(Debug, Clone)]
pub struct RegionResult {
    pub region: String,
    pub cases: usize,
    pub weights: Weights,
    pub cross_validation: Option<CrossValidation>,
    pub kept_defaults: Option<String>,
}

/// Deterministic fold of case `i` for `seed`.
fn fold_of(i: usize, folds: usize, seed: u64) -> usize {
    Rng::keyed(seed, i as u64).below(folds)
}

/// Per-region weights: the pooled fit as anchor for each region when there are several.
fn tune_fold(train: &[&CaseData], regions: usize, seed: u64) -> (Weights, Vec<Option<Weights>>) {
    let pooled = fit(&Weights::DEFAULT, train, seed);
    let per_region = (0..regions)
        .map(|r| {
            let own: Vec<&CaseData> = train.iter().copied().filter(|c| c.region == r).collect();
            (regions > 1 && !own.is_empty()).then(|| fit(&pooled, &own, seed))
        })
        .collect();
    (pooled, per_region)
}

/// Tunes every region present in `cases`. Regions with fewer than [`MIN_CASES`] usable cases, or
/// whose tuned weights do not beat the defaults out of sample, keep the defaults with the reason.
pub fn tune(set: &MapSet, data: &[CaseData], opts: TuneOptions) -> Vec<RegionResult> {
    let folds = opts.folds.max(2);
    let regions = set.maps.len();
    let fold_ids: Vec<usize> = (0..data.len())
        .map(|i| fold_of(i, folds, opts.seed))
        .collect();
    let present: Vec<usize> = (0..regions)
        .filter(|r| data.iter().any(|c| c.region == *r))
        .collect();
    let enough = |r: usize| data.iter().filter(|c| c.region == r).count() >= MIN_CASES;
    // Fold work in parallel (each fold fits the pooled and per-region weights on the other folds).
    let run_fold = |f: usize| {
        let train: Vec<&CaseData> = data
            .iter()
            .zip(&fold_ids)
            .filter(|(_, id)| **id != f)
            .map(|(c, _)| c)
            .collect();
        tune_fold(&train, regions, opts.seed)
    };
    let any_enough = present.iter().any(|r| enough(*r));
    let fold_fits: Vec<(Weights, Vec<Option<Weights>>)> = if any_enough {
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            (0..folds).into_par_iter().map(run_fold).collect()
        }
        #[cfg(not(feature = "parallel"))]
        {
            (0..folds).map(run_fold).collect()
        }
    } else {
        Vec::new()
    };
    let all: Vec<&CaseData> = data.iter().collect();
    let full = if any_enough {
        Some(tune_fold(&all, regions, opts.seed))
    } else {
        None
    };
    present
        .into_iter()
        .map(|r| {
            let region = set.maps[r].stamp.region.clone();
            let n = data.iter().filter(|c| c.region == r).count();
            let keep = |reason: String, cv: Option<CrossValidation>| RegionResult {
                region: region.clone(),
                cases: n,
                weights: Weights::DEFAULT,
                cross_validation: cv,
                kept_defaults: Some(reason),
            };
            if !enough(r) {
                return keep(
                    format!(
                        "too few cases: {n} closed cases with a known outcome on this map; at least {MIN_CASES} are needed"
                    ),
                    None,
                );
            }
            let weights_of = |fit: &(Weights, Vec<Option<Weights>>)| fit.1[r].unwrap_or(fit.0);
            let fold_results: Vec<Fold> = fold_fits
                .iter()
                .enumerate()
                .map(|(f, fit)| {
                    let held: Vec<&CaseData> = data
                        .iter()
                        .zip(&fold_ids)
                        .filter(|(c, id)| **id == f && c.region == r)
                        .map(|(c, _)| c)
                        .collect();
                    Fold {
                        cases: held.len(),
                        default: metrics(&Weights::DEFAULT, &held),
                        tuned: metrics(&weights_of(fit), &held),
                    }
                })
                .collect();
            let mean = |pick: fn(&Fold) -> Scores| {
                let m = fold_results.len() as f64;
                Scores {
                    ndcg_at_10: fold_results.iter().map(|f| pick(f).ndcg_at_10).sum::<f64>() / m,
                    mrr: fold_results.iter().map(|f| pick(f).mrr).sum::<f64>() / m,
                }
            };
            let (default, tuned) = (mean(|f| f.default), mean(|f| f.tuned));
            let gains: Vec<f64> = fold_results
                .iter()
                .map(|f| f.tuned.ndcg_at_10 - f.default.ndcg_at_10)
                .collect();
            let g_mean = gains.iter().sum::<f64>() / gains.len() as f64;
            let gain_sd = (gains.iter().map(|g| (g - g_mean).powi(2)).sum::<f64>()
                / (gains.len().saturating_sub(1).max(1)) as f64)
                .sqrt();
            let cv = CrossValidation {
                folds: fold_results,
                default,
                tuned,
                gain_sd,
                seed: opts.seed,
            };
            if tuned.ndcg_at_10 <= default.ndcg_at_10 {
                return keep(
                    format!(
                        "no out-of-sample gain: cross-validated nDCG@10 {:.4} tuned vs {:.4} default",
                        tuned.ndcg_at_10, default.ndcg_at_10
                    ),
                    Some(cv),
                );
            }
            RegionResult {
                region,
                cases: n,
                weights: weights_of(full.as_ref().expect("fitted when any region has enough")),
                cross_validation: Some(cv),
                kept_defaults: None,
            }
        })
        .collect()
}

/// The weights file for `results`; `cases` gives each region's map versions and date range. Holds
/// no referral data: counts, dates, versions, metrics, weights and salted hashes of the case ids.
pub fn weights_file(
    id: &str,
    synthetic: bool,
    set: &MapSet,
    results: &[RegionResult],
    data: &[CaseData],
) -> WeightsFile {
    let regions = results
        .iter()
        .map(|r| {
            let mine: Vec<&CaseData> = data
                .iter()
                .filter(|c| set.maps[c.region].stamp.region == r.region)
                .collect();
            let versions: BTreeSet<String> = mine.iter().map(|c| c.map_version.clone()).collect();
            let from = mine.iter().map(|c| c.referred).min();
            let to = mine.iter().map(|c| c.referred).max();
            let from = from.map_or_else(String::new, |d| d.to_string());
            let to = to.map_or_else(String::new, |d| d.to_string());
            RegionWeights {
                region: r.region.clone(),
                map_versions: versions.into_iter().collect(),
                learning_cases: Some(LearningCases::of(
                    id,
                    &r.region,
                    (&from, &to),
                    mine.iter().map(|c| c.id.as_str()),
                )),
                from,
                to,
                cases: r.cases as u32,
                cross_validation: r
                    .cross_validation
                    .as_ref()
                    .map(|cv| serde_json::to_value(cv).expect("serialises")),
                kept_defaults: r.kept_defaults.clone(),
                weights: to_table(&r.weights),
            }
        })
        .collect();
    WeightsFile {
        schema: SCHEMA.into(),
        id: id.into(),
        synthetic,
        regions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{cases, generator, haarlemmermeer};

    fn history(set: &MapSet, n: usize, seed: u64, scale: f64) -> Vec<HistoricCase> {
        let generator = generator(set, seed, "2026-06-30").with_tolerance_scale(scale);
        cases(&generator, n)
    }

    fn tuned(set: &MapSet, cases: &[HistoricCase]) -> RegionResult {
        let (data, _) = prepare(set, cases);
        let opts = TuneOptions { folds: 4, seed: 1 };
        tune(set, &data, opts).remove(0)
    }

    /// Two populations, one that travels far and one that does not: tuning learns opposite distance
    /// weights and beats the defaults out of sample on both.
    #[test]
    fn tuning_learns_a_regions_own_distance_sensitivity() {
        let set = haarlemmermeer("2026-11-23");
        let far = tuned(&set, &history(&set, 900, 5, 4.0));
        let near = tuned(&set, &history(&set, 900, 6, 0.3));
        for r in [&far, &near] {
            assert_eq!(r.kept_defaults, None, "{:?}", r.kept_defaults);
            let cv = r.cross_validation.as_ref().unwrap();
            assert!(
                cv.tuned.ndcg_at_10 > cv.default.ndcg_at_10,
                "{:?} vs {:?}",
                cv.tuned,
                cv.default
            );
        }
        let d = Weights::DEFAULT;
        // Distance hardly matters: slower decay (or a higher floor); it matters a lot: faster decay.
        let reach = |w: &Weights| w.distance_factor(5.0, w.decay_km_under_65);
        assert!(reach(&far.weights) > reach(&d), "far: {:?}", far.weights);
        assert!(reach(&near.weights) < reach(&d), "near: {:?}", near.weights);
    }

    #[test]
    fn twenty_cases_keep_the_defaults_and_say_so() {
        let set = haarlemmermeer("2026-11-23");
        let r = tuned(&set, &history(&set, 20, 5, 4.0));
        assert_eq!(r.weights, Weights::DEFAULT);
        assert!(r
            .kept_defaults
            .as_ref()
            .unwrap()
            .starts_with("too few cases"));
        assert!(r.cross_validation.is_none());
    }

    /// Same seed, same file; and the file holds no referral data (ids, notes, practices).
    #[test]
    fn the_file_is_deterministic_and_holds_no_referral_data() {
        let set = haarlemmermeer("2026-11-23");
        let cases = history(&set, 300, 8, 1.0);
        let file = |cases: &[HistoricCase]| {
            let (data, _) = prepare(&set, cases);
            let results = tune(&set, &data, TuneOptions { folds: 3, seed: 2 });
            weights_file("t", true, &set, &results, &data).to_json()
        };
        let json = file(&cases);
        assert_eq!(json, file(&cases));
        WeightsFile::from_json(&json).unwrap();
        for c in &cases {
            assert!(!json.contains(&c.referral.id), "{}", c.referral.id);
            if let Some(text) = &c.referral.text {
                assert!(!json.contains(text.as_str()));
            }
            if let Some(p) = &c.referral.practice {
                assert!(!json.contains(p.as_str()));
            }
        }
    }
}
