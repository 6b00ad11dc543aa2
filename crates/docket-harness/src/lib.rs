//! Test support, never shipped: the bodies of docket's fuzz targets and the
//! invariants they assert, in one place for the three callers that must agree.
//!
//! - `fuzz/` (cargo-fuzz, outside the workspace) calls one function of [`targets`]
//!   per target with libFuzzer's bytes; a panic is a finding.
//! - `tests/fuzz_regressions.rs` feeds every input a fuzzer once found
//!   (`tests/fuzz-regressions/<target>/`) through the same function in plain
//!   `cargo test`.
//! - `tests/properties.rs` (proptest) asserts the same [`invariants`] on generated
//!   inputs.
//!
//! Every target function panics when docket breaks an invariant (a range outside
//! its file or inside a character, script in sanitized HTML, a rule that panics,
//! `docket import` losing a line, history that differs when read from its cache)
//! and returns quietly otherwise. Bad input is never a failure: docket must turn it
//! into diagnostics.
//!
//! This crate names git2 (besides `docket-git`) only to build the commit sequences
//! of the history target; nothing of docket depends on it.

// A panic is how a fuzz target reports a finding, and a harness that cannot build
// its own temporary repository has nothing to test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

pub mod invariants;
pub mod targets;
