// Recorded test outcomes and durations (table test_results), used to balance --shard.
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
bool RecordTestResults(Db& db, const std::vector<TestResultRow>& rows, std::string* err);

// The most recent recorded duration of each test that has one (skips excluded).
bool LatestDurations(Db& db, std::map<std::string, double>* out, std::string* err);

}  // namespace tia
