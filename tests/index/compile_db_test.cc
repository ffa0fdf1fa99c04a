// compile_commands.json parsing, shell splitting and the libclang argument adjustments.
#include <gtest/gtest.h>

#include "tia/buildmodel/compile_db.h"

namespace tia {
namespace {

using Words = std::vector<std::string>;

TEST(SplitCommandLine, QuotesAndBackslashes) {
  Words w;
  std::string err;
  ASSERT_TRUE(SplitCommandLine(R"(g++ -DA="x y" -DB='it"s' a\ b.cc "q\"q" -DC=\"s\")", &w, &err));
  EXPECT_EQ(w, (Words{"g++", "-DA=x y", "-DB=it\"s", "a b.cc", "q\"q", "-DC=\"s\""}));
}

TEST(SplitCommandLine, UnterminatedQuoteIsAnError) {
  Words w;
  std::string err;
  EXPECT_FALSE(SplitCommandLine("g++ 'abc", &w, &err));
  EXPECT_NE(err.find("unterminated"), std::string::npos) << err;
}

TEST(ParseCompileDb, ArgumentsCommandAndKeys) {
  std::vector<CompileCommand> cmds;
  std::string err;
  ASSERT_TRUE(ParseCompileDb("cc.json", R"([
    {"directory":"/b","file":"../s/a.cc","arguments":["g++","-c","../s/a.cc"],"output":"a.o"},
    {"directory":"/b","file":"/s/a.cc","command":"g++ -DX -c /s/a.cc -o x.o","output":"x.o"},
    {"directory":"/b","file":"/s/c.cc","command":"g++ -c /s/c.cc"},
    {"directory":"/b","file":"/s/c.cc","command":"g++ -DY -c /s/c.cc"}])",
                             &cmds, &err))
      << err;
  ASSERT_EQ(cmds.size(), 4u);
  EXPECT_EQ(cmds[0].file, "/s/a.cc");
  EXPECT_EQ(cmds[0].key, "/s/a.cc -> /b/a.o");
  EXPECT_EQ(cmds[1].key, "/s/a.cc -> /b/x.o");
  EXPECT_EQ(cmds[1].arguments, (Words{"g++", "-DX", "-c", "/s/a.cc", "-o", "x.o"}));
  EXPECT_EQ(cmds[2].key, "/s/c.cc#0");
  EXPECT_EQ(cmds[3].key, "/s/c.cc#1");
}

TEST(ParseCompileDb, MissingFileNamesEntryAndField) {
  std::vector<CompileCommand> cmds;
  std::string err;
  EXPECT_FALSE(ParseCompileDb("cc.json",
                              R"([{"directory":"/b","file":"a.cc","command":"g++ a.cc"},
                                  {"directory":"/b","command":"g++ b.cc"}])",
                              &cmds, &err));
  EXPECT_EQ(err, "cc.json: entry 1: missing field \"file\"");
}

TEST(ParseCompileDb, MalformedJson) {
  std::vector<CompileCommand> cmds;
  std::string err;
  EXPECT_FALSE(ParseCompileDb("cc.json", R"([{"directory":"/b",)", &cmds, &err));
  EXPECT_EQ(err.rfind("cc.json: ", 0), 0u) << err;
  EXPECT_FALSE(ParseCompileDb("cc.json", R"({"not":"an array"})", &cmds, &err));
  EXPECT_NE(err.find("expected a JSON array"), std::string::npos) << err;
}

CompileCommand Cmd(Words args, std::string file = "/s/a.cc") {
  CompileCommand c;
  c.directory = "/b";
  c.file = file;
  c.arguments = std::move(args);
  return c;
}

TEST(AdjustForLibclang, DropsOutputDepsSourceAndGccOnlyFlags) {
  LibclangArgsOptions o;
  o.resource_dir = "/llvm/lib/clang/14";
  Words got = AdjustForLibclang(Cmd({"/usr/bin/g++",
                                     "-DX=1",
                                     "-I../inc",
                                     "-isystem",
                                     "/sys",
                                     "-include",
                                     "pre.h",
                                     "-MD",
                                     "-MT",
                                     "a.o",
                                     "-MF",
                                     "a.o.d",
                                     "-fno-fat-lto-objects",
                                     "-fconcepts-diagnostics-depth=3",
                                     "-Werror",
                                     "-O2",
                                     "-o",
                                     "a.o",
                                     "-c",
                                     "../s/a.cc"}),
                                o);
  EXPECT_EQ(got, (Words{"-DX=1", "-I../inc", "-isystem", "/sys", "-include", "pre.h", "-O2",
                        "-std=gnu++17", "-working-directory=/b", "-resource-dir",
                        "/llvm/lib/clang/14", "-Wno-unknown-warning-option",
                        "-Wno-unused-command-line-argument", "-ferror-limit=0"}));
}

TEST(AdjustForLibclang, DefaultStandardDependsOnDriverAndLanguage) {
  LibclangArgsOptions o;
  auto has = [](const Words& w, const std::string& s) {
    return std::find(w.begin(), w.end(), s) != w.end();
  };
  EXPECT_TRUE(has(AdjustForLibclang(Cmd({"c++", "-c", "/s/a.cc"}), o), "-std=gnu++17"));
  EXPECT_TRUE(has(AdjustForLibclang(Cmd({"gcc", "-c", "/s/a.c"}, "/s/a.c"), o), "-std=gnu17"));
  Words given = AdjustForLibclang(Cmd({"g++", "-std=c++20", "-c", "/s/a.cc"}), o);
  EXPECT_TRUE(has(given, "-std=c++20"));
  EXPECT_FALSE(has(given, "-std=gnu++17"));
  Words clang = AdjustForLibclang(Cmd({"/usr/bin/clang++-14", "-c", "/s/a.cc"}), o);
  for (const auto& a : clang) EXPECT_NE(a.rfind("-std=", 0), 0u) << a;
}

}  // namespace
}  // namespace tia
