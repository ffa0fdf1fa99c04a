#!/usr/bin/env python3
"""Prints every fact of a tia database as sorted text lines, with ids replaced by what
they name (paths, USRs), so two databases of the same sources can be compared with diff:
the indexer's modes (tia index --no-shared-prefixes, --no-skip-parsed-bodies, -j) must
record the same facts.

usage: dump_facts.py DB > facts.txt
"""
import sqlite3
import sys


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
    q = db.execute
    lines = []
    shard = "(SELECT f.path || '@' || s.content_id FROM shards s JOIN files f ON f.id = s.file_id WHERE s.id = %s)"
    sym = "COALESCE((SELECT usr FROM symbols WHERE id = %s), '')"
    for r in q("SELECT f.path, s.content_id, s.is_system FROM shards s JOIN files f ON f.id = s.file_id"):
        lines.append("shard %s@%s system=%d" % r)
    for r in q("SELECT usr, name, qualified_name, kind FROM symbols"):
        lines.append("symbol %s name=%s qualified=%s kind=%d" % r)
    for r in q("SELECT a.usr, s.usr FROM symbol_aliases a JOIN symbols s ON s.id = a.symbol_id"):
        lines.append("alias %s -> %s" % r)
    for r in q("SELECT %s, %s, is_definition, line_start, col, line_end FROM decls"
               % (shard % "shard_id", sym % "symbol_id")):
        lines.append("decl %s %s def=%d %d:%d-%d" % r)
    for r in q("SELECT %s, kind, %s, %s, line, col FROM edges"
               % (shard % "shard_id", sym % "src_id", sym % "dst_id")):
        lines.append("edge %s kind=%d %s -> %s at %d:%d" % r)
    for r in q("SELECT %s, line, spelled, COALESCE((SELECT path FROM files WHERE id = target_file_id), '')"
               " FROM includes" % (shard % "shard_id")):
        lines.append("include %s:%d <%s> -> %s" % r)
    for r in q("SELECT %s, framework, macro, suite, name, line, %s, %s FROM test_cases"
               % (shard % "shard_id", sym % "body_id", sym % "fixture_id")):
        lines.append("case %s %s %s %s.%s:%d body=%s fixture=%s" % r)
    for r in q("SELECT t.key, f.path, t.directory, t.arguments, t.command_hash, t.status"
               " FROM tus t JOIN files f ON f.id = t.file_id"):
        lines.append("tu %s file=%s dir=%s args=%s hash=%s status=%d" % r)
    for r in q("SELECT t.key, %s FROM tu_inputs i JOIN tus t ON t.id = i.tu_id" % (shard % "i.shard_id")):
        lines.append("input %s <- %s" % r)
    for r in q("SELECT t.key, severity, file, line, col, message FROM diagnostics d"
               " JOIN tus t ON t.id = d.tu_id"):
        lines.append("diagnostic %s %d %s:%d:%d %s" % r)
    for line in sorted(lines):
        print(line)


if __name__ == "__main__":
    main()
