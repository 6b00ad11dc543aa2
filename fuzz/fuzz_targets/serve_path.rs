//! The `serve_path` target: see `docket_harness::targets::serve_path` and fuzz/README.md.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| docket_harness::targets::serve_path(data));
