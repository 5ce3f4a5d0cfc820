//! Explanations: a suggestion's fields and its "why" lines, in Dutch and English.

use crate::area::SupportArea;
use crate::audience::Audience;
use crate::index::slot_bit;
use crate::map::validate::Hhmm;
use crate::map::{Entry, TimeSlot};
use crate::referral::DayPart;
use std::borrow::Cow;

use super::context::Context;
use super::diversify::Ranked;
use super::score::form_factor;
use super::{Origin, Schedule, Suggestion, Why};

/// The earliest slot that fits both the preferred days and times, if preferences were given.
pub(super) fn fitting_slot(e: &Entry, ctx: &Context) -> Option<TimeSlot> {
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

pub(super) fn round_to(x: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (x * f).round() / f
}

/// One explanation text, written in place with a single allocation.
pub(super) fn text(write: impl FnOnce(&mut String)) -> Cow<'static, str> {
    let mut s = String::with_capacity(64);
    write(&mut s);
    Cow::Owned(s)
}

/// Kilometres to one decimal with the language's separator ("1,2" or "1.2"): the same rounding as
/// the `distance_km` field.
pub(super) fn push_km(s: &mut String, km: f64, separator: char) {
    use std::fmt::Write;
    let tenths = (km * 10.0).round() as u64;
    let _ = write!(s, "{}{separator}{}", tenths / 10, tenths % 10);
}

/// Whole euros as "12", otherwise with cents and the language's separator: "12,50" or "12.50".
pub(super) fn push_euro(s: &mut String, eur: f64, separator: char) {
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
pub(super) fn push_list(
    s: &mut String,
    names: impl ExactSizeIterator<Item = &'static str>,
    and: &str,
) {
    let n = names.len();
    for (i, name) in names.enumerate() {
        if i > 0 {
            s.push_str(if i + 1 == n { and } else { ", " });
        }
        s.push_str(name);
    }
}

/// "10:30-12:30".
pub(super) fn push_span(s: &mut String, slot: &TimeSlot) {
    Hhmm(slot.start).push_to(s);
    s.push('-');
    Hhmm(slot.end).push_to(s);
}

pub(super) fn suggestion<'a>(
    e: &'a Entry,
    ctx: &Context,
    origin: &Origin,
    ranked: Ranked,
) -> Suggestion<'a> {
    let s = ranked.scored;
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
        score: round_to(ranked.rank_score, 4),
        relevance: round_to(s.score, 4),
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
pub(super) fn form_why(area: SupportArea, full: bool) -> Option<(&'static str, &'static str)> {
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
