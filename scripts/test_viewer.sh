#!/usr/bin/env bash
# Browser test of the HTML viewer: exports GRAPH.json to HTML, loads it in
# headless Chromium, and checks that the page's script drew every node (it
# writes the count into <div id="status" data-nodes="N">); loads it again
# with controls preset in the URL fragment (one entity kind unchecked, a
# search for an alias, a node selected; then unconnected entities hidden) and
# checks the counts and the side panel; then takes a screenshot.
#
#   scripts/test_viewer.sh [RELGRAPH_BIN] [GRAPH.json] [SCREENSHOT.png]
#
# Defaults: target/release/relgraph, the sample article's graph (extracted to
# a temporary directory), output/viewer.png. Exits 1 with a message when
# Chromium is missing (install it with scripts/deps.sh) or the check fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-target/release/relgraph}"
graph="${2:-}"
shot="${3:-output/viewer.png}"

chrome=""
for c in chromium chromium-browser google-chrome; do
  if command -v "$c" >/dev/null 2>&1; then chrome="$c"; break; fi
done
if [ -z "$chrome" ]; then
  echo "test_viewer: FAIL: no chromium on PATH; install it with scripts/deps.sh (apt-get install chromium)" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -z "$graph" ]; then
  graph="$work/seed.json"
  "$bin" extract data/samples/seed_legend_west.txt -o "$graph" 2>/dev/null
fi
expected="$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["nodes"]))' "$graph")"
html="$work/viewer.html"
"$bin" export "$graph" --format html -o "$html" 2>/dev/null

flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --virtual-time-budget=5000)
dom="$(timeout 120 "$chrome" "${flags[@]}" --user-data-dir="$work/profile-dom" \
        --dump-dom "file://$html" 2>"$work/chromium.log")" || {
  echo "test_viewer: FAIL: chromium --dump-dom failed:" >&2; tail -20 "$work/chromium.log" >&2; exit 1; }
status="$(printf '%s' "$dom" | grep -o '<div id="status"[^>]*>' || true)"
nodes="$(printf '%s' "$status" | sed -n 's/.*data-nodes="\([0-9]*\)".*/\1/p')"
if [ -z "$nodes" ]; then
  echo "test_viewer: FAIL: the page did not report its nodes (status element: '${status:-missing}')" >&2
  exit 1
fi
if [ "$nodes" -le 0 ] || [ "$nodes" != "$expected" ]; then
  echo "test_viewer: FAIL: the page drew $nodes nodes, the graph has $expected" >&2
  exit 1
fi

# Filters and search: uncheck the first entity kind, search for an alias.
read -r hide visible query matches select label < <(python3 - "$graph" <<'PY'
import html, json, sys, urllib.parse
nodes = json.load(open(sys.argv[1]))["nodes"]
hide = sorted({n["kind"] for n in nodes})[0]
visible = sum(1 for n in nodes if n["kind"] != hide)
q = next((a for n in nodes for a in n.get("aliases", []) if a != n["label"]), nodes[0]["label"])
ql = q.lower()
matches = sum(1 for n in nodes if ql in n["label"].lower() or any(ql in a.lower() for a in n.get("aliases", [])))
hub = max(nodes, key=lambda n: len(n.get("aliases", [])))
print(hide, visible, urllib.parse.quote(q), matches, urllib.parse.quote(hub["id"]), html.escape(hub["label"], quote=False))
PY
)
dom2="$(timeout 120 "$chrome" "${flags[@]}" --user-data-dir="$work/profile-dom2" \
        --dump-dom "file://$html#hide=$hide&q=$query&select=$select" 2>>"$work/chromium.log")" || {
  echo "test_viewer: FAIL: chromium --dump-dom (with filters) failed:" >&2; tail -20 "$work/chromium.log" >&2; exit 1; }
status2="$(printf '%s' "$dom2" | grep -o '<div id="status"[^>]*>' || true)"
nodes2="$(printf '%s' "$status2" | sed -n 's/.*data-nodes="\([0-9]*\)".*/\1/p')"
matches2="$(printf '%s' "$status2" | sed -n 's/.*data-matches="\([0-9]*\)".*/\1/p')"
if [ "$nodes2" != "$visible" ] || [ "$matches2" != "$matches" ]; then
  echo "test_viewer: FAIL: with '$hide' hidden and a search for '$query' the page shows $nodes2 nodes" \
       "and $matches2 matches; expected $visible and $matches (status element: '${status2:-missing}')" >&2
  exit 1
fi
# Hiding unconnected entities leaves those with a relation (negated ones stay hidden).
connected="$(python3 -c '
import json, sys
g = json.load(open(sys.argv[1]))
print(len({x for e in g["edges"] if not e.get("negated") for x in (e["source"], e["target"])}))' "$graph")"
dom3="$(timeout 120 "$chrome" "${flags[@]}" --user-data-dir="$work/profile-dom3" \
        --dump-dom "file://$html#unconnected=0" 2>>"$work/chromium.log")" || {
  echo "test_viewer: FAIL: chromium --dump-dom (hide unconnected) failed:" >&2; tail -20 "$work/chromium.log" >&2; exit 1; }
nodes3="$(grep -o '<div id="status"[^>]*>' <<<"$dom3" | sed -n 's/.*data-nodes="\([0-9]*\)".*/\1/p')"
if [ "$nodes3" != "$connected" ]; then
  echo "test_viewer: FAIL: with unconnected entities hidden the page shows '$nodes3' nodes, expected $connected" >&2
  exit 1
fi

if ! grep -qF "<aside id=\"panel\"><h2>$label</h2>" <<<"$dom2"; then
  echo "test_viewer: FAIL: selecting '$select' did not show '$label' in the side panel" >&2
  grep -o '<aside id="panel">.\{0,300\}' <<<"$dom2" >&2 || true
  exit 1
fi

mkdir -p "$(dirname "$shot")"
timeout 120 "$chrome" "${flags[@]}" --user-data-dir="$work/profile-shot" --hide-scrollbars \
  --window-size=1280,900 --screenshot="$shot" "file://$html" 2>>"$work/chromium.log" || {
  echo "test_viewer: FAIL: chromium --screenshot failed:" >&2; tail -20 "$work/chromium.log" >&2; exit 1; }
if [ ! -s "$shot" ]; then
  echo "test_viewer: FAIL: no screenshot at $shot" >&2
  exit 1
fi
echo "test_viewer: ok: $nodes of $expected nodes drawn; $status; with '$hide' hidden: $nodes2 nodes," \
     "search '$query': $matches2 matches; connected only: $nodes3; screenshot $shot"
