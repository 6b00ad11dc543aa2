//! The `front_matter` target: see `docket_harness::targets::front_matter` and fuzz/README.md.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| docket_harness::targets::front_matter(data));
