#!/usr/bin/env bash
# Installs what is missing, builds, and runs Pinbridge on its embedded default (SQLite in ./data)
# with a demo account, next to pinpoint-sim (a local Pinpoint with a demo company) so the two can
# be used together with no internet. It prints the dashboard URL, the demo sign-in and the
# simulator's API key; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh pinbridge pinpoint-sim >/dev/null

sim_port=${PINPOINT_SIM_PORT:-8081}
mkdir -p data
build/src/sim/pinpoint-sim --demo --seed 1 --port "$sim_port" 2>data/pinpoint-sim.log &
sim_pid=$!
trap 'kill "$sim_pid" 2>/dev/null || true' EXIT
sleep 0.5
echo "Pinpoint simulator log: data/pinpoint-sim.log"
# Plain-text logs for a person at a terminal; production keeps the default, JSON lines. Pinpoint
# calls go to the simulator instead of https://<subdomain>.pinpointhq.com, and the plugin's result
# callbacks may reach it on loopback (a private address, refused by default).
PINBRIDGE_LOG_FORMAT=${PINBRIDGE_LOG_FORMAT:-text} \
  PINBRIDGE_PINPOINT_BASE_URL_OVERRIDE=${PINBRIDGE_PINPOINT_BASE_URL_OVERRIDE:-http://127.0.0.1:$sim_port} \
  PINBRIDGE_WEBHOOKS_ALLOW_PRIVATE_TARGETS=${PINBRIDGE_WEBHOOKS_ALLOW_PRIVATE_TARGETS:-true} \
  build/src/app/pinbridge serve --demo "$@"
