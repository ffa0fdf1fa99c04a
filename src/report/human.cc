// Plain-text report for terminals and CI logs.
#include "tia/report/human.h"

#include <cstdio>

#include "tia/util/strings.h"

namespace tia::report {
namespace {

std::string Secs(double s) {
  return SecondsText(s);
}

}  // namespace

std::string ResultLine(const TestResult& r) {
  std::string name = TestName(r);
  switch (r.outcome) {
    case Outcome::kPass:
      return "PASS " + name + " (" + Secs(r.seconds) + ")";
    case Outcome::kFail:
      return "FAIL " + name + " (" + Secs(r.seconds) + ")";
    case Outcome::kTimeout:
      return "FAIL " + name + " (timeout after " + Secs(r.seconds) + ")";
    case Outcome::kSkip:
      return "SKIP " + name + " (" + (r.skip_reason.empty() ? "skipped" : r.skip_reason) + ")";
    case Outcome::kFlaky:
      if (r.attempts < 2) return "FLAKY " + name + " (" + Secs(r.seconds) + ")";
      return "FLAKY " + name + " (" + Secs(r.seconds) + ", " + std::to_string(r.attempts) +
             " attempts)";
  }
  return name;
}

std::string SummaryLine(const Summary& s) {
  std::string line = std::to_string(s.passed) + " passed, " + std::to_string(s.failed) +
                     " failed, " + std::to_string(s.skipped) + " skipped";
  if (s.flaky > 0) line += ", " + std::to_string(s.flaky) + " flaky";
  return line;
}

void WriteFailures(std::ostream& out, const std::vector<TestResult>& results) {
  for (const TestResult& r : results) {
    if (!IsFailure(r.outcome)) continue;
    out << "\n--- FAIL: " << TestName(r);
    if (!r.failure_message.empty()) out << " (" << r.failure_message << ")";
    out << '\n' << r.output;
    if (!r.output.empty() && r.output.back() != '\n') out << '\n';
  }
}

}  // namespace tia::report
