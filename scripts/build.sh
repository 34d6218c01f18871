#!/usr/bin/env bash
# Configures (once) and builds everything into build/, two jobs at a time, through ccache.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f build/build.ninja ] || cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
ninja -C build -j "${PINBRIDGE_BUILD_JOBS:-2}" "$@"
