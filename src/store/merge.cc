// Merging databases (see tia/store/merge.h).
#include "tia/store/merge.h"

#include "tia/store/db.h"

namespace tia {
namespace {

bool Count(Db& db, const char* sql, int64_t* out, std::string* err) {
  Stmt st;
  if (!db.Prepare(sql, &st, err)) return false;
  if (!st.Step()) return *err = st.ErrMsg(), false;
  *out = st.Int(0);
  return true;
}

// The union of `src` (attached) into main: ids are mapped through natural keys (file
// path, symbol USR, shard file and blob id, TU key).
const char* const kMergeSql[] = {
    "INSERT OR IGNORE INTO main.meta(key, value) SELECT key, value FROM src.meta",
    "INSERT OR IGNORE INTO main.files(path) SELECT path FROM src.files",
    "CREATE TEMP TABLE fmap(old INTEGER PRIMARY KEY, new INTEGER NOT NULL)",
    "INSERT INTO fmap SELECT s.id, m.id FROM src.files s JOIN main.files m ON m.path = s.path",
    "INSERT INTO fmap VALUES(0, 0)",
    "INSERT INTO main.symbols(usr, name, qualified_name, kind) "
    "SELECT usr, name, qualified_name, kind FROM src.symbols WHERE true "
    "ON CONFLICT(usr) DO UPDATE SET name=excluded.name, qualified_name=excluded.qualified_name, "
    "kind=excluded.kind WHERE symbols.name='' AND excluded.name!=''",
    "CREATE TEMP TABLE smap(old INTEGER PRIMARY KEY, new INTEGER NOT NULL)",
    "INSERT INTO smap SELECT s.id, m.id FROM src.symbols s JOIN main.symbols m ON m.usr = s.usr",
    "INSERT INTO smap VALUES(0, 0)",
    "INSERT OR IGNORE INTO main.symbol_aliases(usr, symbol_id) "
    "SELECT a.usr, smap.new FROM src.symbol_aliases a JOIN smap ON smap.old = a.symbol_id",
    "INSERT OR IGNORE INTO main.shards(file_id, content_id, is_system) "
    "SELECT fmap.new, s.content_id, s.is_system FROM src.shards s JOIN fmap ON fmap.old = "
    "s.file_id",
    "CREATE TEMP TABLE shmap(old INTEGER PRIMARY KEY, new INTEGER NOT NULL)",
    "INSERT INTO shmap SELECT s.id, m.id FROM src.shards s JOIN fmap ON fmap.old = s.file_id "
    "JOIN main.shards m ON m.file_id = fmap.new AND m.content_id = s.content_id",
    "INSERT OR IGNORE INTO main.decls SELECT shmap.new, smap.new, d.is_definition, d.line_start, "
    "d.col, d.line_end FROM src.decls d JOIN shmap ON shmap.old = d.shard_id "
    "JOIN smap ON smap.old = d.symbol_id",
    "INSERT OR IGNORE INTO main.edges SELECT shmap.new, e.kind, a.new, b.new, e.line, e.col "
    "FROM src.edges e JOIN shmap ON shmap.old = e.shard_id JOIN smap a ON a.old = e.src_id "
    "JOIN smap b ON b.old = e.dst_id",
    "INSERT OR IGNORE INTO main.includes SELECT shmap.new, i.line, i.spelled, fmap.new "
    "FROM src.includes i JOIN shmap ON shmap.old = i.shard_id "
    "JOIN fmap ON fmap.old = i.target_file_id",
    "INSERT OR IGNORE INTO main.test_cases SELECT shmap.new, t.framework, t.macro, t.suite, "
    "t.name, t.line, a.new, b.new FROM src.test_cases t JOIN shmap ON shmap.old = t.shard_id "
    "JOIN smap a ON a.old = t.body_id JOIN smap b ON b.old = t.fixture_id",
    // TUs: the input's record replaces one of the same key.
    "DELETE FROM main.tus WHERE key IN (SELECT key FROM src.tus)",
    "INSERT INTO main.tus(key, file_id, directory, arguments, command_hash, status, indexed_at, "
    "parse_us) SELECT t.key, fmap.new, t.directory, t.arguments, t.command_hash, t.status, "
    "t.indexed_at, t.parse_us FROM src.tus t JOIN fmap ON fmap.old = t.file_id ORDER BY t.id",
    "CREATE TEMP TABLE tmap(old INTEGER PRIMARY KEY, new INTEGER NOT NULL)",
    "INSERT INTO tmap SELECT s.id, m.id FROM src.tus s JOIN main.tus m ON m.key = s.key",
    "INSERT OR IGNORE INTO main.tu_inputs SELECT tmap.new, shmap.new FROM src.tu_inputs i "
    "JOIN tmap ON tmap.old = i.tu_id JOIN shmap ON shmap.old = i.shard_id",
    "INSERT INTO main.diagnostics SELECT tmap.new, d.severity, d.file, d.line, d.col, d.message "
    "FROM src.diagnostics d JOIN tmap ON tmap.old = d.tu_id ORDER BY d.rowid",
    // Recorded test outcomes (the durations --shard balances by); copies of one record in
    // several inputs (each job started from the same cache) are kept once.
    "INSERT INTO main.test_results SELECT * FROM src.test_results s WHERE NOT EXISTS (SELECT 1 "
    "FROM main.test_results m WHERE m.test = s.test AND m.started_at = s.started_at AND "
    "m.outcome = s.outcome AND m.seconds = s.seconds)",
    "DROP TABLE fmap",
    "DROP TABLE smap",
    "DROP TABLE shmap",
    "DROP TABLE tmap",
};

}  // namespace

bool MergeDatabases(const std::string& out, const std::vector<std::string>& inputs,
                    MergeStats* stats, std::string* err) {
  *stats = MergeStats();
  Db db;
  if (!db.Open(out, /*create=*/true, err)) return false;
  for (const std::string& in : inputs) {
    {
      // Checks that it is a tia database of this schema version.
      Db check;
      if (!check.Open(in, /*create=*/false, err)) return false;
      std::string e;
      if (!check.Exec("PRAGMA wal_checkpoint(TRUNCATE)", &e)) return *err = in + ": " + e, false;
    }
    Stmt attach;
    if (!db.Prepare("ATTACH DATABASE ? AS src", &attach, err)) return false;
    attach.Bind(1, in);
    if (!attach.Run(err)) return *err = in + ": " + *err, false;
    std::string e;
    {
      Transaction tx(&db);
      bool ok = tx.Begin(&e);
      for (const char* sql : kMergeSql)
        if (ok) ok = db.Exec(sql, &e);
      if (ok) ok = tx.Commit(&e);
      if (!ok) *err = in + ": cannot merge into " + out + ": " + e;
    }
    // After a failed merge the merge's error is the one to tell; the next input could not
    // be attached while this one still is.
    std::string detach_err;
    if (!db.Exec("DETACH DATABASE src", &detach_err) && e.empty())
      return *err = in + ": cannot detach from " + out + ": " + detach_err, false;
    if (!e.empty()) return false;
  }
  // One index run for the merged result: every current shard is used by it.
  std::string e;
  const char* finish[] = {
      "INSERT INTO index_runs(finished, tus, parsed) "
      "SELECT strftime('%s','now'), count(*), 0 FROM tus",
      "UPDATE shards SET used_run = (SELECT max(id) FROM index_runs) "
      "WHERE id IN (SELECT shard_id FROM tu_inputs)",
      "INSERT INTO meta(key, value) VALUES('generation', '1') ON CONFLICT(key) DO UPDATE SET "
      "value = CAST(value AS INTEGER) + 1",
  };
  for (const char* sql : finish)
    if (!db.Exec(sql, err)) return *err = out + ": " + *err, false;
  return Count(db, "SELECT count(*) FROM tus", &stats->tus, err) &&
         Count(db, "SELECT count(*) FROM shards", &stats->shards, err) &&
         Count(db, "SELECT count(*) FROM symbols", &stats->symbols, err) &&
         Count(db, "SELECT count(*) FROM edges", &stats->edges, err);
}

}  // namespace tia
