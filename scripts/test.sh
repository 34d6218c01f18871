#!/usr/bin/env bash
# Installs what is missing, builds, checks formatting and lint, starts a private PostgreSQL, and
# runs every suite through CTest: unit, storage conformance (SQLite and PostgreSQL), integration
# (real processes over HTTP) and browser (Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --with-browser-tests
scripts/build.sh
scripts/lint.sh

postgres_dir=$(mktemp -d)
chmod 755 "$postgres_dir"
trap 'scripts/test-postgres.sh stop "$postgres_dir/pg"; rm -rf "$postgres_dir"' EXIT
PINBRIDGE_TEST_POSTGRES_URL=$(scripts/test-postgres.sh start "$postgres_dir/pg")
export PINBRIDGE_TEST_POSTGRES_URL PINBRIDGE_TEST_REQUIRE_POSTGRES=1

ctest --test-dir build --output-on-failure -j 2 --timeout 300
