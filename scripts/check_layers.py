#!/usr/bin/env python3
"""The layering of tia's modules, checked: run by CTest (tests `layering` and
`layering.self_test`) and by hand.

    scripts/check_layers.py [ROOT]     check the tree at ROOT (default: this checkout)
    scripts/check_layers.py --self-test

A module (src/<m>/ and include/tia/<m>/) may include headers of its own module and of
modules in lower layers only; modules of one layer do not include each other. SQLite and
SQL stay inside the store: nothing else includes <sqlite3.h>, calls sqlite3_*, uses Stmt or
Db::Prepare/Exec, or spells a SQL statement. The layers below are the ones
docs/architecture.md shows; the check fails when the two disagree.
"""
import os
import re
import sys
import tempfile

# Lowest first. The one definition of the layer order.
LAYERS = [
    ["util"],
    ["store"],
    ["buildmodel", "vcs", "constraint", "report", "graph"],
    ["select"],
    ["index", "audit", "run"],
    ["app"],
    ["cli"],
]

# Files outside src/store that still hold SQL while their queries move behind store
# functions. Empty this list once they have moved; an entry whose file no longer has SQL
# fails the check, so the list cannot outlive its reason.
KNOWN_SQL_OUTSIDE_STORE = []

LAYER_OF = {m: i for i, layer in enumerate(LAYERS) for m in layer}
LAYER_LINE = " < ".join(", ".join(layer) for layer in LAYERS)
SOURCE_EXTS = (".cc", ".h", ".cpp", ".hpp")

INCLUDE_RE = re.compile(r'^\s*#\s*include\s*[<"]tia/([a-z_]+)/([^>"]+)[>"]')
SQLITE_INCLUDE_RE = re.compile(r'^\s*#\s*include\s*[<"]sqlite3\.h[>"]')
SQLITE_CALL_RE = re.compile(r"\bsqlite3_[a-z_0-9]+\s*\(")
DB_API_RE = re.compile(r"\bStmt\b|(?:\.|->)(?:Prepare|Exec)\s*\(")
SQL_TEXT_RE = re.compile(
    r'"\s*(?:SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|BEGIN|COMMIT|ROLLBACK|'
    r'VACUUM|REPLACE|WITH)\b')


def module_files(root):
    """Yields (module, path relative to root) of every source file of every module."""
    for top, prefix in (("src", ""), ("include", "tia")):
        base = os.path.join(root, top, prefix)
        if not os.path.isdir(base):
            continue
        for module in sorted(os.listdir(base)):
            mdir = os.path.join(base, module)
            if not os.path.isdir(mdir):
                continue
            for dirpath, _, files in os.walk(mdir):
                for name in sorted(files):
                    if name.endswith(SOURCE_EXTS):
                        path = os.path.join(dirpath, name)
                        yield module, os.path.relpath(path, root)


def code_lines(path):
    """(line number, text without // comments) of each line of `path`."""
    with open(path, encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f, 1):
            yield number, re.sub(r"//.*$", "", line.rstrip("\n"))


def check(root, known_sql=KNOWN_SQL_OUTSIDE_STORE):
    """The problems of the tree at `root`, one message per problem; `known_sql` are the
    files outside the store allowed to hold SQL."""
    problems = []
    modules = set()
    sql_files = set()
    for module, rel in module_files(root):
        modules.add(module)
        if module not in LAYER_OF:
            problems.append(f"{rel}: module '{module}' has no layer in scripts/check_layers.py")
            continue
        in_store_sources = rel.startswith("src/store/")
        in_store = in_store_sources or rel.startswith("include/tia/store/")
        for number, line in code_lines(os.path.join(root, rel)):
            where = f"{rel}:{number}"
            m = INCLUDE_RE.match(line)
            if m:
                used = m.group(1)
                if used not in LAYER_OF:
                    problems.append(f"{where}: includes tia/{used}/{m.group(2)}, "
                                    f"a module with no layer")
                elif used != module and LAYER_OF[used] >= LAYER_OF[module]:
                    problems.append(
                        f"{where}: {module} includes tia/{used}/{m.group(2)}, but {used} is "
                        f"not in a layer below {module} ({LAYER_LINE})")
            if SQLITE_INCLUDE_RE.match(line) and not in_store_sources:
                problems.append(f"{where}: includes <sqlite3.h> outside src/store")
            elif not in_store and SQLITE_CALL_RE.search(line):
                problems.append(f"{where}: calls SQLite outside src/store")
            if not in_store and (DB_API_RE.search(line) or SQL_TEXT_RE.search(line)):
                sql_files.add(rel)
                if rel not in known_sql:
                    problems.append(f"{where}: SQL outside src/store (put it behind a store "
                                    f"function that returns plain structs)")
    for rel in known_sql:
        if rel not in sql_files:
            problems.append(f"{rel}: no SQL left: remove it from KNOWN_SQL_OUTSIDE_STORE in "
                            f"scripts/check_layers.py")
    for module in sorted(set(LAYER_OF) - modules):
        problems.append(f"src/{module}: module of the layers missing from the tree")
    doc = os.path.join(root, "docs", "architecture.md")
    if os.path.exists(doc):
        with open(doc, encoding="utf-8") as f:
            if LAYER_LINE not in f.read():
                problems.append(f"docs/architecture.md: does not show the layers as "
                                f"scripts/check_layers.py defines them: {LAYER_LINE}")
    return problems


def write(root, rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def self_test():
    """Checks that a clean tree passes and that each kind of problem is reported."""
    failures = []
    known = ["src/graph/known.cc"]  # independent of the real list, which may be empty
    with tempfile.TemporaryDirectory() as root:
        for layer in LAYERS:
            for m in layer:
                write(root, f"src/{m}/{m}.cc", f'#include "tia/{m}/{m}.h"\n#include "tia/util/x.h"\n')
        write(root, known[0], "Stmt st;  // a known exception\n")
        write(root, "src/store/db.cc", '#include <sqlite3.h>\nauto q = "SELECT 1";\n')
        write(root, "include/tia/store/db.h", "struct sqlite3;\nclass Stmt;\n")
        write(root, "docs/architecture.md", f"layers: {LAYER_LINE}\n")
        clean = check(root, known)
        if clean:
            failures.append(f"a clean tree reported problems: {clean}")

        write(root, "src/store/up.cc", '#include "tia/select/selector.h"\n')
        write(root, "src/audit/side.cc", '#include "tia/run/plan.h"\n')
        write(root, "src/select/sql.cc", 'const char* q = "SELECT id FROM symbols";\n')
        write(root, "src/cli/stmt.cc", "Stmt st;\n")
        write(root, "src/graph/raw.cc", "#include <sqlite3.h>\n")
        write(root, "include/tia/store/leak.h", "#include <sqlite3.h>\n")
        write(root, "src/report/call.cc", "int n = sqlite3_changes(db);\n")
        write(root, "src/extra/e.cc", "int x;\n")
        write(root, "src/select/comment.cc", '// "SELECT" in a comment is prose\n')
        write(root, known[0], "int no_sql_left;\n")
        write(root, "docs/architecture.md", "layers: none\n")
        found = check(root, known)
        expected = [
            ("src/store/up.cc:1", "store includes tia/select/selector.h"),
            ("src/audit/side.cc:1", "audit includes tia/run/plan.h"),
            ("src/select/sql.cc:1", "SQL outside src/store"),
            ("src/cli/stmt.cc:1", "SQL outside src/store"),
            ("src/graph/raw.cc:1", "includes <sqlite3.h> outside src/store"),
            ("include/tia/store/leak.h:1", "includes <sqlite3.h> outside src/store"),
            ("src/report/call.cc:1", "calls SQLite outside src/store"),
            ("src/extra/e.cc", "module 'extra' has no layer"),
            (known[0], "no SQL left"),
            ("docs/architecture.md", "does not show the layers"),
        ]
        for where, what in expected:
            if not any(p.startswith(where + ":") and what in p for p in found):
                failures.append(f"not reported: {where}: {what}")
        if len(found) != len(expected):
            failures.append(f"{len(found)} problems reported, {len(expected)} expected: {found}")
    for f in failures:
        print(f"check_layers self-test: {f}", file=sys.stderr)
    if not failures:
        print("check_layers self-test: every kind of problem is reported")
    return 1 if failures else 0


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    if len(argv) > 2:
        print(__doc__, file=sys.stderr)
        return 2
    root = argv[1] if len(argv) == 2 else os.path.join(os.path.dirname(__file__), "..")
    problems = check(root)
    for p in problems:
        print(f"check_layers: {p}", file=sys.stderr)
    if problems:
        return 1
    print(f"check_layers: layers hold ({LAYER_LINE}); SQL only in src/store"
          + (f" (known exceptions: {', '.join(KNOWN_SQL_OUTSIDE_STORE)})"
             if KNOWN_SQL_OUTSIDE_STORE else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
