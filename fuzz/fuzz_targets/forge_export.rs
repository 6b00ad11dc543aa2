//! The `forge_export` target: see `docket_harness::targets::forge_export` and fuzz/README.md.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| docket_harness::targets::forge_export(data));
