#!/usr/bin/env bash
# Installs what tia needs from Debian's packages (non-interactive, idempotent: only
# missing packages are installed), then configures with Ninja in Release and builds tia.
#   scripts/setup.sh [BUILD_DIR]      (default: build)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}

packages=(
  build-essential cmake ninja-build pkg-config git python3
  clang libclang-dev          # libclang C API + clang for reference timings and fuzzing
  libgit2-dev libsqlite3-dev libcli11-dev libtbb-dev
  libre2-dev                  # RE2: the regular expressions of tia run --run/--skip
  sqlite3                     # the sqlite3 shell: tests copy and inspect databases
  libsimdjson-dev nlohmann-json3-dev libxxhash-dev libpugixml-dev libtomlplusplus-dev
  libgtest-dev libgmock-dev googletest
  catch2 doctest-dev          # Catch2 v2 and doctest test programs in the runner tests
  time                        # /usr/bin/time for peak-memory figures in benchmarks
  graphviz libgraphviz-dev    # Graphviz's layout library for the graphs of the audit report
  iwyu                        # include-what-you-use, compared with tia audit unused-includes
  chromium                    # headless browser that checks the HTML audit report in tests
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release ${TIA_CMAKE_ARGS:-}
cmake --build "$build"
