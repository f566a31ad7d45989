#!/usr/bin/env bash
# End-to-end check of the Spark scale-out path, in local mode:
#   1. creates a venv with pyspark from PyPI if missing (target/spark-venv, or $SPARK_VENV);
#   2. turns ../shared/corpus/**/*.txt into JSON Lines;
#   3. runs scripts/spark_extract.py (RDD.pipe through `relgraph extract --jsonl`);
#   4. builds a store from the fragments and prints its stats, next to a store
#      built directly from the same JSON Lines for comparison.
# Needs Java 17+ (PySpark 4) and python3 with venv.
#
#   scripts/spark_check.sh            NO_BUILD=1 skips cargo build
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
BIN=${BIN:-target/release/relgraph}
VENV=${SPARK_VENV:-target/spark-venv}
command -v java >/dev/null || { echo "spark_check: needs Java 17+ (apt-get install openjdk-17-jre-headless)" >&2; exit 1; }
if ! "$VENV/bin/python" -c 'import pyspark' 2>/dev/null; then
  echo "spark_check: creating $VENV with pyspark (PyPI)" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet pyspark
fi
[ -n "${NO_BUILD:-}" ] || cargo build --release --quiet
out=target/spark_check
rm -rf "$out" && mkdir -p "$out"
python3 - "$SHARED" > "$out/docs.jsonl" <<'PY'
import glob, json, os, sys
for p in sorted(glob.glob(os.path.join(sys.argv[1], "corpus", "**", "*.txt"), recursive=True)):
    with open(p, encoding="utf-8", errors="replace") as f:
        print(json.dumps({"id": os.path.splitext(os.path.basename(p))[0], "text": f.read(), "url": p}))
PY
echo "== $(wc -l < "$out/docs.jsonl") documents -> Spark (local[2]) -> fragments"
export PYSPARK_PYTHON="$VENV/bin/python"
"$VENV/bin/python" scripts/spark_extract.py "$out/docs.jsonl" "$out/fragments" --master 'local[2]' --binary "$BIN" 2> "$out/spark.log" \
  || { tail -30 "$out/spark.log" >&2; exit 1; }
cat "$out"/fragments/part-* > "$out/fragments.jsonl"
echo "== $(wc -l < "$out/fragments.jsonl") fragments -> store"
"$BIN" build --from-fragments "$out/fragments.jsonl" --db "$out/graph.db"
"$BIN" stats --db "$out/graph.db"
echo "== for comparison: the same JSON Lines built directly"
"$BIN" build "$out/docs.jsonl" --db "$out/direct.db" 2>&1 | tail -2
