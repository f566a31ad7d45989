#!/usr/bin/env bash
# Extracts every text of ../shared/corpus/ and scores it against the dev gold,
# per document and merged.
#
#   scripts/eval.sh [--json]           build (release), extract, score
#   SHARED=/path/to/shared scripts/eval.sh
#
# Graphs go to target/eval/docs/ (one per text) and target/eval/merged.json
# (the graph of the documents that have gold, merged with `relgraph merge`).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
BIN=${BIN:-target/release/relgraph}
[ -x "$BIN" ] && [ -z "${NO_BUILD:-}" ] || cargo build --release --quiet
[ -z "${NO_BUILD:-}" ] && cargo build --release --quiet
out=target/eval
rm -rf "$out" && mkdir -p "$out/docs"
texts=("$SHARED"/corpus/*.txt "$SHARED"/corpus/gum/*.txt)
"$BIN" extract "${texts[@]}" -o "$out/docs"
gold=()
for g in "$SHARED"/eval/dev/*.json; do gold+=("$out/docs/$(basename "$g")"); done
"$BIN" merge "${gold[@]}" -o "$out/merged.json" 2>/dev/null || echo "(merge not available yet)"
echo "== per document (${#gold[@]} gold documents, ${#texts[@]} texts extracted) =="
python3 "$SHARED/eval/score.py" --gold "$SHARED/eval/dev" --system "$out/docs" "$@"
if [ -f "$out/merged.json" ]; then
  echo "== merged =="
  python3 "$SHARED/eval/score.py" --gold "$SHARED/eval/dev" --merged "$out/merged.json" "$@"
fi
