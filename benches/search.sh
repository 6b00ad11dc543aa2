#!/usr/bin/env bash
# Search at scale: writes a generated handbook of DOCS documents as files (no git:
# benches/search_corpus.py, the documents of ../shared/bench/gen_corpus.py), builds
# it with the release binary, reports the size of the search index (one file, or the
# manifest and its shards), then opens the site from file:// in headless Chromium
# and, for each query, measures the time from a keystroke to the first result shown
# and lists the shard files the page loaded (benches/search.mjs).
#
# usage: benches/search.sh                 (100,000 documents)
#        DOCS=10000 benches/search.sh
#        QUERIES="queue decided" benches/search.sh
#
# The corpus is kept in $CARGO_TARGET_DIR/bench (or target/bench) between runs.
# Needs ../shared beside this repository, GNU time, Node, Chromium ($CHROMIUM or
# /usr/bin/chromium) and `npm ci --prefix tests/browser`.
set -euo pipefail
cd "$(dirname "$0")/.."
DOCS=${DOCS:-100000}
TARGET=${CARGO_TARGET_DIR:-target}
WORK="$TARGET/bench/search-$DOCS"
read -r -a QUERY_LIST <<< "${QUERIES:-queue #4242 0042 decided latency-budget}"
if [ ! -d ../shared/bench ]; then
    echo "benches/search.sh: ../shared/bench not found" >&2
    exit 2
fi
cargo build --release --quiet --bin docket
BIN="$TARGET/release/docket"
if [ ! -d "$WORK/corpus/docs" ]; then
    echo "writing $DOCS documents into $WORK/corpus" >&2
    rm -rf "$WORK/corpus"
    python3 benches/search_corpus.py --docs "$DOCS" --out "$WORK/corpus" >/dev/null
fi
rm -rf "$WORK/site"
/usr/bin/time -f "build: %e s, peak %M KB" "$BIN" build "$WORK/corpus" --out "$WORK/site" 2>&1 \
    | grep -v "^warning:" >&2
SITE="$WORK/site"
if [ -d "$SITE/search-index" ]; then
    shards=$(find "$SITE/search-index" -name '*.js' | wc -l)
    words=$(find "$SITE/search-index" -name 'w-*.js' | wc -l)
    total=$(find "$SITE/search-index.js" "$SITE/search-index" -name '*.js' -printf '%s\n' | awk '{ s += $1 } END { print s }')
    largest=$(find "$SITE/search-index" -name '*.js' -printf '%s %f\n' | sort -n | tail -1)
    echo "index: $total bytes in search-index.js ($(stat -c %s "$SITE/search-index.js") bytes) and $shards shards ($words of words); largest shard: $largest"
else
    echo "index: one file, search-index.js, $(stat -c %s "$SITE/search-index.js") bytes"
fi
# "latency-budget" is two words: the box gets "latency budget".
node benches/search.mjs "$SITE" "${QUERY_LIST[@]//-/ }"
