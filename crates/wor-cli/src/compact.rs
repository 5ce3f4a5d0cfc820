//! `wor match --compact`: each result without its texts (names, descriptions, addresses, the "why"
//! sentences in two languages), for a batch whose output goes on to another program: ids, scores,
//! route, areas and codes. About a tenth of the default output's bytes (see the README's performance
//! section); the default output is unchanged.

use serde::Serialize;
use wor_core::life_event::LifeEvent;
use wor_core::map::MapStamp;
use wor_core::matching::Filtered;
use wor_core::triage::Route;
use wor_core::weights::WeightsStamp;
use wor_core::{MatchResult, SupportArea};

/// A [`MatchResult`] by reference, its texts left out.
#[derive(Serialize)]
pub struct Compact<'a> {
    id: &'a str,
    map: &'a MapStamp,
    #[serde(skip_serializing_if = "Option::is_none")]
    weights: Option<&'a WeightsStamp>,
    route: Route,
    areas: Vec<SupportArea>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<&'static str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    life_events: &'a [LifeEvent],
    /// The PC4 area or, without one, the municipality code distances are measured from.
    origin: Origin,
    suggestions: Vec<Suggestion<'a>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    filtered: &'a [Filtered],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    notes: Vec<&'static str>,
}

#[derive(Serialize)]
struct Origin {
    #[serde(skip_serializing_if = "Option::is_none")]
    pc4: Option<u16>,
    municipality: &'static str,
}

#[derive(Serialize)]
struct Suggestion<'a> {
    activity_id: &'a str,
    score: f64,
    relevance: f64,
    areas: &'a [SupportArea],
    distance_km: f64,
    /// The codes of the "why" lines.
    why: Vec<&'static str>,
}

impl<'a> Compact<'a> {
    pub fn of(r: &'a MatchResult<'a>) -> Compact<'a> {
        Compact {
            id: r.id,
            map: r.map,
            weights: r.weights,
            route: r.route,
            areas: r.areas.iter().map(|a| a.area).collect(),
            warnings: r.warnings.iter().map(|w| w.code).collect(),
            life_events: &r.life_events,
            origin: Origin {
                pc4: r.origin.pc4,
                municipality: r.origin.municipality,
            },
            suggestions: r
                .suggestions
                .iter()
                .map(|s| Suggestion {
                    activity_id: s.activity_id,
                    score: s.score,
                    relevance: s.relevance,
                    areas: &s.areas,
                    distance_km: s.distance_km,
                    why: s.why.iter().map(|w| w.code).collect(),
                })
                .collect(),
            filtered: &r.filtered,
            notes: r.notes.iter().map(|w| w.code).collect(),
        }
    }
}
