//! The `markdown` target: see `docket_harness::targets::markdown` and fuzz/README.md.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| docket_harness::targets::markdown(data));
