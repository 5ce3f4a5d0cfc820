//! The report as one self-contained HTML page: the markup is the askama template
//! `templates/report.html` (checked at compile time, escaped automatically); this module turns the
//! [`Report`] into the rows and formatted numbers the template shows, and draws its charts.

use super::{region_name, Gap, Report, FIRST_CONTACT_DAYS};
use crate::charts::{hbars, histogram, legend, target_bars};
use crate::numbers::nl::{self, f3, pct, signed};
use crate::trec::Metrics;
use crate::SYSTEMS;
use askama::Template;
use wor_core::area::{Lang, SupportArea};
use wor_core::cases::CaseOrigin;
use wor_core::triage::Route;

/// A table cell with its class.
struct Cell {
    class: &'static str,
    text: String,
}

struct MapRow<'a> {
    region: &'a str,
    tag: &'static str,
    version: &'a str,
    published: &'a str,
    hash: &'a str,
}

struct SystemRow {
    label: &'static str,
    n: usize,
    cells: Vec<Cell>,
    judged: String,
}

/// A row of a table: a name and its (numeric) cells.
struct Row {
    name: String,
    n: usize,
    cells: Vec<String>,
}

struct CompareRow {
    label: String,
    cells: Vec<String>,
}

struct CompareRegion {
    name: String,
    n: usize,
    old: String,
    new: String,
    gain: String,
}

struct CompareView {
    /// The question the section answers, the table's caption and its first column's header.
    title: &'static str,
    caption: &'static str,
    side: &'static str,
    verdict: String,
    warning: String,
    queries: usize,
    changed: usize,
    old_judged: String,
    new_judged: String,
    resamples: usize,
    seed: u64,
    rows: Vec<CompareRow>,
    regions: Vec<CompareRegion>,
}

struct BreakdownView {
    title: &'static str,
    rows: Vec<Row>,
}

struct ContactView {
    share: String,
    within: usize,
    due: usize,
    median: String,
    not_reached: usize,
    one_to_four: String,
}

struct GapRow<'a> {
    municipality: &'a str,
    area: &'a str,
    demand: usize,
    supply_class: &'static str,
    supply: usize,
    pressure: String,
}

/// Where the data come from, in words, shown at the top of every report.
struct OriginView {
    class: &'static str,
    headline: &'static str,
    map: String,
    cases: String,
    caution: &'static str,
}

/// A ranking measure and what it means, in one plain Dutch sentence.
struct Measure {
    name: String,
    text: &'static str,
}

struct ConfusionRow {
    name: &'static str,
    cells: Vec<Cell>,
}

#[derive(Template)]
#[template(path = "report.html")]
struct Page<'a> {
    r: &'a Report,
    style: &'static str,
    k: usize,
    date: &'a str,
    origin: OriginView,
    maps: Vec<MapRow<'a>>,
    ranking_verdict: String,
    measures: Vec<Measure>,
    metric_names: Vec<String>,
    systems: Vec<SystemRow>,
    ndcg_chart: String,
    compare: Option<CompareView>,
    area_legend: String,
    area_chart: String,
    system_labels: Vec<&'static str>,
    breakdowns: Vec<BreakdownView>,
    kpi_chart: String,
    kpi_rows: Vec<Row>,
    first_contact_days: i64,
    contact: ContactView,
    contact_chart: String,
    conversations_chart: String,
    triage_accuracy: String,
    routes: Vec<&'static str>,
    confusion: Vec<ConfusionRow>,
    triage_regions: Vec<Row>,
    gaps_note: String,
    gaps_caption: String,
    gaps: Vec<GapRow<'a>>,
}

/// Rows shown in the demand-and-supply table (the JSON has all of them).
const GAP_ROWS: usize = 40;

/// The measures' names as the tables show them, in [`Metrics::values`] order.
fn metric_names(k: usize) -> Vec<String> {
    vec![
        format!("nDCG@{k}"),
        "MRR".to_string(),
        format!("Recall@{k}"),
        format!("Precisie@{k}"),
        "MAP".to_string(),
    ]
}

fn measures(k: usize) -> Vec<Measure> {
    let names = metric_names(k);
    let texts = [
        "Staan de activiteiten die werkten bovenaan? 1 is de best mogelijke volgorde, 0 is geen enkele werkende activiteit in de top; een activiteit waar de inwoner na drie maanden nog komt telt zwaarder.",
        "Op welke plaats staat de eerste activiteit die werkte? 1 betekent steeds op plaats 1, 0,5 gemiddeld op plaats 2, 0,33 op plaats 3.",
        "Welk deel van de activiteiten die werkten staat in de top?",
        "Welk deel van de activiteiten in de top werkte?",
        "Gemiddelde precisie op elke plaats waar een werkende activiteit staat: beloont het bovenaan zetten van álle activiteiten die werkten.",
    ];
    let mut out: Vec<Measure> = names
        .into_iter()
        .zip(texts)
        .map(|(name, text)| Measure { name, text })
        .collect();
    out.push(Measure {
        name: "Beoordeeld".to_string(),
        text: "Van welk deel van de getoonde activiteiten we de uitkomst kennen; een activiteit zonder bekende uitkomst telt als ‘werkte niet’, dus een laag aandeel drukt de score.",
    });
    out
}

fn metric_cells(m: &Metrics, best: Option<&[f64; 5]>) -> Vec<Cell> {
    m.values()
        .iter()
        .enumerate()
        .map(|(i, v)| Cell {
            class: if best.is_some_and(|b| (b[i] - v).abs() < 1e-12) {
                "num best"
            } else {
                "num"
            },
            text: f3(*v),
        })
        .collect()
}

fn plain_cells(m: &Metrics) -> Vec<String> {
    m.values().iter().map(|v| f3(*v)).collect()
}

/// The route as a short Dutch label for the triage table.
fn route_short_nl(route: Route) -> &'static str {
    match route {
        Route::Wor => "Welzijn op Recept",
        Route::Mgn => "MGN",
        Route::WorAndMgn => "WoR én MGN",
        Route::Urgent => "Spoed",
        Route::Medical => "Medisch",
        Route::NotEligible => "Niet geschikt",
        Route::Unclear => "Onduidelijk",
    }
}

fn origin(r: &Report) -> OriginView {
    let o = &r.origin;
    let demo = o.demo_maps > 0;
    let map = if o.demo_maps == o.maps {
        "demokaart: fictieve aanbieders en activiteiten, geen echte sociale kaart.".to_string()
    } else if demo {
        format!(
            "{} van de {} kaarten zijn demokaarten (fictief); de andere zijn als echt gemarkeerd.",
            o.demo_maps, o.maps
        )
    } else {
        "echte sociale kaart (niet als demo gemarkeerd).".to_string()
    };
    // As the case file states it (`origin`), never guessed from the cases' content.
    let origins = &o.case_origins;
    let cases = format!("{}.", origins.describe(Lang::Nl));
    let (class, headline, caution) = if origins.all(CaseOrigin::Synthetic) && demo {
        (
            "origin",
            "demo: fictieve kaart en synthetische casussen",
            "Alle getallen hieronder tonen hoe het rapport werkt, niet hoe de regio het doet. Gebruik ze niet als resultaat.",
        )
    } else if origins.all(CaseOrigin::Synthetic) {
        (
            "origin",
            "echte kaart met synthetische casussen",
            "De casussen en hun uitkomsten zijn gegenereerd: de getallen zijn een test, geen meting.",
        )
    } else if origins.all_real() && !demo {
        ("origin real", "echte gegevens", "")
    } else if origins.all_real() {
        (
            "origin",
            "demokaart met echte casussen",
            "De kaart is fictief: de rangschikking zegt niets over het echte aanbod.",
        )
    } else if origins.unknown() == origins.total() {
        (
            "origin",
            "herkomst van de casussen onbekend",
            "Het casusbestand zegt niet waar de casussen vandaan komen (veld origin): ga na of het echte gegevens zijn voordat u de getallen gebruikt.",
        )
    } else {
        (
            "origin",
            "gemengde herkomst van de casussen",
            "Het bestand mengt casussen van verschillende herkomst: de getallen zijn geen zuivere meting.",
        )
    };
    OriginView {
        class,
        headline,
        map,
        cases,
        caution,
    }
}

/// The ranking table in words: where the engine stands, and who ranks above it.
fn ranking_verdict(r: &Report, k: usize) -> String {
    let Some(engine) = r.systems.iter().find(|s| s.id == "engine") else {
        return String::new();
    };
    if engine.queries == 0 {
        return "Geen enkele casus kon worden beoordeeld: er is niets te rangschikken.".into();
    }
    let above: Vec<String> = r
        .systems
        .iter()
        .filter(|s| s.id != "engine" && s.mean.ndcg > engine.mean.ndcg)
        .map(|s| format!("‘{}’ ({})", s.label_nl, f3(s.mean.ndcg)))
        .collect();
    let rank = above.len() + 1;
    let head = format!(
        "Op deze {} casussen zet de engine de activiteiten die werkten met nDCG@{k} {} op plaats {rank} van {} methoden.",
        engine.queries,
        f3(engine.mean.ndcg),
        r.systems.len()
    );
    match above.len() {
        0 => format!("{head} Geen andere methode zet ze hoger."),
        _ => format!(
            "{head} Hoger scoort: {}. De engine rangschikt hier dus niet beter dan {}.",
            above.join(", "),
            if above.len() == 1 {
                "die methode"
            } else {
                "die methoden"
            }
        ),
    }
}

fn compare_view(r: &Report, k: usize) -> Option<CompareView> {
    let cmp = r.compare.as_ref()?;
    let (old, new, old_judged, new_judged) = if cmp.new_side == "compare" {
        (
            &cmp.primary,
            &cmp.compare,
            cmp.primary_judged_share,
            cmp.compare_judged_share,
        )
    } else {
        (
            &cmp.compare,
            &cmp.primary,
            cmp.compare_judged_share,
            cmp.primary_judged_share,
        )
    };
    let interval = format!(
        "95%-interval {} tot {}",
        signed(cmp.gain_low.ndcg),
        signed(cmp.gain_high.ndcg)
    );
    let weights = cmp.subject == "weights";
    let new_named = if weights {
        format!("het gewichtenbestand ({})", cmp.new_label)
    } else {
        format!("de nieuwe versie ({})", cmp.new_label)
    };
    let verdict = if cmp.within_noise {
        format!(
            "Niet aantoonbaar: nDCG@{k} gaat van {} (oud, {}) naar {} (nieuw, {}), een verschil van {} ({interval}); dat ligt binnen de ruis.",
            f3(old.ndcg),
            cmp.old_label,
            f3(new.ndcg),
            cmp.new_label,
            signed(cmp.gain.ndcg)
        )
    } else {
        format!(
            "{}: met {new_named} rangschikt de engine {}: nDCG@{k} {} in plaats van {}, verschil {} ({interval}).",
            if cmp.gain.ndcg > 0.0 { "Ja" } else { "Nee" },
            if cmp.gain.ndcg > 0.0 { "beter" } else { "slechter" },
            f3(new.ndcg),
            f3(old.ndcg),
            signed(cmp.gain.ndcg)
        )
    };
    let warning = match (&cmp.learning, cmp.cases_recorded_with_new) {
        (Some(l), _) => learning_warning(l, cmp.queries),
        (None, Some(with_new)) if cmp.queries > 0 && with_new < cmp.queries => format!(
            "Let op: {} van de {} casussen zijn vastgelegd met een andere kaartversie dan de nieuwe ({} met de oude). Van activiteiten die pas in de nieuwe versie staan is de uitkomst meestal onbekend; ze tellen als ‘werkte niet’, wat de nieuwe versie benadeelt.",
            cmp.queries - with_new,
            cmp.queries,
            cmp.cases_recorded_with_old.unwrap_or(0)
        ),
        _ => String::new(),
    };
    Some(CompareView {
        title: if weights {
            "Helpen de gewichten van de regio?"
        } else {
            "Heeft de nieuwe kaartversie geholpen?"
        },
        caption: if weights {
            "Rangschikking van de engine met beide gewichten"
        } else {
            "Rangschikking van de engine op beide versies"
        },
        side: if weights { "Gewichten" } else { "Kaartversie" },
        verdict,
        warning,
        queries: cmp.queries,
        changed: cmp.changed_rankings,
        old_judged: pct(old_judged),
        new_judged: pct(new_judged),
        resamples: cmp.bootstrap_resamples,
        seed: cmp.bootstrap_seed,
        rows: vec![
            CompareRow {
                label: if weights {
                    cmp.old_label.clone()
                } else {
                    format!("oud: {}", cmp.old_label)
                },
                cells: plain_cells(old),
            },
            CompareRow {
                label: if weights {
                    format!("bestand: {}", cmp.new_label)
                } else {
                    format!("nieuw: {}", cmp.new_label)
                },
                cells: plain_cells(new),
            },
            CompareRow {
                label: if weights {
                    format!("bestand − {}", cmp.old_label)
                } else {
                    "nieuw − oud".to_string()
                },
                cells: cmp.gain.values().iter().map(|v| signed(*v)).collect(),
            },
            CompareRow {
                label: "95%-interval van het verschil".to_string(),
                cells: cmp
                    .gain_low
                    .values()
                    .iter()
                    .zip(cmp.gain_high.values())
                    .map(|(lo, hi)| format!("{} tot {}", signed(*lo), signed(hi)))
                    .collect(),
            },
        ],
        regions: cmp
            .per_region
            .iter()
            .map(|(g, cg)| {
                let (o, n) = if cmp.new_side == "compare" {
                    (&cg.primary, &cg.compare)
                } else {
                    (&cg.compare, &cg.primary)
                };
                CompareRegion {
                    name: region_name(g),
                    n: cg.queries,
                    old: f3(o.ndcg),
                    new: f3(n.ndcg),
                    gain: signed(cg.gain.ndcg),
                }
            })
            .collect(),
    })
}

/// The warning of a weights comparison: evaluation cases the weights were learned from, or weights
/// that do not list their learning cases.
fn learning_warning(l: &super::LearningOverlap, queries: usize) -> String {
    let mut w = String::new();
    if l.overlapping > 0 {
        w = format!(
            "Let op: {} van de {queries} casussen horen bij de casussen waarop de gewichten zijn afgestemd ({}). Op die casussen lijken de gewichten beter dan ze zijn; evalueer op casussen van buiten die periode.",
            l.overlapping,
            l.periods.join(", ")
        );
    }
    if !l.unlisted.is_empty() {
        if !w.is_empty() {
            w.push(' ');
        }
        w.push_str(&format!(
            "De gewichten voor {} vermelden niet op welke casussen ze zijn afgestemd: overlap met deze casussen is onbekend.",
            l.unlisted.join(", ")
        ));
    }
    w
}

/// Demand per (supply + 1): two referrals without any offer (2) rank below thirty on three
/// activities (7,5), yet a need without any offer still ranks above the same need with one.
fn pressure(g: &Gap) -> f64 {
    g.demand as f64 / (g.supply as f64 + 1.0)
}

/// Rows of a horizontal bar chart: a label and its bars (value, colour index).
type BarRows = Vec<(String, Vec<(f64, usize)>)>;
/// Rows of a chart against a target: label, value, target.
type TargetRows = Vec<(String, f64, Option<f64>)>;

/// nDCG per support area for the `shown` systems.
fn area_rows(r: &Report, shown: &[usize]) -> BarRows {
    r.breakdown
        .area
        .iter()
        .map(|(area, g)| {
            let label = area
                .parse::<SupportArea>()
                .map_or_else(|_| area.clone(), |a| a.short_nl().to_string());
            (
                format!("{label} ({} casussen)", g.queries),
                shown
                    .iter()
                    .map(|i| (g.systems.get(SYSTEMS[*i].0).map_or(0.0, |m| m.ndcg), *i))
                    .collect(),
            )
        })
        .collect()
}

/// The report as one self-contained HTML page (inline CSS and SVG; no scripts, links or external assets).
pub fn render_html(r: &Report) -> String {
    let k = r.k;
    let maps = r
        .maps
        .iter()
        .map(|m| (m, ""))
        .chain(r.compare_maps.iter().map(|m| (m, " (vergelijking)")))
        .map(|(m, tag)| MapRow {
            region: &m.region,
            tag,
            version: &m.version,
            published: &m.published,
            hash: m.hash.get(..19).unwrap_or(&m.hash),
        })
        .collect();
    let mut best = [f64::MIN; 5];
    for s in &r.systems {
        for (b, v) in best.iter_mut().zip(s.mean.values()) {
            *b = b.max(v);
        }
    }
    let systems = r
        .systems
        .iter()
        .map(|s| SystemRow {
            label: s.label_nl,
            n: s.queries,
            cells: metric_cells(&s.mean, Some(&best)),
            judged: pct(s.judged_share),
        })
        .collect();
    let ndcg_rows: Vec<(String, Vec<(f64, usize)>)> = r
        .systems
        .iter()
        .enumerate()
        .map(|(i, s)| (s.label_nl.to_string(), vec![(s.mean.ndcg, i)]))
        .collect();
    // Breakdown per area, region, municipality.
    let shown = [0usize, 2, 3, 4];
    let legend_items: Vec<(&str, usize)> = shown.iter().map(|i| (SYSTEMS[*i].1, *i)).collect();
    let area_rows = area_rows(r, &shown);
    let breakdowns = [
        (
            "nDCG per regio",
            &r.breakdown.region,
            &region_name as &dyn Fn(&str) -> String,
        ),
        (
            "nDCG per gemeente",
            &r.breakdown.municipality,
            &|s: &str| s.to_string(),
        ),
    ]
    .into_iter()
    .map(|(title, groups, name_of)| BreakdownView {
        title,
        rows: groups
            .iter()
            .map(|(g, grp)| Row {
                name: name_of(g),
                n: grp.queries,
                cells: SYSTEMS
                    .iter()
                    .map(|(id, ..)| f3(grp.systems.get(id).map_or(0.0, |m| m.ndcg)))
                    .collect(),
            })
            .collect(),
    })
    .collect();
    let (kpi_chart_rows, kpi_rows) = kpi_view(r);
    let (contact, contact_rows, bins) = process_view(r);
    let t = &r.triage;
    let (confusion, triage_regions) = triage_view(r);
    let (gaps_caption, gaps) = gaps_view(r);
    let page = Page {
        r,
        style: crate::style::REPORT_CSS,
        k,
        date: if r.date == "per_case" {
            "de verwijsdatum van elke casus"
        } else {
            &r.date
        },
        origin: origin(r),
        maps,
        ranking_verdict: ranking_verdict(r, k),
        measures: measures(k),
        metric_names: metric_names(k),
        systems,
        ndcg_chart: hbars(
            &format!("nDCG@{k} per methode (hoger is beter)"),
            &ndcg_rows,
            1.0,
            false,
        ),
        compare: compare_view(r, k),
        area_legend: legend(&legend_items),
        area_chart: hbars(
            &format!("nDCG@{k} per ondersteuningsgebied"),
            &area_rows,
            1.0,
            false,
        ),
        system_labels: SYSTEMS.iter().map(|s| s.1).collect(),
        breakdowns,
        kpi_chart: target_bars(
            "Succesvolle verwijzingen per kalenderjaar tegen het doel van dat jaar (niet omgerekend)",
            &kpi_chart_rows,
        ),
        kpi_rows,
        first_contact_days: FIRST_CONTACT_DAYS,
        contact,
        contact_chart: hbars(
            "Aandeel eerste contact binnen 14 dagen per regio",
            &contact_rows,
            1.0,
            true,
        ),
        conversations_chart: histogram(
            "Aantal gesprekken per casus",
            "aantal gesprekken; boven elke staaf het aantal casussen",
            &bins,
        ),
        triage_accuracy: pct(t.accuracy),
        routes: Route::ALL.iter().map(|p| route_short_nl(*p)).collect(),
        confusion,
        triage_regions,
        gaps_note: "Gesorteerd op vraag gedeeld door (aanbod + 1): zo staat één gemeente met dertig verwijzingen en drie activiteiten boven twee verwijzingen zonder aanbod. Het aanbod telt activiteiten, niet plaatsen: de kaart kent (nog) geen capaciteit. De JSON bevat alle rijen.".to_string(),
        gaps_caption,
        gaps,
    };
    // Rendering into a String cannot fail: every value is formatted with Display.
    let mut out = page.render().unwrap_or_default();
    out.push('\n');
    out
}

/// The KPI chart's rows (successful referrals per year against the 2026 target) and the KPI table.
fn kpi_view(r: &Report) -> (TargetRows, Vec<Row>) {
    let kpi_chart_rows: Vec<(String, f64, Option<f64>)> = r
        .kpi
        .iter()
        .flat_map(|k| {
            k.years.iter().filter(|y| y.target.is_some()).map(|y| {
                (
                    format!("{} {}", k.name, y.year),
                    y.successful as f64,
                    y.target.map(f64::from),
                )
            })
        })
        .collect();
    let opt = |v: Option<u32>| v.map_or("-".to_string(), |v| nl::int(f64::from(v)));
    let kpi_rows = r
        .kpi
        .iter()
        .map(|k| Row {
            name: k.name.clone(),
            n: k.cases,
            cells: vec![
                nl::int(k.cases as f64),
                nl::int(k.taken_into_care as f64),
                pct(k.success_rate),
                nl::int(k.arrived as f64),
                nl::int(k.still_attending_3m as f64),
                opt(k.base_2024),
                opt(k.target_2026),
                opt(k.target_2027),
                k.years
                    .iter()
                    .filter_map(|y| {
                        let t = y.target?;
                        Some(format!(
                            "{}{}: {} van {} ({})",
                            y.year,
                            if y.complete { "" } else { " tot nu" },
                            nl::int(y.successful as f64),
                            nl::int(f64::from(t)),
                            y.share_of_target.map_or("-".into(), pct)
                        ))
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
                format!(
                    "{} van {} ({})",
                    k.health_improved,
                    k.health_measured,
                    pct(k.health_improved_share)
                ),
            ],
        })
        .collect();
    (kpi_chart_rows, kpi_rows)
}

/// First contact (summary, per region) and the conversations' histogram.
fn process_view(r: &Report) -> (ContactView, BarRows, Vec<(String, usize)>) {
    let fc = &r.process.first_contact;
    let contact = ContactView {
        share: pct(fc.share_within_14_days),
        within: fc.within_14_days,
        due: fc.due,
        median: fc.median_days.map_or("-".into(), |d| nl::dec(d, 1)),
        not_reached: fc.due - fc.contacted,
        one_to_four: pct(r.process.share_1_to_4),
    };
    let contact_rows: Vec<(String, Vec<(f64, usize)>)> = r
        .process
        .per_region
        .iter()
        .map(|(g, st)| {
            (
                format!(
                    "{} (mediaan {} dagen)",
                    region_name(g),
                    st.median_days.map_or("-".into(), |d| nl::dec(d, 1))
                ),
                vec![(st.share_within_14_days, 0)],
            )
        })
        .collect();
    let bins: Vec<(String, usize)> = r
        .process
        .conversations
        .iter()
        .map(|(b, n)| (b.to_string(), *n))
        .collect();
    (contact, contact_rows, bins)
}

/// The triage's confusion matrix and its accuracy per region.
fn triage_view(r: &Report) -> (Vec<ConfusionRow>, Vec<Row>) {
    let t = &r.triage;
    let confusion = Route::ALL
        .iter()
        .map(|l| ConfusionRow {
            name: route_short_nl(*l),
            cells: Route::ALL
                .iter()
                .map(|p| Cell {
                    class: if l == p { "num best" } else { "num" },
                    text: t
                        .confusion
                        .get(l.id())
                        .and_then(|row| row.get(p.id()))
                        .copied()
                        .unwrap_or(0)
                        .to_string(),
                })
                .collect(),
        })
        .collect();
    let triage_regions = t
        .per_region
        .iter()
        .map(|(g, a)| Row {
            name: region_name(g),
            n: a.labelled,
            cells: vec![a.labelled.to_string(), pct(a.accuracy)],
        })
        .collect();
    (confusion, triage_regions)
}

/// The gaps with the most demand per (supply + 1), with their caption.
fn gaps_view(r: &Report) -> (String, Vec<GapRow<'_>>) {
    let mut gaps: Vec<&Gap> = r.gaps.iter().collect();
    gaps.sort_by(|a, b| {
        pressure(b)
            .total_cmp(&pressure(a))
            .then(b.demand.cmp(&a.demand))
            .then(a.municipality.cmp(&b.municipality))
            .then(a.area.cmp(&b.area))
    });
    let shown_gaps = gaps.len().min(GAP_ROWS);
    let gaps_caption = format!(
        "De {shown_gaps} combinaties van gemeente en gebied met de meeste vraag per (aanbod + 1), van {} in totaal",
        gaps.len()
    );
    let gaps = gaps
        .iter()
        .take(GAP_ROWS)
        .map(|g| GapRow {
            municipality: &g.municipality,
            area: g.area_nl,
            demand: g.demand,
            supply_class: if g.supply == 0 { "num zero" } else { "num" },
            supply: g.supply,
            pressure: nl::dec(pressure(g), 1),
        })
        .collect();
    (gaps_caption, gaps)
}
