#!/usr/bin/env bash
# Throughput and peak memory of `docket check` on a generated handbook.
#
# usage: benches/check.sh            (DOCS=10000 by default; RUNS=3)
#        DOCS=1000 benches/check.sh
#
# The corpus comes from ../shared/bench/gen_corpus.py (deterministic: the same --docs
# gives the same repository) and is cached in target/bench-corpus-N, so reruns skip
# generation. Delete that folder to regenerate it. Prints documents per second and
# peak resident memory, best and median of RUNS runs of the release build.
set -euo pipefail
cd "$(dirname "$0")/.."

docs=${DOCS:-10000}
runs=${RUNS:-3}
gen=../shared/bench/gen_corpus.py
corpus=target/bench-corpus-$docs

if [ ! -f "$gen" ]; then
    echo "benches/check.sh: $gen not found; the benchmark needs ../shared beside this repository" >&2
    exit 2
fi
if [ ! -x /usr/bin/time ]; then
    echo "benches/check.sh: /usr/bin/time (GNU time) is needed to measure memory" >&2
    exit 2
fi

if [ ! -f "$corpus/.complete" ]; then
    echo "generating $docs documents into $corpus (once)..." >&2
    rm -rf "$corpus"
    mkdir -p target
    python3 "$gen" --docs "$docs" --out "$corpus" >&2
    touch "$corpus/.complete"
fi

cargo build --release --quiet
bin=target/release/docket

# The number of files docket reads, from its own summary.
files=$("$bin" --color never check --format json "$corpus" 2>/dev/null \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["summary"]["files"])')

times=()
rss=()
for i in $(seq "$runs"); do
    # docket exits 1 when the corpus has findings; only 2 (could not run) is fatal.
    set +e
    /usr/bin/time -f '%e %M' -o target/bench-time.txt \
        "$bin" --color never check --format json "$corpus" >/dev/null 2>target/bench-stderr.txt
    code=$?
    set -e
    if [ "$code" -ge 2 ]; then
        echo "docket check failed (exit $code):" >&2
        cat target/bench-stderr.txt >&2
        exit 1
    fi
    read -r secs kb < <(tail -n 1 target/bench-time.txt)
    times+=("$secs")
    rss+=("$kb")
    echo "run $i: ${secs} s, $((kb / 1024)) MB" >&2
done

python3 - "$files" "${times[*]}" "${rss[*]}" <<'PY'
import statistics, sys
files = int(sys.argv[1])
times = [float(t) for t in sys.argv[2].split()]
rss_mb = [int(k) / 1024 for k in sys.argv[3].split()]
def rate(t):
    return files / t if t > 0 else float("inf")
print(f"docket check: {files} files, {len(times)} runs")
print(f"  time:       best {min(times):.2f} s, median {statistics.median(times):.2f} s")
print(f"  throughput: best {rate(min(times)):,.0f} docs/s, median {rate(statistics.median(times)):,.0f} docs/s")
print(f"  peak RSS:   best {min(rss_mb):.0f} MB, median {statistics.median(rss_mb):.0f} MB")
PY
