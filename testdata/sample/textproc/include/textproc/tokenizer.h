// Splits arithmetic text into number and operator tokens.
#pragma once

#include <string>
#include <vector>

namespace textproc {

enum class TokenKind { kNumber, kPlus, kMinus };

struct Token {
  TokenKind kind;
  int value = 0;  // for kNumber
};

// Tokenize("1 + 20") -> {1, +, 20}. Unknown characters are skipped.
std::vector<Token> Tokenize(const std::string& text);

}  // namespace textproc
