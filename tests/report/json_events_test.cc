// The JSON event stream: one valid object per line, required fields, RFC 3339 times.
#include "tia/report/json_events.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <thread>

#include "fixtures.h"

namespace tia::report {
namespace {

std::vector<nlohmann::json> Lines(const std::string& text) {
  std::vector<nlohmann::json> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << line;
    EXPECT_TRUE(j.is_object()) << line;
    out.push_back(j);
  }
  EXPECT_TRUE(text.empty() || text.back() == '\n');
  return out;
}

const std::regex kRfc3339(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)");

TEST(JsonEvents, FormatRfc3339) {
  using namespace std::chrono;
  system_clock::time_point t{seconds(1700000000) + microseconds(123456)};
  EXPECT_EQ(FormatRfc3339(t), "2023-11-14T22:13:20.123456Z");
  EXPECT_EQ(FormatRfc3339(system_clock::time_point{}), "1970-01-01T00:00:00.000000Z");
}

TEST(JsonEvents, StreamOfAllOutcomes) {
  std::ostringstream out;
  JsonEventWriter w(out);
  std::vector<TestResult> results = SampleResults();
  w.Start("math_test");
  for (const TestResult& r : results) {
    w.Run(PackageName(r), TestName(r));
    w.Result(r);
  }
  w.Summary(Summarize(results, 1.5));

  std::vector<nlohmann::json> lines = Lines(out.str());
  ASSERT_GE(lines.size(), 10u);
  for (const auto& j : lines) {
    ASSERT_TRUE(j.contains("Time") && j.contains("Action")) << j.dump();
    EXPECT_TRUE(std::regex_match(j["Time"].get<std::string>(), kRfc3339)) << j.dump();
    std::string action = j["Action"];
    if (action == "summary") continue;
    EXPECT_TRUE(j.contains("Package")) << j.dump();
    if (action == "pass" || action == "fail" || action == "skip") {
      EXPECT_TRUE(j["Elapsed"].is_number()) << j.dump();
      EXPECT_TRUE(j.contains("Test")) << j.dump();
    }
    if (action == "output") {
      EXPECT_TRUE(j["Output"].is_string());
      EXPECT_EQ(j["Output"].get<std::string>().back(), '\n');
    }
  }
  // Key events, in order.
  std::vector<std::string> finals;
  for (const auto& j : lines)
    if (j["Action"] != "output" && j["Action"] != "run") finals.push_back(j["Action"]);
  EXPECT_EQ(finals,
            (std::vector<std::string>{"start", "pass", "fail", "skip", "pass", "fail", "summary"}));

  auto find = [&](const std::string& action, const std::string& test) {
    for (const auto& j : lines)
      if (j["Action"] == action && j.value("Test", "") == test) return j;
    return nlohmann::json();
  };
  nlohmann::json pass = find("pass", "Math.Add");
  EXPECT_EQ(pass["CTest"], "Math.Add");
  EXPECT_EQ(find("pass", "net_test")["CTest"], "net_test");
  EXPECT_EQ(pass["Package"], "math_test");
  EXPECT_DOUBLE_EQ(pass["Elapsed"].get<double>(), 0.012);
  EXPECT_FALSE(pass.contains("Flaky"));
  nlohmann::json fail = find("fail", "Math.Fails");
  EXPECT_EQ(fail["Message"], "math_test.cpp:14");
  nlohmann::json skip = find("skip", "Math.Slow");
  EXPECT_EQ(skip["Reason"], "constraint: integration && !linux");
  nlohmann::json flaky = find("pass", "net_test");
  EXPECT_EQ(flaky["Flaky"], true);
  EXPECT_EQ(flaky["Attempts"], 2);
  EXPECT_EQ(flaky["Package"], "net_test");
  nlohmann::json timeout = find("fail", "hang_test");
  EXPECT_EQ(timeout["Timeout"], true);
  // Output lines of the failing test, split per line; the invalid byte is replaced.
  std::vector<std::string> output;
  for (const auto& j : lines)
    if (j["Action"] == "output" && j["Test"] == "Math.Fails") output.push_back(j["Output"]);
  ASSERT_EQ(output.size(), 2u);
  EXPECT_EQ(output[0], "a < b && \"c\" > 'd'\x01\x1b[31m\n");
  EXPECT_EQ(output[1], "line2 \xEF\xBF\xBD end\n");
  // An unterminated last line is terminated.
  EXPECT_EQ(find("output", "hang_test")["Output"], "waiting...\n");

  nlohmann::json summary = lines.back();
  EXPECT_EQ(summary["Action"], "summary");
  EXPECT_EQ(summary["Passed"], 1);
  EXPECT_EQ(summary["Failed"], 2);
  EXPECT_EQ(summary["Skipped"], 1);
  EXPECT_EQ(summary["Flaky"], 1);
  EXPECT_DOUBLE_EQ(summary["Elapsed"].get<double>(), 1.5);
}

TEST(JsonEvents, ConcurrentWritersKeepLinesWhole) {
  std::ostringstream out;
  JsonEventWriter w(out);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&w, t] {
      for (int i = 0; i < 200; ++i) w.Run("pkg" + std::to_string(t), "T" + std::to_string(i));
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(Lines(out.str()).size(), 800u);
}

TEST(JsonEvents, ResultEventsStayTogether) {
  // A test's output lines and its final event are not interleaved with other tests'.
  std::ostringstream out;
  JsonEventWriter w(out);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&w, t] {
      TestResult r;
      r.ctest_name = "t" + std::to_string(t);
      r.output = "1\n2\n3\n4\n5\n";
      for (int i = 0; i < 50; ++i) w.Result(r);
    });
  for (auto& th : threads) th.join();
  auto lines = Lines(out.str());
  ASSERT_EQ(lines.size(), 4u * 50 * 6);
  for (size_t i = 0; i < lines.size(); i += 6) {
    for (size_t k = 1; k < 6; ++k) EXPECT_EQ(lines[i + k]["Test"], lines[i]["Test"]);
    EXPECT_EQ(lines[i + 5]["Action"], "pass");
  }
}

}  // namespace
}  // namespace tia::report
