// Garbage collection of the index (see tia/store/gc.h).
#include "tia/store/gc.h"

#include <sys/stat.h>

#include "tia/store/db.h"

namespace tia {
namespace {

int64_t FileBytes(Db& db) {
  // The size is for the summary only: without a checkpoint it includes the write-ahead log.
  std::string e;
  (void)db.Exec("PRAGMA wal_checkpoint(TRUNCATE)", &e);
  struct stat st;
  return ::stat(db.path().c_str(), &st) == 0 ? static_cast<int64_t>(st.st_size) : 0;
}

bool Count(Db& db, const char* sql, int64_t* out, std::string* err) {
  Stmt st;
  if (!db.Prepare(sql, &st, err)) return false;
  if (!st.Step()) return *err = db.path() + ": " + st.ErrMsg(), false;
  *out = st.Int(0);
  return true;
}

}  // namespace

bool CollectGarbage(Db& db, int keep_runs, GcStats* stats, std::string* err) {
  *stats = GcStats();
  stats->bytes_before = FileBytes(db);
  int64_t last_run = 0;
  if (!Count(db, "SELECT coalesce(max(id),0) FROM index_runs", &last_run, err)) return false;
  // Runs last_run - keep_runs + 1 .. last_run are kept.
  int64_t oldest_kept = keep_runs <= 0 ? last_run + 1 : last_run - keep_runs + 1;
  {
    Transaction tx(&db);
    if (!tx.Begin(err)) return false;
    Stmt st;
    if (!db.Prepare("CREATE TEMP TABLE gc_shards AS SELECT id FROM shards WHERE used_run < ? AND "
                    "id NOT IN (SELECT shard_id FROM tu_inputs)",
                    &st, err))
      return false;
    st.Bind(1, oldest_kept);
    if (!st.Run(err)) return false;
    if (!Count(db, "SELECT count(*) FROM gc_shards", &stats->shards, err) ||
        !Count(db, "SELECT count(*) FROM edges WHERE shard_id IN (SELECT id FROM gc_shards)",
               &stats->edges, err) ||
        !Count(db, "SELECT count(*) FROM decls WHERE shard_id IN (SELECT id FROM gc_shards)",
               &stats->decls, err))
      return false;
    const char* removals[] = {
        "DELETE FROM decls WHERE shard_id IN (SELECT id FROM gc_shards)",
        "DELETE FROM edges WHERE shard_id IN (SELECT id FROM gc_shards)",
        "DELETE FROM includes WHERE shard_id IN (SELECT id FROM gc_shards)",
        "DELETE FROM test_cases WHERE shard_id IN (SELECT id FROM gc_shards)",
        "DELETE FROM shards WHERE id IN (SELECT id FROM gc_shards)",
        "DROP TABLE gc_shards",
        // Symbols no fact names any more.
        "CREATE TEMP TABLE gc_live(id INTEGER PRIMARY KEY)",
        "INSERT OR IGNORE INTO gc_live SELECT symbol_id FROM decls",
        "INSERT OR IGNORE INTO gc_live SELECT src_id FROM edges",
        "INSERT OR IGNORE INTO gc_live SELECT dst_id FROM edges",
        "INSERT OR IGNORE INTO gc_live SELECT body_id FROM test_cases",
        "INSERT OR IGNORE INTO gc_live SELECT fixture_id FROM test_cases",
    };
    for (const char* sql : removals)
      if (!db.Exec(sql, err)) return false;
    int64_t symbols_before = 0, files_before = 0;
    if (!Count(db, "SELECT count(*) FROM symbols", &symbols_before, err) ||
        !Count(db, "SELECT count(*) FROM files", &files_before, err))
      return false;
    const char* sweep[] = {
        "DELETE FROM symbol_aliases WHERE symbol_id NOT IN (SELECT id FROM gc_live)",
        "DELETE FROM symbols WHERE id NOT IN (SELECT id FROM gc_live)",
        "DROP TABLE gc_live",
        // Files nothing refers to (their stamps go with them).
        "CREATE TEMP TABLE gc_files(id INTEGER PRIMARY KEY)",
        "INSERT OR IGNORE INTO gc_files SELECT file_id FROM shards",
        "INSERT OR IGNORE INTO gc_files SELECT file_id FROM tus",
        "INSERT OR IGNORE INTO gc_files SELECT target_file_id FROM includes",
        "DELETE FROM file_stamps WHERE file_id NOT IN (SELECT id FROM gc_files)",
        "DELETE FROM files WHERE id NOT IN (SELECT id FROM gc_files)",
        "DROP TABLE gc_files",
    };
    for (const char* sql : sweep)
      if (!db.Exec(sql, err)) return false;
    int64_t symbols_after = 0, files_after = 0;
    if (!Count(db, "SELECT count(*) FROM symbols", &symbols_after, err) ||
        !Count(db, "SELECT count(*) FROM files", &files_after, err))
      return false;
    stats->symbols = symbols_before - symbols_after;
    stats->files = files_before - files_after;
    if (!db.BumpGeneration(err) || !tx.Commit(err)) return false;
  }
  if (!db.Exec("VACUUM", err)) return false;
  stats->bytes_after = FileBytes(db);
  return true;
}

}  // namespace tia
