// Reads the include graph of the current index (see tia/store/includes.h).
#include "tia/store/includes.h"

#include "tia/store/db.h"

namespace tia {

bool LoadCurrentIncludes(Db& db, std::vector<IncludeRow>* out, std::string* err) {
  Stmt st;
  if (!db.Prepare(
          "SELECT DISTINCT tia_abs(f.path) AS p, i.line, i.spelled, COALESCE(tia_abs(t.path), '') "
          "FROM includes i JOIN shards s ON s.id = i.shard_id "
          "JOIN files f ON f.id = s.file_id "
          "LEFT JOIN files t ON t.id = i.target_file_id "
          "WHERE i.shard_id IN (SELECT shard_id FROM tu_inputs) "
          "ORDER BY p, i.line, i.spelled",
          &st, err))
    return false;
  while (st.Step())
    out->push_back({st.Text(0), static_cast<int>(st.Int(1)), st.Text(2), st.Text(3)});
  if (st.failed()) return *err = db.path() + ": reading includes: " + st.ErrMsg(), false;
  return true;
}

bool LoadCurrentFiles(Db& db, std::vector<CurrentFileRow>* out, std::string* err) {
  Stmt st;
  if (!db.Prepare("SELECT tia_abs(f.path) AS p, MAX(s.is_system) FROM shards s JOIN files f ON "
                  "f.id = s.file_id "
                  "WHERE s.id IN (SELECT shard_id FROM tu_inputs) GROUP BY p ORDER BY p",
                  &st, err))
    return false;
  while (st.Step()) out->push_back({st.Text(0), st.Int(1) != 0});
  if (st.failed()) return *err = db.path() + ": reading files: " + st.ErrMsg(), false;
  return true;
}

}  // namespace tia
