// The old checksum: compiled into core, called by nothing. std::string reaches this file
// only through text_types.h.
#include "core/legacy.h"

#include "core/text_types.h"

namespace core {
unsigned LegacyChecksum(const char* data) {
  std::string text(data);
  unsigned sum = 0;
  for (char c : text) sum = sum * 31 + static_cast<unsigned char>(c);
  return sum;
}
}  // namespace core
