//! Candidate search: the best-scoring entries for a referral, found nearest first with a stopping bound.

use crate::area::SupportArea;
use crate::index::{Hot, MapIndex};

use super::context::Context;
use super::score::{
    excluded_but_for_distance, excluded_but_for_distance_and_budget, outside_strict_days,
    over_budget, score_entry,
};
use super::Demand;

#[derive(Debug, Clone, Copy)]
pub(super) struct Scored {
    pub(super) entry: u32,
    pub(super) score: f64,
    pub(super) distance_km: f64,
    /// Other referrals in the batch this group activity could take along.
    pub(super) collective: u32,
}

/// How many of the best-scoring entries the diversity re-rank chooses from.
pub(super) fn pool_size(top_k: usize) -> usize {
    top_k.saturating_mul(3).max(24)
}

/// What a candidate must beat to enter the pool: an entry scoring at most its fit x feasibility x
/// `reach` is skipped when that stays below `worst` (the pool's worst score, -inf while not full).
#[derive(Debug, Clone, Copy)]
pub(super) struct Cutoff {
    pub(super) reach: f64,
    pub(super) worst: f64,
}

#[cfg(test)]
impl Cutoff {
    pub(super) const NONE: Cutoff = Cutoff {
        reach: 1.0,
        worst: f64::NEG_INFINITY,
    };
}

/// A candidate ordered by rank: `Greater` means ranked lower (lower score, then higher id). The order is
/// total because entry indices are unique, so the best `pool` are the same whatever the visiting order.
pub(super) struct ByRank(Scored);

impl Ord for ByRank {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        other
            .0
            .score
            .total_cmp(&self.0.score)
            .then(self.0.entry.cmp(&other.0.entry))
    }
}

impl PartialOrd for ByRank {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for ByRank {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for ByRank {}

/// The `pool` best-scoring entries, best first (by score, then id), found by visiting grid cells nearest
/// first and stopping as soon as no entry in a farther cell can still score above the pool's worst. The
/// result is exactly what scoring every entry would give; the cost grows with the candidates, not the map.
pub(super) fn best_candidates(
    index: &MapIndex,
    ctx: &Context,
    areas: &[SupportArea],
    demand: Option<&Demand>,
    pool: usize,
) -> Vec<Scored> {
    use std::collections::BinaryHeap;
    if pool == 0 {
        return Vec::new();
    }
    // An entry serving several of the referral's areas sits in several areas' cells: score it once.
    let mut seen = vec![0u64; index.entries.len().div_ceil(64)];
    // The pool so far, its worst-ranked entry on top.
    let mut best: BinaryHeap<ByRank> = BinaryHeap::with_capacity(pool.min(index.entries.len()) + 1);
    let bonus = if demand.is_some() {
        ctx.w.collective_bonus
    } else {
        1.0
    };
    for visit in index.cells_near(areas, ctx.home) {
        if ctx
            .r
            .preferences
            .max_km
            .is_some_and(|max| visit.min_km > max)
        {
            break;
        }
        // The most any entry of this cell can score, before its own fit and feasibility.
        let reach = ctx.w.distance_factor(visit.min_km, ctx.decay_km) * bonus;
        if best.len() == pool {
            let worst = best.peek().map_or(0.0, |w| w.0.score);
            if worst > reach.min(1.0) {
                break; // cells come nearest first: no farther entry can score above the pool's worst
            }
            if worst > reach.min(1.0) * ctx.fit_bound(visit.areas) {
                continue; // nothing in this cell serves enough of the referral's areas
            }
        }
        for &(i, ref h) in visit.entries {
            let (word, bit) = ((i / 64) as usize, 1u64 << (i % 64));
            if seen[word] & bit != 0 {
                continue;
            }
            seen[word] |= bit;
            let worst = if best.len() == pool {
                best.peek().map_or(0.0, |w| w.0.score)
            } else {
                f64::NEG_INFINITY
            };
            let Some(s) = score_entry(index, i, h, ctx, demand, Cutoff { reach, worst }) else {
                continue;
            };
            if best.len() < pool {
                best.push(ByRank(s));
            } else if best.peek().is_some_and(|w| ByRank(s) < *w) {
                best.pop();
                best.push(ByRank(s));
            }
        }
    }
    best.into_sorted_vec().into_iter().map(|r| r.0).collect()
}

/// How many entries serving the referral's areas pass every other hard filter but the strict wish for
/// days. A full pass over those entries (the pruned search stops early); only run when the wish is set.
pub(super) fn strictly_filtered(index: &MapIndex, ctx: &Context, areas: &[SupportArea]) -> u32 {
    count_within_reach(index, ctx, areas, |h| {
        outside_strict_days(h, ctx) && !excluded_but_for_distance(h, ctx)
    })
}

/// How many entries serving the referral's areas only the budget leaves out: a looser budget would
/// let them in. Only run when a budget left the list short.
pub(super) fn only_over_budget(index: &MapIndex, ctx: &Context, areas: &[SupportArea]) -> u32 {
    count_within_reach(index, ctx, areas, |h| {
        over_budget(h, ctx)
            && !excluded_but_for_distance_and_budget(h, ctx)
            && !outside_strict_days(h, ctx)
    })
}

/// How many entries serving the referral's areas within its maximum distance pass `counted`.
fn count_within_reach(
    index: &MapIndex,
    ctx: &Context,
    areas: &[SupportArea],
    counted: impl Fn(&Hot) -> bool,
) -> u32 {
    let mut seen = vec![0u64; index.entries.len().div_ceil(64)];
    let max_km = ctx.r.preferences.max_km;
    let mut n = 0;
    for visit in index.cells_near(areas, ctx.home) {
        if max_km.is_some_and(|max| visit.min_km > max) {
            break;
        }
        for &(i, ref h) in visit.entries {
            let (word, bit) = ((i / 64) as usize, 1u64 << (i % 64));
            if seen[word] & bit != 0 {
                continue;
            }
            seen[word] |= bit;
            if counted(h) && max_km.is_none_or(|max| ctx.home_at.km_to(&h.at) <= max) {
                n += 1;
            }
        }
    }
    n
}
