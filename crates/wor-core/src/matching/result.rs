//! What matching returns: the result for one referral, its suggestions and their explanations.

use crate::area::SupportArea;
use crate::date::Date;
use crate::life_event::LifeEvent;
use crate::map::validate::Hhmm;
use crate::map::{ActivityKind, MapStamp, TimeSlot};
use crate::triage::{AreaFinding, Route, Warning};
use serde::Serialize;
use std::borrow::Cow;

use super::Origin;

/// Options of one matching run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MatchOptions {
    pub top_k: usize,
    /// Reference date for `valid_from`/`valid_to`.
    pub date: Date,
}

/// One explanation line, in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Why {
    pub code: &'static str,
    pub nl: Cow<'static, str>,
    pub en: Cow<'static, str>,
}

/// One suggested activity. Borrows the entry's texts from the map: a batch serialises them straight from
/// the index instead of copying ten suggestions' worth per referral.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Suggestion<'a> {
    pub activity_id: &'a str,
    pub name: &'a str,
    pub organisation: &'a str,
    pub description: &'a str,
    pub kind: ActivityKind,
    /// A group activity (else one-to-one help).
    pub group: bool,
    /// The score the list is ordered by (non-increasing down the list): `relevance` after the diversity
    /// re-rank (minus a penalty for resembling a suggestion above, plus a bonus for covering a referral
    /// area not yet covered, minus 2 for an entry meant for another audience, minus 4 for an entry
    /// against a stated form or day wish).
    pub score: f64,
    /// Need fit x feasibility x distance (x the collective bonus): how well the entry fits on its own.
    pub relevance: f64,
    /// The referral's areas this entry serves.
    pub areas: Vec<SupportArea>,
    pub distance_km: f64,
    #[cfg_attr(feature = "ts", ts(as = "Vec<ClockSlot>"))]
    pub schedule: Schedule<'a>,
    pub by_appointment: bool,
    pub cost_eur_per_month: f64,
    pub requires_indication: bool,
    pub address: &'a str,
    pub postcode: &'a str,
    pub contact: &'a crate::map::model::Contact,
    pub why: Vec<Why>,
}

/// An entry's weekly slots, serialised with clock times: `{"day": "thu", "start": "10:30", "end": "12:30"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule<'a>(pub &'a [TimeSlot]);

impl Serialize for Schedule<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeSeq, SerializeStruct};
        struct Slot<'s>(&'s TimeSlot);
        impl Serialize for Slot<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut s = serializer.serialize_struct("TimeSlot", 3)?;
                s.serialize_field("day", &self.0.day)?;
                s.serialize_field("start", &Hhmm(self.0.start))?;
                s.serialize_field("end", &Hhmm(self.0.end))?;
                s.end()
            }
        }
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for slot in self.0 {
            seq.serialize_element(&Slot(slot))?;
        }
        seq.end()
    }
}

/// One weekly slot as a suggestion's `schedule` lists it (declared for TypeScript; [`Schedule`] writes it).
#[cfg(feature = "ts")]
#[derive(ts_rs::TS)]
#[allow(dead_code)]
struct ClockSlot {
    day: crate::referral::Weekday,
    /// `HH:MM`.
    start: String,
    /// `HH:MM`.
    end: String,
}

/// The result for one referral; borrows from the referral and the map.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MatchResult<'a> {
    pub id: &'a str,
    pub map: &'a MapStamp,
    /// The weights file the region's weights came from; absent with the default weights.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub weights: Option<&'a crate::weights::WeightsStamp>,
    pub route: Route,
    pub areas: Vec<AreaFinding>,
    /// The triage's cautions (risk asked about and denied, someone else's history, an earlier risk, a
    /// postcode outside the municipality...): the social worker reads them beside the suggestions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<Warning>>", optional))]
    pub warnings: Vec<Warning>,
    /// The kinds of life event the resident went through, stated or read in the note; absent when
    /// unknown. Entries for another kind are left out.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<LifeEvent>>", optional))]
    pub life_events: Vec<LifeEvent>,
    /// Where distances are measured from: the engine knows PC4 centroids and municipality centres, not
    /// addresses.
    pub origin: Origin,
    pub suggestions: Vec<Suggestion<'a>>,
    /// Entries a strict wish left out (`{"filter": "strict_days", "entries": 4}`), if any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<Filtered>>", optional))]
    pub filtered: Vec<Filtered>,
    /// Why there are fewer suggestions than asked, if so.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<Why>>", optional))]
    pub notes: Vec<Why>,
}

/// How many entries a filter left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Filtered {
    pub filter: &'static str,
    pub entries: u32,
}
