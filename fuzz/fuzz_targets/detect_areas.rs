//! Free-text support-area detection on arbitrary text.
//!
//! Invariants: no panic; deterministic; areas sorted and unique; each detection names its words.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wor_core::detect::detect_areas;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let found = detect_areas(&text);
    for pair in found.windows(2) {
        assert!(pair[0].area < pair[1].area, "sorted and unique: {found:?}");
    }
    for d in &found {
        assert!(!d.matched.is_empty(), "{d:?}");
    }
    assert_eq!(found, detect_areas(&text), "deterministic");
});
