#!/usr/bin/env bash
# Installs the system packages relgraph needs when they are missing:
# Graphviz (`dot`, to render SVG/PNG), GNU time (for the benchmarks),
# `script` (bsdutils: the progress-bar test runs the binary on a pseudo-terminal),
# Chromium (headless, for the HTML viewer's browser test) and Python 3 with
# venv support. Uses apt-get (Debian/Ubuntu), with sudo when not root.
# Then creates the Python venv the export tests use to read GraphML back
# with networkx and check FtM with followthemoney (`/tmp/relgraph-test-venv`,
# or $RELGRAPH_TEST_VENV).
set -euo pipefail
need=()
command -v dot >/dev/null 2>&1 || need+=(graphviz)
[ -x /usr/bin/time ] || need+=(time)
command -v script >/dev/null 2>&1 || need+=(bsdutils)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v python3 >/dev/null 2>&1 || need+=(python3 python3-venv)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null || true
  $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
# Python packages for the tests: networkx reads the GraphML export back,
# followthemoney validates the FtM export.
venv="${RELGRAPH_TEST_VENV:-/tmp/relgraph-test-venv}"
if ! "$venv/bin/python" -c 'import networkx, followthemoney' >/dev/null 2>&1; then
  echo "creating $venv with networkx and followthemoney" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q networkx followthemoney
fi
