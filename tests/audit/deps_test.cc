// `tia deps` and `tia rdeps` on testdata/audit: closures with the first include line,
// trees, depth limits, system headers, TUs, tests, JSON, DOT and bad input.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "audit_project.h"

namespace tia::testing {
namespace {

using nlohmann::json;

class DepsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { dir_ = SharedAuditProject(); }
  static CommandResult Deps(std::vector<std::string> args) {
    for (const char* a : {"--no-index", "-p"}) args.push_back(a);
    args.push_back(dir_ + "/build");
    return Tia(args);
  }
  inline static std::string dir_;
};

TEST_F(DepsTest, DepsListsEachFileWithTheDirectiveThatFirstBringsItIn) {
  CommandResult r = Deps({"deps", "app/src/clock.cc"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(
      r.out,
      "app/include/app/clock.h  (depth 1, app/src/clock.cc:2 #include \"app/clock.h\")\n"
      "app/include/app/features.h  (depth 1, app/src/clock.cc:4 #include \"app/features.h\")\n"
      "core/include/core/strings.h  (depth 1, app/src/clock.cc:5 #include "
      "\"core/strings.h\")\n"
      "app/include/app/clock_support.h  (depth 2, app/include/app/clock.h:6 #include "
      "\"app/clock_support.h\")\n"
      "core/include/core/config.h  (depth 2, core/include/core/strings.h:7 #include "
      "\"core/config.h\")\n"
      "testing/fake_clock.h  (depth 3, app/include/app/clock_support.h:5 #include "
      "\"testing/fake_clock.h\")\n"
      "app/src/clock.cc includes 6 files and 2 system headers (--system lists them)\n");
}

TEST_F(DepsTest, TreeAndDepth) {
  CommandResult r = Deps({"deps", "app/src/clock.cc", "--tree"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "app/src/clock.cc\n"
            "├─ app/include/app/clock.h (line 2)\n"
            "│  └─ app/include/app/clock_support.h (line 6)\n"
            "│     └─ testing/fake_clock.h (line 5)\n"
            "├─ app/include/app/features.h (line 4)\n"
            "└─ core/include/core/strings.h (line 5)\n"
            "   └─ core/include/core/config.h (line 7)\n"
            "app/src/clock.cc includes 6 files and 2 system headers (--system lists them)\n");
  r = Deps({"deps", "app/src/clock.cc", "--depth", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("app/src/clock.cc includes 3 files\n"), std::string::npos) << r.out;
}

TEST_F(DepsTest, SystemHeadersListedOnRequest) {
  CommandResult r = Deps({"deps", "core/src/strings.cc", "--system", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out);
  std::vector<std::string> spelled;
  for (const auto& f : j["files"])
    if (f["system"].get<bool>()) spelled.push_back(f["via"]["include"]);
  EXPECT_EQ(spelled, (std::vector<std::string>{"string", "vector"}));
  EXPECT_EQ(j["system_hidden"], 0);
}

TEST_F(DepsTest, RdepsWithTusAndTests) {
  CommandResult r = Deps({"rdeps", "config.h", "--tus", "--tests", "--depth", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("core/include/core/config.h included by 5 files\n"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("TUs that read core/include/core/config.h (7):\n"
                       "  app/src/clock.cc (app)\n"
                       "  app/src/events.cc (app)\n"
                       "  core/src/graph.cc (core)\n"
                       "  core/src/strings.cc (core)\n"
                       "  tests/app_test.cc (app_test)\n"
                       "  tests/core_test.cc (core_test)\n"
                       "  tools/tool_main.cc (audit_tool)\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("selects 5 of 5 tests:\n"
                       "  GraphTest.AddAndSize\n"
                       "  GraphTest.NodeDegree\n"
                       "  StringsTest.Join\n"
                       "  StringsTest.Slow\n"
                       "  app_all\n"
                       "a change to one of its 1 function selects at most 2 tests:\n"
                       "  GraphTest.AddAndSize\n"
                       "  app_all [QueueTest.Internals]\n"),
            std::string::npos)
      << r.out;
}

TEST_F(DepsTest, RdepsJsonNamesEveryIncluder) {
  CommandResult r = Deps({"rdeps", "core/include/core/legacy.h", "--format", "json", "--tests"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out);
  EXPECT_EQ(j["direction"], "includers");
  std::vector<std::string> files;
  for (const auto& f : j["files"]) files.push_back(f["file"]);
  EXPECT_EQ(files, (std::vector<std::string>{"core/src/legacy.cc", "core/src/strings.cc"}));
  // LegacyChecksum is reached by no test; a file-level change selects core_test's and
  // app_test's tests (both link core, which compiles strings.cc).
  EXPECT_EQ(j["tests"]["functions"], 1);
  EXPECT_EQ(j["tests"]["function_level"].size(), 0u);
  EXPECT_EQ(j["tests"]["file_level"].size(), 5u);
}

TEST_F(DepsTest, DotDrawsEveryEdgeAmongTheListedFiles) {
  CommandResult r = Deps({"deps", "core/include/core/node.h", "--format", "dot"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "digraph deps {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\", "
            "fontsize=10];\n"
            "  \"core/include/core/config.h\";\n"
            "  \"core/include/core/graph.h\";\n"
            "  \"core/include/core/node.h\" [style=bold];\n"
            "  \"core/include/core/graph.h\" -> \"core/include/core/config.h\" [label=\"6\"];\n"
            "  \"core/include/core/graph.h\" -> \"core/include/core/node.h\" [label=\"7\"];\n"
            "  \"core/include/core/node.h\" -> \"core/include/core/config.h\" [label=\"4\"];\n"
            "  \"core/include/core/node.h\" -> \"core/include/core/graph.h\" [label=\"5\"];\n"
            "}\n");
}

TEST_F(DepsTest, UnknownAndAmbiguousFiles) {
  CommandResult r = Deps({"deps", "nothere.h"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "tia: error: nothere.h: no file of that name in the index (a file some TU reads)\n");
  r = Deps({"rdeps", "h"});
  EXPECT_EQ(r.exit_code, 2);
  r = Deps({"deps", "clock.h"});  // app/clock.h and testing/fake_clock.h are different names
  EXPECT_EQ(r.exit_code, 0) << r.err;
  r = Deps({"deps", "--depth", "-1", "clock.h"});
  EXPECT_EQ(r.exit_code, 2);
}

}  // namespace
}  // namespace tia::testing

namespace tia::testing {
namespace {

// File and symbol ids follow the order in which parallel indexing wrote its rows; no
// output may: a second index of the same project, written by one worker into a fresh
// database, gives the same results.
TEST_F(DepsTest, OutputDoesNotDependOnTheOrderOfIndexing) {
  std::string db = dir_ + "/build/one-worker.db";
  std::remove(db.c_str());
  CommandResult i = Tia({"index", "-p", dir_ + "/build", "--db", db, "-j", "1"});
  ASSERT_EQ(i.exit_code, 0) << i.err;
  auto both = [&](std::vector<std::string> args) {
    CommandResult a = Deps(args);
    args.insert(args.end(), {"--db", db});
    CommandResult b = Deps(args);
    EXPECT_EQ(a.exit_code, 0) << a.err;
    EXPECT_EQ(a.out, b.out);
  };
  both({"deps", "tests/app_test.cc", "--format", "dot", "--system"});
  both({"rdeps", "core/include/core/config.h", "--format", "json", "--tus", "--tests"});
  both({"audit", "cycles", "test-leaks", "coverage", "unused-includes", "--format", "json"});
}

}  // namespace
}  // namespace tia::testing
