#!/usr/bin/env bash
# Runs the CI pipeline of docs/ci.md on this machine, with the same tia commands, so the
# documented pipeline is proven: a main-branch pipeline on one "runner" and a merge-request
# pipeline on another, at a different absolute path, the index carried between them the way
# a CI cache carries it (copied, keyed by commit).
#
#   scripts/ci-simulate.sh [WORK_DIR]     (default: a new temporary directory)
#
# Environment: TIA (default build/tia), PARTS (index and test matrix width, default 2).
# The project is testdata/sample, made into an "origin" repository with a main branch and
# a merge request branch that changes one function. Exits non-zero when any step fails or
# the merge request pipeline runs other tests than `tia select` names.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
tia=${TIA:-$here/build/tia}
tia=$(cd "$(dirname "$tia")" && pwd)/$(basename "$tia")
parts=${PARTS:-2}
work=${1:-$(mktemp -d)}
mkdir -p "$work"
work=$(cd "$work" && pwd)
git_() { git -c user.name=ci -c user.email=ci@example.com -c init.defaultBranch=main "$@"; }
step() { echo "== $*"; }

# --- origin: main with two commits, a merge request branch with one changed function ---
origin=$work/origin.git
rm -rf "$work/seed" "$origin" "$work/runner-a" "$work/runner-b" "$work/cache"
cp -r "$here/testdata/sample" "$work/seed"
(cd "$work/seed" && git_ init -q && git_ add -A && git_ commit -qm "main: sample project")
git_ clone -q --bare "$work/seed" "$origin"
(cd "$work/seed" && git_ checkout -q -b feature &&
  sed -i 's/return a \* b;/return b * a;/' geometry/src/ops.cc &&
  git_ commit -qam "feature: multiply the other way round" && git_ push -q "$origin" feature)
mkdir -p "$work/cache"

# The steps of one pipeline, run in CHECKOUT (a fresh clone). KIND is main or mr.
pipeline() {
  local checkout=$1 kind=$2
  cd "$checkout"
  local sha base
  sha=$(git rev-parse HEAD)
  step "$kind pipeline at $checkout ($sha)"

  # configure: compile_commands.json and CTest's test list, nothing built yet
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null

  # restore the index saved by main's last pipeline (cache key: tia-index-<commit>, falling
  # back to the newest tia-index-* entry)
  base=$(git merge-base origin/main HEAD)
  if [ -f "$work/cache/tia-index-$base/tia.db" ]; then
    cp "$work/cache/tia-index-$base/tia.db" build/tia.db
    echo "restored the index of $base"
  else
    echo "no index in the cache: indexing cold"
  fi

  # index: a matrix of $parts jobs, each starting from the restored index
  # (tia's files stay in the build directory: an untracked file in the checkout is a change
  # tia cannot analyse, which selects every test)
  local k
  for k in $(seq 1 "$parts"); do
    rm -f "build/index-$k.db"
    [ -f build/tia.db ] && cp build/tia.db "build/index-$k.db"
    "$tia" index -p build --db "build/index-$k.db" --shard "$k/$parts"
  done
  # merge job
  rm -f build/tia.db
  "$tia" merge build/tia.db build/index-*.db

  # test: a matrix of $parts jobs balanced by recorded durations
  for k in $(seq 1 "$parts"); do
    cp build/tia.db "build/test-$k.db"
    if [ "$kind" = main ]; then
      "$tia" run -p build --db "build/test-$k.db" --all --build --shard "$k/$parts" \
        --junit "build/junit-$k.xml"
    else
      "$tia" run -p build --db "build/test-$k.db" --base "$base" --build --shard "$k/$parts" \
        --junit "build/junit-$k.xml"
    fi
  done

  # save the index (with the recorded durations) for later pipelines: main only
  if [ "$kind" = main ]; then
    mkdir -p "$work/cache/tia-index-$sha"
    "$tia" merge "$work/cache/tia-index-$sha/tia.db" build/tia.db build/test-*.db
    "$tia" gc --db "$work/cache/tia-index-$sha/tia.db" --keep 20
  fi
}

# --- runner A: the main branch pipeline ---
git_ clone -q "$origin" "$work/runner-a/builds/project"
(pipeline "$work/runner-a/builds/project" main)

# --- runner B: the merge request pipeline, another machine, another path ---
git_ clone -q "$origin" "$work/runner-b/w/1/s"
(cd "$work/runner-b/w/1/s" && git_ checkout -q feature)
(pipeline "$work/runner-b/w/1/s" mr)

# --- check: the merge request ran exactly what tia selects, nothing else ---
cd "$work/runner-b/w/1/s"
want=$("$tia" select -p build --base "$(git merge-base origin/main HEAD)" --format names | sort)
ran=$(cat build/junit-*.xml | grep -o '<testcase classname="[^"]*" name="[^"]*"' |
  sed 's/.*classname="\([^"]*\)" name="\([^"]*\)"/\1.\2/' | sort)
echo "selected: $(echo $want)"
echo "ran: $(echo $ran)"
if [ "$want" != "$ran" ] || [ -z "$ran" ]; then
  echo "ci-simulate: the merge request pipeline ran other tests than tia selects" >&2
  exit 1
fi
echo "ci-simulate: ok"
