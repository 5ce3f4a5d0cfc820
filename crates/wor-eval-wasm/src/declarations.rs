//! The TypeScript declarations of what the module returns, generated from the Rust types into
//! `types.d.ts`, which `lib.rs` hands to wasm-bindgen; `make types` rewrites it.

use super::Rendered;
use wor_core::FieldError;
use wor_eval::business_case::BusinessCase;
use wor_eval::monitor::Monitor;

wor_core::typescript_declarations_test!(Rendered<Monitor>, Monitor, BusinessCase, FieldError);
