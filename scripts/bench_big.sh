#!/usr/bin/env bash
# One very large text through `relgraph extract` (chunked extraction, see
# docs/inputs.md): builds a file of SIZES megabytes by repeating the
# texts of ../shared/corpus/, and prints wall time, words/s and peak RSS for
# each size. The file is streamed (read piece by piece, never held whole), so
# the peak is the program, the pieces in flight and the growing graph.
#
#   scripts/bench_big.sh                 20 MB and 200 MB
#   SIZES="200" scripts/bench_big.sh     one size
#
# Each copy of the corpus gets a citation mark "[N]" at the end of every
# line: ingest drops citation marks before tokenizing, so the text analysed is
# the corpus itself, but no line repeats verbatim (ingest keeps one of two
# identical lines, which would skip work). Words are counted without the marks.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
SIZES=${SIZES:-20 200}
cargo build --release --quiet
BIN=$PWD/target/release/relgraph
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
FILES=("$SHARED"/corpus/*.txt "$SHARED"/corpus/gum/*.txt)
for f in "${FILES[@]}"; do cat "$f"; printf '\n\n'; done >"$work/corpus.txt"
CORPUS_BYTES=$(wc -c <"$work/corpus.txt")
CORPUS_WORDS=$(wc -w <"$work/corpus.txt")
printf '%8s %8s %11s %9s %10s %9s %9s %7s\n' "MB" "pieces" "words" "wall s" "words/s" "peak MB" "nodes" "edges"
for mb in $SIZES; do
    copies=$(( (mb * 1024 * 1024 + CORPUS_BYTES - 1) / CORPUS_BYTES ))
    big="$work/big_${mb}.txt"
    for i in $(seq "$copies"); do sed "s/[^[:space:]]\$/& [$i]/" "$work/corpus.txt"; done >"$big"
    bytes=$(wc -c <"$big")
    words=$((CORPUS_WORDS * copies))
    /usr/bin/time -f "%e %M" -o "$work/time" nice -n 10 "$BIN" extract "$big" -o "$work/big.json" 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    read -r wall rss_kb <"$work/time"
    read -r nodes edges < <(python3 -c "import json,sys; g=json.load(open(sys.argv[1])); print(len(g['nodes']), len(g['edges']))" "$work/big.json")
    pieces=$(( (bytes + 1048575) / 1048576 ))
    printf '%8.1f %8s %11d %9.1f %10.0f %9d %9d %7d\n' "$(echo "$bytes / 1048576" | bc -l)" "~$pieces" "$words" "$wall" \
        "$(echo "$words / $wall" | bc -l)" $((rss_kb / 1024)) "$nodes" "$edges"
    rm -f "$big" "$work/big.json"
done
