//! Where the plan contradicts itself. Every note quotes the plan's own printed figure
//! ([`crate::plan::published`]) and, beside it, what this computation gives: under the plan's own
//! parameters the two agree (or the note says why not); under a what-if or realised years the reader
//! still sees which number is the plan's.

use super::{compute::whole, BusinessCase, Params};
use crate::note::{note, Note};
use crate::numbers::{decimal, money, percent, plain_nl, whole as count};
use crate::plan::published as pb;
use std::collections::BTreeMap;
use wor_core::Lang::{En, Nl};

/// Unrounded series of this computation that the notes need beside the result.
pub(super) struct Recomputed<'a> {
    /// Indexed savings, social-worker and follow-up costs per structural year.
    pub sav_i: &'a [f64],
    pub sw_i: &'a [f64],
    pub fu_i: &'a [f64],
    /// One-off investments per one-off year, before indexation.
    pub oo_total: &'a [f64],
    /// Zvw FTE saved per FTE year if only the referrals above the base counted.
    pub fte_saved_on_extra: &'a [f64],
    /// Referrals per region over the one-off years (plan 8.4's period 2025-2027).
    pub referrals_in_one_off_years: &'a BTreeMap<String, f64>,
}

/// The plan's contradictions, each with the plan's figure and this computation's.
pub(super) fn contradictions(p: &Params, bc: &BusinessCase, r: &Recomputed) -> Vec<Note> {
    let mut out = Vec::new();
    out.extend(one_off_2027_index(p, r));
    out.push(referral_total_includes_base(bc));
    out.push(note(
        "plan_table_7_2_years_shifted",
        "De kop van tabel 7.2 noemt 2025-2029, maar de bedragen zijn die van 2026-2030 (zoals tabel 7.3 ze plaatst).".into(),
        "The header of table 7.2 says 2025-2029, but its amounts are those of 2026-2030 (where table 7.3 puts them).".into(),
    ));
    out.extend(table_7_3(bc, r));
    out.push(fte_counts_all_referrals(bc, r));
    out.push(haarlemmermeer_2025(bc));
    out.push(split_8_4(r));
    out.push(kpi_targets_are_all_referrals(bc));
    out
}

/// Plan 8.1: 2027's one-off investments are indexed by 1.069 where 3% a year gives 1.0609.
fn one_off_2027_index(p: &Params, r: &Recomputed) -> Option<Note> {
    let fac = *p.one_off.index_factor_overrides.get("2027")?;
    let rule = p.index_factor(2027);
    if (fac - rule).abs() <= 1e-12 {
        return None;
    }
    let x = r
        .oo_total
        .get(usize::try_from(2027 - p.one_off.first_year).ok()?)?;
    let (kept, ruled) = (whole(x * fac), whole(x * rule));
    let plan = pb::ONE_OFF_2027_INDEXED;
    Some(note(
        "plan_one_off_2027_index",
        format!("Plan 8.1 indexeert de eenmalige investeringen van 2027 met factor {}: {} in het plan, terwijl 3% per jaar factor {} geeft. Deze berekening houdt de factor van het plan aan: {} (met {}: {}).", plain_nl(fac), money(Nl, plan), plain_nl(rule), money(Nl, kept), plain_nl(rule), money(Nl, ruled)),
        format!("Plan 8.1 indexes the one-off investments of 2027 by a factor {fac}: {} in the plan, while 3% a year gives {rule}. This computation keeps the plan's factor: {} (with {rule}: {}).", money(En, plan), money(En, kept), money(En, ruled)),
    ))
}

/// Plan 7.1: the "Totaal" column adds the base year to 2026-2030.
fn referral_total_includes_base(bc: &BusinessCase) -> Note {
    let (plan, base) = (pb::REFERRALS_TOTAL, pb::REFERRALS_TOTAL_ROW[0]);
    let here = bc.totals.referrals_total;
    note(
        "plan_referral_total_includes_base",
        format!("De kolom Totaal van de verwijzingstabel in plan 7.1 ({}) telt het basisjaar 2024 ({}) mee; 2026-2030 samen is in het plan {}. Deze berekening toont als totaal alleen de jaren {}-{}: {}.", count(Nl, plan), count(Nl, base), count(Nl, plan - base), bc.params.first_year, bc.params.last_year, count(Nl, here)),
        format!("The Total column of the referral table in plan 7.1 ({}) includes the base year 2024 ({}); 2026-2030 together is {} in the plan. This computation's total holds only the years {}-{}: {}.", count(En, plan), count(En, base), count(En, plan - base), bc.params.first_year, bc.params.last_year, count(En, here)),
    )
}

/// Plan 7.3: the "Totaal" column leaves out 2030 for savings and costs but not for the net effect.
fn table_7_3(bc: &BusinessCase, r: &Recomputed) -> [Note; 2] {
    let t = &bc.totals;
    let four = |v: &[f64]| whole(v.iter().take(4).sum::<f64>());
    let rows = [
        (
            "besparingen",
            "savings",
            pb::TABLE_7_3_SAVINGS_TOTAL,
            four(r.sav_i),
            t.savings_indexed_total_eur,
        ),
        (
            "uitvoeringskosten",
            "execution costs",
            pb::TABLE_7_3_SOCIAL_WORK_TOTAL,
            four(r.sw_i),
            t.social_worker_cost_indexed_total_eur,
        ),
        (
            "vervolgkosten",
            "follow-up costs",
            pb::TABLE_7_3_FOLLOW_UP_TOTAL,
            four(r.fu_i),
            t.follow_up_cost_indexed_total_eur,
        ),
    ];
    let list = |lang| {
        rows.iter()
            .map(|(nl, en, plan, four, all)| {
                let (name, here, with) = if lang == Nl {
                    (nl, "deze berekening", "met 2030")
                } else {
                    (en, "this computation", "with 2030")
                };
                format!(
                    "{name} {} ({here}: 2026-2029 {}, {with} {})",
                    money(lang, *plan),
                    money(lang, *four),
                    money(lang, *all)
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let omit = note(
        "plan_table_7_3_totals_omit_2030",
        format!("De totalen in tabel 7.3 laten 2030 weg: {}.", list(Nl)),
        format!("The totals in table 7.3 leave out 2030: {}.", list(En)),
    );
    let (s, w, f, o, net) = (
        pb::TABLE_7_3_SAVINGS_TOTAL,
        pb::TABLE_7_3_SOCIAL_WORK_TOTAL,
        pb::TABLE_7_3_FOLLOW_UP_TOTAL,
        pb::TABLE_7_3_ONE_OFF_TOTAL,
        pb::TABLE_7_3_NET_TOTAL,
    );
    let net_note = note(
        "plan_net_total_inconsistent",
        format!("Het totale netto effect in tabel 7.3 ({}) is de som van de jaren 2025-2030, maar de totalen van die tabel geven {} − {} − {} − {} = {}. Deze berekening telt 2030 overal mee: netto effect {}.", money(Nl, net), money(Nl, s), money(Nl, w), money(Nl, f), money(Nl, o), money(Nl, s - w - f - o), money(Nl, t.net_effect_total_eur)),
        format!("The total net effect in table 7.3 ({}) is the sum of the years 2025-2030, but that table's totals give {} − {} − {} − {} = {}. This computation counts 2030 everywhere: net effect {}.", money(En, net), money(En, s), money(En, w), money(En, f), money(En, o), money(En, s - w - f - o), money(En, t.net_effect_total_eur)),
    );
    [omit, net_note]
}

/// Plan 7.4 counts FTE saved over all referrals; plan 7.1 counts euros saved over the extra ones.
fn fte_counts_all_referrals(bc: &BusinessCase, r: &Recomputed) -> Note {
    let f = &bc.totals.fte;
    let tenths = |lang, v: &[f64]| {
        v.iter()
            .map(|x| decimal(lang, *x, 1))
            .collect::<Vec<_>>()
            .join(" / ")
    };
    let years = f
        .years
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join("/");
    let here = f.zvw_fte_saved.get("total").map_or(&[][..], Vec::as_slice);
    let [base, y2026, ..] = pb::REFERRALS_TOTAL_ROW;
    note(
        "plan_fte_savings_count_all_referrals",
        format!("Plan 7.4 rekent de FTE-besparing in de Zvw over alle verwijzingen ({} FTE in 2025-2028; 2025: {} FTE bij het basisniveau van {} verwijzingen), terwijl de besparing in euro's in plan 7.1 alleen de verwijzingen boven het basisniveau telt (2025: € 0; 2026: {} extra van {}). Deze berekening volgt het plan ({years}: {} FTE); over de extra verwijzingen alleen zou het {} FTE zijn.", tenths(Nl, &pb::ZVW_FTE_SAVED_TOTAL), decimal(Nl, pb::ZVW_FTE_SAVED_TOTAL[0], 1), count(Nl, base), count(Nl, y2026 - base), count(Nl, y2026), tenths(Nl, here), tenths(Nl, r.fte_saved_on_extra)),
        format!("Plan 7.4 counts the Zvw FTE saved over all referrals ({} FTE in 2025-2028; 2025: {} FTE at the base level of {} referrals), while plan 7.1 counts euros saved over the referrals above the base only (2025: EUR 0; 2026: {} extra of {}). This computation follows the plan ({years}: {} FTE); over the extra referrals alone it would be {} FTE.", tenths(En, &pb::ZVW_FTE_SAVED_TOTAL), decimal(En, pb::ZVW_FTE_SAVED_TOTAL[0], 1), count(En, base), count(En, y2026 - base), count(En, y2026), tenths(En, here), tenths(En, r.fte_saved_on_extra)),
    )
}

/// Plan 5.2: Haarlemmermeer starts in 2026; plan 8.1 gives it amounts in 2025.
fn haarlemmermeer_2025(bc: &BusinessCase) -> Note {
    let items = &bc.totals.one_off_items;
    let here_of = |id: &str| {
        items
            .iter()
            .find(|r| r.id == id)
            .and_then(|r| r.amounts_eur.get("2025"))
            .copied()
    };
    let plan: i64 = pb::HAARLEMMERMEER_2025.iter().map(|(_, x)| x).sum();
    let here: i64 = pb::HAARLEMMERMEER_2025
        .iter()
        .filter_map(|(id, _)| here_of(id))
        .sum();
    let list = |lang| {
        pb::HAARLEMMERMEER_2025
            .iter()
            .map(|(id, x)| {
                let label = items.iter().find(|r| r.id == *id).map_or(*id, |r| {
                    if lang == Nl {
                        r.nl.as_str()
                    } else {
                        r.en.as_str()
                    }
                });
                format!("{label} {}", money(lang, *x))
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    note(
        "plan_haarlemmermeer_2025_amounts",
        format!("Volgens plan 5.2 begint Haarlemmermeer per 2026 (\"die zijn vanaf dan opgenomen\"), maar tabel 8.1 geeft Haarlemmermeer in 2025 samen {}: {}. Deze berekening volgt tabel 8.1: {} in 2025.", money(Nl, plan), list(Nl), money(Nl, here)),
        format!("Plan 5.2 says Haarlemmermeer starts in 2026 (\"die zijn vanaf dan opgenomen\"), but table 8.1 gives Haarlemmermeer {} in 2025: {}. This computation follows table 8.1: {} in 2025.", money(En, plan), list(En), money(En, here)),
    )
}

/// Plan 8.4: the split "op basis van het aantal verwijzingen" and the amounts of its table.
fn split_8_4(r: &Recomputed) -> Note {
    let all: f64 = pb::SPLIT_8_4
        .iter()
        .filter_map(|c| r.referrals_in_one_off_years.get(c.id))
        .sum();
    let shares = |lang, f: &dyn Fn(&pb::SplitCells) -> Option<f64>| {
        pb::SPLIT_8_4
            .iter()
            .map(|c| percent(lang, f(c)))
            .collect::<Vec<_>>()
            .join(" / ")
    };
    let amounts = |lang, f: &dyn Fn(&pb::SplitCells) -> i64| {
        pb::SPLIT_8_4
            .iter()
            .map(|c| money(lang, f(c)))
            .collect::<Vec<_>>()
            .join(" / ")
    };
    let stated = |c: &pb::SplitCells| Some(c.share);
    let here = |c: &pb::SplitCells| {
        r.referrals_in_one_off_years
            .get(c.id)
            .filter(|_| all > 0.0)
            .map(|n| n / all)
    };
    let social = |c: &pb::SplitCells| {
        Some(c.social_domain_eur as f64 / pb::SPLIT_8_4_SOCIAL_DOMAIN_TOTAL as f64)
    };
    let one_off =
        |c: &pb::SplitCells| Some(c.one_off_eur as f64 / pb::SPLIT_8_4_ONE_OFF_TOTAL as f64);
    note(
        "plan_split_8_4_not_from_amounts",
        format!("Plan 8.4 verdeelt \"op basis van het aantal verwijzingen\" (2025-2027) over Amstelland / Haarlemmermeer / ZHN: {} (deze berekening, uit de verwijzingen 2025-2027: {}). De kosten sociaal domein volgen die verdeling ({} van {}: {}), maar de eenmalige middelen sociaal domein niet: {} van {} is {}.", shares(Nl, &stated), shares(Nl, &here), amounts(Nl, &|c| c.social_domain_eur), money(Nl, pb::SPLIT_8_4_SOCIAL_DOMAIN_TOTAL), shares(Nl, &social), amounts(Nl, &|c| c.one_off_eur), money(Nl, pb::SPLIT_8_4_ONE_OFF_TOTAL), shares(Nl, &one_off)),
        format!("Plan 8.4 splits \"op basis van het aantal verwijzingen\" (by the number of referrals, 2025-2027) over Amstelland / Haarlemmermeer / ZHN: {} (this computation, from the referrals 2025-2027: {}). The social domain's costs follow that split ({} of {}: {}), but the social domain's one-off funds do not: {} of {} is {}.", shares(En, &stated), shares(En, &here), amounts(En, &|c| c.social_domain_eur), money(En, pb::SPLIT_8_4_SOCIAL_DOMAIN_TOTAL), shares(En, &social), amounts(En, &|c| c.one_off_eur), money(En, pb::SPLIT_8_4_ONE_OFF_TOTAL), shares(En, &one_off)),
    )
}

/// The KPI targets for successful referrals equal plan 7.1's referral counts.
fn kpi_targets_are_all_referrals(bc: &BusinessCase) -> Note {
    let list = |lang, here: bool| {
        pb::REGIONS
            .iter()
            .map(|c| {
                let (name, ours) = bc
                    .regions
                    .get(c.id)
                    .map_or((c.id, None), |r| (r.name.as_str(), Some(&r.referrals)));
                let [a, b, ..] = c.referrals;
                if here {
                    let v = ours.map_or_else(String::new, |v| {
                        v.iter()
                            .take(2)
                            .map(|x| count(lang, *x))
                            .collect::<Vec<_>>()
                            .join(" / ")
                    });
                    format!("{name} {v}")
                } else {
                    format!(
                        "{name} {} / {} (KPI {} / {})",
                        count(lang, a),
                        count(lang, b),
                        c.kpis[0],
                        c.kpis[1]
                    )
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    note(
        "plan_kpi_targets_assume_every_referral_succeeds",
        format!("De KPI's \"casussen succesvol doorverwezen\" (aangekomen en in behandeling genomen) voor 2026 / 2027 zijn precies de verwijzingen van tabel 7.1: {}. Dat veronderstelt dat elke verwijzing slaagt; gerealiseerde jaren tellen hier daarom alleen succesvolle verwijzingen. Deze berekening, 2026 / 2027: {}.", list(Nl, false), list(Nl, true)),
        format!("The KPIs \"casussen succesvol doorverwezen\" (successful referrals: arrived and taken into care) for 2026 / 2027 are exactly the referrals of table 7.1: {}. That assumes every referral succeeds; realised years therefore count successful referrals only. This computation, 2026 / 2027: {}.", list(En, false), list(En, true)),
    )
}
