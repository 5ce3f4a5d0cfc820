//! Criterion benchmark of `wor tune` on 5,000 synthetic historic cases for Haarlemmermeer: preparing
//! the cached features, and the cross-validated tuning (5 folds, rayon over the folds).

use criterion::{criterion_group, criterion_main, Criterion};
use wor_core::matching::MapSet;
use wor_core::{Date, MapIndex, SocialMap};
use wor_eval::synth::{Generator, SynthOptions};
use wor_eval::tune::{prepare, tune, TuneOptions};

fn tuning(c: &mut Criterion) {
    let date: Date = "2026-11-23".parse().unwrap();
    let json = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/social-map/haarlemmermeer/2026.2.0.json"
    ))
    .unwrap();
    let map = SocialMap::from_json(&json).unwrap().value;
    let set = MapSet::new(vec![MapIndex::build(&map, date).unwrap()]);
    let opts = SynthOptions {
        seed: 3,
        from: "2026-01-01".parse().unwrap(),
        to: "2026-12-31".parse().unwrap(),
    };
    let generator = Generator::new(&set, opts).unwrap();
    let cases: Vec<_> = (0..5_000).map(|i| generator.case(i)).collect();
    let mut group = c.benchmark_group("tune");
    group.sample_size(10);
    group.bench_function("prepare_5000_cases", |b| b.iter(|| prepare(&set, &cases)));
    let (data, _) = prepare(&set, &cases);
    group.bench_function("tune_5000_cases_5_folds", |b| {
        b.iter(|| tune(&set, &data, TuneOptions { folds: 5, seed: 1 }))
    });
    group.finish();
}

criterion_group!(benches, tuning);
criterion_main!(benches);
