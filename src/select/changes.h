// Internal to select: which lines of a source text hold code (not only comments or
// whitespace), and the text's tokens, so comment-only and whitespace-only edits select nothing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tia {

// A token of C/C++ text, for comparing two versions of a span of lines: a word (identifier,
// number, keyword), a run of adjacent punctuation, a whole literal, or a whole preprocessor
// directive line (where spacing can matter: `#define F(x)` is not `#define F (x)`).
struct CodeToken {
  int first_line = 0;  // 1-based
  int last_line = 0;   // > first_line for literals spanning lines
  std::string text;
};

// The lexical view of a text.
struct CodeText {
  // has_code[i] is true when line i (1-based; index 0 unused) has a token outside comments.
  // Strings and character literals count as code; raw strings are recognised.
  std::vector<bool> has_code;
  std::vector<CodeToken> tokens;  // in text order
};

// Tokenizes `text`.
CodeText LexCode(std::string_view text);

// The texts of the tokens that overlap lines [first, first + count).
std::vector<std::string> TokensInLines(const CodeText& code, int first, int count);

}  // namespace tia
