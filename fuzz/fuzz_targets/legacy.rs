//! The `legacy` target: see `docket_harness::targets::legacy` and fuzz/README.md.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| docket_harness::targets::legacy(data));
