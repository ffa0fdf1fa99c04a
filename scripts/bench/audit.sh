#!/usr/bin/env bash
# Audit benchmark: `tia audit` (text, and the HTML report) on the generated 300-TU project
# (scripts/gen_project.py) with a current index and recorded durations. Prints the median
# of 5 runs of each, with the incremental index check and with --no-index.
#   scripts/bench/audit.sh            (work dir: $TIA_BENCH_DIR/audit or /tmp/tia-bench/audit)
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
"$here/scripts/setup.sh" "$here/build" >/dev/null
tia="$here/build/tia"
work=${TIA_BENCH_DIR:-/tmp/tia-bench}/audit
if [ ! -f "$work/ready" ]; then
  rm -rf "$work"
  mkdir -p "$work"
  python3 "$here/scripts/gen_project.py" "$work/src" >/dev/null
  git init -q "$work/src"
  cmake -S "$work/src" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Debug >/dev/null
  cmake --build "$work/build" -j2 >/dev/null
  "$tia" index -p "$work/build" >/dev/null
  "$tia" run -p "$work/build" --all -j2 >/dev/null
  touch "$work/ready"
fi
"$tia" index -p "$work/build" >/dev/null
median() {  # median wall time in seconds of 5 runs of "$@"
  python3 - "$@" <<'PY'
import statistics, subprocess, sys, time
times = []
for _ in range(5):
    t = time.perf_counter()
    subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times.append(time.perf_counter() - t)
print(f"{statistics.median(times):.3f}")
PY
}
echo "project: $(python3 -c "import json;print(len(json.load(open('$work/build/compile_commands.json'))))") TUs"
printf 'tia audit (index check included)     %.3f s\n' "$(median "$tia" audit -p "$work/build")"
printf 'tia audit --no-index                 %.3f s\n' "$(median "$tia" audit -p "$work/build" --no-index)"
printf 'tia audit --format html              %.3f s\n' \
  "$(median "$tia" audit -p "$work/build" --format html -o "$work/report.html")"
for s in cycles hubs test-leaks coverage unused-includes; do
  printf 'tia audit %-26s %.3f s\n' "$s --no-index" "$(median "$tia" audit "$s" -p "$work/build" --no-index)"
done
printf 'tia rdeps core/core.h --tests      %.3f s\n' \
  "$(median "$tia" rdeps core/core.h --tests -p "$work/build" --no-index)"
