/* The header every source of the library includes first. */
#ifndef CPREFIX_COMMON_H
#define CPREFIX_COMMON_H

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define CP_MIN(a, b) ((a) < (b) ? (a) : (b))

struct cp_buf {
  char* data;
  size_t size;
};

static inline size_t cp_clamp(size_t n, size_t hi) {
  return CP_MIN(cp_round(n), hi);
}

int cp_buf_grow(struct cp_buf* b, size_t n);

/* Read by peek.h's sources only, where PEEK_H is defined before this header is. */
#ifdef PEEK_H
int cp_peek_mode(void);
#endif

/* An X-macro list without a guard: read here and again by late.c. */
#define CP_KIND(name) CP_KIND_##name,
enum cp_kind {
#include "kinds.def"
  CP_KIND_LAST
};
#undef CP_KIND

#endif
