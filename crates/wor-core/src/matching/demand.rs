//! "Collective first": how many referrals of a batch share an area and a municipality.

use crate::area::SupportArea;
use crate::referral::Referral;
use crate::triage::referral_areas;
use std::collections::HashMap;

use super::resident_location;

/// Referrals in the same batch that share an area and a municipality: the basis of "collective first".
#[derive(Debug, Clone, Default)]
pub struct Demand {
    counts: HashMap<(SupportArea, &'static str), u32>,
}

impl Demand {
    /// Counts, per area and municipality, the referrals of a batch (in parallel with the `parallel`
    /// feature: it reads every referral's note, as much work as a good share of the matching).
    pub fn of(referrals: &[Referral]) -> Demand {
        type Counts = HashMap<(SupportArea, &'static str), u32>;
        let count = |mut counts: Counts, r: &Referral| {
            if let Ok((_, m)) = resident_location(r) {
                for f in referral_areas(r) {
                    *counts.entry((f.area, m.code)).or_insert(0) += 1;
                }
            }
            counts
        };
        #[cfg(feature = "parallel")]
        let counts = {
            use rayon::prelude::*;
            referrals
                .par_iter()
                .fold(Counts::new, count)
                .reduce(Counts::new, |mut all, part| {
                    for (key, n) in part {
                        *all.entry(key).or_insert(0) += n;
                    }
                    all
                })
        };
        #[cfg(not(feature = "parallel"))]
        let counts = referrals.iter().fold(Counts::new(), count);
        Demand { counts }
    }

    pub(super) fn others(&self, area: SupportArea, municipality: &'static str) -> u32 {
        self.counts
            .get(&(area, municipality))
            .map_or(0, |n| n.saturating_sub(1))
    }
}
