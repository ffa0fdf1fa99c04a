// Parsing the JSON report and test listing of a real GoogleTest program.
#include "tia/report/gtest.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <pugixml.hpp>

#include "testing.h"
#include "tia/report/junit.h"

namespace tia::report {
namespace {

class GtestReport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<tia::testing::ScratchDir>("gtest_report");
    std::string json = dir_->path() + "/report.json";
    run_ = tia::testing::Run({TIA_REPORT_SAMPLE_GTEST, "--gtest_output=json:" + json});
    report_ = tia::testing::ReadText(json);
    list_ = tia::testing::Run({TIA_REPORT_SAMPLE_GTEST, "--gtest_list_tests"});
    console_ = run_.out;
  }
  static void TearDownTestSuite() { dir_.reset(); }

  static const GtestCaseResult* Find(const std::vector<GtestCaseResult>& v,
                                     const std::string& suite, const std::string& name) {
    for (const auto& c : v)
      if (c.suite == suite && c.name == name) return &c;
    return nullptr;
  }

  // "sample_gtest.cc:N" for the line of the sample source holding `text`.
  static std::string Where(const std::string& text) {
    return "sample_gtest.cc:" + std::to_string(LineOf(text));
  }
  static int LineOf(const std::string& text) {
    std::string src =
        tia::testing::ReadText(tia::testing::TestdataDir() + "/report/sample_gtest.cc");
    size_t at = src.find(text);
    EXPECT_NE(at, std::string::npos) << text;
    return 1 + static_cast<int>(std::count(src.begin(), src.begin() + at, '\n'));
  }

  static std::unique_ptr<tia::testing::ScratchDir> dir_;
  static tia::testing::CommandResult run_, list_;
  static std::string report_, console_;
};
std::unique_ptr<tia::testing::ScratchDir> GtestReport::dir_;
tia::testing::CommandResult GtestReport::run_, GtestReport::list_;
std::string GtestReport::report_, GtestReport::console_;

TEST_F(GtestReport, ParsesEveryStatus) {
  EXPECT_EQ(run_.exit_code, 1);  // the sample has failing cases
  std::vector<GtestCaseResult> cases;
  std::string err;
  ASSERT_TRUE(ParseGtestJson(report_, &cases, &err)) << err;
  ASSERT_EQ(cases.size(), 9u);

  const GtestCaseResult* add = Find(cases, "Math", "Add");
  ASSERT_TRUE(add);
  EXPECT_EQ(add->status, GtestCaseResult::Status::kPassed);
  EXPECT_NE(add->file.find("sample_gtest.cc"), std::string::npos);
  EXPECT_EQ(add->line, LineOf("TEST(Math, Add)"));
  EXPECT_TRUE(add->failures.empty());

  const GtestCaseResult* fails = Find(cases, "Math", "Fails");
  ASSERT_TRUE(fails);
  EXPECT_EQ(fails->status, GtestCaseResult::Status::kFailed);
  EXPECT_EQ(fails->message, Where("EXPECT_EQ(2 + 2, 5)"));
  ASSERT_EQ(fails->failures.size(), 1u);
  EXPECT_NE(fails->failures[0].find("arithmetic is broken"), std::string::npos);

  const GtestCaseResult* skips = Find(cases, "Math", "Skips");
  ASSERT_TRUE(skips);
  EXPECT_EQ(skips->status, GtestCaseResult::Status::kSkipped);

  const GtestCaseResult* slow = Find(cases, "Math", "DISABLED_Slow");
  ASSERT_TRUE(slow);
  EXPECT_EQ(slow->status, GtestCaseResult::Status::kDisabled);
  EXPECT_EQ(slow->message, "disabled");

  const GtestCaseResult* ty = Find(cases, "Ty/1", "Zero");
  ASSERT_TRUE(ty);
  EXPECT_EQ(ty->type_param, "char");
  EXPECT_EQ(ty->status, GtestCaseResult::Status::kPassed);

  const GtestCaseResult* odd = Find(cases, "Small/Evens", "Even/2");
  ASSERT_TRUE(odd);
  EXPECT_EQ(odd->value_param, "5");
  EXPECT_EQ(odd->status, GtestCaseResult::Status::kFailed);
  EXPECT_EQ(odd->message, Where("EXPECT_EQ(GetParam() % 2, 0)"));
  EXPECT_EQ(Find(cases, "Small/Evens", "Even/1")->status, GtestCaseResult::Status::kPassed);
}

TEST_F(GtestReport, ToJunit) {
  std::vector<GtestCaseResult> cases;
  std::string err;
  ASSERT_TRUE(ParseGtestJson(report_, &cases, &err)) << err;
  std::vector<TestResult> results;
  for (const auto& c : cases)
    results.push_back(ToTestResult(c, TIA_REPORT_SAMPLE_GTEST, "report_sample_gtest"));
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(JunitXml(results).c_str()));
  pugi::xml_node suite = doc.child("testsuites").child("testsuite");
  EXPECT_STREQ(suite.attribute("name").value(), "report_sample_gtest");
  EXPECT_EQ(suite.attribute("tests").as_int(), 9);
  EXPECT_EQ(suite.attribute("failures").as_int(), 2);
  EXPECT_EQ(suite.attribute("skipped").as_int(), 2);
  pugi::xml_node fails = suite.find_child_by_attribute("testcase", "name", "Fails");
  EXPECT_STREQ(fails.attribute("classname").value(), "Math");
  EXPECT_EQ(fails.child("failure").attribute("message").value(), Where("EXPECT_EQ(2 + 2, 5)"));
}

TEST_F(GtestReport, ParsesListing) {
  ASSERT_EQ(list_.exit_code, 0) << list_.err;
  std::vector<GtestListedCase> cases = ParseGtestList(list_.out);
  std::vector<std::string> names;
  for (const auto& c : cases) names.push_back(c.FullName());
  EXPECT_EQ(names,
            (std::vector<std::string>{"Math.Add", "Math.Fails", "Math.Skips", "Math.DISABLED_Slow",
                                      "Ty/0.Zero", "Ty/1.Zero", "Small/Evens.Even/0",
                                      "Small/Evens.Even/1", "Small/Evens.Even/2"}));
  EXPECT_TRUE(cases[3].disabled());
  EXPECT_FALSE(cases[0].disabled());
  EXPECT_EQ(cases[4].type_param, "int");
  EXPECT_EQ(cases[5].type_param, "char");
  EXPECT_EQ(cases[8].value_param, "5");
  EXPECT_EQ(cases[0].value_param, "");
}

TEST_F(GtestReport, ParsesConsole) {
  std::vector<GtestConsoleCase> cases = ParseGtestConsole(console_);
  std::vector<std::string> names;
  for (const auto& c : cases) names.push_back(c.name);
  // Disabled cases never "RUN".
  EXPECT_EQ(names, (std::vector<std::string>{"Math.Add", "Math.Fails", "Math.Skips", "Ty/0.Zero",
                                             "Ty/1.Zero", "Small/Evens.Even/0",
                                             "Small/Evens.Even/1", "Small/Evens.Even/2"}));
  EXPECT_EQ(cases[0].status, GtestConsoleCase::Status::kPassed);
  EXPECT_EQ(cases[0].output, "");
  EXPECT_EQ(cases[1].status, GtestConsoleCase::Status::kFailed);
  EXPECT_EQ(cases[1].output.substr(0, 18), "about to fail <&>\n");
  EXPECT_NE(cases[1].output.find(Where("EXPECT_EQ(2 + 2, 5)") + ": Failure"), std::string::npos);
  EXPECT_EQ(cases[2].status, GtestConsoleCase::Status::kSkipped);
  EXPECT_EQ(cases[2].skip_message, "needs a GPU");
  EXPECT_EQ(cases[7].status, GtestConsoleCase::Status::kFailed);

  // The JSON report of GoogleTest 1.12 lacks the skip message; the console fills it in.
  std::vector<GtestCaseResult> json;
  std::string err;
  ASSERT_TRUE(ParseGtestJson(report_, &json, &err)) << err;
  std::vector<TestResult> results;
  for (const auto& c : json) results.push_back(ToTestResult(c, "sample", "sample"));
  AttachConsole(cases, &results);
  EXPECT_EQ(results[2].skip_reason, "needs a GPU");
  EXPECT_EQ(results[3].skip_reason, "disabled");
  EXPECT_EQ(results[1].output.substr(0, 18), "about to fail <&>\n");
}

TEST(GtestConsole, UnfinishedAndUnterminatedOutput) {
  auto cases = ParseGtestConsole(
      "[==========] Running 3 tests from 1 test suite.\n"
      "[ RUN      ] S.A\n"
      "no newline[       OK ] S.A (12 ms)\n"
      "[ RUN      ] S.B\n"
      "[  SKIPPED ] S.B, where TypeParam = std::pair<int, int> (0 ms)\n"
      "[ RUN      ] S.Crash\n"
      "[       OK ] S.Crashed (1 ms)\n"
      "about to abort\n");
  ASSERT_EQ(cases.size(), 3u);
  EXPECT_EQ(cases[0].output, "no newline");
  EXPECT_DOUBLE_EQ(cases[0].seconds, 0.012);
  EXPECT_EQ(cases[1].status, GtestConsoleCase::Status::kSkipped);
  EXPECT_EQ(cases[1].skip_message, "");
  EXPECT_EQ(cases[2].name, "S.Crash");
  EXPECT_EQ(cases[2].status, GtestConsoleCase::Status::kUnfinished);
  EXPECT_EQ(cases[2].output, "[       OK ] S.Crashed (1 ms)\nabout to abort\n");
}

TEST(GtestList, IgnoresForeignLines) {
  auto cases = ParseGtestList(
      "Running main() from custom.cc\n"
      "Hello world.\n"
      "DISABLED_Suite.\n"
      "  Case\n"
      "Inst/DISABLED_P.\n"
      "  X/0  # GetParam() = \"a  # b\"\n");
  ASSERT_EQ(cases.size(), 2u);
  EXPECT_EQ(cases[0].FullName(), "DISABLED_Suite.Case");
  EXPECT_TRUE(cases[0].disabled());
  EXPECT_TRUE(cases[1].disabled());
  EXPECT_EQ(cases[1].value_param, "\"a  # b\"");
}

TEST(GtestJson, RejectsMalformedInput) {
  std::vector<GtestCaseResult> cases;
  std::string err;
  EXPECT_FALSE(ParseGtestJson("{\"tests\": 1,", &cases, &err));
  EXPECT_EQ(err, "not valid JSON");
  EXPECT_FALSE(ParseGtestJson("[]", &cases, &err));
  EXPECT_NE(err.find("testsuites"), std::string::npos);
}

}  // namespace
}  // namespace tia::report
