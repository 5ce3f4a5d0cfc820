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

mod context;
mod demand;
mod diversify;
mod explain;
mod features;
mod map_set;
mod origin;
mod result;
mod score;
mod search;
mod triaged;
/// The scorer's weights live beside their file format ([`crate::weights`]), which the index holds: that
/// way the dependencies run index -> weights and matching -> index, weights, without a cycle.
pub use crate::weights::factors as weights;

pub use crate::weights::Weights;
pub use demand::Demand;
pub use features::{features, Features};
pub use map_set::MapSet;
pub use origin::{resident_location, Origin};
pub use result::{Filtered, MatchOptions, MatchResult, Schedule, Suggestion, Why};
pub use score::{form_factor, CostFit, Feasibility, LanguageFit, ScheduleFit};
pub use triaged::Triaged;

use crate::area::SupportArea;
use crate::error::FieldError;
use crate::index::MapIndex;
use crate::referral::Referral;
use crate::triage::Route;
use context::Context;
use diversify::diversify;
use explain::suggestion;
use origin::resident_origin;
use score::{against_wishes, Wish};
use search::{best_candidates, only_over_budget, pool_size, strictly_filtered};

/// Matches one referral against one region's index.
pub fn match_referral<'a>(
    index: &'a MapIndex,
    r: &'a Referral,
    opts: &MatchOptions,
    demand: Option<&Demand>,
) -> Result<MatchResult<'a>, FieldError> {
    match_triaged(index, r, opts, demand, None)
}

/// [`match_referral`] with the referral's triage when an earlier pass read it (`None`: read here).
pub fn match_triaged<'a>(
    index: &'a MapIndex,
    r: &'a Referral,
    opts: &MatchOptions,
    demand: Option<&Demand>,
    triaged: Option<Triaged>,
) -> Result<MatchResult<'a>, FieldError> {
    let (home, (pc4, municipality)) = resident_origin(r)?;
    let Triaged {
        route,
        areas,
        cautions: warnings,
        life_events,
    } = match triaged {
        Some(t) => t,
        None => Triaged::of(index, r)?,
    };
    let mut result = MatchResult {
        id: &r.id,
        map: &index.stamp,
        weights: index.weights.as_deref().map(|w| &w.stamp),
        route,
        areas,
        warnings,
        life_events: life_events.iter().collect(),
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
    // Triage asks consent after the need (a note without a social question is not about consent), but
    // without consent nothing goes to the social domain.
    if !r.consent {
        result.notes.push(Why {
            code: "no_consent",
            nl: "Geen activiteiten: nog geen toestemming van de inwoner.".into(),
            en: "No activities: no consent from the resident yet.".into(),
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
    let ctx = Context::new(
        index,
        r,
        &result.areas,
        home,
        municipality,
        opts.date,
        life_events,
    );
    let areas: Vec<SupportArea> = result.areas.iter().map(|f| f.area).collect();
    let scored = best_candidates(index, &ctx, &areas, demand, pool_size(opts.top_k));
    let chosen = diversify(index, &ctx, scored, opts.top_k);
    let gone_against: Vec<u8> = chosen
        .iter()
        .map(|s| against_wishes(&index.hot[s.scored.entry as usize], &ctx))
        .collect();
    let wished_group_moment = chosen.iter().any(|s| {
        let h = &index.hot[s.scored.entry as usize];
        h.group && !h.by_appointment && h.slot_bits & ctx.slots_both != 0
    });
    result.suggestions = chosen
        .into_iter()
        .map(|s| {
            suggestion(
                &index.entries[s.scored.entry as usize],
                &ctx,
                &result.origin,
                s,
            )
        })
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
    // When no suggestion meets every wish, say which wish to loosen: one whose loosening alone lets a
    // suggestion fit, else every wish they go against; a budget only when it left the list short and a
    // looser one would let entries in.
    let mut loosen = 0u8;
    if gone_against.iter().all(|w| *w != 0) {
        let single = Wish::ALL
            .iter()
            .filter(|w| gone_against.contains(&w.bit()))
            .fold(0, |bits, w| bits | w.bit());
        loosen = if single != 0 {
            single
        } else {
            gone_against.iter().fold(0, |bits, w| bits | w)
        };
    }
    if result.suggestions.len() < opts.top_k
        && p.max_eur_per_month.is_some()
        && only_over_budget(index, &ctx, &areas) > 0
    {
        loosen |= Wish::Budget.bit();
    }
    if loosen != 0 {
        let wishes: Vec<Wish> = Wish::ALL
            .into_iter()
            .filter(|w| loosen & w.bit() != 0)
            .collect();
        result.notes.push(loosen_note(&wishes, p));
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

/// "Niets past bij alle wensen: versoepel ...", naming each wish.
fn loosen_note(wishes: &[Wish], p: &crate::referral::Preferences) -> Why {
    let named = |w: &Wish| match w {
        Wish::Form if p.group == Some(true) => ("de wens voor een groep", "the wish for a group"),
        Wish::Form => (
            "de wens voor één-op-één hulp",
            "the wish for one-to-one help",
        ),
        Wish::Days => (
            "de gewenste dagen en dagdelen",
            "the wished days and parts of day",
        ),
        Wish::Budget => ("het budget", "the budget"),
    };
    let nl: Vec<&str> = wishes.iter().map(|w| named(w).0).collect();
    let en: Vec<&str> = wishes.iter().map(|w| named(w).1).collect();
    Why {
        code: "loosen_wish",
        nl: explain::text(|t| {
            t.push_str("Niets past bij alle wensen: versoepel ");
            explain::push_list(t, nl.into_iter(), " en ");
            t.push('.');
        }),
        en: explain::text(|t| {
            t.push_str("Nothing fits every wish: loosen ");
            explain::push_list(t, en.into_iter(), " and ");
            t.push('.');
        }),
    }
}

/// `s` with its first letter in lower case, so Dutch names inside it keep their capitals.
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
