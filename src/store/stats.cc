// Counts of what the index holds (see tia/store/stats.h).
#include "tia/store/stats.h"

#include "tia/store/db.h"

namespace tia {

bool CountIndex(Db& db, IndexCounts* out, std::string* err) {
  *out = IndexCounts();
  const std::pair<int64_t*, const char*> counts[] = {
      {&out->tus, "SELECT count(*) FROM tus"},
      {&out->tus_ok, "SELECT count(*) FROM tus WHERE status=0"},
      {&out->tus_with_errors, "SELECT count(*) FROM tus WHERE status=1"},
      {&out->tus_failed, "SELECT count(*) FROM tus WHERE status=2"},
      {&out->current_files,
       "SELECT count(DISTINCT s.file_id) FROM shards s JOIN tu_inputs i ON i.shard_id=s.id "
       "WHERE s.is_system=0"},
      {&out->shards, "SELECT count(*) FROM shards WHERE is_system=0"},
      {&out->symbols, "SELECT count(*) FROM symbols"},
      {&out->decls, "SELECT count(*) FROM decls"},
      {&out->edges, "SELECT count(*) FROM edges"},
      {&out->includes, "SELECT count(*) FROM includes"},
      {&out->test_cases, "SELECT count(*) FROM test_cases"},
  };
  for (const auto& [value, sql] : counts) {
    Stmt st;
    if (!db.Prepare(sql, &st, err)) return *err = db.path() + ": " + *err, false;
    if (!st.Step()) return *err = db.path() + ": " + st.ErrMsg(), false;
    *value = st.Int(0);
  }
  return true;
}

}  // namespace tia
