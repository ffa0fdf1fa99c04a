#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (every tia library they link instrumented, ASan +
# UBSan) and runs each for SECONDS, starting from its committed corpus
# (tests/fuzz/corpus/<target>/) plus what earlier runs found (BUILD_DIR/fuzz-corpus/<target>/).
# Prints one summary line per target; exits 1 when any target found a failure.
#   scripts/fuzz.sh [SECONDS] [BUILD_DIR] [TARGET...]     (defaults: 180, build-fuzz, all)
# A failing input is saved as BUILD_DIR/fuzz-artifacts/<target>-crash-<sha1> (or -timeout-,
# -oom-, -leak-); replay it with BUILD_DIR/tests/fuzz/<target> FILE.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-180}
build=${2:-$here/build-fuzz}
shift $(($# < 2 ? $# : 2))
all=(constraint_fuzz report_fuzz select_json_fuzz compile_db_fuzz ctest_fuzz file_api_fuzz
     project_config_fuzz gtest_fuzz case_report_fuzz)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")

# Longest input per target (bytes) and its token dictionary, if any.
declare -A max_len=([constraint_fuzz]=512 [report_fuzz]=1024 [select_json_fuzz]=1024
  [compile_db_fuzz]=4096 [ctest_fuzz]=4096 [file_api_fuzz]=16384 [project_config_fuzz]=2048
  [gtest_fuzz]=8192 [case_report_fuzz]=4096)
declare -A dict=([constraint_fuzz]=constraint.dict [compile_db_fuzz]=json.dict
  [ctest_fuzz]=json.dict [file_api_fuzz]=json.dict [gtest_fuzz]=json.dict
  [project_config_fuzz]=toml.dict [case_report_fuzz]=xml.dict)

# Debug keeps assertions (nlohmann's included); -O1 as libFuzzer recommends.
CC=clang CXX=clang++ cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_C_FLAGS_DEBUG="-g -O1" -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" \
  -DTIA_FUZZ=ON -DTIA_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target "${targets[@]}"

mkdir -p "$build/fuzz-logs" "$build/fuzz-artifacts"
summary=()
failed=0
for t in "${targets[@]}"; do
  corpus=$build/fuzz-corpus/$t
  mkdir -p "$corpus"
  args=(-max_total_time="$seconds" -max_len="${max_len[$t]}" -timeout=10 -rss_limit_mb=2048
        -print_final_stats=1 -artifact_prefix="$build/fuzz-artifacts/$t-")
  [ -z "${dict[$t]:-}" ] || args+=(-dict="$here/tests/fuzz/${dict[$t]}")
  log=$build/fuzz-logs/$t.log
  echo "fuzz: $t for ${seconds}s (log: $log)"
  status=ok
  (cd "$build" && "$build/tests/fuzz/$t" "${args[@]}" "$corpus" "$here/tests/fuzz/corpus/$t") \
    >"$log" 2>&1 || { status=FAILED; failed=1; }
  done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 || true)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(echo "$done_line" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
  ft=$(echo "$done_line" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
  corp=$(echo "$done_line" | sed -n 's/.* corp: \([^ ]*\).*/\1/p')
  summary+=("$t: $status, ${execs:-?} executions (${rate:-?}/s), coverage ${cov:-?} edges, ${ft:-?} features, corpus ${corp:-?}")
  [ "$status" = ok ] || tail -40 "$log"
done
printf '%s\n' "${summary[@]}"
exit $failed
