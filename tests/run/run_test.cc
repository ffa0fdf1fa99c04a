// `tia run` end to end on testdata/runner: a real CMake + GoogleTest build, a real git
// history, the real tia binary. Statuses, exit codes, timeouts without orphans, signals,
// constraints, filters, shuffle, count, failfast, retries, shards, --list and reports.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "testing.h"
#include "tia/run/plan.h"
#include "tia/store/db.h"

namespace tia::testing {
namespace {

namespace fs = std::filesystem;
using run::Job;

// A git repository copied from testdata/runner with two commits (the second changes
// calc::Mul), configured, built and indexed once per tia build tree.
struct RunnerProject {
  std::string src, build;
};

// A key of testdata/runner's contents and of the tia binary: the project is rebuilt and
// indexed again when either changes (a new tia may store another database version).
std::string TestdataKey() {
  return FixtureStamp(TestdataDir() + "/runner");
}

RunnerProject SharedRunnerProject() {
  const std::string base = std::string(TIA_TEST_SCRATCH_DIR) + "/runner";
  RunnerProject p{base + "/src", base + "/build"};
  fs::create_directories(base);
  int lock = ::open((base + ".lock").c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
  EXPECT_GE(lock, 0);
  if (lock >= 0) ::flock(lock, LOCK_EX);
  const std::string key = TestdataKey(), key_file = base + "/testdata.key";
  if (!fs::exists(p.build + "/tia.db") || !fs::exists(key_file) || ReadText(key_file) != key) {
    fs::remove_all(p.src);
    fs::remove_all(p.build);
    CopyTree(TestdataDir() + "/runner", p.src);
    const std::string git = "git -c user.name=t -c user.email=t@t -c init.defaultBranch=main ";
    // Index the base version first, so the change maps to the function it touches.
    CommandResult g =
        Shell(git + "init -q && " + git + "add -A && " + git + "commit -qm base", p.src);
    EXPECT_EQ(g.exit_code, 0) << g.out << g.err;
    CommandResult c =
        Run({"cmake", "-S", p.src, "-B", p.build, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Debug"});
    EXPECT_EQ(c.exit_code, 0) << c.out << c.err;
    CommandResult i0 = Run({TiaBinary(), "index", "-p", p.build});
    EXPECT_EQ(i0.exit_code, 0) << i0.out << i0.err;
    g = Shell("sed -i 's/a \\* b/b * a/' src/calc.cc && " + git + "commit -qam 'change Mul'",
              p.src);
    EXPECT_EQ(g.exit_code, 0) << g.out << g.err;
    CommandResult b = Run({"cmake", "--build", p.build, "-j2"});
    EXPECT_EQ(b.exit_code, 0) << b.out << b.err;
    CommandResult i = Run({TiaBinary(), "index", "-p", p.build});
    EXPECT_EQ(i.exit_code, 0) << i.out << i.err;
    WriteText(key_file, key);
  }
  if (lock >= 0) ::close(lock);
  return p;
}

class RunTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { project_ = new RunnerProject(SharedRunnerProject()); }

  RunTest() : marker_("run-marker") {}

  // Runs `tia run -p BUILD --no-index ARGS` with the marker directory in the environment.
  CommandResult Tia(std::vector<std::string> args, const std::string& extra_env = "") {
    std::vector<std::string> argv = {"env", "TIA_RUNNER_MARKER_DIR=" + marker_.path()};
    if (!extra_env.empty()) argv.push_back(extra_env);
    argv.insert(argv.end(), {TiaBinary(), "run", "-p", project_->build, "--no-index"});
    argv.insert(argv.end(), args.begin(), args.end());
    return ::tia::testing::Run(argv, project_->src);
  }

  static std::vector<std::string> Lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
  }
  static bool HasLine(const std::string& text, const std::string& line) {
    for (const auto& l : Lines(text))
      if (l == line) return true;
    return false;
  }
  // The lines starting with PASS/FAIL/SKIP/FLAKY, without their times.
  static std::vector<std::string> Statuses(const std::string& text) {
    std::vector<std::string> out;
    for (const auto& l : Lines(text)) {
      for (const char* p : {"PASS ", "FAIL ", "SKIP ", "FLAKY "})
        if (l.rfind(p, 0) == 0) out.push_back(l.substr(0, l.find(" (")));
    }
    return out;
  }
  static std::string LastLine(const std::string& text) {
    auto l = Lines(text);
    return l.empty() ? "" : l.back();
  }

  void StopWith(int sig);

  static RunnerProject* project_;
  ScratchDir marker_;
};

RunnerProject* RunTest::project_ = nullptr;

// The last line of `text`.
std::string LastLineOf(const std::string& text) {
  std::istringstream in(text);
  std::string last;
  for (std::string l; std::getline(in, l);) last = l;
  return last;
}

// Alive and not a zombie.
bool ProcessRunning(pid_t pid) {
  if (::kill(pid, 0) != 0) return false;
  std::string stat = ReadText("/proc/" + std::to_string(pid) + "/stat");
  size_t paren = stat.rfind(')');
  return paren == std::string::npos || stat.substr(paren + 2, 1) != "Z";
}

TEST_F(RunTest, AllReportsEveryStatusAndFails) {
  std::string junit = marker_.path() + "/report.xml";
  CommandResult r = Tia({"--all", "--skip", "Hang", "-j2", "--junit", junit});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  std::set<std::string> st;
  for (const auto& s : Statuses(r.out)) st.insert(s);
  std::set<std::string> want = {"PASS Calc.Add",
                                "PASS Calc.Mul",
                                "SKIP Calc.Skipped",
                                "SKIP Calc.DISABLED_Later",
                                "FAIL Broken.Fails",
                                "FAIL Broken.Aborts",
                                "SKIP Integration.Works",
                                "SKIP NotLinux.Works",
                                "PASS Plain.Runs",
                                "PASS Order.First",
                                "PASS Order.Second",
                                "PASS Order.Third",
                                "PASS Order.Fourth",
                                "PASS db_setup",
                                "PASS Db.Ready",
                                "PASS db_cleanup",
                                "FAIL Flaky.SecondTime",
                                "PASS Order.Fifth",
                                "FAIL broken_setup",
                                "SKIP broken_user",
                                "PASS broken_cleanup",
                                "PASS busy_a",
                                "PASS busy_b",
                                "PASS serial_one",
                                "PASS sub_cwd",
                                "PASS catch adds",
                                "PASS catch multiplies, in order [x]",
                                "PASS catch is plain",
                                "PASS doctest adds",
                                "PASS doctest multiplies, too",
                                "PASS doctest is plain"};
  EXPECT_EQ(st, want) << r.out;
  EXPECT_TRUE(HasLine(r.out, "SKIP Integration.Works (constraint: integration)")) << r.out;
  EXPECT_TRUE(HasLine(r.out, "SKIP NotLinux.Works (constraint: !linux)")) << r.out;
  EXPECT_TRUE(HasLine(r.out, "SKIP Calc.DISABLED_Later (disabled)")) << r.out;
  EXPECT_NE(r.out.find("--- FAIL: Broken.Aborts (killed by SIGABRT)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("arithmetic is broken"), std::string::npos) << r.out;
  EXPECT_EQ(LastLine(r.out), "22 passed, 4 failed, 5 skipped") << r.out;

  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_file(junit.c_str())) << ReadText(junit);
  int tests = 0, failures = 0, errors = 0, skipped = 0;
  for (auto suite : doc.child("testsuites").children("testsuite")) {
    tests += suite.attribute("tests").as_int();
    failures += suite.attribute("failures").as_int();
    errors += suite.attribute("errors").as_int();
    skipped += suite.attribute("skipped").as_int();
  }
  EXPECT_EQ(tests, 31);
  EXPECT_EQ(failures + errors, 4);
  EXPECT_EQ(skipped, 5);
  pugi::xpath_node fails = doc.select_node("//testcase[@name='Fails']/failure");
  ASSERT_TRUE(fails);
  EXPECT_STREQ(fails.node().attribute("message").value(), "fail_test.cc:6");
}

// Two runs of one build directory at once: the second writes its logs to a directory of
// its own, so neither overwrites the other's output while the programs write it (ctest
// runs the cases of this suite in parallel on one runner project).
TEST_F(RunTest, ConcurrentRunsKeepTheirLogsApart) {
  std::string logs = marker_.path() + "/logs";
  fs::create_directories(logs);
  int held = ::open((logs + "/.tia-run.lock").c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
  ASSERT_GE(held, 0);
  ASSERT_EQ(::flock(held, LOCK_EX | LOCK_NB), 0);
  CommandResult r = Tia({"--all", "--run", "^Calc\\.Add$", "--log-dir", logs});
  ::close(held);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.err.find("tia: note: another tia run writes its logs to " + logs +
                       "; this run's go to " + logs + "/run-"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(logs + "/Calc.Add.log"));
  int found = 0;
  for (const auto& e : fs::directory_iterator(logs))
    if (e.is_directory() && e.path().filename().string().rfind("run-", 0) == 0)
      found += fs::exists(e.path() / "Calc.Add.log");
  EXPECT_EQ(found, 1);
  // Free again: the next run writes into the directory itself.
  CommandResult again = Tia({"--all", "--run", "^Calc\\.Add$", "--log-dir", logs});
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_EQ(again.err.find("another tia run"), std::string::npos) << again.err;
  EXPECT_TRUE(fs::exists(logs + "/Calc.Add.log"));
}

TEST_F(RunTest, JsonStreamIsValidLineByLine) {
  CommandResult r = Tia({"--all", "--labels", "unit || broken", "--json"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  int pass = 0, fail = 0, lines = 0;
  nlohmann::json last;
  for (const auto& l : Lines(r.out)) {
    auto j = nlohmann::json::parse(l, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << "not JSON: " << l;
    ASSERT_TRUE(j.contains("Time") && j.contains("Action")) << l;
    pass += j["Action"] == "pass";
    fail += j["Action"] == "fail";
    last = j;
    ++lines;
  }
  EXPECT_GT(lines, 10);
  EXPECT_EQ(pass, 7);  // Calc.Add, Calc.Mul, Order.* (5)
  EXPECT_EQ(fail, 2);
  EXPECT_EQ(last["Action"], "summary");
  EXPECT_EQ(last["Passed"], 7);
  EXPECT_EQ(last["Failed"], 2);
  EXPECT_EQ(r.err.find("7 passed, 2 failed, 2 skipped") != std::string::npos, true) << r.err;
}

TEST_F(RunTest, HangIsKilledWithItsChildrenWithinTheScaledTimeout) {
  // Hang.Forever never ends by itself: that the run ends, with the scaled timeout in the
  // report and the child gone, is the proof (no wall-clock threshold).
  CommandResult r = Tia({"--all", "--run", "^hang_test$"}, "TIA_TIMEOUT_SCALE=0.5");
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(HasLine(Statuses(r.out).empty() ? "" : Statuses(r.out)[0], "FAIL Hang.Forever"))
      << r.out;
  EXPECT_NE(r.out.find("--- FAIL: Hang.Forever (timeout after 1.00s)"), std::string::npos) << r.out;
  std::string pid_text = ReadText(marker_.path() + "/hang_child.pid");
  ASSERT_FALSE(pid_text.empty());
  pid_t child = std::stoi(pid_text);
  EXPECT_FALSE(ProcessRunning(child)) << "orphan sleep " << child << " survived";
}

// Starts `tia run` on hang_test, sends `sig` once the test's child runs, and checks that
// tia exits 128+sig, the child is gone and the JUnit report names the stopped case.
void RunTest::StopWith(int sig) {
  std::string junit = marker_.path() + "/stopped.xml";
  std::string env = "TIA_RUNNER_MARKER_DIR=" + marker_.path();
  pid_t tia = ::fork();
  if (tia == 0) {
    int devnull = ::open("/dev/null", O_WRONLY);
    ::dup2(devnull, 1);
    ::dup2(devnull, 2);
    ::putenv(env.data());
    ::execl(TiaBinary().c_str(), "tia", "run", "-p", project_->build.c_str(), "--no-index", "--all",
            "--run", "^hang_test$", "--timeout", "60", "--junit", junit.c_str(),
            static_cast<char*>(nullptr));
    _exit(127);
  }
  std::string pid_file = marker_.path() + "/hang_child.pid";
  for (int i = 0; i < 300 && ReadText(pid_file).empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_FALSE(ReadText(pid_file).empty());
  pid_t child = std::stoi(ReadText(pid_file));
  ::kill(tia, sig);
  int status = 0;
  ::waitpid(tia, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 128 + sig);
  EXPECT_FALSE(ProcessRunning(child));
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_file(junit.c_str()));
  pugi::xpath_node f = doc.select_node("//testcase[@name='Forever']/failure");
  ASSERT_TRUE(f);
  EXPECT_EQ(std::string(f.node().attribute("message").value()),
            "interrupted by " + std::string(sig == SIGINT ? "SIGINT" : "SIGTERM"));
}

TEST_F(RunTest, SigtermStopsRunKillsGroupsAndWritesReports) {
  StopWith(SIGTERM);
}

// Ctrl-C: the same, exit 130.
TEST_F(RunTest, SigintStopsRunKillsGroupsAndWritesReports) {
  StopWith(SIGINT);
}

TEST_F(RunTest, TagsEnableConstrainedCasesAndLabelsFilter) {
  CommandResult r = Tia({"--all", "--labels", "tagged", "--tags", "integration"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  std::vector<std::string> want = {"SKIP NotLinux.Works", "PASS Plain.Runs",
                                   "PASS Integration.Works"};
  EXPECT_EQ(Statuses(r.out), want) << r.out;
  // tagged_test is narrowed to the cases whose constraints hold.
  CommandResult v = Tia({"--all", "--labels", "tagged", "-v"});
  EXPECT_NE(v.out.find("Google Test filter = Plain.Runs\n"), std::string::npos) << v.out;

  // Tests without labels satisfy negations.
  CommandResult l = Tia(
      {"--all", "--labels",
       "!(broken || slow || tagged || flaky || fixture || badfixture || timing || cwd)", "--list"});
  EXPECT_EQ(l.exit_code, 0) << l.err;
  std::vector<std::string> list = {"Calc.Add",
                                   "Calc.Mul",
                                   "Calc.Skipped",
                                   "catch adds",
                                   "catch multiplies, in order [x]",
                                   "catch is plain",
                                   "db_setup",
                                   "db_cleanup",
                                   "doctest adds",
                                   "doctest multiplies, too",
                                   "doctest is plain",
                                   "Order.First",
                                   "Order.Second",
                                   "Order.Third",
                                   "Order.Fourth",
                                   "Order.Fifth"};
  EXPECT_EQ(Lines(l.out), list);
}

TEST_F(RunTest, RunAndSkipRegexes) {
  CommandResult r = Tia({"--all", "-j1", "--run", "Calc|Order", "--skip", "Mul|Second|DISABLED"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  std::vector<std::string> want = {"PASS Calc.Add",    "SKIP Calc.Skipped", "PASS Order.First",
                                   "PASS Order.Third", "PASS Order.Fourth", "PASS Order.Fifth"};
  EXPECT_EQ(Statuses(r.out), want) << r.out;
  EXPECT_EQ(LastLine(r.out), "5 passed, 0 failed, 1 skipped");
}

// CTest name order, except that fixture setups come before the tests that need them and
// cleanups after every test using the fixture: exactly the order -j1 runs in.
TEST_F(RunTest, ListAllInRunOrder) {
  CommandResult r = Tia({"--all", "--list"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> want = {
      "Broken.Aborts",    "Broken.Fails",     "Calc.Add",
      "Calc.Mul",         "Calc.Skipped",     "broken_setup",
      "broken_user",      "broken_cleanup",   "busy_a",
      "busy_b",           "catch adds",       "catch multiplies, in order [x]",
      "catch is plain",   "db_setup",         "Db.Ready",
      "db_cleanup",       "doctest adds",     "doctest multiplies, too",
      "doctest is plain", "Flaky.SecondTime", "Hang.Forever",
      "Order.First",      "Order.Second",     "Order.Third",
      "Order.Fourth",     "Order.Fifth",      "serial_one",
      "sub_cwd",          "Plain.Runs"};
  EXPECT_EQ(Lines(r.out), want) << r.out;

  // -j1 starts them in that order (the JSON stream's start events, one per process).
  CommandResult run = Tia({"--all", "--labels", "fixture || badfixture", "-j1", "--json"});
  std::vector<std::string> started;
  for (const auto& l : Lines(run.out)) {
    auto j = nlohmann::json::parse(l, nullptr, false);
    if (!j.is_discarded() && j["Action"] == "start") started.push_back(j["Package"]);
  }
  std::vector<std::string> want_started = {"broken_setup", "broken_cleanup", "db_setup", "db_user",
                                           "db_cleanup"};
  EXPECT_EQ(started, want_started) << run.out;
  CommandResult list = Tia({"--all", "--labels", "fixture || badfixture", "--list"});
  std::vector<std::string> want_list = {"broken_setup", "broken_user", "broken_cleanup",
                                        "db_setup",     "Db.Ready",    "db_cleanup"};
  EXPECT_EQ(Lines(list.out), want_list) << list.out;
}

TEST_F(RunTest, ShuffleSeedReproducesOrderAndExposesOrderDependence) {
  CommandResult sorted = Tia({"--all", "--list"});
  CommandResult a = Tia({"--all", "--list", "--shuffle", "7"});
  CommandResult b = Tia({"--all", "--list", "--shuffle", "7"});
  EXPECT_EQ(a.out, b.out);
  EXPECT_NE(a.err.find("tia: shuffle seed 7"), std::string::npos) << a.err;
  bool differs = false;
  for (int seed = 1; seed <= 5 && !differs; ++seed)
    differs = Tia({"--all", "--list", "--shuffle", std::to_string(seed)}).out != sorted.out;
  EXPECT_TRUE(differs);

  // Order.Second depends on Order.First running first in the same process.
  EXPECT_EQ(Tia({"--all", "--run", "^order_test$"}).exit_code, 0);
  int failing_seed = -1;
  for (int seed = 1; seed <= 12 && failing_seed < 0; ++seed) {
    CommandResult s = Tia({"--all", "--run", "^order_test$", "--shuffle", std::to_string(seed)});
    if (s.exit_code == 1) {
      failing_seed = seed;
      EXPECT_NE(s.out.find("FAIL Order.Second"), std::string::npos) << s.out;
    }
  }
  ASSERT_GT(failing_seed, 0) << "no seed in 1..12 put Order.Second first";
  CommandResult again =
      Tia({"--all", "--run", "^order_test$", "--shuffle", std::to_string(failing_seed)});
  EXPECT_EQ(again.exit_code, 1);
}

TEST_F(RunTest, CountFailfastAndRetry) {
  CommandResult c = Tia({"--all", "--run", "Calc.Add", "--count", "3"});
  EXPECT_EQ(c.exit_code, 0) << c.out << c.err;
  EXPECT_EQ(LastLine(c.out), "3 passed, 0 failed, 0 skipped");

  // Broken.Aborts runs first; nothing starts after it fails.
  CommandResult f = Tia({"--all", "--skip", "Hang", "-j1", "--failfast"});
  EXPECT_EQ(f.exit_code, 1);
  EXPECT_EQ(LastLine(f.out), "0 passed, 1 failed, 30 skipped") << f.out;

  CommandResult r = Tia({"--all", "--run", "flaky_test", "--retry-failed", "2"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("FLAKY Flaky.SecondTime ("), std::string::npos) << r.out;
  EXPECT_EQ(LastLine(r.out), "0 passed, 0 failed, 0 skipped, 1 flaky");
}

TEST_F(RunTest, ShardsPartitionTheTests) {
  std::vector<std::string> common = {"--all", "--list", "--skip", "db_|broken_"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> a = common;
    a.insert(a.end(), extra.begin(), extra.end());
    CommandResult r = Tia(a);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Lines(r.out);
  };
  auto all = with({});
  auto s1 = with({"--shard", "1/2"});
  auto s2 = with({"--shard", "2/2"});
  EXPECT_FALSE(s1.empty());
  EXPECT_FALSE(s2.empty());
  std::multiset<std::string> u(s1.begin(), s1.end());
  u.insert(s2.begin(), s2.end());
  EXPECT_EQ(u, std::multiset<std::string>(all.begin(), all.end()));
  EXPECT_EQ(with({"--shard", "1/2"}), s1);
}

TEST_F(RunTest, SelectionRunsOnlyAffectedCases) {
  // Tests running commands tia cannot analyse (sh) are always selected, with the fixture
  // tests they need.
  CommandResult l = Tia({"--base", "HEAD~1", "--head", "HEAD", "--list"});
  std::vector<std::string> listed = {"Calc.Mul",
                                     "broken_setup",
                                     "broken_user",
                                     "broken_cleanup",
                                     "busy_a",
                                     "busy_b",
                                     "catch multiplies, in order [x]",
                                     "doctest multiplies, too",
                                     "serial_one",
                                     "sub_cwd"};
  EXPECT_EQ(Lines(l.out), listed) << l.out << l.err;
  CommandResult r = Tia({"--base", "HEAD~1", "--head", "HEAD", "--skip", "^[a-z]"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  std::vector<std::string> want = {"PASS Calc.Mul"};
  EXPECT_EQ(Statuses(r.out), want) << r.out;
  EXPECT_EQ(LastLine(r.out), "1 passed, 0 failed, 0 skipped");
}

// Catch2 and doctest executables run as one CTest test each: tia narrows them to the
// selected cases with a Catch2 test spec / doctest -tc= and reports each case from the
// program's XML report.
TEST_F(RunTest, CatchAndDoctestNarrowedToSelectedCases) {
  CommandResult l = Tia({"--base", "HEAD~1", "--head", "HEAD", "--labels", "cases", "--list"});
  std::vector<std::string> listed = {"catch multiplies, in order [x]", "doctest multiplies, too"};
  EXPECT_EQ(Lines(l.out), listed) << l.out << l.err;

  CommandResult r =
      Tia({"--base", "HEAD~1", "--head", "HEAD", "--labels", "cases", "-v", "-j1", "--json"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  std::vector<std::string> passed;
  for (const auto& line : Lines(r.out)) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << line;
    if (j["Action"] == "pass" && j.contains("Test")) passed.push_back(j["Test"]);
  }
  EXPECT_EQ(passed, listed) << r.out;

  // -v shows what the programs ran: only the selected case each.
  CommandResult v = Tia({"--base", "HEAD~1", "--head", "HEAD", "--labels", "cases", "-v", "-j1"});
  EXPECT_EQ(v.exit_code, 0) << v.out << v.err;
  std::vector<std::string> want = {"PASS catch multiplies, in order [x]",
                                   "PASS doctest multiplies, too"};
  EXPECT_EQ(Statuses(v.out), want) << v.out;
  EXPECT_EQ(LastLine(v.out), "2 passed, 0 failed, 0 skipped");
  EXPECT_EQ(v.out.find("catch adds"), std::string::npos) << v.out;
  EXPECT_EQ(v.out.find("doctest adds"), std::string::npos) << v.out;

  // --run narrows by case name too, across both frameworks.
  CommandResult n = Tia({"--all", "--labels", "cases", "--run", "adds|plain", "-j1"});
  EXPECT_EQ(n.exit_code, 0) << n.out << n.err;
  std::vector<std::string> ran = {"PASS catch adds", "PASS catch is plain", "PASS doctest adds",
                                  "PASS doctest is plain"};
  EXPECT_EQ(Statuses(n.out), ran) << n.out;
  EXPECT_EQ(LastLine(n.out), "4 passed, 0 failed, 0 skipped");
}

// The escaping of names in Catch2 test specs and doctest -tc= filters.
TEST(RunCaseSelectArgs, EscapesSpecialCharacters) {
  EXPECT_EQ(run::CaseSelectArgs("catch2", {"a, b [x]", "c\\d*", "~e \"f\""}),
            std::vector<std::string>{"a\\, b \\[x\\],c\\\\d\\*,\\~e \\\"f\\\""});
  EXPECT_EQ(run::CaseSelectArgs("doctest", {"a, b", "c\\d"}),
            std::vector<std::string>{"-tc=a\\, b,c\\\\d"});
  EXPECT_TRUE(run::CaseSelectArgs("gtest", {"A.B"}).empty());
}

TEST_F(RunTest, UsageErrorsExitTwo) {
  CommandResult a = Tia({"--all", "--shard", "3/2"});
  EXPECT_EQ(a.exit_code, 2);
  EXPECT_NE(a.err.find("tia: error: --shard 3/2"), std::string::npos) << a.err;
  CommandResult b = Tia({"--all", "--labels", "!!unit"});
  EXPECT_EQ(b.exit_code, 2);
  EXPECT_NE(b.err.find("--labels"), std::string::npos) << b.err;
  CommandResult c = Tia({"--all", "--run", "("});
  EXPECT_EQ(c.exit_code, 2);
  EXPECT_NE(c.err.find("tia: error: --run (: invalid regular expression: "), std::string::npos)
      << c.err;
  // RE2 has no lookahead: a pattern of another flavour is refused, not misread.
  CommandResult c2 = Tia({"--all", "--skip", "Calc(?=Add)"});
  EXPECT_EQ(c2.exit_code, 2);
  EXPECT_NE(c2.err.find("tia: error: --skip Calc(?=Add): invalid regular expression: "),
            std::string::npos)
      << c2.err;
  CommandResult d = Tia({"--all", "--shuffle", "sometimes"});
  EXPECT_EQ(d.exit_code, 2);
  CommandResult e = Tia({"--all", "--log-dir", "/proc/no-such-dir"});
  EXPECT_EQ(e.exit_code, 2);
  EXPECT_NE(e.err.find("tia: error: --log-dir /proc/no-such-dir: cannot create it"),
            std::string::npos)
      << e.err;
  CommandResult f = Tia({"--all", "--isolate", "--find-order-dependence"});
  EXPECT_EQ(f.exit_code, 2);
  EXPECT_NE(f.err.find("--isolate and --find-order-dependence"), std::string::npos) << f.err;
}

// Reads a timestamp file written by tests/stamp.sh.
double Stamp(const std::string& dir, const std::string& name) {
  std::string t = ReadText(dir + "/" + name);
  EXPECT_FALSE(t.empty()) << dir << "/" << name;
  return t.empty() ? 0 : std::stod(t);
}

TEST_F(RunTest, RunSerialNeverOverlapsOtherTests) {
  // busy_a and busy_b each wait until the other started: they overlap exactly when -j3
  // runs them at the same time, however slow the machine.
  CommandResult r = Tia({"--all", "--labels", "timing", "-j3"}, "TIA_RUNNER_PEER_WAIT=1");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  const std::string& d = marker_.path();
  double s0 = Stamp(d, "serial_one.start"), s1 = Stamp(d, "serial_one.end");
  for (const char* other : {"busy_a", "busy_b"}) {
    double o0 = Stamp(d, std::string(other) + ".start"), o1 = Stamp(d, std::string(other) + ".end");
    EXPECT_TRUE(s1 <= o0 || o1 <= s0) << "serial_one [" << s0 << ", " << s1 << "] overlaps "
                                      << other << " [" << o0 << ", " << o1 << "]";
  }
  // -j3 is in effect: the two ordinary tests ran at the same time (had they not, the
  // first would have ended, after its 60 s wait, before the second started).
  EXPECT_LT(Stamp(d, "busy_a.start"), Stamp(d, "busy_b.end"));
  EXPECT_LT(Stamp(d, "busy_b.start"), Stamp(d, "busy_a.end"));
}

TEST_F(RunTest, FailingFixtureSetupSkipsDependentsAndCleanupStillRuns) {
  CommandResult r = Tia({"--all", "--labels", "badfixture", "-j2"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  std::set<std::string> st;
  for (const auto& s : Statuses(r.out)) st.insert(s);
  std::set<std::string> want = {"FAIL broken_setup", "SKIP broken_user", "PASS broken_cleanup"};
  EXPECT_EQ(st, want) << r.out;
  EXPECT_TRUE(HasLine(r.out,
                      "SKIP broken_user (fixture broken_fx: setup broken_setup did not "
                      "pass)"))
      << r.out;
  EXPECT_FALSE(ReadText(marker_.path() + "/broken_cleanup.end").empty());
  // The cleanup started only after the setup had ended.
  CommandResult j = Tia({"--all", "--labels", "badfixture", "-j2", "--json"});
  std::vector<std::string> started;
  for (const auto& l : Lines(j.out)) {
    auto e = nlohmann::json::parse(l, nullptr, false);
    if (!e.is_discarded() && e["Action"] == "start") started.push_back(e["Package"]);
  }
  std::vector<std::string> want_started = {"broken_setup", "broken_cleanup"};
  EXPECT_EQ(started, want_started) << j.out;
}

TEST_F(RunTest, GtestSkipMessageAndCrashedCaseAreReported) {
  CommandResult r = Tia({"--all", "--run", "Calc.Skipped"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(HasLine(r.out, "SKIP Calc.Skipped (not ready)")) << r.out;

  // order_test runs whole; Order.Fifth aborts: the cases before it pass, it fails.
  CommandResult c = Tia({"--all", "--run", "^order_test$"}, "TIA_RUNNER_CRASH=1");
  EXPECT_EQ(c.exit_code, 1) << c.out << c.err;
  std::vector<std::string> want = {"PASS Order.First", "PASS Order.Second", "PASS Order.Third",
                                   "PASS Order.Fourth", "FAIL Order.Fifth"};
  EXPECT_EQ(Statuses(c.out), want) << c.out;
  EXPECT_NE(c.out.find("--- FAIL: Order.Fifth (killed by SIGABRT)"), std::string::npos) << c.out;
  EXPECT_EQ(LastLine(c.out), "4 passed, 1 failed, 0 skipped");
}

// sub_cwd is added in sub/CMakeLists.txt and checks that it runs in BUILD/sub.
TEST_F(RunTest, TestRunsInTheBuildDirectoryOfItsAddTest) {
  CommandResult r = Tia({"--all", "--labels", "cwd", "-v"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  std::vector<std::string> want = {"PASS sub_cwd"};
  EXPECT_EQ(Statuses(r.out), want) << r.out;
}

Job ShardJob(const std::string& name, double estimate) {
  Job j;
  j.ctest.name = name;
  j.estimate = estimate;
  return j;
}

std::vector<std::string> Shard(std::vector<Job> jobs, int k, int n) {
  run::ShardJobs(&jobs, k, n);
  std::vector<std::string> names;
  for (const Job& j : jobs) names.push_back(j.ctest.name);
  return names;
}

// Jobs named `names`, in that order, each to follow the jobs `after[name]` names.
std::vector<Job> OrderInput(const std::vector<std::string>& names,
                            const std::map<std::string, std::vector<std::string>>& after = {}) {
  std::vector<Job> jobs;
  for (const std::string& n : names) {
    Job j;
    j.ctest.name = n;
    if (auto it = after.find(n); it != after.end()) j.after = it->second;
    jobs.push_back(j);
  }
  return jobs;
}

std::vector<std::string> OrderNames(const std::vector<Job>& jobs) {
  std::vector<std::string> out;
  for (const Job& j : jobs) out.push_back(j.ctest.name);
  return out;
}

TEST(OrderJobsTest, ByNameThenAfterTheJobsTheyFollow) {
  std::vector<Job> jobs = OrderInput({"c", "a", "b"});
  run::OrderJobs(&jobs, std::nullopt);
  EXPECT_EQ(OrderNames(jobs), (std::vector<std::string>{"a", "b", "c"}));
  // A setup (z_setup) before its user, a cleanup (a_cleanup) after it, the rest by name;
  // a dependency outside the plan does not hold anything back.
  jobs = OrderInput({"user", "z_setup", "a_cleanup", "m"},
                    {{"user", {"z_setup", "not_planned"}}, {"a_cleanup", {"user"}}});
  run::OrderJobs(&jobs, std::nullopt);
  EXPECT_EQ(OrderNames(jobs), (std::vector<std::string>{"m", "z_setup", "user", "a_cleanup"}));
  // --isolate's one-case jobs of one test keep their program's order.
  jobs = OrderInput({"t", "t", "s"});
  jobs[0].only = {"T.Second"};
  jobs[1].only = {"T.First"};
  run::OrderJobs(&jobs, std::nullopt);
  ASSERT_EQ(OrderNames(jobs), (std::vector<std::string>{"s", "t", "t"}));
  EXPECT_EQ(jobs[1].only[0], "T.Second");
  EXPECT_EQ(jobs[2].only[0], "T.First");
}

TEST(OrderJobsTest, ASeedShufflesTheSameWayEveryTimeAndKeepsDependencies) {
  std::vector<std::string> names;
  for (char c = 'a'; c <= 'p'; ++c) names.push_back(std::string(1, c));
  std::map<std::string, std::vector<std::string>> after = {{"a", {"p"}}, {"b", {"a"}}};
  auto shuffled = [&](uint64_t seed) {
    std::vector<Job> jobs = OrderInput(names, after);
    run::OrderJobs(&jobs, seed);
    return OrderNames(jobs);
  };
  std::vector<std::string> one = shuffled(7);
  EXPECT_EQ(shuffled(7), one);
  EXPECT_NE(shuffled(8), one);  // 16! orders: two seeds agreeing would be a defect
  for (uint64_t seed : {1, 7, 8, 12345}) {
    std::vector<std::string> order = shuffled(seed);
    std::vector<std::string> sorted = order;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(sorted, names);
    auto pos = [&](const std::string& n) { return std::find(order.begin(), order.end(), n); };
    EXPECT_LT(pos("p"), pos("a")) << seed;
    EXPECT_LT(pos("a"), pos("b")) << seed;
  }
}

TEST(OrderJobsTest, ACycleIsBrokenWithoutLosingAJob) {
  std::vector<Job> jobs = OrderInput({"x", "y", "z"}, {{"x", {"y"}}, {"y", {"x"}}});
  run::OrderJobs(&jobs, std::nullopt);
  // z is ready first; then neither x nor y is: the first remaining (x) goes, then y.
  EXPECT_EQ(OrderNames(jobs), (std::vector<std::string>{"z", "x", "y"}));
}

TEST(ShardJobsTest, DurationsBalanceWhereCountsWouldNot) {
  // Without durations the jobs alternate by name.
  std::vector<Job> unknown = {ShardJob("a", -1), ShardJob("b", -1), ShardJob("c", -1),
                              ShardJob("d", -1), ShardJob("e", -1), ShardJob("f", -1)};
  EXPECT_EQ(Shard(unknown, 1, 2), (std::vector<std::string>{"a", "c", "e"}));
  EXPECT_EQ(Shard(unknown, 2, 2), (std::vector<std::string>{"b", "d", "f"}));
  // "a" takes 5 s, the others 1 s: "a" alone, the five others together.
  std::vector<Job> timed = {ShardJob("a", 5), ShardJob("b", 1), ShardJob("c", 1),
                            ShardJob("d", 1), ShardJob("e", 1), ShardJob("f", 1)};
  EXPECT_EQ(Shard(timed, 1, 2), (std::vector<std::string>{"a"}));
  EXPECT_EQ(Shard(timed, 2, 2), (std::vector<std::string>{"b", "c", "d", "e", "f"}));
  // Unknown durations count as the median of the known ones (here 1 s: "d" goes with the
  // 1 s tests) and a recorded 0 is known, dealt last into the emptier part (were 0
  // unknown, "c" would count 1 s and land in part 2; were "d" 0, part 1 would hold "a" alone).
  std::vector<Job> mixed = {ShardJob("a", 3), ShardJob("b", 1), ShardJob("c", 0), ShardJob("d", -1),
                            ShardJob("e", 1)};
  EXPECT_EQ(Shard(mixed, 1, 2), (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(Shard(mixed, 2, 2), (std::vector<std::string>{"b", "d", "e"}));
  // Three parts: disjoint, complete.
  std::multiset<std::string> all;
  for (int k = 1; k <= 3; ++k)
    for (const auto& n : Shard(timed, k, 3)) all.insert(n);
  EXPECT_EQ(all, (std::multiset<std::string>{"a", "b", "c", "d", "e", "f"}));
}

// Results go to test_results; the next --shard deals by them.
TEST_F(RunTest, RecordedDurationsBalanceTheNextShard) {
  // A private copy of the database without recorded results.
  std::string db_path = marker_.path() + "/tia.db";
  {
    Db db;
    std::string err;
    ASSERT_TRUE(db.Open(project_->build + "/tia.db", false, &err)) << err;
    ASSERT_TRUE(db.Exec("VACUUM INTO '" + db_path + "'", &err)) << err;
  }
  {
    Db db;
    std::string err;
    ASSERT_TRUE(db.Open(db_path, false, &err)) << err;
    ASSERT_TRUE(db.Exec("DELETE FROM test_results", &err)) << err;
  }
  std::vector<std::string> base = {"--db", db_path, "--all", "--run",
                                   "^(busy_a|Calc\\.Add|Calc\\.Mul)$"};
  auto list = [&](const char* shard) {
    std::vector<std::string> a = base;
    a.insert(a.end(), {"--list", "--shard", shard});
    CommandResult r = Tia(a);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Lines(r.out);
  };
  // Nothing recorded: dealt by name (uppercase first).
  EXPECT_EQ(list("1/2"), (std::vector<std::string>{"Calc.Add", "busy_a"}));
  EXPECT_EQ(list("2/2"), (std::vector<std::string>{"Calc.Mul"}));

  CommandResult r = Tia(base);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  std::map<std::string, std::pair<std::string, double>> rows;
  {
    Db db;
    std::string err;
    ASSERT_TRUE(db.Open(db_path, false, &err)) << err;
    Stmt q;
    ASSERT_TRUE(
        db.Prepare("SELECT test, outcome, CAST(seconds * 1000 AS INTEGER) "
                   "FROM test_results",
                   &q, &err))
        << err;
    while (q.Step()) rows[q.Text(0)] = {q.Text(1), static_cast<double>(q.Int(2)) / 1000};
  }
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows["busy_a"].first, "pass");
  EXPECT_GE(rows["busy_a"].second, 0.25);  // stamp.sh sleeps 0.3 s
  EXPECT_EQ(rows["Calc.Add"].first, "pass");
  EXPECT_EQ(rows["Calc.Mul"].first, "pass");
  // What the deal below rests on, compared with each other rather than with the clock:
  // the recorded cases (their frameworks' own times) together took less than busy_a.
  EXPECT_LT(rows["Calc.Add"].second + rows["Calc.Mul"].second, rows["busy_a"].second);

  // busy_a (0.3 s) alone; the two fast cases together.
  EXPECT_EQ(list("1/2"), (std::vector<std::string>{"busy_a"}));
  EXPECT_EQ(list("2/2"), (std::vector<std::string>{"Calc.Add", "Calc.Mul"}));
}

// --build on a small project of its own: one target fails to compile, one builds.
TEST(RunBuildTest, BuildFailsPerTargetAndRebuildsStaleExecutables) {
  ScratchDir dir("run-build");
  std::string src = dir.path() + "/src", build = dir.path() + "/build";
  WriteText(src + "/CMakeLists.txt",
            "cmake_minimum_required(VERSION 3.20)\n"
            "project(b LANGUAGES CXX)\n"
            "set(CMAKE_EXPORT_COMPILE_COMMANDS ON)\n"
            "enable_testing()\n"
            "add_executable(good good.cc)\n"
            "add_test(NAME good_test COMMAND good)\n"
            "add_executable(bad bad.cc)\n"
            "add_test(NAME bad_test COMMAND bad)\n");
  WriteText(src + "/good.cc", "int main() { return 0; }\n");
  WriteText(src + "/bad.cc", "int main() { return not_declared_anywhere; }\n");
  CommandResult c = ::tia::testing::Run({"cmake", "-S", src, "-B", build, "-G", "Ninja"});
  ASSERT_EQ(c.exit_code, 0) << c.out << c.err;
  auto tia = [&](std::vector<std::string> args) {
    std::vector<std::string> argv = {TiaBinary(), "run", "-p", build, "--all", "-j2"};
    argv.insert(argv.end(), args.begin(), args.end());
    return ::tia::testing::Run(argv, src);
  };
  CommandResult r = tia({"--build"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("FAIL bad_test"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--- FAIL: bad_test (build of target bad failed: bad.cc:1:"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("not_declared_anywhere"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("PASS good_test"), std::string::npos) << r.out;
  EXPECT_EQ(LastLineOf(r.out), "1 passed, 1 failed, 0 skipped") << r.out;

  // A stale executable: without --build the old one runs; --build rebuilds it.
  WriteText(src + "/good.cc", "int main() { return 7; }\n");
  CommandResult stale = tia({"--run", "good"});
  EXPECT_EQ(stale.exit_code, 0) << stale.out << stale.err;
  CommandResult rebuilt = tia({"--run", "good", "--build"});
  EXPECT_EQ(rebuilt.exit_code, 1) << rebuilt.out << rebuilt.err;
  EXPECT_NE(rebuilt.out.find("--- FAIL: good_test (exit code 7)"), std::string::npos)
      << rebuilt.out;
  EXPECT_NE(rebuilt.err.find("tia: building good"), std::string::npos) << rebuilt.err;
  EXPECT_EQ(rebuilt.err.find("tia: building bad"), std::string::npos) << rebuilt.err;
}

}  // namespace
}  // namespace tia::testing
