//! The business case as a fragment: what the numbers rest on, the net effect's charts, then the plan's
//! tables 7.3, the drivers, 7.1/7.2, 7.4 and 8.1 and the request of 8.3. A shown total that is not
//! the sum of its shown parts carries a footnote mark, and the table's footnotes say why.

use super::{fragment, notes, pick, Block, Request, Table, BLUE, GREEN, ORANGE};
use crate::business_case::{BusinessCase, Params, RegionResult, Scenario, SumNote};
use crate::charts::{self, Series};
use crate::numbers::{self, money};
use wor_core::Lang;

fn number(lang: Lang, x: i64) -> String {
    numbers::whole(lang, x)
}

/// What a section of the fragment needs: the case, the language, and the net effect's years.
struct View<'a> {
    bc: &'a BusinessCase,
    lang: Lang,
    net_years: Vec<String>,
}

impl View<'_> {
    fn l<'s>(&self, nl: &'s str, en: &'s str) -> &'s str {
        pick(self.lang, nl, en)
    }

    /// The value of a structural series (from `first_year`) in `year`; 0 before.
    fn at(&self, v: &[i64], year: &str) -> f64 {
        self.bc.in_year(v, year) as f64
    }

    /// A structural series over the net-effect years (which may start earlier, 2025), as money.
    fn series(&self, v: &[i64]) -> Vec<String> {
        self.net_years
            .iter()
            .map(|y| money(self.lang, self.at(v, y) as i64))
            .collect()
    }

    fn money(&self, x: i64) -> String {
        money(self.lang, x)
    }

    /// The sum notes of one table, numbered in order.
    fn footnotes(&self, table: &str) -> Footnotes<'_> {
        Footnotes {
            notes: self
                .bc
                .sum_notes
                .iter()
                .filter(|n| n.table == table)
                .collect(),
            lang: self.lang,
        }
    }
}

/// A table's footnotes: which cells carry a mark, and the notes below the table.
struct Footnotes<'a> {
    notes: Vec<&'a SumNote>,
    lang: Lang,
}

/// Footnote marks ¹ ² ³ ..., as superscript digits.
fn superscript(n: usize) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string()
        .bytes()
        .map(|b| DIGITS[usize::from(b - b'0')])
        .collect()
}

impl Footnotes<'_> {
    /// `cell` with the mark of its footnote, if the total at (`row`, `column`) has one.
    fn mark(&self, row: &str, column: &str, cell: String) -> String {
        match self
            .notes
            .iter()
            .position(|n| n.row == row && n.column == column)
        {
            Some(i) => format!("{cell}{}", superscript(i + 1)),
            None => cell,
        }
    }

    /// One note per footnote, for below the table.
    fn blocks(&self) -> impl Iterator<Item = Block> + '_ {
        self.notes
            .iter()
            .enumerate()
            .map(|(i, n)| Block::Note(format!("{} {}", superscript(i + 1), n.describe(self.lang))))
    }
}

/// The business case as an HTML fragment.
pub fn business_case_fragment(bc: &BusinessCase, lang: Lang) -> String {
    let v = View {
        bc,
        lang,
        net_years: bc.totals.net_effect_eur.keys().cloned().collect(),
    };
    let mut blocks = preamble(&v);
    blocks.extend(charts(&v));
    blocks.extend(table_7_3(&v));
    blocks.extend(drivers(&v));
    blocks.extend(regions(&v));
    blocks.extend(fte(&v));
    blocks.extend(one_off(&v));
    blocks.push(notes(
        lang,
        "note",
        v.l("Aannames", "Assumptions"),
        &bc.assumptions,
    ));
    fragment(
        "business-case",
        v.l(
            "Businesscase Welzijn op Recept",
            "Business case Welzijn op Recept",
        ),
        &blocks,
    )
}

/// Which parameters, where the realised years come from, and the warnings.
fn preamble(v: &View) -> Vec<Block> {
    let bc = v.bc;
    let default = bc.params == Params::default();
    let mut blocks = vec![Block::Note(
        if default {
            v.l(
                "Parameters van het transformatieplan (hoofdstuk 7 en 8.1); bedragen in hele euro's.",
                "The transformation plan's parameters (chapters 7 and 8.1); amounts in whole euros.",
            )
        } else {
            v.l(
                "Eigen parameters (wat-als); bedragen in hele euro's.",
                "Own parameters (what-if); amounts in whole euros.",
            )
        }
        .to_string(),
    )];
    if bc.synthetic_actuals {
        blocks.push(Block::Origin(v.l(
            "Gerealiseerde jaren uit synthetische casussen (verzonnen voorbeeldgegevens, geen echte inwoners): deze cijfers tonen hoe de businesscase werkt, niet hoe de regio het doet.",
            "Realised years from synthetic cases (invented sample data, no real residents): these figures show how the business case works, not how the region is doing.",
        ).to_string()));
    }
    if let Some(origins) = &bc.actuals_origin {
        blocks.push(super::origin_block(v.lang, origins));
    }
    if matches!(bc.scenario, Scenario::Actuals | Scenario::WhatIfWithActuals) {
        blocks.push(Block::Note(
            v.l(
                "Jaren met * bevatten gerealiseerde aantallen (succesvolle verwijzingen) in plaats van geplande.",
                "Years marked * hold realised counts (successful referrals) instead of planned ones.",
            )
            .to_string(),
        ));
    }
    blocks.push(notes(
        v.lang,
        "warn",
        v.l("Waarschuwingen", "Warnings"),
        &bc.warnings,
    ));
    blocks
}

/// Savings, costs and the net effect per year, and the cumulative net effect: what the steering group
/// asks first.
fn charts(v: &View) -> Vec<Block> {
    let t = &v.bc.totals;
    let net_years = &v.net_years;
    let costs: Vec<Option<f64>> = net_years
        .iter()
        .map(|y| {
            let s = v.at(&t.social_worker_cost_indexed_eur, y)
                + v.at(&t.follow_up_cost_indexed_eur, y)
                + t.one_off_investment_indexed_eur
                    .get(y)
                    .copied()
                    .unwrap_or(0) as f64;
            Some(s)
        })
        .collect();
    let fmt = |x: f64| money(v.lang, x.round() as i64);
    let bars = charts::bars(
        v.l(
            "Besparingen, kosten en netto effect per jaar (geïndexeerd)",
            "Savings, costs and net effect per year (indexed)",
        ),
        net_years,
        &[
            Series {
                label: v.l("Besparing Zvw", "Zvw savings"),
                color: GREEN,
                values: net_years
                    .iter()
                    .map(|y| Some(v.at(&t.savings_indexed_eur, y)))
                    .collect(),
            },
            Series {
                label: v.l("Kosten", "Costs"),
                color: ORANGE,
                values: costs,
            },
            Series {
                label: v.l("Netto effect", "Net effect"),
                color: BLUE,
                values: t.net_effect_eur.values().map(|x| Some(*x as f64)).collect(),
            },
        ],
        &fmt,
    );
    let cum: Vec<Option<f64>> = t
        .net_effect_cumulative_eur
        .values()
        .map(|x| Some(*x as f64))
        .collect();
    let lines = charts::lines(
        v.l("Cumulatief netto effect", "Cumulative net effect"),
        net_years,
        &[Series {
            label: v.l("Cumulatief netto effect", "Cumulative net effect"),
            color: BLUE,
            values: cum,
        }],
        &fmt,
    );
    vec![Block::Chart(bars), Block::Chart(lines)]
}

/// Plan 7.3: savings, costs, one-off investments and the net effect per year; the plan's heading only
/// for the plan's own scenario.
fn table_7_3(v: &View) -> Vec<Block> {
    let t = &v.bc.totals;
    let foot = v.footnotes("7.3");
    let mut cols = v.net_years.clone();
    cols.push(v.l("Totaal", "Total").into());
    let mut table = Table::new("", cols);
    let mut row = |class, key: &str, label: &str, cells: Vec<String>, total: i64| {
        let total = foot.mark(key, "total", v.money(total));
        table.row(class, label, cells.into_iter().chain([total]));
    };
    row(
        "",
        "savings",
        v.l("Totale besparingen in Zvw", "Total Zvw savings"),
        v.series(&t.savings_indexed_eur),
        t.savings_indexed_total_eur,
    );
    row(
        "",
        "social_worker_cost",
        v.l(
            "Uitvoeringskosten personele inzet WoR",
            "Execution costs, social workers",
        ),
        v.series(&t.social_worker_cost_indexed_eur),
        t.social_worker_cost_indexed_total_eur,
    );
    row(
        "",
        "follow_up_cost",
        v.l(
            "Substitutie-/vervolgkosten sociaal domein",
            "Follow-up costs, social domain",
        ),
        v.series(&t.follow_up_cost_indexed_eur),
        t.follow_up_cost_indexed_total_eur,
    );
    row(
        "",
        "one_off",
        v.l("Eenmalige investeringsmiddelen", "One-off investments"),
        v.net_years
            .iter()
            .map(|y| {
                v.money(
                    t.one_off_investment_indexed_eur
                        .get(y)
                        .copied()
                        .unwrap_or(0),
                )
            })
            .collect(),
        t.one_off_investment_indexed_total_eur,
    );
    row(
        "sum",
        "net",
        v.l("Netto effect", "Net effect"),
        t.net_effect_eur
            .iter()
            .map(|(y, x)| foot.mark("net", y, v.money(*x)))
            .collect(),
        t.net_effect_total_eur,
    );
    let mut blocks = vec![Block::H3(v.bc.heading(v.lang)), Block::Table(table)];
    blocks.extend(foot.blocks());
    blocks
}

/// Every parameter, its value and its source: what the figures rest on. The params-file key stays in
/// the JSON (`drivers[].param`): a project lead reads the Dutch name, an analyst editing a file the JSON.
fn drivers(v: &View) -> Vec<Block> {
    let mut table = Table::new(
        v.l("Uitgangspunt", "Driver"),
        [v.l("Waarde", "Value"), v.l("Bron", "Source")].map(String::from),
    );
    for d in &v.bc.drivers {
        let value = pick(v.lang, &d.value_nl, &d.value_en).to_string();
        table.row("", pick(v.lang, &d.nl, &d.en), [value, d.source(v.lang)]);
    }
    vec![
        Block::H3(v.l("Uitgangspunten", "Drivers").to_string()),
        Block::TextTable(table),
    ]
}

/// Plan 7.1 and 7.2: referrals, savings and social-worker costs per region, then the totals.
fn regions(v: &View) -> Vec<Block> {
    let (bc, lang) = (v.bc, v.lang);
    let t = &bc.totals;
    let foot = v.footnotes("7.1");
    let star = |r: &RegionResult, i: usize| {
        if r.actual.get(i).copied().unwrap_or(false) {
            "*"
        } else {
            ""
        }
    };
    let mut cols = vec![format!("{} {}", v.l("basis", "base"), bc.params.base_year)];
    cols.extend(bc.years.iter().map(i32::to_string));
    cols.push(format!(
        "{} {}-{}",
        v.l("Totaal", "Total"),
        bc.params.first_year,
        bc.params.last_year
    ));
    let mut table = Table::new(v.l("Regio", "Region"), cols);
    // A row of euros per year after an empty base-year cell, and its total, with their marks.
    let money_row = |table: &mut Table,
                     class: &'static str,
                     key: &str,
                     label: &str,
                     values: &[i64],
                     total: i64| {
        table.row(
            class,
            label,
            [String::new()]
                .into_iter()
                .chain(
                    values
                        .iter()
                        .zip(&bc.years)
                        .map(|(x, y)| foot.mark(key, &y.to_string(), v.money(*x))),
                )
                .chain([foot.mark(key, "total", v.money(total))]),
        );
    };
    for (id, r) in &bc.regions {
        let key = format!("{id}.referrals");
        let refs = r
            .referrals
            .iter()
            .enumerate()
            .map(|(i, x)| format!("{}{}", number(lang, *x), star(r, i)));
        table.row(
            "",
            &format!("{} — {}", r.name, v.l("verwijzingen", "referrals")),
            [number(lang, r.base_referrals)]
                .into_iter()
                .chain(refs)
                .chain([foot.mark(&key, "total", number(lang, r.referrals_total))]),
        );
        money_row(
            &mut table,
            "",
            &format!("{id}.savings"),
            &format!("{} — {}", r.name, v.l("besparing Zvw", "Zvw savings")),
            &r.savings_eur,
            r.savings_total_eur,
        );
        money_row(
            &mut table,
            "",
            &format!("{id}.social_worker_cost"),
            &format!(
                "{} — {}",
                r.name,
                v.l("inzet sociaal werkers", "social-worker costs")
            ),
            &r.social_worker_cost_eur,
            r.social_worker_cost_total_eur,
        );
    }
    let base: i64 = bc.regions.values().map(|r| r.base_referrals).sum();
    table.row(
        "sum",
        v.l("Totaal verwijzingen", "Total referrals"),
        [number(lang, base)]
            .into_iter()
            .chain(
                t.referrals
                    .iter()
                    .zip(&bc.years)
                    .map(|(x, y)| foot.mark("total.referrals", &y.to_string(), number(lang, *x))),
            )
            .chain([foot.mark("total.referrals", "total", number(lang, t.referrals_total))]),
    );
    money_row(
        &mut table,
        "sum",
        "total.savings_indexed",
        v.l(
            "Totale besparing (incl. indexering)",
            "Total savings (indexed)",
        ),
        &t.savings_indexed_eur,
        t.savings_indexed_total_eur,
    );
    money_row(
        &mut table,
        "sum",
        "total.social_worker_cost",
        v.l("Totale kosten inzet WoR", "Total social-worker costs"),
        &t.social_worker_cost_eur,
        t.social_worker_cost_total_eur,
    );
    money_row(
        &mut table,
        "sum",
        "total.social_worker_cost_indexed",
        v.l("Idem, inclusief jaarlijkse indexering", "The same, indexed"),
        &t.social_worker_cost_indexed_eur,
        t.social_worker_cost_indexed_total_eur,
    );
    let mut blocks = vec![
        Block::H3(
            v.l(
                "Verwijzingen en besparingen per regio (plan 7.1 en 7.2)",
                "Referrals and savings per region (plan 7.1 and 7.2)",
            )
            .to_string(),
        ),
        Block::Table(table),
    ];
    blocks.extend(foot.blocks());
    blocks
}

/// Plan 7.4: referrals, social-worker hours and FTE, and the Zvw FTE saved, per region and then the
/// total (last, as in the plan).
fn fte(v: &View) -> Vec<Block> {
    let (bc, lang) = (v.bc, v.lang);
    let f = &bc.totals.fte;
    let foot = v.footnotes("7.4");
    let years: Vec<String> = f.years.iter().map(i32::to_string).collect();
    let mut table = Table::new("", years.clone());
    let name = |k: &str| {
        bc.regions
            .get(k)
            .map_or_else(|| v.l("Totaal", "Total").to_string(), |r| r.name.clone())
    };
    // The regions in their order, then the total.
    let keys: Vec<&str> = bc
        .regions
        .keys()
        .map(String::as_str)
        .chain(["total"])
        .collect();
    let mut group =
        |title: &str, key: &str, cells: &dyn Fn(&str) -> Option<Vec<String>>| {
            for k in &keys {
                let Some(values) = cells(k) else { continue };
                let total = *k == "total";
                let row = format!("total.{key}");
                table.row(
                    if total { "sum" } else { "" },
                    &format!("{title}: {}", name(k)),
                    values.into_iter().zip(&years).map(|(c, y)| {
                        if total {
                            foot.mark(&row, y, c)
                        } else {
                            c
                        }
                    }),
                );
            }
        };
    let wholes = |m: &std::collections::BTreeMap<String, Vec<i64>>, k: &str| {
        m.get(k)
            .map(|v| v.iter().map(|x| number(lang, *x)).collect())
    };
    let tenths = |m: &std::collections::BTreeMap<String, Vec<f64>>, k: &str| {
        m.get(k)
            .map(|v| v.iter().map(|x| numbers::decimal(lang, *x, 1)).collect())
    };
    group(v.l("Verwijzingen", "Referrals"), "referrals", &|k| {
        wholes(&f.referrals, k)
    });
    group(
        v.l("Uren sociaal werkers", "Social-worker hours"),
        "social_worker_hours",
        &|k| wholes(&f.social_worker_hours, k),
    );
    group(
        v.l("FTE sociaal werker", "Social-worker FTE"),
        "social_worker_fte",
        &|k| tenths(&f.social_worker_fte, k),
    );
    group(
        v.l("FTE-besparing Zvw", "Zvw FTE saved"),
        "zvw_fte_saved",
        &|k| tenths(&f.zvw_fte_saved, k),
    );
    let mut blocks = vec![
        Block::H3(
            v.l(
                "FTE-inzet en -besparing (plan 7.4)",
                "FTE needed and saved (plan 7.4)",
            )
            .to_string(),
        ),
        Block::Table(table),
    ];
    blocks.extend(foot.blocks());
    blocks
}

/// Plan 8.1: the one-off investments per item, contingency and totals; plan 8.3: the request.
fn one_off(v: &View) -> Vec<Block> {
    let t = &v.bc.totals;
    let foot = v.footnotes("8.1");
    let mut cols: Vec<String> = t.one_off_investment_eur.keys().cloned().collect();
    cols.push(v.l("Totaal", "Total").into());
    let mut table = Table::new("", cols);
    let mut row = |class,
                   key: &str,
                   label: &str,
                   values: &std::collections::BTreeMap<String, i64>,
                   total: i64| {
        table.row(
            class,
            label,
            values
                .iter()
                .map(|(y, x)| foot.mark(key, y, v.money(*x)))
                .chain([foot.mark(key, "total", v.money(total))]),
        );
    };
    for it in &t.one_off_items {
        row(
            "",
            &it.id,
            pick(v.lang, &it.nl, &it.en),
            &it.amounts_eur,
            it.total_eur,
        );
    }
    row(
        "",
        "contingency",
        v.l("Marge onvoorzien", "Contingency"),
        &t.one_off_contingency_eur,
        t.one_off_contingency_eur.values().sum(),
    );
    row(
        "sum",
        "total",
        v.l("Totaal excl. indexatie", "Total before indexation"),
        &t.one_off_investment_eur,
        t.one_off_investment_total_eur,
    );
    row(
        "sum",
        "indexed",
        v.l("Inclusief jaarlijkse indexatie", "Indexed"),
        &t.one_off_investment_indexed_eur,
        t.one_off_investment_indexed_total_eur,
    );
    let fr = &t.funding_request_eur;
    let request = v.footnotes("8.3");
    let mut blocks = vec![
        Block::H3(
            v.l(
                "Eenmalige investeringen (plan 8.1, incl. btw)",
                "One-off investments (plan 8.1, incl. VAT)",
            )
            .to_string(),
        ),
        Block::Table(table),
    ];
    blocks.extend(foot.blocks());
    blocks.push(Block::Request(Request {
        label: v.l("Totale aanvraag (plan 8.3): eenmalige investeringen plus uitvoerings- en vervolgkosten sociaal domein in de investeringsjaren", "Total request (plan 8.3): one-off investments plus social-domain execution and follow-up costs in the investment years").to_string(),
        one_off: v.money(fr.one_off_investment_eur),
        social: request.mark("social_domain", "total", v.money(fr.social_domain_eur)),
        total: request.mark("request", "total", v.money(fr.total_eur)),
    }));
    blocks.extend(request.blocks());
    blocks
}
