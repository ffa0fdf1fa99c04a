// Reading and writing the test_results table.
#include "tia/store/results.h"

#include <cmath>

namespace tia {

// Stmt binds integers only, so seconds travel as microseconds.
bool RecordTestResults(Db& db, const std::vector<TestResultRow>& rows, std::string* err) {
  if (rows.empty()) return true;
  Transaction tx(&db);
  if (!tx.Begin(err)) return false;
  Stmt ins;
  if (!db.Prepare("INSERT INTO test_results(test, started_at, outcome, seconds) "
                  "VALUES(?, ?, ?, ? / 1000000.0)",
                  &ins, err))
    return false;
  for (const TestResultRow& r : rows) {
    ins.Bind(1, r.test).Bind(2, r.started_at).Bind(3, r.outcome);
    ins.Bind(4, static_cast<int64_t>(std::llround(r.seconds * 1e6)));
    if (!ins.Run(err)) return false;
  }
  return tx.Commit(err);
}

bool LatestDurations(Db& db, std::map<std::string, double>* out, std::string* err) {
  Stmt q;
  if (!db.Prepare("SELECT test, CAST(seconds * 1000000 AS INTEGER) FROM test_results "
                  "WHERE outcome != 'skip' ORDER BY started_at, rowid",
                  &q, err))
    return false;
  while (q.Step()) (*out)[q.Text(0)] = static_cast<double>(q.Int(1)) / 1e6;
  if (q.failed()) {
    *err = db.path() + ": reading test_results: " + q.ErrMsg();
    return false;
  }
  return true;
}

}  // namespace tia
