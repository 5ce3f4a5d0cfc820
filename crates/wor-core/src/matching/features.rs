//! The scorer's inputs for one (referral, entry) pair, before weighing: what `wor tune` caches per
//! case so that trying a set of weights re-scores numbers instead of re-running the search.

use crate::date::Date;
use crate::error::FieldError;
use crate::index::MapIndex;
use crate::referral::Referral;
use crate::triage::{self, Route};

use super::context::Context;
use super::origin::resident_origin;
use super::score::{excluded, feasibility_of, need_fit, Feasibility};
use super::Weights;

/// Everything [`Weights::score`] needs about one (referral, entry) pair.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Features {
    /// The need fit before its exponent, in (0, 1] (with the map's own severity weight for areas
    /// found only in the text).
    pub need_fit: f64,
    pub distance_km: f64,
    pub age: i64,
    pub max_km: Option<f64>,
    pub wheelchair: bool,
    pub feasibility: Feasibility,
}

impl Weights {
    /// The score matching gives the pair (before the diversity re-rank, without collective demand).
    pub fn score(&self, f: &Features) -> f64 {
        let decay_km = self.decay_km(f.age, f.max_km, f.wheelchair);
        Weights::power(f.need_fit, self.need_fit)
            * self.distance_factor(f.distance_km, decay_km)
            * self.feasibility(&f.feasibility)
    }
}

/// The features of the entries `ids` for referral `r` on `date`, in the order given: `None` for an id
/// the map lacks, an entry a hard filter leaves out (these are not weights: no weights can bring it
/// back), or one that serves none of the referral's areas; all `None` when the route gets no activities.
pub fn features(
    index: &MapIndex,
    r: &Referral,
    date: Date,
    ids: &[&str],
) -> Result<Vec<Option<Features>>, FieldError> {
    let (home, (_, municipality)) = resident_origin(r)?;
    let (route, areas, _, life_events) = triage::route_and_life_events(r, index.policy()?, false);
    if matches!(route, Route::Urgent | Route::NotEligible) || areas.is_empty() {
        return Ok(vec![None; ids.len()]);
    }
    let ctx = Context::new(index, r, &areas, home, municipality, date, life_events);
    Ok(ids
        .iter()
        .map(|id| {
            let i = index
                .entries
                .binary_search_by(|e| e.id.as_str().cmp(id))
                .ok()?;
            let h = &index.hot[i];
            let fit = need_fit(h, &ctx);
            if excluded(h, &ctx, fit) {
                return None;
            }
            let distance_km = ctx.home_at.km_to(&h.at);
            if r.preferences.max_km.is_some_and(|max| distance_km > max) {
                return None;
            }
            Some(Features {
                need_fit: fit,
                distance_km,
                age: r.age,
                max_km: r.preferences.max_km,
                wheelchair: r.preferences.wheelchair,
                feasibility: feasibility_of(index, i as u32, h, &ctx),
            })
        })
        .collect())
}
