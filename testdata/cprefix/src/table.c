#include "table.h"

int table_put(struct cp_buf* b, const char* key) {
  size_t n = cp_clamp(strlen(key), 64);
  if (cp_buf_grow(b, n) != 0) return -1;
  memcpy(b->data, key, n);
  return (int)n;
}

int cp_buf_grow(struct cp_buf* b, size_t n) {
  char* d = CP_ALLOC(cp_round(n));
  if (!d) return -1;
  free(b->data);
  b->data = d;
  b->size = n;
  return 0;
}
