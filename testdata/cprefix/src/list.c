// A comment before the first directive changes nothing.
/* Nor does a block comment
   over several lines. */
#include "common.h"

#include "list.h"

int list_count(const struct cp_buf* b) {
  return (int)CP_MIN(b->size, 100);
}
