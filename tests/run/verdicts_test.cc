// A CTest test's own arguments and pass/fail properties are part of the test
// (testdata/verdicts): `tia run --all` gives every test the verdict `ctest` gives it,
// `tia run --base` reports no failure `ctest` does not, tests whose own selection
// excludes every affected case are not selected, and listing tests are selected only by
// added, removed or renamed cases. Real CMake, CTest, GoogleTest, Catch2 v2 and doctest.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared_project.h"
#include "testing.h"

namespace tia::testing {
namespace {

// History: base; cases added to each program; the function only a hidden Catch2 case
// calls changed; Perimeter broken (its cases fail).
BuiltProject Project() {
  return SharedProject(
      "verdicts",
      {{"printf 'TEST(Perimeter, Rect) {\\n  EXPECT_EQ(geometry::Perimeter(2, 5), 14);\\n}\\n' "
        ">> tests/gt.cc && "
        "printf 'TEST_CASE(\"perimeter of a rectangle\", \"[perimeter]\") {\\n  "
        "REQUIRE(geometry::Perimeter(2, 5) == 14);\\n}\\n' >> tests/ct.cc && "
        "printf 'TEST_SUITE(\"perimeter\") {\\n  TEST_CASE(\"rect perimeter\") {\\n    "
        "CHECK(geometry::Perimeter(2, 5) == 14);\\n  }\\n}\\n' >> tests/dt.cc",
        "add cases"},
       {"sed -i 's/return w \\* w + h \\* h;/return h * h + w * w;/' src/geometry.cc",
        "change Diagonal2"},
       {"sed -i 's/return 2 \\* (w + h);/return 2 * (w + h) + 1;/' src/geometry.cc",
        "break Perimeter"}});
}

using Verdicts = std::map<std::string, std::string>;  // CTest name -> pass, fail, skip

// ctest's verdict per test from its console lines ("  3/37 Test  #3: name ....   Passed").
// "Not Run" (REQUIRED_FILES missing) is a failure: ctest lists it under FAILED.
Verdicts CtestVerdicts(const std::string& out) {
  Verdicts v;
  static const std::regex line(
      R"(Test +#\d+: (\S+) \.*\s*(\*\*\*[A-Za-z]+(?: Run)?(?: \(Disabled\))?|Passed))");
  for (const std::string& l : TextLines(out)) {
    std::smatch m;
    if (!std::regex_search(l, m, line)) continue;
    std::string s = m[2];
    v[m[1]] = s == "Passed"                                         ? "pass"
              : (s == "***Skipped" || s == "***Not Run (Disabled)") ? "skip"
                                                                    : "fail";
  }
  return v;
}

// tia's verdict per CTest test from --json events: a failed case fails its test; a test
// with a pass and no failure passes; one with only skips is skipped.
Verdicts TiaVerdicts(const std::string& json_out, std::map<std::string, std::string>* ctest_of) {
  std::map<std::string, std::set<std::string>> actions;
  for (const std::string& l : TextLines(json_out)) {
    auto j = nlohmann::json::parse(l, nullptr, false);
    if (j.is_discarded() || !j.contains("CTest")) continue;
    std::string a = j["Action"];
    if (a == "pass" || a == "fail" || a == "skip") actions[j["CTest"]].insert(a);
    if (ctest_of && j.contains("Test")) (*ctest_of)[j["Test"]] = j["CTest"];
  }
  Verdicts v;
  for (const auto& [name, as] : actions)
    v[name] = as.count("fail") ? "fail" : as.count("pass") ? "pass" : "skip";
  return v;
}

class VerdictsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { project_ = new BuiltProject(Project()); }
  // The project's tests share files (the lock and processor markers, ctest's logs): one
  // test process at a time runs them, whatever `ctest -j` runs beside it.
  void SetUp() override {
    lock_ = ::open((project_->build + "/../verdicts-run.lock").c_str(),
                   O_CREAT | O_RDWR | O_CLOEXEC, 0644);
    ASSERT_GE(lock_, 0);
    ::flock(lock_, LOCK_EX);
  }
  void TearDown() override {
    if (lock_ >= 0) ::close(lock_);
  }
  int lock_ = -1;
  static CommandResult Tia(const std::string& cmd, std::vector<std::string> args) {
    std::vector<std::string> argv = {TiaBinary(), cmd, "-p", project_->build, "--no-index"};
    argv.insert(argv.end(), args.begin(), args.end());
    return ::tia::testing::Run(argv, project_->src);
  }
  static std::set<std::string> Selected(const std::string& base, const std::string& head) {
    CommandResult r = Tia("select", {"--base", base, "--head", head, "--format", "names"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::vector<std::string> l = TextLines(r.out);
    return {l.begin(), l.end()};
  }
  static BuiltProject* project_;
};

BuiltProject* VerdictsTest::project_ = nullptr;

// The tests whose commands tia cannot analyse (shell scripts): selected on any change.
const std::set<std::string> kScripts = {"lock_a", "lock_b", "procs_big", "procs_small_a",
                                        "procs_small_b"};

std::set<std::string> With(std::set<std::string> a, const std::set<std::string>& b) {
  a.insert(b.begin(), b.end());
  return a;
}

TEST_F(VerdictsTest, AllGivesEveryTestTheVerdictCtestGives) {
  CommandResult c = ::tia::testing::Run({"ctest", "-j2"}, project_->build);
  Verdicts want = CtestVerdicts(c.out);
  ASSERT_EQ(want.size(), 40u) << c.out;
  // The project holds every kind of verdict.
  EXPECT_EQ(want["gt_all"], "fail");  // Perimeter is broken at HEAD
  EXPECT_EQ(want["gt_area"], "pass");
  EXPECT_EQ(want["gt_will_fail"], "pass");
  EXPECT_EQ(want["gt_skip_rc"], "skip");
  EXPECT_EQ(want["gt_timeout_after_match"], "fail");
  EXPECT_EQ(want["gt_required_missing"], "fail");
  EXPECT_EQ(want["ct_no_assertions"], "pass");
  EXPECT_EQ(want["ct_list"], "pass");
  EXPECT_EQ(want["gt_fail_re_case"], "fail");  // Misc.Prints prints "hello verdicts"
  EXPECT_EQ(want["gt_fail_re_exit"], "fail");
  EXPECT_EQ(want["ct_fail_re"], "fail");  // "prints a warning" prints "low battery"

  CommandResult t = Tia("run", {"--all", "-j2", "--json"});
  EXPECT_EQ(t.exit_code, 1) << t.err;
  Verdicts got = TiaVerdicts(t.out, nullptr);
  EXPECT_EQ(got, want) << t.out;
  for (const auto& [name, verdict] : want) EXPECT_EQ(got[name], verdict) << name << "\n" << c.out;
}

// One property at a time: the tests that carry it, under `ctest -j2 -R` and under
// `tia run --all -j2 --run` (the same regular expression), verdict by verdict.
struct Property {
  const char* name;
  const char* tests;  // regex over CTest names
};

void PrintTo(const Property& p, std::ostream* os) {
  *os << p.name;
}

class VerdictsPropertyTest : public VerdictsTest, public ::testing::WithParamInterface<Property> {};

TEST_P(VerdictsPropertyTest, SameVerdictAsCtest) {
  const Property& p = GetParam();
  CommandResult c = ::tia::testing::Run({"ctest", "-j2", "-R", p.tests}, project_->build);
  Verdicts want = CtestVerdicts(c.out);
  ASSERT_FALSE(want.empty()) << c.out;
  CommandResult t = Tia("run", {"--all", "-j2", "--json", "--run", p.tests});
  Verdicts got = TiaVerdicts(t.out, nullptr);
  EXPECT_EQ(got, want) << p.name << "\nctest:\n" << c.out << "\ntia:\n" << t.out << t.err;
}

INSTANTIATE_TEST_SUITE_P(
    Properties, VerdictsPropertyTest,
    ::testing::Values(Property{"WILL_FAIL", "^(gt_will_fail|ct_no_assertions)$"},
                      Property{"PASS_REGULAR_EXPRESSION",
                               "^(gt_pass_re|gt_pass_re_missing|gt_list|ct_list|ct_tags|dt_list)$"},
                      Property{"FAIL_REGULAR_EXPRESSION",
                               "^(gt_fail_re|gt_fail_re_quiet|gt_fail_re_case|gt_fail_re_exit|"
                               "ct_fail_re|ct_xml)$"},
                      Property{"SKIP_REGULAR_EXPRESSION", "^gt_skip_re$"},
                      Property{"SKIP_RETURN_CODE", "^gt_skip_rc$"},
                      Property{"TIMEOUT", "^gt_timeout$"},
                      Property{"TIMEOUT_AFTER_MATCH", "^gt_timeout_after_match$"},
                      Property{"REQUIRED_FILES", "^gt_required_"},
                      Property{"RESOURCE_LOCK", "^lock_"}, Property{"PROCESSORS", "^procs_"},
                      Property{"OwnSelection",
                               "^(gt_area|gt_not_area|gt_env_filter|ct_area|ct_not_area|ct_names|"
                               "ct_hidden|ct_unmatched|dt_area_suite|dt_tc|dt_tce|dt_count)$"}),
    [](const ::testing::TestParamInfo<Property>& i) { return std::string(i.param.name); });

TEST_F(VerdictsTest, BaseRunReportsNoFailureCtestDoesNot) {
  Verdicts ctest = CtestVerdicts(::tia::testing::Run({"ctest", "-j2"}, project_->build).out);
  CommandResult t = Tia("run", {"--base", "HEAD~1", "--head", "HEAD", "-j2", "--json"});
  EXPECT_EQ(t.exit_code, 1) << t.err;
  Verdicts got = TiaVerdicts(t.out, nullptr);
  EXPECT_FALSE(got.empty()) << t.out;
  for (const auto& [name, verdict] : got) {
    if (verdict == "fail") {
      EXPECT_EQ(ctest[name], "fail") << name << " fails only under tia\n" << t.out;
    }
  }
  // The tests that pass only as whole commands were run whole.
  EXPECT_EQ(got["gt_will_fail"], "pass") << t.out;
  EXPECT_EQ(got["gt_all"], "fail");
  EXPECT_EQ(got["ct_xml"], "fail");
}

TEST_F(VerdictsTest, OwnSelectionExcludingAffectedCasesIsNotSelected) {
  // Perimeter changed: its cases are affected.
  std::set<std::string> perimeter = {"gt_all",          "gt_not_area",
                                     "gt_will_fail",    "gt_fail_re_quiet",
                                     "gt_fail_re_case", "gt_fail_re_exit",
                                     "gt_skip_rc",      "ct_all",
                                     "ct_not_area",     "ct_names",
                                     "ct_fail_re",      "ct_xml",
                                     "dt_all",          "dt_tc"};
  EXPECT_EQ(Selected("HEAD~1", "HEAD"), With(perimeter, kScripts));
  // Only the hidden Catch2 case calls Diagonal2: the default run never runs it; a spec
  // that names it does, and so does an exclusion-only spec (Catch2 2.13 lets those match
  // hidden cases).
  EXPECT_EQ(Selected("HEAD~2", "HEAD~1"), With({"ct_hidden", "ct_not_area"}, kScripts));
  // Cases added: what lists them, and what runs them.
  std::set<std::string> added = {
      "gt_all",          "gt_not_area", "gt_will_fail", "gt_fail_re_quiet", "gt_fail_re_case",
      "gt_fail_re_exit", "gt_skip_rc",  "gt_list",      "ct_all",           "ct_not_area",
      "ct_names",        "ct_fail_re",  "ct_xml",       "ct_list",          "ct_tags",
      "dt_all",          "dt_tc",       "dt_list",      "dt_count"};
  EXPECT_EQ(Selected("HEAD~3", "HEAD~2"), With(added, kScripts));
}

// Which tests tia narrows: the plain commands (to the affected cases); everything else
// runs as CTest runs it.
TEST_F(VerdictsTest, OnlyPlainCommandsAreNarrowed) {
  CommandResult l = Tia("run", {"--base", "HEAD~1", "--head", "HEAD", "--list"});
  ASSERT_EQ(l.exit_code, 0) << l.err;
  std::vector<std::string> lines = TextLines(l.out);
  std::multiset<std::string> got(lines.begin(), lines.end());
  // gt_all and gt_skip_rc narrowed to the two Perimeter cases each, ct_all and dt_all to
  // theirs; the tests with their own selection run their whole command (one line per case
  // they run); the judged ones are one line each.
  // gt_all, gt_skip_rc, gt_not_area and the three judged by FAIL_REGULAR_EXPRESSION alone.
  EXPECT_EQ(got.count("Perimeter.Square"), 6u) << l.out;
  EXPECT_EQ(got.count("Area.Square"), 0u) << l.out;
  EXPECT_EQ(got.count("gt_will_fail"), 1u) << l.out;
  EXPECT_EQ(got.count("gt_fail_re_quiet"), 0u) << l.out;
  EXPECT_EQ(got.count("ct_xml"), 1u) << l.out;
  // Catch2 and doctest commands with arguments of their own run as they are, but for an
  // order and a seed (ct_fail_re).
  EXPECT_EQ(got.count("perimeter of a square"), 2u) << l.out;  // ct_all, ct_fail_re
  EXPECT_EQ(got.count("ct_fail_re"), 0u) << l.out;
  EXPECT_EQ(got.count("area of a square"), 0u) << l.out;
  EXPECT_EQ(got.count("ct_not_area"), 1u) << l.out;
  EXPECT_EQ(got.count("ct_names"), 1u) << l.out;
  EXPECT_EQ(got.count("square perimeter"), 1u) << l.out;  // dt_all
  EXPECT_EQ(got.count("dt_tc"), 1u) << l.out;
}

// FAIL_REGULAR_EXPRESSION alone: each case is judged by what it printed, a match outside
// every case fails the test, and lines only tia's own flags make the program print (a
// filter note, Catch2's "Filters:") are not the command's output.
TEST_F(VerdictsTest, FailRegexJudgesEachCaseByWhatItPrinted) {
  CommandResult area = Tia("run", {"--all", "--run", "^(Area\\.Square|area of a square)$"});
  EXPECT_EQ(area.exit_code, 1) << area.out << area.err;
  for (const char* line : {"PASS Area.Square", "PASS area of a square",
                           "--- FAIL: gt_fail_re_exit (FAIL_REGULAR_EXPRESSION matched outside "
                           "every case: note at exit)"})
    EXPECT_NE(area.out.find(line), std::string::npos) << line << "\n" << area.out;
  EXPECT_EQ(area.out.find("matched: filter ="), std::string::npos) << area.out;
  EXPECT_EQ(area.out.find("Filters:"), std::string::npos) << area.out;

  CommandResult prints =
      Tia("run", {"--all", "--run", "^(Misc\\.Prints|prints a warning)$", "--json"});
  EXPECT_EQ(prints.exit_code, 1) << prints.out << prints.err;
  std::map<std::string, std::string> ctest_of;
  Verdicts v = TiaVerdicts(prints.out, &ctest_of);
  EXPECT_EQ(v["gt_fail_re_case"], "fail") << prints.out;
  EXPECT_EQ(v["gt_fail_re_quiet"], "pass") << prints.out;
  EXPECT_EQ(v["ct_fail_re"], "fail") << prints.out;
  EXPECT_EQ(v["ct_all"], "pass") << prints.out;
  CommandResult text = Tia("run", {"--all", "--run", "^(Misc\\.Prints|prints a warning)$"});
  for (const char* line :
       {"--- FAIL: Misc.Prints (FAIL_REGULAR_EXPRESSION matched: hello verdicts)",
        "--- FAIL: prints a warning (FAIL_REGULAR_EXPRESSION matched: low battery)"})
    EXPECT_NE(text.out.find(line), std::string::npos) << line << "\n" << text.out;
}

// Catch2 lists a name that starts with '#' in quotes: the case is named without them, so
// a process that runs it alone runs it.
TEST_F(VerdictsTest, CatchNameStartingWithHashRunsAlone) {
  // (ct_not_area runs its whole command, and Perimeter is broken at HEAD.)
  CommandResult r = Tia("run", {"--all", "--isolate", "--run", "^#42"});
  EXPECT_EQ(r.out.find("FAIL #42"), std::string::npos) << r.out << r.err;
  std::vector<std::string> lines = TextLines(r.out);
  // ct_all and ct_fail_re run it, each in a process of its own.
  EXPECT_EQ(std::count(lines.begin(), lines.end(),
                       std::string("PASS #42 a name that starts with a hash (0.00s)")) +
                std::count(lines.begin(), lines.end(),
                           std::string("PASS #42 a name that starts with a hash (0.01s)")),
            2)
      << r.out;
}

}  // namespace
}  // namespace tia::testing
