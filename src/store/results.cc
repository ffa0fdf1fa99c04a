// Reading and writing the test_results table.
#include "tia/store/results.h"

namespace tia {

bool RecordTestResults(Db& db, const std::vector<TestResultRow>& rows, std::string* err) {
  if (rows.empty()) return true;
  Transaction tx(&db);
  if (!tx.Begin(err)) return false;
  Stmt ins;
  if (!db.Prepare("INSERT INTO test_results(test, started_at, outcome, seconds) "
                  "VALUES(?, ?, ?, ?)",
                  &ins, err))
    return false;
  for (const TestResultRow& r : rows) {
    ins.Bind(1, r.test).Bind(2, r.started_at).Bind(3, r.outcome).Bind(4, r.seconds);
    if (!ins.Run(err)) return false;
  }
  return tx.Commit(err);
}

bool LatestDurations(Db& db, std::map<std::string, double>* out, std::string* err) {
  Stmt q;
  if (!db.Prepare("SELECT test, seconds FROM test_results "
                  "WHERE outcome != 'skip' ORDER BY started_at, rowid",
                  &q, err))
    return false;
  while (q.Step()) (*out)[q.Text(0)] = q.Double(1);
  if (q.failed()) {
    *err = db.path() + ": reading test_results: " + q.ErrMsg();
    return false;
  }
  return true;
}

bool LoadCaseListing(Db& db, const std::string& content_id, std::vector<std::string>* names,
                     bool* found, std::string* err) {
  names->clear();
  *found = false;
  Stmt st;
  if (!db.Prepare("SELECT names FROM case_listings WHERE content_id=?", &st, err)) return false;
  st.Bind(1, content_id);
  if (!st.Step()) {
    if (st.failed()) return *err = st.ErrMsg(), false;
    return true;
  }
  *found = true;
  std::string all = st.Text(0);
  size_t start = 0;
  while (start < all.size()) {
    size_t end = all.find('\n', start);
    if (end == std::string::npos) end = all.size();
    names->push_back(all.substr(start, end - start));
    start = end + 1;
  }
  return true;
}

bool SaveCaseListing(Db& db, const std::string& content_id, const std::vector<std::string>& names,
                     std::string* err) {
  std::string all;
  for (const std::string& n : names) (all += n) += '\n';
  Stmt st;
  if (!db.Prepare("INSERT OR REPLACE INTO case_listings(content_id,names) VALUES(?,?)", &st, err))
    return false;
  st.Bind(1, content_id).Bind(2, all);
  return st.Run(err);
}

}  // namespace tia
