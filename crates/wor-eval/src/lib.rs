//! wor-eval: evaluation beside the engine. Standard TREC metrics, a synthetic case generator, baselines and
//! reports on historic cases (their format, which the page writes, lives in `wor_core::cases`).
//!
//! * [`trec`]: qrels/run files and nDCG@k, MRR, recall@k, precision@k, MAP with `trec_eval`'s conventions.
//! * [`synth`]: a seeded generator of synthetic cases with its own latent arrival model (not the matcher's).
//! * [`baselines`]: random, nearest-first and BM25 rankers.
//! * [`Evaluator`]: runs the engine and the baselines on cases; [`report`] aggregates into a JSON report
//!   (metrics per system, region, municipality and area; triage accuracy and confusion; KPI "successful
//!   referrals" against the plan's targets; first contact and conversations; demand versus supply) and
//!   renders it as self-contained HTML with inline SVG charts.
//!
//! * [`plan`]: the transformation plan's figures (base counts, growth, KPI targets), in one place.
//! * [`monitor`]: KPIs per region, year, month, practice and municipality up to a reference date.
//! * [`business_case`]: the plan's business case (chapter 7, one-offs of 8.1), what-if and realised.
//! * [`render`], [`charts`]: HTML fragments and documents with inline SVG charts for both;
//!   [`case_file`]: reading a historic-case file line by line.
//!
//! No I/O: callers pass parsed cases and loaded maps in. [`Evaluator::run_case`] is independent per case,
//! so callers may run cases in parallel (and show progress); [`Evaluator::report`] sums in case order, so
//! the report is byte-identical for the same inputs however the cases were run.
#![forbid(unsafe_code)]

pub mod baselines;
pub mod business_case;
pub mod case_file;
pub mod charts;
pub mod monitor;
pub mod note;
pub mod numbers;
pub mod plan;
pub mod render;
pub mod report;
pub mod spreadsheet;
pub mod style;
pub mod synth;
#[cfg(test)]
mod test_support;
pub mod trec;
pub mod tune;

use report::Report;
use wor_core::area::SupportArea;
use wor_core::cases::HistoricCase;
use wor_core::date::Date;
use wor_core::matching::{resident_location, MapSet, MatchOptions};
use wor_core::triage::{self, Route};

/// The rankers compared in a report, in display order: (id, Dutch label, English label).
pub const SYSTEMS: [(&str, &str, &str); 5] = [
    ("engine", "Engine (wor match)", "engine"),
    ("offered", "Historisch aanbod", "historic offer"),
    ("nearest", "Dichtstbijzijnde eerst", "nearest first"),
    ("bm25", "Trefwoorden (BM25)", "keyword search (BM25)"),
    ("random", "Willekeurig", "random"),
];

/// Options of an evaluation run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EvalOptions {
    /// Cut-off for the metrics; every ranker returns at most `k` activities.
    pub k: usize,
    /// Seed of the random baseline.
    pub seed: u64,
    /// Reference date for the entries' validity; `None`: each case's referral date.
    pub date: Option<Date>,
}

/// What running the rankers on one case produced.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseRun {
    /// The case's municipality is covered by the map(s) (and by the comparison map(s)).
    pub covered: bool,
    /// CBS code of the resident's municipality, when known.
    pub municipality: Option<&'static str>,
    /// The referral's areas (explicit ∪ detected).
    pub areas: Vec<SupportArea>,
    /// The engine's triage route.
    pub route: Route,
    /// One ranking per entry of [`SYSTEMS`] (empty when not covered).
    pub rankings: Vec<Vec<String>>,
    /// The engine's ranking on the comparison map(s).
    pub compare: Option<Vec<String>>,
}

/// Runs the engine and the baselines on historic cases.
pub struct Evaluator<'a> {
    pub primary: &'a MapSet,
    pub compare: Option<&'a MapSet>,
    pub cases: &'a [HistoricCase],
    pub opts: EvalOptions,
    bm25: Vec<baselines::Bm25>,
}

impl<'a> Evaluator<'a> {
    pub fn new(
        primary: &'a MapSet,
        compare: Option<&'a MapSet>,
        cases: &'a [HistoricCase],
        opts: EvalOptions,
    ) -> Evaluator<'a> {
        let bm25 = primary.maps.iter().map(baselines::Bm25::build).collect();
        Evaluator {
            primary,
            compare,
            cases,
            opts,
            bm25,
        }
    }

    /// The reference date for case `i`.
    pub fn date_of(&self, i: usize) -> Date {
        self.opts.date.unwrap_or(self.cases[i].dates.referred)
    }

    /// Runs every ranker on case `i`.
    pub fn run_case(&self, i: usize) -> CaseRun {
        let case = &self.cases[i];
        let r = &case.referral;
        let (route, findings) = triage::route(r);
        let areas: Vec<SupportArea> = findings.iter().map(|f| f.area).collect();
        let location = resident_location(r).ok();
        let mut run = CaseRun {
            covered: false,
            municipality: location.map(|(_, m)| m.code),
            areas,
            route,
            rankings: vec![Vec::new(); SYSTEMS.len()],
            compare: None,
        };
        let Some((home, _)) = location else {
            return run;
        };
        let Ok(index) = self.primary.for_referral(r) else {
            return run;
        };
        if self.compare.is_some_and(|c| c.for_referral(r).is_err()) {
            return run;
        }
        run.covered = true;
        let k = self.opts.k;
        let date = self.date_of(i);
        let opts = MatchOptions { top_k: k, date };
        let engine = |set: &MapSet| -> Vec<String> {
            set.match_one(r, &opts, None)
                .map(|m| {
                    m.suggestions
                        .into_iter()
                        .map(|s| s.activity_id.to_owned())
                        .collect()
                })
                .unwrap_or_default()
        };
        let position = self
            .primary
            .maps
            .iter()
            .position(|m| std::ptr::eq(m, index))
            .unwrap_or(0);
        let mut query = r.text.clone().unwrap_or_default();
        for need in &r.areas {
            query.push(' ');
            query.push_str(need.area.label_nl());
        }
        run.rankings = vec![
            engine(self.primary),
            case.offered.iter().take(k).cloned().collect(),
            baselines::nearest(index, &run.areas, home, date, k),
            self.bm25[position].rank(index, &query, date, k),
            baselines::random(index, date, self.opts.seed, &r.id, k),
        ];
        run.compare = self.compare.map(engine);
        run
    }

    /// Aggregates the runs (one per case, in case order) into a report.
    pub fn report(&self, runs: &[CaseRun]) -> Report {
        report::build(self, runs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn haarlemmermeer() -> MapSet {
        test_support::haarlemmermeer("2026-11-23")
    }

    fn cases(set: &MapSet, n: usize, seed: u64) -> Vec<HistoricCase> {
        test_support::cases(&test_support::generator(set, seed, "2026-06-30"), n)
    }

    #[test]
    fn generated_cases_are_valid_and_reproducible() {
        let set = haarlemmermeer();
        let a = cases(&set, 40, 3);
        assert_eq!(a, cases(&set, 40, 3));
        assert_ne!(a, cases(&set, 40, 4));
        for c in &a {
            c.validate().unwrap();
            let json = serde_json::to_string(c).unwrap();
            let back = HistoricCase::from_json(&json, wor_core::Strictness::Strict).unwrap();
            assert_eq!(&back.value, c);
            assert!(
                c.dates.referred.weekday_index() < 5,
                "referred on a weekday"
            );
            assert!(c.judgements.len() <= synth::params::JUDGED + c.offered.len());
        }
    }

    #[test]
    fn report_scores_every_system_on_the_same_cases() {
        let set = haarlemmermeer();
        let cases = cases(&set, 120, 5);
        let opts = EvalOptions {
            k: 10,
            seed: 1,
            date: None,
        };
        let ev = Evaluator::new(&set, Some(&set), &cases, opts);
        let runs: Vec<CaseRun> = (0..cases.len()).map(|i| ev.run_case(i)).collect();
        let report = ev.report(&runs);
        assert_eq!(report.cases.total, 120);
        assert_eq!(report.cases.covered, 120);
        assert!(report.cases.evaluated > 60);
        let ids: Vec<&str> = report.systems.iter().map(|s| s.id).collect();
        assert_eq!(ids, SYSTEMS.map(|s| s.0));
        for s in &report.systems {
            assert_eq!(s.queries, report.cases.evaluated);
        }
        let (engine, random) = (&report.systems[0], &report.systems[4]);
        assert!(engine.mean.ndcg > random.mean.ndcg, "{engine:?} {random:?}");
        // Comparing a map with itself changes nothing.
        let cmp = report.compare.as_ref().unwrap();
        assert_eq!(cmp.delta.values(), [0.0; 5]);
        assert_eq!(cmp.changed_rankings, 0);
        // The same runs in any order of computation give the same report.
        let mut reversed: Vec<CaseRun> = (0..cases.len()).rev().map(|i| ev.run_case(i)).collect();
        reversed.reverse();
        assert_eq!(ev.report(&reversed), report);
        let html = report::render_html(&report);
        assert!(!html.contains("http") && html.contains("<svg"));
        assert!(report::render_text(&report).contains("random"));
    }
}

// The README's example is compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
