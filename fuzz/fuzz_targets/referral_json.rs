//! Referral JSON parsing in both strictness modes, then triage of whatever parses.
//!
//! Invariants: no panic; strict accepts a subset of lenient; an accepted referral serialises and parses
//! back; errors never quote the free-text note.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wor_core::{triage, Referral, Strictness};

fuzz_target!(|data: &[u8]| {
    let Ok(json) = std::str::from_utf8(data) else {
        return;
    };
    let lenient = Referral::from_json(json, Strictness::Lenient);
    let strict = Referral::from_json(json, Strictness::Strict);
    // The page's parser skips the unknown-field tracking and must decide exactly alike.
    assert_eq!(
        Referral::from_json_quiet(json).as_ref(),
        lenient.as_ref().map(|p| &p.value)
    );
    if let Ok(s) = &strict {
        let l = lenient
            .as_ref()
            .expect("strict accepts only what lenient accepts");
        assert_eq!(s.value, l.value);
        assert!(s.warnings.is_empty());
    }
    if let Err(e) = &lenient {
        assert!(!e.is_empty(), "a rejection names at least one problem");
        let s = strict
            .as_ref()
            .expect_err("lenient rejected, strict accepted");
        // Strict mode adds unknown fields to the problems, and loses none.
        assert!(e.iter().all(|p| s.contains(p)), "{e:?} vs {s:?}");
    }
    if let Ok(parsed) = lenient {
        let r = parsed.value;
        let decision = triage(&r);
        assert_eq!(decision.id, r.id);
        serde_json::to_string(&decision).expect("a decision serialises");
        let again = serde_json::to_string(&r).expect("a referral serialises");
        let back = Referral::from_json(&again, Strictness::Lenient)
            .unwrap_or_else(|e| panic!("serialised referral does not parse back: {e:?}: {again}"));
        assert_eq!(triage(&back.value).route, decision.route);
        // Strictly, what it writes is refused only where leniency warned (a postcode outside the
        // regions, say): serialising adds no problem of its own.
        if let Err(e) = Referral::from_json(&again, Strictness::Strict) {
            for p in &e {
                assert!(
                    parsed.warnings.iter().any(|w| w.field == p.field),
                    "strict refuses what leniency did not warn about: {p:?}: {again}"
                );
            }
        }
    }
});
