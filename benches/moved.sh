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
# target/). Prints the median of RUNS runs of each, in wall-clock and in CPU time (user
# + system; steadier on a busy machine), and whether the cold build is within the
# budget: cold - warm <= 2 x floor + 0.1 s. Exits 1 when it is not.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-3}
commits=${COMMITS:-6000}
gen=../shared/bench/moved_records.py
target=${CARGO_TARGET_DIR:-target}
corpus=$target/bench-moved-$commits
site=$target/bench-moved-site

if [ ! -x /usr/bin/time ]; then
    echo "benches/moved.sh: /usr/bin/time (GNU time) is needed" >&2
    exit 2
fi
if [ ! -f "$gen" ]; then
    echo "benches/moved.sh: $gen not found; the benchmark needs ../shared beside this repository" >&2
    exit 2
fi
mkdir -p "$site"
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

# Wall-clock and CPU (user + system) seconds of a command, its output discarded:
# "WALL CPU". On a busy machine the CPU time is the steadier of the two.
seconds() {
    /usr/bin/time -o "$site/time" -f '%e %U %S' "$@" >/dev/null 2>&1 ||
        { echo "benches/moved.sh: $* failed" >&2; exit 2; }
    tail -1 "$site/time" | awk '{ printf "%s %.2f\n", $1, $2 + $3 }'
}
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

cold=() warm=() floor=() cold_cpu=() warm_cpu=() floor_cpu=()
for _ in $(seq "$runs"); do
    rm -f "$corpus/.git/docket/history.json"
    read -r w c < <(seconds "$BIN" build "$corpus" --out "$site/out"); cold+=("$w"); cold_cpu+=("$c")
    read -r w c < <(seconds "$BIN" build "$corpus" --out "$site/out"); warm+=("$w"); warm_cpu+=("$c")
    read -r w c < <(seconds git -C "$corpus" log --name-only -- docs/adr doc/adr); floor+=("$w"); floor_cpu+=("$c")
done

# Prints the figures of one measure (wall or CPU) and whether the cold build is in
# the budget; returns 1 when it is not.
report() {
    local name=$1 c w f
    c=$(median $2) w=$(median $3) f=$(median $4)
    printf '%s: cold %.2f s, warm %.2f s, floor %.2f s (git log --name-only -- docs/adr doc/adr)\n' "$name" "$c" "$w" "$f"
    printf '  runs: cold %s; warm %s; floor %s\n' "$2" "$3" "$4"
    local budget extra
    budget=$(echo "2 * $f + 0.1" | bc -l)
    extra=$(echo "$c - $w" | bc -l)
    if [ "$(echo "$extra <= $budget" | bc -l)" = 1 ]; then
        printf '  cold - warm = %.2f s, within 2 x floor + 0.1 s = %.2f s\n' "$extra" "$budget"
    else
        printf '  cold - warm = %.2f s, OVER 2 x floor + 0.1 s = %.2f s\n' "$extra" "$budget"
        return 1
    fi
}
status=0
report "wall" "${cold[*]}" "${warm[*]}" "${floor[*]}" || status=1
report "cpu " "${cold_cpu[*]}" "${warm_cpu[*]}" "${floor_cpu[*]}" || status=1
exit $status
