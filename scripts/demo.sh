#!/usr/bin/env bash
# Sets up tia (scripts/setup.sh), then runs it on the bundled sample project
# (testdata/sample): builds the project in a scratch git repository, indexes it, shows the
# graph, makes a change and selects, explains and runs only the affected tests.
#   scripts/demo.sh [WORK_DIR]      (default: a new temporary directory)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/setup.sh" "$here/build" >/dev/null
tia=$here/build/tia
work=${1:-$(mktemp -d /tmp/tia-demo.XXXXXX)}
step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }

mkdir -p "$work"
rm -rf "$work/sample"
cp -r "$here/testdata/sample" "$work/sample"
cd "$work/sample"
printf 'build/\n' > .gitignore
git init -q -b main
git add -A
git -c user.name=demo -c user.email=demo@localhost commit -qm "sample project"
echo "demo: building the sample project in $work/sample"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build >/dev/null

step tia index -p build
"$tia" index -p build
step tia stats -p build
"$tia" stats -p build
step tia callers geometry::Shape::area -p build
"$tia" callers geometry::Shape::area -p build
step tia tests-for textproc/src/tokenizer.cc -p build
"$tia" tests-for textproc/src/tokenizer.cc -p build

step "edit: Square::area now returns side * side via a new expression"
sed -i 's/  return Squared(side_);/  return side_ * side_;/' geometry/src/shapes.cc
git --no-pager diff --stat
step tia select -p build
"$tia" select -p build
step tia why SquareTest.Area -p build
"$tia" why SquareTest.Area -p build
step tia why TokenizerTest.NumbersAndOperators -p build
"$tia" why TokenizerTest.NumbersAndOperators -p build || true
if "$tia" run --help >/dev/null 2>&1; then
  step tia run -p build --build
  "$tia" run -p build --build
fi
git checkout -q -- .
step tia rdeps geometry/include/geometry/shapes.h -p build --tests
"$tia" rdeps geometry/include/geometry/shapes.h -p build --tests
step tia audit -p build --format html -o audit.html
"$tia" audit -p build
"$tia" audit -p build --format html -o audit.html
echo
echo "demo: done; the sample project stays in $work/sample"
