#!/usr/bin/env bash
# Evaluation of tia on a real project (see realworld.py and docs/realworld.md): index
# failures and cold index time against clang -fsyntax-only, then case-level selection
# safety on seeded trap mutants. Prints one Markdown table row.
#   scripts/eval/realworld.sh CHECKOUT BUILD_DIR [--mutants N] [--seed S] [--tia PATH]
#                             [--jobs J] [--timeout SEC] [--case-timeout SEC] [--log DIR]
#                             [--name NAME] [--header] [--count-failing] [--max-tus K]
#                             [--reuse-index]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
exec python3 "$here/realworld.py" "$@"
