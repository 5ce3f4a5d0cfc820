//! wor-core: the Welzijn op Recept engine.
//!
//! Pure Rust, no I/O, no clock, no wasm-bindgen: the CLI and the wasm bindings are thin faces over it.
//! Data flow: referral -> areas (explicit + detected in text) -> triage -> candidates (inverted index by
//! area, spatial prefilter) -> hard filters -> scoring -> diversified top-k with explanations.
#![forbid(unsafe_code)]

pub mod area;
pub mod audience;
pub mod cases;
pub mod cue;
pub mod date;
pub mod decision;
pub mod detect;
pub mod error;
pub mod geo;
pub mod index;
pub mod json;
mod labels;
pub mod language;
pub mod life_event;
pub mod map;
pub mod matching;
pub mod pathways;
pub mod policy;
pub mod random;
pub mod referral;
mod salvage;
pub mod sort;
pub mod triage;
#[cfg(feature = "ts")]
pub mod typescript;
pub mod weights;

pub use area::{Lang, SupportArea};
pub use date::Date;
pub use error::{Code, FieldError, FieldErrors, Params};
pub use index::MapIndex;
pub use map::SocialMap;
pub use matching::{MapSet, MatchOptions, MatchResult};
pub use referral::{Referral, Strictness};
#[cfg(feature = "embedded-policy")]
pub use triage::triage;
pub use triage::{Route, Triage};

/// The engine version stamped on every output.
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");
