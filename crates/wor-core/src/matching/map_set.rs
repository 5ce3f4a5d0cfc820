//! Several regions' maps, and batch matching across them.

use crate::error::{Code, FieldError};
use crate::referral::Referral;

use super::{match_triaged, resident_location, Demand, MatchOptions, MatchResult, Triaged};
use crate::index::MapIndex;

/// Several regions' maps; each referral is matched against the map of the region it lives in.
#[derive(Debug, Clone, Default)]
pub struct MapSet {
    pub maps: Vec<MapIndex>,
}

impl MapSet {
    pub fn new(maps: Vec<MapIndex>) -> Self {
        MapSet { maps }
    }

    /// The map covering the referral's municipality.
    pub fn for_referral(&self, r: &Referral) -> Result<&MapIndex, FieldError> {
        let (_, m) = resident_location(r)?;
        self.maps
            .iter()
            .find(|idx| idx.covers_municipality(m.code))
            .ok_or_else(|| {
                let loaded: Vec<&str> = self.maps.iter().map(|i| i.stamp.region.as_str()).collect();
                FieldError::new(
                    if r.municipality.is_some() {
                        "municipality"
                    } else {
                        "postcode"
                    },
                    Code::NotCovered,
                    format!(
                        "{} is not covered by the loaded map(s): {}",
                        m.name,
                        loaded.join(", ")
                    ),
                )
                .with("place", m.name)
                .with("loaded", loaded)
            })
    }

    pub fn match_one<'a>(
        &'a self,
        r: &'a Referral,
        opts: &MatchOptions,
        demand: Option<&Demand>,
    ) -> Result<MatchResult<'a>, FieldError> {
        match_triaged(self.for_referral(r)?, r, opts, demand, None)
    }

    /// Matches a batch with "collective first" across it; results in input order.
    pub fn match_batch<'a>(
        &'a self,
        referrals: &'a [Referral],
        opts: &MatchOptions,
    ) -> Vec<Result<MatchResult<'a>, FieldError>> {
        let demand = Demand::of(referrals);
        self.match_each(referrals, opts, Some(&demand), |r| r)
    }

    /// Matches each referral on its own, exactly as `match_one` does (and the web page).
    pub fn match_batch_independent<'a>(
        &'a self,
        referrals: &'a [Referral],
        opts: &MatchOptions,
    ) -> Vec<Result<MatchResult<'a>, FieldError>> {
        self.match_each(referrals, opts, None, |r| r)
    }

    /// Matches a slice of a batch whose collective demand was counted over the whole batch (`None`:
    /// each on its own) and hands each result to `then` on the same worker (a caller can serialise in
    /// parallel too); outputs in input order. Lets a caller stream a large batch in chunks.
    pub fn match_each<'a, T: Send>(
        &'a self,
        referrals: &'a [Referral],
        opts: &MatchOptions,
        demand: Option<&Demand>,
        then: impl Fn(Result<MatchResult<'a>, FieldError>) -> T + Sync,
    ) -> Vec<T> {
        self.match_each_triaged(referrals, Vec::new(), opts, demand, then)
    }

    /// [`MapSet::match_each`] with the referrals' triage where an earlier pass read it (by position; a
    /// `None` or a missing one is read here): the same results, each note read once.
    pub fn match_each_triaged<'a, T: Send>(
        &'a self,
        referrals: &'a [Referral],
        mut triaged: Vec<Option<Triaged>>,
        opts: &MatchOptions,
        demand: Option<&Demand>,
        then: impl Fn(Result<MatchResult<'a>, FieldError>) -> T + Sync,
    ) -> Vec<T> {
        triaged.resize_with(referrals.len(), || None);
        let one = |(r, t): (&'a Referral, Option<Triaged>)| {
            then(
                self.for_referral(r)
                    .and_then(|index| match_triaged(index, r, opts, demand, t)),
            )
        };
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            referrals.par_iter().zip(triaged).map(one).collect()
        }
        #[cfg(not(feature = "parallel"))]
        {
            referrals.iter().zip(triaged).map(one).collect()
        }
    }
}
