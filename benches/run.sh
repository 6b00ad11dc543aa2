#!/usr/bin/env bash
# docket's benchmark suite, one command: builds the release binary, generates the
# corpora (cached in target/bench), measures docket against its peers and the floor,
# and writes docs/performance.md. See benches/suite.py for what is measured.
#
# usage: benches/run.sh                     (1,000, 10,000 and 100,000 documents; RUNS=3)
#        DOCS="1000 10000" RUNS=5 benches/run.sh
#        SKIP=serve,refs benches/run.sh      (parts to leave out: moved, refs, serve, hub)
#        NOTES_FILE=F benches/run.sh        (the "Notes" section; default benches/performance-notes.md)
#        REPORT_ONLY=1 benches/run.sh       (the page again from the last run's figures, with the current notes)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d ../shared/bench ]; then
    echo "benches/run.sh: ../shared/bench not found; the suite needs ../shared beside this repository" >&2
    exit 2
fi
if [ ! -x /usr/bin/time ]; then
    echo "benches/run.sh: GNU time (/usr/bin/time) is needed to measure memory" >&2
    exit 2
fi
cargo build --release --quiet
exec python3 benches/suite.py "$@"
