//! The README lists every setting of the default triage policy with its basis: when a rule is added to
//! `social-map/policy/default.json`, this fails until the README says what it rests on.

use wor_core::policy::{Basis, Policy};

#[test]
fn readme_lists_every_policy_setting_with_its_basis() {
    let readme =
        std::fs::read_to_string(welzijn_op_recept::repo_path("README.md")).expect("README");
    let mut missing = Vec::new();
    for (key, basis) in Policy::default_policy().bases() {
        let kind = match basis {
            Basis::Plan(_) => "| plan |",
            Basis::Assumption(_) => "| **assumption** |",
        };
        let listed = readme
            .lines()
            .any(|l| l.contains(&format!("`{key}`")) && l.contains(kind));
        if !listed {
            missing.push(key.to_string());
        }
    }
    assert!(
        missing.is_empty(),
        "README lacks (or misstates the basis of): {missing:?}"
    );
}
