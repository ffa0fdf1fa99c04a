// Helpers shared by the libFuzzer targets: property checks that abort with a message (so
// libFuzzer saves the input) and splitting one input into several fields.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace tia::fuzz {

// Aborts with "property violated: WHAT" unless `ok`.
inline void Check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "property violated: %s\n", what);
  std::abort();
}

// The input split at NUL bytes (text formats never hold a raw NUL, so a NUL separates
// fields: file contents, a name and a message...). Always at least one part.
inline std::vector<std::string> SplitAtNul(std::string_view input) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (;;) {
    size_t nul = input.find('\0', start);
    parts.emplace_back(input.substr(start, nul == std::string_view::npos ? nul : nul - start));
    if (nul == std::string_view::npos) return parts;
    start = nul + 1;
  }
}

}  // namespace tia::fuzz
