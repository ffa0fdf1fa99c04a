// Grammar, precedence, printing and every syntax error of constraint expressions.
#include "tia/constraint/expr.h"

#include <gtest/gtest.h>

namespace tia::constraint {
namespace {

// Evaluates `text` with the comma-separated `true_tags` true; fails the test on parse error.
bool E(std::string_view text, std::string_view true_tags) {
  ParseError err;
  std::optional<Expr> e = Parse(text, &err);
  EXPECT_TRUE(e) << text << ": " << err.column << ": " << err.message;
  if (!e) return false;
  std::set<std::string, std::less<>> tags;
  size_t start = 0;
  while (start < true_tags.size()) {
    size_t comma = true_tags.find(',', start);
    if (comma == std::string_view::npos) comma = true_tags.size();
    tags.emplace(true_tags.substr(start, comma - start));
    start = comma + 1;
  }
  return Eval(*e, tags);
}

std::string Canon(std::string_view text) {
  ParseError err;
  std::optional<Expr> e = Parse(text, &err);
  EXPECT_TRUE(e) << text << ": " << err.message;
  return e ? ToString(*e) : "";
}

// Expects `text` to fail at `column` with a message containing `message`.
void ExpectError(std::string_view text, int column, std::string_view message) {
  ParseError err;
  std::optional<Expr> e = Parse(text, &err);
  ASSERT_FALSE(e) << "parsed: " << text;
  EXPECT_EQ(err.column, column) << text << ": " << err.message;
  EXPECT_NE(err.message.find(message), std::string::npos)
      << text << ": got \"" << err.message << "\", want \"" << message << "\"";
}

TEST(ConstraintExpr, SingleTag) {
  EXPECT_TRUE(E("linux", "linux"));
  EXPECT_FALSE(E("linux", "darwin"));
  EXPECT_FALSE(E("linux", ""));
}

TEST(ConstraintExpr, TagCharacters) {
  EXPECT_TRUE(E("go1.21", "go1.21"));
  EXPECT_TRUE(E("x86_64", "x86_64"));
  EXPECT_TRUE(E("_private.tag_9", "_private.tag_9"));
  EXPECT_TRUE(E("123", "123"));
  EXPECT_TRUE(E(".", "."));
  EXPECT_FALSE(E("Linux", "linux"));  // case-sensitive
  EXPECT_TRUE(IsValidTag("a.b_c9"));
  EXPECT_FALSE(IsValidTag(""));
  EXPECT_FALSE(IsValidTag("a-b"));
}

TEST(ConstraintExpr, Not) {
  EXPECT_FALSE(E("!linux", "linux"));
  EXPECT_TRUE(E("!linux", "darwin"));
  EXPECT_TRUE(E("! linux", ""));
  EXPECT_TRUE(E("!(!linux)", "linux"));
  EXPECT_FALSE(E("!(a || b)", "b"));
  EXPECT_TRUE(E("!(a && b)", "b"));
}

TEST(ConstraintExpr, AndOr) {
  EXPECT_TRUE(E("a && b", "a,b"));
  EXPECT_FALSE(E("a && b", "a"));
  EXPECT_TRUE(E("a || b", "b"));
  EXPECT_FALSE(E("a || b", "c"));
  EXPECT_TRUE(E("a&&b&&c", "a,b,c"));
  EXPECT_FALSE(E("a&&b&&c", "a,c"));
  EXPECT_TRUE(E("a||b||c", "c"));
}

TEST(ConstraintExpr, AndBindsTighterThanOr) {
  // a || (b && c)
  EXPECT_TRUE(E("a || b && c", "a"));
  EXPECT_FALSE(E("a || b && c", "b"));
  EXPECT_TRUE(E("a || b && c", "b,c"));
  // (a && b) || c
  EXPECT_TRUE(E("a && b || c", "c"));
  EXPECT_FALSE(E("a && b || c", "a"));
  // ! binds tighter than &&
  EXPECT_TRUE(E("!a && b", "b"));
  EXPECT_FALSE(E("!a && b", "a,b"));
  EXPECT_EQ(Canon("a || b && c"), "a || (b && c)");
  EXPECT_EQ(Canon("a && b || c"), "(a && b) || c");
}

TEST(ConstraintExpr, Parentheses) {
  EXPECT_FALSE(E("(a || b) && c", "a"));
  EXPECT_TRUE(E("(a || b) && c", "b,c"));
  EXPECT_TRUE(E("((a))", "a"));
  EXPECT_TRUE(E("( a || b ) && !( c )", "a"));
  EXPECT_EQ(Canon("((a))"), "a");
  EXPECT_EQ(Canon("(a || b) && c"), "(a || b) && c");
}

TEST(ConstraintExpr, Whitespace) {
  EXPECT_TRUE(E("  a\t&&\tb  ", "a,b"));
  EXPECT_TRUE(E("a&&!b", "a"));
  EXPECT_TRUE(E("(a)||(b)", "b"));
}

TEST(ConstraintExpr, CanonicalPrinting) {
  EXPECT_EQ(Canon("a&&b"), "a && b");
  EXPECT_EQ(Canon("a && b && c"), "a && b && c");
  EXPECT_EQ(Canon("a && (b && c)"), "a && (b && c)");
  EXPECT_EQ(Canon("!(!a)"), "!(!a)");
  EXPECT_EQ(Canon("!(a||b)"), "!(a || b)");
  EXPECT_EQ(Canon("!a"), "!a");
}

TEST(ConstraintExpr, TagsListed) {
  ParseError err;
  auto e = Parse("b && (a || !c) && b", &err);
  ASSERT_TRUE(e);
  EXPECT_EQ(Tags(*e), (std::vector<std::string>{"a", "b", "c"}));
}

TEST(ConstraintExpr, ErrorEmpty) {
  ExpectError("", 1, "empty expression");
  ExpectError("   ", 4, "empty expression");
}

TEST(ConstraintExpr, ErrorDoubleNegation) {
  ExpectError("!!x", 2, "\"!!\" is not allowed");
  ExpectError("a && ! !x", 8, "\"!!\" is not allowed");
}

TEST(ConstraintExpr, ErrorSingleAmpersandOrBar) {
  ExpectError("a & b", 3, "\"&\" must be \"&&\"");
  ExpectError("a | b", 3, "\"|\" must be \"||\"");
  ExpectError("a &", 3, "\"&\" must be \"&&\"");
  ExpectError("a &| b", 3, "\"&\" must be \"&&\"");
}

TEST(ConstraintExpr, ErrorBadCharacter) {
  ExpectError("a && b-c", 7, "invalid character \"-\"");
  ExpectError("linux,amd64", 6, "invalid character \",\"");
  ExpectError("a\x01", 2, "invalid character \"\\x01\"");
  ExpectError("\"a\"", 1, "invalid character");
}

TEST(ConstraintExpr, ErrorUnexpectedOperator) {
  ExpectError("&& a", 1, "unexpected \"&&\"");
  ExpectError("a && && b", 6, "unexpected \"&&\"");
  ExpectError("a || || b", 6, "unexpected \"||\"");
  ExpectError("a && || b", 6, "unexpected \"||\"");
  ExpectError("()", 2, "unexpected \")\"");
  ExpectError("!", 2, "unexpected end of expression");
  ExpectError("a &&", 5, "unexpected end of expression");
  ExpectError("a ||   ", 8, "unexpected end of expression");
  ExpectError("! && a", 3, "unexpected \"&&\"");
}

TEST(ConstraintExpr, ErrorMissingParen) {
  ExpectError("(a", 3, "missing \")\" to close \"(\" at column 1");
  ExpectError("a && (b || (c)", 15, "missing \")\" to close \"(\" at column 6");
  ExpectError("(a b)", 4, "missing \")\"");
}

TEST(ConstraintExpr, ErrorTrailingInput) {
  ExpectError("a b", 3, "unexpected \"b\": expected \"&&\", \"||\" or end of expression");
  ExpectError("a)", 2, "unexpected \")\" without matching \"(\"");
  ExpectError("(a) (b)", 5, "unexpected \"(\"");
  ExpectError("a !b", 3, "unexpected \"!\"");
}

TEST(ConstraintExpr, ErrorTooLong) {
  std::string s = "a";
  for (int i = 0; i < 600; ++i) s += " && a";
  ExpectError(s, 1 + 1000 / 2 * 5, "expression too long");
  std::string deep(2000, '(');
  ExpectError(deep, 1001, "expression too long");
}

}  // namespace
}  // namespace tia::constraint
