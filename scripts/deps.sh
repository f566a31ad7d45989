#!/usr/bin/env bash
# Installs the system packages relgraph needs when they are missing:
# Graphviz (`dot`, to render SVG/PNG) and GNU time (for the benchmarks).
# Uses apt-get (Debian/Ubuntu), with sudo when not root.
set -euo pipefail
need=()
command -v dot >/dev/null 2>&1 || need+=(graphviz)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null || true
  $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
