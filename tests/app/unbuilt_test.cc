// Select before the build: on a configured tree whose test executables were never built,
// `tia select` maps every test to its target (CTestTestfile.cmake, the File API) and is as
// precise as on a built tree, reporting gtest_discover_tests executables by their
// `<target>_NOT_BUILT` placeholder with the cases from the index; `tia run --build` builds
// only the selected targets, reads CTest again and runs exactly what it runs on a built
// copy of the same sources.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "shared_project.h"
#include "testing.h"

namespace tia::testing {
namespace {

namespace fs = std::filesystem;

struct Change {
  std::string file, from, to;
  std::vector<std::string> selected_unbuilt;  // `tia select` on the unbuilt tree, rendered
  std::set<std::string> executables;          // test executables --build makes
};

// "name" for a whole test, "name[Case1,Case2]" for a narrowed one, sorted.
std::vector<std::string> Render(const nlohmann::json& j) {
  std::vector<std::string> out;
  for (const auto& t : j.at("tests")) {
    std::string s = t.at("name").get<std::string>();
    if (!t.at("whole").get<bool>()) {
      auto cases = t.at("cases").get<std::vector<std::string>>();
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

// The verdict lines of `tia run` without their durations, sorted, and the summary line.
std::vector<std::string> Outcomes(const std::string& out) {
  static const std::regex verdict(R"(^(PASS|FAIL|SKIP|FLAKY|TIMEOUT|CRASH) )");
  static const std::regex secs(R"( \([0-9.]+s\)$)");
  std::vector<std::string> lines;
  for (const std::string& l : TextLines(out)) {
    if (std::regex_search(l, verdict)) lines.push_back(std::regex_replace(l, secs, ""));
    if (l.find(" passed, ") != std::string::npos) lines.push_back(l);
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

void CheckUnbuiltRunsAsBuilt(const std::string& project, const std::vector<std::string>& all_exes,
                             const std::vector<Change>& changes) {
  BuiltProject p = SharedProject(project, {});
  const std::string base = fs::path(p.src).parent_path().string();
  int lock = ::open((base + ".unbuilt.lock").c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
  ASSERT_GE(lock, 0);
  ::flock(lock, LOCK_EX);
  const std::string fresh = base + "/fresh", fresh_db = base + "/fresh.db";
  const std::string git = "git -c user.name=t -c user.email=t@t ";
  for (const Change& c : changes) {
    SCOPED_TRACE(c.file + ": " + c.from + " -> " + c.to);
    ASSERT_EQ(Shell(git + "reset -q --hard && " + git + "clean -fdq", p.src).exit_code, 0);
    EditFile(p.src + "/" + c.file, c.from, c.to);
    CommandResult built = Run({TiaBinary(), "run", "-p", p.build, "--base", "HEAD"}, p.src);
    ASSERT_LE(built.exit_code, 1) << built.err;

    fs::remove_all(fresh);
    CommandResult conf =
        Run({"cmake", "-S", p.src, "-B", fresh, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Debug"});
    ASSERT_EQ(conf.exit_code, 0) << conf.out << conf.err;
    CommandResult sel = Run({TiaBinary(), "select", "-p", fresh, "--db", fresh_db, "--base", "HEAD",
                             "--format", "json"},
                            p.src);
    ASSERT_EQ(sel.exit_code, 0) << sel.err;
    nlohmann::json j = nlohmann::json::parse(sel.out);
    EXPECT_EQ(Render(j), c.selected_unbuilt) << sel.out;
    EXPECT_FALSE(j.at("all").get<bool>()) << j.at("all_reason");
    for (const auto& exe : all_exes)
      EXPECT_FALSE(fs::exists(fresh + "/" + exe)) << "select built " << exe;

    CommandResult run = Run(
        {TiaBinary(), "run", "-p", fresh, "--db", fresh_db, "--base", "HEAD", "--build"}, p.src);
    EXPECT_EQ(run.exit_code, built.exit_code) << run.out << run.err;
    EXPECT_EQ(Outcomes(run.out), Outcomes(built.out)) << run.out << run.err << built.out;
    EXPECT_FALSE(Outcomes(run.out).empty()) << run.out;
    for (const auto& exe : all_exes) {
      std::string name = exe.substr(exe.rfind('/') + 1);
      EXPECT_EQ(fs::exists(fresh + "/" + exe), c.executables.count(name) > 0) << exe << "\n"
                                                                              << run.err;
    }
  }
  Shell(git + "reset -q --hard && " + git + "clean -fdq", p.src);
  ::close(lock);
}

TEST(Unbuilt, SampleRunsWhatABuiltTreeRuns) {
  CheckUnbuiltRunsAsBuilt(
      "sample", {"tests/geometry_test", "tests/textproc_test", "tests/app_test"},
      {{"geometry/src/ops.cc",
        "return a * b;",
        "return b * a;",
        {"geometry_test_NOT_BUILT[*/OpsTest.Apply/*:OpsTest.Apply/*]"},
        {"geometry_test"}},
       {"textproc/src/parser.cc",
        "  return result;",
        "  return result + 0;",
        {"app_all[AppTest.MalformedReport,AppTest.SquareAreaReport]",
         "textproc_all[ParserTest.Malformed,ParserTest.Sum]"},
        {"app_test", "textproc_test"}},
       {"geometry/src/shapes.cc",
        "return Squared(side_);",
        "return side_ * side_;",
        {"app_all[AppTest.MalformedReport,AppTest.SquareAreaReport]",
         "geometry_test_NOT_BUILT[ShapeListTest.Empty,ShapeListTest.TotalArea,SquareTest.Area,"
         "SquareTest.DISABLED_NegativeSide]"},
        {"geometry_test", "app_test"}}});
}

TEST(Unbuilt, TemplatesRunWhatABuiltTreeRuns) {
  CheckUnbuiltRunsAsBuilt("templates", {"idioms_test"},
                          {{"src/dependent.cc",
                            "return 41;",
                            "return 40 + 1;",
                            {"idioms_test_NOT_BUILT[Dependent.Member,Dependent.MemberInAnotherTu]"},
                            {"idioms_test"}}});
}

// The placeholder's command and target come from the build tree, before anything is built.
TEST(Unbuilt, PlaceholderMapsToItsTarget) {
  BuiltProject p = SharedProject("sample", {});
  ScratchDir dir("unbuilt-placeholder");
  CommandResult conf =
      tia::testing::Run({"cmake", "-S", p.src, "-B", dir.path() + "/b", "-G", "Ninja"});
  ASSERT_EQ(conf.exit_code, 0) << conf.err;
  CommandResult sel = tia::testing::Run({TiaBinary(), "tests-for", "geometry/src/ops.cc", "-p",
                                         dir.path() + "/b", "--db", dir.path() + "/t.db"},
                                        p.src);
  ASSERT_EQ(sel.exit_code, 0) << sel.err;
  EXPECT_NE(sel.out.find("geometry_test_NOT_BUILT [*/OpsTest.Apply/*:OpsTest.Apply/*]\n"),
            std::string::npos)
      << sel.out;
  EXPECT_NE(sel.out.find("1 of 5 tests reach geometry/src/ops.cc"), std::string::npos) << sel.out;
}

}  // namespace
}  // namespace tia::testing
