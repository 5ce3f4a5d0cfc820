//! Populations whose residents value other things than the default one: outcome models of their own
//! for testing that `wor tune` learns what a region's residents value (issue 32). Each changes only the
//! latent traits, before the referral is observed, so the referral reveals the new tastes as it would
//! reveal the default ones; the default population draws nothing from here (the frozen generator test).

use super::resident::{GroupPreference, Resident};
use wor_core::random::{mix, Rng};

/// How a population's tastes differ from the default one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tastes {
    /// Multiplies every resident's distance tolerance (below 1: distance-averse).
    pub tolerance_scale: f64,
    /// This share of the residents avoids groups (they prefer one-to-one help), whatever the default
    /// draw said.
    pub avoid_groups: f64,
    /// This share of the residents pays nothing at all (cost ceiling €0).
    pub free_only: f64,
}

impl Tastes {
    /// The default population.
    pub const DEFAULT: Tastes = Tastes {
        tolerance_scale: 1.0,
        avoid_groups: 0.0,
        free_only: 0.0,
    };
    /// Residents who travel about a third as far.
    pub const DISTANCE_AVERSE: Tastes = Tastes {
        tolerance_scale: 0.35,
        ..Tastes::DEFAULT
    };
    /// Residents who mostly prefer one-to-one help and free help.
    pub const ONE_TO_ONE_AND_FREE: Tastes = Tastes {
        tolerance_scale: 1.0,
        avoid_groups: 0.8,
        free_only: 0.8,
    };

    /// Applies the tastes to case `i`'s resident, from a stream of its own.
    pub(super) fn apply(&self, seed: u64, i: usize, r: &mut Resident) {
        r.tolerance_km *= self.tolerance_scale;
        if self.avoid_groups == 0.0 && self.free_only == 0.0 {
            return;
        }
        let mut rng = Rng::keyed(mix(seed, i as u64), 0x7A57_E500);
        if rng.chance(self.avoid_groups) {
            r.group = GroupPreference::Avoids;
        }
        if rng.chance(self.free_only) {
            r.cost_ceiling = 0.0;
        }
    }
}
