//! Scoring one entry for one referral: hard filters, then need fit x feasibility.

use crate::area::SupportArea;
use crate::index::{Hot, MapIndex};

use super::context::Context;
use super::search::{Cutoff, Scored};
use super::{weights, Demand};

/// How much of the need in `area` an entry's form of provision meets, in (0, 1]: see
/// [`weights::FORM_LONELINESS`]. `group`: a group activity; `main`: the area is the entry's main one.
pub fn form_factor(area: SupportArea, group: bool, main: bool) -> f64 {
    let table = match area {
        SupportArea::Loneliness => &weights::FORM_LONELINESS,
        SupportArea::DebtPoverty => &weights::FORM_DEBT,
        SupportArea::CarerStrain => &weights::FORM_CARER,
        _ => return 1.0,
    };
    table[usize::from(!group) * 2 + usize::from(!main)]
}

/// Hard filters, then need fit x feasibility. `None` when a hard filter excludes the entry. Reads the
/// packed [`Hot`] fields; the full entry only when the resident stated days, times or languages.
pub(super) fn score_entry(
    index: &MapIndex,
    i: u32,
    h: &Hot,
    ctx: &Context,
    demand: Option<&Demand>,
    cutoff: Cutoff,
) -> Option<Scored> {
    let p = &ctx.r.preferences;
    let fit = need_fit(h, ctx);
    if fit <= 0.0 || excluded_but_for_distance(h, ctx) || outside_strict_days(h, ctx) {
        return None;
    }
    // From the packed slot bits: 1 when a slot fits both the preferred days and times, half when it
    // fits one of them.
    let schedule = if p.days.is_empty() && p.times.is_empty() {
        1.0
    } else if h.by_appointment {
        weights::BY_APPOINTMENT
    } else {
        let best_fit = if h.slot_bits & ctx.slots_both != 0 {
            1.0
        } else if h.slot_bits & ctx.slots_either != 0 {
            0.5
        } else {
            0.0
        };
        weights::SCHEDULE_FLOOR + (1.0 - weights::SCHEDULE_FLOOR) * best_fit
    };
    let language = if !p.languages.is_empty() {
        if speaks_a_wanted_language(index, i, h, ctx) {
            1.0
        } else {
            weights::LANGUAGE_MISMATCH
        }
    } else if h.speaks_dutch {
        1.0
    } else {
        weights::NO_DUTCH
    };
    let feasibility = schedule
        * cost_factor(h.cost_eur_per_month, ctx)
        * language
        * if ctx.literacy_in_play && !h.low_literacy_friendly {
            weights::NOT_LITERACY_FRIENDLY
        } else {
            1.0
        }
        * match p.group {
            Some(g) if g != h.group => weights::GROUP_MISMATCH,
            _ => 1.0,
        }
        * if h.requires_indication {
            weights::NEEDS_INDICATION
        } else {
            1.0
        }
        * if audience_fits(h, ctx) {
            1.0
        } else {
            weights::AUDIENCE_MISMATCH
        };
    // Most candidates cannot reach the pool: skip the great-circle distance and its decay for them
    // (the margin absorbs rounding, so that an exact tie with the pool's worst is still scored).
    if fit * feasibility * cutoff.reach * (1.0 + 1e-9) < cutoff.worst {
        return None;
    }
    let distance_km = ctx.home_at.km_to(&h.at);
    if p.max_km.is_some_and(|max| distance_km > max) {
        return None;
    }
    let mut score = fit * distance_factor(distance_km, ctx.decay_km) * feasibility;
    let collective = match demand {
        Some(d) if h.group => ctx
            .needs
            .iter()
            .filter(|(a, _)| h.area_set.contains(*a))
            .map(|(a, _)| d.others(*a, ctx.municipality.code))
            .max()
            .unwrap_or(0),
        _ => 0,
    };
    if collective > 0 {
        score = (score * weights::COLLECTIVE_BONUS).min(1.0);
    }
    Some(Scored {
        entry: i,
        score,
        distance_km,
        collective,
    })
}

/// The severity-weighted share of the referral's need the entry meets, each area weighted by the form
/// of provision ([`form_factor`]).
pub(super) fn need_fit(h: &Hot, ctx: &Context) -> f64 {
    ctx.needs
        .iter()
        .map(|(area, w)| {
            let served = f64::from(h.weights[area.index()]);
            if served == 0.0 {
                0.0
            } else {
                w * served * form_factor(*area, h.group, h.main_areas.contains(*area))
            }
        })
        .sum::<f64>()
        / ctx.need_total
}

/// The hard filters other than distance and the strict wish for days: budget, wheelchair, age, validity.
pub(super) fn excluded_but_for_distance(h: &Hot, ctx: &Context) -> bool {
    let p = &ctx.r.preferences;
    p.max_eur_per_month
        .is_some_and(|max| h.cost_eur_per_month > max)
        || (p.wheelchair && !h.wheelchair_accessible)
        || ctx.age < h.min_age
        || ctx.age > h.max_age
        || ctx.day < h.valid_from
        || ctx.day > h.valid_to
}

/// The strict wish ("alleen deze dagen"): fixed slots must include a wished moment; by appointment fits.
pub(super) fn outside_strict_days(h: &Hot, ctx: &Context) -> bool {
    ctx.r.preferences.strict_days && !h.by_appointment && h.slot_bits & ctx.slots_both == 0
}

pub(super) fn audience_fits(h: &Hot, ctx: &Context) -> bool {
    h.audience.is_empty() || h.audience.intersects(ctx.audiences)
}

pub(super) fn distance_factor(km: f64, decay_km: f64) -> f64 {
    weights::DISTANCE_FLOOR + (1.0 - weights::DISTANCE_FLOOR) * (-km / decay_km).exp()
}

pub(super) fn cost_factor(cost: f64, ctx: &Context) -> f64 {
    match ctx.r.preferences.max_eur_per_month {
        Some(budget) if budget > 0.0 => 1.0 - 0.15 * (cost / budget),
        Some(_) => 1.0,
        None if ctx.money_worries && cost > 0.0 => weights::PAID_WITH_MONEY_WORRIES,
        None => 1.0 - cost.min(60.0) / 300.0,
    }
}

/// True when the entry speaks a language the resident stated. Decided from the packed bits; only an
/// entry with a language beyond the map's first 64 needs its full list (a stated language outside the
/// map's table can only be one of those).
pub(super) fn speaks_a_wanted_language(index: &MapIndex, i: u32, h: &Hot, ctx: &Context) -> bool {
    h.language_bits & ctx.wanted_languages != 0
        || (h.more_languages
            && index.entries[i as usize]
                .languages
                .iter()
                .any(|l| ctx.r.preferences.languages.contains(l)))
}
