#!/usr/bin/env python3
"""Index benchmark: tia index against clang -fsyntax-only over the same TUs, in one run.

    scripts/bench/index_bench.py --tia BUILD/tia --work DIR [--jobs N] [--only gen|googletest]

For each project (a generated ~300-TU project and Debian's /usr/src/googletest) it
measures, with the same parallelism: cold `tia index` / cold `clang -fsyntax-only` over
every TU; a no-op re-index / cold; a one-file change re-index / `clang -fsyntax-only` of
that TU; peak memory of the cold index; database size per 1k lines of project code; and
`tia select` on a 10-file change with the index current. Prints a Markdown table.
"""
import argparse
import concurrent.futures
import json
import os
import shlex
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def run(cmd, cwd=None, check=True, quiet=True):
    r = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE if quiet else None,
                       stderr=subprocess.PIPE if quiet else None, text=True)
    if check and r.returncode != 0:
        sys.exit(f"bench: command failed ({r.returncode}): {' '.join(cmd)}\n{r.stderr}")
    return r


def timed(cmd, cwd=None):
    """Wall seconds and peak RSS (MiB) of a command, via /usr/bin/time -v."""
    t0 = time.monotonic()
    r = subprocess.run(["/usr/bin/time", "-v"] + cmd, cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - t0
    if r.returncode != 0:
        sys.exit(f"bench: failed: {' '.join(cmd)}\n{r.stdout}\n{r.stderr}")
    rss = 0
    for line in r.stderr.splitlines():
        if "Maximum resident set size" in line:
            rss = int(line.split(":")[1]) / 1024
    return wall, rss, r.stdout


def syntax_only_cmd(entry):
    """The compile command rewritten for clang++ -fsyntax-only (same flags, same file)."""
    args = entry.get("arguments") or shlex.split(entry["command"])
    out = ["clang++", "-fsyntax-only"]
    skip = False
    for a in args[1:]:
        if skip:
            skip = False
            continue
        if a in ("-o", "-MF", "-MT", "-MQ"):
            skip = True
            continue
        if a in ("-c", "-MD", "-MMD"):
            continue
        out.append(a)
    if not any(a.startswith("-std=") for a in out):
        out.append("-std=gnu++17")  # what GCC 12 would use; clang 14 defaults to gnu++14
    return out, entry["directory"]


def clang_all(entries, jobs):
    cmds = [syntax_only_cmd(e) for e in entries]
    t0 = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as ex:
        list(ex.map(lambda c: run(c[0], cwd=c[1], check=False), cmds))
    return time.monotonic() - t0


def count_loc(src):
    n = 0
    for d, _, files in os.walk(src):
        if "/build" in d or "/.git" in d:
            continue
        for f in files:
            if f.endswith((".h", ".hh", ".hpp", ".cc", ".cpp", ".cxx", ".c")):
                with open(os.path.join(d, f), errors="replace") as fh:
                    n += sum(1 for _ in fh)
    return n


def git(src, *args):
    run(["git", "-c", "user.name=bench", "-c", "user.email=bench@localhost", *args], cwd=src)


def bench(name, src, build, edit_files, tia, jobs):
    db = os.path.join(build, "tia.db")
    for f in (db, db + "-wal", db + "-shm"):
        if os.path.exists(f):
            os.remove(f)
    with open(os.path.join(build, "compile_commands.json")) as f:
        entries = json.load(f)
    # Edit only files that are translation units of this build, in the given order.
    tus = {os.path.realpath(e["file"]) for e in entries}
    edit_files = [f for f in edit_files if os.path.realpath(f) in tus]
    if len(edit_files) < 10:
        extra = sorted(t for t in tus if t.startswith(os.path.realpath(src) + "/"))
        edit_files += [t for t in extra if t not in edit_files][:10 - len(edit_files)]
    clang_cold = clang_all(entries, jobs)
    cold, rss, out = timed([tia, "index", "-p", build, "-j", str(jobs)])
    summary_cold = out.strip().splitlines()[-1] if out.strip() else ""
    noop, _, _ = timed([tia, "index", "-p", build, "-j", str(jobs)])
    # One-file change: a real edit of one source file.
    target = edit_files[0]
    with open(target, "a") as fh:
        fh.write("\nint tia_bench_edit() { return 1; }\n")
    one, _, out_one = timed([tia, "index", "-p", build, "-j", str(jobs)])
    # The reference: clang over every TU that compiles the edited file (a file can be
    # built by several targets), with the same parallelism.
    same = [e for e in entries if os.path.realpath(e["file"]) == os.path.realpath(target)]
    clang_one = clang_all(same, jobs)
    git(src, "checkout", "--", ".")
    run([tia, "index", "-p", build, "-j", str(jobs)])
    run(["sqlite3", db, "PRAGMA wal_checkpoint(TRUNCATE);"])
    size = sum(os.path.getsize(f) for f in (db, db + "-wal") if os.path.exists(f))
    loc = count_loc(src)
    # tia select on a 10-file change, index current.
    for f in edit_files[:10]:
        with open(f, "a") as fh:
            fh.write("\nint tia_bench_edit2() { return 2; }\n")
    run([tia, "index", "-p", build, "-j", str(jobs)])
    sel, _, _ = timed([tia, "select", "-p", build, "--no-index", "--base", "HEAD",
                       "--format", "names"], cwd=src)
    git(src, "checkout", "--", ".")
    run([tia, "index", "-p", build, "-j", str(jobs)])
    return {
        "name": name, "tus": len(entries), "jobs": jobs, "clang_cold": clang_cold,
        "cold": cold, "noop": noop, "one": one, "clang_one": clang_one, "rss": rss,
        "db_mib": size / 2**20, "kloc": loc / 1000, "select": sel, "summary": summary_cold,
        "one_summary": out_one.strip().splitlines()[-1] if out_one.strip() else "",
    }


def prepare_gen(work):
    src = os.path.join(work, "gen")
    shutil.rmtree(src, ignore_errors=True)
    run([sys.executable, os.path.join(ROOT, "scripts", "gen_project.py"), src])
    with open(os.path.join(src, ".gitignore"), "w") as f:
        f.write("build/\n")
    git(src, "init", "-q", "-b", "main")
    git(src, "add", "-A")
    git(src, "commit", "-qm", "generated")
    build = os.path.join(src, "build")
    run(["cmake", "-S", src, "-B", build, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release"])
    edits = [os.path.join(src, f"lib{i}", "src", f"part{i % 12}.cc") for i in range(10)]
    return src, build, edits


def prepare_googletest(work):
    src = os.path.join(work, "googletest")
    shutil.rmtree(src, ignore_errors=True)
    shutil.copytree("/usr/src/googletest", src, symlinks=True)
    with open(os.path.join(src, ".gitignore"), "w") as f:
        f.write("build/\n")
    git(src, "init", "-q", "-b", "main")
    git(src, "add", "-A")
    git(src, "commit", "-qm", "googletest")
    build = os.path.join(src, "build")
    run(["cmake", "-S", src, "-B", build, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release",
         "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON", "-Dgtest_build_tests=ON",
         "-Dgmock_build_tests=ON"])
    edits = []
    for d in ("googletest/src", "googlemock/src"):
        for f in sorted(os.listdir(os.path.join(src, d))):
            if f.endswith(".cc") and f not in ("gtest-all.cc", "gmock-all.cc"):
                edits.append(os.path.join(src, d, f))
    return src, build, edits


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tia", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--jobs", type=int, default=os.cpu_count())
    ap.add_argument("--only", choices=["gen", "googletest"])
    a = ap.parse_args()
    tia = os.path.abspath(a.tia)
    os.makedirs(a.work, exist_ok=True)
    rows = []
    if a.only in (None, "gen"):
        rows.append(bench("generated (scripts/gen_project.py)", *prepare_gen(a.work), tia=tia,
                          jobs=a.jobs))
    if a.only in (None, "googletest"):
        rows.append(bench("/usr/src/googletest (tests on)", *prepare_googletest(a.work),
                          tia=tia, jobs=a.jobs))
    print(f"\nclang: {run(['clang++', '--version']).stdout.splitlines()[0]}; jobs: {a.jobs}\n")
    print("| project | TUs | clang -fsyntax-only | tia index cold | cold ratio | no-op | "
          "no-op / cold | one-file | one-file / clang same TUs | peak RSS | DB / 1k LOC | "
          "select (10 files) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['name']} | {r['tus']} | {r['clang_cold']:.2f} s | {r['cold']:.2f} s | "
              f"{r['cold'] / r['clang_cold']:.2f}x | {r['noop']:.3f} s | "
              f"{100 * r['noop'] / r['cold']:.1f} % | {r['one']:.2f} s | "
              f"{r['one'] / r['clang_one']:.2f}x | {r['rss']:.0f} MiB | "
              f"{1024 * r['db_mib'] / r['kloc']:.0f} KiB ({r['db_mib']:.1f} MiB / "
              f"{r['kloc']:.1f} kLOC) | {r['select']:.3f} s |")
    for r in rows:
        print(f"\n{r['name']}: cold: {r['summary']}\n  one-file: {r['one_summary']}")


if __name__ == "__main__":
    main()
