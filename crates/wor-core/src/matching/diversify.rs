//! The diversity re-rank: a top-k that covers the referral's areas and avoids near-duplicates.

use crate::area::AreaSet;
use crate::index::{Hot, MapIndex};

use super::context::Context;
use super::score::audience_fits;
use super::search::Scored;
use super::weights;

/// Greedy maximal-marginal-relevance selection of `k` suggestions.
pub(super) fn diversify(
    index: &MapIndex,
    ctx: &Context,
    mut pool: Vec<Scored>,
    k: usize,
) -> Vec<Scored> {
    // Maximal marginal relevance; `pool` comes best first, so ties go to the better-ranked entry.
    let mut max_sim = vec![0.0f64; pool.len()];
    let mut chosen: Vec<Scored> = Vec::with_capacity(k.min(pool.len()));
    let mut covered = AreaSet::default();
    while chosen.len() < k && !pool.is_empty() {
        let mut best: Option<(usize, f64)> = None;
        for (i, cand) in pool.iter().enumerate() {
            let new_area = index.hot[cand.entry as usize]
                .area_set
                .intersection(ctx.need_set)
                .iter()
                .any(|a| !covered.contains(a));
            // Scores lie in [0, 1]: minus 2 places an entry for another audience after all that fit.
            let value = cand.score - weights::MMR_LAMBDA * max_sim[i]
                + if new_area && !chosen.is_empty() {
                    weights::COVERAGE_BONUS
                } else {
                    0.0
                }
                - if audience_fits(&index.hot[cand.entry as usize], ctx) {
                    0.0
                } else {
                    2.0
                };
            if best.is_none_or(|(_, v)| value > v) {
                best = Some((i, value));
            }
        }
        let Some((i, _)) = best else { break };
        let pick = pool.remove(i);
        max_sim.remove(i);
        covered = covered.union(index.hot[pick.entry as usize].area_set);
        // Only the new pick can raise a candidate's similarity to the chosen set.
        for (cand, sim) in pool.iter().zip(max_sim.iter_mut()) {
            let same_org = index.org_ids[cand.entry as usize] == index.org_ids[pick.entry as usize];
            *sim = sim.max(similarity(
                &index.hot[cand.entry as usize],
                &index.hot[pick.entry as usize],
                same_org,
                ctx.need_set,
            ));
        }
        chosen.push(pick);
    }
    chosen
}

/// Similarity of two entries as the resident sees them: same organisation, same referral areas.
pub(super) fn similarity(a: &Hot, b: &Hot, same_org: bool, need: AreaSet) -> f64 {
    let (sa, sb) = (a.area_set.intersection(need), b.area_set.intersection(need));
    let union = sa.union(sb).len();
    let jaccard = if union > 0 {
        sa.intersection(sb).len() as f64 / union as f64
    } else {
        0.0
    };
    0.6 * f64::from(u8::from(same_org)) + 0.4 * jaccard
}
