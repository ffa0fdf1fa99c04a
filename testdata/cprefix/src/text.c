#include "text.h"

int text_length(const char* s) {
  return (int)cp_clamp(strlen(s), 1000);
}
