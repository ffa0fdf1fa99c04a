// CI fan-out: `tia index --shard K/N` indexes one part of the compile database into its
// own database, `tia merge OUT IN...` unions the parts, and the union holds the same
// facts, fact for fact, as one run over everything.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "testing.h"

namespace tia::testing {
namespace {

namespace fs = std::filesystem;

// Every fact of a database by its natural keys (paths, blob ids, USRs, TU keys), sorted:
// two databases hold the same facts when their dumps are equal. Stat caches, timestamps,
// parse times and run records describe a run, not the sources, and are left out.
const char* kDump =
    "SELECT 'symbol', usr, name, qualified_name, kind FROM symbols ORDER BY 2;"
    "SELECT 'alias', a.usr, s.usr FROM symbol_aliases a JOIN symbols s ON s.id = a.symbol_id "
    "ORDER BY 2, 3;"
    "SELECT 'shard', f.path, s.content_id, s.is_system FROM shards s JOIN files f ON f.id = "
    "s.file_id ORDER BY 2, 3;"
    "SELECT 'decl', f.path, sh.content_id, sy.usr, d.is_definition, d.line_start, d.col, "
    "d.line_end FROM decls d JOIN shards sh ON sh.id = d.shard_id JOIN files f ON f.id = "
    "sh.file_id JOIN symbols sy ON sy.id = d.symbol_id ORDER BY 2, 3, 4, 5, 6, 7, 8;"
    "SELECT 'edge', f.path, sh.content_id, e.kind, coalesce(a.usr, ''), b.usr, e.line, e.col "
    "FROM edges e JOIN shards sh ON sh.id = e.shard_id JOIN files f ON f.id = sh.file_id LEFT "
    "JOIN symbols a ON a.id = e.src_id JOIN symbols b ON b.id = e.dst_id "
    "ORDER BY 2, 3, 4, 5, 6, 7, 8;"
    "SELECT 'include', f.path, sh.content_id, i.line, i.spelled, coalesce(t.path, '') FROM "
    "includes i JOIN shards sh ON sh.id = i.shard_id JOIN files f ON f.id = sh.file_id LEFT JOIN "
    "files t ON t.id = i.target_file_id ORDER BY 2, 3, 4, 5, 6;"
    "SELECT 'case', f.path, sh.content_id, c.framework, c.macro, c.suite, c.name, c.line, "
    "coalesce(b.usr, ''), coalesce(x.usr, '') FROM test_cases c JOIN shards sh ON sh.id = "
    "c.shard_id JOIN files f ON f.id = sh.file_id LEFT JOIN symbols b ON b.id = c.body_id LEFT "
    "JOIN symbols x ON x.id = c.fixture_id ORDER BY 2, 3, 4, 5, 6, 7, 8;"
    "SELECT 'tu', t.key, f.path, t.directory, t.arguments, t.command_hash, t.status FROM tus t "
    "JOIN files f ON f.id = t.file_id ORDER BY 2;"
    "SELECT 'input', t.key, f.path, sh.content_id FROM tu_inputs i JOIN tus t ON t.id = i.tu_id "
    "JOIN shards sh ON sh.id = i.shard_id JOIN files f ON f.id = sh.file_id ORDER BY 2, 3, 4;"
    "SELECT 'diagnostic', t.key, d.severity, d.file, d.line, d.col, d.message FROM diagnostics d "
    "JOIN tus t ON t.id = d.tu_id ORDER BY 2, 3, 4, 5, 6, 7;";

std::string Dump(const std::string& db) {
  CommandResult r = tia::testing::Run({"sqlite3", db, kDump});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

TEST(ShardMerge, MergedPartsHoldTheFactsOfOneRun) {
  ScratchDir dir("shard-merge");
  const std::string src = dir.path() + "/src", build = dir.path() + "/build";
  CopyTree(TestdataDir() + "/sample", src);
  const std::string git = "git -c user.name=t -c user.email=t@t ";
  ASSERT_EQ(Shell(git + "init -q -b main && " + git + "add -A && " + git + "commit -qm base", src)
                .exit_code,
            0);
  CommandResult c = tia::testing::Run({"cmake", "-S", src, "-B", build, "-G", "Ninja"});
  ASSERT_EQ(c.exit_code, 0) << c.err;
  const std::string full = dir.path() + "/full.db";
  CommandResult one =
      tia::testing::Run({TiaBinary(), "index", "-p", build, "--db", full, "-j", "2"}, src);
  ASSERT_EQ(one.exit_code, 0) << one.err;

  std::vector<std::string> merge = {TiaBinary(), "merge", dir.path() + "/merged.db"};
  int tus = 0;
  for (int k = 1; k <= 3; ++k) {
    std::string part = dir.path() + "/part" + std::to_string(k) + ".db";
    // Each part starts from the full database, as a CI job starts from the restored cache:
    // the recorded parse times balance the parts, and each keeps only its own TUs.
    fs::copy_file(full, part);
    CommandResult r = tia::testing::Run(
        {TiaBinary(), "index", "-p", build, "--db", part, "--shard", std::to_string(k) + "/3"},
        src);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    CommandResult n = tia::testing::Run({"sqlite3", part, "SELECT count(*) FROM tus"});
    int count = std::stoi(n.out);
    EXPECT_GT(count, 0) << "part " << k;
    tus += count;
    merge.push_back(part);
  }
  EXPECT_EQ(tus, 13);  // every TU in exactly one part
  CommandResult m = tia::testing::Run(merge, src);
  ASSERT_EQ(m.exit_code, 0) << m.err;
  EXPECT_EQ(m.out.rfind("merged 3 databases into " + dir.path() + "/merged.db: 13 TUs, ", 0), 0u)
      << m.out;
  std::string want = Dump(full);
  EXPECT_GT(want.size(), 10000u);
  EXPECT_EQ(Dump(dir.path() + "/merged.db"), want);

  // Parts indexed from nothing (file sizes balance them) merge to the same facts.
  std::vector<std::string> cold = {TiaBinary(), "merge", dir.path() + "/cold.db"};
  for (int k = 1; k <= 2; ++k) {
    std::string part = dir.path() + "/cold" + std::to_string(k) + ".db";
    CommandResult r = tia::testing::Run(
        {TiaBinary(), "index", "-p", build, "--db", part, "--shard", std::to_string(k) + "/2"},
        src);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    cold.push_back(part);
  }
  ASSERT_EQ(tia::testing::Run(cold, src).exit_code, 0);
  EXPECT_EQ(Dump(dir.path() + "/cold.db"), want);

  // The merged database is current for the checkout: nothing to re-parse.
  CommandResult again = tia::testing::Run(
      {TiaBinary(), "index", "-p", build, "--db", dir.path() + "/merged.db"}, src);
  EXPECT_EQ(again.out, "tia: index is up to date (13 TUs, 0 changed)\n") << again.err;
}

TEST(ShardMerge, BadArguments) {
  ScratchDir dir("shard-merge-errors");
  WriteText(dir.path() + "/not.db", "not a database at all, just text\n");
  CommandResult bad =
      tia::testing::Run({TiaBinary(), "merge", dir.path() + "/out.db", dir.path() + "/not.db"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("tia: error: " + dir.path() + "/not.db"), std::string::npos) << bad.err;
  CommandResult missing =
      tia::testing::Run({TiaBinary(), "merge", dir.path() + "/out.db", dir.path() + "/absent.db"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("absent.db"), std::string::npos) << missing.err;
  CommandResult shard =
      tia::testing::Run({TiaBinary(), "index", "-p", dir.path(), "--shard", "3/2"});
  EXPECT_EQ(shard.exit_code, 2);
  EXPECT_NE(shard.err.find("tia: error: --shard 3/2: expected K/N"), std::string::npos)
      << shard.err;
}

}  // namespace
}  // namespace tia::testing
