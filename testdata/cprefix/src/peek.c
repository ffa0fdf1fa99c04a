#include "peek.h"

int cp_peek_mode(void) {
  return 1;
}

int peek_first(const struct cp_buf* b) {
  return b->size ? b->data[0] : cp_peek_mode();
}
