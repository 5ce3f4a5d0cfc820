//! What matching takes from triage, so that a batch reads each note once.

use crate::error::FieldError;
use crate::index::MapIndex;
use crate::life_event::LifeEventSet;
use crate::referral::Referral;
use crate::triage::{self, AreaFinding, Route, Warning};

/// A referral's route, areas, cautions and life events, as triage reads them from its note under a
/// region's policy. Reading the note is the largest share of matching after the candidate search: a batch
/// reads it in its first pass (for the "collective first" counts) and hands it to the second.
#[derive(Debug, Clone, PartialEq)]
pub struct Triaged {
    pub route: Route,
    pub areas: Vec<AreaFinding>,
    pub cautions: Vec<Warning>,
    pub life_events: LifeEventSet,
}

impl Triaged {
    /// The referral read under the policy of `index`, its region's map.
    pub fn of(index: &MapIndex, r: &Referral) -> Result<Triaged, FieldError> {
        let (route, areas, cautions, life_events) =
            triage::route_and_life_events(r, index.policy()?, true);
        Ok(Triaged {
            route,
            areas,
            cautions,
            life_events,
        })
    }
}
