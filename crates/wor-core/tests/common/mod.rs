//! What the core's integration tests share.

use serde_json::json;
use wor_core::{Referral, Strictness};

/// A valid adult Leiden referral with consent, with `v`'s fields added or replaced.
pub fn referral(v: serde_json::Value) -> Referral {
    let mut base = json!({"id": "t", "age": 40, "consent": true, "municipality": "Leiden"});
    for (k, val) in v.as_object().unwrap() {
        base[k] = val.clone();
    }
    Referral::from_json(&base.to_string(), Strictness::Strict)
        .unwrap_or_else(|e| panic!("{e:?}"))
        .value
}
