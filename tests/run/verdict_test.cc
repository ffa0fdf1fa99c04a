// CTest's judging rules: CMake regular expressions searched in the whole output as CTest
// searches it, in pieces and in linear time, and the verdict table of
// cmCTestRunTest::EndTest (CMake 3.25). Checked against real ctest runs in verdicts_test.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "testing.h"
#include "tia/run/verdict.h"

namespace tia::run {
namespace {

// Whether `pattern` (CMake syntax) matches `output` the way CTest sees it, fed in pieces
// of `piece` bytes.
bool Matches(const std::string& pattern, const std::string& output, size_t piece = 3) {
  OutputMatcher m;
  std::string err;
  EXPECT_TRUE(m.Add({pattern}, &err)) << err;
  for (size_t at = 0; at < output.size(); at += piece)
    m.Feed(std::string_view(output).substr(at, piece));
  return m.End();
}

TEST(CMakeRegex, SyntaxOfCMake) {
  EXPECT_TRUE(Matches("hel+o", "say hello\n"));
  EXPECT_TRUE(Matches("a|b", "xbx\n"));
  EXPECT_TRUE(Matches("[0-9]+ tests", "12 tests\n"));
  EXPECT_TRUE(Matches("[^a]x", "bx\n"));
  // A backslash makes the next character literal; braces are ordinary characters.
  EXPECT_TRUE(Matches("\\[  SKIPPED \\]", "[  SKIPPED ] A.b (0 ms)\n"));
  EXPECT_TRUE(Matches("\\d", "d\n"));
  EXPECT_FALSE(Matches("\\d", "7\n"));
  EXPECT_TRUE(Matches("a{2}", "a{2}\n"));
  EXPECT_FALSE(Matches("a{2}", "aa\n"));
  EXPECT_TRUE(Matches("x.y", "x.y\n"));
  CMakeRegex re;
  std::string err;
  EXPECT_FALSE(re.Compile("*a", &err));
  EXPECT_EQ(err, "'*a': '*' at character 1 follows nothing it can repeat");
  EXPECT_FALSE(re.Compile("a**", &err));
  EXPECT_FALSE(re.Compile("[ab", &err));
  EXPECT_FALSE(re.Compile("(ab", &err));
  EXPECT_FALSE(re.Compile("ab)", &err));
  EXPECT_FALSE(re.Compile("ab\\", &err));
  EXPECT_TRUE(re.Compile("[]a]", &err)) << err;
  EXPECT_TRUE(re.SearchIn("]"));
  EXPECT_TRUE(re.Compile("[\\d]", &err)) << err;  // a backslash is ordinary inside []
  EXPECT_TRUE(re.SearchIn("\\"));
  EXPECT_TRUE(re.Compile("(ab|cd)+e?$", &err)) << err;
  EXPECT_TRUE(re.SearchIn("xxabcdab"));
  EXPECT_FALSE(re.SearchIn("xxabcdabz"));
}

// Linear time and no recursion: long lines and patterns that make backtracking matchers
// explode (std::regex overflows its stack on "a.*b" over a long line).
TEST(CMakeRegex, LongOutputAndPathologicalPatterns) {
  std::string as(2000000, 'a');
  EXPECT_FALSE(Matches("a.*b", as, 65536));
  EXPECT_TRUE(Matches("a.*b", as + "b", 65536));
  EXPECT_FALSE(Matches("(a|aa)*c", as, 65536));
  EXPECT_FALSE(Matches("(a*)*c", std::string(100000, 'a'), 4096));
}

// `^` is the start of the whole output and `$` its end, after the last line end (CTest
// appends "\n" to every line): checked against ctest 3.25, where "^abc" does not match
// "x\nabc\n" and "^abc.def$" does not match "abc\ndef\n".
TEST(CMakeRegex, AnchorsAreTheWholeOutput) {
  EXPECT_TRUE(Matches("^Running", "Running main()\nnext\n"));
  EXPECT_FALSE(Matches("^abc", "x\nabc\n"));
  EXPECT_FALSE(Matches("abc$", "abc\n"));
  EXPECT_FALSE(Matches("^abc.def$", "abc\ndef\n"));
  EXPECT_TRUE(Matches("^$", ""));
  EXPECT_TRUE(Matches("x*$", "abc\n"));
}

ProcessOutcome Exited(int code) {
  ProcessOutcome p;
  p.started = true;
  p.exit_code = code;
  return p;
}

report::Outcome Judge(const CTestTest& t, const ProcessOutcome& p, const OutputVerdictFacts& f,
                      std::string* message) {
  message->clear();
  return CTestVerdict(t, p, f, message);
}

TEST(CTestVerdict, TheTableOfCTest) {
  using report::Outcome;
  CTestTest t;
  OutputVerdictFacts plain;
  plain.pass_found = true;
  std::string m;
  EXPECT_EQ(Judge(t, Exited(0), plain, &m), Outcome::kPass);
  EXPECT_EQ(Judge(t, Exited(3), plain, &m), Outcome::kFail);
  EXPECT_EQ(m, "exit code 3");
  // WILL_FAIL swaps a normal exit, not a signal or a timeout.
  t.will_fail = true;
  EXPECT_EQ(Judge(t, Exited(1), plain, &m), Outcome::kPass);
  EXPECT_EQ(Judge(t, Exited(0), plain, &m), Outcome::kFail);
  EXPECT_EQ(m, "WILL_FAIL is set and it passed (exit code 0)");
  ProcessOutcome crash = Exited(-1);
  crash.term_signal = 11;
  EXPECT_EQ(Judge(t, crash, plain, &m), Outcome::kFail);
  EXPECT_EQ(m, "killed by SIGSEGV");
  ProcessOutcome late = Exited(-1);
  late.timed_out = true;
  late.timeout = 1;
  EXPECT_EQ(Judge(t, late, plain, &m), Outcome::kTimeout);
  EXPECT_EQ(m, "timeout after 1.00s");
  t.will_fail = false;
  // A pass expression decides alone: the exit code no longer counts.
  t.pass_regex = {"ok"};
  OutputVerdictFacts found = plain, missing;
  EXPECT_EQ(Judge(t, Exited(3), found, &m), Outcome::kPass);
  EXPECT_EQ(Judge(t, Exited(0), missing, &m), Outcome::kFail);
  EXPECT_EQ(m, "PASS_REGULAR_EXPRESSION not found: [ok]");
  // A failure expression wins over a pass expression.
  OutputVerdictFacts both = found;
  both.fail_match = "ERROR";
  EXPECT_EQ(Judge(t, Exited(0), both, &m), Outcome::kFail);
  EXPECT_EQ(m, "FAIL_REGULAR_EXPRESSION matched: ERROR");
  // A skip wins over everything but a signal or a timeout.
  both.skip_match = "SKIPME";
  EXPECT_EQ(Judge(t, Exited(1), both, &m), Outcome::kSkip);
  EXPECT_EQ(m, "SKIP_REGULAR_EXPRESSION matched: SKIPME");
  CTestTest rc;
  rc.skip_return_code = 77;
  EXPECT_EQ(Judge(rc, Exited(77), plain, &m), Outcome::kSkip);
  EXPECT_EQ(m, "SKIP_RETURN_CODE=77");
  ProcessOutcome killed77 = Exited(-1);
  killed77.term_signal = 6;
  EXPECT_EQ(Judge(rc, killed77, plain, &m), Outcome::kFail);
}

TEST(CTestVerdict, ScanOutputSearchesTheWholeLog) {
  testing::ScratchDir dir("verdict");
  std::string log = dir.path() + "/t.log";
  std::string text = "start\n";
  for (int i = 0; i < 100000; ++i) text += "line " + std::to_string(i) + "\n";
  text += "the END\n";
  testing::WriteText(log, text);
  CTestTest t;
  t.pass_regex = {"the E[N]D"};
  t.fail_regex = {"^line"};        // only the very start counts
  t.skip_regex = {"line 99999$"};  // `$` is after the last line end only
  OutputVerdictFacts f = ScanOutput(t, log);
  EXPECT_TRUE(f.pass_found);
  EXPECT_EQ(f.fail_match, "");
  EXPECT_EQ(f.skip_match, "");
  t.fail_regex = {"line 5000[0-9]"};
  EXPECT_EQ(ScanOutput(t, log).fail_match, "line 5000[0-9]");
  t.pass_regex = {"(unbalanced"};
  EXPECT_NE(ScanOutput(t, log).error, "");
}

TEST(RequiredFiles, MissingOnesAreNamed) {
  CTestTest t;
  t.required_files = {"/", "/no/such/file", "relative-missing"};
  EXPECT_EQ(MissingRequiredFiles(t, "/tmp"),
            (std::vector<std::string>{"/no/such/file", "relative-missing"}));
}

}  // namespace
}  // namespace tia::run
