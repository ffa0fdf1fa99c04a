// An old checksum nobody calls any more.
#pragma once

namespace core {
unsigned LegacyChecksum(const char* data);
}  // namespace core
