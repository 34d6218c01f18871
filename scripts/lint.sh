#!/usr/bin/env bash
# Mechanical checks: clang-format on every C++ file, and clang-tidy (.clang-tidy) on the sources
# under src/ using build/compile_commands.json. Exits non-zero on any finding.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp')
clang-format --dry-run --Werror "${files[@]}"
echo "lint: clang-format clean (${#files[@]} files)"
if [ "${1:-}" != "--format-only" ]; then
  mapfile -t sources < <(git ls-files 'src/*.cpp')
  printf '%s\n' "${sources[@]}" | xargs -P 2 -n 4 clang-tidy -p build --quiet 2>/dev/null
  echo "lint: clang-tidy clean (${#sources[@]} files)"
fi
