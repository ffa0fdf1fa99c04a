#pragma once

#include <string>

// How many digits a number has, or how many letters a word has.
int Read(const std::string& text);
int ReadNumber(const std::string& text);
auto ReadWord(const std::string& text) -> int;

// Used at compile time only.
constexpr int Scale() {
  return 2;
}
