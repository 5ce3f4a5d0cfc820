//! Reading a historic-case file (JSONL) line by line: every bad line is reported with its number, and a
//! repeated referral id is an error. Shared by the CLI (which streams lines from disk) and the Regio
//! view's wasm module (which gets the file's text).

use std::collections::HashMap;
use wor_core::cases::HistoricCase;
use wor_core::{Code, FieldError, Strictness};

/// Whether cases are synthetic: a case carries `judgements` (gains of activities never offered), which
/// only the generator (`wor evaluate generate-cases`) can know. Every report says so at the top.
pub fn synthetic(cases: &[HistoricCase]) -> bool {
    cases.iter().any(|c| !c.judgements.is_empty())
}

/// What a case file held.
#[derive(Debug, Default)]
pub struct CaseFile {
    pub cases: Vec<HistoricCase>,
    /// `line N: field: problem`, one per problem (a line may have several).
    pub errors: Vec<String>,
    /// The same problems with their line, for a face that words them from their codes.
    pub problems: Vec<(usize, FieldError)>,
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
                    let problem = FieldError::new(
                        "referral.id",
                        Code::Duplicate,
                        format!("duplicate id '{id}' (first on line {at})"),
                    )
                    .with("value", id.as_str())
                    .with("first_line", *at);
                    out.errors.push(format!("line {line}: {problem}"));
                    out.problems.push((line, problem));
                    out.bad_lines += 1;
                    continue;
                }
                first.insert(id, line);
                out.cases.push(parsed.value);
            }
            Err(problems) => {
                out.bad_lines += 1;
                out.errors
                    .extend(problems.iter().map(|e| format!("line {line}: {e}")));
                out.problems.extend(problems.into_iter().map(|e| (line, e)));
            }
        }
    }
    out
}
