//! Did the other map version rank better on the same cases?

use crate::trec::{self, Metrics};
use serde::Serialize;
use std::collections::BTreeMap;

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
/// What the comparison needs from the report's evaluation of the two rankings.
pub(super) struct Versions<'a> {
    pub k: usize,
    /// Query ids of the evaluated cases, in case order.
    pub queries: Vec<&'a str>,
    pub by_region: &'a BTreeMap<String, Vec<&'a str>>,
    pub primary: &'a trec::Evaluation,
    pub primary_judged: f64,
    pub other: &'a trec::Evaluation,
    pub other_judged: f64,
    pub changed_rankings: usize,
}

impl Versions<'_> {
    pub(super) fn compare(self) -> Comparison {
        let k = self.k;
        let per_region = self
            .by_region
            .iter()
            .map(|(g, members)| {
                let p = Metrics::mean(k, members.iter().map(|q| &self.primary.per_query[*q]));
                let c = Metrics::mean(k, members.iter().map(|q| &self.other.per_query[*q]));
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
            queries: self.queries.len(),
            primary: self.primary.mean,
            compare: self.other.mean,
            delta: self.other.mean.minus(&self.primary.mean),
            primary_judged_share: self.primary_judged,
            compare_judged_share: self.other_judged,
            changed_rankings: self.changed_rankings,
            per_region,
        }
    }
}
