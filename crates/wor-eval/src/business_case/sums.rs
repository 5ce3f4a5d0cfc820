//! Shown totals that are not the sum of their shown parts. Amounts are computed unrounded and rounded
//! only for display, as the plan's spreadsheet does, so a total can differ by a euro (or a referral,
//! or 0.1 FTE) from the sum of the rounded cells beside it: the plan's own table 7.1 shows 1.959 +
//! 596 + 479 referrals for 2026 and a total of 3.033. The totals are kept (they reproduce the plan);
//! every such cell gets a footnote that shows the sum of the shown parts.

use super::{BusinessCase, RegionResult};
use crate::numbers::decimal;
use serde::Serialize;
use std::collections::BTreeMap;
use wor_core::Lang;

/// One shown total and its shown parts where they do not add up.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SumNote {
    /// The table as the plan numbers it: `7.1` (referrals, savings and social-worker costs per
    /// region), `7.3`, `7.4` (FTE), `8.1` (one-off investments), `8.3` (the request).
    pub table: String,
    /// The total's row (`total.referrals`, `zuid-holland-noord.savings`, `net`, ...) and column (a
    /// year or `total`).
    pub row: String,
    pub column: String,
    /// The shown parts with their sign, their sum and the shown total, in units of the last shown
    /// decimal (tenths for FTE).
    pub parts: Vec<i64>,
    pub sum: i64,
    pub total: i64,
    /// Decimals shown (FTE: 1; money and counts: 0).
    pub decimals: u32,
}

struct Checks(Vec<SumNote>);

impl Checks {
    fn check(&mut self, table: &str, row: &str, column: &str, parts: Vec<i64>, total: i64) {
        self.check_dec(table, row, column, parts, total, 0);
    }

    fn check_dec(
        &mut self,
        table: &str,
        row: &str,
        column: &str,
        parts: Vec<i64>,
        total: i64,
        decimals: u32,
    ) {
        let sum = parts.iter().sum();
        if sum != total {
            self.0.push(SumNote {
                table: table.into(),
                row: row.into(),
                column: column.into(),
                parts,
                sum,
                total,
                decimals,
            });
        }
    }

    /// A row's "Totaal" column against its year cells.
    fn row_total(&mut self, table: &str, row: &str, years: &[i64], total: i64) {
        self.check(table, row, "total", years.to_vec(), total);
    }

    /// A total row's year cells against the same cells of the rows above it.
    fn column_totals(
        &mut self,
        table: &str,
        row: &str,
        columns: &[String],
        parts: &[&[i64]],
        totals: &[i64],
        decimals: u32,
    ) {
        for (i, (col, total)) in columns.iter().zip(totals).enumerate() {
            let p = parts.iter().filter_map(|v| v.get(i).copied()).collect();
            self.check_dec(table, row, col, p, *total, decimals);
        }
    }
}

fn tenths(v: &[f64]) -> Vec<i64> {
    v.iter().map(|x| (x * 10.0).round() as i64).collect()
}

/// Every shown total of the business case's tables that is not the sum of its shown parts.
pub(super) fn sum_notes(bc: &BusinessCase) -> Vec<SumNote> {
    let mut c = Checks(Vec::new());
    let t = &bc.totals;
    let years: Vec<String> = bc.years.iter().map(i32::to_string).collect();
    let regions: Vec<&RegionResult> = bc.regions.values().collect();
    // 7.1/7.2 per region, then the total rows.
    for (id, r) in &bc.regions {
        c.row_total(
            "7.1",
            &format!("{id}.referrals"),
            &r.referrals,
            r.referrals_total,
        );
        c.row_total(
            "7.1",
            &format!("{id}.savings"),
            &r.savings_eur,
            r.savings_total_eur,
        );
        c.row_total(
            "7.1",
            &format!("{id}.social_worker_cost"),
            &r.social_worker_cost_eur,
            r.social_worker_cost_total_eur,
        );
    }
    let of = |f: fn(&RegionResult) -> &[i64]| regions.iter().map(|r| f(r)).collect::<Vec<_>>();
    c.column_totals(
        "7.1",
        "total.referrals",
        &years,
        &of(|r| &r.referrals),
        &t.referrals,
        0,
    );
    c.row_total("7.1", "total.referrals", &t.referrals, t.referrals_total);
    c.row_total(
        "7.1",
        "total.savings_indexed",
        &t.savings_indexed_eur,
        t.savings_indexed_total_eur,
    );
    c.column_totals(
        "7.1",
        "total.social_worker_cost",
        &years,
        &of(|r| &r.social_worker_cost_eur),
        &t.social_worker_cost_eur,
        0,
    );
    c.row_total(
        "7.1",
        "total.social_worker_cost",
        &t.social_worker_cost_eur,
        t.social_worker_cost_total_eur,
    );
    c.row_total(
        "7.1",
        "total.social_worker_cost_indexed",
        &t.social_worker_cost_indexed_eur,
        t.social_worker_cost_indexed_total_eur,
    );
    table_7_3(&mut c, bc);
    table_7_4(&mut c, bc);
    table_8_1(&mut c, bc);
    let f = &t.funding_request_eur;
    c.check(
        "8.3",
        "social_domain",
        "total",
        vec![f.social_worker_cost_eur, f.follow_up_cost_eur],
        f.social_domain_eur,
    );
    c.check(
        "8.3",
        "request",
        "total",
        vec![f.one_off_investment_eur, f.social_domain_eur],
        f.total_eur,
    );
    c.0
}

/// Table 7.3 over the net effect's years: each row's total, and each year's net effect against
/// savings minus costs minus one-off investments.
fn table_7_3(c: &mut Checks, bc: &BusinessCase) {
    let t = &bc.totals;
    let at = |v: &[i64], y: &str| bc.in_year(v, y);
    c.row_total(
        "7.3",
        "savings",
        &t.savings_indexed_eur,
        t.savings_indexed_total_eur,
    );
    c.row_total(
        "7.3",
        "social_worker_cost",
        &t.social_worker_cost_indexed_eur,
        t.social_worker_cost_indexed_total_eur,
    );
    c.row_total(
        "7.3",
        "follow_up_cost",
        &t.follow_up_cost_indexed_eur,
        t.follow_up_cost_indexed_total_eur,
    );
    let one_off: Vec<i64> = t.one_off_investment_indexed_eur.values().copied().collect();
    c.row_total(
        "7.3",
        "one_off",
        &one_off,
        t.one_off_investment_indexed_total_eur,
    );
    for (y, net) in &t.net_effect_eur {
        let parts = [
            at(&t.savings_indexed_eur, y),
            -at(&t.social_worker_cost_indexed_eur, y),
            -at(&t.follow_up_cost_indexed_eur, y),
            -t.one_off_investment_indexed_eur
                .get(y)
                .copied()
                .unwrap_or(0),
        ]
        .into_iter()
        .filter(|x| *x != 0)
        .collect();
        c.check("7.3", "net", y, parts, *net);
    }
    let net: Vec<i64> = t.net_effect_eur.values().copied().collect();
    c.row_total("7.3", "net", &net, t.net_effect_total_eur);
}

/// Table 7.4: each year's total row against the regions above it.
fn table_7_4(c: &mut Checks, bc: &BusinessCase) {
    let f = &bc.totals.fte;
    let years: Vec<String> = f.years.iter().map(i32::to_string).collect();
    let regions = |m: &BTreeMap<String, Vec<i64>>| -> (Vec<Vec<i64>>, Vec<i64>) {
        let parts = m
            .iter()
            .filter(|(k, _)| *k != "total")
            .map(|(_, v)| v.clone())
            .collect();
        (parts, m.get("total").cloned().unwrap_or_default())
    };
    let as_tenths = |m: &BTreeMap<String, Vec<f64>>| -> BTreeMap<String, Vec<i64>> {
        m.iter().map(|(k, v)| (k.clone(), tenths(v))).collect()
    };
    for (row, m, decimals) in [
        ("total.referrals", f.referrals.clone(), 0),
        (
            "total.social_worker_hours",
            f.social_worker_hours.clone(),
            0,
        ),
        (
            "total.social_worker_fte",
            as_tenths(&f.social_worker_fte),
            1,
        ),
        ("total.zvw_fte_saved", as_tenths(&f.zvw_fte_saved), 1),
    ] {
        let (parts, totals) = regions(&m);
        let parts: Vec<&[i64]> = parts.iter().map(Vec::as_slice).collect();
        c.column_totals("7.4", row, &years, &parts, &totals, decimals);
    }
}

/// Table 8.1: each item's total, each year's total against the items and the contingency, and the
/// totals' own "Totaal".
fn table_8_1(c: &mut Checks, bc: &BusinessCase) {
    let t = &bc.totals;
    for it in &t.one_off_items {
        let v: Vec<i64> = it.amounts_eur.values().copied().collect();
        c.row_total("8.1", &it.id, &v, it.total_eur);
    }
    for (y, total) in &t.one_off_investment_eur {
        let parts = t
            .one_off_items
            .iter()
            .filter_map(|it| it.amounts_eur.get(y).copied())
            .chain(t.one_off_contingency_eur.get(y).copied())
            .collect();
        c.check("8.1", "total", y, parts, *total);
    }
    let v: Vec<i64> = t.one_off_investment_eur.values().copied().collect();
    c.row_total("8.1", "total", &v, t.one_off_investment_total_eur);
    let v: Vec<i64> = t.one_off_investment_indexed_eur.values().copied().collect();
    c.row_total("8.1", "indexed", &v, t.one_off_investment_indexed_total_eur);
}

impl SumNote {
    /// The footnote: the shown parts and their sum, and why the shown total differs.
    pub fn describe(&self, lang: Lang) -> String {
        let scale = 10f64.powi(self.decimals as i32);
        let n = |x: i64| {
            decimal(
                lang,
                x.unsigned_abs() as f64 / scale,
                self.decimals as usize,
            )
        };
        let mut sum = String::new();
        for (i, x) in self.parts.iter().enumerate() {
            match (i, *x < 0) {
                (0, true) => sum.push_str(&format!("−{}", n(*x))),
                (0, false) => sum.push_str(&n(*x)),
                (_, true) => sum.push_str(&format!(" − {}", n(*x))),
                (_, false) => sum.push_str(&format!(" + {}", n(*x))),
            }
        }
        let signed = |x: i64| if x < 0 { format!("−{}", n(x)) } else { n(x) };
        if lang == Lang::En {
            format!("{sum} = {}; the total {} is rounded from the unrounded amounts (as the plan's spreadsheet does), not added up from the rounded ones shown.", signed(self.sum), signed(self.total))
        } else {
            format!("{sum} = {}; het totaal {} is afgerond uit de onafgeronde bedragen (zoals in de rekensheet van het plan), niet opgeteld uit de getoonde afgeronde.", signed(self.sum), signed(self.total))
        }
    }
}
