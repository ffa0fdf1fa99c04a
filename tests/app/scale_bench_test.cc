// scripts/bench/scale_bench.py on a small generated project: the benchmark behind the
// scale figures of docs/performance.md runs, inflates the real index to the asked number
// of edges, and selects the same tests with the graph from SQLite, from the snapshot and
// with the index check (the script fails otherwise). Times are printed, never asserted.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "testing.h"

namespace tia::testing {
namespace {

TEST(ScaleBench, InflatesTheIndexAndSelectsTheSameEveryWay) {
  ScratchDir dir("scale-bench");
  CommandResult r =
      Shell("python3 " + TestdataDir() + "/../scripts/bench/scale_bench.py --tia " + TiaBinary() +
            " --work " + dir.path() + "/work --libs 2 --edges 30000 --runs 1 --jobs 2 2>&1");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const std::string& out = r.out;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(out, m, std::regex(R"(edges: (\d+), symbols: (\d+))"))) << out;
  EXPECT_GE(std::stoll(m[1]), 30000) << out;
  EXPECT_GE(std::stoll(m[2]), 3000) << out;
  ASSERT_TRUE(std::regex_search(out, m, std::regex(R"((\d+) tests selected)"))) << out;
  EXPECT_GT(std::stoi(m[1]), 0) << out;
  EXPECT_NE(out.find("graph from SQLite (no snapshot): median"), std::string::npos) << out;
  EXPECT_NE(out.find("no-op tia index: "), std::string::npos) << out;
  // The merged copy holds every edge of the inflated database.
  ASSERT_TRUE(std::regex_search(out, m, std::regex(R"(merged 1 database into .*, (\d+) edges)")))
      << out;
  EXPECT_GE(std::stoll(m[1]), 30000) << out;
}

}  // namespace
}  // namespace tia::testing
