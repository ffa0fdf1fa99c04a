// Tests of the tokenizer and parser; run as one CTest test (textproc_all).
#include <gtest/gtest.h>

#include "textproc/parser.h"
#include "textproc/tokenizer.h"

namespace {

TEST(TokenizerTest, NumbersAndOperators) {
  auto tokens = textproc::Tokenize("12 + 3");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].value, 12);
  EXPECT_EQ(tokens[1].kind, textproc::TokenKind::kPlus);
  EXPECT_EQ(tokens[2].value, 3);
}

TEST(ParserTest, Sum) {
  EXPECT_EQ(textproc::EvaluateSum("1 + 2 - 4"), -1);
}

TEST(ParserTest, Malformed) {
  EXPECT_FALSE(textproc::EvaluateSum("1 +").has_value());
}

}  // namespace
