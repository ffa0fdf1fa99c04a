// UTF-8 validation and repair (see tia/util/utf8.h).
#include "tia/util/utf8.h"

namespace tia {

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool DecodeUtf8(std::string_view text, size_t i, uint32_t* cp, size_t* len) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  unsigned char c = s[i];
  uint32_t v = 0;
  size_t n = 0;
  if (c < 0x80) {
    v = c;
    n = 1;
  } else if ((c & 0xE0) == 0xC0) {
    v = c & 0x1F;
    n = 2;
  } else if ((c & 0xF0) == 0xE0) {
    v = c & 0x0F;
    n = 3;
  } else if ((c & 0xF8) == 0xF0) {
    v = c & 0x07;
    n = 4;
  } else {
    return false;
  }
  if (i + n > text.size()) return false;
  for (size_t k = 1; k < n; ++k) {
    if ((s[i + k] & 0xC0) != 0x80) return false;
    v = (v << 6) | (s[i + k] & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
  if ((n == 2 && v < 0x80) || (n == 3 && v < 0x800) || (n == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
      (v >= 0xD800 && v <= 0xDFFF))
    return false;
  *cp = v;
  *len = n;
  return true;
}

bool IsValidUtf8(std::string_view text) {
  uint32_t cp;
  size_t len;
  for (size_t i = 0; i < text.size(); i += len)
    if (!DecodeUtf8(text, i, &cp, &len)) return false;
  return true;
}

std::string ValidUtf8(std::string_view text) {
  if (IsValidUtf8(text)) return std::string(text);
  std::string out;
  out.reserve(text.size() + 16);
  uint32_t cp;
  size_t len;
  for (size_t i = 0; i < text.size();) {
    if (DecodeUtf8(text, i, &cp, &len)) {
      out.append(text.substr(i, len));
      i += len;
    } else {
      AppendUtf8(0xFFFD, &out);
      ++i;
    }
  }
  return out;
}

}  // namespace tia
