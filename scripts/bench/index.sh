#!/usr/bin/env bash
# Index benchmark (see index_bench.py): builds tia, then measures `tia index` against
# `clang -fsyntax-only` on a generated ~300-TU project and on /usr/src/googletest.
#   scripts/bench/index.sh [--jobs N] [--only gen|googletest]
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
"$here/scripts/setup.sh" "$here/build" >/dev/null
work=${TIA_BENCH_DIR:-/tmp/tia-bench}
exec python3 "$here/scripts/bench/index_bench.py" --tia "$here/build/tia" --work "$work" "$@"
