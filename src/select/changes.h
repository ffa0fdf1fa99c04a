// Internal to select: which lines of a source text hold code (not only comments or
// whitespace), so comment-only edits select nothing.
#pragma once

#include <string_view>
#include <vector>

namespace tia {

// has_code[i] is true when line i (1-based; index 0 unused) has a token outside comments.
// Strings and character literals count as code; raw strings are recognised.
std::vector<bool> CodeLines(std::string_view text);

}  // namespace tia
