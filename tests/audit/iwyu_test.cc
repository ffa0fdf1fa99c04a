// Unused includes compared with include-what-you-use on testdata/audit. Every include tia
// calls unused, IWYU removes too; the includes IWYU removes and tia keeps are exactly the
// differences docs/audit.md explains (IWYU wants each file to include what it uses
// directly; tia asks whether an include can go without breaking a use).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "audit_project.h"

namespace tia::testing {
namespace {

// "file include" pairs from the "should remove these lines:" blocks of iwyu_tool's output.
std::set<std::string> IwyuRemovals(const std::string& out, const std::string& root) {
  std::set<std::string> removals;
  std::istringstream in(out);
  std::string line, file;
  bool removing = false;
  const std::string marker = " should remove these lines:";
  while (std::getline(in, line)) {
    if (line.size() > marker.size() &&
        line.compare(line.size() - marker.size(), marker.size(), marker) == 0) {
      file = line.substr(0, line.size() - marker.size());
      if (file.rfind(root + "/", 0) == 0) file = file.substr(root.size() + 1);
      removing = true;
      continue;
    }
    if (!removing) continue;
    if (line.rfind("- #include ", 0) != 0) {
      removing = false;
      continue;
    }
    std::string spelled = line.substr(11);
    spelled = spelled.substr(0, spelled.find_first_of(" \t"));  // drop "// lines N-M"
    removals.insert(file + " " + spelled.substr(1, spelled.size() - 2));
  }
  return removals;
}

TEST(IwyuComparisonTest, TiaUnusedIncludesAreASubsetOfIwyusWithDocumentedDifferences) {
  std::string dir = SharedAuditProject();
  CommandResult iwyu =
      testing::Run({"iwyu_tool", "-p", dir + "/build", "-j", "2", "--", "-Xiwyu", "--no_comments"});
  ASSERT_NE(iwyu.out.find("should remove these lines:"), std::string::npos)
      << "iwyu_tool produced no report (is Debian's iwyu installed?)\n"
      << iwyu.out << iwyu.err;
  std::set<std::string> iwyu_removes = IwyuRemovals(iwyu.out, dir + "/src");

  CommandResult r =
      Tia({"audit", "unused-includes", "--format", "json", "--no-index", "-p", dir + "/build"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::set<std::string> tia_unused;
  nlohmann::json j = nlohmann::json::parse(r.out);
  for (const auto& u : j["unused_includes"])
    tia_unused.insert(u["file"].get<std::string>() + " " + u["include"].get<std::string>());
  ASSERT_EQ(tia_unused, (std::set<std::string>{"core/src/strings.cc core/legacy.h"}));

  for (const std::string& u : tia_unused)
    EXPECT_TRUE(iwyu_removes.count(u)) << u << " is unused for tia but not for IWYU";
  std::set<std::string> only_iwyu;
  for (const std::string& u : iwyu_removes)
    if (!tia_unused.count(u)) only_iwyu.insert(u);
  // Each of these is explained in docs/audit.md ("Compared with include-what-you-use").
  EXPECT_EQ(only_iwyu, (std::set<std::string>{
                           "app/include/app/events.h app/queue.h",
                           "app/include/app/events.h core/config.h",
                           "core/include/core/graph.h core/config.h",
                           "core/include/core/graph.h core/node.h",
                           "core/src/legacy.cc core/text_types.h",
                           "tests/app_test.cc app/events.h",
                           "tests/core_test.cc chrono",
                       }))
      << iwyu.out;
}

}  // namespace
}  // namespace tia::testing
