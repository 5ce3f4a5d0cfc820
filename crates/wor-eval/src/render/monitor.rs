//! The monitoring as a fragment: the reference date and case counts, then per region its years (table
//! and charts against the path to the target), the electronic-channel KPI and the learning groups'
//! tables; then practices, starting practices and the assumptions.

use super::{fragment, notes, pick, Block, Table, GREEN, GREY};
use crate::charts::{self, Series};
use crate::monitor::{Count, Monitor, RegionYear};
use crate::numbers::{self, percent};
use std::collections::BTreeMap;
use wor_core::Lang;

fn count(c: Count) -> String {
    c.to_string()
}

fn count_f(c: Count) -> Option<f64> {
    match c {
        Count::Exact(n) => Some(n as f64),
        Count::Suppressed => None,
    }
}

/// The monitoring as an HTML fragment.
pub fn monitor_fragment(m: &Monitor, lang: Lang) -> String {
    let l = |nl, en| pick(lang, nl, en);
    let mut blocks = vec![Block::Note(format!(
        "{} {} · {} {} · {} {} · {} {}{} {}",
        l("Peildatum", "Reference date"),
        m.date,
        l("casussen", "cases"),
        count(m.cases.total),
        l("open", "open"),
        count(m.cases.open),
        l(
            "na de peildatum (niet meegeteld)",
            "after the reference date (left out)"
        ),
        count(m.cases.after_date),
        if m.shared {
            l(
                " · Gedeelde versie: aantallen 1 tot en met 4 als <5.",
                " · Shared version: counts 1 to 4 as <5.",
            )
        } else {
            ""
        },
        l(
            "· 1-4 gesprekken: het plan noemt 'maximaal drie à vier gesprekken' voor de PO-sociaal in Zuid-Holland Noord; dat het voor elke casus geldt, is een aanname.",
            "· 1-4 conversations: the plan says 'at most three or four conversations' of the PO-sociaal in Zuid-Holland Noord; that it holds for every case is an assumption.",
        ),
    ))];
    if m.cases.synthetic {
        blocks.push(Block::Origin(l(
            "Synthetische casussen (verzonnen voorbeeldgegevens, geen echte inwoners): deze cijfers tonen hoe de monitoring werkt, niet hoe de regio het doet.",
            "Synthetic cases (invented sample data, no real residents): these figures show how monitoring works, not how the region is doing."
        ).to_string()));
    }
    blocks.push(super::origin_block(lang, &m.cases.origins));
    blocks.extend(super::kpis::supra_regional(lang, m));
    // Regions with cases first; one without gets its KPI table and a line, no empty charts.
    let mut regions: Vec<(&String, &BTreeMap<String, RegionYear>)> = m.regions.iter().collect();
    regions.sort_by_key(|(_, years)| !has_cases(years));
    for (region, years) in regions {
        if !has_cases(years) {
            let name = crate::plan::region(region).map_or(region.as_str(), |r| r.name);
            blocks.push(Block::H3Region(region.to_string(), name.to_string()));
            blocks.extend(super::kpis::region(lang, m, region));
            blocks.push(Block::Note(
                l(
                    "Nog geen casussen in deze regio tot de peildatum.",
                    "No cases in this region up to the reference date yet.",
                )
                .to_string(),
            ));
            continue;
        }
        blocks.extend(region_years(lang, region, years));
        blocks.extend(super::kpis::region(lang, m, region));
        if let Some(k) = m.electronic_channel.get(region) {
            let kpi = crate::plan::region(region)
                .map_or_else(String::new, |r| format!(" (KPI {})", r.kpi(5)));
            blocks.push(Block::Para(format!(
                "{}{kpi}: {} {} {} ({}; {} {}, {} {}). {}: {} {}.",
                l(
                    "Praktijken die verwijzen via ZorgDomein of VIP Live",
                    "Practices referring through ZorgDomein or VIP Live"
                ),
                count(k.electronic),
                l("van", "of"),
                count(k.referring_practices),
                percent(lang, k.share),
                l("doel", "target"),
                percent(lang, Some(k.target)),
                l("uiterlijk", "by"),
                k.deadline,
                l(
                    "Praktijken zonder kanaal in hun verwijzingen",
                    "Practices without a channel in their referrals"
                ),
                count(k.without_channel),
                l(
                    "(tellen als niet elektronisch)",
                    "(counted as not electronic)"
                ),
            )));
        }
        if let Some(g) = m.learning_groups.get(region) {
            blocks.extend(learning_groups(lang, g));
        }
    }
    blocks.extend(super::kpis::capacity(lang, m));
    blocks.extend(practices(lang, m));
    blocks.push(notes(
        lang,
        "note",
        l("Aannames", "Assumptions"),
        &m.assumptions,
    ));
    fragment(
        "monitor",
        l(
            "Monitoring Welzijn op Recept",
            "Monitoring Welzijn op Recept",
        ),
        &blocks,
    )
}

/// Whether any year of a region has referrals (a suppressed count is 1 to 4).
pub(super) fn has_cases(years: &BTreeMap<String, RegionYear>) -> bool {
    years.values().any(|y| y.referrals != Count::Exact(0))
}

/// A region's heading, its table per year, and per year with a target the cumulative chart.
fn region_years(lang: Lang, region: &str, years: &BTreeMap<String, RegionYear>) -> Vec<Block> {
    let l = |nl, en| pick(lang, nl, en);
    let name = crate::plan::region(region).map_or(region, |r| r.name);
    let mut table = Table::new(
        l("Jaar", "Year"),
        [
            l("verwijzingen", "referrals"),
            l("succesvol", "successful"),
            l("doel", "target"),
            l("% van doel", "% of target"),
            l("open", "open"),
            l("eerste contact ≤ 14 dagen", "first contact ≤ 14 days"),
            l("1-4 gesprekken", "1-4 conversations"),
            l("Positieve Gezondheid verbeterd", "Positive Health improved"),
            l("na 3 mnd nog actief", "still active at 3 months"),
        ]
        .map(String::from),
    );
    for (year, y) in years {
        let label = if y.complete {
            year.clone()
        } else {
            format!("{year} ({})", l("tot peildatum", "to date"))
        };
        table.row(
            "",
            &label,
            [
                count(y.referrals),
                count(y.successful),
                y.successful_target
                    .map_or_else(|| "–".into(), |t| numbers::whole(lang, i64::from(t))),
                percent(lang, y.share_of_target),
                count(y.open),
                percent(lang, y.first_contact_within_14_days),
                percent(lang, y.one_to_four_conversations),
                percent(lang, y.health_improved),
                percent(lang, y.still_attending_3m),
            ],
        );
    }
    let mut blocks = vec![
        Block::H3Region(region.to_string(), name.to_string()),
        Block::Table(table),
    ];
    for (year, y) in years.iter().filter(|(_, y)| y.successful_target.is_some()) {
        let months: Vec<String> = y.months.iter().map(|p| p.month.clone()).collect();
        blocks.push(Block::Chart(charts::lines(
            &format!(
                "{name} {year}: {}",
                l(
                    "succesvolle verwijzingen cumulatief tegen het pad naar het doel",
                    "successful referrals, cumulative, against the path to the target"
                )
            ),
            &months,
            &[
                Series {
                    label: l("succesvol (cumulatief)", "successful (cumulative)"),
                    color: GREEN,
                    values: y
                        .months
                        .iter()
                        .map(|p| count_f(p.successful_cumulative))
                        .collect(),
                },
                Series {
                    label: l("pad naar doel", "path to target"),
                    color: GREY,
                    values: y.months.iter().map(|p| p.target_path).collect(),
                },
            ],
            &|v| numbers::whole(lang, v.round() as i64),
        )));
    }
    blocks
}

/// The learning groups (WelZo): referrals per municipality and quarter, demand per area, missing offer.
fn learning_groups(lang: Lang, g: &crate::monitor::LearningGroups) -> Vec<Block> {
    let l = |nl, en| pick(lang, nl, en);
    let mut blocks = Vec::new();
    let quarters: Vec<String> = g.quarters.keys().cloned().collect();
    if !g.municipalities.is_empty() {
        blocks.push(Block::H4(
            l(
                "Leergroepen (WelZo): verwijzingen per gemeente en kwartaal",
                "Learning groups (WelZo): referrals per municipality and quarter",
            )
            .to_string(),
        ));
        let mut table = Table::new(
            l("Gemeente", "Municipality"),
            quarters
                .iter()
                .cloned()
                .chain([l("Totaal", "Total").to_string()]),
        );
        for mu in g.municipalities.values() {
            table.row(
                "",
                &mu.name,
                quarters
                    .iter()
                    .map(|q| mu.quarters.get(q).map_or_else(|| "0".into(), |c| count(*c)))
                    .chain([count(mu.referrals)]),
            );
        }
        blocks.push(Block::Table(table));
    }
    if !g.areas.is_empty() {
        let parts: Vec<String> = g
            .areas
            .iter()
            .map(|(a, c)| {
                let label = a.parse::<wor_core::SupportArea>().map_or(a.clone(), |x| {
                    pick(lang, x.label_nl(), x.label_en()).to_string()
                });
                format!("{label} {}", count(*c))
            })
            .collect();
        blocks.push(Block::Para(format!(
            "{}: {}",
            l("Vraag per leefgebied", "Demand per support area"),
            parts.join(" · ")
        )));
    }
    if let Some(missing) = &g.missing_offer {
        let parts: Vec<String> = missing
            .iter()
            .map(|x| {
                format!(
                    "{} — {} ({})",
                    x.municipality,
                    pick(lang, x.area_nl, x.area.label_en()),
                    count(x.demand)
                )
            })
            .collect();
        blocks.push(Block::Para(format!(
            "{}: {}{}",
            l(
                "Ontbrekend aanbod (vraag zonder aanbod op de kaart)",
                "Missing offer (demand without supply on the map)"
            ),
            if missing.is_empty() {
                l("geen", "none")
            } else {
                ""
            },
            parts.join(" · ")
        )));
    }
    blocks
}

/// Per practice its referrals, and the starting practices against their monthly target.
fn practices(lang: Lang, m: &Monitor) -> Vec<Block> {
    let l = |nl, en| pick(lang, nl, en);
    let mut blocks = Vec::new();
    if !m.practices.is_empty() {
        let mut table = Table::new(
            l("Praktijk", "Practice"),
            [
                l("regio", "region"),
                l("verwijzingen", "referrals"),
                l("maanden met verwijzingen", "months with referrals"),
                l("ZorgDomein/VIP Live", "ZorgDomein/VIP Live"),
            ]
            .map(String::from),
        );
        for (p, s) in &m.practices {
            table.row(
                "",
                p,
                [
                    s.region.clone(),
                    count(s.referrals),
                    s.months.len().to_string(),
                    l(
                        if s.electronic { "ja" } else { "nee" },
                        if s.electronic { "yes" } else { "no" },
                    )
                    .to_string(),
                ],
            );
        }
        blocks.push(Block::H3(l("Praktijken", "Practices").to_string()));
        blocks.push(Block::Table(table));
    }
    if let Some(sp) = &m.starting_practices {
        blocks.push(Block::H3(format!(
            "{} ({} {}-{} {})",
            l("Startende praktijken", "Starting practices"),
            l("doel", "target"),
            sp.target_per_month.0,
            sp.target_per_month.1,
            l("verwijzingen per maand", "referrals a month")
        )));
        let mut table = Table::new(
            l("Praktijk", "Practice"),
            [
                l("start", "start"),
                l("volle maanden", "complete months"),
                l("per maand", "per month"),
                l("onder", "below"),
                l("binnen", "within"),
                l("boven", "above"),
            ]
            .map(String::from),
        );
        for s in &sp.practices {
            table.row(
                "",
                &s.practice,
                [
                    s.start.to_string(),
                    s.complete_months.to_string(),
                    s.per_month
                        .map_or_else(|| "–".into(), |x| numbers::decimal(lang, x, 1)),
                    s.months_below.to_string(),
                    s.months_within.to_string(),
                    s.months_above.to_string(),
                ],
            );
        }
        blocks.push(Block::Table(table));
    }
    blocks
}
