//! wor-fhir: Welzijn op Recept referrals in HL7 FHIR R4, the standard ZorgDomein and VIP Live speak.
//!
//! - [`export`]: a triaged referral whose route includes WoR as a `transaction` Bundle shaped like the
//!   HL7 Gravity SDOH Clinical Care referral (ServiceRequest, Patient, Consent, Task, Observations,
//!   Conditions); other routes are refused with the triage's reason.
//! - [`import`]: a Bundle or a ServiceRequest back into the referral contract, with field-named errors.
//! - [`outcome`]: a closed historic case as a finished Task (what happened, for the referrer).
//! - [`who`]: who contacts the resident and by when (the welzijnsrecept and the Task).
//! - [`facts`]: what these need from a triage decision, from a `Triage` or its JSON (the page hands the
//!   main wasm module's decision over, so the FHIR module carries no triage of its own).
//!
//! No I/O, no clock: dates come in. The mapping is documented in docs/fhir.md. A crate of its own
//! (not wor-core) because the main wasm module has no room for it: the page loads it as a second,
//! lazily fetched module (crates/wor-fhir-wasm), like the Regio view's.
#![forbid(unsafe_code)]

pub mod codes;
pub mod export;
pub mod facts;
pub mod ids;
pub mod import;
pub mod model;
pub mod outcome;
pub mod who;

pub use export::{export_bundle, ExportInput, MapNote, Refusal, SuggestionNote};
pub use facts::TriageFacts;
pub use import::{import_json, import_value, Imported, MAX_IMPORT_BYTES};
pub use model::{Bundle, Resource, Task};
pub use outcome::outcome_task;
