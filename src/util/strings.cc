// Small string helpers shared by every module (see tia/util/strings.h).
#include "tia/util/strings.h"

#include <cstdio>

namespace tia {

std::string_view TrimView(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += sep;
    out += parts[i];
  }
  return out;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string StripTemplateArgs(std::string_view q) {
  std::string out;
  int depth = 0;
  for (size_t i = 0; i < q.size(); ++i) {
    if (depth == 0 && q.compare(i, 8, "operator") == 0) {
      size_t end = i + 8;
      while (end < q.size() && std::string_view("<>=!+-*/%^&|~").find(q[end]) != std::string::npos)
        ++end;
      out.append(q.substr(i, end - i));
      i = end - 1;
      continue;
    }
    char c = q[i];
    if (c == '<') {
      ++depth;
    } else if (c == '>' && depth > 0) {
      --depth;
    } else if (depth == 0) {
      out += c;
    }
  }
  return out;
}

std::string FormatDuration(double seconds) {
  char buf[32];
  if (seconds < 60)
    std::snprintf(buf, sizeof buf, "%.1f s", seconds);
  else
    std::snprintf(buf, sizeof buf, "%.1f min", seconds / 60.0);
  return buf;
}

std::string SecondsText(double seconds) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2fs", seconds);
  return buf;
}

}  // namespace tia
