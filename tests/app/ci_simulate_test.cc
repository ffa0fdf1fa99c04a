// The CI pipeline of docs/ci.md, run by scripts/ci-simulate.sh with the same commands: a
// main-branch pipeline saves the index, a merge-request pipeline on another "runner" at
// another path restores it, re-parses only the changed TU, builds only the selected target
// and runs exactly the selected tests.
#include <gtest/gtest.h>

#include <string>

#include "testing.h"

namespace tia::testing {
namespace {

TEST(CiSimulate, DocumentedPipelineRunsGreen) {
  ScratchDir dir("ci-simulate");
  CommandResult r = Shell("TIA=" + TiaBinary() + " bash " + TestdataDir() +
                          "/../scripts/ci-simulate.sh " + dir.path() + "/work 2>&1");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const std::string& out = r.out;
  EXPECT_NE(out.find("no index in the cache: indexing cold"), std::string::npos) << out;
  EXPECT_NE(out.find("restored the index of "), std::string::npos) << out;
  // The merge request's index parts re-parse only the changed TU.
  EXPECT_NE(out.find("indexed 1 TUs ("), std::string::npos) << out;
  EXPECT_EQ(out.find("indexed 2 TUs"), std::string::npos) << out;
  // Only the selected target is built, only the selected tests run.
  size_t mr = out.find("== mr pipeline");
  ASSERT_NE(mr, std::string::npos);
  EXPECT_NE(out.find("tia: building geometry_test", mr), std::string::npos) << out;
  EXPECT_EQ(out.find("tia: building app_test", mr), std::string::npos) << out;
  EXPECT_NE(out.find("ran: AllOps/OpsTest.Apply/0 AllOps/OpsTest.Apply/1\n"), std::string::npos)
      << out;
  EXPECT_NE(out.find("ci-simulate: ok"), std::string::npos) << out;
}

}  // namespace
}  // namespace tia::testing
