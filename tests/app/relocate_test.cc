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

// A project that compiles a file from outside its git work tree (a checkout beside it, as
// FetchContent_Declare(SOURCE_DIR ...) or a sibling dependency does): paths are stored
// relative to the work tree `tia select` reads changes from, the outside file keeps its
// absolute path, and a change inside the work tree selects by function, not everything.
TEST(Relocate, FileOutsideTheWorkTreeKeepsSelectionPrecise) {
  ScratchDir dir("relocate-outside");
  const std::string src = dir.path() + "/proj", build = dir.path() + "/proj/build";
  const std::string git = "git -c user.name=t -c user.email=t@t ";
  WriteText(dir.path() + "/beside/extra.cc", "int Extra() { return 1; }\n");
  WriteText(src + "/CMakeLists.txt",
            "cmake_minimum_required(VERSION 3.20)\n"
            "project(p LANGUAGES CXX)\n"
            "set(CMAKE_EXPORT_COMPILE_COMMANDS ON)\n"
            "find_package(GTest REQUIRED)\n"
            "enable_testing()\n"
            "add_library(lib lib.cc ${CMAKE_SOURCE_DIR}/../beside/extra.cc)\n"
            "add_executable(lib_test lib_test.cc)\n"
            "target_link_libraries(lib_test PRIVATE lib GTest::gtest_main GTest::gtest)\n"
            "add_test(NAME lib_test COMMAND lib_test)\n");
  WriteText(src + "/lib.cc",
            "int Extra();\nint Add(int a, int b) { return a + b; }\n"
            "int Mul(int a, int b) { return a * b + Extra() - 1; }\n");
  WriteText(src + "/lib_test.cc",
            "#include <gtest/gtest.h>\nint Add(int, int);\nint Mul(int, int);\n"
            "TEST(Lib, Add) { EXPECT_EQ(Add(2, 3), 5); }\n"
            "TEST(Lib, Mul) { EXPECT_EQ(Mul(2, 3), 6); }\n");
  WriteText(src + "/.gitignore", "build/\n");
  ASSERT_EQ(Shell(git + "init -q -b main && " + git + "add -A && " + git + "commit -qm base", src)
                .exit_code,
            0);
  CommandResult c = tia::testing::Run({"cmake", "-S", src, "-B", build, "-G", "Ninja"});
  ASSERT_EQ(c.exit_code, 0) << c.out << c.err;
  CommandResult idx = tia::testing::Run({TiaBinary(), "index", "-p", build}, src);
  ASSERT_EQ(idx.exit_code, 0) << idx.err;
  CommandResult files =
      tia::testing::Run({"sqlite3", build + "/tia.db",
                         "SELECT path FROM files WHERE path LIKE '%.cc' ORDER BY path"});
  EXPECT_EQ(files.out,
            fs::weakly_canonical(dir.path()).string() + "/beside/extra.cc\nlib.cc\nlib_test.cc\n");

  EditFile(src + "/lib.cc", "return a + b;", "return b + a;");
  CommandResult sel = tia::testing::Run(
      {TiaBinary(), "select", "-p", build, "--base", "HEAD", "--format", "json"}, src);
  ASSERT_EQ(sel.exit_code, 0) << sel.err;
  nlohmann::json j = nlohmann::json::parse(sel.out);
  EXPECT_FALSE(j.at("all").get<bool>()) << j.at("all_reason");
  ASSERT_EQ(j.at("tests").size(), 1u) << sel.out;
  EXPECT_EQ(j.at("tests")[0].at("cases"), nlohmann::json({"Lib.Add"})) << sel.out;
}

}  // namespace
}  // namespace tia::testing
