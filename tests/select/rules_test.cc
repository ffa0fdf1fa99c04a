// Unit tests of the pure parts of selection: path globs, tia.toml parsing and its errors,
// GoogleTest filter matching of indexed cases.
#include <gtest/gtest.h>

#include "tia/select/rules.h"
#include "tia/select/test_model.h"

namespace tia {
namespace {

TEST(GlobMatch, ComponentWildcardsStayInOneComponent) {
  EXPECT_TRUE(GlobMatch("docs/*.md", "docs/intro.md"));
  EXPECT_FALSE(GlobMatch("docs/*.md", "docs/sub/intro.md"));
  EXPECT_TRUE(GlobMatch("src/?.cc", "src/a.cc"));
  EXPECT_FALSE(GlobMatch("src/?.cc", "src/ab.cc"));
}

TEST(GlobMatch, DoubleStarSpansComponents) {
  EXPECT_TRUE(GlobMatch("docs/**", "docs/a/b/c.txt"));
  EXPECT_TRUE(GlobMatch("**/*.md", "README.md"));
  EXPECT_TRUE(GlobMatch("**/*.md", "a/b/NOTES.md"));
  EXPECT_TRUE(GlobMatch("testdata/**/golden.txt", "testdata/golden.txt"));
  EXPECT_FALSE(GlobMatch("docs/**", "src/docs.cc"));
}

// Many `**` against a deep path: backtracking made this exponential (minutes for 16 `**`
// and 40 components, so `tia select` hung on such a tia.toml rule); it is now one pass per
// pattern component.
TEST(GlobMatch, ManyDoubleStarsStayLinear) {
  std::string pattern, deep;
  for (int i = 0; i < 30; ++i) pattern += "**/";
  for (int i = 0; i < 200; ++i) deep += "a/";
  EXPECT_FALSE(GlobMatch(pattern + "x", deep + "b"));
  EXPECT_TRUE(GlobMatch(pattern + "b", deep + "b"));
  EXPECT_TRUE(GlobMatch("**/a/**/a/**/b", deep + "b"));
  EXPECT_FALSE(GlobMatch("**/a/**/c/**", deep + "b"));
  EXPECT_TRUE(GlobMatch("**", ""));
  EXPECT_TRUE(GlobMatch("a/**", "a"));
}

TEST(GlobMatch, PatternWithoutSlashMatchesBasenameAnywhere) {
  EXPECT_TRUE(GlobMatch("*.md", "deep/down/CHANGES.md"));
  EXPECT_FALSE(GlobMatch("*.md", "deep/down/CHANGES.mdx"));
}

TEST(WildcardMatch, GoogleTestSemantics) {
  EXPECT_TRUE(WildcardMatch("Suite.*", "Suite.Case"));
  EXPECT_TRUE(WildcardMatch("*", ""));
  EXPECT_TRUE(WildcardMatch("a*b*c", "aXXbYYc"));
  EXPECT_FALSE(WildcardMatch("a*b*c", "aXXbYY"));
}

TEST(ProjectConfig, ParsesRulesInOrder) {
  ProjectConfig c;
  std::string err;
  ASSERT_TRUE(ParseProjectConfig(R"([[rule]]
paths = ["docs/**", "*.md"]
select = "none"

[[rule]]
paths = "testdata/parser/**"
tests = ["Parser*"]
labels = ["parser"]
)",
                                 "tia.toml", &c, &err))
      << err;
  ASSERT_EQ(c.rules.size(), 2u);
  EXPECT_EQ(c.rules[0].action, PathRule::Action::kNone);
  EXPECT_EQ(c.rules[1].action, PathRule::Action::kTests);
  EXPECT_EQ(c.rules[1].line, 5);
  ASSERT_NE(c.Match("README.md"), nullptr);
  EXPECT_EQ(c.Match("README.md")->action, PathRule::Action::kNone);
  EXPECT_EQ(c.Match("testdata/parser/x.txt"), &c.rules[1]);
  EXPECT_EQ(c.Match("src/parser.cc"), nullptr);
}

TEST(ProjectConfig, ErrorsNameFileLineAndProblem) {
  struct Case {
    const char* text;
    const char* expected;
  };
  const Case cases[] = {
      {"[[rule]]\npaths = [\"a\"]\nselect = \"some\"\n", "tia.toml:1: select must be"},
      {"[[rule]]\nselect = \"none\"\n", "tia.toml:1: rule has no paths"},
      {"[[rule]]\npaths = [\"a\"]\n", "needs select"},
      {"[[rule]]\npaths = [\"a\"]\nselect = \"all\"\ntests = [\"x\"]\n", "not both"},
      {"[[rule]]\npaths = [1]\nselect = \"all\"\n", "paths must contain only strings"},
      {"[[rule]]\npaths = [\"a\"]\nwhat = 1\nselect = \"all\"\n", "unknown rule key 'what'"},
      {"other = 1\n", "tia.toml:1: unknown key 'other'"},
      {"rule = 3\n", "'rule' must be an array of tables"},
      {"[[rule]\n", "tia.toml:1:"},
  };
  for (const Case& c : cases) {
    ProjectConfig config;
    std::string err;
    EXPECT_FALSE(ParseProjectConfig(c.text, "tia.toml", &config, &err)) << c.text;
    EXPECT_NE(err.find(c.expected), std::string::npos) << c.text << " gave: " << err;
  }
}

GraphTestCase Case(const char* macro, const char* suite, const char* name) {
  GraphTestCase c;
  c.framework = "gtest";
  c.macro = macro;
  c.suite = suite;
  c.name = name;
  return c;
}

TEST(TestModel, GtestPatternsCoverParameterizedAndTypedNames) {
  EXPECT_EQ(TestModel::GtestPattern(Case("TEST", "S", "N")), "S.N");
  EXPECT_EQ(TestModel::GtestPattern(Case("TEST_P", "S", "N")), "*/S.N/*:S.N/*");
  EXPECT_EQ(TestModel::GtestPattern(Case("TYPED_TEST", "S", "N")), "S/*.N");
  EXPECT_EQ(TestModel::GtestPattern(Case("TYPED_TEST_P", "S", "N")), "*/S/*.N:S/*.N");
}

TEST(TestModel, FilterMayRunNeverDropsACaseThatMightRun) {
  EXPECT_TRUE(TestModel::FilterMayRun("S.*", Case("TEST", "S", "N")));
  EXPECT_FALSE(TestModel::FilterMayRun("T.*", Case("TEST", "S", "N")));
  EXPECT_FALSE(TestModel::FilterMayRun("*-S.N", Case("TEST", "S", "N")));
  EXPECT_TRUE(TestModel::FilterMayRun("Evens/S.N/2", Case("TEST_P", "S", "N")));
  EXPECT_TRUE(TestModel::FilterMayRun("Evens/*", Case("TEST_P", "S", "N")));
  // A negative pattern cannot be sure about a parameterized name: keep the case.
  EXPECT_TRUE(TestModel::FilterMayRun("*-*/S.N/1", Case("TEST_P", "S", "N")));
  EXPECT_FALSE(TestModel::FilterMayRun("Other.N", Case("TEST_P", "S", "N")));
}

}  // namespace
}  // namespace tia
