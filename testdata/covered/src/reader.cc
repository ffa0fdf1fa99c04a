#include "reader.h"

#include <cctype>

int Read(const std::string& text) {
  if (!text.empty() && std::isdigit(static_cast<unsigned char>(text[0]))) return ReadNumber(text);
  return ReadWord(text);
}

int ReadNumber(const std::string& text) {
  int n = 0;
  for (char c : text)
    if (std::isdigit(static_cast<unsigned char>(c))) ++n;
  return n;
}

// A trailing return type: `auto` here deduces nothing.
auto ReadWord(const std::string& text) -> int {
  int n = 0;
  for (char c : text)
    if (std::isalpha(static_cast<unsigned char>(c))) ++n;
  return n;
}
