// Every selected case gets a verdict (testdata/recover): a GoogleTest, a Catch2 v2 and a
// doctest program, each one CTest test, whose cases crash, hang and exit(0) in the middle
// of the run; the cases after each still run and the counts agree in text, JSON and
// JUnit. --failfast reports what it did not start; --isolate runs one process per case;
// --shuffle reproduces the order inside each program and --list prints it;
// --find-order-dependence names the polluter and its victim, the state-setter and its
// brittle case. Output of any size is kept bounded in reports and whole in log files.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "shared_project.h"
#include "testing.h"

namespace tia::testing {
namespace {

// One framework's program and how its case names look.
struct Program {
  const char* label;   // CTest label (= test and executable name)
  const char* prefix;  // "Recover." for GoogleTest, "" for Catch2 and doctest
};

void PrintTo(const Program& p, std::ostream* os) {
  *os << p.label;
}

class RecoverTest : public ::testing::TestWithParam<Program> {
 protected:
  static void SetUpTestSuite() { project_ = new BuiltProject(SharedProject("recover", {})); }
  RecoverTest() : dir_("recover") {}

  CommandResult Tia(std::vector<std::string> args) {
    std::vector<std::string> argv = {TiaBinary(),  "run",   "-p",        project_->build,
                                     "--no-index", "--all", "--log-dir", dir_.path() + "/logs"};
    argv.insert(argv.end(), args.begin(), args.end());
    return ::tia::testing::Run(argv, project_->src);
  }
  std::string Name(const std::string& c) const { return GetParam().prefix + c; }
  // "PASS name"/"FAIL name"/"SKIP name" lines without times, in output order.
  static std::vector<std::string> Statuses(const std::string& out) {
    std::vector<std::string> st;
    for (const std::string& l : TextLines(out))
      for (const char* p : {"PASS ", "FAIL ", "SKIP "})
        if (l.rfind(p, 0) == 0) st.push_back(l.substr(0, l.find(" (")));
    return st;
  }
  static std::string LastLine(const std::string& out) {
    auto l = TextLines(out);
    return l.empty() ? "" : l.back();
  }

  static BuiltProject* project_;
  ScratchDir dir_;
};

BuiltProject* RecoverTest::project_ = nullptr;

// Names of the cases that crash, hang or exit (and the passing ones after them).
const char* kStoppers = "Crash|Hang|Exit";

TEST_P(RecoverTest, EveryCaseGetsAVerdictAndCountsAgree) {
  std::string junit = dir_.path() + "/report.xml";
  CommandResult r = Tia({"--labels", GetParam().label, "-j1", "--junit", junit});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  std::vector<std::string> want = {
      "PASS " + Name("First"),      "PASS " + Name("Pollutes"),   "FAIL " + Name("Victim"),
      "PASS " + Name("SetsUp"),     "PASS " + Name("NeedsSetUp"), "FAIL " + Name("Crashes"),
      "PASS " + Name("AfterCrash"), "FAIL " + Name("Hangs"),      "PASS " + Name("AfterHang"),
      "FAIL " + Name("Exits"),      "PASS " + Name("Last")};
  EXPECT_EQ(Statuses(r.out), want) << r.out;
  EXPECT_EQ(LastLine(r.out), "7 passed, 4 failed, 0 skipped") << r.out;
  EXPECT_NE(r.out.find("FAIL " + Name("Hangs") + " (timeout after"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--- FAIL: " + Name("Hangs") + " (timeout after 2.00s)"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("--- FAIL: " + Name("Crashes") + " ("), std::string::npos) << r.out;

  // JUnit counts the same cases.
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_file(junit.c_str())) << ReadText(junit);
  pugi::xml_node suites = doc.child("testsuites");
  EXPECT_EQ(suites.attribute("tests").as_int(), 11);
  EXPECT_EQ(suites.attribute("failures").as_int() + suites.attribute("errors").as_int(), 4);
  EXPECT_EQ(suites.attribute("errors").as_int(), 1);  // the timeout
  EXPECT_EQ(suites.attribute("skipped").as_int(), 0);

  // And the JSON events: one final event per case, the summary agreeing.
  CommandResult j = Tia({"--labels", GetParam().label, "-j1", "--json"});
  std::map<std::string, int> actions;
  nlohmann::json summary;
  for (const std::string& l : TextLines(j.out)) {
    auto e = nlohmann::json::parse(l, nullptr, false);
    ASSERT_FALSE(e.is_discarded()) << l;
    std::string a = e["Action"];
    if (a == "pass" || a == "fail" || a == "skip") ++actions[a];
    if (a == "summary") summary = e;
    // No package-level end events (docs/reports.md): everything but start and summary
    // belongs to a test.
    if (a != "start" && a != "summary") {
      EXPECT_TRUE(e.contains("Test")) << l;
    }
  }
  EXPECT_EQ(actions["pass"], 7) << j.out;
  EXPECT_EQ(actions["fail"], 4) << j.out;
  EXPECT_EQ(summary["Passed"], 7);
  EXPECT_EQ(summary["Failed"], 4);
  EXPECT_EQ(summary["Skipped"], 0);
  // Each process's whole output is in its own log file: the first run and three reruns.
  EXPECT_TRUE(std::filesystem::exists(dir_.path() + "/logs/" + GetParam().label + ".log"));
  EXPECT_TRUE(std::filesystem::exists(dir_.path() + "/logs/" + GetParam().label + ".part4.log"));
}

TEST_P(RecoverTest, FailfastReportsWhatItDidNotStart) {
  CommandResult r = Tia({"--labels", GetParam().label, "-j1", "--failfast"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  // The first process runs to its crash; the rest is reported, not dropped.
  EXPECT_EQ(LastLine(r.out), "4 passed, 2 failed, 5 skipped") << r.out;
  EXPECT_NE(r.out.find("SKIP " + Name("Last") +
                       " (not run: --failfast stopped the run after a "
                       "failure)"),
            std::string::npos)
      << r.out;
}

TEST_P(RecoverTest, IsolateRunsEachCaseInItsOwnProcess) {
  CommandResult r = Tia({"--labels", GetParam().label, "-j2", "--isolate"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  std::vector<std::string> st = Statuses(r.out);
  std::set<std::string> got(st.begin(), st.end());
  // Alone, the victim passes and the brittle case fails.
  EXPECT_TRUE(got.count("PASS " + Name("Victim"))) << r.out;
  EXPECT_TRUE(got.count("FAIL " + Name("NeedsSetUp"))) << r.out;
  EXPECT_TRUE(got.count("FAIL " + Name("Crashes"))) << r.out;
  EXPECT_EQ(got.size(), 11u) << r.out;
  EXPECT_EQ(LastLine(r.out), "7 passed, 4 failed, 0 skipped") << r.out;
  std::regex cost(
      R"(isolate: 11 processes instead of 1 \(10 more\); \d+\.\d\ds of their \d+\.\d\ds outside the cases \(start-up, set-up\))");
  EXPECT_TRUE(std::regex_search(r.out, cost)) << r.out;

  // Under --shuffle the processes start in the seed's order, which --list prints.
  std::vector<std::string> args = {"--labels", GetParam().label, "--isolate", "--shuffle",
                                   "4",        "--skip",         "Hang"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> a = args;
    a.insert(a.end(), extra.begin(), extra.end());
    return Tia(a);
  };
  std::vector<std::string> listed = TextLines(with({"--list"}).out);
  EXPECT_EQ(listed.size(), 9u);
  EXPECT_EQ(listed, TextLines(with({"--list"}).out));
  std::vector<std::string> started;
  for (const std::string& line : TextLines(with({"-j1", "--json"}).out)) {
    auto e = nlohmann::json::parse(line, nullptr, false);
    if (!e.is_discarded() && e["Action"] == "run") started.push_back(e["Test"]);
  }
  EXPECT_EQ(started, listed);
}

// The order --list --shuffle prints is the order the program runs its cases in, and a
// seed always gives the same order.
TEST_P(RecoverTest, ShuffleSeedGivesTheOrderListPrints) {
  std::vector<std::string> base = {"--labels", GetParam().label, "--skip", kStoppers};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> a = base;
    a.insert(a.end(), extra.begin(), extra.end());
    return Tia(a);
  };
  std::vector<std::string> plain = TextLines(with({"--list"}).out);
  ASSERT_EQ(plain.size(), 6u);
  int differs = 0;
  for (const char* seed : {"1", "2", "3"}) {
    CommandResult l = with({"--list", "--shuffle", seed});
    ASSERT_EQ(l.exit_code, 0) << l.err;
    std::vector<std::string> listed = TextLines(l.out);
    EXPECT_EQ(listed, TextLines(with({"--list", "--shuffle", seed}).out));
    differs += listed != plain;
    // The order the cases ran in: their final JSON events, one process, in order.
    CommandResult run = with({"--shuffle", seed, "-j1", "--json"});
    std::vector<std::string> ran;
    for (const std::string& line : TextLines(run.out)) {
      auto e = nlohmann::json::parse(line, nullptr, false);
      if (!e.is_discarded() && (e["Action"] == "pass" || e["Action"] == "fail"))
        ran.push_back(e["Test"]);
    }
    if (std::string(GetParam().prefix).empty()) {
      EXPECT_EQ(ran, listed) << "seed " << seed;
    } else {
      // GoogleTest's JSON report is in definition order: take the order from its console.
      CommandResult v = with({"--shuffle", seed, "-j1", "-v"});
      std::vector<std::string> console;
      for (const std::string& line : TextLines(v.out))
        if (line.rfind("[ RUN      ] ", 0) == 0) console.push_back(line.substr(13));
      EXPECT_EQ(console, listed) << "seed " << seed << "\n" << v.out;
    }
  }
  EXPECT_GT(differs, 0) << "no seed changed the order";
}

TEST_P(RecoverTest, FindOrderDependenceNamesThePairs) {
  CommandResult r = Tia({"--labels", GetParam().label, "-j1", "--find-order-dependence"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("ORDER polluter " + Name("Pollutes") + " → victim " + Name("Victim") + ": " +
                       Name("Victim") + " passes alone and fails after " + Name("Pollutes") + "\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("ORDER state-setter " + Name("SetsUp") + " → brittle " + Name("NeedsSetUp") +
                       ": " + Name("NeedsSetUp") + " fails alone and passes after " +
                       Name("SetsUp") + "\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("order dependence: 2 cases found\n"), std::string::npos) << r.out;

  CommandResult j = Tia({"--labels", GetParam().label, "-j1", "--find-order-dependence", "--json",
                         "--skip", kStoppers});
  std::vector<nlohmann::json> order;
  for (const std::string& line : TextLines(j.out)) {
    auto e = nlohmann::json::parse(line, nullptr, false);
    if (!e.is_discarded() && e["Action"] == "order") order.push_back(e);
  }
  ASSERT_EQ(order.size(), 2u) << j.out;
  EXPECT_EQ(order[0]["Kind"], "victim");
  EXPECT_EQ(order[0]["Test"], Name("Victim"));
  EXPECT_EQ(order[0]["Cause"], Name("Pollutes"));
  EXPECT_EQ(order[1]["Kind"], "brittle");
  EXPECT_EQ(order[1]["Cause"], Name("SetsUp"));
}

INSTANTIATE_TEST_SUITE_P(Frameworks, RecoverTest,
                         ::testing::Values(Program{"recover_gtest", "Recover."},
                                           Program{"recover_catch", ""},
                                           Program{"recover_doctest", ""}),
                         [](const ::testing::TestParamInfo<Program>& i) {
                           return std::string(i.param.label);
                         });

// A test printing 5 MB: reports keep a bounded head and tail and say what was cut; the
// whole output is in the test's log file.
TEST(RecoverOutputTest, LargeOutputIsBoundedInReportsAndWholeInTheLog) {
  BuiltProject p = SharedProject("recover", {});
  ScratchDir dir("chatty");
  std::string logs = dir.path() + "/logs", junit = dir.path() + "/report.xml";
  auto tia = [&](std::vector<std::string> args) {
    std::vector<std::string> argv = {TiaBinary(),  "run",       "-p",       p.build,
                                     "--no-index", "--all",     "--labels", "chatty",
                                     "-j2",        "--log-dir", logs};
    argv.insert(argv.end(), args.begin(), args.end());
    return ::tia::testing::Run(argv, p.src);
  };
  CommandResult r = tia({"--junit", junit});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(TextLines(r.out).back(), "0 passed, 2 failed, 0 skipped");
  EXPECT_LT(r.out.size(), 300u * 1024) << "the human report holds the whole output";
  for (const char* t : {"chatty_gtest", "chatty_sh"}) {
    std::string log = logs + "/" + t + ".log";
    EXPECT_GE(std::filesystem::file_size(log), 5000000u) << log;
    std::regex note(
        "\\[tia: [0-9,]+ bytes \\([0-9,]+ lines\\) of output cut here; full output in " + log +
        "\\]\n");
    EXPECT_TRUE(std::regex_search(r.out, note)) << t;
  }
  EXPECT_LT(std::filesystem::file_size(junit), 300u * 1024);
  pugi::xml_document doc;
  EXPECT_TRUE(doc.load_file(junit.c_str()));
  // The JSON stream: one event per kept line, bounded too.
  CommandResult j = tia({"--json"});
  EXPECT_LT(j.out.size(), 2u * 1024 * 1024);
  EXPECT_NE(j.out.find("of output cut here; full output in"), std::string::npos);
}

}  // namespace
}  // namespace tia::testing
