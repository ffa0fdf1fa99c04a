// Per-case coverage recorded by `tia run --record-coverage` (tables coverage_cases,
// coverage_hits, coverage_known; meta coverage_commit): which functions each case ran, by
// USR, at one commit.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "tia/store/db.h"

namespace tia {

struct CoverageCase {
  std::string test;            // CTest name
  std::string name;            // the case as the program names it; empty: the whole test
  std::set<std::string> usrs;  // the functions its process ran
  bool recorded = true;        // false: its process left no data (killed, timed out)
};

struct StoredCoverage {
  std::string commit;           // empty: nothing recorded
  int64_t recorded_at = 0;      // unix seconds
  std::set<std::string> known;  // every function the build's coverage notes describe
  std::vector<CoverageCase> cases;
  // Tests recorded case by case with report flags that replace the reporter their CTest
  // command uses (doctest's, Catch2 2's): their cases' records lack that reporter's code.
  std::set<std::string> reporter_replaced;
};

// The tests recorded case by case (some record names a case). Such a test's record with no
// case name is its CTest command, run whole beside its cases; a test without named records
// was recorded as one process.
std::set<std::string> TestsRecordedByCase(const StoredCoverage& cov);

struct CoverageCounts {
  size_t cases = 0;         // cases, and tests recorded as one process, with data
  size_t commands = 0;      // CTest commands recorded whole beside their cases, with data
  size_t not_recorded = 0;  // records without data (killed, timed out, never started)
};
CoverageCounts CountCoverage(const StoredCoverage& cov);

// Replaces whatever was recorded with `cov`, in one transaction.
[[nodiscard]] bool SaveCoverage(Db& db, const StoredCoverage& cov, std::string* err);

// Reads the recorded coverage (commit empty when there is none).
[[nodiscard]] bool LoadCoverage(Db& db, StoredCoverage* out, std::string* err);

}  // namespace tia
