// The outcome of one test (a CTest test, or one GoogleTest case of it), as reports see it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tia::report {

// How a test ended.
enum class Outcome {
  kPass,     // passed on the first attempt
  kFail,     // failed (non-zero exit, failed assertion, crash)
  kSkip,     // not run: disabled, constraint false, GTEST_SKIP, ...
  kFlaky,    // failed, then passed on a retry
  kTimeout,  // killed after its timeout
};

// "pass", "fail", "skip", "flaky", "timeout".
std::string_view OutcomeName(Outcome o);

// One result. The runner fills what it knows; empty strings mean unknown.
struct TestResult {
  std::string ctest_name;  // CTest test name (e.g. "math_test" or "Math.Add")
  std::string suite;       // GoogleTest suite ("Math", "Ty/0", "Evens/P") when known
  std::string test_case;   // GoogleTest case ("Add", "Even/2") when known
  std::string executable;  // path of the test executable
  Outcome outcome = Outcome::kPass;
  double seconds = 0;           // wall time of the (last) attempt
  std::string output;           // what the test printed (stdout and stderr)
  std::string failure_message;  // short reason, e.g. "math_test.cpp:14" or "exit code 1"
  std::string skip_reason;      // e.g. "constraint: integration && !linux", "disabled"
  std::string file;             // source file of the test, when known
  int attempts = 1;             // runs made (more than 1 with --retry-failed)
};

// "Suite.Case" when the GoogleTest case is known, the case name for Catch2/doctest cases
// (no suite), else the CTest name.
std::string TestName(const TestResult& r);

// The group a result is reported under (JSON `Package`, JUnit `testsuite`): the
// executable's file name for GoogleTest cases, else the CTest test name.
std::string PackageName(const TestResult& r);

// True for outcomes that make the run fail (fail, timeout).
bool IsFailure(Outcome o);

// Totals of a run. `failed` includes timeouts; flaky tests are not counted as passed.
struct Summary {
  int passed = 0;
  int failed = 0;
  int skipped = 0;
  int flaky = 0;
  double elapsed = 0;  // wall time of the whole run, in seconds
};

// Counts `results`; `elapsed` is copied into the summary.
Summary Summarize(const std::vector<TestResult>& results, double elapsed);

}  // namespace tia::report
