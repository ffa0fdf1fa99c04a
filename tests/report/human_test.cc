// Human-readable lines and the closing count line.
#include "tia/report/human.h"

#include <gtest/gtest.h>

#include <sstream>

#include "fixtures.h"

namespace tia::report {
namespace {

TEST(Human, ResultLines) {
  std::vector<TestResult> r = SampleResults();
  EXPECT_EQ(ResultLine(r[0]), "PASS Math.Add (0.01s)");
  EXPECT_EQ(ResultLine(r[1]), "FAIL Math.Fails (0.50s)");
  EXPECT_EQ(ResultLine(r[2]), "SKIP Math.Slow (constraint: integration && !linux)");
  EXPECT_EQ(ResultLine(r[3]), "FLAKY net_test (0.25s, 2 attempts)");
  EXPECT_EQ(ResultLine(r[4]), "FAIL hang_test (timeout after 5.00s)");
  r[3].attempts = 1;
  EXPECT_EQ(ResultLine(r[3]), "FLAKY net_test (0.25s)");
}

TEST(Human, SummaryLine) {
  Summary s;
  EXPECT_EQ(SummaryLine(s), "0 passed, 0 failed, 0 skipped");
  s.passed = 12;
  s.failed = 1;
  s.skipped = 3;
  EXPECT_EQ(SummaryLine(s), "12 passed, 1 failed, 3 skipped");
  s.flaky = 2;
  EXPECT_EQ(SummaryLine(s), "12 passed, 1 failed, 3 skipped, 2 flaky");
}

TEST(Human, Summarize) {
  Summary s = Summarize(SampleResults(), 2.0);
  EXPECT_EQ(s.passed, 1);
  EXPECT_EQ(s.failed, 2);  // fail + timeout
  EXPECT_EQ(s.skipped, 1);
  EXPECT_EQ(s.flaky, 1);
  EXPECT_EQ(s.elapsed, 2.0);
}

TEST(Human, Failures) {
  std::vector<TestResult> r = SampleResults();
  std::ostringstream out;
  WriteFailures(out, r);
  EXPECT_EQ(out.str(), "\n--- FAIL: Math.Fails (math_test.cpp:14)\n" + r[1].output +
                           "\n--- FAIL: hang_test\n"
                           "waiting...\n");
}

}  // namespace
}  // namespace tia::report
