#!/usr/bin/env bash
# Installs every Debian package that building, running and testing Pinbridge needs, plus the
# npm packages of the browser tests. Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

build_packages=(
  cmake ninja-build g++ ccache pkg-config git
  libboost-dev libcurl4-openssl-dev nlohmann-json3-dev libsqlite3-dev libpq-dev libsodium-dev
  libspdlog-dev libfmt-dev libcli11-dev libtomlplusplus-dev prometheus-cpp-dev
  libgtest-dev libgmock-dev libbenchmark-dev clang-format clang-tidy
)
test_packages=(postgresql chromium nodejs npm curl python3 python3-aiosmtpd openssl wrk)

missing=()
for pkg in "${build_packages[@]}" "${test_packages[@]}"; do
  # A package counts as present when dpkg says "install ok installed"; npm and nodejs may come
  # from another repository on some images, so a working command is enough for those.
  case "$pkg" in
    nodejs) command -v node >/dev/null && continue ;;
    npm) command -v npm >/dev/null && continue ;;
  esac
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ "${1:-}" = "--with-browser-tests" ] && [ ! -d tests/browser/node_modules/playwright-core ]; then
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
fi
