//! TREC qrels and run files and the ranking metrics, computed with `trec_eval`'s conventions.
//!
//! * qrels: `qid iter docid rel` (whitespace separated; `iter` is ignored; `rel` a whole number ≥ 0).
//! * run: `qid Q0 docid rank score tag` (`Q0`, `rank` and `tag` are read but ignored, as `trec_eval` does).
//! * A query's run is sorted by score descending, ties broken by docid in *reverse* byte order; the rank
//!   column is ignored (this is what `trec_eval` does, so a run's file order never matters).
//! * A document is relevant when `rel ≥ 1`; documents missing from the qrels count as non-relevant.
//! * nDCG@k: linear gain (`rel`) over `log2(rank + 1)`; the ideal ranking is made from all judgements of the
//!   query (cut at k). MRR is `trec_eval`'s `recip_rank`; MAP and recall divide by the number of relevant
//!   documents in the qrels (0 when there are none); precision@k always divides by k.
//! * By default only queries present in both the run and the qrels are evaluated; with `complete`
//!   (`trec_eval -c`) every qrels query is, a query missing from the run scoring 0 on every measure.

use serde::ser::{Serialize, SerializeMap, Serializer};
use std::collections::BTreeMap;
use std::fmt;

/// A problem on one line of a qrels or run file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineProblem {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for LineProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Relevance judgements: query -> document -> relevance.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Qrels {
    pub queries: BTreeMap<String, BTreeMap<String, u32>>,
}

/// A run: query -> (document, score), in any order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Run {
    pub queries: BTreeMap<String, Vec<(String, f64)>>,
}

/// Reads the non-empty lines of a file with their 1-based numbers, split on whitespace.
fn fields(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.strip_prefix('\u{feff}')
        .unwrap_or(text)
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.split_whitespace().collect::<Vec<&str>>()))
        .filter(|(_, f)| !f.is_empty())
}

impl Qrels {
    /// Parses a qrels file; every bad line is reported.
    pub fn parse(text: &str) -> Result<Qrels, Vec<LineProblem>> {
        let mut qrels = Qrels::default();
        let mut first: BTreeMap<(String, String), usize> = BTreeMap::new();
        let mut problems = Vec::new();
        for (line, f) in fields(text) {
            let problem = |message: String| LineProblem { line, message };
            let [qid, _iter, doc, rel] = f[..] else {
                problems.push(problem(format!(
                    "expected 4 fields (query iteration document relevance), got {}",
                    f.len()
                )));
                continue;
            };
            let Ok(rel) = rel.parse::<u32>() else {
                problems.push(problem(format!(
                    "relevance '{rel}' is not a whole number ≥ 0"
                )));
                continue;
            };
            if let Some(at) = first.get(&(qid.to_string(), doc.to_string())) {
                problems.push(problem(format!(
                    "document '{doc}' is judged twice for query '{qid}' (first on line {at})"
                )));
                continue;
            }
            first.insert((qid.to_string(), doc.to_string()), line);
            qrels.insert(qid, doc, rel);
        }
        if problems.is_empty() {
            Ok(qrels)
        } else {
            Err(problems)
        }
    }

    pub fn insert(&mut self, qid: &str, doc: &str, rel: u32) {
        self.queries
            .entry(qid.to_string())
            .or_default()
            .insert(doc.to_string(), rel);
    }

    /// Number of relevant documents (rel ≥ 1) of a query.
    pub fn relevant(&self, qid: &str) -> usize {
        self.queries
            .get(qid)
            .map_or(0, |j| j.values().filter(|r| **r >= 1).count())
    }
}

impl Run {
    /// Parses a run file; every bad line is reported.
    pub fn parse(text: &str) -> Result<Run, Vec<LineProblem>> {
        let mut run = Run::default();
        let mut first: BTreeMap<(String, String), usize> = BTreeMap::new();
        let mut problems = Vec::new();
        for (line, f) in fields(text) {
            let problem = |message: String| LineProblem { line, message };
            let [qid, _q0, doc, _rank, score, _tag] = f[..] else {
                problems.push(problem(format!(
                    "expected 6 fields (query Q0 document rank score tag), got {}",
                    f.len()
                )));
                continue;
            };
            let Some(score) = score.parse::<f64>().ok().filter(|s| s.is_finite()) else {
                problems.push(problem(format!("score '{score}' is not a finite number")));
                continue;
            };
            if let Some(at) = first.get(&(qid.to_string(), doc.to_string())) {
                problems.push(problem(format!(
                    "document '{doc}' is retrieved twice for query '{qid}' (first on line {at})"
                )));
                continue;
            }
            first.insert((qid.to_string(), doc.to_string()), line);
            run.push(qid, doc, score);
        }
        if problems.is_empty() {
            Ok(run)
        } else {
            Err(problems)
        }
    }

    pub fn push(&mut self, qid: &str, doc: &str, score: f64) {
        self.queries
            .entry(qid.to_string())
            .or_default()
            .push((doc.to_string(), score));
    }

    /// A ranked list as a run: scores n, n-1, ..., 1, so that `trec_eval`'s sort keeps the given order.
    pub fn push_ranking<S: AsRef<str>>(&mut self, qid: &str, ranking: &[S]) {
        let n = ranking.len();
        let list = self.queries.entry(qid.to_string()).or_default();
        for (i, doc) in ranking.iter().enumerate() {
            list.push((doc.as_ref().to_string(), (n - i) as f64));
        }
    }

    /// The documents of one query in `trec_eval` order: score descending, ties by docid descending.
    pub fn ranked(&self, qid: &str) -> Vec<&str> {
        let Some(list) = self.queries.get(qid) else {
            return Vec::new();
        };
        let mut sorted: Vec<&(String, f64)> = list.iter().collect();
        sorted.sort_by(|a, b| {
            b.1.partial_cmp(&a.1)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then_with(|| b.0.as_bytes().cmp(a.0.as_bytes()))
        });
        sorted.into_iter().map(|(d, _)| d.as_str()).collect()
    }
}

/// The five measures of one query (or their mean) at cut-off `k`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Metrics {
    pub k: usize,
    pub ndcg: f64,
    /// `recip_rank`.
    pub mrr: f64,
    pub recall: f64,
    pub precision: f64,
    /// Average precision (MAP when averaged).
    pub map: f64,
}

impl Metrics {
    pub fn zero(k: usize) -> Metrics {
        Metrics {
            k,
            ndcg: 0.0,
            mrr: 0.0,
            recall: 0.0,
            precision: 0.0,
            map: 0.0,
        }
    }

    /// The measure names as they appear in JSON (`ndcg@10`, `mrr`, ...), in output order.
    pub fn names(k: usize) -> [String; 5] {
        [
            format!("ndcg@{k}"),
            "mrr".to_string(),
            format!("recall@{k}"),
            format!("precision@{k}"),
            "map".to_string(),
        ]
    }

    pub fn values(&self) -> [f64; 5] {
        [self.ndcg, self.mrr, self.recall, self.precision, self.map]
    }

    fn from_values(k: usize, v: [f64; 5]) -> Metrics {
        Metrics {
            k,
            ndcg: v[0],
            mrr: v[1],
            recall: v[2],
            precision: v[3],
            map: v[4],
        }
    }

    /// The arithmetic mean, summed in the given order (deterministic); zeros for no items.
    pub fn mean<'a>(k: usize, items: impl IntoIterator<Item = &'a Metrics>) -> Metrics {
        let mut sum = [0.0; 5];
        let mut n = 0usize;
        for m in items {
            for (s, v) in sum.iter_mut().zip(m.values()) {
                *s += v;
            }
            n += 1;
        }
        if n == 0 {
            return Metrics::zero(k);
        }
        Metrics::from_values(k, sum.map(|s| s / n as f64))
    }

    /// `self - base`, per measure.
    pub fn minus(&self, base: &Metrics) -> Metrics {
        let (a, b) = (self.values(), base.values());
        Metrics::from_values(self.k, [0, 1, 2, 3, 4].map(|i| a[i] - b[i]))
    }
}

impl Serialize for Metrics {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(5))?;
        for (name, v) in Metrics::names(self.k).iter().zip(self.values()) {
            map.serialize_entry(name, &v)?;
        }
        map.end()
    }
}

/// The measures of one query: `judged` are its qrels, `ranking` its documents in `trec_eval` order.
pub fn query_metrics<S: AsRef<str>>(
    judged: &BTreeMap<String, u32>,
    ranking: &[S],
    k: usize,
) -> Metrics {
    let num_rel = judged.values().filter(|r| **r >= 1).count();
    let mut dcg = 0.0;
    let mut rel_in_k = 0usize;
    let mut rel_ret = 0usize;
    let mut ap_sum = 0.0;
    let mut rr = 0.0;
    for (i, doc) in ranking.iter().enumerate() {
        let rel = judged.get(doc.as_ref()).copied().unwrap_or(0);
        if i < k {
            dcg += f64::from(rel) / ((i + 2) as f64).log2();
            if rel >= 1 {
                rel_in_k += 1;
            }
        }
        if rel >= 1 {
            rel_ret += 1;
            ap_sum += rel_ret as f64 / (i + 1) as f64;
            if rr == 0.0 {
                rr = 1.0 / (i + 1) as f64;
            }
        }
    }
    let mut ideal: Vec<u32> = judged.values().copied().filter(|r| *r > 0).collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg: f64 = ideal
        .iter()
        .take(k)
        .enumerate()
        .map(|(i, rel)| f64::from(*rel) / ((i + 2) as f64).log2())
        .sum();
    let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
    Metrics {
        k,
        ndcg: ratio(dcg, idcg),
        mrr: rr,
        recall: ratio(rel_in_k as f64, num_rel as f64),
        precision: if k == 0 {
            0.0
        } else {
            rel_in_k as f64 / k as f64
        },
        map: ratio(ap_sum, num_rel as f64),
    }
}

/// The result of evaluating a run against qrels.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub k: usize,
    pub mean: Metrics,
    /// Per evaluated query, sorted by query id.
    pub per_query: BTreeMap<String, Metrics>,
}

impl Serialize for Evaluation {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(4))?;
        map.serialize_entry("queries", &self.per_query.len())?;
        map.serialize_entry("k", &self.k)?;
        map.serialize_entry("mean", &self.mean)?;
        map.serialize_entry("per_query", &self.per_query)?;
        map.end()
    }
}

/// Evaluates `run` against `qrels` at cut-off `k` (see the module documentation for the conventions).
pub fn evaluate(qrels: &Qrels, run: &Run, k: usize, complete: bool) -> Evaluation {
    let per_query: BTreeMap<String, Metrics> = qrels
        .queries
        .iter()
        .filter(|(qid, _)| complete || run.queries.contains_key(*qid))
        .map(|(qid, judged)| (qid.clone(), query_metrics(judged, &run.ranked(qid), k)))
        .collect();
    Evaluation {
        k,
        mean: Metrics::mean(k, per_query.values()),
        per_query,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EPS: f64 = 1e-12;

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < EPS, "{a} != {b}");
    }

    #[test]
    fn hand_computed_binary_query() {
        // Relevant: d1, d3, d5 (d5 never retrieved). Ranking: d1 d2 d3 d4.
        let qrels = Qrels::parse("q 0 d1 1\nq 0 d2 0\nq 0 d3 1\nq 0 d5 1\n").unwrap();
        let run =
            Run::parse("q Q0 d1 1 4 t\nq Q0 d2 2 3 t\nq Q0 d3 3 2 t\nq Q0 d4 4 1 t\n").unwrap();
        let e = evaluate(&qrels, &run, 3, false);
        let m = e.per_query["q"];
        // DCG@3 = 1 + 1/log2(4) = 1.5; IDCG@3 = 1 + 1/log2(3) + 1/log2(4).
        close(m.ndcg, 1.5 / (1.0 + 1.0 / 3f64.log2() + 0.5));
        close(m.mrr, 1.0);
        close(m.recall, 2.0 / 3.0);
        close(m.precision, 2.0 / 3.0);
        // AP = (1/1 + 2/3) / 3.
        close(m.map, (1.0 + 2.0 / 3.0) / 3.0);
    }

    #[test]
    fn graded_gains_and_ideal_from_all_judgements() {
        // Gains 2 and 1; the run finds only the gain-1 document, at rank 2.
        let qrels = Qrels::parse("q 0 a 2\nq 0 b 1\n").unwrap();
        let run = Run::parse("q Q0 x 1 0.9 t\nq Q0 b 2 0.5 t\n").unwrap();
        let m = evaluate(&qrels, &run, 10, false).per_query["q"];
        close(m.ndcg, (1.0 / 3f64.log2()) / (2.0 + 1.0 / 3f64.log2()));
        close(m.mrr, 0.5);
        close(m.recall, 0.5);
        close(m.precision, 0.1);
        close(m.map, 0.25);
    }

    #[test]
    fn ties_break_by_docid_in_reverse_and_rank_column_is_ignored() {
        let run =
            Run::parse("q Q0 a 1 1.0 t\nq Q0 c 2 1.0 t\nq Q0 b 3 1.0 t\nq Q0 z 4 2.0 t\n").unwrap();
        assert_eq!(run.ranked("q"), ["z", "c", "b", "a"]);
        // The rank column disagrees with the scores: scores win.
        let run = Run::parse("q Q0 a 1 0.1 t\nq Q0 b 2 0.9 t\n").unwrap();
        assert_eq!(run.ranked("q"), ["b", "a"]);
        // -0 and 0 are equal scores.
        let run = Run::parse("q Q0 a 1 -0.0 t\nq Q0 b 2 0 t\n").unwrap();
        assert_eq!(run.ranked("q"), ["b", "a"]);
    }

    #[test]
    fn only_queries_in_both_unless_complete() {
        let qrels = Qrels::parse("q1 0 a 1\nq2 0 b 1\nq3 0 c 0\n").unwrap();
        let run = Run::parse("q1 Q0 a 1 1 t\nq3 Q0 c 1 1 t\nq9 Q0 a 1 1 t\n").unwrap();
        let e = evaluate(&qrels, &run, 10, false);
        assert_eq!(e.per_query.keys().collect::<Vec<_>>(), ["q1", "q3"]);
        // q3 has no relevant documents: every measure is 0 and it counts in the mean.
        assert_eq!(e.per_query["q3"], Metrics::zero(10));
        close(e.mean.mrr, 0.5);
        let c = evaluate(&qrels, &run, 10, true);
        assert_eq!(c.per_query.len(), 3);
        close(c.mean.mrr, 1.0 / 3.0);
    }

    #[test]
    fn json_keys_carry_the_cutoff() {
        let qrels = Qrels::parse("q 0 a 1\n").unwrap();
        let run = Run::parse("q Q0 a 1 1 t\n").unwrap();
        let json = serde_json::to_string(&evaluate(&qrels, &run, 5, false)).unwrap();
        assert_eq!(
            json,
            r#"{"queries":1,"k":5,"mean":{"ndcg@5":1.0,"mrr":1.0,"recall@5":1.0,"precision@5":0.2,"map":1.0},"per_query":{"q":{"ndcg@5":1.0,"mrr":1.0,"recall@5":1.0,"precision@5":0.2,"map":1.0}}}"#
        );
    }

    #[test]
    fn bad_lines_are_reported_with_numbers() {
        let err = Qrels::parse("q 0 a 1\n\nq 0 b\nq 0 c x\nq 0 a 2\nq 0 d -1\n").unwrap_err();
        let lines: Vec<usize> = err.iter().map(|p| p.line).collect();
        assert_eq!(lines, [3, 4, 5, 6]);
        assert!(err[0].to_string().starts_with("line 3: expected 4 fields"));
        assert!(err[2].message.contains("first on line 1"));
        let err = Run::parse("q Q0 a 1 1 t\nq Q0 b 1 1\nq Q0 c 1 NaN t\nq Q0 a 2 1 t\nq a\nq Q0 d rank-is-ignored 1 t\n")
            .unwrap_err();
        let lines: Vec<usize> = err.iter().map(|p| p.line).collect();
        assert_eq!(lines, [2, 3, 4, 5]);
    }

    #[test]
    fn push_ranking_keeps_the_given_order() {
        let mut run = Run::default();
        run.push_ranking("q", &["b", "a", "c"]);
        assert_eq!(run.ranked("q"), ["b", "a", "c"]);
    }
}
