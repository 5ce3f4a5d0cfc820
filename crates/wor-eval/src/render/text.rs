//! Short summaries of the business case and the monitoring for a terminal (Dutch figures, English
//! labels beside).

use crate::business_case::{BusinessCase, SumNote};
use crate::monitor::Monitor;
use crate::numbers;
use std::fmt::Write as _;
use wor_core::Lang;

fn number(x: i64) -> String {
    numbers::whole(Lang::Nl, x)
}

/// A short summary of the business case for a terminal (Dutch figures, English labels beside): its
/// heading, table 7.3 with the footnotes of its totals, the warnings and the drivers.
pub fn business_case_text(bc: &BusinessCase) -> String {
    let t = &bc.totals;
    let mut s = String::from("Businesscase Welzijn op Recept (business case), hele euro's\n");
    if bc.synthetic_actuals {
        s.push_str("synthetische casussen (synthetic cases): een demonstratie, geen meting (a demonstration, not a measurement)\n");
    }
    if let Some(origins) = &bc.actuals_origin {
        let _ = writeln!(s, "{}", origins.describe_both());
    }
    let _ = writeln!(s, "{} ({})", bc.heading(Lang::Nl), bc.heading(Lang::En));
    let notes: Vec<&SumNote> = bc.sum_notes.iter().filter(|n| n.table == "7.3").collect();
    // A figure with the number of its footnote, as "[1]" (a terminal has no superscript to spare).
    let cell = |row: &str, column: &str, x: i64| {
        let mark = notes
            .iter()
            .position(|n| n.row == row && n.column == column)
            .map_or_else(String::new, |i| format!("[{}]", i + 1));
        format!("{:>15}", number(x) + &mark)
    };
    let years: Vec<String> = t.net_effect_eur.keys().cloned().collect();
    let _ = writeln!(
        s,
        "{:<34}{}{:>15}",
        "jaar (year)",
        years.iter().map(|y| format!("{y:>15}")).collect::<String>(),
        "totaal (total)"
    );
    let at = |v: &[i64], y: &str| bc.in_year(v, y);
    let series = |f: &dyn Fn(&str) -> i64| -> Vec<i64> { years.iter().map(|y| f(y)).collect() };
    let rows = [
        (
            "besparing Zvw (savings, indexed)",
            "savings",
            series(&|y| at(&t.savings_indexed_eur, y)),
            t.savings_indexed_total_eur,
        ),
        (
            "sociaal werkers (social workers)",
            "social_worker_cost",
            series(&|y| at(&t.social_worker_cost_indexed_eur, y)),
            t.social_worker_cost_indexed_total_eur,
        ),
        (
            "vervolgkosten (follow-up)",
            "follow_up_cost",
            series(&|y| at(&t.follow_up_cost_indexed_eur, y)),
            t.follow_up_cost_indexed_total_eur,
        ),
        (
            "eenmalig (one-off)",
            "one_off",
            series(&|y| {
                t.one_off_investment_indexed_eur
                    .get(y)
                    .copied()
                    .unwrap_or(0)
            }),
            t.one_off_investment_indexed_total_eur,
        ),
        (
            "netto effect (net effect)",
            "net",
            series(&|y| t.net_effect_eur.get(y).copied().unwrap_or(0)),
            t.net_effect_total_eur,
        ),
    ];
    for (label, key, values, total) in &rows {
        let _ = writeln!(
            s,
            "{label:<34}{}{}",
            values
                .iter()
                .zip(&years)
                .map(|(x, y)| cell(key, y, *x))
                .collect::<String>(),
            cell(key, "total", *total)
        );
    }
    for (i, n) in notes.iter().enumerate() {
        let _ = writeln!(s, "[{}] {}", i + 1, n.describe(Lang::Nl));
    }
    let _ = writeln!(
        s,
        "netto effect totaal (net effect, total): {}",
        number(t.net_effect_total_eur)
    );
    for w in &bc.warnings {
        let _ = writeln!(s, "waarschuwing (warning) {}: {}", w.code, w.nl);
    }
    let _ = writeln!(s, "uitgangspunten (drivers):");
    for d in &bc.drivers {
        let _ = writeln!(s, "  {}: {} ({})", d.nl, d.value_nl, d.source(Lang::Nl));
    }
    s
}

/// A short summary of the monitoring for a terminal.
pub fn monitor_text(m: &Monitor) -> String {
    let mut s = format!(
        "Monitoring Welzijn op Recept, peildatum (reference date) {}{}\n",
        m.date,
        if m.shared {
            ", gedeeld (shared): 1-4 als <5"
        } else {
            ""
        }
    );
    if m.cases.synthetic {
        s.push_str("synthetische casussen (synthetic cases): een demonstratie, geen meting (a demonstration, not a measurement)\n");
    }
    let _ = writeln!(s, "{}", m.cases.origins.describe_both());
    for (region, years) in &m.regions {
        for (year, y) in years {
            let _ = writeln!(
                s,
                "{region} {year}{}: verwijzingen (referrals) {}, succesvol (successful) {}{}, open {}",
                if y.complete { "" } else { " (tot peildatum, to date)" },
                y.referrals,
                y.successful,
                y.successful_target.map_or_else(String::new, |t| format!(" van doel (of target) {t}")),
                y.open
            );
        }
    }
    s
}
