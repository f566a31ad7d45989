#!/usr/bin/env bash
# Remakes data/pgo/relgraph.profdata, the profile that release builds of the
# relgraph crate are optimised with (scripts/rustc-pgo, .cargo/config.toml).
#
#   scripts/pgo.sh            (about 6 minutes on 2 cores; installs llvm-N with apt-get when missing)
#
# 1. builds an instrumented relgraph (-Cprofile-generate) in target/pgo-gen;
# 2. runs it on training texts that are not the benchmark corpus: the
#    documents of the UD English EWT training split (web text, one file per
#    document, from ../shared/treebanks/en_ewt/train.conllu), extracted on one
#    and on all cores, then merged, queried and exported;
# 3. merges the counts with the llvm-profdata of rustc's LLVM version.
# The profile only changes code layout and inlining, never an output. After
# large code changes, rerun it: functions that changed lose their profile.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
major=$(rustc -vV | sed -n 's/^LLVM version: \([0-9]*\).*/\1/p')
profdata=$(command -v "llvm-profdata-$major" || true)
if [ -z "$profdata" ]; then
    echo "installing llvm-$major (for llvm-profdata-$major)" >&2
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "llvm-$major" >/dev/null
    profdata=$(command -v "llvm-profdata-$major")
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "building an instrumented relgraph (target/pgo-gen)" >&2
RUSTFLAGS="-Cprofile-generate=$work/build" CARGO_TARGET_DIR=target/pgo-gen cargo build --release --quiet
BIN=target/pgo-gen/release/relgraph

# the training documents: EWT's sentences, one file per `# newdoc`
mkdir -p "$work/texts"
awk -v dir="$work/texts" '
    /^# newdoc id = / { n++; file = sprintf("%s/ewt_%04d.txt", dir, n); next }
    /^# text = / && file { sub(/^# text = /, ""); print > file; next }
    /^$/ && file { print "" > file }
' "$SHARED/treebanks/en_ewt/train.conllu"
echo "training run on $(ls "$work/texts" | wc -l) EWT documents" >&2
export LLVM_PROFILE_FILE="$work/run/%p-%m.profraw"
"$BIN" extract "$work"/texts/*.txt -o "$work/graphs1" --threads 1
"$BIN" extract "$work"/texts/*.txt -o "$work/graphs" --threads "$(nproc)"
"$BIN" merge "$work"/graphs/*.json -o "$work/merged.json"
"$BIN" query "$work/merged.json" neighbors "Bush" >/dev/null || true
"$BIN" export "$work/merged.json" -o "$work/merged.graphml"
"$BIN" export "$work/merged.json" --format dot -o "$work/merged.dot"

mkdir -p data/pgo
"$profdata" merge --sparse -o "$work/relgraph.profdata" "$work"/run/*.profraw
mv "$work/relgraph.profdata" data/pgo/relgraph.profdata
echo "$major" > data/pgo/llvm-version
ls -l data/pgo/relgraph.profdata
echo "now: cargo build --release (the profile is used from the next build on)" >&2
