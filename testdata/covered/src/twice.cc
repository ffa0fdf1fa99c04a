#include "twice.h"

#include <cstring>

#define NAME(x) x##Narrow
#include "twice.inc"
#undef NAME

#define NAME(x) x##Wide
#define WIDE
#include "twice.inc"
#undef WIDE
#undef NAME

int Width(const char* text, bool wide) {
  if (!*text) return 0;
  return wide ? WidthWide(text) : WidthNarrow(text);
}
