#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for SECONDS:
# the constraint parser, then the report writers. Corpora are kept between runs.
#   scripts/fuzz.sh [SECONDS] [BUILD_DIR]     (defaults: 180, build-fuzz)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-180}
build=${2:-$here/build-fuzz}

CC=clang CXX=clang++ cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  -DTIA_FUZZ=ON -DTIA_BUILD_TESTS=OFF
cmake --build "$build" --target constraint_fuzz report_fuzz

corpus=$build/fuzz-corpus/constraint
mkdir -p "$corpus"
# Seeds: valid and invalid expressions and file headers.
printf '%s' 'linux && (gcc || clang) && !asan' >"$corpus/seed1"
printf '%s' 'a || b && c' >"$corpus/seed2"
printf '%s' '!(!x) && go1.21' >"$corpus/seed3"
printf '%s' '!!x' >"$corpus/seed4"
printf '%s' '(a || b' >"$corpus/seed5"
printf '%s' '!(a || b) && (c && d)' >"$corpus/seed7"
printf '/* c */\n// x\n// tia:build a && b\nint x;\n' >"$corpus/seed6"

cd "$build"
"$build/tests/fuzz/constraint_fuzz" -max_total_time="$seconds" -max_len=512 \
  -dict="$here/tests/fuzz/constraint.dict" \
  -print_final_stats=1 "$corpus"

corpus=$build/fuzz-corpus/report
mkdir -p "$corpus"
printf 'Math.Add\0math_test.cc:14\0a < b && "c"\001\n\377' >"$corpus/seed1"
"$build/tests/fuzz/report_fuzz" -max_total_time="$seconds" -max_len=1024 \
  -print_final_stats=1 "$corpus"
