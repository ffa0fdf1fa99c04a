#!/usr/bin/env python3
"""Evaluation of tia on a real project: index figures and case-level selection safety.

    scripts/eval/realworld.py CHECKOUT BUILD_DIR [--mutants N] [--seed S] [--tia PATH]
                              [--jobs J] [--timeout SEC] [--case-timeout SEC] [--log DIR]
                              [--name NAME] [--header] [--count-failing] [--max-tus K]
                              [--reuse-index]

CHECKOUT is a clean git work tree, BUILD_DIR its configured and built Ninja build
directory (compile_commands.json, CTest tests). Prints one Markdown table row on stdout;
details go to stderr and to the log directory (default BUILD_DIR/realworld-eval):
summary.json, mutants.jsonl, findings.md, and the raw outputs.

1. Index: `clang -fsyntax-only` over every TU of the compile database, then a cold
   `tia index` into a database of its own (LOG/tia.db), both with -j J; the ratio of the
   wall times, and the TUs tia records as failed or with errors while clang parses them.
2. Baseline: the whole CTest suite once; tests that fail, are skipped or disabled, and
   fixture set-up/clean-up tests, are left out. Each remaining test whose program is a
   GoogleTest, Catch2 v3 or doctest executable is split into cases (listing them); every
   case is run alone once and dropped if it fails alone. A test of any other kind is one
   case.
3. Mutants: seeded shuffle of the function definitions tia's index holds in the project's
   own non-test files (rw_mutants.py); `__builtin_trap();` becomes the first statement of
   one body; `ninja -k 0`; the whole suite (fresh TMPDIR); each case of a failing
   multi-case test alone; `tia select --base HEAD --format json`. A mutant is safe when
   every failing CTest test is selected, every failing case is among the selected cases,
   and the complement of every narrowed test (its cases tia did not select) passes.
   The file is restored byte for byte in a `finally` (SIGINT/SIGTERM deferred), the
   build brought back at the end.
"""
import argparse
import concurrent.futures
import contextlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rw_frameworks as fw  # noqa: E402
import rw_index  # noqa: E402
import rw_mutants  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class EvalError(Exception):
    pass


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def sh(argv, cwd=None, env=None, timeout=None, check=True):
    r = subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=timeout)
    out = r.stdout.decode("utf-8", errors="replace")
    if check and r.returncode != 0:
        raise EvalError(f"{' '.join(argv)} failed (exit {r.returncode}): "
                        f"{r.stderr.decode('utf-8', errors='replace').strip()[-2000:]}")
    return out


# ---------------------------------------------------------------------------- the suite

class Test:
    def __init__(self, t):
        self.name = t["name"]
        self.command = t.get("command") or []
        self.props = {p["name"]: p["value"] for p in t.get("properties", [])}
        self.cwd = self.props.get("WORKING_DIRECTORY")
        self.exe = None
        self.fw = fw.NONE
        self.cases = None  # program case names, when split

    @property
    def split(self):
        return self.cases is not None


def load_tests(build):
    out = sh(["ctest", "--show-only=json-v1"], cwd=build)
    return [Test(t) for t in json.loads(out).get("tests", [])]


def run_suite(build, jobs, timeout, logdir, tag, exclude=()):
    """{test name: pass|fail|skip|notrun|disabled} of one whole CTest run (less the tests
    that already failed or were skipped before any mutant)."""
    junit = os.path.join(logdir, f"junit-{tag}.xml")
    if os.path.exists(junit):
        os.remove(junit)
    with tempfile.TemporaryDirectory(prefix="rw-tmp-") as tmp:
        env = dict(os.environ, TMPDIR=tmp, TEST_TMPDIR=tmp)
        skip = ["-E", "^(" + "|".join(re.escape(n) for n in exclude) + ")$"] if exclude else []
        r = subprocess.run(["ctest", "--test-dir", build, "-j", str(jobs), "--timeout",
                            str(timeout), "--output-junit", junit, "--no-tests=ignore"] + skip,
                           env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    with open(os.path.join(logdir, f"ctest-{tag}.log"), "wb") as f:
        f.write(r.stdout)
    if not os.path.exists(junit):
        raise EvalError(f"ctest wrote no JUnit report (exit {r.returncode}); see "
                        f"{logdir}/ctest-{tag}.log")
    res = {}
    for tc in ET.parse(junit).getroot().iter("testcase"):
        status = tc.get("status", "run")
        if tc.find("failure") is not None or tc.find("error") is not None:
            s = "fail"
        elif status == "disabled":
            s = "disabled"
        elif status == "notrun":
            s = "notrun"
        elif tc.find("skipped") is not None:
            s = "skip"
        elif status == "fail":
            s = "fail"
        else:
            s = "pass"
        res[tc.get("name")] = s
    return res


@contextlib.contextmanager
def fixtures(build, test, all_tests):
    """Run the FIXTURES_SETUP tests a test requires before, the clean-up ones after."""
    req = set(test.props.get("FIXTURES_REQUIRED", []) or [])
    setup = [t.name for t in all_tests if req & set(t.props.get("FIXTURES_SETUP", []) or [])]
    clean = [t.name for t in all_tests if req & set(t.props.get("FIXTURES_CLEANUP", []) or [])]

    def ctest_only(names):
        if names:
            rx = "^(" + "|".join(re.escape(n) for n in names) + ")$"
            subprocess.run(["ctest", "--test-dir", build, "-R", rx, "-FA", ".*"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ctest_only(setup)
    try:
        yield
    finally:
        ctest_only(clean)


def case_argv(test, argv_extra_fn, cases):
    return argv_extra_fn(test.fw, test.command, cases)


def run_cases_alone(build, test, cases, all_tests, jobs, timeout):
    """{case: passed?} running each case of test alone (own TMPDIR each)."""
    def one(c):
        with tempfile.TemporaryDirectory(prefix="rw-case-") as tmp:
            rc, out = fw.run(fw.only_args(test.fw, test.command, [c]), test.cwd or build,
                             fw.exe_env(test.props, tmp), timeout)
        return c, rc == 0
    with fixtures(build, test, all_tests):
        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as ex:
            return dict(ex.map(one, cases))


def verified_list(test, argv, expected, build, notes):
    """Whether listing with argv gives exactly the expected cases."""
    with tempfile.TemporaryDirectory(prefix="rw-list-") as tmp:
        got = fw.list_cases(test.fw, argv, test.cwd or build, fw.exe_env(test.props, tmp))
    if got is None or set(got) != set(expected):
        notes.append(f"{test.name}: filter {argv[1:]!r} lists "
                     f"{'nothing' if got is None else len(got)} cases, expected {len(expected)}")
        return False
    return True


# ------------------------------------------------------------------------ the file level

def file_level_map(build, tests):
    """{exe: set of files its linked objects depend on} from ninja's graph and deps."""
    deps, obj = {}, None
    for line in sh(["ninja", "-C", build, "-t", "deps"]).splitlines():
        if line and not line[0].isspace() and ": #deps" in line:
            obj = os.path.normpath(os.path.join(build, line.split(": #deps")[0]))
            deps[obj] = set()
        elif line.strip() and obj:
            deps[obj].add(os.path.realpath(os.path.join(build, line.strip())))
    out = {}
    for exe in {t.exe for t in tests if t.exe}:
        rel = os.path.relpath(exe, build)
        r = subprocess.run(["ninja", "-C", build, "-t", "inputs", rel], stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL)
        files = set()
        for o in r.stdout.decode(errors="replace").split():
            files |= deps.get(os.path.normpath(os.path.join(build, o)), set())
        out[exe] = files
    return out


# ----------------------------------------------------------------------------- mutation

class Mutation:
    """One trapped file; restores it byte for byte whatever happens (signals deferred)."""

    def __init__(self, path, offset, logdir):
        self.path, self.offset = path, offset
        self.marker = os.path.join(logdir, "pending-restore.json")
        self.backup = os.path.join(logdir, "pending-restore.orig")

    def __enter__(self):
        with deferred_signals():
            shutil.copyfile(self.path, self.backup)
            with open(self.marker, "w") as f:
                json.dump({"path": self.path}, f)
            self.original = rw_mutants.insert_trap(self.path, self.offset)
        return self

    def __exit__(self, *exc):
        with deferred_signals():
            restore(self.marker, self.backup)
        return False


def restore(marker, backup):
    with open(marker) as f:
        path = json.load(f)["path"]
    with open(backup, "rb") as f:
        original = f.read()
    with open(path, "wb") as f:
        f.write(original)
    with open(path, "rb") as f:
        if f.read() != original:
            raise EvalError(f"{path}: restored content differs from the original; the "
                            f"original is kept in {backup}")
    os.remove(marker)
    os.remove(backup)


_pending_signal = []


@contextlib.contextmanager
def deferred_signals():
    old = {}

    def handler(sig, frame):
        _pending_signal.append(sig)
    for s in (signal.SIGINT, signal.SIGTERM):
        old[s] = signal.signal(s, handler)
    try:
        yield
    finally:
        for s, h in old.items():
            signal.signal(s, h)
        if _pending_signal:
            sig = _pending_signal.pop()
            raise KeyboardInterrupt(f"signal {sig}")


# A build compiled with gcc's --coverage: the test processes of the evaluation write their
# coverage data under this directory (GCOV_PREFIX), emptied after every build, so that no
# process merges into the data of an object since rebuilt ("libgcov profiling error: ...
# overwriting an existing profile data with a different checksum" on stderr, which an
# output-comparing test takes for a failure).
GCOV_SCRATCH = None


def build_project(build, logfile, jobs):
    """ok | discovery (only post-link test discovery failed) | broken."""
    if GCOV_SCRATCH:
        shutil.rmtree(GCOV_SCRATCH, ignore_errors=True)
        os.makedirs(GCOV_SCRATCH, exist_ok=True)
    r = subprocess.run(["nice", "-n", "10", "ninja", "-C", build, "-k", "0", "-j", str(jobs)],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = r.stdout.decode("utf-8", errors="replace")
    with open(logfile, "w") as f:
        f.write(out)
    if r.returncode == 0:
        return "ok"
    failed = re.split(r"^FAILED: ", out, flags=re.M)[1:]
    if failed and all("Error running test executable" in b or "gtest_discover_tests" in b
                      for b in failed):
        return "discovery"
    return "broken"


# ------------------------------------------------------------------------------ driver

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("checkout")
    ap.add_argument("build")
    ap.add_argument("--mutants", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--reuse-index", action="store_true",
                    help="keep LOG/tia.db from an earlier run: selection figures only")
    ap.add_argument("--max-tus", type=int, default=0,
                    help="skip candidates in files more than this many TUs read (rebuild cost)")
    ap.add_argument("--count-failing", action="store_true",
                    help="N counts mutants that make a test fail (at most 4N built)")
    ap.add_argument("--tia", default=os.path.join(ROOT, "build", "tia"))
    ap.add_argument("--jobs", "-j", type=int, default=2)
    ap.add_argument("--timeout", type=int, default=600, help="per CTest test (s)")
    ap.add_argument("--case-timeout", type=int, default=120, help="per single-case run (s)")
    ap.add_argument("--log")
    ap.add_argument("--name")
    ap.add_argument("--header", action="store_true")
    a = ap.parse_args()

    def on_term(sig, frame):
        raise KeyboardInterrupt(f"signal {sig}")
    signal.signal(signal.SIGTERM, on_term)  # SIGTERM unwinds like SIGINT: files restored
    try:
        return evaluate(a)
    except EvalError as e:
        log(f"realworld: error: {e}")
        return 2
    except KeyboardInterrupt:
        log("realworld: interrupted; the checkout is restored")
        return 130


def check_inputs(a):
    a.checkout = os.path.realpath(a.checkout)
    a.build = os.path.realpath(a.build)
    a.tia = os.path.realpath(a.tia)
    if not os.access(a.tia, os.X_OK):
        raise EvalError(f"{a.tia}: not an executable tia binary (pass --tia PATH)")
    if not os.path.isdir(os.path.join(a.checkout, ".git")) and not os.path.isfile(
            os.path.join(a.checkout, ".git")):
        raise EvalError(f"{a.checkout}: not the top of a git work tree")
    for f in ("build.ninja", "compile_commands.json", "CMakeCache.txt"):
        if not os.path.exists(os.path.join(a.build, f)):
            raise EvalError(f"{a.build}: no {f} (configure with -G Ninja "
                            f"-DCMAKE_EXPORT_COMPILE_COMMANDS=ON and build first)")
    a.log = os.path.realpath(a.log or os.path.join(a.build, "realworld-eval"))
    os.makedirs(a.log, exist_ok=True)
    global GCOV_SCRATCH
    coverage_build = any(f.endswith(".gcno") for _, _, fs in os.walk(a.build) for f in fs)
    if coverage_build:
        GCOV_SCRATCH = os.path.join(a.log, "gcov-scratch")
        os.environ["GCOV_PREFIX"] = GCOV_SCRATCH
        os.environ["GCOV_PREFIX_STRIP"] = "0"
    marker = os.path.join(a.log, "pending-restore.json")
    if os.path.exists(marker):
        log("realworld: restoring a file left mutated by an interrupted run")
        restore(marker, os.path.join(a.log, "pending-restore.orig"))
    status = sh(["git", "status", "--porcelain"], cwd=a.checkout)
    if status.strip():
        raise EvalError(f"{a.checkout}: the work tree is not clean (tia select --base HEAD "
                        f"would see these changes; commit, stash or exclude them):\n"
                        + status[:1000])


def evaluate(a):
    check_inputs(a)
    commit = sh(["git", "rev-parse", "HEAD"], cwd=a.checkout).strip()
    name = a.name or os.path.basename(a.checkout)
    if name in ("src", "source"):
        name = os.path.basename(os.path.dirname(a.checkout))
    summary = {"project": name, "commit": commit, "jobs": a.jobs, "seed": a.seed,
               "tia": a.tia}
    findings = []
    if build_project(a.build, os.path.join(a.log, "build-initial.log"), a.jobs) == "broken":
        raise EvalError(f"the unmutated build fails; see {a.log}/build-initial.log")

    # 1. Index figures.
    ents = rw_index.entries(a.build)
    summary["tus"] = len(ents)
    db = os.path.join(a.log, "tia.db")
    if a.reuse_index and os.path.exists(db):
        # Selection only: the index figures come from an earlier run; tia select brings
        # the database up to date incrementally.
        log(f"[{name}] reusing {db} (no index figures)")
        sh([a.tia, "index", "-p", a.build, "--db", db, "-j", str(a.jobs)])
        clang_res = {}
        summary.update(cold_ratio=None)
    else:
        log(f"[{name}] {len(ents)} TUs: clang -fsyntax-only -j{a.jobs} ...")
        clang_secs, clang_res = rw_index.clang_all(ents, a.jobs)
        log(f"[{name}] clang {clang_secs:.1f} s; cold tia index -j{a.jobs} ...")
        tia_secs, tia_summary = rw_index.tia_cold(a.tia, a.build, db, a.jobs,
                                                  os.path.join(a.log, "index-cold.log"))
        summary.update(clang_s=clang_secs, tia_s=tia_secs, cold_ratio=tia_secs / clang_secs,
                       tia_summary=tia_summary)
        log(f"[{name}] tia {tia_secs:.1f} s (ratio {tia_secs / clang_secs:.2f}): "
            f"{tia_summary}")
    stats = sh([a.tia, "stats", "-p", a.build, "--db", db], check=False)
    with open(os.path.join(a.log, "stats.txt"), "w") as f:
        f.write(stats)
    tus = rw_index.tu_status(db)
    fails, both = [], []
    for path, (st, diags) in sorted(tus.items()):
        if st == 0:
            continue
        rc, first = clang_res.get(path, (None, ""))
        (fails if rc == 0 else both).append({"file": path, "tia_status": st, "diags": diags,
                                             "clang": first})
    summary["index_failures"] = len(fails) if clang_res else None
    summary["index_failures_clang_too"] = len(both)
    for f in fails:
        findings.append(f"index failure: {f['file']} (tia status {f['tia_status']}, clang "
                        f"parses it): " + " | ".join(f["diags"]))
    empty = rw_index.empty_name_targets(db)
    summary["empty_name_targets"] = empty
    for usr, n in empty:
        findings.append(f"empty-name symbol with {n} incoming edges: {usr}")

    if a.mutants > 0:
        select_eval(a, db, summary, findings)

    with open(os.path.join(a.log, "summary.json"), "w") as f:
        json.dump(summary, f, indent=2)
    with open(os.path.join(a.log, "findings.md"), "w") as f:
        f.write("\n".join(f"- {x}" for x in findings) + "\n")
    for x in findings:
        log(f"finding: {x}")
    print_row(a, summary)
    return 0


def pct(x):
    return "–" if x is None else f"{100 * x:.1f} %"


def frac(x):
    return "–" if x is None else f"{x:.3f}"


def print_row(a, s):
    if a.header:
        print("| project | commit | TUs | tests | cases | index failures | cold ratio | "
              "mutants (with failures) | safety (cases) | selected cases | oracle cases | "
              "file-level cases | safety (tests) | selected tests | oracle tests | "
              "file-level tests |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    m = s.get("mutants_built")
    muts = "–" if m is None else f"{m} ({s['mutants_failing']})"
    print(f"| {s['project']} | {s['commit'][:12]} | {s['tus']} | {s.get('tests', '–')} | "
          f"{s.get('cases', '–')} | {'–' if s['index_failures'] is None else s['index_failures']} | "
          f"{'–' if s['cold_ratio'] is None else format(s['cold_ratio'], '.2f') + 'x'} | "
          f"{muts} | "
          f"{pct(s.get('safety_cases'))} | {frac(s.get('selected_cases'))} | "
          f"{frac(s.get('oracle_cases'))} | {frac(s.get('file_level_cases'))} | "
          f"{pct(s.get('safety_tests'))} | {frac(s.get('selected_tests'))} | "
          f"{frac(s.get('oracle_tests'))} | {frac(s.get('file_level_tests'))} |")


def split_cases(tests, build):
    """Sets t.exe, t.fw and t.cases for each test whose program is a test framework's
    executable in the build directory and whose arguments leave it running its cases."""
    for t in tests:
        if not t.command:
            continue
        exe = t.command[0]
        if not os.path.isabs(exe):
            exe = os.path.join(t.cwd or build, exe)
        exe = os.path.realpath(exe)
        if not (os.path.isfile(exe) and exe.startswith(build + "/")):
            continue
        t.exe = exe
        t.fw = fw.detect(exe)
        # A pass regex or an inverted verdict says more than the exit code of one case;
        # a fail regex (Catch2's RunTests: "Filters:") only adds failures and a skip regex
        # (gtest_discover_tests: "[  SKIPPED ]") only hides them, so the exit code of each
        # case still tells whether it passes.
        special = any(k in t.props for k in ("WILL_FAIL", "PASS_REGULAR_EXPRESSION",
                                              "SKIP_RETURN_CODE"))
        if t.fw == fw.NONE or special or not fw.splittable(t.fw, t.command[1:]):
            continue
        with tempfile.TemporaryDirectory(prefix="rw-list-") as tmp:
            cases = fw.list_cases(t.fw, t.command, t.cwd or build, fw.exe_env(t.props, tmp))
        if cases:
            t.cases = cases


def prepare_universe(a, summary, findings):
    """The tests and cases the evaluation counts, after one clean run."""
    all_tests = load_tests(a.build)
    log(f"[{summary['project']}] baseline: whole suite ({len(all_tests)} CTest tests) ...")
    t0 = time.monotonic()
    base = run_suite(a.build, a.jobs, a.timeout, a.log, "baseline")
    summary["suite_s"] = time.monotonic() - t0
    tests, dropped = [], {}
    a.failing_at_baseline = []
    for t in all_tests:
        why = None
        if t.props.get("DISABLED"):
            why = "disabled"
        elif t.props.get("FIXTURES_SETUP") or t.props.get("FIXTURES_CLEANUP"):
            why = "fixture set-up/clean-up"
        elif base.get(t.name) != "pass":
            why = f"baseline {base.get(t.name, 'not run')}"
            a.failing_at_baseline.append(t.name)
        if why:
            dropped[t.name] = why
            continue
        tests.append(t)
    summary["tests_total"] = len(all_tests)
    summary["tests_dropped"] = dropped
    # Split into cases.
    split_cases(tests, a.build)
    # Each case alone once; drop what fails alone.
    owners = {}  # (exe, case) -> first test that runs it
    for t in tests:
        for c in t.cases or []:
            owners.setdefault((t.exe, c), t)
    log(f"[{summary['project']}] baseline: {len(owners)} cases alone ...")
    bad = set()
    by_test = {}
    for (exe, c), t in owners.items():
        by_test.setdefault(t.name, (t, []))[1].append(c)
    for t, cs in by_test.values():
        if len(cs) == 1 and t.cases == cs:
            continue  # one CTest test per case: the CTest run already passed it
        for c, ok in run_cases_alone(a.build, t, cs, all_tests, a.jobs,
                                     a.case_timeout).items():
            if not ok:
                bad.add((t.exe, c))
    if bad:
        findings.append(f"{len(bad)} cases fail when run alone on the unmutated build "
                        f"(left out): " + ", ".join(sorted(c for _, c in bad))[:500])
    cases = {k for k in owners if k not in bad}
    for t in tests:
        if not t.split:
            cases.add(("ctest", t.name))
    compare_case_names(a, tests, summary, findings)
    summary["tests"] = len(tests)
    summary["cases"] = len(cases)
    summary["cases_failing_alone_at_baseline"] = len(bad)
    summary["frameworks"] = {t.name: t.fw + (f" ({len(t.cases)} cases)" if t.split else
                                             " (not split)") for t in tests}
    return all_tests, tests, cases, bad


def compare_case_names(a, tests, summary, findings):
    """Cases the programs list that tia's index has no test case for, and the reverse."""
    import sqlite3
    con = sqlite3.connect(os.path.join(a.log, "tia.db"))
    try:
        rows = con.execute("SELECT DISTINCT framework, suite, name FROM test_cases WHERE "
                           "shard_id IN (SELECT shard_id FROM tu_inputs)").fetchall()
    finally:
        con.close()
    indexed = {}
    for framework, suite, name in rows:
        key = fw.normalize_gtest(f"{suite}.{name}") if framework == "gtest" else name
        indexed.setdefault(framework, set()).add(key)
    listed = {}
    for t in tests:
        for c in t.cases or []:
            listed.setdefault(t.fw, set()).add(fw.normalize_gtest(c) if t.fw == fw.GTEST else c)
    for framework, names in listed.items():
        known = indexed.get(framework, set())
        unknown = sorted(names - known)
        if unknown:
            findings.append(f"{len(unknown)} {framework} cases the programs run have no indexed "
                            f"test case of that name: {unknown[:15]}")
        summary[f"cases_not_indexed_{framework}"] = len(unknown)


def test_cases_of(t):
    return {(t.exe, c) for c in t.cases} if t.split else {("ctest", t.name)}


def match_cases(t, names):
    """Program case names of test t that tia's case names denote; and tia names that
    match no program case."""
    want_raw = set(names)
    want_norm = {fw.normalize_gtest(n) for n in names} if t.fw == fw.GTEST else want_raw
    got, seen = set(), set()
    for c in t.cases:
        key = fw.normalize_gtest(c) if t.fw == fw.GTEST else c
        if c in want_raw or key in want_norm:
            got.add(c)
            seen.add(c if c in want_raw else key)
    unmatched = [n for n in names if n not in seen and
                 (fw.normalize_gtest(n) if t.fw == fw.GTEST else n) not in seen]
    return got, unmatched


def aggregate(summary, rows, skipped, nU, nT):
    """The selection figures over the mutants evaluated so far."""
    summary["skipped_candidates"] = skipped
    summary["mutants_built"] = len(rows)
    with_fail = [r for r in rows if r["failing_tests"]]
    summary["mutants_failing"] = len(with_fail)

    def mean(xs):
        return sum(xs) / len(xs) if xs else None
    summary["safety_cases"] = mean([1.0 if r["safe"] else 0.0 for r in with_fail])
    summary["safety_tests"] = mean([1.0 if not r["missed_tests"] else 0.0 for r in with_fail])
    summary["selected_cases"] = mean([r["n_selected_cases"] / nU for r in rows])
    summary["oracle_cases"] = mean([len(r["failing_cases"]) / nU for r in rows])
    summary["file_level_cases"] = mean([r["n_file_level_cases"] / nU for r in rows])
    summary["selected_tests"] = mean([r["n_selected_tests"] / nT for r in rows])
    summary["oracle_tests"] = mean([len(r["failing_tests"]) / nT for r in rows])
    summary["file_level_tests"] = mean([r["n_file_level_tests"] / nT for r in rows])
    summary["all_selected"] = sum(1 for r in rows if r["all"])


def select_eval(a, db, summary, findings):
    all_tests, tests, universe, bad = prepare_universe(a, summary, findings)
    by_name = {t.name: t for t in tests}
    filemap = file_level_map(a.build, tests)
    cands = rw_mutants.candidates(db, a.checkout, a.build)
    random.Random(a.seed).shuffle(cands)
    if a.max_tus:
        readers = tus_reading(db)
        n0 = len(cands)
        cands = [c for c in cands if readers.get(c[0], 0) <= a.max_tus]
        summary["candidates_over_max_tus"] = n0 - len(cands)
    summary["candidates"] = len(cands)
    log(f"[{summary['project']}] {len(tests)} tests, {len(universe)} cases, "
        f"{len(cands)} candidate functions")
    skipped, rows = {}, []
    masks = {}
    mlog = open(os.path.join(a.log, "mutants.jsonl"), "w")
    try:
        for path, line, col, line_end, sname, qname in cands:
            n_fail = sum(1 for r in rows if r["failing_tests"])
            if (n_fail if a.count_failing else len(rows)) >= a.mutants or \
                    len(rows) >= 4 * a.mutants:
                break
            if path not in masks:
                text = rw_mutants.read_text(path)
                masks[path] = (text, rw_mutants.code_mask(text))
            text, mask = masks[path]
            off, why = rw_mutants.find_body(text, mask, line, col, line_end, sname)
            if off is None:
                skipped[why] = skipped.get(why, 0) + 1
                continue
            rel = os.path.relpath(path, a.checkout)
            where = f"{rel}:{line}"
            k = len(rows) + 1
            log(f"[{summary['project']}] mutant {k} ({a.mutants}"
                f"{' with failures' if a.count_failing else ''} wanted): {qname} ({where})")
            with Mutation(path, off, a.log):
                b = build_project(a.build, os.path.join(a.log, f"build-m{k}.log"), a.jobs)
                if b == "broken":
                    skipped["does not build with a trap"] = \
                        skipped.get("does not build with a trap", 0) + 1
                    log("    does not build with a trap; next candidate")
                    continue
                row = evaluate_mutant(a, db, k, qname, where, path, all_tests, tests, by_name,
                                      universe, bad, filemap, findings)
            rows.append(row)
            mlog.write(json.dumps(row) + "\n")
            mlog.flush()
            aggregate(summary, rows, skipped, len(universe), len(tests))
            with open(os.path.join(a.log, "row-partial.md"), "w") as f:
                with contextlib.redirect_stdout(f):
                    print_row(argparse.Namespace(header=True), summary)
            log(f"    failing {len(row['failing_tests'])} tests / "
                f"{len(row['failing_cases'])} cases; selected {row['n_selected_tests']} "
                f"tests / {row['n_selected_cases']} cases; "
                f"{ {True: 'SAFE', False: 'MISS', None: 'no failure'}[row['safe']] }")
    finally:
        mlog.close()
        log(f"[{summary['project']}] rebuilding the restored checkout ...")
        if build_project(a.build, os.path.join(a.log, "build-final.log"), a.jobs) == "broken":
            log(f"realworld: warning: the restored build fails; see {a.log}/build-final.log")
    aggregate(summary, rows, skipped, len(universe), len(tests))


def tus_reading(db):
    import sqlite3
    con = sqlite3.connect(db)
    try:
        root = rw_mutants.source_root(con)
        return {os.path.join(root, p): n for p, n in con.execute(
            "SELECT f.path, count(DISTINCT i.tu_id) FROM tu_inputs i "
            "JOIN shards sh ON sh.id = i.shard_id JOIN files f ON "
            "f.id = sh.file_id GROUP BY f.path").fetchall()}
    finally:
        con.close()


def evaluate_mutant(a, db, k, qname, where, path, all_tests, tests, by_name, universe, bad,
                    filemap, findings):
    t0 = time.monotonic()
    res = run_suite(a.build, a.jobs, a.timeout, a.log, f"m{k}", a.failing_at_baseline)
    failing_tests = sorted(t.name for t in tests if res.get(t.name) != "pass")
    failing_cases, whole_only = set(), []
    for n in failing_tests:
        t = by_name[n]
        if not t.split:
            failing_cases.add(("ctest", n))
            continue
        mine = [c for c in t.cases if (t.exe, c) not in bad]
        if len(mine) == 1:
            failing_cases.add((t.exe, mine[0]))
            continue
        alone = run_cases_alone(a.build, t, mine, all_tests, a.jobs, a.case_timeout)
        got = {(t.exe, c) for c, ok in alone.items() if not ok}
        if not got:
            whole_only.append(n)
        failing_cases |= got
    suite_s = time.monotonic() - t0
    # tia's selection.
    t1 = time.monotonic()
    r = subprocess.run([a.tia, "select", "-p", a.build, "--db", db, "--base", "HEAD",
                        "--format", "json", "-j", str(a.jobs)], cwd=a.checkout,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    select_s = time.monotonic() - t1
    if r.returncode != 0:
        raise EvalError(f"tia select failed on mutant {k} ({where}): "
                        f"{r.stderr.decode(errors='replace')[-1000:]}")
    sel = json.loads(r.stdout)
    with open(os.path.join(a.log, f"select-m{k}.json"), "wb") as f:
        f.write(r.stdout)
    selected_tests, selected_cases, narrowed, notes = set(), set(), {}, []
    for st in sel.get("tests", []):
        t = by_name.get(st["name"])
        if not t:
            continue
        selected_tests.add(t.name)
        if not t.split:
            selected_cases.add(("ctest", t.name))
        elif st.get("whole") or st.get("cases") is None:
            selected_cases |= test_cases_of(t)
        else:
            got, unmatched = match_cases(t, st["cases"])
            if unmatched:
                notes.append(f"{t.name}: tia case names matching no program case: "
                             f"{unmatched[:10]}")
            selected_cases |= {(t.exe, c) for c in got}
            narrowed[t.name] = got
    selected_cases &= universe
    missed_tests = [n for n in failing_tests if n not in selected_tests]
    missed_cases = sorted(c for (e, c) in failing_cases - selected_cases)
    # Complement of every narrowed test: its cases tia did not select must pass.
    complement_fail = []
    for n, got in narrowed.items():
        t = by_name[n]
        rest = [c for c in t.cases if c not in got and (t.exe, c) not in bad]
        if not rest:
            continue
        excl = sorted(got | {c for c in t.cases if (t.exe, c) in bad})
        argv = fw.except_args(t.fw, t.command, excl)
        if not verified_list(t, argv, rest, a.build, notes):
            argv = fw.only_args(t.fw, t.command, rest)
            if not verified_list(t, argv, rest, a.build, notes):
                notes.append(f"{n}: complement not runnable; counted from single cases")
                continue
        with tempfile.TemporaryDirectory(prefix="rw-compl-") as tmp:
            with fixtures(a.build, t, all_tests):
                rc, out = fw.run(argv, t.cwd or a.build, fw.exe_env(t.props, tmp),
                                 a.timeout)
        if rc != 0:
            complement_fail.append({"test": n, "rc": str(rc), "tail": out[-1500:]})
    # File-level baseline.
    changed = os.path.realpath(path)
    fl_tests = {t.name for t in tests if not t.exe or changed in filemap.get(t.exe, ())}
    fl_cases = set()
    for n in fl_tests:
        fl_cases |= test_cases_of(by_name[n])
    fl_cases &= universe
    safe = bool(failing_tests) and not missed_tests and not missed_cases and not complement_fail
    row = {"k": k, "function": qname, "where": where, "failing_tests": failing_tests,
           "failing_cases": sorted(c for _, c in failing_cases), "whole_run_only": whole_only,
           "all": sel.get("all", False), "all_reason": sel.get("all_reason", ""),
           "n_selected_tests": len(selected_tests), "n_selected_cases": len(selected_cases),
           "n_file_level_tests": len(fl_tests), "n_file_level_cases": len(fl_cases),
           "missed_tests": missed_tests, "missed_cases": missed_cases,
           "complement_failures": complement_fail, "safe": safe if failing_tests else None,
           "notes": notes, "suite_s": suite_s, "select_s": select_s,
           "changed": sel.get("changed", [])}
    if missed_tests or missed_cases or complement_fail:
        why = []
        for c in (missed_cases or missed_tests)[:3]:
            w = subprocess.run([a.tia, "why", c, "-p", a.build, "--db", db, "--base", "HEAD",
                                "--no-index"], cwd=a.checkout, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
            why.append(f"$ tia why {c}\n{w.stdout.decode(errors='replace')}")
        row["why"] = why
        findings.append(f"MISS mutant {k}: {qname} ({where}): missed tests {missed_tests}, "
                        f"missed cases {missed_cases[:20]}, complement failures "
                        f"{[c['test'] for c in complement_fail]}; tia selected "
                        f"{sorted(selected_tests)[:20]}; changed {row['changed']}")
    if row["all"]:
        findings.append(f"mutant {k} ({where}): everything selected: {row['all_reason']}")
    for n in notes:
        findings.append(f"mutant {k} ({where}): {n}")
    return row


if __name__ == "__main__":
    sys.exit(main())
