// Judging a test the way CTest does: WILL_FAIL, PASS_/FAIL_/SKIP_REGULAR_EXPRESSION,
// SKIP_RETURN_CODE, timeouts and signals, with CMake's regular expression syntax.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tia/buildmodel/build_model.h"
#include "tia/report/result.h"
#include "tia/run/cmake_regex.h"
#include "tia/run/process.h"

namespace tia::run {

// A set of CMake regular expressions searched in a test's output as CTest searches it
// (the whole output, every line followed by "\n": `^` is its start, `$` its end), fed
// piece by piece in bounded memory.
class OutputMatcher {
 public:
  // False with `err` naming the pattern when one does not compile.
  bool Add(const std::vector<std::string>& patterns, std::string* err);
  bool empty() const { return res_.empty(); }
  // Feeds the next piece of output; true once a pattern has matched.
  bool Feed(std::string_view piece);
  // Call once after the last piece; true when a pattern matched.
  bool End();
  // The first pattern that matched, as written; empty while none has.
  const std::string& matched() const { return matched_; }

 private:
  std::vector<std::unique_ptr<CMakeRegex>> res_;
  std::vector<std::unique_ptr<CMakeRegex::Search>> searches_;
  std::string matched_;
};

// Scans a log file line by line (bounded memory), calling `line` for each line without
// its "\n" (lines over 64 KiB come in pieces). False when the file cannot be read.
bool ForEachLogLine(const std::string& path, const std::function<void(std::string_view)>& line);

// How CTest sees a test's output: which of its regular expressions matched.
struct OutputVerdictFacts {
  bool pass_found = false;  // some PASS_REGULAR_EXPRESSION matched (or there is none)
  std::string fail_match;   // the FAIL_REGULAR_EXPRESSION that matched
  std::string skip_match;   // the SKIP_REGULAR_EXPRESSION that matched
  std::string error;        // a pattern that does not compile
};

// Matches `t`'s regular expressions against the log at `log`.
OutputVerdictFacts ScanOutput(const CTestTest& t, const std::string& log);

// CTest's verdict for one process: kPass, kFail, kSkip or kTimeout, with the failure
// message or skip reason in `message` (e.g. "exit code 1", "killed by SIGSEGV",
// "PASS_REGULAR_EXPRESSION not found: [hel+o]", "SKIP_RETURN_CODE=77").
report::Outcome CTestVerdict(const CTestTest& t, const ProcessOutcome& p,
                             const OutputVerdictFacts& facts, std::string* message);

// The REQUIRED_FILES of `t` that do not exist (relative ones against `dir`).
std::vector<std::string> MissingRequiredFiles(const CTestTest& t, const std::string& dir);

}  // namespace tia::run
