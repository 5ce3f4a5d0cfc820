//! "Collective first": how many referrals of a batch share an area and a municipality.

use crate::area::SupportArea;
use crate::referral::Referral;
use crate::triage::{referral_areas, AreaFinding};
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
        let count = |mut demand: Demand, r: &Referral| {
            if let Ok((_, m)) = resident_location(r) {
                demand.add(m.code, &referral_areas(r));
            }
            demand
        };
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            referrals.par_iter().fold(Demand::default, count).reduce(
                Demand::default,
                |mut all, part| {
                    all.merge(part);
                    all
                },
            )
        }
        #[cfg(not(feature = "parallel"))]
        {
            referrals.iter().fold(Demand::default(), count)
        }
    }

    /// Counts one referral living in `municipality` (its code) with these areas: what [`Demand::of`]
    /// counts for it, when the caller has read its note already (see [`super::Triaged`]).
    pub fn add(&mut self, municipality: &'static str, areas: &[AreaFinding]) {
        for f in areas {
            *self.counts.entry((f.area, municipality)).or_insert(0) += 1;
        }
    }

    /// Adds the counts of another part of the batch, so that a batch read in chunks counts as a whole.
    pub fn merge(&mut self, other: Demand) {
        for (key, n) in other.counts {
            *self.counts.entry(key).or_insert(0) += n;
        }
    }

    pub(super) fn others(&self, area: SupportArea, municipality: &'static str) -> u32 {
        self.counts
            .get(&(area, municipality))
            .map_or(0, |n| n.saturating_sub(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn referral(id: &str, municipality: &str) -> Referral {
        let json = format!(
            r#"{{"id":"{id}","age":70,"consent":true,"municipality":"{municipality}","areas":[{{"area":"loneliness"}}]}}"#
        );
        Referral::from_json(&json, crate::Strictness::Lenient)
            .expect("a valid referral")
            .value
    }

    #[test]
    fn a_batch_counted_in_parts_counts_as_the_whole() {
        let batch: Vec<Referral> = ["Leiden", "Leiden", "Katwijk", "Leiden"]
            .iter()
            .enumerate()
            .map(|(i, m)| referral(&format!("r{i}"), m))
            .collect();
        let whole = Demand::of(&batch);
        let mut parts = Demand::of(&batch[..1]);
        parts.merge(Demand::of(&batch[1..3]));
        parts.merge(Demand::of(&batch[3..]));
        let code = |r: &Referral| resident_location(r).expect("a known municipality").1.code;
        let (leiden, katwijk) = (code(&batch[0]), code(&batch[2]));
        for demand in [&whole, &parts] {
            assert_eq!(demand.others(SupportArea::Loneliness, leiden), 2);
            assert_eq!(demand.others(SupportArea::Loneliness, katwijk), 0);
        }
        assert_eq!(parts.counts, whole.counts);
    }
}
