#!/usr/bin/env python3
"""Selection on a real, already configured and built CMake project: cold index (peak
memory), no-op index, and `tia select --no-index` for a patch, with the graph loaded from
SQLite and from the graph snapshot, plus the fixed costs every selection pays (starting the
tia binary, `ctest --show-only=json-v1`), so the time of a selection can be split by phase.

The patch is applied with `tia select --patch`, never to the work tree: the project's
checkout and build tree are left as they are (the database is written to --db).

Usage: select_real.py --tia BUILD/tia --build PROJECT/build --db /tmp/x.db --patch FILE
                      [--cold] [--jobs 2] [--runs 5]
"""
import argparse
import os
import subprocess
import sys
import time


def timed(cmd, cwd=None):
    t0 = time.monotonic()
    r = subprocess.run(["/usr/bin/time", "-v"] + cmd, cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - t0
    if r.returncode != 0:
        sys.exit(f"bench: failed: {' '.join(cmd)}\n{r.stdout}\n{r.stderr}")
    rss, cpu = 0.0, 0.0
    for line in r.stderr.splitlines():
        if "Maximum resident set size" in line:
            rss = int(line.split(":")[1]) / 1024
        if "User time" in line or "System time" in line:
            cpu += float(line.split(":")[1])
    return wall, rss, cpu, r.stdout, r.stderr


def median(cmd, runs, cwd=None, before=None):
    times, peak, out = [], 0.0, ""
    for _ in range(runs):
        if before:
            before()
        t, r, _, out, _ = timed(cmd, cwd)
        times.append(t)
        peak = max(peak, r)
    times.sort()
    return times[len(times) // 2], times[0], times[-1], peak, out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tia", required=True)
    ap.add_argument("--build", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--patch", required=True)
    ap.add_argument("--cold", action="store_true", help="index from nothing first")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    tia, build, db = os.path.abspath(a.tia), os.path.abspath(a.build), os.path.abspath(a.db)
    patch = os.path.abspath(a.patch)
    src = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=build, text=True,
                         stdout=subprocess.PIPE, check=True).stdout.strip()
    index = [tia, "index", "-p", build, "--db", db, "-j", str(a.jobs)]
    if a.cold:
        for suffix in ("", "-wal", "-shm", ".graph"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)
        t, rss, cpu, out, err = timed(index)
        tus = (out + err).strip().splitlines()[-1] if (out + err).strip() else ""
        print(f"cold tia index -j {a.jobs}: {t:.1f} s wall, {cpu:.1f} s CPU, peak RSS "
              f"{rss:.0f} MiB: {tus}")
    noop = median(index, 3)
    print(f"no-op tia index: median {noop[0]:.2f} s, peak {noop[3]:.0f} MiB")
    # The patch's new version of each file is indexed from git once (versions on demand);
    # the timed runs below then find it in the database.
    select = [tia, "select", "-p", build, "--db", db, "--patch", patch, "--format", "names"]
    timed(select, cwd=src)

    def drop_snapshot():
        if os.path.exists(db + ".graph"):
            os.remove(db + ".graph")

    sql = median(select + ["--no-index"], a.runs, src, drop_snapshot)
    snap = median(select + ["--no-index"], a.runs, src)
    full = median(select, a.runs, src)
    start = median([tia, "--version"], a.runs)
    ctest = median(["ctest", "--show-only=json-v1"], a.runs, build)
    size = os.path.getsize(db) / 2**20
    snap_size = os.path.getsize(db + ".graph") / 2**20 if os.path.exists(db + ".graph") else 0

    def fmt(m):
        return f"median {m[0]:.3f} s (min {m[1]:.3f}, max {m[2]:.3f}), peak RSS {m[3]:.0f} MiB"

    print(f"database: {size:.0f} MiB; graph snapshot: {snap_size:.0f} MiB")
    print(f"tia select --no-index, graph from SQLite: {fmt(sql)}")
    print(f"tia select --no-index, graph from the snapshot: {fmt(snap)}, "
          f"{len(snap[4].splitlines())} tests selected")
    print(f"tia select (index check + selection): {fmt(full)}")
    print(f"  of which: starting tia {start[0]:.3f} s, ctest --show-only=json-v1 "
          f"{ctest[0]:.3f} s")


if __name__ == "__main__":
    main()
