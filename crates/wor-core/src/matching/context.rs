//! Everything about one referral the scorer needs, computed once per referral.

use crate::area::{AreaSet, SupportArea};
use crate::audience::{self, AudienceSet};
use crate::date::Date;
use crate::geo::{self, Located, Point};
use crate::index::{language_bits, slot_bit, MapIndex};
use crate::life_event::LifeEventSet;
use crate::referral::{DayPart, Referral, Weekday};
use crate::triage::AreaFinding;

use super::Weights;

/// Everything about the referral the scorer needs, computed once.
pub(super) struct Context<'a> {
    pub(super) w: &'a Weights,
    pub(super) r: &'a Referral,
    pub(super) home: Point,
    pub(super) home_at: Located,
    pub(super) municipality: &'static geo::Municipality,
    /// (area, severity weight)
    pub(super) needs: Vec<(SupportArea, f64)>,
    pub(super) need_total: f64,
    pub(super) need_set: AreaSet,
    pub(super) decay_km: f64,
    pub(super) literacy_in_play: bool,
    pub(super) money_worries: bool,
    /// Age for the age-range filter (validated 0..=120).
    pub(super) age: u32,
    /// Audiences the resident belongs to: derived from age and areas, plus the referral's own.
    pub(super) audiences: AudienceSet,
    /// The reference date as days since 1970-01-01.
    pub(super) day: i64,
    /// Slot bits (see [`slot_bit`]) matching both the preferred days and times, and either of them.
    pub(super) slots_both: u32,
    pub(super) slots_either: u32,
    /// The stated languages as bits of the map's language table (see [`Hot::language_bits`]).
    pub(super) wanted_languages: u64,
    /// The kinds of life event the resident went through (stated or in the note); empty: unknown.
    pub(super) life_events: LifeEventSet,
}

impl<'a> Context<'a> {
    pub(super) fn new(
        index: &'a MapIndex,
        r: &'a Referral,
        areas: &[AreaFinding],
        home: Point,
        municipality: &'static geo::Municipality,
        date: Date,
        life_events: LifeEventSet,
    ) -> Self {
        let w = index.weights();
        let needs: Vec<(SupportArea, f64)> = areas
            .iter()
            .map(|f| (f.area, f.severity.map_or(w.detected_severity, f64::from)))
            .collect();
        let need_set: AreaSet = needs.iter().map(|(a, _)| *a).collect();
        let decay_km = w.decay_km(r.age, r.preferences.max_km, r.preferences.wheelchair);
        Context {
            w,
            r,
            home,
            home_at: Located::new(home),
            municipality,
            need_total: needs.iter().map(|(_, w)| w).sum(),
            needs,
            need_set,
            decay_km,
            literacy_in_play: need_set.contains(SupportArea::LowLiteracy)
                || need_set.contains(SupportArea::HealthLiteracy),
            money_worries: need_set.contains(SupportArea::DebtPoverty),
            age: u32::try_from(r.age).unwrap_or(0),
            audiences: audience::derived(r.age, need_set.iter()).union(r.audiences()),
            day: date.days_since_epoch(),
            slots_both: slot_mask(r, |day, time| day && time),
            slots_either: slot_mask(r, |day, time| day || time),
            wanted_languages: language_bits(&index.languages, &r.preferences.languages).0,
            life_events,
        }
    }
}

/// The slot bits whose weekday and part of day pass `keep(day preferred, time preferred)`; an empty
/// preference accepts every day or time.
pub(super) fn slot_mask(r: &Referral, keep: fn(bool, bool) -> bool) -> u32 {
    let p = &r.preferences;
    let mut mask = 0;
    for day in Weekday::ALL {
        for part in [DayPart::Morning, DayPart::Afternoon, DayPart::Evening] {
            let day_ok = p.days.is_empty() || p.days.contains(&day);
            let time_ok = p.times.is_empty() || p.times.contains(&part);
            if keep(day_ok, time_ok) {
                mask |= slot_bit(day, part);
            }
        }
    }
    mask
}

impl Context<'_> {
    /// The highest need fit an entry serving only areas in `served` can reach.
    pub(super) fn fit_bound(&self, served: AreaSet) -> f64 {
        let bound = self
            .needs
            .iter()
            .filter(|(a, _)| served.contains(*a))
            .map(|(_, w)| w)
            .sum::<f64>()
            / self.need_total;
        Weights::power(bound, self.w.need_fit)
    }
}
