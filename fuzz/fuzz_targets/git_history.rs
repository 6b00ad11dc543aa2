//! The `git_history` target: see `docket_harness::targets::git_history` and fuzz/README.md.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| docket_harness::targets::git_history(data));
