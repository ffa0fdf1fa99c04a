// Small string helpers shared by every module: prefix and suffix tests, trimming, joining,
// case folding, and seconds as people read them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tia {

inline bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}
inline bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// `s` without leading and trailing spaces, tabs, carriage returns and newlines.
std::string_view TrimView(std::string_view s);
inline std::string Trim(std::string_view s) {
  return std::string(TrimView(s));
}

// The parts joined by `sep` ("a, b" for {"a", "b"} and ", ").
std::string Join(const std::vector<std::string>& parts, std::string_view sep);

// ASCII lower case.
std::string Lower(std::string_view s);

// A C++ name without its template arguments: "ns::Formatter<Ctx>::operator()" ->
// "ns::Formatter::operator()". The '<' of an operator name (operator<, operator<<=,
// operator<=>) is kept.
std::string StripTemplateArgs(std::string_view q);

// Seconds with one decimal: "12.3 s", and "2.5 min" from a minute on.
std::string FormatDuration(double seconds);

// Seconds with two decimals and no space, as test reports print them: "0.25s".
std::string SecondsText(double seconds);

}  // namespace tia
