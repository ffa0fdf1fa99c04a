// Tests of the SQLite layer: schema creation, version check, refusing foreign files,
// and the writer lock.
#include "tia/store/db.h"
#include "tia/store/index_store.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testing.h"

namespace tia {
namespace {

TEST(Db, CreatesSchemaAndRecordsVersion) {
  testing::ScratchDir dir("db");
  Db db;
  std::string err;
  ASSERT_TRUE(db.Open(dir.path() + "/t.db", true, &err)) << err;
  EXPECT_EQ(db.GetMeta("schema_version"), std::to_string(kSchemaVersion));
  Stmt st;
  ASSERT_TRUE(db.Prepare("SELECT count(*) FROM sqlite_master WHERE name='edges'", &st, &err));
  ASSERT_TRUE(st.Step());
  EXPECT_EQ(st.Int(0), 1);
}

TEST(Db, MissingFileWithoutCreateSaysRunIndex) {
  testing::ScratchDir dir("db");
  Db db;
  std::string err;
  EXPECT_FALSE(db.Open(dir.path() + "/absent.db", false, &err));
  EXPECT_NE(err.find("absent.db"), std::string::npos) << err;
  EXPECT_NE(err.find("tia index"), std::string::npos) << err;
}

TEST(Db, RefusesOtherSchemaVersion) {
  testing::ScratchDir dir("db");
  std::string path = dir.path() + "/t.db", err;
  {
    Db db;
    ASSERT_TRUE(db.Open(path, true, &err)) << err;
    ASSERT_TRUE(db.SetMeta("schema_version", "999", &err)) << err;
  }
  Db db;
  EXPECT_FALSE(db.Open(path, false, &err));
  EXPECT_NE(err.find("schema version 999"), std::string::npos) << err;
}

TEST(Db, OlderSchemaIsRebuiltByAWriterAndRefusedByAReader) {
  testing::ScratchDir dir("db");
  std::string path = dir.path() + "/t.db", err;
  {
    Db db;
    ASSERT_TRUE(db.Open(path, true, &err)) << err;
    ASSERT_TRUE(db.SetMeta("schema_version", "1", &err)) << err;
    ASSERT_TRUE(db.SetMeta("kept", "no", &err)) << err;
  }
  {
    Db reader;
    EXPECT_FALSE(reader.Open(path, false, &err));
    EXPECT_NE(err.find("schema version 1, this tia uses version " + std::to_string(kSchemaVersion) +
                       "; run `tia index` to rebuild it"),
              std::string::npos)
        << err;
  }
  Db db;
  ASSERT_TRUE(db.Open(path, true, &err)) << err;
  EXPECT_EQ(db.rebuilt_from(), 1);
  EXPECT_EQ(db.GetMeta("schema_version"), std::to_string(kSchemaVersion));
  EXPECT_FALSE(db.GetMeta("kept").has_value());
}

TEST(Db, RefusesNonDatabaseFile) {
  testing::ScratchDir dir("db");
  std::string path = dir.path() + "/t.db", err;
  testing::WriteText(path, "this is not sqlite at all, just some text that is long enough\n");
  Db db;
  EXPECT_FALSE(db.Open(path, true, &err));
  EXPECT_NE(err.find(path), std::string::npos) << err;
  EXPECT_EQ(testing::ReadText(path).substr(0, 12), "this is not ");  // untouched
}

TEST(Db, RefusesForeignSqliteDatabase) {
  testing::ScratchDir dir("db");
  std::string path = dir.path() + "/t.db", err;
  ASSERT_EQ(testing::Shell("sqlite3 " + path + " 'CREATE TABLE other(x)'").exit_code, 0);
  Db db;
  EXPECT_FALSE(db.Open(path, true, &err));
  EXPECT_NE(err.find("not a tia database"), std::string::npos) << err;
}

TEST(Db, TransactionRollsBackUnlessCommitted) {
  testing::ScratchDir dir("db");
  Db db;
  std::string err;
  ASSERT_TRUE(db.Open(dir.path() + "/t.db", true, &err)) << err;
  {
    Transaction tx(&db);
    ASSERT_TRUE(tx.Begin(&err));
    ASSERT_TRUE(db.SetMeta("k", "v", &err));
  }
  EXPECT_FALSE(db.GetMeta("k").has_value());
  {
    Transaction tx(&db);
    ASSERT_TRUE(tx.Begin(&err));
    ASSERT_TRUE(db.SetMeta("k", "v", &err));
    ASSERT_TRUE(tx.Commit(&err));
  }
  EXPECT_EQ(db.GetMeta("k"), "v");
}

TEST(Db, DefaultStringViewBindsEmptyTextNotNull) {
  testing::ScratchDir dir("db");
  Db db;
  std::string err;
  ASSERT_TRUE(db.Open(dir.path() + "/t.db", true, &err)) << err;
  ASSERT_TRUE(db.Exec("CREATE TABLE t(v TEXT NOT NULL)", &err)) << err;
  Stmt st;
  ASSERT_TRUE(db.Prepare("INSERT INTO t(v) VALUES(?)", &st, &err)) << err;
  st.Bind(1, std::string_view());
  ASSERT_TRUE(st.Run(&err)) << err;
  ASSERT_TRUE(db.Prepare("SELECT v IS NULL, length(v) FROM t", &st, &err)) << err;
  ASSERT_TRUE(st.Step());
  EXPECT_EQ(st.Int(0), 0);
  EXPECT_EQ(st.Int(1), 0);
}

// An edge may name a USR the TU has no fact for (it has no name in this TU): the symbol
// row is created with an empty name and filled in by a later TU that has the fact.
TEST(IndexWriter, EdgeToSymbolWithoutFactGetsANamelessRowFilledInLater) {
  testing::ScratchDir dir("db");
  IndexWriter w;
  std::string err;
  ASSERT_TRUE(w.Open(dir.path() + "/t.db", &err)) << err;
  TuRecord tu;
  tu.key = tu.file = dir.path() + "/a.cc";
  tu.directory = dir.path();
  tu.command_hash = "h";
  Shard sh;
  sh.path = tu.file;
  sh.content_id = "c1";
  sh.edges.push_back({EdgeKind::kCall, "c:@F@caller#", "c:@F@nofact#", 3, 1});
  SymbolFact caller;
  caller.usr = "c:@F@caller#";
  caller.name = caller.qualified_name = "caller";
  caller.kind = SymbolKind::kFunction;
  ASSERT_TRUE(w.Begin(&err)) << err;
  ASSERT_TRUE(w.WriteTu(tu, {sh}, {caller}, &err)) << err;
  ASSERT_TRUE(w.Commit(&err)) << err;
  Stmt st;
  ASSERT_TRUE(w.db().Prepare("SELECT name FROM symbols WHERE usr='c:@F@nofact#'", &st, &err));
  ASSERT_TRUE(st.Step());
  EXPECT_EQ(st.Text(0), "");
  // The next TU knows the name.
  TuRecord tu2 = tu;
  tu2.key = tu2.file = dir.path() + "/b.cc";
  Shard sh2 = sh;
  sh2.path = tu2.file;
  SymbolFact callee;
  callee.usr = "c:@F@nofact#";
  callee.name = callee.qualified_name = "callee";
  callee.kind = SymbolKind::kFunction;
  ASSERT_TRUE(w.Begin(&err)) << err;
  ASSERT_TRUE(w.WriteTu(tu2, {sh2}, {caller, callee}, &err)) << err;
  ASSERT_TRUE(w.Commit(&err)) << err;
  ASSERT_TRUE(w.db().Prepare("SELECT name FROM symbols WHERE usr='c:@F@nofact#'", &st, &err));
  ASSERT_TRUE(st.Step());
  EXPECT_EQ(st.Text(0), "callee");
}

TEST(WriterLock, SecondHolderIsRefusedWhileFirstHolds) {
  testing::ScratchDir dir("lock");
  std::string path = dir.path() + "/t.db", err;
  WriterLock a;
  ASSERT_TRUE(a.TryAcquire(path, &err)) << err;
  // flock is per open file description: another process must be refused.
  pid_t pid = fork();
  if (pid == 0) {
    WriterLock b;
    std::string e;
    _exit(b.TryAcquire(path, &e) ? 1 : (e.find("locked by process") != std::string::npos ? 0 : 2));
  }
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

}  // namespace
}  // namespace tia
