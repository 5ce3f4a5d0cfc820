//! `wor tune`: learning a region's matching weights from its own closed historic cases.
//!
//! # What is learned
//! The matcher's score is log-linear in the plan's fit factors (need share by severity, distance over an
//! age-dependent scale, cost against the budget, paid at all, form against the wish and without one,
//! days and times, language, literacy, audience, by appointment, indication): see
//! [`wor_core::matching::Weights`]. [`TUNED`] are the weights learned; each reads on its own
//! ("afstandsschaal 1,8 km in plaats van 3,5 km", "een groepsactiviteit weegt 0,5"), and [`words`]
//! says so in Dutch. Hard filters are not weights: nothing learned brings back an entry they leave out.
//!
//! # From which evidence ([`learn`])
//! Every case says which activity the resident took among those offered: a conditional logit,
//! `P(j | offered) = score_j / sum of the offered scores`, weighted by the outcome (a choice that led
//! to still attending after three months counts 3, arrived 2, not arrived 1, out of 3). Judgements, where
//! a case has them (graded gains of activities beyond the offer), replace the choice: the gains shared
//! out over the judged activities.
//!
//! # Selection bias
//! Only offered activities can be chosen, and the offer was not random (the social worker's nearest few,
//! or the engine's own top list). The method handles this by **conditioning on the offered set**
//! (McFadden's conditional logit): the likelihood compares the chosen activity only with those that were
//! actually offered, never with activities the resident never saw, so an activity that was seldom offered
//! is not read as unpopular. This is consistent when the offer depends on what the case file records
//! (the referral, the map), which holds for an offer made by the engine or from the social map; it was
//! chosen over inverse-propensity weighting because a propensity is known only for the engine's own
//! past suggestions, and historic cases do not record who made the offer. What conditioning cannot
//! fix is extrapolation (offers are mostly near, so the data say little about far activities): the
//! regularisation towards the defaults and the out-of-sample check below keep that in bounds.
//!
//! # Honest validation
//! Time-split cross-validation: the cases are ordered by referral date and cut into `folds + 1` blocks;
//! fold `f` learns on blocks `0..=f` and is measured on block `f + 1` (nDCG@10 of the recorded gains,
//! never the training objective). With several regions each is fitted towards the pooled fit of all of
//! them (shrinkage: the penalty `strength / own cases x sum ln(w / pooled)^2`). A region keeps the
//! defaults when it has fewer than [`MIN_CASES`] usable cases or the tuned weights do not beat the
//! defaults on the later cases. Deterministic for a seed (the order in which weights are tried).

mod learn;
pub mod words;

pub use learn::{fit, metrics, ranked_metrics};

use serde::Serialize;
use std::collections::BTreeSet;
use wor_core::cases::{CaseStatus, HistoricCase};
use wor_core::matching::{features, Features, MapSet, Weights};
use wor_core::weights::{to_table, LearningCases, RegionWeights, WeightsFile, SCHEMA};

/// The weights tuning moves; the others (text severity, collective and diversity weights) keep
/// their anchor values.
pub const TUNED: [&str; 18] = [
    "need_fit",
    "distance_floor",
    "decay_km_under_65",
    "decay_km_65_74",
    "decay_km_75_plus",
    "by_appointment",
    "schedule_floor",
    "cost",
    "paid",
    "paid_with_money_worries",
    "language_mismatch",
    "no_dutch",
    "not_literacy_friendly",
    "group_mismatch",
    "group_activity",
    "one_to_one",
    "audience_mismatch",
    "needs_indication",
];

/// Fewer usable cases than this per region (or in a fold's training set) keep the defaults: below it,
/// one fold's held-out nDCG moves by more than tuning typically gains.
pub const MIN_CASES: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TuneOptions {
    pub folds: usize,
    pub seed: u64,
}

/// One activity of a case as the tuner sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    pub features: Features,
    /// The recorded gain: 2 still attending at three months, 1 arrived, 0 not (or the judgement).
    pub gain: u8,
    /// Its share of the case's evidence in the likelihood (see the module documentation).
    pub target: f64,
}

/// One usable case: its region (index into the map set) and its candidates.
#[derive(Debug, Clone)]
pub struct CaseData {
    /// The referral's id: only its salted hash goes into the weights file.
    pub id: String,
    pub region: usize,
    pub referred: wor_core::Date,
    pub map_version: String,
    pub candidates: Vec<Candidate>,
}

/// Turns historic cases into cached candidates. Returns the usable cases and how many were skipped
/// (open, outside the maps, no chosen or judged activity the hard filters let through).
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

/// The labels of a case: (activity, gain, target).
fn labels(case: &HistoricCase) -> Vec<(&str, u8, f64)> {
    if !case.judgements.is_empty() {
        let total: f64 = case.judgements.values().map(|g| f64::from(*g)).sum();
        return case
            .judgements
            .iter()
            .map(|(id, g)| (id.as_str(), *g, f64::from(*g) / total.max(1.0)))
            .collect();
    }
    let mut ids: BTreeSet<&str> = case.offered.iter().map(String::as_str).collect();
    ids.extend(case.chosen.as_deref());
    ids.into_iter()
        .map(|id| {
            if case.chosen.as_deref() == Some(id) {
                let gain = case.outcome.gain();
                (id, gain, (1.0 + f64::from(gain)) / 3.0)
            } else {
                (id, 0, 0.0)
            }
        })
        .collect()
}

fn prepare_one(set: &MapSet, case: &HistoricCase) -> Option<CaseData> {
    if case.status != CaseStatus::Closed {
        return None;
    }
    let index = set.for_referral(&case.referral).ok()?;
    let region = set.maps.iter().position(|m| std::ptr::eq(m, index))?;
    let labels = labels(case);
    let ids: Vec<&str> = labels.iter().map(|(id, ..)| *id).collect();
    let feats = features(index, &case.referral, case.dates.referred, &ids).ok()?;
    let candidates: Vec<Candidate> = feats
        .into_iter()
        .zip(&labels)
        .filter_map(|(f, (_, gain, target))| {
            f.map(|features| Candidate {
                features,
                gain: *gain,
                target: *target,
            })
        })
        .collect();
    // A choice among one is no evidence about the weights.
    (candidates.len() > 1 && candidates.iter().any(|k| k.target > 0.0)).then(|| CaseData {
        id: case.referral.id.clone(),
        region,
        referred: case.dates.referred,
        map_version: case.map.version.clone(),
        candidates,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scores {
    #[serde(rename = "ndcg@10")]
    pub ndcg_at_10: f64,
    pub mrr: f64,
}

/// One fold's held-out scores.
#[derive(Debug, Clone, Serialize)]
pub struct Fold {
    /// The last referral date learned from; the fold is measured on the cases after it.
    pub learned_until: String,
    pub cases: usize,
    pub default: Scores,
    pub tuned: Scores,
}

/// The cross-validation summary written into the weights file.
#[derive(Debug, Clone, Serialize)]
pub struct CrossValidation {
    /// `"time"`: each fold learns on earlier cases and is measured on later ones.
    pub split: &'static str,
    pub folds: Vec<Fold>,
    /// Over all held-out cases of the folds.
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
    /// What the full fit learned, adopted or not (the defaults when nothing was fitted).
    pub learned: Weights,
    pub cross_validation: Option<CrossValidation>,
    pub kept_defaults: Option<String>,
}

/// The time-split folds: (learn on, measure on) as indices into `data`, ordered by referral date.
fn time_folds(data: &[CaseData], folds: usize) -> Vec<(Vec<usize>, Vec<usize>)> {
    let mut order: Vec<usize> = (0..data.len()).collect();
    order.sort_by(|a, b| (data[*a].referred, &data[*a].id).cmp(&(data[*b].referred, &data[*b].id)));
    let blocks = folds + 1;
    let cut = |b: usize| b * order.len() / blocks;
    (0..folds)
        .map(|f| {
            (
                order[..cut(f + 1)].to_vec(),
                order[cut(f + 1)..cut(f + 2)].to_vec(),
            )
        })
        .collect()
}

/// The pooled fit (the defaults when the cases are too few) and per region the fit shrunk towards it.
fn tune_fold(train: &[&CaseData], regions: usize, seed: u64) -> (Weights, Vec<Option<Weights>>) {
    if train.len() < MIN_CASES {
        return (Weights::DEFAULT, vec![None; regions]);
    }
    let pooled = fit(&Weights::DEFAULT, train, seed);
    let per_region = (0..regions)
        .map(|r| {
            let own: Vec<&CaseData> = train.iter().copied().filter(|c| c.region == r).collect();
            (regions > 1 && !own.is_empty()).then(|| fit(&pooled, &own, seed))
        })
        .collect();
    (pooled, per_region)
}

type FoldFit = (Weights, Vec<Option<Weights>>);

/// Runs `f` over `0..n`, in parallel with the `parallel` feature.
fn each<T: Send>(n: usize, f: impl Fn(usize) -> T + Sync + Send) -> Vec<T> {
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        (0..n).into_par_iter().map(f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        (0..n).map(f).collect()
    }
}

/// Tunes every region present in `cases`. Regions with fewer than [`MIN_CASES`] usable cases, or
/// whose tuned weights do not beat the defaults on later cases, keep the defaults with the reason.
pub fn tune(set: &MapSet, data: &[CaseData], opts: TuneOptions) -> Vec<RegionResult> {
    let regions = set.maps.len();
    let splits = time_folds(data, opts.folds.max(2));
    let present: Vec<usize> = (0..regions)
        .filter(|r| data.iter().any(|c| c.region == *r))
        .collect();
    let count = |r: usize| data.iter().filter(|c| c.region == r).count();
    let any_enough = present.iter().any(|r| count(*r) >= MIN_CASES);
    // The folds and the full fit in parallel (the last job is the full fit).
    let fits: Vec<FoldFit> = if any_enough {
        each(splits.len() + 1, |f| {
            let train: Vec<&CaseData> = match splits.get(f) {
                Some((train, _)) => train.iter().map(|i| &data[*i]).collect(),
                None => data.iter().collect(),
            };
            tune_fold(&train, regions, opts.seed)
        })
    } else {
        Vec::new()
    };
    present
        .into_iter()
        .map(|r| region_result(set, data, &splits, &fits, r, opts.seed))
        .collect()
}

/// One region's result from the fold fits and the full fit (the last of `fits`).
fn region_result(
    set: &MapSet,
    data: &[CaseData],
    splits: &[(Vec<usize>, Vec<usize>)],
    fits: &[FoldFit],
    r: usize,
    seed: u64,
) -> RegionResult {
    let region = set.maps[r].stamp.region.clone();
    let n = data.iter().filter(|c| c.region == r).count();
    let weights_of = |fit: &FoldFit| fit.1[r].unwrap_or(fit.0);
    let learned = fits.last().map_or(Weights::DEFAULT, weights_of);
    let keep = |reason: String, cv: Option<CrossValidation>| RegionResult {
        region: region.clone(),
        cases: n,
        weights: Weights::DEFAULT,
        learned,
        cross_validation: cv,
        kept_defaults: Some(reason),
    };
    if n < MIN_CASES {
        return keep(
            format!(
                "too few cases: {n} closed cases with a known outcome on this map; at least {MIN_CASES} are needed"
            ),
            None,
        );
    }
    let mut held_all: Vec<&CaseData> = Vec::new();
    let mut tuned_all = Vec::new();
    let mut folds = Vec::new();
    for ((train, test), fit) in splits.iter().zip(fits) {
        let held: Vec<&CaseData> = test
            .iter()
            .map(|i| &data[*i])
            .filter(|c| c.region == r)
            .collect();
        let w = weights_of(fit);
        let until = train
            .last()
            .map_or_else(String::new, |i| data[*i].referred.to_string());
        folds.push(Fold {
            learned_until: until,
            cases: held.len(),
            default: metrics(&Weights::DEFAULT, &held),
            tuned: metrics(&w, &held),
        });
        tuned_all.extend(held.iter().map(|c| (w, *c)));
        held_all.extend(held);
    }
    let default = metrics(&Weights::DEFAULT, &held_all);
    let tuned = pooled_metrics(&tuned_all);
    let gains: Vec<f64> = folds
        .iter()
        .map(|f| f.tuned.ndcg_at_10 - f.default.ndcg_at_10)
        .collect();
    let g_mean = gains.iter().sum::<f64>() / gains.len() as f64;
    let gain_sd = (gains.iter().map(|g| (g - g_mean).powi(2)).sum::<f64>()
        / (gains.len().saturating_sub(1).max(1)) as f64)
        .sqrt();
    let cv = CrossValidation {
        split: "time",
        folds,
        default,
        tuned,
        gain_sd,
        seed,
    };
    if tuned.ndcg_at_10 <= default.ndcg_at_10 {
        return keep(
            format!(
                "no out-of-sample gain: nDCG@10 on later cases {:.4} tuned vs {:.4} default",
                tuned.ndcg_at_10, default.ndcg_at_10
            ),
            Some(cv),
        );
    }
    RegionResult {
        region,
        cases: n,
        weights: learned,
        learned,
        cross_validation: Some(cv),
        kept_defaults: None,
    }
}

/// Mean nDCG@10 and MRR over held-out cases, each under the weights its fold learned.
fn pooled_metrics(cases: &[(Weights, &CaseData)]) -> Scores {
    let mut sum = (0.0, 0.0);
    let mut n = 0usize;
    for (w, c) in cases {
        let s = metrics(w, &[*c]);
        if c.candidates.iter().any(|k| k.gain > 0) {
            sum = (sum.0 + s.ndcg_at_10, sum.1 + s.mrr);
            n += 1;
        }
    }
    let n = n.max(1) as f64;
    Scores {
        ndcg_at_10: sum.0 / n,
        mrr: sum.1 / n,
    }
}

/// The weights file for `results`; `cases` gives each region's map versions and date range. Holds
/// no referral data: counts, dates, versions, metrics, weights, salted hashes of the case ids, and
/// what was learned in Dutch.
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
                summary_nl: words::summary(r, synthetic),
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
