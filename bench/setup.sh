#!/usr/bin/env bash
# Installs the Node tools bench/ uses, from the lock files (node >= 18 and npm from Debian or nodejs.org):
#   bench/lighthouse     Lighthouse 12.8.2 (bench/run.py's audits; 13.x needs node 22)
#   bench/plotly_bundle  plotly.js 4.1.1 + esbuild (only to REBUILD assets/vendor/plotly-atlas.min.js,
#                        which is committed: serving the atlas needs no Node at all)
# Usage: bash bench/setup.sh [--bundle]   (--bundle also installs the bundle's build tools and rebuilds it)
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1; then
  echo "bench/setup.sh: npm not found: apt-get install nodejs npm (or install Node 20+)" >&2
  exit 1
fi
if [ ! -x lighthouse/node_modules/.bin/lighthouse ]; then
  (cd lighthouse && npm ci --no-audit --no-fund --loglevel=error)
fi
if [ "${1:-}" = "--bundle" ]; then
  (cd plotly_bundle && npm ci --no-audit --no-fund --loglevel=error && node build.mjs)
fi
echo "bench/setup.sh: ok"
