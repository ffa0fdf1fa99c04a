// Finds the lines of a C/C++ text that hold code (see changes.h).
#include "changes.h"

#include <cctype>
#include <string>

namespace tia {

std::vector<bool> CodeLines(std::string_view text) {
  std::vector<bool> has_code(2, false);
  size_t line = 1;
  auto mark = [&] { has_code[line] = true; };
  auto newline = [&] {
    ++line;
    has_code.push_back(false);
  };
  enum { kCode, kLineComment, kBlockComment, kString, kChar, kRaw } state = kCode;
  std::string_view raw_end;  // )delim" of the current raw string
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    char next = i + 1 < text.size() ? text[i + 1] : '\0';
    if (c == '\n') {
      if (state == kLineComment) state = kCode;
      // A backslash-newline inside a string keeps the string open; otherwise an
      // unterminated literal ends at the line end.
      if ((state == kString || state == kChar) && (i == 0 || text[i - 1] != '\\')) state = kCode;
      newline();
      continue;
    }
    switch (state) {
      case kCode:
        if (c == '/' && next == '/') {
          state = kLineComment;
          ++i;
        } else if (c == '/' && next == '*') {
          state = kBlockComment;
          ++i;
        } else if (c == 'R' && next == '"' &&
                   (i == 0 || !(std::isalnum(static_cast<unsigned char>(text[i - 1])) ||
                                text[i - 1] == '_'))) {
          size_t open = text.find('(', i + 2);
          if (open == std::string_view::npos) {
            mark();
            break;
          }
          std::string_view delim = text.substr(i + 2, open - (i + 2));
          static thread_local std::string end;
          end = ")" + std::string(delim) + "\"";
          raw_end = end;
          state = kRaw;
          mark();
          i = open;
        } else if (c == '"') {
          state = kString;
          mark();
        } else if (c == '\'') {
          // Digit separators (1'000) are not character literals.
          if (i > 0 && std::isxdigit(static_cast<unsigned char>(text[i - 1]))) {
            mark();
          } else {
            state = kChar;
            mark();
          }
        } else if (!std::isspace(static_cast<unsigned char>(c)) && c != '\\') {
          mark();
        }
        break;
      case kLineComment:
        break;
      case kBlockComment:
        if (c == '*' && next == '/') {
          state = kCode;
          ++i;
        }
        break;
      case kString:
      case kChar:
        mark();
        if (c == '\\') {
          if (next == '\n') continue;  // handled by the newline branch
          ++i;
        } else if ((state == kString && c == '"') || (state == kChar && c == '\'')) {
          state = kCode;
        }
        break;
      case kRaw:
        mark();
        if (text.substr(i, raw_end.size()) == raw_end) {
          i += raw_end.size() - 1;
          state = kCode;
        }
        break;
    }
  }
  return has_code;
}

}  // namespace tia
