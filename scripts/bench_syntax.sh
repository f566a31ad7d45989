#!/usr/bin/env bash
# Benchmarks tokenize+tag+parse over the evaluation corpus: tokens/s on one
# thread and on all cores, model load time, peak RSS and model sizes; with
# /tmp/peer-venv present, also the spaCy baseline's words/s on the same files.
# Run from the crate root: scripts/bench_syntax.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
BIN=target/release/relgraph
FILES=(../shared/corpus/*.txt ../shared/corpus/gum/*.txt)
if [ ! -x /usr/bin/time ]; then
    echo "installing GNU time for peak RSS" >&2
    apt-get install -y time >/dev/null 2>&1 || echo "could not install 'time'; RSS will be missing" >&2
fi
echo "files: ${#FILES[@]}"
echo "model sizes:"
ls -l data/models/*.bin | awk '{printf "  %-26s %6.2f MB\n", $9, $5/1e6}'
best1=0
for run in 1 2 3; do
    out=$($BIN parse --bench --threads 1 "${FILES[@]}" 2>&1)
    tps=$(echo "$out" | sed -E 's/.* = ([0-9]+) tokens\/s.*/\1/')
    [ "$tps" -gt "$best1" ] && best1=$tps && line1=$out
done
echo "1 thread (best of 3):  $line1"
ncores=$(nproc)
outn=$($BIN parse --bench --threads "$ncores" "${FILES[@]}" 2>&1)
echo "$ncores threads:            $outn"
# model load alone: parse an empty file
empty=$(mktemp)
loadline=$($BIN parse --bench --threads 1 "$empty" 2>&1)
rm -f "$empty"
echo "model load: $(echo "$loadline" | sed -E 's/.*\((.*)\)/\1/')"
if [ -x /usr/bin/time ]; then
    rss=$(/usr/bin/time -v $BIN parse --bench --threads 1 "${FILES[@]}" 2>&1 | awk -F': ' '/Maximum resident/{print $2}')
    echo "peak RSS (1 thread): $((rss / 1024)) MB"
fi
words=$(echo "$line1" | sed -E 's/.*: ([0-9]+) tokens in.*/\1/')
if [ -x /tmp/peer-venv/bin/python ]; then
    peer_out=$(mktemp -d)
    start=$(date +%s.%N)
    /tmp/peer-venv/bin/python ../shared/peers/spacy_peer.py "$peer_out" "${FILES[@]}" 2>"$peer_out.log" || true
    end=$(date +%s.%N)
    echo "spaCy peer (stderr):"; sed 's/^/  /' "$peer_out.log" | tail -5
    peer_wps=$(grep -oE '[0-9][0-9,.]* words/s' "$peer_out.log" | tail -1 | grep -oE '^[0-9,.]+' | tr -d , || true)
    if [ -n "${peer_wps:-}" ]; then
        echo "speed ratio relgraph/spaCy (1 thread tokens/s over spaCy words/s): $(echo "$best1 / $peer_wps" | bc -l | cut -c1-6)"
    else
        echo "spaCy wall clock: $(echo "$end - $start" | bc) s for $words words"
    fi
    rm -rf "$peer_out" "$peer_out.log"
else
    echo "no /tmp/peer-venv: spaCy comparison skipped"
fi
