#!/usr/bin/env bash
# Configures (once) and builds everything into build/, two jobs at a time, through ccache.
set -euo pipefail
cd "$(dirname "$0")/.."
# Let ccache share results between clones in different folders (CI builds a fresh clone): paths
# under the repo are hashed relative to it. Debug info may then name another clone's folder.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
[ -f build/build.ninja ] || cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
ninja -C build -j "${PINBRIDGE_BUILD_JOBS:-2}" "$@"
