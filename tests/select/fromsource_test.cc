// The test framework's boundary (testdata/fromsource): GoogleTest built from a vendored
// copy with add_subdirectory, doctest and Catch2 v2 single headers compiled into the test
// TUs. A library change selects the cases that call it, not every case through the
// framework's runner; a change inside the framework selects every test that compiles it;
// the project's main, environments, listeners and reporters run for every case.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "testing.h"

namespace tia::testing {
namespace {

namespace fs = std::filesystem;

const std::string kRepo = std::string(TIA_TEST_SCRATCH_DIR) + "/select-fromsource";
const std::string kBuild = kRepo + "/build";

CommandResult Git(const std::vector<std::string>& args) {
  return GitIn(kRepo, args);
}

// The shared fixture, locked across the parallel processes of ctest.
struct RepoLock : FileLock {
  RepoLock() : FileLock(kRepo + ".lock") {}
};

// The project with its frameworks vendored from Debian's packages, committed, configured,
// built and indexed once per testdata content and tia binary.
void EnsureRepo() {
  const std::string stamp = FixtureStamp(TestdataDir() + "/fromsource");
  if (ReadText(kRepo + ".ready") == stamp) return;
  fs::remove_all(kRepo);
  CopyFromsourceProject(kRepo);
  ASSERT_EQ(Git({"init", "-q", "-b", "main"}).exit_code, 0);
  ASSERT_EQ(Git({"add", "-A"}).exit_code, 0);
  ASSERT_EQ(Git({"commit", "-qm", "base"}).exit_code, 0);
  CommandResult c =
      Run({"cmake", "-S", kRepo, "-B", kBuild, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Debug"});
  ASSERT_EQ(c.exit_code, 0) << c.out << c.err;
  CommandResult b = Run({"cmake", "--build", kBuild, "-j2"});
  ASSERT_EQ(b.exit_code, 0) << b.out << b.err;
  CommandResult i = Run({TiaBinary(), "index", "-p", kBuild});
  ASSERT_EQ(i.exit_code, 0) << i.out << i.err;
  WriteText(kRepo + ".ready", stamp);
}

void Restore() {
  ASSERT_EQ(Git({"reset", "-q", "--hard", "HEAD"}).exit_code, 0);
  ASSERT_EQ(Git({"clean", "-fdq", "-e", "build"}).exit_code, 0);
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

struct Scenario {
  std::string name;
  std::string file, from, to;     // the edit
  std::vector<std::string> want;  // Render() of the selection
  std::string reason;             // a text the first reason must contain
};

void PrintTo(const Scenario& s, std::ostream* os) {
  *os << s.name;
}

// Edits that hold for any GoogleTest version: a function added to its namespace.
const char* kGtestSource = "third_party/googletest/googletest/src/gtest.cc";

std::vector<Scenario> Scenarios() {
  return {
      {"LibraryFunctionSelectsTheCasesThatCallIt",
       "lib/calc.cc",
       "return -a;",
       "return 0 - a;",
       {"calc_catch[neg]", "calc_gtest[CalcTest.Neg]"},
       "called by CalcTest_Neg_Test::TestBody"},
      {"LibraryFunctionInGtestAndDoctest",
       "lib/calc.cc",
       "return a * b;",
       "return b * a;",
       {"calc_catch[says \"six\"]", "calc_doctest[mul]", "calc_gtest[CalcTest.Mul]"},
       ""},
      {"GoogleTestSource",
       kGtestSource,
       "namespace testing {",
       "namespace testing {\nint TiaEditedForATest() { return 1; }",
       {"calc_gtest", "journal_gtest"},
       "is part of the test framework (GoogleTest)"},
      {"GoogleTestHeader",
       "third_party/googletest/googletest/include/gtest/gtest.h",
       "namespace testing {",
       "namespace testing {\ninline int TiaEditedForATest() { return 1; }",
       {"calc_gtest", "journal_gtest"},
       ""},
      {"DoctestHeader",
       "third_party/doctest/doctest.h",
       "#define DOCTEST_VERSION_MAJOR 2",
       "#define DOCTEST_VERSION_MAJOR (2)",
       {"calc_doctest"},
       ""},
      {"CatchHeader",
       "third_party/catch2/catch.hpp",
       "#define CATCH_VERSION_MAJOR 2",
       "#define CATCH_VERSION_MAJOR (2)",
       {"calc_catch"},
       ""},
      {"ProjectMain",
       "tests/journal_gtest.cc",
       "  ::testing::InitGoogleTest(&argc, argv);",
       "  ::testing::InitGoogleTest(&argc, argv);\n  calc::Journal::Clear();",
       {"journal_gtest"},
       "main runs for every case"},
      {"GoogleTestEnvironment",
       "tests/journal_gtest.cc",
       "void SetUp() override { calc::Journal::Clear(); }",
       "void SetUp() override { calc::Journal::Clear(); calc::Journal::Clear(); }",
       {"journal_gtest"},
       "the GoogleTest environment (anonymous namespace)::JournalEnvironment runs for every "
       "case"},
      {"GoogleTestListener",
       "tests/journal_gtest.cc",
       "calc::Journal::Record(\"start\");",
       "calc::Journal::Record(\"begin\");",
       {"journal_gtest"},
       "the GoogleTest listener (anonymous namespace)::CountingListener runs for every case"},
      {"FunctionOnlyAnEnvironmentCalls",
       "lib/journal.cc",
       "  Log().clear();",
       "  Log().resize(0);",
       {"journal_gtest"},
       "runs for every case"},
      {"DoctestReporter",
       "tests/calc_doctest.cc",
       "calc::Journal::Record(\"case\");",
       "calc::Journal::Record(\"c\");",
       {"calc_doctest"},
       "the doctest reporter (anonymous namespace)::JournalListener runs for every case"},
      {"CatchListener",
       "tests/calc_catch.cc",
       "calc::Journal::Record(\"case\");",
       "calc::Journal::Record(\"c\");",
       {"calc_catch"},
       "the Catch2 listener (anonymous namespace)::JournalListener runs for every case"},
      {"CatchMethodAsTestCase",
       "lib/calc.cc",
       "return a - b;",
       "return -(b - a);",
       {"calc_catch"},
       "the static initializer of (anonymous namespace)::autoRegistrar"},
      {"CatchRegisteredFunction",
       "lib/calc.cc",
       "return a * 2;",
       "return a + a;",
       {"calc_catch"},
       "(it hands the reference to code it calls at start-up: a registration) runs for every "
       "case"},
      // The program's only TEST_CASE() without a name: Catch2 calls it "Anonymous test
      // case 1" (the run checks the program lists one such name).
      {"CatchAnonymousCase",
       "lib/calc.cc",
       "return 0;",
       "return 1 - 1;",
       {"calc_catch[Anonymous test case 1]"},
       "called by C_A_T_C_H_T_E_S_T_2 (tests/calc_catch_registered.cc:35) → Anonymous test case 1"},
      {"CatchTemplateTestCase",
       "lib/calc.cc",
       "return a * a;",
       "return a * a + 0;",
       {"calc_catch[cells - Cell<int>,cells - Cell<long>,cells - std::vector<int>,"
        "cells - std::vector<long>,listed - Listed - 0,listed - Listed - 1,"
        "pairs - std::pair<int, long>,square - int,square - long,square - unsigned int]"},
       "called by C_A_T_C_H_T_E_M_P_L_A_T_E_T_E_S_T_F_U_N_C_"},
      // A global or a field that only points at a Screen constructs none (g_active_screen;
      // Viewport::screen, whose class has a global instance): a change to Screen's
      // constructor selects the cases that construct one, not every case of the program.
      {"PointerGlobalConstructsNothing",
       "lib/screen.cc",
       "Screen::Screen() : width_(80) {",
       "Screen::Screen() : width_(40 + 40) {",
       {"calc_gtest[ScreenTest.Loop,ScreenTest.Width]"},
       "called by ScreenTest_"},
      // `friend class Loop;` in Screen does not make Screen's users users of Loop.
      {"FriendIsNotAUse",
       "lib/screen.cc",
       "Loop::Loop(Screen* screen) : screen_(screen) {}",
       "Loop::Loop(Screen* screen) : screen_(screen ? screen : nullptr) {}",
       {"calc_gtest[ScreenTest.Loop]"},
       ""},
      // A static_assert at file scope runs nothing: a change to Size's constructor
      // selects the case that constructs one, not every case of the program.
      {"StaticAssertRunsNothing",
       "lib/screen.cc",
       "Size::Size() : cols(80) {}",
       "Size::Size() : cols(40 + 40) {}",
       {"calc_gtest[ScreenTest.Size]"},
       "called by ScreenTest_Size_Test::TestBody"},
      // A function a default member initializer calls runs wherever its class is
      // constructed, even where the field is never read.
      {"FieldInitializerRunsWithItsClass",
       "lib/screen.cc",
       "  return 1;\n}\n\nint DefaultOrigin",
       "  return 2 - 1;\n}\n\nint DefaultOrigin",
       {"calc_gtest[ScreenTest.Margins]"},
       "runs wherever calc::Margins is constructed, copied or destroyed → type used by "
       "ScreenTest_Margins_Test::TestBody"},
      // A structured binding at file scope constructs its initializer at start-up: that
      // use at file scope runs for every case.
      {"StructuredBindingAtFileScope",
       "lib/screen.cc",
       "  return 0;\n}\n\nScreen* ActiveScreen",
       "  return 1 - 1;\n}\n\nScreen* ActiveScreen",
       {"calc_gtest"},
       "used at file scope (tests/calc_gtest.cc:"},
      // A free operator of the project runs inside the frameworks' assertion templates:
      // GoogleTest's EXPECT_EQ compares in gtest.h (a system header to the test TU, so
      // the call is not in the index), doctest's and Catch2's decomposers in theirs.
      {"OperatorInsideAnAssertion",
       "lib/calc.cc",
       "return a.x == b.x && a.y == b.y;",
       "return a.y == b.y && a.x == b.x;",
       {"calc_catch[points differ]", "calc_doctest[points differ]", "calc_gtest[PointTest.Equal]"},
       ""},
      // A Catch2 generator of the project: Catch2 calls its next() through the base class
      // from code the index does not see (catch.hpp declares itself a system header).
      {"FrameworkCallsAGeneratorOfTheProject",
       "lib/calc.cc",
       "return a + 1;",
       "return 1 + a;",
       {"calc_catch[steps]"},
       "overrides a virtual that the test framework or code outside the index calls"},
      // A class named only as the qualifier of its constant (`int g_colors =
      // calc::Palette::kColors;`, `constexpr int Palette::kColors;`) is not constructed
      // at start-up: a change to its constructor selects the case that constructs one,
      // not every case of the program.
      {"QualifierConstructsNothing",
       "lib/screen.cc",
       "Palette::Palette() : used(0) {}",
       "Palette::Palette() : used(1 - 1) {}",
       {"calc_gtest[PaletteTest.Used]"},
       ""},
      // A call through a base class's virtual runs an override only on an object of its
      // class: a change to Box::Area selects the cases that make a Box (directly
      // or through a factory), not the one that draws only a Disc.
      {"OverrideRunsOnlyWhereItsClassIsMade",
       "lib/screen.cc",
       "  return 4;",
       "  return 2 * 2;",
       {"calc_gtest[ShapeTest.Box,ShapeTest.Made]"},
       "on a calc::Box the case constructs"},
      {"DoctestCaseBody",
       "tests/calc_doctest.cc",
       "CHECK(calc::Add(2, 3) == 5);",
       "CHECK(calc::Add(3, 2) == 5);",
       {"calc_doctest[add]"},
       ""},
  };
}

CommandResult Tia(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {TiaBinary()};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.push_back("-p");
  argv.push_back(kBuild);
  return Run(argv, kRepo);
}

class FrameworkScenario : public ::testing::TestWithParam<Scenario> {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(EnsureRepo());
    ASSERT_NO_FATAL_FAILURE(Restore());
  }
  void TearDown() override { Restore(); }
  RepoLock lock_;
};

TEST_P(FrameworkScenario, ExactSelection) {
  const Scenario& s = GetParam();
  ASSERT_NO_FATAL_FAILURE(EditFile(kRepo + "/" + s.file, s.from, s.to));
  CommandResult r = Tia({"select", "--base", "HEAD", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  std::vector<std::string> want = s.want;
  std::sort(want.begin(), want.end());
  EXPECT_EQ(Render(j), want) << r.out;
  EXPECT_FALSE(j.at("all").get<bool>()) << j.at("all_reason");
  if (!s.reason.empty()) {
    bool found = false;
    for (const auto& t : j.at("tests"))
      for (const auto& reason : t.at("reasons"))
        found |= reason.get<std::string>().find(s.reason) != std::string::npos;
    EXPECT_TRUE(found) << s.reason << "\n" << r.out;
  }
}

INSTANTIATE_TEST_SUITE_P(FromSource, FrameworkScenario, ::testing::ValuesIn(Scenarios()),
                         [](const auto& info) { return info.param.name; });

// A narrowed run of a Catch2 program that also holds an anonymous case and
// TEMPLATE_TEST_CASE and TEMPLATE_PRODUCT_TEST_CASE instances: the test spec names the
// selected instances, as Catch2 names them ("square - unsigned int", "cells -
// std::vector<long>"), and the program runs exactly those; the anonymous case runs alone
// as "Anonymous test case 1".
TEST(CaseNames, CatchTemplateInstancesRunNarrowed) {
  RepoLock lock;
  ASSERT_NO_FATAL_FAILURE(EnsureRepo());
  ASSERT_NO_FATAL_FAILURE(Restore());
  ASSERT_NO_FATAL_FAILURE(EditFile(kRepo + "/lib/calc.cc", "return a * a;", "return a * a + 0;"));
  CommandResult b = testing::Run({"cmake", "--build", kBuild, "--target", "calc_catch"});
  ASSERT_EQ(b.exit_code, 0) << b.out << b.err;
  CommandResult r = Tia({"run", "--base", "HEAD"});
  Restore();
  CommandResult rebuilt = testing::Run({"cmake", "--build", kBuild, "--target", "calc_catch"});
  ASSERT_EQ(rebuilt.exit_code, 0) << rebuilt.out << rebuilt.err;
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("PASS square - int ("), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("PASS square - long ("), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("PASS square - unsigned int ("), std::string::npos) << r.out;
  // TEMPLATE_PRODUCT_TEST_CASE instances, and a type given in parentheses (its comma
  // escaped in the test spec).
  for (const char* n : {"cells - Cell<int>", "cells - Cell<long>", "cells - std::vector<int>",
                        "cells - std::vector<long>", "pairs - std::pair<int, long>",
                        "listed - Listed - 0", "listed - Listed - 1"})
    EXPECT_NE(r.out.find(std::string("PASS ") + n + " ("), std::string::npos) << n << "\n" << r.out;
  EXPECT_NE(r.out.find("10 passed, 0 failed"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("PASS add ("), std::string::npos) << r.out;
  // A name with escaped quotes, named in the test spec as the program names it.
  ASSERT_NO_FATAL_FAILURE(EditFile(kRepo + "/lib/calc.cc", "return a * b;", "return b * a;"));
  ASSERT_EQ(testing::Run({"cmake", "--build", kBuild}).exit_code, 0);
  CommandResult quoted = Tia({"run", "--base", "HEAD"});
  Restore();
  ASSERT_EQ(testing::Run({"cmake", "--build", kBuild}).exit_code, 0);
  EXPECT_EQ(quoted.exit_code, 0) << quoted.out << quoted.err;
  EXPECT_NE(quoted.out.find("PASS says \"six\" ("), std::string::npos) << quoted.out;
  EXPECT_EQ(quoted.out.find("PASS add ("), std::string::npos) << quoted.out;
  // The program's only TEST_CASE() without a name, by the name the program gives it.
  ASSERT_NO_FATAL_FAILURE(EditFile(kRepo + "/lib/calc.cc", "return 0;", "return 1 - 1;"));
  ASSERT_EQ(testing::Run({"cmake", "--build", kBuild}).exit_code, 0);
  CommandResult anonymous = Tia({"run", "--base", "HEAD"});
  Restore();
  ASSERT_EQ(testing::Run({"cmake", "--build", kBuild}).exit_code, 0);
  EXPECT_EQ(anonymous.exit_code, 0) << anonymous.out << anonymous.err;
  EXPECT_NE(anonymous.out.find("PASS Anonymous test case 1 ("), std::string::npos) << anonymous.out;
  EXPECT_NE(anonymous.out.find("1 passed, 0 failed"), std::string::npos) << anonymous.out;
}

// Parameterized and typed cases by the names the program lists, once it is built; by
// their --gtest_filter pattern, marked as one, before.
TEST(CaseNames, ProgramNamesForParameterizedAndTypedCases) {
  RepoLock lock;
  ASSERT_NO_FATAL_FAILURE(EnsureRepo());
  ASSERT_NO_FATAL_FAILURE(Restore());
  ASSERT_NO_FATAL_FAILURE(EditFile(kRepo + "/lib/calc.cc", "return a + b;", "return b + a;"));
  const std::string calc =
      "calc_gtest[CalcTest.Add,Small/AddParamTest.Commutes/0,Small/AddParamTest.Commutes/1,"
      "TypedAddTest/0.Identity,TypedAddTest/1.Identity]";
  CommandResult r = Tia({"select", "--base", "HEAD", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(Render(j), (std::vector<std::string>{"calc_catch[add]", "calc_doctest[add]", calc,
                                                 "journal_gtest[JournalTest.AddStillWorks]"}))
      << r.out;
  for (const auto& t : j.at("tests")) EXPECT_TRUE(t.at("patterns").empty()) << t.dump();
  // The listing is remembered by the program's content.
  CommandResult rows =
      testing::Run({"sqlite3", kBuild + "/tia.db", "SELECT count(*) FROM case_listings"});
  EXPECT_EQ(rows.out, "1\n");
  CommandResult text = Tia({"select", "--base", "HEAD"});
  EXPECT_NE(text.out.find("calc_gtest [Small/AddParamTest.Commutes/0, "
                          "Small/AddParamTest.Commutes/1, CalcTest.Add, TypedAddTest/0.Identity, "
                          "TypedAddTest/1.Identity]: "),
            std::string::npos)
      << text.out;
  CommandResult list = Tia({"run", "--base", "HEAD", "--list"});
  // In the order the program runs them.
  EXPECT_NE(list.out.find("CalcTest.Add\nTypedAddTest/0.Identity\nTypedAddTest/1.Identity\n"
                          "Small/AddParamTest.Commutes/0\nSmall/AddParamTest.Commutes/1\n"),
            std::string::npos)
      << list.out << list.err;
  // A program that cannot list its cases: they keep their patterns, marked as patterns.
  fs::rename(kBuild + "/calc_gtest", kBuild + "/calc_gtest.away");
  WriteText(kBuild + "/calc_gtest", "#!/bin/sh\nexit 3\n");
  fs::permissions(kBuild + "/calc_gtest", fs::perms::owner_all);
  CommandResult unbuilt = Tia({"select", "--base", "HEAD", "--format", "json"});
  fs::remove(kBuild + "/calc_gtest");
  fs::rename(kBuild + "/calc_gtest.away", kBuild + "/calc_gtest");
  ASSERT_EQ(unbuilt.exit_code, 0) << unbuilt.err;
  EXPECT_NE(unbuilt.err.find("calc_gtest --gtest_list_tests exited with 3"), std::string::npos)
      << unbuilt.err;
  nlohmann::json u = nlohmann::json::parse(unbuilt.out);
  for (const auto& t : u.at("tests")) {
    if (t.at("name") != "calc_gtest") continue;
    EXPECT_EQ(t.at("cases"), nlohmann::json({"*/AddParamTest.Commutes/*:AddParamTest.Commutes/*",
                                             "CalcTest.Add", "TypedAddTest/*.Identity"}))
        << t.dump();
    EXPECT_EQ(t.at("patterns"), nlohmann::json({"*/AddParamTest.Commutes/*:AddParamTest.Commutes/*",
                                                "TypedAddTest/*.Identity"}))
        << t.dump();
  }
  Restore();
}

// The facts behind PointerGlobalConstructsNothing and FriendIsNotAUse: the type of a
// pointer global is a reference to the class, not a use that constructs it; a friend
// declaration is no use at all.
TEST(IndexFacts, PointerGlobalAndFriendDeclaration) {
  RepoLock lock;
  ASSERT_NO_FATAL_FAILURE(EnsureRepo());
  CommandResult screen = Tia({"callers", "calc::Screen"});
  EXPECT_EQ(screen.exit_code, 0) << screen.err;
  EXPECT_NE(
      screen.out.find("lib/screen.cc:5 reference calc::(anonymous namespace)::g_active_screen\n"),
      std::string::npos)
      << screen.out;
  CommandResult loop = Tia({"callers", "calc::Loop"});
  EXPECT_EQ(loop.out,
            "lib/screen.cc:16 type-use calc::Loop::Loop\n"
            "lib/screen.cc:18 type-use calc::Loop::Run\n"
            "tests/calc_gtest.cc:45 type-use ScreenTest_Loop_Test::TestBody\n")
      << loop.err;
}

// The facts behind QualifierConstructsNothing: a class named as a qualifier in a global's
// initializer or in its constant's definition (also a template's: `Table<T>::kRows`) is
// no use of the class; the qualified name keeps its own edge.
TEST(IndexFacts, QualifierIsNoUse) {
  RepoLock lock;
  ASSERT_NO_FATAL_FAILURE(EnsureRepo());
  CommandResult palette = Tia({"callers", "calc::Palette"});
  EXPECT_EQ(palette.exit_code, 0) << palette.err;
  EXPECT_EQ(palette.out.find("kColors"), std::string::npos) << palette.out;
  EXPECT_EQ(palette.out.find("g_colors"), std::string::npos) << palette.out;
  CommandResult colors = Tia({"callers", "calc::Palette::kColors"});
  EXPECT_NE(colors.out.find("tests/calc_gtest.cc:80 reference g_colors\n"), std::string::npos)
      << colors.out;
  CommandResult table = Tia({"callers", "calc::Table"});
  EXPECT_EQ(table.exit_code, 0) << table.err;
  EXPECT_EQ(table.out.find("kRows"), std::string::npos) << table.out;
}

// `tia tests-for` on the framework's own code: every test that compiles it.
TEST(FrameworkBoundary, TestsForFrameworkCode) {
  RepoLock lock;
  ASSERT_NO_FATAL_FAILURE(EnsureRepo());
  CommandResult r = Tia({"tests-for", "testing::UnitTest::Run", "--format", "names"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "calc_gtest\njournal_gtest\n");
  CommandResult lib = Tia({"tests-for", "calc::Neg", "--format", "names"});
  EXPECT_EQ(lib.out, "calc_catch\ncalc_gtest\n");
  CommandResult json = Tia({"tests-for", "calc::Neg", "--format", "json"});
  nlohmann::json j = nlohmann::json::parse(json.out);
  EXPECT_EQ(Render(j), (std::vector<std::string>{"calc_catch[neg]", "calc_gtest[CalcTest.Neg]"}))
      << json.out;
}

}  // namespace
}  // namespace tia::testing
