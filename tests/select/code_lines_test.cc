// The lexer behind comment- and whitespace-only edits (LexCode, TokensInLines): which
// lines hold code, and the tokens two versions of a span are compared by.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "changes.h"

namespace tia {
namespace {

std::vector<std::string> Texts(const CodeText& c) {
  std::vector<std::string> out;
  for (const CodeToken& t : c.tokens) out.push_back(t.text);
  return out;
}

TEST(LexCode, CommentsAndBlankLinesHoldNoCode) {
  CodeText c = LexCode("int a = 1; // note\n/* block\n still */\n\nfoo(\"x // y\");\n");
  EXPECT_EQ(c.has_code, (std::vector<bool>{false, true, false, false, false, true, false}));
  EXPECT_EQ(Texts(c),
            (std::vector<std::string>{"int", "a", "=", "1", ";", "foo", "(", "\"x // y\"", ");"}));
  EXPECT_EQ(c.tokens[5].first_line, 5);
}

TEST(LexCode, ACommentOnlyEditKeepsTheTokens) {
  EXPECT_EQ(Texts(LexCode("a(b);  // old\n")), Texts(LexCode("a( b ); /* new */\n")));
  EXPECT_NE(Texts(LexCode("a(b);\n")), Texts(LexCode("a(c);\n")));
}

TEST(LexCode, DirectivesAreOneTokenWithTheirSpacing) {
  CodeText c = LexCode("#define F(x) (x)\n  # include <a.h>  \nint b; # not a directive\n");
  std::vector<std::string> t = Texts(c);
  ASSERT_GE(t.size(), 2u);
  EXPECT_EQ(t[0], "#define F(x) (x)");
  EXPECT_EQ(t[1], "# include <a.h>");
  EXPECT_NE(Texts(LexCode("#define F(x) x\n")), Texts(LexCode("#define F (x) x\n")));
  // A directive continued with a backslash spans both lines.
  CodeText cont = LexCode("#define G \\\n  1\nint c;\n");
  EXPECT_TRUE(cont.has_code[2]);
  EXPECT_EQ(cont.tokens[0].first_line, 1);
}

TEST(LexCode, RawStringsSpanLinesAndHideCommentMarkers) {
  CodeText c = LexCode("auto s = R\"d(one // two\n)\" not end\n)d\";\nint x;\n");
  std::vector<std::string> t = Texts(c);
  ASSERT_EQ(t.size(), 8u);
  EXPECT_EQ(t[3], "R\"d(one // two\n)\" not end\n)d\"");
  EXPECT_EQ(c.tokens[3].first_line, 1);
  EXPECT_EQ(c.tokens[3].last_line, 3);
  EXPECT_TRUE(c.has_code[2]);
  // The tokens overlapping line 3: the end of the raw string and what follows it.
  EXPECT_EQ(TokensInLines(c, 3, 1), (std::vector<std::string>{t[3], ";"}));
  EXPECT_EQ(TokensInLines(c, 4, 1), (std::vector<std::string>{"int", "x", ";"}));
}

TEST(LexCode, DigitSeparatorsAreNotCharacterLiterals) {
  EXPECT_EQ(Texts(LexCode("x = 1'000; c = 'a';\n")),
            (std::vector<std::string>{"x", "=", "1'000", ";", "c", "=", "'a'", ";"}));
}

}  // namespace
}  // namespace tia
