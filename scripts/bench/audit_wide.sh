#!/usr/bin/env bash
# Scale check of the audit and its HTML report: a generated project of 5,000 headers
# (scripts/bench/gen_wide_project.py), indexed; times `tia audit` and the HTML report, and
# how long headless Chromium takes to load and run the report, with the size of the page
# and of its DOM.
#   scripts/bench/audit_wide.sh     (work dir: $TIA_BENCH_DIR/wide or /tmp/tia-bench/wide)
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
"$here/scripts/setup.sh" "$here/build" >/dev/null
tia="$here/build/tia"
work=${TIA_BENCH_DIR:-/tmp/tia-bench}/wide
if [ ! -f "$work/ready" ]; then
  rm -rf "$work"
  mkdir -p "$work"
  python3 "$here/scripts/bench/gen_wide_project.py" "$work/src"
  git init -q "$work/src"
  cmake -S "$work/src" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Debug >/dev/null
  cmake --build "$work/build" -j2 >/dev/null
  "$tia" index -p "$work/build" >/dev/null
  touch "$work/ready"
fi
"$tia" index -p "$work/build" >/dev/null
python3 - "$tia" "$work" <<'PY'
import os, re, shutil, statistics, subprocess, sys, tempfile, time
tia, work = sys.argv[1], sys.argv[2]
def median(args):
    ts = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        ts.append(time.perf_counter() - t)
    return statistics.median(ts)
build = os.path.join(work, "build")
report = os.path.join(work, "report.html")
print(f"tia audit --no-index                  {median([tia, 'audit', '-p', build, '--no-index']):.2f} s")
print(f"tia audit --no-index --format html    {median([tia, 'audit', '-p', build, '--no-index', '--format', 'html', '-o', report]):.2f} s")
print(f"report size                           {os.path.getsize(report) / 1e6:.2f} MB")
profile = tempfile.mkdtemp()
chrome = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile]
t = time.perf_counter()
dom = subprocess.run(chrome + ["--dump-dom", "file://" + report], capture_output=True, text=True).stdout
print(f"chromium load + script + DOM dump     {time.perf_counter() - t:.2f} s")
blank = os.path.join(work, "blank.html")
open(blank, "w").write("<!DOCTYPE html><html><body>x</body></html>")
t = time.perf_counter()
subprocess.run(chrome + ["--dump-dom", "file://" + blank], capture_output=True)
print(f"chromium on an empty page             {time.perf_counter() - t:.2f} s")
rows = dom.count('class="row"')
ready = 'data-ready="1"' in dom
errors = '<div id="script-errors"></div>' not in dom
print(f"DOM after the script                  {len(dom) / 1e6:.2f} MB, {rows} table rows rendered, "
      f"ready={ready}, script errors={errors}")
shutil.rmtree(profile, ignore_errors=True)
PY
"$tia" audit -p "$work/build" --no-index | grep -E '^== |Editing'
