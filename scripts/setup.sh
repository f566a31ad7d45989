#!/usr/bin/env bash
# One command from a fresh clone: install system packages, build, and render the
# sample article's relationship graph to output/ (JSON, DOT, SVG, PNG).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cargo build --release
bin=target/release/relgraph
sample=data/samples/seed_legend_west.txt
mkdir -p output
"$bin" extract "$sample" -o output/seed_legend_west.json
"$bin" export output/seed_legend_west.json -o output/seed_legend_west.dot
"$bin" export output/seed_legend_west.json -o output/seed_legend_west.svg
"$bin" export output/seed_legend_west.json -o output/seed_legend_west.png
"$bin" export output/seed_legend_west.json -o output/seed_legend_west.html
echo "wrote output/seed_legend_west.{json,dot,svg,png,html} (open the .html in a browser: interactive viewer)"
"$bin" query output/seed_legend_west.json neighbors "John Legend"
