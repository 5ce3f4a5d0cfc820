//! The evaluation report: what [`crate::Evaluator::report`] computes, as JSON (serde) for machines, a
//! short text summary for terminals, and a self-contained HTML page with inline SVG charts (no scripts,
//! no external assets, no links) for people: the regions' WelZo learning groups and us.

use crate::trec::{self, Metrics, Qrels, Run};
use crate::{CaseRun, Evaluator, SYSTEMS};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use wor_core::area::SupportArea;
use wor_core::cases::HistoricCase;
use wor_core::date::Date;
use wor_core::geo;
use wor_core::map::MapStamp;
use wor_core::matching::MapSet;
use wor_core::triage::Route;

// The plan's targets, base counts and promises live in one place, shared with monitoring and the
// business case.
use crate::plan;
pub use crate::plan::FIRST_CONTACT_DAYS;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub engine_version: &'static str,
    pub k: usize,
    /// Seed of the random baseline.
    pub seed: u64,
    /// The reference date for the entries' validity, or `per_case` (each case's referral date).
    pub date: String,
    pub maps: Vec<MapStamp>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub compare_maps: Vec<MapStamp>,
    pub cases: CaseCounts,
    /// One row per ranker, in [`SYSTEMS`] order.
    pub systems: Vec<SystemResult>,
    pub breakdown: Breakdown,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compare: Option<Comparison>,
    pub triage: TriageReport,
    pub kpi: Vec<RegionKpi>,
    pub process: Process,
    /// Demand (cases with an area) against supply (entries serving it) per municipality and area.
    pub gaps: Vec<Gap>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CaseCounts {
    pub total: usize,
    /// The resident's municipality is covered by the loaded map(s).
    pub covered: usize,
    /// Covered and at least one activity with gain ≥ 1 judged: these are ranked and scored.
    pub evaluated: usize,
    /// Covered, but no activity would have worked (or none was judged): nothing to rank.
    pub no_relevant: usize,
    /// Recorded with another version of the region's map than the one evaluated.
    pub other_map_version: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SystemResult {
    pub id: &'static str,
    pub label_nl: &'static str,
    pub label_en: &'static str,
    pub queries: usize,
    pub mean: Metrics,
    /// Share of the returned activities that have a judgement (unjudged ones count as gain 0).
    pub judged_share: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    pub queries: usize,
    /// System id -> mean metrics over the group's evaluated cases.
    pub systems: BTreeMap<&'static str, Metrics>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Breakdown {
    pub region: BTreeMap<String, Group>,
    pub municipality: BTreeMap<String, Group>,
    pub area: BTreeMap<String, Group>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub queries: usize,
    pub primary: Metrics,
    pub compare: Metrics,
    /// compare − primary.
    pub delta: Metrics,
    pub primary_judged_share: f64,
    pub compare_judged_share: f64,
    /// Cases whose top-k differs between the two maps.
    pub changed_rankings: usize,
    pub per_region: BTreeMap<String, CompareGroup>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompareGroup {
    pub queries: usize,
    pub primary: Metrics,
    pub compare: Metrics,
    pub delta: Metrics,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Accuracy {
    pub labelled: usize,
    pub correct: usize,
    pub accuracy: f64,
}

impl Accuracy {
    fn new(labelled: usize, correct: usize) -> Accuracy {
        Accuracy {
            labelled,
            correct,
            accuracy: ratio(correct as f64, labelled as f64),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TriageReport {
    pub labelled: usize,
    pub correct: usize,
    pub accuracy: f64,
    /// Label -> predicted route -> cases (every route present, zeros included).
    pub confusion: BTreeMap<&'static str, BTreeMap<&'static str, usize>>,
    pub per_region: BTreeMap<String, Accuracy>,
    pub per_municipality: BTreeMap<String, Accuracy>,
    pub per_area: BTreeMap<String, Accuracy>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegionKpi {
    pub region: String,
    pub name: String,
    pub cases: usize,
    /// KPI "successful referral": arrived and taken into care by the social domain.
    pub taken_into_care: usize,
    pub success_rate: f64,
    pub arrived: usize,
    pub still_attending_3m: usize,
    /// Days from the first to the last referral date of all cases (inclusive).
    pub span_days: i64,
    /// `cases` and `taken_into_care` scaled to a year by the span.
    pub referrals_per_year: f64,
    pub successful_per_year: f64,
    pub base_2024: Option<u32>,
    pub target_2026: Option<u32>,
    pub target_2027: Option<u32>,
    /// successful_per_year / target_2026.
    pub share_of_target_2026: Option<f64>,
    /// Cases with Positive Health measured before and after, and those with a dimension improved.
    pub health_measured: usize,
    pub health_improved: usize,
    pub health_improved_share: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContactStats {
    /// Cases where contact was due (every case but those labelled urgent or not eligible).
    pub due: usize,
    pub contacted: usize,
    pub within_14_days: usize,
    /// within_14_days / due.
    pub share_within_14_days: f64,
    pub median_days: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Process {
    pub first_contact: ContactStats,
    pub per_region: BTreeMap<String, ContactStats>,
    /// Conversations per contacted case: "1" .. "4", "5+".
    pub conversations: BTreeMap<&'static str, usize>,
    /// Share of contacted cases with one to four conversations (the plan's promise).
    pub share_1_to_4: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    pub municipality_code: String,
    pub municipality: String,
    pub area: SupportArea,
    pub area_nl: &'static str,
    /// Cases with this area in this municipality.
    pub demand: usize,
    /// Map entries serving this area in this municipality.
    pub supply: usize,
    pub demand_per_supply: Option<f64>,
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 {
        a / b
    } else {
        0.0
    }
}

fn region_name(id: &str) -> String {
    plan::region(id).map_or_else(|| id.to_string(), |r| r.name.to_string())
}

fn municipality_name(code: &str) -> String {
    geo::municipality(code).map_or_else(|| code.to_string(), |m| m.name.to_string())
}

fn region_of(code: Option<&str>) -> Option<&'static str> {
    code.and_then(geo::municipality).map(|m| m.region)
}

pub(super) fn build(ev: &Evaluator, runs: &[CaseRun]) -> Report {
    let k = ev.opts.k;
    let cases = ev.cases;
    // Which cases are scored, and their judgements.
    let mut qrels = Qrels::default();
    let mut evaluated: Vec<usize> = Vec::new();
    let mut counts = CaseCounts {
        total: cases.len(),
        covered: 0,
        evaluated: 0,
        no_relevant: 0,
        other_map_version: 0,
    };
    for (i, (case, run)) in cases.iter().zip(runs).enumerate() {
        if !run.covered {
            continue;
        }
        counts.covered += 1;
        let same_version = ev.primary.for_referral(&case.referral).is_ok_and(|m| {
            m.stamp.region == case.map.region && m.stamp.version == case.map.version
        });
        if !same_version {
            counts.other_map_version += 1;
        }
        let judged = case.qrels();
        if judged.values().any(|g| *g >= 1) {
            qrels.queries.insert(case.referral.id.clone(), judged);
            evaluated.push(i);
        } else {
            counts.no_relevant += 1;
        }
    }
    counts.evaluated = evaluated.len();
    let qid = |i: usize| cases[i].referral.id.as_str();
    let evaluate = |lists: Vec<&[String]>| {
        let mut run = Run::default();
        let mut judged = 0usize;
        let mut returned = 0usize;
        for (&i, list) in evaluated.iter().zip(lists) {
            run.push_ranking(qid(i), list);
            let q = &qrels.queries[qid(i)];
            returned += list.len().min(k);
            judged += list.iter().take(k).filter(|d| q.contains_key(*d)).count();
        }
        let e = trec::evaluate(&qrels, &run, k, true);
        (e, ratio(judged as f64, returned as f64))
    };
    let per_system: Vec<(trec::Evaluation, f64)> = (0..SYSTEMS.len())
        .map(|s| {
            evaluate(
                evaluated
                    .iter()
                    .map(|i| runs[*i].rankings.get(s).map_or(&[][..], |v| &v[..]))
                    .collect(),
            )
        })
        .collect();
    let systems = SYSTEMS
        .iter()
        .zip(&per_system)
        .map(|((id, nl, en), (e, judged))| SystemResult {
            id,
            label_nl: nl,
            label_en: en,
            queries: e.per_query.len(),
            mean: e.mean,
            judged_share: *judged,
        })
        .collect();
    // Breakdowns over the evaluated cases.
    let mut by_region: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut by_municipality: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut by_area: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for &i in &evaluated {
        let run = &runs[i];
        if let Some(region) = region_of(run.municipality) {
            by_region.entry(region.to_string()).or_default().push(i);
        }
        if let Some(m) = run.municipality {
            by_municipality
                .entry(municipality_name(m))
                .or_default()
                .push(i);
        }
        for a in &run.areas {
            by_area.entry(a.id().to_string()).or_default().push(i);
        }
    }
    let group = |members: &Vec<usize>| Group {
        queries: members.len(),
        systems: SYSTEMS
            .iter()
            .zip(&per_system)
            .map(|((id, ..), (e, _))| {
                (
                    *id,
                    Metrics::mean(k, members.iter().map(|i| &e.per_query[qid(*i)])),
                )
            })
            .collect(),
    };
    let breakdown = Breakdown {
        region: by_region
            .iter()
            .map(|(g, m)| (g.clone(), group(m)))
            .collect(),
        municipality: by_municipality
            .iter()
            .map(|(g, m)| (g.clone(), group(m)))
            .collect(),
        area: by_area.iter().map(|(g, m)| (g.clone(), group(m))).collect(),
    };
    // Comparison of two map versions.
    let compare = ev.compare.map(|_| {
        let (other, other_judged) = evaluate(
            evaluated
                .iter()
                .map(|i| runs[*i].compare.as_deref().unwrap_or(&[]))
                .collect(),
        );
        let (primary, primary_judged) = &per_system[0];
        let changed = evaluated
            .iter()
            .filter(|i| runs[**i].compare.as_ref() != runs[**i].rankings.first())
            .count();
        let per_region = by_region
            .iter()
            .map(|(g, members)| {
                let p = Metrics::mean(k, members.iter().map(|i| &primary.per_query[qid(*i)]));
                let c = Metrics::mean(k, members.iter().map(|i| &other.per_query[qid(*i)]));
                (
                    g.clone(),
                    CompareGroup {
                        queries: members.len(),
                        primary: p,
                        compare: c,
                        delta: c.minus(&p),
                    },
                )
            })
            .collect();
        Comparison {
            queries: evaluated.len(),
            primary: primary.mean,
            compare: other.mean,
            delta: other.mean.minus(&primary.mean),
            primary_judged_share: *primary_judged,
            compare_judged_share: other_judged,
            changed_rankings: changed,
            per_region,
        }
    });
    Report {
        engine_version: wor_core::ENGINE_VERSION,
        k,
        seed: ev.opts.seed,
        date: ev
            .opts
            .date
            .map_or_else(|| "per_case".to_string(), |d| d.to_string()),
        maps: ev.primary.maps.iter().map(|m| m.stamp.clone()).collect(),
        compare_maps: ev
            .compare
            .map(|c| c.maps.iter().map(|m| m.stamp.clone()).collect())
            .unwrap_or_default(),
        cases: counts,
        systems,
        breakdown,
        compare,
        triage: triage_report(ev, runs),
        kpi: kpi(ev, runs),
        process: process(ev, runs),
        gaps: gaps(ev, runs),
    }
}

fn triage_report(ev: &Evaluator, runs: &[CaseRun]) -> TriageReport {
    let mut confusion: BTreeMap<&'static str, BTreeMap<&'static str, usize>> = Route::ALL
        .iter()
        .map(|l| (l.id(), Route::ALL.iter().map(|p| (p.id(), 0)).collect()))
        .collect();
    let mut tally: [BTreeMap<String, (usize, usize)>; 3] = Default::default();
    let (mut labelled, mut correct) = (0, 0);
    for (case, run) in ev.cases.iter().zip(runs) {
        let Some(label) = case.triage_label else {
            continue;
        };
        let ok = usize::from(label == run.route);
        labelled += 1;
        correct += ok;
        *confusion
            .entry(label.id())
            .or_default()
            .entry(run.route.id())
            .or_insert(0) += 1;
        let mut add = |t: usize, key: String| {
            let e = tally[t].entry(key).or_insert((0, 0));
            e.0 += 1;
            e.1 += ok;
        };
        if let Some(region) = region_of(run.municipality) {
            add(0, region.to_string());
        }
        if let Some(m) = run.municipality {
            add(1, municipality_name(m));
        }
        for a in &run.areas {
            add(2, a.id().to_string());
        }
    }
    let [per_region, per_municipality, per_area] = tally.map(|t| {
        t.into_iter()
            .map(|(k, (n, c))| (k, Accuracy::new(n, c)))
            .collect()
    });
    TriageReport {
        labelled,
        correct,
        accuracy: ratio(correct as f64, labelled as f64),
        confusion,
        per_region,
        per_municipality,
        per_area,
    }
}

fn span_days(ev: &Evaluator) -> i64 {
    let days = ev.cases.iter().map(|c| c.dates.referred.days_since_epoch());
    match (days.clone().min(), days.max()) {
        (Some(a), Some(b)) => b - a + 1,
        _ => 0,
    }
}

fn kpi(ev: &Evaluator, runs: &[CaseRun]) -> Vec<RegionKpi> {
    let span = span_days(ev);
    let mut regions: BTreeMap<&'static str, Vec<usize>> = BTreeMap::new();
    for (i, run) in runs.iter().enumerate() {
        if let Some(region) = region_of(run.municipality) {
            regions.entry(region).or_default().push(i);
        }
    }
    let per_year = |n: usize| ratio(n as f64 * 365.0, span as f64);
    regions
        .into_iter()
        .map(|(region, members)| {
            let count = |f: &dyn Fn(&HistoricCase) -> bool| {
                members.iter().filter(|i| f(&ev.cases[**i])).count()
            };
            let taken = count(&|c| c.outcome.taken_into_care);
            let measured = count(&|c| c.outcome.health_improved().is_some());
            let improved = count(&|c| c.outcome.health_improved() == Some(true));
            let plan = plan::region(region);
            let successful_per_year = per_year(taken);
            RegionKpi {
                region: region.to_string(),
                name: region_name(region),
                cases: members.len(),
                taken_into_care: taken,
                success_rate: ratio(taken as f64, members.len() as f64),
                arrived: count(&|c| c.outcome.arrived),
                still_attending_3m: count(&|c| c.outcome.still_attending_3m),
                span_days: span,
                referrals_per_year: per_year(members.len()),
                successful_per_year,
                base_2024: plan.map(|p| p.base_2024),
                target_2026: plan.map(|p| p.target_2026),
                target_2027: plan.map(|p| p.target_2027),
                share_of_target_2026: plan
                    .map(|p| ratio(successful_per_year, f64::from(p.target_2026))),
                health_measured: measured,
                health_improved: improved,
                health_improved_share: ratio(improved as f64, measured as f64),
            }
        })
        .collect()
}

/// First contact over cases where it was due (shared with monitoring).
pub(crate) fn contact_stats<'c>(cases: impl Iterator<Item = &'c HistoricCase>) -> ContactStats {
    let mut due = 0;
    let mut days: Vec<i64> = Vec::new();
    for c in cases {
        if matches!(c.triage_label, Some(Route::Urgent | Route::NotEligible)) {
            continue;
        }
        due += 1;
        if let Some(d) = c.days_to_first_contact() {
            days.push(d);
        }
    }
    days.sort_unstable();
    let within = days.iter().filter(|d| **d <= FIRST_CONTACT_DAYS).count();
    let median = match days.len() {
        0 => None,
        n if n % 2 == 1 => Some(days[n / 2] as f64),
        n => Some((days[n / 2 - 1] + days[n / 2]) as f64 / 2.0),
    };
    ContactStats {
        due,
        contacted: days.len(),
        within_14_days: within,
        share_within_14_days: ratio(within as f64, due as f64),
        median_days: median,
    }
}

fn process(ev: &Evaluator, runs: &[CaseRun]) -> Process {
    let mut per_region: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, run) in runs.iter().enumerate() {
        if let Some(region) = region_of(run.municipality) {
            per_region.entry(region.to_string()).or_default().push(i);
        }
    }
    let mut conversations: BTreeMap<&'static str, usize> = ["1", "2", "3", "4", "5+"]
        .into_iter()
        .map(|b| (b, 0))
        .collect();
    let mut contacted = 0;
    for c in ev.cases {
        if c.conversations == 0 {
            continue;
        }
        contacted += 1;
        let bucket = ["1", "2", "3", "4"]
            .get(c.conversations as usize - 1)
            .copied()
            .unwrap_or("5+");
        *conversations.entry(bucket).or_insert(0) += 1;
    }
    let one_to_four = contacted - conversations["5+"];
    Process {
        first_contact: contact_stats(ev.cases.iter()),
        per_region: per_region
            .into_iter()
            .map(|(r, members)| (r, contact_stats(members.iter().map(|i| &ev.cases[*i]))))
            .collect(),
        conversations,
        share_1_to_4: ratio(one_to_four as f64, contacted as f64),
    }
}

fn gaps(ev: &Evaluator, runs: &[CaseRun]) -> Vec<Gap> {
    let date: Option<Date> = ev
        .opts
        .date
        .or_else(|| ev.cases.iter().map(|c| c.dates.referred).max());
    let mut demand: BTreeMap<(&'static str, SupportArea), usize> = BTreeMap::new();
    for run in runs.iter().filter(|r| r.covered) {
        let Some(m) = run.municipality else { continue };
        let areas: BTreeSet<SupportArea> = run.areas.iter().copied().collect();
        for a in areas {
            *demand.entry((m, a)).or_insert(0) += 1;
        }
    }
    demand_against_supply(demand, ev.primary, date)
}

/// Demand (cases per municipality and area) against the entries serving it on `date` (any date when
/// `None`); shared with monitoring's "missing offer".
pub(crate) fn demand_against_supply(
    demand: BTreeMap<(&'static str, SupportArea), usize>,
    maps: &MapSet,
    date: Option<Date>,
) -> Vec<Gap> {
    let mut out: Vec<Gap> = demand
        .into_iter()
        .map(|((m, area), n)| {
            let supply = maps
                .maps
                .iter()
                .flat_map(|idx| &idx.entries)
                .filter(|e| {
                    e.area_set.contains(area)
                        && e.serves.iter().any(|s| s == m)
                        && date.is_none_or(|d| e.valid_on(d))
                })
                .count();
            Gap {
                municipality_code: m.to_string(),
                municipality: municipality_name(m),
                area,
                area_nl: area.label_nl(),
                demand: n,
                supply,
                demand_per_supply: (supply > 0).then(|| n as f64 / supply as f64),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        a.municipality
            .cmp(&b.municipality)
            .then(a.area.cmp(&b.area))
    });
    out
}

// ---------------------------------------------------------------------------------------------------
// Text

fn f3(x: f64) -> String {
    format!("{x:.3}")
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

fn signed(x: f64) -> String {
    format!("{x:+.3}")
}

/// A short, readable summary for a terminal.
pub fn render_text(r: &Report) -> String {
    let mut s = String::new();
    let maps: Vec<String> = r
        .maps
        .iter()
        .map(|m| format!("{} {}", m.region, m.version))
        .collect();
    let _ = writeln!(s, "maps: {}", maps.join(", "));
    let _ = writeln!(
        s,
        "cases: {} total, {} covered, {} evaluated (with an activity that would have worked), {} without; k = {}",
        r.cases.total, r.cases.covered, r.cases.evaluated, r.cases.no_relevant, r.k
    );
    let names = Metrics::names(r.k);
    let _ = write!(s, "\n{:<26}", "system");
    for n in &names {
        let _ = write!(s, "{n:>13}");
    }
    let _ = writeln!(s, "{:>13}", "judged");
    for sys in &r.systems {
        let _ = write!(s, "{:<26}", sys.label_en);
        for v in sys.mean.values() {
            let _ = write!(s, "{:>13}", f3(v));
        }
        let _ = writeln!(s, "{:>13}", pct(sys.judged_share));
    }
    if let Some(c) = &r.compare {
        let maps: Vec<String> = r
            .compare_maps
            .iter()
            .map(|m| format!("{} {}", m.region, m.version))
            .collect();
        let _ = write!(s, "{:<26}", format!("engine on {}", maps.join(", ")));
        for v in c.compare.values() {
            let _ = write!(s, "{:>13}", f3(v));
        }
        let _ = writeln!(s, "{:>13}", pct(c.compare_judged_share));
        let _ = write!(s, "{:<26}", "delta (compare - map)");
        for v in c.delta.values() {
            let _ = write!(s, "{:>13}", signed(v));
        }
        let _ = writeln!(s);
    }
    let t = &r.triage;
    let _ = writeln!(
        s,
        "\ntriage: {} of {} labelled cases correct ({})",
        t.correct,
        t.labelled,
        pct(t.accuracy)
    );
    let fc = &r.process.first_contact;
    let _ = writeln!(
        s,
        "first contact within {FIRST_CONTACT_DAYS} days: {} ({} of {}), median {} days; 1-4 conversations: {}",
        pct(fc.share_within_14_days),
        fc.within_14_days,
        fc.due,
        fc.median_days.map_or("-".into(), |d| format!("{d:.1}")),
        pct(r.process.share_1_to_4)
    );
    for k in &r.kpi {
        let _ = writeln!(
            s,
            "{}: {} cases, {} successful referrals ({}), {:.0} per year against a 2026 target of {}",
            k.name,
            k.cases,
            k.taken_into_care,
            pct(k.success_rate),
            k.successful_per_year,
            k.target_2026.map_or("-".into(), |t| t.to_string())
        );
    }
    s
}

// ---------------------------------------------------------------------------------------------------
// HTML

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const COLORS: [&str; 6] = [
    "#1b6ca8", "#8e6c8a", "#e09f3e", "#4c956c", "#9e9e9e", "#c44536",
];

/// A horizontal bar chart: rows of (label, bars of (value, colour index)), values in [0, max].
fn hbars(title: &str, rows: &[(String, Vec<(f64, usize)>)], max: f64, percent: bool) -> String {
    let bar_h = 14.0;
    let label_w = 210.0;
    let plot_w = 380.0;
    let row_gap = 8.0;
    let heights: Vec<f64> = rows
        .iter()
        .map(|(_, bars)| bars.len().max(1) as f64 * bar_h + row_gap)
        .collect();
    let height = heights.iter().sum::<f64>() + 30.0;
    let width = label_w + plot_w + 70.0;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg role="img" width="{width}" height="{height:.0}" viewBox="0 0 {width} {height:.0}" class="chart"><title>{}</title>"#,
        esc(title)
    );
    // Axis ticks at 0, 25, 50, 75, 100 % of max.
    for t in 0..=4 {
        let x = label_w + plot_w * f64::from(t) / 4.0;
        let v = max * f64::from(t) / 4.0;
        let _ = write!(
            s,
            r##"<line x1="{x:.1}" y1="0" x2="{x:.1}" y2="{:.0}" stroke="#ddd"/><text x="{x:.1}" y="{:.0}" font-size="10" text-anchor="middle" fill="#555">{}</text>"##,
            height - 22.0,
            height - 8.0,
            if percent { pct(v) } else { format!("{v:.2}") }
        );
    }
    let mut y = 0.0;
    for ((label, bars), h) in rows.iter().zip(&heights) {
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" font-size="11" text-anchor="end" fill="#222">{}</text>"##,
            label_w - 6.0,
            y + (h - row_gap) / 2.0 + 4.0,
            esc(label)
        );
        for (j, (v, color)) in bars.iter().enumerate() {
            let w = if max > 0.0 {
                (v / max).clamp(0.0, 1.0) * plot_w
            } else {
                0.0
            };
            let by = y + j as f64 * bar_h;
            let _ = write!(
                s,
                r##"<rect x="{label_w}" y="{:.1}" width="{w:.1}" height="{:.1}" fill="{}"/><text x="{:.1}" y="{:.1}" font-size="10" fill="#222">{}</text>"##,
                by + 1.0,
                bar_h - 2.0,
                COLORS[*color % COLORS.len()],
                label_w + w + 4.0,
                by + bar_h - 3.0,
                if percent { pct(*v) } else { f3(*v) }
            );
        }
        y += h;
    }
    s.push_str("</svg>");
    s
}

/// Bars with a target marker per row: (label, value, target).
fn target_bars(title: &str, rows: &[(String, f64, Option<f64>)]) -> String {
    let max = rows
        .iter()
        .flat_map(|(_, v, t)| [*v, t.unwrap_or(0.0)])
        .fold(1.0, f64::max)
        * 1.1;
    let (label_w, plot_w, bar_h) = (210.0, 380.0, 26.0);
    let height = rows.len() as f64 * (bar_h + 10.0) + 40.0;
    let width = label_w + plot_w + 110.0;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg role="img" width="{width}" height="{height:.0}" viewBox="0 0 {width} {height:.0}" class="chart"><title>{}</title>"#,
        esc(title)
    );
    for (i, (label, v, target)) in rows.iter().enumerate() {
        let y = i as f64 * (bar_h + 10.0) + 4.0;
        let w = v / max * plot_w;
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" font-size="11" text-anchor="end" fill="#222">{}</text><rect x="{label_w}" y="{y:.1}" width="{w:.1}" height="{bar_h}" fill="{}"/><text x="{:.1}" y="{:.1}" font-size="10" fill="#222">{v:.0}</text>"##,
            label_w - 6.0,
            y + bar_h / 2.0 + 4.0,
            esc(label),
            COLORS[0],
            label_w + w + 4.0,
            y + bar_h / 2.0 + 4.0,
        );
        if let Some(t) = target {
            let x = label_w + t / max * plot_w;
            let _ = write!(
                s,
                r##"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}" stroke="{}" stroke-width="3"/><text x="{:.1}" y="{:.1}" font-size="10" fill="{}">doel (target) {t:.0}</text>"##,
                y - 2.0,
                y + bar_h + 2.0,
                COLORS[5],
                x + 4.0,
                y + 9.0,
                COLORS[5],
            );
        }
    }
    let _ = write!(
        s,
        r##"<rect x="{label_w}" y="{:.0}" width="12" height="10" fill="{}"/><text x="{:.0}" y="{:.0}" font-size="10">succesvolle verwijzingen per jaar (successful referrals per year)</text>"##,
        height - 22.0,
        COLORS[0],
        label_w + 16.0,
        height - 13.0
    );
    s.push_str("</svg>");
    s
}

/// Vertical bars of counts: (label, count).
fn histogram(title: &str, axis: &str, bins: &[(String, usize)]) -> String {
    let max = bins.iter().map(|b| b.1).max().unwrap_or(0).max(1) as f64;
    let (bar_w, gap, plot_h) = (48.0, 14.0, 150.0);
    let width = (bins.len() as f64 * (bar_w + gap) + 40.0).max(420.0);
    let height = plot_h + 64.0;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}" class="chart"><title>{}</title>"#,
        esc(title)
    );
    let _ = write!(
        s,
        r##"<text x="20" y="{:.0}" font-size="10" fill="#555">{}</text>"##,
        height - 4.0,
        esc(axis)
    );
    for (i, (label, n)) in bins.iter().enumerate() {
        let h = *n as f64 / max * plot_h;
        let x = 20.0 + i as f64 * (bar_w + gap);
        let y = 15.0 + plot_h - h;
        let _ = write!(
            s,
            r##"<rect x="{x:.1}" y="{y:.1}" width="{bar_w}" height="{h:.1}" fill="{}"/><text x="{:.1}" y="{:.1}" font-size="10" text-anchor="middle">{n}</text><text x="{:.1}" y="{:.1}" font-size="11" text-anchor="middle">{}</text>"##,
            COLORS[3],
            x + bar_w / 2.0,
            y - 3.0,
            x + bar_w / 2.0,
            15.0 + plot_h + 16.0,
            esc(label)
        );
    }
    s.push_str("</svg>");
    s
}

fn legend(items: &[(&str, usize)]) -> String {
    let mut s = String::from(r#"<p class="legend">"#);
    for (label, color) in items {
        let _ = write!(
            s,
            r#"<span><svg width="12" height="12" role="presentation"><rect width="12" height="12" fill="{}"/></svg> {}</span> "#,
            COLORS[*color % COLORS.len()],
            esc(label)
        );
    }
    s.push_str("</p>");
    s
}

fn metric_header(k: usize) -> String {
    let mut s = String::new();
    for n in Metrics::names(k) {
        let _ = write!(s, "<th>{}</th>", esc(&n));
    }
    s
}

fn metric_cells(m: &Metrics, best: Option<&[f64; 5]>) -> String {
    let mut s = String::new();
    for (i, v) in m.values().iter().enumerate() {
        let strong = best.is_some_and(|b| (b[i] - v).abs() < 1e-12);
        if strong {
            let _ = write!(s, "<td class=\"num best\">{}</td>", f3(*v));
        } else {
            let _ = write!(s, "<td class=\"num\">{}</td>", f3(*v));
        }
    }
    s
}

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2rem auto;max-width:1000px;padding:0 1rem;color:#222;line-height:1.45}\
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:2px solid #1b6ca8;padding-bottom:.2rem}\
table{border-collapse:collapse;margin:.6rem 0;font-size:.9rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}\
td.num{text-align:right;font-variant-numeric:tabular-nums}td.best{font-weight:bold;background:#e8f1f8}td.zero{background:#fbe9e7}\
.legend span{margin-right:1rem;font-size:.85rem}.note{color:#555;font-size:.88rem}.chart{max-width:100%;height:auto}code{font-size:.85rem}";

/// The report as one self-contained HTML page (inline CSS and SVG; no scripts, links or external assets).
pub fn render_html(r: &Report) -> String {
    let mut h = String::new();
    let k = r.k;
    let _ = write!(
        h,
        "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Evaluatie Welzijn op Recept (evaluation)</title><style>{STYLE}</style></head><body>"
    );
    let _ = write!(
        h,
        "<h1>Evaluatie op historische casussen (evaluation on historic cases)</h1><p>Engine {} · k = {k} · peildatum (reference date): {} · seed {}</p>",
        esc(r.engine_version),
        esc(if r.date == "per_case" {
            "verwijsdatum per casus (each case's referral date)"
        } else {
            &r.date
        }),
        r.seed
    );
    h.push_str("<table><tr><th>Kaart (map)</th><th>Versie (version)</th><th>Gepubliceerd (published)</th><th>Hash</th></tr>");
    for (m, tag) in r.maps.iter().map(|m| (m, "")).chain(
        r.compare_maps
            .iter()
            .map(|m| (m, " (vergelijking, compare)")),
    ) {
        let _ = write!(
            h,
            "<tr><td>{}{}</td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>",
            esc(&m.region),
            tag,
            esc(&m.version),
            esc(&m.published),
            esc(m.hash.get(..19).unwrap_or(&m.hash))
        );
    }
    h.push_str("</table>");
    let c = &r.cases;
    let _ = write!(
        h,
        "<p>{} casussen (cases): {} binnen de kaart (covered), {} beoordeeld (evaluated: at least one activity would have worked), {} zonder passende activiteit (no relevant activity), {} vastgelegd met een andere kaartversie (recorded with another map version).</p>",
        c.total, c.covered, c.evaluated, c.no_relevant, c.other_map_version
    );

    // Metrics.
    h.push_str("<h2>Rangschikking tegen uitkomsten (ranking against outcomes)</h2>");
    let _ = write!(
        h,
        "<p class=\"note\">Gain 2 = na drie maanden nog actief (still attending after three months), 1 = aangekomen (arrived), 0 = anders. Elke methode geeft {k} activiteiten; niet-beoordeelde activiteiten tellen als 0 (unjudged count as 0).</p>"
    );
    let mut best = [f64::MIN; 5];
    for s in &r.systems {
        for (b, v) in best.iter_mut().zip(s.mean.values()) {
            *b = b.max(v);
        }
    }
    let _ = write!(
        h,
        "<table><tr><th>Methode (system)</th><th>n</th>{}<th>beoordeeld (judged)</th></tr>",
        metric_header(k)
    );
    for s in &r.systems {
        let _ = write!(
            h,
            "<tr><td>{} ({})</td><td class=\"num\">{}</td>{}<td class=\"num\">{}</td></tr>",
            esc(s.label_nl),
            esc(s.label_en),
            s.queries,
            metric_cells(&s.mean, Some(&best)),
            pct(s.judged_share)
        );
    }
    h.push_str("</table>");
    let rows: Vec<(String, Vec<(f64, usize)>)> = r
        .systems
        .iter()
        .enumerate()
        .map(|(i, s)| (s.label_nl.to_string(), vec![(s.mean.ndcg, i)]))
        .collect();
    h.push_str(&hbars(
        &format!("nDCG@{k} per methode (per system)"),
        &rows,
        1.0,
        false,
    ));

    // Comparison.
    if let Some(cmp) = &r.compare {
        h.push_str("<h2>Twee kaartversies vergeleken (two map versions compared)</h2>");
        let _ = write!(
            h,
            "<p>{} casussen; bij {} verandert de top-{k} (top-{k} changed). Beoordeeld (judged): {} → {}. Nieuwe activiteiten zonder oordeel tellen als 0 (new, unjudged activities count as 0).</p>",
            cmp.queries,
            cmp.changed_rankings,
            pct(cmp.primary_judged_share),
            pct(cmp.compare_judged_share)
        );
        let _ = write!(
            h,
            "<table><tr><th>Kaart (map)</th>{}</tr><tr><td>--map</td>{}</tr><tr><td>--compare</td>{}</tr><tr><td>verschil (delta)</td>",
            metric_header(k),
            metric_cells(&cmp.primary, None),
            metric_cells(&cmp.compare, None)
        );
        for v in cmp.delta.values() {
            let _ = write!(h, "<td class=\"num\">{}</td>", signed(v));
        }
        h.push_str("</tr></table>");
        if !cmp.per_region.is_empty() {
            let _ = write!(
                h,
                "<table><tr><th>Regio (region)</th><th>n</th><th>nDCG@{k} --map</th><th>nDCG@{k} --compare</th><th>verschil (delta)</th></tr>"
            );
            for (g, cg) in &cmp.per_region {
                let _ = write!(
                    h,
                    "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                    esc(&region_name(g)),
                    cg.queries,
                    f3(cg.primary.ndcg),
                    f3(cg.compare.ndcg),
                    signed(cg.delta.ndcg)
                );
            }
            h.push_str("</table>");
        }
    }

    // Breakdown per area, region, municipality.
    h.push_str("<h2>Per ondersteuningsgebied (per support area)</h2>");
    let shown = [0usize, 2, 3, 4];
    let legend_items: Vec<(&str, usize)> = shown.iter().map(|i| (SYSTEMS[*i].1, *i)).collect();
    h.push_str(&legend(&legend_items));
    let rows: Vec<(String, Vec<(f64, usize)>)> = r
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
    h.push_str(&hbars(
        &format!("nDCG@{k} per ondersteuningsgebied (per support area)"),
        &rows,
        1.0,
        false,
    ));
    for (title, groups, name_of) in [
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
    ] {
        let _ = write!(h, "<h3>{title}</h3><table><tr><th></th><th>n</th>");
        for (_, nl, _) in SYSTEMS {
            let _ = write!(h, "<th>nDCG@{k} {}</th>", esc(nl));
        }
        h.push_str("</tr>");
        for (g, grp) in groups {
            let _ = write!(
                h,
                "<tr><td>{}</td><td class=\"num\">{}</td>",
                esc(&name_of(g)),
                grp.queries
            );
            for (id, ..) in SYSTEMS {
                let _ = write!(
                    h,
                    "<td class=\"num\">{}</td>",
                    f3(grp.systems.get(id).map_or(0.0, |m| m.ndcg))
                );
            }
            h.push_str("</tr>");
        }
        h.push_str("</table>");
    }

    // KPI.
    h.push_str("<h2>KPI succesvolle verwijzingen (successful referrals)</h2>");
    let span = r.kpi.first().map_or(0, |k| k.span_days);
    let _ = write!(
        h,
        "<p class=\"note\">Succesvolle verwijzing = aangekomen en in zorg genomen door het sociaal domein (arrived and taken into care). Aantallen zijn naar een jaar geschaald over de periode van de casussen ({span} dagen; scaled to a year over the cases' span). Doelen 2026 uit het transformatieplan (targets from the plan).</p>"
    );
    let rows: Vec<(String, f64, Option<f64>)> = r
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
    h.push_str(&target_bars(
        "Succesvolle verwijzingen per jaar tegen het doel 2026 (successful referrals per year against the 2026 target)",
        &rows,
    ));
    h.push_str("<table><tr><th>Regio (region)</th><th>casussen (cases)</th><th>in zorg (taken into care)</th><th>succes (rate)</th><th>aangekomen (arrived)</th><th>na 3 mnd actief (attending 3m)</th><th>per jaar (per year)</th><th>basis 2024</th><th>doel 2026</th><th>doel 2027</th><th>% van doel 2026</th><th>Positieve Gezondheid verbeterd (improved)</th></tr>");
    for k in &r.kpi {
        let opt = |v: Option<u32>| v.map_or("-".to_string(), |v| v.to_string());
        let _ = write!(
            h,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{:.0}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{} / {} ({})</td></tr>",
            esc(&k.name),
            k.cases,
            k.taken_into_care,
            pct(k.success_rate),
            k.arrived,
            k.still_attending_3m,
            k.successful_per_year,
            opt(k.base_2024),
            opt(k.target_2026),
            opt(k.target_2027),
            k.share_of_target_2026.map_or("-".into(), pct),
            k.health_improved,
            k.health_measured,
            pct(k.health_improved_share)
        );
    }
    h.push_str("</table>");

    // Process.
    h.push_str("<h2>Eerste contact en gesprekken (first contact and conversations)</h2>");
    let fc = &r.process.first_contact;
    let _ = write!(
        h,
        "<p>Het plan belooft contact binnen twee weken en één tot vier gesprekken (the plan promises contact within two weeks and one to four conversations). Binnen {FIRST_CONTACT_DAYS} dagen: <strong>{}</strong> ({} van {}); mediaan {} dagen; niet bereikt (not reached): {}. Eén tot vier gesprekken: <strong>{}</strong>.</p>",
        pct(fc.share_within_14_days),
        fc.within_14_days,
        fc.due,
        fc.median_days.map_or("-".into(), |d| format!("{d:.1}")),
        fc.due - fc.contacted,
        pct(r.process.share_1_to_4)
    );
    let rows: Vec<(String, Vec<(f64, usize)>)> = r
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
    h.push_str(&hbars(
        "Aandeel eerste contact binnen 14 dagen per regio (share of first contact within 14 days per region)",
        &rows,
        1.0,
        true,
    ));
    let bins: Vec<(String, usize)> = r
        .process
        .conversations
        .iter()
        .map(|(b, n)| (b.to_string(), *n))
        .collect();
    h.push_str(&histogram(
        "Aantal gesprekken per casus (conversations per case)",
        "aantal gesprekken; casussen per aantal (conversations; cases per count)",
        &bins,
    ));

    // Triage.
    let t = &r.triage;
    h.push_str("<h2>Triage</h2>");
    let _ = write!(
        h,
        "<p>{} van {} gelabelde casussen juist (correct of labelled): <strong>{}</strong>. Rijen: label; kolommen: engine (rows: label; columns: engine).</p><table><tr><th></th>",
        t.correct,
        t.labelled,
        pct(t.accuracy)
    );
    for p in Route::ALL {
        let _ = write!(h, "<th>{}</th>", p.id());
    }
    h.push_str("</tr>");
    for l in Route::ALL {
        let _ = write!(h, "<tr><th>{}</th>", l.id());
        for p in Route::ALL {
            let n = t
                .confusion
                .get(l.id())
                .and_then(|row| row.get(p.id()))
                .copied()
                .unwrap_or(0);
            let class = if l == p { "num best" } else { "num" };
            let _ = write!(h, "<td class=\"{class}\">{n}</td>");
        }
        h.push_str("</tr>");
    }
    h.push_str("</table><table><tr><th>Regio (region)</th><th>gelabeld (labelled)</th><th>juist (accuracy)</th></tr>");
    for (g, a) in &t.per_region {
        let _ = write!(
            h,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            esc(&region_name(g)),
            a.labelled,
            pct(a.accuracy)
        );
    }
    h.push_str("</table>");

    // Gaps.
    h.push_str("<h2>Vraag en aanbod voor de WelZo-groepen (demand versus supply)</h2>");
    h.push_str("<p class=\"note\">Vraag = casussen met dit ondersteuningsgebied (cases with this area); aanbod = activiteiten op de kaart die het in deze gemeente bedienen (entries serving it there). Gesorteerd op tekort: eerst zonder aanbod, dan de meeste vraag per activiteit; de JSON bevat alle rijen.</p>");
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
    h.push_str("<table><tr><th>Gemeente (municipality)</th><th>Ondersteuningsgebied (area)</th><th>vraag (demand)</th><th>aanbod (supply)</th><th>vraag per activiteit (demand per entry)</th></tr>");
    for g in gaps.iter().take(40) {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"{}\">{}</td><td class=\"num\">{}</td></tr>",
            esc(&g.municipality),
            esc(g.area_nl),
            g.demand,
            if g.supply == 0 { "num zero" } else { "num" },
            g.supply,
            g.demand_per_supply
                .map_or("geen aanbod (none)".into(), |x| format!("{x:.1}"))
        );
    }
    h.push_str("</table>");
    let _ = writeln!(
        h,
        "<p class=\"note\">Gemaakt door <code>wor evaluate</code> {}; alles staat in dit bestand (self-contained: no scripts, no external files).</p></body></html>",
        esc(r.engine_version)
    );
    h
}
