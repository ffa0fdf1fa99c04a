// Tokenizer for sums and differences of integers.
#include "textproc/tokenizer.h"

#include <cctype>

namespace textproc {

std::vector<Token> Tokenize(const std::string& text) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      int value = 0;
      while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])))
        value = value * 10 + (text[i++] - '0');
      tokens.push_back({TokenKind::kNumber, value});
      continue;
    }
    if (c == '+') tokens.push_back({TokenKind::kPlus});
    if (c == '-') tokens.push_back({TokenKind::kMinus});
    ++i;
  }
  return tokens;
}

}  // namespace textproc
