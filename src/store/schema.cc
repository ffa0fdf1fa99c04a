// The SQL schema of tia's database. Change kSchemaVersion in tia/store/db.h with it.
//
// Layout: facts are stored per *shard* (one version of one file, keyed by path and git
// blob id), never per translation unit, so a header read by 300 TUs is stored once and a
// diff's old and new blob ids select the old and new facts directly. Symbols are global
// (keyed by USR) so edges cross files. TU records say which shards each compile command
// read; a shard is *current* when some TU's inputs name it. Old shards stay until
// `tia gc` so switching branches re-uses them.
#include "schema.h"

namespace tia {

const char kSchemaSql[] = R"sql(
-- Key/value settings: schema_version, source_root, ...
CREATE TABLE IF NOT EXISTS meta(
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Every path tia has seen, absolute and normalized; interned so rows stay small.
CREATE TABLE IF NOT EXISTS files(
  id   INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE
);

-- What stat(2) said the last time a file was hashed: a no-op index re-hashes only files
-- whose stamp moved (like git's index).
CREATE TABLE IF NOT EXISTS file_stamps(
  file_id    INTEGER PRIMARY KEY REFERENCES files(id),
  mtime_ns   INTEGER NOT NULL,
  size       INTEGER NOT NULL,
  inode      INTEGER NOT NULL,
  content_id TEXT NOT NULL
);

-- One version of one file: (path, git blob id). is_system: read by a TU but outside
-- the project (system headers); no facts are kept for it. complete: facts written.
CREATE TABLE IF NOT EXISTS shards(
  id         INTEGER PRIMARY KEY,
  file_id    INTEGER NOT NULL REFERENCES files(id),
  content_id TEXT NOT NULL,
  is_system  INTEGER NOT NULL DEFAULT 0,
  -- The last index run (index_runs.id) at whose end some TU read this shard; for versions
  -- indexed from git on demand, the run current when they were indexed. `tia gc --keep N`
  -- keeps shards current now or used by one of the last N runs.
  used_run   INTEGER NOT NULL DEFAULT 0,
  UNIQUE(file_id, content_id)
);

-- Global entities, keyed by clang's USR.
CREATE TABLE IF NOT EXISTS symbols(
  id             INTEGER PRIMARY KEY,
  usr            TEXT NOT NULL UNIQUE,
  name           TEXT NOT NULL,
  qualified_name TEXT NOT NULL,
  kind           INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS symbols_name ON symbols(name);
CREATE INDEX IF NOT EXISTS symbols_qname ON symbols(qualified_name);

-- USRs of specializations recorded as another symbol: a member of a class template
-- specialization, or a function template specialization, is indexed as the pattern it
-- was made from (see docs/indexing.md). Lets a query by either USR find the symbol.
CREATE TABLE IF NOT EXISTS symbol_aliases(
  usr       TEXT PRIMARY KEY,
  symbol_id INTEGER NOT NULL REFERENCES symbols(id)
) WITHOUT ROWID;

-- Declarations and definitions of symbols in a shard, with their line extent; this is
-- how a changed line maps to the function (or type, macro, variable) it lies in.
CREATE TABLE IF NOT EXISTS decls(
  shard_id      INTEGER NOT NULL REFERENCES shards(id),
  symbol_id     INTEGER NOT NULL REFERENCES symbols(id),
  is_definition INTEGER NOT NULL,
  line_start    INTEGER NOT NULL,
  col           INTEGER NOT NULL,
  line_end      INTEGER NOT NULL,
  PRIMARY KEY(shard_id, symbol_id, line_start, col, is_definition)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS decls_symbol ON decls(symbol_id);

-- Edges whose location lies in the shard: src (the enclosing entity; 0 at file scope)
-- uses dst. kind is EdgeKind (call, reference, override, type use, instantiation,
-- macro expansion).
CREATE TABLE IF NOT EXISTS edges(
  shard_id INTEGER NOT NULL REFERENCES shards(id),
  kind     INTEGER NOT NULL,
  src_id   INTEGER NOT NULL,
  dst_id   INTEGER NOT NULL,
  line     INTEGER NOT NULL,
  col      INTEGER NOT NULL,
  PRIMARY KEY(shard_id, dst_id, src_id, kind, line, col)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS edges_src ON edges(src_id);
CREATE INDEX IF NOT EXISTS edges_dst ON edges(dst_id);

-- #include directives in a shard, with the resolved target (0 when not found). One
-- directive may resolve to several files: TUs with different -I read one file version
-- (a source compiled into two programs, each with its own generated header).
CREATE TABLE IF NOT EXISTS includes(
  shard_id       INTEGER NOT NULL REFERENCES shards(id),
  line           INTEGER NOT NULL,
  spelled        TEXT NOT NULL,
  target_file_id INTEGER NOT NULL,
  PRIMARY KEY(shard_id, line, spelled, target_file_id)
) WITHOUT ROWID;

-- Test cases defined in a shard: the roots of selection.
CREATE TABLE IF NOT EXISTS test_cases(
  shard_id   INTEGER NOT NULL REFERENCES shards(id),
  framework  TEXT NOT NULL,
  macro      TEXT NOT NULL,
  suite      TEXT NOT NULL,
  name       TEXT NOT NULL,
  line       INTEGER NOT NULL,
  body_id    INTEGER NOT NULL,
  fixture_id INTEGER NOT NULL,
  PRIMARY KEY(shard_id, framework, suite, name, line)
) WITHOUT ROWID;

-- One row per compile command of the compile database. key: main file + output.
-- status: TuStatus (0 ok, 1 parsed with errors, 2 failed).
CREATE TABLE IF NOT EXISTS tus(
  id           INTEGER PRIMARY KEY,
  key          TEXT NOT NULL UNIQUE,
  file_id      INTEGER NOT NULL REFERENCES files(id),
  directory    TEXT NOT NULL,
  arguments    TEXT NOT NULL,  -- JSON array, as in the compile database
  command_hash TEXT NOT NULL,
  status       INTEGER NOT NULL,
  indexed_at   INTEGER NOT NULL,  -- unix seconds
  parse_us     INTEGER NOT NULL DEFAULT 0  -- microseconds the last parse took (--shard balance)
);

-- The shards a TU read (its main file and every header): a TU is fresh when its
-- command hash is unchanged and each input file still has the recorded content id.
CREATE TABLE IF NOT EXISTS tu_inputs(
  tu_id    INTEGER NOT NULL REFERENCES tus(id) ON DELETE CASCADE,
  shard_id INTEGER NOT NULL REFERENCES shards(id),
  PRIMARY KEY(tu_id, shard_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS tu_inputs_shard ON tu_inputs(shard_id);

-- Errors libclang reported for a TU (kept so a partial parse is never silent).
CREATE TABLE IF NOT EXISTS diagnostics(
  tu_id    INTEGER NOT NULL REFERENCES tus(id) ON DELETE CASCADE,
  severity INTEGER NOT NULL,
  file     TEXT NOT NULL,
  line     INTEGER NOT NULL,
  col      INTEGER NOT NULL,
  message  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS diagnostics_tu ON diagnostics(tu_id);

-- What a test program listed as its cases (GoogleTest --gtest_list_tests full names, one
-- per line), by the program's content id: the names programs accept for parameterized
-- and typed cases.
CREATE TABLE IF NOT EXISTS case_listings(
  content_id TEXT PRIMARY KEY,
  names      TEXT NOT NULL
) WITHOUT ROWID;

-- Index runs that changed something (a no-op run records nothing), oldest first.
CREATE TABLE IF NOT EXISTS index_runs(
  id        INTEGER PRIMARY KEY,
  finished  INTEGER NOT NULL,  -- unix seconds
  tus       INTEGER NOT NULL,  -- TUs in the compile database
  parsed    INTEGER NOT NULL   -- TUs parsed by the run
);

-- Recorded test outcomes, for ordering by duration, --shard balancing and flakiness.
CREATE TABLE IF NOT EXISTS test_results(
  test        TEXT NOT NULL,   -- CTest name (or Suite.Case inside a narrowed test)
  started_at  INTEGER NOT NULL,
  outcome     TEXT NOT NULL,   -- pass, fail, skip, flaky, timeout
  seconds     REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS test_results_test ON test_results(test);

-- Per-case coverage (`tia run --record-coverage`): what each case ran, recorded at one
-- commit (meta coverage_commit). The functions are kept by USR, so that `tia gc` and a
-- new index leave them valid. coverage_known: every function the coverage notes of the
-- build describe (run or not); only those can be narrowed by coverage.
CREATE TABLE IF NOT EXISTS coverage_cases(
  id   INTEGER PRIMARY KEY,
  test TEXT NOT NULL,  -- CTest name
  name TEXT NOT NULL,  -- the case as the program names it; empty for a whole test
  recorded INTEGER NOT NULL DEFAULT 1,  -- 0: its process was killed, no data (no hits)
  UNIQUE(test, name)
);
CREATE TABLE IF NOT EXISTS coverage_hits(
  case_id INTEGER NOT NULL REFERENCES coverage_cases(id) ON DELETE CASCADE,
  usr     TEXT NOT NULL,
  PRIMARY KEY(case_id, usr)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS coverage_known(
  usr TEXT PRIMARY KEY
) WITHOUT ROWID;
)sql";

}  // namespace tia
