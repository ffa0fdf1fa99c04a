// Finds the lines of a C/C++ text that hold code, and its tokens (see changes.h).
#include <cctype>
#include <string>

#include "changes.h"

namespace tia {
namespace {

bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

}  // namespace

CodeText LexCode(std::string_view text) {
  CodeText out;
  out.has_code.assign(2, false);
  int line = 1;
  auto mark = [&] { out.has_code[line] = true; };
  auto newline = [&] {
    ++line;
    out.has_code.push_back(false);
  };
  enum { kCode, kLineComment, kBlockComment, kString, kChar, kRaw } state = kCode;
  enum class Tok { kNone, kWord, kPunct, kLiteral } tok = Tok::kNone;
  CodeToken cur;
  auto flush = [&] {
    if (tok != Tok::kNone) {
      cur.last_line = line;
      out.tokens.push_back(std::move(cur));
    }
    cur = CodeToken();
    tok = Tok::kNone;
  };
  auto start = [&](Tok t) {
    flush();
    tok = t;
    cur.first_line = line;
  };
  auto add = [&](char c) { cur.text.push_back(c); };
  bool line_start = true;  // only whitespace so far on this line (outside comments)
  std::string raw_end;     // )delim" of the current raw string
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    char next = i + 1 < text.size() ? text[i + 1] : '\0';
    if (c == '\n') {
      if (state == kLineComment) state = kCode;
      // A backslash-newline inside a string keeps the string open; otherwise an
      // unterminated literal ends at the line end.
      if ((state == kString || state == kChar) && (i == 0 || text[i - 1] != '\\')) {
        state = kCode;
        flush();
      }
      if (state == kString || state == kChar || state == kRaw) {
        add(c);
      } else if (tok != Tok::kLiteral) {
        flush();
      }
      newline();
      line_start = true;
      continue;
    }
    switch (state) {
      case kCode:
        if (c == '/' && next == '/') {
          flush();
          state = kLineComment;
          ++i;
        } else if (c == '/' && next == '*') {
          flush();
          state = kBlockComment;
          ++i;
        } else if (c == '#' && line_start) {
          // A preprocessor directive: the whole logical line is one token, spacing included.
          start(Tok::kPunct);
          size_t j = i;
          for (; j < text.size() && text[j] != '\n'; ++j) {
            if (text[j] == '\\' && j + 1 < text.size() && text[j + 1] == '\n') {
              mark();
              add('\\');
              newline();
              ++j;
              continue;
            }
            add(text[j]);
          }
          mark();
          while (!cur.text.empty() && std::isspace(static_cast<unsigned char>(cur.text.back())))
            cur.text.pop_back();
          size_t open = cur.text.rfind("/*");
          if (open != std::string::npos && cur.text.find("*/", open + 2) == std::string::npos)
            state = kBlockComment;
          flush();
          i = j - 1;
        } else if (c == 'R' && next == '"' && (i == 0 || !IsWordChar(text[i - 1]))) {
          size_t open = text.find('(', i + 2);
          if (open == std::string_view::npos) {
            mark();
            start(Tok::kPunct);
            add(c);
            break;
          }
          std::string_view delim = text.substr(i + 2, open - (i + 2));
          raw_end = ")" + std::string(delim) + "\"";
          state = kRaw;
          mark();
          start(Tok::kLiteral);
          cur.text.append(text.substr(i, open + 1 - i));
          i = open;
        } else if (c == '"') {
          state = kString;
          mark();
          start(Tok::kLiteral);
          add(c);
        } else if (c == '\'') {
          mark();
          // Digit separators (1'000) are not character literals.
          if (tok == Tok::kWord && i > 0 &&
              std::isxdigit(static_cast<unsigned char>(text[i - 1]))) {
            add(c);
          } else {
            state = kChar;
            start(Tok::kLiteral);
            add(c);
          }
        } else if (std::isspace(static_cast<unsigned char>(c)) || c == '\\') {
          flush();
        } else if (IsWordChar(c)) {
          mark();
          if (tok != Tok::kWord) start(Tok::kWord);
          add(c);
        } else {
          mark();
          if (tok != Tok::kPunct) start(Tok::kPunct);
          add(c);
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
        add(c);
        if (c == '\\') {
          if (next == '\n') continue;  // handled by the newline branch
          add(next);
          ++i;
        } else if ((state == kString && c == '"') || (state == kChar && c == '\'')) {
          state = kCode;
          flush();
        }
        break;
      case kRaw:
        mark();
        if (text.substr(i, raw_end.size()) == raw_end) {
          cur.text += raw_end;
          i += raw_end.size() - 1;
          state = kCode;
          flush();
        } else {
          add(c);
        }
        break;
    }
    if (state != kLineComment && state != kBlockComment &&
        !std::isspace(static_cast<unsigned char>(c)))
      line_start = false;
  }
  flush();
  return out;
}

std::vector<std::string> TokensInLines(const CodeText& code, int first, int count) {
  std::vector<std::string> out;
  int last = first + count - 1;
  for (const CodeToken& t : code.tokens)
    if (t.last_line >= first && t.first_line <= last) out.push_back(t.text);
  return out;
}

}  // namespace tia
