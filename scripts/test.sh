#!/usr/bin/env bash
# The test command: installs what the tests need, then runs every unit and
# end-to-end test (release mode: the syntax model tests parse whole treebanks).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cargo test --release
