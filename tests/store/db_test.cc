// Tests of the SQLite layer: schema creation, version check, refusing foreign files and
// planted links, and the writer lock.
#include "tia/store/db.h"
#include "tia/store/index_store.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

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

TEST(WriterLock, SecondHolderWaitsAndIsToldWhoHolds) {
  testing::ScratchDir dir("lock");
  std::string path = dir.path() + "/t.db", err;
  WriterLock a;
  ASSERT_TRUE(a.Acquire(path, nullptr, &err)) << err;
  // flock is per open file description: another process must wait, told the holder's pid
  // (this process); it leaves from inside the wait notice.
  pid_t pid = fork();
  if (pid == 0) {
    WriterLock b;
    std::string e;
    bool got = b.Acquire(
        path, [](long holder) { _exit(holder == static_cast<long>(getppid()) ? 0 : 2); }, &e);
    _exit(got ? 1 : 3);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

// A symbolic link in place of the lock file: the old code opened it with O_CREAT and
// truncated its target to write a pid there (any file the user can write, root: any file).
TEST(WriterLock, SymbolicOrHardLinkedLockFileIsRefusedAndItsTargetKept) {
  namespace fs = std::filesystem;
  testing::ScratchDir dir("lock");
  std::string db = dir.path() + "/t.db", victim = dir.path() + "/victim", err;
  testing::WriteText(victim, "precious");
  fs::create_symlink(victim, db + ".lock");
  {
    WriterLock a;
    EXPECT_FALSE(a.Acquire(db, nullptr, &err));
    EXPECT_EQ(err, db + ".lock is a symbolic link; tia does not follow links for files it writes "
                        "(remove the link or give the real path)");
  }
  {
    WriterLock b;
    EXPECT_FALSE(b.Acquire(db, nullptr, &err));
  }
  EXPECT_EQ(testing::ReadText(victim), "precious");
  fs::remove(db + ".lock");
  fs::create_hard_link(victim, db + ".lock");
  {
    WriterLock c;
    EXPECT_FALSE(c.Acquire(db, nullptr, &err));
    EXPECT_NE(err.find(db + ".lock has other hard links"), std::string::npos) << err;
  }
  EXPECT_EQ(testing::ReadText(victim), "precious");
}

// The database and the files SQLite keeps beside it may not be symbolic links. An empty
// target is the dangerous case: SQLite would turn it into a database.
TEST(Db, SymbolicLinkAsDatabaseOrJournalIsRefusedAndItsTargetKept) {
  namespace fs = std::filesystem;
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
    testing::ScratchDir dir("db");
    std::string db = dir.path() + "/t.db", victim = dir.path() + "/victim", err;
    testing::WriteText(victim, "");
    if (*suffix) {
      Db first;  // an existing database, so that only the companion file is planted
      ASSERT_TRUE(first.Open(db, true, &err)) << err;
    }
    fs::create_symlink(victim, db + suffix);
    for (bool create : {true, false}) {
      Db d;
      EXPECT_FALSE(d.Open(db, create, &err)) << suffix;
      EXPECT_EQ(err, db + suffix +
                         " is a symbolic link; tia does not follow links for files it writes "
                         "(remove the link or give the real path)");
    }
    EXPECT_EQ(fs::file_size(victim), 0u) << suffix;
  }
}

// A link in a folder of the path is the user's own layout, not a planted file.
TEST(Db, OpensThroughALinkedFolder) {
  namespace fs = std::filesystem;
  testing::ScratchDir dir("db");
  fs::create_directories(dir.path() + "/real");
  fs::create_directory_symlink(dir.path() + "/real", dir.path() + "/linked");
  std::string err;
  {
    Db db;
    ASSERT_TRUE(db.Open(dir.path() + "/linked/t.db", true, &err)) << err;
  }
  EXPECT_TRUE(fs::exists(dir.path() + "/real/t.db"));
  Db again;
  EXPECT_TRUE(again.Open(dir.path() + "/linked/../linked/./t.db", false, &err)) << err;
}

}  // namespace
}  // namespace tia
