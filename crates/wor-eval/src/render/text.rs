//! Short summaries of the business case and the monitoring for a terminal (Dutch figures, English
//! labels beside).

use crate::business_case::BusinessCase;
use crate::monitor::Monitor;
use crate::numbers;
use std::fmt::Write as _;
use wor_core::Lang;

fn number(x: i64) -> String {
    numbers::whole(Lang::Nl, x)
}

/// A short summary of the business case for a terminal (Dutch figures, English labels beside).
pub fn business_case_text(bc: &BusinessCase) -> String {
    let t = &bc.totals;
    let mut s = String::from("Businesscase Welzijn op Recept (business case), hele euro's\n");
    if bc.synthetic_actuals {
        s.push_str("synthetische casussen (synthetic cases): een demonstratie, geen meting (a demonstration, not a measurement)\n");
    }
    if let Some(origins) = &bc.actuals_origin {
        let _ = writeln!(s, "{}", origins.describe_both());
    }
    let _ = writeln!(
        s,
        "{:<34}{}",
        "jaar (year)",
        t.net_effect_eur
            .keys()
            .map(|y| format!("{y:>14}"))
            .collect::<String>()
    );
    let line = |s: &mut String, label: &str, v: Vec<i64>| {
        let _ = writeln!(
            s,
            "{label:<34}{}",
            v.iter()
                .map(|x| format!("{:>14}", number(*x)))
                .collect::<String>()
        );
    };
    let years: Vec<String> = t.net_effect_eur.keys().cloned().collect();
    let pad = |v: &[i64]| -> Vec<i64> {
        years
            .iter()
            .map(|y| {
                bc.years
                    .iter()
                    .position(|x| x.to_string() == *y)
                    .and_then(|i| v.get(i))
                    .copied()
                    .unwrap_or(0)
            })
            .collect()
    };
    line(
        &mut s,
        "besparing Zvw (savings, indexed)",
        pad(&t.savings_indexed_eur),
    );
    line(
        &mut s,
        "sociaal werkers (social workers)",
        pad(&t.social_worker_cost_indexed_eur),
    );
    line(
        &mut s,
        "vervolgkosten (follow-up)",
        pad(&t.follow_up_cost_indexed_eur),
    );
    line(
        &mut s,
        "eenmalig (one-off)",
        years
            .iter()
            .map(|y| {
                t.one_off_investment_indexed_eur
                    .get(y)
                    .copied()
                    .unwrap_or(0)
            })
            .collect(),
    );
    line(
        &mut s,
        "netto effect (net effect)",
        t.net_effect_eur.values().copied().collect(),
    );
    let _ = writeln!(
        s,
        "netto effect totaal (net effect, total): {}",
        number(t.net_effect_total_eur)
    );
    for w in &bc.warnings {
        let _ = writeln!(s, "waarschuwing (warning) {}: {}", w.code, w.nl);
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
    // Regions with cases first, as in the HTML.
    let mut regions: Vec<_> = m.regions.iter().collect();
    regions.sort_by_key(|(_, years)| !super::monitor::has_cases(years));
    for (region, years) in regions {
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
    for k in &m.kpis {
        let _ = writeln!(
            s,
            "KPI {} {}: {} (due {}), {} of {}",
            k.id,
            k.region
                .as_deref()
                .unwrap_or("bovenregionaal (supra-regional)"),
            k.status.label(wor_core::Lang::En),
            k.due,
            k.value.map_or_else(
                || "-".into(),
                |v| format!("{v:.2}")
                    .trim_end_matches('0')
                    .trim_end_matches('.')
                    .to_string()
            ),
            k.target
        );
    }
    for (name, c) in m.capacity.iter().flatten() {
        let _ = writeln!(
            s,
            "capaciteit (capacity) {name}: {} fte, {:.0} per jaar (a year), {:.0} tot peildatum (to date), verwijzingen (referrals) {}, benutting (utilisation) {}",
            c.fte,
            c.capacity_referrals,
            c.capacity_to_date,
            c.referrals,
            c.utilisation.map_or_else(|| "-".into(), |u| format!("{:.0}%", u * 100.0))
        );
    }
    s
}
