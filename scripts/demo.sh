#!/usr/bin/env bash
# Installs what is missing, builds, and runs Pinbridge on its embedded default (SQLite in ./data)
# with a demo account. It prints the dashboard URL and the demo sign-in; Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh pinbridge
exec build/src/app/pinbridge serve --demo "$@"
