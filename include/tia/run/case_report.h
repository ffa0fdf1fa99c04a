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
  double seconds = 0;   // 0 when the report has no duration
  std::string failure;  // "file:line: CHECK(original) with expansion: expanded", one per line
};

// Parses a report of `framework` ("catch2" or "doctest"). Cases doctest lists as skipped
// (filtered out) are left out. False with `err` on malformed XML or an unknown root.
bool ParseXmlCaseReport(const std::string& framework, const std::string& text,
                        std::vector<XmlCaseResult>* out, std::string* err);

}  // namespace tia::run
