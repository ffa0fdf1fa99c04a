// Recorded test outcomes and durations (table test_results), used to balance --shard, and
// the case listings of test programs (table case_listings).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "tia/store/db.h"

namespace tia {

// One finished test (a CTest test or one case of it).
struct TestResultRow {
  std::string test;        // CTest name, or Suite.Case inside a narrowed test
  int64_t started_at = 0;  // Unix seconds
  std::string outcome;     // pass, fail, skip, flaky, timeout
  double seconds = 0;
};

// Appends `rows` in one transaction.
[[nodiscard]] bool RecordTestResults(Db& db, const std::vector<TestResultRow>& rows,
                                     std::string* err);

// The most recent recorded duration of each test that has one (skips excluded).
[[nodiscard]] bool LatestDurations(Db& db, std::map<std::string, double>* out, std::string* err);

// The case names a test program listed, remembered by the program's content id (table
// case_listings). `found` false when that content was never listed.
[[nodiscard]] bool LoadCaseListing(Db& db, const std::string& content_id,
                                   std::vector<std::string>* names, bool* found, std::string* err);
[[nodiscard]] bool SaveCaseListing(Db& db, const std::string& content_id,
                                   const std::vector<std::string>& names, std::string* err);

}  // namespace tia
