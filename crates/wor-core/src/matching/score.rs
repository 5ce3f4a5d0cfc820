//! Scoring one entry for one referral: hard filters, then need fit x feasibility.

use crate::area::SupportArea;
use crate::index::{Hot, MapIndex};

use super::context::Context;
use super::search::{Cutoff, Scored};
use super::{weights, Demand, Weights};

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

/// The state of each soft factor for one (referral, entry) pair, before weighing: what
/// [`Weights::feasibility`] turns into a number, and what the tuner caches per case.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Feasibility {
    pub schedule: ScheduleFit,
    pub cost: CostFit,
    pub language: LanguageFit,
    pub literacy_mismatch: bool,
    pub group_mismatch: bool,
    /// The form when the resident stated no wish for it: `Some(true)` a group, `Some(false)` one-to-one
    /// help; `None` when a wish was stated (then [`Feasibility::group_mismatch`] decides) or for a
    /// service or provision (the help for a named need, whatever its form).
    pub unwished_form: Option<bool>,
    pub paid: bool,
    pub needs_indication: bool,
    pub audience_mismatch: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ScheduleFit {
    /// No wished days or times.
    NoWish,
    ByAppointment,
    /// Fixed slots: 1 when a slot fits both the wished days and times, 0.5 one of them, else 0.
    Slots(f64),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CostFit {
    /// The cost factor before its exponent, in (0, 1].
    Factor(f64),
    /// A paid entry for a resident with money worries and no stated budget.
    PaidWithMoneyWorries,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LanguageFit {
    Fits,
    /// None of the stated languages.
    Mismatch,
    /// No language stated, and the entry does not speak Dutch.
    NoDutch,
}

impl Weights {
    /// The product of the soft factors (each in (0, 1]).
    pub fn feasibility(&self, f: &Feasibility) -> f64 {
        let schedule = match f.schedule {
            ScheduleFit::NoWish => 1.0,
            ScheduleFit::ByAppointment => self.by_appointment,
            ScheduleFit::Slots(best_fit) => {
                self.schedule_floor + (1.0 - self.schedule_floor) * best_fit
            }
        };
        let cost = match f.cost {
            CostFit::Factor(c) => Weights::power(c, self.cost),
            CostFit::PaidWithMoneyWorries => self.paid_with_money_worries,
        };
        let language = match f.language {
            LanguageFit::Fits => 1.0,
            LanguageFit::Mismatch => self.language_mismatch,
            LanguageFit::NoDutch => self.no_dutch,
        };
        let factor = |mismatch: bool, w: f64| if mismatch { w } else { 1.0 };
        let form = match f.unwished_form {
            Some(true) => self.group_activity,
            Some(false) => self.one_to_one,
            None => 1.0,
        };
        schedule
            * form
            * factor(f.paid, self.paid)
            * cost
            * language
            * factor(f.literacy_mismatch, self.not_literacy_friendly)
            * factor(f.group_mismatch, self.group_mismatch)
            * factor(f.needs_indication, self.needs_indication)
            * factor(f.audience_mismatch, self.audience_mismatch)
    }
}

/// The soft factors' states for entry `i`.
pub(super) fn feasibility_of(index: &MapIndex, i: u32, h: &Hot, ctx: &Context) -> Feasibility {
    let p = &ctx.r.preferences;
    // From the packed slot bits: 1 when a slot fits both the preferred days and times, half when it
    // fits one of them.
    let schedule = if p.days.is_empty() && p.times.is_empty() {
        ScheduleFit::NoWish
    } else if h.by_appointment {
        ScheduleFit::ByAppointment
    } else {
        ScheduleFit::Slots(if h.slot_bits & ctx.slots_both != 0 {
            1.0
        } else if h.slot_bits & ctx.slots_either != 0 {
            0.5
        } else {
            0.0
        })
    };
    let language = if !p.languages.is_empty() {
        if speaks_a_wanted_language(index, i, h, ctx) {
            LanguageFit::Fits
        } else {
            LanguageFit::Mismatch
        }
    } else if h.speaks_dutch {
        LanguageFit::Fits
    } else {
        LanguageFit::NoDutch
    };
    Feasibility {
        schedule,
        cost: cost_fit(h.cost_eur_per_month, ctx),
        language,
        literacy_mismatch: ctx.literacy_in_play && !h.low_literacy_friendly,
        group_mismatch: p.group.is_some_and(|g| g != h.group),
        unwished_form: (p.group.is_none() && !h.service).then_some(h.group),
        paid: h.cost_eur_per_month > 0.0,
        needs_indication: h.requires_indication,
        audience_mismatch: !audience_fits(h, ctx),
    }
}

/// True when a hard filter other than the distance leaves the entry out, or it serves none of the
/// referral's areas.
pub(super) fn excluded(h: &Hot, ctx: &Context, fit: f64) -> bool {
    fit <= 0.0 || excluded_but_for_distance(h, ctx) || outside_strict_days(h, ctx)
}

/// Hard filters, then need fit x feasibility. `None` when a hard filter excludes the entry. Reads the
/// packed [`Hot`] fields; the full entry only when the resident stated days, times or languages.
pub(super) fn score_entry(
    index: &MapIndex,
    i: u32,
    h: &Hot,
    ctx: &Context,
    demand: Option<&Demand>,
    cutoff: Cutoff,
) -> Option<Scored> {
    let w = ctx.w;
    let p = &ctx.r.preferences;
    let raw_fit = need_fit(h, ctx);
    if excluded(h, ctx, raw_fit) {
        return None;
    }
    let fit = Weights::power(raw_fit, w.need_fit);
    // Most candidates cannot reach the pool: skip the great-circle distance and its decay for them
    // (the margin absorbs rounding, so that an exact tie with the pool's worst is still scored). The
    // feasibility is at most 1 and rounding is monotone, so a candidate whose fit alone cannot reach the
    // pool is one the full test below would skip too: test that first and read its soft factors only
    // when it might.
    if fit * cutoff.reach * (1.0 + 1e-9) < cutoff.worst {
        return None;
    }
    let feasibility = w.feasibility(&feasibility_of(index, i, h, ctx));
    if fit * feasibility * cutoff.reach * (1.0 + 1e-9) < cutoff.worst {
        return None;
    }
    let distance_km = ctx.home_at.km_to(&h.at);
    if p.max_km.is_some_and(|max| distance_km > max) {
        return None;
    }
    let mut score = fit * w.distance_factor(distance_km, ctx.decay_km) * feasibility;
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
        score = (score * w.collective_bonus).min(1.0);
    }
    Some(Scored {
        entry: i,
        score,
        distance_km,
        collective,
    })
}

/// The severity-weighted share of the referral's need the entry meets, each area weighted by the form
/// of provision ([`form_factor`]) and, for a life event of a known kind, by whether the entry is for
/// that kind ([`weights::GENERAL_LIFE_EVENT_HELP`]).
pub(super) fn need_fit(h: &Hot, ctx: &Context) -> f64 {
    ctx.needs
        .iter()
        .map(|(area, w)| {
            let served = f64::from(h.weights[area.index()]);
            if served == 0.0 {
                0.0
            } else {
                w * served
                    * form_factor(*area, h.group, h.main_areas.contains(*area))
                    * kind_factor(*area, h, ctx)
            }
        })
        .sum::<f64>()
        / ctx.need_total
}

/// Help for the resident's own kind of life event (a grief group after a death) meets the need fully;
/// help for life events in general (social work) less, when the kind is known.
fn kind_factor(area: SupportArea, h: &Hot, ctx: &Context) -> f64 {
    if area == SupportArea::LifeEvent && !ctx.life_events.is_empty() && h.life_events.is_empty() {
        weights::GENERAL_LIFE_EVENT_HELP
    } else {
        1.0
    }
}

/// The hard filters other than distance and the strict wish for days: budget, wheelchair, age,
/// validity, and an entry for another kind of life event than the resident's known one.
pub(super) fn excluded_but_for_distance(h: &Hot, ctx: &Context) -> bool {
    over_budget(h, ctx) || excluded_but_for_distance_and_budget(h, ctx)
}

pub(super) fn over_budget(h: &Hot, ctx: &Context) -> bool {
    ctx.r
        .preferences
        .max_eur_per_month
        .is_some_and(|max| h.cost_eur_per_month > max)
}

/// [`excluded_but_for_distance`] without the budget: what a looser budget would still leave out.
pub(super) fn excluded_but_for_distance_and_budget(h: &Hot, ctx: &Context) -> bool {
    let p = &ctx.r.preferences;
    h.life_events.excludes(ctx.life_events)
        || (p.wheelchair && !h.wheelchair_accessible)
        || ctx.age < h.min_age
        || ctx.age > h.max_age
        || ctx.day < h.valid_from
        || ctx.day > h.valid_to
}

/// The strict wish ("alleen deze dagen"): fixed slots must include a wished moment; by appointment fits.
pub(super) fn outside_strict_days(h: &Hot, ctx: &Context) -> bool {
    ctx.r.preferences.strict_days && !h.by_appointment && h.slot_bits & ctx.slots_both == 0
}

/// A stated wish an entry goes against: the form (group or one-to-one; a service or provision for a
/// named need is exempt, it is the help itself), or the days and parts of day (fixed slots, none at a
/// wished moment). A budget is a hard filter, never gone against; it is named only in notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Wish {
    Form,
    Days,
    Budget,
}

impl Wish {
    pub(super) const ALL: [Wish; 3] = [Wish::Form, Wish::Days, Wish::Budget];
    pub(super) fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// The stated wishes an entry goes against, as [`Wish::bit`]s (0: it meets them all).
pub(super) fn against_wishes(h: &Hot, ctx: &Context) -> u8 {
    let p = &ctx.r.preferences;
    let form = p.group.is_some_and(|g| g != h.group) && !h.service;
    let wished_moments = !(p.days.is_empty() && p.times.is_empty());
    let days = wished_moments && !h.by_appointment && h.slot_bits & ctx.slots_both == 0;
    (u8::from(form) * Wish::Form.bit()) | (u8::from(days) * Wish::Days.bit())
}

pub(super) fn audience_fits(h: &Hot, ctx: &Context) -> bool {
    h.audience.is_empty() || h.audience.intersects(ctx.audiences)
}

pub(super) fn cost_fit(cost: f64, ctx: &Context) -> CostFit {
    match ctx.r.preferences.max_eur_per_month {
        Some(budget) if budget > 0.0 => CostFit::Factor(1.0 - 0.15 * (cost / budget)),
        Some(_) => CostFit::Factor(1.0),
        None if ctx.money_worries && cost > 0.0 => CostFit::PaidWithMoneyWorries,
        // With no budget stated, what residents in general expect: free before paid (a threshold of
        // 0.2 for paying at all), then cheaper before dearer.
        None if cost > 0.0 => CostFit::Factor(0.8 - cost.min(60.0) / 300.0),
        None => CostFit::Factor(1.0),
    }
}

/// True when the entry speaks a language the resident stated. Decided from the packed bits; only an
/// entry with a language beyond the map's first 64 needs its full list (a stated language outside the
/// map's table can only be one of those).
pub(super) fn speaks_a_wanted_language(index: &MapIndex, i: u32, h: &Hot, ctx: &Context) -> bool {
    h.language_bits & ctx.wanted_languages != 0
        || (h.more_languages
            && index.entries[i as usize]
                .languages
                .iter()
                .any(|l| ctx.r.preferences.languages.contains(l)))
}
