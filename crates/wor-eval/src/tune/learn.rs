//! What `wor tune` maximises, and how: the weighted conditional-logit likelihood of the evidence in
//! each case, by coordinate ascent from an anchor (the defaults; per region the pooled fit).
//!
//! The matcher's score is log-linear (see [`Weights`]), so `P(resident takes j | offered set) = score_j /
//! sum of the offered set's scores` is a conditional logit whose coefficients are the weights. Each
//! candidate carries a target share ([`Candidate::target`]): the chosen activity of a case its weight by
//! outcome, or the judged gains shared out. Ranking quality (nDCG@10) is measured, never optimised:
//! it is flat almost everywhere in the weights, the likelihood is smooth.

use super::{CaseData, Scores, TUNED};
use wor_core::matching::weights::FIELDS;
use wor_core::matching::Weights;
use wor_core::random::Rng;

/// Regularisation strength: `STRENGTH / cases x sum(ln((w + 0.05) / (anchor + 0.05))^2)` is
/// subtracted from the mean log-likelihood, so thin data stay near the anchor.
const STRENGTH: f64 = 2.0;
/// Multiplicative steps tried per weight; the best one is taken, until a pass gains less than
/// [`CONVERGED`] (or after [`PASSES`]): a bound that keeps `wor tune` on 5,000 cases within 30 s.
const STEPS: [f64; 6] = [0.5, 0.75, 0.92, 1.0 / 0.92, 1.0 / 0.75, 2.0];
const PASSES: usize = 8;
const CONVERGED: f64 = 1e-5;
const K: usize = 10;

/// The mean over `cases` of `sum_j target_j x ln P(j)`, with `P(j) = score_j / sum_k score_k`.
pub(super) fn log_likelihood(w: &Weights, cases: &[&CaseData]) -> f64 {
    let mut total = 0.0;
    for c in cases {
        let logs: Vec<f64> = c
            .candidates
            .iter()
            .map(|k| w.score(&k.features).max(1e-300).ln())
            .collect();
        let max = logs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let norm = max + logs.iter().map(|l| (l - max).exp()).sum::<f64>().ln();
        total += c
            .candidates
            .iter()
            .zip(&logs)
            .filter(|(k, _)| k.target > 0.0)
            .map(|(k, l)| k.target * (l - norm))
            .sum::<f64>();
    }
    total / cases.len().max(1) as f64
}

/// Coordinate ascent from `anchor` on `cases`; deterministic for `seed` (the order of the weights).
pub fn fit(anchor: &Weights, cases: &[&CaseData], seed: u64) -> Weights {
    let lambda = STRENGTH / cases.len().max(1) as f64;
    let fields: Vec<_> = TUNED
        .iter()
        .filter_map(|name| FIELDS.iter().find(|f| f.name == *name))
        .collect();
    let penalty = |w: &Weights| -> f64 {
        fields
            .iter()
            .map(|f| {
                // Weights that may be 0 (the floor) are compared on a shifted scale.
                let ratio = (((f.get)(w) + 0.05) / ((f.get)(anchor) + 0.05)).ln();
                ratio * ratio
            })
            .sum::<f64>()
            * lambda
    };
    let objective = |w: &Weights| log_likelihood(w, cases) - penalty(w);
    let mut best = *anchor;
    let mut best_value = objective(&best);
    let mut rng = Rng::new(seed);
    for _ in 0..PASSES {
        let mut order: Vec<usize> = (0..fields.len()).collect();
        rng.shuffle(&mut order);
        let before = best_value;
        for &i in &order {
            let f = fields[i];
            let start = best;
            for step in STEPS {
                let mut trial = start;
                (f.set)(&mut trial, ((f.get)(&start) * step).clamp(f.min, f.max));
                let v = objective(&trial);
                if v > best_value + 1e-12 {
                    best = trial;
                    best_value = v;
                }
            }
        }
        if best_value - before < CONVERGED {
            break;
        }
    }
    best
}

/// nDCG@10 (linear gain, log2 discount, as trec_eval) and reciprocal rank of one case under `w`.
fn case_metrics(w: &Weights, c: &CaseData) -> (f64, f64) {
    let mut scored: Vec<(f64, usize)> = c
        .candidates
        .iter()
        .enumerate()
        .map(|(i, k)| (w.score(&k.features), i))
        .collect();
    // Ties keep the candidates' (id) order: deterministic.
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let gains: Vec<u8> = scored.iter().map(|(_, i)| c.candidates[*i].gain).collect();
    ranked_metrics(&gains)
}

/// nDCG@10 and reciprocal rank of gains in ranked order.
pub fn ranked_metrics(gains: &[u8]) -> (f64, f64) {
    let discount = |rank: usize| 1.0 / ((rank + 2) as f64).log2();
    let dcg = |g: &[u8]| -> f64 {
        g.iter()
            .take(K)
            .enumerate()
            .map(|(r, g)| f64::from(*g) * discount(r))
            .sum()
    };
    let mut ideal = gains.to_vec();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg = dcg(&ideal);
    let rr = gains
        .iter()
        .position(|g| *g > 0)
        .map_or(0.0, |r| 1.0 / (r + 1) as f64);
    (if idcg > 0.0 { dcg(gains) / idcg } else { 0.0 }, rr)
}

/// Mean nDCG@10 and MRR of `w` over the `cases` that have a gain to rank (a chosen activity the
/// resident went to, or a judged one); a case learned from only by its choice is not measured.
pub fn metrics(w: &Weights, cases: &[&CaseData]) -> Scores {
    let measured: Vec<&&CaseData> = cases
        .iter()
        .filter(|c| c.candidates.iter().any(|k| k.gain > 0))
        .collect();
    let n = measured.len().max(1) as f64;
    let (ndcg, mrr) = measured.iter().fold((0.0, 0.0), |acc, c| {
        let (d, r) = case_metrics(w, c);
        (acc.0 + d, acc.1 + r)
    });
    Scores {
        ndcg_at_10: ndcg / n,
        mrr: mrr / n,
    }
}
