//! HTML for the monitoring and the business case: a fragment (tables and inline SVG charts, classes
//! only, no inline styles) that the page's Regio view inserts, and a self-contained document around it
//! for `--html` (inline CSS, no scripts, no links, no external assets). Dutch by default, English on
//! request.

use crate::business_case::{eur_en, eur_nl, BusinessCase, Note};
use crate::charts::{self, esc, Series};
use crate::monitor::{Count, Monitor};
use std::fmt::Write as _;
use wor_core::Lang;

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#222;line-height:1.45}\
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:2px solid #1b6ca8;padding-bottom:.2rem}h3{font-size:1.05rem;margin-top:1.4rem}\
table{border-collapse:collapse;margin:.6rem 0;font-size:.88rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}\
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}tr.sum td{font-weight:bold;background:#f3f6f9}\
.note{color:#555;font-size:.88rem}.warn{background:#fff4e5;border-left:4px solid #e69500;padding:.4rem .8rem}.chart{max-width:100%;height:auto}";

/// A self-contained HTML document around a fragment.
pub fn document(title: &str, lang: Lang, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><style>{STYLE}</style></head><body>{body}</body></html>",
        if lang == Lang::En { "en" } else { "nl" },
        esc(title)
    )
}

fn pick<'a>(lang: Lang, nl: &'a str, en: &'a str) -> &'a str {
    if lang == Lang::En {
        en
    } else {
        nl
    }
}

fn money(lang: Lang, x: i64) -> String {
    if lang == Lang::En {
        format!("EUR\u{a0}{}", eur_en(x))
    } else {
        format!("€\u{a0}{}", eur_nl(x))
    }
}

fn number(lang: Lang, x: i64) -> String {
    if lang == Lang::En {
        eur_en(x)
    } else {
        eur_nl(x)
    }
}

fn decimal(lang: Lang, x: f64) -> String {
    let s = format!("{x:.1}");
    if lang == Lang::En {
        s
    } else {
        s.replace('.', ",")
    }
}

fn percent(lang: Lang, x: Option<f64>) -> String {
    match x {
        Some(x) => format!("{}%", decimal(lang, x * 100.0)),
        None => "–".into(),
    }
}

fn notes(h: &mut String, lang: Lang, class: &str, title: &str, list: &[Note]) {
    if list.is_empty() {
        return;
    }
    let _ = write!(h, "<div class=\"{class}\"><h3>{}</h3><ul>", esc(title));
    for n in list {
        let _ = write!(
            h,
            "<li data-code=\"{}\">{}</li>",
            esc(n.code),
            esc(pick(lang, &n.nl, &n.en))
        );
    }
    h.push_str("</ul></div>");
}

/// A table row: a label and cells already formatted.
fn row(h: &mut String, class: &str, label: &str, cells: impl IntoIterator<Item = String>) {
    let _ = write!(h, "<tr class=\"{class}\"><td>{}</td>", esc(label));
    for c in cells {
        let _ = write!(h, "<td class=\"num\">{}</td>", esc(&c));
    }
    h.push_str("</tr>");
}

fn header(h: &mut String, first: &str, cols: impl IntoIterator<Item = String>) {
    let _ = write!(h, "<table><thead><tr><th>{}</th>", esc(first));
    for c in cols {
        let _ = write!(h, "<th class=\"num\">{}</th>", esc(&c));
    }
    h.push_str("</tr></thead><tbody>");
}

const GREEN: &str = "#2e7d32";
const BLUE: &str = "#1b6ca8";
const ORANGE: &str = "#e69500";
const GREY: &str = "#757575";

/// The cases' stated origin as a note (highlighted unless every case is a real resident's).
fn origin_note(origins: &crate::case_file::Origins, lang: Lang) -> String {
    format!(
        "<p class=\"{}\" role=\"note\">{}: {}</p>",
        if origins.all_real() { "note" } else { "origin" },
        pick(lang, "Herkomst van de casussen", "Origin of the cases"),
        esc(&origins.describe(lang))
    )
}

/// The business case as an HTML fragment.
pub fn business_case_fragment(bc: &BusinessCase, lang: Lang) -> String {
    let l = |nl, en| pick(lang, nl, en);
    let mut h = String::new();
    let p = &bc.params;
    let default = *p == crate::business_case::Params::default();
    let _ = write!(
        h,
        "<section class=\"business-case\"><h2>{}</h2><p class=\"note\">{}</p>",
        l(
            "Businesscase Welzijn op Recept",
            "Business case Welzijn op Recept"
        ),
        esc(if default {
            l(
                "Parameters van het transformatieplan (hoofdstuk 7 en 8.1); bedragen in hele euro's.",
                "The transformation plan's parameters (chapters 7 and 8.1); amounts in whole euros.",
            )
        } else {
            l(
                "Eigen parameters (wat-als); bedragen in hele euro's.",
                "Own parameters (what-if); amounts in whole euros.",
            )
        })
    );
    if let Some(origins) = &bc.actuals_origin {
        h.push_str(&origin_note(origins, lang));
    }
    if bc.synthetic_actuals {
        let _ = write!(
            h,
            "<p class=\"origin\" role=\"note\"><strong>{}</strong></p>",
            l(
                "Gerealiseerde jaren uit synthetische casussen (gegenereerd met wor evaluate generate-cases): deze cijfers tonen hoe de businesscase werkt, niet hoe de regio het doet.",
                "Realised years from synthetic cases (generated by wor evaluate generate-cases): these figures show how the business case works, not how the region is doing."
            )
        );
    }
    if bc.regions.values().any(|r| r.actual.iter().any(|a| *a)) {
        let _ = write!(
            h,
            "<p class=\"note\">{}</p>",
            esc(l(
                "Jaren met * bevatten gerealiseerde aantallen (succesvolle verwijzingen) in plaats van geplande.",
                "Years marked * hold realised counts (successful referrals) instead of planned ones.",
            ))
        );
    }
    notes(
        &mut h,
        lang,
        "warn",
        l("Waarschuwingen", "Warnings"),
        &bc.warnings,
    );

    let years: Vec<String> = bc.years.iter().map(i32::to_string).collect();
    let t = &bc.totals;
    // Net effect chart first: what the steering group asks.
    let net_years: Vec<String> = t.net_effect_eur.keys().cloned().collect();
    let at = |v: &[i64], y: &str| -> Option<f64> {
        bc.years
            .iter()
            .position(|x| x.to_string() == y)
            .and_then(|i| v.get(i))
            .map(|x| *x as f64)
    };
    let costs: Vec<Option<f64>> = net_years
        .iter()
        .map(|y| {
            let s = at(&t.social_worker_cost_indexed_eur, y).unwrap_or(0.0)
                + at(&t.follow_up_cost_indexed_eur, y).unwrap_or(0.0)
                + t.one_off_investment_indexed_eur
                    .get(y)
                    .copied()
                    .unwrap_or(0) as f64;
            Some(s)
        })
        .collect();
    let fmt = |v: f64| money(lang, v.round() as i64);
    h.push_str(&charts::bars(
        l(
            "Besparingen, kosten en netto effect per jaar (geïndexeerd)",
            "Savings, costs and net effect per year (indexed)",
        ),
        &net_years,
        &[
            Series {
                label: l("Besparing Zvw", "Zvw savings"),
                color: GREEN,
                values: net_years
                    .iter()
                    .map(|y| Some(at(&t.savings_indexed_eur, y).unwrap_or(0.0)))
                    .collect(),
            },
            Series {
                label: l("Kosten", "Costs"),
                color: ORANGE,
                values: costs,
            },
            Series {
                label: l("Netto effect", "Net effect"),
                color: BLUE,
                values: t.net_effect_eur.values().map(|v| Some(*v as f64)).collect(),
            },
        ],
        &fmt,
    ));
    let cum: Vec<Option<f64>> = t
        .net_effect_cumulative_eur
        .values()
        .map(|v| Some(*v as f64))
        .collect();
    h.push_str(&charts::lines(
        l("Cumulatief netto effect", "Cumulative net effect"),
        &net_years,
        &[Series {
            label: l("Cumulatief netto effect", "Cumulative net effect"),
            color: BLUE,
            values: cum,
        }],
        &fmt,
    ));

    // Table 7.3.
    let _ = write!(
        h,
        "<h3>{}</h3>",
        esc(l(
            "Positieve businesscase (plan 7.3)",
            "Positive business case (plan 7.3)"
        ))
    );
    let mut cols = net_years.clone();
    cols.push(l("Totaal", "Total").into());
    header(&mut h, "", cols);
    // The structural series start in `first_year`; the net-effect years may start earlier (2025).
    let series = |v: &[i64]| -> Vec<String> {
        net_years
            .iter()
            .map(|y| money(lang, at(v, y).unwrap_or(0.0) as i64))
            .collect()
    };
    row(
        &mut h,
        "",
        l("Totale besparingen in Zvw", "Total Zvw savings"),
        series(&t.savings_indexed_eur)
            .into_iter()
            .chain([money(lang, t.savings_indexed_total_eur)]),
    );
    row(
        &mut h,
        "",
        l(
            "Uitvoeringskosten personele inzet WoR",
            "Execution costs, social workers",
        ),
        series(&t.social_worker_cost_indexed_eur)
            .into_iter()
            .chain([money(lang, t.social_worker_cost_indexed_total_eur)]),
    );
    row(
        &mut h,
        "",
        l(
            "Substitutie-/vervolgkosten sociaal domein",
            "Follow-up costs, social domain",
        ),
        series(&t.follow_up_cost_indexed_eur)
            .into_iter()
            .chain([money(lang, t.follow_up_cost_indexed_total_eur)]),
    );
    row(
        &mut h,
        "",
        l("Eenmalige investeringsmiddelen", "One-off investments"),
        net_years
            .iter()
            .map(|y| {
                money(
                    lang,
                    t.one_off_investment_indexed_eur
                        .get(y)
                        .copied()
                        .unwrap_or(0),
                )
            })
            .chain([money(lang, t.one_off_investment_indexed_total_eur)]),
    );
    row(
        &mut h,
        "sum",
        l("Netto effect", "Net effect"),
        t.net_effect_eur
            .values()
            .map(|v| money(lang, *v))
            .chain([money(lang, t.net_effect_total_eur)]),
    );
    h.push_str("</tbody></table>");

    // Table 7.1/7.2 per region.
    let star = |r: &crate::business_case::RegionResult, i: usize| {
        if r.actual.get(i).copied().unwrap_or(false) {
            "*"
        } else {
            ""
        }
    };
    let _ = write!(
        h,
        "<h3>{}</h3>",
        esc(l(
            "Verwijzingen en besparingen per regio (plan 7.1 en 7.2)",
            "Referrals and savings per region (plan 7.1 and 7.2)"
        ))
    );
    let mut cols = vec![format!("{} {}", l("basis", "base"), p.base_year)];
    cols.extend(years.iter().cloned());
    cols.push(l("Totaal", "Total").into());
    header(&mut h, l("Regio", "Region"), cols);
    for r in bc.regions.values() {
        let refs = r
            .referrals
            .iter()
            .enumerate()
            .map(|(i, x)| format!("{}{}", number(lang, *x), star(r, i)));
        row(
            &mut h,
            "",
            &format!("{} — {}", r.name, l("verwijzingen", "referrals")),
            [number(lang, r.base_referrals)]
                .into_iter()
                .chain(refs)
                .chain([number(lang, r.referrals_total)]),
        );
        row(
            &mut h,
            "",
            &format!("{} — {}", r.name, l("besparing Zvw", "Zvw savings")),
            [String::new()]
                .into_iter()
                .chain(r.savings_eur.iter().map(|x| money(lang, *x)))
                .chain([money(lang, r.savings_total_eur)]),
        );
        row(
            &mut h,
            "",
            &format!(
                "{} — {}",
                r.name,
                l("inzet sociaal werkers", "social-worker costs")
            ),
            [String::new()]
                .into_iter()
                .chain(r.social_worker_cost_eur.iter().map(|x| money(lang, *x)))
                .chain([money(lang, r.social_worker_cost_total_eur)]),
        );
    }
    let base: i64 = bc.regions.values().map(|r| r.base_referrals).sum();
    row(
        &mut h,
        "sum",
        l("Totaal verwijzingen", "Total referrals"),
        [number(lang, base)]
            .into_iter()
            .chain(t.referrals.iter().map(|x| number(lang, *x)))
            .chain([number(lang, t.referrals_total)]),
    );
    row(
        &mut h,
        "sum",
        l(
            "Totale besparing (incl. indexering)",
            "Total savings (indexed)",
        ),
        [String::new()]
            .into_iter()
            .chain(t.savings_indexed_eur.iter().map(|x| money(lang, *x)))
            .chain([money(lang, t.savings_indexed_total_eur)]),
    );
    row(
        &mut h,
        "sum",
        l("Totale kosten inzet WoR", "Total social-worker costs"),
        [String::new()]
            .into_iter()
            .chain(t.social_worker_cost_eur.iter().map(|x| money(lang, *x)))
            .chain([money(lang, t.social_worker_cost_total_eur)]),
    );
    row(
        &mut h,
        "sum",
        l("Idem, inclusief jaarlijkse indexering", "The same, indexed"),
        [String::new()]
            .into_iter()
            .chain(
                t.social_worker_cost_indexed_eur
                    .iter()
                    .map(|x| money(lang, *x)),
            )
            .chain([money(lang, t.social_worker_cost_indexed_total_eur)]),
    );
    h.push_str("</tbody></table>");

    // FTE tables.
    let f = &t.fte;
    let _ = write!(
        h,
        "<h3>{}</h3>",
        esc(l(
            "FTE-inzet en -besparing (plan 7.4)",
            "FTE needed and saved (plan 7.4)"
        ))
    );
    header(&mut h, "", f.years.iter().map(i32::to_string));
    let name = |k: &str| {
        bc.regions
            .get(k)
            .map_or_else(|| l("Totaal", "Total").to_string(), |r| r.name.clone())
    };
    for (title, table) in [(
        l("Uren sociaal werkers", "Social-worker hours"),
        &f.social_worker_hours,
    )] {
        for (k, v) in table {
            row(
                &mut h,
                if k == "total" { "sum" } else { "" },
                &format!("{title}: {}", name(k)),
                v.iter().map(|x| number(lang, *x)),
            );
        }
    }
    for (title, table) in [
        (
            l("FTE sociaal werker", "Social-worker FTE"),
            &f.social_worker_fte,
        ),
        (l("FTE-besparing Zvw", "Zvw FTE saved"), &f.zvw_fte_saved),
    ] {
        for (k, v) in table {
            row(
                &mut h,
                if k == "total" { "sum" } else { "" },
                &format!("{title}: {}", name(k)),
                v.iter().map(|x| decimal(lang, *x)),
            );
        }
    }
    h.push_str("</tbody></table>");

    // One-off investments (8.1) and the request (8.3).
    let _ = write!(
        h,
        "<h3>{}</h3>",
        esc(l(
            "Eenmalige investeringen (plan 8.1, incl. btw)",
            "One-off investments (plan 8.1, incl. VAT)"
        ))
    );
    let oo_years: Vec<String> = t.one_off_investment_eur.keys().cloned().collect();
    let mut cols = oo_years.clone();
    cols.push(l("Totaal", "Total").into());
    header(&mut h, "", cols);
    for it in &t.one_off_items {
        row(
            &mut h,
            "",
            pick(lang, &it.nl, &it.en),
            it.amounts_eur
                .values()
                .map(|x| money(lang, *x))
                .chain([money(lang, it.total_eur)]),
        );
    }
    row(
        &mut h,
        "",
        l("Marge onvoorzien", "Contingency"),
        t.one_off_contingency_eur
            .values()
            .map(|x| money(lang, *x))
            .chain([money(lang, t.one_off_contingency_eur.values().sum())]),
    );
    row(
        &mut h,
        "sum",
        l("Totaal excl. indexatie", "Total before indexation"),
        t.one_off_investment_eur
            .values()
            .map(|x| money(lang, *x))
            .chain([money(lang, t.one_off_investment_total_eur)]),
    );
    row(
        &mut h,
        "sum",
        l("Inclusief jaarlijkse indexatie", "Indexed"),
        t.one_off_investment_indexed_eur
            .values()
            .map(|x| money(lang, *x))
            .chain([money(lang, t.one_off_investment_indexed_total_eur)]),
    );
    h.push_str("</tbody></table>");
    let fr = &t.funding_request_eur;
    let _ = write!(
        h,
        "<p>{}: {} + {} = <strong>{}</strong>.</p>",
        esc(l("Totale aanvraag (plan 8.3): eenmalige investeringen plus uitvoerings- en vervolgkosten sociaal domein in de investeringsjaren", "Total request (plan 8.3): one-off investments plus social-domain execution and follow-up costs in the investment years")),
        esc(&money(lang, fr.one_off_investment_eur)),
        esc(&money(lang, fr.social_domain_eur)),
        esc(&money(lang, fr.total_eur))
    );
    notes(
        &mut h,
        lang,
        "note",
        l("Aannames", "Assumptions"),
        &bc.assumptions,
    );
    h.push_str("</section>");
    h
}

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
    let mut h = String::new();
    let _ = write!(
        h,
        "<section class=\"monitor\"><h2>{}</h2><p class=\"note\">{} {} · {} {} · {} {} · {} {}{}</p>",
        l("Monitoring Welzijn op Recept", "Monitoring Welzijn op Recept"),
        l("Peildatum", "Reference date"),
        m.date,
        l("casussen", "cases"),
        count(m.cases.total),
        l("open", "open"),
        count(m.cases.open),
        l("na de peildatum (niet meegeteld)", "after the reference date (left out)"),
        count(m.cases.after_date),
        if m.shared {
            l(" · Gedeelde versie: aantallen 1 tot en met 4 als <5.", " · Shared version: counts 1 to 4 as <5.")
        } else {
            ""
        }
    );
    h.push_str(&origin_note(&m.cases.origins, lang));
    if m.cases.synthetic {
        let _ = write!(
            h,
            "<p class=\"origin\" role=\"note\"><strong>{}</strong></p>",
            l(
                "Synthetische casussen (gegenereerd met wor evaluate generate-cases): deze cijfers tonen hoe de monitoring werkt, niet hoe de regio het doet.",
                "Synthetic cases (generated by wor evaluate generate-cases): these figures show how monitoring works, not how the region is doing."
            )
        );
    }
    for (region, years) in &m.regions {
        let name = crate::plan::region(region).map_or(region.as_str(), |r| r.name);
        let _ = write!(h, "<h3 data-region=\"{}\">{}</h3>", esc(region), esc(name));
        header(
            &mut h,
            l("Jaar", "Year"),
            [
                l("verwijzingen", "referrals"),
                l("succesvol", "successful"),
                l("doel", "target"),
                l("% van doel", "% of target"),
                l("open", "open"),
                l("eerste contact ≤ 14 dagen", "first contact ≤ 14 days"),
                l("1-4 gesprekken", "1-4 conversations"),
                l("PG verbeterd", "PH improved"),
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
            row(
                &mut h,
                "",
                &label,
                [
                    count(y.referrals),
                    count(y.successful),
                    y.successful_target
                        .map_or_else(|| "–".into(), |t| number(lang, i64::from(t))),
                    percent(lang, y.share_of_target),
                    count(y.open),
                    percent(lang, y.first_contact_within_14_days),
                    percent(lang, y.one_to_four_conversations),
                    percent(lang, y.health_improved),
                    percent(lang, y.still_attending_3m),
                ],
            );
        }
        h.push_str("</tbody></table>");
        for (year, y) in years.iter().filter(|(_, y)| y.successful_target.is_some()) {
            let months: Vec<String> = y.months.iter().map(|p| p.month.clone()).collect();
            h.push_str(&charts::lines(
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
                &|v| number(lang, v.round() as i64),
            ));
        }
        if let Some(k) = m.electronic_channel.get(region) {
            let _ = write!(
                h,
                "<p>{}: {} {} {} ({}; {} {}, {} {}). {}: {} {}.</p>",
                esc(l(
                    "KPI x.5 ZorgDomein of VIP Live",
                    "KPI x.5 ZorgDomein or VIP Live"
                )),
                count(k.electronic),
                l("van", "of"),
                count(k.referring_practices),
                percent(lang, k.share),
                l("doel", "target"),
                percent(lang, Some(k.target)),
                l("uiterlijk", "by"),
                k.deadline,
                esc(l(
                    "Praktijken zonder kanaal in hun verwijzingen",
                    "Practices without a channel in their referrals"
                )),
                count(k.without_channel),
                l(
                    "(tellen als niet elektronisch)",
                    "(counted as not electronic)"
                ),
            );
        }
        if let Some(g) = m.learning_groups.get(region) {
            let quarters: Vec<String> = g.quarters.keys().cloned().collect();
            if !g.municipalities.is_empty() {
                let _ = write!(
                    h,
                    "<h4>{}</h4>",
                    esc(l(
                        "Leergroepen (WelZo): verwijzingen per gemeente en kwartaal",
                        "Learning groups (WelZo): referrals per municipality and quarter"
                    ))
                );
                header(
                    &mut h,
                    l("Gemeente", "Municipality"),
                    quarters
                        .iter()
                        .cloned()
                        .chain([l("Totaal", "Total").to_string()]),
                );
                for mu in g.municipalities.values() {
                    row(
                        &mut h,
                        "",
                        &mu.name,
                        quarters
                            .iter()
                            .map(|q| mu.quarters.get(q).map_or_else(|| "0".into(), |c| count(*c)))
                            .chain([count(mu.referrals)]),
                    );
                }
                h.push_str("</tbody></table>");
            }
            if !g.areas.is_empty() {
                let _ = write!(
                    h,
                    "<p>{}: ",
                    esc(l("Vraag per leefgebied", "Demand per support area"))
                );
                let parts: Vec<String> = g
                    .areas
                    .iter()
                    .map(|(a, c)| {
                        let label = a.parse::<wor_core::SupportArea>().map_or(a.clone(), |x| {
                            pick(lang, x.label_nl(), x.label_en()).to_string()
                        });
                        format!("{} {}", esc(&label), count(*c))
                    })
                    .collect();
                h.push_str(&parts.join(" · "));
                h.push_str("</p>");
            }
            if let Some(missing) = &g.missing_offer {
                let _ = write!(
                    h,
                    "<p>{}: ",
                    esc(l(
                        "Ontbrekend aanbod (vraag zonder aanbod op de kaart)",
                        "Missing offer (demand without supply on the map)"
                    ))
                );
                if missing.is_empty() {
                    h.push_str(&esc(l("geen", "none")));
                }
                let parts: Vec<String> = missing
                    .iter()
                    .map(|x| {
                        format!(
                            "{} — {} ({})",
                            esc(&x.municipality),
                            esc(pick(lang, x.area_nl, x.area.label_en())),
                            count(x.demand)
                        )
                    })
                    .collect();
                h.push_str(&parts.join(" · "));
                h.push_str("</p>");
            }
        }
    }
    if !m.practices.is_empty() {
        let _ = write!(h, "<h3>{}</h3>", esc(l("Praktijken", "Practices")));
        header(
            &mut h,
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
            row(
                &mut h,
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
        h.push_str("</tbody></table>");
    }
    if let Some(sp) = &m.starting_practices {
        let _ = write!(
            h,
            "<h3>{}</h3>",
            esc(&format!(
                "{} ({} {}-{} {})",
                l("Startende praktijken", "Starting practices"),
                l("doel", "target"),
                sp.target_per_month.0,
                sp.target_per_month.1,
                l("verwijzingen per maand", "referrals a month")
            ))
        );
        header(
            &mut h,
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
            row(
                &mut h,
                "",
                &s.practice,
                [
                    s.start.to_string(),
                    s.complete_months.to_string(),
                    s.per_month.map_or_else(|| "–".into(), |x| decimal(lang, x)),
                    s.months_below.to_string(),
                    s.months_within.to_string(),
                    s.months_above.to_string(),
                ],
            );
        }
        h.push_str("</tbody></table>");
    }
    notes(
        &mut h,
        lang,
        "note",
        l("Aannames", "Assumptions"),
        &m.assumptions,
    );
    h.push_str("</section>");
    h
}

/// A short summary of the business case for a terminal (Dutch figures, English labels beside).
pub fn business_case_text(bc: &BusinessCase) -> String {
    let t = &bc.totals;
    let mut s = String::from("Businesscase Welzijn op Recept (business case), hele euro's\n");
    if let Some(origins) = &bc.actuals_origin {
        let _ = writeln!(s, "{}", origins.describe_both());
    }
    if bc.synthetic_actuals {
        s.push_str("synthetische casussen (synthetic cases): een demonstratie, geen meting (a demonstration, not a measurement)\n");
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
                .map(|x| format!("{:>14}", eur_nl(*x)))
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
        eur_nl(t.net_effect_total_eur)
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
    let _ = writeln!(s, "{}", m.cases.origins.describe_both());
    if m.cases.synthetic {
        s.push_str("synthetische casussen (synthetic cases): een demonstratie, geen meting (a demonstration, not a measurement)\n");
    }
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
