//! Matching: an explained, feasible, diverse top-k of activities for one referral.
//!
//! score = need fit x feasibility. Need fit weighs the referral's areas (severity) against the areas an
//! entry serves and the form of help it gives for each (loneliness is met by meeting people, debts by
//! debt help: [`form_factor`]); feasibility multiplies factors in (0, 1] for distance, schedule, cost,
//! language, literacy, group, indication and audience. Hard filters (max distance, budget, wheelchair,
//! age, validity, a strict wish for days) are never violated. The top-k is re-ranked
//! maximal-marginal-relevance style so it covers the referral's different areas and does not fill up
//! with one organisation's near-duplicates; entries for an audience the resident is not known to belong
//! to come after all that fit.

use crate::area::{AreaSet, SupportArea};
use crate::audience::{self, Audience, AudienceSet};
use crate::date::Date;
use crate::error::{Code, FieldError};
use crate::geo::{self, Located, Point};
use crate::index::{language_bits, slot_bit, Hot, MapIndex};
use crate::map::validate::Hhmm;
use crate::map::{ActivityKind, Entry, MapStamp, TimeSlot};
use crate::referral::{shown, shown_value, DayPart, Referral, Weekday};
use crate::triage::{self, referral_areas, AreaFinding, Route};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashMap;

/// Tunable constants of the scorer, kept together so their balance is visible.
pub mod weights {
    /// Severity weight of an area found only in the free text.
    pub const DETECTED_SEVERITY: f64 = 2.0;
    /// Distance factor = FLOOR + (1 - FLOOR) * exp(-km / scale).
    /// Residents seldom keep going to something far away, but a rare service may still be worth it.
    pub const DISTANCE_FLOOR: f64 = 0.1;
    /// Distance decay scale in km by age band; smaller for older residents.
    pub const DECAY_KM_UNDER_65: f64 = 5.0;
    pub const DECAY_KM_65_74: f64 = 3.5;
    pub const DECAY_KM_75_PLUS: f64 = 2.5;
    /// Wheelchair users travel less far.
    pub const WHEELCHAIR_DECAY: f64 = 0.7;
    /// "By appointment" fits any day, but below a fixed slot at a wished moment.
    pub const BY_APPOINTMENT: f64 = 0.85;
    /// Schedule factor of fixed slots at no wished moment (half-way when the day or the part of day fits).
    pub const SCHEDULE_FLOOR: f64 = 0.3;
    pub const PAID_WITH_MONEY_WORRIES: f64 = 0.75;
    pub const LANGUAGE_MISMATCH: f64 = 0.6;
    pub const NO_DUTCH: f64 = 0.8;
    pub const NOT_LITERACY_FRIENDLY: f64 = 0.75;
    /// A stated wish for a group or one-to-one help that the entry does not meet.
    pub const GROUP_MISMATCH: f64 = 0.6;
    /// An entry meant for an audience the resident is not known to belong to (newcomers for a
    /// resident born here); `diversify` also places it after every entry that fits.
    pub const AUDIENCE_MISMATCH: f64 = 0.3;
    pub const NEEDS_INDICATION: f64 = 0.9;
    pub const COLLECTIVE_BONUS: f64 = 1.1;
    /// MMR: penalty weight of similarity to an already chosen suggestion ...
    pub const MMR_LAMBDA: f64 = 0.3;
    /// ... and the bonus for covering a referral area not yet covered.
    pub const COVERAGE_BONUS: f64 = 0.08;
    /// How much of an area's need a form of provision meets, for a group activity / one-to-one help,
    /// each when the area is the entry's main one (its highest weight) or a side one:
    /// `[group main, group side, one-to-one main, one-to-one side]`. Areas not listed: 1 throughout.
    /// Loneliness is met by meeting people: groups, walk-in places and buddies (one-to-one help whose
    /// main area is loneliness); an advice service that lists loneliness among others is not that.
    pub const FORM_LONELINESS: [f64; 4] = [1.0, 1.0, 0.9, 0.45];
    /// Debts are met by debt help; a cheap meal that lists money worries is not debt help.
    pub const FORM_DEBT: [f64; 4] = [1.0, 0.5, 1.0, 0.7];
    /// Carer strain is met by respite and carer support (the entry's main area).
    pub const FORM_CARER: [f64; 4] = [1.0, 0.7, 1.0, 0.7];
}

/// How much of the need in `area` an entry's form of provision meets, in (0, 1]: see
/// [`weights::FORM_LONELINESS`]. `group`: a group activity; `main`: the area is the entry's main one.
pub fn form_factor(area: SupportArea, group: bool, main: bool) -> f64 {
    let table = match area {
        SupportArea::Loneliness => &weights::FORM_LONELINESS,
        SupportArea::DebtPoverty => &weights::FORM_DEBT,
        SupportArea::CarerStrain => &weights::FORM_CARER,
        _ => return 1.0,
    };
    table[usize::from(!group) * 2 + usize::from(!main)]
}

/// Options of one matching run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MatchOptions {
    pub top_k: usize,
    /// Reference date for `valid_from`/`valid_to`.
    pub date: Date,
}

/// One explanation line, in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Why {
    pub code: &'static str,
    pub nl: Cow<'static, str>,
    pub en: Cow<'static, str>,
}

/// One suggested activity. Borrows the entry's texts from the map: a batch serialises them straight from
/// the index instead of copying ten suggestions' worth per referral.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion<'a> {
    pub activity_id: &'a str,
    pub name: &'a str,
    pub organisation: &'a str,
    pub description: &'a str,
    pub kind: ActivityKind,
    /// A group activity (else one-to-one help).
    pub group: bool,
    pub score: f64,
    /// The referral's areas this entry serves.
    pub areas: Vec<SupportArea>,
    pub distance_km: f64,
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

/// The result for one referral; borrows from the referral and the map.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatchResult<'a> {
    pub id: &'a str,
    pub map: &'a MapStamp,
    pub route: Route,
    pub areas: Vec<AreaFinding>,
    /// Where distances are measured from: the engine knows PC4 centroids and municipality centres, not
    /// addresses.
    pub origin: Origin,
    pub suggestions: Vec<Suggestion<'a>>,
    /// Entries a strict wish left out (`{"filter": "strict_days", "entries": 4}`), if any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub filtered: Vec<Filtered>,
    /// Why there are fewer suggestions than asked, if so.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Why>,
}

/// The point distances are measured from, and how to say so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// The PC4 area whose centroid is used; absent when only the municipality is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pc4: Option<u16>,
    pub municipality: &'static str,
    /// "vanaf postcodegebied 1181" or "vanaf het centrum van Amstelveen".
    pub nl: String,
    pub en: String,
}

impl Origin {
    fn new(pc4: Option<u16>, municipality: &'static geo::Municipality) -> Origin {
        let name = municipality.name;
        let (nl, en) = match pc4 {
            Some(pc4) => (
                format!("vanaf postcodegebied {pc4}"),
                format!("from postcode area {pc4}"),
            ),
            None => (
                format!("vanaf het centrum van {name}"),
                format!("from the centre of {name}"),
            ),
        };
        Origin {
            pc4,
            municipality: name,
            nl,
            en,
        }
    }
}

/// How many entries a filter left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Filtered {
    pub filter: &'static str,
    pub entries: u32,
}

/// Referrals in the same batch that share an area and a municipality: the basis of "collective first".
#[derive(Debug, Clone, Default)]
pub struct Demand {
    counts: HashMap<(SupportArea, &'static str), u32>,
}

impl Demand {
    /// Counts, per area and municipality, the referrals of a batch (in parallel with the `parallel`
    /// feature: it reads every referral's note, as much work as a good share of the matching).
    pub fn of(referrals: &[Referral]) -> Demand {
        type Counts = HashMap<(SupportArea, &'static str), u32>;
        let count = |mut counts: Counts, r: &Referral| {
            if let Ok((_, m)) = resident_location(r) {
                for f in referral_areas(r) {
                    *counts.entry((f.area, m.code)).or_insert(0) += 1;
                }
            }
            counts
        };
        #[cfg(feature = "parallel")]
        let counts = {
            use rayon::prelude::*;
            referrals
                .par_iter()
                .fold(Counts::new, count)
                .reduce(Counts::new, |mut all, part| {
                    for (key, n) in part {
                        *all.entry(key).or_insert(0) += n;
                    }
                    all
                })
        };
        #[cfg(not(feature = "parallel"))]
        let counts = referrals.iter().fold(Counts::new(), count);
        Demand { counts }
    }

    fn others(&self, area: SupportArea, municipality: &'static str) -> u32 {
        self.counts
            .get(&(area, municipality))
            .map_or(0, |n| n.saturating_sub(1))
    }
}

/// The resident's point: PC4 centroid when the postcode is known, else the municipality's centre.
pub fn resident_location(r: &Referral) -> Result<(Point, &'static geo::Municipality), FieldError> {
    resident_origin(r).map(|(point, origin)| (point, origin.1))
}

/// The resident's point, with the PC4 it stands for (none: the municipality's centre).
fn resident_origin(
    r: &Referral,
) -> Result<(Point, (Option<u16>, &'static geo::Municipality)), FieldError> {
    if let Some(pc4) = r.pc4() {
        if let Some(a) = geo::pc4(pc4) {
            return Ok((
                Point {
                    lat: a.lat,
                    lon: a.lon,
                },
                (Some(pc4), a.municipality),
            ));
        }
    }
    if let Some(name) = r.municipality.as_deref() {
        return geo::municipality(name)
            .map(|m| (Point { lat: m.lat, lon: m.lon }, (None, m)))
            .ok_or_else(|| {
                FieldError::new(
                    "municipality",
                    Code::UnknownValue,
                    format!("{} is not a municipality of Zuid-Holland Noord, Amstelland or Haarlemmermeer", shown(name)),
                )
                .with("value", shown_value(name))
            });
    }
    let postcode = r.postcode.as_deref().unwrap_or("");
    Err(FieldError::new(
        "postcode",
        Code::UnknownValue,
        format!(
            "postcode {} is not in the regions' PC4 table; add the municipality",
            shown(postcode)
        ),
    )
    .with("value", shown_value(postcode)))
}

/// Matches one referral against one region's index.
pub fn match_referral<'a>(
    index: &'a MapIndex,
    r: &'a Referral,
    opts: &MatchOptions,
    demand: Option<&Demand>,
) -> Result<MatchResult<'a>, FieldError> {
    let (home, (pc4, municipality)) = resident_origin(r)?;
    let (route, areas) = triage::route_with(r, index.policy());
    let mut result = MatchResult {
        id: &r.id,
        map: &index.stamp,
        route,
        areas,
        origin: Origin::new(pc4, municipality),
        suggestions: Vec::new(),
        filtered: Vec::new(),
        notes: Vec::new(),
    };
    if matches!(route, Route::Urgent | Route::NotEligible) {
        result.notes.push(Why {
            code: "route",
            nl: format!("Geen activiteiten: {}.", route.label_nl().to_lowercase()).into(),
            en: format!("No activities: {}.", lower_first(route.label_en())).into(),
        });
        return Ok(result);
    }
    if result.areas.is_empty() {
        result.notes.push(Why {
            code: "no_areas",
            nl: "Geen ondersteuningsgebied gevonden: vul gebieden in of beschrijf de hulpvraag."
                .into(),
            en: "No support area found: select areas or describe the question.".into(),
        });
        return Ok(result);
    }
    let ctx = Context::new(index, r, &result.areas, home, municipality, opts.date);
    let areas: Vec<SupportArea> = result.areas.iter().map(|f| f.area).collect();
    let scored = best_candidates(index, &ctx, &areas, demand, pool_size(opts.top_k));
    let chosen = diversify(index, &ctx, scored, opts.top_k);
    let wished_group_moment = chosen.iter().any(|s| {
        let h = &index.hot[s.entry as usize];
        h.group && !h.by_appointment && h.slot_bits & ctx.slots_both != 0
    });
    result.suggestions = chosen
        .into_iter()
        .map(|s| suggestion(&index.entries[s.entry as usize], &ctx, &result.origin, s))
        .collect();
    if r.preferences.strict_days {
        let n = strictly_filtered(index, &ctx, &areas);
        result.filtered.push(Filtered {
            filter: "strict_days",
            entries: n,
        });
        result.notes.push(Why {
            code: "strict_days",
            nl: format!("Alleen de gewenste dagen en dagdelen: {n} weggelaten (vaste tijden op andere momenten).").into(),
            en: format!("Only the wished days and parts of day: {n} left out (fixed times at other moments).").into(),
        });
    }
    // A lonely resident, or one who wants a group, should hear when no group meets at a wished moment.
    let p = &r.preferences;
    let wants_group = p.group == Some(true)
        || (p.group.is_none() && ctx.need_set.contains(SupportArea::Loneliness));
    if wants_group && !(p.days.is_empty() && p.times.is_empty()) && !wished_group_moment {
        result.notes.push(Why {
            code: "no_group_at_wished_moment",
            nl: "Geen van deze suggesties is een groep op een gewenste dag en dagdeel.".into(),
            en: "None of these suggestions is a group on a wished day and part of day.".into(),
        });
    }
    if result.suggestions.len() < opts.top_k {
        result.notes.push(Why {
            code: "few_results",
            nl: format!("{} van {} gevraagde suggesties: de harde eisen (afstand, budget, rolstoel, leeftijd) laten niet meer toe.", result.suggestions.len(), opts.top_k).into(),
            en: format!("{} of {} requested suggestions: the hard requirements (distance, budget, wheelchair, age) allow no more.", result.suggestions.len(), opts.top_k).into(),
        });
    }
    Ok(result)
}

/// Everything about the referral the scorer needs, computed once.
struct Context<'a> {
    r: &'a Referral,
    home: Point,
    home_at: Located,
    municipality: &'static geo::Municipality,
    /// (area, severity weight)
    needs: Vec<(SupportArea, f64)>,
    need_total: f64,
    need_set: AreaSet,
    decay_km: f64,
    literacy_in_play: bool,
    money_worries: bool,
    /// Age for the age-range filter (validated 0..=120).
    age: u32,
    /// Audiences the resident belongs to: derived from age and areas, plus the referral's own.
    audiences: AudienceSet,
    /// The reference date as days since 1970-01-01.
    day: i64,
    /// Slot bits (see [`slot_bit`]) matching both the preferred days and times, and either of them.
    slots_both: u32,
    slots_either: u32,
    /// The stated languages as bits of the map's language table (see [`Hot::language_bits`]).
    wanted_languages: u64,
}

impl<'a> Context<'a> {
    fn new(
        index: &MapIndex,
        r: &'a Referral,
        areas: &[AreaFinding],
        home: Point,
        municipality: &'static geo::Municipality,
        date: Date,
    ) -> Self {
        let needs: Vec<(SupportArea, f64)> = areas
            .iter()
            .map(|f| {
                (
                    f.area,
                    f.severity.map_or(weights::DETECTED_SEVERITY, f64::from),
                )
            })
            .collect();
        let need_set: AreaSet = needs.iter().map(|(a, _)| *a).collect();
        let base = match r.age {
            ..65 => weights::DECAY_KM_UNDER_65,
            65..75 => weights::DECAY_KM_65_74,
            _ => weights::DECAY_KM_75_PLUS,
        };
        let mut decay_km = match r.preferences.max_km {
            Some(max) => max / 2.0,
            None => base,
        };
        if r.preferences.wheelchair {
            decay_km *= weights::WHEELCHAIR_DECAY;
        }
        Context {
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
        }
    }
}

/// The slot bits whose weekday and part of day pass `keep(day preferred, time preferred)`; an empty
/// preference accepts every day or time.
fn slot_mask(r: &Referral, keep: fn(bool, bool) -> bool) -> u32 {
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
    fn fit_bound(&self, served: AreaSet) -> f64 {
        self.needs
            .iter()
            .filter(|(a, _)| served.contains(*a))
            .map(|(_, w)| w)
            .sum::<f64>()
            / self.need_total
    }
}

#[derive(Debug, Clone, Copy)]
struct Scored {
    entry: u32,
    score: f64,
    distance_km: f64,
    /// Other referrals in the batch this group activity could take along.
    collective: u32,
}

/// How many of the best-scoring entries the diversity re-rank chooses from.
fn pool_size(top_k: usize) -> usize {
    top_k.saturating_mul(3).max(24)
}

/// What a candidate must beat to enter the pool: an entry scoring at most its fit x feasibility x
/// `reach` is skipped when that stays below `worst` (the pool's worst score, -inf while not full).
#[derive(Debug, Clone, Copy)]
struct Cutoff {
    reach: f64,
    worst: f64,
}

#[cfg(test)]
impl Cutoff {
    const NONE: Cutoff = Cutoff {
        reach: 1.0,
        worst: f64::NEG_INFINITY,
    };
}

/// A candidate ordered by rank: `Greater` means ranked lower (lower score, then higher id). The order is
/// total because entry indices are unique, so the best `pool` are the same whatever the visiting order.
struct ByRank(Scored);

impl Ord for ByRank {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        other
            .0
            .score
            .total_cmp(&self.0.score)
            .then(self.0.entry.cmp(&other.0.entry))
    }
}

impl PartialOrd for ByRank {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for ByRank {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for ByRank {}

/// The `pool` best-scoring entries, best first (by score, then id), found by visiting grid cells nearest
/// first and stopping as soon as no entry in a farther cell can still score above the pool's worst. The
/// result is exactly what scoring every entry would give; the cost grows with the candidates, not the map.
fn best_candidates(
    index: &MapIndex,
    ctx: &Context,
    areas: &[SupportArea],
    demand: Option<&Demand>,
    pool: usize,
) -> Vec<Scored> {
    use std::collections::BinaryHeap;
    if pool == 0 {
        return Vec::new();
    }
    // An entry serving several of the referral's areas sits in several areas' cells: score it once.
    let mut seen = vec![0u64; index.entries.len().div_ceil(64)];
    // The pool so far, its worst-ranked entry on top.
    let mut best: BinaryHeap<ByRank> = BinaryHeap::with_capacity(pool.min(index.entries.len()) + 1);
    let bonus = if demand.is_some() {
        weights::COLLECTIVE_BONUS
    } else {
        1.0
    };
    for visit in index.cells_near(areas, ctx.home) {
        if ctx
            .r
            .preferences
            .max_km
            .is_some_and(|max| visit.min_km > max)
        {
            break;
        }
        // The most any entry of this cell can score, before its own fit and feasibility.
        let reach = distance_factor(visit.min_km, ctx.decay_km) * bonus;
        if best.len() == pool {
            let worst = best.peek().map_or(0.0, |w| w.0.score);
            if worst > reach.min(1.0) {
                break; // cells come nearest first: no farther entry can score above the pool's worst
            }
            if worst > reach.min(1.0) * ctx.fit_bound(visit.areas) {
                continue; // nothing in this cell serves enough of the referral's areas
            }
        }
        for &(i, ref h) in visit.entries {
            let (word, bit) = ((i / 64) as usize, 1u64 << (i % 64));
            if seen[word] & bit != 0 {
                continue;
            }
            seen[word] |= bit;
            let worst = if best.len() == pool {
                best.peek().map_or(0.0, |w| w.0.score)
            } else {
                f64::NEG_INFINITY
            };
            let Some(s) = score_entry(index, i, h, ctx, demand, Cutoff { reach, worst }) else {
                continue;
            };
            if best.len() < pool {
                best.push(ByRank(s));
            } else if best.peek().is_some_and(|w| ByRank(s) < *w) {
                best.pop();
                best.push(ByRank(s));
            }
        }
    }
    best.into_sorted_vec().into_iter().map(|r| r.0).collect()
}

/// Hard filters, then need fit x feasibility. `None` when a hard filter excludes the entry. Reads the
/// packed [`Hot`] fields; the full entry only when the resident stated days, times or languages.
fn score_entry(
    index: &MapIndex,
    i: u32,
    h: &Hot,
    ctx: &Context,
    demand: Option<&Demand>,
    cutoff: Cutoff,
) -> Option<Scored> {
    let p = &ctx.r.preferences;
    let fit = need_fit(h, ctx);
    if fit <= 0.0 || excluded_but_for_distance(h, ctx) || outside_strict_days(h, ctx) {
        return None;
    }
    // From the packed slot bits: 1 when a slot fits both the preferred days and times, half when it
    // fits one of them.
    let schedule = if p.days.is_empty() && p.times.is_empty() {
        1.0
    } else if h.by_appointment {
        weights::BY_APPOINTMENT
    } else {
        let best_fit = if h.slot_bits & ctx.slots_both != 0 {
            1.0
        } else if h.slot_bits & ctx.slots_either != 0 {
            0.5
        } else {
            0.0
        };
        weights::SCHEDULE_FLOOR + (1.0 - weights::SCHEDULE_FLOOR) * best_fit
    };
    let language = if !p.languages.is_empty() {
        if speaks_a_wanted_language(index, i, h, ctx) {
            1.0
        } else {
            weights::LANGUAGE_MISMATCH
        }
    } else if h.speaks_dutch {
        1.0
    } else {
        weights::NO_DUTCH
    };
    let feasibility = schedule
        * cost_factor(h.cost_eur_per_month, ctx)
        * language
        * if ctx.literacy_in_play && !h.low_literacy_friendly {
            weights::NOT_LITERACY_FRIENDLY
        } else {
            1.0
        }
        * match p.group {
            Some(g) if g != h.group => weights::GROUP_MISMATCH,
            _ => 1.0,
        }
        * if h.requires_indication {
            weights::NEEDS_INDICATION
        } else {
            1.0
        }
        * if audience_fits(h, ctx) {
            1.0
        } else {
            weights::AUDIENCE_MISMATCH
        };
    // Most candidates cannot reach the pool: skip the great-circle distance and its decay for them
    // (the margin absorbs rounding, so that an exact tie with the pool's worst is still scored).
    if fit * feasibility * cutoff.reach * (1.0 + 1e-9) < cutoff.worst {
        return None;
    }
    let distance_km = ctx.home_at.km_to(&h.at);
    if p.max_km.is_some_and(|max| distance_km > max) {
        return None;
    }
    let mut score = fit * distance_factor(distance_km, ctx.decay_km) * feasibility;
    let collective = match demand {
        Some(d) if h.group => ctx
            .needs
            .iter()
            .filter(|(a, _)| h.area_set.contains(*a))
            .map(|(a, _)| d.others(*a, ctx.municipality.code))
            .max()
            .unwrap_or(0),
        _ => 0,
    };
    if collective > 0 {
        score = (score * weights::COLLECTIVE_BONUS).min(1.0);
    }
    Some(Scored {
        entry: i,
        score,
        distance_km,
        collective,
    })
}

/// The severity-weighted share of the referral's need the entry meets, each area weighted by the form
/// of provision ([`form_factor`]).
fn need_fit(h: &Hot, ctx: &Context) -> f64 {
    ctx.needs
        .iter()
        .map(|(area, w)| {
            let served = f64::from(h.weights[area.index()]);
            if served == 0.0 {
                0.0
            } else {
                w * served * form_factor(*area, h.group, h.main_areas.contains(*area))
            }
        })
        .sum::<f64>()
        / ctx.need_total
}

/// The hard filters other than distance and the strict wish for days: budget, wheelchair, age, validity.
fn excluded_but_for_distance(h: &Hot, ctx: &Context) -> bool {
    let p = &ctx.r.preferences;
    p.max_eur_per_month
        .is_some_and(|max| h.cost_eur_per_month > max)
        || (p.wheelchair && !h.wheelchair_accessible)
        || ctx.age < h.min_age
        || ctx.age > h.max_age
        || ctx.day < h.valid_from
        || ctx.day > h.valid_to
}

/// The strict wish ("alleen deze dagen"): fixed slots must include a wished moment; by appointment fits.
fn outside_strict_days(h: &Hot, ctx: &Context) -> bool {
    ctx.r.preferences.strict_days && !h.by_appointment && h.slot_bits & ctx.slots_both == 0
}

fn audience_fits(h: &Hot, ctx: &Context) -> bool {
    h.audience.is_empty() || h.audience.intersects(ctx.audiences)
}

/// How many entries serving the referral's areas pass every other hard filter but the strict wish for
/// days. A full pass over those entries (the pruned search stops early); only run when the wish is set.
fn strictly_filtered(index: &MapIndex, ctx: &Context, areas: &[SupportArea]) -> u32 {
    let mut seen = vec![0u64; index.entries.len().div_ceil(64)];
    let max_km = ctx.r.preferences.max_km;
    let mut n = 0;
    for visit in index.cells_near(areas, ctx.home) {
        if max_km.is_some_and(|max| visit.min_km > max) {
            break;
        }
        for &(i, ref h) in visit.entries {
            let (word, bit) = ((i / 64) as usize, 1u64 << (i % 64));
            if seen[word] & bit != 0 {
                continue;
            }
            seen[word] |= bit;
            if outside_strict_days(h, ctx)
                && !excluded_but_for_distance(h, ctx)
                && max_km.is_none_or(|max| ctx.home_at.km_to(&h.at) <= max)
            {
                n += 1;
            }
        }
    }
    n
}

fn distance_factor(km: f64, decay_km: f64) -> f64 {
    weights::DISTANCE_FLOOR + (1.0 - weights::DISTANCE_FLOOR) * (-km / decay_km).exp()
}

/// The earliest slot that fits both the preferred days and times, if preferences were given.
fn fitting_slot(e: &Entry, ctx: &Context) -> Option<TimeSlot> {
    let p = &ctx.r.preferences;
    if (p.days.is_empty() && p.times.is_empty()) || e.by_appointment {
        return None;
    }
    e.slots
        .iter()
        .copied()
        .filter(|s| ctx.slots_both & slot_bit(s.day, DayPart::of_minute(s.start)) != 0)
        .min()
}

fn cost_factor(cost: f64, ctx: &Context) -> f64 {
    match ctx.r.preferences.max_eur_per_month {
        Some(budget) if budget > 0.0 => 1.0 - 0.15 * (cost / budget),
        Some(_) => 1.0,
        None if ctx.money_worries && cost > 0.0 => weights::PAID_WITH_MONEY_WORRIES,
        None => 1.0 - cost.min(60.0) / 300.0,
    }
}

/// True when the entry speaks a language the resident stated. Decided from the packed bits; only an
/// entry with a language beyond the map's first 64 needs its full list (a stated language outside the
/// map's table can only be one of those).
fn speaks_a_wanted_language(index: &MapIndex, i: u32, h: &Hot, ctx: &Context) -> bool {
    h.language_bits & ctx.wanted_languages != 0
        || (h.more_languages
            && index.entries[i as usize]
                .languages
                .iter()
                .any(|l| ctx.r.preferences.languages.contains(l)))
}

/// Greedy maximal-marginal-relevance selection of `k` suggestions.
fn diversify(index: &MapIndex, ctx: &Context, mut pool: Vec<Scored>, k: usize) -> Vec<Scored> {
    // Maximal marginal relevance; `pool` comes best first, so ties go to the better-ranked entry.
    let mut max_sim = vec![0.0f64; pool.len()];
    let mut chosen: Vec<Scored> = Vec::with_capacity(k.min(pool.len()));
    let mut covered = AreaSet::default();
    while chosen.len() < k && !pool.is_empty() {
        let mut best: Option<(usize, f64)> = None;
        for (i, cand) in pool.iter().enumerate() {
            let new_area = index.hot[cand.entry as usize]
                .area_set
                .intersection(ctx.need_set)
                .iter()
                .any(|a| !covered.contains(a));
            // Scores lie in [0, 1]: minus 2 places an entry for another audience after all that fit.
            let value = cand.score - weights::MMR_LAMBDA * max_sim[i]
                + if new_area && !chosen.is_empty() {
                    weights::COVERAGE_BONUS
                } else {
                    0.0
                }
                - if audience_fits(&index.hot[cand.entry as usize], ctx) {
                    0.0
                } else {
                    2.0
                };
            if best.is_none_or(|(_, v)| value > v) {
                best = Some((i, value));
            }
        }
        let Some((i, _)) = best else { break };
        let pick = pool.remove(i);
        max_sim.remove(i);
        covered = covered.union(index.hot[pick.entry as usize].area_set);
        // Only the new pick can raise a candidate's similarity to the chosen set.
        for (cand, sim) in pool.iter().zip(max_sim.iter_mut()) {
            let same_org = index.org_ids[cand.entry as usize] == index.org_ids[pick.entry as usize];
            *sim = sim.max(similarity(
                &index.hot[cand.entry as usize],
                &index.hot[pick.entry as usize],
                same_org,
                ctx.need_set,
            ));
        }
        chosen.push(pick);
    }
    chosen
}

/// Similarity of two entries as the resident sees them: same organisation, same referral areas.
fn similarity(a: &Hot, b: &Hot, same_org: bool, need: AreaSet) -> f64 {
    let (sa, sb) = (a.area_set.intersection(need), b.area_set.intersection(need));
    let union = sa.union(sb).len();
    let jaccard = if union > 0 {
        sa.intersection(sb).len() as f64 / union as f64
    } else {
        0.0
    };
    0.6 * f64::from(u8::from(same_org)) + 0.4 * jaccard
}

fn round_to(x: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (x * f).round() / f
}

/// One explanation text, written in place with a single allocation.
fn text(write: impl FnOnce(&mut String)) -> Cow<'static, str> {
    let mut s = String::with_capacity(64);
    write(&mut s);
    Cow::Owned(s)
}

/// `s` with its first letter in lower case, so Dutch names inside it keep their capitals.
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

/// Kilometres to one decimal with the language's separator ("1,2" or "1.2"): the same rounding as
/// the `distance_km` field.
fn push_km(s: &mut String, km: f64, separator: char) {
    use std::fmt::Write;
    let tenths = (km * 10.0).round() as u64;
    let _ = write!(s, "{}{separator}{}", tenths / 10, tenths % 10);
}

/// Whole euros as "12", otherwise with cents and the language's separator: "12,50" or "12.50".
fn push_euro(s: &mut String, eur: f64, separator: char) {
    use std::fmt::Write;
    if eur.fract() == 0.0 {
        let _ = write!(s, "{eur:.0}");
    } else {
        let start = s.len();
        let _ = write!(s, "{eur:.2}");
        if let Some(dot) = s[start..].find('.') {
            s.replace_range(
                start + dot..start + dot + 1,
                separator.encode_utf8(&mut [0; 4]),
            );
        }
    }
}

/// "a", "a en b", "a, b en c".
fn push_list(s: &mut String, names: impl ExactSizeIterator<Item = &'static str>, and: &str) {
    let n = names.len();
    for (i, name) in names.enumerate() {
        if i > 0 {
            s.push_str(if i + 1 == n { and } else { ", " });
        }
        s.push_str(name);
    }
}

/// "10:30-12:30".
fn push_span(s: &mut String, slot: &TimeSlot) {
    Hhmm(slot.start).push_to(s);
    s.push('-');
    Hhmm(slot.end).push_to(s);
}

fn suggestion<'a>(e: &'a Entry, ctx: &Context, origin: &Origin, s: Scored) -> Suggestion<'a> {
    let served: Vec<SupportArea> = e
        .areas
        .iter()
        .map(|(a, _)| *a)
        .filter(|a| ctx.need_set.contains(*a))
        .collect();
    let mut why = Vec::with_capacity(8);
    let mut add = |code: &'static str, nl: Cow<'static, str>, en: Cow<'static, str>| {
        why.push(Why { code, nl, en })
    };
    add(
        "areas",
        text(|t| {
            t.push_str("helpt bij ");
            push_list(t, served.iter().map(|a| a.short_nl()), " en ");
        }),
        text(|t| {
            t.push_str("serves ");
            push_list(t, served.iter().map(|a| a.short_en()), " and ");
        }),
    );
    let main = e.main_areas();
    for &area in &served {
        let factor = form_factor(area, e.group, main.contains(area));
        if let Some((nl, en)) = form_why(area, factor == 1.0) {
            add("form", nl.into(), en.into());
        }
    }
    if !e.audience.is_empty() {
        let fits = e.audience.intersects(ctx.audiences);
        let shown: Vec<Audience> = e
            .audience
            .iter()
            .filter(|a| !fits || ctx.audiences.contains(*a))
            .collect();
        add(
            "audience",
            text(|t| {
                t.push_str(if fits { "voor " } else { "bedoeld voor " });
                push_list(t, shown.iter().map(|a| a.label_nl()), " en ");
                if !fits {
                    t.push_str("; niet bekend dat de inwoner daarbij hoort (lager gerangschikt)");
                }
            }),
            text(|t| {
                t.push_str(if fits { "for " } else { "meant for " });
                push_list(t, shown.iter().map(|a| a.label_en()), " and ");
                if !fits {
                    t.push_str("; the resident is not known to belong to them (ranked lower)");
                }
            }),
        );
    }
    add(
        "distance",
        text(|t| {
            push_km(t, s.distance_km, ',');
            t.push_str(" km ");
            t.push_str(&origin.nl);
        }),
        text(|t| {
            push_km(t, s.distance_km, '.');
            t.push_str(" km ");
            t.push_str(&origin.en);
        }),
    );
    if e.by_appointment {
        add("schedule", "op afspraak".into(), "by appointment".into());
    } else if let Some(slot) = fitting_slot(e, ctx) {
        let part = DayPart::of_minute(slot.start);
        add(
            "schedule",
            text(|t| {
                t.push_str(slot.day.label_nl());
                t.push_str(part.label_nl());
                t.push_str(" past (");
                push_span(t, &slot);
                t.push(')');
            }),
            text(|t| {
                t.push_str(slot.day.label_en());
                t.push(' ');
                t.push_str(part.label_en());
                t.push_str(" fits (");
                push_span(t, &slot);
                t.push(')');
            }),
        );
    } else if let Some(slot) = e.slots.first() {
        let p = &ctx.r.preferences;
        let (off_nl, off_en) = if p.days.is_empty() && p.times.is_empty() {
            ("", "")
        } else {
            (
                " (past niet bij de voorkeur)",
                " (outside the preferred days or times)",
            )
        };
        add(
            "schedule",
            text(|t| {
                t.push_str(slot.day.label_nl());
                t.push(' ');
                push_span(t, slot);
                t.push_str(off_nl);
            }),
            text(|t| {
                t.push_str(slot.day.label_en());
                t.push(' ');
                push_span(t, slot);
                t.push_str(off_en);
            }),
        );
    }
    if e.cost_eur_per_month == 0.0 {
        add("cost", "gratis".into(), "free".into());
    } else {
        let within = ctx.r.preferences.max_eur_per_month.is_some();
        add(
            "cost",
            text(|t| {
                t.push_str("€ ");
                push_euro(t, e.cost_eur_per_month, ',');
                t.push_str(" per maand");
                t.push_str(if within { " (binnen budget)" } else { "" });
            }),
            text(|t| {
                t.push('€');
                push_euro(t, e.cost_eur_per_month, '.');
                t.push_str(" per month");
                t.push_str(if within { " (within budget)" } else { "" });
            }),
        );
    }
    let wanted = &ctx.r.preferences.languages;
    if let Some(l) = e
        .languages
        .iter()
        .find(|l| wanted.contains(l) && l.as_str() != "nl")
    {
        add(
            "language",
            text(|t| {
                t.push_str("ook in het ");
                t.push_str(crate::language::label_nl(l));
            }),
            text(|t| {
                t.push_str("also in ");
                t.push_str(crate::language::label_en(l));
            }),
        );
    }
    if e.wheelchair_accessible {
        add(
            "wheelchair",
            "rolstoeltoegankelijk".into(),
            "wheelchair accessible".into(),
        );
    }
    if ctx.literacy_in_play && e.low_literacy_friendly {
        add(
            "literacy",
            "geschikt als lezen moeilijk is".into(),
            "suitable when reading is hard".into(),
        );
    }
    if e.group {
        add("group", "in een groep".into(), "in a group".into());
    } else if ctx.r.preferences.group == Some(false) {
        add("group", "individueel".into(), "one-to-one".into());
    }
    if s.collective > 0 {
        add(
            "collective",
            format!(
                "samen met {} andere verwezen inwoner(s) uit {}",
                s.collective, ctx.municipality.name
            )
            .into(),
            format!(
                "together with {} other referred resident(s) from {}",
                s.collective, ctx.municipality.name
            )
            .into(),
        );
    }
    if e.requires_indication {
        add(
            "indication",
            "Wmo-voorziening: de gemeente moet eerst een indicatie geven".into(),
            "Wmo provision: needs an indication from the municipality first".into(),
        );
    }
    Suggestion {
        activity_id: &e.id,
        name: &e.name,
        organisation: &e.organisation,
        description: &e.description,
        kind: e.kind,
        group: e.group,
        score: round_to(s.score, 4),
        areas: served,
        distance_km: round_to(s.distance_km, 1),
        schedule: Schedule(&e.slots),
        by_appointment: e.by_appointment,
        cost_eur_per_month: e.cost_eur_per_month,
        requires_indication: e.requires_indication,
        address: &e.address,
        postcode: &e.postcode,
        contact: &e.contact,
        why,
    }
}

/// Why the form of provision does or does not meet an area's need (areas with a form table only).
fn form_why(area: SupportArea, full: bool) -> Option<(&'static str, &'static str)> {
    Some(match (area, full) {
        (SupportArea::Loneliness, true) => ("samen met anderen", "with other people"),
        (SupportArea::Loneliness, false) => (
            "één-op-één; bij eenzaamheid helpt vooral ontmoeten (groep, maatje, inloop)",
            "one-to-one; loneliness needs meeting people (group, buddy, walk-in)",
        ),
        (SupportArea::DebtPoverty, true) => {
            ("hulp bij geld en schulden", "help with money and debts")
        }
        (SupportArea::DebtPoverty, false) => ("geen schuldhulp", "not debt help"),
        (SupportArea::CarerStrain, true) => ("steun voor mantelzorgers", "support for carers"),
        (SupportArea::CarerStrain, false) => (
            "geen respijtzorg of mantelzorgsteun",
            "not respite or carer support",
        ),
        _ => return None,
    })
}

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
        match_referral(self.for_referral(r)?, r, opts, demand)
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
        let one = |r: &'a Referral| then(self.match_one(r, opts, demand));
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            referrals.par_iter().map(one).collect()
        }
        #[cfg(not(feature = "parallel"))]
        {
            referrals.iter().map(one).collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{SocialMap, Strictness};

    /// A synthetic map from wor-map. wor-map builds on its own copy of this crate, whose types differ
    /// from the ones under test: the map crosses over as JSON, as it would from a file.
    fn generate(entries: usize, seed: u64, date: Date) -> SocialMap {
        let map = wor_map::generate::generate(entries, seed, date.to_string().parse().unwrap());
        SocialMap::from_json(&serde_json::to_string(&map).unwrap())
            .unwrap()
            .value
    }

    /// A one-region map of Leiden entries; each entry is `(id, fields)` with `fields` JSON members
    /// added to (or overriding) a free, weekly Tuesday-morning group activity for loneliness.
    fn tiny(entries: &[(&str, &str)]) -> MapIndex {
        let list: Vec<String> = entries
            .iter()
            .map(|(id, fields)| {
                let mut e: serde_json::Value = serde_json::from_str(&format!(
                    r#"{{"id":"{id}","name":"{id}","organisation":"{id}","kind":"activity","group":true,
                    "areas":["loneliness"],"municipality":"GM0546","location":{{"lat":52.158,"lon":4.493}},
                    "schedule":[{{"day":"tue","start":"10:00","end":"12:00"}}],"cost_eur_per_month":0,
                    "languages":["nl"],"last_verified":"2026-11-01"}}"#
                ))
                .unwrap();
                let extra: serde_json::Value = serde_json::from_str(&format!("{{{fields}}}")).unwrap();
                for (k, v) in extra.as_object().unwrap() {
                    e[k] = v.clone();
                }
                e.to_string()
            })
            .collect();
        let json = format!(
            r#"{{"schema":"wor-social-map/1","region":{{"id":"t","name":"T"}},"version":"1","published":"2026-11-01",
            "municipalities":[{{"code":"GM0546","name":"Leiden"}}],"activities":[{}]}}"#,
            list.join(",")
        );
        let date: Date = "2026-11-23".parse().unwrap();
        MapIndex::build(&SocialMap::from_json(&json).unwrap().value, date).unwrap()
    }

    /// The ids of the suggestions for `referral` (JSON members after id, consent), best first.
    fn ranked<'a>(index: &'a MapIndex, referral: &'a Referral) -> MatchResult<'a> {
        let opts = MatchOptions {
            top_k: 10,
            date: "2026-11-23".parse().unwrap(),
        };
        match_referral(index, referral, &opts, None).unwrap()
    }

    fn referral(fields: &str) -> Referral {
        Referral::from_json(
            &format!(r#"{{"id":"r","consent":true,{fields}}}"#),
            Strictness::Strict,
        )
        .unwrap()
        .value
    }

    fn order<'a>(result: &'a MatchResult) -> Vec<&'a str> {
        result.suggestions.iter().map(|s| s.activity_id).collect()
    }

    fn why<'a>(result: &'a MatchResult, id: &str, code: &str) -> Vec<&'a str> {
        result
            .suggestions
            .iter()
            .find(|s| s.activity_id == id)
            .unwrap()
            .why
            .iter()
            .filter(|w| w.code == code)
            .map(|w| w.nl.as_ref())
            .collect()
    }

    #[test]
    fn the_form_of_provision_weighs_in_the_need_fit() {
        assert_eq!(form_factor(SupportArea::Loneliness, true, false), 1.0);
        assert_eq!(form_factor(SupportArea::Loneliness, false, true), 0.9);
        assert_eq!(form_factor(SupportArea::Loneliness, false, false), 0.45);
        assert_eq!(form_factor(SupportArea::DebtPoverty, true, false), 0.5);
        assert_eq!(form_factor(SupportArea::DebtPoverty, false, true), 1.0);
        assert_eq!(form_factor(SupportArea::CarerStrain, false, false), 0.7);
        assert_eq!(form_factor(SupportArea::Lifestyle, false, false), 1.0);
        // A one-to-one service listing loneliness among several areas at full weight (no main area)
        // loses to a group that serves loneliness less fully; a buddy (loneliness its main area) does not.
        let index = tiny(&[
            (
                "advice",
                r#""kind":"service","group":false,"schedule":"by_appointment","areas":["home_support","loneliness","debt_poverty"]"#,
            ),
            (
                "buddy",
                r#""kind":"service","group":false,"schedule":"by_appointment","areas":["loneliness",{"area":"home_support","weight":0.5}]"#,
            ),
            ("group", r#""areas":[{"area":"loneliness","weight":0.8}]"#),
        ]);
        let r = referral(r#""age":50,"municipality":"Leiden","areas":[{"area":"loneliness"}]"#);
        let result = ranked(&index, &r);
        assert_eq!(order(&result), ["buddy", "group", "advice"]);
        assert_eq!(
            why(&result, "advice", "form"),
            ["één-op-één; bij eenzaamheid helpt vooral ontmoeten (groep, maatje, inloop)"]
        );
        assert_eq!(why(&result, "group", "form"), ["samen met anderen"]);
        // Debts: debt help (its main area) above a cheap meal that lists money worries.
        let index = tiny(&[
            (
                "meal",
                r#""areas":["loneliness",{"area":"debt_poverty","weight":0.9}]"#,
            ),
            (
                "debt-help",
                r#""kind":"service","group":false,"schedule":"by_appointment","areas":[{"area":"debt_poverty","weight":0.9}]"#,
            ),
        ]);
        let r = referral(r#""age":50,"municipality":"Leiden","areas":[{"area":"debt_poverty"}]"#);
        let result = ranked(&index, &r);
        assert_eq!(order(&result), ["debt-help", "meal"]);
        assert_eq!(why(&result, "meal", "form"), ["geen schuldhulp"]);
    }

    #[test]
    fn an_entry_for_another_audience_comes_after_all_that_fit() {
        // The newcomers' service is nearer and serves more; the others still come first.
        let index = tiny(&[
            (
                "far-walk",
                r#""location":{"lat":52.20,"lon":4.55},"areas":[{"area":"loneliness","weight":0.3}]"#,
            ),
            (
                "for-newcomers",
                r#""audience":["newcomers"],"areas":["loneliness","life_event"]"#,
            ),
            (
                "for-older",
                r#""audience":["older_adults","men"],"areas":[{"area":"loneliness","weight":0.5}]"#,
            ),
        ]);
        let r = referral(
            r#""age":74,"municipality":"Leiden","areas":[{"area":"loneliness"},{"area":"life_event"}]"#,
        );
        let result = ranked(&index, &r);
        assert_eq!(order(&result), ["for-older", "far-walk", "for-newcomers"]);
        assert_eq!(why(&result, "for-older", "audience"), ["voor ouderen"]);
        assert_eq!(
            why(&result, "for-newcomers", "audience"),
            ["bedoeld voor nieuwkomers; niet bekend dat de inwoner daarbij hoort (lager gerangschikt)"]
        );
        // The referrer knows she is a newcomer: then it fits and ranks on its merits.
        let r = referral(
            r#""age":74,"municipality":"Leiden","audience":["newcomers"],"areas":[{"area":"loneliness"},{"area":"life_event"}]"#,
        );
        let result = ranked(&index, &r);
        assert_eq!(order(&result)[0], "for-newcomers");
        // Derived audiences count: a 40-year-old is no older adult, but a carer through carer strain.
        let index = tiny(&[
            (
                "carers-cafe",
                r#""audience":["carers"],"areas":["carer_strain"]"#,
            ),
            (
                "older-cafe",
                r#""audience":["older_adults"],"areas":["carer_strain"],"location":{"lat":52.159,"lon":4.493}"#,
            ),
        ]);
        let r = referral(r#""age":40,"municipality":"Leiden","areas":[{"area":"carer_strain"}]"#);
        assert_eq!(order(&ranked(&index, &r)), ["carers-cafe", "older-cafe"]);
    }

    #[test]
    fn wishes_move_the_ranking() {
        let index = tiny(&[
            (
                "appointment",
                r#""kind":"service","group":false,"schedule":"by_appointment""#,
            ),
            ("tue-morning", ""),
            (
                "wed-evening",
                r#""schedule":[{"day":"wed","start":"19:00","end":"21:00"}]"#,
            ),
        ]);
        let base = r#""age":50,"municipality":"Leiden","areas":[{"area":"loneliness"}]"#;
        // A fixed slot on a wished morning, then by appointment, then a slot at another moment.
        let r = referral(&format!(
            r#"{base},"preferences":{{"days":["tue"],"times":["morning"]}}"#
        ));
        assert_eq!(
            order(&ranked(&index, &r)),
            ["tue-morning", "appointment", "wed-evening"]
        );
        let r = referral(&format!(r#"{base},"preferences":{{"days":["wed"]}}"#));
        assert_eq!(order(&ranked(&index, &r))[0], "wed-evening");
        // One-to-one wished: the service comes first; a group wished: it comes last.
        let r = referral(&format!(r#"{base},"preferences":{{"group":false}}"#));
        assert_eq!(order(&ranked(&index, &r))[0], "appointment");
        let r = referral(&format!(
            r#"{base},"preferences":{{"group":true,"days":["wed"]}}"#
        ));
        assert_eq!(order(&ranked(&index, &r))[2], "appointment");
        // Strict: the Wednesday evening is left out and counted; by appointment stays.
        let r = referral(&format!(
            r#"{base},"preferences":{{"days":["tue"],"strict_days":true}}"#
        ));
        let result = ranked(&index, &r);
        assert_eq!(order(&result), ["tue-morning", "appointment"]);
        assert_eq!(
            result.filtered,
            [Filtered {
                filter: "strict_days",
                entries: 1
            }]
        );
        assert!(result
            .notes
            .iter()
            .any(|n| n.code == "strict_days" && n.nl.contains(": 1 weggelaten (")));
        // A lonely resident whose wished moment no group meets is told so.
        let r = referral(&format!(r#"{base},"preferences":{{"days":["fri"]}}"#));
        let result = ranked(&index, &r);
        assert!(result
            .notes
            .iter()
            .any(|n| n.code == "no_group_at_wished_moment"));
        let r = referral(&format!(r#"{base},"preferences":{{"days":["tue"]}}"#));
        assert!(!ranked(&index, &r)
            .notes
            .iter()
            .any(|n| n.code == "no_group_at_wished_moment"));
    }

    #[test]
    fn distances_say_where_they_are_measured_from() {
        let index = tiny(&[("walk", "")]);
        let r = referral(r#""age":50,"postcode":"2312 AB","areas":[{"area":"loneliness"}]"#);
        let result = ranked(&index, &r);
        assert_eq!(result.origin.pc4, Some(2312));
        assert_eq!(result.origin.nl, "vanaf postcodegebied 2312");
        let distance = why(&result, "walk", "distance");
        assert!(
            distance[0].ends_with(" km vanaf postcodegebied 2312"),
            "{distance:?}"
        );
        let r = referral(r#""age":50,"municipality":"Leiden","areas":[{"area":"loneliness"}]"#);
        let result = ranked(&index, &r);
        assert_eq!(result.origin.pc4, None);
        assert_eq!(result.origin.en, "from the centre of Leiden");
        assert!(why(&result, "walk", "distance")[0].ends_with(" km vanaf het centrum van Leiden"));
    }

    /// The nearest-first search with its stopping bound returns exactly the pool a full scan would.
    #[test]
    fn pruned_search_equals_exhaustive_scoring() {
        let date: Date = "2026-11-23".parse().unwrap();
        let index = MapIndex::build(&generate(3_000, 5, date), date).unwrap();
        let referrals: Vec<Referral> = geo::MUNICIPALITIES
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let area = SupportArea::ALL[1 + i % 15];
                let km = if i % 3 == 0 {
                    ",\"preferences\":{\"max_km\":4}"
                } else {
                    ""
                };
                let json = format!(
                    r#"{{"id":"x","age":{},"consent":true,"municipality":"{}","areas":[{{"area":"{}","severity":3}},{{"area":"loneliness"}}]{km}}}"#,
                    20 + 3 * i,
                    m.name,
                    area.id()
                );
                Referral::from_json(&json, Strictness::Strict)
                    .unwrap()
                    .value
            })
            .collect();
        // Every referral counted twice: each has one other for the collective bonus.
        let demand = Demand::of(&[referrals.clone(), referrals.clone()].concat());
        let mut with_bonus = 0;
        for r in &referrals {
            let (home, municipality) = resident_location(r).unwrap();
            let areas = referral_areas(r);
            let ctx = Context::new(&index, r, &areas, home, municipality, date);
            let wanted: Vec<SupportArea> = areas.iter().map(|f| f.area).collect();
            for demand in [None, Some(&demand)] {
                let order = |v: &mut Vec<Scored>| {
                    v.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entry.cmp(&b.entry)));
                    v.truncate(40);
                    v.iter().map(|s| (s.entry, s.score)).collect::<Vec<_>>()
                };
                let mut pruned = best_candidates(&index, &ctx, &wanted, demand, 40);
                let mut full: Vec<Scored> = (0..index.entries.len() as u32)
                    .filter(|&e| {
                        wanted
                            .iter()
                            .any(|a| index.entries[e as usize].area_set.contains(*a))
                    })
                    .filter_map(|e| {
                        score_entry(
                            &index,
                            e,
                            &index.hot[e as usize],
                            &ctx,
                            demand,
                            Cutoff::NONE,
                        )
                    })
                    .collect();
                assert!(pruned.len() <= full.len());
                with_bonus += full.iter().filter(|s| s.collective > 0).count();
                assert_eq!(
                    order(&mut pruned),
                    order(&mut full),
                    "{}",
                    municipality.name
                );
            }
        }
        assert!(with_bonus > 0, "the collective bonus was exercised");
    }

    /// The packed language bits decide exactly as comparing the language lists, also on a map with
    /// more than 64 languages and for stated languages the map does not have.
    #[test]
    fn language_bits_agree_with_the_language_lists() {
        let date: Date = "2026-11-23".parse().unwrap();
        let mut map = generate(400, 11, date);
        // 80 two-letter codes: more than the 64 that get a bit.
        let codes: Vec<String> = (0..80u8)
            .map(|i| String::from_utf8(vec![b'a' + i / 26, b'a' + i % 26]).unwrap())
            .collect();
        for (i, a) in map.activities.iter_mut().enumerate() {
            a.languages = (0..1 + i % 3)
                .map(|j| codes[(i * 7 + j * 31) % 80].clone())
                .collect();
        }
        let index = MapIndex::build(&map, date).unwrap();
        assert!(index.languages.len() > 64);
        let mut agreed = (0, 0);
        for wanted in [
            vec!["aa"],
            vec!["cz"],
            vec!["bb", "cq"],
            vec!["zz"],
            vec!["ab", "zz", "cy"],
        ] {
            let json = format!(
                r#"{{"id":"x","age":40,"consent":true,"municipality":"Leiden","areas":[{{"area":"loneliness","severity":2}}],"preferences":{{"languages":{wanted:?}}}}}"#
            );
            let r = Referral::from_json(&json, Strictness::Strict)
                .unwrap()
                .value;
            let (home, municipality) = resident_location(&r).unwrap();
            let ctx = Context::new(&index, &r, &referral_areas(&r), home, municipality, date);
            for (i, e) in index.entries.iter().enumerate() {
                let expected = e
                    .languages
                    .iter()
                    .any(|l| r.preferences.languages.contains(l));
                let got = speaks_a_wanted_language(&index, i as u32, &index.hot[i], &ctx);
                assert_eq!(got, expected, "{} {:?} vs {wanted:?}", e.id, e.languages);
                if expected {
                    agreed.0 += 1;
                } else {
                    agreed.1 += 1;
                }
            }
        }
        assert!(
            agreed.0 > 0 && agreed.1 > 0,
            "both outcomes were exercised: {agreed:?}"
        );
    }
}
