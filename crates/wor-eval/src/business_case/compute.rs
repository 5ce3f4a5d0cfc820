//! The business case's tables, step by step as the plan builds them: referrals and their effects per
//! region (7.1, 7.2), the FTE tables (7.4), the one-off investments (8.1), the net effect (7.3) and the
//! request (8.3). Every amount unrounded until output.

use super::contradictions::{contradictions, Recomputed};
use super::notes::{assumptions, below_base};
use super::{
    drivers, sums, Actuals, BusinessCase, FteTable, FundingRequest, OneOffRow, Params,
    RegionParams, RegionResult, Scenario, Totals,
};
use crate::note::note;
use std::collections::BTreeMap;
use wor_core::error::FieldError;

/// Whole euros (or whole referrals, hours) as the plan's spreadsheet shows them: half away from zero.
pub(super) fn whole(x: f64) -> i64 {
    x.round() as i64
}

/// One decimal, as the plan's FTE tables show them.
fn tenth(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn sum(v: &[f64]) -> f64 {
    v.iter().sum()
}

fn wholes(v: &[f64]) -> Vec<i64> {
    v.iter().map(|x| whole(*x)).collect()
}

fn by_year(first: i32, v: &[f64]) -> BTreeMap<String, i64> {
    v.iter()
        .enumerate()
        .map(|(i, x)| ((first + i as i32).to_string(), whole(*x)))
        .collect()
}

/// The value of year `y` in a series starting at `first`; 0 outside it.
fn at(v: &[f64], first: i32, y: i32) -> f64 {
    usize::try_from(y - first)
        .ok()
        .and_then(|i| v.get(i))
        .copied()
        .unwrap_or(0.0)
}

/// Referrals per region and year: realised where `actuals` has a whole year, else planned.
struct Counts<'a> {
    p: &'a Params,
    actuals: &'a Actuals,
}

impl Counts<'_> {
    /// Referrals in any year: base before first_year, then compounded growth (unrounded: the plan
    /// compounds from the base, 397 x 1.5 x 1.5 = 893.25, and shows 893).
    fn planned(&self, r: &RegionParams, year: i32) -> f64 {
        let mut x = r.base_referrals;
        for (i, g) in r.growth.iter().enumerate() {
            if self.p.first_year + i as i32 > year {
                break;
            }
            x *= 1.0 + g;
        }
        x
    }

    /// The count of a year and whether it is realised.
    fn count(&self, id: &str, r: &RegionParams, year: i32) -> (f64, bool) {
        match self.actuals.get(id).and_then(|a| a.get(&year)) {
            Some(n) if year >= self.p.first_year => (*n as f64, true),
            _ => (self.planned(r, year), false),
        }
    }
}

/// Unrounded per-year series over all regions: referrals, extra referrals, savings, social-worker and
/// follow-up costs (not indexed).
struct Flows {
    referrals: Vec<f64>,
    extra: Vec<f64>,
    savings: Vec<f64>,
    social_work: Vec<f64>,
    follow_up: Vec<f64>,
}

/// Plan 7.1 and 7.2: per region its referrals and their effects; summed into `Flows`.
fn regions(counts: &Counts, years: &[i32]) -> (BTreeMap<String, RegionResult>, Flows) {
    let p = counts.p;
    let n = years.len();
    let mut regions = BTreeMap::new();
    let mut all = Flows {
        referrals: vec![0.0; n],
        extra: vec![0.0; n],
        savings: vec![0.0; n],
        social_work: vec![0.0; n],
        follow_up: vec![0.0; n],
    };
    for (id, r) in &p.regions {
        let mut referrals = Vec::with_capacity(n);
        let mut extra = Vec::with_capacity(n);
        let mut actual = Vec::with_capacity(n);
        for y in years {
            let (c, is_actual) = counts.count(id, r, *y);
            referrals.push(c);
            // The plan's savings and costs are for referrals above the base (plan 7.1: "aantal -
            // basisniveau"): fewer than the base is no extra referral, never negative money.
            extra.push((c - r.base_referrals).max(0.0));
            actual.push(is_actual);
        }
        let per_extra = |f: f64| -> Vec<f64> { extra.iter().map(|e| e * f).collect() };
        let savings = per_extra(p.zvw_saving_per_extra_referral_eur);
        let sw: Vec<f64> = extra
            .iter()
            .map(|e| e * p.social_worker_hours_per_referral * p.social_worker_rate_eur)
            .collect();
        let fu: Vec<f64> = extra
            .iter()
            .map(|e| e * p.follow_up_share * p.follow_up_cost_eur)
            .collect();
        for i in 0..n {
            all.referrals[i] += referrals[i];
            all.extra[i] += extra[i];
            all.savings[i] += savings[i];
            all.social_work[i] += sw[i];
            all.follow_up[i] += fu[i];
        }
        regions.insert(
            id.clone(),
            RegionResult {
                name: r.name.clone(),
                base_referrals: whole(r.base_referrals),
                referrals: wholes(&referrals),
                actual,
                extra_referrals: wholes(&extra),
                savings_eur: wholes(&savings),
                social_worker_cost_eur: wholes(&sw),
                follow_up_cost_eur: wholes(&fu),
                referrals_total: whole(sum(&referrals)),
                savings_total_eur: whole(sum(&savings)),
                social_worker_cost_total_eur: whole(sum(&sw)),
            },
        );
    }
    (regions, all)
}

/// Plan 7.4: Zvw FTE saved per referral, from the GP's and the POH-GGZ's shares of the saving.
fn fte_per_referral(p: &Params) -> f64 {
    let share_eur = |share: f64| {
        let x = share * p.zvw_saving_per_extra_referral_eur;
        if p.fte.whole_euro_shares {
            x.floor()
        } else {
            x
        }
    };
    share_eur(p.fte.gp_share) / p.fte.gp_fte_cost_eur
        + share_eur(p.fte.poh_share) / p.fte.poh_fte_cost_eur
}

/// Per FTE year, the Zvw FTE saved if only referrals above the base counted (as the euros do).
fn fte_saved_on_extra(counts: &Counts) -> Vec<f64> {
    let p = counts.p;
    (p.fte.first_year..=p.fte.last_year)
        .map(|y| {
            let extra: f64 = p
                .regions
                .iter()
                .map(|(id, r)| (counts.count(id, r, y).0 - r.base_referrals).max(0.0))
                .sum();
            tenth(extra * fte_per_referral(p))
        })
        .collect()
}

/// Per region, the referrals over the one-off years (plan 8.4 splits by them).
fn referrals_in_one_off_years(counts: &Counts) -> BTreeMap<String, f64> {
    let p = counts.p;
    p.regions
        .iter()
        .map(|(id, r)| {
            let n = (p.one_off.first_year..=p.one_off.last_year)
                .map(|y| counts.count(id, r, y).0)
                .sum();
            (id.clone(), n)
        })
        .collect()
}

/// Plan 7.4: referrals, social-worker hours and FTE, and Zvw FTE saved, per region and in total, for
/// the FTE years (the base level before first_year).
fn fte_table(counts: &Counts) -> FteTable {
    let p = counts.p;
    let fte_years: Vec<i32> = (p.fte.first_year..=p.fte.last_year).collect();
    let fte_per_referral = fte_per_referral(p);
    let mut fte = FteTable {
        years: fte_years.clone(),
        referrals: BTreeMap::new(),
        social_worker_hours: BTreeMap::new(),
        social_worker_fte: BTreeMap::new(),
        zvw_fte_saved: BTreeMap::new(),
    };
    let mut fte_total = vec![0.0; fte_years.len()];
    let mut add_fte_rows = |key: String, refs: &[f64]| {
        let hours: Vec<f64> = refs
            .iter()
            .map(|r| r * p.social_worker_hours_per_referral)
            .collect();
        fte.referrals.insert(key.clone(), wholes(refs));
        fte.social_worker_hours.insert(key.clone(), wholes(&hours));
        fte.social_worker_fte.insert(
            key.clone(),
            hours
                .iter()
                .map(|h| tenth(h / p.fte.productive_hours))
                .collect(),
        );
        fte.zvw_fte_saved.insert(
            key,
            refs.iter().map(|r| tenth(r * fte_per_referral)).collect(),
        );
    };
    for (id, r) in &p.regions {
        let refs: Vec<f64> = fte_years
            .iter()
            .map(|y| counts.count(id, r, *y).0)
            .collect();
        for (i, x) in refs.iter().enumerate() {
            fte_total[i] += x;
        }
        add_fte_rows(id.clone(), &refs);
    }
    add_fte_rows("total".into(), &fte_total);
    fte
}

/// Plan 8.1: the one-off rows (fixed items, then training per region), unrounded per one-off year,
/// with the contingency, the total and the indexed total.
struct OneOff {
    rows: Vec<OneOffRow>,
    contingency: Vec<f64>,
    total: Vec<f64>,
    indexed: Vec<f64>,
}

fn one_off(counts: &Counts) -> OneOff {
    let p = counts.p;
    let oo = &p.one_off;
    let oo_years: Vec<i32> = (oo.first_year..=oo.last_year).collect();
    let vat = 1.0 + oo.vat;
    let mut rows: Vec<(OneOffRow, Vec<f64>)> = Vec::new();
    for it in &oo.items {
        let v: Vec<f64> = it.amounts_eur.iter().map(|a| a * vat).collect();
        rows.push((
            OneOffRow {
                id: it.id.clone(),
                nl: it.nl.clone(),
                en: it.en.clone(),
                amounts_eur: by_year(oo.first_year, &v),
                total_eur: whole(sum(&v)),
            },
            v,
        ));
    }
    // Training: 20 hours per social-worker FTE (as the FTE table shows it, one decimal).
    for (id, r) in &p.regions {
        let v: Vec<f64> = oo_years
            .iter()
            .map(|y| {
                let hours = counts.count(id, r, *y).0 * p.social_worker_hours_per_referral;
                tenth(hours / p.fte.productive_hours)
                    * oo.training_hours_per_fte
                    * oo.training_rate_eur
                    * vat
            })
            .collect();
        rows.push((
            OneOffRow {
                id: format!("training_{id}"),
                nl: format!("Scholings- en intervisiekosten professionals {}", r.name),
                en: format!("Training and intervision, {}", r.name),
                amounts_eur: by_year(oo.first_year, &v),
                total_eur: whole(sum(&v)),
            },
            v,
        ));
    }
    let subtotal: Vec<f64> = (0..oo_years.len())
        .map(|i| rows.iter().map(|(_, v)| v[i]).sum())
        .collect();
    let contingency: Vec<f64> = subtotal.iter().map(|s| s * oo.contingency).collect();
    let total: Vec<f64> = subtotal
        .iter()
        .zip(&contingency)
        .map(|(s, c)| s + c)
        .collect();
    let indexed: Vec<f64> = total
        .iter()
        .zip(&oo_years)
        .map(|(x, y)| x * p.one_off_index_factor(*y))
        .collect();
    OneOff {
        rows: rows.into_iter().map(|(r, _)| r).collect(),
        contingency,
        total,
        indexed,
    }
}

/// The running total of a series.
fn cumulative(v: &[f64]) -> Vec<f64> {
    v.iter()
        .scan(0.0, |acc, x| {
            *acc += x;
            Some(*acc)
        })
        .collect()
}

impl BusinessCase {
    /// Computes the business case. `actuals` replace the planned referrals of whole calendar years
    /// (the caller decides which years are whole); later years keep the plan's counts.
    pub fn compute(params: &Params, actuals: &Actuals) -> Result<BusinessCase, FieldError> {
        params.validate()?;
        let p = params;
        let counts = Counts { p, actuals };
        let years: Vec<i32> = (p.first_year..=p.last_year).collect();
        let (regions, all) = regions(&counts, &years);
        let indexed = |v: &[f64]| -> Vec<f64> {
            v.iter()
                .zip(&years)
                .map(|(x, y)| x * p.index_factor(*y))
                .collect()
        };
        let (sav, sw, fu) = (&all.savings, &all.social_work, &all.follow_up);
        let (sav_i, sw_i, fu_i) = (indexed(sav), indexed(sw), indexed(fu));
        let fte = fte_table(&counts);
        let oo = one_off(&counts);
        let oo_first = p.one_off.first_year;

        // Net effect per year from the first of start_year and the one-off years (plan 7.3).
        let net_first = p.start_year.min(oo_first);
        let net_last = p.last_year.max(p.one_off.last_year);
        let net: Vec<f64> = (net_first..=net_last)
            .map(|y| {
                at(&sav_i, p.first_year, y)
                    - at(&sw_i, p.first_year, y)
                    - at(&fu_i, p.first_year, y)
                    - at(&oo.indexed, oo_first, y)
            })
            .collect();
        // The request (plan 8.3): one-off investments plus the social domain's costs in those years.
        let in_one_off = |v: &[f64]| -> f64 {
            (oo_first..=p.one_off.last_year)
                .map(|y| at(v, p.first_year, y))
                .sum()
        };
        let (req_sw, req_fu) = (in_one_off(&sw_i), in_one_off(&fu_i));
        let funding = FundingRequest {
            one_off_investment_eur: whole(sum(&oo.indexed)),
            social_worker_cost_eur: whole(req_sw),
            follow_up_cost_eur: whole(req_fu),
            social_domain_eur: whole(req_sw + req_fu),
            total_eur: whole(sum(&oo.indexed) + req_sw + req_fu),
        };

        let totals = Totals {
            referrals: wholes(&all.referrals),
            extra_referrals: wholes(&all.extra),
            savings_eur: wholes(sav),
            savings_indexed_eur: wholes(&sav_i),
            social_worker_cost_eur: wholes(sw),
            social_worker_cost_indexed_eur: wholes(&sw_i),
            follow_up_cost_eur: wholes(fu),
            follow_up_cost_indexed_eur: wholes(&fu_i),
            referrals_total: whole(sum(&all.referrals)),
            savings_total_eur: whole(sum(sav)),
            savings_indexed_total_eur: whole(sum(&sav_i)),
            social_worker_cost_total_eur: whole(sum(sw)),
            social_worker_cost_indexed_total_eur: whole(sum(&sw_i)),
            follow_up_cost_indexed_total_eur: whole(sum(&fu_i)),
            one_off_investment_eur: by_year(oo_first, &oo.total),
            one_off_investment_indexed_eur: by_year(oo_first, &oo.indexed),
            one_off_investment_total_eur: whole(sum(&oo.total)),
            one_off_investment_indexed_total_eur: whole(sum(&oo.indexed)),
            one_off_items: oo.rows,
            one_off_contingency_eur: by_year(oo_first, &oo.contingency),
            net_effect_eur: by_year(net_first, &net),
            net_effect_cumulative_eur: by_year(net_first, &cumulative(&net)),
            net_effect_total_eur: whole(sum(&net)),
            funding_request_eur: funding,
            fte,
        };
        let any_actual = regions.values().any(|r| r.actual.contains(&true));
        let scenario = match (*p == Params::default(), any_actual) {
            (true, false) => Scenario::Plan,
            (false, false) => Scenario::WhatIf,
            (true, true) => Scenario::Actuals,
            (false, true) => Scenario::WhatIfWithActuals,
        };
        let mut bc = BusinessCase {
            scenario,
            years,
            regions,
            totals,
            warnings: Vec::new(),
            assumptions: assumptions(p),
            drivers: drivers::drivers(p),
            sum_notes: Vec::new(),
            params: params.clone(),
            synthetic_actuals: false,
            actuals_origin: None,
        };
        let mut warnings = below_base(p, &bc);
        warnings.extend(contradictions(
            p,
            &bc,
            &Recomputed {
                sav_i: &sav_i,
                sw_i: &sw_i,
                fu_i: &fu_i,
                oo_total: &oo.total,
                fte_saved_on_extra: &fte_saved_on_extra(&counts),
                referrals_in_one_off_years: &referrals_in_one_off_years(&counts),
            },
        ));
        bc.warnings = warnings;
        bc.sum_notes = sums::sum_notes(&bc);
        if !actuals.is_empty() {
            bc.assumptions.push(note(
                "actuals_replace_years",
                "Gerealiseerde aantallen (succesvolle verwijzingen) vervangen de geplande alleen voor hele kalenderjaren; latere jaren houden de aantallen van het plan.".into(),
                "Realised counts (successful referrals) replace the planned ones for whole calendar years only; later years keep the plan's counts.".into(),
            ));
        }
        Ok(bc)
    }
}
