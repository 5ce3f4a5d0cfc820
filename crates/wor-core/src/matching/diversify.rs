//! The diversity re-rank: a top-k that covers the referral's areas and avoids near-duplicates.

use crate::area::AreaSet;
use crate::index::{Hot, MapIndex};

use super::context::Context;
use super::score::{against_wishes, audience_fits};
use super::search::Scored;

/// A chosen suggestion and the value it was chosen by: the score the list is ordered by.
#[derive(Debug, Clone, Copy)]
pub(super) struct Ranked {
    pub(super) scored: Scored,
    /// Relevance minus the similarity penalty, plus the coverage bonus, minus 2 for another audience,
    /// minus 4 against a stated wish.
    /// Non-increasing down the list: a candidate's value only falls as picks are made (its similarity
    /// to the chosen set only rises, the areas left to cover only shrink), and each pick is the best.
    pub(super) rank_score: f64,
}

/// Greedy maximal-marginal-relevance selection of `k` suggestions, best first.
pub(super) fn diversify(
    index: &MapIndex,
    ctx: &Context,
    mut pool: Vec<Scored>,
    k: usize,
) -> Vec<Ranked> {
    // Maximal marginal relevance; `pool` comes best first, so ties go to the better-ranked entry.
    let mut max_sim = vec![0.0f64; pool.len()];
    let mut chosen: Vec<Ranked> = Vec::with_capacity(k.min(pool.len()));
    let mut covered = AreaSet::default();
    while chosen.len() < k && !pool.is_empty() {
        let mut best: Option<(usize, f64)> = None;
        for (i, cand) in pool.iter().enumerate() {
            let new_area = index.hot[cand.entry as usize]
                .area_set
                .intersection(ctx.need_set)
                .iter()
                .any(|a| !covered.contains(a));
            // Scores lie in [0, 1]: minus 2 places an entry for another audience after all that fit,
            // minus 4 an entry against a stated wish after all that meet the wishes.
            // The first pick gets the coverage bonus too: every candidate serves an area of the
            // referral, so it changes no choice, and it keeps the values non-increasing down the list.
            let h = &index.hot[cand.entry as usize];
            let value = cand.score - ctx.w.mmr_lambda * max_sim[i]
                + if new_area { ctx.w.coverage_bonus } else { 0.0 }
                - if audience_fits(h, ctx) { 0.0 } else { 2.0 }
                - if against_wishes(h, ctx) != 0 {
                    4.0
                } else {
                    0.0
                };
            if best.is_none_or(|(_, v)| value > v) {
                best = Some((i, value));
            }
        }
        let Some((i, rank_score)) = best else { break };
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
        chosen.push(Ranked {
            scored: pick,
            rank_score,
        });
    }
    chosen
}

/// Similarity of two entries as the resident sees them: the referral areas they share (Jaccard),
/// counted more when one organisation offers both. Two offers of one organisation for different needs
/// (a worry course and a divorce group) are not near-duplicates; the same help twice is.
pub(super) fn similarity(a: &Hot, b: &Hot, same_org: bool, need: AreaSet) -> f64 {
    let (sa, sb) = (a.area_set.intersection(need), b.area_set.intersection(need));
    let union = sa.union(sb).len();
    let jaccard = if union > 0 {
        sa.intersection(sb).len() as f64 / union as f64
    } else {
        0.0
    };
    jaccard * (0.4 + 0.6 * f64::from(u8::from(same_org)))
}
