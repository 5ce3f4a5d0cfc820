//! Criterion benchmarks: map load and index build, triage, single match on 1k/10k/100k-entry synthetic
//! maps, and batch throughput single-threaded versus rayon. `make bench` runs them.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use welzijn_op_recept::sample_referrals;
use wor_core::matching::{MapSet, MatchOptions};
use wor_core::{Date, MapIndex, SocialMap};
use wor_map::generate::generate;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn today() -> Date {
    "2026-11-23".parse().unwrap()
}

fn map_json(entries: usize) -> String {
    generate(entries, 42, today()).to_json_pretty()
}

fn set_of(entries: usize) -> MapSet {
    let map = generate(entries, 42, today());
    MapSet::new(vec![
        MapIndex::build(&map, today()).expect("synthetic maps are valid")
    ])
}

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("map_load");
    group.sample_size(10);
    for n in SIZES {
        let json = map_json(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(
            BenchmarkId::new("parse_validate_index", n),
            &json,
            |b, json| {
                b.iter(|| {
                    let map = SocialMap::from_json(black_box(json)).unwrap().value;
                    MapIndex::build(&map, today()).unwrap()
                })
            },
        );
    }
    group.finish();
}

fn triage(c: &mut Criterion) {
    let referrals = sample_referrals(1_000, 7);
    let mut group = c.benchmark_group("triage");
    group.throughput(Throughput::Elements(referrals.len() as u64));
    group.bench_function("1000_referrals", |b| {
        b.iter(|| {
            referrals
                .iter()
                .filter(|r| wor_core::triage(black_box(r)).route == wor_core::Route::Wor)
                .count()
        })
    });
    group.finish();
}

fn single_match(c: &mut Criterion) {
    let referrals = sample_referrals(256, 11);
    let opts = MatchOptions {
        top_k: 10,
        date: today(),
    };
    let mut group = c.benchmark_group("match_single");
    for n in SIZES {
        let set = set_of(n);
        let mut i = 0;
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| {
                i = (i + 1) % referrals.len();
                set.match_one(black_box(&referrals[i]), &opts, None).ok()
            })
        });
    }
    group.finish();
}

fn batch(c: &mut Criterion) {
    let referrals = sample_referrals(10_000, 13);
    let opts = MatchOptions {
        top_k: 10,
        date: today(),
    };
    let set = set_of(10_000);
    let mut group = c.benchmark_group("match_batch_10k_map");
    group.sample_size(10);
    group.throughput(Throughput::Elements(referrals.len() as u64));
    group.bench_function("single_thread", |b| {
        b.iter(|| {
            referrals
                .iter()
                .filter(|r| set.match_one(r, &opts, None).is_ok())
                .count()
        })
    });
    group.bench_function("rayon", |b| {
        b.iter(|| {
            set.match_batch_independent(black_box(&referrals), &opts)
                .len()
        })
    });
    group.finish();
}

criterion_group!(benches, load, triage, single_match, batch);
criterion_main!(benches);
