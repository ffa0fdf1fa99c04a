// Reading and writing per-case coverage (see tia/store/coverage.h).
#include "tia/store/coverage.h"

#include <cstdlib>

namespace tia {

std::set<std::string> TestsRecordedByCase(const StoredCoverage& cov) {
  std::set<std::string> out;
  for (const CoverageCase& c : cov.cases)
    if (!c.name.empty()) out.insert(c.test);
  return out;
}

CoverageCounts CountCoverage(const StoredCoverage& cov) {
  std::set<std::string> by_case = TestsRecordedByCase(cov);
  CoverageCounts n;
  for (const CoverageCase& c : cov.cases) {
    if (!c.recorded) {
      ++n.not_recorded;
    } else {
      ++(c.name.empty() && by_case.count(c.test) ? n.commands : n.cases);
    }
  }
  return n;
}

bool SaveCoverage(Db& db, const StoredCoverage& cov, std::string* err) {
  Transaction tx(&db);
  if (!tx.Begin(err)) return false;
  if (!db.Exec("DELETE FROM coverage_hits; DELETE FROM coverage_cases; "
               "DELETE FROM coverage_known;",
               err))
    return false;
  Stmt known, cs, hit;
  if (!db.Prepare("INSERT OR IGNORE INTO coverage_known(usr) VALUES(?)", &known, err) ||
      !db.Prepare("INSERT INTO coverage_cases(id, test, name, recorded) VALUES(?, ?, ?, ?)", &cs,
                  err) ||
      !db.Prepare("INSERT OR IGNORE INTO coverage_hits(case_id, usr) VALUES(?, ?)", &hit, err))
    return false;
  for (const std::string& u : cov.known) {
    known.Bind(1, u);
    if (!known.Run(err)) return false;
  }
  int64_t id = 0;
  for (const CoverageCase& c : cov.cases) {
    cs.Bind(1, ++id).Bind(2, c.test).Bind(3, c.name).Bind(4, c.recorded ? 1 : 0);
    if (!cs.Run(err)) return false;
    for (const std::string& u : c.usrs) {
      hit.Bind(1, id).Bind(2, u);
      if (!hit.Run(err)) return false;
    }
  }
  std::string replaced;
  for (const std::string& t : cov.reporter_replaced) replaced += t + "\n";
  if (!db.SetMeta("coverage_commit", cov.commit, err) ||
      !db.SetMeta("coverage_recorded_at", std::to_string(cov.recorded_at), err) ||
      !db.SetMeta("coverage_reporter_replaced", replaced, err))
    return false;
  return tx.Commit(err);
}

bool LoadCoverage(Db& db, StoredCoverage* out, std::string* err) {
  *out = StoredCoverage();
  out->commit = db.GetMeta("coverage_commit").value_or("");
  if (out->commit.empty()) return true;
  out->recorded_at = std::atoll(db.GetMeta("coverage_recorded_at").value_or("0").c_str());
  std::string replaced = db.GetMeta("coverage_reporter_replaced").value_or("");
  for (size_t start = 0, nl; (nl = replaced.find('\n', start)) != std::string::npos; start = nl + 1)
    out->reporter_replaced.insert(replaced.substr(start, nl - start));
  Stmt k;
  if (!db.Prepare("SELECT usr FROM coverage_known", &k, err)) return false;
  while (k.Step()) out->known.insert(k.Text(0));
  if (k.failed()) return *err = db.path() + ": reading coverage_known: " + k.ErrMsg(), false;
  Stmt c;
  if (!db.Prepare(
          "SELECT c.id, c.test, c.name, COALESCE(h.usr, ''), c.recorded FROM coverage_cases c "
          "LEFT JOIN coverage_hits h ON h.case_id = c.id ORDER BY c.id",
          &c, err))
    return false;
  int64_t last = -1;
  while (c.Step()) {
    if (c.Int(0) != last) {
      last = c.Int(0);
      out->cases.push_back({c.Text(1), c.Text(2), {}, c.Int(4) != 0});
    }
    if (!c.TextView(3).empty()) out->cases.back().usrs.insert(c.Text(3));
  }
  if (c.failed()) return *err = db.path() + ": reading coverage: " + c.ErrMsg(), false;
  return true;
}

}  // namespace tia
