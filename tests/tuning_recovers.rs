//! Issue 32's done-when: in regions whose residents value other things than the matcher's defaults
//! assume, `wor tune` learns it from what a region records (offered, chosen, outcome) on earlier cases
//! and, on later cases, recovers most of the gain achievable over the best simple baseline, and is
//! never worse than the defaults.
//!
//! Two outcome models of the case generator's own (`synth::Tastes`): residents who travel about a
//! third as far, and residents who mostly want one-to-one and free help. Per model, 2026's cases are
//! split by referral date: the first 70% are learned from with their judgements removed (a region has
//! none), the last 30% are measured with theirs (graded outcomes of the 30 activities with the highest
//! latent expected gain plus the offered ones, the hard filters applied). On those later cases:
//! * baselines: nearest first, and best need fit then nearest; the best of the two counts;
//! * the ceiling: the same weight family fitted on the later cases' own judgements (in sample, the
//!   best these weights can rank them);
//! * recovered = (tuned - best baseline) / (ceiling - best baseline).

use wor_core::matching::{MapSet, Weights};
use wor_core::{Date, MapIndex, SocialMap};
use wor_eval::synth::{Generator, SynthOptions, Tastes};
use wor_eval::tune::{fit, metrics, prepare, ranked_metrics, tune, CaseData, TuneOptions};

const CASES: usize = 3_000;

fn haarlemmermeer() -> MapSet {
    let date: Date = "2026-11-23".parse().unwrap();
    let json = std::fs::read_to_string(welzijn_op_recept::repo_path(
        "social-map/haarlemmermeer/2026.2.0.json",
    ))
    .unwrap();
    let map = SocialMap::from_json(&json).unwrap().value;
    MapSet::new(vec![MapIndex::build(&map, date).unwrap()])
}

/// Mean nDCG@10 of a ranking by `key` (ascending; ties in the candidates' id order).
fn baseline(cases: &[&CaseData], key: impl Fn(&wor_core::matching::Features) -> f64) -> f64 {
    let total: f64 = cases
        .iter()
        .map(|c| {
            let mut order: Vec<usize> = (0..c.candidates.len()).collect();
            order.sort_by(|a, b| {
                key(&c.candidates[*a].features).total_cmp(&key(&c.candidates[*b].features))
            });
            let gains: Vec<u8> = order.iter().map(|i| c.candidates[*i].gain).collect();
            ranked_metrics(&gains).0
        })
        .sum();
    total / cases.len() as f64
}

struct Figures {
    nearest: f64,
    need_then_nearest: f64,
    default: f64,
    tuned: f64,
    ceiling: f64,
    adopted: bool,
}

fn figures(set: &MapSet, tastes: Tastes, seed: u64) -> (Figures, Weights) {
    let opts = SynthOptions {
        seed,
        from: "2026-01-01".parse().unwrap(),
        to: "2026-12-31".parse().unwrap(),
    };
    let generator = Generator::new(set, opts).unwrap().with_tastes(tastes);
    let mut cases: Vec<_> = (0..CASES).map(|i| generator.case(i)).collect();
    cases.sort_by(|a, b| {
        (a.dates.referred, &a.referral.id).cmp(&(b.dates.referred, &b.referral.id))
    });
    let later = cases.split_off(CASES * 7 / 10);
    // What a region records: no judgements.
    for c in &mut cases {
        c.judgements.clear();
    }
    let (train, _) = prepare(set, &cases);
    let result = tune(set, &train, TuneOptions { folds: 4, seed: 1 }).remove(0);
    let (test, _) = prepare(set, &later);
    let test: Vec<&CaseData> = test
        .iter()
        .filter(|c| c.candidates.iter().any(|k| k.gain > 0))
        .collect();
    let ceiling = fit(&Weights::DEFAULT, &test, 1);
    let figures = Figures {
        nearest: baseline(&test, |f| f.distance_km),
        need_then_nearest: baseline(&test, |f| -f.need_fit * 1e3 + f.distance_km),
        default: metrics(&Weights::DEFAULT, &test).ndcg_at_10,
        tuned: metrics(&result.weights, &test).ndcg_at_10,
        ceiling: metrics(&ceiling, &test).ndcg_at_10,
        adopted: result.kept_defaults.is_none(),
    };
    (figures, result.weights)
}

fn check(name: &str, f: &Figures) -> f64 {
    let best = f.nearest.max(f.need_then_nearest);
    let recovered = (f.tuned - best) / (f.ceiling - best);
    eprintln!(
        "{name}: nDCG@10 on later cases: nearest {:.3}, need then nearest {:.3}, defaults {:.3}, tuned {:.3} (adopted: {}), ceiling {:.3}; recovered {:.0}% of the achievable gain over the best baseline (defaults: {:.0}%)",
        f.nearest,
        f.need_then_nearest,
        f.default,
        f.tuned,
        f.adopted,
        f.ceiling,
        100.0 * recovered,
        100.0 * (f.default - best) / (f.ceiling - best),
    );
    assert!(
        f.ceiling > best,
        "{name}: nothing achievable over the baseline"
    );
    assert!(
        f.tuned >= f.default,
        "{name}: tuning worse than the defaults"
    );
    recovered
}

/// Tunes on `tastes`' earlier cases, checks the later ones and returns the learned weights.
fn learned(name: &str, tastes: Tastes, seed: u64) -> Weights {
    let (f, w) = figures(&haarlemmermeer(), tastes, seed);
    let recovered = check(name, &f);
    assert!(recovered >= 0.5, "{name}: recovered {recovered:.2}");
    w
}

#[test]
fn distance_averse_residents_are_learned_from_earlier_cases() {
    let w = learned("distance-averse", Tastes::DISTANCE_AVERSE, 21);
    let d = Weights::DEFAULT;
    assert!(
        w.decay_km_65_74 < d.decay_km_65_74 && w.decay_km_under_65 < d.decay_km_under_65,
        "shorter distance scales: {w:?}"
    );
}

#[test]
fn residents_who_want_one_to_one_and_free_help_are_learned_from_earlier_cases() {
    let w = learned("one-to-one and free", Tastes::ONE_TO_ONE_AND_FREE, 22);
    let d = Weights::DEFAULT;
    assert!(
        w.group_activity < d.group_activity,
        "groups weigh less: {w:?}"
    );
    assert!(
        w.paid < d.paid || w.cost > d.cost,
        "paid help weighs less: {w:?}"
    );
}
