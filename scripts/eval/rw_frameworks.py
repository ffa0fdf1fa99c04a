"""Test frameworks for scripts/eval/realworld.py: which framework a test executable uses,
the cases a CTest test runs, and the command lines that run one case alone or every case
but a given set (GoogleTest --gtest_filter, Catch2 v3 test specs, doctest -tc=/-tce=).

Every filter is checked by listing before it is trusted: the listed cases must be exactly
the expected ones (names with wildcards or separators can defeat a filter).
"""
import os
import re
import subprocess

GTEST, CATCH2, DOCTEST, NONE = "gtest", "catch2", "doctest", "none"

_framework_cache = {}


def detect(exe):
    """The framework of an executable file, from strings its binary must contain."""
    if exe in _framework_cache:
        return _framework_cache[exe]
    fw = NONE
    try:
        with open(exe, "rb") as f:
            data = f.read()
        if b"dt-test-case-exclude" in data or b"test-case-exclude" in data and b"doctest" in data:
            fw = DOCTEST
        elif b"gtest_list_tests" in data:
            fw = GTEST
        elif b"list-tests" in data and b"rng-seed" in data and b"Catch" in data:
            fw = CATCH2
    except OSError:
        pass
    _framework_cache[exe] = fw
    return fw


# Catch2 options a CTest command may carry while still running its test spec normally.
_CATCH_OK_VALUE = {"--order", "--rng-seed", "-w", "--warn", "-d", "--durations",
                   "--colour-mode", "--min-duration", "-D", "--benchmark-samples",
                   "--benchmark-resamples", "--benchmark-confidence-interval",
                   "--benchmark-warmup-time"}
_CATCH_OK_FLAG = {"--allow-running-no-tests", "--skip-benchmarks", "-e", "--nothrow",
                  "--benchmark-no-analysis", "-s", "--success", "-b", "--break"}


def splittable(fw, args):
    """Whether a CTest command's arguments leave the program running its cases normally
    (so its cases can be run one by one and narrowed)."""
    if fw == GTEST:
        return not any(a.startswith(("--gtest_list_tests", "--gtest_repeat", "--help", "-h"))
                       for a in args)
    if fw == CATCH2:
        i = 0
        while i < len(args):
            a = args[i]
            name = a.split("=", 1)[0]
            if name in _CATCH_OK_VALUE:
                i += 1 if "=" in a else 2
                continue
            if a in _CATCH_OK_FLAG or not a.startswith("-"):
                i += 1
                continue
            return False
        return True
    if fw == DOCTEST:
        return not any(re.match(r"--?(dt-)?(ltc|lts|lr|list|h$|help|v$|version|c$|count|"
                                r"no-run|nr)", a) for a in args)
    return False


def run(argv, cwd, env, timeout):
    """(returncode or 'timeout', output)."""
    try:
        r = subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=timeout)
        return r.returncode, r.stdout.decode("utf-8", errors="replace")
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode("utf-8", errors="replace") if e.stdout else ""
        return "timeout", out
    except OSError as e:
        return "oserror", str(e)


def _parse_gtest_list(out, include_disabled):
    cases, suite = [], None
    for line in out.splitlines():
        if not line.strip():
            continue
        if not line.startswith(" "):
            m = re.match(r"^(\S+)\.(\s+#.*)?$", line)
            suite = m.group(1) if m else None
            continue
        m = re.match(r"^  (\S+)(\s+#.*)?$", line)
        if suite and m:
            name = f"{suite}.{m.group(1)}"
            if include_disabled or "DISABLED_" not in name:
                cases.append(name)
    return cases


def _parse_doctest_list(out):
    """Names between the separator lines of `-ltc`; doctest's own lines start with
    "[doctest]"."""
    sep = "=" * 20
    names, inside = [], False
    for line in out.splitlines():
        if line.startswith(sep):
            inside = True
            continue
        if inside and line and not line.startswith("[doctest]"):
            names.append(line)
    return names if inside else None


def list_cases(fw, argv, cwd, env, timeout=120):
    """Cases the command would run, or None when it cannot be told."""
    if fw == GTEST:
        rc, out = run(argv + ["--gtest_list_tests"], cwd, env, timeout)
        if rc != 0:
            return None
        return _parse_gtest_list(out, any(a.startswith("--gtest_also_run_disabled_tests")
                                          for a in argv))
    if fw == CATCH2:
        rc, out = run(argv + ["--list-tests", "--verbosity", "quiet"], cwd, env, timeout)
        if rc not in (0, 2):  # v3 lists nothing and may exit 2 for an unmatched spec
            return None
        # Catch2 quotes names that start with '#' so they read back as names, not tags.
        return [l[1:-1] if l.startswith('"#') and l.endswith('"') else l
                for l in out.splitlines() if l.strip()]
    if fw == DOCTEST:
        rc, out = run(argv + ["-ltc", "--no-version"], cwd, env, timeout)
        if rc != 0:
            return None
        return _parse_doctest_list(out)
    return None


def _gtest_filter_args(argv, positive, negative):
    pos = "*"
    for a in argv:
        if a.startswith("--gtest_filter="):
            pos = a.split("=", 1)[1]
    rest = [a for a in argv if not a.startswith("--gtest_filter=")]
    if positive is not None:
        # One case inside the test's own filter: the case name alone is enough (it was
        # listed under the test's filter).
        return rest + ["--gtest_filter=" + ":".join(positive)]
    pos_part, _, neg_part = pos.partition("-")
    neg = ":".join(x for x in [neg_part] + list(negative) if x)
    return rest + ["--gtest_filter=" + (pos_part or "*") + ("-" + neg if neg else "")]


def _catch_escape(name):
    return '"' + re.sub(r'([\\"\[\],*~])', r"\\\1", name) + '"'


def _doctest_escape(name):
    return re.sub(r"([\\,])", r"\\\1", name)


def only_args(fw, argv, cases):
    """Command running exactly `cases` of the test (a subset of what argv runs)."""
    if fw == GTEST:
        return _gtest_filter_args(argv, cases, None)
    if fw == CATCH2:
        return argv + [",".join(_catch_escape(c) for c in cases)]
    if fw == DOCTEST:
        return argv + ["-tc=" + ",".join(_doctest_escape(c) for c in cases)]
    raise ValueError(fw)


def except_args(fw, argv, cases):
    """Command running every case argv runs except `cases`."""
    if fw == GTEST:
        return _gtest_filter_args(argv, None, cases)
    if fw == CATCH2:
        return argv + ["~" + _catch_escape(c) for c in cases]
    if fw == DOCTEST:
        return argv + ["-tce=" + ",".join(_doctest_escape(c) for c in cases)]
    raise ValueError(fw)


def normalize_gtest(name):
    """Inst/Suite/0.Case/1 -> Suite.Case (how tia names a parameterized or typed case)."""
    suite, dot, case = name.partition(".")
    if not dot:
        return name
    parts = suite.split("/")
    if len(parts) > 1 and parts[-1].isdigit():
        parts = parts[:-1]
    return parts[-1] + "." + case.split("/")[0]


def exe_env(props, tmp):
    env = dict(os.environ)
    for kv in props.get("ENVIRONMENT", []) or []:
        k, _, v = kv.partition("=")
        env[k] = v
    env["TMPDIR"] = tmp
    env["TEST_TMPDIR"] = tmp
    env["GTEST_COLOR"] = "no"
    return env
