// Indexing real third-party code: Debian's GoogleTest sources (/usr/src/googletest),
// configured with its own tests. A subset of TUs keeps the test fast.
#include <gtest/gtest.h>

#include <filesystem>

#include "index_testing.h"
#include "tia/buildmodel/compile_db.h"
#include "tia/store/db.h"

namespace tia {
namespace {

using testing::CommandResult;
using testing::Tia;

std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

TEST(IndexGoogleTest, DebianSourcesIndexWithoutFailures) {
  const std::string src = "/usr/src/googletest";
  if (!std::filesystem::exists(src + "/googletest/src/gtest-all.cc"))
    GTEST_SKIP() << src << " is not installed (Debian package googletest)";
  testing::ScratchDir dir("index_googletest");
  std::string build = dir.path() + "/build";
  CommandResult r = testing::Run({"cmake", "-S", src, "-B", build, "-G", "Ninja",
                                  "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON", "-Dgtest_build_tests=ON"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  std::vector<CompileCommand> all;
  std::string err;
  ASSERT_TRUE(LoadCompileDb(build + "/compile_commands.json", &all, &err)) << err;
  ASSERT_GT(all.size(), 40u);
  // The library itself plus two test programs: about 15 s of parsing instead of 90.
  std::string json = "[";
  int kept = 0;
  for (const CompileCommand& c : all) {
    bool keep = c.file.ends_with("/googletest/src/gtest-all.cc") ||
                c.file.ends_with("/gtest_premature_exit_test.cc") ||
                c.file.ends_with("/googletest-list-tests-unittest_.cc");
    if (!keep) continue;
    json += std::string(kept++ ? "," : "") + "{\"directory\":" + Quote(c.directory) +
            ",\"file\":" + Quote(c.file) + ",\"arguments\":[";
    for (size_t i = 0; i < c.arguments.size(); ++i) json += (i ? "," : "") + Quote(c.arguments[i]);
    json += "]}";
  }
  testing::WriteText(build + "/compile_commands.json", json + "]");
  ASSERT_GE(kept, 3);

  r = Tia({"index", "-p", build, "-j", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("indexed " + std::to_string(kept) +
                       " TUs (0 up to date, 0 failed, 0 with "
                       "errors)"),
            std::string::npos)
      << r.out;

  // A known call edge inside the library.
  r = Tia({"callers", "-p", build, "c:@N@testing@N@internal@F@ParseGoogleTestFlagsOnly#*I#**C#"});
  EXPECT_NE(r.out.find("src/gtest.cc:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(" call testing::internal::InitGoogleTestImpl\n"), std::string::npos)
      << r.out;
  // Known test cases of googletest/test.
  Db db;
  ASSERT_TRUE(db.Open(build + "/tia.db", false, &err)) << err;
  Stmt st;
  ASSERT_TRUE(
      db.Prepare("SELECT t.macro||' '||t.suite||'.'||t.name||':'||t.line FROM "
                 "test_cases t JOIN symbols b ON b.id=t.body_id ORDER BY 1",
                 &st, &err))
      << err;
  std::vector<std::string> cases;
  while (st.Step()) cases.push_back(st.Text(0));
  auto has = [&](const std::string& c) {
    return std::find(cases.begin(), cases.end(), c) != cases.end();
  };
  // Their lines as this GoogleTest version's sources have them.
  auto line_of = [&](const std::string& file, const std::string& text) {
    std::string all = testing::ReadText(src + "/googletest/test/" + file);
    size_t at = all.find(text);
    EXPECT_NE(at, std::string::npos) << file << " has no " << text;
    return std::to_string(std::count(all.begin(), all.begin() + static_cast<long>(at), '\n') + 1);
  };
  EXPECT_TRUE(
      has("TEST Foo.Bar1:" + line_of("googletest-list-tests-unittest_.cc", "TEST(Foo, Bar1)")));
  EXPECT_TRUE(
      has("TEST_F PrematureExitTest.PrematureExitFileExistsDuringTestExecution:" +
          line_of("gtest_premature_exit_test.cc",
                  "TEST_F(PrematureExitTest, PrematureExitFileExistsDuringTestExecution)")));
}

}  // namespace
}  // namespace tia
