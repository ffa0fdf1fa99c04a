// `tia gc [--keep N]`: versions no current TU reads and none of the last N index runs used
// are removed and the file shrinks; selection is the same afterwards (a base version gc
// removed is indexed from git again when a change needs it).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "testing.h"

namespace tia::testing {
namespace {

namespace fs = std::filesystem;

class Gc : public ::testing::Test {
 protected:
  void SetUp() override {
    CopyTree(TestdataDir() + "/sample", src_);
    ASSERT_EQ(Git("init -q -b main && " + git_ + "add -A && " + git_ + "commit -qm base"), 0);
    CommandResult c = tia::testing::Run(
        {"cmake", "-S", src_, "-B", build_, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Debug"});
    ASSERT_EQ(c.exit_code, 0) << c.err;
    Index();  // run 1: the base
  }
  int Git(const std::string& cmd) { return Shell(git_ + cmd, src_).exit_code; }
  void Index() {
    CommandResult r = tia::testing::Run({TiaBinary(), "index", "-p", build_}, src_);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  std::string Select() {
    CommandResult r =
        tia::testing::Run({TiaBinary(), "select", "-p", build_, "--format", "names"}, src_);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }
  CommandResult RunGc(const std::string& keep) {
    return tia::testing::Run({TiaBinary(), "gc", "-p", build_, "--keep", keep}, src_);
  }

  ScratchDir dir_{"gc"};
  std::string src_ = dir_.path() + "/src", build_ = dir_.path() + "/build";
  std::string git_ = "git -c user.name=t -c user.email=t@t ";
};

TEST_F(Gc, RemovesOldVersionsAndKeepsTheSelection) {
  // Two more index runs over versions that are gone afterwards.
  EditFile(src_ + "/geometry/src/ops.cc", "return a * b;", "return a * b * 1;");
  EditFile(src_ + "/textproc/src/tokenizer.cc", "    ++i;", "    i += 1;");
  Index();  // run 2
  EditFile(src_ + "/geometry/src/ops.cc", "return a * b * 1;", "return a * b * 2;");
  Index();  // run 3
  ASSERT_EQ(Git("checkout -q -- ."), 0);
  EditFile(src_ + "/geometry/src/ops.cc", "return a + b;", "return b + a;");
  const std::string before = Select();  // run 4 indexes the change
  // Configured, not built: gtest_discover_tests lists its placeholder.
  EXPECT_EQ(before, "geometry_test_NOT_BUILT\n");

  // Everything the last 4 runs used stays.
  CommandResult keep_all = RunGc("4");
  ASSERT_EQ(keep_all.exit_code, 0) << keep_all.err;
  EXPECT_EQ(keep_all.out.rfind("removed 0 file versions (0 declarations, 0 edges), ", 0), 0u)
      << keep_all.out;

  auto size = fs::file_size(build_ + "/tia.db");
  CommandResult gc = RunGc("1");
  ASSERT_EQ(gc.exit_code, 0) << gc.err;
  // ops.cc of runs 2 and 3, tokenizer.cc of run 2, and ops.cc's base version (used by run
  // 1 only: run 4 reads the edited version).
  EXPECT_EQ(gc.out.rfind("removed 4 file versions (", 0), 0u) << gc.out;
  EXPECT_LT(fs::file_size(build_ + "/tia.db"), size);
  EXPECT_EQ(tia::testing::Run({"sqlite3", build_ + "/tia.db", "PRAGMA integrity_check"}).out,
            "ok\n");

  // The base version of ops.cc is indexed from git again: the same selection.
  CommandResult verbose =
      tia::testing::Run({TiaBinary(), "select", "-p", build_, "--format", "names", "-v"}, src_);
  ASSERT_EQ(verbose.exit_code, 0) << verbose.err;
  EXPECT_EQ(verbose.out, before);
  EXPECT_NE(verbose.err.find("tia: base version of geometry/src/ops.cc ("), std::string::npos)
      << verbose.err;
  EXPECT_NE(verbose.err.find("tia: indexed 1 of 1 file version from git in 1 TU parse ("),
            std::string::npos)
      << verbose.err;
  // Now it is there: nothing to index.
  CommandResult again =
      tia::testing::Run({TiaBinary(), "select", "-p", build_, "--format", "names", "-v"}, src_);
  EXPECT_EQ(again.out, before);
  EXPECT_EQ(again.err.find("from git"), std::string::npos) << again.err;
}

TEST(GcErrors, BadKeepAndMissingDatabase) {
  ScratchDir dir("gc-errors");
  CommandResult neg =
      tia::testing::Run({TiaBinary(), "gc", "--db", dir.path() + "/none.db", "--keep", "-1"});
  EXPECT_EQ(neg.exit_code, 2);
  EXPECT_NE(neg.err.find("tia: error: --keep -1"), std::string::npos) << neg.err;
  CommandResult none = tia::testing::Run({TiaBinary(), "gc", "--db", dir.path() + "/none.db"});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("none.db"), std::string::npos) << none.err;
}

}  // namespace
}  // namespace tia::testing
