//! The `document` target: see `docket_harness::targets::document` and fuzz/README.md.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| docket_harness::targets::document(data));
