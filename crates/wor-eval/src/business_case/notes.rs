//! The computation's notes: the rules it uses that the plan does not state in words (assumptions), and
//! what the reader of this run must know (counts below the base). The plan's own contradictions are
//! in `contradictions`.

use super::{BusinessCase, Params};
use crate::note::{note, Note};
use crate::numbers::{plain_nl as comma, whole as thousands};
use wor_core::Lang;

pub(super) fn assumptions(p: &Params) -> Vec<Note> {
    let mut out = vec![note(
        "full_precision",
        "Bedragen worden onafgerond berekend en pas bij het tonen op hele euro's afgerond, zoals de rekensheet van het plan (397 × 1,5 × 1,5 = 893,25 verwijzingen, getoond als 893).".into(),
        "Amounts are computed unrounded and rounded to whole euros only for display, as the plan's spreadsheet does (397 × 1.5 × 1.5 = 893.25 referrals, shown as 893).".into(),
    ), note(
        "base_level_before_growth",
        format!("Aanname: tot {} blijft het aantal verwijzingen op het niveau van {} (het plan rekent voor {} geen besparing en zet in de FTE-tabel het basisaantal onder {}).", p.first_year, p.base_year, p.start_year, p.fte.first_year),
        format!("Assumption: until {} referrals stay at the {} level (the plan counts no savings for {} and puts the base count under {} in its FTE table).", p.first_year, p.base_year, p.start_year, p.fte.first_year),
    )];
    if let Some(d) = p.index_factor_decimals {
        out.push(note(
            "index_factor_rounded",
            format!("Aanname (afgeleid uit de cijfers van het plan): de indexatiefactoren zijn (1 + {}%)^n afgerond op {d} decimalen, bijvoorbeeld {} voor {}.", comma(p.indexation * 100.0), comma(p.index_factor(p.start_year + 3)), p.start_year + 3),
            format!("Assumption (recovered from the plan's figures): the indexation factors are (1 + {}%)^n rounded to {d} decimals, e.g. {} for {}.", p.indexation * 100.0, p.index_factor(p.start_year + 3), p.start_year + 3),
        ));
    }
    if p.fte.whole_euro_shares {
        out.push(note(
            "fte_whole_euro_shares",
            "Aanname (afgeleid uit de FTE-tabel van het plan): de besparing per verwijzing voor huisarts en POH-GGZ is naar beneden afgerond op hele euro's (€ 510 en € 408 van € 1.021).".into(),
            "Assumption (recovered from the plan's FTE table): the saving per referral for GP and POH-GGZ is rounded down to whole euros (EUR 510 and 408 of EUR 1,021).".into(),
        ));
    }
    out.push(note(
        "one_off_recovered_rates",
        "Aanname (afgeleid uit tabel 8.1): bovenregionale projectleiding 48 weken per jaar; leerbijeenkomsten en interne communicatie à € 100 per uur; ICT verdeeld 25/50/25% over 2025-2027.".into(),
        "Assumption (recovered from table 8.1): the supra-regional lead works 48 weeks a year; learning meetings and internal communication at EUR 100 an hour; ICT spread 25/50/25% over 2025-2027.".into(),
    ));
    out
}

/// Years whose referrals stay below the region's base: counted as 0 extra referrals. For realised
/// years the likelier cause is a file that holds part of the region, so the note asks.
pub(super) fn below_base(p: &Params, bc: &BusinessCase) -> Vec<Note> {
    let mut out = Vec::new();
    for (id, r) in &bc.regions {
        let low: Vec<(i32, i64, bool)> = bc
            .years
            .iter()
            .zip(r.referrals.iter().zip(&r.actual))
            .filter(|(_, (n, _))| **n < r.base_referrals)
            .map(|(y, (n, a))| (*y, *n, *a))
            .collect();
        if low.is_empty() {
            continue;
        }
        let years = |lang: Lang, realised: &str, planned: &str| {
            low.iter()
                .map(|(y, n, a)| {
                    format!(
                        "{y}: {} {}",
                        thousands(lang, *n),
                        if *a { realised } else { planned }
                    )
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let plan_base = crate::plan::region(id).map(|r| i64::from(r.base_2024));
        let base = |lang: Lang| {
            let own = thousands(lang, r.base_referrals);
            match plan_base {
                Some(b) if b == r.base_referrals => format!("{own} (plan 7.1)"),
                Some(b) => format!("{own} (plan 7.1: {})", thousands(lang, b)),
                None => own,
            }
        };
        let text = |lang: Lang, words: [&str; 5]| {
            let [realised, planned, below, counted, ask] = words;
            format!(
                "{} {}: {below} {} {} {}; {counted}{}",
                r.name,
                years(lang, realised, planned),
                p.base_year,
                if lang == Lang::En { "base of" } else { "van" },
                base(lang),
                if low.iter().any(|(_, _, a)| *a) {
                    ask
                } else {
                    ""
                }
            )
        };
        out.push(note(
            "below_base",
            text(
                Lang::Nl,
                [
                    "gerealiseerde succesvolle verwijzingen",
                    "geplande verwijzingen",
                    "onder het basisniveau",
                    "gerekend als 0 extra verwijzingen (geen besparing, geen kosten).",
                    " Bevat het bestand de casussen van de hele regio?",
                ],
            ),
            text(
                Lang::En,
                [
                    "realised successful referrals",
                    "planned referrals",
                    "below the",
                    "counted as 0 extra referrals (no savings, no costs).",
                    " Does the file hold the cases of the whole region?",
                ],
            ),
        ));
    }
    out
}
