// Result sets shared by the report tests: one of each outcome, with hostile output.
#pragma once

#include <vector>

#include "tia/report/result.h"

namespace tia::report {

inline std::vector<TestResult> SampleResults() {
  std::vector<TestResult> v;
  TestResult pass;
  pass.ctest_name = "Math.Add";
  pass.suite = "Math";
  pass.test_case = "Add";
  pass.executable = "/build/tests/math_test";
  pass.seconds = 0.012;
  pass.file = "test/math_test.cpp";
  v.push_back(pass);

  TestResult fail = pass;
  fail.ctest_name = "Math.Fails";
  fail.test_case = "Fails";
  fail.outcome = Outcome::kFail;
  fail.seconds = 0.5;
  fail.failure_message = "math_test.cpp:14";
  fail.output = "a < b && \"c\" > 'd'\x01\x1b[31m\nline2 \xff end\n";
  v.push_back(fail);

  TestResult skip = pass;
  skip.ctest_name = "Math.Slow";
  skip.test_case = "Slow";
  skip.outcome = Outcome::kSkip;
  skip.seconds = 0;
  skip.skip_reason = "constraint: integration && !linux";
  v.push_back(skip);

  TestResult flaky;
  flaky.ctest_name = "net_test";
  flaky.executable = "/build/tests/net_test";
  flaky.outcome = Outcome::kFlaky;
  flaky.seconds = 0.25;
  flaky.attempts = 2;
  flaky.output = "connection refused\n";
  v.push_back(flaky);

  TestResult timeout;
  timeout.ctest_name = "hang_test";
  timeout.executable = "/build/tests/hang_test";
  timeout.outcome = Outcome::kTimeout;
  timeout.seconds = 5;
  timeout.output = "waiting...";
  v.push_back(timeout);
  return v;
}

}  // namespace tia::report
