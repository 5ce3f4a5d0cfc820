//! The plan's KPI table (status, due date, evidence) and capacity per municipality, as blocks of the
//! monitoring fragment, in plain words (the KPI number follows in brackets).

use super::{notes, pick, Block, Table};
use crate::monitor::kpis::{Evidence, Kpi};
use crate::monitor::{Capacity, Monitor, RegisterRow};
use crate::numbers::{decimal, percent, whole};
use std::collections::BTreeMap;
use wor_core::{Date, Lang};

/// A date as the reader writes it: 1-7-2026 (English 2026-07-01).
fn day(lang: Lang, d: Date) -> String {
    if lang == Lang::En {
        d.to_string()
    } else {
        format!("{}-{}-{}", d.day(), d.month(), d.year())
    }
}

fn row_text(lang: Lang, r: &RegisterRow) -> String {
    let label = if lang == Lang::En {
        r.kind.label_en()
    } else {
        r.kind.label_nl().to_string()
    };
    let mut s = format!("{} {label}", day(lang, r.date));
    if !r.description.is_empty() {
        s.push_str(": ");
        s.push_str(&r.description);
    }
    if let Some(n) = r.participants {
        s.push_str(&format!(
            " ({n} {})",
            pick(lang, "deelnemers", "participants")
        ));
    }
    s
}

fn evidence(lang: Lang, k: &Kpi) -> String {
    let l = |nl, en| pick(lang, nl, en);
    let mut text = match &k.evidence {
        Evidence::Register(rows) if rows.is_empty() => {
            l("nog niets in het register", "nothing in the register yet").to_string()
        }
        Evidence::Register(rows) => rows
            .iter()
            .map(|r| row_text(lang, r))
            .collect::<Vec<_>>()
            .join("; "),
        Evidence::Cases {
            referrals,
            successful,
        } => format!(
            "{successful} {} {referrals} {}",
            l("van", "of"),
            l(
                "verwijzingen dit jaar in zorg genomen",
                "referrals this year taken into care"
            )
        ),
        Evidence::Practices {
            referring_practices,
            electronic,
        } => format!(
            "{electronic} {} {referring_practices} {}",
            l("van", "of"),
            l("verwijzende praktijken", "referring practices")
        ),
    };
    if !k.beside.is_empty() {
        text.push_str(&format!(
            " · {}: {}",
            l("ernaast, telt niet mee", "beside, not counted"),
            k.beside
                .iter()
                .map(|r| row_text(lang, r))
                .collect::<Vec<_>>()
                .join("; ")
        ));
    }
    text
}

fn progress(lang: Lang, k: &Kpi) -> String {
    let of = pick(lang, "van", "of");
    match (&k.evidence, k.value) {
        (_, None) => "–".into(),
        (Evidence::Practices { .. }, v) => format!(
            "{} ({} {})",
            percent(lang, v),
            pick(lang, "doel", "target"),
            percent(lang, Some(k.target))
        ),
        (_, Some(v)) => format!(
            "{} {of} {}",
            whole(lang, v.round() as i64),
            whole(lang, k.target.round() as i64)
        ),
    }
}

/// The KPI table of `kpis` (one region's, or the supra-regional ones).
pub(super) fn kpi_table(lang: Lang, kpis: &[&Kpi]) -> Block {
    let l = |nl, en| pick(lang, nl, en);
    let mut table = Table::text(
        l("Wat het plan vraagt (KPI)", "What the plan asks (KPI)"),
        [
            l("streefdatum", "due"),
            l("status", "status"),
            l("stand", "progress"),
            l("bewijs", "evidence"),
        ]
        .map(String::from),
    );
    for k in kpis {
        table.row(
            k.status_class(),
            &format!("{} ({})", pick(lang, &k.nl, &k.en), k.id),
            [
                day(lang, k.due),
                k.status.label(lang).to_string(),
                progress(lang, k),
                evidence(lang, k),
            ],
        );
    }
    Block::Table(table)
}

/// The supra-regional KPIs, when the register gave them.
pub(super) fn supra_regional(lang: Lang, m: &Monitor) -> Vec<Block> {
    let supra: Vec<&Kpi> = m.kpis.iter().filter(|k| k.region.is_none()).collect();
    if supra.is_empty() {
        return Vec::new();
    }
    let mut blocks = vec![Block::H3(
        pick(
            lang,
            "Bovenregionale KPI's (plan 5.2)",
            "Supra-regional KPIs (plan 5.2)",
        )
        .to_string(),
    )];
    if let Some(r) = &m.register {
        blocks.push(Block::Note(format!(
            "{}: {} {}{}",
            pick(lang, "Register", "Register"),
            r.counted,
            pick(
                lang,
                "rijen tot de peildatum",
                "rows up to the reference date"
            ),
            if r.after_date > 0 {
                format!(
                    "; {} {}",
                    r.after_date,
                    pick(
                        lang,
                        "na de peildatum (tellen nog niet)",
                        "after the reference date (not counted yet)"
                    )
                )
            } else {
                String::new()
            }
        )));
    }
    blocks.push(kpi_table(lang, &supra));
    blocks
}

/// A region's KPI table.
pub(super) fn region(lang: Lang, m: &Monitor, region: &str) -> Vec<Block> {
    let own: Vec<&Kpi> = m
        .kpis
        .iter()
        .filter(|k| k.region.as_deref() == Some(region))
        .collect();
    if own.is_empty() {
        return Vec::new();
    }
    vec![
        Block::H4(
            pick(
                lang,
                "KPI's van de regio (plan 5.2)",
                "The region's KPIs (plan 5.2)",
            )
            .to_string(),
        ),
        kpi_table(lang, &own),
    ]
}

/// Capacity per municipality against the inflow, with its warnings.
pub(super) fn capacity(lang: Lang, m: &Monitor) -> Vec<Block> {
    let Some(capacity) = &m.capacity else {
        return Vec::new();
    };
    let l = |nl, en| pick(lang, nl, en);
    let mut table = Table::new(
        l("Gemeente", "Municipality"),
        [
            l("fte", "FTE"),
            l(
                "capaciteit per jaar (verwijzingen)",
                "capacity a year (referrals)",
            ),
            l("capaciteit tot peildatum", "capacity to date"),
            l("verwijzingen dit jaar", "referrals this year"),
            l("benutting", "utilisation"),
        ]
        .map(String::from),
    );
    let cells = |c: &Capacity| {
        [
            decimal(lang, c.fte, 1),
            whole(lang, c.capacity_referrals.round() as i64),
            whole(lang, c.capacity_to_date.round() as i64),
            c.referrals.to_string(),
            percent(lang, c.utilisation),
        ]
    };
    let over: BTreeMap<&String, bool> = capacity
        .iter()
        .map(|(n, c)| (n, c.utilisation.is_some_and(|u| u > 1.0)))
        .collect();
    for (name, c) in capacity {
        table.row(if over[name] { "over" } else { "" }, name, cells(c));
    }
    vec![
        Block::H3(
            l(
                "Capaciteit tegen de instroom",
                "Capacity against the inflow",
            )
            .to_string(),
        ),
        Block::Table(table),
        notes(lang, "warn", l("Waarschuwingen", "Warnings"), &m.warnings),
    ]
}
