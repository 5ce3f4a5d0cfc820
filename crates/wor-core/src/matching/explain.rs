//! Explanations: a suggestion's fields and its "why" lines, in Dutch and English.

use crate::area::SupportArea;
use crate::audience::Audience;
use crate::index::slot_bit;
use crate::map::validate::Hhmm;
use crate::map::{ActivityKind, Entry, TimeSlot};
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
    why.push(areas_why(e, &served));
    why.push(form_line(e, ctx, &served));
    why.extend(audience_why(e, ctx));
    why.push(Why {
        code: "distance",
        nl: text(|t| {
            push_km(t, s.distance_km, ',');
            t.push_str(" km ");
            t.push_str(&origin.nl);
        }),
        en: text(|t| {
            push_km(t, s.distance_km, '.');
            t.push_str(" km ");
            t.push_str(&origin.en);
        }),
    });
    why.extend(schedule_why(e, ctx));
    why.push(cost_why(e, ctx));
    why.extend(circumstances_why(e, ctx, s.collective));
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

/// "helpt bij rouw en eenzaamheid": the referral's areas the entry meets, a life event named by the
/// kinds the entry is for; an area it only touches on is named with what it is not ("raakt aan
/// geldzorgen, maar is geen schuldhulp"), never as helped with.
fn areas_why(e: &Entry, served: &[SupportArea]) -> Why {
    let main = e.main_areas();
    let (met, touched): (Vec<SupportArea>, Vec<SupportArea>) = served
        .iter()
        .partition(|a| !touched_only(**a, form_factor(**a, e.group, main.contains(**a))));
    let names = |lang_nl: bool| -> Vec<&'static str> {
        met.iter()
            .flat_map(|a| match a {
                SupportArea::LifeEvent if !e.life_events.is_empty() => e
                    .life_events
                    .iter()
                    .map(|k| if lang_nl { k.label_nl() } else { k.label_en() })
                    .collect::<Vec<_>>(),
                a if lang_nl => vec![a.short_nl()],
                a => vec![a.short_en()],
            })
            .collect()
    };
    // The line in one language: what the entry helps with, then what it only touches on.
    let line = |nl: bool| {
        let (helps, touches, but, and) = if nl {
            ("helpt bij ", "raakt aan ", ", maar is ", " en ")
        } else {
            ("serves ", "touches on ", ", but is ", " and ")
        };
        let names = names(nl);
        text(|t| {
            if !names.is_empty() {
                t.push_str(helps);
                push_list(t, names.iter().copied(), and);
            }
            for a in &touched {
                if !t.is_empty() {
                    t.push_str("; ");
                }
                t.push_str(touches);
                t.push_str(if nl { a.short_nl() } else { a.short_en() });
                t.push_str(but);
                t.push_str(not_met(*a).map_or("", |f| if nl { f.0 } else { f.1 }));
            }
        })
    };
    Why {
        code: "areas",
        nl: line(true),
        en: line(false),
    }
}

/// True when the entry's form only touches on the area (money or carer strain on the side): it is
/// named as not being that help rather than as helping with it. Loneliness is always met a little.
fn touched_only(area: SupportArea, factor: f64) -> bool {
    factor < 1.0 && area != SupportArea::Loneliness
}

/// The form of help, once: "in een groep", "een dienst: één-op-één", or one-to-one (with why that
/// meets loneliness less).
fn form_line(e: &Entry, ctx: &Context, served: &[SupportArea]) -> Why {
    let lonely_one_to_one = !e.group
        && served.contains(&SupportArea::Loneliness)
        && form_factor(
            SupportArea::Loneliness,
            false,
            e.main_areas().contains(SupportArea::Loneliness),
        ) < 1.0;
    let (nl, en) = if e.group {
        ("in een groep", "in a group")
    } else if lonely_one_to_one {
        not_met(SupportArea::Loneliness).unwrap_or_default()
    } else if e.kind != ActivityKind::Activity {
        ("een dienst: één-op-één", "a service: one-to-one")
    } else {
        ("één-op-één", "one-to-one")
    };
    let off = ctx
        .r
        .preferences
        .group
        .is_some_and(|g| g != e.group && e.kind == ActivityKind::Activity);
    Why {
        code: "form",
        nl: text(|t| {
            t.push_str(nl);
            if off {
                t.push_str(" (past niet bij de wens)");
            }
        }),
        en: text(|t| {
            t.push_str(en);
            if off {
                t.push_str(" (not the wished form)");
            }
        }),
    }
}

/// Who the entry is meant for, when it says.
fn audience_why(e: &Entry, ctx: &Context) -> Option<Why> {
    if e.audience.is_empty() {
        return None;
    }
    let fits = e.audience.intersects(ctx.audiences);
    let shown: Vec<Audience> = e
        .audience
        .iter()
        .filter(|a| !fits || ctx.audiences.contains(*a))
        .collect();
    Some(Why {
        code: "audience",
        nl: text(|t| {
            t.push_str(if fits { "voor " } else { "bedoeld voor " });
            push_list(t, shown.iter().map(|a| a.label_nl()), " en ");
            if !fits {
                t.push_str("; niet bekend dat de inwoner daarbij hoort (lager gerangschikt)");
            }
        }),
        en: text(|t| {
            t.push_str(if fits { "for " } else { "meant for " });
            push_list(t, shown.iter().map(|a| a.label_en()), " and ");
            if !fits {
                t.push_str("; the resident is not known to belong to them (ranked lower)");
            }
        }),
    })
}

/// When it takes place: by appointment, the slot that fits the wish, or the first slot.
fn schedule_why(e: &Entry, ctx: &Context) -> Option<Why> {
    if e.by_appointment {
        return Some(Why {
            code: "schedule",
            nl: "op afspraak".into(),
            en: "by appointment".into(),
        });
    }
    if let Some(slot) = fitting_slot(e, ctx) {
        let part = DayPart::of_minute(slot.start);
        return Some(Why {
            code: "schedule",
            nl: text(|t| {
                t.push_str(slot.day.label_nl());
                t.push_str(part.label_nl());
                t.push_str(" past (");
                push_span(t, &slot);
                t.push(')');
            }),
            en: text(|t| {
                t.push_str(slot.day.label_en());
                t.push(' ');
                t.push_str(part.label_en());
                t.push_str(" fits (");
                push_span(t, &slot);
                t.push(')');
            }),
        });
    }
    let slot = e.slots.first()?;
    let p = &ctx.r.preferences;
    let (off_nl, off_en) = if p.days.is_empty() && p.times.is_empty() {
        ("", "")
    } else {
        (
            " (past niet bij de voorkeur)",
            " (outside the preferred days or times)",
        )
    };
    Some(Why {
        code: "schedule",
        nl: text(|t| {
            t.push_str(slot.day.label_nl());
            t.push(' ');
            push_span(t, slot);
            t.push_str(off_nl);
        }),
        en: text(|t| {
            t.push_str(slot.day.label_en());
            t.push(' ');
            push_span(t, slot);
            t.push_str(off_en);
        }),
    })
}

fn cost_why(e: &Entry, ctx: &Context) -> Why {
    if e.cost_eur_per_month == 0.0 {
        return Why {
            code: "cost",
            nl: "gratis".into(),
            en: "free".into(),
        };
    }
    let within = ctx.r.preferences.max_eur_per_month.is_some();
    Why {
        code: "cost",
        nl: text(|t| {
            t.push_str("€ ");
            push_euro(t, e.cost_eur_per_month, ',');
            t.push_str(" per maand");
            t.push_str(if within { " (binnen budget)" } else { "" });
        }),
        en: text(|t| {
            t.push('€');
            push_euro(t, e.cost_eur_per_month, '.');
            t.push_str(" per month");
            t.push_str(if within { " (within budget)" } else { "" });
        }),
    }
}

/// Language, access, literacy, batch companions and indication: the lines that apply.
fn circumstances_why(e: &Entry, ctx: &Context, collective: u32) -> Vec<Why> {
    let mut why = Vec::new();
    let mut add = |code: &'static str, nl: Cow<'static, str>, en: Cow<'static, str>| {
        why.push(Why { code, nl, en })
    };
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
    if collective > 0 {
        add(
            "collective",
            format!(
                "samen met {} andere verwezen inwoner(s) uit {}",
                collective, ctx.municipality.name
            )
            .into(),
            format!(
                "together with {} other referred resident(s) from {}",
                collective, ctx.municipality.name
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
    why
}

/// What an entry that meets an area's need only partly is not (areas with a form table only).
fn not_met(area: SupportArea) -> Option<(&'static str, &'static str)> {
    Some(match area {
        SupportArea::Loneliness => (
            "één-op-één; bij eenzaamheid helpt vooral ontmoeten (groep, maatje, inloop)",
            "one-to-one; loneliness needs meeting people (group, buddy, walk-in)",
        ),
        SupportArea::DebtPoverty => ("geen schuldhulp", "not debt help"),
        SupportArea::CarerStrain => (
            "geen respijtzorg of mantelzorgsteun",
            "not respite or carer support",
        ),
        _ => return None,
    })
}
