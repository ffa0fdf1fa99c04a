// Selection scenarios on a git repository made from testdata/sample: each case edits the
// work tree (or commits), runs `tia select --format json` and checks the exact tests and
// cases selected. One configured, built and indexed repository is shared by every case
// (cases run in separate processes and take a file lock for their whole run).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "testing.h"
#include "walk_width.h"

namespace tia::testing {
namespace {

namespace fs = std::filesystem;

const std::string kRepo = std::string(TIA_TEST_SCRATCH_DIR) + "/select-sample";
const std::string kBuild = kRepo + "/build";

// A non-test tool linked with geometry: code no test reaches.
const char* kToolSource = R"(// A command-line tool no test runs.
#include <cstdio>

#include "geometry/shapes.h"

namespace tool {
double ToolArea(double side) {
  return geometry::Square(side).area();
}
}  // namespace tool

int main() {
  std::printf("%f\n", tool::ToolArea(2.0));
  return 0;
}
)";

CommandResult Git(const std::vector<std::string>& args) {
  return GitIn(kRepo, args);
}

// Holds the exclusive lock on the shared repository.
// The shared fixture, locked across the parallel processes of ctest.
struct RepoLock : FileLock {
  RepoLock() : FileLock(kRepo + ".lock") {}
};

// Creates the repository (once per build tree): copy, commit, configure, build, index.
void EnsureRepo() {
  const std::string stamp = FixtureStamp(TestdataDir() + "/sample");
  if (ReadText(kRepo + ".ready") == stamp) return;
  fs::remove_all(kRepo);
  CopyTree(TestdataDir() + "/sample", kRepo);
  WriteText(kRepo + "/tools/shape_tool.cc", kToolSource);
  WriteText(kRepo + "/CMakeLists.txt", ReadText(kRepo + "/CMakeLists.txt") +
                                           "\nadd_executable(shape_tool tools/shape_tool.cc)\n"
                                           "target_link_libraries(shape_tool PRIVATE geometry)\n");
  ASSERT_EQ(Git({"init", "-q", "-b", "main"}).exit_code, 0);
  ASSERT_EQ(Git({"add", "-A"}).exit_code, 0);
  ASSERT_EQ(Git({"commit", "-qm", "base"}).exit_code, 0);
  ASSERT_EQ(Git({"tag", "base"}).exit_code, 0);
  CommandResult c =
      Run({"cmake", "-S", kRepo, "-B", kBuild, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Debug"});
  ASSERT_EQ(c.exit_code, 0) << c.out << c.err;
  CommandResult b = Run({"cmake", "--build", kBuild, "-j2"});
  ASSERT_EQ(b.exit_code, 0) << b.out << b.err;
  CommandResult i = Run({TiaBinary(), "index", "-p", kBuild});
  ASSERT_EQ(i.exit_code, 0) << i.out << i.err;
  WriteText(kRepo + ".ready", stamp);
}

// Back to the base commit with a clean work tree (the build tree and index stay).
void Restore() {
  ASSERT_EQ(Git({"checkout", "-q", "-f", "main"}).exit_code, 0);
  ASSERT_EQ(Git({"reset", "-q", "--hard", "base"}).exit_code, 0);
  ASSERT_EQ(Git({"clean", "-fdq", "-e", "build"}).exit_code, 0);
}

std::string P(const std::string& rel) {
  return kRepo + "/" + rel;
}

void Edit(const std::string& rel, const std::string& from, const std::string& to) {
  EditFile(P(rel), from, to);
}

void Commit(const std::string& msg) {
  ASSERT_EQ(Git({"add", "-A", "--", ".", ":!build"}).exit_code, 0);
  CommandResult r = Git({"commit", "-qm", msg});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
}

// "name" for a test that runs whole, "name[Case1,Case2]" for a narrowed one.
std::vector<std::string> Render(const nlohmann::json& j) {
  std::vector<std::string> out;
  for (const auto& t : j.at("tests")) {
    std::string s = t.at("name").get<std::string>();
    if (!t.at("whole").get<bool>()) {
      std::vector<std::string> cases = t.at("cases").get<std::vector<std::string>>();
      std::sort(cases.begin(), cases.end());
      s += "[";
      for (size_t i = 0; i < cases.size(); ++i) s += (i ? "," : "") + cases[i];
      s += "]";
    }
    out.push_back(s);
  }
  std::sort(out.begin(), out.end());
  return out;
}

using List = std::vector<std::string>;

List Cat(std::initializer_list<List> parts) {
  List out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  std::sort(out.begin(), out.end());
  return out;
}

// Every geometry_test case, whole.
const List kGeometry = {"AllOps/OpsTest.Apply/0",
                        "AllOps/OpsTest.Apply/1",
                        "CircleTest.Area",
                        "DefaultsTest.Count",
                        "FormatTest.DefaultPrecision",
                        "ShapeListTest.Empty",
                        "ShapeListTest.TotalArea",
                        "SquareTest.Area",
                        "SquareTest.NegativeSide",
                        "StatsIntTest.Max",
                        "StatsTest.Mean<double>",
                        "StatsTest.Mean<int>"};
const List kEverything =
    Cat({kGeometry, {"app_all", "app_data_cleanup", "app_data_setup", "textproc_all"}});
// Discovered cases by the names the program accepts (the source name is OpsTest.Apply).
const List kOps = {"AllOps/OpsTest.Apply/0[AllOps/OpsTest.Apply/0]",
                   "AllOps/OpsTest.Apply/1[AllOps/OpsTest.Apply/1]"};
const List kShapeList = {"ShapeListTest.Empty[ShapeListTest.Empty]",
                         "ShapeListTest.TotalArea[ShapeListTest.TotalArea]"};
const std::string kAppReports = "app_all[AppTest.MalformedReport,AppTest.SquareAreaReport]";

struct Scenario {
  std::string name;
  std::function<void()> change;  // edits (and commits) in the repository
  List expected;                 // Render() of the selection
  bool all = false;              // the selection's `all` flag
  List args = {};                // extra `tia select` arguments
};

void PrintTo(const Scenario& s, std::ostream* os) {
  *os << s.name;
}

const char* kTokenFieldBefore = "  int value = 0;  // for kNumber";

std::vector<Scenario> Scenarios() {
  return {
      {"BodyEdit", [] { Edit("geometry/src/ops.cc", "return a * b;", "return b * a;"); }, kOps},
      {"CallbackThroughFunctionPointerTable",
       [] { Edit("geometry/src/ops.cc", "return a + b;", "return b + a;"); }, kOps},
      {"ConstantTableInitializer",
       [] { Edit("geometry/src/ops.cc", "{&add, &mul}", "{&mul, &add}"); }, kOps},
      {"DeletedFunctionWithCallers",
       [] {
         Edit("geometry/src/ops.cc", "int mul(int a, int b) {\n  return a * b;\n}\n\n", "");
         Edit("geometry/src/ops.cc", "{&add, &mul}", "{&add, &add}");
         Edit("geometry/include/geometry/ops.h", "int mul(int a, int b);\n", "");
       },
       kOps},
      {"RenamedHeader",
       [] {
         ASSERT_EQ(
             Git({"mv", "geometry/include/geometry/ops.h", "geometry/include/geometry/op_table.h"})
                 .exit_code,
             0);
         Edit("geometry/src/ops.cc", "geometry/ops.h", "geometry/op_table.h");
         Edit("tests/ops_test.cc", "geometry/ops.h", "geometry/op_table.h");
       },
       // #include lines changed: every executable compiling ops.cc or ops_test.cc.
       Cat({kGeometry, {"app_all"}})},
      {"OverrideBehindBaseCall",
       [] { Edit("geometry/src/shapes.cc", "return Squared(side_);", "return side_ * side_;"); },
       Cat({kShapeList,
            {"SquareTest.Area[SquareTest.Area]",
             "SquareTest.NegativeSide[SquareTest.DISABLED_NegativeSide]", kAppReports}})},
      {"OtherOverride",
       [] {
         Edit("geometry/src/shapes.cc", "return GEOMETRY_PI * Squared(radius_);",
              "return Squared(radius_) * GEOMETRY_PI;");
       },
       Cat({kShapeList, {"CircleTest.Area[CircleTest.Area]"}})},
      {"TemplateMemberOfOneInstantiation",
       [] {
         Edit("geometry/include/geometry/stats.h", "if (v > best) best = v;",
              "if (best < v) best = v;");
       },
       {"StatsIntTest.Max[StatsIntTest.Max]"}},
      {"TemplateMemberOfAllInstantiations",
       [] { Edit("geometry/include/geometry/stats.h", "T sum = T();", "T sum = T(0);"); },
       {"StatsTest.Mean<double>[StatsTest/1.Mean]", "StatsTest.Mean<int>[StatsTest/0.Mean]"}},
      {"MacroValue",
       [] { Edit("geometry/include/geometry/shapes.h", "3.14159265358979", "3.1415926535897932"); },
       Cat({kShapeList, {"CircleTest.Area[CircleTest.Area]"}})},
      {"StructFieldDefault",
       [] {
         Edit("geometry/include/geometry/format.h", "int precision = 2;", "int precision = 3;");
       },
       {"FormatTest.DefaultPrecision[FormatTest.DefaultPrecision]", kAppReports}},
      {"GlobalInitializer",
       [] {
         Edit("geometry/src/defaults.cc", "make_unique<Square>(2.0)", "make_unique<Square>(3.0)");
       },
       // Runs before main() wherever defaults.cc is linked: tia links at library
       // granularity, so app_test (which links libgeometry.a) runs whole too.
       Cat({kGeometry, {"app_all"}})},
      {"InlineHeaderFunction",
       [] { Edit("geometry/include/geometry/shapes.h", "return x * x;", "return x * x * 1.0;"); },
       Cat({kShapeList,
            {"CircleTest.Area[CircleTest.Area]", "SquareTest.Area[SquareTest.Area]",
             "SquareTest.NegativeSide[SquareTest.DISABLED_NegativeSide]", kAppReports}})},
      {"FixtureSetUp", [] { Edit("tests/shapes_test.cc", "Square>(2.0));", "Square>(2.5));"); },
       kShapeList},
      {"CustomMainInitApp",
       [] {
         Edit("app/src/setup.cc", "g_config.initialized = true;", "g_config.initialized = 1;");
       },
       {"app_all"}},
      {"ConfigAccessor",
       [] { Edit("app/src/setup.cc", "  return g_config;", "  return (g_config);"); },
       {"app_all[AppEnvTest.DataDirExists]"}},
      {"CMakeListsEdit",
       [] { Edit("CMakeLists.txt", "enable_testing()", "enable_testing()\n# comment"); },
       kEverything, true},
      {"ReadmeUnderNoneRule",
       [] {
         WriteText(P("tia.toml"), "[[rule]]\npaths = [\"**/*.md\"]\nselect = \"none\"\n");
         Commit("rules");
         Edit("README.md", "# sample", "# sample project");
       },
       {}},
      {"ReadmeWithoutRule", [] { Edit("README.md", "# sample", "# sample project"); }, kEverything,
       true},
      {"DataFileUnderLabelRule",
       [] {
         WriteText(P("tia.toml"),
                   "[[rule]]\npaths = [\"textproc/data/**\"]\nlabels = [\"textproc\"]\n");
         WriteText(P("textproc/data/cases.txt"), "1 + 2\n");
         Commit("rules and data");
         WriteText(P("textproc/data/cases.txt"), "1 + 3\n");
       },
       {"textproc_all"}},
      {"FileNoTestReaches",
       [] {
         Edit("tools/shape_tool.cc", "return geometry::Square(side).area();",
              "return geometry::Square(side).area() * 1.0;");
       },
       {}},
      {"CommentOnly",
       [] { Edit("geometry/src/shapes.cc", "// Areas of the concrete shapes.", "// Areas."); },
       {}},
      {"CommentInsideBody",
       [] { Edit("textproc/src/parser.cc", "  return result;", "  // done\n  return result;"); },
       {}},
      {"WhitespaceOnly",
       [] { Edit("geometry/src/ops.cc", "  return a + b;", "    return a+b ;"); },
       {}},
      {"IncludeLineAdded",
       [] {
         Edit("geometry/src/format.cc", "#include <cstdio>",
              "#include <cstdio>\n#include <cstring>");
       },
       Cat({kGeometry, {"app_all"}})},
      {"NewFunctionNobodyCalls",
       [] {
         WriteText(P("geometry/src/ops.cc"), ReadText(P("geometry/src/ops.cc")) +
                                                 "\nnamespace geometry {\nint Unused(int x) {\n"
                                                 "  return x;\n}\n}  // namespace geometry\n");
       },
       {}},
      {"UntrackedHeaderIncludedByEditedFile",
       [] {
         WriteText(
             P("textproc/include/textproc/twice.h"),
             "#pragma once\nnamespace textproc {\ninline int Twice(int x) { return 2 * x; }\n}\n");
         Edit("textproc/src/parser.cc", "#include \"textproc/tokenizer.h\"",
              "#include \"textproc/tokenizer.h\"\n#include \"textproc/twice.h\"");
         Edit("textproc/src/parser.cc", "  return result;", "  return Twice(result) / 2;");
       },
       // The #include line: every executable compiling parser.cc.
       {"app_all", "textproc_all"}},
      {"TestPBody", [] { Edit("tests/ops_test.cc", "{5, 6};", "{5, 6, };"); }, kOps},
      {"TypedTestBody",
       [] {
         Edit("tests/stats_test.cc", "stats.Add(TypeParam(4));", "stats.Add(TypeParam(4.0));");
       },
       {"StatsTest.Mean<double>[StatsTest/1.Mean]", "StatsTest.Mean<int>[StatsTest/0.Mean]"}},
      {"DeletedTestCase",
       [] {
         Edit("tests/textproc_test.cc",
              "TEST(ParserTest, Malformed) {\n  EXPECT_FALSE(textproc::EvaluateSum(\"1 "
              "+\").has_value());\n}\n",
              "");
       },
       // Nothing left to run can observe a removed case.
       {}},
      {"AddedTestCase",
       [] {
         Edit("tests/textproc_test.cc", "}  // namespace",
              "TEST(ParserTest, Empty) {\n  EXPECT_FALSE(textproc::EvaluateSum(\"\"));\n}\n\n}  "
              "// namespace");
       },
       {"textproc_all[ParserTest.Empty]"}},
      {"TestFileOnly",
       [] { Edit("tests/textproc_test.cc", "\"12 + 3\"", "\"12 +3\""); },
       {"textproc_all[TokenizerTest.NumbersAndOperators]"}},
      {"PlainAddTestNarrowedToCases",
       [] { Edit("textproc/src/parser.cc", "  return result;", "  return result + 0;"); },
       {kAppReports, "textproc_all[ParserTest.Malformed,ParserTest.Sum]"}},
      {"PlainAddTestAllCases",
       [] { Edit("textproc/src/tokenizer.cc", "    ++i;", "    i += 1;"); },
       {kAppReports, "textproc_all"}},
      {"AppLayer",
       [] { Edit("app/src/report.cc", "return \"error\";", "return \"bad\";"); },
       {kAppReports}},
      {"VirtualCallSite",
       [] { Edit("geometry/src/shapes.cc", "double total = 0;", "double total = 0.0;"); },
       kShapeList},
      {"FunctionUsingGlobal",
       [] {
         Edit("geometry/src/defaults.cc", "return static_cast<int>(kDefaultShapes.size());",
              "return int(kDefaultShapes.size());");
       },
       {"DefaultsTest.Count[DefaultsTest.Count]"}},
      {"StructFieldInitializerInTokenizer",
       [] { Edit("textproc/include/textproc/tokenizer.h", kTokenFieldBefore, "  int value = 1;"); },
       // Token's default is used by Tokenize (braced init) and so by every parser user.
       {kAppReports, "textproc_all"}},
      {"StagedChange",
       [] {
         Edit("geometry/src/format.cc", "char buf[64];", "char buf[80];");
         ASSERT_EQ(Git({"add", "geometry/src/format.cc"}).exit_code, 0);
       },
       {"FormatTest.DefaultPrecision[FormatTest.DefaultPrecision]", kAppReports}},
      {"TwoCommitBaseHead",
       [] {
         Edit("textproc/src/tokenizer.cc", "    ++i;", "    i += 1;");
         Commit("tokenizer");
         Edit("app/src/setup.cc", "  return g_config;", "  return (g_config);");
         Commit("config");
       },
       {"app_all[AppEnvTest.DataDirExists]"},
       false,
       {"--base", "HEAD~1", "--head", "HEAD"}},
      {"TwoCommitsWholeRange",
       [] {
         Edit("textproc/src/tokenizer.cc", "    ++i;", "    i += 1;");
         Commit("tokenizer");
         Edit("app/src/setup.cc", "  return g_config;", "  return (g_config);");
         Commit("config");
       },
       {"app_all", "textproc_all"},
       false,
       {"--base", "base", "--head", "HEAD"}},
  };
}

// Runs tia in the shared repository.
CommandResult Tia(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {TiaBinary()};
  argv.insert(argv.end(), args.begin(), args.end());
  if (std::find(args.begin(), args.end(), "-p") == args.end()) {
    argv.push_back("-p");
    argv.push_back(kBuild);
  }
  return Run(argv, kRepo);
}

class SelectScenario : public ::testing::TestWithParam<Scenario> {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(EnsureRepo());
    ASSERT_NO_FATAL_FAILURE(Restore());
  }
  void TearDown() override { Restore(); }
  RepoLock lock_;
};

TEST_P(SelectScenario, ExactSelection) {
  const Scenario& s = GetParam();
  ASSERT_NO_FATAL_FAILURE(s.change());
  std::vector<std::string> args = {"select", "--format", "json"};
  args.insert(args.end(), s.args.begin(), s.args.end());
  CommandResult r = Tia(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  List expected = s.expected;
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(Render(j), expected) << r.out;
  EXPECT_EQ(j.at("all").get<bool>(), s.all) << j.at("all_reason");
  // Every selected test explains itself.
  for (const auto& t : j.at("tests")) EXPECT_FALSE(t.at("reasons").empty()) << t.dump();
}

// The cold variant, as on a fresh CI checkout: a database that holds only the head (made
// from the shared one by `tia gc`, which drops every version no current TU reads). The
// base versions of the changed files are then indexed from git, at most one TU parse per
// changed file, and the selection is exactly the warm one.
TEST_P(SelectScenario, ColdStartSelectsTheSame) {
  const Scenario& s = GetParam();
  ASSERT_NO_FATAL_FAILURE(s.change());
  CommandResult index = Tia({"index"});
  ASSERT_EQ(index.exit_code, 0) << index.err;
  const std::string cold = kRepo + ".cold.db";
  fs::remove(cold);
  CommandResult copy = testing::Run({"sqlite3", kBuild + "/tia.db", "VACUUM INTO '" + cold + "'"});
  ASSERT_EQ(copy.exit_code, 0) << copy.err;
  CommandResult gc = Tia({"gc", "--db", cold});
  ASSERT_EQ(gc.exit_code, 0) << gc.err;
  std::vector<std::string> args = {"select", "--format", "json", "--db", cold, "--verbose"};
  args.insert(args.end(), s.args.begin(), s.args.end());
  CommandResult r = Tia(args);
  fs::remove(cold);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  List expected = s.expected;
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(Render(j), expected) << r.out << r.err;
  EXPECT_EQ(j.at("all").get<bool>(), s.all) << j.at("all_reason");
  // At most one parse per changed file, and said so.
  size_t changed = j.at("changed_files").size();
  size_t parses = 0;
  if (size_t at = r.err.find(" from git in "); at != std::string::npos)
    parses = std::stoul(r.err.substr(at + 13));
  EXPECT_LE(parses, changed) << r.err;
}

INSTANTIATE_TEST_SUITE_P(Sample, SelectScenario, ::testing::ValuesIn(Scenarios()),
                         [](const auto& info) { return info.param.name; });

class SelectCommands : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(EnsureRepo());
    ASSERT_NO_FATAL_FAILURE(Restore());
  }
  void TearDown() override { Restore(); }
  RepoLock lock_;
};

// One walk for all executables selects what one walk per executable selects.
TEST_F(SelectCommands, OneWalkForAllExecutablesSelectsAsOneWalkEach) {
  EXPECT_GT(ExpectSameSelectionAtEveryWidth(kBuild, kRepo, 3u), 20u);
}

TEST_F(SelectCommands, NamesAndGtestFilterFormats) {
  Edit("textproc/src/parser.cc", "  return result;", "  return result + 0;");
  Edit("geometry/src/ops.cc", "return a * b;", "return b * a;");
  CommandResult names = Tia({"select", "--format", "names"});
  ASSERT_EQ(names.exit_code, 0) << names.err;
  EXPECT_EQ(names.out, "AllOps/OpsTest.Apply/0\nAllOps/OpsTest.Apply/1\napp_all\ntextproc_all\n");
  CommandResult filter = Tia({"select", "--format", "gtest-filter"});
  ASSERT_EQ(filter.exit_code, 0) << filter.err;
  EXPECT_EQ(filter.out,
            "app_test AppTest.MalformedReport:AppTest.SquareAreaReport\n"
            "geometry_test AllOps/OpsTest.Apply/0:AllOps/OpsTest.Apply/1\n"
            "textproc_test ParserTest.Malformed:ParserTest.Sum\n");
  CommandResult text = Tia({"select"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("textproc_all [ParserTest.Malformed, ParserTest.Sum]: changed function "
                          "textproc::EvaluateSum (textproc/src/parser.cc:"),
            std::string::npos)
      << text.out;
  EXPECT_NE(
      text.out.find("selected 4 of 16 tests (3 executables); changed: 2 functions in 2 files"),
      std::string::npos)
      << text.out;
}

TEST_F(SelectCommands, WhySelectedAndNotSelected) {
  Edit("geometry/src/ops.cc", "return a + b;", "return b + a;");
  CommandResult yes = Tia({"why", "AllOps/OpsTest.Apply/0"});
  ASSERT_EQ(yes.exit_code, 0) << yes.err;
  EXPECT_EQ(yes.out,
            "OpsTest.Apply is selected:\n"
            "  changed function geometry::add (geometry/src/ops.cc:7)\n"
            "  → referenced by geometry::kOps (geometry/src/ops.cc:14)\n"
            "  → referenced by geometry::ApplyOp (geometry/src/ops.cc:17)\n"
            "  → called by (anonymous namespace)::OpsTest_Apply_Test::TestBody "
            "(tests/ops_test.cc:12)\n"
            "  → OpsTest.Apply\n");
  CommandResult no = Tia({"why", "CircleTest.Area"});
  ASSERT_EQ(no.exit_code, 0) << no.err;
  EXPECT_NE(no.out.find("CircleTest.Area is not selected: no change between "), std::string::npos)
      << no.out;
  EXPECT_NE(no.out.find("    function geometry::add (geometry/src/ops.cc:7)\n"), std::string::npos)
      << no.out;
  // A case of a plain add_test executable that is not selected, while another
  // executable's test is selected whole: only the case's own test can explain it.
  Restore();
  Edit("textproc/src/tokenizer.cc", "    ++i;", "    i += 1;");
  CommandResult other = Tia({"why", "AppEnvTest.DataDirExists"});
  ASSERT_EQ(other.exit_code, 0) << other.err;
  EXPECT_EQ(other.out.rfind("AppEnvTest.DataDirExists is not selected: ", 0), 0u) << other.out;
  CommandResult whole = Tia({"why", "TokenizerTest.NumbersAndOperators"});
  EXPECT_EQ(whole.out.rfind("TokenizerTest.NumbersAndOperators is selected:\n", 0), 0u)
      << whole.out;
  CommandResult unknown = Tia({"why", "NoSuchTest.Case"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("NoSuchTest.Case"), std::string::npos) << unknown.err;
}

TEST_F(SelectCommands, TestsForFileLineAndSymbol) {
  CommandResult line = Tia({"tests-for", "textproc/src/parser.cc:11", "--format", "names"});
  ASSERT_EQ(line.exit_code, 0) << line.err;
  EXPECT_EQ(line.out, "app_all\ntextproc_all\n");
  CommandResult text = Tia({"tests-for", "textproc/src/parser.cc:11"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_EQ(text.out,
            "# function textproc::EvaluateSum (textproc/src/parser.cc:11)\n"
            "app_all [AppTest.MalformedReport, AppTest.SquareAreaReport]\n"
            "textproc_all [ParserTest.Malformed, ParserTest.Sum]\n"
            "2 of 16 tests reach textproc/src/parser.cc:11\n");
  CommandResult sym = Tia({"tests-for", "geometry::Stats::Max", "--format", "names"});
  ASSERT_EQ(sym.exit_code, 0) << sym.err;
  EXPECT_EQ(sym.out, "StatsIntTest.Max\n");
  CommandResult none = Tia({"tests-for", "tool::ToolArea", "--format", "names"});
  ASSERT_EQ(none.exit_code, 0) << none.err;
  EXPECT_EQ(none.out, "");
  CommandResult missing = Tia({"tests-for", "NoSuchSymbol"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("NoSuchSymbol"), std::string::npos) << missing.err;
}

// A patch that is not applied to the work tree selects what the same change in the work
// tree selects; the patched versions (never indexed) are indexed from git.
TEST_F(SelectCommands, PatchSelectsLikeTheWorkTree) {
  Edit("textproc/src/parser.cc", "  return result;", "  return result + 0;");
  Edit("geometry/src/ops.cc", "return a * b;", "return b * a;");
  CommandResult warm = Tia({"select", "--format", "json"});
  ASSERT_EQ(warm.exit_code, 0) << warm.err;
  const std::string patch = kRepo + ".patch";
  WriteText(patch, Git({"diff"}).out);
  Restore();
  CommandResult r = Tia({"select", "--patch", patch, "--format", "json", "-v"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(Render(j), Render(nlohmann::json::parse(warm.out))) << r.out;
  EXPECT_EQ(j.at("head"), "PATCH");
  EXPECT_EQ(ReadText(P("geometry/src/ops.cc")).find("return b * a;"), std::string::npos)
      << "the work tree is untouched";
  CommandResult stdin_names =
      Shell(TiaBinary() + " select -p " + kBuild + " --patch - --format names < " + patch, kRepo);
  EXPECT_EQ(stdin_names.exit_code, 0) << stdin_names.err;
  EXPECT_EQ(stdin_names.out,
            "AllOps/OpsTest.Apply/0\nAllOps/OpsTest.Apply/1\napp_all\ntextproc_all\n");

  WriteText(patch,
            "--- a/geometry/src/ops.cc\n+++ b/geometry/src/ops.cc\n@@ -1,1 +1,1 @@\n"
            "-no such line\n+x\n");
  CommandResult bad = Tia({"select", "--patch", patch});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("tia: error: " + patch +
                         ":3: hunk 1 of geometry/src/ops.cc (@@ -1,1 +1,1 @@) does not apply to "),
            std::string::npos)
      << bad.err;
  CommandResult missing = Tia({"select", "--patch", kRepo + ".none"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("tia: error: --patch: " + kRepo + ".none: No such file"),
            std::string::npos)
      << missing.err;
  std::filesystem::remove(patch);
}

TEST_F(SelectCommands, UnknownBaseRevision) {
  CommandResult r = Tia({"select", "--base", "no-such-rev"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no-such-rev"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST_F(SelectCommands, NotABuildDirectory) {
  CommandResult r = Tia({"select", "-p", kRepo + "/geometry"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("tia: error: " + kRepo + "/geometry: not a CMake build directory"),
            std::string::npos)
      << r.err;
}

// File names are bytes: one that is not UTF-8 used to abort `--format json` (nlohmann
// type_error 316, exit 134). It is written with U+FFFD in place of the bad byte.
TEST_F(SelectCommands, JsonWithAFileNameThatIsNotUtf8) {
  WriteText(P("geometry/src/we ird\xff name.txt"), "data\n");
  CommandResult r = Tia({"select", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  std::vector<std::string> paths;
  for (const auto& f : j.at("changed_files")) paths.push_back(f.at("new_path"));
  EXPECT_EQ(paths, std::vector<std::string>{"geometry/src/we ird\xEF\xBF\xBD name.txt"});
  EXPECT_TRUE(j.at("all").get<bool>());
  EXPECT_NE(j.at("all_reason").get<std::string>().find("we ird\xEF\xBF\xBD name.txt"),
            std::string::npos)
      << j.at("all_reason");
  // The text format keeps the bytes as they are.
  CommandResult text = Tia({"select"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("we ird\xff name.txt"), std::string::npos) << text.out;
}

// A line number past int's range used to end in an uncaught std::out_of_range (stoi).
TEST_F(SelectCommands, TestsForLineOutOfRange) {
  for (const std::string line : {"2147483648", "99999999999999999999", "0"}) {
    CommandResult r = Tia({"tests-for", "textproc/src/parser.cc:" + line});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "tia: error: textproc/src/parser.cc:" + line + ": line " + line +
                         " is out of range (lines are 1 to 2147483647)\n");
    EXPECT_EQ(r.out, "");
  }
  CommandResult last = Tia({"tests-for", "textproc/src/parser.cc:2147483647"});
  EXPECT_EQ(last.exit_code, 2);
  EXPECT_EQ(last.err,
            "tia: error: textproc/src/parser.cc:2147483647: no function, type or variable at "
            "that line\n");
}

}  // namespace
}  // namespace tia::testing
