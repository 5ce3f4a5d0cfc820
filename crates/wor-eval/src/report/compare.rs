//! Did the new map version help, or the region's weights? The engine ranks the same cases on two map
//! versions, or on one map with two sets of weights (`--compare-weights`); the gain is new minus old
//! (the weights file minus the weights it is compared with), with a paired bootstrap interval over
//! the cases. For map versions the cases' own map version is counted, because judgements exist only
//! for activities that were on the map the case was drawn with; for weights, the cases the weights
//! were learned from, because scoring weights on their own learning cases flatters them.

use crate::trec::{self, Metrics};
use serde::Serialize;
use std::collections::BTreeMap;
use wor_core::map::MapStamp;
use wor_core::random::Rng;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub queries: usize,
    pub primary: Metrics,
    pub compare: Metrics,
    /// compare − primary (kept for existing readers; `gain` is new − old).
    pub delta: Metrics,
    pub primary_judged_share: f64,
    pub compare_judged_share: f64,
    /// Cases whose top-k differs between the two maps.
    pub changed_rankings: usize,
    pub per_region: BTreeMap<String, CompareGroup>,
    /// What differs between the sides: `maps` (versions) or `weights` (same maps, other weights).
    pub subject: &'static str,
    /// Which side is the newer version (for weights: the compared file): `map` or `compare`.
    pub new_side: &'static str,
    /// "zuid-holland-noord 2026.2.0" for each side; for weights the file's id or "standaardgewichten".
    pub old_label: String,
    pub new_label: String,
    /// new − old, per measure.
    pub gain: Metrics,
    /// Paired bootstrap 95% interval of `gain` (percentiles over resampled cases).
    pub gain_low: Metrics,
    pub gain_high: Metrics,
    /// Resamples of the bootstrap and its fixed seed (the interval is reproducible).
    pub bootstrap_resamples: usize,
    pub bootstrap_seed: u64,
    /// The interval of nDCG's gain contains 0: the difference is within noise.
    pub within_noise: bool,
    /// Evaluated cases recorded with the old version, the new version, or another one (maps only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cases_recorded_with_old: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cases_recorded_with_new: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cases_recorded_with_other: Option<usize>,
    /// Weights only: the evaluated cases the weights were learned from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub learning: Option<LearningOverlap>,
}

/// How many evaluated cases a weights file (either side) was learned from, by the salted hashes it
/// lists, and over which period it learned.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LearningOverlap {
    /// Evaluated cases among the learning cases.
    pub overlapping: usize,
    /// "haarlemmermeer 2026-01-01 – 2026-12-31" per region whose weights list their learning cases.
    pub periods: Vec<String>,
    /// Regions whose weights do not list their learning cases (files written before the hashes).
    pub unlisted: Vec<String>,
}

/// The two sides of a weights comparison.
pub(super) struct WeightsSides {
    pub old_label: String,
    pub new_label: String,
    pub learning: LearningOverlap,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompareGroup {
    pub queries: usize,
    pub primary: Metrics,
    pub compare: Metrics,
    pub delta: Metrics,
    /// new − old.
    pub gain: Metrics,
}

/// Resamples of the paired bootstrap: enough for a stable 95% interval at two decimals.
pub const BOOTSTRAP_RESAMPLES: usize = 2000;
/// Its fixed seed, so the same cases always give the same interval.
pub const BOOTSTRAP_SEED: u64 = 20_260_101;

/// What the comparison needs from the report's evaluation of the two rankings.
pub(super) struct Versions<'a> {
    pub k: usize,
    /// Query ids of the evaluated cases, in case order.
    pub queries: Vec<&'a str>,
    pub by_region: &'a BTreeMap<String, Vec<&'a str>>,
    pub primary: &'a trec::Evaluation,
    pub primary_judged: f64,
    pub other: &'a trec::Evaluation,
    pub other_judged: f64,
    pub changed_rankings: usize,
    pub primary_maps: &'a [MapStamp],
    pub compare_maps: &'a [MapStamp],
    /// Per evaluated case (in `queries` order): the region and version it was recorded with.
    pub recorded_with: Vec<(&'a str, &'a str)>,
    /// Set when the sides differ in weights, not maps.
    pub weights: Option<WeightsSides>,
}

/// A map version as numbers ("2026.10.0" after "2026.9.1"); non-numeric parts compare as 0.
fn version_key(v: &str) -> Vec<u64> {
    v.split(['.', '-'])
        .map(|p| p.parse().unwrap_or(0))
        .collect()
}

fn label(maps: &[MapStamp]) -> String {
    let parts: Vec<String> = maps
        .iter()
        .map(|m| format!("{} {}", m.region, m.version))
        .collect();
    parts.join(", ")
}

/// Whether `--compare` holds the newer version: every region both sides share is newer there. When
/// that cannot be decided (no shared region, or mixed), `--map` is taken as the new version, as in
/// "wor evaluate --map NEW --compare OLD".
fn compare_is_newer(primary: &[MapStamp], compare: &[MapStamp]) -> bool {
    let mut newer = 0;
    let mut older = 0;
    for p in primary {
        for c in compare.iter().filter(|c| c.region == p.region) {
            match version_key(&c.version).cmp(&version_key(&p.version)) {
                std::cmp::Ordering::Greater => newer += 1,
                std::cmp::Ordering::Less => older += 1,
                std::cmp::Ordering::Equal => {}
            }
        }
    }
    newer > 0 && older == 0
}

/// The 2.5th and 97.5th percentiles of the mean of `diffs` over resamples of the cases (paired: each
/// resampled case keeps both its old and its new score).
fn bootstrap(diffs: &[[f64; 5]], resamples: usize, seed: u64) -> ([f64; 5], [f64; 5]) {
    let n = diffs.len();
    if n == 0 {
        return ([0.0; 5], [0.0; 5]);
    }
    let mut rng = Rng::new(seed);
    let mut means: [Vec<f64>; 5] = Default::default();
    for _ in 0..resamples {
        let mut sum = [0.0; 5];
        for _ in 0..n {
            let d = &diffs[rng.below(n)];
            for (s, v) in sum.iter_mut().zip(d) {
                *s += v;
            }
        }
        for (m, s) in means.iter_mut().zip(sum) {
            m.push(s / n as f64);
        }
    }
    let percentile = |sorted: &[f64], p: f64| {
        let i = ((sorted.len() - 1) as f64 * p).round() as usize;
        sorted[i]
    };
    let mut low = [0.0; 5];
    let mut high = [0.0; 5];
    for (i, m) in means.iter_mut().enumerate() {
        m.sort_by(f64::total_cmp);
        low[i] = percentile(m, 0.025);
        high[i] = percentile(m, 0.975);
    }
    (low, high)
}

fn metrics(k: usize, v: [f64; 5]) -> Metrics {
    let mut m = Metrics::zero(k);
    m.ndcg = v[0];
    m.mrr = v[1];
    m.recall = v[2];
    m.precision = v[3];
    m.map = v[4];
    m
}

impl Versions<'_> {
    pub(super) fn compare(self) -> Comparison {
        let k = self.k;
        // Weights: the compared file is the new side (gain = file − the weights it is compared with).
        let compare_newer =
            self.weights.is_some() || compare_is_newer(self.primary_maps, self.compare_maps);
        // new − old for one pair of measures.
        let gain = |p: &Metrics, c: &Metrics| {
            if compare_newer {
                c.minus(p)
            } else {
                p.minus(c)
            }
        };
        let per_region = self
            .by_region
            .iter()
            .map(|(g, members)| {
                let p = Metrics::mean(k, members.iter().map(|q| &self.primary.per_query[*q]));
                let c = Metrics::mean(k, members.iter().map(|q| &self.other.per_query[*q]));
                (
                    g.clone(),
                    CompareGroup {
                        queries: members.len(),
                        primary: p,
                        compare: c,
                        delta: c.minus(&p),
                        gain: gain(&p, &c),
                    },
                )
            })
            .collect();
        let diffs: Vec<[f64; 5]> = self
            .queries
            .iter()
            .map(|q| gain(&self.primary.per_query[*q], &self.other.per_query[*q]).values())
            .collect();
        let (low, high) = bootstrap(&diffs, BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED);
        let (old_maps, new_maps) = if compare_newer {
            (self.primary_maps, self.compare_maps)
        } else {
            (self.compare_maps, self.primary_maps)
        };
        let recorded = |maps: &[MapStamp], (region, version): (&str, &str)| {
            maps.iter()
                .any(|m| m.region == region && m.version == version)
        };
        let mut with = (0, 0, 0);
        for r in &self.recorded_with {
            if recorded(old_maps, *r) {
                with.0 += 1;
            } else if recorded(new_maps, *r) {
                with.1 += 1;
            } else {
                with.2 += 1;
            }
        }
        let maps = self.weights.is_none();
        let (old_label, new_label, learning) = match self.weights {
            Some(w) => (w.old_label, w.new_label, Some(w.learning)),
            None => (label(old_maps), label(new_maps), None),
        };
        Comparison {
            queries: self.queries.len(),
            primary: self.primary.mean,
            compare: self.other.mean,
            delta: self.other.mean.minus(&self.primary.mean),
            primary_judged_share: self.primary_judged,
            compare_judged_share: self.other_judged,
            changed_rankings: self.changed_rankings,
            per_region,
            subject: if maps { "maps" } else { "weights" },
            new_side: if compare_newer { "compare" } else { "map" },
            old_label,
            new_label,
            gain: gain(&self.primary.mean, &self.other.mean),
            gain_low: metrics(k, low),
            gain_high: metrics(k, high),
            bootstrap_resamples: BOOTSTRAP_RESAMPLES,
            bootstrap_seed: BOOTSTRAP_SEED,
            within_noise: low[0] <= 0.0 && high[0] >= 0.0,
            cases_recorded_with_old: maps.then_some(with.0),
            cases_recorded_with_new: maps.then_some(with.1),
            cases_recorded_with_other: maps.then_some(with.2),
            learning,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_as_numbers() {
        let stamp = |v: &str| MapStamp {
            region: "r".into(),
            version: v.into(),
            published: String::new(),
            hash: String::new(),
        };
        assert!(compare_is_newer(
            &[stamp("2026.9.0")],
            &[stamp("2026.10.0")]
        ));
        assert!(!compare_is_newer(
            &[stamp("2026.2.0")],
            &[stamp("2026.1.0")]
        ));
        assert!(!compare_is_newer(
            &[stamp("2026.2.0")],
            &[stamp("2026.2.0")]
        ));
    }

    #[test]
    fn the_bootstrap_interval_holds_the_mean_and_is_reproducible() {
        let diffs: Vec<[f64; 5]> = (0..200)
            .map(|i| [if i % 4 == 0 { 0.5 } else { 0.0 }; 5])
            .collect();
        let (low, high) = bootstrap(&diffs, 500, 7);
        assert!(low[0] < 0.125 && 0.125 < high[0], "{low:?} {high:?}");
        assert!(low[0] > 0.0, "a clear gain is not noise: {low:?}");
        assert_eq!(bootstrap(&diffs, 500, 7), (low, high));
        // Differences that cancel out are within noise.
        let noise: Vec<[f64; 5]> = (0..200)
            .map(|i| [if i % 2 == 0 { 0.3 } else { -0.3 }; 5])
            .collect();
        let (low, high) = bootstrap(&noise, 500, 7);
        assert!(low[0] < 0.0 && high[0] > 0.0, "{low:?} {high:?}");
    }
}
