// Bad input and hostile conditions for `tia index`: missing or malformed compile databases,
// a TU with a syntax error, a database of another schema version, kill -9 mid-run, two
// concurrent runs on one database.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

#include "index_testing.h"
#include "tia/index/indexer.h"
#include "tia/store/db.h"

namespace tia {
namespace {

using testing::CommandResult;
using testing::Tia;
using testing::WriteText;

// A single number from the database, read-only with a short busy timeout (it is polled
// while a tia process writes); -1 when not readable yet. SQLite directly: Db opens for
// writing and waits a minute on a busy database.
int64_t Count(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  int64_t out = -1;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(db, 200);
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
      out = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
  }
  sqlite3_close_v2(db);
  return out;
}

std::string IntegrityCheck(const std::string& db_path) {
  Db db;
  std::string err;
  if (!db.Open(db_path, false, &err)) return err;
  Stmt st;
  if (!db.Prepare("PRAGMA integrity_check", &st, &err)) return err;
  if (!st.Step()) return "integrity_check returned no row: " + st.ErrMsg();
  return st.Text(0);
}

// A project of `n` TUs written by hand (no CMake): src/tuK.cc calls a shared header.
// The folder is made a git work tree so that it is the source root.
std::string WriteProject(const std::string& dir, int n, const std::string& extra_file = "") {
  testing::Run({"git", "init", "-q", dir});
  WriteText(dir + "/common.h",
            "#pragma once\n#include <functional>\n#include <map>\n#include <string>\n"
            "#include <vector>\ninline int Common(int x) { return x + 1; }\n");
  std::string json = "[";
  for (int i = 0; i < n; ++i) {
    std::string f = "tu" + std::to_string(i) + ".cc";
    WriteText(dir + "/" + f, "#include \"common.h\"\nint Fn" + std::to_string(i) +
                                 "() { std::map<std::string, std::vector<int>> m; return "
                                 "Common(static_cast<int>(m.size())); }\n");
    json += std::string(i ? "," : "") + "{\"directory\":\"" + dir + "\",\"file\":\"" + f +
            "\",\"command\":\"/usr/bin/g++ -O2 -o " + f + ".o -c " + f + "\"}";
  }
  if (!extra_file.empty())
    json += ",{\"directory\":\"" + dir + "\",\"file\":\"" + extra_file +
            "\",\"arguments\":[\"/usr/bin/g++\",\"-c\",\"" + extra_file + "\"]}";
  WriteText(dir + "/compile_commands.json", json + "]");
  return dir;
}

TEST(IndexBadInput, MissingCompileDatabase) {
  testing::ScratchDir dir("index_missing");
  CommandResult r = Tia({"index", "-p", dir.path()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(
      r.err.rfind("tia: error: " + dir.path() + "/compile_commands.json: No such file or directory",
                  0),
      0u)
      << r.err;
}

TEST(IndexBadInput, MalformedJson) {
  testing::ScratchDir dir("index_malformed");
  WriteText(dir.path() + "/compile_commands.json", "[{\"directory\": \"/tmp\", \"file\": ");
  CommandResult r = Tia({"index", "-p", dir.path()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("tia: error: " + dir.path() + "/compile_commands.json: ", 0), 0u) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST(IndexBadInput, EntryWithoutFile) {
  testing::ScratchDir dir("index_nofile");
  WriteText(dir.path() + "/compile_commands.json",
            "[{\"directory\":\"/tmp\",\"file\":\"a.cc\",\"command\":\"g++ -c a.cc\"},"
            "{\"directory\":\"/tmp\",\"command\":\"g++ -c b.cc\"}]");
  CommandResult r = Tia({"index", "-p", dir.path()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "tia: error: " + dir.path() +
                       "/compile_commands.json: entry 1: missing field \"file\"\n");
}

TEST(IndexBadInput, SyntaxErrorIsRecordedAndRunContinues) {
  testing::ScratchDir dir("index_syntax");
  WriteText(dir.path() + "/bad.cc", "int Good() { return 1; }\nint Bad() {\n  return 1 +;\n}\n");
  WriteProject(dir.path(), 1, "bad.cc");
  CommandResult r = Tia({"index", "-p", dir.path(), "--verbose"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("indexed bad.cc [errors]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  bad.cc:3:13: error: expected expression\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("indexed 2 TUs (0 up to date, 0 failed, 1 with errors)"), std::string::npos)
      << r.out;
  std::string db = dir.path() + "/tia.db";
  EXPECT_EQ(Count(db, "SELECT count(*) FROM diagnostics WHERE severity=3 AND line=3"), 1);
  EXPECT_EQ(Count(db, "SELECT count(*) FROM tus WHERE status=1"), 1);
  // The good TU's facts are there.
  r = Tia({"callers", "-p", dir.path(), "Common"});
  EXPECT_EQ(r.out, "tu0.cc:2 call Fn0\n") << r.err;
}

// A flag clang does not know (a GCC-only one not in tia's list): libclang 14 parses the TU
// without it and reports nothing, so the TU is indexed with all its facts (docs/indexing.md,
// "libclang argument adjustments").
TEST(IndexBadInput, UnknownCompilerFlagIsIgnored) {
  testing::ScratchDir dir("index_unknown_flag");
  WriteText(dir.path() + "/odd.cc", "int Odd() { return 1; }\nint UseOdd() { return Odd(); }\n");
  WriteProject(dir.path(), 1);
  std::string json = testing::ReadText(dir.path() + "/compile_commands.json");
  json.insert(json.size() - 1, ",{\"directory\":\"" + dir.path() +
                                   "\",\"file\":\"odd.cc\",\"command\":\"/usr/bin/g++ "
                                   "-fno-such-gcc-flag -mno-such-target-flag=3 -c odd.cc\"}");
  WriteText(dir.path() + "/compile_commands.json", json);
  CommandResult r = Tia({"index", "-p", dir.path(), "--verbose"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("indexed odd.cc [ok]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("indexed 2 TUs (0 up to date, 0 failed, 0 with errors)"), std::string::npos)
      << r.out;
  r = Tia({"callers", "-p", dir.path(), "Odd"});
  EXPECT_EQ(r.out, "odd.cc:2 call UseOdd\n") << r.err;
}

// TUs of several directories, each with a relative -I to its own header of one name,
// parsed in parallel: libclang's driver applies -working-directory to the whole process,
// so each parse must resolve its paths against its own directory, not another worker's.
TEST(IndexRelativePaths, ParallelTusOfDifferentDirectoriesReadTheirOwnHeaders) {
  testing::ScratchDir dir("index_dirs");
  testing::Run({"git", "init", "-q", dir.path()});
  std::string json = "[";
  for (const std::string d : {"a", "b", "c", "d"}) {
    std::filesystem::create_directories(dir.path() + "/" + d + "/inc");
    WriteText(dir.path() + "/" + d + "/inc/own.h", "int Own_" + d + "();\n");
    for (int i = 0; i < 6; ++i) {
      std::string f = "t" + std::to_string(i) + ".cc";
      WriteText(dir.path() + "/" + d + "/" + f,
                "#include \"own.h\"\n#include <map>\n#include <string>\nint Use_" + d +
                    std::to_string(i) + "() { return Own_" + d + "(); }\n");
      json += std::string(json.size() > 1 ? "," : "") + "{\"directory\":\"" + dir.path() + "/" + d +
              "\",\"file\":\"" + f + "\",\"command\":\"/usr/bin/g++ -Iinc -c " + f + "\"}";
    }
  }
  WriteText(dir.path() + "/compile_commands.json", json + "]");
  CommandResult r = Tia({"index", "-p", dir.path(), "-j", "4"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("indexed 24 TUs (0 up to date, 0 failed, 0 with errors)"), std::string::npos)
      << r.out;
  for (const std::string d : {"a", "b", "c", "d"}) {
    CommandResult callers = Tia({"callers", "-p", dir.path(), "Own_" + d});
    std::string want;
    for (int i = 0; i < 6; ++i)
      want += d + "/t" + std::to_string(i) + ".cc:4 call Use_" + d + std::to_string(i) + "\n";
    EXPECT_EQ(callers.out, want) << callers.err;
  }
}

// A fact the database refuses fails that TU alone: it is recorded as failed with the
// reason, the other TUs are written, the summary counts it, `tia stats` lists it, and the
// next run retries it. The refusal is a real SQLite trigger on the facts of one function.
TEST(IndexBadInput, FactThatCannotBeWrittenFailsOnlyItsTu) {
  testing::ScratchDir dir("index_poison");
  WriteProject(dir.path(), 3);
  std::string db_path = dir.path() + "/tia.db";
  {
    Db db;
    std::string err;
    ASSERT_TRUE(db.Open(db_path, true, &err)) << err;
    ASSERT_TRUE(
        db.Exec("CREATE TRIGGER poison BEFORE INSERT ON decls WHEN (SELECT name FROM "
                "symbols WHERE id=NEW.symbol_id)='Fn1' BEGIN SELECT RAISE(ABORT, "
                "'refused by the test'); END;",
                &err))
        << err;
  }
  CommandResult r = Tia({"index", "-p", dir.path(), "-j", "1"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("indexed 3 TUs (0 up to date, 1 failed, 0 with errors)"), std::string::npos)
      << r.out;
  EXPECT_NE(r.err.find("tia: warning: tu1.cc: tia could not store the facts of this TU: "
                       "refused by the test"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(Count(db_path, "SELECT count(*) FROM tus WHERE status=2"), 1);
  // Nothing of the failed TU's own facts is kept; the others' facts are all there.
  EXPECT_EQ(Count(db_path,
                  "SELECT count(*) FROM decls d JOIN symbols s ON s.id=d.symbol_id "
                  "WHERE s.name IN ('Fn0','Fn2')"),
            2);
  EXPECT_EQ(Count(db_path,
                  "SELECT count(*) FROM decls d JOIN symbols s ON s.id=d.symbol_id "
                  "WHERE s.name='Fn1'"),
            0);
  EXPECT_EQ(Tia({"callers", "-p", dir.path(), "Common"}).out,
            "tu0.cc:2 call Fn0\ntu2.cc:2 call Fn2\n");
  r = Tia({"stats", "-p", dir.path()});
  EXPECT_NE(r.out.find("  failed: 1\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("failed translation units:\n  tu1.cc: tia could not store the facts of "
                       "this TU: refused by the test\n"),
            std::string::npos)
      << r.out;
  // Once the database takes the fact, the next run retries exactly that TU.
  {
    Db db;
    std::string err;
    ASSERT_TRUE(db.Open(db_path, false, &err)) << err;
    ASSERT_TRUE(db.Exec("DROP TRIGGER poison", &err)) << err;
  }
  r = Tia({"index", "-p", dir.path()});
  EXPECT_NE(r.out.find("indexed 1 TUs (2 up to date, 0 failed, 0 with errors)"), std::string::npos)
      << r.out;
  EXPECT_EQ(Tia({"callers", "-p", dir.path(), "Common"}).out,
            "tu0.cc:2 call Fn0\ntu1.cc:2 call Fn1\ntu2.cc:2 call Fn2\n");
  EXPECT_EQ(Tia({"stats", "-p", dir.path()}).out.find("failed translation units"),
            std::string::npos);
}

TEST(IndexBadInput, DatabaseOfAnotherSchemaVersion) {
  testing::ScratchDir dir("index_schema");
  WriteProject(dir.path(), 1);
  std::string db_path = dir.path() + "/tia.db";
  {
    Db db;
    std::string err;
    ASSERT_TRUE(db.Open(db_path, true, &err)) << err;
    ASSERT_TRUE(db.SetMeta("schema_version", "99", &err)) << err;
  }
  CommandResult r = Tia({"index", "-p", dir.path()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(db_path + ": database has schema version 99"), std::string::npos) << r.err;
}

// Shards are keyed by content: re-parsing with a newer indexer would add its facts to the
// old ones. A database whose facts another indexer version made is rebuilt instead.
TEST(IndexBadInput, DatabaseOfAnotherIndexerVersionIsRebuilt) {
  testing::ScratchDir dir("index_indexer_version");
  WriteProject(dir.path(), 2);
  std::string db_path = dir.path() + "/tia.db";
  CommandResult first = Tia({"index", "-p", dir.path()});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  {
    Db db;
    std::string err;
    ASSERT_TRUE(db.Open(db_path, false, &err)) << err;
    EXPECT_EQ(db.GetMeta("indexer_version"), std::string(IndexerVersion()));
    ASSERT_TRUE(db.SetMeta("indexer_version", "tia-indexer-0", &err)) << err;
  }
  CommandResult r = Tia({"index", "-p", dir.path()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(
      r.err.find(db_path + " holds facts of indexer version tia-indexer-0; it is rebuilt for " +
                 IndexerVersion()),
      std::string::npos)
      << r.err;
  EXPECT_EQ(r.out.rfind("indexed 2 TUs (0 up to date, ", 0), 0u) << r.out;
  CommandResult again = Tia({"index", "-p", dir.path()});
  EXPECT_EQ(again.out, "tia: index is up to date (2 TUs, 0 changed)\n") << again.err;
}

pid_t Spawn(const std::vector<std::string>& argv) {
  pid_t pid = ::fork();
  if (pid == 0) {
    int devnull = ::open("/dev/null", O_WRONLY);
    ::dup2(devnull, 1);
    ::dup2(devnull, 2);
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    _exit(127);
  }
  return pid;
}

TEST(IndexBadInput, KillDuringIndexingLeavesConsistentDatabase) {
  testing::ScratchDir dir("index_kill");
  const int n = 8;
  WriteProject(dir.path(), n);
  std::string db = dir.path() + "/tia.db";
  pid_t pid = Spawn({testing::TiaBinary(), "index", "-p", dir.path(), "-j", "1"});
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (Count(db, "SELECT count(*) FROM tus") < 2 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "tia finished before it could be killed";
  int64_t done = Count(db, "SELECT count(*) FROM tus");
  EXPECT_GE(done, 2);
  EXPECT_LT(done, n);
  EXPECT_EQ(IntegrityCheck(db), "ok");
  // Every TU row came with its inputs (its main file among them).
  EXPECT_EQ(Count(db,
                  "SELECT count(*) FROM tus t WHERE NOT EXISTS (SELECT 1 FROM tu_inputs i "
                  "JOIN shards s ON s.id=i.shard_id WHERE i.tu_id=t.id AND "
                  "s.file_id=t.file_id)"),
            0);
  CommandResult r = Tia({"index", "-p", dir.path()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("indexed " + std::to_string(n - done) + " TUs (" + std::to_string(done) +
                       " up to date, 0 failed, 0 with errors)"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(Count(db, "SELECT count(*) FROM tus"), n);
  EXPECT_EQ(IntegrityCheck(db), "ok");
}

TEST(IndexBadInput, ConcurrentRunsOnOneDatabase) {
  testing::ScratchDir dir("index_concurrent");
  WriteProject(dir.path(), 4);
  std::string db = dir.path() + "/tia.db";
  CommandResult first, second;
  std::thread a([&] { first = Tia({"index", "-p", dir.path(), "-j", "1"}); });
  // Start the second once the first holds the lock (the lock file names its pid).
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (testing::ReadText(db + ".lock").empty() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  second = Tia({"index", "-p", dir.path(), "-j", "1"});
  a.join();
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.err.find("another tia is writing this index"), std::string::npos) << second.err;
  EXPECT_NE(first.out.find("indexed 4 TUs"), std::string::npos) << first.out;
  EXPECT_EQ(second.out, "tia: index is up to date (4 TUs, 0 changed)\n");
  EXPECT_EQ(IntegrityCheck(db), "ok");
}

// A compile database entry whose source is gone: libclang says only "error 1"; tia names
// the reason, in the run's output and in `tia stats`.
TEST(IndexBadInput, MissingSourceFileIsNamed) {
  testing::ScratchDir dir("index_missing_source");
  WriteProject(dir.path(), 1, "gone.cc");
  CommandResult r = Tia({"index", "-p", dir.path()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err,
            "tia: warning: gone.cc: the file does not exist (listed in compile_commands.json)\n");
  EXPECT_NE(r.out.find("indexed 2 TUs (0 up to date, 1 failed, 0 with errors)"), std::string::npos)
      << r.out;
  r = Tia({"stats", "-p", dir.path()});
  EXPECT_NE(r.out.find("failed translation units:\n  gone.cc: the file does not exist (listed in "
                       "compile_commands.json)\n"),
            std::string::npos)
      << r.out;
}

}  // namespace
}  // namespace tia
