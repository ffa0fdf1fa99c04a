#!/usr/bin/env bash
# Safety evaluation of `tia select` on a testdata project (default: testdata/sample): for
# every function definition the
# index knows, insert `__builtin_trap();` as the first statement of its body, rebuild, run
# the whole CTest suite, run `tia select`, and check that the selected tests include every
# failing one. Prints one row per function, then the safety (must be 100 %), the mean
# selected fraction, and a file-level baseline (tests whose executable has an object file
# that depends on the changed file, from `ninja -t deps` and `ninja -t inputs`).
#
# usage: scripts/eval/safety.sh [--project NAME] [TIA_BINARY] [WORK_DIR]
#   NAME: a folder of testdata/ holding a CMake project with CTest tests (sample, templates)
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
project=sample
if [ "${1:-}" = "--project" ]; then
  project=${2:?--project needs a name}
  shift 2
fi
[ -f "$root/testdata/$project/CMakeLists.txt" ] ||
  { echo "safety.sh: error: testdata/$project is not a CMake project" >&2; exit 2; }
tia=$(realpath "${1:-$root/build/tia}")
work=${2:-$(mktemp -d /tmp/tia-safety.XXXXXX)}
[ -x "$tia" ] || { echo "safety.sh: error: $tia is not an executable tia binary" >&2; exit 2; }
repo=$work/$project
build=$repo/build

rm -rf "$repo"
mkdir -p "$work"
cp -r "$root/testdata/$project" "$repo"
cd "$repo"
git init -q -b main
git add -A
git -c user.name=eval -c user.email=eval@localhost commit -qm base
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build "$build" -j2 >/dev/null
"$tia" index -p "$build" >/dev/null 2>&1

# Every function defined in a project source file (current index), one row per place.
sqlite3 -separator $'\t' "$build/tia.db" "
  SELECT f.path, d.line_start, s.qualified_name, MAX(s.name = 'TestBody')
  FROM decls d JOIN symbols s ON s.id = d.symbol_id
  JOIN shards sh ON sh.id = d.shard_id JOIN files f ON f.id = sh.file_id
  WHERE d.is_definition = 1 AND s.kind IN (1, 2, 3, 4, 15, 16)
    AND d.shard_id IN (SELECT shard_id FROM tu_inputs)
    AND f.path LIKE '$repo/%' AND f.path NOT LIKE '$build/%'
  GROUP BY f.path, d.line_start ORDER BY f.path, d.line_start" >"$work/functions.tsv"

# Tests of each executable, and the objects each executable links.
ctest --test-dir "$build" --show-only=json-v1 >"$work/ctest.json"
for exe in $(python3 -c '
import json, os, sys
for t in json.load(open(sys.argv[1]))["tests"]:
    c = t.get("command") or []
    if c and c[0].startswith(sys.argv[2]): print(os.path.basename(c[0]))' "$work/ctest.json" "$build" | sort -u); do
  ninja -C "$build" -t inputs "$exe" | grep '\.o$' | sed "s|^|$exe |"
done >"$work/exe_objects.txt"
ninja -C "$build" -t deps >"$work/deps.txt"

rows=0 safe=0 skipped=0
sum_sel=0 sum_base=0
printf '%-44s %-5s %-8s %-8s %-8s %s\n' FUNCTION OK FAILING SELECTED BASELINE WHERE
while IFS=$'\t' read -r path line name _; do
  rel=${path#"$repo"/}
  # Insert the trap after the body's opening brace (the first '{' at or after the line).
  if ! python3 - "$path" "$line" <<'PY'; then
import sys
path, line = sys.argv[1], int(sys.argv[2])
text = open(path).read()
lines = text.split("\n")
start = sum(len(l) + 1 for l in lines[: line - 1])
brace = text.find("{", start)
semi = text.find(";", start)
if brace < 0 or (0 <= semi < brace):
    sys.exit(1)  # no body here (= default, a declaration on the same line)
open(path, "w").write(text[: brace + 1] + " __builtin_trap(); " + text[brace + 1 :])
PY
    skipped=$((skipped + 1))
    continue
  fi
  rm -f "$build/Testing/Temporary/LastTestsFailed.log"
  if cmake --build "$build" -j2 >"$work/build.log" 2>&1; then
    ctest --test-dir "$build" -j2 --timeout 30 >/dev/null 2>&1 || true
    failing=$( { [ -f "$build/Testing/Temporary/LastTestsFailed.log" ] &&
                 cut -d: -f2- "$build/Testing/Temporary/LastTestsFailed.log"; } | sort -u || true)
  else
    # gtest_discover_tests runs the executable after linking: a trap that fires before
    # main() (a static initializer) fails the build. Every test of that executable fails.
    crashed=$(sed -n "s|^ *Path: '\(.*\)'.*|\1|p" "$work/build.log" | xargs -r -n1 basename | sort -u)
    if [ -z "$crashed" ]; then
      printf '%-44s %-5s %s\n' "$name" skip "does not compile with a trap ($rel:$line)"
      git checkout -q -- "$rel"
      skipped=$((skipped + 1))
      continue
    fi
    failing=$(python3 -c '
import json, os, sys
crashed = set(sys.argv[2].split())
for t in json.load(open(sys.argv[1]))["tests"]:
    c = t.get("command") or []
    if c and os.path.basename(c[0]) in crashed: print(t["name"])' "$work/ctest.json" "$crashed" | sort -u)
  fi
  selected=$("$tia" select -p "$build" --format names 2>/dev/null | sort -u)
  missed=$(comm -23 <(printf '%s\n' "$failing" | sed '/^$/d') <(printf '%s\n' "$selected" | sed '/^$/d'))
  read -r nsel nbase total < <(python3 - "$work" "$path" "$selected" <<'PY'
import json, sys
work, changed, selected = sys.argv[1], sys.argv[2], [s for s in sys.argv[3].split("\n") if s]
tests = json.load(open(work + "/ctest.json"))["tests"]
deps, obj = {}, None
for l in open(work + "/deps.txt"):
    if l and not l[0].isspace() and ": #deps" in l:
        obj = l.split(":")[0]
        deps[obj] = set()
    elif l.strip() and obj:
        deps[obj].add(l.strip())
exe_hit = {}
for l in open(work + "/exe_objects.txt"):
    exe, o = l.split()
    exe_hit[exe] = exe_hit.get(exe, False) or changed in deps.get(o, ())
base = 0
for t in tests:
    c = t.get("command") or []
    if c and exe_hit.get(c[0].rsplit("/", 1)[-1]):
        base += 1
print(len(selected), base, len(tests))
PY
)
  rows=$((rows + 1))
  ok=yes
  if [ -n "$missed" ]; then ok=MISS; else safe=$((safe + 1)); fi
  sum_sel=$(python3 -c "print($sum_sel + $nsel / $total)")
  sum_base=$(python3 -c "print($sum_base + $nbase / $total)")
  printf '%-44s %-5s %-8s %-8s %-8s %s\n' "$name" "$ok" "$(printf '%s\n' "$failing" | sed '/^$/d' | wc -l)" \
    "$nsel/$total" "$nbase/$total" "$rel:$line"
  [ -z "$missed" ] || printf '    missed: %s\n' $missed
  git checkout -q -- "$rel"
done <"$work/functions.tsv"

echo
python3 - "$rows" "$safe" "$skipped" "$sum_sel" "$sum_base" <<'PY'
import sys
rows, safe, skipped = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
sel, base = float(sys.argv[4]), float(sys.argv[5])
print(f"functions: {rows} evaluated, {skipped} skipped (no body to trap)")
print(f"safety: {100.0 * safe / rows if rows else 0:.1f} % ({safe} of {rows} with selected ⊇ failing)")
print(f"mean selected fraction: {sel / rows if rows else 0:.3f} (tia)")
print(f"mean selected fraction: {base / rows if rows else 0:.3f} (file-level baseline)")
PY
[ "$safe" -eq "$rows" ]
