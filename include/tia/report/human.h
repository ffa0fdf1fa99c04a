// The human-readable report: one line per test, failure output, a closing count line.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "tia/report/result.h"

namespace tia::report {

// "PASS name (0.01s)", "FAIL name (1.20s)", "FAIL name (timeout after 5.00s)",
// "SKIP name (reason)", "FLAKY name (0.30s, 2 attempts)".
std::string ResultLine(const TestResult& r);

// Exactly "N passed, N failed, N skipped", plus ", N flaky" when N > 0.
std::string SummaryLine(const Summary& s);

// Writes the output of each failed or timed-out test, each under a blank line and a
// "--- FAIL: name (message)" header. For runners that print ResultLine as tests finish.
void WriteFailures(std::ostream& out, const std::vector<TestResult>& results);

}  // namespace tia::report
