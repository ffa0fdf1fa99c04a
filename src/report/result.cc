// Names and totals for test results.
#include "tia/report/result.h"

namespace tia::report {

std::string_view OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kPass:
      return "pass";
    case Outcome::kFail:
      return "fail";
    case Outcome::kSkip:
      return "skip";
    case Outcome::kFlaky:
      return "flaky";
    case Outcome::kTimeout:
      return "timeout";
  }
  return "fail";
}

std::string TestName(const TestResult& r) {
  if (!r.suite.empty() && !r.test_case.empty()) return r.suite + "." + r.test_case;
  // Catch2 and doctest cases have a name but no suite.
  if (!r.test_case.empty()) return r.test_case;
  return r.ctest_name;
}

std::string PackageName(const TestResult& r) {
  if (!r.suite.empty() && !r.executable.empty()) {
    size_t slash = r.executable.find_last_of('/');
    return slash == std::string::npos ? r.executable : r.executable.substr(slash + 1);
  }
  return r.ctest_name.empty() ? TestName(r) : r.ctest_name;
}

bool IsFailure(Outcome o) {
  return o == Outcome::kFail || o == Outcome::kTimeout;
}

Summary Summarize(const std::vector<TestResult>& results, double elapsed) {
  Summary s;
  s.elapsed = elapsed;
  for (const TestResult& r : results) {
    switch (r.outcome) {
      case Outcome::kPass:
        ++s.passed;
        break;
      case Outcome::kFail:
      case Outcome::kTimeout:
        ++s.failed;
        break;
      case Outcome::kSkip:
        ++s.skipped;
        break;
      case Outcome::kFlaky:
        ++s.flaky;
        break;
    }
  }
  return s;
}

}  // namespace tia::report
