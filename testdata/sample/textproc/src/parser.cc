// Evaluation of token streams from the tokenizer.
#include "textproc/parser.h"

#include "textproc/tokenizer.h"

namespace textproc {

std::optional<int> EvaluateSum(const std::string& text) {
  std::vector<Token> tokens = Tokenize(text);
  if (tokens.empty() || tokens[0].kind != TokenKind::kNumber) return std::nullopt;
  int result = tokens[0].value;
  for (size_t i = 1; i < tokens.size(); i += 2) {
    if (i + 1 >= tokens.size() || tokens[i + 1].kind != TokenKind::kNumber) return std::nullopt;
    if (tokens[i].kind == TokenKind::kPlus)
      result += tokens[i + 1].value;
    else if (tokens[i].kind == TokenKind::kMinus)
      result -= tokens[i + 1].value;
    else
      return std::nullopt;
  }
  return result;
}

}  // namespace textproc
