#!/usr/bin/env bash
# Benchmark of `relgraph build` (not a test): makes a corpus of N documents
# (default 20,000) by recombining the paragraphs of ../shared/corpus texts and
# renaming people with the census name lists, writes it as JSON Lines to
# $BENCH_DIR (default /tmp/relgraph-bench), then builds a store on 1 and 2
# threads (full corpus) and on 2 threads for the first half, and prints
# documents/s, words/s, wall time and peak RSS (from /usr/bin/time -v).
#
#   scripts/bench_build.sh [N]
#   BENCH_DIR=/tmp/b NO_BUILD=1 scripts/bench_build.sh 20000
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-20000}
SHARED=${SHARED:-../shared}
BIN=${BIN:-target/release/relgraph}
DIR=${BENCH_DIR:-/tmp/relgraph-bench}
[ -n "${NO_BUILD:-}" ] || cargo build --release --quiet
mkdir -p "$DIR"
python3 - "$SHARED" "$DIR" "$N" <<'PY'
import glob, json, os, random, re, sys
shared, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
rng = random.Random(7)
paras = []
for p in sorted(glob.glob(os.path.join(shared, "corpus", "**", "*.txt"), recursive=True)):
    text = open(p, encoding="utf-8", errors="replace").read()
    paras += [q.strip() for q in re.split(r"\n\s*\n", text) if len(q.split()) >= 8]
def names(path, k):
    with open(path) as f:
        return [line.split()[0].capitalize() for _, line in zip(range(k), f) if line.strip()]
cen = os.path.join(shared, "gazetteers", "census1990")
surnames = names(os.path.join(cen, "dist.all.last"), 20000)
firsts = names(os.path.join(cen, "dist.male.first"), 1200) + names(os.path.join(cen, "dist.female.first"), 4000)
known_last, known_first = set(surnames[:3000]), set(firsts)
word = re.compile(r"\b[A-Z][a-z]+\b")
half = n // 2
with open(os.path.join(out, "corpus.jsonl"), "w") as full, open(os.path.join(out, "half.jsonl"), "w") as hf:
    for i in range(n):
        body = "\n\n".join(rng.choice(paras) for _ in range(rng.randint(3, 8)))
        if rng.random() < 0.7:  # rename people, consistently within the document
            mapping = {}
            def swap(m):
                w = m.group(0)
                if w not in mapping:
                    if w in known_last:
                        mapping[w] = rng.choice(surnames)
                    elif w in known_first:
                        mapping[w] = rng.choice(firsts)
                    else:
                        mapping[w] = w
                return mapping[w]
            body = word.sub(swap, body)
        rec = json.dumps({"id": f"bench{i:06d}", "text": body, "date": f"20{10 + i % 15}-0{1 + i % 9}-01"})
        full.write(rec + "\n")
        if i < half:
            hf.write(rec + "\n")
PY
words=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['text'].split()) for l in open(sys.argv[1])))" "$DIR/corpus.jsonl")
echo "corpus: $N documents, $words words, $(du -h "$DIR/corpus.jsonl" | cut -f1) in $DIR/corpus.jsonl"
run() { # label threads input
  local label=$1 threads=$2 input=$3 db="$DIR/bench-$1.db"
  rm -f "$db" "$db-wal" "$db-shm"
  /usr/bin/time -v "$BIN" build "$input" --db "$db" --threads "$threads" 2> "$DIR/$label.log" || true
  local wall rss docs wps cpu
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.1f", s}' "$DIR/$label.log")
  wall=$(grep -oP 'Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): \K.*' "$DIR/$label.log")
  rss=$(grep -oP 'Maximum resident set size \(kbytes\): \K[0-9]+' "$DIR/$label.log")
  wps=$(grep -oP '[0-9]+(?= words/s)' "$DIR/$label.log" | tail -1)
  docs=$(grep -oP '[0-9.]+(?= documents/s)' "$DIR/$label.log" | tail -1)
  printf '%-8s threads=%s  wall=%-8s cpu=%6ss  %8s docs/s  %9s words/s  peak RSS %s MB\n' \
    "$label" "$threads" "$wall" "$cpu" "$docs" "$wps" "$((rss / 1024))"
  grep -E '^store ' "$DIR/$label.log" | sed 's/^/             /'
}
run full-1t 1 "$DIR/corpus.jsonl"
run full-2t 2 "$DIR/corpus.jsonl"
run half-2t 2 "$DIR/half.jsonl"
echo "linearity: compare half-2t with full-2t (wall and cpu); docs/s and words/s are wall-clock rates"
echo "(on a shared machine, cpu= is the steadier figure: user + system seconds of the build)"
