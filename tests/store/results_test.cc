// Store functions that return plain structs: recorded test durations, the case listings of
// test programs, the counts of `tia stats`, and the symbol-kind predicates.
#include <gtest/gtest.h>

#include "testing.h"
#include "tia/store/db.h"
#include "tia/store/index_store.h"
#include "tia/store/results.h"
#include "tia/store/stats.h"

namespace tia {
namespace {

Shard MakeShard(const std::string& path, const std::string& content_id, bool system = false) {
  Shard s;
  s.path = path;
  s.content_id = content_id;
  s.is_system = system;
  return s;
}

TEST(TestResults, SecondsAreStoredAndReadExactly) {
  testing::ScratchDir dir("results");
  Db db;
  std::string err;
  ASSERT_TRUE(db.Open(dir.path() + "/t.db", true, &err)) << err;
  // Sub-microsecond parts and a long run: what a fixed-point encoding would round.
  ASSERT_TRUE(RecordTestResults(db,
                                {{"fast", 100, "pass", 0.0000004},
                                 {"slow", 100, "fail", 12345.678912345},
                                 {"odd", 100, "pass", 1.0 / 3}},
                                &err))
      << err;
  std::map<std::string, double> d;
  ASSERT_TRUE(LatestDurations(db, &d, &err)) << err;
  EXPECT_EQ(d, (std::map<std::string, double>{
                   {"fast", 0.0000004}, {"odd", 1.0 / 3}, {"slow", 12345.678912345}}));
}

TEST(TestResults, TheLatestRunCountsAndSkipsAreNoDuration) {
  testing::ScratchDir dir("results");
  Db db;
  std::string err;
  ASSERT_TRUE(db.Open(dir.path() + "/t.db", true, &err)) << err;
  ASSERT_TRUE(RecordTestResults(db, {{"a", 200, "pass", 2.5}, {"b", 100, "pass", 7}}, &err));
  ASSERT_TRUE(RecordTestResults(db, {{"a", 100, "pass", 9}, {"b", 300, "skip", 0}}, &err));
  std::map<std::string, double> d;
  ASSERT_TRUE(LatestDurations(db, &d, &err)) << err;
  EXPECT_EQ(d, (std::map<std::string, double>{{"a", 2.5}, {"b", 7}}));
}

TEST(Stmt, BindsAndReadsDoubles) {
  testing::ScratchDir dir("results");
  Db db;
  std::string err;
  ASSERT_TRUE(db.Open(dir.path() + "/t.db", true, &err)) << err;
  Stmt st;
  ASSERT_TRUE(db.Prepare("SELECT ? * 2, typeof(?), ?", &st, &err)) << err;
  st.Bind(1, 0.75).Bind(2, 0.5).Bind(3, int64_t{3});
  ASSERT_TRUE(st.Step()) << st.ErrMsg();
  EXPECT_EQ(st.Columns(), 3);
  EXPECT_EQ(st.Double(0), 1.5);
  EXPECT_EQ(st.Text(1), "real");
  EXPECT_EQ(st.Double(2), 3.0);
  EXPECT_FALSE(st.Step());
  EXPECT_FALSE(st.failed());
}

TEST(Stmt, AFailedStepIsReportedNotTakenForTheEnd) {
  testing::ScratchDir dir("results");
  Db db;
  std::string err;
  ASSERT_TRUE(db.Open(dir.path() + "/t.db", true, &err)) << err;
  ASSERT_TRUE(db.Exec("CREATE TABLE t(v INTEGER NOT NULL)", &err)) << err;
  Stmt st;
  ASSERT_TRUE(db.Prepare("INSERT INTO t(v) VALUES(NULL)", &st, &err)) << err;
  EXPECT_FALSE(st.Step());
  EXPECT_TRUE(st.failed());
  EXPECT_NE(st.ErrMsg().find("NOT NULL"), std::string::npos) << st.ErrMsg();
}

TEST(CountIndex, CountsWhatTheWriterWrote) {
  testing::ScratchDir dir("results");
  std::string err;
  IndexWriter w;
  ASSERT_TRUE(w.Open(dir.path() + "/t.db", &err)) << err;
  IndexCounts empty;
  ASSERT_TRUE(CountIndex(w.db(), &empty, &err)) << err;
  EXPECT_EQ(empty.tus + empty.symbols + empty.shards, 0);

  TuRecord ok;
  ok.key = ok.file = dir.path() + "/a.cc";
  ok.directory = dir.path();
  ok.command_hash = "h";
  ok.inputs = {{ok.file, "a1"}, {dir.path() + "/a.h", "h1"}, {"/usr/include/x.h", "x1"}};
  Shard a = MakeShard(ok.file, "a1");
  a.symbols.push_back({"c:@F@f#", "f", "f", SymbolKind::kFunction, true, 2, 5, 4});
  a.symbols.push_back({"c:@F@g#", "g", "g", SymbolKind::kFunction, true, 6, 5, 8});
  a.edges.push_back({EdgeKind::kCall, "c:@F@g#", "c:@F@f#", 7, 3});
  a.includes.push_back({1, "a.h", dir.path() + "/a.h"});
  a.tests.push_back({"gtest", "TEST", "S", "N", 9, "", ""});
  Shard h = MakeShard(dir.path() + "/a.h", "h1");
  Shard sys = MakeShard("/usr/include/x.h", "x1", true);
  TuRecord failed = ok;
  failed.key = failed.file = dir.path() + "/b.cc";
  failed.status = TuStatus::kFailed;
  failed.inputs = {{failed.file, "b1"}};
  ASSERT_TRUE(w.Begin(&err)) << err;
  ASSERT_TRUE(w.WriteTu(ok, {a, h, sys}, {}, &err)) << err;
  ASSERT_TRUE(w.WriteTu(failed, {MakeShard(failed.file, "b1")}, {}, &err)) << err;
  ASSERT_TRUE(w.Commit(&err)) << err;
  // An old version of a.h that no TU reads: a shard, not a current file.
  ASSERT_TRUE(w.WriteShards({MakeShard(dir.path() + "/a.h", "h0")}, {}, {}, &err)) << err;

  IndexCounts n;
  ASSERT_TRUE(CountIndex(w.db(), &n, &err)) << err;
  EXPECT_EQ(n.tus, 2);
  EXPECT_EQ(n.tus_ok, 1);
  EXPECT_EQ(n.tus_with_errors, 0);
  EXPECT_EQ(n.tus_failed, 1);
  EXPECT_EQ(n.current_files, 3);  // a.cc, a.h, b.cc (x.h is a system file)
  EXPECT_EQ(n.shards, 4);         // ... and the old a.h
  EXPECT_EQ(n.symbols, 2);
  EXPECT_EQ(n.decls, 2);
  EXPECT_EQ(n.edges, 1);
  EXPECT_EQ(n.includes, 1);
  EXPECT_EQ(n.test_cases, 1);
}

TEST(CountIndex, NamesTheDatabaseWhenATableIsMissing) {
  testing::ScratchDir dir("results");
  std::string path = dir.path() + "/t.db", err;
  Db db;
  ASSERT_TRUE(db.Open(path, true, &err)) << err;
  ASSERT_TRUE(db.Exec("DROP TABLE test_cases", &err)) << err;
  IndexCounts n;
  EXPECT_FALSE(CountIndex(db, &n, &err));
  EXPECT_EQ(err.rfind(path + ": ", 0), 0u) << err;
  EXPECT_NE(err.find("test_cases"), std::string::npos) << err;
}

TEST(SymbolKinds, FunctionAndTypePredicatesPartitionTheKinds) {
  std::string functions, types;
  for (int k = 0; k <= static_cast<int>(SymbolKind::kStaticMethod); ++k) {
    auto kind = static_cast<SymbolKind>(k);
    EXPECT_FALSE(IsFunctionKind(kind) && IsTypeKind(kind)) << SymbolKindName(kind);
    if (IsFunctionKind(kind)) functions += std::string(SymbolKindName(kind)) + " ";
    if (IsTypeKind(kind)) types += std::string(SymbolKindName(kind)) + " ";
  }
  EXPECT_EQ(functions, "function method constructor destructor conversion static-method ");
  EXPECT_EQ(types, "class struct union enum typedef ");
}

}  // namespace
}  // namespace tia
