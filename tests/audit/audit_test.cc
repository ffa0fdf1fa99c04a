// `tia audit` on testdata/audit: every section's exact facts (see testdata/audit/README.md),
// sections run alone, --fail-on gates and bad input.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "audit_project.h"
#include "tia/store/db.h"
#include "tia/store/results.h"

namespace tia::testing {
namespace {

using nlohmann::json;

class AuditTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { dir_ = SharedAuditProject(); }
  static std::string Build() { return dir_ + "/build"; }
  // `tia audit ARGS --format json -p BUILD --no-index` parsed.
  static json AuditJson(std::vector<std::string> args) {
    std::vector<std::string> all = {"audit"};
    all.insert(all.end(), args.begin(), args.end());
    for (const char* a : {"--format", "json", "--no-index", "-p"}) all.push_back(a);
    all.push_back(Build());
    CommandResult r = Tia(all);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    return json::parse(r.out, nullptr, false);
  }
  inline static std::string dir_;
};

std::vector<std::string> Directives(const json& list) {
  std::vector<std::string> out;
  for (const auto& d : list)
    out.push_back(d.at("file").get<std::string>() + ":" + std::to_string(d.at("line").get<int>()) +
                  " " + d.at("include").get<std::string>());
  return out;
}

TEST_F(AuditTest, CyclesAreTheTwoPlantedComponentsSmallestFirst) {
  json j = AuditJson({"cycles"});
  ASSERT_TRUE(j.is_object());
  EXPECT_FALSE(j.contains("hubs"));
  ASSERT_EQ(j["cycles"].size(), 2u);
  EXPECT_EQ(j["cycles"][0]["files"],
            json({"core/include/core/graph.h", "core/include/core/node.h"}));
  EXPECT_EQ(Directives(j["cycles"][0]["loop"]),
            (std::vector<std::string>{"core/include/core/graph.h:7 core/node.h",
                                      "core/include/core/node.h:5 core/graph.h"}));
  EXPECT_EQ(j["cycles"][1]["files"], json({"app/include/app/events.h", "app/include/app/handlers.h",
                                           "app/include/app/queue.h"}));
  EXPECT_EQ(Directives(j["cycles"][1]["loop"]),
            (std::vector<std::string>{"app/include/app/events.h:4 app/queue.h",
                                      "app/include/app/queue.h:8 app/handlers.h",
                                      "app/include/app/handlers.h:4 app/events.h"}));
  EXPECT_EQ(j["cycles"][1]["edges"].size(), 3u);
}

TEST_F(AuditTest, HubIsConfigHeaderWithItsRecordedCost) {
  json j = AuditJson({"hubs", "--top", "3"});
  const json& h = j["hubs"];
  EXPECT_EQ(h["headers"], 13);
  EXPECT_TRUE(h["durations_recorded"].get<bool>());
  ASSERT_EQ(h["top"].size(), 3u);
  const json& top = h["top"][0];
  EXPECT_EQ(top["file"], "core/include/core/config.h");
  EXPECT_EQ(top["tus"], 7);
  EXPECT_EQ(top["includers"], 5);
  EXPECT_EQ(top["file_level"]["tests"], 5);
  EXPECT_EQ(top["file_level"]["unmeasured_tests"], 0);
  // A file-level change selects every test: the cost is every recorded duration.
  Db db;
  std::string err;
  ASSERT_TRUE(db.Open(Build() + "/tia.db", false, &err)) << err;
  std::map<std::string, double> d;
  ASSERT_TRUE(LatestDurations(db, &d, &err)) << err;
  double all = 0;
  for (const auto& [name, s] : d) all += s;
  EXPECT_GE(all, 1.0);  // StringsTest.Slow sleeps a second
  EXPECT_NEAR(top["file_level"]["seconds"].get<double>(), all, 0.002);
  // Clamp, its one function, is reached by GraphTest.AddAndSize and app_all's QueueTest.
  EXPECT_EQ(top["function_level"]["functions"], 1);
  EXPECT_EQ(top["function_level"]["tests_mean"], 2.0);
  // strings.h: Join (StringsTest.Join) and Upper (StringsTest.Slow, the slow one).
  EXPECT_EQ(h["top"][1]["file"], "core/include/core/strings.h");
  EXPECT_EQ(h["top"][1]["function_level"]["functions"], 2);
  EXPECT_EQ(h["top"][1]["function_level"]["tests_mean"], 1.0);
  EXPECT_NEAR(h["top"][1]["function_level"]["seconds_mean"].get<double>(),
              d.at("StringsTest.Slow") / 2, 0.002);
  // graph.h: Add (2 tests), Size (1), Edges (1).
  EXPECT_EQ(h["top"][2]["file"], "core/include/core/graph.h");
  EXPECT_EQ(h["top"][2]["function_level"]["tests_mean"], 1.33);
}

TEST_F(AuditTest, HubTextSaysWhatEditingTheHeaderCosts) {
  CommandResult r = Tia({"audit", "hubs", "--top", "2", "--no-index", "-p", Build()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("== hubs: the 2 costliest of 13 project headers =="), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("Editing core/include/core/config.h costs CI 0.02 minutes (5 tests); "
                       "changing one of its 1 function costs 0.00 minutes on average (2.0 tests)."),
            std::string::npos)
      << r.out;
}

TEST_F(AuditTest, TestCodeInProductionWithChains) {
  json j = AuditJson({"test-leaks"});
  const json& t = j["test_leaks"];
  EXPECT_EQ(t["test_targets"], json({"app_test", "core_test"}));
  EXPECT_EQ(t["production_targets"], json({"app", "audit_tool", "core"}));
  std::vector<std::string> leaks;
  for (const auto& l : t["leaks"])
    leaks.push_back(l["target"].get<std::string>() + " " + l["tu"].get<std::string>() + " " +
                    l["header"].get<std::string>());
  EXPECT_EQ(leaks,
            (std::vector<std::string>{"app app/src/clock.cc testing/fake_clock.h",
                                      "app app/src/events.cc /usr/include/gtest/gtest_prod.h",
                                      "audit_tool tools/tool_main.cc testing/fake_clock.h"}));
  EXPECT_EQ(Directives(t["leaks"][0]["chain"]),
            (std::vector<std::string>{"app/src/clock.cc:2 app/clock.h",
                                      "app/include/app/clock.h:6 app/clock_support.h",
                                      "app/include/app/clock_support.h:5 testing/fake_clock.h"}));
  EXPECT_EQ(Directives(t["leaks"][1]["chain"]),
            (std::vector<std::string>{"app/src/events.cc:2 app/events.h",
                                      "app/include/app/events.h:4 app/queue.h",
                                      "app/include/app/queue.h:4 gtest/gtest_prod.h"}));
}

TEST_F(AuditTest, StaticCoverageByDirectoryAndTargetWithUnreachedFunctions) {
  json j = AuditJson({"coverage"});
  const json& c = j["coverage"];
  EXPECT_EQ(c["functions"], 16);
  EXPECT_EQ(c["reached"], 12);
  EXPECT_EQ(c["percent"], 75.0);
  auto groups = [](const json& list) {
    std::vector<std::string> out;
    for (const auto& g : list)
      out.push_back(g["name"].get<std::string>() + " " + std::to_string(g["reached"].get<int>()) +
                    "/" + std::to_string(g["functions"].get<int>()));
    return out;
  };
  EXPECT_EQ(groups(c["directories"]),
            (std::vector<std::string>{"app/src 5/6", "core/include/core 1/1", "core/src 6/7",
                                      "tools 0/2"}));
  EXPECT_EQ(groups(c["targets"]),
            (std::vector<std::string>{"app 5/6", "audit_tool 0/2", "core 7/8"}));
  std::vector<std::string> unreached;
  for (const auto& f : c["unreached"])
    unreached.push_back(f["file"].get<std::string>() + ":" + std::to_string(f["line"].get<int>()) +
                        " " + f["function"].get<std::string>());
  EXPECT_EQ(unreached,
            (std::vector<std::string>{"app/src/clock.cc:18 app::FormatUptime",
                                      "core/src/legacy.cc:8 core::LegacyChecksum",
                                      "tools/tool_main.cc:7 (anonymous namespace)::PrintUptime",
                                      "tools/tool_main.cc:14 main"}));
}

TEST_F(AuditTest, UnusedIncludeIsTheLegacyHeaderOnly) {
  json j = AuditJson({"unused-includes"});
  // Kept: features.h (used by #ifdef only), text_types.h (brings <string>, which
  // legacy.cc uses); includes in headers (node.h in graph.h) are not judged.
  EXPECT_EQ(Directives(j["unused_includes"]),
            (std::vector<std::string>{"core/src/strings.cc:4 core/legacy.h"}));
}

TEST_F(AuditTest, AllSectionsByDefault) {
  json j = AuditJson({});
  for (const char* k : {"cycles", "hubs", "test_leaks", "coverage", "unused_includes"})
    EXPECT_TRUE(j.contains(k)) << k;
}

TEST_F(AuditTest, FailOnGates) {
  auto rc = [&](const std::string& gate) {
    CommandResult r = Tia({"audit", "cycles", "--no-index", "-p", Build(), "--fail-on", gate});
    return std::make_pair(r.exit_code, r.err);
  };
  auto [c1, e1] = rc("cycles");
  EXPECT_EQ(c1, 1);
  EXPECT_NE(e1.find("tia: audit failed: cycles: 2 include cycles"), std::string::npos) << e1;
  auto [c2, e2] = rc("coverage<80");
  EXPECT_EQ(c2, 1);
  EXPECT_NE(e2.find("coverage: static coverage 75.0 % is below 80.0 %"), std::string::npos) << e2;
  EXPECT_EQ(rc("coverage<75").first, 0);
  EXPECT_EQ(rc("coverage<50%").first, 0);
  auto [c3, e3] = rc("test-leaks,unused-includes");
  EXPECT_EQ(c3, 1);
  EXPECT_NE(e3.find("test-leaks: 3 includes of test code"), std::string::npos) << e3;
  EXPECT_NE(e3.find("unused-includes: 1 unused include"), std::string::npos) << e3;
}

TEST_F(AuditTest, BadInputIsAClearError) {
  CommandResult r = Tia({"audit", "--no-index", "-p", Build(), "--fail-on", "cycles,speed"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("tia: error: --fail-on: unknown condition 'speed'"), std::string::npos)
      << r.err;
  r = Tia({"audit", "--no-index", "-p", Build(), "--fail-on", "coverage<abc"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("coverage<P needs a percentage from 0 to 100"), std::string::npos) << r.err;
  r = Tia({"audit", "loops", "--no-index", "-p", Build()});
  EXPECT_EQ(r.exit_code, 2);
  r = Tia({"audit", "--no-index", "-p", dir_ + "/src"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("not a CMake build directory"), std::string::npos) << r.err;
  r = Tia({"audit", "cycles", "--no-index", "-p", Build(), "-o", dir_ + "/no/such/dir/r.txt"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("tia: error: "), std::string::npos) << r.err;
}

TEST_F(AuditTest, OutputFileGetsTheReport) {
  std::string out = dir_ + "/audit-out.json";
  CommandResult r =
      Tia({"audit", "unused-includes", "--format", "json", "-o", out, "--no-index", "-p", Build()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  json j = json::parse(ReadText(out), nullptr, false);
  ASSERT_TRUE(j.is_object());
  EXPECT_EQ(j["unused_includes"].size(), 1u);
}

}  // namespace
}  // namespace tia::testing
