//! Positive Health before and after: the dimensions a resident's areas lower, and how they move.

use super::resident::Resident;
use wor_core::area::SupportArea;
use wor_core::random::Rng;
use wor_core::referral::PositiveHealth;

/// Which Positive Health dimensions (index 0-5) an area lowers, and by how much.
fn health_effects(area: SupportArea) -> &'static [(usize, f64)] {
    use SupportArea::*;
    // 0 lichaamsfuncties, 1 mentaal welbevinden, 2 zingeving, 3 kwaliteit van leven, 4 meedoen,
    // 5 dagelijks functioneren.
    match area {
        Loneliness => &[(4, 2.5), (2, 1.5)],
        LowMoodAnxiety => &[(1, 2.5)],
        SleepWorry => &[(0, 1.5), (1, 1.0)],
        Burnout => &[(1, 2.0), (5, 2.0)],
        LifeEvent => &[(2, 2.0), (1, 1.5)],
        Lifestyle => &[(0, 2.0)],
        ChronicIllness => &[(0, 2.5), (5, 1.5)],
        CarerStrain => &[(3, 2.0), (1, 1.5)],
        LowLiteracy => &[(5, 1.5), (4, 1.0)],
        HealthLiteracy => &[(0, 1.0)],
        DebtPoverty => &[(3, 2.5), (1, 1.0)],
        TransportHousingHousehold => &[(5, 2.0)],
        LeisureDaytime => &[(2, 2.0), (4, 1.5)],
        Parenting => &[(3, 1.5)],
        WorkReintegration => &[(4, 2.0), (2, 1.0)],
        HomeSupport => &[(5, 2.5)],
    }
}

fn to_health(v: [f64; 6]) -> PositiveHealth {
    let s = |x: f64| Some(x.round().clamp(0.0, 10.0));
    PositiveHealth {
        lichaamsfuncties: s(v[0]),
        mentaal_welbevinden: s(v[1]),
        zingeving: s(v[2]),
        kwaliteit_van_leven: s(v[3]),
        meedoen: s(v[4]),
        dagelijks_functioneren: s(v[5]),
    }
}

fn affected(r: &Resident) -> Vec<(usize, f64)> {
    std::iter::once(r.main_area)
        .chain(r.other_areas.iter().copied())
        .flat_map(|a| health_effects(a).iter().copied())
        .collect()
}

pub(super) fn health_before(rng: &mut Rng, r: &Resident) -> PositiveHealth {
    let mut v = [0.0; 6];
    for x in &mut v {
        *x = 6.5 + 1.2 * rng.normal();
    }
    for (dim, drop) in affected(r) {
        v[dim] -= drop;
    }
    to_health(v)
}

pub(super) fn health_after(
    rng: &mut Rng,
    r: &Resident,
    before: &PositiveHealth,
    gain: u8,
) -> PositiveHealth {
    let b: Vec<f64> = before.dimensions().map(|(_, x)| x).collect();
    let lifted: Vec<usize> = affected(r).into_iter().map(|(dim, _)| dim).collect();
    let lift = [0.0, 0.5, 1.5][usize::from(gain.min(2))];
    let mut v = [0.0; 6];
    for (i, x) in v.iter_mut().enumerate() {
        let base = b.get(i).copied().unwrap_or(6.0);
        *x = if lifted.contains(&i) {
            base + lift + 0.7 * rng.normal()
        } else if rng.chance(0.25) {
            base + if rng.chance(0.5) { 1.0 } else { -1.0 }
        } else {
            base
        };
    }
    to_health(v)
}
