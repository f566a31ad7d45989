#!/usr/bin/env bash
# Runs the cargo-fuzz targets one after another (see docs/fuzzing.md).
#
#   scripts/fuzz.sh                      every target, 600 s each
#   SECS=60 scripts/fuzz.sh ingest       one target, 60 s
#
# The generated corpus goes to $FUZZ_CORPUS (default /tmp/relgraph-fuzz-corpus),
# never into the repository; crashes go to fuzz/artifacts/TARGET/ and the log
# of each run to $FUZZ_CORPUS/TARGET.log.
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${SECS:-600}
CORPUS=${FUZZ_CORPUS:-/tmp/relgraph-fuzz-corpus}
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(ingest segment extract graph_json)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
for t in "${TARGETS[@]}"; do
    mkdir -p "$CORPUS/$t"
    echo "== $t: $SECS s" >&2
    nice -n 10 cargo +nightly fuzz run "$t" "$CORPUS/$t" "fuzz/seeds/$t" -- \
        -max_total_time="$SECS" -timeout=20 -print_final_stats=1 2>&1 | tee "$CORPUS/$t.log" | grep -E "^(#[0-9]+\s+(DONE|INITED)|Done|stat::|==[0-9]+==|SUMMARY|artifact_prefix|Test unit written)" || true
done
