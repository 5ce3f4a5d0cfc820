//! wor-map: tools for social maps beside the engine. The map format itself (model, validation, stamp)
//! lives in `wor_core::map`, because the browser loads maps; these tools serve the CLI only.
//!
//! * [`hsds`]: Open Referral HSDS 3.0 tables in and out.
//! * [`generate`]: a seeded synthetic map of any size (benchmarks, load tests, evaluation).
//! * [`stats`]: entries per support area and municipality, so a region sees its gaps.
//! * [`diff`]: added, removed and changed entries between two map versions.
//!
//! No I/O, like wor-core: callers pass text and maps in and write what comes out.
#![forbid(unsafe_code)]

pub mod diff;
pub mod generate;
pub mod hsds;
pub mod stats;

// The README's example is compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
