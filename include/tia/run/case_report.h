// Per-case results from the XML reports of Catch2 v2 (`-r xml -d yes`) and doctest
// (`-r=xml -d=true`).
#pragma once

#include <string>
#include <vector>

namespace tia::run {

// One test case a Catch2 or doctest program ran.
struct XmlCaseResult {
  std::string name;  // the TEST_CASE name
  std::string file;  // as the program reports it
  int line = 0;
  bool passed = false;
  double seconds = 0;    // 0 when the report has no duration
  std::string failure;   // "file:line: CHECK(original) with expansion: expanded", one per line
  bool finished = true;  // the report has the case's result (false: the program ended in it)
  bool fatal = false;    // the framework caught a signal in it (crash, or SIGTERM on timeout)
  bool skipped = false;  // Catch2 v3: SKIP() ended it (passed stays true)
  std::string skip_reason;
  // What the console reporter could print of the case: its captured output, messages and
  // failed assertions, one text per line (for FAIL_REGULAR_EXPRESSION).
  std::string printed;
};

// Parses a report of `framework` ("catch2": v2's <Catch> or v3's <Catch2TestRun>;
// "doctest"). Cases doctest lists as skipped
// (filtered out) are left out. A report cut short (the program exited in the middle of a
// case) is read as far as it goes, with `*complete` false. False with `err` on XML that
// has no report root at all.
bool ParseXmlCaseReport(const std::string& framework, const std::string& text,
                        std::vector<XmlCaseResult>* out, std::string* err,
                        bool* complete = nullptr);

}  // namespace tia::run
