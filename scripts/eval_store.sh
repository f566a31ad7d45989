#!/usr/bin/env bash
# Merged scoring through the store: builds a store from only the texts of the
# dev documents (../shared/eval/dev/*.json names -> ../shared/corpus/gum/NAME.txt
# or ../shared/corpus/NAME.txt), exports it as JSON and scores it with
# `score.py --merged`.
#
#   scripts/eval_store.sh [--json]        extra arguments go to score.py
#   SHARED=/path/to/shared NO_BUILD=1 scripts/eval_store.sh
#
# Output: target/eval_store/{graph.db,merged.json}.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
BIN=${BIN:-target/release/relgraph}
[ -n "${NO_BUILD:-}" ] || cargo build --release --quiet
out=target/eval_store
rm -rf "$out" && mkdir -p "$out"
texts=()
for g in "$SHARED"/eval/dev/*.json; do
  name=$(basename "$g" .json)
  if [ -f "$SHARED/corpus/gum/$name.txt" ]; then
    texts+=("$SHARED/corpus/gum/$name.txt")
  elif [ -f "$SHARED/corpus/$name.txt" ]; then
    texts+=("$SHARED/corpus/$name.txt")
  else
    echo "eval_store: no text for gold document $name" >&2
    exit 1
  fi
done
"$BIN" build "${texts[@]}" --db "$out/graph.db"
"$BIN" stats --db "$out/graph.db"
"$BIN" export --db "$out/graph.db" --format json -o "$out/merged.json"
echo "== merged, through the store (${#texts[@]} gold documents) =="
python3 "$SHARED/eval/score.py" --gold "$SHARED/eval/dev" --merged "$out/merged.json" "$@"
