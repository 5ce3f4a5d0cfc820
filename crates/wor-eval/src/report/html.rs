//! The report as one self-contained HTML page: the markup is the askama template
//! `templates/report.html` (checked at compile time, escaped automatically); this module turns the
//! [`Report`] into the rows and formatted numbers the template shows, and draws its charts.

use super::svg::{hbars, histogram, legend, target_bars};
use super::text::{f3, pct, signed};
use super::{region_name, Gap, Report, FIRST_CONTACT_DAYS};
use crate::trec::Metrics;
use crate::SYSTEMS;
use askama::Template;
use wor_core::area::SupportArea;
use wor_core::triage::Route;

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2rem auto;max-width:1000px;padding:0 1rem;color:#222;line-height:1.45}\
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:2px solid #1b6ca8;padding-bottom:.2rem}\
table{border-collapse:collapse;margin:.6rem 0;font-size:.9rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}\
td.num{text-align:right;font-variant-numeric:tabular-nums}td.best{font-weight:bold;background:#e8f1f8}td.zero{background:#fbe9e7}\
.legend span{margin-right:1rem;font-size:.85rem}.note{color:#555;font-size:.88rem}.chart{max-width:100%;height:auto}code{font-size:.85rem}";

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
    label: String,
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
    label: &'static str,
    cells: Vec<String>,
}

struct CompareRegion {
    name: String,
    n: usize,
    primary: String,
    compare: String,
    delta: String,
}

struct CompareView {
    queries: usize,
    changed: usize,
    primary_judged: String,
    compare_judged: String,
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
    per_entry: String,
}

#[derive(Template)]
#[template(path = "report.html")]
struct Page<'a> {
    r: &'a Report,
    style: &'static str,
    k: usize,
    date: &'a str,
    maps: Vec<MapRow<'a>>,
    metric_names: Vec<String>,
    systems: Vec<SystemRow>,
    ndcg_chart: String,
    compare: Option<CompareView>,
    area_legend: String,
    area_chart: String,
    system_labels: Vec<&'static str>,
    breakdowns: Vec<BreakdownView>,
    span: i64,
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
    gaps: Vec<GapRow<'a>>,
}

struct ConfusionRow {
    name: &'static str,
    cells: Vec<Cell>,
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

/// The report as one self-contained HTML page (inline CSS and SVG; no scripts, links or external assets).
pub fn render_html(r: &Report) -> String {
    let k = r.k;
    let maps = r
        .maps
        .iter()
        .map(|m| (m, ""))
        .chain(
            r.compare_maps
                .iter()
                .map(|m| (m, " (vergelijking, compare)")),
        )
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
            label: format!("{} ({})", s.label_nl, s.label_en),
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
    let compare = r.compare.as_ref().map(|cmp| CompareView {
        queries: cmp.queries,
        changed: cmp.changed_rankings,
        primary_judged: pct(cmp.primary_judged_share),
        compare_judged: pct(cmp.compare_judged_share),
        rows: vec![
            CompareRow {
                label: "--map",
                cells: plain_cells(&cmp.primary),
            },
            CompareRow {
                label: "--compare",
                cells: plain_cells(&cmp.compare),
            },
            CompareRow {
                label: "verschil (delta)",
                cells: cmp.delta.values().iter().map(|v| signed(*v)).collect(),
            },
        ],
        regions: cmp
            .per_region
            .iter()
            .map(|(g, cg)| CompareRegion {
                name: region_name(g),
                n: cg.queries,
                primary: f3(cg.primary.ndcg),
                compare: f3(cg.compare.ndcg),
                delta: signed(cg.delta.ndcg),
            })
            .collect(),
    });
    // Breakdown per area, region, municipality.
    let shown = [0usize, 2, 3, 4];
    let legend_items: Vec<(&str, usize)> = shown.iter().map(|i| (SYSTEMS[*i].1, *i)).collect();
    let area_rows: Vec<(String, Vec<(f64, usize)>)> = r
        .breakdown
        .area
        .iter()
        .map(|(area, g)| {
            let label = area
                .parse::<SupportArea>()
                .map_or_else(|_| area.clone(), |a| a.short_nl().to_string());
            (
                format!("{label} (n={})", g.queries),
                shown
                    .iter()
                    .map(|i| (g.systems.get(SYSTEMS[*i].0).map_or(0.0, |m| m.ndcg), *i))
                    .collect(),
            )
        })
        .collect();
    let breakdowns = [
        (
            "Per regio (per region)",
            &r.breakdown.region,
            &region_name as &dyn Fn(&str) -> String,
        ),
        (
            "Per gemeente (per municipality)",
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
    // KPI.
    let kpi_chart_rows: Vec<(String, f64, Option<f64>)> = r
        .kpi
        .iter()
        .map(|k| {
            (
                k.name.clone(),
                k.successful_per_year,
                k.target_2026.map(f64::from),
            )
        })
        .collect();
    let opt = |v: Option<u32>| v.map_or("-".to_string(), |v| v.to_string());
    let kpi_rows = r
        .kpi
        .iter()
        .map(|k| Row {
            name: k.name.clone(),
            n: k.cases,
            cells: vec![
                k.cases.to_string(),
                k.taken_into_care.to_string(),
                pct(k.success_rate),
                k.arrived.to_string(),
                k.still_attending_3m.to_string(),
                format!("{:.0}", k.successful_per_year),
                opt(k.base_2024),
                opt(k.target_2026),
                opt(k.target_2027),
                k.share_of_target_2026.map_or("-".into(), pct),
                format!(
                    "{} / {} ({})",
                    k.health_improved,
                    k.health_measured,
                    pct(k.health_improved_share)
                ),
            ],
        })
        .collect();
    // Process.
    let fc = &r.process.first_contact;
    let contact = ContactView {
        share: pct(fc.share_within_14_days),
        within: fc.within_14_days,
        due: fc.due,
        median: fc.median_days.map_or("-".into(), |d| format!("{d:.1}")),
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
                    "{} (mediaan {} d)",
                    region_name(g),
                    st.median_days.map_or("-".into(), |d| format!("{d:.0}"))
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
    // Triage.
    let t = &r.triage;
    let confusion = Route::ALL
        .iter()
        .map(|l| ConfusionRow {
            name: l.id(),
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
    // Gaps.
    let mut gaps: Vec<&Gap> = r.gaps.iter().collect();
    gaps.sort_by(|a, b| {
        let key = |g: &Gap| g.demand_per_supply.unwrap_or(f64::INFINITY) * 1.0;
        (b.supply == 0)
            .cmp(&(a.supply == 0))
            .then(key(b).total_cmp(&key(a)))
            .then(b.demand.cmp(&a.demand))
            .then(a.municipality.cmp(&b.municipality))
            .then(a.area.cmp(&b.area))
    });
    let gaps = gaps
        .iter()
        .take(40)
        .map(|g| GapRow {
            municipality: &g.municipality,
            area: g.area_nl,
            demand: g.demand,
            supply_class: if g.supply == 0 { "num zero" } else { "num" },
            supply: g.supply,
            per_entry: g
                .demand_per_supply
                .map_or("geen aanbod (none)".into(), |x| format!("{x:.1}")),
        })
        .collect();
    let page = Page {
        r,
        style: STYLE,
        k,
        date: if r.date == "per_case" {
            "verwijsdatum per casus (each case's referral date)"
        } else {
            &r.date
        },
        maps,
        metric_names: Metrics::names(k).to_vec(),
        systems,
        ndcg_chart: hbars(
            &format!("nDCG@{k} per methode (per system)"),
            &ndcg_rows,
            1.0,
            false,
        ),
        compare,
        area_legend: legend(&legend_items),
        area_chart: hbars(
            &format!("nDCG@{k} per ondersteuningsgebied (per support area)"),
            &area_rows,
            1.0,
            false,
        ),
        system_labels: SYSTEMS.iter().map(|s| s.1).collect(),
        breakdowns,
        span: r.kpi.first().map_or(0, |k| k.span_days),
        kpi_chart: target_bars(
            "Succesvolle verwijzingen per jaar tegen het doel 2026 (successful referrals per year against the 2026 target)",
            &kpi_chart_rows,
        ),
        kpi_rows,
        first_contact_days: FIRST_CONTACT_DAYS,
        contact,
        contact_chart: hbars(
            "Aandeel eerste contact binnen 14 dagen per regio (share of first contact within 14 days per region)",
            &contact_rows,
            1.0,
            true,
        ),
        conversations_chart: histogram(
            "Aantal gesprekken per casus (conversations per case)",
            "aantal gesprekken; casussen per aantal (conversations; cases per count)",
            &bins,
        ),
        triage_accuracy: pct(t.accuracy),
        routes: Route::ALL.iter().map(|p| p.id()).collect(),
        confusion,
        triage_regions,
        gaps,
    };
    // Rendering into a String cannot fail: every value is formatted with Display.
    let mut out = page.render().unwrap_or_default();
    out.push('\n');
    out
}
