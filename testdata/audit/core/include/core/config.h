// The hub: every header of the project includes it.
#pragma once

#define CORE_LIMIT 64

namespace core {
inline int Clamp(int v) { return v > CORE_LIMIT ? CORE_LIMIT : v; }
}  // namespace core
