//! `wor policy validate FILE...` and `wor policy show [FILE]`: triage policies (`wor-policy/1`).

use crate::Outcome;
use std::path::{Path, PathBuf};
use wor_core::policy::{Basis, Policy};

#[derive(clap::Subcommand)]
pub enum PolicyCommand {
    /// Check policy files: each problem as `FILE: field: problem`; exit 1 when any file is refused.
    Validate {
        /// Policy files (`wor-policy/1`) that extend the default.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Every threshold, rule, word list and pathway setting of a policy with its basis (plan section
    /// or assumption), as tab-separated lines: key, basis kind, basis text.
    Show {
        /// A policy file; without it, the default policy.
        file: Option<PathBuf>,
    },
}

pub fn run(cmd: PolicyCommand) -> Result<Outcome, String> {
    match cmd {
        PolicyCommand::Validate { files } => {
            let mut refused = 0;
            for file in &files {
                match read(file)? {
                    Ok(p) => eprintln!("{}: ok ({} version {})", file.display(), p.id, p.version),
                    Err(problems) => {
                        refused += 1;
                        for e in problems {
                            eprintln!("{}: {e}", file.display());
                        }
                    }
                }
            }
            Ok(if refused == 0 {
                Outcome::Ok
            } else {
                Outcome::InputErrors
            })
        }
        PolicyCommand::Show { file } => {
            let policy = match file {
                Some(f) => load(&f)?,
                None => Policy::default_policy().clone(),
            };
            println!("# policy {} version {}", policy.id, policy.version);
            for (key, basis) in policy.bases() {
                let (kind, text) = match basis {
                    Basis::Plan(t) => ("plan", t),
                    Basis::Assumption(t) => ("assumption", t),
                };
                println!("{key}\t{kind}\t{text}");
            }
            Ok(Outcome::Ok)
        }
    }
}

fn read(path: &Path) -> Result<Result<Policy, Vec<wor_core::FieldError>>, String> {
    let json = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    Ok(Policy::from_json(&json))
}

/// A policy file, or an error naming the file and every problem.
/// The policy of `--policy FILE`, or the default one without it.
pub fn load_or_default(path: Option<&Path>) -> Result<Policy, String> {
    path.map_or_else(|| Ok(Policy::default_policy().clone()), load)
}

pub fn load(path: &Path) -> Result<Policy, String> {
    read(path)?.map_err(|problems| {
        let lines: Vec<String> = problems
            .iter()
            .map(|e| format!("{}: {e}", path.display()))
            .collect();
        format!("the policy is refused:\n{}", lines.join("\n"))
    })
}
