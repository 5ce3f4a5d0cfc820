//! Shared helpers for the workspace-level tests (tests/) and benchmarks (benches/).
#![forbid(unsafe_code)]

use std::path::{Path, PathBuf};

/// The repository root.
pub fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A file under the repository root.
pub fn repo_path(relative: &str) -> PathBuf {
    repo_root().join(relative)
}

/// `../shared/data/<relative>` beside the checkout, where CI keeps the shared test data. When absent the
/// test is skipped visibly (see [`skip`]): `None`, or a failure under CI.
pub fn shared_data(relative: &str) -> Option<PathBuf> {
    let p = repo_root().join("../shared/data").join(relative);
    if p.exists() {
        return Some(p);
    }
    skip(&format!("{} is not present", p.display()));
    None
}

/// Reports a test that cannot run here: `SKIPPED: why` on stderr, and a failure under CI (`CI=true`),
/// where everything a test needs is provided and a skip would hide a broken set-up.
pub fn skip(why: &str) {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("CI=true, but this test cannot run: {why}");
    }
    eprintln!("SKIPPED: {why}");
}

/// `n` varied, valid referrals across all municipalities, deterministic for `seed` (for benches and tests).
pub fn sample_referrals(n: usize, seed: u64) -> Vec<wor_core::Referral> {
    use wor_core::area::SupportArea;
    use wor_core::geo::MUNICIPALITIES;
    const NOTES: [&str; 6] = [
        "Mevr voelt zich eenzaam sinds overlijden van haar man, slaapt slecht.",
        "Dhr heeft veel schulden en ligt s nachts wakker te piekeren.",
        "Mantelzorger voor haar moeder met dementie, overbelast en moe.",
        "Kan niet goed lezen en schrijven, begrijpt brieven van de gemeente niet.",
        "Lonely since moving here after the divorce, would like to meet people.",
        "",
    ];
    let mut rng = wor_core::random::Rng::new(seed ^ 0x9E37_79B9_7F4A_7C15);
    let mut next = move |m: usize| rng.below(m);
    (0..n)
        .map(|i| {
            let municipality = MUNICIPALITIES[next(MUNICIPALITIES.len())];
            let area = SupportArea::ALL[next(16)];
            let json = serde_json::json!({
                "id": format!("s{i:07}"),
                "age": 18 + next(75),
                "consent": true,
                "municipality": municipality.name,
                "areas": [{"area": area.id(), "severity": 1 + next(3)}],
                "text": NOTES[next(NOTES.len())],
                "preferences": if next(2) == 0 { serde_json::json!({"max_km": 3 + next(12)}) } else { serde_json::json!({}) },
            });
            wor_core::Referral::from_json(&json.to_string(), wor_core::Strictness::Strict)
                .expect("sample referrals are valid")
                .value
        })
        .collect()
}
