// Judging a test the way CTest does: WILL_FAIL, PASS_/FAIL_/SKIP_REGULAR_EXPRESSION,
// SKIP_RETURN_CODE, timeouts and signals, with CMake's regular expression syntax.
#pragma once

#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "tia/buildmodel/build_model.h"
#include "tia/report/result.h"
#include "tia/run/process.h"

namespace tia::run {

// Translates a CMake (cmsys) regular expression into an ECMAScript std::regex: `^` `$` `.`
// `[]` `[^]` `()` `|` `*` `+` `?`; a backslash makes the next character literal; `{` and
// `}` are ordinary characters; `.` and `[^...]` also match a line end. False with `err`
// (what is wrong, at which character) on a pattern CMake would reject.
bool CompileCMakeRegex(const std::string& pattern, std::regex* out, std::string* err);

// A set of CMake regular expressions matched against a test's output one line at a time.
// CTest matches against the whole output, every line followed by "\n": `^` matches only
// at its very start and `$` only after its last line end. Line by line gives the same
// answer for every pattern that does not span lines, in memory bounded by a line
// (lines over 64 KiB are matched in pieces).
class OutputMatcher {
 public:
  // False with `err` naming the pattern when one does not compile.
  bool Add(const std::vector<std::string>& patterns, std::string* err);
  bool empty() const { return res_.empty(); }
  // Feeds the next line (without its "\n"); true when a pattern matched it.
  bool Line(std::string_view line);
  // Call once after the last line: the position after the final line end.
  bool End();
  // The first pattern that matched, as written; empty while none has.
  const std::string& matched() const { return matched_; }

 private:
  bool Try(std::string_view text, std::regex_constants::match_flag_type flags);
  std::vector<std::string> patterns_;
  std::vector<std::regex> res_;
  std::string matched_;
  bool first_ = true;
};

// Scans a log file line by line (bounded memory), calling `line` for each line without
// its "\n". False when the file cannot be read.
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
