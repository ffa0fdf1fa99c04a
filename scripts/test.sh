#!/usr/bin/env bash
# Sets up (scripts/setup.sh), builds tia and its tests, and runs the whole test suite
# with ctest.   scripts/test.sh [BUILD_DIR]   (default: build)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
"$here/scripts/setup.sh" "$build"
cd "$build"
ctest --output-on-failure -j "$(nproc)" --timeout 600
