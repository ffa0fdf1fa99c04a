// Tests of the CTest test list: ParseCTestJson on fixed inputs, LoadCTestTests on the real
// testdata/sample build (gtest_discover_tests, plain add_test, fixtures).
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "sample_build.h"
#include "testing.h"
#include "tia/buildmodel/build_model.h"

namespace tia {
namespace {

using Strings = std::vector<std::string>;

TEST(ParseCTestJsonTest, ConventionsExample) {
  const char* json = R"({"kind":"ctestInfo","version":{"major":1,"minor":0},
 "backtraceGraph":{"commands":["add_test"],"files":["/src/CMakeLists.txt"],"nodes":[]},
 "tests":[{"name":"plain_test","backtrace":1,
   "command":["/build/math_test","--gtest_filter=Math.Add"],
   "properties":[{"name":"LABELS","value":["integration"]},
                 {"name":"TIMEOUT","value":12.5},
                 {"name":"WORKING_DIRECTORY","value":"/build"},
                 {"name":"ENVIRONMENT","value":["FOO=1"]},
                 {"name":"FIXTURES_REQUIRED","value":["db"]},
                 {"name":"DISABLED","value":true}]},
  {"name":"setup","command":["/bin/true"],
   "properties":[{"name":"FIXTURES_SETUP","value":["db"]},
                 {"name":"FIXTURES_CLEANUP","value":"other"},
                 {"name":"RUN_SERIAL","value":true},
                 {"name":"SKIP_REGULAR_EXPRESSION","value":["x"]}]},
  {"name":"no_command"}]})";
  std::vector<CTestTest> tests;
  std::string err;
  ASSERT_TRUE(ParseCTestJson(json, &tests, &err)) << err;
  ASSERT_EQ(tests.size(), 3u);
  const CTestTest& t = tests[0];
  EXPECT_EQ(t.name, "plain_test");
  EXPECT_EQ(t.command, (Strings{"/build/math_test", "--gtest_filter=Math.Add"}));
  EXPECT_EQ(t.labels, Strings{"integration"});
  EXPECT_DOUBLE_EQ(t.timeout, 12.5);
  EXPECT_EQ(t.working_directory, "/build");
  EXPECT_EQ(t.environment, Strings{"FOO=1"});
  EXPECT_EQ(t.fixtures_required, Strings{"db"});
  EXPECT_TRUE(t.disabled);
  EXPECT_FALSE(t.run_serial);
  EXPECT_EQ(tests[1].fixtures_setup, Strings{"db"});
  EXPECT_EQ(tests[1].fixtures_cleanup, Strings{"other"});
  EXPECT_TRUE(tests[1].run_serial);
  EXPECT_FALSE(tests[1].disabled);
  EXPECT_DOUBLE_EQ(tests[1].timeout, 0);
  EXPECT_TRUE(tests[2].command.empty());
}

// The properties that decide how CTest judges a test, in the shapes ctest 3.25 prints.
TEST(ParseCTestJsonTest, JudgingProperties) {
  const char* json = R"({"kind":"ctestInfo","tests":[{"name":"j","command":["/bin/true"],
   "properties":[{"name":"WILL_FAIL","value":true},
                 {"name":"PASS_REGULAR_EXPRESSION","value":["hel+o","zzz"]},
                 {"name":"FAIL_REGULAR_EXPRESSION","value":["ERROR"]},
                 {"name":"SKIP_REGULAR_EXPRESSION","value":["SKIPME"]},
                 {"name":"SKIP_RETURN_CODE","value":77},
                 {"name":"TIMEOUT_AFTER_MATCH","value":{"regex":["started"],"timeout":1.5}},
                 {"name":"REQUIRED_FILES","value":["/a","b"]},
                 {"name":"RESOURCE_LOCK","value":["db","net"]},
                 {"name":"PROCESSORS","value":2}]},
  {"name":"plain","command":["/bin/true"]}]})";
  std::vector<CTestTest> tests;
  std::string err;
  ASSERT_TRUE(ParseCTestJson(json, &tests, &err)) << err;
  ASSERT_EQ(tests.size(), 2u);
  const CTestTest& t = tests[0];
  EXPECT_TRUE(t.will_fail);
  EXPECT_EQ(t.pass_regex, (Strings{"hel+o", "zzz"}));
  EXPECT_EQ(t.fail_regex, Strings{"ERROR"});
  EXPECT_EQ(t.skip_regex, Strings{"SKIPME"});
  EXPECT_EQ(t.skip_return_code, 77);
  EXPECT_DOUBLE_EQ(t.timeout_after_match, 1.5);
  EXPECT_EQ(t.timeout_match_regex, Strings{"started"});
  EXPECT_EQ(t.required_files, (Strings{"/a", "b"}));
  EXPECT_EQ(t.resource_locks, (Strings{"db", "net"}));
  EXPECT_EQ(t.processors, 2);
  EXPECT_TRUE(t.JudgedByOutput());
  EXPECT_FALSE(tests[1].JudgedByOutput());
  EXPECT_EQ(tests[1].skip_return_code, -1);
  EXPECT_EQ(tests[1].processors, 1);

  const char* bad = R"({"kind":"ctestInfo","tests":[{"name":"j",
   "properties":[{"name":"TIMEOUT_AFTER_MATCH","value":"1;started"}]}]})";
  EXPECT_FALSE(ParseCTestJson(bad, &tests, &err));
  EXPECT_NE(err.find("(j): property TIMEOUT_AFTER_MATCH has a value of the wrong type"),
            std::string::npos)
      << err;
}

TEST(ParseCTestJsonTest, EmptyTestList) {
  std::vector<CTestTest> tests{CTestTest{}};
  std::string err;
  ASSERT_TRUE(ParseCTestJson(R"({"kind":"ctestInfo","tests":[]})", &tests, &err)) << err;
  EXPECT_TRUE(tests.empty());
}

// Each malformed input fails with an error that says what is wrong.
TEST(ParseCTestJsonTest, MalformedInputsAreNamed) {
  struct Case {
    const char* json;
    const char* error_part;
  };
  const Case cases[] = {
      {R"({"kind":"ctestInfo","tests":[{"name":"a")", "malformed JSON"},
      {"", "malformed JSON"},
      {R"([1,2])", "not a ctestInfo object"},
      {R"({"kind":"other","tests":[]})", "not a ctestInfo object"},
      // A "kind" that is not a string used to throw nlohmann's type_error 302 (value()).
      {R"({"kind":1,"tests":[]})", "not a ctestInfo object"},
      {R"({"kind":null,"tests":[]})", "not a ctestInfo object"},
      {R"({"kind":"ctestInfo"})", "no \"tests\" array"},
      {R"({"kind":"ctestInfo","tests":{}})", "no \"tests\" array"},
      {R"({"kind":"ctestInfo","tests":[{"command":["x"]}]})",
       "tests[0]: a test needs a string 'name'"},
      {R"({"kind":"ctestInfo","tests":[{"name":"a"},{"name":"b","command":"x y"}]})",
       "tests[1] (b): 'command' is not an array of strings"},
      {R"({"kind":"ctestInfo","tests":[{"name":"a","command":[1]}]})",
       "tests[0] (a): 'command' is not an array of strings"},
      {R"({"kind":"ctestInfo","tests":[{"name":"a","properties":{}}]})",
       "tests[0] (a): 'properties' is not an array"},
      {R"({"kind":"ctestInfo","tests":[{"name":"a","properties":[{"value":1}]}]})",
       "tests[0] (a): a property needs a string 'name' and a 'value'"},
      {R"({"kind":"ctestInfo","tests":[{"name":"a","properties":[{"name":"TIMEOUT","value":"ten"}]}]})",
       "tests[0] (a): property TIMEOUT has a value of the wrong type"},
      {R"({"kind":"ctestInfo","tests":[{"name":"a","properties":[{"name":"LABELS","value":[1]}]}]})",
       "tests[0] (a): property LABELS has a value of the wrong type"},
  };
  for (const Case& c : cases) {
    std::vector<CTestTest> tests;
    std::string err;
    EXPECT_FALSE(ParseCTestJson(c.json, &tests, &err)) << c.json;
    EXPECT_NE(err.find(c.error_part), std::string::npos) << c.json << "\n  error: " << err;
    EXPECT_EQ(err.rfind("ctest --show-only=json-v1: ", 0), 0u) << err;
  }
}

class CTestSampleTest : public testing::SampleModelTest<true> {
 protected:
  static const CTestTest& Get(const std::string& name) {
    for (const auto& t : model_->tests)
      if (t.name == name) return t;
    ADD_FAILURE() << "no test " << name;
    static const CTestTest none;
    return none;
  }
};

TEST_F(CTestSampleTest, ExactTestNamesAndTargets) {
  std::map<std::string, std::string> got;
  for (const auto& t : model_->tests) got[t.name] = t.target_name;
  const std::string g = "geometry_test";
  EXPECT_EQ(got, (std::map<std::string, std::string>{
                     {"CircleTest.Area", g},
                     {"SquareTest.Area", g},
                     {"SquareTest.NegativeSide", g},
                     {"FormatTest.DefaultPrecision", g},
                     {"DefaultsTest.Count", g},
                     {"ShapeListTest.TotalArea", g},
                     {"ShapeListTest.Empty", g},
                     {"StatsTest.Mean<int>", g},
                     {"StatsTest.Mean<double>", g},
                     {"StatsIntTest.Max", g},
                     {"AllOps/OpsTest.Apply/0", g},
                     {"AllOps/OpsTest.Apply/1", g},
                     {"textproc_all", "textproc_test"},
                     {"app_data_setup", ""},
                     {"app_data_cleanup", ""},
                     {"app_all", "app_test"},
                 }));
}

TEST_F(CTestSampleTest, DiscoveredGoogleTestCase) {
  const CTestTest& t = Get("ShapeListTest.TotalArea");
  EXPECT_EQ(t.command,
            (Strings{build_ + "/tests/geometry_test", "--gtest_filter=ShapeListTest.TotalArea",
                     "--gtest_also_run_disabled_tests"}));
  EXPECT_EQ(t.working_directory, build_ + "/tests");
  EXPECT_EQ(t.labels, Strings{"geometry"});
  EXPECT_FALSE(t.disabled);
  EXPECT_EQ(Get("StatsTest.Mean<int>").command[1], "--gtest_filter=StatsTest/0.Mean");
  EXPECT_EQ(Get("AllOps/OpsTest.Apply/1").command[1], "--gtest_filter=AllOps/OpsTest.Apply/1");
}

TEST_F(CTestSampleTest, DisabledCaseIsMarked) {
  const CTestTest& t = Get("SquareTest.NegativeSide");
  EXPECT_TRUE(t.disabled);
  EXPECT_EQ(t.command[1], "--gtest_filter=SquareTest.DISABLED_NegativeSide");
  EXPECT_FALSE(Get("SquareTest.Area").disabled);
}

TEST_F(CTestSampleTest, PlainAddTestRunsTheWholeExecutable) {
  const CTestTest& t = Get("textproc_all");
  EXPECT_EQ(t.command, Strings{build_ + "/tests/textproc_test"});
  EXPECT_EQ(t.labels, (Strings{"textproc", "unit"}));  // CTest sorts labels
  EXPECT_DOUBLE_EQ(t.timeout, 0);
}

TEST_F(CTestSampleTest, FixturesEnvironmentAndTimeout) {
  const CTestTest& app = Get("app_all");
  EXPECT_EQ(app.command, Strings{build_ + "/tests/app_test"});
  EXPECT_EQ(app.fixtures_required, Strings{"app_data"});
  EXPECT_EQ(app.environment, Strings{"APP_DATA_DIR=" + build_ + "/tests/app_data"});
  EXPECT_DOUBLE_EQ(app.timeout, 30);
  EXPECT_EQ(app.labels, Strings{"integration"});
  EXPECT_EQ(app.working_directory, build_ + "/tests");
  const CTestTest& setup = Get("app_data_setup");
  EXPECT_EQ(setup.fixtures_setup, Strings{"app_data"});
  EXPECT_TRUE(setup.fixtures_required.empty());
  EXPECT_EQ(setup.command.back(), build_ + "/tests/app_data");
  EXPECT_EQ(Get("app_data_cleanup").fixtures_cleanup, Strings{"app_data"});
}

// Multi-config generators list tests only for a given configuration (`ctest -C`).
TEST(LoadCTestTestsTest, MultiConfigGeneratorUsesTheModelConfiguration) {
  testing::ScratchDir scratch("ctest");
  const std::string build = scratch.path() + "/build";
  auto c = testing::Run(
      {"cmake", "-S", testing::SampleSourceDir(), "-B", build, "-G", "Ninja Multi-Config"});
  ASSERT_EQ(c.exit_code, 0) << c.err;
  BuildModel model;
  std::string err;
  ASSERT_TRUE(LoadFileApi(build, &model, &err)) << err;
  EXPECT_EQ(model.build_type, "Debug");  // the first configuration
  ASSERT_TRUE(LoadCTestTests(build, &model, &err)) << err;
  std::set<std::string> names;
  for (const auto& t : model.tests) names.insert(t.name);
  EXPECT_TRUE(names.count("textproc_all")) << model.tests.size() << " tests";
  EXPECT_TRUE(names.count("app_all"));
}

TEST(LoadCTestTestsTest, MissingBuildDirectory) {
  BuildModel model;
  std::string err;
  EXPECT_FALSE(LoadCTestTests("/nonexistent/tia-build", &model, &err));
  EXPECT_NE(err.find("/nonexistent/tia-build"), std::string::npos) << err;
}

}  // namespace
}  // namespace tia
