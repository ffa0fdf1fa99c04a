// Making text from the outside world (file names, test names, test output) valid UTF-8
// before it enters a JSON or XML report, which must be valid UTF-8 to parse.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tia {

// `text` with every byte that does not start a well-formed UTF-8 sequence (stray
// continuation bytes, truncated sequences, overlong forms, surrogates, values past
// U+10FFFF) replaced by U+FFFD, one per byte. Valid text comes back unchanged.
std::string ValidUtf8(std::string_view text);

// True when `text` is well-formed UTF-8 (ValidUtf8(text) == text).
bool IsValidUtf8(std::string_view text);

// Appends the UTF-8 encoding of code point `cp` (at most U+10FFFF) to `out`.
void AppendUtf8(uint32_t cp, std::string* out);

// Decodes the sequence starting at text[i]: true with the code point and its length in
// bytes when it is well-formed, false when text[i] starts no valid sequence.
bool DecodeUtf8(std::string_view text, size_t i, uint32_t* cp, size_t* len);

}  // namespace tia
