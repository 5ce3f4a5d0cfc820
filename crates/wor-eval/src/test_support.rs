//! What the unit tests share: the Haarlemmermeer demo map and synthetic cases on it.

use crate::synth::{Generator, SynthOptions};
use wor_core::cases::HistoricCase;
use wor_core::{MapIndex, MapSet, SocialMap};

/// The Haarlemmermeer demo map (2026.1.0), indexed for `date`.
pub fn haarlemmermeer(date: &str) -> MapSet {
    let json = include_str!("../../../social-map/haarlemmermeer/2026.1.0.json");
    let map = SocialMap::from_json(json).unwrap().value;
    MapSet::new(vec![MapIndex::build(&map, date.parse().unwrap()).unwrap()])
}

/// The case generator with `seed`, for referrals from 1 January 2026 up to `to`.
pub fn generator<'a>(set: &'a MapSet, seed: u64, to: &str) -> Generator<'a> {
    let opts = SynthOptions {
        seed,
        from: "2026-01-01".parse().unwrap(),
        to: to.parse().unwrap(),
    };
    Generator::new(set, opts).unwrap()
}

/// The generator's first `n` cases.
pub fn cases(generator: &Generator, n: usize) -> Vec<HistoricCase> {
    (0..n).map(|i| generator.case(i)).collect()
}
