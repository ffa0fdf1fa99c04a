// What tia guarantees when the machine misbehaves (docs/reliability.md): a full disk or a
// file-size limit during `tia index` and `tia run --junit`, and a database on a read-only
// mount. Each failure is one clear error, nothing committed is lost or corrupted, and the
// next run finishes the job.
//
// A full disk is a real tmpfs of a few hundred KiB, mounted in a private mount namespace
// (`unshare -m`, needs root); the file-size limit (`prlimit --fsize`) needs nothing.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <regex>
#include <string>

#include "cli_testing.h"

namespace tia::testing {
namespace {

namespace fs = std::filesystem;

// True when this process may mount file systems in a mount namespace of its own.
bool CanMount() {
  static const bool can =
      ::geteuid() == 0 &&
      Run({"unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt && umount /mnt"})
              .exit_code == 0;
  return can;
}

// Runs the shell script `body` in a private mount namespace (its mounts vanish with it).
CommandResult InMountNamespace(const std::string& dir, const std::string& body) {
  WriteText(dir + "/script.sh", "set -u\n" + body);
  return testing::Run({"unshare", "-m", "sh", dir + "/script.sh"});
}

int Number(const std::string& text) {
  return text.empty() ? -1 : std::stoi(text);
}

// "translation units: N" of `tia stats` output, or -1.
int TuCount(const std::string& stats) {
  std::smatch m;
  return std::regex_search(stats, m, std::regex("translation units: (\\d+)")) ? std::stoi(m[1])
                                                                              : -1;
}

const char* kDiskFull =
    "tia: error: (.*)/tia.db: cannot (write index|create schema): database or disk is full\n";

// The index of 6 TUs does not fit in 256 KiB (the write-ahead log alone grows past it):
// the run stops with an error, the TUs committed before stay readable and consistent, a
// run with a little more room gets further, and one with room enough finishes exactly the
// TUs that were not committed.
TEST(DiskFull, IndexingOnAFullDiskStopsCleanlyAndTheNextRunFinishes) {
  if (!CanMount()) GTEST_SKIP() << "needs root and `unshare -m` to mount a small tmpfs";
  ScratchDir dir("diskfull");
  const int n = 6;
  std::string build = MarkerProject(dir.path(), n);
  std::string m = dir.path() + "/mnt", o = dir.path() + "/out";
  fs::create_directories(m);
  fs::create_directories(o);
  std::string tia = TiaBinary();
  std::string script = "mount -t tmpfs -o size=256k tmpfs " + m + " || exit 90\n";
  const char* sizes[] = {"256k", "448k", "16m"};
  for (int round = 0; round < 3; ++round) {
    std::string r = o + "/" + std::to_string(round);
    script += "mount -o remount,size=" + std::string(sizes[round]) + " " + m + "\n" + tia +
              " index -p " + build + " --db " + m + "/tia.db -j 1 >" + r + ".out 2>" + r +
              ".err; echo $? >" + r + ".rc\n" + tia + " stats --db " + m + "/tia.db >" + r +
              ".stats 2>&1\nmkdir " + r + ".copy && cp " + m + "/tia.db* " + r + ".copy/\n";
  }
  CommandResult ns = InMountNamespace(dir.path(), script);
  ASSERT_EQ(ns.exit_code, 0) << ns.err;

  auto file = [&](int round, const char* ext) {
    return ReadText(o + "/" + std::to_string(round) + ext);
  };
  // The first run fails with the reason, and what it committed is a consistent index.
  EXPECT_EQ(Number(file(0, ".rc")), 2) << file(0, ".out") << file(0, ".err");
  EXPECT_TRUE(std::regex_match(file(0, ".err"), std::regex(kDiskFull))) << file(0, ".err");
  EXPECT_EQ(IntegrityCheck(o + "/0.copy/tia.db"), "ok");
  int before = TuCount(file(1, ".stats"));
  EXPECT_GE(before, TuCount(file(0, ".stats")));
  EXPECT_LT(before, n) << "448 KiB held the whole index: the test no longer fills the disk";
  if (Number(file(1, ".rc")) != 0) {
    EXPECT_TRUE(std::regex_match(file(1, ".err"), std::regex(kDiskFull))) << file(1, ".err");
  }
  EXPECT_EQ(IntegrityCheck(o + "/1.copy/tia.db"), "ok");
  // With room enough, exactly the TUs not committed yet are indexed.
  EXPECT_EQ(Number(file(2, ".rc")), 0) << file(2, ".err");
  EXPECT_NE(file(2, ".out").find("indexed " + std::to_string(n - before) + " TUs (" +
                                 std::to_string(before) + " up to date, 0 failed"),
            std::string::npos)
      << file(2, ".out");
  EXPECT_EQ(TuCount(file(2, ".stats")), n);
  EXPECT_EQ(IntegrityCheck(o + "/2.copy/tia.db"), "ok");
}

// A file-size limit (ulimit -f) used to kill tia with SIGXFSZ in the middle of a write;
// now the write fails, tia says so, and the next run resumes.
TEST(DiskFull, FileSizeLimitDuringIndexingIsAnErrorAndTheNextRunResumes) {
  ScratchDir dir("fsize");
  const int n = 8;
  std::string build = MarkerProject(dir.path(), n);
  std::string db = build + "/tia.db";
  CommandResult r =
      testing::Run({"prlimit", "--fsize=250000", TiaBinary(), "index", "-p", build, "-j", "1"});
  EXPECT_EQ(r.exit_code, 2) << "killed by a signal when -1\n" << r.out << r.err;
  EXPECT_TRUE(std::regex_match(
      r.err, std::regex("tia: error: " + db +
                        ": cannot (write index|create schema): disk I/O error \\(a write failed: "
                        "a full disk, a quota or a file-size limit\\?\\)\n")))
      << r.err;
  EXPECT_EQ(IntegrityCheck(db), "ok");
  int before = TuCount(Tia({"stats", "-p", build}).out);
  ASSERT_GE(before, 0);
  EXPECT_LT(before, n);
  r = Tia({"index", "-p", build, "-j", "1"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("indexed " + std::to_string(n - before) + " TUs (" + std::to_string(before) +
                       " up to date, 0 failed"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(IntegrityCheck(db), "ok");
}

// The JUnit report cannot be written on a full disk: the tests still ran and are reported,
// tia exits 2 with the reason, the previous report is intact and no temporary file is left.
TEST(DiskFull, JunitOnAFullDiskKeepsThePreviousReport) {
  if (!CanMount()) GTEST_SKIP() << "needs root and `unshare -m` to mount a small tmpfs";
  ScratchDir dir("diskfull");
  std::string build = MarkerProject(dir.path());
  ASSERT_EQ(Tia({"index", "-p", build}).exit_code, 0);
  std::string m = dir.path() + "/mnt", o = dir.path() + "/out";
  fs::create_directories(m);
  fs::create_directories(o);
  CommandResult ns = InMountNamespace(
      dir.path(), "mount -t tmpfs -o size=64k tmpfs " + m + " || exit 90\necho old >" + m +
                      "/r.xml\ndd if=/dev/zero of=" + m + "/fill bs=4k 2>/dev/null\n" +
                      TiaBinary() + " run -p " + build + " --no-index --all --junit " + m +
                      "/r.xml >" + o + "/out 2>" + o + "/err; echo $? >" + o + "/rc\ncp " + m +
                      "/r.xml " + o + "/r.xml\nls " + m + " >" + o + "/ls\n");
  ASSERT_EQ(ns.exit_code, 0) << ns.err;
  EXPECT_EQ(ReadText(o + "/rc"), "2\n");
  EXPECT_EQ(ReadText(o + "/out").rfind("PASS marks (", 0), 0u) << ReadText(o + "/out");
  EXPECT_NE(ReadText(o + "/out").find("1 passed, 0 failed, 0 skipped"), std::string::npos);
  EXPECT_TRUE(std::regex_match(ReadText(o + "/err"),
                               std::regex("tia: error: --junit " + m + "/r.xml: " + m +
                                          "/r.xml.tmp.[0-9.]+: No space left on device\n")))
      << ReadText(o + "/err");
  EXPECT_EQ(ReadText(o + "/r.xml"), "old\n");
  EXPECT_EQ(ReadText(o + "/ls"), "fill\nr.xml\n");
  EXPECT_EQ(ReadText(build + "/marker"), "ran\n");
}

// A database on a read-only mount (an index baked into a CI image, a shared cache): the
// commands that read the index work, the ones that must write say why they cannot, and
// the file is not changed by a single byte.
TEST(ReadOnlyDatabase, IsReadButNeverWritten) {
  ScratchDir dir("readonly");
  std::string build = MarkerProject(dir.path(), 2);
  std::string ro = dir.path() + "/ro", db = ro + "/tia.db";
  fs::create_directories(ro);
  ASSERT_EQ(Tia({"index", "-p", build, "--db", db}).exit_code, 0);
  std::string bytes = ReadText(db);
  ASSERT_FALSE(bytes.empty());
  std::string o = dir.path() + "/out";
  fs::create_directories(o);
  struct Step {
    std::string name;
    std::vector<std::string> args;
  };
  const std::vector<Step> steps = {
      {"stats", {"stats", "--db", db}},
      {"callers", {"callers", "Common", "--db", db}},
      {"index", {"index", "-p", build, "--db", db}},
      {"select", {"select", "-p", build, "--db", db, "--base", "HEAD"}},
      {"select-no-index", {"select", "-p", build, "--db", db, "--base", "HEAD", "--no-index"}},
      {"run", {"run", "-p", build, "--db", db, "--all", "--no-index"}},
  };
  std::string script;
  for (const Step& s : steps) {
    std::string cmd = TiaBinary();
    for (const std::string& a : s.args) cmd += " '" + a + "'";
    std::string r = o + "/" + s.name;
    script += cmd + " >" + r + ".out 2>" + r + ".err; echo $? >" + r + ".rc\n";
  }
  if (CanMount()) {
    CommandResult ns = InMountNamespace(dir.path(), "mount --bind " + ro + " " + ro +
                                                        " && mount -o remount,bind,ro " + ro +
                                                        " || exit 90\n" + script);
    ASSERT_EQ(ns.exit_code, 0) << ns.err;
  } else if (::geteuid() != 0) {
    // Without root, permissions make the folder and the file read-only.
    fs::permissions(db, fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write,
                    fs::perm_options::remove);
    fs::permissions(ro, fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write,
                    fs::perm_options::remove);
    CommandResult r = Shell(script);
    fs::permissions(ro, fs::perms::owner_write, fs::perm_options::add);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  } else {
    GTEST_SKIP() << "root without mount namespaces: nothing is read-only for root";
  }
  auto out = [&](const std::string& step, const char* ext) {
    return ReadText(o + "/" + step + ext);
  };
  const std::string lock_error =
      "tia: error: " + db +
      ".lock: (Read-only file system|Permission denied) \\(the index "
      "cannot be updated here; select, why, tests-for and run can read it as it is with "
      "--no-index\\)\n";
  EXPECT_EQ(out("stats", ".rc"), "0\n") << out("stats", ".err");
  EXPECT_EQ(TuCount(out("stats", ".out")), 2);
  EXPECT_EQ(out("callers", ".rc"), "0\n") << out("callers", ".err");
  EXPECT_EQ(out("callers", ".out"), "tu0.cc:2 call Fn0\ntu1.cc:2 call Fn1\n");
  for (const char* writer : {"index", "select"}) {
    EXPECT_EQ(out(writer, ".rc"), "2\n") << writer;
    EXPECT_TRUE(std::regex_match(out(writer, ".err"), std::regex(lock_error)))
        << writer << ": " << out(writer, ".err");
  }
  EXPECT_EQ(out("select-no-index", ".rc"), "0\n") << out("select-no-index", ".err");
  EXPECT_NE(out("select-no-index", ".out").find("selected 0 of 1 tests"), std::string::npos)
      << out("select-no-index", ".out");
  EXPECT_EQ(out("run", ".rc"), "0\n") << out("run", ".err");
  EXPECT_NE(out("run", ".out").find("1 passed, 0 failed, 0 skipped"), std::string::npos);
  EXPECT_EQ(out("run", ".err"), "tia: warning: " + db +
                                    " is read-only: the results (durations for --shard) were not "
                                    "recorded\n");
  EXPECT_EQ(ReadText(db), bytes);
  EXPECT_FALSE(fs::exists(db + "-wal"));
  EXPECT_FALSE(fs::exists(db + "-shm"));
}

}  // namespace
}  // namespace tia::testing
