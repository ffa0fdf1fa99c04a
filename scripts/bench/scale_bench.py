#!/usr/bin/env python3
"""Selection at scale: a real index of the generated project (scripts/gen_project.py),
inflated with synthetic facts until it has EDGES edges, then `tia select` timed.

The generated project is configured and indexed for real (its build model, CTest tests
and test cases are real). Synthetic functions are then added to the current shards of
the project's headers and test files (never to the file the measured change edits): each
calls FANOUT others, calls real library functions, and is called by real test bodies, so
a change to a library function walks back through many synthetic callers to the tests,
as in a large codebase. Then one library function's body is changed, `tia index` brings
the index up to date (one TU) and `tia select --no-index` is measured (median of RUNS,
with peak RSS), as are the no-op `tia index`, the database size and the snapshot size. The selection is
timed three ways: with the graph loaded from SQLite (the snapshot removed before each run),
with the graph snapshot (`BUILD/tia.db.graph`, written by the run before), and as a user
runs it (the incremental index check first). Last, `tia merge` of the database into an
empty one gives the merge throughput the CI model in docs/performance.md uses.

With --compare OTHER_TIA, the selection from the snapshot is also timed with another tia
binary (an older build), the two run alternately so that both see the same load, and the
script fails unless both select the same tests with the same reasons (`--format json`).
--no-merge leaves out the merge.

Usage: scale_bench.py --tia BUILD/tia --work DIR --edges 5000000 [--symbols N] [--runs 5]
                      [--libs 20] [--reuse] [--compare OTHER_TIA] [--no-merge]
"""
import argparse
import os
import random
import re
import shutil
import sqlite3
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
    r = subprocess.run(["/usr/bin/time", "-v"] + cmd, cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - t0
    if r.returncode != 0:
        sys.exit(f"bench: failed: {' '.join(cmd)}\n{r.stdout}\n{r.stderr}")
    rss, cpu = 0, 0.0
    for line in r.stderr.splitlines():
        if "Maximum resident set size" in line:
            rss = int(line.split(":")[1]) / 1024
        if "User time" in line or "System time" in line:
            cpu += float(line.split(":")[1])
    return wall, rss, r.stdout, cpu


def git(cwd, *args):
    return run(["git", "-c", "user.name=bench", "-c", "user.email=bench@localhost", *args], cwd)


def inflate(db_path, edges, symbols, fanout, changed_rel, seed=1):
    rnd = random.Random(seed)
    db = sqlite3.connect(db_path)
    cur = db.cursor()
    # Carrier shards: current, not system, not the file the change edits.
    carriers = [r[0] for r in cur.execute(
        "SELECT s.id FROM shards s JOIN files f ON f.id = s.file_id WHERE s.is_system = 0 AND "
        "s.id IN (SELECT shard_id FROM tu_inputs) AND f.path != ?", (changed_rel,))]
    lib_functions = [r[0] for r in cur.execute(
        "SELECT DISTINCT d.symbol_id FROM decls d JOIN symbols s ON s.id = d.symbol_id "
        "WHERE s.kind IN (1, 2) AND d.is_definition = 1 AND s.qualified_name LIKE 'lib%' AND "
        "d.shard_id IN (SELECT shard_id FROM tu_inputs)")]
    bodies = [r[0] for r in cur.execute("SELECT DISTINCT body_id FROM test_cases WHERE "
                                        "shard_id IN (SELECT shard_id FROM tu_inputs)")]
    first = cur.execute("SELECT coalesce(max(id), 0) + 1 FROM symbols").fetchone()[0]
    ids = list(range(first, first + symbols))
    cur.executemany(
        "INSERT INTO symbols(id, usr, name, qualified_name, kind) VALUES(?, ?, ?, ?, 1)",
        ((i, f"c:@N@synth@F@f{i}#", f"f{i}", f"synth::f{i}") for i in ids))
    home = {i: carriers[k % len(carriers)] for k, i in enumerate(ids)}
    cur.executemany(
        "INSERT OR IGNORE INTO decls(shard_id, symbol_id, is_definition, line_start, col, "
        "line_end) VALUES(?, ?, 1, ?, 1, ?)",
        ((home[i], i, 100000 + 10 * k, 100000 + 10 * k + 5) for k, i in enumerate(ids)))
    made = 0

    def edge_rows():
        nonlocal made
        line = 0
        # Synthetic call graph: each synthetic function calls `fanout` earlier ones (a DAG,
        # so reverse walks fan out) and one real library function.
        for k, i in enumerate(ids):
            for _ in range(fanout):
                if made >= edges:
                    return
                if k == 0:
                    break
                j = ids[rnd.randrange(0, k)]
                line += 1
                made += 1
                yield (home[i], 1, i, j, 100000 + 10 * k + 1, line % 80 + 1)
            if lib_functions and made < edges:
                made += 1
                yield (home[i], 1, i, rnd.choice(lib_functions), 100000 + 10 * k + 2, 1)
        # Test bodies call synthetic functions.
        while made < edges:
            b = rnd.choice(bodies)
            i = rnd.choice(ids)
            made += 1
            yield (home[i], 1, b, i, 200000 + made % 100000, made % 80 + 1)

    cur.executemany("INSERT OR IGNORE INTO edges(shard_id, kind, src_id, dst_id, line, col) "
                    "VALUES(?, ?, ?, ?, ?, ?)", edge_rows())
    # The database changed: a new generation (snapshots of the old one are stale).
    cur.execute("INSERT INTO meta(key, value) VALUES('generation', '0') ON CONFLICT(key) DO "
                "UPDATE SET value = CAST(value AS INTEGER) + 1")
    db.commit()
    n = cur.execute("SELECT count(*) FROM edges").fetchone()[0]
    s = cur.execute("SELECT count(*) FROM symbols").fetchone()[0]
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return n, s


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tia", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--edges", type=int, default=5_000_000)
    ap.add_argument("--symbols", type=int, default=0, help="default: edges / 10")
    ap.add_argument("--fanout", type=int, default=8)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--libs", type=int, default=20, help="libraries of the generated project")
    ap.add_argument("--reuse", action="store_true",
                    help="reuse the indexed (and inflated) project in WORK")
    ap.add_argument("--compare", metavar="OTHER_TIA",
                    help="also time the snapshot selection with this tia, alternately")
    ap.add_argument("--no-merge", action="store_true", help="leave out the merge")
    a = ap.parse_args()
    tia = os.path.abspath(a.tia)
    work = os.path.abspath(a.work)
    src = os.path.join(work, "src")
    build = os.path.join(work, "build")
    base_db = os.path.join(work, "indexed.db")
    if not (a.reuse and os.path.exists(base_db)):
        shutil.rmtree(work, ignore_errors=True)
        run([sys.executable, os.path.join(ROOT, "scripts", "gen_project.py"), src, "--libs",
             str(a.libs)])
        with open(os.path.join(src, ".gitignore"), "w") as f:
            f.write("build/\n")
        git(src, "init", "-q", "-b", "main")
        git(src, "add", "-A")
        git(src, "commit", "-qm", "generated")
        run(["cmake", "-S", src, "-B", build, "-G", "Ninja"])
        run([tia, "index", "-p", build, "-j", str(a.jobs)])
        run(["sqlite3", os.path.join(build, "tia.db"), "PRAGMA wal_checkpoint(TRUNCATE)"])
        shutil.copy(os.path.join(build, "tia.db"), base_db)
    db = os.path.join(build, "tia.db")
    for suffix in ("", "-wal", "-shm", ".graph"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    shutil.copy(base_db, db)
    git(src, "checkout", "--", ".")
    changed_rel = f"lib{min(5, a.libs - 1)}/src/part0.cc"
    t0 = time.monotonic()
    inflated = os.path.join(work, f"inflated-{a.edges}.db")
    if a.reuse and os.path.exists(inflated):
        shutil.copy(inflated, db)
        db_ = sqlite3.connect(db)
        edges = db_.execute("SELECT count(*) FROM edges").fetchone()[0]
        symbols = db_.execute("SELECT count(*) FROM symbols").fetchone()[0]
        db_.close()
    else:
        edges, symbols = inflate(db, a.edges, a.symbols or a.edges // 10, a.fanout, changed_rel)
        shutil.copy(db, inflated)
    inflate_s = time.monotonic() - t0
    noop, noop_rss, _, _ = timed([tia, "index", "-p", build, "-j", str(a.jobs)])
    # A one-function change, indexed.
    path = os.path.join(src, changed_rel)
    text = open(path).read()
    m = re.search(r"return ([^;]*);", text)
    text = text[:m.start()] + f"return ({m.group(1)}) + 0;" + text[m.end():]
    open(path, "w").write(text)
    run([tia, "index", "-p", build, "-j", str(a.jobs)])
    select = [tia, "select", "-p", build, "--base", "HEAD", "--format", "names"]

    def median_of(cmd, runs, before=None):
        times, cpus, peak, out = [], [], 0, ""
        for _ in range(runs):
            if before:
                before()
            t, r, out, cpu = timed(cmd, cwd=src)
            times.append(t)
            cpus.append(cpu)
            peak = max(peak, r)
        times.sort()
        cpus.sort()
        return times[len(times) // 2], times[0], times[-1], peak, out, cpus[len(cpus) // 2]

    def drop_snapshot():
        if os.path.exists(db + ".graph"):
            os.remove(db + ".graph")

    # From SQLite: no snapshot (each run removes it; the run writes it again).
    sql = median_of(select + ["--no-index"], max(3, a.runs // 2), drop_snapshot)
    # With the snapshot the previous run wrote: the steady state of a CI job or a developer.
    snap_sel = median_of(select + ["--no-index"], a.runs)
    # As a user runs it: the incremental index check first (a no-op here), then the selection.
    full = median_of(select, a.runs)
    size = os.path.getsize(db)
    snap = os.path.getsize(db + ".graph") if os.path.exists(db + ".graph") else 0
    compared = None
    if a.compare:
        # Alternately, so that both binaries see the same load; the reasons must agree too.
        # The other binary gets its own copy of the database: its snapshot may be of
        # another format, and each would replace the other's on every run.
        other = os.path.abspath(a.compare)
        other_db = os.path.join(build, "compare.db")
        for suffix in ("", "-wal", "-shm", ".graph"):
            if os.path.exists(other_db + suffix):
                os.remove(other_db + suffix)
        run(["sqlite3", db, f"VACUUM INTO '{other_db}'"])
        json_args = ["select", "-p", build, "--base", "HEAD", "--format", "json", "--no-index"]
        ours_cmd = [tia] + json_args
        theirs_cmd = [other] + json_args + ["--db", other_db]
        timed(ours_cmd, cwd=src)
        timed(theirs_cmd, cwd=src)  # writes its snapshot
        ours, theirs = [], []
        out_ours = out_theirs = ""
        for _ in range(a.runs):
            t, r, out_ours, cpu = timed(ours_cmd, cwd=src)
            ours.append((cpu, t, r))
            t, r, out_theirs, cpu = timed(theirs_cmd, cwd=src)
            theirs.append((cpu, t, r))
            if out_ours != out_theirs:
                sys.exit(f"bench: {tia} and {other} select differently:\n{out_ours}\n--\n"
                         f"{out_theirs}")
        ours.sort()
        theirs.sort()
        compared = (other, ours, theirs)
    merge_s = None
    if not a.no_merge:
        # Merge throughput: the whole database into an empty one (a union of one part).
        merged = os.path.join(work, "merged.db")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(merged + suffix):
                os.remove(merged + suffix)
        merge_s, merge_rss, merge_out, merge_cpu = timed([tia, "merge", merged, db])
    git(src, "checkout", "--", ".")
    if not (sql[4] == snap_sel[4] == full[4]) or not snap_sel[4].strip():
        sys.exit("bench: the selection from SQLite, from the snapshot and with the index check "
                 f"differ or are empty:\n{sql[4]}\n--\n{snap_sel[4]}\n--\n{full[4]}")
    selected = len(snap_sel[4].splitlines())

    def fmt(m):
        return (f"median {m[0]:.3f} s (min {m[1]:.3f}, max {m[2]:.3f}; CPU {m[5]:.3f} s), "
                f"peak RSS {m[3]:.0f} MiB")

    print(f"edges: {edges}, symbols: {symbols} (inflated or restored in {inflate_s:.0f} s)")
    print(f"database: {size / 2**20:.0f} MiB ({size / edges:.0f} bytes per edge); "
          f"graph snapshot: {snap / 2**20:.0f} MiB")
    print(f"no-op tia index: {noop:.2f} s, peak {noop_rss:.0f} MiB")
    print(f"tia select --no-index, graph from SQLite (no snapshot): {fmt(sql)}")
    print(f"tia select --no-index, graph from the snapshot: {fmt(snap_sel)}, "
          f"{selected} tests selected")
    print(f"tia select (index check + selection): {fmt(full)}")
    if compared:
        other, ours, theirs = compared
        for name, runs in ((tia, ours), (other, theirs)):
            mid = runs[len(runs) // 2]
            print(f"--compare, snapshot selection with {name}: CPU median {mid[0]:.3f} s "
                  f"(min {runs[0][0]:.3f}, max {runs[-1][0]:.3f}), wall {mid[1]:.3f} s, "
                  f"peak RSS {max(r[2] for r in runs):.0f} MiB")
        print(f"--compare: the same tests and reasons, load average "
              f"{os.getloadavg()[0]:.1f}")
    if merge_s is not None:
        print(f"tia merge into an empty database: {merge_s:.1f} s (CPU {merge_cpu:.1f} s), "
              f"peak {merge_rss:.0f} MiB "
              f"({edges / merge_s / 1e6:.2f} M edges/s): {merge_out.strip()}")

if __name__ == "__main__":
    main()
