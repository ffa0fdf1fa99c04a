#!/usr/bin/env bash
# Sets up (scripts/setup.sh), builds tia and its tests, and runs the whole test suite
# with ctest.
#   scripts/test.sh [BUILD_DIR]                 (default: build)
#   scripts/test.sh --sanitize [BUILD_DIR]      (default: build-sanitize)
# --sanitize builds tia and its tests with clang's AddressSanitizer and
# UndefinedBehaviorSanitizer (-DTIA_SANITIZE=ON; Debug at -O1: assertions stay on) in their
# own build directory and runs the same suite. Every sanitizer report, also from a tia
# process a test started, goes to a log file; the run fails when any report was written,
# whatever the tests said. Leaks inside libgit2 are suppressed (tests/sanitize/lsan.supp).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
sanitize=0
if [ "${1:-}" = "--sanitize" ]; then
  sanitize=1
  shift
fi
if [ $sanitize -eq 0 ]; then
  build=${1:-$here/build}
  "$here/scripts/setup.sh" "$build"
  cd "$build"
  exec ctest --output-on-failure -j "$(nproc)" --timeout 600
fi

build=${1:-$here/build-sanitize}
# clang: its sanitizer runtime writes UndefinedBehaviorSanitizer reports to log_path too
# (GCC 12's libubsan next to libasan prints them on stderr only, where a test that runs tia
# may never show them).
CC=clang CXX=clang++ TIA_CMAKE_ARGS="-DTIA_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug ${TIA_CMAKE_ARGS:-}" \
  "$here/scripts/setup.sh" "$build"
logs=$build/sanitizer-logs
rm -rf "$logs"
mkdir -p "$logs"
# halt_on_error / -fno-sanitize-recover: the first report ends the process; log_path: the
# report is kept even when a test only looks at the exit status.
export ASAN_OPTIONS="log_path=$logs/asan:detect_leaks=1:strict_string_checks=1:check_initialization_order=1:detect_stack_use_after_return=1"
export LSAN_OPTIONS="suppressions=$here/tests/sanitize/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="log_path=$logs/ubsan:print_stacktrace=1:halt_on_error=1"
cd "$build"
status=0
ctest --output-on-failure -j "$(nproc)" --timeout 900 || status=$?
if compgen -G "$logs/*" >/dev/null; then
  echo "sanitize: reports in $logs:"
  for f in "$logs"/*; do
    echo "=== $f"
    cat "$f"
  done
  status=1
fi
exit $status
