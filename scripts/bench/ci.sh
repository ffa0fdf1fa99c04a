#!/usr/bin/env bash
# CI figures (see ci_bench.py): warm start of a relocated index after a 5-file change,
# sharded indexing and merging, on the generated project.
#   scripts/bench/ci.sh [--jobs N] [--parts N] [--libs N]   (work dir: $TIA_BENCH_DIR/ci)
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
"$here/scripts/setup.sh" "$here/build" >/dev/null
work=${TIA_BENCH_DIR:-/tmp/tia-bench}/ci
exec python3 "$here/scripts/bench/ci_bench.py" --tia "$here/build/tia" --work "$work" "$@"
