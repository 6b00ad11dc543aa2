#!/usr/bin/env bash
# The git history pass on a generated corpus: cold, warm (cache hit), and the floor
# (`git log --name-only`). usage: benches/history.sh [DOCS] [COMMITS]
set -euo pipefail
cd "$(dirname "$0")/.."
docs=${1:-10000}
commits=${2:-20000}
gen=../shared/bench/gen_corpus.py
[ -f "$gen" ] || { echo "skipped: $gen not found (it lives beside the repository in CI)"; exit 0; }
corpus=target/bench-corpus-$docs-$commits
[ -d "$corpus" ] || python3 "$gen" --docs "$docs" --commits "$commits" --out "$corpus"
DOCKET_BENCH_REPO="$PWD/$corpus" cargo bench -q -p docket-git --bench history
