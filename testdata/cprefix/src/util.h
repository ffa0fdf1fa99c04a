#if !defined(CPREFIX_UTIL_H)
#define CPREFIX_UTIL_H

#include <stddef.h>

#define CP_ALLOC(n) malloc(n)

/* The library's sources have it from config.h (a forced include), the test from here. */
#ifndef CP_CONFIG_ROUND
#define CP_CONFIG_ROUND 4
#endif

void cp_log(const char* msg);

static inline size_t cp_round(size_t n) {
  size_t r = CP_CONFIG_ROUND;
  return (n + r - 1) / r * r;
}

#endif
