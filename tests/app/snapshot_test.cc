// The graph snapshot next to the database (DB.graph) is a cache: used while the database
// is unchanged, never when facts were written since (a new generation), and a damaged file
// is detected (checksum) and replaced, never read as a wrong graph.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "testing.h"

namespace tia::testing {
namespace {

namespace fs = std::filesystem;

// The cases `tia tests-for SYMBOL` selects (by their source names), sorted.
std::vector<std::string> Cases(const std::string& out) {
  std::vector<std::string> cases;
  const nlohmann::json j = nlohmann::json::parse(out);
  for (const auto& t : j.at("tests"))
    if (t.contains("source_cases"))
      for (const auto& c : t.at("source_cases")) cases.push_back(c.get<std::string>());
  std::sort(cases.begin(), cases.end());
  return cases;
}

TEST(Snapshot, UsedWhileCurrentReplacedWhenStaleOrDamaged) {
  ScratchDir dir("snapshot");
  const std::string src = dir.path() + "/src", build = dir.path() + "/build";
  CopyTree(TestdataDir() + "/sample", src);
  const std::string git = "git -c user.name=t -c user.email=t@t ";
  ASSERT_EQ(Shell(git + "init -q -b main && " + git + "add -A && " + git + "commit -qm base", src)
                .exit_code,
            0);
  ASSERT_EQ(tia::testing::Run({"cmake", "-S", src, "-B", build, "-G", "Ninja"}).exit_code, 0);
  auto tests_for = [&](const std::string& symbol) {
    CommandResult r =
        tia::testing::Run({TiaBinary(), "tests-for", symbol, "-p", build, "--format", "json"}, src);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Cases(r.out);
  };
  const std::string snap = build + "/tia.db.graph";
  const std::vector<std::string> want = {"OpsTest.Apply"};
  EXPECT_EQ(tests_for("geometry::add"), want);
  ASSERT_TRUE(fs::exists(snap));
  auto written = fs::last_write_time(snap);

  // Unchanged database: the snapshot is read, not written again.
  EXPECT_EQ(tests_for("geometry::add"), want);
  EXPECT_EQ(fs::last_write_time(snap), written);

  // Damaged: one byte of the edges flipped. Detected, the graph loaded from SQLite.
  std::string bytes = ReadText(snap);
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x5a);
  WriteText(snap, bytes);
  EXPECT_EQ(tests_for("geometry::add"), want);
  EXPECT_NE(ReadText(snap), bytes);

  // New facts (CircleTest.Area now calls add): the old snapshot is not used.
  EditFile(src + "/tests/shapes_test.cc", "#include \"geometry/shapes.h\"",
           "#include \"geometry/shapes.h\"\n#include \"geometry/ops.h\"");
  EditFile(src + "/tests/shapes_test.cc", "EXPECT_NEAR(geometry::Circle(1.0).area(),",
           "EXPECT_NEAR(geometry::add(0, 0) + geometry::Circle(1.0).area(),");
  EXPECT_EQ(tests_for("geometry::add"),
            (std::vector<std::string>{"CircleTest.Area", "OpsTest.Apply"}));
}

}  // namespace
}  // namespace tia::testing
