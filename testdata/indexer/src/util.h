// Helpers shared by the sources.
#pragma once

#define CLAMP(x) ((x) < 0 ? 0 : (x))

inline double Pi() {
  return 3.14159;
}
