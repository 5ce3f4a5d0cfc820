//! A seeded generator of synthetic historic cases, with its own model of whether a resident arrives at an
//! activity and keeps attending.
//!
//! # Why a separate model
//! Evaluating the matcher on outcomes produced by the matcher's own scoring would be circular. This
//! generator therefore draws, per resident, *latent traits* the referral only partly reveals, and decides
//! arrival and retention from the fit of an activity to those traits with its own functional forms and
//! constants ([`params`]); it never calls `wor_core::matching` or reads its weights. Both use the social
//! map's facts (areas, location, schedule, cost, languages, accessibility), as any matcher would.
//!
//! # Residents (grounded in `domain.md` where it has figures; assumptions are marked)
//! * Region in proportion to the 2024 WoR referral volumes ([`crate::plan::REGIONS`], plan 7.1),
//!   restricted to the regions of the loaded maps; municipality by population (`geo::Municipality::population`)
//!   (assumption: CBS 2024, rounded); a PC4 of the municipality uniformly.
//! * Age (assumption, "many WoR residents are 65+"): 18-29 7%, 30-44 13%, 45-64 27%, 65-74 23%, 75-84 20%,
//!   85-95 10%.
//! * Main support area by age band (assumption; loneliness the most common among 65+, debts and burn-out
//!   among younger residents), see [`params::AREA_WEIGHTS`]; 0-2 further areas.
//!   Low literacy as a trait for 12% beyond those with it as an area (assumption; 1 in 6 hospital patients
//!   per the Alphen pilot, where hospital referrals favour low literacy).
//! * Latent traits: distance tolerance (km; 6 / 4 / 2.5 by age band, log-normal spread σ = 0.45, ×0.6 for
//!   wheelchair users), available weekdays and parts of the day, schedule flexibility (30%), a monthly cost
//!   ceiling (debts: mostly €0), a group preference (likes / avoids / indifferent), home language and weak
//!   Dutch, wheelchair use.
//! * The referral reveals only part of it: explicit areas (main area 55%, others 30%), a Dutch (sometimes
//!   English) GP note built from templates that mention the main area 85% and others 60% and carry
//!   distracting context (physical complaints, negations such as "Geen schulden."), and stated preferences
//!   (`max_km` 30%, budget 35% / 60% with debts, days and times 40%, languages, group, wheelchair).
//!
//! # The latent arrival model (per resident r and activity a on the referral date)
//! `p_arrive = 0.88 × need × distance × schedule × cost × language × access × age × indication × group`,
//! capped at 0.97, with
//! * need: 1 when `a` serves r's main area, 0.55 when it serves another of r's areas, 0.03 otherwise;
//!   × 0.75 when a service/provision is offered for a "collective" need (loneliness, leisure, lifestyle)
//!   or a group activity for a "practical" need (debts, household, support at home, parenting, work,
//!   health literacy).
//! * distance: logistic `1 / (1 + exp((d − tol) / (0.25 tol)))` on the distance from home; services by
//!   appointment count a third of the distance (they call or visit).
//! * schedule: a slot on an available day and part of the day 1; only one of the two 0.45 (flexible 0.75);
//!   neither 0.12 (flexible 0.4); by appointment 0.9.
//! * cost: 1 within the ceiling, else `0.5 exp(−(cost − ceiling) / 15)`.
//! * language: weak Dutch and no shared language 0.3; no Dutch offered 0.5.
//! * access: wheelchair user and not accessible 0.05; outside the age range 0.02; Wmo indication 0.75;
//!   not offered on the referral date 0.
//! * group: likes groups and one-to-one 0.85; avoids groups and a group 0.55.
//!
//! Retention given arrival: `p_stay = 0.72 × quality(a) × click(r, a) × need' × group' × literacy ×
//! schedule' × (0.6 + 0.4 distance)`, capped at 0.95: quality per activity uniform in [0.75, 1.15]
//! (welcome, volunteers; invisible in the map), click per pair uniform in [0.8, 1.2], need' 1 / 0.8 / 0.3,
//! group' 1.1 when a group-lover joins a group and 0.6 when a group-avoider does, literacy 0.6 when r
//! reads poorly and the activity is not literacy-friendly, schedule' 1 / 0.85 / 0.6.
//!
//! Potential outcomes are drawn once per (case, activity) from a hash of (seed, case, activity id), so
//! they do not depend on generation order: gain 2 (still attending at three months), 1 (arrived), 0.
//! `judgements` hold the 30 activities with the highest expected gain `p_arrive (1 + p_stay)` plus every
//! offered one.
//!
//! # The historic process
//! Triage label (assumption): wor 80%, wor_and_mgn 8%, mgn 5%, medical 3%, not_eligible 3%, urgent 1%;
//! the referral's screening, flags, age or consent are drawn to fit the label (with some noise).
//! First contact after a log-normal delay (median 6 days in ZHN with the PO-sociaal in the practice,
//! 8 in Amstelland via ZorgDomein, 11 in Haarlemmermeer without a shared system; σ = 0.55); 5% are not
//! reached; 1-4 conversations (30/35/20/10%, 5% five or six; one more for complex cases). The social
//! worker learns the main area and offers the 2-4 nearest activities serving it (respecting age range and
//! wheelchair), one replaced by a familiar region-wide offer 25% of the time; the resident chooses among
//! them in proportion to `p_arrive` or declines (8%). Positive Health (six dimensions) is measured before
//! for 60% and after for 70% of those: the dimensions the resident's areas lower improve by 1.5 points
//! when still attending, 0.5 when arrived only, 0 otherwise (σ = 0.7); each other dimension moves one
//! point up or down 25% of the time.

use std::collections::BTreeMap;
use wor_core::area::SupportArea;
use wor_core::cases::{CaseDates, CaseOutcome, CaseStatus, HistoricCase, MapRef};
use wor_core::date::Date;
use wor_core::geo::{self, haversine_km, Municipality, Point};
use wor_core::index::MapIndex;
use wor_core::map::{ActivityKind, Entry};
use wor_core::matching::MapSet;
use wor_core::random::{hash_str, mix, Rng};
use wor_core::referral::{
    AreaNeed, Channel, DayPart, Flag, FourDkl, PositiveHealth, Preferences, Referral, Referrer,
    Screening, Weekday,
};
use wor_core::triage::Route;

/// The generator's constants, kept together so they can be read and cited.
pub mod params {
    /// Age bands (from, to inclusive, share).
    pub const AGE_BANDS: [(i64, i64, f64); 6] = [
        (18, 29, 0.07),
        (30, 44, 0.13),
        (45, 64, 0.27),
        (65, 74, 0.23),
        (75, 84, 0.20),
        (85, 95, 0.10),
    ];
    /// Main-area weights (under 65, 65 and over), in `SupportArea::ALL` order.
    pub const AREA_WEIGHTS: [(f64, f64); 16] = [
        (0.14, 0.30), // loneliness
        (0.09, 0.05), // low_mood_anxiety
        (0.06, 0.05), // sleep_worry
        (0.09, 0.01), // burnout
        (0.08, 0.12), // life_event
        (0.06, 0.04), // lifestyle
        (0.03, 0.07), // chronic_illness
        (0.06, 0.09), // carer_strain
        (0.04, 0.03), // low_literacy
        (0.02, 0.04), // health_literacy
        (0.14, 0.04), // debt_poverty
        (0.02, 0.05), // transport_housing_household
        (0.04, 0.06), // leisure_daytime
        (0.04, 0.00), // parenting
        (0.08, 0.00), // work_reintegration
        (0.01, 0.05), // home_support
    ];
    /// Triage labels (route, share).
    pub const ROUTES: [(&str, f64); 6] = [
        ("wor", 0.80),
        ("wor_and_mgn", 0.08),
        ("mgn", 0.05),
        ("medical", 0.03),
        ("not_eligible", 0.03),
        ("urgent", 0.01),
    ];
    /// Home languages (ISO 639-1, share); Amstelveen has more English speakers (×4).
    pub const LANGUAGES: [(&str, f64); 9] = [
        ("nl", 0.86),
        ("tr", 0.03),
        ("ar", 0.03),
        ("pl", 0.02),
        ("en", 0.02),
        ("uk", 0.015),
        ("ti", 0.01),
        ("fa", 0.01),
        ("so", 0.005),
    ];
    /// Distance tolerance in km by age band (under 65, 65-74, 75+) and its log-normal spread.
    pub const TOLERANCE_KM: [f64; 3] = [6.0, 4.0, 2.5];
    pub const TOLERANCE_SIGMA: f64 = 0.45;
    pub const WHEELCHAIR_TOLERANCE: f64 = 0.6;
    /// Services by appointment count this share of the distance.
    pub const APPOINTMENT_DISTANCE: f64 = 1.0 / 3.0;
    pub const BASE_ARRIVE: f64 = 0.88;
    pub const MAX_ARRIVE: f64 = 0.97;
    pub const BASE_STAY: f64 = 0.72;
    pub const MAX_STAY: f64 = 0.95;
    /// Activities judged per case (by expected gain), besides the offered ones.
    pub const JUDGED: usize = 30;
    /// Median days to first contact per region, and the log-normal spread.
    pub const FIRST_CONTACT_MEDIAN_DAYS: [(&str, f64); 3] = [
        ("zuid-holland-noord", 6.0),
        ("amstelland", 8.0),
        ("haarlemmermeer", 11.0),
    ];
    pub const FIRST_CONTACT_SIGMA: f64 = 0.55;
    pub const NOT_REACHED: f64 = 0.05;
    /// Dropped out after the first conversation: not taken into care.
    pub const DROPOUT: f64 = 0.05;
    pub const DECLINES_OFFER: f64 = 0.08;
    /// Conversations 1..=6.
    pub const CONVERSATIONS: [f64; 6] = [0.30, 0.35, 0.20, 0.10, 0.03, 0.02];
    /// Referring practices per region (assumption, for monitoring per practice).
    pub const PRACTICES: [(&str, usize); 3] = [
        ("zuid-holland-noord", 60),
        ("amstelland", 20),
        ("haarlemmermeer", 20),
    ];
    /// Each practice's usual channel: ZorgDomein, VIP Live, PO-sociaal, direct (assumption); a referral
    /// takes the practice's usual channel with `USUAL_CHANNEL`, else it comes in directly.
    pub const CHANNEL_SHARES: [f64; 4] = [0.5, 0.2, 0.15, 0.15];
    pub const USUAL_CHANNEL: f64 = 0.85;
}

/// The referring practice and channel of case `i`, drawn from streams of their own so that every other
/// field is what it was before practices were generated.
fn practice_of(seed: u64, i: usize, region: &str) -> (String, Channel) {
    let mut rng = Rng::keyed(mix(seed, i as u64), 0x5052_4143_5449_4345);
    let n = params::PRACTICES
        .iter()
        .find(|(r, _)| *r == region)
        .map_or(10, |(_, n)| *n);
    let practice = format!("{region}-praktijk-{:02}", 1 + rng.below(n));
    let usual = [
        Channel::Zorgdomein,
        Channel::VipLive,
        Channel::PoSociaal,
        Channel::Direct,
    ][Rng::keyed(seed, hash_str(&practice)).weighted(&params::CHANNEL_SHARES)];
    let channel = if rng.chance(params::USUAL_CHANNEL) {
        usual
    } else {
        Channel::Direct
    };
    (practice, channel)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupPreference {
    Likes,
    Avoids,
    Indifferent,
}

/// What the generator knows about a resident and the referral only partly reveals.
#[derive(Debug, Clone)]
pub struct Resident {
    pub age: i64,
    pub municipality: &'static Municipality,
    pub home: Point,
    pub pc4: Option<u16>,
    pub main_area: SupportArea,
    pub other_areas: Vec<SupportArea>,
    pub tolerance_km: f64,
    pub days: Vec<Weekday>,
    pub parts: Vec<DayPart>,
    pub flexible: bool,
    pub cost_ceiling: f64,
    pub group: GroupPreference,
    pub language: &'static str,
    pub weak_dutch: bool,
    pub wheelchair: bool,
    pub low_literacy: bool,
}

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

fn serves(e: &Entry, area: SupportArea) -> bool {
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

/// Options of one generation run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SynthOptions {
    pub seed: u64,
    /// Referral dates are drawn uniformly (weekdays) in `from..=to`.
    pub from: Date,
    pub to: Date,
}

struct Region<'a> {
    index: &'a MapIndex,
    share: f64,
    municipalities: Vec<(&'static Municipality, f64)>,
}

/// Generates case `i` of a seeded series; cases are independent, so any subset can be made in parallel.
pub struct Generator<'a> {
    opts: SynthOptions,
    regions: Vec<Region<'a>>,
    /// Multiplies every resident's latent distance tolerance (1: the default population).
    tolerance_scale: f64,
}

impl<'a> Generator<'a> {
    pub fn new(set: &'a MapSet, opts: SynthOptions) -> Result<Generator<'a>, String> {
        if opts.to < opts.from {
            return Err(format!(
                "the period ends ({}) before it starts ({})",
                opts.to, opts.from
            ));
        }
        let mut regions = Vec::new();
        for index in &set.maps {
            let municipalities: Vec<(&'static Municipality, f64)> = index
                .municipalities
                .iter()
                .filter_map(|code| geo::municipality(code))
                .map(|m| (m, f64::from(m.population)))
                .collect();
            if municipalities.is_empty() || index.entries.is_empty() {
                continue;
            }
            // The regions' shares follow their 2024 referrals (plan 7.1).
            let share =
                crate::plan::region(&index.stamp.region).map_or(100.0, |r| f64::from(r.base_2024));
            regions.push(Region {
                index,
                share,
                municipalities,
            });
        }
        if regions.is_empty() {
            return Err("the map(s) cover no known municipality with activities".into());
        }
        Ok(Generator {
            opts,
            regions,
            tolerance_scale: 1.0,
        })
    }

    /// A population whose residents travel `scale` times as far (large: distance hardly matters;
    /// small: it matters a lot). Used to test that tuning learns a region's own distance sensitivity.
    pub fn with_tolerance_scale(mut self, scale: f64) -> Generator<'a> {
        self.tolerance_scale = scale;
        self
    }

    /// The `i`-th case (0-based) of the series.
    pub fn case(&self, i: usize) -> HistoricCase {
        let seed = self.opts.seed;
        let mut rng = Rng::keyed(seed, i as u64);
        let region =
            &self.regions[rng.weighted(&self.regions.iter().map(|r| r.share).collect::<Vec<_>>())];
        let route = route_of(params::ROUTES[rng.weighted(&params::ROUTES.map(|r| r.1))].0);
        let referred = self.referral_date(&mut rng);
        let mut resident = draw_resident(&mut rng, region, route);
        resident.tolerance_km *= self.tolerance_scale;
        let id = format!("hc{:06}", i + 1);
        let severity = 1 + rng.below(2) as u8 + u8::from(rng.chance(0.4));
        let referral = observe(&mut rng, &id, &resident, route, severity.min(3));
        let index = region.index;
        let map = MapRef {
            region: index.stamp.region.clone(),
            version: index.stamp.version.clone(),
        };
        let wor_route = matches!(route, Route::Wor | Route::WorAndMgn);
        // First contact and conversations.
        let median = params::FIRST_CONTACT_MEDIAN_DAYS
            .iter()
            .find(|(r, _)| *r == index.stamp.region)
            .map_or(8.0, |(_, d)| *d);
        let contacted = !matches!(route, Route::Urgent | Route::NotEligible)
            && !rng.chance(params::NOT_REACHED);
        let delay = (median * (params::FIRST_CONTACT_SIGMA * rng.normal()).exp())
            .round()
            .max(1.0) as i64;
        let first_contact = contacted
            .then(|| Date::from_days_since_epoch(referred.days_since_epoch() + delay))
            .flatten();
        let mut conversations = 0u32;
        if first_contact.is_some() {
            conversations = if wor_route {
                let mut n = 1 + rng.weighted(&params::CONVERSATIONS) as u32;
                if (resident.other_areas.len() >= 2 || route == Route::WorAndMgn)
                    && rng.chance(0.35)
                {
                    n += 1;
                }
                n
            } else {
                1
            };
        }
        let taken_into_care = wor_route && first_contact.is_some() && !rng.chance(params::DROPOUT);
        let mut case = HistoricCase {
            referral,
            map,
            offered: Vec::new(),
            chosen: None,
            dates: CaseDates {
                referred,
                first_contact,
                first_attendance: None,
            },
            conversations,
            status: CaseStatus::Closed,
            outcome: CaseOutcome::default(),
            triage_label: Some(route),
            judgements: BTreeMap::new(),
        };
        case.outcome.taken_into_care = taken_into_care;
        let (practice, channel) = practice_of(seed, i, &index.stamp.region);
        case.referral.practice = Some(practice);
        case.referral.channel = Some(channel);
        if !wor_route {
            return case;
        }
        // Latent fit of every activity of the region, and potential outcomes.
        let fits: Vec<Fit> = index
            .entries
            .iter()
            .map(|e| {
                let click =
                    Rng::keyed(mix(seed, i as u64), hash_str(&e.id) ^ 0xC11C).range(0.8, 1.2);
                fit(&resident, e, referred, quality(seed, &e.id), click)
            })
            .collect();
        let potential = |k: usize| -> u8 {
            let mut draw = Rng::keyed(mix(seed, i as u64), hash_str(&index.entries[k].id));
            let (u1, u2) = (draw.f64(), draw.f64());
            let f = fits[k];
            if u1 >= f.p_arrive {
                0
            } else if u2 < f.p_stay {
                2
            } else {
                1
            }
        };
        let mut by_gain: Vec<usize> = (0..index.entries.len())
            .filter(|k| fits[*k].p_arrive > 0.0)
            .collect();
        by_gain.sort_by(|a, b| {
            fits[*b]
                .expected_gain()
                .total_cmp(&fits[*a].expected_gain())
                .then(a.cmp(b))
        });
        let offered = offer(&mut rng, index, &resident, referred);
        for k in by_gain.iter().take(params::JUDGED).chain(offered.iter()) {
            case.judgements
                .insert(index.entries[*k].id.clone(), potential(*k));
        }
        case.offered = offered
            .iter()
            .map(|k| index.entries[*k].id.clone())
            .collect();
        let mut chosen = None;
        if taken_into_care && !offered.is_empty() && !rng.chance(params::DECLINES_OFFER) {
            let weights: Vec<f64> = offered.iter().map(|k| fits[*k].p_arrive + 0.02).collect();
            chosen = Some(offered[rng.weighted(&weights)]);
        }
        if let Some(k) = chosen {
            let gain = potential(k);
            case.chosen = Some(index.entries[k].id.clone());
            case.outcome.arrived = gain >= 1;
            case.outcome.still_attending_3m = gain == 2;
            if gain >= 1 {
                let start = first_contact.map_or(referred, |d| d).days_since_epoch()
                    + 7 * i64::from(conversations.saturating_sub(1))
                    + 3
                    + rng.below(12) as i64;
                case.dates.first_attendance = Date::from_days_since_epoch(start);
            }
        }
        if taken_into_care && rng.chance(0.6) {
            let before = health_before(&mut rng, &resident);
            case.outcome.positive_health_before = Some(before);
            if rng.chance(0.7) {
                case.outcome.positive_health_after = Some(health_after(
                    &mut rng,
                    &resident,
                    &before,
                    case.outcome.gain(),
                ));
            }
            if rng.chance(0.25) {
                case.referral.positive_health = Some(before);
            }
        }
        case
    }

    fn referral_date(&self, rng: &mut Rng) -> Date {
        let (from, to) = (
            self.opts.from.days_since_epoch(),
            self.opts.to.days_since_epoch(),
        );
        let mut day = from + rng.below((to - from + 1) as usize) as i64;
        // GPs refer on weekdays: weekend days move to the Friday before (or the Monday after).
        let date = |d: i64| Date::from_days_since_epoch(d).unwrap_or(self.opts.from);
        match date(day).weekday_index() {
            5 if day > from => day -= 1,
            6 if day - 2 >= from => day -= 2,
            5 | 6 if day + 2 <= to => day += 7 - i64::from(date(day).weekday_index()),
            _ => {}
        }
        date(day)
    }
}

fn route_of(id: &str) -> Route {
    Route::ALL
        .into_iter()
        .find(|r| r.id() == id)
        .unwrap_or(Route::Wor)
}

fn draw_resident(rng: &mut Rng, region: &Region, route: Route) -> Resident {
    let weights: Vec<f64> = region.municipalities.iter().map(|(_, p)| *p).collect();
    let municipality = region.municipalities[rng.weighted(&weights)].0;
    let pc4s = geo::pc4s_in(municipality.code);
    let (pc4, home) = if pc4s.is_empty() {
        (
            None,
            Point {
                lat: municipality.lat,
                lon: municipality.lon,
            },
        )
    } else {
        let a = rng.pick(&pc4s);
        (
            Some(a.pc4),
            Point {
                lat: a.lat,
                lon: a.lon,
            },
        )
    };
    let band = params::AGE_BANDS[rng.weighted(&params::AGE_BANDS.map(|b| b.2))];
    let mut age = band.0 + rng.below((band.1 - band.0 + 1) as usize) as i64;
    if route == Route::NotEligible && rng.chance(0.4) {
        age = 16 + rng.below(2) as i64;
    }
    let older = age >= 65;
    let area_weights: Vec<f64> = params::AREA_WEIGHTS
        .iter()
        .map(|(young, old)| if older { *old } else { *young })
        .collect();
    let mut main_area = SupportArea::ALL[rng.weighted(&area_weights)];
    // The Alphen aan den Rijn hospital pilot refers mostly for low literacy.
    if municipality.code == "GM0484" && rng.chance(0.05) {
        main_area = SupportArea::LowLiteracy;
    }
    let n_other = rng.weighted(&[0.4, 0.4, 0.2]);
    let mut other_areas = Vec::new();
    for _ in 0..n_other {
        let w: Vec<f64> = SupportArea::ALL
            .iter()
            .zip(&area_weights)
            .map(|(a, w)| {
                if *a == main_area || other_areas.contains(a) {
                    0.0
                } else if matches!(a, SupportArea::Loneliness | SupportArea::SleepWorry) {
                    w * 1.5 + 0.02
                } else {
                    *w + 0.005
                }
            })
            .collect();
        other_areas.push(SupportArea::ALL[rng.weighted(&w)]);
    }
    other_areas.sort();
    let has = |a: SupportArea| main_area == a || other_areas.contains(&a);
    let wheelchair = rng.chance(if age >= 75 { 0.08 } else { 0.02 });
    let band_tol = match age {
        ..65 => params::TOLERANCE_KM[0],
        65..75 => params::TOLERANCE_KM[1],
        _ => params::TOLERANCE_KM[2],
    };
    let mut tolerance_km = band_tol * (params::TOLERANCE_SIGMA * rng.normal()).exp();
    if wheelchair {
        tolerance_km *= params::WHEELCHAIR_TOLERANCE;
    }
    let mut days: Vec<Weekday> = Weekday::ALL
        .into_iter()
        .filter(|d| {
            let p = match d {
                Weekday::Sat => 0.4,
                Weekday::Sun => 0.25,
                _ if older => 0.7,
                _ => 0.55,
            };
            rng.chance(p)
        })
        .collect();
    if days.is_empty() {
        days.push(*rng.pick(&Weekday::ALL[..5]));
    }
    let part_p = if older {
        [0.8, 0.7, 0.2]
    } else {
        [0.45, 0.45, 0.7]
    };
    let all_parts = [DayPart::Morning, DayPart::Afternoon, DayPart::Evening];
    let mut parts: Vec<DayPart> = all_parts
        .into_iter()
        .zip(part_p)
        .filter(|(_, p)| rng.chance(*p))
        .map(|(d, _)| d)
        .collect();
    if parts.is_empty() {
        parts.push(*rng.pick(&all_parts));
    }
    let flexible = rng.chance(0.3);
    let cost_ceiling = if has(SupportArea::DebtPoverty) {
        if rng.chance(0.7) {
            0.0
        } else {
            5.0
        }
    } else {
        [0.0, 10.0, 20.0, 40.0][rng.weighted(&[0.2, 0.25, 0.3, 0.25])]
    };
    let likes = if has(SupportArea::Loneliness) || main_area == SupportArea::LeisureDaytime {
        [0.65, 0.10]
    } else {
        [0.35, 0.30]
    };
    let group = match rng.weighted(&[likes[0], likes[1], 1.0 - likes[0] - likes[1]]) {
        0 => GroupPreference::Likes,
        1 => GroupPreference::Avoids,
        _ => GroupPreference::Indifferent,
    };
    let lang_weights: Vec<f64> = params::LANGUAGES
        .iter()
        .map(|(l, w)| {
            if *l == "en" && municipality.code == "GM0362" {
                w * 4.0
            } else {
                *w
            }
        })
        .collect();
    let language = params::LANGUAGES[rng.weighted(&lang_weights)].0;
    let weak_dutch = language != "nl" && rng.chance(if language == "en" { 0.7 } else { 0.5 });
    let low_literacy = has(SupportArea::LowLiteracy) || rng.chance(0.12);
    Resident {
        age,
        municipality,
        home,
        pc4,
        main_area,
        other_areas,
        tolerance_km,
        days,
        parts,
        flexible,
        cost_ceiling,
        group,
        language,
        weak_dutch,
        wheelchair,
        low_literacy,
    }
}

/// The social worker's offer: the 2-4 nearest activities serving the main area (else another area, else
/// any), respecting age range and wheelchair; sometimes one familiar region-wide offer instead.
fn offer(rng: &mut Rng, index: &MapIndex, r: &Resident, date: Date) -> Vec<usize> {
    let age = u32::try_from(r.age).unwrap_or(0);
    let possible = |e: &Entry| {
        e.valid_on(date)
            && age >= e.min_age
            && e.max_age.is_none_or(|m| age <= m)
            && (!r.wheelchair || e.wheelchair_accessible)
    };
    let n = 2 + rng.below(3);
    let areas: Vec<SupportArea> = std::iter::once(r.main_area)
        .chain(r.other_areas.iter().copied())
        .collect();
    let mut pool: Vec<usize> = Vec::new();
    for a in &areas {
        pool = (0..index.entries.len())
            .filter(|k| possible(&index.entries[*k]) && serves(&index.entries[*k], *a))
            .collect();
        if !pool.is_empty() {
            break;
        }
    }
    if pool.is_empty() {
        pool = (0..index.entries.len())
            .filter(|k| possible(&index.entries[*k]))
            .collect();
    }
    let dist = |k: usize| haversine_km(r.home, index.entries[k].point);
    let mut nearest = pool.clone();
    nearest.sort_by(|a, b| dist(*a).total_cmp(&dist(*b)).then(a.cmp(b)));
    nearest.truncate(n);
    if nearest.len() >= 2 && rng.chance(0.25) {
        let regional: Vec<usize> = pool
            .iter()
            .copied()
            .filter(|k| index.entries[*k].serves.len() > 1 && !nearest.contains(k))
            .collect();
        if !regional.is_empty() {
            let last = nearest.len() - 1;
            nearest[last] = *rng.pick(&regional);
        }
    }
    nearest
}

/// The referral as the GP wrote it: partial areas, a note, partial preferences, screening fitting the route.
fn observe(rng: &mut Rng, id: &str, r: &Resident, route: Route, severity: u8) -> Referral {
    let female = rng.chance(0.6);
    let mut areas = Vec::new();
    let mut mentioned = Vec::new();
    let social = !matches!(route, Route::Mgn | Route::Medical);
    if social {
        let vague = rng.chance(0.05);
        let explicit_main = rng.chance(0.55);
        if explicit_main {
            areas.push(AreaNeed {
                area: r.main_area,
                severity,
            });
        }
        if !vague && (rng.chance(0.85) || !explicit_main) {
            mentioned.push(r.main_area);
        }
        for a in &r.other_areas {
            if rng.chance(0.3) {
                areas.push(AreaNeed {
                    area: *a,
                    severity: 1 + rng.below(3) as u8,
                });
            }
            if rng.chance(0.6) {
                mentioned.push(*a);
            }
        }
    }
    areas.sort_by_key(|n| n.area);
    let english = r.language == "en" && rng.chance(0.5);
    let text = note(rng, r, route, &mentioned, female, english);
    let mut flags = Vec::new();
    let mut dkl: Option<FourDkl> = None;
    let mut consent = true;
    let draw = |lo: u32, hi: u32, rng: &mut Rng| lo + rng.below((hi - lo + 1) as usize) as u32;
    match route {
        Route::Urgent => flags.push(
            [
                Flag::SuicidalIdeation,
                Flag::AcuteDanger,
                Flag::PsychosisSuspected,
            ][rng.weighted(&[0.6, 0.2, 0.2])],
        ),
        Route::NotEligible if r.age >= 18 => consent = false,
        Route::Mgn | Route::WorAndMgn => {
            let x = rng.f64();
            if x < 0.7 {
                let strong = route == Route::Mgn;
                dkl = Some(FourDkl {
                    distress: Some(draw(14, 30, rng)),
                    depression: Some(if strong {
                        draw(6, 12, rng)
                    } else {
                        draw(3, 7, rng)
                    }),
                    anxiety: Some(if strong {
                        draw(4, 16, rng)
                    } else {
                        draw(2, 9, rng)
                    }),
                    somatization: Some(draw(4, 20, rng)),
                });
            } else if x < 0.92 {
                flags.push(Flag::MentalDisorderSuspected);
            }
        }
        // A purely medical consultation: no screening for psychosocial stress.
        Route::Medical => {}
        _ => {
            if rng.chance(0.35) {
                let noisy = rng.chance(0.05);
                dkl = Some(FourDkl {
                    distress: Some(draw(8, 28, rng)),
                    depression: Some(if noisy {
                        draw(3, 4, rng)
                    } else {
                        draw(0, 2, rng)
                    }),
                    anxiety: Some(draw(0, 3, rng)),
                    somatization: Some(draw(2, 18, rng)),
                });
            }
        }
    }
    let mut prefs = Preferences::default();
    if rng.chance(0.3) {
        prefs.max_km = Some((r.tolerance_km * 1.25).ceil().max(1.0));
    }
    let debts = r.main_area == SupportArea::DebtPoverty
        || r.other_areas.contains(&SupportArea::DebtPoverty);
    if rng.chance(if debts { 0.6 } else { 0.35 }) {
        prefs.max_eur_per_month = Some(r.cost_ceiling);
    }
    if rng.chance(0.4) {
        prefs.days = r.days.clone();
        prefs.times = r.parts.clone();
    }
    if r.weak_dutch && rng.chance(0.85) {
        prefs.languages = vec![r.language.to_string()];
        if rng.chance(0.3) {
            prefs.languages.push("nl".into());
        }
    } else if r.language != "nl" && rng.chance(0.2) {
        prefs.languages = vec!["nl".into(), r.language.to_string()];
    }
    if r.group != GroupPreference::Indifferent && rng.chance(0.35) {
        prefs.group = Some(r.group == GroupPreference::Likes);
    }
    prefs.wheelchair = r.wheelchair && rng.chance(0.9);
    // Where the resident lives: postcode and/or municipality (name or CBS code).
    let postcode = r.pc4.map(|pc| {
        let letters = [b'A' + rng.below(26) as u8, b'A' + rng.below(26) as u8];
        format!("{pc} {}", std::str::from_utf8(&letters).unwrap_or("AA"))
    });
    let (postcode, municipality) = match (postcode, rng.weighted(&[0.3, 0.25, 0.45])) {
        (Some(pc), 0) => (Some(pc), None),
        (Some(pc), 2) => (Some(pc), Some(())),
        _ => (None, Some(())),
    };
    let municipality = municipality.map(|()| {
        if rng.chance(0.1) {
            r.municipality.code.to_string()
        } else {
            r.municipality.name.to_string()
        }
    });
    let referrer = [
        Referrer::Gp,
        Referrer::Poh,
        Referrer::Paramedic,
        Referrer::Pharmacist,
        Referrer::Hospital,
        Referrer::HomeCare,
    ][rng.weighted(&[0.78, 0.12, 0.03, 0.02, 0.03, 0.02])];
    Referral {
        id: id.to_string(),
        age: r.age,
        consent,
        municipality,
        postcode,
        areas,
        text: Some(text),
        screening: dkl.map(|d| Screening { four_dkl: Some(d) }),
        flags,
        preferences: prefs,
        referrer: Some(referrer),
        positive_health: None,
        date: None,
        practice: None,
        channel: None,
        audience: Vec::new(),
        life_events: Vec::new(),
    }
}

/// Note sentences per area (Dutch), with `{pos}` (haar/zijn), `{partner}` (man/vrouw) and `{zij}`.
const NOTES_NL: [&[&str]; 16] = [
    &[
        "Voelt zich eenzaam sinds het overlijden van {pos} {partner}.",
        "Komt de deur nauwelijks uit, weinig sociale contacten.",
        "Staat er alleen voor, kinderen wonen ver weg.",
        "Zit veel alleen thuis en mist aanspraak.",
        "Voelt zich eenzaam, weinig contact met buren en familie.",
    ],
    &[
        "Lichte somberheid, wat angstig in drukte.",
        "Voelt zich somber en onrustig.",
        "Last van paniekaanvallen in de supermarkt.",
    ],
    &[
        "Slaapt slecht en ligt 's nachts te piekeren.",
        "Piekert veel, slaapproblemen sinds maanden.",
    ],
    &[
        "Thuis met burn-out klachten, uitgeput.",
        "Overspannen door werk, zit thuis.",
    ],
    &[
        "Recent gescheiden en verhuisd.",
        "Rouw na overlijden van {pos} {partner} vorig jaar.",
        "Moeite met de verhuizing, voelt zich ontheemd.",
    ],
    &[
        "Wil graag meer bewegen en afvallen, overgewicht.",
        "Rookt en beweegt weinig, ongezond eetpatroon.",
    ],
    &[
        "Bekend met diabetes en COPD, moeite met omgaan met ziekte.",
        "Chronische pijn door reuma.",
    ],
    &[
        "Mantelzorger voor {pos} {partner} met dementie, zwaar belast.",
        "Zorgt dagelijks voor {pos} moeder, mantelzorg valt zwaar.",
        "Overbelaste mantelzorger, zorgt voor een ziek kind.",
    ],
    &[
        "Kan moeilijk lezen en schrijven, brieven blijven liggen.",
        "Laaggeletterd, heeft hulp nodig bij formulieren.",
    ],
    &[
        "Begrijpt de uitleg over medicijnen niet goed.",
        "Weet niet goed hoe {zij} {pos} medicatie moet gebruiken.",
    ],
    &[
        "Geldzorgen, achterstand met de huur.",
        "Heeft schulden en durft de post niet open te maken.",
        "Moeite om rond te komen, financiële problemen.",
    ],
    &[
        "Huishouden lukt niet meer, hulp bij het huishouden gewenst.",
        "Vervoer naar activiteiten is lastig.",
    ],
    &[
        "Zoekt zinvolle dagbesteding, verveelt zich.",
        "Heeft geen hobby's meer, wil iets omhanden.",
    ],
    &[
        "Moeite met de opvoeding van een puberzoon.",
        "Alleenstaande ouder met opvoedvragen.",
    ],
    &[
        "Werkloos, wil graag vrijwilligerswerk doen.",
        "Zoekt werk na lange tijd thuis.",
    ],
    &[
        "Heeft begeleiding aan huis nodig.",
        "Redt het thuis niet goed alleen, ondersteuning thuis nodig.",
    ],
];

/// English sentences for some areas (expats; the rest falls back to Dutch).
fn note_en(area: SupportArea) -> Option<&'static str> {
    Some(match area {
        SupportArea::Loneliness => "Feels lonely since moving here, few social contacts.",
        SupportArea::DebtPoverty => "Money worries, behind with rent.",
        SupportArea::SleepWorry => "Sleeps badly, worrying at night.",
        SupportArea::Burnout => "Off work with burnout.",
        SupportArea::LowMoodAnxiety => "Feeling low and anxious.",
        SupportArea::Lifestyle => "Wants to exercise more and lose weight.",
        _ => return None,
    })
}

const OPENERS: [&str; 4] = [
    "Spreekuur i.v.m. nekpijn en vermoeidheid.",
    "Komt met hoofdpijn en moeheid.",
    "Klachten van buikpijn zonder somatische verklaring.",
    "Komt vaak op het spreekuur.",
];
const CLOSERS: [&str; 3] = [
    "Graag contact met PO-sociaal.",
    "Staat open voor een gesprek met de welzijnscoach.",
    "Akkoord met verwijzing naar welzijn.",
];
const MEDICAL: [&str; 3] = [
    "Klachten van rugpijn, fysiotherapie loopt.",
    "Controle bloeddruk, verder geen hulpvraag.",
    "Knieklachten na val, verwijzing fysiotherapie.",
];
const MGN: [&str; 3] = [
    "Ernstige depressieve klachten sinds maanden, verdenking depressie.",
    "Hevige angstklachten, gegeneraliseerde angststoornis vermoed.",
    "Eerdere depressie, nu opnieuw sombere stemming en anhedonie.",
];
const URGENT: [&str; 2] = [
    "Uit doodsgedachten met concreet plan.",
    "Acute verwardheid, mogelijk psychotisch.",
];

fn note(
    rng: &mut Rng,
    r: &Resident,
    route: Route,
    mentioned: &[SupportArea],
    female: bool,
    english: bool,
) -> String {
    let mut parts: Vec<String> = Vec::new();
    let subject = if female { "Mevr." } else { "Dhr." };
    if rng.chance(0.5) {
        parts.push(format!(
            "{subject} {}",
            lower_first(rng.pick::<&str>(&OPENERS))
        ));
    }
    let fill = |s: &str| {
        s.replace("{pos}", if female { "haar" } else { "zijn" })
            .replace("{partner}", if female { "man" } else { "vrouw" })
            .replace("{zij}", if female { "zij" } else { "hij" })
    };
    match route {
        Route::Medical => parts.push(rng.pick(&MEDICAL).to_string()),
        Route::Mgn => parts.push(rng.pick(&MGN).to_string()),
        Route::Urgent => parts.push(rng.pick(&URGENT).to_string()),
        _ => {}
    }
    let mut sentences: Vec<String> = mentioned
        .iter()
        .map(|a| match (english, note_en(*a)) {
            (true, Some(en)) => en.to_string(),
            _ => fill(rng.pick::<&str>(NOTES_NL[a.index()])),
        })
        .collect();
    rng.shuffle(&mut sentences);
    parts.extend(sentences);
    if route == Route::WorAndMgn && rng.chance(0.5) {
        parts.push("Daarnaast psychische klachten, graag ook verkennend gesprek.".into());
    }
    if mentioned.is_empty() && !matches!(route, Route::Medical | Route::Mgn | Route::Urgent) {
        parts.push("Psychosociale klachten, hulpvraag nog onduidelijk.".into());
    }
    // Negations exercise the detector: they must not add an area.
    if rng.chance(0.15) {
        let debts = r.main_area == SupportArea::DebtPoverty
            || r.other_areas.contains(&SupportArea::DebtPoverty);
        if !debts {
            parts.push((*rng.pick(&["Geen schulden.", "Geen financiële problemen."])).to_string());
        }
    }
    if rng.chance(0.4) {
        parts.push(rng.pick(&CLOSERS).to_string());
    }
    parts.join(" ")
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Which Positive Health dimensions (index 0-5) an area lowers, and by how much.
fn health_effects(area: SupportArea) -> &'static [(usize, f64)] {
    use SupportArea::*;
    // 0 lichaamsfuncties, 1 mentaal welbevinden, 2 zingeving, 3 kwaliteit van leven, 4 meedoen,
    // 5 dagelijks functioneren.
    match area {
        Loneliness => &[(4, 2.5), (2, 1.5)],
        LowMoodAnxiety => &[(1, 2.5)],
        SleepWorry => &[(0, 1.5), (1, 1.0)],
        Burnout => &[(1, 2.0), (5, 2.0)],
        LifeEvent => &[(2, 2.0), (1, 1.5)],
        Lifestyle => &[(0, 2.0)],
        ChronicIllness => &[(0, 2.5), (5, 1.5)],
        CarerStrain => &[(3, 2.0), (1, 1.5)],
        LowLiteracy => &[(5, 1.5), (4, 1.0)],
        HealthLiteracy => &[(0, 1.0)],
        DebtPoverty => &[(3, 2.5), (1, 1.0)],
        TransportHousingHousehold => &[(5, 2.0)],
        LeisureDaytime => &[(2, 2.0), (4, 1.5)],
        Parenting => &[(3, 1.5)],
        WorkReintegration => &[(4, 2.0), (2, 1.0)],
        HomeSupport => &[(5, 2.5)],
    }
}

fn to_health(v: [f64; 6]) -> PositiveHealth {
    let s = |x: f64| Some(x.round().clamp(0.0, 10.0));
    PositiveHealth {
        lichaamsfuncties: s(v[0]),
        mentaal_welbevinden: s(v[1]),
        zingeving: s(v[2]),
        kwaliteit_van_leven: s(v[3]),
        meedoen: s(v[4]),
        dagelijks_functioneren: s(v[5]),
    }
}

fn affected(r: &Resident) -> Vec<(usize, f64)> {
    std::iter::once(r.main_area)
        .chain(r.other_areas.iter().copied())
        .flat_map(|a| health_effects(a).iter().copied())
        .collect()
}

fn health_before(rng: &mut Rng, r: &Resident) -> PositiveHealth {
    let mut v = [0.0; 6];
    for x in &mut v {
        *x = 6.5 + 1.2 * rng.normal();
    }
    for (dim, drop) in affected(r) {
        v[dim] -= drop;
    }
    to_health(v)
}

fn health_after(rng: &mut Rng, r: &Resident, before: &PositiveHealth, gain: u8) -> PositiveHealth {
    let b: Vec<f64> = before.dimensions().map(|(_, x)| x).collect();
    let lifted: Vec<usize> = affected(r).into_iter().map(|(dim, _)| dim).collect();
    let lift = [0.0, 0.5, 1.5][usize::from(gain.min(2))];
    let mut v = [0.0; 6];
    for (i, x) in v.iter_mut().enumerate() {
        let base = b.get(i).copied().unwrap_or(6.0);
        *x = if lifted.contains(&i) {
            base + lift + 0.7 * rng.normal()
        } else if rng.chance(0.25) {
            base + if rng.chance(0.5) { 1.0 } else { -1.0 }
        } else {
            base
        };
    }
    to_health(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wor_core::detect::detect_areas;

    #[test]
    fn rng_is_stable() {
        let mut r = Rng::new(42);
        let a: Vec<u64> = (0..3).map(|_| r.next_u64()).collect();
        let mut r = Rng::new(42);
        let b: Vec<u64> = (0..3).map(|_| r.next_u64()).collect();
        assert_eq!(a, b);
        let mut r = Rng::new(7);
        let mean = (0..10_000).map(|_| r.f64()).sum::<f64>() / 10_000.0;
        assert!((mean - 0.5).abs() < 0.02, "{mean}");
        assert_eq!(hash_str(""), 0xcbf2_9ce4_8422_2325);
    }

    #[test]
    fn every_note_template_is_detected_as_its_area() {
        for area in SupportArea::ALL {
            for t in NOTES_NL[area.index()] {
                let text = t
                    .replace("{pos}", "haar")
                    .replace("{partner}", "man")
                    .replace("{zij}", "zij");
                let found: Vec<SupportArea> = detect_areas(&text).iter().map(|d| d.area).collect();
                assert!(found.contains(&area), "{area}: «{text}» gives {found:?}");
            }
            if let Some(en) = note_en(area) {
                let found: Vec<SupportArea> = detect_areas(en).iter().map(|d| d.area).collect();
                assert!(found.contains(&area), "{area}: «{en}» gives {found:?}");
            }
        }
        for neutral in OPENERS
            .iter()
            .chain(&CLOSERS)
            .chain(&MEDICAL)
            .chain(&URGENT)
        {
            assert!(detect_areas(neutral).is_empty(), "«{neutral}»");
        }
        for neg in ["Geen schulden.", "Geen financiële problemen."] {
            assert!(detect_areas(neg).is_empty(), "«{neg}»");
        }
    }

    #[test]
    fn parameters_are_distributions() {
        let sum = |v: &[f64]| v.iter().sum::<f64>();
        assert!((sum(&params::AGE_BANDS.map(|b| b.2)) - 1.0).abs() < 1e-9);
        assert!((sum(&params::AREA_WEIGHTS.map(|w| w.0)) - 1.0).abs() < 1e-9);
        assert!((sum(&params::AREA_WEIGHTS.map(|w| w.1)) - 1.0).abs() < 1e-9);
        assert!((sum(&params::ROUTES.map(|r| r.1)) - 1.0).abs() < 1e-9);
        assert!((sum(&params::CONVERSATIONS) - 1.0).abs() < 1e-9);
        for (id, _) in params::ROUTES {
            assert_eq!(route_of(id).id(), id);
        }
    }
}
