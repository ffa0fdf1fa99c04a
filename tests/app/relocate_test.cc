// A relocatable index: a database made in one checkout works in another checkout of the
// same repository at another absolute path with another build directory, as when CI
// restores the index of an earlier run on a fresh machine: `tia index` there re-parses
// nothing for unchanged TUs, checks that checkout's files (never the first one's), and
// `tia stats` says where the database was made.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "testing.h"

namespace tia::testing {
namespace {

namespace fs = std::filesystem;

TEST(Relocate, CloneAtAnotherPathUsesTheIndexOfTheFirst) {
  ScratchDir dir("relocate");
  const std::string a = dir.path() + "/first/src", a_build = dir.path() + "/first/out";
  const std::string b = dir.path() + "/second/checkout", b_build = dir.path() + "/b-build";
  const std::string git = "git -c user.name=t -c user.email=t@t ";
  CopyTree(TestdataDir() + "/sample", a);
  ASSERT_EQ(Shell(git + "init -q -b main && " + git + "add -A && " + git + "commit -qm base", a)
                .exit_code,
            0);
  auto configure = [](const std::string& src, const std::string& build) {
    CommandResult c = tia::testing::Run({"cmake", "-S", src, "-B", build, "-G", "Ninja"});
    ASSERT_EQ(c.exit_code, 0) << c.out << c.err;
  };
  ASSERT_NO_FATAL_FAILURE(configure(a, a_build));
  CommandResult first = tia::testing::Run({TiaBinary(), "index", "-p", a_build, "-j", "2"}, a);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  ASSERT_EQ(Shell(git + "clone -q " + a + " " + b).exit_code, 0);
  ASSERT_NO_FATAL_FAILURE(configure(b, b_build));

  // The first checkout still exists: the copy is checked against the second one's files.
  fs::copy_file(a_build + "/tia.db", b_build + "/tia.db");
  EditFile(b + "/geometry/src/ops.cc", "return a * b;", "return b * a;");
  CommandResult edited = tia::testing::Run({TiaBinary(), "index", "-p", b_build}, b);
  ASSERT_EQ(edited.exit_code, 0) << edited.err;
  EXPECT_EQ(edited.out.rfind("indexed 1 TUs (12 up to date, 0 failed, 0 with errors); ", 0), 0u)
      << edited.out;

  // As on a CI machine: the first checkout is gone, the cache restored in the second.
  ASSERT_EQ(Shell(git + "checkout -q -- .", b).exit_code, 0);
  fs::remove(b_build + "/tia.db");
  fs::copy_file(a_build + "/tia.db", b_build + "/tia.db");
  fs::remove_all(dir.path() + "/first");
  CommandResult warm = tia::testing::Run({TiaBinary(), "index", "-p", b_build}, b);
  ASSERT_EQ(warm.exit_code, 0) << warm.err;
  EXPECT_EQ(warm.out, "tia: index is up to date (13 TUs, 0 changed)\n") << warm.err;

  CommandResult stats = tia::testing::Run({TiaBinary(), "stats", "-p", b_build}, b);
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  EXPECT_NE(stats.out.find("made in: " + a + " (build directory " + a_build + ")\n"),
            std::string::npos)
      << stats.out;
  EXPECT_NE(stats.out.find("last indexed in: " + b + " (build directory " + b_build + ")\n"),
            std::string::npos)
      << stats.out;

  // Selection in the second checkout: its paths, its change, narrowed to the function.
  EditFile(b + "/geometry/src/ops.cc", "return a * b;", "return b * a;");
  CommandResult sel =
      tia::testing::Run({TiaBinary(), "select", "-p", b_build, "--format", "json"}, b);
  ASSERT_EQ(sel.exit_code, 0) << sel.err;
  nlohmann::json j = nlohmann::json::parse(sel.out);
  ASSERT_EQ(j.at("changed").size(), 1u) << sel.out;
  EXPECT_EQ(j.at("changed")[0].at("entity"), "function geometry::mul");
  EXPECT_EQ(j.at("changed")[0].at("file"), "geometry/src/ops.cc");
  EXPECT_EQ(j.at("tests").size(), 1u) << sel.out;
  CommandResult callers =
      tia::testing::Run({TiaBinary(), "callers", "geometry::mul", "-p", b_build}, b);
  EXPECT_EQ(callers.out, "geometry/src/ops.cc:14 reference geometry::kOps\n") << callers.err;
}

}  // namespace
}  // namespace tia::testing
