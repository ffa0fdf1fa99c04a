"""Trap mutants for scripts/eval/realworld.py: candidate functions and trap insertion.

Candidates are the function definitions tia's index holds in the project's own files
(under the checkout, not under the build directory, not third-party, not test code).
A candidate is kept only when its body can hold `__builtin_trap();` as first statement:
the function's name is spelled inside its extent (not produced by a macro), and between
the parameter list and the body there is no `= default`, `= delete`, `= 0`, `try`
(function-try-block), and the declaration is not `constexpr`/`consteval` (nor a macro
whose name says CONSTEXPR/CONSTEVAL). The body's `{` is found by a small scanner that
skips comments, literals, the parameter list, trailing return types, `noexcept(...)` and
constructor initializer lists (`: a_(x), b_{y}`).
"""
import os
import re
import sqlite3

# Path components that mark code that is not the project's own or is test code.
THIRD_PARTY = {"deps", "third_party", "thirdparty", "3rdparty", "external", "extern", "vendor",
               "_deps", "subprojects", "googletest", "googlemock", "gtest", "gmock"}
TEST_DIRS = {"test", "tests", "testing", "unittest", "unittests", "selftest", "testsuite",
             "fuzz", "fuzzers", "fuzzing", "benchmark", "benchmarks", "bench", "examples",
             "example", "samples", "sample", "docs", "doc"}
TEST_FILE = re.compile(r"(^test_|_test\.|_tests\.|test\.(c|cc|cpp|cxx)$|Test\.|Tests\.|Suite\.|"
                       r"_unittest\.|\.t\.)", re.IGNORECASE)
FUNCTION_KINDS = (1, 2, 3, 4, 15, 16)  # function, method, ctor, dtor, conversion, static method


def is_project_source(path, checkout, build):
    if not path.startswith(checkout + "/") or path.startswith(build + "/"):
        return False
    rel = os.path.relpath(path, checkout)
    parts = rel.split("/")
    if any(p.lower() in THIRD_PARTY or p.startswith(".") for p in parts[:-1]):
        return False
    if any(p.lower() in TEST_DIRS for p in parts[:-1]):
        return False
    return not TEST_FILE.search(parts[-1])


def source_root(con):
    """The index's source root: relative file paths in the database are relative to it."""
    row = con.execute("SELECT value FROM meta WHERE key = 'source_root'").fetchone()
    return row[0] if row else "/"


def candidates(db_path, checkout, build):
    """[(path, line_start, col, line_end, name, qualified_name)] from tia's index."""
    con = sqlite3.connect(db_path)
    try:
        rows = con.execute(f"""
          SELECT DISTINCT f.path, d.line_start, d.col, d.line_end, s.name, s.qualified_name
          FROM decls d JOIN symbols s ON s.id = d.symbol_id
          JOIN shards sh ON sh.id = d.shard_id JOIN files f ON f.id = sh.file_id
          WHERE d.is_definition = 1 AND s.kind IN {FUNCTION_KINDS}
            AND d.shard_id IN (SELECT shard_id FROM tu_inputs)
            AND d.shard_id NOT IN (SELECT shard_id FROM test_cases)
          ORDER BY f.path, d.line_start, d.col""").fetchall()
        root = source_root(con)
        rows = [(os.path.join(root, r[0]),) + tuple(r[1:]) for r in rows]
    finally:
        con.close()
    out, seen = [], set()
    for r in rows:  # one mutant per place (a file compiled twice names two symbols there)
        if r[4] and (r[0], r[1], r[2]) not in seen and is_project_source(r[0], checkout, build):
            seen.add((r[0], r[1], r[2]))
            out.append(r)
    return out


def code_mask(text):
    """text with comments and string/char literals replaced by spaces (offsets kept)."""
    out = list(text)
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "/" and i + 1 < n and text[i + 1] == "/":
            j = text.find("\n", i)
            j = n if j < 0 else j
            for k in range(i, j):
                out[k] = " "
            i = j
        elif c == "/" and i + 1 < n and text[i + 1] == "*":
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            for k in range(i, j):
                if out[k] != "\n":
                    out[k] = " "
            i = j
        elif c == "R" and i + 1 < n and text[i + 1] == '"' and (i == 0 or not
                                                                 (text[i - 1].isalnum() or text[i - 1] == "_")):
            m = re.match(r'R"([^()\\ ]{0,16})\(', text[i:])
            if not m:
                i += 1
                continue
            end = text.find(")" + m.group(1) + '"', i)
            j = n if end < 0 else end + len(m.group(1)) + 2
            for k in range(i + 1, j):
                if out[k] != "\n":
                    out[k] = " "
            i = j
        elif c in "\"'":
            if c == "'" and i > 0 and (text[i - 1].isalnum()):  # digit separator 1'000
                i += 1
                continue
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            for k in range(i + 1, min(j, n)):
                out[k] = " "
            i = j + 1
        else:
            i += 1
    return "".join(out)


def _match_close(mask, i, open_c, close_c):
    """Index of the bracket closing mask[i] (== open_c), or -1."""
    depth = 0
    for j in range(i, len(mask)):
        if mask[j] == open_c:
            depth += 1
        elif mask[j] == close_c:
            depth -= 1
            if depth == 0:
                return j
    return -1


def _name_regex(name):
    if name.startswith("operator"):
        rest = name[len("operator"):].strip()
        return re.compile(r"\boperator\s*" + r"\s*".join(re.escape(ch) for ch in rest.replace(" ", ""))
                          + r"\s*(<[^;{]*?>)?\s*\(")
    if name.startswith("~"):
        return re.compile(r"~\s*" + re.escape(name[1:].split("<")[0]) + r"\s*(<[^;{()]*>)?\s*\(")
    base = name.split("<")[0]
    return re.compile(r"\b" + re.escape(base) + r"\s*(<[^;{()]*>)?\s*\(")


def find_body(text, mask, line_start, col, line_end, name):
    """(offset just after the body's '{', None) or (None, reason it cannot be trapped)."""
    lines = text.split("\n")
    if line_start < 1 or line_end > len(lines):
        return None, "extent outside the file"
    start = sum(len(l) + 1 for l in lines[:line_start - 1]) + max(col - 1, 0)
    end = sum(len(l) + 1 for l in lines[:line_end])
    m = _name_regex(name).search(mask, start, end)
    if not m:
        return _body_from_end(mask, start, end)
    head = mask[start:m.start()]
    if re.search(r"\b(constexpr|consteval)\b|[A-Z_]*CONSTE(XPR|VAL)[A-Z_0-9]*", head):
        return None, "constexpr/consteval"
    paren = m.end() - 1
    close = _match_close(mask, paren, "(", ")")
    if close < 0 or close > end:
        return None, "parameter list not closed in its extent"
    i = close + 1
    while i < end:
        c = mask[i]
        if c.isspace():
            i += 1
            continue
        if c == "{":
            return i + 1, None
        if c in ";=":
            return None, "no body (= default/delete/0 or a declaration)"
        if c == "(":
            i = _match_close(mask, i, "(", ")") + 1
            if i <= 0:
                return None, "unbalanced parentheses"
            continue
        if c == "[" and mask.startswith("[[", i):
            i = mask.find("]]", i) + 2
            continue
        if mask.startswith("::", i):
            i += 2
            continue
        if c == ":":
            return _after_init_list(mask, i + 1, end)
        w = re.match(r"[A-Za-z_]\w*", mask[i:])
        if w:
            word = w.group(0)
            if word == "try":
                return None, "function-try-block"
            if word in ("constexpr", "consteval") or "CONSTEXPR" in word or "CONSTEVAL" in word:
                return None, "constexpr/consteval"
            if word == "requires":
                return None, "requires-clause (not scanned)"
            i += len(word)
            continue
        i += 1  # ->, &, &&, *, <, >, ::, ...
    return None, "no body in its extent"


def _body_from_end(mask, start, end):
    """A function whose name a macro builds (`int URI_FUNC(Parse)(...) {`): the extent
    ends with the body's `}`; its matching `{` opens the body, and the text before it must
    be a declarator (`(...)`), not a macro invocation producing the whole definition."""
    close = mask.rfind("}", start, end)
    if close < 0:
        return None, "no body in its extent (macro-produced)"
    depth, i = 0, close
    while i >= start:
        if mask[i] == "}":
            depth += 1
        elif mask[i] == "{":
            depth -= 1
            if depth == 0:
                break
        i -= 1
    if i < start:
        return None, "unbalanced body (macro-produced)"
    head = mask[start:i].rstrip()
    if not head.endswith(")") or "(" not in head:
        return None, "body not after a parameter list (macro-produced)"
    if re.search(r"\b(constexpr|consteval)\b|[A-Z_]*CONSTE(XPR|VAL)[A-Z_0-9]*", head):
        return None, "constexpr/consteval"
    # `... ) try { } catch (...) { }`: the last block is a handler.
    paren = head.rfind("(")
    if re.search(r"\bcatch\s*$", head[:paren]) or re.search(r"\btry\s*$", head):
        return None, "function-try-block"
    if "{" in head or ";" in head or "=" in head.split("(")[-1]:
        return None, "ambiguous declarator (macro-produced)"
    return i + 1, None


def _after_init_list(mask, i, end):
    """Skip a constructor initializer list: `name(args)` / `name{args}` separated by ','."""
    while i < end:
        c = mask[i]
        if c == "(":
            i = _match_close(mask, i, "(", ")") + 1
        elif c == "{":
            prev = mask[:i].rstrip()
            # `member{...}` / `Base<T>{...}` initializer vs. the body after `)` or `}`.
            if prev and (prev[-1].isalnum() or prev[-1] in "_>"):
                i = _match_close(mask, i, "{", "}") + 1
            else:
                return i + 1, None
        elif c == "<":
            i += 1
        elif c == "t" and re.match(r"try\b", mask[i:]):
            return None, "function-try-block"
        else:
            i += 1
        if i <= 0:
            return None, "unbalanced initializer list"
    return None, "no body after the initializer list"


def insert_trap(path, offset):
    """Insert the trap at offset; returns the original bytes."""
    with open(path, "rb") as f:
        original = f.read()
    text = original.decode("utf-8", errors="surrogateescape")
    mutated = text[:offset] + " __builtin_trap(); " + text[offset:]
    with open(path, "wb") as f:
        f.write(mutated.encode("utf-8", errors="surrogateescape"))
    return original


def read_text(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-8", errors="surrogateescape")
