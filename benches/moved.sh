#!/usr/bin/env bash
# History of records moved into the handbook from another folder (issue 14): `docket
# build` cold (no history cache) and warm (cache hit) against the floor, `git log
# --name-only -- docs/adr doc/adr`, on the repository ../shared/bench/moved_records.py
# makes (6,000 commits, restructurings of 400 files outside the handbook, records moved
# from doc/adr to docs/adr).
#
# usage: benches/moved.sh            (RUNS=3, COMMITS=6000)
#        BIN=/path/to/docket benches/moved.sh   (measure another build; no cargo)
#
# The corpus is generated once into $CARGO_TARGET_DIR/bench-moved-COMMITS (default
# target/). Prints the median of RUNS runs of each and whether the cold build is within
# the budget: cold - warm <= 2 x floor + 0.1 s. Exits 1 when it is not.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-3}
commits=${COMMITS:-6000}
gen=../shared/bench/moved_records.py
target=${CARGO_TARGET_DIR:-target}
corpus=$target/bench-moved-$commits
site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT

if [ ! -f "$gen" ]; then
    echo "benches/moved.sh: $gen not found; the benchmark needs ../shared beside this repository" >&2
    exit 2
fi
if [ ! -f "$corpus/.git/complete" ]; then
    echo "generating $commits commits into $corpus (once)..." >&2
    rm -rf "$corpus"
    mkdir -p "$target"
    python3 "$gen" "$corpus" "$commits" >&2
    touch "$corpus/.git/complete"
fi

if [ -z "${BIN:-}" ]; then
    cargo build --release --quiet
    BIN=$target/release/docket
fi

# Seconds taken by a command, its output discarded.
seconds() {
    local start=$EPOCHREALTIME
    "$@" >/dev/null 2>&1 || { echo "benches/moved.sh: $* failed" >&2; exit 2; }
    echo "$EPOCHREALTIME - $start" | bc -l
}
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

cold=() warm=() floor=()
for _ in $(seq "$runs"); do
    rm -f "$corpus/.git/docket/history.json"
    cold+=("$(seconds "$BIN" build "$corpus" --out "$site/out")")
    warm+=("$(seconds "$BIN" build "$corpus" --out "$site/out")")
    floor+=("$(seconds git -C "$corpus" log --name-only -- docs/adr doc/adr)")
done
c=$(median "${cold[@]}") w=$(median "${warm[@]}") f=$(median "${floor[@]}")
printf 'cold  %.3f s   (%s)\n' "$c" "${cold[*]}"
printf 'warm  %.3f s   (%s)\n' "$w" "${warm[*]}"
printf 'floor %.3f s   (git log --name-only -- docs/adr doc/adr: %s)\n' "$f" "${floor[*]}"
budget=$(echo "2 * $f + 0.1" | bc -l)
extra=$(echo "$c - $w" | bc -l)
if [ "$(echo "$extra <= $budget" | bc -l)" = 1 ]; then
    printf 'cold - warm = %.3f s, within 2 x floor + 0.1 s = %.3f s\n' "$extra" "$budget"
else
    printf 'cold - warm = %.3f s, OVER 2 x floor + 0.1 s = %.3f s\n' "$extra" "$budget"
    exit 1
fi
