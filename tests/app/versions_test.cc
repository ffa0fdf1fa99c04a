// Versions indexed from git: when the base version of a changed file was never indexed
// (a fresh CI checkout indexes only the head), `tia select` parses a TU that reads it with
// the base contents standing in for the work-tree file. The facts it records for that
// version must be exactly those a normal `tia index` of the base commit records, also for a
// file that includes standard library headers (found through the compiler's installation,
// which the stand-in file system must not hide).
#include <gtest/gtest.h>

#include <string>

#include "testing.h"

namespace tia::testing {
namespace {

// Every fact of one file version (decls and edges, by symbol USR), one per line, sorted.
std::string FactsOf(const std::string& db, const std::string& path, const std::string& id) {
  const std::string shard =
      "(SELECT s.id FROM shards s JOIN files f ON f.id = s.file_id WHERE f.path = '" + path +
      "' AND s.content_id = '" + id + "')";
  const std::string sql =
      "SELECT 'decl', y.usr, d.is_definition, d.line_start, d.col, d.line_end FROM decls d "
      "JOIN symbols y ON y.id = d.symbol_id WHERE d.shard_id = " +
      shard +
      " UNION ALL SELECT 'edge', e.kind, a.usr, b.usr, e.line, e.col FROM edges e "
      "JOIN symbols a ON a.id = e.src_id JOIN symbols b ON b.id = e.dst_id WHERE e.shard_id = " +
      shard + " ORDER BY 1, 2, 3, 4, 5, 6;";
  CommandResult r = tia::testing::Run({"sqlite3", "-readonly", db, sql});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

TEST(VersionsFromGit, BaseVersionHoldsTheFactsOfANormalIndex) {
  ScratchDir dir("versions");
  const std::string src = dir.path() + "/src", build = dir.path() + "/build";
  const std::string git = "git -c user.name=t -c user.email=t@t ";
  CopyTree(TestdataDir() + "/sample", src);
  ASSERT_EQ(Shell(git + "init -q -b main && " + git + "add -A && " + git + "commit -qm base", src)
                .exit_code,
            0);
  CommandResult c = tia::testing::Run({"cmake", "-S", src, "-B", build, "-G", "Ninja"});
  ASSERT_EQ(c.exit_code, 0) << c.out << c.err;
  const std::string warm = dir.path() + "/warm.db", cold = dir.path() + "/cold.db";
  CommandResult w = tia::testing::Run({TiaBinary(), "index", "-p", build, "--db", warm}, src);
  ASSERT_EQ(w.exit_code, 0) << w.err;

  // The head changes a file that includes <string> and <vector>; only the head is indexed.
  const std::string file = "textproc/src/tokenizer.cc";
  CommandResult base_id = Shell("git rev-parse HEAD:" + file, src);
  ASSERT_EQ(base_id.exit_code, 0) << base_id.err;
  const std::string id = base_id.out.substr(0, 40);
  EditFile(src + "/" + file, "    ++i;\n", "    i += 1;\n");
  ASSERT_EQ(Shell(git + "commit -qam head", src).exit_code, 0);
  CommandResult h = tia::testing::Run({TiaBinary(), "index", "-p", build, "--db", cold}, src);
  ASSERT_EQ(h.exit_code, 0) << h.err;
  ASSERT_EQ(FactsOf(cold, file, id), "") << "the base version is not indexed yet";

  CommandResult s = tia::testing::Run({TiaBinary(), "select", "-p", build, "--db", cold, "--base",
                                       "HEAD~1", "--head", "HEAD", "--verbose"},
                                      src);
  ASSERT_EQ(s.exit_code, 0) << s.err;
  EXPECT_NE(s.err.find("base version of " + file), std::string::npos) << s.err;
  const std::string expected = FactsOf(warm, file, id);
  ASSERT_NE(expected.find("c:@N@textproc@F@Tokenize"), std::string::npos) << expected;
  EXPECT_EQ(FactsOf(cold, file, id), expected);
}

}  // namespace
}  // namespace tia::testing

namespace tia::testing {
namespace {

// libclang's driver changes the process's working directory to a command's directory while
// it parses: a relative -p given on the command line must still name the build directory
// when the session opens after indexing.
TEST(RelativePaths, BuildDirectoryGivenRelativeSurvivesIndexing) {
  ScratchDir dir("relative");
  const std::string src = dir.path() + "/src";
  CopyTree(TestdataDir() + "/sample", src);
  const std::string git = "git -c user.name=t -c user.email=t@t ";
  ASSERT_EQ(Shell(git + "init -q -b main && " + git + "add -A && " + git + "commit -qm base", src)
                .exit_code,
            0);
  CommandResult c = tia::testing::Run({"cmake", "-S", src, "-B", src + "/build", "-G", "Ninja"});
  ASSERT_EQ(c.exit_code, 0) << c.out << c.err;
  CommandResult s = tia::testing::Run({TiaBinary(), "select", "-p", "build"}, src);
  EXPECT_EQ(s.exit_code, 0) << s.err;
  EXPECT_EQ(s.err.find("not a CMake build directory"), std::string::npos) << s.err;
}

}  // namespace
}  // namespace tia::testing
