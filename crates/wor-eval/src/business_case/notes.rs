//! The computation's notes: the rules it uses that the plan does not state in words (assumptions), and
//! where the plan's published totals contradict its yearly figures (warnings).

use super::{compute::whole, BusinessCase, Params};
use crate::note::{note, Note};
use crate::numbers::{plain_nl as comma, whole as thousands};
use wor_core::Lang;

fn eur_nl(x: i64) -> String {
    thousands(Lang::Nl, x)
}

fn eur_en(x: i64) -> String {
    thousands(Lang::En, x)
}

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

pub(super) struct PlanFigures<'a> {
    pub sav_i: &'a [f64],
    pub sw_i: &'a [f64],
    pub fu_i: &'a [f64],
    pub oo_total: &'a [f64],
}

/// The plan's contradictions, stated with the figures this computation gives for the plan's own
/// ranges. Only for the plan's own parameters: under a what-if they would describe another case.
pub(super) fn warnings(p: &Params, bc: &BusinessCase, f: PlanFigures) -> Vec<Note> {
    let mut out = Vec::new();
    if let Some(fac) = p.one_off.index_factor_overrides.get("2027") {
        let rule = p.index_factor(2027);
        if (fac - rule).abs() > 1e-12 {
            if let Some(x) = f.oo_total.get((2027 - p.one_off.first_year) as usize) {
                let (published, ruled) = (whole(x * fac), whole(x * rule));
                out.push(note(
                    "plan_one_off_2027_index",
                    format!("Plan 8.1 indexeert de eenmalige investeringen van 2027 met factor {} (€ {}), terwijl 3% per jaar {} geeft (€ {}); het gepubliceerde bedrag is aangehouden.", comma(*fac), eur_nl(published), comma(rule), eur_nl(ruled)),
                    format!("Plan 8.1 indexes the one-off investments of 2027 by a factor {fac} (EUR {}), while 3% a year gives {rule} (EUR {}); the published amount is kept.", eur_en(published), eur_en(ruled)),
                ));
            }
        }
    }
    if *p != Params::default() {
        return out;
    }
    // Plan 7.1: the "Totaal" column of the referral table adds the base year to 2026-2030.
    let t = &bc.totals;
    let base: i64 = bc.regions.values().map(|r| r.base_referrals).sum();
    out.push(note(
        "plan_referral_total_includes_base",
        format!("De kolom Totaal van de verwijzingstabel in plan 7.1 ({}) telt het basisjaar {} ({}) mee; 2026-2030 samen is {}.", eur_nl(t.referrals_total + base), p.base_year, eur_nl(base), eur_nl(t.referrals_total)),
        format!("The Total column of the referral table in plan 7.1 ({}) includes the base year {} ({}); 2026-2030 together is {}.", eur_en(t.referrals_total + base), p.base_year, eur_en(base), eur_en(t.referrals_total)),
    ));
    out.push(note(
        "plan_table_7_2_years_shifted",
        "De kop van tabel 7.2 noemt 2025-2029, maar de bedragen zijn die van 2026-2030 (zoals tabel 7.3 ze plaatst).".into(),
        "The header of table 7.2 says 2025-2029, but its amounts are those of 2026-2030 (where table 7.3 puts them).".into(),
    ));
    // Plan 7.3: the Totaal column sums 2026-2029 for savings and costs, but all years for the net.
    let four = |v: &[f64]| whole(v.iter().take(4).sum::<f64>());
    let (s4, w4, f4) = (four(f.sav_i), four(f.sw_i), four(f.fu_i));
    let oo = t.one_off_investment_indexed_total_eur;
    out.push(note(
        "plan_table_7_3_totals_omit_2030",
        format!("De totalen in tabel 7.3 laten 2030 weg: besparingen € {} (met 2030: € {}), uitvoeringskosten € {} (€ {}), vervolgkosten € {} (€ {}).", eur_nl(s4), eur_nl(t.savings_indexed_total_eur), eur_nl(w4), eur_nl(t.social_worker_cost_indexed_total_eur), eur_nl(f4), eur_nl(t.follow_up_cost_indexed_total_eur)),
        format!("The totals in table 7.3 leave out 2030: savings EUR {} (with 2030: EUR {}), execution costs EUR {} (EUR {}), follow-up costs EUR {} (EUR {}).", eur_en(s4), eur_en(t.savings_indexed_total_eur), eur_en(w4), eur_en(t.social_worker_cost_indexed_total_eur), eur_en(f4), eur_en(t.follow_up_cost_indexed_total_eur)),
    ));
    out.push(note(
        "plan_net_total_inconsistent",
        format!("Het totale netto effect in tabel 7.3 (€ {}) is de som van de jaren 2025-2030, maar de totalen van die tabel geven € {} − € {} − € {} − € {} = € {}.", eur_nl(t.net_effect_total_eur), eur_nl(s4), eur_nl(w4), eur_nl(f4), eur_nl(oo), eur_nl(s4 - w4 - f4 - oo)),
        format!("The total net effect in table 7.3 (EUR {}) is the sum of the years 2025-2030, but that table's totals give EUR {} − {} − {} − {} = EUR {}.", eur_en(t.net_effect_total_eur), eur_en(s4), eur_en(w4), eur_en(f4), eur_en(oo), eur_en(s4 - w4 - f4 - oo)),
    ));
    out
}
