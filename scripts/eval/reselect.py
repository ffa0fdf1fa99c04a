#!/usr/bin/env python3
"""Selection of an earlier realworld.py run again, with another tia, without building or
running anything.

    scripts/eval/reselect.py LOG_DIR CHECKOUT BUILD_DIR [--tia PATH] [--db PATH] [--no-coverage]

LOG_DIR is the log directory of a realworld.py run on CHECKOUT/BUILD_DIR: its
mutants.jsonl holds, per mutant, the trapped function and the cases that really failed
(the oracle). For each mutant this script writes the same trap as a patch (the function
found in the index, its body by rw_mutants.find_body), runs
`tia select --patch FILE --base HEAD --format json` (the checkout stays untouched; the
patched version is indexed from git on demand) and compares with the oracle: every
failing case must still be selected. The test universe comes from `ctest
--show-only=json-v1` and the programs' own case listings (no test runs), so cases that
failed alone at the baseline of the earlier run are counted here; the file-level share is
the earlier run's. Complement runs (realworld.py's check that the unselected cases of a
narrowed test pass) need the trapped build and are not repeated: a selection that keeps
every failing case is called "keeps the oracle", not "safe".

Prints one line per mutant and a summary: mean selected-case share, before (the earlier
run's figure) and now, and the file-level share; then the same over the mutants with
failures, with the oracle. When the database holds coverage recorded at the checkout's
HEAD (`tia run --record-coverage`), the selections use it; --no-coverage leaves it out.
"""
import argparse
import difflib
import json
import os
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import realworld as rw  # noqa: E402
import rw_mutants  # noqa: E402


def universe(build):
    tests = rw.load_tests(build)
    rw.split_cases(tests, build)
    cases = set()
    for t in tests:
        cases |= rw.test_cases_of(t)
    return tests, cases


def trap_patch(db, checkout, function, where):
    rel, line = where.rsplit(":", 1)
    line = int(line)
    path = os.path.join(checkout, rel)
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        row = con.execute(
            "SELECT d.line_start, d.col, d.line_end, s.name FROM decls d "
            "JOIN symbols s ON s.id = d.symbol_id JOIN shards sh ON sh.id = d.shard_id "
            "JOIN files f ON f.id = sh.file_id WHERE s.qualified_name = ? AND "
            "d.is_definition = 1 AND d.line_start = ? AND (f.path = ? OR f.path = ?) LIMIT 1",
            (function, line, rel, path)).fetchone()
    finally:
        con.close()
    if not row:
        return None, f"{function} ({where}) is not in the index"
    text = rw_mutants.read_text(path)
    off, why = rw_mutants.find_body(text, rw_mutants.code_mask(text), row[0], row[1], row[2],
                                    row[3])
    if off is None:
        return None, f"{function} ({where}): {why}"
    mutated = text[:off] + " __builtin_trap(); " + text[off:]
    diff = difflib.unified_diff(text.splitlines(keepends=True),
                                mutated.splitlines(keepends=True), "a/" + rel, "b/" + rel)
    return "".join(diff), None


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("log")
    p.add_argument("checkout")
    p.add_argument("build")
    p.add_argument("--tia", default=os.path.join(rw.ROOT, "build", "tia"))
    p.add_argument("--db", help="database to select with (default LOG/tia.db)")
    p.add_argument("--no-coverage", action="store_true",
                   help="select by the code graph alone, not by coverage recorded in the database")
    a = p.parse_args()
    a.tia = os.path.abspath(a.tia)
    checkout, build = os.path.realpath(a.checkout), os.path.realpath(a.build)
    db = a.db or os.path.join(a.log, "tia.db")
    rows = [json.loads(line) for line in open(os.path.join(a.log, "mutants.jsonl"))]
    # The database up to date with this tia (made, or rebuilt for another indexer
    # version) before its facts locate the trapped functions.
    idx = subprocess.run([a.tia, "index", "-p", build, "--db", db], capture_output=True,
                         text=True)
    if idx.returncode != 0:
        sys.exit(f"reselect: tia index failed ({idx.returncode}):\n{idx.stderr}")
    tests, cases = universe(build)
    by_name = {t.name: t for t in tests}
    n = len(cases)
    before, now, file_level, failing, kept_all = [], [], [], [], True
    for r in rows:
        patch, err = trap_patch(db, checkout, r["function"], r["where"])
        if err:
            print(f"m{r['k']}: skipped: {err}")
            continue
        with tempfile.NamedTemporaryFile("w", suffix=".diff") as f:
            f.write(patch)
            f.flush()
            s = subprocess.run([a.tia, "select", "-p", build, "--db", db, "--base", "HEAD",
                                "--patch", f.name, "--format", "json"] +
                               (["--no-coverage"] if a.no_coverage else []), cwd=checkout,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if s.returncode != 0:
            print(f"m{r['k']}: tia select failed: {s.stderr.decode(errors='replace')[-500:]}")
            kept_all = False
            continue
        sel = json.loads(s.stdout)
        selected = set()
        for st in sel.get("tests", []):
            t = by_name.get(st["name"])
            if not t:
                continue
            if not t.split:
                selected.add(("ctest", t.name))
            elif st.get("whole") or st.get("cases") is None:
                selected |= rw.test_cases_of(t)
            else:
                got, _ = rw.match_cases(t, st["cases"])
                selected |= {(t.exe, c) for c in got}
        selected &= cases
        names = {c for _, c in selected}
        missed = [c for c in r["failing_cases"] if c not in names]
        kept_all &= not missed
        before.append(r["n_selected_cases"] / n)
        now.append(len(selected) / n)
        file_level.append(r["n_file_level_cases"] / n)
        if r["failing_cases"]:
            failing.append((before[-1], now[-1], file_level[-1], len(r["failing_cases"]) / n))
        reason = ""
        if sel.get("tests") and len(selected) > 2 * max(1, len(r["failing_cases"])):
            reason = " | " + sel["tests"][0]["reasons"][0][-200:]
        print(f"m{r['k']}: {r['function']} ({r['where']}): failing {len(r['failing_cases'])}, "
              f"selected {r['n_selected_cases']} -> {len(selected)} of {n}"
              f"{', MISSED ' + ', '.join(missed[:5]) if missed else ''}{reason}")

    def mean(xs):
        return sum(xs) / len(xs) if xs else float("nan")
    print(f"mutants {len(now)}: selected cases {mean(before):.3f} -> {mean(now):.3f}, file level "
          f"{mean(file_level):.3f} (now / file level {mean(now) / mean(file_level):.2f}); "
          f"{'every failing case kept' if kept_all else 'FAILING CASES MISSED'}")
    # The figure of docs/realworld.md: the mean over the mutants with failures.
    b, w, f, o = (mean([x[i] for x in failing]) for i in range(4))
    print(f"mutants with failures {len(failing)}: selected cases {b:.3f} -> {w:.3f}, oracle "
          f"{o:.3f}, file level {f:.3f} (now / file level {w / f if f else float('nan'):.2f})")
    return 0 if kept_all else 1


if __name__ == "__main__":
    sys.exit(main())
