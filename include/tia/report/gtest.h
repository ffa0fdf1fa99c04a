// Reading GoogleTest's own outputs: --gtest_output=json reports and --gtest_list_tests.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tia/report/result.h"

namespace tia::report {

// One case from a `--gtest_output=json:FILE` report.
struct GtestCaseResult {
  std::string suite;  // "Math", "Ty/0", "Evens/P"
  std::string name;   // "Add", "Even/2"; DISABLED_ prefix kept as GoogleTest wrote it
  std::string file;   // source file, when the report has it
  int line = 0;       // line of the TEST macro, 0 when unknown
  enum class Status { kPassed, kFailed, kSkipped, kDisabled } status = Status::kPassed;
  double seconds = 0;
  std::vector<std::string> failures;  // each failure's full text ("file:line\nExpected...")
  std::string message;      // first failure's location "file:line" (basename), or skip text
  std::string type_param;   // typed tests: "int"
  std::string value_param;  // value-parameterized tests: "2"
};

// Parses a GoogleTest JSON report (GoogleTest 1.10+). False with `err` on malformed input.
bool ParseGtestJson(std::string_view json, std::vector<GtestCaseResult>* out, std::string* err);

// `c` as a report result: passed/failed/skipped (disabled cases are skipped with reason
// "disabled"), failure_message "file:line" of the first failure, output the failures' text.
// `ctest_name` and `executable` are copied in; `file` is the report's file.
TestResult ToTestResult(const GtestCaseResult& c, const std::string& executable,
                        const std::string& ctest_name);

// One case as GoogleTest's console output shows it (run with --gtest_color=no).
struct GtestConsoleCase {
  std::string name;  // "Suite.Case"
  // kUnfinished: "[ RUN ]" without an end line: the program died (crash, abort, timeout)
  // while this case ran.
  enum class Status { kPassed, kFailed, kSkipped, kUnfinished } status = Status::kPassed;
  std::string output;        // what was printed between "[ RUN ]" and the end line
  double seconds = 0;        // from "(N ms)"
  std::string skip_message;  // GTEST_SKIP() << "message" text, when skipped
};

// Splits GoogleTest console output into cases, in the order they ran. Text a test prints
// without a final newline just before the end line is kept in its output.
std::vector<GtestConsoleCase> ParseGtestConsole(std::string_view text);

// The same, fed one line at a time (a test's log file of any size): each case keeps a
// bounded head and tail of its output (see bounded_text.h).
class GtestConsoleParser {
 public:
  GtestConsoleParser();
  ~GtestConsoleParser();
  GtestConsoleParser(const GtestConsoleParser&) = delete;
  GtestConsoleParser& operator=(const GtestConsoleParser&) = delete;
  // One line with its '\n' (the last line of a text may lack it).
  void Line(std::string_view line);
  // The case the last line fed belongs to (its "[ RUN ]" and end lines included); empty
  // for a line outside every case.
  std::string_view CaseOfLastLine() const;
  // The cases seen; a cut output names `log` as where the whole output is.
  std::vector<GtestConsoleCase> Finish(const std::string& log = "");

 private:
  struct State;
  State* st_;
};

// Copies console facts into `results` (matched by TestName): each case's own output
// when the result has none, and the GTEST_SKIP() message as skip_reason where the JSON
// report only said "skipped".
void AttachConsole(const std::vector<GtestConsoleCase>& console, std::vector<TestResult>* results);

// One case from `--gtest_list_tests`.
struct GtestListedCase {
  std::string suite;        // "Ty/0"
  std::string name;         // "Zero"
  std::string type_param;   // from "# TypeParam = int"
  std::string value_param;  // from "# GetParam() = 2"
  // "Suite.Name", as --gtest_filter and gtest_discover_tests spell it.
  std::string FullName() const { return suite + "." + name; }
  // True for DISABLED_ suites or cases.
  bool disabled() const;
};

// Parses `--gtest_list_tests` output. Lines that are neither a suite ("Suite.") nor an
// indented case (e.g. what a custom main prints) are ignored.
std::vector<GtestListedCase> ParseGtestList(std::string_view text);

}  // namespace tia::report
