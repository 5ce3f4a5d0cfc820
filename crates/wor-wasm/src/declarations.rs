//! The TypeScript declarations of what the module takes and returns, generated from the Rust types into
//! `types.d.ts`, which `lib.rs` hands to wasm-bindgen; `make types` rewrites it.

use super::{AreaInfo, Assessment, EngineInfo, MapInfo, MunicipalityInfo, PolicyInfo, Vocabulary};
use wor_core::map::Issue;
use wor_core::matching::MatchResult;
use wor_core::triage::Triage;
use wor_core::weights::Provenance;
use wor_core::{FieldError, Referral};

wor_core::typescript_declarations_test!(
    Referral,
    EngineInfo,
    AreaInfo,
    MunicipalityInfo,
    Vocabulary,
    PolicyInfo,
    Provenance,
    MapInfo,
    Triage,
    MatchResult<'static>,
    Assessment<'static>,
    FieldError,
    Issue,
);
