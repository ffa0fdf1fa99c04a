// Judging a test the way CTest does: WILL_FAIL, PASS_/FAIL_/SKIP_REGULAR_EXPRESSION,
// SKIP_RETURN_CODE, timeouts and signals, with CMake's regular expression syntax.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
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

// FAIL_REGULAR_EXPRESSION of a test tia runs narrowed or per case (docs/running.md, "How
// a test is judged"): searched in what each case printed rather than in the whole output,
// whose framework lines (a filter note, counts) describe tia's run, not CTest's.
struct CaseFailMatches {
  std::map<std::string, std::string> cases;  // case name → the pattern that matched
  std::string outside;                       // matched in output outside every case
  std::string error;                         // a pattern that does not compile
};

// Searches `patterns` in the log at `log` and in `texts` (a case's name and what the
// framework's report says it printed). With `gtest`, the lines from "[ RUN      ] X" to
// X's result line are case X's; log lines starting with one of `skip` and outside every
// case are not searched. A match is the case's (or outside) where its last line is.
CaseFailMatches ScanFailPerCase(const std::vector<std::string>& patterns, const std::string& log,
                                bool gtest, const std::vector<std::string>& skip,
                                const std::vector<std::pair<std::string, std::string>>& texts);

// CTest's verdict for one process: kPass, kFail, kSkip or kTimeout, with the failure
// message or skip reason in `message` (e.g. "exit code 1", "killed by SIGSEGV",
// "PASS_REGULAR_EXPRESSION not found: [hel+o]", "SKIP_RETURN_CODE=77").
report::Outcome CTestVerdict(const CTestTest& t, const ProcessOutcome& p,
                             const OutputVerdictFacts& facts, std::string* message);

// The REQUIRED_FILES of `t` that do not exist (relative ones against `dir`).
std::vector<std::string> MissingRequiredFiles(const CTestTest& t, const std::string& dir);

}  // namespace tia::run
