#!/bin/sh
# Runs one fuzz target for SECONDS (default 600) with its dictionary, under
# `nice -n 15`, and prints libFuzzer's final statistics (fuzz/README.md).
#
# Usage: fuzz/run.sh TARGET [SECONDS] [LIBFUZZER FLAGS...]
# cargo-fuzz and the stable toolchain: `cargo install --locked cargo-fuzz`;
# RUSTC_BOOTSTRAP=1 lets stable build with the sanitizer flags libFuzzer needs.
set -eu

target=$1
seconds=${2:-600}
shift
[ $# -gt 0 ] && shift
fuzz=$(cd "$(dirname "$0")" && pwd)
# The history target writes a repository per input: a disk busy with other work
# can stall it for seconds, which is no finding.
timeout=10
[ "$target" = git_history ] && timeout=30
case $target in
    markdown) dict=markdown ;;
    config) dict=config ;;
    serve_path) dict=serve_path ;;
    git_history) dict= ;;
    *) dict=document ;;
esac
[ -d "$fuzz/corpus/$target" ] || "$fuzz/seed.sh" >/dev/null
cd "$(dirname "$fuzz")"
# -timeout: an input that takes longer than 10 s (30 s for the history target) is
# a finding (a parser that is quadratic on some input is as bad as one that
# crashes). -max_len: inputs of at
# most 4 KB (seeds may be larger) keep each run fast; large inputs are the
# business of tests/adversarial.rs. Later flags win over these.
RUSTC_BOOTSTRAP=1 exec nice -n 15 cargo fuzz run "$target" -- \
    -max_total_time="$seconds" -print_final_stats=1 -timeout="$timeout" -rss_limit_mb=2048 \
    -max_len=4096 ${dict:+-dict="$fuzz/dicts/$dict.dict"} "$@"
