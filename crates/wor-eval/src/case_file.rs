//! Reading a historic-case file (JSONL) line by line: every bad line is reported with its number, and a
//! repeated referral id is an error. Shared by the CLI (which streams lines from disk) and the Regio
//! view's wasm module (which gets the file's text).

use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use wor_core::cases::{CaseOrigin, HistoricCase};
use wor_core::{Code, FieldError, Lang, Strictness};

/// How many cases of each origin a file holds, as the cases state it (`origin`); a case without one
/// counts as unknown, never guessed. Every report and summary names it at the top.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Origins {
    /// Origin id (`synthetic`, `demo_map`, `recorded_by_social_workers`, `caseload_export`) or
    /// `unknown` -> cases.
    pub counts: BTreeMap<String, usize>,
}

/// The key of cases without an `origin`.
pub const UNKNOWN: &str = "unknown";

impl Origins {
    pub fn of(cases: &[HistoricCase]) -> Origins {
        let mut counts = BTreeMap::new();
        for c in cases {
            let key = c.origin.map_or(UNKNOWN, CaseOrigin::id);
            *counts.entry(key.to_string()).or_insert(0) += 1;
        }
        Origins { counts }
    }

    pub fn count(&self, origin: CaseOrigin) -> usize {
        self.counts.get(origin.id()).copied().unwrap_or(0)
    }

    pub fn unknown(&self) -> usize {
        self.counts.get(UNKNOWN).copied().unwrap_or(0)
    }

    pub fn total(&self) -> usize {
        self.counts.values().sum()
    }

    /// Every case is of this origin.
    pub fn all(&self, origin: CaseOrigin) -> bool {
        self.total() > 0 && self.count(origin) == self.total()
    }

    /// Every case states an origin of real residents (recorded by social workers, caseload export).
    pub fn all_real(&self) -> bool {
        let real: usize = CaseOrigin::ALL
            .iter()
            .filter(|o| o.is_real())
            .map(|o| self.count(*o))
            .sum();
        self.total() > 0 && real == self.total()
    }

    /// "synthetisch (gegenereerd): 500 casussen", "herkomst onbekend: 12 casussen", or for a mixed
    /// file "gemengde herkomst: 300 synthetisch (gegenereerd), 200 herkomst onbekend".
    pub fn describe(&self, lang: Lang) -> String {
        let label = |key: &str| match CaseOrigin::from_id(key) {
            Some(o) => match lang {
                Lang::Nl => o.label_nl(),
                Lang::En => o.label_en(),
            },
            None => match lang {
                Lang::Nl => "herkomst onbekend",
                Lang::En => "origin unknown",
            },
        };
        let cases = match lang {
            Lang::Nl => "casussen",
            Lang::En => "cases",
        };
        match self.counts.len() {
            0 => format!("0 {cases}"),
            1 => {
                let (key, n) = self.counts.iter().next().expect("one");
                format!("{}: {n} {cases}", label(key))
            }
            _ => {
                // Largest share first; ties by id, so the wording is deterministic.
                let mut parts: Vec<(&String, &usize)> = self.counts.iter().collect();
                parts.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
                let parts: Vec<String> = parts
                    .iter()
                    .map(|(k, n)| format!("{n} {}", label(k)))
                    .collect();
                let mixed = match lang {
                    Lang::Nl => "gemengde herkomst",
                    Lang::En => "mixed origins",
                };
                format!("{mixed}: {}", parts.join(", "))
            }
        }
    }

    /// [`Origins::describe`] in Dutch with the English beside it, for terminal summaries.
    pub fn describe_both(&self) -> String {
        format!(
            "herkomst (origin): {} ({})",
            self.describe(Lang::Nl),
            self.describe(Lang::En)
        )
    }
}

/// A problem of one line of a case file.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseProblem {
    pub line: usize,
    pub error: FieldError,
}

impl std::fmt::Display for CaseProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.error)
    }
}

/// What a case file held.
#[derive(Debug, Default)]
pub struct CaseFile {
    pub cases: Vec<HistoricCase>,
    /// One per problem (a line may have several); shown as `line N: field: problem`.
    pub errors: Vec<CaseProblem>,
    /// Lines with at least one problem.
    pub bad_lines: usize,
    /// `line N: warning: field: problem` (unknown fields in lenient mode).
    pub warnings: Vec<String>,
}

/// Parses numbered lines (1-based; a line may already be an error, e.g. too long).
pub fn cases_from_lines(
    lines: impl IntoIterator<Item = (usize, Result<String, FieldError>)>,
    mode: Strictness,
) -> CaseFile {
    let mut out = CaseFile::default();
    let mut first: HashMap<String, usize> = HashMap::new();
    for (line, text) in lines {
        match text
            .map_err(|e| vec![e])
            .and_then(|t| HistoricCase::from_json(&t, mode))
        {
            Ok(parsed) => {
                for w in parsed.warnings {
                    out.warnings.push(format!("line {line}: warning: {w}"));
                }
                let id = parsed.value.referral.id.clone();
                if let Some(at) = first.get(&id) {
                    let error = FieldError::new(
                        "referral.id",
                        Code::Duplicate,
                        format!("duplicate id '{id}' (first on line {at})"),
                    )
                    .with("value", id.as_str())
                    .with("first", *at);
                    out.errors.push(CaseProblem { line, error });
                    out.bad_lines += 1;
                    continue;
                }
                first.insert(id, line);
                out.cases.push(parsed.value);
            }
            Err(problems) => {
                out.bad_lines += 1;
                out.errors.extend(
                    problems
                        .into_iter()
                        .map(|error| CaseProblem { line, error }),
                );
            }
        }
    }
    out
}
