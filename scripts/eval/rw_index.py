"""Index figures for scripts/eval/realworld.py: cold `tia index` against `clang
-fsyntax-only` over the same TUs with the same parallelism, and the TUs tia records as
failed or with errors while clang parses them.

The clang command is the TU's own compile command rewritten the way tia rewrites it for
libclang: no -c/-o/-M* arguments, GCC-only flags dropped, the compiler's default -std
added when the command has none (GCC 12: gnu++17 / gnu17), unknown warnings silenced.
"""
import concurrent.futures
import json
import os
import shlex
import sqlite3
import subprocess
import time

# Flags clang does not accept (the same list tia drops, src/buildmodel/compile_db.cc).
GCC_ONLY = {"-fno-fat-lto-objects", "-ffat-lto-objects", "-fuse-linker-plugin", "-fcoroutines",
            "-fconcepts", "-fno-lifetime-dse", "-fext-numeric-literals",
            "-fno-ext-numeric-literals", "-fallow-store-data-races",
            "-fno-allow-store-data-races", "-fno-gnu-unique", "-fimplicit-constexpr",
            "-fdevirtualize-at-ltrans", "-fmodules-ts", "-fno-keep-inline-dllexport",
            "-fno-enforce-eh-specs", "-fstrict-volatile-bitfields",
            "-fno-tree-loop-distribute-patterns", "-fno-var-tracking", "-fvar-tracking",
            "-fno-printf-return-value", "-fsched-pressure", "-fno-code-hoisting", "-fipa-pta",
            "-Wno-psabi", "-pedantic-errors", "-Werror"}
GCC_ONLY_PREFIX = ("-fconcepts-diagnostics-depth=", "-fipa-", "-fno-ipa-", "-fvar-tracking-",
                   "-fno-var-tracking-", "-flto-partition=", "-fharden-", "-fmax-errors=",
                   "-Werror=", "-fcompare-debug", "-fno-tree-", "-ftree-", "-fsched-",
                   "-fno-sched-", "-fgcse", "-fno-gcse", "-fabi-version=",
                   "-fsanitize-address-use-after-scope-", "-fcf-runtime-")


def entries(build):
    with open(os.path.join(build, "compile_commands.json")) as f:
        return json.load(f)


def entry_file(e):
    return os.path.normpath(os.path.join(e["directory"], e["file"]))


def syntax_only(e):
    args = e.get("arguments") or shlex.split(e["command"])
    compiler = os.path.basename(args[0])
    is_c = "++" not in compiler and compiler not in ("c++",)
    out = ["clang" if is_c else "clang++", "-fsyntax-only"]
    has_std = False
    src = entry_file(e)
    i = 1
    while i < len(args):
        a = args[i]
        i += 1
        if a in ("-c", "-S", "-E", "--"):
            continue
        if a in ("-o", "-MF", "-MT", "-MQ"):
            i += 1
            continue
        if (a.startswith("-o") and len(a) > 2) or a.startswith("-M"):
            continue
        if a in GCC_ONLY or a.startswith(GCC_ONLY_PREFIX):
            continue
        if not a.startswith("-") and os.path.normpath(os.path.join(e["directory"], a)) == src:
            continue
        if a.startswith(("-std=", "--std=")):
            has_std = True
        out.append(a)
    if not has_std and "clang" not in compiler:
        out.append("-std=gnu17" if (is_c or src.endswith(".c")) else "-std=gnu++17")
    out += ["-Wno-unknown-warning-option", "-Wno-unused-command-line-argument", src]
    return out


def clang_all(ents, jobs):
    """(seconds, {file: (returncode, first error line)})."""
    def one(e):
        r = subprocess.run(syntax_only(e), cwd=e["directory"], stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE)
        err = r.stderr.decode("utf-8", errors="replace")
        first = next((l for l in err.splitlines() if " error: " in l or
                      l.startswith("error:") or "fatal error:" in l), "")
        return entry_file(e), r.returncode, first
    t0 = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as ex:
        res = list(ex.map(one, ents))
    secs = time.monotonic() - t0
    out = {}
    for f, rc, first in res:
        if f not in out or out[f][0] == 0:
            out[f] = (rc, first)
    return secs, out


def tia_cold(tia, build, db, jobs, log):
    for suffix in ("", "-wal", "-shm", ".lock"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    t0 = time.monotonic()
    r = subprocess.run([tia, "index", "-p", build, "--db", db, "-j", str(jobs)],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    secs = time.monotonic() - t0
    with open(log, "w") as f:
        f.write(r.stdout.decode(errors="replace") + r.stderr.decode(errors="replace"))
    if r.returncode != 0:
        raise RuntimeError(f"tia index failed (exit {r.returncode}), see {log}")
    return secs, r.stdout.decode(errors="replace").strip().splitlines()[-1:]


def tu_status(db):
    """{main file: (status, [diagnostic lines])}; status 0 ok, 1 with errors, 2 failed."""
    con = sqlite3.connect(db)
    try:
        out = {}
        for tu_id, path, status in con.execute(
                "SELECT t.id, f.path, t.status FROM tus t JOIN files f ON f.id = t.file_id"):
            diags = [f"{fi}:{li}:{co}: {msg}" for fi, li, co, msg in con.execute(
                "SELECT file, line, col, message FROM diagnostics WHERE tu_id = ? "
                "ORDER BY severity DESC LIMIT 5", (tu_id,))]
            if path not in out or out[path][0] < status:
                out[path] = (status, diags)
        return out
    finally:
        con.close()


def empty_name_targets(db):
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT s.usr, count(*) FROM symbols s JOIN edges e ON "
                           "e.dst_id = s.id WHERE s.name = '' GROUP BY 1 ORDER BY 2 DESC "
                           "LIMIT 20").fetchall()
    finally:
        con.close()
