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
//!
//! One file per question: [`params`] (the constants), [`model`] (the latent arrival and retention model),
//! `resident` (who the resident is and what the referral reveals), `notes` (the GP's note, its sentences
//! as data in `data/note-templates.json`), `tastes` (populations that value other things), `health` (Positive Health before and after); this file runs
//! the historic process.

mod health;
pub mod model;
mod notes;
pub mod params;
mod resident;
mod tastes;

use health::{health_after, health_before};
use model::serves;
use resident::{draw_resident, observe};

pub use model::{fit, quality, Fit};
pub use resident::{GroupPreference, Resident};
pub use tastes::Tastes;

use std::collections::BTreeMap;
use wor_core::area::SupportArea;
use wor_core::cases::{CaseDates, CaseOrigin, CaseOutcome, CaseStatus, HistoricCase, MapRef};
use wor_core::date::Date;
use wor_core::geo::{self, haversine_km, Municipality};
use wor_core::index::MapIndex;
use wor_core::map::Entry;
use wor_core::matching::MapSet;
use wor_core::random::{hash_str, mix, Rng};
use wor_core::referral::Channel;
use wor_core::triage::Route;

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

/// Options of one generation run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SynthOptions {
    pub seed: u64,
    /// Referral dates are drawn uniformly (weekdays) in `from..=to`.
    pub from: Date,
    pub to: Date,
}

pub(super) struct Region<'a> {
    index: &'a MapIndex,
    share: f64,
    municipalities: Vec<(&'static Municipality, f64)>,
}

/// Generates case `i` of a seeded series; cases are independent, so any subset can be made in parallel.
pub struct Generator<'a> {
    opts: SynthOptions,
    regions: Vec<Region<'a>>,
    /// How the population's tastes differ from the default one.
    tastes: Tastes,
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
            tastes: Tastes::DEFAULT,
        })
    }

    /// A population whose residents travel `scale` times as far (large: distance hardly matters;
    /// small: it matters a lot). Used to test that tuning learns a region's own distance sensitivity.
    pub fn with_tolerance_scale(mut self, scale: f64) -> Generator<'a> {
        self.tastes.tolerance_scale = scale;
        self
    }

    /// A population with other tastes (see [`Tastes`]).
    pub fn with_tastes(mut self, tastes: Tastes) -> Generator<'a> {
        self.tastes = tastes;
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
        self.tastes.apply(seed, i, &mut resident);
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
            origin: Some(CaseOrigin::Synthetic),
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

#[cfg(test)]
mod tests {
    use super::*;

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

    /// The generator frozen (issue 32): the tuner's figures compare like with like only while the same
    /// seed gives the same cases. A change to the generator must change this digest on purpose, and
    /// the README's tuning figures with it.
    #[test]
    fn the_generator_and_its_seed_are_frozen() {
        let set = crate::test_support::haarlemmermeer("2026-11-23");
        let generator = crate::test_support::generator(&set, 7, "2026-12-31");
        let lines: String = crate::test_support::cases(&generator, 300)
            .iter()
            .map(|c| serde_json::to_string(c).unwrap() + "\n")
            .collect();
        assert_eq!(
            (lines.len(), format!("{:016x}", hash_str(&lines))),
            (611_620, "58d6ae0f2c007b06".to_string())
        );
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
