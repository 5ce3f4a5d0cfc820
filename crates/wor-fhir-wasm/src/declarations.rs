//! The TypeScript declarations of what the module returns, generated from the Rust types into
//! `types.d.ts`, which `lib.rs` hands to wasm-bindgen; `make types` rewrites it.

use super::ImportedJs;
use wor_fhir::who::Contact;

wor_core::typescript_declarations_test!(ImportedJs, Contact);
