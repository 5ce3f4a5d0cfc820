//! The latent model: how likely a resident arrives at an activity and keeps attending (see the module
//! documentation of [`super`]). It never calls the matcher.

use super::params;
use super::resident::{GroupPreference, Resident};
use wor_core::area::SupportArea;
use wor_core::date::Date;
use wor_core::geo::haversine_km;
use wor_core::map::{ActivityKind, Entry};
use wor_core::random::{hash_str, mix, Rng};
use wor_core::referral::DayPart;

/// How the latent model sees one (resident, activity) pair.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fit {
    pub p_arrive: f64,
    pub p_stay: f64,
}

impl Fit {
    pub fn expected_gain(&self) -> f64 {
        self.p_arrive * (1.0 + self.p_stay)
    }
}

const COLLECTIVE_NEEDS: [SupportArea; 3] = [
    SupportArea::Loneliness,
    SupportArea::LeisureDaytime,
    SupportArea::Lifestyle,
];
const PRACTICAL_NEEDS: [SupportArea; 6] = [
    SupportArea::DebtPoverty,
    SupportArea::TransportHousingHousehold,
    SupportArea::HomeSupport,
    SupportArea::Parenting,
    SupportArea::WorkReintegration,
    SupportArea::HealthLiteracy,
];

pub(super) fn serves(e: &Entry, area: SupportArea) -> bool {
    e.area_set.contains(area)
}

/// 1 for a suitable form of help for the need, 0.75 for a less suitable one.
fn form_fit(area: SupportArea, e: &Entry) -> f64 {
    let is_group_activity = e.group && e.kind == ActivityKind::Activity;
    let less_suitable = (COLLECTIVE_NEEDS.contains(&area) && !is_group_activity)
        || (PRACTICAL_NEEDS.contains(&area) && is_group_activity);
    if less_suitable {
        0.75
    } else {
        1.0
    }
}

/// Schedule fit class: 2 both day and part fit, 1 one of them, 0 neither; `None` by appointment.
fn schedule_class(r: &Resident, e: &Entry) -> Option<u8> {
    if e.by_appointment || e.slots.is_empty() {
        return None;
    }
    e.slots
        .iter()
        .map(|s| {
            u8::from(r.days.contains(&s.day))
                + u8::from(r.parts.contains(&DayPart::of_minute(s.start)))
        })
        .max()
}

/// Activity quality (welcome, volunteers): uniform in [0.75, 1.15], fixed per seed and activity.
pub fn quality(seed: u64, activity_id: &str) -> f64 {
    Rng::keyed(mix(seed, 0x5155_414c), hash_str(activity_id)).range(0.75, 1.15)
}

/// The latent model for one resident and activity on `date` (see the module documentation).
pub fn fit(r: &Resident, e: &Entry, date: Date, quality: f64, click: f64) -> Fit {
    if !e.valid_on(date) {
        return Fit {
            p_arrive: 0.0,
            p_stay: 0.0,
        };
    }
    let (need, need_stay) = if serves(e, r.main_area) {
        (form_fit(r.main_area, e), 1.0)
    } else if let Some(a) = r.other_areas.iter().find(|a| serves(e, **a)) {
        (0.55 * form_fit(*a, e), 0.8)
    } else {
        (0.03, 0.3)
    };
    let mut km = haversine_km(r.home, e.point);
    if e.by_appointment && e.kind != ActivityKind::Activity {
        km *= params::APPOINTMENT_DISTANCE;
    }
    let tol = r.tolerance_km;
    let distance = 1.0 / (1.0 + ((km - tol) / (0.25 * tol)).exp());
    let (schedule, schedule_stay) = match schedule_class(r, e) {
        None => (0.9, 1.0),
        Some(2) => (1.0, 1.0),
        Some(1) => (if r.flexible { 0.75 } else { 0.45 }, 0.85),
        Some(_) => (if r.flexible { 0.4 } else { 0.12 }, 0.6),
    };
    let cost = if e.cost_eur_per_month <= r.cost_ceiling {
        1.0
    } else {
        0.5 * (-(e.cost_eur_per_month - r.cost_ceiling) / 15.0).exp()
    };
    let speaks = |l: &str| e.languages.iter().any(|x| x == l);
    let language = if r.weak_dutch {
        if speaks(r.language) {
            1.0
        } else {
            0.3
        }
    } else if speaks("nl") || speaks(r.language) {
        1.0
    } else {
        0.5
    };
    let access = if r.wheelchair && !e.wheelchair_accessible {
        0.05
    } else {
        1.0
    };
    let age = u32::try_from(r.age).unwrap_or(0);
    let age_ok = if age < e.min_age || e.max_age.is_some_and(|m| age > m) {
        0.02
    } else {
        1.0
    };
    let indication = if e.requires_indication { 0.75 } else { 1.0 };
    let (group, group_stay) = match (r.group, e.group) {
        (GroupPreference::Likes, true) => (1.0, 1.1),
        (GroupPreference::Likes, false) => (0.85, 1.0),
        (GroupPreference::Avoids, true) => (0.55, 0.6),
        _ => (1.0, 1.0),
    };
    let p_arrive = (params::BASE_ARRIVE
        * need
        * distance
        * schedule
        * cost
        * language
        * access
        * age_ok
        * indication
        * group)
        .min(params::MAX_ARRIVE);
    let literacy = if r.low_literacy && !e.low_literacy_friendly {
        0.6
    } else {
        1.0
    };
    let language_stay = if r.weak_dutch && !speaks(r.language) {
        0.7
    } else {
        1.0
    };
    let p_stay = (params::BASE_STAY
        * quality
        * click
        * need_stay
        * group_stay
        * literacy
        * schedule_stay
        * language_stay
        * (0.6 + 0.4 * distance))
        .min(params::MAX_STAY);
    Fit { p_arrive, p_stay }
}
