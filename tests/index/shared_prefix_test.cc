// Shared prefixes (docs/indexing.md): the leading include chain read from a TU's text, and
// `tia index` on testdata/cprefix, whose C sources include one header first. A run that
// shares the header must record exactly the facts of a run that parses it in every TU.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "index_testing.h"
#include "tia/index/shared_prefix.h"

namespace tia {
namespace {

using testing::CommandResult;
using testing::Tia;

CompileCommand CCommand(const std::string& dir, const std::string& file,
                        std::vector<std::string> extra = {}) {
  CompileCommand c;
  c.directory = dir;
  c.file = dir + "/" + file;
  c.arguments = {"/usr/bin/cc"};
  c.arguments.insert(c.arguments.end(), extra.begin(), extra.end());
  c.arguments.insert(c.arguments.end(), {"-c", file, "-o", file + ".o"});
  return c;
}

std::vector<std::string> Paths(const std::vector<ChainLink>& chain, const std::string& dir) {
  std::vector<std::string> out;
  for (const ChainLink& l : chain) out.push_back(l.path.substr(dir.size() + 1) + ":" + l.guard);
  return out;
}

TEST(LeadingIncludeChain, FollowsFirstIncludesThroughGuards) {
  testing::ScratchDir dir("prefix_chain");
  const std::string d = dir.path();
  std::filesystem::create_directories(d + "/inc");
  testing::WriteText(d + "/a.c", "// first\n/* and\n more */\n#include \"a.h\"\nint x;\n");
  testing::WriteText(d + "/a.h",
                     "#if !defined( A_H )\n#define A_H\n#  include <base.h>\nint a;\n#endif\n");
  testing::WriteText(d + "/inc/base.h", "#pragma once\n#include \"more.h\"\n");
  testing::WriteText(d + "/inc/more.h", "#ifndef MORE_H\n#define MORE_H 1\nint m;\n#endif\n");
  std::vector<ChainLink> chain = LeadingIncludeChain(CCommand(d, "a.c", {"-Iinc"}));
  EXPECT_EQ(Paths(chain, d),
            (std::vector<std::string>{"a.c:", "a.h:A_H", "inc/base.h:", "inc/more.h:MORE_H"}));
  // Without -Iinc, <base.h> is in the compiler's own directories or nowhere: not followed.
  EXPECT_EQ(Paths(LeadingIncludeChain(CCommand(d, "a.c")), d),
            (std::vector<std::string>{"a.c:", "a.h:A_H"}));
}

TEST(LeadingIncludeChain, NoChainWhereAPrefixCouldChangeTheTu) {
  testing::ScratchDir dir("prefix_nochain");
  const std::string d = dir.path();
  testing::WriteText(d + "/h.h", "#ifndef H\n#define H\n#endif\n");
  testing::WriteText(d + "/ok.c", "#include \"h.h\"\n");
  testing::WriteText(d + "/define_first.c", "#define X 1\n#include \"h.h\"\n");
  testing::WriteText(d + "/macro_name.c", "#define H_FILE \"h.h\"\n#include H_FILE\n");
  testing::WriteText(d + "/ok.cc", "#include \"h.h\"\n");
  EXPECT_EQ(LeadingIncludeChain(CCommand(d, "ok.c")).size(), 2u);
  EXPECT_TRUE(LeadingIncludeChain(CCommand(d, "define_first.c")).empty());
  EXPECT_TRUE(LeadingIncludeChain(CCommand(d, "macro_name.c")).empty());
  // C++ has templates: a TU's instantiations add to a header's facts.
  EXPECT_TRUE(LeadingIncludeChain(CCommand(d, "ok.cc")).empty());
  CompileCommand cxx = CCommand(d, "ok.c");
  cxx.arguments[0] = "/usr/bin/c++";
  EXPECT_TRUE(LeadingIncludeChain(cxx).empty());
  EXPECT_TRUE(LeadingIncludeChain(CCommand(d, "ok.c", {"-x", "c++"})).empty());
  // A forced include comes first in the TU and in the prefix's parse alike; -imacros and a
  // precompiled header of the build's own are not followed.
  EXPECT_EQ(LeadingIncludeChain(CCommand(d, "ok.c", {"-include", "h.h"})).size(), 2u);
  EXPECT_TRUE(LeadingIncludeChain(CCommand(d, "ok.c", {"-imacros", "h.h"})).empty());
  EXPECT_TRUE(LeadingIncludeChain(CCommand(d, "ok.c", {"-include-pch", "h.pch"})).empty());
}

TEST(IsWholeFileGuarded, GuardMustCloseAtTheEnd) {
  EXPECT_TRUE(IsWholeFileGuarded("/* c */\n#ifndef G\n#define G\n#if X\n#endif\nint a;\n#endif\n"));
  EXPECT_TRUE(IsWholeFileGuarded("#pragma once\nint a;\n"));
  EXPECT_TRUE(IsWholeFileGuarded("#ifndef G\n#define G\n#endif /* G */\n// end\n"));
  EXPECT_FALSE(IsWholeFileGuarded("#ifndef G\n#define G\n#endif\nint after;\n"));
  EXPECT_FALSE(IsWholeFileGuarded("#ifndef G\n#define G\n#endif\n#if X\n#endif\n"));
  EXPECT_FALSE(IsWholeFileGuarded("#ifndef G\n#define OTHER\n#endif\n"));
  EXPECT_FALSE(IsWholeFileGuarded("int a;\n"));
}

// testdata/cprefix configured into `dir`/build (a git work tree in `dir`/src), built, and
// its test run, so the sources are C that compiles and works.
std::string ConfigureCPrefix(const std::string& dir) {
  std::string src = dir + "/src";
  testing::CopyTree(testing::TestdataDir() + "/cprefix", src);
  EXPECT_EQ(testing::Run({"git", "init", "-q", src}).exit_code, 0);
  std::string build = dir + "/build";
  CommandResult r = testing::Run(
      {"cmake", "-S", src, "-B", build, "-G", "Ninja", "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  r = testing::Run({"cmake", "--build", build});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  r = testing::Run({"ctest", "--test-dir", build, "--output-on-failure"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  return build;
}

// Every fact of a database as sorted lines (scripts/eval/dump_facts.py).
std::string Facts(const std::string& db) {
  CommandResult r =
      testing::Run({"python3", testing::TestdataDir() + "/../scripts/eval/dump_facts.py", db});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

// The lines of `text` that contain `needle`.
std::vector<std::string> LinesWith(const std::string& text, const std::string& needle) {
  std::vector<std::string> out;
  size_t b = 0;
  while (b < text.size()) {
    size_t e = text.find('\n', b);
    if (e == std::string::npos) e = text.size();
    std::string line = text.substr(b, e - b);
    if (line.find(needle) != std::string::npos) out.push_back(line);
    b = e + 1;
  }
  return out;
}

// Indexes `build` twice, into `dir`/shared.db (verbose) and, with --no-shared-prefixes, into
// `dir`/each.db, and expects both databases to hold the same facts. `out` gets the output
// of the shared run, `facts` its facts.
void IndexBothWays(const std::string& build, const std::string& dir, std::string* out,
                   std::string* facts) {
  CommandResult a = Tia({"index", "-p", build, "--db", dir + "/shared.db", "-v", "-j2"});
  ASSERT_EQ(a.exit_code, 0) << a.out << a.err;
  CommandResult b =
      Tia({"index", "-p", build, "--db", dir + "/each.db", "--no-shared-prefixes", "-j2"});
  ASSERT_EQ(b.exit_code, 0) << b.out << b.err;
  *out = a.out;
  *facts = Facts(dir + "/shared.db");
  EXPECT_EQ(*facts, Facts(dir + "/each.db"));
}

TEST(SharedPrefix, RecordsTheFactsOfParsingTheHeaderInEveryTu) {
  testing::ScratchDir dir("prefix_facts");
  std::string build = ConfigureCPrefix(dir.path());
  std::string out, fa;
  ASSERT_NO_FATAL_FAILURE(IndexBothWays(build, dir.path(), &out, &fa));
  // The library's sources whose chain leads to common.h with nothing on the way it could
  // notice load it; peek.c (common.h tests peek.h's guard) and odd.c (a #define first)
  // parse it, as does the test: the one TU of its configuration (no forced config.h).
  for (const char* f : {"src/table.c", "src/list.c", "src/text.c", "src/hash.c", "src/late.c"}) {
    std::vector<std::string> l = LinesWith(out, std::string("indexed ") + f + " ");
    ASSERT_EQ(l.size(), 1u) << f << "\n" << out;
    EXPECT_NE(l[0].find("(shared prefix src/common.h)"), std::string::npos) << l[0];
  }
  for (const char* f : {"src/peek.c", "src/odd.c", "tests/store_test.c"}) {
    std::vector<std::string> l = LinesWith(out, std::string("indexed ") + f + " ");
    ASSERT_EQ(l.size(), 1u) << f << "\n" << out;
    EXPECT_EQ(l[0].find("shared prefix"), std::string::npos) << l[0];
  }
  // The facts compared hold what the prefix's parse contributes: a header body's call, the
  // declaration only peek.c's parse of common.h makes, both readings of kinds.def, and the
  // macro cp_round expands: config.h's in the library (the prefix's parse read the forced
  // include first), util.h's in the test.
  EXPECT_EQ(LinesWith(fa, "kind=1 c:common.h@F@cp_clamp -> c:util.h@F@cp_round").size(), 1u) << fa;
  EXPECT_EQ(LinesWith(fa, "decl src/common.h@").size() > 0, true);
  EXPECT_EQ(LinesWith(fa, "c:@F@cp_peek_mode def=0").size(), 1u) << fa;
  std::vector<std::string> kinds = LinesWith(fa, "edge src/kinds.def@");
  EXPECT_EQ(kinds.size(), 6u) << fa;
  std::vector<std::string> round = LinesWith(fa, "kind=6 c:util.h@F@cp_round -> c:");
  ASSERT_EQ(round.size(), 2u) << fa;
  EXPECT_NE(round[0].find("config.h@"), std::string::npos) << round[0];
  EXPECT_NE(round[1].find("util.h@"), std::string::npos) << round[1];
}

TEST(SharedPrefix, ChangedPrefixHeaderReindexesEveryTuThatLoadedIt) {
  testing::ScratchDir dir("prefix_change");
  std::string build = ConfigureCPrefix(dir.path());
  std::string shared = dir.path() + "/shared.db", each = dir.path() + "/each.db";
  ASSERT_EQ(Tia({"index", "-p", build, "--db", shared, "-j2"}).exit_code, 0);
  ASSERT_EQ(Tia({"index", "-p", build, "--db", each, "--no-shared-prefixes"}).exit_code, 0);
  testing::EditFile(dir.path() + "/src/src/util.h", "return (n + r - 1) / r * r;",
                    "return cp_log(\"round\"), (n + r) / r * r;");
  // util.h is an input of every TU, those that loaded it with the prefix included.
  CommandResult a = Tia({"index", "-p", build, "--db", shared, "-j2", "-v"});
  ASSERT_EQ(a.exit_code, 0) << a.out << a.err;
  EXPECT_NE(a.out.find("indexed 8 TUs (0 up to date"), std::string::npos) << a.out;
  EXPECT_NE(a.out.find("indexed src/table.c [ok]"), std::string::npos) << a.out;
  EXPECT_NE(a.out.find("(shared prefix src/common.h)"), std::string::npos) << a.out;
  CommandResult b = Tia({"index", "-p", build, "--db", each, "--no-shared-prefixes"});
  ASSERT_EQ(b.exit_code, 0) << b.out << b.err;
  std::string fa = Facts(shared);
  EXPECT_EQ(fa, Facts(each));
  EXPECT_EQ(LinesWith(fa, "kind=1 c:util.h@F@cp_round -> c:@F@cp_log").size(), 1u) << fa;
}

TEST(SharedPrefix, HeaderWithAnErrorIsNotShared) {
  testing::ScratchDir dir("prefix_error");
  std::string build = ConfigureCPrefix(dir.path());
  testing::EditFile(dir.path() + "/src/src/util.h", "void cp_log(const char* msg);",
                    "void cp_log(const char* msg);\nint broken = missing_name;");
  std::string out, facts;
  ASSERT_NO_FATAL_FAILURE(IndexBothWays(build, dir.path(), &out, &facts));
  EXPECT_NE(out.find("shared prefix src/common.h not used: src/util.h:"), std::string::npos) << out;
  EXPECT_NE(out.find("use of undeclared identifier 'missing_name'"), std::string::npos) << out;
  EXPECT_EQ(out.find("(shared prefix"), std::string::npos) << out;
}

// #include_next in the prefix's header would search from the first directory once that
// header is a main file: a prefix whose files use it is not shared.
TEST(SharedPrefix, IncludeNextIsNotShared) {
  testing::ScratchDir dir("prefix_include_next");
  std::string build = ConfigureCPrefix(dir.path());
  testing::EditFile(dir.path() + "/src/src/util.h", "#include <stddef.h>",
                    "#include_next <stddef.h>");
  std::string out, facts;
  ASSERT_NO_FATAL_FAILURE(IndexBothWays(build, dir.path(), &out, &facts));
  EXPECT_NE(out.find("shared prefix src/common.h not used: its files name include_next"),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find("(shared prefix"), std::string::npos) << out;
}

// The planner resolves `#include "common.h"` to one/common.h, the first -I directory that
// has one; clang drops -I one because it is also -isystem and reads two/common.h. Loading
// one's prefix would hide two's declarations behind the shared guard: the parse shows the
// #include resolved elsewhere, and each TU is parsed as usual.
TEST(SharedPrefix, IncludeResolvedElsewhereIsParsedAsUsual) {
  testing::ScratchDir dir("prefix_elsewhere");
  const std::string d = dir.path();
  std::filesystem::create_directories(d + "/src");
  std::filesystem::create_directories(d + "/build");
  for (const char* h : {"one", "two"}) {
    std::filesystem::create_directories(d + "/" + h);
    testing::WriteText(d + "/" + h + "/common.h",
                       std::string("#ifndef COMMON_H\n#define COMMON_H\n") + "int from_" + h +
                           "(void);\n#endif\n");
  }
  std::string json = "[";
  for (int i = 1; i <= 4; ++i) {
    std::string f = d + "/src/f" + std::to_string(i) + ".c";
    testing::WriteText(
        f, "#include \"common.h\"\nint f" + std::to_string(i) + "(void) { return 0; }\n");
    json += std::string(i > 1 ? "," : "") + "{\"directory\": \"" + d + "/build\", \"file\": \"" +
            f + "\", \"arguments\": [\"/usr/bin/cc\", \"-I" + d + "/one\", \"-I" + d +
            "/two\", \"-isystem\", \"" + d + "/one\", \"-c\", \"" + f + "\"]}";
  }
  testing::WriteText(d + "/build/compile_commands.json", json + "]");
  std::string out, fa;
  ASSERT_NO_FATAL_FAILURE(IndexBothWays(d + "/build", d, &out, &fa));
  EXPECT_EQ(out.find("(shared prefix"), std::string::npos) << out;
  EXPECT_EQ(LinesWith(fa, "symbol c:@F@from_two ").size(), 1u) << fa;
  EXPECT_EQ(LinesWith(fa, "from_one").size(), 0u) << fa;
}

// One source compiled into two programs, each with its own include directory holding a
// header of the same name (a generated test list, as libgit2's clar.suite): the directive
// resolves to both files, and the include table keeps both, whichever TU came first.
TEST(IncludeFacts, OneDirectiveResolvedTwoWaysKeepsBoth) {
  testing::ScratchDir dir("include_two_ways");
  const std::string src = dir.path() + "/src";
  std::filesystem::create_directories(src + "/one");
  std::filesystem::create_directories(src + "/two");
  testing::WriteText(src + "/CMakeLists.txt",
                     "cmake_minimum_required(VERSION 3.16)\nproject(twoways C)\n"
                     "add_executable(first runner.c)\n"
                     "target_include_directories(first PRIVATE one)\n"
                     "add_executable(second runner.c)\n"
                     "target_include_directories(second PRIVATE two)\n");
  testing::WriteText(src + "/runner.c",
                     "#include \"suite.h\"\nint main(void) { return SUITE_SIZE - SUITE_SIZE; }\n");
  testing::WriteText(src + "/one/suite.h", "#define SUITE_SIZE 1\n");
  testing::WriteText(src + "/two/suite.h", "#define SUITE_SIZE 2\n");
  ASSERT_EQ(testing::Run({"git", "init", "-q", src}).exit_code, 0);
  const std::string build = dir.path() + "/build";
  CommandResult r = testing::Run(
      {"cmake", "-S", src, "-B", build, "-G", "Ninja", "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  for (const char* j : {"1", "2"}) {
    std::string db = dir.path() + "/j" + j + ".db";
    CommandResult a = Tia({"index", "-p", build, "--db", db, "-j", j});
    ASSERT_EQ(a.exit_code, 0) << a.out << a.err;
    std::vector<std::string> inc = LinesWith(Facts(db), "include runner.c@");
    ASSERT_EQ(inc.size(), 2u) << Facts(db);
    EXPECT_NE(inc[0].find(":1 <suite.h> -> one/suite.h"), std::string::npos) << inc[0];
    EXPECT_NE(inc[1].find(":1 <suite.h> -> two/suite.h"), std::string::npos) << inc[1];
  }
}

}  // namespace
}  // namespace tia
