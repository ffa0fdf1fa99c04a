#!/usr/bin/env python3
"""CI figures on the generated project (scripts/gen_project.py, 300 TUs by default).

- warm start: the database of a cold `tia index` in one checkout, copied to a clone at
  another path with another build directory (as a CI cache restores it), then `tia index`
  after a 5-file change there; the ratio warm / cold (target <= 5 %).
- fan-out: `tia index --shard K/N` for each K from nothing (each part's wall time; the
  slowest is the wall time on N machines), `tia merge` of the parts, and the same from the
  restored database (parts balanced by the recorded parse times).

Usage: ci_bench.py --tia BUILD/tia --work DIR [--jobs 2] [--parts 2] [--libs 20]
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def run(cmd, cwd=None):
    r = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        sys.exit(f"bench: command failed ({r.returncode}): {' '.join(cmd)}\n{r.stderr}")
    return r.stdout


def timed(cmd, cwd=None):
    t0 = time.monotonic()
    out = run(cmd, cwd)
    return time.monotonic() - t0, out.strip().splitlines()[-1] if out.strip() else ""


def git(cwd, *args):
    return run(["git", "-c", "user.name=bench", "-c", "user.email=bench@localhost", *args], cwd)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tia", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--parts", type=int, default=2)
    ap.add_argument("--libs", type=int, default=20)
    a = ap.parse_args()
    tia = os.path.abspath(a.tia)
    work = os.path.abspath(a.work)
    shutil.rmtree(work, ignore_errors=True)
    first = os.path.join(work, "first", "src")
    run([sys.executable, os.path.join(ROOT, "scripts", "gen_project.py"), first,
         "--libs", str(a.libs)])
    git(first, "init", "-q", "-b", "main")
    git(first, "add", "-A")
    git(first, "commit", "-qm", "generated")
    first_build = os.path.join(work, "first", "build")
    run(["cmake", "-S", first, "-B", first_build, "-G", "Ninja"])
    jobs = ["-j", str(a.jobs)]
    cold, cold_summary = timed([tia, "index", "-p", first_build, *jobs])

    # The clone, elsewhere, with the cache restored and a 5-file change.
    second = os.path.join(work, "runner", "checkout")
    git(work, "clone", "-q", first, second)
    second_build = os.path.join(work, "second-build")
    run(["cmake", "-S", second, "-B", second_build, "-G", "Ninja"])
    shutil.copy(os.path.join(first_build, "tia.db"), os.path.join(second_build, "tia.db"))
    changed = [os.path.join(second, f"lib{i}", "src", f"part{i % 12}.cc") for i in range(5)]
    for f in changed:
        with open(f, "a") as fh:
            fh.write("\nint tia_bench_warm_edit() { return 5; }\n")
    warm, warm_summary = timed([tia, "index", "-p", second_build, *jobs])
    noop, _ = timed([tia, "index", "-p", second_build, *jobs])

    # Fan-out from nothing, and from the restored database.
    parts_cold, parts_warm = [], []
    for k in range(1, a.parts + 1):
        db = os.path.join(work, f"part{k}.db")
        t, s = timed([tia, "index", "-p", first_build, "--db", db, "--shard", f"{k}/{a.parts}",
                      *jobs])
        parts_cold.append((t, s))
    merged = os.path.join(work, "merged.db")
    merge_t, merge_s = timed([tia, "merge", merged] +
                             [os.path.join(work, f"part{k}.db") for k in range(1, a.parts + 1)])
    for k in range(1, a.parts + 1):
        db = os.path.join(work, f"warm-part{k}.db")
        shutil.copy(os.path.join(second_build, "tia.db"), db)
        t, s = timed([tia, "index", "-p", second_build, "--db", db, "--shard",
                      f"{k}/{a.parts}", *jobs])
        parts_warm.append((t, s))
    size = os.path.getsize(os.path.join(first_build, "tia.db"))

    tus = int(re.search(r"indexed (\d+) TUs", cold_summary).group(1))
    print(f"project: scripts/gen_project.py --libs {a.libs} ({tus} TUs); -j {a.jobs}")
    print(f"cold index: {cold:.2f} s ({cold_summary})")
    print(f"warm start after a 5-file change, clone at another path: {warm:.2f} s "
          f"= {100 * warm / cold:.1f} % of cold ({warm_summary})")
    print(f"no-op index after it: {noop:.3f} s")
    for k, (t, s) in enumerate(parts_cold, 1):
        print(f"index --shard {k}/{a.parts} from nothing: {t:.2f} s ({s})")
    print(f"slowest part: {max(t for t, _ in parts_cold):.2f} s = "
          f"{100 * max(t for t, _ in parts_cold) / cold:.0f} % of one cold run")
    print(f"merge of {a.parts} parts: {merge_t:.2f} s ({merge_s})")
    for k, (t, s) in enumerate(parts_warm, 1):
        print(f"index --shard {k}/{a.parts} from the restored database: {t:.2f} s ({s})")
    print(f"database: {size / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
